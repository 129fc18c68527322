"""The verification server's wire format (ui.verify_wire) and the thin path that speaks it: odd
bytes and empty values arrive as sent, anything cut short or malformed is refused (the server
drops it, the command checks the file itself), and `nghisu verify`'s console entry imports
nothing heavier than a bare `python` has (issue 18)."""

from __future__ import annotations

import array
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from ui import verify_client, verify_wire
from ui.verify_wire import Reply

ROOT = Path(__file__).resolve().parents[2]
#: The server's name for an installation: its Python environment and our code's folder (any two
#: strings; these are made up).
INSTALLATION = "nghisu-venv\0nghisu-src"
#: What a command line and an environment may hold: bytes that are not UTF-8 (a Latin-1 file
#: name), Vietnamese, empty arguments and values, '=' in a value, spaces and newlines.
ARGV = ["verify", os.fsdecode(b"/tmp/bi\xean-b\xe1n.pdf"), "", "--trust", "Trần Thị Bình.pem", "a\nb c"]
ENV = {"LANG": "vi_VN.UTF-8", "EMPTY": "", "ODD": os.fsdecode(b"\xff\xfe="), "NGHISU_HOME": "/srv/ủy ban"}


def body(message: bytes) -> bytes:
    """A whole message's body, read as a peer reads it."""
    return verify_wire.receive(lambda _n: b"", 1 << 20, first=message)


def one_byte_at_a_time(message: bytes):
    """A ``recv`` that hands ``message`` over one byte per call, then nothing (the peer closed)."""
    data = iter(message)
    return lambda _n: bytes([byte]) if (byte := next(data, None)) is not None else b""


def test_a_request_arrives_as_sent_odd_bytes_and_empty_values_included():
    sent = verify_wire.request(INSTALLATION, ARGV, ENV)
    assert verify_wire.decode_request(body(sent)) == (INSTALLATION, ARGV, ENV)
    assert verify_wire.decode_request(body(verify_wire.request("", [], {}))) == ("", [], {})
    raw = verify_wire.decode_request(body(sent))[1][1]
    assert os.fsencode(raw) == b"/tmp/bi\xean-b\xe1n.pdf"  # byte for byte, as the kernel gave it


@pytest.mark.parametrize("reply", [
    Reply(verify_wire.ANSWER, 0, 4242, "Chữ ký hợp lệ — valid\n", ""),
    Reply(verify_wire.ANSWER, -9, 1, os.fsdecode(b"t\xeap: \xff\n") + "\0 after a NUL", "lỗi\n"),
    Reply(verify_wire.ANSWER, 70, 0, "", ""),
    Reply(verify_wire.UNAVAILABLE, why="'/dev/stdin' is not a regular file"),
    Reply(verify_wire.UNAVAILABLE, why=""),
    Reply(verify_wire.OTHER),
    Reply(verify_wire.STALE),
])
def test_every_reply_arrives_as_sent(reply):
    if reply.kind == verify_wire.ANSWER:
        sent = verify_wire.answer(reply.code, reply.pid, reply.stdout, reply.stderr)
    elif reply.kind == verify_wire.UNAVAILABLE:
        sent = verify_wire.unavailable(reply.why)
    else:
        sent = verify_wire.other() if reply.kind == verify_wire.OTHER else verify_wire.stale()
    assert verify_wire.decode_reply(body(sent)) == reply
    assert verify_wire.receive(one_byte_at_a_time(sent), 1 << 20) == body(sent)  # however the kernel splits it


def test_a_message_cut_short_or_followed_by_more_is_refused():
    sent = verify_wire.answer(0, 1, "hợp lệ", "")
    for cut in range(len(sent)):
        with pytest.raises(ValueError):
            verify_wire.receive(one_byte_at_a_time(sent[:cut]), 1 << 20)
    with pytest.raises(ValueError, match="more than one message"):
        verify_wire.receive(lambda _n: b"", 1 << 20, first=sent + verify_wire.stale())
    with pytest.raises(ValueError, match="at most 8"):
        verify_wire.receive(one_byte_at_a_time(sent), 8)
    request = body(verify_wire.request(INSTALLATION, ARGV, ENV))
    for cut in range(len(request)):  # a body whose length was honest but whose items are not whole
        with pytest.raises(ValueError):
            verify_wire.decode_request(request[:cut])
    reply = body(sent)
    for cut in range(len(reply)):
        with pytest.raises(ValueError):
            verify_wire.decode_reply(reply[:cut])


@pytest.mark.parametrize("items", [
    [b"nghisu-verify-2", b"i", b"0", b"0"],  # another version of the format
    [verify_wire.REQUEST, b"i", b"0"],  # no variables' count
    [verify_wire.REQUEST, b"i", b"2", b"verify", b"0"],  # fewer arguments than counted
    [verify_wire.REQUEST, b"i", b"1", b"verify", b"1", b"NAME"],  # a name without its value
    [verify_wire.REQUEST, b"i", b"1", b"verify", b"0", b"NAME", b"value"],  # more variables than counted
    [verify_wire.REQUEST, b"i", b"-1", b"verify", b"0"],
    [verify_wire.REQUEST, b"i", b"+1", b"verify", b"0"],  # int() would take these three
    [verify_wire.REQUEST, b"i", b" 1", b"verify", b"0"],
    [verify_wire.REQUEST, b"i", b"1_0", b"verify", b"0"],
    [verify_wire.REQUEST, b"i", b"1", b"ver\0ify", b"0"],  # NUL: no kernel passes one
    [verify_wire.REQUEST, b"i", b"1", b"verify", b"1", b"A", b"b\0"],
    [verify_wire.REQUEST, b"i", b"1", b"verify", b"1", b"A=B", b"c"],  # '=' in a name
    [verify_wire.REQUEST, b"i", b"1", b"verify", b"1", b"", b"c"],  # an empty name
])
def test_a_malformed_request_is_refused(items):
    assert verify_wire.decode_request(body(verify_wire.message([verify_wire.REQUEST, b"i", b"1", b"verify", b"1",
                                                                 b"A", b"b"]))) == ("i", ["verify"], {"A": "b"})
    with pytest.raises(ValueError):
        verify_wire.decode_request(body(verify_wire.message(items)))


@pytest.mark.parametrize("items", [
    [], [b"exit"], [verify_wire.ANSWER, b"0", b"1", b"out"], [verify_wire.ANSWER, b"0", b"1", b"out", b"err", b""],
    [verify_wire.ANSWER, b"zero", b"1", b"", b""], [verify_wire.ANSWER, b"0", b"-1", b"", b""],
    [verify_wire.ANSWER, b"1" * 40, b"1", b"", b""], [verify_wire.UNAVAILABLE], [verify_wire.OTHER, b"x"],
    [verify_wire.STALE, b""], [b'{"stale": true}'],
])
def test_a_malformed_reply_is_refused_and_the_command_checks_the_file_itself(items):
    sent = body(verify_wire.message(items))
    with pytest.raises(ValueError):
        verify_wire.decode_reply(sent)
    with pytest.raises(verify_client.Unavailable):
        verify_client._print_answer(sent)


@pytest.mark.parametrize(("argv", "env"), [
    (["verify", "a\0b"], {}), (["verify"], {"A": "b\0"}), (["verify"], {"A=B": "c"}), (["verify"], {"": "c"}),
])
def test_what_no_kernel_passes_is_never_sent(argv, env):
    with pytest.raises(ValueError):
        verify_wire.request(INSTALLATION, argv, env)


def test_the_peer_is_known_through_pythons_socket_and_its_c_core_alike():
    import _socket  # noqa: PLC2701 -- what the command's thin path uses

    for left, right in (socket.socketpair(socket.AF_UNIX), _socket.socketpair(_socket.AF_UNIX)):
        try:
            assert verify_client.peer_credentials(left) == (os.getpid(), os.getuid(), os.getgid())
            assert verify_client.same_user(right)
        finally:
            left.close()
            right.close()


def test_the_server_drops_a_request_without_its_folder_or_not_for_verify_and_keeps_no_descriptor():
    from ui import verify_server  # noqa: PLC0415 -- the server's own code (the verifier's imports)

    def heard(request: bytes, with_folder: bool = True):
        ours, theirs = socket.socketpair(socket.AF_UNIX)
        with ours, theirs:
            folder = os.open(".", os.O_RDONLY)
            try:
                fds = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [folder]))] if with_folder else []
                theirs.sendmsg([request], fds)
                theirs.shutdown(socket.SHUT_WR)
                return verify_server._read_request(ours)
            finally:
                os.close(folder)

    before = len(os.listdir("/proc/self/fd"))
    (installation, argv, env), cwd = heard(verify_wire.request(INSTALLATION, ARGV, ENV))
    os.close(cwd)
    assert (installation, argv, env) == (INSTALLATION, ARGV, ENV)
    good = verify_wire.request(INSTALLATION, ARGV, ENV)
    for request, with_folder in [(good, False), (good[:-1], True), (good + b"\0", True),
                                 (verify_wire.request(INSTALLATION, ["trust", "add", "x.pem"], {}), True),
                                 (b'{"argv": ["verify"], "env": {}}\n', True)]:
        with pytest.raises(ValueError):
            heard(request, with_folder)
    assert len(os.listdir("/proc/self/fd")) == before


@pytest.fixture()
def fake_server(monkeypatch):
    """A socket where this installation's server would listen, answering each command with the
    bytes a test gives (as a broken or foreign server might); what it heard is kept."""
    with tempfile.TemporaryDirectory(prefix="nghisu-vw-") as runtime:  # short: sun_path has 108 bytes
        monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
        os.mkdir(verify_client.runtime_dir(), 0o700)
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(verify_client.socket_path())
        listener.listen(4)
        listener.settimeout(30)
        heard: list[tuple[str, list[str], dict[str, str]]] = []

        def serve(reply: bytes) -> threading.Thread:
            def run():
                conn, _ = listener.accept()
                with conn:
                    data, ancillary, _flags, _addr = conn.recvmsg(1 << 16, socket.CMSG_SPACE(4))
                    fds = array.array("i")
                    for _level, _kind, payload in ancillary:
                        fds.frombytes(payload)
                    for fd in fds:
                        os.close(fd)
                    heard.append(verify_wire.decode_request(verify_wire.receive(conn.recv, 1 << 22, data)))
                    conn.sendall(reply)

            thread = threading.Thread(target=run)
            thread.start()
            return thread

        yield serve, heard
        listener.close()


def test_the_command_prints_a_whole_answer_and_refuses_anything_else(fake_server, capsys):
    serve, heard = fake_server
    argv = ["verify", os.fsdecode(b"h\xf4\xf4-s\xf5.pdf"), "--json"]
    thread = serve(verify_wire.answer(3, 99, "{\"verdict\": \"unsigned\"}\n", "cảnh báo\n"))
    assert verify_client.ask(argv) == 3
    thread.join()
    assert capsys.readouterr() == ("{\"verdict\": \"unsigned\"}\n", "cảnh báo\n")
    assert heard[0] == (verify_client.INSTALLATION, argv, dict(os.environ))
    whole = verify_wire.answer(0, 1, "hợp lệ\n", "")
    for reply, start in [(b"", False), (whole[:-1], False), (whole[:3], False),
                         (b'{"stale": true}\n', False),  # a server of the JSON days: a length past the cap
                         (verify_wire.message([b"exit", b"0"]), False), (verify_wire.unavailable("no"), False),
                         (verify_wire.other(), False), (verify_wire.stale(), True)]:
        thread = serve(reply)
        with pytest.raises(verify_client.Unavailable) as refused:
            verify_client.ask(argv)
        thread.join()
        assert refused.value.start == start, reply
        assert capsys.readouterr() == ("", ""), reply  # nothing printed before a whole answer


#: What the console entry's thin path may load beyond a bare `python`: our modules, the
#: socket's C core, and zlib (the socket's name, once a server is asked).
THIN_PATH = {"ui", "ui.launch", "ui.cli_words", "ui.verify_client", "ui.verify_wire", "_socket", "zlib"}
HEAVY = {"json", "re", "enum", "socket", "contextlib", "collections", "collections.abc", "logging", "typing",
         "argparse", "ui.cli", "__future__", "array", "struct", "_struct"}


def imported(*args: str) -> set[str]:
    """The modules a Python started with ``args`` imports (-X importtime), from our checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    return {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines()
            if line.startswith("import time:") and "[us]" not in line}


def test_the_thin_path_imports_nothing_heavier_than_a_bare_python():
    bare = imported("-c", "pass")
    loaded = imported("-c", "import ui.launch, ui.verify_client") - bare
    assert not loaded & HEAVY, sorted(loaded & HEAVY)
    assert loaded <= THIN_PATH, sorted(loaded - THIN_PATH)
    assert "ui.verify_wire" in loaded
