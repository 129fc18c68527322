"""`nghisu verify` asks the verification server: the command's thin path (issue 18).

A fresh Python with pyHanko's validation stack imported costs ≈ 0.25 s of CPU before the
first byte of the file is read, on every file a clerk checks from a script or a file
manager's "open with". A per-user server (``ui.verify_server``, as dmypy or gpg-agent do)
keeps those imports loaded and, per request, runs the command's own code in a forked child,
which checks the file in a further child under the same limits as a fresh command. This
module is what the command imports to ask it: sockets and JSON, nothing of the verifier.

- **Where**: ``$XDG_RUNTIME_DIR/nghisu``, else ``nghisu/run`` in the user's cache folder
  (``$XDG_CACHE_HOME`` or ``~/.cache``); a 0700 folder owned by this user, a 0600 socket named
  for this installation (the Python environment and the folder our code runs from), so two
  checkouts or virtual environments never answer for each other.
- **What is sent**: the command line, the environment, and the working folder as an open
  descriptor (SCM_RIGHTS). The file travels as its path: server and command are the same
  user, so the server may open exactly what the command may, and the same code
  (``documents.files.read_bounded``) refuses a folder, a FIFO or a missing file with the same
  words. The server parses the line; a path that is not a regular file or that means
  something else in another process (``/proc/self/…``, ``/dev/fd/…``, or a link to one) it
  sends back unanswered, and the command checks it here, as before.
- **Who asks**: the console command ``nghisu`` (``ui.launch``) asks before anything but this
  module is imported, from the line's words alone (``answer_before_parsing``); the full
  command line (``python -m ui.cli``, or a line that path left) asks after parsing
  (``answer_from_server``), never twice for one command.
- **What comes back**: the exit code and the command's whole output, which this process
  prints; nothing is printed before the answer is complete, so a server that fails half-way
  leaves nothing to repeat.
- **Fallback**: no server, a refused peer, a broken or late answer: the command verifies in
  this process as it always did (``--debug`` says why), so the verdict never depends on the
  server. When none was running, one is started in the background after the answer is out.
- **Off**: ``--no-server`` or ``NGHISU_VERIFY_SERVER=off``.
"""

from __future__ import annotations

import array
import contextlib
import json
import os
import socket
import stat
import struct
import sys

from ui.cli_words import HELP, command_word

#: The folder our packages are in: the server for this installation runs the same code.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: What a server must run to answer for this command: this environment's Python and
#: libraries (``sys.prefix``: the same for ``python`` and ``python3.11`` of a venv), this code.
INSTALLATION = f"{sys.prefix}\0{ROOT}"
SWITCH = "NGHISU_VERIFY_SERVER"
#: Longest the command waits for an answer: the verifier's own limit (VerifyLimits.timeout_s,
#: 30 s) plus the server's start of a child; past it, the command checks the file itself.
ANSWER_TIMEOUT_S = 45.0
#: Set in the server's children: a command the server runs never asks a server.
IN_SERVER = False
_MAX_ANSWER = 64 * 1024 * 1024
_PEERCRED = struct.Struct("3i")  # struct ucred: pid, uid, gid
#: The console entry's attempt, when the server could not answer it: the full command line
#: then checks in-process (and starts a server if none ran) without asking a second time.
_asked_before: Unavailable | None = None


def _debug(message: str, *values: object) -> None:
    """A --debug line; logging is imported by the full command line only, never by the thin path."""
    if "logging" in sys.modules:
        import logging  # noqa: PLC0415 -- already imported: see above

        logging.getLogger("nghisu.verify_client").debug(message, *values)


def wanted(args) -> bool:
    """True when this command may ask the server (not --no-server, not switched off, POSIX, not
    the one-folder bundle, whose executable cannot be started as ``python -m``)."""
    return not (IN_SERVER or getattr(args, "no_server", False) or getattr(sys, "frozen", False)
                or os.environ.get(SWITCH, "").strip().lower() in ("off", "0", "no", "false")
                or not hasattr(socket, "AF_UNIX") or not hasattr(socket, "SO_PEERCRED"))


def _may_ask_before_parsing(argv: list[str]) -> bool:
    """A verify line the server may answer, from its words: no help, --no-server or --debug
    (whose reasons are logged by the full command line) anywhere in it."""
    return (command_word(argv) == "verify" and not any(w in HELP or w in ("--no-server", "--debug") for w in argv)
            and wanted(None))


def runtime_dir() -> str:
    """The server's folder (see the module doc); it may not exist yet."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base:
        return os.path.join(base, "nghisu")
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "nghisu", "run")


def installation_id() -> str:
    """Names this installation's server: the Python environment and where our code is. A checksum
    (zlib: hashlib's OpenSSL costs 8 ms of start-up); the server also compares the two in
    full and refuses a request from another installation."""
    import zlib  # noqa: PLC0415 -- only once the server is wanted

    return f"{zlib.crc32(INSTALLATION.encode('utf-8', 'surrogateescape')):08x}"


def socket_path(folder: str | None = None) -> str:
    return os.path.join(folder or runtime_dir(), f"verify-{installation_id()}.sock")


def private_folder(folder: str) -> bool:
    """True when ``folder`` is a real folder of this user that nobody else may enter (0700)."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def peer_uid(sock: socket.socket) -> int:
    """The user id of the process at the other end of a Unix socket, from the kernel (SO_PEERCRED)."""
    _pid, uid, _gid = _PEERCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _PEERCRED.size))
    return uid


def same_user(sock: socket.socket) -> bool:
    """True when the peer runs as this process's user: the only one the server answers."""
    return peer_uid(sock) == os.getuid()


def local_regular_file(name: str) -> bool:
    """True for a path that names the same regular file in the server as in the command: a
    regular file not reached through ``/proc`` or ``/dev`` (whose entries name the process
    that reads them), links followed."""
    full = os.path.realpath(name)
    if full.startswith(("/proc/", "/dev/")):
        return False
    try:
        return stat.S_ISREG(os.stat(full).st_mode)
    except (OSError, ValueError):
        return False


class Unavailable(Exception):
    """The server could not answer this command; ``start`` says whether none is running."""

    def __init__(self, why: str, start: bool = False) -> None:
        super().__init__(why)
        self.start = start


def ask(argv: list[str]) -> int:
    """Run ``nghisu`` ``argv`` (a verify command line) in the server, print its output here
    and return its exit code; ``Unavailable`` when it cannot."""
    folder = runtime_dir()
    path = socket_path(folder)
    if not private_folder(folder):
        raise Unavailable(f"no private folder {folder}", start=not os.path.lexists(folder))
    if len(os.fsencode(path)) >= 108:  # sun_path
        raise Unavailable(f"socket path too long: {path}")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    cwd = -1
    try:
        sock.settimeout(ANSWER_TIMEOUT_S)
        try:
            sock.connect(path)
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            raise Unavailable(f"no server at {path} ({type(exc).__name__})", start=True) from None
        if not same_user(sock):
            raise Unavailable(f"the server at {path} runs as another user")
        cwd = os.open(".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
        request = json.dumps({"argv": argv, "env": dict(os.environ), "installation": INSTALLATION}).encode() + b"\n"
        sent = sock.sendmsg([request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [cwd]))])
        sock.sendall(request[sent:])
        chunks, size = [], 0
        while not chunks or not chunks[-1].endswith(b"\n"):
            chunk = sock.recv(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > _MAX_ANSWER:
                raise Unavailable("answer too long")
        raw = b"".join(chunks)
    except (ConnectionResetError, BrokenPipeError) as exc:  # closed on us: a server whose code changed stops so
        raise Unavailable(f"{type(exc).__name__}: {exc}", start=True) from None
    except OSError as exc:  # refused, timed out
        raise Unavailable(f"{type(exc).__name__}: {exc}") from None
    finally:
        sock.close()
        if cwd >= 0:
            os.close(cwd)
    return _print_answer(raw)


def _print_answer(raw: bytes) -> int:
    try:
        answer = json.loads(raw)
    except ValueError:
        raise Unavailable(f"no whole answer ({len(raw)} bytes)") from None
    if not isinstance(answer, dict):
        raise Unavailable("unreadable answer")
    if answer.get("other"):
        raise Unavailable("the server runs another installation's code")
    if isinstance(answer.get("unavailable"), str):  # e.g. a path the server cannot open as we would
        raise Unavailable(answer["unavailable"])
    if answer.get("stale"):
        raise Unavailable("the server's code is older than this installation's; it has stopped", start=True)
    code, out, err = answer.get("exit"), answer.get("stdout"), answer.get("stderr")
    if not isinstance(code, int) or not isinstance(out, str) or not isinstance(err, str):
        raise Unavailable(f"unexpected answer {sorted(answer)}")
    _debug("answered by the verification server (pid %s)", answer.get("pid"))
    sys.stdout.write(out)
    sys.stderr.write(err)
    return code


def answer_before_parsing(argv: list[str]) -> int | None:
    """The console command's path (``ui.launch``): the exit code once the server has answered
    a verify line and its output is printed; None to run the full command line."""
    global _asked_before
    if not _may_ask_before_parsing(argv):
        return None
    try:
        code = ask(argv)
    except Unavailable as exc:
        _asked_before = exc
        return None
    except BrokenPipeError:  # output piped into `head` and the like: not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a reader that went away
            stream.flush()
    return code


def answer_from_server(argv: list[str], args) -> tuple[int | None, bool]:
    """The verify command's server path, as the full command line takes it: (the exit code
    once the server has answered and its output is printed, else None to check in this
    process; whether to start a server once this process has answered)."""
    if _asked_before is not None:  # the console entry asked already
        _debug("verification server not used (%s): verifying in this process", _asked_before)
        return None, _asked_before.start
    if not wanted(args):
        return None, False
    try:
        code = ask(argv)
        sys.stdout.flush()
        return code, False
    except Unavailable as exc:  # the same check in this process, as before
        _debug("verification server not used (%s): verifying in this process%s", exc,
               "; starting one in the background afterwards" if exc.start else "")
        return None, exc.start
    except BrokenPipeError:  # output piped into `head` and the like: not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0, False


def start_server_after_answer() -> None:
    """Once this process's answer is out (so the command is not slowed by the start)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a reader that went away
            stream.flush()
    start_server()


def start_server() -> None:
    """Start this installation's server in the background, detached: the command that found
    none does not wait for it. It stops by itself if another is already starting."""
    import subprocess  # noqa: PLC0415 -- only the command that found no server starts one

    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        subprocess.Popen(  # noqa: S603 -- our own interpreter and module
            [sys.executable, "-m", "ui.verify_server"], cwd="/", env=env, start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True,
        )
    except OSError as exc:
        _debug("could not start the verification server: %s", exc)
        return
