from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from meetings.lifecycle import create_meeting
from store.clock import VN_TZ
from store.directory import UnitInfo, create_person, create_unit


@dataclass
class Province:
    qt: UnitInfo
    vl: UnitInfo
    dk: UnitInfo
    vg: UnitInfo
    ta_rut: UnitInfo
    other_province: UnitInfo
    chair: int
    secretary: int
    member: int


@pytest.fixture
def province(store) -> Province:
    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019", official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị")
        vl = create_unit(uow, code="VL", name="Huyện Vĩnh Linh", level="district", official_name="Ủy ban nhân dân huyện Vĩnh Linh", place_name="Vĩnh Linh", parent_id=qt.id)
        dk = create_unit(uow, code="DK", name="Huyện Đakrông", level="district", official_name="Ủy ban nhân dân huyện Đakrông", place_name="Đakrông", parent_id=qt.id)
        vg = create_unit(uow, code="VG", name="Xã Vĩnh Giang", level="commune", official_name="Ủy ban nhân dân xã Vĩnh Giang", place_name="Vĩnh Giang", parent_id=vl.id)
        tr = create_unit(uow, code="TR", name="Xã Tà Rụt", level="commune", official_name="Ủy ban nhân dân xã Tà Rụt", place_name="Tà Rụt", parent_id=dk.id)
        hue = create_unit(uow, code="TTH", name="Thành phố Huế", level="province", scheme="2019", official_name="Ủy ban nhân dân thành phố Huế", place_name="Huế")
        chair = create_person(uow, full_name="Nguyễn Văn Minh", position="Chủ tịch UBND tỉnh", unit_id=qt.id)
        sec = create_person(uow, full_name="Phạm Thị Ngọc Ánh", position="Chuyên viên", unit_id=qt.id)
        mem = create_person(uow, full_name="Võ Thanh Tùng", position="Chủ tịch UBND huyện", unit_id=vl.id)
        uow.commit()
    return Province(qt, vl, dk, vg, tr, hue, chair.id, sec.id, mem.id)


@pytest.fixture
def meeting(store, province):
    with store.uow(province.secretary) as uow:
        m = create_meeting(uow, unit_id=province.qt.id, title="Phiên họp UBND tỉnh tháng 12", kind="online",
                           starts_at=datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ),
                           ends_at=datetime(2026, 12, 8, 11, 30, tzinfo=VN_TZ), location="Phòng họp số 1")
        uow.commit()
    return m


def audit_count(store) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar_one()
