"""The permission audit's verdicts, written out by hand from the rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crypty_desktop.domain.audit import audit_permissions, describe
from crypty_desktop.domain.platform import IntendedUse, Permissions

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def perms(**kw: object) -> Permissions:
    base: dict[str, object] = dict(
        reading=True, spot_trading=False, withdrawals=False, ip_restricted=True
    )
    base.update(kw)
    return Permissions(**base)  # type: ignore[arg-type]


def test_read_only_restricted_key_is_for_ghost_bots_only_and_clean() -> None:
    audit = audit_permissions(perms(), IntendedUse.GHOST, NOW)
    assert (audit.ghost_ok, audit.trader_ok, audit.refused) == (True, False, False)
    assert audit.warnings == []
    assert audit.summary() == "Ghost bots"


def test_trading_key_serves_both_kinds() -> None:
    audit = audit_permissions(perms(spot_trading=True), IntendedUse.TRADER, NOW)
    assert (audit.ghost_ok, audit.trader_ok) == (True, True)
    assert audit.warnings == []
    assert audit.summary() == "Ghost + Trader bots"


def test_withdrawals_are_refused_and_serve_no_bot() -> None:
    audit = audit_permissions(perms(spot_trading=True, withdrawals=True), IntendedUse.ANY, NOW)
    assert audit.refused
    assert (audit.ghost_ok, audit.trader_ok) == (False, False)
    assert "withdraw" in audit.warnings[0]
    assert audit.summary().startswith("Refused")


def test_unrestricted_ip_gets_a_warning_linking_to_the_fix() -> None:
    audit = audit_permissions(perms(ip_restricted=False), IntendedUse.GHOST, NOW)
    assert not audit.refused and audit.ghost_ok
    [finding] = audit.findings
    assert finding.level == "warning" and finding.help_topic == "ip-restriction"
    assert "IP" in finding.message


def test_trading_key_added_for_ghost_gets_least_privilege_hint() -> None:
    audit = audit_permissions(perms(spot_trading=True), IntendedUse.GHOST, NOW)
    assert [f.help_topic for f in audit.findings] == ["least-privilege"]


def test_trader_use_without_trading_says_how_to_enable_it() -> None:
    audit = audit_permissions(perms(), IntendedUse.TRADER, NOW)
    assert not audit.trader_ok
    assert [f.help_topic for f in audit.findings] == ["trading-key"]


def test_partial_audit_says_so() -> None:
    audit = audit_permissions(
        perms(withdrawals=None, ip_restricted=None, partial=True), IntendedUse.ANY, NOW
    )
    assert audit.ghost_ok and not audit.refused
    assert any("Partial" in w for w in audit.warnings)
    assert "partial" in audit.summary()


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (perms(), ["✓ Read", "✗ Spot", "✗ Withdrawals", "✓ Restricted"]),
        (
            perms(withdrawals=None, ip_restricted=None),
            ["✓ Read", "✗ Spot", "? Withdrawals", "? Re"],
        ),
    ],
)
def test_describe_in_words(p: Permissions, expected: list[str]) -> None:
    lines = describe(p)
    assert [line[: len(e)] for line, e in zip(lines, expected, strict=True)] == expected
