"""`nghisu demo` on today's map: the Government, Quảng Trị (seat Đồng Hới) with its office
and departments, wards, communes and the special zone Cồn Cỏ; a Trung ương → tỉnh → xã online
conference with the province and communes as sites, the provincial People's Committee's
sessions (November's held and recorded, December's coming) and a ward's session.

Created once: units by code, people by e-mail, meetings by title (``demo.store`` shares the
helpers with the 2019 demo)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from demo import data2025 as d
from demo.common import add_meeting, person_email
from store.directory import create_person, create_unit, find_person_by_email, find_unit_by_code, grant_role

if TYPE_CHECKING:
    from demo.common import DemoReport
    from store.engine import Store

#: When the units began (the 2025 arrangement took effect on 1 July 2025).
SINCE = date(2025, 7, 1)


def ensure_units(store: Store, report: DemoReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    with store.uow() as uow:

        def ensure(code: str, **fields) -> None:
            found = find_unit_by_code(uow.session, code)
            if found is None:
                found = create_unit(uow, code=code, scheme=d.SCHEME, **fields)
                report.units_created += 1
            ids[code] = found.id

        for code, name, level, parent, official, short, place in d.BODIES:
            ensure(code, name=name, level=level, parent_id=ids.get(parent) if parent else None, official_name=official,
                   short_name=short, place_name=place)
        for code, name, kind, abbreviation in d.AGENCIES:
            ensure(code, name=name, kind=kind, parent_id=ids["QT"], abbreviation=abbreviation, valid_from=SINCE)
        for code, name, official, short, place in d.COMMUNES:
            ensure(code, name=name, level=d.COMMUNE, parent_id=ids["QT"], official_name=official, short_name=short,
                   place_name=place, valid_from=SINCE)
        uow.commit()
    return ids


def ensure_people(store: Store, units: dict[str, int], report: DemoReport) -> dict[str, int]:
    """Person ids by e-mail; each commune's chair also as ``chair:<code>``. The provincial
    People's Committee's members hold the role "thành viên" of QT; the clerk is its văn thư
    and thư ký."""
    people: dict[str, int] = {}
    rows = list(d.PROVINCE_PEOPLE)
    for (code, _, _, short, _), chair in zip(d.COMMUNES, d.COMMUNE_CHAIRS, strict=True):
        rows.append((person_email(chair, code), chair, f"Chủ tịch {short}", code))
        people[f"chair:{code}"] = -1  # filled below
        for name, position in d.COMMUNE_STAFF.get(code, []):
            rows.append((person_email(name, code), name, position, code))
    with store.uow() as uow:
        for email, name, position, ucode in rows:
            found = find_person_by_email(uow.session, email)
            if found is None:
                found = create_person(uow, full_name=name, position=position, unit_id=units[ucode], email=email)
                report.people_created += 1
                if email in d.UBND_MEMBERS:
                    grant_role(uow, found.id, units["QT"], "thanh_vien", since=SINCE)
                elif email == d.CLERK:
                    grant_role(uow, found.id, units["QT"], "van_thu", since=SINCE)
                    grant_role(uow, found.id, units["QT"], "thu_ky", since=SINCE)
                elif position.startswith("Chủ tịch") or position.startswith("Phó Chủ tịch"):
                    grant_role(uow, found.id, units[ucode], "thanh_vien", since=SINCE)
            people[email] = found.id
            if f"chair:{ucode}" in people and position.startswith("Chủ tịch"):
                people[f"chair:{ucode}"] = found.id
        uow.commit()
    return people


def create_meetings(store: Store, report: DemoReport, u: dict[str, int], p: dict[str, int]) -> None:
    clerk = p[d.CLERK]
    board = [(p["minh.nv@quangtri.gov.vn"], "chair", None), (clerk, "secretary", None)]
    board += [(p[e], "member", None) for e in d.UBND_MEMBERS if e != "minh.nv@quangtri.gov.vn"]
    add_meeting(store, report, "province", actor=clerk, unit=u["QT"], agenda=d.PROVINCIAL_AGENDA,
                sites=[u[c] for c in d.DECEMBER_SITES],
                people=board + [(p[f"chair:{c}"], "member", u[c]) for c in d.DECEMBER_SITES], **d.PROVINCIAL_DECEMBER)
    add_meeting(store, report, "province-november", actor=clerk, unit=u["QT"], agenda=d.NOVEMBER_AGENDA, sites=[],
                people=board, status_path=("published", "in_progress", "closed"), **d.PROVINCIAL_NOVEMBER)
    # The Government's conference: the province and its communes join as sites; their leaders
    # attend from their own halls.
    sites = [u["QT"]] + [u[c] for c in d.CONFERENCE_SITES]
    attendees = [(p["minh.nv@quangtri.gov.vn"], "member", u["QT"]), (clerk, "guest", u["QT"])]
    attendees += [(p[f"chair:{c}"], "member", u[c]) for c in d.CONFERENCE_SITES]
    add_meeting(store, report, "central", actor=clerk, unit=u["CP"], agenda=d.CENTRAL_AGENDA, sites=sites,
                people=attendees, status_path=("published",), **d.CENTRAL_CONFERENCE)
    ward = "QT-DHOI"
    staff = [p[person_email(n, ward)] for n, _ in d.COMMUNE_STAFF[ward]]
    add_meeting(store, report, "commune", actor=p[f"chair:{ward}"], unit=u[ward], agenda=d.COMMUNE_AGENDA, sites=[],
                people=[(p[f"chair:{ward}"], "chair", None), (staff[1], "secretary", None), (staff[0], "member", None)],
                **d.COMMUNE_SESSION)

