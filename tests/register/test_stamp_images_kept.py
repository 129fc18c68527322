"""Signature and seal images kept in the store, on both backends: set, read back byte for byte,
replaced and removed; a file that is not a usable PNG is refused in one line and nothing is
kept; and the kept images are drawn by themselves when the leader signs and the văn thư
releases (no image given by the caller), with every signature still valid."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest
from PIL import Image

from register.outgoing.queries import released_version
from register.outgoing.release import approve_outgoing, release_outgoing, sign_outgoing
from signing.keys.trust_roots import TrustRoots
from signing.pdf.appearance import demo_seal_png, demo_signature_png
from signing.stamp_library import StampKind, get_stamp_image, remove_stamp_image, set_stamp_image
from signing.verify.service import verify_pdf
from store.errors import InvalidInput
from tests.register.outgoing_world import (
    approve_sign_and_release,
    keep_demo_stamp_images,
    make_keys,
    register_keys,
)
from tests.register.test_outgoing import draft

#: Signatures are checked as they are made: one warm verification worker for the module.
pytestmark = pytest.mark.usefixtures("verification_workers")


def png(size=(600, 240), mode="RGBA", *, dpi=None, ink=True, fmt="PNG") -> bytes:
    img = Image.new(mode, size, (255, 255, 255, 0) if mode == "RGBA" else "white")
    if ink:
        for x in range(size[0] // 4, size[0] * 3 // 4):
            img.putpixel((x, size[1] // 2), (20, 40, 160, 255) if mode == "RGBA" else (20, 40, 160))
    out = io.BytesIO()
    img.save(out, fmt, **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()


def stamped_images(pdf: bytes) -> dict[str, list[tuple[int, int, bool]]]:
    """Per signature field: the images its appearance draws, as (width, height, has soft mask)."""
    found: dict[str, list[tuple[int, int, bool]]] = {}

    def walk(xobject, into: list) -> None:
        resources = xobject.get("/Resources") or {}
        for _name, child in (resources.get("/XObject") or {}).items():
            if child.get("/Subtype") == "/Image":
                into.append((int(child.Width), int(child.Height), "/SMask" in child))
            elif child.get("/Subtype") == "/Form":
                walk(child, into)

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for annot in page.get("/Annots") or []:
                if annot.get("/FT") == "/Sig" and "/AP" in annot:
                    images: list = []
                    walk(annot.AP.N, images)
                    found[str(annot.T)] = images
    return found


def test_images_are_kept_read_back_replaced_and_removed(store, office):
    signature, seal = demo_signature_png("Nguyễn Văn Minh"), demo_seal_png("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ")
    with store.uow(office.clerk) as uow:
        kept = set_stamp_image(uow, StampKind.SIGNATURE, office.leader, signature)
        set_stamp_image(uow, StampKind.SEAL, office.province, seal)
        uow.commit()
    assert (kept.width, kept.height, kept.dpi) == (600, 240, None)
    with store.read() as s:
        assert get_stamp_image(s, StampKind.SIGNATURE, office.leader).png == signature
        assert get_stamp_image(s, StampKind.SEAL, office.province).png == seal
        assert get_stamp_image(s, StampKind.SIGNATURE, office.clerk) is None  # one person's image is not another's
        assert get_stamp_image(s, StampKind.SEAL, office.commune) is None
    other = png(dpi=300)
    with store.uow(office.clerk) as uow:
        set_stamp_image(uow, StampKind.SIGNATURE, office.leader, other)
        uow.commit()
    with store.read() as s:
        assert get_stamp_image(s, StampKind.SIGNATURE, office.leader).png == other
    with store.uow(office.clerk) as uow:
        assert remove_stamp_image(uow, StampKind.SIGNATURE, office.leader)
        assert not remove_stamp_image(uow, StampKind.SIGNATURE, office.leader)
        uow.commit()
    with store.read() as s:
        assert get_stamp_image(s, StampKind.SIGNATURE, office.leader) is None
        assert get_stamp_image(s, StampKind.SEAL, office.province).png == seal


@pytest.mark.parametrize(("kind", "data", "says"), [
    (StampKind.SIGNATURE, png(fmt="JPEG", mode="RGB"), "không phải ảnh PNG"),
    (StampKind.SIGNATURE, png(mode="RGB"), "không có nền trong suốt"),
    (StampKind.SIGNATURE, png(ink=False), "trong suốt hoàn toàn"),
    (StampKind.SIGNATURE, png(size=(90, 40)), "sẽ in bị nhòe"),
    (StampKind.SIGNATURE, png(size=(3200, 200)), "quá 3000"),
    (StampKind.SIGNATURE, png()[:200], "bị hỏng"),
    (StampKind.SEAL, png(size=(420, 420), dpi=72), "ngoài khoảng 20–50 mm"),  # 148 mm: scanned at the wrong scale
], ids=["jpeg", "no-alpha", "no-ink", "tiny", "huge", "truncated", "seal-wrong-scale"])
def test_a_file_that_is_not_a_usable_png_is_refused_and_nothing_is_kept(store, office, kind, data, says):
    owner = office.leader if kind is StampKind.SIGNATURE else office.province
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput, match=says) as refused:
        set_stamp_image(uow, kind, owner, data)
    assert "\n" not in str(refused.value) and refused.value.en.startswith("This ")
    with store.read() as s:
        assert get_stamp_image(s, kind, owner) is None


def test_the_kept_images_are_drawn_when_the_leader_signs_and_the_clerk_releases(store, office, tmp_path):
    keys = make_keys()
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    keep_demo_stamp_images(store, office)
    info = draft(store, office)
    final = approve_sign_and_release(store, office, keys, info.id)
    drawn = stamped_images(final)
    assert len(drawn["ChuKy_NguoiKy"]) == 1 and drawn["ChuKy_NguoiKy"][0][2]  # the signature, with its alpha
    assert len(drawn["ChuKy_CoQuan"]) == 1 and drawn["ChuKy_CoQuan"][0][2]  # the seal, with its alpha
    assert drawn["SoVaNgay_CoQuan"] == []
    # The seal alone over the signature (Decree 30 §5): no words of the organisation's squeezed
    # into the seal's box, where they were cut off ("04/12/2026 04:04:5") and printed over the ink.
    page = tmp_path / "released.pdf"
    page.write_bytes(final)
    text = subprocess.run(["pdftotext", "-layout", str(page), "-"], capture_output=True, text=True, check=True).stdout
    assert "Người ký: Nguyễn Văn Minh" in text and text.count("Thời gian ký") == 1
    assert "Người ký: ỦY BAN" not in text
    report = verify_pdf(final, trust=TrustRoots.from_pem_or_der(keys.ca_pem))
    assert report.verdict == "valid", report.to_json()


def test_without_kept_images_nothing_is_drawn(store, office):
    keys = make_keys()
    register_keys(store, keys, {office.leader: keys.leader, office.clerk: keys.clerk})
    info = draft(store, office)
    with store.uow(office.leader) as uow:
        approve_outgoing(uow, info.id)
        uow.commit()
    sign_outgoing(store, info.id, office.leader, keys.leader)
    release_outgoing(store, info.id, office.clerk, keys.clerk)
    with store.read() as s:
        final = store.blobs.get(released_version(s, info.id).sha256)
    assert all(images == [] for images in stamped_images(final).values())


def test_on_the_shared_store_only_an_administrator_keeps_images_and_raw_sql_cannot(pg_schema, clock):
    """Each person over their own login: the văn thư is refused in words before the database is
    asked, and the same write in raw SQL is refused by row-level security; the administrator
    keeps the seal, and every login reads it back (the signer's desktop draws it)."""
    import psycopg

    from store.accounts import create_login, open_as_person
    from store.engine import open_store
    from store.errors import PermissionDenied
    from tests.register.conftest import build_office
    from tests.security import PASSWORD, connect_as

    owner = open_store(pg_schema.location(), clock=clock)
    office = build_office(owner)
    with owner.uow() as uow:
        clerk_role = create_login(uow, office.clerk, PASSWORD).role_name
        admin_role = create_login(uow, office.drafter, PASSWORD, admin=True).role_name
        leader_role = create_login(uow, office.leader, PASSWORD).role_name
        uow.commit()
    clerk = open_as_person(owner.location, clerk_role, PASSWORD, clock=clock)
    admin = open_as_person(owner.location, admin_role, PASSWORD, clock=clock)
    leader = open_as_person(owner.location, leader_role, PASSWORD, clock=clock)
    seal = demo_seal_png("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ")
    try:
        with clerk.uow(office.clerk) as uow, pytest.raises(PermissionDenied, match="Chỉ quản trị viên"):
            set_stamp_image(uow, StampKind.SEAL, office.province, seal)
        with connect_as(pg_schema.name, clerk_role) as conn, pytest.raises(psycopg.Error) as refused:
            conn.execute("INSERT INTO settings (key, value, note) VALUES (%s, '{}', '')",
                         (f"stamp.seal.{office.province}",))
        assert refused.value.sqlstate == "42501"
        with admin.uow(office.drafter) as uow:
            set_stamp_image(uow, StampKind.SEAL, office.province, seal)
            uow.commit()
        with leader.read() as s:
            assert get_stamp_image(s, StampKind.SEAL, office.province).png == seal
        with clerk.uow(office.clerk) as uow, pytest.raises(PermissionDenied):
            remove_stamp_image(uow, StampKind.SEAL, office.province)
    finally:
        for opened in (clerk, admin, leader, owner):
            opened.close()
