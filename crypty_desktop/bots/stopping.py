"""What a stop does with a bot's open orders and holdings, as the user chose (``OnStop``).

- ``KEEP``: nothing is touched; the log says what stays open and what it keeps locked (on the
  exchange for a Trader bot; a Ghost bot's paper orders wait for it to run again).
- ``CANCEL``: every open order is cancelled through the broker (a Trader's on the exchange,
  settled with its fills: one that filled first is a normal outcome; a Ghost's released).
- ``SELL``: the same, then what the bot holds is sold at market through the same order path (a
  Ghost's paper sale fills at the last known price).

Run on the bot's thread once its loop has ended. Returns the lines for the bot's log, the last
one saying in a sentence what was done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from crypty_desktop.bots.brokers import Broker, LiveBroker, PaperBroker
from crypty_desktop.domain.bots import BotSpec, EventKind, OnStop, kind_of_error
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.money import ZERO, strip
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.strategies.base import Intent
from crypty_desktop.wording import QT_TRANSLATE_NOOP, plural

CANCEL_REASON = QT_TRANSLATE_NOOP("Core", "the bot was stopped")
SELL_REASON = QT_TRANSLATE_NOOP("Core", "the bot was stopped: selling what it holds")
KEPT_LIVE = QT_TRANSLATE_NOOP(
    "Core", "Stopped; open orders kept on {platform}: {count} ({locked} locked)."
)
KEPT_PAPER = QT_TRANSLATE_NOOP(
    "Core",
    "Stopped; paper orders kept: {count} ({locked} locked). They fill only while the bot runs.",
)
CANCELLED_ALL = plural(
    QT_TRANSLATE_NOOP("Core", "Stopped; {count} open order cancelled."),
    QT_TRANSLATE_NOOP("Core", "Stopped; {count} open orders cancelled."),
)
NONE_TO_CANCEL = QT_TRANSLATE_NOOP("Core", "Stopped; there was no open order to cancel.")
NOT_ALL_CANCELLED = plural(
    QT_TRANSLATE_NOOP(
        "Core",
        "Stopped; {failed} open order (of {count}) could not be cancelled and may still be "
        "open: {error}",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "Stopped; {failed} open orders (of {count}) could not be cancelled and may still be "
        "open: {error}",
    ),
    count="failed",
)
SOLD_ON_STOP = plural(
    QT_TRANSLATE_NOOP(
        "Core", "Stopped; {count} open order cancelled and {quantity} {asset} sold at market."
    ),
    QT_TRANSLATE_NOOP(
        "Core", "Stopped; {count} open orders cancelled and {quantity} {asset} sold at market."
    ),
)
NOTHING_HELD = plural(
    QT_TRANSLATE_NOOP(
        "Core", "Stopped; {count} open order cancelled; the bot held no {asset} to sell."
    ),
    QT_TRANSLATE_NOOP(
        "Core", "Stopped; {count} open orders cancelled; the bot held no {asset} to sell."
    ),
)
NOT_SOLD = plural(
    QT_TRANSLATE_NOOP(
        "Core",
        "Stopped; {count} open order cancelled, but the {asset} it holds was not sold: {error}",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "Stopped; {count} open orders cancelled, but the {asset} it holds was not sold: {error}",
    ),
)
# Lines earlier versions wrote in bots' logs, still read back (and translated) from the database.
WRITTEN_BEFORE = (
    QT_TRANSLATE_NOOP("Core", "Stopped; {count} open order(s) cancelled."),
    QT_TRANSLATE_NOOP(
        "Core",
        "Stopped; {failed} of {count} open order(s) could not be cancelled and may still be "
        "open: {error}",
    ),
    QT_TRANSLATE_NOOP(
        "Core", "Stopped; {count} open order(s) cancelled and {quantity} {asset} sold at market."
    ),
    QT_TRANSLATE_NOOP(
        "Core", "Stopped; {count} open order(s) cancelled; the bot held no {asset} to sell."
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "Stopped; {count} open order(s) cancelled, but the {asset} it holds was not sold: {error}",
    ),
)
NO_PRICE = QT_TRANSLATE_NOOP("Core", "no price is known yet")

Line = tuple[str, str, EventKind]  # (action, message, kind) for the bot's log


@dataclass(frozen=True)
class StopWork:
    """What a stop works on: the bot's broker, its last price and a time for its log lines."""

    broker: Broker
    spec: BotSpec
    price: Decimal | None
    time: int
    platform: str  # the platform's name, where a Trader's orders stay


def locked_text(broker: Broker) -> str:
    """What the open orders keep locked: ``39.80 USDT`` and/or ``0.0012 BTC``."""
    rules, wallet = broker.rules, broker.wallet
    parts = []
    if wallet.locked_quote > 0:  # to the price's tick, rounded as the window shows amounts
        tick = rules.tick_size.normalize()
        quote = wallet.locked_quote
        shown = format(quote.quantize(tick, ROUND_HALF_EVEN), "f") if tick > 0 else strip(quote)
        parts.append(f"{shown} {rules.quote_asset}")
    if wallet.locked_base > 0:
        parts.append(f"{strip(wallet.locked_base)} {rules.base_asset}")
    return " + ".join(parts) or f"0 {rules.quote_asset}"


def wind_down(work: StopWork, on_stop: OnStop, describe: Callable[[Fill], str]) -> list[Line]:
    """Do what the user chose; ``describe`` words a fill for the log."""
    broker = work.broker
    count = len(broker.open)
    if on_stop is OnStop.KEEP:
        if not count:
            return []
        kept = KEPT_LIVE if isinstance(broker, LiveBroker) else KEPT_PAPER
        text = kept.format(platform=work.platform, count=count, locked=locked_text(broker))
        return [("info", text, EventKind.INFO)]
    lines, errors = _cancel_all(broker, describe)
    if errors:
        failed = NOT_ALL_CANCELLED.format(failed=len(errors), count=count, error=errors[0])
        return [*lines, ("error", failed, EventKind.ERROR)]
    if on_stop is OnStop.CANCEL:
        done = CANCELLED_ALL.format(count=count) if count else NONE_TO_CANCEL
        return [*lines, ("info", done, EventKind.INFO)]
    return lines + _sell_all(work, count, describe)


def _cancel_all(broker: Broker, describe: Callable[[Fill], str]) -> tuple[list[Line], list[str]]:
    lines: list[Line] = []
    errors: list[str] = []
    for cid in list(broker.open):
        try:
            done = broker.cancel_order(cid, CANCEL_REASON)
        except CryptyError as exc:
            errors.append(str(exc))
            continue
        lines.append((done.action, done.message, done.kind))
        lines += [_fill_line(f, describe) for f in done.fills]
    return lines, errors


def _sell_all(work: StopWork, count: int, describe: Callable[[Fill], str]) -> list[Line]:
    broker, rules = work.broker, work.broker.rules
    held = broker.position().base  # what can be sold: dust below a lot is not
    asset = rules.base_asset
    if held <= 0:
        return [("info", NOTHING_HELD.format(count=count, asset=asset), EventKind.INFO)]
    if work.price is None:
        return [
            ("error", NOT_SOLD.format(count=count, asset=asset, error=NO_PRICE), EventKind.ERROR)
        ]
    price = work.price
    at = Candle(
        rules.symbol, work.spec.interval, work.time, price, price, price, price, ZERO, work.time
    )
    try:
        done = broker.execute(Intent(Side.SELL, SELL_REASON, base_qty=held), at)
    except CryptyError as exc:
        return [("error", NOT_SOLD.format(count=count, asset=asset, error=exc), kind_of_error(exc))]
    fills = list(done.fills)
    if isinstance(broker, PaperBroker):  # a paper market order fills at the last price
        fills += [fill for fill, _tag in broker.fill_now(price, work.time, work.spec.interval)]
    lines: list[Line] = [(done.action, done.message, done.kind)]
    lines += [_fill_line(f, describe) for f in fills]
    sold = sum((f.quantity for f in fills if f.side is Side.SELL), ZERO)
    summary = SOLD_ON_STOP.format(count=count, quantity=strip(sold), asset=asset)
    return [*lines, ("info", summary, EventKind.INFO)]


def _fill_line(fill: Fill, describe: Callable[[Fill], str]) -> Line:
    return (fill.side.value.lower(), describe(fill), EventKind.FILL)
