"""The sandboxed worker process: frames both ways, the wall-clock kill, deaths and the memory cap,
spawned (``WorkerProcess``), forked (``run_forked``) and in a disposable process itself
(``run_in_this_process``) alike."""

from __future__ import annotations

import os
import signal
import time

import pytest

from sandbox.frames import decode_header, encode_frame
from sandbox.process import (
    WorkerDied,
    WorkerProcess,
    WorkerTimeout,
    WorkerUnavailable,
    can_fork,
    run_forked,
    run_in_this_process,
)
from tests.sandbox.echo_worker import handle

MODULE = "tests.sandbox.echo_worker"


@pytest.fixture
def worker():
    with WorkerProcess(MODULE, memory_mb=256) as w:
        yield w


def test_a_frame_is_a_length_a_json_header_and_the_payload():
    frame = encode_frame({"text": "Quyết định"}, b"\x00PDF")
    length = int.from_bytes(frame[:4], "big")
    assert decode_header(frame[4:4 + length]) == {"text": "Quyết định", "n": 4}
    assert frame[4 + length:] == b"\x00PDF"


def test_requests_and_answers_cross_whole_even_when_large_and_a_library_prints(worker):
    big = os.urandom(3 * 1024 * 1024)
    header, payload = worker.call({"op": "echo", "text": "Đồng ý"}, big, timeout_s=20)
    assert header == {"ok": True, "size": len(big), "text": "Đồng ý", "n": len(big)}
    assert payload == big[::-1]
    assert worker.call({"op": "print"}, b"", timeout_s=20)[0]["ok"]
    assert worker.call({"op": "echo"}, b"again", timeout_s=20)[1] == b"niaga"


def test_a_child_past_its_deadline_is_killed_and_the_next_call_gets_a_new_one(worker):
    worker.start()
    first = worker.pid
    started = time.monotonic()
    with pytest.raises(WorkerTimeout):
        worker.call({"op": "sleep", "seconds": 30}, b"", timeout_s=0.5)
    assert time.monotonic() - started < 5
    assert worker.pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)  # killed and reaped
    assert worker.call({"op": "echo"}, b"x", timeout_s=20)[0]["ok"]
    assert worker.pid not in (None, first)


def test_a_child_that_dies_mid_request_is_reported_with_its_exit_status(worker):
    with pytest.raises(WorkerDied) as died:
        worker.call({"op": "exit", "status": 7}, b"", timeout_s=20)
    assert died.value.exit_status == 7 and not died.value.out_of_memory


def test_a_failure_in_the_handler_is_an_answer_not_a_death(worker):
    header, _ = worker.call({"op": "nonsense"}, b"", timeout_s=20)
    assert header["ok"] is False and "unknown op" in header["error"]
    assert worker.call({"op": "echo"}, b"still here", timeout_s=20)[0]["ok"]


def test_the_memory_cap_turns_a_hoarding_request_into_an_out_of_memory_death(worker):
    with pytest.raises(WorkerDied) as died:
        worker.call({"op": "allocate", "mib": 1024}, b"", timeout_s=20)
    assert died.value.out_of_memory
    assert worker.call({"op": "allocate", "mib": 16}, b"", timeout_s=20)[0]["ok"]  # a fresh child


def test_a_module_that_cannot_start_is_unavailable_not_a_bad_file():
    with WorkerProcess("tests.sandbox.no_such_module", memory_mb=0) as w, pytest.raises(WorkerUnavailable):
        w.call({"op": "echo"}, b"", timeout_s=5)


@pytest.mark.skipif(not can_fork(), reason="no fork on this platform (see sandbox.process)")
def test_a_forked_child_answers_under_the_same_limits():
    header, payload = run_forked(handle, {"op": "echo"}, b"abc", memory_mb=512, timeout_s=20)
    assert header["ok"] and payload == b"cba"
    started = time.monotonic()
    with pytest.raises(WorkerTimeout):
        run_forked(handle, {"op": "sleep", "seconds": 30}, b"", memory_mb=512, timeout_s=0.5)
    assert time.monotonic() - started < 5
    with pytest.raises(WorkerDied) as died:
        run_forked(handle, {"op": "exit", "status": 9}, b"", memory_mb=512, timeout_s=20)
    assert died.value.exit_status == 9
    with pytest.raises(WorkerDied) as died:  # the cap is on the whole process: far above what it holds
        run_forked(handle, {"op": "allocate", "mib": 8192}, b"", memory_mb=2048, timeout_s=20)
    assert died.value.out_of_memory


def _in_a_child(request: dict, memory_mb: int, timeout_s: float) -> tuple[int, str]:
    """(exit code, what happened) of ``run_in_this_process`` run in a throw-away child: it sets
    the memory cap and the alarm on its own process, which must not be pytest's."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # never returns into pytest
        os.close(read_end)
        try:
            header, payload = run_in_this_process(handle, request, b"abc", memory_mb=memory_mb, timeout_s=timeout_s)
            said = f"answer {header['ok']} {payload!r}"
        except WorkerDied as exc:
            said = f"died out_of_memory={exc.out_of_memory}"
        os.write(write_end, said.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as heard:
        said = heard.read().decode()
    _, raw = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(raw), said


@pytest.mark.skipif(not can_fork(), reason="no fork on this platform (see sandbox.process)")
def test_a_disposable_process_answers_in_itself_under_the_same_limits():
    """The verification server's child checks in itself: the same answer as from a forked child,
    MemoryError at the cap turned into the same WorkerDied, and past the time limit the process
    ends (its parent, the server, answers for it)."""
    assert _in_a_child({"op": "echo"}, 512, 20) == (0, "answer True b'cba'")
    assert _in_a_child({"op": "allocate", "mib": 8192}, 2048, 20) == (0, "died out_of_memory=True")
    started = time.monotonic()
    code, said = _in_a_child({"op": "sleep", "seconds": 30}, 512, 1)
    assert code == -signal.SIGALRM and said == "" and time.monotonic() - started < 10
