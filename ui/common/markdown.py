"""User text inside Streamlit's markdown, shown as typed.

Headings, captions, alerts, expander and button labels and ``st.markdown`` all
render markdown: a record named ``![t](http://host/x.png)`` made every viewer's
browser fetch that image, ``[x](javascript:…)`` became a link and ``**`` bold.
:func:`literal` escapes what markdown would act on, so the text displays
literally; every text a user typed (names, addresses, notes, reasons, file
headers, refusals that quote them) goes through it before it reaches markdown.
Plain-text sinks (``st.dataframe``, ``st.text``, selectbox options) need nothing.
"""

from __future__ import annotations

import re

from ui.common.i18n import t

# Markdown's inline syntax anywhere in a line: escapes, code, emphasis,
# strikethrough, links and images (their brackets), raw HTML and autolinks,
# entities, LaTeX and table cells. An underscore between two letters or digits
# is no emphasis (site_code stays as it is); any other is escaped. GFM turns
# bare addresses into links: the colon of "http://" and the dot of "www." are
# escaped too.
_INLINE = re.compile(
    r"[\\`*~\[\]<>&$|]|(?<![^\W_])_|_(?![^\W_])|(?<=\w):(?=//)|(?i:(?<=www)\.)"
)
# Block syntax at the start of a line: headings, quotes, list items, setext rules.
_LINE_START = re.compile(r"^([ \t]*)([#>+\-=]|\d+(?=[.)]))", re.MULTILINE)


def literal(value: object) -> str:
    """``value`` as markdown that displays exactly its text (None as '')."""
    if value is None:
        return ""
    text = _INLINE.sub(lambda m: "\\" + m.group(), str(value))
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    indent, start = match.groups()
    if start[0].isdigit():  # "1." or "1)": escape the sign after the number
        return indent + start + "\\"
    return indent + "\\" + start


def text_md(key: str, **context: object) -> str:
    """:func:`ui.common.i18n.t` for a markdown element: the template's own
    formatting kept, every context value shown literally."""
    return t(key, **{name: literal(value) for name, value in context.items()})
