"""Screenshots of the official-mail window and of the signature-and-seal screen, for
``nghisu gui --screenshot DIR`` (on the screenshot's own demo store, never a store in use).

The demo has no mail account; the hook sets one with the demo's addresses (nothing is sent),
queues the November minutes to three officials, and keeps the demo's signature and seal
images for the chair and the province, so the pictures show the screens in use."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from store.errors import NghisuError
from ui.commands import gui
from ui.commands.gui import _meeting_id, grab, settle

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
NOVEMBER = "Phiên họp UBND tỉnh thường kỳ tháng 11 năm 2026"


def _prepare_mail(window: MainWindow, meeting_id: int) -> tuple[int, str]:
    from documents.library import list_documents  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.account import MailAccount  # noqa: PLC0415 -- deferred for start-up
    from mail.dispatch import queue_document  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from mail.settings import get_mail_account, set_mail_account  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from meetings.lifecycle import get_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from store.directory import list_persons  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    store = window.store
    assert store is not None
    with store.read() as s:
        unit = get_meeting(s, meeting_id).unit
        if get_mail_account(s, unit.id) is not None:
            return unit.id, unit.name
        docs = sorted(list_documents(s, meeting_id), key=lambda d: d.doc_type != "bien_ban")
        addresses = [p.email for p in list_persons(s, unit.id) if p.email][:3]
    with store.uow(window.actor_id) as uow:
        set_mail_account(uow, unit.id, MailAccount(
            address="vanphong@quangtri.gov.vn", display_name=f"Văn phòng {unit.official_name}",
            smtp_host="mail.quangtri.gov.vn", imap_host="mail.quangtri.gov.vn"))
        for doc in docs:
            try:
                queue_document(uow, doc.id, unit_id=unit.id, addresses=addresses)
                break
            except NghisuError as exc:  # a classified or recalled paper is never mailed: the next one
                log.info("not queued for the screenshot: %s", exc)
        uow.commit()
    return unit.id, unit.name


def shot_mail(window: MainWindow, out: Path) -> list[Path]:
    from ui.mail.dialog import MailDialog  # noqa: PLC0415 -- import cycle: ui.mail.dialog imports ui.mail

    meeting_id = _meeting_id(window, NOVEMBER) or _meeting_id(window, gui.DEMO_MEETING)
    if meeting_id is None or window.store is None:
        return []
    unit_id, unit_name = _prepare_mail(window, meeting_id)
    dialog = MailDialog(window, unit_id, unit_name)
    dialog.resize(1100, 560)
    dialog.show()
    settle(window)
    written = [grab(dialog, out / "14-thu-cong-vu.png")]
    dialog.tabs.setCurrentIndex(1)
    settle(window)
    written.append(grab(dialog, out / "15-thu-cong-vu-tai-khoan.png"))
    dialog.close()
    return written


def shot_stamps(window: MainWindow, out: Path) -> list[Path]:
    from meetings.lifecycle import get_meeting  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from signing.pdf.appearance import demo_seal_png, demo_signature_png  # noqa: PLC0415 -- deferred for start-up: PIL
    from signing.stamp_library import StampKind, set_stamp_image  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from ui.stamps.dialog import StampsDialog  # noqa: PLC0415 -- deferred for start-up: the dialog and Pillow

    meeting_id = _meeting_id(window, gui.DEMO_MEETING)
    if meeting_id is None or window.store is None:
        return []
    store = window.store
    with store.read() as s:
        detail = get_meeting(s, meeting_id)
        chair = next((p for p in detail.participants if p.role == "chair"), None)
    if chair is None:
        return []
    with store.uow(window.actor_id) as uow:
        set_stamp_image(uow, StampKind.SIGNATURE, chair.person_id, demo_signature_png(chair.full_name))
        set_stamp_image(uow, StampKind.SEAL, detail.unit.id, demo_seal_png(detail.unit.official_name.upper()))
        uow.commit()
    dialog = StampsDialog(window)
    dialog.show()
    settle(window)
    dialog.signature.owner.setCurrentIndex(max(dialog.signature.owner.findData(chair.person_id), 0))
    dialog.seal.owner.setCurrentIndex(max(dialog.seal.owner.findData(detail.unit.id), 0))
    settle(window)
    path = grab(dialog, out / "16-chu-ky-con-dau.png")
    dialog.close()
    return [path]
