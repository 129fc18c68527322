"""The bundle's one executable: the `nghisu` command, and the sandbox's workers.

The sandbox runs untrusted PDFs in a child started as ``<python> -m <worker module>``
(sandbox/process.py). In the bundle ``sys.executable`` is this program, so it answers that
form too: ``nghisu -m documents.intake.worker 512`` runs the worker module as Python would.
"""

from __future__ import annotations

import multiprocessing
import runpy
import sys


def main() -> None:
    multiprocessing.freeze_support()
    if len(sys.argv) >= 3 and sys.argv[1] == "-m":
        module, sys.argv = sys.argv[2], [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return
    from ui.cli import run  # noqa: PLC0415 -- a worker started as `-m module` must not pay for the CLI and Qt

    run()


if __name__ == "__main__":
    main()
