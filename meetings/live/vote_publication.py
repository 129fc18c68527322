"""A closed vote's result, published so that anyone can recount it: the CSV (totals, then per
site, per person, or per secret ballot's receipt hash), and checking one receipt code against
the ballots counted (``meetings.live.votes`` explains the receipts)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from meetings.live.models import SecretBallot
from meetings.live.votes import load_vote, receipt_hash, vote_result
from store.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def check_receipt(session: Session, vote_id: int, code: str) -> str:
    """The option a receipt code's ballot was counted for (after the close)."""

    vote = load_vote(session, vote_id)
    if vote.status != "closed":
        raise InvalidInput("Chỉ kiểm tra biên nhận sau khi kết thúc bỏ phiếu.", "Receipts can be checked after the vote closes.")
    option = session.execute(select(SecretBallot.option).where(
        SecretBallot.vote_id == vote_id, SecretBallot.receipt_hash == receipt_hash(vote_id, code))).scalar_one_or_none()
    if option is None:
        raise NotFound("Không tìm thấy phiếu ứng với mã biên nhận này; kiểm tra lại mã.",
                       "No ballot matches this receipt code; check the code.")
    return option


CSV_HEADER = ("vote_id", "item_id", "kind", "question", "status", "scope", "who", "option", "count")


def votes_csv(session: Session, vote_ids: Sequence[int]) -> str:
    """Results as CSV: totals, then per site / per person / per ballot (receipt hash)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for vote_id in vote_ids:
        r = vote_result(session, vote_id)
        v = r.vote
        head = (v.id, v.item_id or "", v.kind, v.question, v.status)
        for option, n in r.counts:
            w.writerow((*head, "total", f"{r.voted}/{r.eligible}", option, n))
        for _, site, counts in r.by_site:
            for option, n in counts:
                w.writerow((*head, "site", site, option, n))
        for _, name, option in r.by_person:
            w.writerow((*head, "person", name, option, 1))
        for digest, option in r.receipts:
            w.writerow((*head, "ballot", digest, option, 1))
    return buf.getvalue()
