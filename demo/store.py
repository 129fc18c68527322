"""`nghisu demo`: a ready-to-use store for Quảng Trị, created once (running it again adds
nothing that is already there: units by code, people by e-mail, meetings by title)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from demo import data
from demo.materials import attach_demo_materials
from demo.security import ensure_demo_keys
from demo.signing import sign_demo_minutes
from meetings.agenda import add_agenda_item
from meetings.lifecycle import change_status, create_meeting, find_meeting
from meetings.sites import add_participant, add_site
from store.clock import VN_TZ
from store.directory import create_person, create_unit, find_person_by_email, find_unit_by_code
from store.engine import Store


@dataclass
class DemoReport:
    units_created: int = 0
    people_created: int = 0
    meetings_created: list[str] = field(default_factory=list)
    provincial_meeting_id: int | None = None
    meeting_ids: dict[str, int] = field(default_factory=dict)
    documents_created: int = 0


def ascii_fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _email(full_name: str, unit_code: str) -> str:
    parts = ascii_fold(full_name).lower().split()
    initials = "".join(p[0] for p in parts[:-1])
    return f"{parts[-1]}.{initials}.{unit_code.lower()}@quangtri.gov.vn"


def _ensure_units(store: Store, report: DemoReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    with store.uow() as uow:

        def ensure(code: str, name: str, level: str, parent: str | None) -> None:
            found = find_unit_by_code(uow.session, code)
            if found is None:
                official, short, place = data.COMMITTEES[code]
                found = create_unit(uow, code=code, name=name, level=level, scheme=data.SCHEME, official_name=official,
                                    short_name=short, place_name=place, parent_id=ids.get(parent) if parent else None)
                report.units_created += 1
            ids[code] = found.id

        ensure(data.PROVINCE[0], data.PROVINCE[1], data.PROVINCE_LEVEL, None)
        for dcode, (dname, communes) in data.DISTRICTS.items():
            ensure(dcode, dname, data.DISTRICT_LEVEL, data.PROVINCE[0])
            for ccode, cname in communes:
                ensure(ccode, cname, data.COMMUNE_LEVEL, dcode)
        uow.commit()
    return ids


def _ensure_people(store: Store, units: dict[str, int], report: DemoReport) -> dict[str, int]:
    """Returns person ids by e-mail; commune chairs are keyed ``chair:<commune code>``."""
    people: dict[str, int] = {}
    rows = [(e, n, p, c) for e, n, p, c in data.PROVINCE_PEOPLE]
    for dcode, members in data.DISTRICT_PEOPLE.items():
        rows += [(_email(n, dcode), n, p, dcode) for n, p in members]
    communes = [c for _, (_, cs) in data.DISTRICTS.items() for c in cs]
    for (ccode, _), chair in zip(communes, data.COMMUNE_CHAIRS * 2, strict=False):
        rows.append((_email(chair, ccode), chair, f"Chủ tịch {data.COMMITTEES[ccode][1]}", ccode))
    with store.uow() as uow:
        for email, name, position, ucode in rows:
            found = find_person_by_email(uow.session, email)
            if found is None:
                found = create_person(uow, full_name=name, position=position, unit_id=units[ucode], email=email)
                report.people_created += 1
            people[email] = found.id
            if position.startswith("Chủ tịch UBND") and ucode != "QT":
                people[f"chair:{ucode}"] = found.id
        uow.commit()
    return people


def _add_agenda(uow, meeting_id: int, agenda) -> None:
    for title, presenter, minutes, children in agenda:
        top = add_agenda_item(uow, meeting_id, title=title, presenter=presenter, planned_minutes=minutes)
        for ctitle, cpresenter, cminutes, _ in children:
            add_agenda_item(uow, meeting_id, title=ctitle, presenter=cpresenter, planned_minutes=cminutes, parent_id=top.id)


def _meeting(store: Store, report: DemoReport, key: str, *, actor: int, unit: int, title: str, kind: str,
             start: datetime, hours: float, location: str, agenda, sites: list[int],
             people: list[tuple[int, str, int | None]], status_path: tuple[str, ...] = ()) -> None:
    with store.uow(actor) as uow:
        existing = find_meeting(uow.session, unit_id=unit, title=title)
        if existing is not None:
            report.meeting_ids[key] = existing.id
            return
        m = create_meeting(uow, unit_id=unit, title=title, kind=kind, starts_at=start,
                           ends_at=start + timedelta(hours=hours), location=location)
        for site in sites:
            add_site(uow, m.id, site)
        for person_id, role, site in people:
            add_participant(uow, m.id, person_id, role, site_unit_id=site)
        _add_agenda(uow, m.id, agenda)
        for status in status_path:
            change_status(uow, m.id, status)
        uow.commit()
    report.meetings_created.append(title)
    report.meeting_ids[key] = m.id


def create_demo(store: Store, *, with_materials: bool = True) -> DemoReport:
    report = DemoReport()
    u = _ensure_units(store, report)
    p = _ensure_people(store, u, report)
    clerk = p["anh.ptn@quangtri.gov.vn"]
    province_board = [
        (p["minh.nv@quangtri.gov.vn"], "chair", None), (p["anh.ptn@quangtri.gov.vn"], "secretary", None),
        (p["ha.ttt@quangtri.gov.vn"], "member", None), (p["dung.lq@quangtri.gov.vn"], "member", None),
        (p["huy.lq@quangtri.gov.vn"], "member", None), (p["thang.hd@quangtri.gov.vn"], "member", None),
        (p["lan.dt@quangtri.gov.vn"], "member", None), (p["khoa.bd@quangtri.gov.vn"], "guest", None),
    ]
    district_codes = list(data.DISTRICTS)
    commune_sites = ["QT-VL-VG", "QT-DK-TR", "QT-HL-HP", "QT-GL-GM", "QT-CL-CT"]
    sites = [u[c] for c in district_codes + commune_sites]
    site_people = [(p[f"chair:{c}"], "member", u[c]) for c in district_codes + commune_sites]
    _meeting(store, report, "province", actor=clerk, unit=u["QT"],
             title="Phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026", kind="online",
             start=datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ), hours=3.5,
             location="Phòng họp số 1, Trụ sở UBND tỉnh Quảng Trị, 45 Hùng Vương, thành phố Đông Hà",
             agenda=data.PROVINCIAL_AGENDA, sites=sites, people=province_board + site_people)
    _meeting(store, report, "province-november", actor=clerk, unit=u["QT"],
             title="Phiên họp UBND tỉnh thường kỳ tháng 11 năm 2026", kind="regular",
             start=datetime(2026, 11, 6, 8, 0, tzinfo=VN_TZ), hours=3,
             location="Phòng họp số 1, Trụ sở UBND tỉnh Quảng Trị", agenda=data.NOVEMBER_AGENDA, sites=[],
             people=province_board, status_path=("published", "in_progress", "closed"))
    vl = u["QT-VL"]
    vl_communes = [u[c] for c, _ in data.DISTRICTS["QT-VL"][1]]
    vl_staff = [pid for key, pid in p.items() if key.endswith(".qt-vl@quangtri.gov.vn")]
    _meeting(store, report, "district", actor=vl_staff[-1], unit=vl,
             title="Hội nghị UBND huyện Vĩnh Linh chuyên đề chuyển đổi số", kind="thematic",
             start=datetime(2026, 12, 10, 14, 0, tzinfo=VN_TZ), hours=2,
             location="Hội trường UBND huyện Vĩnh Linh", agenda=data.DISTRICT_AGENDA, sites=vl_communes,
             people=[(p["chair:QT-VL"], "chair", None), (vl_staff[-1], "secretary", None), (vl_staff[1], "member", None)]
             + [(p[f"chair:{c}"], "member", u[c]) for c, _ in data.DISTRICTS["QT-VL"][1]])
    vg = u["QT-VL-VG"]
    _meeting(store, report, "commune", actor=p["chair:QT-VL-VG"], unit=vg,
             title="Họp UBND xã Vĩnh Giang thường kỳ tháng 12 năm 2026", kind="regular",
             start=datetime(2026, 12, 3, 7, 30, tzinfo=VN_TZ), hours=2,
             location="Hội trường UBND xã Vĩnh Giang", agenda=data.COMMUNE_AGENDA, sites=[],
             people=[(p["chair:QT-VL-VG"], "chair", None)])
    report.provincial_meeting_id = report.meeting_ids.get("province")
    from demo.live import record_demo_meeting  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    record_demo_meeting(store, report.meeting_ids.get("province-november"), clerk)
    if with_materials:
        ensure_demo_keys(store, p)

        report.documents_created = attach_demo_materials(store, report.meeting_ids, clerk)

        # November's minutes, drafted from the record just above, finalised and signed in turn.
        signed = sign_demo_minutes(store, report.meeting_ids)
        report.documents_created += int(bool(signed and signed.document_created))
    return report
