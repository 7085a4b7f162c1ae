"""English: the Vietnamese date and time formats (dd/mm/yyyy, 24-hour clock), with the
English separators of numbers."""

from emulation.formats.vi.formats import (
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
    NUMBER_GROUPING,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
)

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","

__all__ = [
    "DATE_FORMAT",
    "DATE_INPUT_FORMATS",
    "DATETIME_FORMAT",
    "DATETIME_INPUT_FORMATS",
    "DECIMAL_SEPARATOR",
    "FIRST_DAY_OF_WEEK",
    "NUMBER_GROUPING",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "THOUSAND_SEPARATOR",
    "TIME_FORMAT",
]
