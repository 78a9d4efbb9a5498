"""The only door to secrets: stores, reads and deletes a platform's keys in the OS keychain.

One keychain entry per platform, under the service ``crypty-desktop`` and the user name
``platform-<id>``; its value holds the API key, the secret (or Ed25519 private key) and the signing
kind. Nothing here logs or formats a secret. On a machine without a secure keychain the app refuses
to store secrets and says what to install, instead of falling back to a plain-text file.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from crypty_desktop.domain.errors import KeychainUnavailable
from crypty_desktop.domain.platform import ApiCredentials, KeyKind
from crypty_desktop.wording import QT_TRANSLATE_NOOP

SERVICE = "crypty-desktop"

# Sentences for people (see crypty_desktop.wording): why keys cannot be stored, and the fix.
NO_SECURE_BACKEND = QT_TRANSLATE_NOOP("Core", "no secure keychain backend was found")
INSECURE_BACKEND = QT_TRANSLATE_NOOP(
    "Core", "the only keychain backend available is {backend}, which is not secure"
)
UNUSABLE_BACKEND = QT_TRANSLATE_NOOP("Core", "the keychain backend {backend} is not usable here")
UNSAFE_LINUX = QT_TRANSLATE_NOOP(
    "Core",
    "Your API keys cannot be stored safely: {problem}. Install and unlock a Secret Service "
    "keychain (GNOME Keyring or KDE Wallet), for example with 'sudo apt install gnome-keyring', "
    "then log out and in again. Crypty Desktop never writes keys to a plain file.",
)
UNSAFE_MACOS = QT_TRANSLATE_NOOP(
    "Core",
    "Your API keys cannot be stored safely: {problem}. The macOS Keychain should be available; "
    "check that your login keychain is unlocked. Crypty Desktop never writes keys to a plain file.",
)
UNSAFE_WINDOWS = QT_TRANSLATE_NOOP(
    "Core",
    "Your API keys cannot be stored safely: {problem}. The Windows Credential Manager should be "
    "available; check your Windows account. Crypty Desktop never writes keys to a plain file.",
)
STORE_REFUSED = QT_TRANSLATE_NOOP(
    "Core", "The keychain refused to store the key ({error}). Unlock your keychain and try again."
)
READ_FAILED = QT_TRANSLATE_NOOP(
    "Core", "The keychain could not be read ({error}). Unlock your keychain and try again."
)
KEY_MISSING = QT_TRANSLATE_NOOP(
    "Core",
    "This platform's key is missing from the keychain. Edit the platform and enter the key again.",
)
DELETE_FAILED = QT_TRANSLATE_NOOP("Core", "The keychain could not delete the key ({error}).")

# Backends that are not a secure store: they fail, do nothing, or write secrets to a readable file.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
_INSECURE_NAMES = {"PlaintextKeyring", "EncryptedKeyring", "Keyring"}


def _entry_name(platform_id: int) -> str:
    return f"platform-{platform_id}"


def _unsafe_template() -> str:
    """The "cannot be stored safely" sentence with this system's fix."""
    if sys.platform.startswith("linux"):
        return UNSAFE_LINUX
    if sys.platform == "darwin":
        return UNSAFE_MACOS
    return UNSAFE_WINDOWS


def backend_problem(backend: KeyringBackend) -> str | None:
    """Say why a keyring backend is not a secure place for secrets, or None if it is."""
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__name__}"
    backends = getattr(backend, "backends", None)
    if backends is not None:  # keyring's chainer: secure only if it chains at least one secure one
        if not backends or all(backend_problem(b) for b in backends):
            return NO_SECURE_BACKEND
        return None
    if cls.__module__.startswith(_INSECURE_MODULES) and (
        cls.__name__ in _INSECURE_NAMES or "fail" in cls.__module__ or "null" in cls.__module__
    ):
        return INSECURE_BACKEND.format(backend=name)
    try:
        if float(getattr(cls, "priority", 1)) <= 0:  # float-ok: keyring's priority, not money
            return UNUSABLE_BACKEND.format(backend=name)
    except Exception:  # noqa: BLE001 - a backend's priority check raises when it is unusable
        return UNUSABLE_BACKEND.format(backend=name)
    return None


class CredentialStore:
    """Reads and writes platform secrets through keyring. Thread-safe as keyring is; may block.

    Call it from a worker thread in the GUI: a keychain may wait for the user to unlock it.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def check_available(self) -> None:
        """Raise KeychainUnavailable with a fix if secrets cannot be stored securely."""
        problem = backend_problem(self.backend)
        if problem:
            raise KeychainUnavailable(_unsafe_template().format(problem=problem))

    def describe_backend(self) -> str:
        """The keychain in use, e.g. ``keyring.backends.SecretService.Keyring`` (chains listed)."""
        backend = self.backend
        chained = getattr(backend, "backends", None)
        parts = chained if chained else [backend]
        return ", ".join(f"{type(b).__module__}.{type(b).__name__}" for b in parts)

    def save(self, platform_id: int, creds: ApiCredentials) -> None:
        self.check_available()
        value = json.dumps({"api_key": creds.api_key, "secret": creds.secret, "kind": creds.kind})
        try:
            self.backend.set_password(SERVICE, _entry_name(platform_id), value)
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(STORE_REFUSED.format(error=type(exc).__name__)) from None

    def load(self, platform_id: int) -> ApiCredentials:
        self.check_available()
        try:
            raw = self.backend.get_password(SERVICE, _entry_name(platform_id))
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(READ_FAILED.format(error=type(exc).__name__)) from None
        if raw is None:
            raise KeychainUnavailable(KEY_MISSING)
        data: dict[str, Any] = json.loads(raw)
        return ApiCredentials(
            api_key=str(data["api_key"]),
            secret=str(data["secret"]),
            kind=KeyKind(data.get("kind", KeyKind.HMAC)),
        )

    def delete(self, platform_id: int) -> None:
        """Remove a platform's entry; a missing entry is not an error."""
        try:
            self.backend.delete_password(SERVICE, _entry_name(platform_id))
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(DELETE_FAILED.format(error=type(exc).__name__)) from None

    def exists(self, platform_id: int) -> bool:
        try:
            return self.backend.get_password(SERVICE, _entry_name(platform_id)) is not None
        except keyring.errors.KeyringError:
            return False
