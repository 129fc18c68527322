"""`nghisu register book --year Y --series di|den -o F.pdf|F.xlsx [--unit U] [--as P]`: a unit's
register book of the year (sổ đăng ký văn bản đi / đến; di_mat, den_mat for the secret ones)."""

from __future__ import annotations

from pathlib import Path

from documents.files import write_output
from store.clock import VN_TZ
from ui.commands.incoming import home_unit, person_acting
from ui.commands.numbers import count, record_id


def register(sub) -> None:
    p = sub.add_parser("register", help="sổ đăng ký văn bản đi, đến")
    rsub = p.add_subparsers(dest="register_command", metavar="ACTION", required=True)
    bp = rsub.add_parser("book", help="xuất sổ đăng ký văn bản đi/đến của một năm ra PDF hoặc Excel (.xlsx)")
    bp.add_argument("--year", type=count, metavar="Y", help="năm (mặc định: năm nay)")
    bp.add_argument("--series", required=True, choices=("di", "den", "di_mat", "den_mat"),
                    help="di: sổ văn bản đi, den: sổ văn bản đến (di_mat, den_mat: sổ mật)")
    bp.add_argument("-o", "--output", required=True, type=Path, metavar="F.pdf|F.xlsx")
    bp.add_argument("--unit", type=record_id, metavar="U", help="đơn vị (mặc định: đơn vị của người thực hiện)")
    bp.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID")
    bp.set_defaults(handler=run_book)


def run_book(args, ctx) -> int:
    from register.book.service import book_format, register_book, render_book  # noqa: PLC0415 -- deferred for start-up
    from register.numbering import Series  # noqa: PLC0415 -- deferred for start-up: brings in sqlalchemy

    book_format(args.output)
    store = ctx.store()
    unit_id = home_unit(ctx, person_acting(ctx, args), args.unit)
    year = args.year or store.clock.now().astimezone(VN_TZ).year
    with store.read() as s:
        book = register_book(s, unit_id, year, Series(args.series))
    path = write_output(args.output, render_book(book, args.output))
    print(f"Đã ghi {book.title.lower()} năm {year} ({len(book.rows)} văn bản) ra {path}.")
    return 0
