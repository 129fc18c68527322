"""Two desktops signing at once: one wins, the other gets a conflict, no signature is lost.

Each desktop is its own ``Store`` on the same database (two connections pools, like two
machines), signing in its own thread. The keys behave like slow USB tokens: each waits at
a barrier until both desktops are signing, so both have read the same state before either
stores anything: the race happens every time, not by luck of timing.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from signing.document_verification import verify_document
from signing.keys.signing_keys import SigningKey, load_pkcs12
from signing.workflow import request_signatures, sign_request
from signing.workflow_records import AlreadySigned, SigningConflict
from store.engine import open_store
from tests.meetings.conftest import meeting, province  # noqa: F401 (fixtures)
from tests.signing.test_workflow import PASSWORD, audit_actions, keys, make_office  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def _verification_workers():
    from signing.verify.service import start_workers

    start_workers(n=1)


def slow_token(key: SigningKey, barrier: threading.Barrier) -> SigningKey:
    """A second handle on the same key whose first signing operation waits for the other desktop."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    private = serialization.load_der_private_key(key.signer.signing_key.dump(), None)
    handle = load_pkcs12(pkcs12.serialize_key_and_certificates(
        b"k", private, key.x509, None, serialization.BestAvailableEncryption(PASSWORD)), PASSWORD)
    original = handle.signer.sign_raw
    waited = threading.Event()

    def sign_raw(data, digest_algorithm):
        if not waited.is_set():
            waited.set()
            barrier.wait(timeout=60)
        return original(data, digest_algorithm)

    handle.signer.sign_raw = sign_raw
    return handle


@pytest.fixture
def two_desktops(store, clock):
    """A second desktop on the same store (same schema or folder), with its own connections."""
    other = open_store(store.location, clock=clock)
    yield store, other
    other.close()


def race(desktops, jobs):
    """Run each job(desktop) in its own thread; returns (results, errors) in job order."""
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(job, desk) for job, desk in zip(jobs, desktops, strict=True)]
        outcomes = []
        for f in futures:
            try:
                outcomes.append((f.result(timeout=120), None))
            except Exception as exc:  # the loser's conflict, collected for the assertions
                outcomes.append((None, exc))
    return outcomes


def test_the_same_signer_on_two_desktops_signs_once(two_desktops, province, meeting, keys):  # noqa: F811
    store, other = two_desktops
    office = make_office(store, province, meeting.id, keys)
    with store.uow(office.secretary) as uow:
        req = request_signatures(uow, office.doc_id, [office.secretary, office.chair])
        uow.commit()
    barrier = threading.Barrier(2)
    key = office.keys[office.secretary]
    tokens = [slow_token(key, barrier), slow_token(key, barrier)]
    outcomes = race([store, other], [
        lambda desk, t=t: sign_request(desk, req.id, office.secretary, t) for t in tokens
    ])
    wins = [r for r, e in outcomes if e is None]
    losses = [e for r, e in outcomes if e is not None]
    assert len(wins) == 1 and len(losses) == 1, outcomes
    conflict = losses[0]
    assert isinstance(conflict, SigningConflict)
    assert "Phạm Thị Ngọc Ánh" in str(conflict) and not conflict.can_retry
    with pytest.raises(AlreadySigned):  # trying again: the signature is already there, once
        sign_request(other, req.id, office.secretary, key)

    assert audit_actions(store, "signing.sign") == ["signing.sign"]
    sign_request(other, req.id, office.chair, office.keys[office.chair])
    result = verify_document(store, office.doc_id)
    assert result.verdict == "valid" and len(result.report.signatures) == 2


def test_two_signers_in_turn_at_once_one_waits_and_both_signatures_stay(
        two_desktops, province, meeting, keys):  # noqa: F811
    """Two requests on one document (the minutes' signer and the clerk certifying a copy, say):
    both signers are in turn at the same moment. The loser signs again on the winner's version."""
    store, other = two_desktops
    office = make_office(store, province, meeting.id, keys)
    with store.uow(office.secretary) as uow:
        first = request_signatures(uow, office.doc_id, [office.secretary])
        uow.commit()
    with store.uow(office.secretary) as uow:
        second = request_signatures(uow, office.doc_id, [office.chair], placement=[(-1, (60, 300, 280, 390))])
        uow.commit()
    barrier = threading.Barrier(2)
    people = [(first.id, office.secretary), (second.id, office.chair)]
    outcomes = race([store, other], [
        lambda desk, rid=rid, pid=pid: sign_request(desk, rid, pid, slow_token(office.keys[pid], barrier))
        for rid, pid in people
    ])
    losers = [i for i, (_, e) in enumerate(outcomes) if e is not None]
    assert len(losers) == 1, outcomes
    loser = losers[0]
    conflict = outcomes[loser][1]
    winner_name = ["Phạm Thị Ngọc Ánh", "Nguyễn Văn Minh"][1 - loser]
    assert isinstance(conflict, SigningConflict) and conflict.can_retry
    assert winner_name in conflict.vi and "Hãy ký lại" in conflict.vi and "Sign again" in conflict.en

    rid, pid = people[loser]
    retried = sign_request([store, other][loser], rid, pid, office.keys[pid])
    assert retried.document.current_version.version_no == 5  # import, 2 × fields, 2 × signatures
    result = verify_document(store, office.doc_id)
    assert result.verdict == "valid", result.report.to_json()
    assert len(result.report.signatures) == 2
    assert all("roster_match" in s.codes for s in result.report.signatures)
    assert audit_actions(store, "signing.") == ["signing.request"] * 2 + ["signing.sign", "signing.complete"] * 2
