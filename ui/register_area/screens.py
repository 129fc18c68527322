"""The outgoing draft under review, for ``nghisu gui --screenshot``: on the tour's throw-away demo
store, the Văn phòng's chuyên viên drafts a plan for the Chủ tịch to sign (TM.), two colleagues
are asked for comments, one comments on version 1, version 2 answers it, one agrees and the
other asks for one more change; the picture is the drafter's "Văn bản đi" list with that page."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from demo.outgoing import DRAFTER_EMAIL, SIGNER_EMAIL

if TYPE_CHECKING:
    from pathlib import Path

    from store.engine import Store
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

SUBJECT = "Kế hoạch chuyển đổi số năm 2027 của tỉnh Quảng Trị"


def draft_under_review(store: Store) -> tuple[int, int] | None:
    """(drafter, document) with two versions and comments on both; None on a store without the
    demo's people."""
    from documents.intake.service import inspect_pdf  # noqa: PLC0415 -- deferred for start-up: brings in pikepdf
    from register.outgoing.drafts import comment_outgoing, draft_outgoing, revise_outgoing  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy
    from register.outgoing.generate import DocumentContent, render_document, sample_paragraphs, with_unit_seal  # noqa: PLC0415 -- deferred for start-up: brings in reportlab
    from register.outgoing.records import Authority  # noqa: PLC0415 -- deferred for start-up: beside the rest
    from store.directory import find_person_by_email, find_unit_by_code, list_persons  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    with store.read() as s:
        drafter, signer = find_person_by_email(s, DRAFTER_EMAIL), find_person_by_email(s, SIGNER_EMAIL)
        province, office = find_unit_by_code(s, "QT"), find_unit_by_code(s, "QT-VP")
        if drafter is None or signer is None or province is None or office is None:
            return None
        # The space between the title and the name fits the province's seal, as the office keeps it.
        sized = with_unit_seal(s, province.id, DocumentContent(
            agency=province.official_name, type_name="Kế hoạch", subject=SUBJECT, paragraphs=(),
            block_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), signer_name=signer.full_name,
            recipients=("Các sở, ban, ngành", "Lưu: VT, VP")))
        others = [p.id for u in (office.id, province.id) for p in list_persons(s, u)
                  if p.id not in (drafter.id, signer.id) and p.active]
    if len(others) < 2:
        return None
    first, second = others[:2]

    def pdf(extra: str) -> tuple[Any, dict[str, Any]]:
        data, where = render_document(replace(sized, paragraphs=(*sample_paragraphs("chuyển đổi số"), extra)))
        return inspect_pdf(data), where.as_json()

    v1, layout = pdf("")
    with store.uow(drafter.id) as uow:
        info = draft_outgoing(uow, v1, filename="ke-hoach-cds-2027.pdf", doc_type="ke_hoach", subject=SUBJECT,
                              drafting_unit_id=office.id, signer_id=signer.id, authority=Authority.TM,
                              recipients=["Các sở, ban, ngành"], reviewer_ids=[first, second], layout=layout)
        uow.commit()
    steps = [
        (first, lambda uow: comment_outgoing(uow, info.id, "Bổ sung chỉ tiêu về dịch vụ công trực tuyến toàn trình.")),
        (drafter.id, lambda uow: revise_outgoing(uow, info.id, pdf("Chỉ tiêu: 80% dịch vụ công trực tuyến toàn "
                                                                    "trình.")[0], filename="ke-hoach-cds-2027-v2.pdf",
                                                 answer="Đã bổ sung chỉ tiêu tại Mục II.")),
        (first, lambda uow: comment_outgoing(uow, info.id, "", agrees=True)),
        (second, lambda uow: comment_outgoing(uow, info.id, "Làm rõ nguồn kinh phí thực hiện.")),
    ]
    for person, step in steps:
        with store.uow(person) as uow:
            step(uow)
            uow.commit()
    return drafter.id, info.id


def shot_outgoing(window: MainWindow, out: Path) -> list[Path]:
    from ui.commands.gui import grab, settle  # noqa: PLC0415 -- import cycle: the tour's command lists this hook

    if window.store is None:
        return []
    made = draft_under_review(window.store)
    if made is None:
        log.warning("no demo people for the outgoing screenshot")
        return []
    drafter, outgoing_id = made
    before = window.settings.person_id
    window.settings.person_id = drafter
    area = getattr(window, "register_area")  # noqa: B009 -- built by main_window_layout
    getattr(window, "tabs").setCurrentWidget(area)  # noqa: B009 -- built by main_window_layout
    area.lists.setCurrentWidget(area.outgoing_view)
    area.refresh()
    settle(window)
    row = next((i for i, r in enumerate(area.outgoing.rows()) if r["id"] == outgoing_id), 0)
    area.outgoing_view.selectRow(row)
    settle(window)
    try:
        return [grab(window, out / "14-van-ban-di-gop-y.png")]
    finally:
        window.settings.person_id = before
