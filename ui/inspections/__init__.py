"""The inspection pages: lists and plans, one inspection (checklist, violations,
photos, workflow) and the dashboard.
"""
