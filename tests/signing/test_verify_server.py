"""`nghisu verify` through the verification server (ui.verify_server): same answers, same user only,
gone when idle or when its code changes, and never stuck on a stale socket or a vanished client."""

from __future__ import annotations

import array
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests import corpora
from tests.signing import attack_pdfs as A
from tests.ui.test_verify_wire import THIN_PATH
from ui import verify_client, verify_wire

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("sandbox", "store", "documents", "signing", "ui")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("verify-server")
    ca = A.make_ca()
    alice, bob = A.make_person(ca, "Nguyễn Văn An"), A.make_person(ca, "Trần Thị Bình")
    blank = A.add_signature_fields(A.make_pdf(3), ["Signature1", "Signature2"])
    one = A.sign(blank, alice, "Signature1")
    out = {"root": d / "root.pem", "signed": d / "signed.pdf", "two": d / "two.pdf", "tampered": d / "tampered.pdf",
           "big": d / "big.pdf"}
    out["root"].write_bytes(ca.cert_pem)
    out["signed"].write_bytes(one)
    out["two"].write_bytes(A.sign(one, bob, "Signature2"))
    out["tampered"].write_bytes(A.add_page_after_signing(one))
    out["big"].write_bytes(A.sign(A.add_signature_fields(A.make_pdf(1500), ["Signature1"]), alice))
    return out


@pytest.fixture()
def runtime():
    """A runtime folder of its own (short: a socket path has at most 107 bytes)."""
    with tempfile.TemporaryDirectory(prefix="nghisu-vs-") as folder:
        yield Path(folder)


def environment(runtime: Path, root: Path = ROOT, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NGHISU_HOME", "NGHISU_DATABASE_URL", "NGHISU_VERIFY_SERVER")}
    env.update(XDG_RUNTIME_DIR=str(runtime), XDG_DATA_HOME=str(runtime / "no-store"), PYTHONPATH=str(root), **extra)
    return env


def nghisu(env: dict[str, str], *args, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ui.cli", "--debug", "verify", *map(str, args)], cwd=root,
                          capture_output=True, text=True, timeout=120, env=env)


def socket_of(env: dict[str, str]) -> Path:
    return Path(env["XDG_RUNTIME_DIR"], "nghisu", f"verify-{_installation_id(env)}.sock")


def _installation_id(env: dict[str, str]) -> str:
    probe = "from ui import verify_client; print(verify_client.installation_id())"
    return subprocess.run([sys.executable, "-c", probe], env=env, cwd="/", capture_output=True, text=True,
                          check=True).stdout.strip()


def server_pid(path: Path, timeout_s: float = 60) -> int:
    """The pid of the server listening at ``path`` (the kernel's SO_PEERCRED), once it listens."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(str(path))
                return verify_client.peer_credentials(s)[0]
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie nobody reaped yet has stopped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def stop(pid: int) -> None:
    if alive(pid):
        os.kill(pid, signal.SIGTERM)


@pytest.fixture()
def server(runtime):
    """A server started as the command starts one, stopped after the test (by its pid)."""
    env = environment(runtime, NGHISU_VERIFY_SERVER_IDLE_S="120")
    proc = subprocess.Popen([sys.executable, "-m", "ui.verify_server"], env=env, cwd="/",
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        server_pid(socket_of(env))
        yield env, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=30)


def test_the_first_command_checks_the_file_itself_and_leaves_a_server_for_the_next(files, runtime):
    env = environment(runtime, NGHISU_VERIFY_SERVER_IDLE_S="60")
    first = nghisu(env, files["signed"], "--trust", files["root"])
    assert first.returncode == 0, first.stderr
    assert "verifying in this process; starting one in the background afterwards" in first.stderr
    pid = server_pid(socket_of(env))
    try:
        folder, sock = socket_of(env).parent, socket_of(env)
        assert folder.stat().st_mode & 0o777 == 0o700 and sock.stat().st_mode & 0o777 == 0o600
        second = nghisu(env, files["signed"], "--trust", files["root"])
        assert second.returncode == 0 and "answered by the verification server" in second.stderr, second.stderr
        assert second.stdout == first.stdout
        off = nghisu({**env, "NGHISU_VERIFY_SERVER": "off"}, files["tampered"], "--trust", files["root"])
        assert off.returncode == 1 and "verification server" not in off.stderr
        flag = nghisu(env, files["tampered"], "--trust", files["root"], "--no-server")
        assert flag.returncode == 1 and "verification server" not in flag.stderr and flag.stdout == off.stdout
    finally:
        stop(pid)


IN_PROCESS = """
import contextlib, io, json, sys
from ui import cli
out = []
for path in json.loads(sys.argv[1]):
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["verify", path, "--trust", sys.argv[2], "--json", "--no-server"])
    out.append([code, stdout.getvalue(), stderr.getvalue()])
print(json.dumps(out))
"""


def test_every_corpus_file_gets_the_same_report_from_the_server_and_in_process(files, runtime, capsys, monkeypatch):
    """The full reports, compared as text. Both sides run with the same string hash seed:
    some of pyHanko's reasons quote a Python set, whose order follows the seed."""
    corpora.require(corpora.ATTACKS)
    corpora.require(corpora.MALFORMED)
    paths = [str(p) for p in (files["signed"], files["two"], files["tampered"], files["big"],
                              *corpora.files(corpora.ATTACKS), *corpora.files(corpora.MALFORMED))]
    assert len(paths) > 200
    env = environment(runtime, NGHISU_VERIFY_SERVER_IDLE_S="300", PYTHONHASHSEED="0")
    here = subprocess.run([sys.executable, "-c", IN_PROCESS, json.dumps(paths), str(files["root"])], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=900, check=True)
    in_process = json.loads(here.stdout.splitlines()[-1])
    proc = subprocess.Popen([sys.executable, "-m", "ui.verify_server"], env=env, cwd="/",
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        server_pid(socket_of(env))
        monkeypatch.setenv("XDG_RUNTIME_DIR", env["XDG_RUNTIME_DIR"])
        verdicts = set()
        for path, expected in zip(paths, in_process, strict=True):
            argv = ["verify", path, "--trust", str(files["root"]), "--json"]
            code = verify_client.ask(argv)  # raises Unavailable unless the server answered
            out = capsys.readouterr()
            assert [code, out.out, out.err] == expected, path
            verdicts.add(json.loads(out.out)["verdict"])
        assert verdicts == {"valid", "invalid", "cannot_verify", "unsigned"}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def as_another_user(path: str, request: bytes) -> bytes:
    """What a process running as nobody (uid 65534) hears after sending ``request`` to ``path``."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(30)
                s.connect(path)
                os.write(write_end, b"connected")
                try:
                    s.sendall(request)
                    os.write(write_end, b"; answer: " + repr(s.recv(100)).encode())
                except OSError:  # closed by the server before the request was all sent
                    os.write(write_end, b"; closed")
        except BaseException as exc:  # noqa: BLE001 (reported to the test through the pipe)
            os.write(write_end, repr(exc).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as heard:
        out = heard.read()
    os.waitpid(pid, 0)
    return out


def test_the_server_answers_its_own_user_only(files, server, runtime):
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:  # real kernel credentials of a real peer (this process)
        assert verify_client.peer_uid(left) == os.getuid() and verify_client.same_user(left)
    if os.getuid() != 0:
        pytest.skip("needs root to connect as another user")
    env, proc = server
    sock = socket_of(env)
    modes = {p: p.stat().st_mode & 0o777 for p in (runtime, sock.parent, sock)}
    request = verify_wire.request(verify_client.INSTALLATION, ["verify", str(files["signed"])], {})
    try:  # let the kernel's own check be the only one standing: the folder and socket opened up
        for p in modes:
            p.chmod(0o777 if p == sock else 0o711)
        heard = as_another_user(str(sock), request)
    finally:
        for p, mode in modes.items():
            p.chmod(mode)
    assert heard in (b"connected; answer: b''", b"connected; closed"), heard  # closed unread, unanswered
    answered = nghisu(env, files["signed"], "--trust", files["root"])
    assert answered.returncode == 0 and "answered by the verification server" in answered.stderr
    assert proc.poll() is None


def test_a_client_that_goes_away_mid_request_leaves_the_server_healthy(files, server):
    env, proc = server
    sock = str(socket_of(env))
    request = verify_wire.request(verify_client.INSTALLATION, ["verify", str(files["signed"])], dict(os.environ))
    with socket.socket(socket.AF_UNIX) as s:  # half a request with its folder, then gone
        s.connect(sock)
        s.sendmsg([request[: len(request) // 2]], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0]))])
    command = subprocess.Popen([sys.executable, "-m", "ui.cli", "verify", str(files["big"])], env=env,
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)  # the server's child is checking the file
    command.kill()
    command.wait()
    answered = nghisu(env, files["two"], "--trust", files["root"])
    assert answered.returncode == 0 and "answered by the verification server" in answered.stderr, answered.stderr
    assert proc.poll() is None


def test_an_idle_server_stops_by_itself_and_removes_its_socket(files, runtime):
    env = environment(runtime, NGHISU_VERIFY_SERVER_IDLE_S="1.5")
    proc = subprocess.Popen([sys.executable, "-m", "ui.verify_server"], env=env, cwd="/")
    try:
        server_pid(socket_of(env))
        assert "answered by the verification server" in nghisu(env, files["signed"]).stderr
        assert proc.wait(timeout=30) == 0
        assert not socket_of(env).exists()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_socket_left_by_a_killed_server_is_replaced(files, server):
    env, proc = server
    proc.kill()
    proc.wait()
    assert socket_of(env).exists()  # nobody listens there
    fallback = nghisu(env, files["signed"], "--trust", files["root"])
    assert fallback.returncode == 0 and "ConnectionRefusedError" in fallback.stderr, fallback.stderr
    pid = server_pid(socket_of(env))
    try:
        served = nghisu(env, files["signed"], "--trust", files["root"])
        assert "answered by the verification server" in served.stderr and served.stdout == fallback.stdout
    finally:
        stop(pid)


def test_a_server_whose_code_changed_on_disk_answers_no_more(files, runtime, tmp_path):
    """An upgrade never answers with the old verifier: the server runs from a copy of our code
    here, the copy is changed, and the next command checks the file itself and starts a new one."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package)  # bytecode too, still valid (times kept)
    env = environment(runtime, tmp_path, NGHISU_VERIFY_SERVER_IDLE_S="60")
    first = nghisu(env, files["signed"], "--trust", files["root"], root=tmp_path)
    assert first.returncode == 0, first.stderr
    old = server_pid(socket_of(env))
    try:
        assert "answered by the verification server" in nghisu(env, files["signed"], root=tmp_path).stderr
        changed = tmp_path / "signing" / "verify" / "reasons.py"
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# a newer version\n", encoding="utf-8")
        after = nghisu(env, files["signed"], "--trust", files["root"], root=tmp_path)
        assert after.returncode == 0 and after.stdout == first.stdout
        # the old server either answered "stale" or, having looked at its files while idle, is gone
        assert "answered by the verification server" not in after.stderr, after.stderr
        assert "verifying in this process; starting one in the background afterwards" in after.stderr, after.stderr
        deadline = time.monotonic() + 30
        while alive(old) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(old)
        new = server_pid(socket_of(env))
        assert new != old
        stop(new)
    finally:
        stop(old)


def test_the_console_command_asks_the_server_before_importing_the_command_line(files, server):
    """`nghisu` (ui.launch), started as its console script starts it, hands a verify line to
    the server with nothing loaded beyond a bare `python` but our few modules, the socket's C
    core and zlib: no argparse, no ui.cli, no json; the answer is the one the full command line gets."""
    env, _proc = server
    full = nghisu(env, files["two"], "--trust", files["root"])
    assert "answered by the verification server" in full.stderr, full.stderr

    def imported(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
        run = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT, capture_output=True, text=True,
                             timeout=120, env=env)
        return run, {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines()
                     if line.startswith("import time:") and "[us]" not in line}

    thin, loaded = imported("-c", "import sys; from ui.launch import run; sys.exit(run())", "verify", str(files["two"]),
                            "--trust", str(files["root"]))
    assert thin.returncode == 0 and thin.stdout == full.stdout, thin.stderr
    loaded -= imported("-c", "pass")[1]
    assert "zlib" in loaded and loaded <= THIN_PATH, sorted(loaded - THIN_PATH)
    for argv in (["verify", "--no-server", str(files["tampered"])], ["--debug", "verify", str(files["tampered"])]):
        checked = subprocess.run([sys.executable, "-m", "ui.launch", *argv, "--trust", str(files["root"])],
                                 cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
        assert checked.returncode == 1 and "KHÔNG hợp lệ" in checked.stdout, checked.stderr


def test_without_a_server_the_console_command_checks_itself_and_starts_one(files, runtime):
    env = environment(runtime, NGHISU_VERIFY_SERVER_IDLE_S="60")
    first = subprocess.run([sys.executable, "-m", "ui.launch", "verify", str(files["signed"]), "--trust",
                            str(files["root"])], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert first.returncode == 0 and "hợp lệ" in first.stdout, first.stderr
    pid = server_pid(socket_of(env))  # started after the answer, once
    stop(pid)


def test_a_path_that_means_another_file_in_the_server_is_checked_by_the_command(files, server, tmp_path):
    """/dev/stdin (and a link to it) names the command's own input; in the server's child it
    would be another file. The server sends such a line back and the command checks it."""
    env, proc = server
    expected = nghisu(env, files["signed"], "--trust", files["root"])
    link = tmp_path / "qua-lien-ket.pdf"
    link.symlink_to("/dev/stdin")
    for path in ("/dev/stdin", str(link)):
        with open(files["signed"], "rb") as stdin:
            r = subprocess.run([sys.executable, "-m", "ui.cli", "--debug", "verify", path, "--trust", str(files["root"])],
                               cwd=ROOT, stdin=stdin, capture_output=True, text=True, timeout=120, env=env)
        assert r.returncode == 0, r.stderr
        assert "not a regular file the server reads as the command would" in r.stderr, r.stderr
        assert r.stdout.split(":", 1)[1] == expected.stdout.split(":", 1)[1]  # the same report, another name
    assert proc.poll() is None


def test_a_check_that_dies_without_answering_sends_its_command_to_check_the_file_itself(runtime):
    """The server keeps each command's connection while its child works; a child killed at a
    limit (or crashed) leaves the command told to check the file itself, not waiting."""
    from ui import verify_server  # noqa: PLC0415 -- the server's own code, in this process

    server = verify_server.Server(str(runtime), 60)
    for dies in (True, False):
        ours, commands = socket.socketpair()
        with ours, commands:
            pid = os.fork()
            if pid == 0:  # the server's child: killed as the memory cap's or the alarm's victim is, or done
                if dies:
                    os.kill(os.getpid(), signal.SIGKILL)
                os._exit(0)
            server.children[pid] = ours
            deadline = time.monotonic() + 30
            while server.children and time.monotonic() < deadline:
                server.reap()
                time.sleep(0.01)
            assert not server.children
            commands.settimeout(10)
            heard = commands.recv(1 << 16)
        if dies:
            body = verify_wire.receive(lambda _n: b"", 1 << 16, heard)  # the whole reply, then closed
            assert verify_wire.decode_reply(body) == verify_wire.Reply(
                verify_wire.UNAVAILABLE, why="the server's check ended with status -9")
            with pytest.raises(verify_client.Unavailable):
                verify_client._print_answer(body)
        else:
            assert heard == b""  # a child that answered: nothing more from the server


def test_the_servers_warm_up_file_takes_the_whole_check():
    """The file the server checks in itself before listening (ui.verify_server.warm_up): two
    signatures, the second judged by the difference analysis, so every part of a check is warm."""
    from signing.keys.trust_roots import TrustRoots  # noqa: PLC0415 -- the verifier, for this test only
    from signing.verify.service import verify_pdf  # noqa: PLC0415 -- the same

    folder = ROOT / "resources" / "verify"
    report = verify_pdf((folder / "warm-up.pdf").read_bytes(),
                        trust=TrustRoots().adding((folder / "warm-up-root.der").read_bytes()), one_shot=True)
    assert [s.field for s in report.signatures] == ["Signature1", "Signature2"]
    assert report.verdict != "cannot_verify", report.to_dict()
