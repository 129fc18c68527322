"""Fixtures for the signing tests: an office PKI, SoftHSM2 tokens and a real RFC 3161 server.

Everything is real: certificates made with ``cryptography``, tokens initialised with
``softhsm2-util``/``pkcs11-tool`` in a private folder, and a certomancer time-stamping
service started as a separate process on a free port.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.signing.pki import OfficePki, Person, build_office_pki, make_pdf

SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_PIN = "123456"
TOKEN_SO_PIN = "12345678"


@pytest.fixture(scope="session")
def pki() -> OfficePki:
    return build_office_pki()


@pytest.fixture()
def pdf3() -> bytes:
    return make_pdf(3)


# --- SoftHSM2 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SoftHsm:
    lib: str
    pin: str
    rsa_token: str  # holds the secretary's RSA key, as "signer", and the CA certificate
    ec_token: str  # holds the deputy's P-256 key, as "signer", and the CA certificate
    key_label: str = "signer"


def _run(*cmd: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {done.stdout}\n{done.stderr}")


def _load_token(folder: Path, label: str, person: Person, ca_pem: bytes) -> None:
    _run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", TOKEN_PIN,
         "--so-pin", TOKEN_SO_PIN)
    key = serialization.load_pem_private_key(person.issued.key_pem, password=None)
    key_der = folder / f"{label}-key.der"
    key_der.write_bytes(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    cert_der = folder / f"{label}-cert.der"
    cert_der.write_bytes(person.issued.cert.public_bytes(serialization.Encoding.DER))
    ca_der = folder / f"{label}-ca.der"
    from cryptography import x509

    ca_der.write_bytes(x509.load_pem_x509_certificate(ca_pem).public_bytes(serialization.Encoding.DER))
    base = ("pkcs11-tool", "--module", SOFTHSM_LIB, "--token-label", label, "--login", "--pin", TOKEN_PIN)
    _run(*base, "--write-object", str(key_der), "--type", "privkey", "--id", "01", "--label", "signer")
    _run(*base, "--write-object", str(cert_der), "--type", "cert", "--id", "01", "--label", "signer")
    _run(*base, "--write-object", str(ca_der), "--type", "cert", "--id", "02", "--label", "office-ca")
    key_der.unlink()


@pytest.fixture(scope="session")
def softhsm(pki: OfficePki, tmp_path_factory) -> SoftHsm:
    """Two initialised tokens in a private SoftHSM2 folder.

    ``SOFTHSM2_CONF`` is set before anything in this process loads the PKCS#11 module:
    SoftHSM reads its configuration (and the token list) once, at first load.
    """
    if not Path(SOFTHSM_LIB).is_file() or shutil.which("softhsm2-util") is None:
        pytest.fail("SoftHSM2 is not installed (Debian package softhsm2; opensc for pkcs11-tool)")
    root = tmp_path_factory.mktemp("softhsm")
    tokens = root / "tokens"
    tokens.mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    _load_token(root, "nghisu-rsa", pki.secretary, pki.ca.cert_pem)
    _load_token(root, "nghisu-ec", pki.deputy, pki.ca.cert_pem)
    yield SoftHsm(SOFTHSM_LIB, TOKEN_PIN, "nghisu-rsa", "nghisu-ec")
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


# --- certomancer time-stamping service --------------------------------------------------------


@dataclass(frozen=True)
class TimestampService:
    url: str
    root_der: bytes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_key(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


CERTOMANCER_CONFIG = """\
external-url-prefix: "http://127.0.0.1:{port}"
keysets:
  nghisu:
    path-prefix: keys
    keys:
      root:
        path: root.key.pem
      tsa:
        path: tsa.key.pem
pki-architectures:
  nghisu:
    keyset: nghisu
    entity-defaults:
      country-name: VN
      organization-name: "Dịch vụ thử nghiệm"
    entities:
      root:
        common-name: "Gốc thử nghiệm dấu thời gian"
      tsa:
        common-name: "Máy chủ dấu thời gian thử nghiệm"
    certs:
      root:
        subject: root
        issuer: root
        validity:
          valid-from: "2000-01-01T00:00:00+0000"
          valid-to: "2500-01-01T00:00:00+0000"
        extensions:
          - id: basic_constraints
            critical: true
            value:
              ca: true
          - id: key_usage
            critical: true
            smart-value:
              schema: key-usage
              params: [digital_signature, key_cert_sign, crl_sign]
      tsa:
        issuer: root
        validity:
          valid-from: "2000-01-01T00:00:00+0000"
          valid-to: "2400-01-01T00:00:00+0000"
        extensions:
          - id: key_usage
            critical: true
            smart-value:
              schema: key-usage
              params: [digital_signature]
          - id: extended_key_usage
            critical: true
            value: [time_stamping]
    services:
      time-stamping:
        tsa:
          signing-key: tsa
          signing-cert: tsa
      cert-repo:
        root:
          for-issuer: root
          publish-issued-certs: yes
"""


@pytest.fixture(scope="session")
def tsa(tmp_path_factory) -> TimestampService:
    """certomancer's Animator serving an RFC 3161 service, in its own process."""
    exe = Path(sys.executable).with_name("certomancer")
    if not exe.exists():
        exe = Path(shutil.which("certomancer") or "certomancer")
    root = tmp_path_factory.mktemp("certomancer")
    (root / "keys").mkdir()
    _write_key(root / "keys" / "root.key.pem")
    _write_key(root / "keys" / "tsa.key.pem")
    port = _free_port()
    config = root / "certomancer.yml"
    config.write_text(CERTOMANCER_CONFIG.format(port=port), encoding="utf-8")
    prefix = f"http://127.0.0.1:{port}"
    log = (root / "certomancer.log").open("wb")
    proc = subprocess.Popen(
        [str(exe), "--config", str(config), "--service-url-prefix", prefix,
         "animate", "--port", str(port), "--no-web-ui"],
        stdout=log, stderr=subprocess.STDOUT, cwd=root,
    )
    root_der = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{prefix}/nghisu/certs/root/ca.crt", timeout=2) as resp:
                root_der = resp.read()
                break
        except OSError:
            time.sleep(0.1)
    if not root_der:
        proc.kill()
        pytest.fail("certomancer did not start: " + (root / "certomancer.log").read_text(errors="replace"))
    yield TimestampService(url=f"{prefix}/nghisu/tsa/tsa", root_der=root_der)
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
