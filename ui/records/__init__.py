"""The registry page: record tables, one record with its history, the forms."""
