"""Choropleth classes from ``mapclassify``: zero apart, then up to five classes.

A count of sites per commune is mostly small numbers and many zeros; quantiles of
such values repeat edges and put zero together with one or two. So the units with
a value of exactly 0 form a class of their own, and the positive values are cut
into at most :data:`CLASSES` classes by natural breaks (Fisher–Jenks, which is
deterministic, unlike mapclassify's k-means ``NaturalBreaks``) or by quantiles.
Missing values (no figure at all) are class -1.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geodata.errors import InvalidInputError

__all__ = ["CLASSES", "SCHEMES", "Classes", "classify"]

CLASSES = 5
"""The most classes of positive values."""

SCHEMES = ("natural_breaks", "quantiles")
"""The classification schemes :func:`classify` knows."""

ZERO = 0
"""Class index of the units whose value is exactly 0."""


@dataclass(frozen=True)
class Classes:
    """The class of every value and the bounds of every class.

    Attributes
    ----------
    index : numpy.ndarray
        Per value: -1 when missing, 0 when exactly zero, 1..k for the positive
        classes (lowest first).
    bounds : list of tuple of float
        ``(lowest, highest)`` member value of classes 1..k, in order.
    has_zero : bool
        Whether any value is exactly zero (class 0 is shown only then).
    """

    index: np.ndarray
    bounds: list[tuple[float, float]]
    has_zero: bool

    @property
    def count(self) -> int:
        """How many positive classes there are."""
        return len(self.bounds)


def _upper_bins(positive: np.ndarray, k: int, scheme: str) -> np.ndarray:
    """Upper bounds of ``k`` classes of the positive values, by mapclassify."""
    import mapclassify

    if k == 1:
        return np.array([positive.max()])
    with warnings.catch_warnings():
        # Without numba, Fisher–Jenks says it runs in pure Python: 0.2 s for the
        # 480 communes of a province, and the map data (classes included) is cached.
        warnings.simplefilter("ignore", UserWarning)
        if scheme == "natural_breaks":
            found = mapclassify.FisherJenks(positive, k=k)
        else:
            found = mapclassify.Quantiles(positive, k=k)
    return np.asarray(found.bins, dtype=float)


def classify(
    values: pd.Series | np.ndarray,
    *,
    classes: int = CLASSES,
    scheme: str = "natural_breaks",
) -> Classes:
    """Put values into a zero class and at most ``classes`` positive classes.

    Parameters
    ----------
    values
        The figures (negative values are refused; NaN means no figure).
    classes
        The most positive classes (fewer when there are fewer distinct values).
    scheme
        ``natural_breaks`` (Fisher–Jenks) or ``quantiles``.

    Raises
    ------
    InvalidInputError
        An unknown scheme, a number of classes below 1, or negative values.
    """
    if scheme not in SCHEMES:
        raise InvalidInputError("scheme", scheme, " or ".join(SCHEMES))
    if not isinstance(classes, int) or classes < 1:
        raise InvalidInputError("classes", classes, "a whole number of at least 1")
    numbers = np.asarray(values, dtype=float)
    finite = np.isfinite(numbers)
    if (numbers[finite] < 0).any():
        raise InvalidInputError("values", values, "figures of 0 or more")
    index = np.full(len(numbers), -1, dtype=np.int64)
    zero = finite & (numbers == 0)
    index[zero] = ZERO
    positive_mask = finite & (numbers > 0)
    positive = numbers[positive_mask]
    bounds: list[tuple[float, float]] = []
    if len(positive):
        k = min(classes, len(np.unique(positive)))
        bins = np.unique(_upper_bins(positive, k, scheme))
        # A value belongs to the first class whose upper bound it does not exceed.
        klass = np.searchsorted(bins, positive, side="left")
        klass = np.minimum(klass, len(bins) - 1)
        # Drop classes left empty (quantiles of repeated values) and renumber.
        used = np.unique(klass)
        renumbered = np.searchsorted(used, klass) + 1
        index[positive_mask] = renumbered
        for c in range(1, len(used) + 1):
            members = positive[renumbered == c]
            bounds.append((float(members.min()), float(members.max())))
    return Classes(index=index, bounds=bounds, has_zero=bool(zero.any()))
