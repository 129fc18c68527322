"""Test fixtures: a small PKI, real PAdES signatures, and the attacks made on them.

Built directly with ``cryptography`` and pyHanko (not with signing.ca / signing.pades) so the
verifier's tests stand on their own. Every attack works on real bytes the way the published
attacks do: incremental updates after signing, edited ByteRange arrays, relocated signed parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests import corpora

NOW = datetime.now(UTC).replace(microsecond=0)

#: The shared attack corpus, from ``NGHISU_ATTACK_CORPUS`` (see ``tests.corpora``); None when absent.
CORPUS = corpora.location(corpora.ATTACKS)
CORPUS_FILES = corpora.files(corpora.ATTACKS)


@dataclass(frozen=True)
class Identity:
    cert_pem: bytes
    key_pem: bytes
    chain_pem: tuple[bytes, ...] = ()

    @property
    def cert_der(self) -> bytes:
        return x509.load_pem_x509_certificate(self.cert_pem).public_bytes(serialization.Encoding.DER)


def _name(cn: str, org: str = "UBND tỉnh Thử Nghiệm") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def make_ca(cn: str = "CA Thử Nghiệm") -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(_name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=3650))
        .not_valid_after(NOW + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    return Identity(cert.public_bytes(serialization.Encoding.PEM), _pem_key(key))


def make_person(
    ca: Identity | None,
    cn: str,
    *,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> Identity:
    """A signer certificate issued by ``ca`` (or self-signed when ``ca`` is None)."""
    key = ec.generate_private_key(ec.SECP256R1())
    if ca is None:
        issuer_key, issuer_name = key, _name(cn)
    else:
        issuer_key = serialization.load_pem_private_key(ca.key_pem, None)
        issuer_name = x509.load_pem_x509_certificate(ca.cert_pem).subject
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - timedelta(days=30))
        .not_valid_after(not_after or NOW + timedelta(days=700))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )
    return Identity(cert.public_bytes(serialization.Encoding.PEM), _pem_key(key), (ca.cert_pem,) if ca else ())


def with_object_streams(pdf: bytes) -> bytes:
    """The same document saved the way Word and newer tools save: objects in object streams."""
    import pikepdf

    out = BytesIO()
    with pikepdf.open(BytesIO(pdf)) as doc:
        doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def make_pdf(pages: int = 1, *, text_field: bool = False) -> bytes:
    """A plain reportlab PDF with Vietnamese text; optionally a text form field on page 1."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for i in range(pages):
        c.setFont("Helvetica", 12)
        c.drawString(72, 760, f"BIEN BAN HOP - trang {i + 1}")
        c.drawString(72, 740, "Ket luan: thong qua ke hoach nam 2025.")
        if text_field and i == 0:
            c.acroForm.textfield(name="so_van_ban", value="12/QD-UBND", x=72, y=680, width=200, height=20)
        c.showPage()
    c.save()
    return buf.getvalue()


def add_signature_fields(pdf: bytes, names: list[str]) -> bytes:
    """Empty visible signature fields, one per signer slot, created before anyone signs."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    w = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    for i, name in enumerate(names):
        append_signature_field(w, SigFieldSpec(name, box=(72 + 180 * i, 72, 232 + 180 * i, 132), on_page=0))
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def sign(pdf: bytes, who: Identity, field: str = "Signature1", *, md: str = "sha256") -> bytes:
    """Sign as an incremental update: PAdES (ETSI.CAdES.detached)."""
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = next(iter(load_certs_from_pemder_data(who.cert_pem)))
    chain = [c for pem in who.chain_pem for c in load_certs_from_pemder_data(pem)]
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=load_private_key_from_pemder_data(who.key_pem, passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm=md, subfilter=fields.SigSeedSubFilter.PADES)
    w = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    return signers.PdfSigner(meta, signer=signer).sign_pdf(w).getvalue()


def byte_range(pdf: bytes) -> tuple[re.Match, list[int]]:
    """The last /ByteRange array in the file and its numbers."""
    m = list(re.finditer(rb"/ByteRange\s*\[([\d\s]+)\]", pdf))[-1]
    return m, [int(x) for x in m.group(1).split()]


def with_byte_range(pdf: bytes, numbers: list[int]) -> bytes:
    """Rewrite the last /ByteRange in place, same length (padding with spaces)."""
    m, _ = byte_range(pdf)
    body = " ".join(str(n) for n in numbers).encode()
    old = m.group(1)
    assert len(body) <= len(old), "new numbers do not fit"
    return pdf[: m.start(1)] + body.ljust(len(old)) + pdf[m.end(1) :]


def zero_contents(pdf: bytes) -> bytes:
    _, (_, l1, s2, _) = byte_range(pdf)
    return pdf[: l1 + 1] + b"0" * (s2 - l1 - 2) + pdf[s2 - 1 :]


def _update(pdf: bytes, edit) -> bytes:
    """Apply ``edit(writer)`` as an incremental update (what an attacker's editor appends)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    edit(w)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def add_content_after_signing(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    def edit(w):
        stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (KHONG THONG QUA) Tj ET")
        w.add_stream_to_page(0, w.add_object(stream))

    return _update(pdf, edit)


def add_annotation_after_signing(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    def edit(w):
        page_ref = w.find_page_for_modification(0)[0]
        page = page_ref.get_object()
        annot = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/FreeText"),
                pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(v) for v in (72, 500, 400, 540)]),
                pdf_name("/Contents"): generic.TextStringObject("Đã hủy"),
                pdf_name("/DA"): generic.TextStringObject("/Helv 18 Tf 1 0 0 rg"),
            }
        )
        annots = page.get("/Annots", generic.ArrayObject())
        annots.append(w.add_object(annot))
        page[pdf_name("/Annots")] = annots
        w.update_container(page)

    return _update(pdf, edit)


def add_page_after_signing(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    def edit(w):
        content = w.add_object(generic.StreamObject(stream_data=b"BT /F1 18 Tf 72 700 Td (Trang them) Tj ET"))
        page = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Page"),
                pdf_name("/MediaBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)]),
                pdf_name("/Contents"): content,
                pdf_name("/Resources"): generic.DictionaryObject(),
            }
        )
        w.insert_page(page)

    return _update(pdf, edit)


def refill_text_field(pdf: bytes, name: str = "so_van_ban", value: str = "99/QD-UBND") -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    def edit(w):
        for ref in w.root["/AcroForm"]["/Fields"]:
            fld = ref.get_object()
            if fld.get("/T") == name:
                fld[pdf_name("/V")] = generic.TextStringObject(value)
                w.update_container(fld)

    return _update(pdf, edit)


def signature_behind_two_fields(pdf: bytes, field: str = "Signature1") -> bytes:
    """A second field whose /V is the very signature dictionary of ``field``."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    def edit(w):
        fields = w.root["/AcroForm"]["/Fields"]
        original = next(r.get_object() for r in fields if r.get_object().get("/T") == field)
        page_ref = w.find_page_for_modification(0)[0]
        dup = generic.DictionaryObject(
            {
                pdf_name("/FT"): pdf_name("/Sig"),
                pdf_name("/T"): generic.TextStringObject(field + "_copy"),
                pdf_name("/V"): original.raw_get("/V"),
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(0)] * 4),
                pdf_name("/P"): page_ref,
            }
        )
        dup_ref = w.add_object(dup)
        fields.append(dup_ref)
        w.update_container(fields)
        page = page_ref.get_object()
        annots = page.get("/Annots", generic.ArrayObject())
        annots.append(dup_ref)
        page[pdf_name("/Annots")] = annots
        w.update_container(page)

    return _update(pdf, edit)


def wrap_signature(pdf: bytes) -> bytes:
    """Signature wrapping: the signed second part is copied further on and ByteRange points there.

    The digest still matches (the same bytes are signed), but the bytes in the original place,
    and the update that rewrites the signature dictionary, are the attacker's.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    _, (_, l1, s2, l2) = byte_range(pdf)
    moved = pdf + pdf[s2 : s2 + l2]

    def edit(w):
        for ref in w.root["/AcroForm"]["/Fields"]:
            sig = ref.get_object().get("/V")
            if sig is not None and ref.get_object().get("/FT") == "/Sig":
                sig = sig.get_object()
                sig[pdf_name("/ByteRange")] = generic.ArrayObject(
                    [generic.NumberObject(v) for v in (0, l1, len(pdf), l2)]
                )
                w.update_container(sig)
        stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 600 Td (KHONG THONG QUA) Tj ET")
        w.add_stream_to_page(0, w.add_object(stream))

    return _update(moved, edit)
