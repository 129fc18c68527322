"""An outgoing document's page in the "Văn bản" area: its register columns, where it is on its
way, its versions, the reviewers' comments per version (and the version that answered each),
the recipients and what became of the copies sent, and its history (who did what, when)."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from documents.doctypes import doc_type_name
from register.outgoing.release_pdf import HEADER_FIELD, SEAL_FIELD, SIGNER_FIELD
from store.clock import VN_TZ
from store.codes import Classification

if TYPE_CHECKING:
    from signing.verify.report import VerificationReport
    from ui.register_area.outgoing_jobs import OutgoingPage

CONTEXT = "OutgoingPage"

#: The outgoing statuses as the area shows them (the core's codes).
STATUS = {
    "draft": QT_TRANSLATE_NOOP("OutgoingPage", "dự thảo"),
    "in_review": QT_TRANSLATE_NOOP("OutgoingPage", "đang xin ý kiến"),
    "approved": QT_TRANSLATE_NOOP("OutgoingPage", "đã duyệt, chờ ký"),
    "signed": QT_TRANSLATE_NOOP("OutgoingPage", "đã ký, chờ phát hành"),
    "released": QT_TRANSLATE_NOOP("OutgoingPage", "đã phát hành"),
    "cancelled": QT_TRANSLATE_NOOP("OutgoingPage", "đã hủy phát hành"),
}
KINDS = {
    "draft": QT_TRANSLATE_NOOP("OutgoingPage", "dự thảo"),
    "revision": QT_TRANSLATE_NOOP("OutgoingPage", "dự thảo sửa theo ý kiến"),
    "fields": QT_TRANSLATE_NOOP("OutgoingPage", "ô ký, ô số và ngày"),
    "signed": QT_TRANSLATE_NOOP("OutgoingPage", "chữ ký của người có thẩm quyền"),
    "numbered": QT_TRANSLATE_NOOP("OutgoingPage", "số và ngày ban hành"),
    "released": QT_TRANSLATE_NOOP("OutgoingPage", "chữ ký số của cơ quan"),
}
ACTIONS = {
    "outgoing.draft": QT_TRANSLATE_NOOP("OutgoingPage", "soạn dự thảo"),
    "outgoing.review_asked": QT_TRANSLATE_NOOP("OutgoingPage", "xin ý kiến"),
    "outgoing.comment": QT_TRANSLATE_NOOP("OutgoingPage", "góp ý"),
    "outgoing.revise": QT_TRANSLATE_NOOP("OutgoingPage", "sửa dự thảo"),
    "outgoing.approve": QT_TRANSLATE_NOOP("OutgoingPage", "duyệt, thêm ô ký"),
    "outgoing.signed": QT_TRANSLATE_NOOP("OutgoingPage", "ký số"),
    "outgoing.release": QT_TRANSLATE_NOOP("OutgoingPage", "cấp số, phát hành"),
    "outgoing.dispatch": QT_TRANSLATE_NOOP("OutgoingPage", "gửi tới nơi nhận"),
    "outgoing.delivered": QT_TRANSLATE_NOOP("OutgoingPage", "đã chuyển vào sổ đến của đơn vị nhận"),
    "outgoing.dispatch_failed": QT_TRANSLATE_NOOP("OutgoingPage", "chuyển tới đơn vị nhận không thành"),
    "outgoing.cancel": QT_TRANSLATE_NOOP("OutgoingPage", "hủy phát hành"),
    "outgoing.reply_by": QT_TRANSLATE_NOOP("OutgoingPage", "sửa hạn báo cáo, trả lời"),
}
WORDS = {
    "symbol": QT_TRANSLATE_NOOP("OutgoingPage", "Số, ký hiệu"),
    "no_number": QT_TRANSLATE_NOOP("OutgoingPage", "chưa cấp số"),
    "released_on": QT_TRANSLATE_NOOP("OutgoingPage", "Ngày ban hành"),
    "type": QT_TRANSLATE_NOOP("OutgoingPage", "Loại văn bản"),
    "status": QT_TRANSLATE_NOOP("OutgoingPage", "Trạng thái"),
    "issuer": QT_TRANSLATE_NOOP("OutgoingPage", "Cơ quan ban hành"),
    "drafting": QT_TRANSLATE_NOOP("OutgoingPage", "Đơn vị soạn thảo"),
    "drafter": QT_TRANSLATE_NOOP("OutgoingPage", "Người soạn thảo"),
    "signer": QT_TRANSLATE_NOOP("OutgoingPage", "Người ký"),
    "secrecy": QT_TRANSLATE_NOOP("OutgoingPage", "Độ mật"),
    "reviewers": QT_TRANSLATE_NOOP("OutgoingPage", "Người góp ý"),
    "recipients": QT_TRANSLATE_NOOP("OutgoingPage", "Nơi nhận"),
    "reply_by": QT_TRANSLATE_NOOP("OutgoingPage", "Hạn báo cáo, trả lời"),
    "versions": QT_TRANSLATE_NOOP("OutgoingPage", "Các phiên bản"),
    "comments": QT_TRANSLATE_NOOP("OutgoingPage", "Ý kiến góp ý"),
    "on_version": QT_TRANSLATE_NOOP("OutgoingPage", "Về phiên bản {n}"),
    "agrees": QT_TRANSLATE_NOOP("OutgoingPage", "nhất trí"),
    "answered": QT_TRANSLATE_NOOP("OutgoingPage", "đã tiếp thu ở phiên bản {n}: {answer}"),
    "open": QT_TRANSLATE_NOOP("OutgoingPage", "chưa tiếp thu"),
    "no_comments": QT_TRANSLATE_NOOP("OutgoingPage", "Chưa có ý kiến nào."),
    "dispatches": QT_TRANSLATE_NOOP("OutgoingPage", "Gửi đi"),
    "in_store": QT_TRANSLATE_NOOP("OutgoingPage", "trong kho"),
    "outside": QT_TRANSLATE_NOOP("OutgoingPage", "ngoài kho (bưu chính, thư điện tử)"),
    "waiting": QT_TRANSLATE_NOOP("OutgoingPage", "chờ gửi"),
    "delivered": QT_TRANSLATE_NOOP("OutgoingPage", "đã vào sổ đến của đơn vị nhận"),
    "cascade": QT_TRANSLATE_NOOP("OutgoingPage", "Ở các đơn vị nhận: vào sổ {r}/{u}, đã giao {a}, đã trả lời {n}"),
    "history": QT_TRANSLATE_NOOP("OutgoingPage", "Lịch sử"),
    "next": QT_TRANSLATE_NOOP("OutgoingPage", "Bước tiếp theo"),
    "signatures": QT_TRANSLATE_NOOP("OutgoingPage", "Chữ ký số của phiên bản {n}"),
    "checking": QT_TRANSLATE_NOOP("OutgoingPage", "đang kiểm tra…"),
    "by_clerk": QT_TRANSLATE_NOOP("OutgoingPage", "{organisation} (văn thư {clerk})"),
}
VERDICTS = {
    "valid": QT_TRANSLATE_NOOP("OutgoingPage", "hợp lệ"),
    "invalid": QT_TRANSLATE_NOOP("OutgoingPage", "KHÔNG hợp lệ"),
    "cannot_verify": QT_TRANSLATE_NOOP("OutgoingPage", "chưa kiểm tra được"),
    "unsigned": QT_TRANSLATE_NOOP("OutgoingPage", "không có chữ ký số"),
}
NEXT_STEP = {
    "draft": QT_TRANSLATE_NOOP("OutgoingPage", "người soạn thảo xin ý kiến, hoặc người ký/lãnh đạo duyệt"),
    "in_review": QT_TRANSLATE_NOOP("OutgoingPage", "người được mời góp ý; người soạn thảo tiếp thu bằng phiên bản mới"),
    "approved": QT_TRANSLATE_NOOP("OutgoingPage", "{signer} ký số"),
    "signed": QT_TRANSLATE_NOOP("OutgoingPage", "văn thư cấp số, ký số của cơ quan và phát hành"),
    "released": QT_TRANSLATE_NOOP("OutgoingPage", "không còn (có thể xuất tệp đã phát hành)"),
    "cancelled": QT_TRANSLATE_NOOP("OutgoingPage", "không còn; số đã cấp không dùng lại"),
}
#: What each signature field of an outgoing document is (``register.outgoing.release_pdf``):
#: the competent signer's own, then the two the văn thư applies at release in the organisation's
#: name (Decree 30 §5), which the page names after the organisation, not after the văn thư.
FIELD_ROLES = {
    SIGNER_FIELD: QT_TRANSLATE_NOOP("OutgoingPage", "chữ ký của người có thẩm quyền"),
    HEADER_FIELD: QT_TRANSLATE_NOOP("OutgoingPage", "số và ngày ban hành"),
    SEAL_FIELD: QT_TRANSLATE_NOOP("OutgoingPage", "chữ ký số của cơ quan, kèm hình con dấu"),
}
ORGANISATION_FIELDS = (HEADER_FIELD, SEAL_FIELD)
GREEN, RED, GREY = "#1e8449", "#c0392b", "#566573"


def tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def w(key: str) -> str:
    return tr(WORDS[key])


def status_label(code: str) -> str:
    return tr(STATUS[code]) if code in STATUS else code


def _row(label: str, value: str) -> str:
    return f"<tr><td style='color:{GREY};padding-right:10px'>{escape(label)}</td><td>{value}</td></tr>"


def _when(at: datetime) -> str:
    return at.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def _verdict(code: str) -> str:
    return tr(VERDICTS[code]) if code in VERDICTS else code


def released_by(page: OutgoingPage) -> str | None:
    """The văn thư who released the document, as the audit log names them (the last release)."""
    names = [h.get("actor") for h in page.detail.history if h["action"] == "outgoing.release"]
    return names[-1] if names and names[-1] else None


def signature_label(page: OutgoingPage, field: str, signer: str) -> str:
    """Who a signature is from: the signer by name; the organisation's two, the organisation
    and the văn thư who applied them (the certificate's holder when the log does not say)."""
    role = tr(FIELD_ROLES[field]) if field in FIELD_ROLES else ""
    who = signer or (field if not role else "")
    if field in ORGANISATION_FIELDS and page.organisation:
        clerk = released_by(page) or signer
        who = w("by_clerk").format(organisation=page.organisation, clerk=clerk) if clerk else page.organisation
    return f"{who} — {role}" if who and role else who or role


def signatures_html(page: OutgoingPage, report: VerificationReport | None) -> str:
    """The current version's signatures as verified (None: the check is under way)."""
    head = escape(w("signatures").format(n=page.detail.info.current_version_no))
    if report is None:
        return f"<h4>{head}: <span style='color:{GREY}'>{w('checking')}</span></h4>"
    colour = GREEN if report.verdict == "valid" else RED if report.verdict == "invalid" else GREY
    items = "".join(f"<li>{escape(signature_label(page, x.field, x.signer))}: {escape(_verdict(str(x.verdict)))}</li>"
                    for x in report.signatures)
    return (f"<h4>{head}: <span style='color:{colour}'>{escape(_verdict(str(report.verdict)))}</span></h4>"
            f"<ul>{items}</ul>")


def outgoing_html(page: OutgoingPage, signatures: str = "") -> str:
    d = page.detail
    i = d.info
    names, units = page.names, page.unit_names
    signer = names.get(i.signer_id, f"#{i.signer_id}")
    authority = f"{i.authority.value}. " if i.authority.value else ""
    rows = [
        _row(w("symbol"), escape(i.symbol or w("no_number"))),
        _row(w("released_on"), escape(f"{i.released_on:%d/%m/%Y}" if i.released_on else "—")),
        _row(w("type"), escape(doc_type_name(i.doc_type))),
        _row(w("status"), f"<b>{escape(status_label(str(i.status)))}</b>"),
        _row(w("issuer"), escape(units.get(i.unit_id, ""))),
        _row(w("drafting"), escape(units.get(i.drafting_unit_id, ""))),
        _row(w("drafter"), escape(names.get(i.drafter_id, ""))),
        _row(w("signer"), escape(authority + signer)),
        _row(w("secrecy"), escape(Classification(i.classification).vi)),
        _row(w("reviewers"), escape(", ".join(names.get(p, f"#{p}") for p in i.reviewers) or "—")),
        _row(w("recipients"), escape("; ".join(str(r.get("name", "")) for r in i.recipients) or "—")),
        _row(w("reply_by"), escape(f"{i.reply_by:%d/%m/%Y}" if i.reply_by else "—")),
        _row(w("next"), escape(tr(NEXT_STEP[str(i.status)]).format(signer=signer))),
    ]
    out = [f"<h3>{escape(i.subject)}</h3><table>{''.join(rows)}</table>", signatures,
           f"<h4>{w('versions')}</h4><ul>"]
    for v in d.versions:
        kind = tr(KINDS.get(str(v.kind), str(v.kind)))
        out.append(f"<li>v{v.version_no} — {escape(kind)}: {escape(v.note)} <span style='color:{GREY}'>"
                   f"({escape(_when(v.created_at))})</span></li>")
    out.append(f"</ul><h4>{w('comments')}</h4>")
    if not d.comments:
        out.append(f"<p style='color:{GREY}'>{w('no_comments')}</p>")
    for version_no in sorted({c.version_no for c in d.comments}):
        out.append(f"<p><b>{escape(w('on_version').format(n=version_no))}</b></p><ul>")
        for c in (c for c in d.comments if c.version_no == version_no):
            if c.agrees:
                state = f"<span style='color:{GREEN}'>{w('agrees')}</span>"
            elif c.answered_in_version_no is not None:
                state = f"<span style='color:{GREEN}'>{escape(w('answered').format(n=c.answered_in_version_no, answer=c.answer or ''))}</span>"
            else:
                state = f"<span style='color:{RED}'>{w('open')}</span>"
            out.append(f"<li>{escape(c.author_name)}: {escape(c.text)} [{state}]</li>")
        out.append("</ul>")
    if d.dispatches:
        out.append(f"<h4>{w('dispatches')}</h4><ul>")
        for x in d.dispatches:
            where = w("in_store") if x.channel == "store" else w("outside")
            state = w(x.status) if x.status in WORDS else x.status
            out.append(f"<li>{escape(x.recipient_name)} ({escape(where)}): {escape(state)}</li>")
        out.append("</ul>")
    if page.board is not None and page.board.rows:
        n = page.board.counts()
        out.append(f"<p>{escape(w('cascade').format(r=n['registered'], u=n['units'], a=n['assigned'], n=n['answered']))}</p>")
    out.append(f"<h4>{w('history')}</h4><table cellspacing='4'>")
    for h in d.history:
        label = tr(ACTIONS[h["action"]]) if h["action"] in ACTIONS else h["action"]
        out.append(f"<tr><td>{escape(_when(datetime.fromisoformat(h['at'])))}</td><td>{escape(h.get('actor') or '—')}"
                   f"</td><td>{escape(label)}</td></tr>")
    out.append("</table>")
    return "".join(out)
