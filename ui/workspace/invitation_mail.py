"""“Gửi giấy mời qua thư…”: the meeting's issued and signed giấy mời put in the unit's outgoing
mail, one copy per invitee with an address, each with the signed PDF unchanged and the meeting as
a calendar event (.ics). Sending itself is Tệp → Thư công vụ… → “Gửi ngay” (the password stays
on this desktop); an unsigned or unissued invitation is refused with what to do first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QPushButton

from ui.icons import icon

if TYPE_CHECKING:
    from mail.outbox import QueuedMail
    from store.engine import Store
    from ui.workspace.workspace import MeetingWorkspace


def queue_signed_invitation(store: Store, actor_id: int | None, meeting_id: int) -> tuple[QueuedMail, int]:
    """Queue the signed giấy mời to every invitee; (what was queued, how many copies)."""
    from mail.invitations import queue_invitation, signed_invitation  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.uow(actor_id) as uow:
        document_id = signed_invitation(uow.session, meeting_id)
        queued = queue_invitation(uow, meeting_id, document_id=document_id)
        uow.commit()
    return queued, len(queued.delivery_ids)


class InvitationMailButton(QPushButton):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__(icon("publish"), "")
        self.setText(self.tr("Gửi giấy mời qua thư…"))
        self.setToolTip(self.tr("Gửi giấy mời đã ký tới từng người được mời có địa chỉ thư, kèm lịch họp (.ics)"))
        self.ws = workspace
        self.clicked.connect(self.send)

    def send(self) -> None:
        if QMessageBox.question(
                self, self.tr("Gửi giấy mời qua thư"),
                self.tr("Xếp giấy mời đã ký vào hộp thư đi của đơn vị: mỗi người được mời có địa chỉ thư nhận một "
                        "thư kèm tệp PDF đã ký và lịch họp (.ics). Tiếp tục?")) != QMessageBox.StandardButton.Yes:
            return
        ctx = self.ws.ctx
        ctx.runner.run("papers.mail_invitation", queue_signed_invitation, ctx.store, ctx.actor_id, self.ws.meeting_id,
                       on_result=self._queued, on_error=ctx.show_error, write=True)

    def _queued(self, result: tuple[QueuedMail, int]) -> None:
        queued, copies = result
        text = self.tr("Đã xếp {n} thư giấy mời vào hộp thư đi; gửi ở Tệp → Thư công vụ… → “Gửi ngay”.").format(
            n=copies)
        if queued.skipped:
            text += " " + self.tr("Không gửi được cho: {who}.").format(who="; ".join(queued.skipped))
        self.last_message = text
        self.ws.ctx.notify(text)
