"""Verification as a command: ``nghisu verify`` beside ``pdfsig`` and pyHanko's own CLI, one run.

Goals (issue 18): 2 signatures on 2,600 pages ≤ 3× pdfsig's time, measured side by side;
1 signature on 10 pages ≤ 0.35 s wall.

Builds a 10-page and a 2,600-page PDF with reportlab and signs each once and twice with
pyHanko (PAdES, SHA-256, ECDSA P-256, two signers), as ``bench_verify.py`` does. Then, for N
rounds, runs each command once per file in turn (interleaved, so a busy moment hits all three
alike) and reports the median wall time and the median of the per-round ratios to pdfsig:

  nghisu   ``nghisu verify FILE --trust ca.pem`` (fail-closed, difference analysis on), answered by
           the verification server (ui.verify_server) that the warm-up round started, as a
           clerk's second and later files are; its CPU time counts the server's share too
  cold     the same with ``--no-server``: a fresh process that checks the file itself (the first
           file of a session, or the server switched off)
  pyhanko  ``pyhanko sign validate --trust ca.pem --trust-replace FILE`` (pyhanko-cli; install
           it with ``pip install -e '.[bench]'``), difference analysis on
  pdfsig   poppler-utils (no difference analysis at all)

Every command's verdict is checked (exit 0 / "valid"), so a fast wrong answer cannot count.
Beside wall time, each command's CPU time (user + system, its children included) is taken:
on a machine shared with other work, wall time measures the queue for a core as much as the
command. Our packages are byte-compiled first, as installing them does (a checkout run with
PYTHONDONTWRITEBYTECODE would otherwise compile them from source on every start), and the
commands run without PYTHONDONTWRITEBYTECODE, so that the first (unmeasured) run writes the
dataclass method cache beside the bytecode as it does on a person's computer
(signing.pyhanko_patches.dataclass_code); the output says whether it is there.

    python benchmarks/bench_verify_cli.py [--rounds 11] [--pyhanko PATH]
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import resource
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import cpu_model

ROOT = Path(__file__).resolve().parents[1]


def build(folder: Path) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT))
    from tests.signing import attack_pdfs as A

    ca = A.make_ca()
    alice, bob = A.make_person(ca, "Nguyễn Văn An"), A.make_person(ca, "Trần Thị Bình")
    (folder / "ca.pem").write_bytes(ca.cert_pem)
    files = {}
    for pages in (10, 2600):
        blank = A.add_signature_fields(A.make_pdf(pages), ["Signature1", "Signature2"])
        one = A.sign(blank, alice, "Signature1")
        files[f"{pages:,} pages, 1 signature"] = one
        files[f"{pages:,} pages, 2 signatures"] = A.sign(one, bob, "Signature2")
    out = {}
    for i, (name, data) in enumerate(files.items()):
        out[name] = folder / f"doc{i}.pdf"
        out[name].write_bytes(data)
    return out


def console_script(folder: Path) -> Path:
    """``nghisu`` as pip writes it from this checkout's pyproject.toml ([project.scripts]): the
    command a person runs, measured even when the virtual environment's own script predates
    a change of entry point (as after ``git pull`` without reinstalling)."""
    import tomllib

    target = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["nghisu"]
    module, function = target.split(":")
    script = folder / "nghisu"
    # pip's template (distlib's ScriptMaker), word for word: its `import re` (with enum, about
    # 5 ms) is part of every installed command's start.
    script.write_text(f"#!{sys.executable}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
                      f"from {module} import {function}\nif __name__ == '__main__':\n"
                      f"    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                      f"    sys.exit({function}())\n")
    script.chmod(0o755)
    return script


def commands(folder: Path, pyhanko_cmd: str | None = None) -> dict[str, list[str]]:
    bindir = Path(sys.executable).parent
    nghisu = str(console_script(folder))
    found = {"nghisu": [nghisu, "verify", "--trust", str(folder / "ca.pem")],
             "cold": [nghisu, "verify", "--no-server", "--trust", str(folder / "ca.pem")]}
    # pyhanko-cli may live in a virtual environment of its own (--pyhanko), apart from ours.
    pyhanko = Path(pyhanko_cmd) if pyhanko_cmd else bindir / "pyhanko"
    if not pyhanko.exists() and shutil.which("pyhanko"):
        pyhanko = Path(str(shutil.which("pyhanko")))
    if pyhanko.exists():
        found["pyhanko"] = [str(pyhanko), "sign", "validate", "--trust", str(folder / "ca.pem"), "--trust-replace"]
    if shutil.which("pdfsig"):
        found["pdfsig"] = ["pdfsig"]
    return found


PACKAGES = ("sandbox", "store", "documents", "signing", "register", "meetings", "mail", "demo", "ui")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_pid(env: dict[str, str]) -> int | None:
    """The verification server's pid (SO_PEERCRED of its socket), None if none listens."""
    sys.path.insert(0, str(ROOT))
    from ui import verify_client

    path = os.path.join(env["XDG_RUNTIME_DIR"], "nghisu", f"verify-{verify_client.installation_id()}.sock")
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(path)
            return struct.unpack("3i", s.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[0]
    except OSError:
        return None


def _process_cpu(pid: int | None) -> float:
    """CPU seconds of a process and its reaped children (/proc/PID/stat: utime stime cutime cstime)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def run_once(cmd: list[str], path: Path, env: dict[str, str], server: int | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; with ``server``, its CPU for the run is counted."""
    cpu = _children_cpu() + _process_cpu(server)
    t = time.perf_counter()
    r = subprocess.run([*cmd, str(path)], capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t
    if server is not None:
        time.sleep(0.15)  # the server reaps its child within 0.05 s: then its CPU is in cutime
    cpu = _children_cpu() + _process_cpu(server) - cpu
    ok = r.returncode == 0 and ("TRUSTED,UNTOUCHED" in r.stdout if "pyhanko" in cmd[0] else
                                "Signature is Valid" in r.stdout if cmd[0] == "pdfsig" else "hợp lệ" in r.stdout)
    if not ok:
        raise SystemExit(f"{cmd[0]} did not say valid for {path.name} (exit {r.returncode}):\n{r.stdout}{r.stderr}")
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=11)
    ap.add_argument("--pyhanko", metavar="PATH", help="pyHanko's command (pyhanko-cli), if not beside our Python")
    args = ap.parse_args()
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=2)
    with tempfile.TemporaryDirectory(prefix="nghisu-bench-verify-cli-") as tmp:
        folder = Path(tmp)
        files = build(folder)
        cmds = commands(folder, args.pyhanko)
        # No store of the person running this: the command sees only --trust.
        env = {k: v for k, v in os.environ.items() if k not in ("NGHISU_HOME", "NGHISU_DATABASE_URL")}
        env["XDG_DATA_HOME"] = str(folder / "no-store")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("NGHISU_VERIFY_SERVER", None)
        env["XDG_RUNTIME_DIR"] = str(folder / "run")  # a server of this run's own, stopped at the end
        env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        (folder / "run").mkdir(mode=0o700)
        print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}; "
              f"load average at start {os.getloadavg()[0]:.2f}")
        for path in files.values():  # warm the page cache and check every verdict once
            for cmd in cmds.values():
                run_once(cmd, path, env)
        deadline = time.monotonic() + 60
        while (server := server_pid(env)) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        if server is None:
            raise SystemExit("the verification server did not start")
        for path in files.values():  # its first answers
            run_once(cmds["nghisu"], path, env, server)
        from signing.pyhanko_patches.dataclass_code import cache_file

        print(f"dataclass method cache: {'present' if cache_file().is_file() else 'MISSING'} ({cache_file()})")
        walls: dict[tuple[str, str], list[float]] = {}
        cpus: dict[tuple[str, str], list[float]] = {}
        loads = []
        for _ in range(args.rounds):
            loads.append(os.getloadavg()[0])
            for name, path in files.items():
                for tool, cmd in cmds.items():
                    wall, cpu = run_once(cmd, path, env, server if tool == "nghisu" else None)
                    walls.setdefault((name, tool), []).append(wall)
                    cpus.setdefault((name, tool), []).append(cpu)
        if server_pid(env) != server:
            raise SystemExit("the verification server changed during the rounds")
        os.kill(server, signal.SIGTERM)
        print(f"{args.rounds} interleaved rounds; load average {min(loads):.2f}-{max(loads):.2f}; "
              "nghisu = the command answered by a warm verification server (CPU: command + server), "
              "cold = --no-server")
        tools = list(cmds)
        for title, times in (("wall seconds, median", walls), ("CPU seconds (user + system), median", cpus)):
            print(f"\n{title}")
            print(f"{'document':26}" + "".join(f"{t:>10}" for t in tools)
                  + "".join(f"{t + '/pdfsig':>16}" for t in tools if t != "pdfsig"))
            for name in files:
                cells = "".join(f"{statistics.median(times[name, t]):10.3f}" for t in tools)
                ratios = ""
                if "pdfsig" in cmds:
                    for t in tools:
                        if t != "pdfsig":
                            per_round = [a / max(b, 1e-3) for a, b in zip(times[name, t], times[name, "pdfsig"],
                                                                          strict=True)]
                            ratios += f"{statistics.median(per_round):15.1f}x"
                print(f"{name:26}{cells}{ratios}")


if __name__ == "__main__":
    main()
