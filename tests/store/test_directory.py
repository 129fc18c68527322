"""The map is data: units sit where their scheme's levels allow; agencies belong to a body;
names, place names, abbreviations and identifiers are stored, never derived; people hold
roles in units."""

from __future__ import annotations

from datetime import date

import pytest

from store.directory import (
    Role,
    UnitKind,
    body_of,
    clerks_of,
    create_person,
    create_unit,
    current_scheme,
    descendant_unit_ids,
    edit_person,
    edit_unit,
    end_role,
    get_unit,
    grant_role,
    holders,
    list_schemes,
    list_units,
    use_scheme,
)
from store.errors import ConflictError, InvalidInput, NotFound


def ubnd(uow, code, name, level, place, parent_id=None, **kw):
    """An administrative body with its official name written out, as an office would enter it."""
    return create_unit(uow, code=code, name=name, level=level, parent_id=parent_id, place_name=place,
                       official_name=f"Ủy ban nhân dân {name[0].lower()}{name[1:]}", **kw)


@pytest.fixture
def map2025(store):
    with store.uow() as uow:
        cp = create_unit(uow, code="CP", name="Chính phủ", level="central", official_name="Chính phủ",
                         place_name="Hà Nội")
        qt = ubnd(uow, "QT", "Tỉnh Quảng Trị", "province", "Quảng Trị", cp.id, identifier="000.00.00.h48")
        dh = ubnd(uow, "DH", "Phường Đồng Hới", "commune", "Đồng Hới", qt.id)
        cc = ubnd(uow, "CC", "Đặc khu Cồn Cỏ", "commune", "Cồn Cỏ", qt.id)
        uow.commit()
    return cp, qt, dh, cc


@pytest.fixture
def tree2019(store):
    with store.uow() as uow:
        qt = ubnd(uow, "QT", "Tỉnh Quảng Trị", "province", "Quảng Trị", scheme="2019")
        vl = ubnd(uow, "VL", "Huyện Vĩnh Linh", "district", "Vĩnh Linh", qt.id)
        vg = ubnd(uow, "VG", "Xã Vĩnh Giang", "commune", "Vĩnh Giang", vl.id)
        uow.commit()
    return qt, vl, vg


def count_units(store) -> int:
    with store.read() as s:
        return len(list_units(s))


def test_a_new_store_is_on_the_2025_map_and_keeps_the_2019_one_as_data(store):
    with store.read() as s:
        schemes = {sc.code: sc for sc in list_schemes(s)}
        assert current_scheme(s).code == "2025"
    new, old = schemes["2025"], schemes["2019"]
    assert [(lv.code, lv.short) for lv in new.levels] == [("central", "trung ương"), ("province", "tỉnh"),
                                                           ("commune", "xã")]
    assert new.level("commune").name == "xã, phường, đặc khu" and new.level("commune").parents == ("province",)
    assert [(lv.code, lv.short) for lv in old.levels] == [("province", "tỉnh"), ("district", "huyện"),
                                                           ("commune", "xã")]
    assert old.level("commune").name == "xã, phường, thị trấn" and old.level("commune").parents == ("district",)
    assert new.may_hold("province", "commune") and not old.may_hold("province", "commune")


def test_on_the_2025_map_a_commune_sits_directly_under_its_province(store, map2025):
    cp, qt, dh, cc = map2025
    with store.read() as s:
        assert get_unit(s, cc.id).name == "Đặc khu Cồn Cỏ"
        assert get_unit(s, dh.id).place_name == "Đồng Hới"
        assert get_unit(s, qt.id).identifier == "000.00.00.H48"  # stored upper-case
        assert descendant_unit_ids(s, cp.id) == {qt.id, dh.id, cc.id}
    assert (qt.scheme, qt.level, dh.level, qt.abbreviation, cp.abbreviation) == ("2025", "province", "commune",
                                                                                 "UBND", "CP")


@pytest.mark.parametrize(
    ("level", "parent_key", "message"),
    [
        ("commune", "DH", "không thể trực thuộc 'Phường Đồng Hới' \\(cấp xã\\); dưới cấp xã chỉ có: không có cấp nào"),
        ("province", "QT", "dưới cấp tỉnh chỉ có: cấp xã"),
        ("commune", None, "phải thuộc một đơn vị cấp tỉnh"),
        ("district", "QT", "Cấp 'district' không có trong hệ thống 2025; chọn một trong: central \\(trung ương\\)"),
    ],
)
def test_on_the_2025_map_misplaced_units_are_refused_and_nothing_is_written(store, map2025, level, parent_key, message):
    ids = {u.code: u.id for u in map2025}
    before = count_units(store)
    with pytest.raises(InvalidInput, match=message), store.uow() as uow:
        ubnd(uow, "NEW", "Xã Mới", level, "Mới", ids.get(parent_key))
        uow.commit()
    assert count_units(store) == before


@pytest.mark.parametrize(
    ("level", "parent_key", "message"),
    [
        ("commune", 0, "dưới cấp tỉnh chỉ có: cấp huyện"),  # a commune directly under the province
        ("district", 1, "dưới cấp huyện chỉ có: cấp xã"),  # a district under a district
        ("province", 0, "dưới cấp tỉnh chỉ có: cấp huyện"),
        ("district", None, "phải thuộc một đơn vị cấp tỉnh"),
        ("hamlet", None, "Cấp 'hamlet' không có trong hệ thống 2019"),
    ],
)
def test_on_the_2019_map_a_unit_sits_exactly_one_level_down(store, tree2019, level, parent_key, message):
    before = count_units(store)
    parent_id = tree2019[parent_key].id if parent_key is not None else None
    with pytest.raises(InvalidInput, match=message), store.uow() as uow:
        ubnd(uow, "NEW", "Đơn vị mới", level, "Mới", parent_id, scheme=None if parent_id else "2019")
        uow.commit()
    assert count_units(store) == before
    assert tree2019[2].scheme == "2019"  # children take their parent's scheme


def test_a_store_chooses_its_starting_scheme_only_while_it_is_empty(store):
    with store.uow() as uow:
        assert use_scheme(uow, "2019").current
        ubnd(uow, "QT", "Tỉnh Quảng Trị", "province", "Quảng Trị")
        uow.commit()
    with store.read() as s:
        assert current_scheme(s).code == "2019"
    with pytest.raises(InvalidInput, match="quyết định sắp xếp"), store.uow() as uow:
        use_scheme(uow, "2025")
    with pytest.raises(InvalidInput, match="Không có hệ thống cấp hành chính '2030'"), store.uow() as uow:
        use_scheme(uow, "2030")


def test_agencies_belong_to_a_body_and_share_its_level_and_place(store, map2025):
    cp, qt, dh, cc = map2025
    with store.uow() as uow:
        stc = create_unit(uow, code="QT-STC", name="Sở Tài chính", kind="agency", parent_id=qt.id, abbreviation="STC")
        vp = create_unit(uow, code="QT-VP", name="Văn phòng Ủy ban nhân dân tỉnh", kind=UnitKind.OFFICE,
                         parent_id=qt.id, short_name="Văn phòng UBND tỉnh")
        phong = create_unit(uow, code="QT-STC-NS", name="Phòng Ngân sách", kind="agency", parent_id=stc.id,
                            abbreviation="NS")
        uow.commit()
    assert (stc.level, stc.scheme, stc.place_name, stc.official_name, stc.kind) == (
        "province", "2025", "Quảng Trị", "Sở Tài chính", UnitKind.AGENCY)
    assert (vp.abbreviation, vp.short_name) == ("VP", "Văn phòng UBND tỉnh")
    with store.read() as s:
        assert body_of(s, phong.id).id == qt.id and body_of(s, qt.id).id == qt.id
    with pytest.raises(InvalidInput, match="chữ viết tắt"), store.uow() as uow:
        create_unit(uow, code="QT-SNV", name="Sở Nội vụ", kind="agency", parent_id=qt.id)
    with pytest.raises(InvalidInput, match="phải thuộc một cơ quan"), store.uow() as uow:
        create_unit(uow, code="X", name="Ban X", kind="board", abbreviation="BX")
    with pytest.raises(InvalidInput, match="không thể có đơn vị hành chính trực thuộc"), store.uow() as uow:
        ubnd(uow, "X", "Xã X", "commune", "X", stc.id)
    with pytest.raises(InvalidInput, match="Loại đơn vị 'council' không hợp lệ"), store.uow() as uow:
        create_unit(uow, code="X", name="Hội đồng", kind="council", parent_id=qt.id, abbreviation="HĐ")


def test_an_administrative_body_needs_its_official_and_place_names_written_out(store, map2025):
    qt = map2025[1]
    with pytest.raises(InvalidInput, match="tên chính thức"), store.uow() as uow:
        create_unit(uow, code="X", name="Xã Bến Quan", level="commune", parent_id=qt.id, place_name="Bến Quan")
    with pytest.raises(InvalidInput, match="địa danh"), store.uow() as uow:
        create_unit(uow, code="X", name="Xã Bến Quan", level="commune", parent_id=qt.id,
                    official_name="Ủy ban nhân dân xã Bến Quan")


@pytest.mark.parametrize("bad", ["H48", "000.00.00.48", "001.00.00.H48", "000.01.00.H48", "000.00.00.HH8", "0.0.0.H48"])
def test_identifiers_follow_qcvn_102(store, map2025, bad):
    with pytest.raises(InvalidInput, match="QCVN 102:2016"), store.uow() as uow:
        edit_unit(uow, map2025[2].id, identifier=bad)


def test_codes_identifiers_and_names_under_one_parent_are_unique(store, map2025):
    cp, qt, dh, cc = map2025
    with pytest.raises(InvalidInput, match="Mã đơn vị 'QT' đã được dùng"), store.uow() as uow:
        ubnd(uow, "QT", "Tỉnh khác", "province", "khác", cp.id)
    with pytest.raises(InvalidInput, match="Đã có đơn vị tên 'Phường Đồng Hới'"), store.uow() as uow:
        ubnd(uow, "DH2", "phường  Đồng Hới", "commune", "Đồng Hới", qt.id)
    with pytest.raises(InvalidInput, match="đã thuộc về đơn vị khác"), store.uow() as uow:
        edit_unit(uow, dh.id, identifier="000.00.00.H48")
    with store.uow() as uow:  # the same name under another body is another unit
        create_unit(uow, code="QT-STC", name="Sở Tài chính", kind="agency", parent_id=qt.id, abbreviation="STC")
        create_unit(uow, code="CP-BTC", name="Sở Tài chính", kind="agency", parent_id=cp.id, abbreviation="STC")
        uow.commit()


def test_a_correction_is_audited_and_a_stale_one_is_a_conflict(store, map2025, clock):
    dh = map2025[2]
    with store.uow() as uow:
        fixed = edit_unit(uow, dh.id, expected_version=dh.version, short_name="UBND phường Đồng Hới",
                          identifier=" 000.00.01.h48 ")
        uow.commit()
    assert (fixed.short_name, fixed.identifier, fixed.version) == ("UBND phường Đồng Hới", "000.00.01.H48",
                                                                   dh.version + 1)
    with pytest.raises(ConflictError), store.uow() as uow:
        edit_unit(uow, dh.id, expected_version=dh.version, short_name="cũ")
    with pytest.raises(InvalidInput, match="Không sửa được: level, parent_id"), store.uow() as uow:
        edit_unit(uow, dh.id, level="province", parent_id=None)
    with store.engine.connect() as conn:
        actions = conn.exec_driver_sql("SELECT action FROM audit_log ORDER BY seq").scalars().all()
    assert actions[-1] == "unit.edit"


def test_people_hold_roles_in_units_with_dates(store, map2025):
    qt = map2025[1]
    with store.uow() as uow:
        clerk = create_person(uow, full_name="Phạm Thị Ngọc Ánh", position="Văn thư", unit_id=qt.id)
        chair = create_person(uow, full_name="Nguyễn Văn Minh", position="Chủ tịch UBND tỉnh", unit_id=qt.id)
        grant_role(uow, clerk.id, qt.id, "van_thu", since=date(2025, 7, 1))
        grant_role(uow, clerk.id, qt.id, Role.VAN_THU)  # already held open-ended: not doubled
        grant_role(uow, chair.id, qt.id, Role.THANH_VIEN)
        grant_role(uow, chair.id, qt.id, Role.LANH_DAO)
        uow.commit()
    with store.read() as s:
        assert [r.full_name for r in clerks_of(s, qt.id, on=date(2026, 12, 1))] == ["Phạm Thị Ngọc Ánh"]
        assert clerks_of(s, qt.id, on=date(2025, 6, 30)) == []
        assert [r.person_id for r in holders(s, qt.id, "thanh_vien", on=date(2026, 1, 1))] == [chair.id]
    with store.uow() as uow:
        end_role(uow, clerk.id, qt.id, "van_thu", on=date(2026, 11, 30))
        uow.commit()
    with store.read() as s:
        assert clerks_of(s, qt.id, on=date(2026, 12, 1)) == []
        assert len(clerks_of(s, qt.id, on=date(2026, 11, 1))) == 1
    with pytest.raises(InvalidInput, match="Vai trò 'thu_quy' không hợp lệ"), store.uow() as uow:
        grant_role(uow, clerk.id, qt.id, "thu_quy")
    with pytest.raises(NotFound, match="không giữ vai trò văn thư"), store.uow() as uow:
        end_role(uow, clerk.id, qt.id, "van_thu")


def test_a_person_needs_an_existing_unit_and_a_unique_email(store, map2025):
    qt = map2025[1]
    with store.uow() as uow:
        p = create_person(uow, full_name="  Nguyễn   Văn Minh ", position="Chủ tịch UBND tỉnh", unit_id=qt.id,
                          email="Minh@QuangTri.gov.vn")
        uow.commit()
    assert p.full_name == "Nguyễn Văn Minh" and p.email == "minh@quangtri.gov.vn"
    with pytest.raises(NotFound), store.uow() as uow:
        create_person(uow, full_name="Ai đó", position="", unit_id=9999)
    with pytest.raises(InvalidInput, match="đã thuộc về"), store.uow() as uow:
        create_person(uow, full_name="Người khác", position="", unit_id=qt.id, email="minh@quangtri.gov.vn")
    with store.uow() as uow:
        moved = edit_person(uow, p.id, expected_version=p.version, unit_id=map2025[2].id, position="Bí thư")
        uow.commit()
    assert (moved.unit_id, moved.position) == (map2025[2].id, "Bí thư")
