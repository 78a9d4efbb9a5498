"""Adding, checking, editing and removing platforms: the one place these rules live.

Both the GUI and the headless CLI call this service. It talks to the network (the permission
audit) and to the keychain, so the GUI calls it from a worker thread. Every operation either
completes or changes nothing: a failed audit, a refused key, a keychain error or a cancel leaves
the database and the keychain as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from crypty_desktop.credentials import CredentialStore
from crypty_desktop.domain.audit import audit_permissions
from crypty_desktop.domain.errors import CryptyError, PermissionDenied, ValidationError
from crypty_desktop.domain.names import clean_name
from crypty_desktop.domain.platform import (
    ApiCredentials,
    Audit,
    AuditFinding,
    IntendedUse,
    KeyKind,
    Permissions,
    Platform,
    PlatformType,
    key_fingerprint,
    mask_key,
)
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.keypair import is_ed25519_private_pem
from crypty_desktop.storage import Store
from crypty_desktop.storage.store import has_bots_message
from crypty_desktop.wording import QT_TRANSLATE_NOOP

Connector = Callable[[PlatformType, ApiCredentials], ExchangeGateway]
ShouldContinue = Callable[[], bool]

NAME_MAX = 64
LOSS_LIMIT_MAX = Decimal("1e15")
_KEY_RE = re.compile(r"^[A-Za-z0-9]{8,128}$")

# Sentences for people (see crypty_desktop.wording).
DEMO_FINDING = QT_TRANSLATE_NOOP(
    "Core", "Offline demo exchange: no key and no real money involved."
)
PUBLIC_FINDING = QT_TRANSLATE_NOOP(
    "Core",
    "Binance's public market data: live prices with no key. Ghost bots, charts and backtests "
    "only; no order can be placed.",
)
NAME_MISSING = QT_TRANSLATE_NOOP("Core", "Give the platform a name, for example “Binance Ghost”.")
NAME_TOO_LONG = QT_TRANSLATE_NOOP("Core", "The name is too long (at most {count} characters).")
KEY_MISSING = QT_TRANSLATE_NOOP(
    "Core", "Paste the API Key that Binance showed you into “Access Key”."
)
KEY_NOT_PLAIN = QT_TRANSLATE_NOOP(
    "Core",
    "The Access Key should be letters and digits only, as Binance shows it. Check that nothing "
    "else was pasted with it.",
)
PRIVATE_KEY_MISSING = QT_TRANSLATE_NOOP(
    "Core", "Generate a key pair first, or paste your Ed25519 private key."
)
SECRET_MISSING = QT_TRANSLATE_NOOP(
    "Core", "Paste the Secret Key that Binance showed you into “Secret Key”."
)
PRIVATE_KEY_INVALID = QT_TRANSLATE_NOOP(
    "Core", "The private key is not a valid Ed25519 key in PEM format."
)
SECRET_NOT_PLAIN = QT_TRANSLATE_NOOP(
    "Core",
    "The Secret Key should be letters and digits only, as Binance shows it. Check that nothing "
    "else was pasted with it.",
)
NAME_TAKEN = QT_TRANSLATE_NOOP(
    "Core", "A platform named “{name}” already exists. Choose another name."
)
KEYS_NEEDED = QT_TRANSLATE_NOOP("Core", "A Binance platform needs an Access Key and a Secret Key.")
CANCELLED = QT_TRANSLATE_NOOP("Core", "Cancelled: nothing was saved.")
LOSS_LIMIT_INVALID = QT_TRANSLATE_NOOP(
    "Core",
    "The daily loss limit is an amount greater than 0 in the bots' quote asset (for example 50), "
    "or “off”.",
)
LOSS_LIMIT_HELP = QT_TRANSLATE_NOOP(
    "Core",
    "The most this platform's Trader bots may lose together in a UTC day, open positions counted "
    "at market value. When their loss reaches it, they are all stopped, their open orders "
    "cancelled and what they hold sold at market, once that day.",
)
KEY_IN_USE = QT_TRANSLATE_NOOP(
    "Core",
    "Bots of “{platform}” are running ({bots}) and sign their requests with the current key. "
    "Stop them first, then change the key; nothing was changed.",
)


class Cancelled(CryptyError):
    """The user cancelled; nothing was saved."""


def _always() -> bool:
    return True


def _now() -> datetime:
    return datetime.now(UTC)


def simulated_audit(checked_at: datetime) -> Audit:
    """The offline demo exchange trades paper money: every bot kind may use it."""
    return Audit(
        permissions=Permissions(
            reading=True, spot_trading=True, withdrawals=False, ip_restricted=None
        ),
        checked_at=checked_at,
        ghost_ok=True,
        trader_ok=True,
        findings=(AuditFinding("ok", DEMO_FINDING),),
    )


def keyless_audit(type_: PlatformType, checked_at: datetime) -> Audit:
    """The verdict for a platform without a key: the offline demo, or the public market data
    (which reads prices for Ghost bots and takes no order)."""
    if type_ is PlatformType.BINANCE_PUBLIC:
        return Audit(
            permissions=Permissions(
                reading=True, spot_trading=False, withdrawals=False, ip_restricted=None
            ),
            checked_at=checked_at,
            ghost_ok=True,
            trader_ok=False,
            findings=(AuditFinding("ok", PUBLIC_FINDING),),
        )
    return simulated_audit(checked_at)


def validate_name(name: str) -> str:
    """A platform's name as saved: printable, trimmed, at most NAME_MAX characters."""
    return clean_name(name, max_length=NAME_MAX, missing=NAME_MISSING, too_long=NAME_TOO_LONG)


def parse_loss_limit(text: str) -> Decimal | None:
    """A daily loss limit as typed: an amount greater than 0, or “off” / nothing (no limit).

    Raises:
        ValidationError: anything else, in words.
    """
    text = text.strip()
    if text.casefold() in ("", "off", "none"):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(LOSS_LIMIT_INVALID) from None
    return validate_loss_limit(value)


def validate_loss_limit(value: Decimal | None) -> Decimal | None:
    """None (no limit) or a finite amount greater than 0."""
    if value is None:
        return None
    if not value.is_finite() or value <= 0 or value > LOSS_LIMIT_MAX:
        raise ValidationError(LOSS_LIMIT_INVALID)
    return value


def validate_credentials(creds: ApiCredentials) -> ApiCredentials:
    """Catch obvious paste mistakes before anything goes over the network."""
    api_key = creds.api_key.strip()
    secret = creds.secret.strip()
    if not api_key:
        raise ValidationError(KEY_MISSING)
    if not _KEY_RE.match(api_key):
        raise ValidationError(KEY_NOT_PLAIN)
    if not secret:
        if creds.kind is KeyKind.ED25519:
            raise ValidationError(PRIVATE_KEY_MISSING)
        raise ValidationError(SECRET_MISSING)
    if creds.kind is KeyKind.ED25519:
        if not is_ed25519_private_pem(secret):
            raise ValidationError(PRIVATE_KEY_INVALID)
        secret = secret + "\n" if not secret.endswith("\n") else secret
    elif not _KEY_RE.match(secret):
        raise ValidationError(SECRET_NOT_PLAIN)
    return ApiCredentials(api_key=api_key, secret=secret, kind=creds.kind)


class PlatformService:
    """The rules for platforms, over a Store, a CredentialStore and a way to reach the exchange."""

    def __init__(
        self,
        store: Store,
        credentials: CredentialStore,
        connect: Connector,
        clock: Callable[[], datetime] = _now,
        on_key_changed: Callable[[int], None] | None = None,
        bots_running: Callable[[int], list[str]] | None = None,
    ) -> None:
        self.store = store
        self.credentials = credentials
        self._connect = connect
        self._clock = clock
        # Told when a platform's key is replaced or the platform removed: whoever keeps a
        # connection signed with the old key must drop it.
        self._on_key_changed = on_key_changed or (lambda _platform_id: None)
        # The names of the platform's bots running now (here or in another process).
        self._bots_running = bots_running or (lambda _platform_id: [])

    # --- reading ------------------------------------------------------------------------------
    def list(self) -> list[Platform]:
        return self.store.list_platforms()

    def find(self, name: str) -> Platform:
        return self.store.find_platform(name)

    def credentials_for(self, platform: Platform) -> ApiCredentials:
        """Read the platform's secret from the keychain, at the moment it is needed."""
        return self.credentials.load(platform.id)

    # --- checking -----------------------------------------------------------------------------
    def check_key(
        self, type_: PlatformType, creds: ApiCredentials, intended_use: IntendedUse
    ) -> Audit:
        """Ask the exchange what the key can do and turn it into a verdict. Network I/O."""
        if not type_.needs_keys:
            return keyless_audit(type_, self._clock())
        gateway = self._connect(type_, creds)
        try:
            perms = gateway.read_permissions()
        finally:
            gateway.close()
        return audit_permissions(perms, intended_use, self._clock())

    def _checked(
        self,
        type_: PlatformType,
        creds: ApiCredentials | None,
        intended_use: IntendedUse,
        should_continue: ShouldContinue,
    ) -> Audit:
        if type_.needs_keys:
            assert creds is not None
            self.credentials.check_available()  # say so before the user waits on the network
            audit = self.check_key(type_, creds, intended_use)
        else:
            audit = keyless_audit(type_, self._clock())
        if audit.refused:
            raise PermissionDenied("\n".join(audit.warnings))  # one sentence a line
        if not should_continue():
            raise Cancelled(CANCELLED)
        return audit

    # --- changing -----------------------------------------------------------------------------
    def add(
        self,
        name: str,
        type_: PlatformType,
        creds: ApiCredentials | None = None,
        intended_use: IntendedUse = IntendedUse.ANY,
        should_continue: ShouldContinue = _always,
    ) -> Platform:
        """Check the key, then save the metadata and the secret together, or nothing."""
        name = validate_name(name)
        if self.store.name_taken(name):
            raise ValidationError(NAME_TAKEN.format(name=name))
        if type_.needs_keys:
            if creds is None:
                raise ValidationError(KEYS_NEEDED)
            creds = validate_credentials(creds)
        else:
            creds = None
        audit = self._checked(type_, creds, intended_use, should_continue)
        with self.store.adding_platform(
            name=name,
            type_=type_,
            key_masked=mask_key(creds.api_key) if creds else "",
            key_fingerprint=key_fingerprint(creds.api_key) if creds else "",
            key_kind=creds.kind if creds else KeyKind.HMAC,
            intended_use=intended_use,
            audit=audit,
        ) as platform_id:
            if creds is not None:
                self.credentials.save(platform_id, creds)
        return self.store.get_platform(platform_id)

    def edit(
        self,
        platform: Platform,
        *,
        name: str | None = None,
        creds: ApiCredentials | None = None,
        intended_use: IntendedUse | None = None,
        should_continue: ShouldContinue = _always,
    ) -> Platform:
        """Rename, change the key or its intended use; a new key is checked before it is kept."""
        changes: dict[str, object] = {}
        if name is not None and validate_name(name) != platform.name:
            name = validate_name(name)
            if self.store.name_taken(name, except_id=platform.id):
                raise ValidationError(NAME_TAKEN.format(name=name))
            changes["name"] = name
        use = intended_use or platform.intended_use
        if intended_use is not None:
            changes["intended_use"] = intended_use
        if creds is not None and platform.type.needs_keys:
            creds = validate_credentials(creds)
            self._refuse_while_running(platform)
            audit = self._checked(platform.type, creds, use, should_continue)
            changes.update(
                key_masked=mask_key(creds.api_key),
                key_fingerprint=key_fingerprint(creds.api_key),
                key_kind=creds.kind,
                audit=audit,
            )
        elif intended_use is not None and platform.audit is not None and platform.type.needs_keys:
            changes["audit"] = audit_permissions(platform.audit.permissions, use, self._clock())
        if not changes:
            return platform
        if creds is not None and platform.type.needs_keys:
            self._refuse_while_running(platform)  # again: one may have started during the audit
        with self.store.updating_platform(platform.id, **changes):
            if creds is not None and platform.type.needs_keys:
                self.credentials.save(platform.id, creds)  # fails → the row change rolls back
        if creds is not None:
            self._on_key_changed(platform.id)
        return self.store.get_platform(platform.id)

    def set_loss_limit(self, platform: Platform, limit: Decimal | None) -> Platform:
        """Set (or with None, turn off) the platform's daily loss limit; running bots follow it
        from their next candle. A bad amount changes nothing."""
        limit = validate_loss_limit(limit)
        with self.store.updating_platform(platform.id, max_daily_loss=limit):
            pass
        return self.store.get_platform(platform.id)

    def _refuse_while_running(self, platform: Platform) -> None:
        """A running bot signs with the key it read at start: the key changes once none runs."""
        running = self._bots_running(platform.id)
        if running:
            bots = ", ".join(f"“{n}”" for n in running[:5]) + (", …" if len(running) > 5 else "")
            raise ValidationError(KEY_IN_USE.format(platform=platform.name, bots=bots))

    def recheck(self, platform: Platform) -> Platform:
        """Run the audit again with the stored key and record the result."""
        if platform.type.needs_keys:
            audit = self.check_key(
                platform.type, self.credentials_for(platform), platform.intended_use
            )
        else:
            audit = keyless_audit(platform.type, self._clock())
        with self.store.updating_platform(platform.id, audit=audit):
            pass
        return self.store.get_platform(platform.id)

    def remove(self, platform: Platform) -> None:
        """Delete the keychain entry first, then the metadata; refused while bots are on it.

        A bot belongs to the platform it was made on for good, so a platform with bots stays
        (the sentence says which bots to remove first) and nothing is touched.
        """
        bots = self.store.bots_on_platform(platform.id)
        if bots:
            raise ValidationError(has_bots_message(platform.name, bots))
        if platform.type.needs_keys:
            self.credentials.delete(platform.id)
        self.store.delete_platform(platform.id)
        self._on_key_changed(platform.id)
