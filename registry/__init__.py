"""The registry domain: records, permissions, audit, persistence, import/export, CLI.

Never imports streamlit or folium; spatial work is delegated to ``geodata``.
"""
