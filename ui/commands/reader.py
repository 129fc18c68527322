"""`nghisu reader [--as PERSON_ID]`: the tablet reader, full screen, for one member."""

from __future__ import annotations

from store.errors import InvalidInput
from ui.commands.numbers import record_id


def register(sub) -> None:
    p = sub.add_parser("reader", help="chế độ đọc toàn màn hình cho thành viên (máy tính bảng)")
    p.add_argument("--as", dest="actor", type=record_id, metavar="PERSON_ID",
                   help="đọc với tư cách người này (mặc định: người dùng trong Cài đặt)")
    p.add_argument("--window", action="store_true", help="mở trong cửa sổ thường thay vì toàn màn hình")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    from PySide6.QtCore import QTimer  # noqa: PLC0415 -- heavy library deferred for start-up: PySide6

    from ui.app import create_application  # noqa: PLC0415 -- deferred for start-up: brings in PySide6
    from ui.desktop_log import install_error_hook, start_desktop_log  # noqa: PLC0415 -- deferred with the window
    from ui.reader.reader_window import ReaderWindow  # noqa: PLC0415 -- deferred for start-up: brings in PySide6
    from ui.settings import AppSettings  # noqa: PLC0415 -- deferred for start-up: brings in PySide6
    from ui.tasks import TaskRunner  # noqa: PLC0415 -- deferred for start-up: brings in PySide6

    settings = AppSettings()
    person = args.actor if args.actor is not None else settings.person_id
    if person is None:
        raise InvalidInput("Chưa biết bạn là ai: dùng --as PERSON_ID, hoặc chọn người dùng trong Cài đặt.",
                           "Who are you? Use --as PERSON_ID, or choose yourself in Settings.")
    app = create_application(language=settings.language)
    store = ctx.store()
    runner = TaskRunner()
    reader = ReaderWindow(store, runner, person)
    start_desktop_log()
    install_error_hook(reader.show_error)
    reader.show() if args.window else reader.showFullScreen()
    QTimer.singleShot(0, reader.load)
    try:
        return app.exec()
    finally:
        reader.shutdown()
        runner.shutdown()
