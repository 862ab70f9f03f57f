"""Numbers written the Vietnamese way: "." between thousands, "," before decimals."""

from __future__ import annotations

_SWAP = str.maketrans({",": ".", ".": ","})


def vi_number(value: float, decimals: int = 0) -> str:
    """``12345.6`` -> ``'12.345,6'`` with ``decimals`` digits after the comma."""
    return f"{value:,.{decimals}f}".translate(_SWAP)
