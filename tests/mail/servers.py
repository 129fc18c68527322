"""Real mail servers for the tests, started by the tests themselves on 127.0.0.1.

- IMAP: Dovecot (Debian's ``dovecot-imapd``) from a configuration written in a temporary folder:
  IMAPS on one port, STARTTLS on another, plaintext logins refused before TLS, users from a
  passwd file, mail kept in Maildirs.
- SMTP: aiosmtpd with STARTTLS required before AUTH (PLAIN, LOGIN), a message size limit
  announced by SIZE and enforced, unknown recipients refused with 550, and accepted mail
  delivered into the recipient's Dovecot mailbox by Dovecot's own delivery agent
  (``dovecot-lda``), so what the SMTP side accepts is what the IMAP side serves.

Both use a throw-away TLS certificate made here for ``localhost`` and ``127.0.0.1``; clients
trust it through its file, never by switching verification off.

When a server cannot be started (Dovecot or aiosmtpd not installed) the tests skip and say why;
with ``NGHISU_REQUIRE_MAIL=1`` (set by CI) they fail instead.
"""

from __future__ import annotations

import contextlib
import getpass
import grp
import ipaddress
import math
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
DOVECOT_LDA = "/usr/lib/dovecot/dovecot-lda"
EX_TEMPFAIL = 75  # sysexits.h: the delivery agent's "try again later"
#: A common real limit (Postfix's default message_size_limit is about 10 MB).
SMTP_SIZE_LIMIT = 10 * 1024 * 1024


def mail_servers_unavailable(reason: str) -> None:
    """Skip, or fail under NGHISU_REQUIRE_MAIL=1 (CI), naming what is missing."""
    if os.environ.get("NGHISU_REQUIRE_MAIL") == "1":
        pytest.fail(f"{reason} (NGHISU_REQUIRE_MAIL=1)")
    pytest.skip(f"{reason}; install it with tools/install-system-packages and pip install -e '.[test]'")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A throw-away self-signed certificate for localhost / 127.0.0.1: (cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    os.chmod(key_path, 0o600)
    return cert_path, key_path


@dataclass
class Dovecot:
    """A Dovecot IMAP server of our own; ``users`` maps each address (the login) to its password."""

    folder: Path
    cert: Path
    key: Path
    users: dict[str, str]
    imap_port: int = field(default_factory=free_port)
    imaps_port: int = field(default_factory=free_port)
    mail_root: Path | None = None  # the Maildirs, owned by the mail user
    _process: subprocess.Popen[bytes] | None = None

    @property
    def config(self) -> Path:
        return self.folder / "dovecot.conf"

    def _owners(self) -> tuple[str, str, str]:
        """(internal user, login user, mail user): Dovecot's own accounts when run as root (it
        will not hand mail to uid 0), otherwise whoever runs the tests."""
        if os.geteuid() == 0:
            return "dovecot", "dovenull", "dovecot"
        me = getpass.getuser()
        return me, me, me

    def write_config(self) -> None:
        internal, login, mail_user = self._owners()
        pw = pwd.getpwnam(mail_user)
        self.mail_root = self.folder / "mail"
        self.mail_root.mkdir()
        os.chown(self.mail_root, pw.pw_uid, pw.pw_gid)
        self._write_passwd()
        for sub in ("run", "state"):
            (self.folder / sub).mkdir(exist_ok=True)
        unprivileged = "" if os.geteuid() == 0 else "  chroot =\n"
        self.config.write_text(f"""
base_dir = {self.folder}/run
state_dir = {self.folder}/state
log_path = {self.folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{self.key}
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {internal}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name}
default_login_user = {login}
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.folder}/passwd
}}
# allow_all_users: the SMTP side refuses unknown recipients already, so delivery does not ask
# the passdb again (one more socket round trip that a loaded machine can time out).
userdb {{
  driver = static
  args = uid={pw.pw_uid} gid={pw.pw_gid} home={self.mail_root}/%u allow_all_users=yes
}}
service imap-login {{
{unprivileged}  inet_listener imap {{
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service anvil {{
{unprivileged}}}
service stats {{
  inet_listener http {{
    port = 0
  }}
}}
""")

    def add_user(self, address: str, password: str) -> None:
        """A new mailbox (Dovecot re-reads its passwd file when it changes; SMTP shares ``users``).

        Dovecot looks at the file at most once a second (``passwd_file_sync`` returns early when
        its last look was in the same second of its event loop), so a login in the second an
        earlier test's login looked would not see the new user ("Authentication failed", seen
        once in CI). Returning only once that second is over makes every later login look again.
        """
        self.users[address] = password
        self._write_passwd()
        written = time.time()
        time.sleep(math.floor(written) + 1.02 - written)

    def _write_passwd(self) -> None:
        tmp = self.folder / "passwd.new"
        tmp.write_text("".join(f"{user}:{{PLAIN}}{password}::::::\n" for user, password in self.users.items()))
        tmp.replace(self.folder / "passwd")

    def start(self) -> None:
        if not Path(DOVECOT).exists() or not Path(DOVECOT_LDA).exists():
            mail_servers_unavailable("Dovecot (dovecot-imapd) is not installed")
        self.write_config()
        # In the foreground (-F), as our child: its pid is known, and it is told to stop if the
        # test process dies first (PR_SET_PDEATHSIG), so no server outlives the tests.
        errors = (self.folder / "start.err").open("wb")
        try:
            self._process = subprocess.Popen([DOVECOT, "-F", "-c", str(self.config)], stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=errors, preexec_fn=_die_with_parent)
        finally:
            errors.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                text = (self.folder / "start.err").read_text(errors="replace").strip()[:300]
                mail_servers_unavailable(f"Dovecot did not start: {text}")
            try:
                socket.create_connection(("127.0.0.1", self.imaps_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        log = self.log_tail(500)
        self.stop()
        mail_servers_unavailable(f"Dovecot did not listen on port {self.imaps_port}: {log}")

    def deliver(self, recipient: str, sender: str, message: bytes) -> tuple[int, str]:
        """Hand one message to Dovecot's delivery agent: (exit code, its error output).

        A temporary failure (EX_TEMPFAIL, as a busy machine gives when the agent cannot reach
        Dovecot's auth socket in time) is tried again, as a real MTA's queue would, so a loaded CI
        machine does not turn into a deferred message; the agent writes its reasons to Dovecot's
        log, not to stderr, so the log's end is what an error carries."""
        for attempt in range(5):
            done = subprocess.run([DOVECOT_LDA, "-c", str(self.config), "-d", recipient, "-f", sender],
                                  input=message, capture_output=True, timeout=60)
            if done.returncode != EX_TEMPFAIL:
                break
            time.sleep(0.2 * (attempt + 1))
        error = done.stderr.decode(errors="replace").strip()
        if done.returncode != 0 and not error:
            error = self.log_tail()
        return done.returncode, error

    def log_tail(self, chars: int = 400) -> str:
        log = self.folder / "dovecot.log"
        return log.read_text(errors="replace")[-chars:].strip() if log.exists() else ""

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process that started it dies (Linux)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class SmtpServer:
    """aiosmtpd on 127.0.0.1: STARTTLS then AUTH required, SIZE enforced, unknown recipients
    refused, accepted mail delivered to Dovecot."""

    def __init__(self, dovecot: Dovecot, cert: Path, key: Path, *, size_limit: int = SMTP_SIZE_LIMIT) -> None:
        self.dovecot = dovecot
        self.cert, self.key = cert, key
        self.size_limit = size_limit
        self.port = free_port()
        self._controller: object | None = None
        #: Addresses whose next RCPT gets a temporary 450 (then they are accepted again).
        self.greylisted: set[str] = set()

    def start(self) -> None:
        import ssl

        try:
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult, LoginPassword
        except ImportError:
            mail_servers_unavailable("aiosmtpd is not installed")
        users = self.dovecot.users
        dovecot = self.dovecot
        greylisted = self.greylisted

        def authenticate(server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN202
            ok = (isinstance(auth_data, LoginPassword)
                  and users.get(auth_data.login.decode()) == auth_data.password.decode())
            return AuthResult(success=ok, handled=False)

        class Deliver:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, ANN201, N802
                if address in greylisted:  # a temporary refusal, as greylisting servers give the first time
                    greylisted.discard(address)
                    return f"450 4.2.0 <{address}>: Recipient address rejected: Greylisted, try again later"
                if address not in users:
                    return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table"
                envelope.rcpt_tos.append(address)
                return "250 2.1.5 OK"

            async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
                import asyncio

                for rcpt in envelope.rcpt_tos:
                    code, err = await asyncio.get_running_loop().run_in_executor(
                        None, dovecot.deliver, rcpt, envelope.mail_from, envelope.original_content)
                    if code != 0:
                        return f"451 4.3.0 delivery to {rcpt} failed: {err[:200]}"
                return "250 2.0.0 Ok: queued"

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        controller = Controller(Deliver(), hostname="127.0.0.1", port=self.port, tls_context=context,
                                require_starttls=True, auth_require_tls=True, authenticator=authenticate,
                                data_size_limit=self.size_limit, server_hostname="localhost")
        try:
            controller.start()
        except Exception as exc:  # any failure to start means: no server for us
            mail_servers_unavailable(f"aiosmtpd did not start on port {self.port}: {exc}")
        self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()  # type: ignore[attr-defined]


@dataclass
class MailServers:
    """Both servers and what a client needs to reach them."""

    dovecot: Dovecot
    smtp: SmtpServer
    cafile: Path

    @property
    def users(self) -> dict[str, str]:
        return self.dovecot.users


def start_mail_servers(users: dict[str, str]) -> MailServers:
    """Both servers, in a folder of their own that Dovecot's unprivileged processes can reach
    (pytest's folders are 0700 and its auth and mail processes do not run as us when we are
    root); the folder goes when they stop."""
    folder = Path(tempfile.mkdtemp(prefix="nghisu-mail-"))
    os.chmod(folder, 0o711)
    cert, key = make_certificate(folder)
    dovecot = Dovecot(folder, cert, key, users)
    dovecot.start()
    smtp = SmtpServer(dovecot, cert, key)
    try:
        smtp.start()
    except BaseException:
        dovecot.stop()
        raise
    return MailServers(dovecot, smtp, cert)


def stop_mail_servers(servers: MailServers) -> None:
    try:
        servers.smtp.stop()
    finally:
        servers.dovecot.stop()
