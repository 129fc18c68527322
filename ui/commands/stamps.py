"""`nghisu stamp show|set|remove signature|seal OWNER_ID [FILE] [--diameter-mm MM] --as ADMIN`: a
person's signature image or a unit's seal image as the app keeps it (Tệp → Chữ ký và con dấu… on
the desktop). `set` checks the PNG first (one line saying what is wrong); `--diameter-mm` gives a
seal's diameter, measured on the seal, for a PNG that records no resolution (the release stamps
the seal at its real size: the PNG's resolution, else this, else 36 mm); `show -o F.png` writes
the kept image back unchanged and says the size the seal is stamped at."""

from __future__ import annotations

from documents.errors import DocumentRejected
from documents.files import read_bounded, write_output
from signing.pdf.stamp_images import DEFAULT_SEAL_MM
from signing.stamp_library import MAX_BYTES, StampKind
from store.errors import InvalidInput, NotFound
from ui.commands.numbers import record_id


def register(sub) -> None:
    p = sub.add_parser("stamp", help="ảnh chữ ký của một người, ảnh con dấu của một đơn vị: xem, đặt, xóa")
    p.add_argument("action", choices=["show", "set", "remove"])
    p.add_argument("kind", choices=[str(k) for k in StampKind], help="signature (người) hoặc seal (đơn vị)")
    p.add_argument("owner_id", type=record_id, metavar="OWNER_ID", help="mã người (signature) hoặc mã đơn vị (seal)")
    p.add_argument("file", nargs="?", metavar="FILE.png", help="với set: tệp PNG nền trong suốt")
    p.add_argument("-o", "--output", metavar="F.png", help="với show: ghi ảnh đang lưu ra tệp này")
    p.add_argument("--diameter-mm", type=float, metavar="MM",
                   help="với set seal: đường kính con dấu đo trên con dấu thật, khi ảnh không ghi độ phân giải")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID", help="quản trị viên thực hiện")
    p.set_defaults(handler=run_stamp)


def run_stamp(args, ctx) -> int:
    from signing.stamp_library import get_stamp_image, remove_stamp_image, set_stamp_image  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    kind = StampKind(args.kind)
    store = ctx.store()
    if args.action == "show":
        with store.read() as s:
            image = get_stamp_image(s, kind, args.owner_id)
        if image is None:
            raise NotFound(f"Chưa có {kind.vi} của {args.owner_id}.", f"There is no {kind.en} for {args.owner_id}.")
        if args.output:
            write_output(args.output, image.png)
        size = f"{image.width}×{image.height} px" + (f", {image.dpi:.0f} dpi" if image.dpi else "")
        if kind is StampKind.SEAL:
            real = image.seal_mm
            size += (f", đóng dấu rộng {real:.1f} mm" if real is not None
                     else f", đóng dấu rộng {DEFAULT_SEAL_MM:g} mm (mặc định — default)")
        print(f"{kind.vi.capitalize()} của {args.owner_id}: {size}, sha256 {image.sha256}")
        return 0
    if args.action == "set":
        if not args.file:
            raise InvalidInput("Hãy cho tệp PNG: nghisu stamp set … FILE.png.", "Give the PNG file: nghisu stamp set … FILE.png.")
        try:
            data = read_bounded(args.file, MAX_BYTES + 1)  # one byte over: the check says it is too large
        except DocumentRejected as exc:
            raise InvalidInput(f"{kind.vi.capitalize()} '{args.file}': {exc.vi}", f"The {kind.en} '{args.file}': {exc.en}"
                               ) from exc
        with store.uow(args.actor) as uow:
            image = set_stamp_image(uow, kind, args.owner_id, data, diameter_mm=args.diameter_mm)
            uow.commit()
        real = f", đóng dấu rộng {image.seal_mm or DEFAULT_SEAL_MM:.1f} mm" if kind is StampKind.SEAL else ""
        print(f"Đã lưu {kind.vi} của {args.owner_id} ({image.width}×{image.height} px{real}) — saved")
        return 0
    with store.uow(args.actor) as uow:
        removed = remove_stamp_image(uow, kind, args.owner_id)
        uow.commit()
    print(f"Đã xóa {kind.vi} của {args.owner_id} — removed" if removed
          else f"Không có {kind.vi} nào để xóa — there was none")
    return 0
