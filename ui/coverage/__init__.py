"""The coverage dashboard page: controls, tables and charts, the population upload."""
