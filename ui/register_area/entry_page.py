"""An incoming document's page in the "Văn bản" tab, as HTML: the register's columns, the
signatures as verified on receipt, the links (the paper it answers, the reply) and its history;
and, for an outgoing document of the unit, where it is in every register it was sent to.
Strings keep the "RegisterArea" translation context."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from store.clock import VN_TZ
from ui.register_area.models import NEEDS_HANDLER, STATUS, tr

if TYPE_CHECKING:
    from register.incoming.cascade import CascadeBoard, CascadeRow
    from register.incoming.records import IncomingInfo
    from ui.register_area import jobs


#: The page's words, where Qt's translation tools find them (``QT_TRANSLATE_NOOP``).
WORDS = {
    "number": QT_TRANSLATE_NOOP("RegisterArea", "Số đến"),
    "arrived": QT_TRANSLATE_NOOP("RegisterArea", "Ngày đến"),
    "sender": QT_TRANSLATE_NOOP("RegisterArea", "Nơi gửi"),
    "symbol": QT_TRANSLATE_NOOP("RegisterArea", "Số, ký hiệu"),
    "dated": QT_TRANSLATE_NOOP("RegisterArea", "Ngày văn bản"),
    "secrecy": QT_TRANSLATE_NOOP("RegisterArea", "Độ mật, độ khẩn"),
    "status": QT_TRANSLATE_NOOP("RegisterArea", "Trạng thái"),
    "handler": QT_TRANSLATE_NOOP("RegisterArea", "Người xử lý"),
    "co": QT_TRANSLATE_NOOP("RegisterArea", "Phối hợp"),
    "due": QT_TRANSLATE_NOOP("RegisterArea", "Hạn xử lý"),
    "late": QT_TRANSLATE_NOOP("RegisterArea", " (quá hạn)"),
    "note": QT_TRANSLATE_NOOP("RegisterArea", "Bút phê"),
    "unregistered": QT_TRANSLATE_NOOP("RegisterArea", "chưa vào sổ"),
    "source": QT_TRANSLATE_NOOP("RegisterArea", "Văn bản đi #{n} của đơn vị gửi"),
    "reply_by": QT_TRANSLATE_NOOP("RegisterArea", "Đơn vị gửi đề nghị trả lời trước {d}"),
    "reply": QT_TRANSLATE_NOOP("RegisterArea", "Trả lời bằng văn bản đi #{n}"),
    "signatures": QT_TRANSLATE_NOOP("RegisterArea", "Chữ ký số khi nhận"),
    "links": QT_TRANSLATE_NOOP("RegisterArea", "Liên kết"),
    "history": QT_TRANSLATE_NOOP("RegisterArea", "Lịch sử xử lý"),
    "nowhere": QT_TRANSLATE_NOOP("RegisterArea", "Văn bản này chưa gửi tới đơn vị nào trong kho."),
    "sent": QT_TRANSLATE_NOOP("RegisterArea", "Gửi {u} đơn vị: vào sổ {r}, đã giao {a}, đã trả lời {n}"),
    "unit": QT_TRANSLATE_NOOP("RegisterArea", "Đơn vị"),
    "got": QT_TRANSLATE_NOOP("RegisterArea", "Nhận"),
    "registered": QT_TRANSLATE_NOOP("RegisterArea", "Vào sổ"),
    "assigned": QT_TRANSLATE_NOOP("RegisterArea", "Giao"),
    "answered": QT_TRANSLATE_NOOP("RegisterArea", "Trả lời"),
    "overdue": QT_TRANSLATE_NOOP("RegisterArea", "quá hạn"),
    "asked_by": QT_TRANSLATE_NOOP("RegisterArea", "Hạn báo cáo, trả lời: {d}"),
    "late_count": QT_TRANSLATE_NOOP("RegisterArea", "quá hạn {n} đơn vị"),
    "answered_late": QT_TRANSLATE_NOOP("RegisterArea", "trả lời muộn {n} ngày"),
    "answered_late_count": QT_TRANSLATE_NOOP("RegisterArea", "trả lời muộn {n} đơn vị"),
    "not_answered": QT_TRANSLATE_NOOP("RegisterArea", "Chưa trả lời"),
    "replying": QT_TRANSLATE_NOOP("RegisterArea", "đang soạn trả lời"),
}
VERDICT_WORDS = {
    "valid": QT_TRANSLATE_NOOP("RegisterArea", "hợp lệ"),
    "invalid": QT_TRANSLATE_NOOP("RegisterArea", "KHÔNG hợp lệ"),
    "cannot_verify": QT_TRANSLATE_NOOP("RegisterArea", "chưa kiểm tra được"),
    "unsigned": QT_TRANSLATE_NOOP("RegisterArea", "không có chữ ký số"),
}
GREEN, RED, GREY = "#1e8449", "#c0392b", "#566573"


def w(key: str) -> str:
    return tr(WORDS[key])


def _verdict(code: str) -> str:
    return tr(VERDICT_WORDS[code]) if code in VERDICT_WORDS else code


def _row(label: str, value: str) -> str:
    return f"<tr><td style='color:{GREY};padding-right:10px'>{escape(label)}</td><td>{value}</td></tr>"


def _due(e: IncomingInfo, today: date) -> str:
    if e.due_on is None:
        return "—"
    late = e.overdue(today)
    return f"<span style='color:{RED if late else 'black'}'>{e.due_on:%d/%m/%Y}{w('late') if late else ''}</span>"


def entry_html(page: jobs.EntryPage, today: date) -> str:
    """A document's page: the register's columns, signatures, links and history."""
    e = page.info
    number = f"{e.number:02d}/{e.year}" if e.number is not None else w("unregistered")
    rows = [
        _row(w("number"), escape(number)),
        _row(w("arrived"), escape(e.received_at.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y"))),
        _row(w("sender"), escape(e.sender_name)),
        _row(w("symbol"), escape(e.doc_symbol or "—")),
        _row(w("dated"), escape(f"{e.doc_date:%d/%m/%Y}" if e.doc_date else "—")),
        _row(w("secrecy"), escape(f"{e.classification.vi}, {e.urgency.vi}")),
        _row(w("status"), escape(tr(STATUS[str(e.status)]))),
        _row(w("handler"), escape(e.handler_name or "—") + (
            f' <span style="color:#c0392b">({escape(tr(NEEDS_HANDLER))})</span>' if e.needs_handler else "")),
        _row(w("co"), escape(", ".join(page.co_handlers) or "—")),
        _row(w("due"), _due(e, today)),
    ]
    if e.instruction:
        rows.append(_row(w("note"), f"<i>{escape(e.instruction)}</i>"))
    links = []
    if e.source_outgoing_id:
        links.append(w("source").format(n=e.source_outgoing_id))
    if e.reply_due_on:
        links.append(w("reply_by").format(d=f"{e.reply_due_on:%d/%m/%Y}"))
    if e.reply_outgoing_id:
        links.append(w("reply").format(n=e.reply_outgoing_id))
    report = page.report
    colour = GREEN if report.verdict == "valid" else RED if report.verdict == "invalid" else GREY
    signatures = "".join(f"<li>{escape(s.signer or '?')}: {escape(_verdict(s.verdict))}</li>" for s in report.signatures)
    history = "".join(
        f"<tr><td>{h.at.astimezone(VN_TZ):%H:%M %d/%m/%Y}</td><td>{escape(h.person_name or '—')}</td>"
        f"<td>{escape(h.kind.vi)}{(': ' + escape(h.note)) if h.note else ''}</td></tr>" for h in page.history)
    out = [f"<h3>{escape(e.subject)}</h3><table>{''.join(rows)}</table>",
           f"<h4>{w('signatures')}: <span style='color:{colour}'>{escape(_verdict(report.verdict))}</span></h4>",
           f"<ul>{signatures}</ul>"]
    if links:
        out.append(f"<h4>{w('links')}</h4><ul>{''.join(f'<li>{escape(x)}</li>' for x in links)}</ul>")
    out.append(f"<h4>{w('history')}</h4><table cellspacing='4'>{history}</table>")
    return "".join(out)


def _mark(ok: bool) -> str:
    return f"<span style='color:{GREEN}'>✓</span>" if ok else f"<span style='color:{RED}'>✗</span>"


def _answer_mark(r: CascadeRow) -> str:
    """A reply linked but not released yet is neither an answer nor nothing: say it is being written."""
    if r.replying:
        return f"<span style='color:{GREY}'>{escape(w('replying'))}</span>"
    return _mark(r.answered)


def _lateness(r: CascadeRow, today: date) -> str:
    """Still late (quá hạn), or answered after the date asked, by how many days."""
    if r.late(today):
        return escape(w("overdue"))
    return escape(w("answered_late").format(n=r.late_days)) if r.late_days else ""


def cascade_html(row: dict[str, Any], board: CascadeBoard, today: date) -> str:
    """An outgoing document of the unit and where it is in every register it was sent to."""
    title = f"{escape(str(row.get('symbol') or ''))} {escape(str(row.get('subject') or ''))}"
    if not board.rows:
        return f"<h3>{title}</h3><p>{w('nowhere')}</p>"
    c = board.counts()
    head = escape(w("sent").format(u=c["units"], r=c["registered"], a=c["assigned"], n=c["answered"]))
    if board.reply_by is not None:  # the date they were asked to answer by, how many are past it, answered late
        n, m = sum(r.late(today) for r in board.rows), sum(bool(r.late_days) for r in board.rows)
        late = f" — <b style='color:{RED}'>{escape(w('late_count').format(n=n))}</b>" if n else ""
        late += f" — <span style='color:{RED}'>{escape(w('answered_late_count').format(n=m))}</span>" if m else ""
        head += f"<br>{escape(w('asked_by').format(d=f'{board.reply_by:%d/%m/%Y}'))}{late}"
    header = "".join(f"<th>{w(k)}</th>" for k in ("unit", "got", "registered", "assigned", "answered"))
    lines = "".join(
        f"<tr><td>{escape(r.unit_name)}</td><td>{_mark(True)}</td><td>{_mark(r.registered)}</td>"
        f"<td>{_mark(r.assigned)}</td><td>{_answer_mark(r)}</td>"
        f"<td style='color:{RED}'>{_lateness(r, today)}</td></tr>" for r in board.rows)
    missing = ", ".join(r.unit_name for r in board.missing("answered"))
    out = f"<h3>{title}</h3><p>{head}</p><table cellspacing='6'><tr>{header}<th></th></tr>{lines}</table>"
    return out + (f"<p><b>{w('not_answered')}:</b> {escape(missing)}</p>" if missing else "")
