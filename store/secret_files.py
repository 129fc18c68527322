"""Files that hold secrets (private keys, passwords): readable by their owner alone.

A ``.p12`` written with ``Path.write_bytes`` gets the umask's mode, usually 0644: any account on
the machine could copy the key and try the password offline. These helpers create the file
with mode 0600 from the first byte (no window where it is readable by others) and its folder
0700. On Windows the modes mean little; the user profile's ACLs are what protect files there.
"""

from __future__ import annotations

import os
from pathlib import Path

SECRET_FILE_MODE = 0o600
SECRET_DIR_MODE = 0o700


def secret_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) and make it the owner's alone."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, SECRET_DIR_MODE)
    return path


def write_secret(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` with mode 0600; without ``overwrite`` an existing file is an error
    (``FileExistsError``), never replaced."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, SECRET_FILE_MODE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, SECRET_FILE_MODE)  # an overwritten file keeps its old mode otherwise
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
    finally:
        if fd != -1:
            os.close(fd)
