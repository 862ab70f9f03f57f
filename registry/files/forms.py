"""placeholder"""


def from_form(table, record_type):
    return table
