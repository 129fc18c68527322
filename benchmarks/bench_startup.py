"""Cold start of the desktop app: from spawning `nghisu` to the main window being exposed.

Each run is a new process (`python -m ui.cli --store DIR`) with ``NGHISU_STARTUP_PROBE=1``: the
app prints ``NGHISU_WINDOW_SHOWN <unix time>`` when its window is first exposed, then quits.
The store is a copy of the demo (made once); the window opens it in the background, after being
shown, so the figure is what a person waits before seeing the window. Settings go to a
temporary folder. Runs offscreen by default; ``--xvfb`` uses a virtual X server instead.

    python benchmarks/bench_startup.py [--runs 7] [--xvfb] [--bundle dist/nghisu/nghisu]

``--bundle`` starts the one-folder bundle's executable (tools/build-bundle) instead of the venv's
Python, and prints the bundle's size on disk beside the time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_demo(home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGHISU_")}
    subprocess.run([sys.executable, "-m", "ui.cli", "--store", str(home), "demo"], cwd=ROOT, env=env, check=True,
                   capture_output=True)


def one_run(home: Path, settings: Path, xvfb: bool, bundle: Path | None = None) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NGHISU_")}
    env.update(NGHISU_STARTUP_PROBE="1", NGHISU_SETTINGS_DIR=str(settings))
    cmd = [str(bundle), "--store", str(home)] if bundle else [sys.executable, "-m", "ui.cli", "--store", str(home)]
    if xvfb:
        env.pop("QT_QPA_PLATFORM", None)
        env["QT_QPA_PLATFORM"] = "xcb"
        cmd = ["xvfb-run", "-a", *cmd]
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    start = time.time()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    for line in proc.stdout.splitlines():
        if line.startswith("NGHISU_WINDOW_SHOWN "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no window reported (exit {proc.returncode}): {proc.stderr[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--xvfb", action="store_true", help="use xvfb-run (xcb) instead of the offscreen platform")
    parser.add_argument("--bundle", type=Path, help="the bundle's executable (dist/nghisu/nghisu) instead of the venv")
    args = parser.parse_args()
    bundle = args.bundle.resolve() if args.bundle else None
    work = Path(tempfile.mkdtemp(prefix="nghisu-bench-start-"))
    try:
        make_demo(work / "store")
        times = [one_run(work / "store", work / "settings", args.xvfb, bundle) for _ in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, load {load:.1f}, "
          f"platform {'xcb (xvfb)' if args.xvfb else 'offscreen'}")
    print(f"window shown after process start: median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s over {len(times)} runs")
    print("runs: " + ", ".join(f"{t:.2f}" for t in times))
    if bundle:
        size = sum(p.lstat().st_size for p in bundle.parent.rglob("*") if p.is_file() and not p.is_symlink())
        print(f"bundle: {bundle.parent} — {size / 2**20:.0f} MiB on disk")
    return 0


if __name__ == "__main__":
    sys.exit(main())
