"""Where the signing key is (a .p12 file or a USB token) and the calls that open it and sign on
the worker thread. No Qt here: the forms in sign_dialog.py only build a ``KeySource``; the
password or PIN lives in it for the one signature and is never printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from store.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable

    from signing.keys.signing_keys import SigningKey
    from signing.workflow_records import SignOutcome
    from store.engine import Store
    from ui.tasks import TaskContext


@dataclass(frozen=True)
class KeySource:
    """Where the signing key is: a .p12 file, or a key on a token. Secrets are never printed."""

    kind: str  # "pkcs12" | "token"
    path: str = ""
    password: str = field(default="", repr=False)
    library: str = ""
    token_label: str = ""
    key_label: str = ""
    pin: str = field(default="", repr=False)


def open_key(source: KeySource) -> SigningKey:
    """Load the key (worker thread); a missing file, wrong password or PIN get plain messages."""
    from signing.keys.signing_keys import load_pkcs12, open_token  # noqa: PLC0415 -- deferred for start-up: brings in cryptography

    if source.kind == "token":
        return open_token(source.library, source.token_label, source.pin, source.key_label)
    path = Path(source.path).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Không đọc được tệp chứng thư số “{path}”; hãy chọn lại tệp .p12.",
                           f"The certificate file “{path}” cannot be read; choose the .p12 file again.") from exc
    return load_pkcs12(data, source.password.encode("utf-8"))


T = TypeVar("T")


def with_key(source: KeySource, task: TaskContext | None, act: Callable[[SigningKey], T]) -> T:
    """Worker thread: open the key (0 of 2 done), ``act`` with it (1 of 2), close it whatever
    happens (a token is logged out)."""
    if task is not None:
        task.progress(0, 2)
    key = open_key(source)
    try:
        if task is not None:
            task.progress(1, 2)
        return act(key)
    finally:
        key.close()


def sign_with_key(store: Store, request_id: int, person_id: int, source: KeySource, expected_version: int | None,
                  task: TaskContext | None = None) -> SignOutcome:
    """Worker thread: open the key, sign the request's newest version, close the key (token logout)."""
    from signing.workflow import sign_request  # noqa: PLC0415 -- deferred for start-up: brings in cryptography, sqlalchemy

    return with_key(source, task, lambda key: sign_request(store, request_id, person_id, key,
                                                           expected_version=expected_version))
