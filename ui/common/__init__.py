"""Building blocks every page uses: the text catalogue and language, labels, charts,
form widgets, selectable tables and the registry's refusals in words.
"""
