"""What a user should read before a Trader bot spends real money: its risk limits in words, the
key's IP restriction, and a budget larger than what the account holds. Used by the window's
Trader confirmation and by ``crypty bot create``."""

from __future__ import annotations

from decimal import Decimal

from crypty_desktop.domain.amounts import ENGLISH, format_amount
from crypty_desktop.domain.bots import BotSpec, RiskLimits
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.platform import Platform
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.wording import QT_TRANSLATE_NOOP

NO_LIMITS = QT_TRANSLATE_NOOP(
    "Core", "No stop-loss, take-profit, trailing stop or drawdown limit: nothing sells for you."
)
STOP_LOSS_LINE = QT_TRANSLATE_NOOP("Core", "Stop-loss: sells everything {percent} % below entry.")
TAKE_PROFIT_LINE = QT_TRANSLATE_NOOP(
    "Core", "Take-profit: sells everything {percent} % above entry."
)
TRAILING_LINE = QT_TRANSLATE_NOOP(
    "Core", "Trailing stop: sells everything {percent} % below the highest price since entry."
)
DRAWDOWN_LINE = QT_TRANSLATE_NOOP(
    "Core", "Max drawdown: sells everything and stops when the bot is {percent} % below its peak."
)
ANY_IP = QT_TRANSLATE_NOOP(
    "Core",
    "This key works from any IP address: whoever obtains it can trade on your account. Restrict "
    "it to your IP address on Binance.",
)
BUDGET_ABOVE_FREE = QT_TRANSLATE_NOOP(
    "Core",
    "The budget ({budget}) is more than the {free} free on the account now: orders beyond what "
    "is free will be refused by Binance.",
)


def _pct(value: Decimal) -> str:
    return format_amount(value, ENGLISH)


def risk_lines(risk: RiskLimits) -> list[str]:
    """The bot's risk limits, one sentence each (or one saying there are none)."""
    lines = []
    if risk.stop_loss_pct is not None:
        lines.append(STOP_LOSS_LINE.format(percent=_pct(risk.stop_loss_pct)))
    if risk.take_profit_pct is not None:
        lines.append(TAKE_PROFIT_LINE.format(percent=_pct(risk.take_profit_pct)))
    if risk.trailing_stop_pct is not None:
        lines.append(TRAILING_LINE.format(percent=_pct(risk.trailing_stop_pct)))
    if risk.max_drawdown_pct is not None:
        lines.append(DRAWDOWN_LINE.format(percent=_pct(risk.max_drawdown_pct)))
    return lines or [NO_LIMITS]


def key_warnings(platform: Platform) -> list[str]:
    """What the platform's last key check found worth repeating before real orders."""
    audit = platform.audit
    if audit is not None and audit.permissions.ip_restricted is False:
        return [ANY_IP]
    return []


def budget_warning(spec: BotSpec, rules: SymbolRules, gateway: ExchangeGateway) -> str | None:
    """A budget above the account's free quote asset (asks the exchange: network I/O)."""
    try:
        balances = gateway.balances()
    except CryptyError:
        return None  # not known now; the order path refuses what the account cannot pay
    held = balances.get(rules.quote_asset)
    free = held.free if held is not None else Decimal(0)
    if spec.budget <= free:
        return None
    asset = rules.quote_asset
    return BUDGET_ABOVE_FREE.format(
        budget=f"{format_amount(spec.budget, ENGLISH)} {asset}",
        free=f"{format_amount(free, ENGLISH)} {asset}",
    )
