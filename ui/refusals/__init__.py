"""The Vietnamese table of the registry's refusals, one module per concern.

Each module holds ``VIETNAMESE``: code -> template (a :meth:`str.format` string over
the refusal's context, or a function of the context). :mod:`ui.common.messages`
merges them into one table and translates by code; English is the registry's own.
"""
