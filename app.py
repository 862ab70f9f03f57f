"""Home page and entry point: sign-in, the figures of the user's area, recent changes.

Start with ``python -m streamlit run app.py``. The pages in ``pages/`` are listed in
the sidebar by role (see :mod:`ui.menu`).
"""

import streamlit as st

from registry import permissions as perm
from registry.activity import recent_changes
from registry.errors import RegistryError
from registry.stats import compute_stats
from ui.home import render_changes, render_stats
from ui.i18n import t
from ui.menu import guard
from ui.state import profile_of

registry, actor = guard("home")
profile = profile_of(registry, actor)
st.title(t("home.title"))
st.caption(t("home.welcome", name=profile.display_name))

try:
    stats = compute_stats(registry, actor)
    changes = recent_changes(registry, actor, limit=20)
except RegistryError as error:
    st.error(str(error))
    st.stop()

render_stats(stats, profile, reads_points=perm.allowed(actor, perm.READ, "point"))
render_changes(changes)
