"""Who may do what: clearances, organiser and site roles per unit, and people's own logins.

Backend-neutral (both modes):
- **Clearance** per person: ``thuong`` (default), ``mat`` or ``toi_mat``. Nobody receives a
  classified paper's key, or sees its row in the shared store, above their clearance.
- **Unit roles**: ``organiser`` (văn phòng: prepares the unit's meetings) and ``site_clerk``
  (runs a connected site of meetings the unit joins).

Shared mode only (PostgreSQL): every person connects as **their own login role**, a member
of ``nghisu_desktop``; ``nghisu_admin`` members manage units, people and roles. Logins are
made and switched off through the schema owner's ``SECURITY DEFINER`` functions (migration
0005), so an administrator needs no CREATEROLE right and can make nothing but person logins.
Passwords never pass through the application in a form it keeps: the SCRAM-SHA-256
verifier is computed on this machine (libpq's ``PQencryptPasswordConn``) and only that is
sent, so the password is not even in the server's statement log. A person changes their own
password with ``change_my_password``. The desktop may keep it in the system keyring
(``keyring`` package) when the person agrees; that is the UI's business, not the core's.

In embedded mode (SQLite) there are no logins: whoever can open the folder is trusted, and
people pick who they are. Classified papers are still encrypted (``documents.classified.service``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, delete, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base
from store.codes import Classification
from store.directory import unit_not_found
from store.engine import open_store
from store.errors import InvalidInput, NghisuError, NotFound, PermissionDenied, StoreUnavailable
from store.location import StoreLocation
from store.models import Person, Unit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.clock import Clock
    from store.engine import Store
    from store.uow import UnitOfWork

#: A clearance is a classification (store.codes): the most secret papers a person may read.
CLEARANCES = tuple(Classification)
UNIT_ROLES = ("organiser", "site_clerk")
UNIT_ROLE_VI = {"organiser": "văn phòng tổ chức họp", "site_clerk": "cán bộ điểm cầu"}
ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]{2,62}$")
_VERIFIER = re.compile(r"^SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$")
MIN_PASSWORD = 10


class PersonLogin(Base):
    """A person's own PostgreSQL login role (shared mode): ``current_user`` → person."""

    __tablename__ = "person_logins"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    role_name: Mapped[str] = mapped_column(String(63), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    changed_at: Mapped[datetime]


class PersonClearance(Base):
    __tablename__ = "person_clearances"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    clearance: Mapped[str] = mapped_column(String(16), default=Classification.THUONG)
    set_at: Mapped[datetime]
    set_by_id: Mapped[int | None] = mapped_column(Integer)


class UnitRole(Base):
    __tablename__ = "unit_roles"
    __table_args__ = (UniqueConstraint("person_id", "unit_id", "role", name="uq_unit_roles_person_unit_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    granted_at: Mapped[datetime]
    granted_by_id: Mapped[int | None] = mapped_column(Integer)


@dataclass(frozen=True)
class LoginInfo:
    person_id: int
    role_name: str
    enabled: bool
    is_admin: bool


class LoginRefused(NghisuError):
    """Wrong login name or password (the same words for both: nothing is revealed)."""


class LoginDisabled(NghisuError):
    """The person's login was switched off by an administrator."""


def clearance_rank(clearance: str) -> int:
    return Classification(clearance).rank if clearance in CLEARANCES else 0


def _person(session: Session, person_id: int):
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Không có người số {person_id}.", f"There is no person {person_id}.")
    return person


def clearance_of(session: Session, person_id: int) -> str:
    row = session.get(PersonClearance, person_id)
    return row.clearance if row is not None else Classification.THUONG


def set_clearance(uow: UnitOfWork, person_id: int, clearance: str) -> str:
    if clearance not in CLEARANCES:
        raise InvalidInput(
            f"Mức mật '{clearance}' không hợp lệ; chọn: {Classification.choices_vi()}.",
            f"Clearance '{clearance}' is not valid; choose thuong, mat or toi_mat.",
        )
    person = _person(uow.session, person_id)
    row = uow.session.get(PersonClearance, person_id)
    if row is None:
        row = PersonClearance(person_id=person_id, unit_id=person.unit_id)
        uow.session.add(row)
    row.clearance, row.set_at, row.set_by_id = clearance, uow.now(), uow.actor_id
    uow.session.flush()
    uow.record("person.clearance", "person", person_id, {"clearance": clearance}, unit_id=person.unit_id)
    return clearance


def grant_unit_role(uow: UnitOfWork, person_id: int, unit_id: int, role: str) -> None:
    if role not in UNIT_ROLES:
        raise InvalidInput(f"Vai trò '{role}' không hợp lệ; chọn: organiser, site_clerk.",
                           f"Role '{role}' is not valid; choose organiser or site_clerk.")
    _person(uow.session, person_id)
    if uow.session.get(Unit, unit_id) is None:
        raise unit_not_found(unit_id)
    exists = uow.session.execute(select(UnitRole.id).where(
        UnitRole.person_id == person_id, UnitRole.unit_id == unit_id, UnitRole.role == role)).first()
    if exists is None:
        uow.session.add(UnitRole(person_id=person_id, unit_id=unit_id, role=role, granted_at=uow.now(),
                                 granted_by_id=uow.actor_id))
        uow.session.flush()
        uow.record("unit_role.grant", "person", person_id, {"unit_id": unit_id, "role": role}, unit_id=unit_id)


def revoke_unit_role(uow: UnitOfWork, person_id: int, unit_id: int, role: str) -> None:
    uow.session.execute(delete(UnitRole).where(
        UnitRole.person_id == person_id, UnitRole.unit_id == unit_id, UnitRole.role == role))
    uow.record("unit_role.revoke", "person", person_id, {"unit_id": unit_id, "role": role}, unit_id=unit_id)


def unit_roles_of(session: Session, person_id: int) -> list[tuple[int, str]]:
    return [tuple(r) for r in session.execute(select(UnitRole.unit_id, UnitRole.role)
                                              .where(UnitRole.person_id == person_id).order_by(UnitRole.id))]


# -- shared mode: logins ---------------------------------------------------------------------
def _require_postgres(uow: UnitOfWork) -> None:
    if uow.dialect != "postgresql":
        raise InvalidInput(
            "Kho nhúng (một máy) không có tài khoản đăng nhập: ai mở được thư mục kho thì dùng được kho.",
            "An embedded (one-machine) store has no logins: whoever can open its folder can use it.",
        )


def _pgconn(uow: UnitOfWork):
    return uow.session.connection().connection.driver_connection.pgconn


def scram_verifier(uow: UnitOfWork, role_name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of a password, computed here by libpq (never sent in clear)."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.",
                           f"The password needs at least {MIN_PASSWORD} characters.")
    verifier = _pgconn(uow).encrypt_password(password.encode("utf-8"), role_name.encode(), b"scram-sha-256").decode()
    if not _VERIFIER.match(verifier):  # it is put into a statement as a literal: be sure of its shape
        raise InvalidInput("Không tạo được mã xác thực mật khẩu.", "Could not make the password verifier.")
    return verifier


def default_role_name(uow: UnitOfWork, person_id: int) -> str:
    """``<schema>_p<id>``: unique per schema; roles are cluster-wide, so the schema names them."""

    schema = uow.session.execute(text("SELECT current_schema()")).scalar_one()
    return re.sub(r"[^a-z0-9_]", "_", f"{schema}_p{person_id}".lower())[:63]


def _refused_by_db(exc: Exception) -> PermissionDenied:
    return PermissionDenied(
        "Chỉ quản trị viên (nghisu_admin) mới quản lý được tài khoản đăng nhập.",
        "Only an administrator (nghisu_admin) can manage logins.",
    )


def create_login(uow: UnitOfWork, person_id: int, initial_password: str, *, role_name: str | None = None,
                 admin: bool = False) -> LoginInfo:
    """Make a person's login role with a first password the administrator hands over in person;
    the person then sets their own (``change_my_password``). The app keeps neither."""

    _require_postgres(uow)
    _person(uow.session, person_id)
    role_name = role_name or default_role_name(uow, person_id)
    if not ROLE_NAME.match(role_name):
        raise InvalidInput(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (3–63 ký tự, bắt đầu bằng chữ).",
            "A login name has lower-case letters, digits and underscores (3–63, starting with a letter).",
        )
    verifier = scram_verifier(uow, role_name, initial_password)
    try:
        with uow.session.begin_nested():
            uow.session.execute(text("SELECT nghisu_create_login(:p, :r, :v, :a)"),
                                {"p": person_id, "r": role_name, "v": verifier, "a": admin})
    except DBAPIError as exc:
        raise _login_error(exc, role_name) from exc
    uow.record("login.create", "person", person_id, {"role_name": role_name, "admin": admin})
    return LoginInfo(person_id, role_name, True, admin)


def _login_error(exc: Exception, role_name: str) -> NghisuError:
    msg = str(getattr(exc, "orig", exc))
    if "already exists" in msg or "đã có" in msg:
        return InvalidInput(f"Tên đăng nhập '{role_name}' đã được dùng hoặc người này đã có tài khoản.",
                            f"The login '{role_name}' is taken, or this person already has a login.")
    if "permission denied" in msg or "nghisu_admin" in msg:
        return _refused_by_db(exc)
    return InvalidInput(f"Không tạo được tài khoản đăng nhập: {msg.splitlines()[0]}",
                        f"Could not make the login: {msg.splitlines()[0]}")


def set_login_enabled(uow: UnitOfWork, person_id: int, enabled: bool) -> LoginInfo:
    """Switch a login off (NOLOGIN, and the store stops mapping it to the person at once,
    even in sessions already open) or back on."""

    _require_postgres(uow)
    try:
        with uow.session.begin_nested():
            found = uow.session.execute(text("SELECT nghisu_set_login_enabled(:p, :e)"),
                                        {"p": person_id, "e": enabled}).scalar_one()
    except DBAPIError as exc:
        raise _refused_by_db(exc) from exc
    if not found:
        raise NotFound(f"Người số {person_id} chưa có tài khoản đăng nhập.", f"Person {person_id} has no login.")
    uow.record("login.enable" if enabled else "login.disable", "person", person_id, {})
    login = uow.session.get(PersonLogin, person_id)
    if login is not None:
        uow.session.refresh(login)
    return LoginInfo(person_id, login.role_name if login else "?", enabled, bool(login and login.is_admin))


def disable_login(uow: UnitOfWork, person_id: int) -> LoginInfo:
    return set_login_enabled(uow, person_id, False)


def enable_login(uow: UnitOfWork, person_id: int) -> LoginInfo:
    return set_login_enabled(uow, person_id, True)


def change_my_password(uow: UnitOfWork, new_password: str) -> None:
    """The signed-in person sets their own password (only its SCRAM verifier reaches the server)."""

    _require_postgres(uow)
    me = uow.session.execute(text("SELECT session_user")).scalar_one()
    verifier = scram_verifier(uow, me, new_password)
    # A utility statement takes no parameters; the verifier's shape was checked (no quotes).
    uow.session.connection().exec_driver_sql(f"ALTER ROLE CURRENT_USER PASSWORD '{verifier}'")
    uow.record("login.password", "person", current_person(uow.session) or "?", {})


def current_person(session: Session) -> int | None:
    """The person this connection's login belongs to (None: not a person's login)."""

    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.execute(text("SELECT nghisu_current_person()")).scalar_one()


def login_location(location: StoreLocation, role_name: str, password: str) -> StoreLocation:
    """The same shared store, reached as a person's own login."""

    url = make_url(location.database_url).set(username=role_name, password=password)
    return StoreLocation(database_url=url.render_as_string(hide_password=False), schema=location.schema)


def open_as_person(location: StoreLocation, role_name: str, password: str, *, clock: Clock | None = None) -> Store:
    """Open the shared store as a person. Wrong name or password: one message for both; a
    switched-off login says so (the server tells that only after the password was right)."""

    try:
        store = open_store(login_location(location, role_name, password), clock=clock)
    except StoreUnavailable as exc:
        cause = str(exc.__cause__ or exc)
        if "not permitted to log in" in cause:
            raise LoginDisabled(
                "Tài khoản của bạn đã bị khóa; hãy liên hệ quản trị viên của cơ quan.",
                "Your login has been switched off; contact your office's administrator.",
            ) from None
        if "password authentication failed" in cause or "does not exist" in cause or "no password" in cause:
            raise LoginRefused(
                "Tên đăng nhập hoặc mật khẩu không đúng; hãy nhập lại.",
                "The login name or password is wrong; type them again.",
            ) from None
        raise
    with store.read() as s:
        person = current_person(s)
    if person is None:
        store.close()
        raise LoginDisabled(
            "Tài khoản này không thuộc về một cán bộ đang hoạt động (tài khoản quản trị lược đồ không dùng để làm việc).",
            "This login does not belong to an active person (the schema owner is not used for daily work).",
        )
    return store
