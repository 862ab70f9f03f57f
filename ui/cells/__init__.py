"""Building blocks of the cell-observation page."""
