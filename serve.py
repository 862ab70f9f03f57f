"""Start the app with the routes that keep a session across reloads.

    python -m streamlit run serve.py

Streamlit serves ``app.py`` and its pages as usual; ``serve.py`` adds the two
routes of :mod:`ui.shell.session_routes` (``POST /auth/session``, ``POST
/auth/sign-out``) that set and clear the HttpOnly session cookie. Started as
``streamlit run app.py`` the app works the same, except that a reload signs the
user out (no route can set the cookie).
"""

import streamlit as st

from ui.shell.session_routes import session_routes

app = st.App("app.py", routes=session_routes())
