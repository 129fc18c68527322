"""What the directory hands out: frozen dataclasses and the enums they carry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class UnitKind(StrEnum):
    """What a unit is. An administrative body governs a level of the map (Chính phủ, the
    People's Committee of a province or commune); the others belong to one."""

    ADMINISTRATIVE = "administrative"  # Chính phủ, UBND tỉnh, UBND xã …
    OFFICE = "office"  # Văn phòng UBND
    AGENCY = "agency"  # cơ quan chuyên môn: Sở …, phòng …
    BOARD = "board"  # ban …

    @property
    def vi(self) -> str:
        return KIND_VI[self]


KIND_VI = {
    UnitKind.ADMINISTRATIVE: "cơ quan hành chính",
    UnitKind.OFFICE: "văn phòng",
    UnitKind.AGENCY: "cơ quan chuyên môn (sở, phòng)",
    UnitKind.BOARD: "ban",
}


class Role(StrEnum):
    """A person's role in a unit, beside their position (chức vụ)."""

    VAN_THU = "van_thu"  # keeps the register and the seal
    THU_KY = "thu_ky"  # keeps meeting records
    LANH_DAO = "lanh_dao"  # leads the unit (chủ tịch, phó chủ tịch, giám đốc …)
    CHUYEN_VIEN = "chuyen_vien"  # drafts and handles documents
    DAI_BIEU = "dai_bieu"  # attends meetings as a delegate; does not count towards the quorum
    THANH_VIEN = "thanh_vien"  # a member of the body: counts towards its quorum and votes

    @property
    def vi(self) -> str:
        return ROLE_VI[self]


ROLE_VI = {
    Role.VAN_THU: "văn thư",
    Role.THU_KY: "thư ký",
    Role.LANH_DAO: "lãnh đạo",
    Role.CHUYEN_VIEN: "chuyên viên",
    Role.DAI_BIEU: "đại biểu",
    Role.THANH_VIEN: "thành viên",
}


@dataclass(frozen=True)
class LevelInfo:
    scheme: str
    code: str
    rank: int
    name: str  # "xã, phường, đặc khu"
    short: str  # "xã"
    name_en: str
    short_en: str
    may_be_root: bool
    default_abbreviation: str
    parents: tuple[str, ...]  # level codes that may hold this level directly

    def as_json(self) -> dict[str, Any]:
        return {"scheme": self.scheme, "code": self.code, "rank": self.rank, "name": self.name, "short": self.short,
                "name_en": self.name_en, "may_be_root": self.may_be_root, "parents": list(self.parents)}


@dataclass(frozen=True)
class SchemeInfo:
    code: str
    name: str
    valid_from: date | None
    valid_to: date | None
    current: bool
    levels: tuple[LevelInfo, ...]

    def level(self, code: str) -> LevelInfo | None:
        return next((lv for lv in self.levels if lv.code == code), None)

    def may_hold(self, parent_level: str | None, child_level: str) -> bool:
        """Whether a unit of ``child_level`` may sit under one of ``parent_level`` (None: at the top)."""
        level = self.level(child_level)
        if level is None:
            return False
        return level.may_be_root if parent_level is None else parent_level in level.parents

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "current": self.current,
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_to": self.valid_to.isoformat() if self.valid_to else None,
                "levels": [lv.as_json() for lv in self.levels]}


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str  # "Tỉnh Quảng Trị", "Sở Tài chính"
    level: str
    parent_id: int | None
    scheme: str
    kind: UnitKind
    official_name: str  # "Ủy ban nhân dân tỉnh Quảng Trị": headers, minutes, covers
    short_name: str  # "UBND tỉnh Quảng Trị": the line above a subordinate's name, tight lists
    place_name: str  # địa danh in date lines: "Quảng Trị"
    abbreviation: str  # in document symbols: "UBND", "STC", "VP"
    identifier: str | None  # mã định danh (QCVN 102:2016/BTTTT)
    valid_from: date | None
    valid_to: date | None
    successor_id: int | None
    version: int

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    @property
    def administrative(self) -> bool:
        return self.kind == UnitKind.ADMINISTRATIVE

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "code": self.code, "name": self.name, "level": self.level, "parent_id": self.parent_id,
                "scheme": self.scheme, "kind": str(self.kind), "official_name": self.official_name,
                "short_name": self.short_name, "place_name": self.place_name, "abbreviation": self.abbreviation,
                "identifier": self.identifier,
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_to": self.valid_to.isoformat() if self.valid_to else None,
                "successor_id": self.successor_id}


@dataclass(frozen=True)
class PersonInfo:
    id: int
    full_name: str
    position: str
    unit_id: int
    email: str | None
    active: bool
    version: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "full_name": self.full_name, "position": self.position, "unit_id": self.unit_id,
                "email": self.email, "active": self.active}


@dataclass(frozen=True)
class RoleInfo:
    id: int
    person_id: int
    full_name: str
    unit_id: int
    role: Role
    since: date | None
    until: date | None

    def held_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "person_id": self.person_id, "full_name": self.full_name, "unit_id": self.unit_id,
                "role": str(self.role), "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None}
