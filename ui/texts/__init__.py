"""Texts of the user interface, one TOML file per area of the app.

Each ``<concern>.toml`` maps a key to ``[Vietnamese, English]`` (``str.format``
templates); :mod:`ui.common.i18n` reads and merges every file of this package.
Keys are unique across files (a test checks it), Vietnamese is stored NFC.
"""
