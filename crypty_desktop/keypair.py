"""Ed25519 key pairs made on this computer: the private key never leaves it."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@dataclass(frozen=True, slots=True)
class KeyPair:
    private_pem: str
    public_pem: str

    def __repr__(self) -> str:
        return "KeyPair(private_pem=<hidden>, public_pem=...)"


def generate_ed25519() -> KeyPair:
    """A new key pair: the public PEM goes to Binance, the private one to the keychain."""
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return KeyPair(private_pem=private_pem, public_pem=public_pem)


def is_ed25519_private_pem(text: str) -> bool:
    try:
        key = serialization.load_pem_private_key(text.encode(), password=None)
    except (ValueError, TypeError):
        return False
    return isinstance(key, Ed25519PrivateKey)
