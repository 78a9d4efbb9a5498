"""What every front end shows of each bot: the bot list's and the Dashboard's rows, and the JSON of
``crypty bot list --json``, from one place.

A ``BotRow`` is a bot as recorded: its settings, its saved state (and why), whether another
Crypty process runs it, its last action, and its balances and P&L by the core's one rule
(``reports.pnl.stored_pnl``: the wallet rebuilt from the order log, at a given price or its last
stored one). ``bot_rows`` reads them all (local reads: the database and the lock files); the
window's models and the command line show the same numbers from them. No Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crypty_desktop.bots.ownership import Owner
from crypty_desktop.bots.pnl import BotPnl
from crypty_desktop.domain.bots import BotSpec, BotState
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.money import strip
from crypty_desktop.domain.platform import Platform
from crypty_desktop.reports.pnl import market_assets, stored_pnl

if TYPE_CHECKING:
    from crypty_desktop.reports.sources import Services

# A bot's log entries that are not actions (a note, a candle with nothing to do).
_NOT_ACTIONS = ("info", "hold")
_LAST_ACTION_LOOKBACK = 30


@dataclass(frozen=True)
class BotRow:
    """One bot as every front end shows it."""

    spec: BotSpec
    platform: Platform | None  # None: the platform was removed
    state: BotState
    reason: str  # why it is in that state (a core sentence), "" if nothing to say
    elsewhere: Owner | None  # another Crypty process runs it
    last_action: str  # its last decision that did something (a core sentence)
    pnl: BotPnl | None  # None: the market's assets cannot be told yet
    quote: str  # the quote asset its P&L is in ("" when not known)

    @property
    def platform_name(self) -> str:
        return self.platform.name if self.platform is not None else ""


def last_action(core: Services, bot_id: str) -> str:
    """The bot's latest decision that did something (not a note or a hold), "" if none."""
    for decision in reversed(core.bot_store.decisions(bot_id, limit=_LAST_ACTION_LOOKBACK)):
        if decision.action not in _NOT_ACTIONS:
            return decision.message
    return ""


def bot_row(
    core: Services,
    spec: BotSpec,
    platforms: Mapping[int, Platform],
    rules: SymbolRules | None = None,
    price: Decimal | None = None,
) -> BotRow:
    """One bot's row: ``rules`` tell its assets when known (else its market's name does),
    ``price`` values what it holds (else its last stored price). Local reads."""
    state, reason, _should_run = core.bot_store.state(spec.id)
    assets = market_assets(spec.symbol, rules)
    return BotRow(
        spec=spec,
        platform=platforms.get(spec.platform_id),
        state=state,
        reason=reason,
        elsewhere=core.bots.owner_elsewhere(spec),
        last_action=last_action(core, spec.id),
        pnl=stored_pnl(core.bot_store, core.order_log, spec, rules, price),
        quote=assets[1] if assets is not None else "",
    )


def bot_rows(
    core: Services,
    rules: Mapping[str, SymbolRules] | None = None,
    prices: Mapping[str, Decimal] | None = None,
) -> list[BotRow]:
    """Every bot's row, in name order (rules and prices by bot id, when known)."""
    platforms = {p.id: p for p in core.platforms.list()}
    rows = [
        bot_row(core, spec, platforms, (rules or {}).get(spec.id), (prices or {}).get(spec.id))
        for spec in core.bots.list()
    ]
    return sorted(rows, key=lambda row: row.spec.name.lower())


# --- as JSON (``crypty bot list --json``) ---------------------------------------------------------
PNL_KEYS = (
    "price",
    "equity",
    "pnl",
    "pnl_pct",
    "realised",
    "unrealised",
    "fees",
    "quote_free",
    "quote_locked",
    "base_free",
    "base_locked",
    "open_orders",
)


def _money(value: Decimal | None) -> str | None:
    return strip(value) if value is not None else None


def spec_json(spec: BotSpec, platform_name: str, state: str) -> dict[str, Any]:
    """A bot's settings and state as plain JSON values (amounts as exact text)."""
    risk = spec.risk
    return {
        "name": spec.name,
        "kind": spec.kind.value,
        "platform": platform_name,
        "symbol": spec.symbol,
        "interval": spec.interval,
        "strategy": spec.strategy,
        "params": spec.params,
        "budget": strip(spec.budget),
        "stop_loss": strip(risk.stop_loss_pct) if risk.stop_loss_pct else None,
        "take_profit": strip(risk.take_profit_pct) if risk.take_profit_pct else None,
        "max_drawdown": strip(risk.max_drawdown_pct) if risk.max_drawdown_pct else None,
        "trailing_stop": strip(risk.trailing_stop_pct) if risk.trailing_stop_pct else None,
        "state": state,
    }


def pnl_json(pnl: BotPnl | None) -> dict[str, Any]:
    """The bot's balances and P&L; null where not known (no price yet while it holds base)."""
    if pnl is None:
        return dict.fromkeys(PNL_KEYS)
    return {
        "price": _money(pnl.price),
        "equity": _money(pnl.equity),
        "pnl": _money(pnl.pnl),
        "pnl_pct": _money(pnl.pnl_pct),
        "realised": strip(pnl.realised),
        "unrealised": _money(pnl.unrealised),
        "fees": strip(pnl.fees),
        "quote_free": strip(pnl.quote_free),
        "quote_locked": strip(pnl.quote_locked),
        "base_free": strip(pnl.base_free),
        "base_locked": strip(pnl.base_locked),
        "open_orders": pnl.open_orders,
    }


def row_json(row: BotRow) -> dict[str, Any]:
    """What ``crypty bot list --json`` prints for a bot: the row the window shows."""
    return (
        spec_json(row.spec, row.platform_name or "?", row.state.value)
        | {
            "reason": row.reason or None,
            "running_elsewhere": row.elsewhere is not None,
            "last_action": row.last_action or None,
            "quote": row.quote or None,
        }
        | pnl_json(row.pnl)
    )
