"""`nghisu`, the console command: a verify line goes to the verification server first.

``nghisu verify`` is run on one file after another from scripts and a file manager's "open
with", where start-up is most of its time (issue 18). Here a verify command line is handed to
the verification server (``ui.verify_client``) before the parser and the command modules of
``ui.cli`` are imported (a third of the command's own start-up), with nothing loaded beyond
what a bare ``python`` has but our few modules, Python's socket core and zlib
(tests/ui/test_verify_wire.py keeps it so). Every other line, and a verify the server
cannot answer, runs the full command line, which asks again only when this path did not.
"""

# No `from __future__ import annotations`: one more module to load (ui.verify_client says why).
import os
import sys

from ui.cli_words import command_word


def run() -> None:
    """Console entry point (``nghisu``)."""
    if command_word(sys.argv[1:]) == "verify":  # every other line (the window too) goes straight on
        from ui import verify_client  # noqa: PLC0415 -- a socket and our wire format: before anything heavier

        code = verify_client.answer_before_parsing(sys.argv[1:])
        if code is not None:
            os._exit(code)  # the answer is printed and flushed; nothing else was started
    from ui.cli import run as run_command_line  # noqa: PLC0415 -- the full command line, only now

    run_command_line()


if __name__ == "__main__":
    run()
