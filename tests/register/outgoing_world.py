"""Keys for the outgoing tests: the office test CA's certificates for the leader, a deputy and
the văn thư (who keeps the organisation's key), made once per session and registered per store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from signing.keys.ca import create_office_ca, issue_person_certificate
from signing.keys.certificates import register_certificate
from signing.keys.signing_keys import SigningKey, load_pkcs12
from signing.keys.truststore import add_trust_roots
from tests.conftest import START

PASSWORD = b"mat-khau-thu"


@dataclass(frozen=True)
class Keys:
    ca_pem: bytes
    leader: SigningKey
    deputy: SigningKey
    clerk: SigningKey
    p12: dict[str, bytes]  # the same keys as .p12 files (password PASSWORD), for the command line


def make_keys() -> Keys:
    ca = create_office_ca("CA Văn phòng UBND tỉnh Quảng Trị", organization="Ủy ban nhân dân tỉnh Quảng Trị",
                          now=START - timedelta(days=30), key="ec-p256", valid_years=30)

    p12: dict[str, bytes] = {}

    def issue(name: str, role: str) -> SigningKey:
        issued = issue_person_certificate(ca, full_name=name, email=None, organization="Ủy ban nhân dân tỉnh Quảng Trị",
                                          now=START - timedelta(days=30), key="ec-p256", valid_days=20 * 365)
        p12[role] = issued.to_pkcs12(PASSWORD)
        return load_pkcs12(p12[role], PASSWORD)

    return Keys(ca.cert_pem, issue("Nguyễn Văn Minh", "leader"), issue("Trần Thị Thu Hà", "deputy"),
                issue("Lê Thị Thu", "clerk"), p12)


def register_keys(store, keys: Keys, holders: dict[int, SigningKey]) -> None:
    with store.uow() as uow:
        add_trust_roots(uow, keys.ca_pem)
        for person_id, key in holders.items():
            register_certificate(uow, person_id, key.certificate_der)
        uow.commit()


def keep_demo_stamp_images(store, office) -> None:
    """The leader's signature image and the province's seal, kept as Tệp → Chữ ký và con dấu… does."""
    from signing.pdf.appearance import demo_seal_png, demo_signature_png
    from signing.stamp_library import StampKind, set_stamp_image

    with store.uow(office.clerk) as uow:
        set_stamp_image(uow, StampKind.SIGNATURE, office.leader, demo_signature_png("Nguyễn Văn Minh"))
        set_stamp_image(uow, StampKind.SEAL, office.province, demo_seal_png("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"))
        uow.commit()


def approve_sign_and_release(store, office, keys: Keys, outgoing_id: int) -> bytes:
    """The leader approves and signs, the văn thư numbers and releases: the released file."""
    from register.outgoing.queries import released_version
    from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing

    with store.uow(office.leader) as uow:
        approve_outgoing(uow, outgoing_id)
        uow.commit()
    sign_outgoing(store, outgoing_id, office.leader, keys.leader)
    release_outgoing(store, outgoing_id, office.clerk, keys.clerk)
    with store.read() as s:
        return store.blobs.get(released_version(s, outgoing_id).sha256)
