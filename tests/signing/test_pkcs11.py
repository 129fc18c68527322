"""Signing with a PKCS#11 token, for real: SoftHSM2 tokens initialised by the fixtures.

The ``softhsm`` fixture sets ``SOFTHSM2_CONF`` before the PKCS#11 module first loads in
this process (SoftHSM reads its token list once)."""

from __future__ import annotations

import pytest

from signing.errors import KeyNotOnToken, TokenLibraryMissing, TokenNotFound, WrongPin
from signing.keys.signing_keys import open_token
from signing.pdf.pades import FieldSlot, SignerDisplay, SignRequest, prepare_signature_fields, sign_pdf
from tests.signing.pki import FIXED_NOW, ORG, pdfsig, pdfsig_blocks, validate_all


def _sign(pdf: bytes, key, field: str, name: str) -> bytes:
    return sign_pdf(pdf, key, SignRequest(field, SignerDisplay(name, "Cán bộ", ORG), at=FIXED_NOW))


def test_rsa_token_signs_a_valid_pades_signature(softhsm, pki, pdf3):
    with open_token(softhsm.lib, softhsm.rsa_token, softhsm.pin, softhsm.key_label) as key:
        assert key.source == "pkcs11"
        assert key.common_name == pki.secretary.full_name
        assert [c.dump() for c in key.chain] == [pki.ca.cert_der]  # the CA came off the token too
        signed = _sign(pdf3, key, "ThuKy", pki.secretary.full_name)
    assert signed.startswith(pdf3)
    (status,) = validate_all(signed, pki.ca)
    assert status.intact and status.valid and status.trusted
    assert "Signature is Valid." in pdfsig(signed)


def test_ec_token_signs_with_the_raw_mechanism(softhsm, pki, pdf3):
    doc = prepare_signature_fields(pdf3, [FieldSlot("ThuKy"), FieldSlot("PhoChuTich")])
    with open_token(softhsm.lib, softhsm.rsa_token, softhsm.pin, softhsm.key_label) as key:
        doc = _sign(doc, key, "ThuKy", pki.secretary.full_name)
    with open_token(softhsm.lib, softhsm.ec_token, softhsm.pin, softhsm.key_label) as key:
        assert key.certificate.public_key.algorithm == "ec"
        assert key.signer.use_raw_mechanism is True
        doc = _sign(doc, key, "PhoChuTich", pki.deputy.full_name)
    statuses = validate_all(doc, pki.ca)
    assert len(statuses) == 2
    assert all(s.intact and s.valid and s.trusted for s in statuses)
    assert "ecdsa" in statuses[1].pkcs7_signature_mechanism
    blocks = pdfsig_blocks(pdfsig(doc))
    assert len(blocks) == 2 and all("Signature is Valid." in b for b in blocks)


def test_wrong_pin_is_a_plain_message(softhsm):
    with pytest.raises(WrongPin) as err:
        open_token(softhsm.lib, softhsm.rsa_token, "000000", softhsm.key_label)
    assert "PIN" in err.value.vi and "wrong" in err.value.en


def test_unknown_token_and_key_labels_are_named(softhsm):
    with pytest.raises(TokenNotFound) as err:
        open_token(softhsm.lib, "khong-co-token", softhsm.pin, softhsm.key_label)
    assert "khong-co-token" in err.value.vi
    with pytest.raises(KeyNotOnToken) as err:
        open_token(softhsm.lib, softhsm.rsa_token, softhsm.pin, "khong-co-khoa")
    assert "khong-co-khoa" in err.value.en


def test_missing_library_is_a_plain_message(softhsm, tmp_path):
    with pytest.raises(TokenLibraryMissing):
        open_token(str(tmp_path / "libkhongco.so"), softhsm.rsa_token, softhsm.pin, softhsm.key_label)


def test_cli_signs_with_a_token(softhsm, pki, pdf3, tmp_path):
    import argparse

    from ui.commands import signing as cmd

    (tmp_path / "in.pdf").write_bytes(pdf3)
    (tmp_path / "pin.txt").write_text(softhsm.pin + "\n")
    parser = argparse.ArgumentParser(prog="nghisu")
    cmd.register(parser.add_subparsers())
    args = parser.parse_args([
        "sign", str(tmp_path / "in.pdf"), "-o", str(tmp_path / "out.pdf"), "--pkcs11-lib", softhsm.lib,
        "--token-label", softhsm.ec_token, "--key-label", softhsm.key_label,
        "--pin-file", str(tmp_path / "pin.txt"), "--position", "Phó Chủ tịch", "--unit", ORG,
    ])
    assert args.handler(args, ctx=None) == 0
    signed = (tmp_path / "out.pdf").read_bytes()
    (status,) = validate_all(signed, pki.ca)
    assert status.valid and status.signing_cert.subject.native["common_name"] == pki.deputy.full_name
