"""Votes on an agenda item: show of hands per site, roll-call, and secret ballots.

Show of hands (biểu quyết giơ tay): the secretary enters, per site, how many hands went up
for each option. Roll-call: each member's choice is recorded by name and is public.

Secret ballot (bỏ phiếu kín): nobody, not even someone reading the tables directly, can
link a ballot to a voter. Casting writes two things that share nothing but the vote id:
- ``secret_voters`` (vote, person): who has voted, so nobody votes twice. No option, no time.
- ``secret_ballots`` (random 128-bit id, vote, option, receipt hash): how; no voter, no time.
  The key is random, not a sequence. Each cast deletes the vote's ballots and inserts them
  all again in a fresh random order (``secrets.SystemRandom``), so the order rows are
  stored in (SQLite: a ``WITHOUT ROWID`` table ordered by the random key; PostgreSQL: the
  heap position ``ctid`` and the inserting transaction ``xmin``, now the same for all) says
  nothing about who voted when. SQLite runs with ``secure_delete`` during the rewrite so
  freed pages do not keep the old order either. On PostgreSQL desktops may not write either
  table: the cast and the rewrite happen inside the database (``meetings.live.ballot_box``,
  migration 0006_ballot_box), so no participant can add or remove a ballot with their own
  login, and ballots are readable only after the close.
- The audit row says "person X voted in vote V" (with its time) and never the option.
The only time a ballot carries is its vote's ``closed_at``.

The tally is checkable: each voter gets a random receipt code once, at casting; the ballot
stores only SHA-256("vote id:code"). After the close, the list of (receipt hash, option)
is published with the result (CSV), so anyone can recount it, and a voter can confirm with
``check_receipt`` (``meetings.live.vote_publication``, or by hashing their code) that their ballot was counted as cast, without
showing it to anyone else.

Limits, said plainly: someone who watches the database *while* the vote is open sees the
ballot count grow by one after each voter's audit row (that reveals nothing about options
unless only one ballot exists); forensic recovery of PostgreSQL dead tuples before VACUUM
needs superuser tools and is outside this model.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from meetings.lifecycle import load_meeting
from meetings.live.attendance import attendance_rows, live_meeting, member_count, required_present
from meetings.live.ballot_box import cast_secret_ballot, close_secret_ballot
from meetings.live.models import VOTE_KINDS, RollCallVote, SecretBallot, SecretVoter, Vote, VoteSiteCount
from meetings.models import AgendaItem
from store.codes import LIVE_OR_ENDED, VoteKind
from store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from store.models import Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

KIND_VI: dict[str, str] = {k: k.vi for k in VoteKind}  # a view of store.codes
DEFAULT_OPTIONS = ("Đồng ý", "Không đồng ý", "Không biểu quyết")
_rng = secrets.SystemRandom()


@dataclass(frozen=True)
class VoteInfo:
    id: int
    meeting_id: int
    item_id: int | None
    kind: str
    question: str
    options: tuple[str, ...]
    status: str
    opened_at: datetime
    closed_at: datetime | None
    version: int


@dataclass(frozen=True)
class VoteResult:
    vote: VoteInfo
    eligible: int
    voted: int
    counts: tuple[tuple[str, int], ...]
    by_site: tuple[tuple[int, str, tuple[tuple[str, int], ...]], ...] = ()
    by_person: tuple[tuple[int, str, str], ...] = ()
    receipts: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # (receipt hash, option), after close
    #: Votes for the first option (approval) a decision needs: by the body's passing rule, by
    #: default more than half of all its members (not of those present).
    required_to_pass: int = 0

    def count(self, option: str) -> int:
        return dict(self.counts).get(option, 0)

    @property
    def passed(self) -> bool:
        """Whether the first option (Đồng ý) carried, against all the body's members."""
        return self.eligible > 0 and bool(self.counts) and self.counts[0][1] >= self.required_to_pass

    def line(self) -> str:
        parts = []
        for option, n in self.counts:
            share = f" ({percent(n, self.eligible)})" if self.eligible else ""
            parts.append(f"{option}: {n}{share}")
        line = f"{'; '.join(parts)} — trên tổng số {self.eligible} thành viên"
        if self.vote.status == "closed" and self.eligible and self.counts:
            verdict = "thông qua" if self.passed else f"không thông qua (cần {self.required_to_pass} phiếu tán thành)"
            line += f"; kết quả: {verdict}"
        return line

    def as_json(self) -> dict:
        v = self.vote
        return {"id": v.id, "meeting_id": v.meeting_id, "item_id": v.item_id, "kind": v.kind, "question": v.question,
                "options": list(v.options), "status": v.status, "eligible": self.eligible, "voted": self.voted,
                "required_to_pass": self.required_to_pass, "passed": self.passed,
                "counts": dict(self.counts),
                "by_site": [{"site_unit_id": s, "site": n, "counts": dict(c)} for s, n, c in self.by_site],
                "by_person": [{"person_id": p, "full_name": n, "option": o} for p, n, o in self.by_person],
                "receipts": [{"receipt_hash": h, "option": o} for h, o in self.receipts]}


def percent(n: int, total: int) -> str:
    """Vietnamese style: a decimal comma, no decimals when whole ("80%", "71,43%")."""
    value = round(n * 100 / total, 2)
    return f"{value:g}%".replace(".", ",")


def _members(session: Session, meeting_id: int) -> int:
    """All members of the body (``attendance.member_count``): the base the results are stated against."""
    return member_count(session, meeting_id)


def _info(v: Vote) -> VoteInfo:
    return VoteInfo(v.id, v.meeting_id, v.item_id, v.kind, v.question, tuple(v.options), v.status, v.opened_at,
                    v.closed_at, v.version)


def receipt_hash(vote_id: int, code: str) -> str:
    return hashlib.sha256(f"{vote_id}:{code.strip().upper()}".encode()).hexdigest()


def load_vote(session: Session, vote_id: int, *, lock: bool = False) -> Vote:
    vote = session.get(Vote, vote_id, with_for_update=lock or None)
    if vote is None:
        raise NotFound(f"Không có cuộc biểu quyết số {vote_id}.", f"There is no vote {vote_id}.")
    return vote


def _open(session: Session, vote_id: int) -> Vote:
    # Shared store: only an open vote may be locked (migration 0010), so a closed one is not
    # returned by the locking read; read it plainly to say why.
    locked = session.get(Vote, vote_id, with_for_update=True)
    vote = locked or load_vote(session, vote_id)
    if locked is None and vote.status == "open":
        raise PermissionDenied("Bạn không có quyền ghi vào cuộc biểu quyết này.", "You may not write to this vote.")
    if vote.status != "open":
        raise InvalidInput("Cuộc biểu quyết đã kết thúc; không ghi thêm được.", "The vote is closed; nothing more can be recorded.")
    return vote


def _option(vote: Vote, option: str) -> str:
    wanted = option.strip().casefold()
    for known in vote.options:
        if known.casefold() == wanted:
            return known
    raise InvalidInput(f"Phương án '{option}' không có; chọn: {', '.join(vote.options)}.",
                       f"Option '{option}' is not offered; choose: {', '.join(vote.options)}.")


def open_vote(uow: UnitOfWork, meeting_id: int, *, item_id: int | None, kind: str, question: str,
              options: Sequence[str] = DEFAULT_OPTIONS) -> VoteInfo:
    s = uow.session
    live_meeting(s, meeting_id, LIVE_OR_ENDED)
    if kind not in VOTE_KINDS:
        raise InvalidInput(f"Hình thức biểu quyết '{kind}' không hợp lệ; chọn: {', '.join(VOTE_KINDS)}.",
                           f"Vote kind '{kind}' is not valid; choose: {', '.join(VOTE_KINDS)}.")
    question = " ".join(question.split())
    clean = [" ".join(o.split()) for o in options if o.strip()]
    if not question:
        raise InvalidInput("Cần nêu nội dung biểu quyết.", "A vote needs a question.")
    if len(clean) < 2 or len({o.casefold() for o in clean}) != len(clean) or any(len(o) > 200 for o in clean):
        raise InvalidInput("Cần ít nhất hai phương án khác nhau (mỗi phương án tối đa 200 ký tự).",
                           "A vote needs at least two different options (200 characters at most each).")
    if item_id is not None:
        item = s.get(AgendaItem, item_id)
        if item is None or item.meeting_id != meeting_id:
            raise NotFound(f"Cuộc họp không có mục chương trình số {item_id}.", f"The meeting has no agenda item {item_id}.")
    vote = Vote(meeting_id=meeting_id, item_id=item_id, kind=kind, question=question, options=clean, status="open",
                opened_at=uow.now(), updated_at=uow.now(), updated_by_id=uow.actor_id)
    s.add(vote)
    s.flush()
    uow.record("vote.open", "vote", vote.id, {"kind": kind, "question": question, "options": clean, "item_id": item_id},
               meeting_id=meeting_id)
    return _info(vote)


def _voters(session: Session, meeting_id: int) -> dict[int, str]:
    """Members who may vote: the body's members (not guests joining from sites) not recorded
    absent or represented."""
    return {r.person_id: r.full_name for r in attendance_rows(session, meeting_id)
            if r.member and r.status not in ("absent", "deputy")}


def record_hands(uow: UnitOfWork, vote_id: int, site_unit_id: int, counts: Mapping[str, int]) -> VoteResult:
    """Show of hands at one site: replaces what was entered for that site before."""

    s = uow.session
    vote = _open(s, vote_id)
    if vote.kind != VoteKind.SHOW_OF_HANDS:
        raise InvalidInput("Chỉ nhập số phiếu theo điểm cầu cho biểu quyết giơ tay.",
                           "Counts per site are entered only for a show of hands.")
    rows = attendance_rows(s, vote.meeting_id)
    members_here = sum(1 for r in rows if r.site_unit_id == site_unit_id and r.member)
    if not any(r.site_unit_id == site_unit_id for r in rows) and site_unit_id != _host(s, vote.meeting_id):
        raise InvalidInput(f"Đơn vị số {site_unit_id} không phải điểm cầu của cuộc họp.",
                           f"Unit {site_unit_id} is not a site of the meeting.")
    clean = {}
    for option, n in counts.items():
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise InvalidInput("Số phiếu phải là số nguyên không âm.", "Counts must be whole numbers, zero or more.")
        clean[_option(vote, option)] = n
    if sum(clean.values()) > members_here:
        raise InvalidInput(f"Tổng số phiếu ({sum(clean.values())}) vượt quá số thành viên tại điểm cầu ({members_here}).",
                           f"The counts ({sum(clean.values())}) exceed the members at this site ({members_here}).")
    s.execute(delete(VoteSiteCount).where(VoteSiteCount.vote_id == vote_id, VoteSiteCount.site_unit_id == site_unit_id))
    s.add_all([VoteSiteCount(vote_id=vote_id, meeting_id=vote.meeting_id, site_unit_id=site_unit_id, option=o, count=n)
               for o, n in clean.items()])
    s.flush()
    uow.record("vote.hands", "vote", vote_id, {"site_unit_id": site_unit_id, "counts": clean},
               meeting_id=vote.meeting_id, unit_id=site_unit_id)
    return vote_result(s, vote_id)


def _host(session: Session, meeting_id: int) -> int:
    return load_meeting(session, meeting_id).unit_id


def cast_vote(uow: UnitOfWork, vote_id: int, person_id: int, option: str) -> str | None:
    """One member's vote. Roll-call: recorded by name. Secret: returns the receipt code,
    shown to the voter once and never stored (only its hash is, with the ballot)."""

    s = uow.session
    vote = _open(s, vote_id)
    if vote.kind == VoteKind.SHOW_OF_HANDS:
        raise InvalidInput("Biểu quyết giơ tay được nhập theo số lượng từng điểm cầu, không theo từng người.",
                           "A show of hands is entered as counts per site, not per person.")
    if person_id not in _voters(s, vote.meeting_id):
        raise PermissionDenied("Người này không có quyền biểu quyết trong cuộc họp (không phải thành viên có mặt).",
                               "This person may not vote in the meeting (not a member who is present).")
    chosen = _option(vote, option)
    if vote.kind == VoteKind.ROLL_CALL:
        if s.execute(select(RollCallVote.id).where(RollCallVote.vote_id == vote_id,
                                                   RollCallVote.person_id == person_id)).first():
            raise ConflictError("Phiếu biểu quyết của người này", None, None, {"option": chosen})
        s.add(RollCallVote(vote_id=vote_id, meeting_id=vote.meeting_id, person_id=person_id, option=chosen,
                           cast_at=uow.now()))
        s.flush()
        uow.record("vote.cast", "vote", vote_id, {"person_id": person_id, "option": chosen}, meeting_id=vote.meeting_id)
        return None
    if s.get(SecretVoter, (vote_id, person_id)) is not None:
        raise InvalidInput("Người này đã bỏ phiếu; mỗi người chỉ một phiếu.", "This person has already voted; one ballot each.")
    if uow.dialect == "postgresql":  # desktops may not write ballots: the database's ballot box does
        code = cast_secret_ballot(s, vote_id, person_id, chosen)
    else:
        code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        s.add(SecretVoter(vote_id=vote_id, person_id=person_id, meeting_id=vote.meeting_id))
        _rewrite_ballots(uow, vote, extra={"option": chosen, "receipt_hash": receipt_hash(vote_id, code)})
    uow.record("vote.secret_cast", "vote", vote_id, {"person_id": person_id}, meeting_id=vote.meeting_id)
    return code


def _rewrite_ballots(uow: UnitOfWork, vote: Vote, *, extra: dict[str, str] | None) -> None:
    """Delete the vote's ballots and insert them again, with ``extra``, in random order."""

    s = uow.session
    if uow.dialect == "sqlite":
        s.connection().exec_driver_sql("PRAGMA secure_delete = ON")
    rows = [{"option": o, "receipt_hash": h} for o, h in
            s.execute(select(SecretBallot.option, SecretBallot.receipt_hash).where(SecretBallot.vote_id == vote.id)).all()]
    if extra:
        rows.append(extra)
    _rng.shuffle(rows)
    s.execute(delete(SecretBallot).where(SecretBallot.vote_id == vote.id))
    for row in rows:  # one INSERT each, in the shuffled order (a bulk insert could be reordered by nobody, but be plain)
        s.execute(SecretBallot.__table__.insert().values(id=secrets.token_hex(16), vote_id=vote.id,
                                                          meeting_id=vote.meeting_id, **row))
    s.flush()


def close_vote(uow: UnitOfWork, vote_id: int) -> VoteResult:
    s = uow.session
    vote = _open(s, vote_id)
    if vote.kind == VoteKind.SECRET and uow.dialect == "postgresql":
        return _close_secret_on_server(uow, vote)
    if vote.kind == VoteKind.SECRET:
        _rewrite_ballots(uow, vote, extra=None)
    vote.status = "closed"
    vote.closed_at = uow.now()
    vote.updated_at, vote.updated_by_id = uow.now(), uow.actor_id
    s.flush()
    result = vote_result(s, vote_id)
    vote.result = {"counts": dict(result.counts), "eligible": result.eligible, "voted": result.voted,
                   "required_to_pass": result.required_to_pass, "passed": result.passed}
    s.flush()
    uow.record("vote.close", "vote", vote_id, vote.result, meeting_id=vote.meeting_id)
    return result


def _close_secret_on_server(uow: UnitOfWork, vote: Vote) -> VoteResult:
    """Shared store: the server's ``nghisu_close_secret_vote`` closes and counts (migration
    0010); the ballots become readable to desktops only once this transaction commits."""
    s = uow.session
    s.flush()
    result = close_secret_ballot(s, vote.id, uow.now())
    s.refresh(vote)
    counts = tuple((o, int(result["counts"].get(o, 0))) for o in vote.options)
    uow.record("vote.close", "vote", vote.id, vote.result, meeting_id=vote.meeting_id)
    eligible = int(result["eligible"])  # the server counts the body's members as _members does (migration 0022)
    required = required_present(passing_rule(s, vote.meeting_id), eligible) if eligible else 0
    return VoteResult(_info(vote), eligible, int(result["voted"]), counts, required_to_pass=required,
                      receipts=tuple((h, o) for h, o in result["receipts"]))


def passing_rule(session: Session, meeting_id: int) -> str:
    """The body's passing rule (``units.passing_rule``), by default the law's: more than half
    of all members approve."""
    unit = session.get(Unit, load_meeting(session, meeting_id).unit_id)
    return (unit.passing_rule if unit is not None else None) or "majority"


def vote_result(session: Session, vote_id: int) -> VoteResult:
    """Counts per option, with what a decision needs (``passing_rule``). A secret ballot's
    counts are shown only after the close."""
    result = _counted(session, vote_id)
    rule = passing_rule(session, result.vote.meeting_id)
    return replace(result, required_to_pass=required_present(rule, result.eligible) if result.eligible else 0)


def _counted(session: Session, vote_id: int) -> VoteResult:
    vote = load_vote(session, vote_id)
    info = _info(vote)
    eligible = _members(session, vote.meeting_id)
    zero = dict.fromkeys(vote.options, 0)
    if vote.kind == VoteKind.SHOW_OF_HANDS:
        per_site: dict[int, dict[str, int]] = {}
        for site, option, n in session.execute(select(VoteSiteCount.site_unit_id, VoteSiteCount.option, VoteSiteCount.count)
                                               .where(VoteSiteCount.vote_id == vote_id)).all():
            per_site.setdefault(site, dict(zero))[option] = n
        names = {u.id: u.name for u in session.execute(select(Unit).where(Unit.id.in_(per_site))).scalars()}
        host = _host(session, vote.meeting_id)
        totals = dict(zero)
        for counts in per_site.values():
            for o, n in counts.items():
                totals[o] += n
        by_site = tuple((site, names.get(site, "?"), tuple(c.items()))
                        for site, c in sorted(per_site.items(), key=lambda kv: (kv[0] != host, names.get(kv[0], ""))))
        return VoteResult(info, eligible, sum(totals.values()), tuple(totals.items()), by_site=by_site)
    if vote.kind == VoteKind.ROLL_CALL:
        rows = session.execute(select(RollCallVote.person_id, Person.full_name, RollCallVote.option)
                               .join(Person, Person.id == RollCallVote.person_id)
                               .where(RollCallVote.vote_id == vote_id).order_by(RollCallVote.id)).all()
        totals = dict(zero)
        for _, _, o in rows:
            totals[o] += 1
        return VoteResult(info, eligible, len(rows), tuple(totals.items()), by_person=tuple(tuple(r) for r in rows))
    voted = session.execute(select(func.count()).select_from(SecretVoter).where(SecretVoter.vote_id == vote_id)).scalar_one()
    if vote.status != "closed":
        return VoteResult(info, eligible, voted, tuple(zero.items()))
    ballots = session.execute(select(SecretBallot.receipt_hash, SecretBallot.option)
                              .where(SecretBallot.vote_id == vote_id).order_by(SecretBallot.receipt_hash)).all()
    totals = dict(zero)
    for _, o in ballots:
        totals[o] += 1
    return VoteResult(info, eligible, voted, tuple(totals.items()), receipts=tuple(tuple(b) for b in ballots))


def list_votes(session: Session, meeting_id: int) -> list[VoteInfo]:
    return [_info(v) for v in session.execute(select(Vote).where(Vote.meeting_id == meeting_id).order_by(Vote.id)).scalars()]
