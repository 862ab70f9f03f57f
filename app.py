"""Home page and entry point: sign-in, the figures of the user's area, recent changes.

Start with ``python -m streamlit run app.py``. The pages in ``pages/`` are listed in
the sidebar by role (see :mod:`ui.shell.menu`).
"""

import streamlit as st

from registry.access import permissions as perm
from registry.kernel.errors import RegistryError
from registry.records.activity import recent_changes
from registry.records.stats import compute_stats
from ui.common.i18n import t
from ui.common.markdown import text_md
from ui.common.messages import error_text
from ui.shell.home import render_changes, render_stats, render_succession
from ui.shell.menu import guard
from ui.shell.state import profile_of

registry, actor = guard("home")
profile = profile_of(registry, actor)
st.title(t("home.title"))
st.caption(text_md("home.welcome", name=profile.display_name))
render_succession(registry, actor)

try:
    stats = compute_stats(registry, actor)
    changes = recent_changes(registry, actor, limit=20)
except RegistryError as error:
    st.error(error_text(error))
    st.stop()

render_stats(stats, profile, reads_points=perm.allowed(actor, perm.READ, "point"))
render_changes(changes)
