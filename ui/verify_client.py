"""`nghisu verify` asks the verification server: the command's thin path (issue 18).

A fresh Python with pyHanko's validation stack imported costs ≈ 0.25 s of CPU before the
first byte of the file is read, on every file a clerk checks from a script or a file
manager's "open with". A per-user server (``ui.verify_server``, as dmypy or gpg-agent do)
keeps those imports loaded and, per request, runs the command's own code in a forked child,
which checks the file under the same limits as a fresh command. This module is what the
command imports to ask it, with ``ui.verify_wire``: nothing but what a bare ``python``
has loaded already, ``_socket`` (``socket.py`` imports enum and selectors) and zlib.

- **Where**: ``$XDG_RUNTIME_DIR/nghisu``, else ``nghisu/run`` in the user's cache folder
  (``$XDG_CACHE_HOME`` or ``~/.cache``); a 0700 folder owned by this user, a 0600 socket named
  for this installation (the Python environment and the folder our code runs from), so two
  checkouts or virtual environments never answer for each other.
- **What is sent**: the command line, the environment, and the working folder as an open
  descriptor (SCM_RIGHTS, with the request's first bytes). The file travels as its path:
  server and command are the same user, so the server may open exactly what the command
  may, and the same code (``documents.files.read_bounded``) refuses a folder, a FIFO or a
  missing file with the same words. The server parses the line; a path that is not a regular
  file or that means something else in another process (``/proc/self/…``, ``/dev/fd/…``, or
  a link to one) it sends back unanswered, and the command checks it here, as before.
- **Who asks**: the console command ``nghisu`` (``ui.launch``) asks before anything but this
  module is imported, from the line's words alone (``answer_before_parsing``); the full
  command line (``python -m ui.cli``, or a line that path left) asks after parsing
  (``answer_from_server``), never twice for one command.
- **What comes back**: the exit code and the command's whole output, which this process
  prints; nothing is printed before the answer is complete, so a server that fails half-way
  leaves nothing to repeat.
- **The wire** (``ui.verify_wire``; not JSON, whose import is ``re`` and ``enum``): each way,
  one message: the length of its body, then its items, each as its length and its bytes
  (every length 4 bytes, big-endian). The request's items: ``nghisu-verify-1``, the
  installation in full (``INSTALLATION``), the number of arguments, each argument, the number
  of environment variables, each one's name and value: as the kernel passed them (``os.fsencode``: a byte
  that is not UTF-8 travels as itself), never with NUL, a name never empty nor with ``=``.
  The reply's: ``answer``, the exit code, the pid of the server's child, its stdout and its
  stderr (UTF-8, surrogateescape); or ``unavailable`` and why; or ``other`` (another
  installation's server); or ``stale`` (its code changed). The server drops a request it
  cannot read whole and well formed (4 MiB at most, one descriptor, a verify line) unanswered;
  the command treats such an answer, or none, as no server.
- **Fallback**: no server, a refused peer, a broken or late answer: the command verifies in
  this process as it always did (``--debug`` says why), so the verdict never depends on the
  server. When none was running, one is started in the background after the answer is out.
- **Off**: ``--no-server`` or ``NGHISU_VERIFY_SERVER=off``.
"""

# No `from __future__ import annotations`, nor contextlib, array or struct: each is one more
# module on the thin path (array alone imports collections); see ui.verify_wire.
import _socket  # noqa: PLC2701 -- socket.py's C core, all a Unix socket needs: socket.py imports enum
import os
import stat
import sys

from ui import verify_wire
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
#: Linux's struct ucred (SO_PEERCRED): pid, uid, gid, each a 32-bit int in this machine's order.
UCRED_SIZE = 12
#: The console entry's attempt, when the server could not answer it: the full command line
#: then checks in-process (and starts a server if none ran) without asking a second time.
_asked_before: "Unavailable | None" = None


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
                or not hasattr(_socket, "AF_UNIX") or not hasattr(_socket, "SO_PEERCRED"))


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


def peer_credentials(sock: _socket.socket) -> tuple[int, int, int]:
    """(pid, uid, gid) of the process at the other end of a Unix socket, from the kernel
    (SO_PEERCRED); ``sock`` a ``_socket.socket`` or the ``socket.socket`` built on it."""
    raw = sock.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, UCRED_SIZE)
    if len(raw) != UCRED_SIZE:
        raise OSError(f"SO_PEERCRED gave {len(raw)} bytes")
    order = sys.byteorder
    return (int.from_bytes(raw[:4], order, signed=True), int.from_bytes(raw[4:8], order),
            int.from_bytes(raw[8:], order))


def peer_uid(sock: _socket.socket) -> int:
    """The user id of the process at the other end of a Unix socket."""
    return peer_credentials(sock)[1]


def same_user(sock: _socket.socket) -> bool:
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
    try:
        request = verify_wire.request(INSTALLATION, argv, os.environ)
    except (ValueError, UnicodeError) as exc:  # an entry no kernel passes (NUL): a caller in Python only
        raise Unavailable(f"not a command line to send: {exc}") from None
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
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
        descriptor = cwd.to_bytes(4, sys.byteorder)  # SCM_RIGHTS' int array of one, without the array module
        sent = sock.sendmsg([request], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, descriptor)])
        if sent < len(request):  # (not an empty send: to a server that answered and closed, EPIPE)
            sock.sendall(request[sent:])
        body = verify_wire.receive(sock.recv, _MAX_ANSWER)
    except ValueError as exc:  # cut short (a server that stopped or dropped the request), too long
        raise Unavailable(f"no whole answer: {exc}") from None
    except (ConnectionResetError, BrokenPipeError) as exc:  # closed on us: a server whose code changed stops so
        raise Unavailable(f"{type(exc).__name__}: {exc}", start=True) from None
    except OSError as exc:  # refused, timed out
        raise Unavailable(f"{type(exc).__name__}: {exc}") from None
    finally:
        sock.close()
        if cwd >= 0:
            os.close(cwd)
    return _print_answer(body)


def _print_answer(body: bytes) -> int:
    """Print the server's answer (the body of its reply) and return its exit code; ``Unavailable``
    for any other reply."""
    try:
        reply = verify_wire.decode_reply(body)
    except ValueError as exc:
        raise Unavailable(f"unreadable answer: {exc}") from None
    if reply.kind == verify_wire.OTHER:
        raise Unavailable("the server runs another installation's code")
    if reply.kind == verify_wire.UNAVAILABLE:  # e.g. a path the server cannot open as we would
        raise Unavailable(reply.why)
    if reply.kind == verify_wire.STALE:
        raise Unavailable("the server's code is older than this installation's; it has stopped", start=True)
    _debug("answered by the verification server (pid %s)", reply.pid)
    sys.stdout.write(reply.stdout)
    sys.stderr.write(reply.stderr)
    return reply.code


def _flush() -> None:
    """Flush what was printed: a reader that went away (BrokenPipeError) is no failure here."""
    for stream in (sys.stdout, sys.stderr):
        try:  # noqa: SIM105 -- contextlib.suppress is one more module on the thin path
            stream.flush()
        except OSError:
            pass


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
    _flush()
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
    _flush()
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
