"""The only door to secrets: stores, reads and deletes a platform's keys in the OS keychain.

One keychain entry per platform, under the service ``crypty-desktop`` and the user name
``platform-<id>``; its value holds the API key, the secret (or Ed25519 private key) and the signing
kind. Nothing here logs or formats a secret. Only the OS keychains of ``SECURE_BACKENDS`` are used:
whatever else keyring is configured with, the app names it, says it is not a secure keychain and
what to install, and stores nothing, instead of falling back to a plain-text file.
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

# The only backends that keep secrets in an OS keychain. Anything else keyring may be told to use
# (PYTHON_KEYRING_BACKEND, keyringrc.cfg): keyrings.alt's plain-text and "encrypted" files, the
# fail and null backends, third-party or home-made classes, is refused by name. libsecret is a
# client of the same Secret Service as SecretService.
SECURE_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC… (Secret Service)
        "keyring.backends.libsecret.Keyring",  # the Secret Service through libsecret
        "keyring.backends.kwallet.DBusKeyring",  # KDE Wallet 5/6
        "keyring.backends.kwallet.DBusKeyringKWallet4",  # KDE Wallet 4
        "keyring.backends.macOS.Keyring",  # macOS Keychain
        "keyring.backends.Windows.WinVaultKeyring",  # Windows Credential Locker
    }
)
# A class with this attribute set to True is a test double that stands in for an OS keychain
# (tests/memory_keyring.py). No keyring backend has it; a class that can name itself so is code
# already running in the app, which no check could stop.
STANDS_IN_FOR_KEYCHAIN = "stands_in_for_os_keychain"


def backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_secure(backend: KeyringBackend) -> bool:
    if getattr(type(backend), STANDS_IN_FOR_KEYCHAIN, False) is True:
        return True
    return backend_name(backend) in SECURE_BACKENDS


def secure_backend(backend: KeyringBackend) -> KeyringBackend | None:
    """The backend secrets go to: ``backend`` if secure, the first secure one it chains, or None.

    keyring's chainer writes to the first of its backends that accepts, whatever it is: here only
    a secure member of the chain is ever used, so a plain-text file ranked first is never written.
    """
    if _is_secure(backend):
        return backend
    chained = getattr(backend, "backends", None)
    if isinstance(chained, list | tuple):
        for member in chained:
            if isinstance(member, KeyringBackend) and _is_secure(member) and _usable(member):
                return member
    return None


def _usable(backend: KeyringBackend) -> bool:
    try:
        return float(getattr(type(backend), "priority", 1)) > 0  # float-ok: keyring's priority
    except Exception:  # noqa: BLE001 - a backend's priority check raises when it is unusable
        return False


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
    """Say why a keyring backend is not a secure place for secrets (naming it), or None."""
    chained = getattr(backend, "backends", None)
    if not _is_secure(backend) and isinstance(chained, list | tuple):
        if secure_backend(backend) is None:
            names = ", ".join(backend_name(b) for b in chained) or backend_name(backend)
            return INSECURE_BACKEND.format(backend=names) if chained else NO_SECURE_BACKEND
        return None
    if not _is_secure(backend):
        return INSECURE_BACKEND.format(backend=backend_name(backend))
    if not _usable(backend):
        return UNUSABLE_BACKEND.format(backend=backend_name(backend))
    return None


class CredentialStore:
    """Reads and writes platform secrets through keyring. Thread-safe as keyring is; may block.

    Call it from a worker thread in the GUI: a keychain may wait for the user to unlock it.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def chosen(self) -> KeyringBackend:
        """The backend keyring chose (or the one handed in), before the allow-list."""
        return self._backend if self._backend is not None else keyring.get_keyring()

    @property
    def backend(self) -> KeyringBackend:
        """The secure backend secrets go to; KeychainUnavailable (naming what was found) if none."""
        chosen = self.chosen
        problem = backend_problem(chosen)
        if problem:
            raise KeychainUnavailable(_unsafe_template().format(problem=problem))
        secure = secure_backend(chosen)
        assert secure is not None
        return secure

    def check_available(self) -> None:
        """Raise KeychainUnavailable with a fix if secrets cannot be stored securely."""
        problem = backend_problem(self.chosen)
        if problem:
            raise KeychainUnavailable(_unsafe_template().format(problem=problem))

    def describe_backend(self) -> str:
        """The keychain in use, e.g. ``keyring.backends.SecretService.Keyring`` (chains listed)."""
        backend = self.chosen
        chained = getattr(backend, "backends", None)
        parts = chained if chained else [backend]
        return ", ".join(backend_name(b) for b in parts)

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
        if backend_problem(self.chosen):  # nothing was ever stored there by this app
            return
        try:
            self.backend.delete_password(SERVICE, _entry_name(platform_id))
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(DELETE_FAILED.format(error=type(exc).__name__)) from None

    # --- other secrets (an alert target's address carries its service's token) ------------------
    def save_secret(self, name: str, value: str) -> None:
        """Keep ``value`` in the keychain under the entry ``name`` (e.g. ``alert-target-3``)."""
        self.check_available()
        try:
            self.backend.set_password(SERVICE, name, value)
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(STORE_REFUSED.format(error=type(exc).__name__)) from None

    def load_secret(self, name: str) -> str | None:
        """The value kept under ``name``, or None if there is none."""
        self.check_available()
        try:
            value: str | None = self.backend.get_password(SERVICE, name)
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(READ_FAILED.format(error=type(exc).__name__)) from None
        return value

    def delete_secret(self, name: str) -> None:
        """Forget the value kept under ``name``; a missing entry is not an error."""
        if backend_problem(self.chosen):
            return
        try:
            self.backend.delete_password(SERVICE, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            raise KeychainUnavailable(DELETE_FAILED.format(error=type(exc).__name__)) from None

    def exists(self, platform_id: int) -> bool:
        if backend_problem(self.chosen):
            return False
        try:
            return self.backend.get_password(SERVICE, _entry_name(platform_id)) is not None
        except keyring.errors.KeyringError:
            return False
