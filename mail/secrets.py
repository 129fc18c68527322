"""The mail password on this desktop: in the system keyring when the person agrees, otherwise in
a file readable by them alone (0600, ``store.secret_files``). Never in the store, never logged,
never on a command line (it is read from the terminal or from standard input)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from mail.account import MailAccount
from mail.errors import MailError, MailNotConfigured
from store.codes import Labelled
from store.secret_files import secret_folder, write_secret

KEYRING_SERVICE = "nghisu-mail"


class PasswordPlace(Labelled):
    KEYRING = "keyring", "kho khoá của hệ điều hành"
    FILE = "file", "tệp riêng (chỉ chủ tài khoản máy đọc được)"


@dataclass(frozen=True)
class SavedPassword:
    place: PasswordPlace
    where: str


def secrets_folder() -> Path:
    """``$NGHISU_MAIL_SECRETS_DIR`` (tests point it at a temporary folder), else the user's
    configuration folder."""
    configured = os.environ.get("NGHISU_MAIL_SECRETS_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_config_path  # noqa: PLC0415 -- heavy library deferred for start-up: platformdirs

    return user_config_path("nghisu", appauthor=False) / "mail"


def _file(account: MailAccount, folder: Path | None) -> Path:
    digest = hashlib.sha256(account.secret_key.encode()).hexdigest()[:32]
    return (folder or secrets_folder()) / f"{digest}.password"


def _keyring_error(exc: Exception) -> MailError:
    return MailError(
        f"Không dùng được kho khoá của hệ điều hành ({type(exc).__name__}); hãy lưu mật khẩu vào tệp riêng "
        "(bỏ --keyring).",
        f"The system keyring cannot be used ({type(exc).__name__}); keep the password in a private file "
        "(leave out --keyring).")


def save_password(account: MailAccount, password: str, *, use_keyring: bool, folder: Path | None = None) -> SavedPassword:
    if not password:
        raise MailError("Mật khẩu trống.", "The password is empty.")
    path = _file(account, folder)
    if use_keyring:
        import keyring  # noqa: PLC0415 -- heavy library deferred for start-up: keyring (and its backends)

        try:
            keyring.set_password(KEYRING_SERVICE, account.secret_key, password)
        except Exception as exc:  # any backend failure (none installed, locked, refused)
            raise _keyring_error(exc) from None
        path.unlink(missing_ok=True)  # one place only: a stale file would win over the keyring
        return SavedPassword(PasswordPlace.KEYRING, KEYRING_SERVICE)
    secret_folder(path.parent)
    write_secret(path, password.encode("utf-8"), overwrite=True)
    return SavedPassword(PasswordPlace.FILE, str(path))


def load_password(account: MailAccount, folder: Path | None = None) -> str:
    path = _file(account, folder)
    if path.exists():
        return path.read_bytes().decode("utf-8")
    try:
        import keyring  # noqa: PLC0415 -- heavy library deferred for start-up: keyring (and its backends)

        found = keyring.get_password(KEYRING_SERVICE, account.secret_key)
    except Exception:  # no usable keyring: the password simply is not there
        found = None
    if found:
        return found
    raise MailNotConfigured(
        f"Máy này chưa có mật khẩu thư của {account.login}; hãy nhập bằng `nghisu mail password --unit …` "
        "hoặc trong Cài đặt → Thư công vụ.",
        f"This desktop has no mail password for {account.login}; enter it with `nghisu mail password --unit …` "
        "or in Settings → Official e-mail.")
