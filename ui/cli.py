"""The `nghisu` command line.

Subcommands live in small modules under ``ui/commands``; each exposes ``register(subparsers)``
and sets ``handler=fn`` with ``fn(args, ctx) -> int``. Errors the core raises on purpose
(``NghisuError``) end the command with one plain line on stderr and exit 2 (or the error's
own code); anything else is a bug: logged, one generic line, exit 70 (``--debug`` shows it).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from store.errors import NghisuError
from store.location import resolve_location
from ui.cli_errors import VietnameseArgumentParser
from ui.cli_words import command_word

log = logging.getLogger("nghisu")

#: Modules under ui/commands that contribute subcommands, in help order.
COMMAND_MODULES = (
    "demo",
    "directory",
    "security",
    "meetings",
    "audit",
    "documents",
    "signing",
    "verify",
    "ca",
    "workflow",
    "outgoing",
    "live",
    "opinions",
    "papers",
    "conclusions",
    "reader",
    "mail",
    "rsvp",
    "stamps",
    "gui",
    "incoming",
    "register_book",
)
#: Commands whose own module is all the parser needs: ``nghisu verify`` is run on one file after
#: another from scripts and a file manager's "open with", where start-up is most of its time
#: (issue 18), so it does not import every other command's code first.
SINGLE_MODULE_COMMANDS = {"verify": "verify"}


@dataclass
class CliContext:
    """What a command handler gets besides its arguments: the store, opened on first use."""

    args: argparse.Namespace
    _store: Any = field(default=None, repr=False)

    def location(self):
        """Where the store is: ``--store``/``--database-url``, else the environment, else the default."""
        if self._store is not None:
            return self._store.location

        return resolve_location(store_dir=self.args.store, database_url=self.args.database_url)

    def store_named(self) -> bool:
        """True when a store was named (option or environment), not just the default location."""
        return bool(self._store is not None or getattr(self.args, "store", None) or getattr(self.args, "database_url", None)
                    or os.environ.get("NGHISU_HOME") or os.environ.get("NGHISU_DATABASE_URL"))

    def store(self, *, create: bool = False):
        """The store, opened on first use. It is created only where that was asked for: by the
        command (``create``: ``nghisu demo``), by ``--create``, or at the default location."""
        if self._store is None:
            from store.engine import open_store  # noqa: PLC0415 -- heavy library deferred for start-up: sqlalchemy

            self._store = open_store(
                resolve_location(store_dir=self.args.store, database_url=self.args.database_url),
                create=create or bool(getattr(self.args, "create", False)) or not self.store_named(),
            )
        return self._store

    def print_json(self, value: Any) -> None:
        json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def command_modules(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules to register for this command line: every one, unless it names a
    command of SINGLE_MODULE_COMMANDS (and asks for no general help before it)."""
    word = command_word(argv)
    return (SINGLE_MODULE_COMMANDS[word],) if word in SINGLE_MODULE_COMMANDS else COMMAND_MODULES


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(
        prog="nghisu",
        description="Nghị Sự: họp không giấy và quản lý văn bản cho UBND các cấp.",
    )
    parser.add_argument("--store", metavar="DIR", help="thư mục kho dữ liệu nhúng (SQLite + tệp)")
    parser.add_argument("--database-url", metavar="URL", help="kho dùng chung PostgreSQL")
    parser.add_argument("--create", action="store_true",
                        help="tạo kho dữ liệu mới ở --store nếu chưa có (thư mục mới hoặc trống)")
    parser.add_argument("--debug", action="store_true", help="in chi tiết lỗi (traceback)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        try:
            module = importlib.import_module(f"ui.commands.{name}")
        except ModuleNotFoundError as exc:  # a command module still being written
            if exc.name != f"ui.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None, args: argparse.Namespace | None = None) -> int:
    """Run a command line; ``args``: the line already parsed (the verification server's children)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if args is None:
        args = build_parser(command_modules(argv)).parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    handler = getattr(args, "handler", None)
    if handler is None:  # plain `nghisu`: open the desktop window
        from ui.commands import gui  # noqa: PLC0415 -- deferred for start-up: the window's launcher, not a command's

        handler = gui.run
    start_server = False
    if args.command == "verify" and getattr(args, "file", None):
        from ui import verify_client  # noqa: PLC0415 -- the verify command's thin path: a socket, our wire format

        code, start_server = verify_client.answer_from_server(argv, args)
        if code is not None:
            return code
    ctx = CliContext(args)
    try:
        if getattr(args, "actor", 0) is None:  # --as left out: the person bound to this computer account
            from ui.commands.whoami import default_actor  # noqa: PLC0415 -- deferred: `nghisu verify` starts with its own module only

            args.actor = default_actor(ctx)
        return int(handler(args, ctx) or 0)
    except NghisuError as exc:
        if args.debug:
            log.exception("refused")
        print(f"nghisu: {exc}", file=sys.stderr)
        if exc.detail and args.debug:  # the server's or driver's own words: one plain line otherwise
            print(f"nghisu: chi tiết — detail: {exc.detail}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and the like: not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("nghisu: đã dừng theo yêu cầu — interrupted", file=sys.stderr)
        return 130
    except Exception:
        log.debug("unexpected failure", exc_info=True)
        if args.debug:
            raise
        print(
            "nghisu: lỗi không mong đợi; chạy lại với --debug để xem chi tiết — "
            "unexpected failure; run again with --debug for details",
            file=sys.stderr,
        )
        return 70
    finally:
        ctx.close()
        if start_server:
            verify_client.start_server_after_answer()



def run() -> None:
    """Console entry point (`nghisu`, `python -m ui.cli`)."""
    code = main()
    # PySide6 6.12 can crash while the interpreter tears Qt objects down after everything is
    # saved and closed ("Fatal Python error: bool_dealloc"); and `nghisu verify` (run on one
    # file after another, issue 18) would spend ~2 % of its instructions tearing down the
    # ~400 modules of pyHanko it imported. Nothing is left to do by then (main closed the
    # store), so leave without that teardown and keep the exit code honest.
    if "PySide6.QtWidgets" in sys.modules or command_modules(sys.argv[1:]) != COMMAND_MODULES:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):  # a reader that went away (BrokenPipeError)
                stream.flush()
        logging.shutdown()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
