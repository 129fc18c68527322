"""Whom the draft form offers as the signer and the reviewers of a document of a body: the
people of the body and of its advisory boards (each issues in its own series), as
``store.directory.belonging.people_of`` counts them on the day, those who may sign first.

Under the 2025 map the communes sit directly under the province: they are administrative bodies
of their own, not the province's people, and a role that has ended counts for nobody. Who may
sign: a leader (lãnh đạo) of the body or of one of its boards on the day, or someone of the body,
its offices, agencies or boards whose position is a head's, an acting head's or a deputy's
(``signature_block.rank_of``): the body's own first (Chủ tịch, Phó Chủ tịch), then the
Chánh Văn phòng, the Giám đốc and the Trưởng ban. The core still checks the signer against the
block when the draft is made.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from documents.text import fold_for_search
from register.outgoing.signature_block import rank_of
from store.directory.belonging import people_of
from store.directory.people import holders
from store.directory.pickers import units_under
from store.directory.records import PersonInfo, Role, UnitKind
from store.directory.units import body_of, load_unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: Positions that sign, in the order the signer list shows them.
SIGNING_RANKS = ("head", "acting", "deputy")


def draft_people(session: Session, unit_id: int, day: date) -> list[PersonInfo]:
    """The active people of the body ``unit_id`` belongs to (itself, if it is one) and of its
    boards on ``day``: who may sign first, those of the issuing unit before the others (the
    body's, or the board's when ``unit_id`` is a board: its Trưởng ban, or the Chủ tịch heading
    it), each by rank, then everyone else; by name within each."""
    body = body_of(session, unit_id).id
    issuing = unit_id if load_unit(session, unit_id).kind == UnitKind.BOARD else body
    below = [u for u in units_under(session, body) if u.kind != UnitKind.ADMINISTRATIVE]
    issuers = [body, *(u.id for u in below if u.kind == UnitKind.BOARD)]
    staff = {body, *(u.id for u in below)}
    found: dict[int, PersonInfo] = {}
    for issuer in issuers:
        for person in people_of(session, issuer, day):
            found.setdefault(person.id, person)
    leads = {issuer: {r.person_id for r in holders(session, issuer, Role.LANH_DAO, on=day)} for issuer in issuers}
    leaders = set().union(*leads.values())

    def order(p: PersonInfo) -> tuple[bool, bool, int, str, int]:
        rank = rank_of(p.position)
        signs = p.id in leaders or (p.unit_id in staff and rank in SIGNING_RANKS)
        elsewhere = signs and p.unit_id != issuing and p.id not in leads.get(issuing, set())
        place = SIGNING_RANKS.index(rank) if signs and rank in SIGNING_RANKS else len(SIGNING_RANKS)
        return not signs, elsewhere, place, fold_for_search(p.full_name), p.id

    return sorted(found.values(), key=order)
