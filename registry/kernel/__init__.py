"""The registry's kernel: what every concern stands on.

Database engine and sessions (``db``), tables (``models``), settings declared once
(``settings``), the error hierarchy with codes (``errors``), the clock, the
append-only audit log (``audit``), dated status histories (``history``), the
vocabulary of records, operators and roles (``vocabulary``), working days, numbers
written the Vietnamese way, text cleaning, fast multi-row writes (``bulk``) and what
the stored data set is (``dataset``), and versioned rows: one writer at a time,
the loser told who changed the row and when (``versions``).

Use cases: none; these are the building blocks of the use cases of the other
packages.

May import: nothing else of the registry (and not ``geodata``).
"""
