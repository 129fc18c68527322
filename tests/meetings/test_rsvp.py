"""Answers to the invitation: an invitee attends, declines with a reason, or names a deputy; the
answer can change until the meeting opens; the attendance list shows it and the quorum states
what it lets one expect. The command line says it in one line; bad answers exit 2."""

from __future__ import annotations

import pytest

from meetings.lifecycle import change_status
from meetings.live.attendance import attendance_rows, quorum, record_attendance
from meetings.rsvp import answer_invitation, rsvps
from meetings.sites import add_participant
from store.codes import RsvpAnswer
from store.directory import create_person
from store.errors import InvalidInput, NotFound
from ui import cli


@pytest.fixture
def invited(store, province, meeting):
    with store.uow(province.secretary) as uow:
        deputy = create_person(uow, full_name="Đặng Văn Phó", position="Phó Chủ tịch UBND huyện",
                               unit_id=province.vl.id).id
        outsider = create_person(uow, full_name="Người Ngoài", position="Chuyên viên", unit_id=province.qt.id).id
        add_participant(uow, meeting.id, province.chair, "chair")
        add_participant(uow, meeting.id, province.secretary, "secretary")
        add_participant(uow, meeting.id, province.member, "member")
        uow.commit()
    return meeting.id, deputy, outsider


def test_yes_no_and_a_deputy_are_recorded_and_the_latest_answer_stands(store, province, invited):
    meeting_id, deputy, _ = invited
    with store.uow(province.chair) as uow:
        answer_invitation(uow, meeting_id, province.chair, RsvpAnswer.YES)
        uow.commit()
    with store.uow(province.member) as uow:
        answer_invitation(uow, meeting_id, province.member, "no", note="Đi công tác Hà Nội")
        uow.commit()
    with store.uow(province.member) as uow:
        changed = answer_invitation(uow, meeting_id, province.member, RsvpAnswer.DEPUTY, deputy_person_id=deputy)
        uow.commit()
    assert changed.line() == "Võ Thanh Tùng: cử người dự thay: Đặng Văn Phó"
    with store.uow() as uow:
        answers = rsvps(uow.session, meeting_id)
        rows = {r.person_id: r for r in attendance_rows(uow.session, meeting_id)}
        q = quorum(uow.session, meeting_id)
    assert {p: a.answer for p, a in answers.items()} == {province.chair: RsvpAnswer.YES,
                                                         province.member: RsvpAnswer.DEPUTY}
    assert rows[province.member].rsvp is RsvpAnswer.DEPUTY and rows[province.member].rsvp_deputy_name == "Đặng Văn Phó"
    assert rows[province.secretary].rsvp is None  # no answer yet
    assert rows[province.chair].status is None  # an answer is not attendance: the secretary records that
    # chair and member count; only the chair confirmed (a deputy does not count towards the quorum)
    assert (q.members, q.confirmed, q.required, q.expected) == (2, 1, 2, False)
    assert q.forecast_line().startswith("1/2 thành viên đã xác nhận dự họp, cần 2")


def test_bad_answers_are_refused_and_nothing_is_written(store, province, invited):
    meeting_id, deputy, outsider = invited
    with store.uow(province.member) as uow:
        for call, error in (
            (lambda: answer_invitation(uow, meeting_id, outsider, RsvpAnswer.YES), NotFound),
            (lambda: answer_invitation(uow, meeting_id, province.member, "có lẽ"), InvalidInput),
            (lambda: answer_invitation(uow, meeting_id, province.member, RsvpAnswer.NO), InvalidInput),
            (lambda: answer_invitation(uow, meeting_id, province.member, RsvpAnswer.DEPUTY), InvalidInput),
            (lambda: answer_invitation(uow, meeting_id, province.member, RsvpAnswer.DEPUTY,
                                       deputy_person_id=province.chair), InvalidInput),  # invited already
        ):
            with pytest.raises(error):
                call()
    with store.uow() as uow:
        assert rsvps(uow.session, meeting_id) == {}


def test_answers_close_when_the_meeting_opens_and_attendance_takes_over(store, province, invited):
    meeting_id, _, _ = invited
    with store.uow(province.secretary) as uow:
        answer_invitation(uow, meeting_id, province.chair, RsvpAnswer.YES)
        change_status(uow, meeting_id, "published")
        change_status(uow, meeting_id, "in_progress")
        record_attendance(uow, meeting_id, province.chair)
        uow.commit()
    with store.uow(province.chair) as uow, pytest.raises(InvalidInput):
        answer_invitation(uow, meeting_id, province.chair, RsvpAnswer.YES)
    with store.uow() as uow:
        (chair,) = [r for r in attendance_rows(uow.session, meeting_id) if r.person_id == province.chair]
        q = quorum(uow.session, meeting_id)
    assert (chair.rsvp, chair.status) == (RsvpAnswer.YES, "present")
    assert q.present == 1 and q.confirmed == 1


def test_the_command_line_answers_and_lists(store, province, invited, monkeypatch, capsys):
    meeting_id, deputy, _ = invited
    monkeypatch.setattr(cli.CliContext, "store", lambda self, **kw: store)

    def run(*args):
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run("rsvp", meeting_id, "--as", province.member, "deputy", deputy)
    assert code == 0, err
    assert "Đã ghi: Võ Thanh Tùng: cử người dự thay: Đặng Văn Phó" in out
    code, out, _ = run("rsvp", meeting_id, "--as", province.chair, "yes")
    assert code == 0 and "1/2 thành viên đã xác nhận dự họp" in out
    code, out, _ = run("rsvp", meeting_id, "--list")
    assert code == 0 and "Nguyễn Văn Minh: dự họp" in out
    for bad in (("rsvp", meeting_id, "--as", province.chair, "no"),  # no reason
                ("rsvp", meeting_id, "--as", province.chair, "deputy"),  # no deputy named
                ("rsvp", meeting_id, "yes"),  # who?
                ("rsvp", 9999, "--as", province.chair, "yes")):
        code, out, err = run(*bad)
        assert code == 2 and err.startswith("nghisu: ") and err.count("\n") == 1, (bad, err)
