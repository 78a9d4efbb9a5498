"""What the Dashboard shows, as data any front end can show: each platform's balances valued in
USDT (or what kept them from being read), and each bot's row (``reports.bots``) at the latest
price known. Network for the balances and for a market's rules the first time (run it in a job).
No Qt: the window turns an error into words when it shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from crypty_desktop.bots.pnl import BotPnl
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.platform import Platform
from crypty_desktop.portfolio import PlatformValue, value_balances
from crypty_desktop.reports.bots import BotRow, bot_row

if TYPE_CHECKING:
    from crypty_desktop.reports.sources import Services


@dataclass(frozen=True)
class PlatformBalances:
    """A platform's balances valued in USDT, or the error that kept them from being read."""

    platform: Platform
    value: PlatformValue | None
    error: BaseException | None = None


@dataclass(frozen=True)
class DashboardRow:
    """A bot's report row, or the bot and the error that kept it from being read."""

    report: BotRow | None
    failed: BotSpec | None = None
    error: BaseException | None = None

    @property
    def spec(self) -> BotSpec:
        if self.report is not None:
            return self.report.spec
        assert self.failed is not None
        return self.failed

    @property
    def pnl(self) -> BotPnl | None:
        return self.report.pnl if self.report is not None else None

    @property
    def quote(self) -> str:
        return self.report.quote if self.report is not None else ""


@dataclass
class Snapshot:
    balances: list[PlatformBalances] = field(default_factory=list)
    bots: list[DashboardRow] = field(default_factory=list)
    taken_at: datetime = field(default_factory=datetime.now)


def read_balances(core: Services, platform: Platform) -> PlatformBalances:
    """One platform's balances valued in USDT, or why they could not be read (network)."""
    try:
        gateway = core.gateway_for(platform)
        return PlatformBalances(platform, value_balances(gateway, gateway.balances()))
    except Exception as error:  # noqa: BLE001 - one platform must not hide the others
        return PlatformBalances(platform, None, error)


def read_bot(
    core: Services, spec: BotSpec, price: Decimal | None, platforms: Mapping[int, Platform]
) -> DashboardRow:
    """A bot's row as ``crypty bot list`` shows it, at ``price`` (its last stored one when None).

    The market's rules are read for its assets (network the first time for Binance); without
    them the assets are told from the market's name."""
    try:
        rules: SymbolRules | None = None
        try:
            rules = core.gateway_for(core.bots.platform_of(spec)).symbol_rules(spec.symbol)
        except CryptyError:
            rules = None
        return DashboardRow(bot_row(core, spec, platforms, rules, price))
    except Exception as error:  # noqa: BLE001 - shown on the bot's row, in words
        return DashboardRow(None, spec, error)


def take_snapshot(
    core: Services, platforms: list[Platform], prices: Mapping[str, Decimal], balances: bool = True
) -> Snapshot:
    """Everything the Dashboard shows (``balances`` False: the bots only)."""
    snapshot = Snapshot()
    if balances:
        snapshot.balances = [read_balances(core, p) for p in platforms]
    known = {p.id: p for p in core.platforms.list()}
    snapshot.bots = [read_bot(core, s, prices.get(s.id), known) for s in core.bots.list()]
    return snapshot
