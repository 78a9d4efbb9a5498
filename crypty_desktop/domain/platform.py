"""Platforms (exchange accounts) and what their API keys are allowed to do."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from crypty_desktop.wording import QT_TRANSLATE_NOOP

# Names and verdicts for people (see crypty_desktop.wording).
BINANCE_LABEL = QT_TRANSLATE_NOOP("Core", "Binance")
TESTNET_LABEL = QT_TRANSLATE_NOOP("Core", "Binance testnet")
SIMULATED_LABEL = QT_TRANSLATE_NOOP("Core", "Simulated (offline demo)")
PUBLIC_LABEL = QT_TRANSLATE_NOOP("Core", "Binance (public data)")
DEMO_MODE_LABEL = QT_TRANSLATE_NOOP("Core", "Binance Demo Mode")
SUMMARY_REFUSED = QT_TRANSLATE_NOOP("Core", "Refused: withdrawals enabled")
SUMMARY_GHOST = QT_TRANSLATE_NOOP("Core", "Ghost bots")
SUMMARY_TRADER = QT_TRANSLATE_NOOP("Core", "Trader bots")
SUMMARY_BOTH = QT_TRANSLATE_NOOP("Core", "Ghost + Trader bots")
SUMMARY_NONE = QT_TRANSLATE_NOOP("Core", "No bots (cannot read)")
SUMMARY_PARTIAL = QT_TRANSLATE_NOOP("Core", "{summary} (partial check)")


class PlatformType(StrEnum):
    """Where a platform's bots trade."""

    BINANCE = "binance"
    BINANCE_TESTNET = "binance-testnet"
    SIMULATED = "simulated"
    # Binance's public market data (no key): live prices for charts, backtests and Ghost bots.
    BINANCE_PUBLIC = "binance-public"
    # Binance Demo Mode: a Binance key made at demo.binance.com, play money on live markets.
    BINANCE_DEMO = "binance-demo"

    @property
    def needs_keys(self) -> bool:
        return self not in (PlatformType.SIMULATED, PlatformType.BINANCE_PUBLIC)

    @property
    def real_money(self) -> bool:
        """Whether an order here moves real money (only on live Binance)."""
        return self is PlatformType.BINANCE

    @property
    def traders_allowed(self) -> bool:
        """Whether Trader bots may run here (the public data host takes no orders)."""
        return self is not PlatformType.BINANCE_PUBLIC

    @property
    def label(self) -> str:
        return {
            PlatformType.BINANCE: BINANCE_LABEL,
            PlatformType.BINANCE_TESTNET: TESTNET_LABEL,
            PlatformType.SIMULATED: SIMULATED_LABEL,
            PlatformType.BINANCE_PUBLIC: PUBLIC_LABEL,
            PlatformType.BINANCE_DEMO: DEMO_MODE_LABEL,
        }[self]


class KeyKind(StrEnum):
    """How requests are signed: a Binance-generated HMAC secret, or a key pair made here."""

    HMAC = "hmac"
    ED25519 = "ed25519"


class IntendedUse(StrEnum):
    """What the user said the key is for; used for the least-privilege hint."""

    GHOST = "ghost"
    TRADER = "trader"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class ApiCredentials:
    """A key and the secret that signs with it. Never logged, never stored outside the keychain."""

    api_key: str
    secret: str
    kind: KeyKind = KeyKind.HMAC

    def __repr__(self) -> str:  # never show the secret, even in a debugger or a traceback
        return f"ApiCredentials(api_key={mask_key(self.api_key)!r}, kind={self.kind.value!r})"

    __str__ = __repr__


def mask_key(api_key: str) -> str:
    """Show a key as ``abcd…wxyz`` (first and last four characters)."""
    key = api_key.strip()
    if len(key) <= 8:
        return "…" if key else ""
    return f"{key[:4]}…{key[-4:]}"


def key_fingerprint(api_key: str) -> str:
    """A short stable digest of a key, to recognise it without storing it."""
    return hashlib.sha256(api_key.strip().encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Permissions:
    """What a key can do, as read from the exchange. ``None`` means the exchange did not say."""

    reading: bool
    spot_trading: bool
    withdrawals: bool | None
    ip_restricted: bool | None
    margin: bool | None = None
    futures: bool | None = None
    universal_transfer: bool | None = None
    partial: bool = False  # True when only the account endpoint could be read (e.g. testnet)


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """One line of the audit: a level (ok/warning/refusal), a message, the help topic of the fix."""

    level: str  # "ok" | "warning" | "refusal"
    message: str
    help_topic: str | None = None


@dataclass(frozen=True, slots=True)
class Audit:
    """The verdict on a key: which bots it can serve, and whether the app accepts it."""

    permissions: Permissions
    checked_at: datetime
    ghost_ok: bool
    trader_ok: bool
    findings: tuple[AuditFinding, ...] = field(default_factory=tuple)

    @property
    def refused(self) -> bool:
        return any(f.level == "refusal" for f in self.findings)

    @property
    def warnings(self) -> list[str]:
        return [f.message for f in self.findings if f.level in ("warning", "refusal")]

    def summary(self) -> str:
        """A few words for a table cell: what the key allows."""
        if self.refused:
            return SUMMARY_REFUSED
        text = {
            (True, True): SUMMARY_BOTH,
            (True, False): SUMMARY_GHOST,
            (False, True): SUMMARY_TRADER,
            (False, False): SUMMARY_NONE,
        }[(self.ghost_ok, self.trader_ok)]
        if self.permissions.partial:
            text = SUMMARY_PARTIAL.format(summary=text)
        return text


@dataclass(frozen=True, slots=True)
class Platform:
    """An exchange account as the app knows it: metadata only, never a secret."""

    id: int
    name: str
    type: PlatformType
    key_masked: str = ""
    key_fingerprint: str = ""
    key_kind: KeyKind = KeyKind.HMAC
    intended_use: IntendedUse = IntendedUse.ANY
    audit: Audit | None = None
    created_at: datetime | None = None
    # Most its Trader bots may lose together in a UTC day, in their quote asset (None: no limit).
    max_daily_loss: Decimal | None = None
    loss_limit_day: str = ""  # the UTC day (YYYY-MM-DD) the limit last made its bots safe
