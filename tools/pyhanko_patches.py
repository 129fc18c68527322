"""The fence around our pyHanko patches (signing/pyhanko_patches): upstream copies and verdicts.

  python tools/pyhanko_patches.py check      upstream-0.38.0/ and copied.patch match the
                                             installed pyHanko and our copies (exit 1 if not)
  python tools/pyhanko_patches.py write      rewrite them from the installed pyHanko
  python tools/pyhanko_patches.py verdicts   verify the attack and malformed-PDF corpora with
                                             the patches on and off (NGHISU_PYHANKO_PATCHES);
                                             exit 1 on any difference in any report

Upgrading pyHanko: install the new version, run ``write``, and read ``git diff`` of the upstream
folder (rename it for the new version): every change upstream made to a function we replace or
copy shows there, and copied.patch shows what our copies change in them. Then port the changes,
raise ``speedups.PYHANKO_VERSION`` and run ``check`` and ``verdicts``.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATCHES = ROOT / "signing" / "pyhanko_patches"
VERSION = "0.38.0"
UPSTREAM = PATCHES / f"upstream-{VERSION}"
SWITCH = "NGHISU_PYHANKO_PATCHES"

#: pyHanko functions our patches replace or mirror: (module, qualified name, the patch that does).
REPLACED = [
    ("pyhanko.pdf_utils.misc", "_read_until_class", "speedups._read_until_class"),
    ("pyhanko.pdf_utils.misc", "read_non_whitespace", "speedups._read_non_whitespace"),
    ("pyhanko.pdf_utils.generic", "_decode_name", "speedups._decode_name"),
    ("pyhanko.pdf_utils.xref", "parse_xref_table", "xref_table.parse_xref_table (with xref_table.table_pieces)"),
    ("pyhanko.pdf_utils.xref", "XRefSectionData.process_entries", "xref_table.process_entries"),
    ("pyhanko.pdf_utils.xref", "parse_xref_stream", "xref_stream.parse_xref_stream (with xref_stream.stream_pieces)"),
    ("pyhanko.pdf_utils.generic", "read_object", "speedups._read_object"),
    ("pyhanko.pdf_utils.generic", "ArrayObject.read_from_stream", "speedups._read_array"),
    ("pyhanko.pdf_utils.generic", "read_hex_string_from_stream", "speedups._read_hex_string"),
    ("pyhanko.pdf_utils.generic", "_maybe_read_stream_payload", "reference_scan._stream_framed (mirrors it)"),
    (
        "pyhanko.pdf_utils.reader",
        "HistoricalResolver._load_reverse_xref_cache",
        "pruned_usages._load_reverse_xref_cache",
    ),
    ("pyhanko.pdf_utils.reader", "HistoricalResolver._get_usages_of_ref", "pruned_usages._get_usages_of_ref"),
]
#: The module whose ``__init__`` lean_imports defers (kept whole).
DEFERRED_INIT = "pyhanko.sign"
#: Functions of ours that are copies of upstream ones with changes: (upstream, our file, our name).
COPIED = [
    ("pyhanko.pdf_utils.xref", "parse_xref_table", "xref_table.py", "table_pieces"),
    ("pyhanko.pdf_utils.xref", "parse_xref_stream", "xref_stream.py", "stream_pieces"),
    (
        "pyhanko.pdf_utils.reader",
        "HistoricalResolver._load_reverse_xref_cache",
        "pruned_usages.py",
        "_pruned_walk",
    ),
]
PATCH_FILE = UPSTREAM / "copied.patch"


def _source_file(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{module} is not installed")
    return Path(spec.origin)


def function_source(path: Path, qualname: str) -> str:
    """The text of a function (``Class.method`` too) exactly as the file has it, dedented."""
    text = path.read_text(encoding="utf-8")
    scope: list[ast.stmt] = ast.parse(text).body
    node: ast.AST | None = None
    for part in qualname.split("."):
        node = next(
            (n for n in scope if isinstance(n, ast.FunctionDef | ast.ClassDef) and n.name == part), None
        )
        if node is None:
            raise SystemExit(f"{qualname} not found in {path}")
        scope = node.body  # type: ignore[attr-defined]
    assert isinstance(node, ast.FunctionDef)
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    lines = text.splitlines(keepends=True)[first - 1 : node.end_lineno]
    return textwrap.dedent("".join(lines))


def _upstream_name(module: str, qualname: str) -> str:
    return f"{module.removeprefix('pyhanko.')}.{qualname}.py.txt"


def expected_files() -> dict[str, str]:
    """File name in the upstream folder -> the text it must hold, from the installed pyHanko."""
    installed = _installed_version()
    if installed != VERSION:
        raise SystemExit(f"pyHanko {installed} is installed, this folder is for {VERSION}")
    out = {}
    for module, qualname, by in REPLACED:
        header = f"# pyHanko {VERSION}, {module}, verbatim (MIT licence). Replaced by signing.pyhanko_patches.{by}.\n"
        out[_upstream_name(module, qualname)] = header + function_source(_source_file(module), qualname)
    init = _source_file(DEFERRED_INIT)
    out[_upstream_name(DEFERRED_INIT, "__init__")] = (
        f"# pyHanko {VERSION}, {DEFERRED_INIT}/__init__.py, verbatim (MIT licence). "
        "Run on first use by signing.pyhanko_patches.lean_imports.\n" + init.read_text(encoding="utf-8")
    )
    out[PATCH_FILE.name] = copied_patch()
    return out


def copied_patch() -> str:
    """The unified diff from each upstream function to our changed copy of it."""
    chunks = []
    for module, qualname, ours, our_name in COPIED:
        upstream = function_source(_source_file(module), qualname).splitlines(keepends=True)
        copy = function_source(PATCHES / ours, our_name).splitlines(keepends=True)
        chunks.extend(
            difflib.unified_diff(
                upstream,
                copy,
                f"pyhanko-{VERSION}/{module}.{qualname}",
                f"signing/pyhanko_patches/{ours}:{our_name}",
            )
        )
    return "".join(chunks)


def _installed_version() -> str:
    from importlib.metadata import version

    return version("pyHanko")


def check() -> int:
    expected = expected_files()
    present = {p.name for p in UPSTREAM.glob("*")} if UPSTREAM.is_dir() else set()
    problems = [f"missing: {name}" for name in sorted(set(expected) - present)]
    problems += [f"not made by this tool: {name}" for name in sorted(present - set(expected))]
    for name, text in expected.items():
        if name in present and (UPSTREAM / name).read_text(encoding="utf-8") != text:
            problems.append(f"differs: {name}")
    for line in problems:
        print(f"{UPSTREAM.relative_to(ROOT)}/ {line}", file=sys.stderr)
    if problems:
        print("run `python tools/pyhanko_patches.py write` and review the diff", file=sys.stderr)
    return 1 if problems else 0


def write() -> int:
    UPSTREAM.mkdir(exist_ok=True)
    for name, text in expected_files().items():
        (UPSTREAM / name).write_text(text, encoding="utf-8")
    print(f"wrote {UPSTREAM.relative_to(ROOT)}/")
    return 0


def _corpus_files() -> list[Path]:
    """The PDFs of the attack and the malformed-PDF corpora (both must be there)."""
    files: list[Path] = []
    for variable in ("NGHISU_ATTACK_CORPUS", "NGHISU_MALFORMED_CORPUS"):
        folder = os.environ.get(variable)
        if not folder or not Path(folder).is_dir():
            raise SystemExit(f"{variable} must name the corpus folder")
        found = sorted(Path(folder).rglob("*.pdf"))
        if not found:
            raise SystemExit(f"no PDF in {folder}")
        files += found
    return files


def dump_reports() -> int:
    """(Child process.) Every corpus file's full verification report, as JSON on stdout."""
    from signing.keys.trust_roots import TrustRoots
    from signing.verify.report import VerifyLimits
    from signing.verify.service import verify_pdf

    files = _corpus_files()

    def one(path: Path) -> tuple[str, dict]:
        report = verify_pdf(
            path.read_bytes(),
            trust=TrustRoots(),
            trust_embedded_certificates=True,
            limits=VerifyLimits(timeout_s=120),
        )
        return str(path), report.to_dict()

    with ThreadPoolExecutor(max_workers=2) as pool:
        json.dump(dict(pool.map(one, files)), sys.stdout, ensure_ascii=False)
    return 0


def _reports(switch: str) -> dict[str, dict]:
    # A fixed hash seed (inherited by the verification worker): pyHanko's messages print sets
    # of names, whose order otherwise changes from one process to the next.
    env = {**os.environ, SWITCH: switch, "PYTHONHASHSEED": "0"}
    out = subprocess.run(
        [sys.executable, __file__, "_dump"], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"verifying with {SWITCH}={switch} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout)


def verdicts() -> int:
    on, off = _reports("on"), _reports("off")
    differ = sorted(name for name in on.keys() | off.keys() if on.get(name) != off.get(name))
    for name in differ:
        print(f"differs: {name}", file=sys.stderr)
        print(f"  on:  {json.dumps(on.get(name), ensure_ascii=False)[:1500]}", file=sys.stderr)
        print(f"  off: {json.dumps(off.get(name), ensure_ascii=False)[:1500]}", file=sys.stderr)
    tally: dict[str, int] = {}
    for report in on.values():
        tally[report["verdict"]] = tally.get(report["verdict"], 0) + 1
    print(
        f"pyHanko patches on and off: {len(on) - len(differ)} of {len(on)} reports identical "
        f"({', '.join(f'{k} {v}' for k, v in sorted(tally.items()))})"
    )
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["check", "write", "verdicts", "_dump"])
    command = parser.parse_args().command
    return {"check": check, "write": write, "verdicts": verdicts, "_dump": dump_reports}[command]()


if __name__ == "__main__":
    sys.exit(main())
