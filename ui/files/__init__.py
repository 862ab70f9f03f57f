"""The import and export page."""
