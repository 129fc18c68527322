"""The verification server: `nghisu verify` with the verifier already loaded (issue 18).

Started in the background by the first ``nghisu verify`` that finds none
(``ui.verify_client.start_server``) as ``python -m ui.verify_server``; one per user and
installation. It imports what the command imports to check a file, once, then listens on
its Unix socket (``ui.verify_client`` says where and what a request is):

- A connection from another user is closed before anything is read (SO_PEERCRED), besides
  the socket being 0600 in a 0700 folder.
- Each request is answered by a forked child, so the server itself never reads a request
  or a file and a client that goes away (or a crash) costs only that child. The child takes
  the command's working folder, environment and command line and runs the command's own
  code (``ui.cli.main``, on the line as the server's own parser reads it) with its output
  captured. That child checks the file itself, under the same limits as a fresh command
  (``verify_pdf(one_shot=True)``: memory cap, time limit), with the same trust anchors and
  difference analysis: it exists for this one command, so no further fork is needed, and
  the server keeps the command's connection until it ends. A child that dies without
  answering (killed at a limit, crashed) gets its command told to check the file itself,
  which then meets the same limits there and says so in its report. The answer is the
  exit code and the output; a path the server would not read as the command does (see
  ``ui.verify_client``) is sent back unanswered.
- It stops by itself after ``NGHISU_VERIFY_SERVER_IDLE_S`` seconds without a request (600),
  and as soon as the code it runs changes on disk: a fingerprint (size, modification time,
  inode) of every module file it loaded, and the interpreter, is taken at start and checked
  before each request and every few seconds; a request that finds it changed is answered
  "stale" (the command checks the file itself and starts a new server).
- A lock file held for its whole life makes a second server started at the same time stop
  at once; the holder of the lock replaces a socket file left by a killed server.
"""

from __future__ import annotations

import array
import contextlib
import fcntl
import functools
import gc
import io
import logging
import os
import signal
import socket
import sys
import time

from signing.verify import service
from ui import verify_client, verify_wire

IDLE_S = 600.0
#: How often an idle server looks at its code on disk.
_CHECK_EVERY_S = 5.0
_REQUEST_TIMEOUT_S = 10.0
_MAX_REQUEST = 4 * 1024 * 1024


def idle_seconds() -> float:
    try:
        return float(os.environ.get("NGHISU_VERIFY_SERVER_IDLE_S", IDLE_S))
    except ValueError:
        return IDLE_S


@functools.cache
def _parser():
    """The verify command's parser, built once by the server (its children parse with it)."""
    from ui import cli  # noqa: PLC0415 -- loaded by load_verifier; here for the import cycle

    return cli.build_parser(cli.command_modules(["verify"]))


def load_verifier() -> None:
    """Import everything ``nghisu verify`` needs to check a file, as a command would."""
    import documents.files  # noqa: F401, PLC0415 -- the verifier's imports, once, before listening
    import signing.keys.trust_list  # noqa: F401, PLC0415 -- the same
    import signing.keys.trust_roots  # noqa: F401, PLC0415 -- the same
    import store.clock  # noqa: F401, PLC0415 -- the same
    import ui.cli  # noqa: F401, PLC0415 -- the same
    import ui.commands.verify  # noqa: F401, PLC0415 -- the same
    from signing.verify import worker  # noqa: PLC0415 -- the same

    worker.prepare()
    # What a verification imports on first use, which a fresh command pays only when its file
    # needs it but each of this server's forked children would pay on every request: the
    # difference analysis's XMP rule (lxml), a signer's PKCS#7 (cryptography's OpenSSL
    # backend), stream filters.
    import cryptography.hazmat.backends.openssl.backend  # noqa: F401, PLC0415 -- the same
    import lxml.etree  # noqa: F401, PLC0415 -- the same
    import pyhanko.pdf_utils.filters  # noqa: F401, PLC0415 -- the same

    from store.location import default_home  # noqa: PLC0415 -- the same

    default_home()  # imports platformdirs: where the default store would be
    _parser()
    warm_up()


def warm_up() -> None:
    """Check our own small signed file once, here (tools/make_verify_warm_up.py says why): every
    child then starts with what a check builds on first use. A command's file is never checked
    in the server itself, only in a child."""
    import base64  # noqa: PLC0415 -- once, at start

    import resources  # noqa: PLC0415 -- the same
    from signing.verify import worker  # noqa: PLC0415 -- the same

    folder = os.path.join(os.path.dirname(os.path.abspath(resources.__file__)), "verify")
    try:
        with open(os.path.join(folder, "warm-up.pdf"), "rb") as pdf, open(os.path.join(folder, "warm-up-root.der"), "rb") as root:
            data, der = pdf.read(), root.read()
    except OSError:  # an installation without it: colder children, same answers
        return
    header = {"op": "verify", "trust_roots": [base64.b64encode(der).decode("ascii")], "roster": None,
              "trust_embedded": False, "at": None}
    worker.handle(header, data)
    gc.collect()
    gc.freeze()  # what it built lives as long as the server: out of the collector's sight, as prepare() does


def code_files() -> list[str]:
    """The interpreter and every module file this process has loaded: its code on disk."""
    files = {sys.executable}
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if isinstance(name, str):
            files.add(name)
    return sorted(files)


def fingerprint(files: list[str]) -> int:
    """Changes when any of ``files`` is replaced, rewritten, touched or removed."""
    seen = []
    for name in files:
        try:
            info = os.stat(name)
        except OSError:
            seen.append((name, -1, -1, -1))
            continue
        seen.append((name, info.st_size, info.st_mtime_ns, info.st_ino))
    return hash(tuple(seen))


def _answer(conn: socket.socket, reply: bytes) -> None:
    """Send a reply (``ui.verify_wire``) to the command."""
    with contextlib.suppress(OSError):  # a client that went away
        conn.sendall(reply)


def _read_request(conn: socket.socket) -> tuple[tuple[str, list[str], dict[str, str]], int]:
    """((installation, argv, environment), the working-folder descriptor) of one connection's
    request (``ui.verify_wire``); ValueError if malformed, too long or not a verify line."""
    conn.settimeout(_REQUEST_TIMEOUT_S)
    fds = array.array("i")
    data, ancillary, _flags, _addr = conn.recvmsg(1 << 16, socket.CMSG_SPACE(fds.itemsize))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    try:
        if len(fds) != 1:
            raise ValueError("no working folder")
        request = verify_wire.decode_request(verify_wire.receive(conn.recv, _MAX_REQUEST, data))
        if "verify" not in request[1]:
            raise ValueError("not a verify command")
    except BaseException:  # OSError too (a late or vanished client): no descriptor is kept
        for fd in fds:
            os.close(fd)
        raise
    return request, fds[0]


def handle(conn: socket.socket) -> None:
    """One request, in a forked child: run the command here, as the client asked (see the module doc)."""
    try:
        (installation, argv, env), cwd = _read_request(conn)
    except (OSError, ValueError):
        return
    if installation != verify_client.INSTALLATION:  # a checksum's twin: not our code
        os.close(cwd)
        _answer(conn, verify_wire.other())
        return
    os.fchdir(cwd)
    os.close(cwd)
    os.environ.clear()
    os.environ.update(env)
    time.tzset()
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    logging.disable(logging.NOTSET)  # as in a fresh command: the verifier turns it off again
    from ui import cli  # noqa: PLC0415 -- loaded already (load_verifier); here for the import cycle

    verify_client.IN_SERVER = True
    service.check_one_shot_here()  # this child is the one-shot process; the server answers for its death
    try:
        args = _parser().parse_args(argv)
        if not verify_client.local_regular_file(args.file):
            _answer(conn, verify_wire.unavailable(
                f"{args.file!r} is not a regular file the server reads as the command would"))
            return
        code = cli.main(argv, args)
    except SystemExit as exc:  # argparse's refusal of the line, printed as the command prints it
        code = exc.code if isinstance(exc.code, int) else 2
    logging.shutdown()
    _answer(conn, verify_wire.answer(code, os.getpid(), out.getvalue(), err.getvalue()))


class Server:
    """The listening socket and its loop (see the module doc)."""

    def __init__(self, folder: str, idle_s: float) -> None:
        self.folder = folder
        self.path = verify_client.socket_path(folder)
        self.idle_s = idle_s
        #: Each working child and its command's connection, kept open to answer for the child if it dies.
        self.children: dict[int, socket.socket] = {}
        self.files: list[str] = []
        self.print = 0
        self.listener: socket.socket | None = None
        self.inode = -1

    def bind(self) -> None:
        with contextlib.suppress(FileNotFoundError):  # one left by a killed server: we hold the lock
            os.unlink(self.path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            listener.bind(self.path)
        finally:
            os.umask(old)
        os.chmod(self.path, 0o600)
        self.inode = os.stat(self.path).st_ino
        listener.listen(64)
        self.listener = listener

    def reap(self) -> None:
        """Collect finished children; for one that ended without answering (killed at the
        memory or time limit, crashed), tell its command to check the file itself."""
        for pid, conn in list(self.children.items()):
            status = 0
            with contextlib.suppress(ChildProcessError):
                done, raw = os.waitpid(pid, os.WNOHANG)
                if not done:
                    continue
                status = os.waitstatus_to_exitcode(raw)
            if status != 0:
                _answer(conn, verify_wire.unavailable(f"the server's check ended with status {status}"))
            conn.close()
            del self.children[pid]

    def stale(self) -> bool:
        return fingerprint(self.files) != self.print

    def run(self) -> None:
        assert self.listener is not None
        last = time.monotonic()
        while True:
            self.reap()
            if self.children:
                last = time.monotonic()
            elif time.monotonic() - last >= self.idle_s:
                return
            # While a child works, wake often to reap it (its CPU time is then counted as ours).
            wait = 0.05 if self.children else min(_CHECK_EVERY_S, self.idle_s - (time.monotonic() - last))
            self.listener.settimeout(max(0.05, wait))
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                if self.stale():
                    return
                continue
            last = time.monotonic()
            if not verify_client.same_user(conn):  # before anything is read
                conn.close()
                continue
            if self.stale():
                _answer(conn, verify_wire.stale())
                conn.close()
                return
            try:
                pid = os.fork()
            except OSError:
                conn.close()
                continue
            if pid == 0:
                status = 0
                try:
                    self.listener.close()
                    for other in self.children.values():  # other commands' connections are not this child's
                        other.close()
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)
                    handle(conn)
                except BaseException:  # noqa: BLE001 (nothing may return into the server's loop)
                    status = 70
                finally:
                    with contextlib.suppress(OSError):
                        conn.close()
                    os._exit(status)
            self.children[pid] = conn

    def close(self) -> None:
        """Stop listening and remove the socket file if it is still ours."""
        if self.listener is None:
            return
        self.listener.close()
        self.listener = None
        with contextlib.suppress(OSError):
            if os.stat(self.path).st_ino == self.inode:  # not a newer server's
                os.unlink(self.path)


def _private_folder(folder: str) -> bool:
    """Create the server's folder (0700) or make sure it is one; False if it is not ours."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
        if info.st_uid != os.getuid() or not os.path.isdir(folder) or os.path.islink(folder):
            return False
        if info.st_mode & 0o077:
            os.chmod(folder, 0o700)
    except OSError:
        return False
    return verify_client.private_folder(folder)


def main() -> int:
    folder = verify_client.runtime_dir()
    if not _private_folder(folder):
        return 1
    server = Server(folder, idle_seconds())
    lock = os.open(server.path[: -len(".sock")] + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    deadline = time.monotonic() + 5  # a server that found its code changed may still be stopping
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                return 0  # another one runs
            time.sleep(0.05)
    load_verifier()
    server.files = code_files()
    server.print = fingerprint(server.files)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.bind()
    try:
        server.run()
    finally:
        server.close()
    os._exit(0)  # nothing to tear down: ~400 modules of pyHanko (see ui.cli.run)


if __name__ == "__main__":
    sys.exit(main())
