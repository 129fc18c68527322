"""Identifier codes for inter-agency document exchange (mã định danh, QCVN 102:2016/BTTTT).

A code has four dot-separated fields, written from the lowest unit to the highest:
``NNN.NN.NN.XNN`` — the level-4 unit (three digits), level 3 (two), level 2 (two), and the
level-1 unit (a group letter, e.g. ``G`` for ministries or ``H`` for provinces, then two
digits). A unit higher up has zeros in the fields below it: a province's People's Committee
is ``000.00.00.H30``, a unit under a ministry ``000.00.04.G14``. So a field may only be
non-zero if every field to its right (higher up) is.
"""

from __future__ import annotations

import re

from store.errors import InvalidInput

IDENTIFIER = re.compile(r"^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$")


def clean_identifier(value: str | None) -> str | None:
    """The code, upper-cased and checked; None or blank means "none recorded"."""
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    match = IDENTIFIER.match(code)
    if match is None or _gap(match.groups()):
        raise InvalidInput(
            f"Mã định danh '{value.strip()}' không đúng dạng QCVN 102:2016/BTTTT (ví dụ 000.00.00.H30, 000.00.04.G14).",
            f"Identifier '{value.strip()}' is not in the QCVN 102:2016/BTTTT form (e.g. 000.00.00.H30, 000.00.04.G14).",
        )
    return code


def _gap(fields: tuple[str, ...]) -> bool:
    """A lower field set while a higher one is zero (e.g. ``001.00.00.H30``)."""
    level4, level3, level2, _ = fields
    return (level2 == "00" and (level3 != "00" or level4 != "000")) or (level3 == "00" and level4 != "000")
