"""Streamlit-side helpers of the app: language, session, menu, forms, rendering.

Pages import these; nothing here touches SQL or geometry (that is ``registry``'s
and ``geodata``'s work).
"""
