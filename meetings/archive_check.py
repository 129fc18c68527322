"""`nghisu archive --check`: is this ZIP exactly the package Nghị Sự made, years later?

A package can come back from anywhere (a USB stick, an e-mail), so it is read as hostile: every
entry is hashed as a stream and never read past the size its manifest gives (a zip bomb costs
at most that), and whatever a genuine package never holds is a problem named in the verdict:
two entries of one name (a reader would see one, the check the other), two manifests, names
that climb out of a folder (``../x``) or start at the root (``/etc/x``, ``C:\\x``), a manifest
that lists no file or is not UTF-8 JSON of the expected shape (or nests too deep), an entry
compressed with a method packages do not use (only stored and deflate) or encrypted.

Verdicts: intact (exit 0); not intact, with every problem named (exit 1); not a readable ZIP file
at all (``InvalidInput``, exit 2).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from documents.errors import DocumentRejected
from documents.files import check_input_file
from store.errors import InvalidInput

MANIFEST = "manifest.json"
#: The manifest of a real package is a few kilobytes.
MANIFEST_LIMIT = 4 * 1024 * 1024
#: A package file may be as large as this (the meeting book dominates).
ARCHIVE_LIMIT = 64 * 1024**3
#: JSON nested deeper than this is not a manifest (a real one is three levels deep).
MAX_JSON_DEPTH = 16
#: Above BOMB_FLOOR bytes, an entry may not expand more than BOMB_RATIO times (deflate tops out
#: near 1032:1; a real package's PDF and CSV files are far below).
BOMB_FLOOR = 64 * 1024 * 1024
BOMB_RATIO = 1100
_CHUNK = 1024 * 1024
#: What build_archive writes. Python's zipfile decompresses bzip2 and LZMA without an output bound
#: (4 KiB of bzip2 can become hundreds of MB in one call), so those are refused, not read.
_KNOWN_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ArchiveCheck:
    ok: bool
    checked: int
    problems: tuple[str, ...]

    def describe(self) -> str:
        if self.ok:
            return f"Gói lưu trữ toàn vẹn ({self.checked} tệp) — archive intact ({self.checked} files)"
        return "\n".join(self.problems)


def _bad_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or bool(_DRIVE.match(name)) or ".." in parts or "\x00" in name


def _depth(value: object, limit: int) -> int:
    """How deep ``value`` nests, counting no further than ``limit`` + 1 (no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _manifest_files(raw: bytes) -> tuple[dict[str, dict[str, Any]] | None, str | None]:
    """The manifest's ``files`` table, or why it is not a manifest."""
    if len(raw) > MANIFEST_LIMIT:
        return None, "manifest.json quá lớn — manifest.json is too large"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "manifest.json không phải văn bản UTF-8 — manifest.json is not UTF-8 text"
    try:
        manifest = json.loads(text)
    except RecursionError:
        return None, "manifest.json lồng quá sâu — manifest.json nests too deep"
    except ValueError:
        return None, "manifest.json không phải JSON hợp lệ — manifest.json is not valid JSON"
    if _depth(manifest, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        return None, "manifest.json lồng quá sâu — manifest.json nests too deep"
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(
        isinstance(e, dict) and isinstance(e.get("sha256"), str) and isinstance(e.get("size"), int)
        and not isinstance(e.get("size"), bool) and e["size"] >= 0 for e in files.values()
    ):
        return None, "manifest.json không đúng cấu trúc — manifest.json does not have the expected shape"
    if not files:
        return None, "manifest.json không liệt kê tệp nào — manifest.json lists no files"
    return files, None


def _hash_entry(z: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> str | None:
    """The entry's SHA-256 if it decompresses to exactly ``size`` bytes; None if it is longer or shorter.

    Never reads more than ``size`` + 1 bytes, whatever the entry claims, so a bomb costs nothing.
    """
    digest, total = hashlib.sha256(), 0
    with z.open(info) as fh:
        while total <= size:
            chunk = fh.read(min(_CHUNK, size + 1 - total))
            if not chunk:
                break
            digest.update(chunk)
            total += len(chunk)
    return digest.hexdigest() if total == size else None


def _entry_problem(z: zipfile.ZipFile, info: zipfile.ZipInfo, entry: dict[str, Any]) -> str | None:
    name = info.filename
    size = entry["size"]
    if size > BOMB_FLOOR and size > BOMB_RATIO * max(info.compress_size, 1):
        return (f"Tệp {name} nén bất thường ({size} byte từ {info.compress_size}; bom nén) — "
                f"{name} is compressed beyond reason ({size} bytes from {info.compress_size}: a zip bomb)")
    if info.flag_bits & 0x1:
        return f"Tệp {name} bị mã hóa — {name} is encrypted"
    if info.compress_type not in _KNOWN_METHODS:
        return (f"Tệp {name} dùng cách nén mà gói lưu trữ không dùng ({info.compress_type}) — "
                f"{name} uses a compression method packages do not use ({info.compress_type})")
    try:
        sha = _hash_entry(z, info, entry["size"])
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError,
            LookupError, MemoryError):  # CRC mismatch, broken deflate data...: bytes changed in place
        sha = None
    if sha is None or sha != entry["sha256"]:
        return f"Tệp {name} đã bị thay đổi — {name} was altered"
    return None


def check_archive(path: str | Path) -> ArchiveCheck:
    """Recompute every hash in the manifest; name what was altered, is missing, was added or is suspect."""
    path = Path(path)
    try:
        check_input_file(path, ARCHIVE_LIMIT)
    except DocumentRejected as exc:
        raise InvalidInput(f"Gói lưu trữ {path}: {exc.vi}", f"The archive {path}: {exc.en}") from exc
    try:
        with zipfile.ZipFile(path) as z:
            return _check(z)
    except (OSError, zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise InvalidInput(f"Không đọc được gói lưu trữ {path}: đây không phải tệp ZIP đọc được ({exc}).",
                           f"Cannot read the archive {path}: it is not a readable ZIP file ({exc}).") from exc


def _check(z: zipfile.ZipFile) -> ArchiveCheck:
    infos = z.infolist()
    problems: list[str] = []
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if name in by_name:
            problems.append(f"Có hai tệp cùng tên {name} — two entries are named {name}")
            continue
        by_name[name] = info
        if _bad_name(name):
            problems.append(f"Tên tệp {name!r} trỏ ra ngoài gói — the entry name {name!r} points outside the package")
    if MANIFEST not in by_name:
        return ArchiveCheck(False, 0, (*problems, f"Thiếu {MANIFEST} — {MANIFEST} is missing"))
    manifest_info = by_name[MANIFEST]
    raw = b""
    listed: dict[str, dict[str, Any]] | None
    why: str | None
    if manifest_info.flag_bits & 0x1 or manifest_info.compress_type not in _KNOWN_METHODS:
        listed, why = None, "manifest.json bị mã hóa hoặc nén không rõ — manifest.json is encrypted or oddly compressed"
    else:
        try:
            with z.open(manifest_info) as fh:
                raw = fh.read(MANIFEST_LIMIT + 1)
            listed, why = _manifest_files(raw)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError):
            listed, why = None, f"Tệp {MANIFEST} đã bị thay đổi — {MANIFEST} was altered"
    if listed is None:
        return ArchiveCheck(False, 0, (*problems, why or ""))
    for name, entry in sorted(listed.items()):
        listed_info = by_name.get(name)
        if listed_info is None:
            problems.append(f"Thiếu tệp {name} — {name} is missing")
            continue
        problem = _entry_problem(z, listed_info, entry)
        if problem:
            problems.append(problem)
    for name in sorted(set(by_name) - set(listed) - {MANIFEST}):
        problems.append(f"Tệp {name} không có trong manifest — {name} is not in the manifest")
    return ArchiveCheck(not problems, len(listed), tuple(problems))
