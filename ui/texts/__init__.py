"""Texts of the user interface, one module per area of the app.

Each module defines ``TEXTS: dict[str, tuple[str, str]]`` mapping a key to its
(Vietnamese, English) text; :mod:`ui.common.i18n` merges every module of this package.
Keys are unique across modules (a test checks it), Vietnamese is stored NFC.
"""
