"""`nghisu demo`: a ready-to-use store for Quảng Trị, created once (running it again adds
nothing that is already there: units by code, people by e-mail, meetings by title).

``scheme="2025"`` (the default) draws today's map (``demo.map2025``); ``scheme="2019"`` the
seed's three-level province–district–commune one, kept for stores and tests of that map."""

from __future__ import annotations

from datetime import datetime

from demo import data
from demo.common import DemoReport, add_meeting, ascii_fold, person_email
from demo.materials import attach_demo_materials
from demo.progress import DemoSteps
from demo.security import ensure_demo_keys
from demo.signing import sign_demo_minutes
from store.clock import VN_TZ
from store.directory import create_person, create_unit, find_person_by_email, find_unit_by_code
from store.engine import Store
from store.errors import InvalidInput

__all__ = ["SCHEMES", "DemoReport", "ascii_fold", "create_demo", "person_email"]

SCHEMES = ("2025", "2019")
_email = person_email


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


def create_demo(store: Store, *, scheme: str = "2025", with_materials: bool = True,
                outgoing_year: bool = False, steps: DemoSteps | None = None) -> DemoReport:
    """``outgoing_year``: also the province's year of released documents (today's map only; slow
    enough that only the whole demo, ``demo.build.build_demo``, asks for it), before the November
    minutes take their number. ``steps``: told where it is, and its Cancel (``demo.progress``)."""
    steps = steps or DemoSteps()
    if scheme not in SCHEMES:
        raise InvalidInput(f"Không có dữ liệu mẫu cho hệ thống cấp '{scheme}'; chọn: {', '.join(SCHEMES)}.",
                           f"There is no demo for scheme '{scheme}'; choose: {', '.join(SCHEMES)}.")
    with store.read() as s:
        province = find_unit_by_code(s, data.PROVINCE[0])
    if province is not None and province.scheme != scheme:
        raise InvalidInput(f"Kho đã có dữ liệu mẫu theo hệ thống cấp {province.scheme}; dùng --scheme {province.scheme} "
                           "hoặc một kho khác.",
                           f"The store already holds the {province.scheme} demo; use --scheme {province.scheme} or another store.")
    report = DemoReport()
    steps.begin("directory")
    if scheme == "2025":
        from demo import map2025  # noqa: PLC0415 -- import cycle: map2025 uses demo.common, store the 2019 helpers

        u = map2025.ensure_units(store, report)
        p = map2025.ensure_people(store, u, report)
        steps.begin("meetings")
        map2025.create_meetings(store, report, u, p)
    else:
        u = _ensure_units(store, report)
        p = _ensure_people(store, u, report)
        steps.begin("meetings")
        _create_meetings_2019(store, report, u, p)
    return _finish(store, report, p, scheme, with_materials, outgoing_year=outgoing_year and scheme == "2025",
                   steps=steps)


def _create_meetings_2019(store: Store, report: DemoReport, u: dict[str, int], p: dict[str, int]) -> None:
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
    add_meeting(store, report, "province", actor=clerk, unit=u["QT"],
             title="Phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026", kind="online",
             start=datetime(2026, 12, 8, 8, 0, tzinfo=VN_TZ), hours=3.5,
             location="Phòng họp số 1, Trụ sở UBND tỉnh Quảng Trị, 45 Hùng Vương, thành phố Đông Hà",
             agenda=data.PROVINCIAL_AGENDA, sites=sites, people=province_board + site_people)
    add_meeting(store, report, "province-november", actor=clerk, unit=u["QT"],
             title="Phiên họp UBND tỉnh thường kỳ tháng 11 năm 2026", kind="regular",
             start=datetime(2026, 11, 6, 8, 0, tzinfo=VN_TZ), hours=3,
             location="Phòng họp số 1, Trụ sở UBND tỉnh Quảng Trị", agenda=data.NOVEMBER_AGENDA, sites=[],
             people=province_board, status_path=("published", "in_progress", "closed"))
    vl = u["QT-VL"]
    vl_communes = [u[c] for c, _ in data.DISTRICTS["QT-VL"][1]]
    vl_staff = [pid for key, pid in p.items() if key.endswith(".qt-vl@quangtri.gov.vn")]
    add_meeting(store, report, "district", actor=vl_staff[-1], unit=vl,
             title="Hội nghị UBND huyện Vĩnh Linh chuyên đề chuyển đổi số", kind="thematic",
             start=datetime(2026, 12, 10, 14, 0, tzinfo=VN_TZ), hours=2,
             location="Hội trường UBND huyện Vĩnh Linh", agenda=data.DISTRICT_AGENDA, sites=vl_communes,
             people=[(p["chair:QT-VL"], "chair", None), (vl_staff[-1], "secretary", None), (vl_staff[1], "member", None)]
             + [(p[f"chair:{c}"], "member", u[c]) for c, _ in data.DISTRICTS["QT-VL"][1]])
    vg = u["QT-VL-VG"]
    add_meeting(store, report, "commune", actor=p["chair:QT-VL-VG"], unit=vg,
             title="Họp UBND xã Vĩnh Giang thường kỳ tháng 12 năm 2026", kind="regular",
             start=datetime(2026, 12, 3, 7, 30, tzinfo=VN_TZ), hours=2,
             location="Hội trường UBND xã Vĩnh Giang", agenda=data.COMMUNE_AGENDA, sites=[],
             people=[(p["chair:QT-VL-VG"], "chair", None)])


def _finish(store: Store, report: DemoReport, p: dict[str, int], scheme: str, with_materials: bool, *,
            outgoing_year: bool, steps: DemoSteps) -> DemoReport:
    """The November session's record and minutes, then papers, keys and signatures; the year's
    releases before the minutes, so the register's numbers follow the days."""
    from demo.live import record_demo_meeting  # noqa: PLC0415 -- deferred for start-up: brings in reportlab

    clerk = p["anh.ptn@quangtri.gov.vn"]
    report.provincial_meeting_id = report.meeting_ids.get("province")
    steps.begin("record")
    record_demo_meeting(store, report.meeting_ids.get("province-november"), clerk, scheme)
    if with_materials:
        steps.begin("materials")
        ensure_demo_keys(store, p)

        report.documents_created = attach_demo_materials(store, report.meeting_ids, clerk, scheme)
    if outgoing_year:
        from demo.outgoing import release_demo_year  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

        report.decision = release_demo_year(store, steps=steps)
    if with_materials:
        # November's minutes, drafted from the record just above, finalised and signed in turn.
        steps.begin("minutes")
        signed = sign_demo_minutes(store, report.meeting_ids)
        report.documents_created += int(bool(signed and signed.document_created))
    return report
