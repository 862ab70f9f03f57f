"""The reports page: choosing the area and period, the report and its downloads,
the department's clusters.
"""
