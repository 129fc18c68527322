"""Who signs a meeting's papers, and how the signature block reads (Decree 30 §4, DECREE30.md).

An office signs its meeting papers by its own practice: a People's Committee's invitations,
programmes and conclusion notices are usually signed by the Chief of Office "by order" of the
Chairman (``TL. CHỦ TỊCH`` / ``CHÁNH VĂN PHÒNG``), or by a Vice-Chairman for the collective
(``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``). The block follows from the
signer's position; an office with another practice writes the authority lines itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.errors import InvalidInput

#: The body a People's Committee signs for (TM.): its name in the authority line.
COMMITTEE = "ỦY BAN NHÂN DÂN"


@dataclass(frozen=True)
class SignerBlock:
    """Ô 7a-7c: authority lines (``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``), title, full name."""

    authority: str  # several lines joined by "\n"; may be empty
    title: str
    name: str
    person_id: int | None = None

    def lines(self) -> list[str]:
        return [*(ln for ln in self.authority.splitlines() if ln.strip()), self.title]


#: (position starts with, authority lines, title): most specific first.
_PRACTICE: tuple[tuple[str, str, str], ...] = (
    ("phó chánh văn phòng", "TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
    ("chánh văn phòng", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
    ("phó chủ tịch", f"TM. {COMMITTEE}\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("chủ tịch", f"TM. {COMMITTEE}", "CHỦ TỊCH"),
)


def signer_block(full_name: str, position: str, *, authority: str | None = None, person_id: int | None = None
                 ) -> SignerBlock:
    """The block for a signer by the office's usual practice; ``authority`` (lines separated by
    "\\n" or " / ") replaces the authority lines when the office signs another way."""
    folded = " ".join(position.casefold().split())
    practice = next(((a, t) for start, a, t in _PRACTICE if folded.startswith(start)), None)
    auth, title = practice if practice else ("", position.strip().upper())
    if authority is not None:
        lines = [ln.strip().upper() for ln in authority.replace(" / ", "\n").splitlines() if ln.strip()]
        if any(ln.split(".")[0] not in PREFIXES for ln in lines):
            raise InvalidInput(
                f"Dòng thẩm quyền ký phải bắt đầu bằng {', '.join(p + '.' for p in PREFIXES)} (Nghị định 30): "
                f"'{authority}'.",
                f"Each authority line must start with {', '.join(p + '.' for p in PREFIXES)} (Decree 30): '{authority}'.")
        auth = "\n".join(lines)
    if not title:
        raise InvalidInput(f"{full_name} chưa có chức vụ để ghi vào khối chữ ký.",
                           f"{full_name} has no position to print in the signature block.")
    return SignerBlock(auth, title, full_name, person_id)


#: Decree 30 Điều 13: on behalf of the collective, by deputy, acting, by order, by authorisation.
PREFIXES = ("TM", "KT", "Q", "TL", "TUQ")
