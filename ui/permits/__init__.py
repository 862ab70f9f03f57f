"""The permits page: inboxes, filing, one application and its actions, the
delegation matrix and the report.
"""
