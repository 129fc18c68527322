"""An issuing unit with its office, a văn thư, a leader, a drafter and someone of another unit."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from store.accounts import set_clearance
from store.directory import create_person, create_unit, grant_role


@dataclass(frozen=True)
class Office:
    province: int   # UBND tỉnh Quảng Trị, abbreviation UBND
    office: int     # its Văn phòng, abbreviation VP
    commune: int    # UBND xã Vĩnh Giang
    clerk: int      # văn thư of the province, cleared for "mật"
    leader: int     # Chủ tịch
    drafter: int    # chuyên viên of the office, no role in the register
    commune_clerk: int


def build_office(store) -> Office:
    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019",
                         official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị").id
        vp = create_unit(uow, code="QT-VP", name="Văn phòng UBND tỉnh", kind="office", parent_id=qt).id
        vl = create_unit(uow, code="VL", name="Huyện Vĩnh Linh", level="district", parent_id=qt,
                         official_name="Ủy ban nhân dân huyện Vĩnh Linh", place_name="Vĩnh Linh").id
        vg = create_unit(uow, code="VG", name="Xã Vĩnh Giang", level="commune", parent_id=vl,
                         official_name="Ủy ban nhân dân xã Vĩnh Giang", place_name="Vĩnh Giang").id
        clerk = create_person(uow, full_name="Lê Thị Thu", position="Văn thư", unit_id=qt).id
        leader = create_person(uow, full_name="Nguyễn Văn Minh", position="Chủ tịch UBND tỉnh", unit_id=qt).id
        drafter = create_person(uow, full_name="Phạm Thị Ngọc Ánh", position="Chuyên viên", unit_id=vp).id
        commune_clerk = create_person(uow, full_name="Hoàng Văn Bình", position="Văn thư", unit_id=vg).id
        grant_role(uow, clerk, qt, "van_thu")
        grant_role(uow, commune_clerk, vg, "van_thu")
        grant_role(uow, leader, qt, "lanh_dao")
        grant_role(uow, drafter, vp, "chuyen_vien")
        set_clearance(uow, clerk, "mat")
        uow.commit()
    return Office(qt, vp, vg, clerk, leader, drafter, commune_clerk)


@pytest.fixture
def office(store) -> Office:
    return build_office(store)
