"""pyHanko signer subclasses. Imported lazily (pyHanko takes ~0.9 s to import).

pyHanko's stock ``SimpleSigner`` turns its ASN.1 key back into a ``cryptography`` key on
every signature; for RSA that re-validation dominated signing (measured 135 → 40 ms for a
10-page document once the loaded key was kept). ``CachedKeySigner`` keeps it.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params


class CachedKeySigner(SimpleSigner):
    """A ``SimpleSigner`` that loads its private key once."""

    def __init__(self, *args, loaded_key, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._loaded_key = loaded_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism_spec = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            mechanism = mechanism_spec.signature_algo
        except ValueError:
            mechanism = mechanism_spec["algorithm"].native
        key = self._loaded_key
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
            return key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if mechanism == "rsassa_pss" and isinstance(key, RSAPrivateKey):
            padding, hash_algo = process_pss_params(mechanism_spec["parameters"])
            return key.sign(data, padding, hash_algo)
        if mechanism == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
            return key.sign(data, ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        # Anything rarer: let pyHanko do it the slow way.
        return super().sign_raw(data, digest_algorithm)
