"""Nothing is written in nobody's name (issue 13): once anyone on a store has said who they are
(a PIN or their computer account), a change with no person is refused with one clear line and
writes nothing; the PIN is kept only as its scrypt hash and appears in no row. Both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from store.audit import verify_audit_chain
from store.directory import create_person, create_unit, list_persons
from store.directory.identity import (
    bind_os_user,
    check_pin,
    identity_of,
    person_for_os_user,
    pin_matches,
    set_pin,
)
from store.errors import ActorRequired, InvalidInput, PermissionDenied
from store.models import AuditEntry, PersonIdentity

PIN = "482913"


@pytest.fixture
def office(store):
    """A commune with two officials; the store is being set up, so no person is needed yet."""
    with store.uow() as uow:
        unit = create_unit(uow, code="VG", name="Xã Vĩnh Giang", level="commune", official_name="Ủy ban nhân dân xã "
                           "Vĩnh Giang", place_name="Vĩnh Giang", parent_id=create_unit(
                               uow, code="QT", name="Tỉnh Quảng Trị", level="province", place_name="Quảng Trị",
                               official_name="Ủy ban nhân dân tỉnh Quảng Trị").id)
        clerk = create_person(uow, full_name="Lê Thị Hoa", position="Văn thư", unit_id=unit.id)
        chair = create_person(uow, full_name="Trần Văn Nam", position="Chủ tịch", unit_id=unit.id)
        uow.commit()
    return unit.id, clerk.id, chair.id


def _audit(store) -> list[tuple[int | None, str, dict]]:
    with store.read() as s:
        return [(a.actor_id, a.action, a.details) for a in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def test_once_someone_has_a_pin_a_change_with_no_person_is_refused_and_writes_nothing(store, office):
    unit_id, clerk, _ = office
    with store.uow(clerk) as uow:
        set_pin(uow, clerk, PIN)
        uow.commit()
    before = (_audit(store), _people(store))
    with pytest.raises(ActorRequired) as refused, store.uow() as uow:
        create_person(uow, full_name="Phan Văn Tài", position="Chuyên viên", unit_id=unit_id)
        uow.commit()
    assert "Chưa biết ai làm việc này" in str(refused.value) and "Nobody is named" in str(refused.value)
    assert (_audit(store), _people(store)) == before
    with store.uow(clerk) as uow:
        create_person(uow, full_name="Phan Văn Tài", position="Chuyên viên", unit_id=unit_id)
        uow.commit()
    rows = _audit(store)
    assert rows[-1][:2] == (clerk, "person.create")
    assert all(actor is not None for actor, _, _ in rows[len(before[0]) - 1:])  # from the PIN on, always someone
    with store.read() as s:
        assert verify_audit_chain(s).ok


def _people(store):
    with store.read() as s:
        return [p.full_name for p in list_persons(s)]


def test_the_pin_is_kept_only_as_its_hash_and_checked(store, office):
    _, clerk, _ = office
    with store.uow(clerk) as uow:
        info = set_pin(uow, clerk, PIN)
        uow.commit()
    assert (info.has_pin, info.os_user) == (True, None)
    with store.read() as s:
        stored = s.get(PersonIdentity, clerk).pin_hash
        check_pin(s, clerk, PIN)
        with pytest.raises(PermissionDenied, match="Mã PIN không đúng"):
            check_pin(s, clerk, "000000")
    assert stored.startswith("scrypt$") and PIN not in stored and pin_matches(PIN, stored)
    assert all(PIN not in repr(details) and stored not in repr(details) for _, _, details in _audit(store))


def test_a_pin_is_changed_only_with_the_old_one_and_only_by_its_owner(store, office):
    _, clerk, chair = office
    with store.uow(clerk) as uow:
        set_pin(uow, clerk, PIN)
        uow.commit()
    with pytest.raises(PermissionDenied, match="Chỉ chính người đó"), store.uow(chair) as uow:
        set_pin(uow, clerk, "111111")
    with pytest.raises(PermissionDenied, match="mã PIN cũ"), store.uow(clerk) as uow:
        set_pin(uow, clerk, "222222")
    with pytest.raises(InvalidInput, match="ít nhất 6 chữ số"), store.uow(chair) as uow:
        set_pin(uow, chair, "12ab")
    with store.uow(clerk) as uow:
        set_pin(uow, clerk, "222222", current_pin=PIN)
        uow.commit()
    with store.read() as s:
        check_pin(s, clerk, "222222")
        with pytest.raises(PermissionDenied, match="chưa đặt mã PIN"):
            check_pin(s, chair, "123456")


def test_a_computer_account_names_one_person(store, office):
    _, clerk, chair = office
    with store.uow(clerk) as uow:
        bind_os_user(uow, clerk, "hoa")
        uow.commit()
    with pytest.raises(InvalidInput, match="đã gắn với người khác"), store.uow(chair) as uow:
        bind_os_user(uow, chair, "hoa")
    with store.read() as s:
        assert person_for_os_user(s, "hoa") == clerk
        assert person_for_os_user(s, "nam") is None
        assert identity_of(s, clerk).os_user == "hoa"
        assert s.scalar(select(func.count()).select_from(PersonIdentity)) == 1
    assert _audit(store)[-1] == (clerk, "person.os_user", {"os_user": "hoa"})


def test_naming_ones_account_does_not_take_over_someone_with_a_pin(store, office):
    _, clerk, _ = office
    with store.uow(clerk) as uow:
        set_pin(uow, clerk, PIN)
        uow.commit()
    with pytest.raises(PermissionDenied, match="nhập đúng mã PIN"), store.uow(clerk) as uow:
        bind_os_user(uow, clerk, "mallory")
    with store.uow(clerk) as uow:
        bind_os_user(uow, clerk, "hoa", pin=PIN)
        uow.commit()
    with store.read() as s:
        assert person_for_os_user(s, "mallory") is None and person_for_os_user(s, "hoa") == clerk
