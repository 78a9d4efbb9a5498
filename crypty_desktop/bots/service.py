"""Creating, listing and removing bots: the rules shared by the window and the headless CLI.

``resume_on_start`` is what the window does with the bots that were running when it last closed: it
never touches a bot another process runs (``ownership``).

Creating a bot checks, before anything is saved: the platform exists and its key allows this kind of
bot (Ghost: reading; Trader: spot trading), the market exists and is trading, the strategy and its
parameters are valid, and the budget is at least the market's minimum order. These checks ask the
exchange (symbol rules, price), so the GUI calls ``create`` from a worker thread.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Required, TypedDict, Unpack

from crypty_desktop.bots.ownership import LockFolder, Owner, Role
from crypty_desktop.bots.removal import Removals, Removed
from crypty_desktop.domain.amounts import shown
from crypty_desktop.domain.bots import (
    RESUMED_GHOST,
    RESUMED_TRADER,
    WAS_RUNNING,
    BotKind,
    BotSpec,
    BotState,
    Decision,
    EventKind,
    RiskLimits,
)
from crypty_desktop.domain.bounds import AMOUNT_MAX as AMOUNT_MAX
from crypty_desktop.domain.bounds import NOT_A_PERCENT as NOT_A_PERCENT
from crypty_desktop.domain.bounds import parse_amount as parse_amount
from crypty_desktop.domain.bounds import parse_percent as parse_percent
from crypty_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from crypty_desktop.domain.filters import smallest_budget
from crypty_desktop.domain.market import INTERVAL_MS, UNKNOWN_INTERVAL, SymbolRules
from crypty_desktop.domain.names import clean_name, same_name
from crypty_desktop.domain.orders import OrderType
from crypty_desktop.domain.platform import Platform
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.platforms import PlatformService
from crypty_desktop.storage.bots import NAME_TAKEN, BotStore
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.wording import QT_TRANSLATE_NOOP

GatewayFor = Callable[[Platform], ExchangeGateway]
NAME_MAX = 40
QUOTE_FRESH_S = 60.0  # float-ok: seconds a market read by the editor stands for saving
# Saved states that mean someone was running the bot.
LIVE_STATES = (BotState.RUNNING, BotState.STARTING, BotState.STOPPING)

# The amounts of a bot, as their errors name them.
BUDGET = QT_TRANSLATE_NOOP("Core", "Budget")
STOP_LOSS = QT_TRANSLATE_NOOP("Core", "Stop-loss")
TAKE_PROFIT = QT_TRANSLATE_NOOP("Core", "Take-profit")
MAX_DRAWDOWN = QT_TRANSLATE_NOOP("Core", "Max drawdown")
TRAILING_STOP = QT_TRANSLATE_NOOP("Core", "Trailing stop")
NOT_CHECKED = QT_TRANSLATE_NOOP(
    "Core", "“{platform}” has not been checked yet. Use Test connection in Platforms."
)
CANNOT_READ = QT_TRANSLATE_NOOP("Core", "The key of “{platform}” cannot read your account.")
CANNOT_TRADE = QT_TRANSLATE_NOOP(
    "Core",
    "The key of “{platform}” cannot trade: Trader bots need a key with spot trading enabled. "
    "Create a Ghost bot, or add a trading key.",
)
PUBLIC_NO_TRADER = QT_TRANSLATE_NOOP(
    "Core",
    "“{platform}” shows Binance's public market data, with no key: it cannot place orders. "
    "Create a Ghost bot here (paper trading on live prices), or add a Binance platform with a "
    "trading key for a Trader bot.",
)
PLATFORM_GONE = QT_TRANSLATE_NOOP("Core", "The platform of bot “{name}” no longer exists.")
MARKET_FIXED = QT_TRANSLATE_NOOP(
    "Core",
    "“{name}” already has orders on {symbol}: its kind, platform and market cannot change. "
    "Create a new bot for another market.",
)
NAME_LENGTH = QT_TRANSLATE_NOOP("Core", "Give the bot a name of 1 to {count} characters.")
TOO_MANY_LEVELS = QT_TRANSLATE_NOOP(
    "Core",
    "A grid of {levels} levels keeps up to {levels_less_one} orders open, but Binance allows at "
    "most {limit} open orders on {symbol}. Choose fewer levels.",
)
NOT_TRADING = QT_TRANSLATE_NOOP("Core", "The market {symbol} is not trading on Binance right now.")
BELOW_MINIMUM = QT_TRANSLATE_NOOP(
    "Core",
    "The budget {budget} {asset} is below the smallest order Binance accepts on {symbol} at the "
    "current price ({minimum} {quote}).",
)
GRID_OUTSIDE_PRICE = QT_TRANSLATE_NOOP(
    "Core",
    "The grid from {lower} to {upper} {quote} does not contain the current {symbol} price, "
    "{price} {price_quote}: set the lower price below it and the upper price above it.",
)
LEVEL_BELOW_MINIMUM = QT_TRANSLATE_NOOP(
    "Core",
    "The amount per level, {amount} {quote}, is below the smallest order Binance accepts on "
    "{symbol} ({minimum} {minimum_quote}).",
)
GRID_BUDGET_SHORT = QT_TRANSLATE_NOOP(
    "Core",
    "A grid of {levels} levels buys on up to {orders} levels of {amount} {quote} each: that needs "
    "a budget of {needed} {needed_quote}, more than the budget of {budget} {budget_quote}.",
)


def check_grid(
    values: Mapping[str, object],
    budget: Decimal,
    rules: SymbolRules,
    price: Decimal,
    *,
    check_range: bool = True,
) -> None:
    """A grid that can work on this market now: its range holds the price, each level's order is
    at least the market's smallest, and the budget covers a buy on every level but the top one.

    ``check_range`` False: the range was saved before and the user did not change it (a stopped
    grid whose range the price has left can still be renamed).
    """
    lower, upper = Decimal(str(values["lower"])), Decimal(str(values["upper"]))
    levels, per_level = int(str(values["levels"])), Decimal(str(values["quote_per_level"]))
    quote, symbol = rules.quote_asset, rules.symbol
    if check_range and not lower <= price <= upper:
        raise ValidationError(
            GRID_OUTSIDE_PRICE.format(
                lower=shown(lower),
                upper=shown(upper),
                quote=quote,
                symbol=symbol,
                price=shown(price),
                price_quote=quote,
            )
        )
    minimum = smallest_budget(rules, price, OrderType.LIMIT)
    if per_level < minimum:
        raise ValidationError(
            LEVEL_BELOW_MINIMUM.format(
                amount=shown(per_level),
                quote=quote,
                symbol=symbol,
                minimum=shown(minimum),
                minimum_quote=quote,
            )
        )
    needed = per_level * (levels - 1)
    if budget < needed:
        raise ValidationError(
            GRID_BUDGET_SHORT.format(
                levels=levels,
                orders=levels - 1,
                amount=shown(per_level),
                quote=quote,
                needed=shown(needed),
                needed_quote=quote,
                budget=shown(budget),
                budget_quote=quote,
            )
        )


def _same_range(previous: BotSpec, symbol: str, values: Mapping[str, object]) -> bool:
    """The saved grid had this range on this market already."""
    if previous.strategy != "grid" or previous.symbol != symbol:
        return False
    try:
        return all(Decimal(str(previous.params[k])) == values[k] for k in ("lower", "upper"))
    except (KeyError, ArithmeticError, ValueError):
        return False


def check_open_order_limit(
    strategy: str, values: Mapping[str, object], limit: int, symbol: str
) -> None:
    """A grid rests one order per gap between levels: never more than the symbol allows."""
    if strategy != "grid" or limit <= 0:
        return
    levels = int(str(values.get("levels", 0)))
    if levels - 1 > limit:
        raise ValidationError(
            TOO_MANY_LEVELS.format(
                levels=levels, levels_less_one=levels - 1, symbol=symbol, limit=limit
            )
        )


def check_platform_allows(platform: Platform, kind: BotKind) -> None:
    """A Ghost bot needs a key that can read; a Trader bot one that can trade spot."""
    if kind is BotKind.TRADER and not platform.type.traders_allowed:
        raise PermissionDenied(PUBLIC_NO_TRADER.format(platform=platform.name))
    audit = platform.audit
    if audit is None:
        raise PermissionDenied(NOT_CHECKED.format(platform=platform.name))
    if kind is BotKind.GHOST and not audit.ghost_ok:
        raise PermissionDenied(CANNOT_READ.format(platform=platform.name))
    if kind is BotKind.TRADER and not audit.trader_ok:
        raise PermissionDenied(CANNOT_TRADE.format(platform=platform.name))


class BotInputs(TypedDict, total=False):
    """What the user chooses for a bot (the keyword arguments of ``create`` and ``update``)."""

    name: Required[str]
    platform_name: Required[str]
    kind: Required[BotKind]
    symbol: Required[str]
    strategy: Required[str]
    params: Mapping[str, str] | None
    budget: Required[str | Decimal]
    interval: str
    stop_loss: str | Decimal | None
    take_profit: str | Decimal | None
    max_drawdown: str | Decimal | None
    trailing_stop: str | Decimal | None
    market: MarketQuote | None


@dataclass(frozen=True)
class MarketQuote:
    """A market as read from its platform at one moment: rules, last price, smallest budget."""

    platform_id: int
    symbol: str
    rules: SymbolRules
    price: Decimal
    minimum: Decimal  # ``smallest_budget`` at ``price``
    taken: float = field(default_factory=time.monotonic)  # float-ok: monotonic seconds

    def fresh_for(self, platform: Platform, symbol: str) -> bool:
        """Of this platform and market, and read less than ``QUOTE_FRESH_S`` ago."""
        age = time.monotonic() - self.taken
        same = (self.platform_id, self.symbol) == (platform.id, symbol)
        return same and 0 <= age < QUOTE_FRESH_S


@dataclass(frozen=True)
class ResumePlan:
    """What the window does at start-up with the bots that were running.

    Attributes:
        resume: the bots to start again now (their "Resumed" note is already in their log).
        elsewhere: bot id → the other process that runs it; left exactly as it was.
        marked_stopped: the ids saved as stopped, "was running when the app closed".
    """

    resume: list[BotSpec] = field(default_factory=list)
    elsewhere: dict[str, Owner] = field(default_factory=dict)
    marked_stopped: list[str] = field(default_factory=list)


class BotService:
    def __init__(
        self,
        bots: BotStore,
        platforms: PlatformService,
        gateway_for: GatewayFor,
        locks: LockFolder,
        removals: Removals,
    ) -> None:
        self.bots = bots
        self.platforms = platforms
        self._gateway_for = gateway_for
        self.locks = locks
        self.removals = removals

    def market_quote(self, platform: Platform, symbol: str) -> MarketQuote:
        """The market's rules, last price and smallest budget (network: two exchange reads).

        Raises:
            UnknownSymbol: no such market, in words.
        """
        symbol = symbol.strip().upper()
        gateway = self._gateway_for(platform)
        rules = gateway.symbol_rules(symbol)
        price = gateway.ticker_price(symbol)
        return MarketQuote(platform.id, symbol, rules, price, smallest_budget(rules, price))

    def owner_elsewhere(self, spec: BotSpec) -> Owner | None:
        """The other process that runs this bot now, or None. Local and quick (no waiting)."""
        return self.locks.bot_owner_elsewhere(spec.id)

    def resume_on_start(self, auto_resume: bool) -> ResumePlan:
        """Sort out, as the window starts, the bots saved as running or to resume.

        A bot whose lock another process holds is running there: it is left as it is. Any other
        one was running when the app closed or crashed: with ``auto_resume`` a bot meant to resume
        is returned to start again (with a note in its log), the rest are saved stopped, "was
        running when the app closed". Each is written while holding its lock, so a process that
        starts it at that instant is never overwritten. Local database and files only.
        """
        plan = ResumePlan()
        for spec in self.bots.all():
            state, _reason, should_run = self.bots.state(spec.id)
            if not should_run and state not in LIVE_STATES:
                continue
            got = self.locks.acquire(self.locks.bot_path(spec.id), Role.WINDOW)
            if isinstance(got, Owner):
                plan.elsewhere[spec.id] = got
                continue
            with got:
                if should_run and auto_resume:
                    note = RESUMED_TRADER if spec.kind is BotKind.TRADER else RESUMED_GHOST
                    self.bots.add_decision(Decision(spec.id, 0, "info", note, EventKind.INFO))
                    plan.resume.append(spec)
                else:
                    self.bots.set_state(spec.id, BotState.STOPPED, WAS_RUNNING, should_run=False)
                    plan.marked_stopped.append(spec.id)
        return plan

    def list(self) -> list[BotSpec]:
        return self.bots.all()

    def find(self, name: str) -> BotSpec:
        return self.bots.find(name)

    def platform_of(self, spec: BotSpec) -> Platform:
        for platform in self.platforms.list():
            if platform.id == spec.platform_id:
                return platform
        raise NotFound(PLATFORM_GONE.format(name=spec.name))

    def create(self, **inputs: Unpack[BotInputs]) -> BotSpec:
        """Validate everything, then save the bot (stopped). Network I/O: symbol rules, price.

        Keyword arguments: ``BotInputs`` (those of ``checked_spec``).
        """
        spec = self.checked_spec(uuid.uuid4().hex[:16], **inputs)
        return self.bots.create(spec)

    def update(self, spec: BotSpec, **inputs: Unpack[BotInputs]) -> BotSpec:
        """Change a stopped bot's settings with the same checks as ``create``. Network I/O.

        A bot that has orders keeps its kind, platform and market (its position and open orders
        belong to them); a new strategy starts from a clean strategy state.
        """
        new = self.checked_spec(spec.id, previous=spec, **inputs)
        before = (spec.kind, spec.platform_id, spec.symbol)
        moved = (new.kind, new.platform_id, new.symbol) != before
        if moved and self.bots.has_orders(spec.id):
            raise ValidationError(MARKET_FIXED.format(name=spec.name, symbol=spec.symbol))
        return self.bots.update(new, reset_strategy=new.strategy != spec.strategy)

    def checked_spec(
        self,
        bot_id: str,
        *,
        name: str,
        platform_name: str,
        kind: BotKind,
        symbol: str,
        strategy: str,
        params: Mapping[str, str] | None = None,
        budget: str | Decimal,
        interval: str = "1m",
        stop_loss: str | Decimal | None = None,
        take_profit: str | Decimal | None = None,
        max_drawdown: str | Decimal | None = None,
        previous: BotSpec | None = None,
        trailing_stop: str | Decimal | None = None,
        market: MarketQuote | None = None,
    ) -> BotSpec:
        """The bot these inputs describe, every check done, nothing saved. Network I/O.

        ``previous``: the saved bot being changed; a grid range it already had is not checked
        against the price again. ``market``: the market as the editor last read it (rules, price,
        minimum); used when it is of this platform and market and recent, so that saving does not
        ask the exchange again (``market_quote`` otherwise).
        """
        name = clean_name(name, max_length=NAME_MAX, missing=NAME_LENGTH, too_long=NAME_LENGTH)
        if any(same_name(b.name, name) and b.id != bot_id for b in self.bots.all()):
            raise ValidationError(NAME_TAKEN.format(name=name))
        if interval not in INTERVAL_MS:
            raise ValidationError(UNKNOWN_INTERVAL.format(interval=interval))
        platform = self.platforms.find(platform_name)
        check_platform_allows(platform, kind)
        params = {k: str(v) for k, v in (params or {}).items()}
        chosen = create_strategy(strategy, params)  # ValidationError with the parameter's label
        amount = parse_amount(BUDGET, budget)
        assert amount is not None
        risk = RiskLimits(
            stop_loss_pct=parse_percent(STOP_LOSS, stop_loss),
            take_profit_pct=parse_amount(TAKE_PROFIT, take_profit, allow_none=True),
            max_drawdown_pct=parse_percent(MAX_DRAWDOWN, max_drawdown),
            trailing_stop_pct=parse_percent(TRAILING_STOP, trailing_stop),
        )
        symbol = symbol.strip().upper()
        if market is None or not market.fresh_for(platform, symbol):
            market = self.market_quote(platform, symbol)
        rules, price, minimum = market.rules, market.price, market.minimum
        if not rules.trading:
            raise ValidationError(NOT_TRADING.format(symbol=symbol))
        check_open_order_limit(strategy, chosen.values, rules.max_num_orders, symbol)
        if amount < minimum:
            raise ValidationError(
                BELOW_MINIMUM.format(
                    budget=shown(amount),
                    asset=rules.quote_asset,
                    symbol=symbol,
                    minimum=shown(minimum),
                    quote=rules.quote_asset,
                )
            )
        if strategy == "grid":
            kept = previous is not None and _same_range(previous, symbol, chosen.values)
            check_grid(chosen.values, amount, rules, price, check_range=not kept)
        return BotSpec(
            id=bot_id,
            name=name,
            kind=kind,
            platform_id=platform.id,
            symbol=symbol,
            interval=interval,
            strategy=strategy,
            params=params,
            budget=amount,
            risk=risk,
        )

    def remove(self, spec: BotSpec, *, confirmed: bool = False, role: Role = Role.CLI) -> Removed:
        """Remove a bot; one that runs or has open orders only when ``confirmed`` (it is then
        stopped and its orders cancelled first: ``Removals.remove_bot``)."""
        return self.removals.remove_bot(spec, confirmed=confirmed, role=role)
