"""The whole numbers commands take, checked while the command line is parsed.

Ids, versions and counts end up compared with integer columns: PostgreSQL's ``integer`` stops at
2^31 − 1 and SQLite's at 2^63 − 1, and a larger number made the driver fail (exit 70) instead of
finding nothing. One bound for both databases, so a store moved from one to the other answers
alike: a number outside it is refused here, exit 2, before the store is opened.
"""

from __future__ import annotations

import argparse

#: The largest value of a PostgreSQL ``integer`` column (every id and version is one).
MAX_INT = 2**31 - 1


def _parse(text: str, what_vi: str, what_en: str) -> int:
    try:
        return int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải số nguyên ({what_vi}) — invalid int value '{text}' ({what_en})") from None


def record_id(text: str) -> int:
    """An id of a unit, person, meeting, document, vote…: 1 to 2^31 − 1."""
    value = _parse(text, "số hiệu là số nguyên dương", "an id is a positive whole number")
    if not 1 <= value <= MAX_INT:
        raise argparse.ArgumentTypeError(
            f"số hiệu phải từ 1 đến {MAX_INT}; không có bản ghi {text} — "
            f"ids run from 1 to {MAX_INT}; there is no record {text}")
    return value


def count(text: str) -> int:
    """A version, a limit, a number of minutes or days: 0 to 2^31 − 1."""
    value = _parse(text, "từ 0 trở lên", "a whole number from 0 up")
    if not 0 <= value <= MAX_INT:
        raise argparse.ArgumentTypeError(f"số phải từ 0 đến {MAX_INT} — the number must be from 0 to {MAX_INT}")
    return value
