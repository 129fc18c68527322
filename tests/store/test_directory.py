"""Units sit exactly one level below their parent; people belong to a unit."""

from __future__ import annotations

import pytest

from store.directory import create_person, create_unit, descendant_unit_ids, get_unit, list_units
from store.errors import InvalidInput, NotFound


@pytest.fixture
def tree(store):
    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province")
        vl = create_unit(uow, code="VL", name="Huyện Vĩnh Linh", level="district", parent_id=qt.id)
        vg = create_unit(uow, code="VG", name="Xã Vĩnh Giang", level="commune", parent_id=vl.id)
        uow.commit()
    return qt, vl, vg


def count_units(store) -> int:
    with store.read() as s:
        return len(list_units(s))


def test_names_keep_their_diacritics(store, tree):
    with store.read() as s:
        assert get_unit(s, tree[2].id).name == "Xã Vĩnh Giang"


@pytest.mark.parametrize(
    ("level", "parent_key", "message"),
    [
        ("commune", 0, "phải là cấp huyện"),   # a commune directly under the province
        ("district", 1, "phải là cấp tỉnh"),   # a district under a district
        ("province", 0, "không có đơn vị cấp trên"),
        ("district", None, "cần đơn vị cấp tỉnh"),
        ("hamlet", None, "không hợp lệ"),
    ],
)
def test_a_parent_must_be_exactly_one_level_up(store, tree, level, parent_key, message):
    before = count_units(store)
    parent_id = tree[parent_key].id if parent_key is not None else None
    with pytest.raises(InvalidInput, match=message), store.uow() as uow:
        create_unit(uow, code="NEW", name="Đơn vị mới", level=level, parent_id=parent_id)
        uow.commit()
    assert count_units(store) == before


def test_unit_codes_are_unique(store, tree):
    with pytest.raises(InvalidInput, match="đã được dùng"), store.uow() as uow:
        create_unit(uow, code="QT", name="Tỉnh khác", level="province")


def test_descendants_reach_every_depth(store, tree):
    qt, vl, vg = tree
    with store.read() as s:
        assert descendant_unit_ids(s, qt.id) == {vl.id, vg.id}
        assert descendant_unit_ids(s, vg.id) == set()


def test_a_person_needs_an_existing_unit_and_a_unique_email(store, tree):
    with store.uow() as uow:
        p = create_person(uow, full_name="  Nguyễn   Văn Minh ", position="Chủ tịch UBND tỉnh", unit_id=tree[0].id,
                          email="Minh@QuangTri.gov.vn")
        uow.commit()
    assert p.full_name == "Nguyễn Văn Minh" and p.email == "minh@quangtri.gov.vn"
    with pytest.raises(NotFound), store.uow() as uow:
        create_person(uow, full_name="Ai đó", position="", unit_id=9999)
    with pytest.raises(InvalidInput, match="đã thuộc về"), store.uow() as uow:
        create_person(uow, full_name="Người khác", position="", unit_id=tree[0].id, email="minh@quangtri.gov.vn")
