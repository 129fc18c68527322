"""PAdES signing of PDF bytes: one narrow entry point, :func:`sign_pdf`.

Every signature is ``ETSI.CAdES.detached`` with SHA-256 (or what the key's curve asks, never
weaker), appended as an incremental update: the output always starts with the input's exact
bytes, so earlier signatures stay valid and each signed version can be stored beside the
previous one. The certificate is checked at the request's time before anything is touched.

pyHanko is imported inside the functions (≈0.9 s to import).
"""

from __future__ import annotations

import io
import logging
import threading
import weakref
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from signing.errors import (
    CertificationNotAllowed,
    ChangesNotAllowed,
    FieldAlreadySigned,
    SigningError,
    TimestampFailed,
)
from signing.keys.signing_keys import SigningKey, check_certificate_usable
from signing.pdf.appearance import StampContent
from signing.pdf.fields import (
    FieldSlot,
    field_specs,
    open_incremental,
    prepare_signature_fields,
    signature_fields,
)
from store.errors import InvalidInput

__all__ = ["FieldSlot", "SignRequest", "SignerDisplay", "prepare_signature_fields", "sign_pdf"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignerDisplay:
    """Who the stamp names: as the office knows them, not as the certificate spells them."""

    full_name: str
    position: str = ""
    unit_name: str = ""


@dataclass(frozen=True)
class SignRequest:
    """One signature to add.

    - ``field_name``: the signature field to fill; created (at ``page``/``box``, or the next
      default slot position) when the document has no field of that name.
    - ``signer``: name, position and unit shown in the visible stamp.
    - ``at``: the signing time (injected clock), shown in the stamp in Vietnam time, written
      as the signature's ``/M`` and used to check the certificate. Must carry a time zone.
    - ``reason``, ``location``: written into the signature dictionary.
    - ``certify``: make this the certification (DocMDP) signature; only the first signature
      may certify; later signatures into existing fields remain allowed (FILL_FORMS).
    - ``timestamp_url``: an RFC 3161 server; with it the signature is PAdES B-T.
    - ``signature_image_png``, ``seal_image_png``: optional blue signature and red seal
      (transparent PNGs); the seal covers about a third of the signature on its left.
    - ``page``, ``box``: where a field created now goes (``box`` = x1, y1, x2, y2 in points).
    - ``appearance_pdf``: the field shows this one-page PDF instead of the stamp.
    """

    field_name: str
    signer: SignerDisplay
    at: datetime
    reason: str | None = None
    location: str | None = None
    certify: bool = False
    timestamp_url: str | None = None
    signature_image_png: bytes | None = None
    seal_image_png: bytes | None = None
    page: int = -1
    box: tuple[float, float, float, float] | None = None
    #: A one-page PDF of the field's size to show instead of the Decree 30 stamp (what a
    #: release prints in the header: the number and the date).
    appearance_pdf: bytes | None = None
    #: False: the stamp shows its images only (the organisation's seal at release), no words; a
    #: stamp without an image keeps its words (it is never empty).
    stamp_text: bool = True
    #: (x, y, width, height) in this field's box of the signature another field draws under it:
    #: the seal goes over its left third (the organisation's seal over the signer's, Decree 30 §5).
    seal_over_ink: tuple[float, float, float, float] | None = None
    #: The seal's real size in millimetres as the office keeps it; ``None``: the PNG's own
    #: resolution, else the usual 36 mm.
    seal_mm: float | None = None


def _check_request(request: SignRequest) -> None:
    if request.at.tzinfo is None:
        raise InvalidInput("Thời điểm ký phải có múi giờ.", "The signing time must carry a time zone.")
    if not request.field_name or "." in request.field_name:
        raise InvalidInput(
            "Tên ô chữ ký không hợp lệ (rỗng hoặc có dấu chấm).",
            "Invalid signature field name (empty or containing a dot).",
        )
    if not request.signer.full_name.strip():
        raise InvalidInput("Chưa có tên người ký.", "The signer's name is missing.")
    if request.timestamp_url and not request.timestamp_url.startswith(("http://", "https://")):
        raise InvalidInput(
            "Địa chỉ máy chủ dấu thời gian phải bắt đầu bằng http:// hoặc https://.",
            "The timestamp server address must start with http:// or https://.",
        )


#: Signer → {settings: bytes pyHanko reserved for its signature container}. See
#: :func:`_remember_reserved_size`.
_RESERVED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_RESERVED_LOCK = threading.Lock()


def _remember_reserved_size(session) -> None:
    """Reuse pyHanko's estimate of the signature's size for the next signature by the same key.

    pyHanko sizes the ``/Contents`` placeholder by building and dumping a whole trial CMS
    (a signature included) before the real one: measured ~40 % of an ECDSA signature. For one
    signer object, digest and format, with no timestamp and no revocation data, that trial
    comes out the same (to the byte, give or take the 1-2 bytes an ECDSA value varies, well
    inside the 50 % margin pyHanko adds), so the first estimate is kept and reused. With a
    timestamp server (whose answers vary) or anything unusual, pyHanko estimates every time.
    """
    estimate = session.estimate_signature_container_size
    signer = session.pdf_signer.signer
    meta = session.pdf_signer.signature_meta

    async def reserved(validation_info, tight=False):
        if (
            tight  # no margin for the 1-2 bytes an ECDSA value varies: estimate every time
            or validation_info is not None
            or session.timestamper is not None
            or meta.cades_signed_attr_spec is not None
        ):
            return await estimate(validation_info, tight=tight)
        # The signing time's encoding grows by two bytes from 2050 (GeneralizedTime).
        key = (session.md_algorithm, session.use_pades, session.system_time.year >= 2050)
        try:
            with _RESERVED_LOCK:
                known = _RESERVED.setdefault(signer, {}).get(key)
        except TypeError:  # a signer that cannot be weakly referenced or hashed
            return await estimate(validation_info, tight=tight)
        if known is None:
            known = await estimate(validation_info, tight=tight)
            with _RESERVED_LOCK:
                _RESERVED[signer][key] = known
        return known

    session.estimate_signature_container_size = reserved


@cache
def _pdf_signer_class():
    from pyhanko.sign.signers import PdfSigner  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    class ClockedPdfSigner(PdfSigner):
        """pyHanko takes the signing time from the system clock; ours comes from the request."""

        def __init__(self, *args, signing_time: datetime, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._signing_time = signing_time

        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
            session.system_time = self._signing_time
            _remember_reserved_size(session)
            return session

    return ClockedPdfSigner


def sign_pdf(pdf: bytes, key: SigningKey, request: SignRequest) -> bytes:
    """Sign ``pdf`` with ``key`` as ``request`` says; return the input plus one revision."""
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.general import SigningError as PyHankoSigningError  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.signers import PdfSignatureMetadata  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko
    from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError  # noqa: PLC0415 -- heavy library deferred for start-up: pyhanko

    from signing.pdf.stamp_style import DecreeStampStyle, PageStampStyle  # noqa: PLC0415 -- deferred for start-up: brings in pyhanko

    _check_request(request)
    check_certificate_usable(key.certificate, request.at)

    writer = open_incremental(pdf)
    fields = signature_fields(writer.prev)
    if fields.get(request.field_name):
        raise FieldAlreadySigned(request.field_name)
    if request.certify and any(fields.values()):
        raise CertificationNotAllowed()
    new_field_spec = None
    if request.field_name not in fields:
        slot = FieldSlot(request.field_name, page=request.page, box=request.box)
        # Next free default position after the fields the document already has.
        siblings = [FieldSlot(f"_slot{i}", page=request.page) for i in range(len(fields))]
        new_field_spec = field_specs(writer, [slot] if request.box else [*siblings, slot])[-1]

    meta = PdfSignatureMetadata(
        field_name=request.field_name,
        subfilter=SigSeedSubFilter.PADES,
        reason=request.reason or None,
        location=request.location or None,
        certify=request.certify,
        docmdp_permissions=MDPPerm.FILL_FORMS,
    )
    style = PageStampStyle(page_pdf=request.appearance_pdf) if request.appearance_pdf else DecreeStampStyle(
        content=StampContent(
            full_name=request.signer.full_name,
            position=request.signer.position,
            unit_name=request.signer.unit_name,
            signed_at=request.at,
            signature_image_png=request.signature_image_png,
            seal_image_png=request.seal_image_png,
            text=request.stamp_text or not (request.signature_image_png or request.seal_image_png),
            ink_under=request.seal_over_ink,
            seal_mm=request.seal_mm,
        )
    )
    timestamper = HTTPTimeStamper(request.timestamp_url, timeout=15) if request.timestamp_url else None
    signer = _pdf_signer_class()(
        meta,
        key.signer,
        timestamper=timestamper,
        stamp_style=style,
        new_field_spec=new_field_spec,
        signing_time=request.at,
    )
    try:
        out = signer.sign_pdf(writer, output=io.BytesIO())
    except TimestampRequestError as exc:
        raise TimestampFailed(request.timestamp_url or "", str(exc)[:120]) from exc
    except PyHankoSigningError as exc:
        text = str(exc)
        log.info("pyHanko refused to sign: %s", text)
        if "DocMDP" in text or "certif" in text.lower() or "locked" in text.lower():
            raise ChangesNotAllowed() from exc
        raise SigningError(
            f"Không ký được tài liệu ({text[:160]}); tài liệu chưa bị thay đổi.",
            f"The document could not be signed ({text[:160]}); it was not changed.",
        ) from exc
    except OSError as exc:  # connection refused, DNS, timeouts from the timestamp client
        if request.timestamp_url:
            raise TimestampFailed(request.timestamp_url, type(exc).__name__) from exc
        raise
    except Exception as exc:
        if request.timestamp_url and type(exc).__module__.startswith("aiohttp"):
            raise TimestampFailed(request.timestamp_url, type(exc).__name__) from exc
        raise
    data = out.getvalue()
    if not data.startswith(pdf):  # the whole design rests on this; never hand back a rewrite
        raise SigningError(
            "Lỗi nội bộ: bản ký không giữ nguyên tệp gốc; tài liệu chưa được ký.",
            "Internal error: the signed file does not keep the original bytes; nothing was signed.",
        )
    return data
