"""Turn a key's permissions into a verdict the user can act on (pure rules, no I/O)."""

from __future__ import annotations

from datetime import datetime

from crypty_desktop.domain.platform import Audit, AuditFinding, IntendedUse, Permissions
from crypty_desktop.wording import QT_TRANSLATE_NOOP

_YES_NO = {True: "✓", False: "✗", None: "?"}

# What a key can do, one line each after a mark (✓ ✗ ?); the window translates the words.
READING = QT_TRANSLATE_NOOP("Core", "Read balances and market data")
SPOT_TRADING = QT_TRANSLATE_NOOP("Core", "Spot trading")
WITHDRAWALS_UNKNOWN = QT_TRANSLATE_NOOP(
    "Core", "Withdrawals (could not be checked on this platform)"
)
WITHDRAWALS = QT_TRANSLATE_NOOP("Core", "Withdrawals")
IP_UNKNOWN = QT_TRANSLATE_NOOP("Core", "Restricted to trusted IP addresses (could not be checked)")
IP_RESTRICTED = QT_TRANSLATE_NOOP("Core", "Restricted to trusted IP addresses")

# The findings.
CAN_WITHDRAW = QT_TRANSLATE_NOOP(
    "Core",
    "This key can withdraw funds. No bot ever needs that, and a stolen key with withdrawals can "
    'empty your account. Edit the key on Binance, untick "Enable Withdrawals", then add it again.',
)
CANNOT_READ = QT_TRANSLATE_NOOP("Core", "This key cannot read your account, so no bot can use it.")
ANY_IP = QT_TRANSLATE_NOOP(
    "Core",
    "This key works from any IP address. Restrict it to this computer's public IP on Binance so "
    "that a stolen key is useless elsewhere.",
)
TRADES_FOR_GHOST = QT_TRANSLATE_NOOP(
    "Core",
    "This key can trade, but you added it for Ghost bots, which never trade. A read-only key is "
    "safer: create one without spot trading.",
)
CANNOT_TRADE = QT_TRANSLATE_NOOP(
    "Core",
    "You added this key for Trader bots, but spot trading is not enabled on it. Edit the key on "
    'Binance and tick "Enable Spot & Margin Trading".',
)
PARTIAL = QT_TRANSLATE_NOOP(
    "Core", "Partial check: this platform does not report withdrawal or IP restrictions."
)
ALL_GOOD = QT_TRANSLATE_NOOP("Core", "This key has exactly what its bots need.")


def describe(perms: Permissions) -> list[str]:
    """One line per permission, in plain words."""
    lines = [
        f"{_YES_NO[perms.reading]} {READING}",
        f"{_YES_NO[perms.spot_trading]} {SPOT_TRADING}",
    ]
    if perms.withdrawals is None:
        lines.append(f"? {WITHDRAWALS_UNKNOWN}")
    else:
        lines.append(f"{_YES_NO[perms.withdrawals]} {WITHDRAWALS}")
    if perms.ip_restricted is None:
        lines.append(f"? {IP_UNKNOWN}")
    else:
        lines.append(f"{_YES_NO[perms.ip_restricted]} {IP_RESTRICTED}")
    return lines


def audit_permissions(perms: Permissions, intended_use: IntendedUse, checked_at: datetime) -> Audit:
    """Decide which bots a key can serve and what the user should fix.

    Rules: reading makes a key usable for Ghost bots; reading plus spot trading for Trader bots.
    Withdrawals are refused outright (no bot ever needs them). No IP restriction earns a warning.
    Trading on a key meant for Ghost bots earns a least-privilege hint.
    """
    findings: list[AuditFinding] = []
    ghost_ok = perms.reading
    trader_ok = perms.reading and perms.spot_trading

    if perms.withdrawals:
        findings.append(
            AuditFinding(
                "refusal",
                CAN_WITHDRAW,
                "permissions",
            )
        )
    if not perms.reading:
        findings.append(
            AuditFinding(
                "warning",
                CANNOT_READ,
                "permissions",
            )
        )
    if perms.ip_restricted is False:
        findings.append(
            AuditFinding(
                "warning",
                ANY_IP,
                "ip-restriction",
            )
        )
    if perms.spot_trading and intended_use is IntendedUse.GHOST:
        findings.append(
            AuditFinding(
                "warning",
                TRADES_FOR_GHOST,
                "least-privilege",
            )
        )
    if intended_use is IntendedUse.TRADER and perms.reading and not perms.spot_trading:
        findings.append(
            AuditFinding(
                "warning",
                CANNOT_TRADE,
                "trading-key",
            )
        )
    if perms.partial:
        findings.append(
            AuditFinding(
                "warning",
                PARTIAL,
                None,
            )
        )
    if not findings:
        findings.append(AuditFinding("ok", ALL_GOOD, None))
    return Audit(
        permissions=perms,
        checked_at=checked_at,
        ghost_ok=ghost_ok and not perms.withdrawals,
        trader_ok=trader_ok and not perms.withdrawals,
        findings=tuple(findings),
    )
