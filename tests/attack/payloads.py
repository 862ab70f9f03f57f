"""Hostile strings the attack suite puts through every text field and sink.

:data:`STORED` are texts a user may type: each must be stored exactly as typed
and reach every sink as text (never markup, a formula, a link, an image or an
element). :data:`REFUSED` hold control or direction-override characters: every
service refuses them, naming the field. :func:`too_long` makes a text one
character over a column's limit, refused too; :func:`at_limit` one exactly at
it, stored.
"""

from __future__ import annotations

from registry.kernel.text import column_limit

# An address nothing listens on: a fetch of it shows up in the request log.
IMAGE_URL = "http://127.0.0.1:9/x.png"

STORED = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "]]><x>injected</x><![CDATA[",
    '=HYPERLINK("http://evil.example/x","Mở")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    f"![t]({IMAGE_URL})",
    "[x](javascript:alert(1))",
    "'; DROP TABLE bts_sites; --",
    "**đậm** _nghiêng_ `mã` # tiêu đề",
    "${alert(1)} `${alert(2)}` {{7*7}}",
    # Branca rendered map scripts twice as Jinja: this ran on the server.
    "{{ cycler.__init__.__globals__.os.getcwd() }}",
    "Trạm Hưng Dũng & <b>Vinh</b>",
)

REFUSED = (
    "Trạm\x00Vinh",  # NUL
    "Trạm \u202egnp.exe",  # right-to-left override
    "Trạm \u2066Vinh\u2069",  # isolates
    "Trạm\x1b[31m đỏ",  # escape (C0)
    "Trạm\x85Vinh",  # NEL (C1)
)

# What a sink must never contain unescaped: any of these means a payload ran.
MARKUP = ("<script", "<img", "<svg", "<x>", "onerror=", "onload=")


def too_long(column) -> str:
    """A text one character longer than ``column`` holds."""
    return "x" * (column_limit(column) + 1)


def at_limit(column) -> str:
    """A text exactly as long as ``column`` holds."""
    return "y" * column_limit(column)
