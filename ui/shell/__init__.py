"""The app's frame: sign-in, role-aware menu and page guard, sidebar, session state,
links between pages and the home page.
"""
