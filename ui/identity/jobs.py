"""The identity dialog's work, off the main thread (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from store.directory import bind_os_user, check_pin, identity_of, list_persons, set_pin
from store.pin_rule import check_new_pin

if TYPE_CHECKING:
    from store.directory import PersonInfo
    from store.engine import Store


class Proof(StrEnum):
    PIN = "pin"
    ACCOUNT = "account"


@dataclass(frozen=True)
class Answer:
    person_id: int
    proof: Proof
    pin: str = ""
    pin_again: str = ""  # asked when the PIN is set for the first time
    account: str = ""


def people_with_identity(store: Store) -> list[tuple[PersonInfo, bool, str | None]]:
    """Active people, each with whether they have a PIN and which account they are bound to."""
    with store.read() as s:
        out = []
        for p in list_persons(s):
            if p.active:
                ident = identity_of(s, p.id)
                out.append((p, ident.has_pin, ident.os_user))
        return out


def sign_in(store: Store, answer: Answer) -> int:
    """Prove the answer (a PIN is checked; the first PIN or an account is set, by that person)."""
    with store.read() as s:
        ident = identity_of(s, answer.person_id)
        if answer.proof == Proof.PIN and ident.has_pin:
            check_pin(s, answer.person_id, answer.pin)
            return answer.person_id
        if answer.proof == Proof.ACCOUNT and ident.os_user == answer.account:
            return answer.person_id
    with store.uow(answer.person_id) as uow:
        if answer.proof == Proof.PIN:
            check_new_pin(answer.pin, answer.pin_again)
            set_pin(uow, answer.person_id, answer.pin)
        else:
            bind_os_user(uow, answer.person_id, answer.account, pin=answer.pin or None)
        uow.commit()
    return answer.person_id
