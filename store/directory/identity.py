"""Who is at this desktop, on a store with no logins (embedded mode).

A shared store knows each person by their PostgreSQL login. A folder on one machine has none,
so a person says who they are once, their own way (README, "Ai đang làm việc"):
- a PIN of at least six digits, kept only as its scrypt hash (salted, never logged), asked
  when the app starts; or
- the operating-system account they work under: whoever is logged in as it is them, with
  nothing more to type (the computer's own login is the proof).

From the moment anyone on the store has done so, a change with no person behind it is refused
(``store.audit``: ``ActorRequired``). Before that, the store is being set up (the demo, the
first units and people), and there is nobody who could be named.

Who may set a person's identity: that person (``uow.actor_id``), or anyone while the store has
no identity at all. A PIN already set is changed only with the old one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from store.directory.people import load_person
from store.errors import InvalidInput, PermissionDenied
from store.models import Person, PersonIdentity
from store.pin_rule import check_new_pin

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

#: scrypt's cost: about 16 MiB and a few tens of milliseconds per try on an office PC.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


@dataclass(frozen=True)
class IdentityInfo:
    person_id: int
    has_pin: bool
    os_user: str | None


def hash_pin(pin: str, *, n: int = SCRYPT_N) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        name, n, r, p, salt, digest = stored.split("$")
        if name != "scrypt":
            return False
        tried = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except ValueError:  # a damaged row never matches
        return False
    return hmac.compare_digest(tried.hex(), digest)


def anyone_identified(session: Session) -> bool:
    """Has anyone on this store said who they are (so every change must name its person)?"""
    return session.execute(select(PersonIdentity.person_id).limit(1)).first() is not None


def identity_of(session: Session, person_id: int) -> IdentityInfo:
    row = session.get(PersonIdentity, person_id)
    return IdentityInfo(person_id, bool(row and row.pin_hash), row.os_user if row else None)


def person_for_os_user(session: Session, os_user: str) -> int | None:
    """The active person bound to this operating-system account, if any."""
    return session.execute(select(PersonIdentity.person_id).join(Person, Person.id == PersonIdentity.person_id)
                           .where(PersonIdentity.os_user == os_user, Person.active.is_(True))).scalar_one_or_none()


def check_pin(session: Session, person_id: int, pin: str) -> None:
    """Refuse unless ``pin`` is the person's PIN (a person with no PIN cannot be chosen by one)."""
    person = load_person(session, person_id)
    row = session.get(PersonIdentity, person_id)
    if row is None or not row.pin_hash:
        raise PermissionDenied(f"{person.full_name} chưa đặt mã PIN; hãy đặt mã PIN trong 'Tôi là'.",
                               f"{person.full_name} has no PIN yet; set one under 'Tôi là'.")
    if not pin_matches(pin, row.pin_hash):
        raise PermissionDenied(f"Mã PIN không đúng cho {person.full_name}; hãy nhập lại.",
                               f"That is not {person.full_name}'s PIN; enter it again.")


def _may_set(uow: UnitOfWork, person_id: int) -> PersonIdentity | None:
    if uow.actor_id != person_id and (uow.actor_id is not None or anyone_identified(uow.session)):
        raise PermissionDenied("Chỉ chính người đó đặt được mã PIN hay tài khoản máy của mình.",
                               "Only the person themselves may set their PIN or computer account.")
    load_person(uow.session, person_id)
    return uow.session.get(PersonIdentity, person_id)


def _row(uow: UnitOfWork, person_id: int, row: PersonIdentity | None) -> PersonIdentity:
    if row is None:
        row = PersonIdentity(person_id=person_id, set_at=uow.now())
        uow.session.add(row)
    row.set_at = uow.now()
    return row


def set_pin(uow: UnitOfWork, person_id: int, pin: str, *, current_pin: str | None = None) -> IdentityInfo:
    """Set (or change, with the old one) the person's PIN; only its hash is kept."""
    row = _may_set(uow, person_id)
    check_new_pin(pin)
    if row is not None and row.pin_hash and not (current_pin and pin_matches(current_pin, row.pin_hash)):
        raise PermissionDenied("Cần nhập đúng mã PIN cũ để đổi mã PIN.", "Enter the current PIN to change it.")
    row = _row(uow, person_id, row)
    row.pin_hash = hash_pin(pin)
    uow.session.flush()
    uow.record("person.pin", "person", person_id, {"pin": "set"})  # never the PIN, nor its hash
    return identity_of(uow.session, person_id)


def bind_os_user(uow: UnitOfWork, person_id: int, os_user: str, *, pin: str | None = None) -> IdentityInfo:
    """Whoever works under this computer account is this person from now on. A person who
    already proves themselves another way (a PIN, another account) must show the PIN: else
    anyone could take them over by naming their own account."""
    os_user = os_user.strip()
    if not os_user:
        raise InvalidInput("Chưa có tên tài khoản máy.", "No computer account name given.")
    row = _may_set(uow, person_id)
    if row is not None and row.pin_hash and not (pin and pin_matches(pin, row.pin_hash)):
        raise PermissionDenied("Người này đã có mã PIN: nhập đúng mã PIN để gắn tài khoản máy.",
                               "This person has a PIN: enter it to bind a computer account.")
    if row is not None and row.os_user and row.os_user != os_user and not row.pin_hash:
        raise PermissionDenied(f"Người này đã gắn với tài khoản máy '{row.os_user}'; hãy làm việc từ tài khoản đó.",
                               f"This person is bound to the computer account '{row.os_user}'; work from it.")
    other = uow.session.execute(select(PersonIdentity.person_id).where(PersonIdentity.os_user == os_user,
                                                                       PersonIdentity.person_id != person_id)).first()
    if other is not None:
        raise InvalidInput(f"Tài khoản máy '{os_user}' đã gắn với người khác (số {other[0]}).",
                           f"Computer account '{os_user}' already belongs to someone else (person {other[0]}).")
    row = _row(uow, person_id, row)
    row.os_user = os_user
    uow.session.flush()
    uow.record("person.os_user", "person", person_id, {"os_user": os_user})
    return identity_of(uow.session, person_id)
