"""Command-line mistakes in the language of the rest of the CLI.

argparse speaks English and prints a usage block. ``VietnameseArgumentParser`` (every subparser
too: argparse makes them of the parent's class) turns its messages into the CLI's one plain
line, Vietnamese then English, with a hint to the right ``--help``, and exit code 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

_TYPES_VI = {"int": "số nguyên", "float": "số", "Path": "đường dẫn"}

#: argparse's English messages (Python 3.11-3.13) and their Vietnamese; the rest keep the
#: argument's name and the text a type function raised (ours already write Vietnamese).
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), vi) for p, vi in (
    (r"^the following arguments are required: (?P<a>.+)$", "thiếu tham số bắt buộc: {a}"),
    (r"^unrecognized arguments: (?P<a>.+)$", "không hiểu tham số: {a}"),
    (r"^one of the arguments (?P<a>.+) is required$", "cần một trong các tham số: {a}"),
    (r"^ambiguous option: (?P<a>\S+) could match (?P<b>.+)$", "tùy chọn {a} không rõ, có thể là: {b}"),
    (r"^argument (?P<a>\S+): invalid choice: (?P<b>.+?) \(choose from (?P<c>.+)\)$",
     "tham số {a}: không có lựa chọn {b} (chọn một trong: {c})"),
    (r"^argument (?P<a>\S+): invalid (?P<t>\w+) value: (?P<b>.+)$", "tham số {a}: {b} không phải {t_vi} hợp lệ"),
    (r"^argument (?P<a>\S+): expected one argument$", "tham số {a} cần một giá trị"),
    (r"^argument (?P<a>\S+): expected at least one argument$", "tham số {a} cần ít nhất một giá trị"),
    (r"^argument (?P<a>\S+): expected (?P<n>\d+) arguments$", "tham số {a} cần {n} giá trị"),
    (r"^argument (?P<a>\S+): not allowed with argument (?P<b>\S+)$", "tham số {a} không dùng cùng với {b}"),
    (r"^argument (?P<a>\S+): ignored explicit argument (?P<b>.+)$", "tham số {a} không nhận giá trị {b}"),
    (r"^argument (?P<a>\S+): (?P<b>.+)$", "tham số {a}: {b}"),
))


def vietnamese(message: str) -> str:
    """argparse's English message in Vietnamese (unchanged when it is not one argparse writes)."""
    for pattern, vi in _PATTERNS:
        match = pattern.match(message)
        if match:
            parts = match.groupdict()
            parts["t_vi"] = _TYPES_VI.get(parts.get("t") or "", parts.get("t") or "")
            return vi.format(**parts)
    return message


class VietnameseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        vi = vietnamese(message)
        en = message.split(" (choose from ")[0]  # the choices are listed once, in the Vietnamese half
        # A type function's own message is already both languages (ui.commands.numbers): once.
        text = message if vi == message else vi if " — " in message else f"{vi} — {en}"
        print(f"{self.prog}: {text}. Xem — see: {self.prog} --help", file=sys.stderr)
        sys.exit(2)
