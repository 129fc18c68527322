"""Shared scenery for the incoming-register tests: a province and two communes with their văn
thư, a leader and officers, the office's CA trusted, and signed PDFs made by real signatures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from signing.keys.signing_keys import load_pkcs12
from signing.keys.truststore import add_trust_roots
from signing.pdf.pades import SignerDisplay, SignRequest, sign_pdf
from store.directory import create_person, create_unit
from store.directory.people import grant_role
from store.engine import Store
from tests.signing.pki import FIXED_NOW, ORG, P12_PASSWORD, OfficePki, build_office_pki, make_pdf

#: The register's day in the tests: the shared clock's 28/11/2026.
TODAY = date(2026, 11, 28)


@cache
def pki() -> OfficePki:
    return build_office_pki()


@cache
def signed_pdf(title: str = "Quyết định về việc phê duyệt kế hoạch") -> bytes:
    """A document signed by the chair with the office CA (valid when the CA is trusted)."""
    p = pki()
    return sign_pdf(make_pdf(2, title), load_pkcs12(p.chair.p12, P12_PASSWORD),
                    SignRequest(field_name="ChuTich", signer=SignerDisplay(p.chair.full_name, p.chair.position, ORG),
                                at=FIXED_NOW))


@dataclass(frozen=True)
class Office:
    province: int
    communes: tuple[int, int]
    clerk: int  # văn thư of the province
    leader: int  # lãnh đạo of the province
    officer: int  # chuyên viên of the province
    officer2: int
    commune_clerks: tuple[int, int]
    commune_officers: tuple[int, int]
    commune_chairs: tuple[int, int]


def build_office(store: Store) -> Office:
    with store.uow() as uow:
        prov = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2025",
                           official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị",
                           abbreviation="UBND").id
        communes = tuple(create_unit(uow, code=code, name=name, level="commune", scheme="2025", parent_id=prov,
                                     official_name=f"Ủy ban nhân dân {name.lower()}", place_name=name[3:],
                                     abbreviation="UBND").id
                         for code, name in (("QT-CL", "Xã Cam Lộ"), ("QT-GL", "Xã Gio Linh")))

        def person(name: str, position: str, unit: int, role: str) -> int:
            pid = create_person(uow, full_name=name, position=position, unit_id=unit).id
            grant_role(uow, pid, unit, role, since=date(2020, 1, 1))
            return pid

        office = Office(
            province=prov, communes=communes,  # type: ignore[arg-type]
            clerk=person("Lê Thị Văn Thư", "Văn thư", prov, "van_thu"),
            leader=person("Nguyễn Văn Hưng", "Chủ tịch", prov, "lanh_dao"),
            officer=person("Trần Thị Chuyên", "Chuyên viên", prov, "chuyen_vien"),
            officer2=person("Phạm Văn Phối", "Chuyên viên", prov, "chuyen_vien"),
            commune_clerks=tuple(person(f"Văn thư xã {i}", "Văn thư", c, "van_thu")  # type: ignore[arg-type]
                                 for i, c in enumerate(communes, 1)),
            commune_officers=tuple(person(f"Công chức xã {i}", "Công chức", c, "chuyen_vien")  # type: ignore[arg-type]
                                   for i, c in enumerate(communes, 1)),
            commune_chairs=tuple(person(f"Chủ tịch xã {i}", "Chủ tịch", c, "lanh_dao")  # type: ignore[arg-type]
                                 for i, c in enumerate(communes, 1)))
        add_trust_roots(uow, pki().ca.cert_pem, note="CA thử nghiệm")
        uow.commit()
    return office


def draft_reply(store: Store, drafter: int, unit_id: int, signer: int, subject: str = "Báo cáo kết quả thực hiện") -> int:
    """An outgoing document of the unit, drafted through the outgoing register (the reply a handler links)."""
    from documents.intake.service import inspect_pdf
    from register.outgoing.drafts import draft_outgoing
    from register.outgoing.records import Authority

    with store.uow(drafter) as uow:
        info = draft_outgoing(uow, inspect_pdf(make_pdf(1, subject)), filename="tra-loi.pdf", doc_type="bao_cao",
                              subject=subject, drafting_unit_id=unit_id, signer_id=signer, authority=Authority.TM)
        uow.commit()
    return info.id


@dataclass(frozen=True)
class Body:
    """A UBND tỉnh with its Văn phòng and a Sở, and a ward under it, as the demo's province has
    them: the UBND's văn thư works in the Văn phòng and holds the role in the UBND."""

    province: int
    office: int  # Văn phòng UBND tỉnh (kind office)
    agency: int  # Sở Tài chính (kind agency)
    ward: int  # UBND phường Đông Hà, an administrative body under the province
    clerk: int  # văn thư of the UBND, of the Văn phòng's staff
    leader: int  # Chủ tịch UBND tỉnh
    vp_officer: int  # chuyên viên of the Văn phòng, no role anywhere
    agency_officer: int  # chuyên viên of the Sở, no role anywhere
    ward_officer: int  # công chức of the ward
    former: int  # of the ward, who once held a role in the province (ended)


def build_body(store: Store) -> Body:
    with store.uow() as uow:
        prov = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2025",
                           official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị",
                           abbreviation="UBND").id
        office = create_unit(uow, code="QT-VP", name="Văn phòng UBND tỉnh", kind="office", parent_id=prov,
                             abbreviation="VP").id
        agency = create_unit(uow, code="QT-STC", name="Sở Tài chính", kind="agency", parent_id=prov,
                             abbreviation="STC").id
        ward = create_unit(uow, code="QT-DHA", name="Phường Đông Hà", level="commune", scheme="2025", parent_id=prov,
                           official_name="Ủy ban nhân dân phường Đông Hà", place_name="Đông Hà", abbreviation="UBND").id

        def person(name: str, position: str, unit: int) -> int:
            return create_person(uow, full_name=name, position=position, unit_id=unit).id

        body = Body(prov, office, agency, ward,
                    clerk=person("Phạm Thị Ngọc Ánh", "Chuyên viên Văn phòng (văn thư)", office),
                    leader=person("Nguyễn Văn Minh", "Chủ tịch UBND tỉnh", prov),
                    vp_officer=person("Hoàng Thị Thanh Tâm", "Chuyên viên", office),
                    agency_officer=person("Lý Văn Tài", "Chuyên viên", agency),
                    ward_officer=person("Trần Văn Hải", "Công chức Địa chính - Xây dựng", ward),
                    former=person("Lê Văn Cũ", "Công chức Văn phòng - Thống kê", ward))
        grant_role(uow, body.clerk, prov, "van_thu", since=date(2020, 1, 1))
        grant_role(uow, body.leader, prov, "lanh_dao", since=date(2020, 1, 1))
        grant_role(uow, body.former, prov, "chuyen_vien", since=date(2020, 1, 1), until=date(2025, 7, 1))
        uow.commit()
    return body
