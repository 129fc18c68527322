"""The office's signature and seal images: a person's blue signature and a unit's red seal, kept
in the store's shared settings so every desktop draws the same ones, and used by themselves
when that person signs (``sign_request``, ``sign_outgoing``) or the unit's văn thư releases
(``release_outgoing``). A file given on the command line still wins for that one signature.

Each image is checked before it is kept (:func:`check_stamp_png`): a real PNG, with
transparency (a white background would cover the text under the seal), and of a size that
prints sharp without bloating every signed paper. A seal is drawn at its real size: its ink at the
PNG's recorded resolution (pHYs, a scan at 100 %), else the diameter the office gives when it keeps
the image, else the usual 36 mm (``signing.pdf.stamp_images.DEFAULT_SEAL_MM``). The bytes are kept unchanged inside the
setting (base64): settings are readable by every desktop of the office, while blobs on
PostgreSQL are readable only through a document that uses them. On PostgreSQL only an
administrator may write settings (row-level security); the Python check says so first.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import text

from signing.pdf.stamp_images import DEFAULT_SEAL_MM
from store.errors import InvalidInput, PermissionDenied
from store.models import Setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.uow import UnitOfWork

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: Larger than any sensible scan at 600 dpi (a 36 mm seal is ~850 px), small next to a paper.
MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE_PX = 3000
#: Below this the image prints blurred at its drawn size (a signature ~60 mm wide at ~80 dpi).
MIN_SIDE_PX = 150
#: A real seal of a Vietnamese authority is 20–50 mm across; a PNG whose resolution says
#: otherwise was scanned or exported at the wrong scale and would print at the wrong size.
SEAL_MM_RANGE = (20.0, 50.0)


class StampKind(StrEnum):
    SIGNATURE = "signature"
    SEAL = "seal"

    @property
    def vi(self) -> str:
        return "ảnh chữ ký" if self is StampKind.SIGNATURE else "ảnh con dấu"

    @property
    def en(self) -> str:
        return "signature image" if self is StampKind.SIGNATURE else "seal image"


@dataclass(frozen=True)
class StampImage:
    """A kept image: its bytes (unchanged), size in pixels, resolution if recorded, hash."""

    kind: StampKind
    owner_id: int  # the person (signature) or the unit (seal)
    png: bytes = field(repr=False)
    width: int
    height: int
    dpi: float | None
    sha256: str
    #: A seal's diameter as the office gave it when keeping the image, in millimetres.
    diameter_mm: float | None = None
    #: The larger side of the image's ink (its non-transparent part), in pixels.
    ink_px: int | None = None

    @property
    def real_mm(self) -> float | None:
        """The larger side at the PNG's recorded resolution, in millimetres."""
        return None if not self.dpi else max(self.width, self.height) / self.dpi * 25.4

    @property
    def scanned_mm(self) -> float | None:
        """The ink's larger side at the PNG's recorded resolution, in millimetres."""
        return self.ink_px / self.dpi * 25.4 if self.dpi and self.ink_px else None

    @property
    def seal_mm(self) -> float | None:
        """The seal's real size: its ink at the PNG's resolution (a scan at 100 %), else the
        diameter the office gave (also when the resolution is an export's, not a seal's: 72 dpi
        makes a seal 148 mm across); ``None``: neither is known (the usual 36 mm is drawn)."""
        scanned = self.scanned_mm
        if scanned is not None and (self.diameter_mm is None or SEAL_MM_RANGE[0] <= scanned <= SEAL_MM_RANGE[1]):
            return scanned
        return self.diameter_mm


def _refuse(kind: StampKind, vi: str, en: str) -> InvalidInput:
    return InvalidInput(f"Không dùng được {kind.vi} này: {vi}", f"This {kind.en} cannot be used: {en}")


def check_stamp_png(data: bytes, kind: StampKind, owner_id: int = 0, *, diameter_mm: float | None = None) -> StampImage:
    """The image as it will be kept, or one clear line saying what is wrong and what to do.
    ``diameter_mm``: a seal's diameter as the office measured it, for a PNG that records no
    resolution (one that does must agree with it)."""
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

    if len(data) > MAX_BYTES:
        raise _refuse(kind, f"tệp nặng {len(data) // 1024} KiB, quá {MAX_BYTES // 1024} KiB; hãy xuất lại ảnh nhỏ hơn.",
                      f"the file is {len(data) // 1024} KiB, over {MAX_BYTES // 1024} KiB; export a smaller image.")
    if not data.startswith(_PNG_MAGIC):
        raise _refuse(kind, "tệp không phải ảnh PNG; hãy xuất ảnh dạng PNG có nền trong suốt.",
                      "the file is not a PNG; export the image as a PNG with a transparent background.")
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size  # read from the header: nothing decoded yet
            if max(width, height) > MAX_SIDE_PX or min(width, height) < 1:
                raise _refuse(kind, f"ảnh {width}×{height} điểm ảnh, quá {MAX_SIDE_PX}; hãy thu nhỏ ảnh.",
                              f"the image is {width}×{height} pixels, over {MAX_SIDE_PX}; scale it down.")
            if max(width, height) < MIN_SIDE_PX:
                raise _refuse(kind, f"ảnh chỉ {width}×{height} điểm ảnh, sẽ in bị nhòe; hãy quét lại ở 300 dpi.",
                              f"the image is only {width}×{height} pixels and would print blurred; "
                              "scan it again at 300 dpi.")
            img.load()
            has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
            dpi_info = img.info.get("dpi")
            alpha = img.convert("RGBA").getchannel("A") if has_alpha else None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _refuse(kind, "tệp PNG bị hỏng, không đọc được; hãy xuất lại ảnh.",
                      "the PNG is damaged and cannot be read; export the image again.") from exc
    if alpha is None or alpha.getextrema()[0] == 255:
        raise _refuse(kind, "ảnh không có nền trong suốt (kênh alpha), nền sẽ che chữ; hãy tách nền rồi lưu PNG.",
                      "the image has no transparent background (alpha channel) and would cover the text; "
                      "remove the background and save as PNG.")
    if alpha.getextrema()[1] == 0:
        raise _refuse(kind, "ảnh trong suốt hoàn toàn, không có nét nào; hãy chọn đúng tệp.",
                      "the image is fully transparent, with no ink; choose the right file.")
    dpi = float(dpi_info[0]) if dpi_info and dpi_info[0] and float(dpi_info[0]) > 1 else None
    x0, y0, x1, y1 = alpha.getbbox() or (0, 0, width, height)
    image = StampImage(kind, owner_id, data, width, height, dpi, hashlib.sha256(data).hexdigest(),
                       ink_px=max(x1 - x0, y1 - y0))
    return _check_seal_size(image, diameter_mm) if kind is StampKind.SEAL else image


def _check_seal_size(image: StampImage, diameter_mm: float | None) -> StampImage:
    """A seal's size, as it will be drawn: within what a real seal measures, and the PNG's own
    resolution and the diameter the office gave in agreement (a difference of more than a
    millimetre means the scan was not at 100 % or the number is wrong)."""
    kind, low, high = StampKind.SEAL, *SEAL_MM_RANGE
    scanned = image.scanned_mm
    if diameter_mm is not None and not low <= diameter_mm <= high:
        raise _refuse(kind, f"đường kính {diameter_mm:g} mm ngoài khoảng {low:.0f}–{high:.0f} mm của một con dấu; "
                            "hãy đo lại con dấu.",
                      f"a diameter of {diameter_mm:g} mm is outside the {low:.0f}–{high:.0f} mm of a seal; "
                      "measure the seal again.")
    if scanned is not None and not low <= scanned <= high and diameter_mm is None:
        raise _refuse(kind, f"theo độ phân giải ghi trong tệp ({image.dpi:.0f} dpi) con dấu rộng {scanned:.0f} mm, "
                            f"ngoài khoảng {low:.0f}–{high:.0f} mm; hãy quét con dấu ở đúng tỉ lệ 100 % "
                            "hoặc nhập đường kính con dấu.",
                      f"at the resolution the file records ({image.dpi:.0f} dpi) the seal is {scanned:.0f} mm across, "
                      f"outside {low:.0f}–{high:.0f} mm; scan the seal at 100 % scale or give its diameter.")
    if scanned is not None and low <= scanned <= high and diameter_mm is not None and abs(scanned - diameter_mm) > 1.0:
        raise _refuse(kind, f"ảnh quét ghi con dấu rộng {scanned:.1f} mm ({image.dpi:.0f} dpi), khác đường kính "
                            f"{diameter_mm:g} mm đã nhập; hãy bỏ trống đường kính hoặc quét lại ở tỉ lệ 100 %.",
                      f"the scan records a seal {scanned:.1f} mm across ({image.dpi:.0f} dpi), not the "
                      f"{diameter_mm:g} mm given; leave the diameter empty or scan again at 100 %.")
    return replace(image, diameter_mm=diameter_mm)


def _key(kind: StampKind, owner_id: int) -> str:
    return f"stamp.{kind.value}.{owner_id}"


def _require_admin(uow: UnitOfWork, kind: StampKind) -> None:
    """On the shared store only an administrator keeps these images (settings' row-level
    security refuses anyone else); said here in words before the database says it."""
    if uow.dialect != "postgresql":
        return
    # The owner's maintenance connection (no person login) is not subject to row-level security.
    person, admin = uow.session.execute(text("SELECT nghisu_current_person(), nghisu_is_admin()")).one()
    if person is not None and not admin:
        raise PermissionDenied(f"Chỉ quản trị viên mới đặt hoặc xóa {kind.vi}; hãy nhờ quản trị viên của văn phòng.",
                               f"Only an administrator may set or remove a {kind.en}; ask your office's administrator.")


def _owner_name(uow: UnitOfWork, kind: StampKind, owner_id: int) -> tuple[str, int | None]:
    from store.directory import get_person, get_unit  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    if kind is StampKind.SIGNATURE:
        person = get_person(uow.session, owner_id)  # NotFound for a person who does not exist
        return person.full_name, person.unit_id
    unit = get_unit(uow.session, owner_id)
    return unit.name, unit.id


def set_stamp_image(uow: UnitOfWork, kind: StampKind, owner_id: int, png: bytes, *,
                    diameter_mm: float | None = None) -> StampImage:
    """Keep (or replace) a person's signature or a unit's seal image, checked first.
    ``diameter_mm``: the seal's diameter, measured on the seal, for a PNG without resolution."""
    name, unit_id = _owner_name(uow, kind, owner_id)
    if diameter_mm is not None and kind is not StampKind.SEAL:
        raise InvalidInput("Chỉ ảnh con dấu mới có đường kính.", "Only a seal image has a diameter.")
    image = check_stamp_png(png, kind, owner_id, diameter_mm=diameter_mm)
    _require_admin(uow, kind)
    value = {"png": base64.b64encode(png).decode("ascii"), "sha256": image.sha256, "width": image.width,
             "height": image.height, "dpi": image.dpi, "ink_px": image.ink_px, "diameter_mm": image.diameter_mm,
             "set_at": uow.now().isoformat(), "set_by": uow.actor_id}
    row = uow.session.get(Setting, _key(kind, owner_id))
    if row is None:
        uow.session.add(Setting(key=_key(kind, owner_id), value=value, note=f"{kind.vi.capitalize()} của {name}"))
    else:
        row.value = value
    uow.session.flush()
    uow.record(f"stamp.{kind.value}.set", "person" if kind is StampKind.SIGNATURE else "unit", owner_id,
               {"sha256": image.sha256, "width": image.width, "height": image.height, "dpi": image.dpi,
                "seal_mm": image.seal_mm}, unit_id=unit_id)
    return image


def remove_stamp_image(uow: UnitOfWork, kind: StampKind, owner_id: int) -> bool:
    """Remove the kept image; False when there was none (nothing written)."""
    _name, unit_id = _owner_name(uow, kind, owner_id)
    row = uow.session.get(Setting, _key(kind, owner_id))
    if row is None:
        return False
    _require_admin(uow, kind)
    sha = dict(row.value).get("sha256")
    uow.session.delete(row)
    uow.session.flush()
    uow.record(f"stamp.{kind.value}.removed", "person" if kind is StampKind.SIGNATURE else "unit", owner_id,
               {"sha256": sha}, unit_id=unit_id)
    return True


def get_stamp_image(session: Session, kind: StampKind, owner_id: int) -> StampImage | None:
    """The kept image, its bytes checked against the hash recorded with them."""
    row = session.get(Setting, _key(kind, owner_id))
    if row is None:
        return None
    value = dict(row.value)
    png = base64.b64decode(value["png"])
    if hashlib.sha256(png).hexdigest() != value["sha256"]:
        raise InvalidInput(f"{kind.vi.capitalize()} đã lưu bị hỏng; hãy đặt lại ảnh.",
                           f"The stored {kind.en} is damaged; set the image again.")
    ink_px = value.get("ink_px")
    if ink_px is None and value.get("dpi"):  # kept before the ink was measured
        ink_px = _ink_px(png)
    return StampImage(kind, owner_id, png, int(value["width"]), int(value["height"]), value.get("dpi"),
                      value["sha256"], value.get("diameter_mm"), ink_px)


def _ink_px(png: bytes) -> int:
    from PIL import Image  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

    with Image.open(io.BytesIO(png)) as img:
        x0, y0, x1, y1 = img.convert("RGBA").getchannel("A").getbbox() or (0, 0, *img.size)
    return max(x1 - x0, y1 - y0)


def signature_png_of(session: Session, person_id: int) -> bytes | None:
    image = get_stamp_image(session, StampKind.SIGNATURE, person_id)
    return None if image is None else image.png


def seal_png_of(session: Session, unit_id: int) -> bytes | None:
    image = get_stamp_image(session, StampKind.SEAL, unit_id)
    return None if image is None else image.png


def kept_seal_mm(session: Session, unit_id: int, png: bytes) -> float | None:
    """The real size kept with the unit's seal when ``png`` is that very image (a copy of it given
    for one signature); ``None`` for another image (its own resolution, else the usual 36 mm)."""
    image = get_stamp_image(session, StampKind.SEAL, unit_id)
    return image.seal_mm if image is not None and image.png == png else None


def seal_mm_of(session: Session, unit_id: int) -> float:
    """The unit's seal's real size in millimetres: as its kept image says, else the usual 36 mm."""
    image = get_stamp_image(session, StampKind.SEAL, unit_id)
    return (image.seal_mm if image is not None else None) or DEFAULT_SEAL_MM
