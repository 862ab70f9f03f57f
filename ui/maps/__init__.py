"""The BTS and points map pages: controls, the folium map, the panels beside it."""
