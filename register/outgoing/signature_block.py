"""Who may sign under which signature block (Decree 30 §4; DECREE30.md §4).

- no prefix: the head of the issuing unit signs in their own name (``CHỦ TỊCH``);
- ``TM.``: on behalf of a collective body, signed by its head (``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH``);
- ``KT.``: a deputy signs for the head (``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``);
- ``Q.``: the acting head (``Q. CHỦ TỊCH``);
- ``TL.``: by order of the head, signed by the head of one of the unit's own offices or
  agencies (``TL. CHỦ TỊCH`` / ``CHÁNH VĂN PHÒNG``).

A person's standing is read from their position (chức vụ, as the directory holds it) and the
unit they work in. A signer who does not fit is refused with what the block expects.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.text import fold_for_search
from register.outgoing.records import Authority
from store.directory.records import UnitKind
from store.errors import InvalidInput
from store.models import Person, Unit

#: Titles a position starts with, longest first (so "Phó Chủ tịch" is not read as "Chủ tịch").
_TITLES = ("Phó Chánh Văn phòng", "Chánh Văn phòng", "Quyền Chủ tịch", "Phó Chủ tịch", "Chủ tịch",
           "Quyền Giám đốc", "Phó Giám đốc", "Giám đốc", "Phó Trưởng phòng", "Trưởng phòng", "Phó Trưởng ban",
           "Trưởng ban", "Phó Chánh Thanh tra", "Chánh Thanh tra")


def title_of(position: str) -> str:
    """``Phó Chủ tịch UBND tỉnh`` → ``Phó Chủ tịch``; a position with no known title is kept whole."""
    folded = fold_for_search(position)
    for title in _TITLES:
        if folded.startswith(fold_for_search(title)):
            return title
    return position.strip()


def rank_of(position: str) -> str:
    """How a position signs: ``head``, ``acting``, ``deputy`` or ``other`` (by its title)."""
    folded = fold_for_search(position)
    if folded.startswith("quyen "):
        return "acting"
    if folded.startswith("pho "):
        return "deputy"
    if folded.startswith(("chu tich", "giam doc", "chanh ", "truong ", "bo truong", "thu truong")):
        return "head"
    return "other"


def head_title(unit: Unit) -> str:
    """What the head of the unit is called: CHỦ TỊCH of a People's Committee, GIÁM ĐỐC of a
    department, CHÁNH VĂN PHÒNG of an office, TRƯỞNG BAN of a board."""
    return {UnitKind.ADMINISTRATIVE: "Chủ tịch", UnitKind.AGENCY: "Giám đốc", UnitKind.OFFICE: "Chánh Văn phòng",
            UnitKind.BOARD: "Trưởng ban"}.get(UnitKind(unit.kind), "Thủ trưởng")


def collective_name(unit: Unit) -> str:
    """``Ủy ban nhân dân tỉnh Quảng Trị`` → ``ỦY BAN NHÂN DÂN`` (the TM. line names the body, not the place)."""
    if fold_for_search(unit.official_name).startswith("uy ban nhan dan"):
        return "ỦY BAN NHÂN DÂN"
    return unit.official_name.upper()


@dataclass(frozen=True)
class Block:
    """The lines above the signature (CAPS, bold) and the name under it."""

    lines: tuple[str, ...]
    name: str

    @property
    def heading(self) -> str:
        return " / ".join(self.lines)


def block_for(authority: Authority, unit: Unit, signer: Person) -> Block:
    head = head_title(unit).upper()
    own = title_of(signer.position).upper()
    lines: tuple[str, ...] = {
        Authority.OWN: (head,),
        Authority.TM: (f"TM. {collective_name(unit)}", head),
        Authority.KT: (f"KT. {head}", own if rank_of(signer.position) == "deputy" else f"PHÓ {head}"),
        Authority.Q: (f"Q. {head}",),
        Authority.TL: (f"TL. {head}", own),
    }[authority]
    return Block(lines, signer.full_name)


def check_signer(authority: Authority, unit: Unit, signer: Person, signer_unit: Unit, *, leads: bool = False) -> None:
    """Refuse a signer whose position does not fit the block, saying who is expected.
    ``leads``: the signer holds a leader's role (lãnh đạo) in ``unit`` without working in it, as
    the Chủ tịch who heads an advisory board (Ban Chỉ đạo) the UBND set up; it counts for a board
    only (a role in a People's Committee never makes someone of its office its Chủ tịch)."""
    rank = rank_of(signer.position)
    head = head_title(unit)
    in_unit = signer.unit_id == unit.id or (leads and UnitKind(unit.kind) == UnitKind.BOARD)
    in_own_office = signer_unit.parent_id == unit.id and UnitKind(signer_unit.kind) != UnitKind.ADMINISTRATIVE
    wanted: tuple[str, str] | None = None
    if authority in (Authority.OWN, Authority.TM) and not (in_unit and rank == "head"):
        wanted = (f"{head} của {unit.official_name}", f"the head ({head}) of {unit.official_name}")
    elif authority is Authority.KT and not (in_unit and rank == "deputy"):
        wanted = (f"một Phó {head.lower()} của {unit.official_name}", f"a deputy (Phó {head.lower()}) of "
                  f"{unit.official_name}")
    elif authority is Authority.Q and not (in_unit and rank == "acting"):
        wanted = (f"Quyền {head.lower()} của {unit.official_name}", f"the acting head (Quyền {head.lower()}) of "
                  f"{unit.official_name}")
    elif authority is Authority.TL and not (in_own_office and rank == "head"):
        wanted = (f"người đứng đầu văn phòng hoặc cơ quan chuyên môn của {unit.official_name} (vd. Chánh Văn phòng)",
                  f"the head of one of {unit.official_name}'s own offices or agencies (e.g. Chánh Văn phòng)")
    if wanted is None:
        return
    block = block_for(authority, unit, signer).heading
    position = signer.position or "chưa có chức vụ"
    raise InvalidInput(
        f"Khối chữ ký '{block}' cần {wanted[0]} ký; {signer.full_name} là {position}. "
        "Hãy chọn đúng người ký hoặc đúng hình thức ký (TM., KT., TL., Q.).",
        f"The signature block '{block}' must be signed by {wanted[1]}; {signer.full_name} is '{position}'. "
        "Choose the right signer or the right form (TM., KT., TL., Q.).")


def parse_authority(text: str | None) -> Authority:
    value = (text or "").strip().rstrip(".").upper()
    try:
        return Authority(value)
    except ValueError:
        raise InvalidInput(f"Hình thức ký '{text}' không có; chọn: TM, KT, TL, Q hoặc để trống.",
                           f"Unknown signing form '{text}'; choose TM, KT, TL, Q or none.") from None
