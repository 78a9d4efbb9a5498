"""Parity with live: a bot's own trades against a backtest of its own window.

A Ghost bot on the demo exchange runs over the demo's candles, one candle at a time through its
real thread, feed, paper broker and order log; the backtest of its window must make the same
trades (100 %). Then real differences, each with its reason: a manual sale, a missed candle, a
partial fill and a fee in BNB on a Trader bot against the loopback fake Binance.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from crypty_desktop.app import Core, build_core
from crypty_desktop.bots.brokers import LiveBroker
from crypty_desktop.bots.engine import BotRunner
from crypty_desktop.bots.stopping import SELL_REASON
from crypty_desktop.cli import main
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.bots import BotKind, BotSpec, OnStop
from crypty_desktop.domain.market import Candle
from crypty_desktop.domain.orders import OrderStatus, Side
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType
from crypty_desktop.exchange.binance import BinanceGateway
from crypty_desktop.exchange.simulated import SimulatedExchange
from crypty_desktop.reports import parity as p
from crypty_desktop.reports.parity_run import bot_parity
from crypty_desktop.settings import Settings
from crypty_desktop.strategies.registry import create_strategy
from crypty_desktop.wording import parse
from tests.bots.test_live_broker import add_symbol
from tests.exchange.test_demo_restart import start, step_until
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import KEY, SECRET, trading_key
from tests.memory_keyring import MemoryKeyring

D = Decimal
PRICE = D("60000")


def template(sentence: str) -> str:
    parsed = parse(sentence)
    assert parsed is not None, sentence
    return parsed.template


def ghost(core: Core, name: str = "ghost", **params: str) -> BotSpec:
    demo = ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    return core.bots.create(
        name=name,
        platform_name=demo.name,
        kind=BotKind.GHOST,
        symbol="BTCUSDT",
        strategy="sma_cross",
        params=params or {"fast": "3", "slow": "8", "quote_amount": "200"},
        budget="1000",
    )


def filled(core: Core, spec: BotSpec) -> int:
    return sum(1 for o in core.order_log.orders(spec.id) if o.status is OrderStatus.FILLED)


def run_ghost(core: Core, spec: BotSpec, trades: int, on_stop: OnStop = OnStop.KEEP) -> None:
    gateway, thread = start(core, spec)
    try:
        step_until(gateway, thread, lambda: filled(core, spec) >= trades, most=3000)
    finally:
        thread.stop()


def test_a_ghost_bot_on_the_demo_matches_its_backtest_trade_for_trade(core: Core) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=8)
    report = bot_parity(core, spec)
    assert len(report.matched) >= 8
    assert report.only_live == [] and report.only_backtest == []
    assert report.match_pct == 100 and report.identical == len(report.matched)
    for pair in report.matched:
        assert (pair.price_diff, pair.quantity_diff) == (0, 0)
        assert pair.live.time == pair.backtest.time and pair.live.side is pair.backtest.side
    assert report.records.missing == ()
    assert report.candles > 8


def test_live_trades_carry_the_reason_the_strategy_gave(core: Core) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=2)
    report = bot_parity(core, spec)
    assert all(pair.live.reason for pair in report.matched)  # paper orders keep their reason
    assert all(row.reason for row in core.order_log.orders(spec.id))


def test_a_sale_when_the_user_stops_the_bot_is_a_manual_action(core: Core) -> None:
    spec = ghost(core)
    gateway, thread = start(core, spec)
    try:
        step_until(gateway, thread, lambda: filled(core, spec) % 2 == 1, most=3000)
    finally:
        thread.stop()
    thread.built.runner.wind_down(OnStop.SELL, "Demo")  # stopped with "sell what it holds"
    report = bot_parity(core, spec)
    [manual] = report.only_live
    assert manual.trade.side is Side.SELL and manual.trade.reason == SELL_REASON
    assert template(manual.reason) == p.MANUAL
    assert report.only_backtest == [] and report.identical == len(report.matched) == 1


def test_candles_caught_up_after_an_absence_are_not_traded_and_said_so(core: Core) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=4)
    gateway = core.gateway_for(core.bots.platform_of(spec))
    assert isinstance(gateway, SimulatedExchange)
    gateway.advance(40)  # the app was closed for 40 minutes
    run_ghost(core, spec, trades=12)
    report = bot_parity(core, spec)
    [(first, last, count)] = report.records.away
    assert count == 40 and last - first == 39 * 60_000  # first and last caught-up candles
    assert report.only_live == [] and report.only_backtest
    first_gap = min(u.trade.time for u in report.only_backtest)
    for pair in report.matched:
        if pair.live.time < first_gap:
            assert pair.notes == ()  # identical until the bot went away
    reasons = [template(u.reason) for u in report.only_backtest]
    assert reasons[0] == p.AWAY.other and set(reasons) <= {p.AWAY.other, p.KNOCK_ON}


# --- the comparison itself, on hand-made trades ------------------------------------------------
MIN = 60_000
T0 = 1_700_000_040_000 // MIN * MIN


def trade(side: Side, minute: int, price: str = "100", qty: str = "1", **extra: object) -> p.Trade:
    values: dict[str, object] = {
        "side": side,
        "time": T0 + minute * MIN,
        "price": D(price),
        "quantity": D(qty),
        "fee": D("0.001"),
        "fee_asset": "BTC",
        "parts": 1,
        "order_id": f"o{minute}{side.value}",
    }
    return p.Trade(**(values | extra))  # type: ignore[arg-type]


def records(**extra: object) -> p.Records:
    values: dict[str, object] = {
        "symbol": "BTCUSDT",
        "interval_ms": MIN,
        "first_open": T0,
        "last_open": T0 + 59 * MIN,
        "base_asset": "BTC",
        "quote_asset": "USDT",
    }
    return p.Records(**(values | extra))  # type: ignore[arg-type]


def test_pairs_are_the_same_side_on_the_same_candle_with_their_differences() -> None:
    live = [trade(Side.BUY, 3, "100.5"), trade(Side.SELL, 9, qty="0.9")]
    backtest = [trade(Side.BUY, 3), trade(Side.SELL, 9)]
    report = p.compare(live, backtest, records())
    buy, sell = report.matched
    assert (buy.price_diff, buy.price_diff_pct, buy.quantity_diff) == (D("0.5"), D("0.5"), 0)
    assert [template(n) for n in buy.notes] == [p.SLIPPAGE]
    assert [template(n) for n in sell.notes] == [p.SIZE]
    assert report.match_pct == 100 and report.identical == 0
    assert report.as_json()["matched"][0]["price_diff_pct"] == "0.50"


def test_each_unmatched_trade_gets_the_first_reason_its_records_give() -> None:
    live = [
        trade(Side.BUY, -5),  # before the window
        trade(Side.SELL, 4, protective=True),  # a stop filled on the exchange
        trade(Side.BUY, 70),  # after the window
    ]
    backtest = [
        trade(Side.BUY, 12),  # the bot's order was refused on candle 11
        trade(Side.SELL, 30),  # the user had cancelled an order at minute 20
    ]
    rec = records(refused=((T0 + 12 * MIN - 1, "not enough USDT"),), user_cancels=(T0 + 20 * MIN,))
    report = p.compare(live, backtest, rec)
    assert report.matched == [] and report.match_pct == 0
    said = [template(u.reason) for u in report.only_live + report.only_backtest]
    assert said == [p.BEFORE_WINDOW, p.STOP_ON_EXCHANGE, p.AFTER_WINDOW, p.REFUSED, p.USER_CANCEL]
    assert report.only_backtest[0].reason.endswith("not enough USDT")


def test_a_difference_without_a_cause_is_said_and_what_follows_points_at_it() -> None:
    report = p.compare([trade(Side.BUY, 5)], [trade(Side.BUY, 6), trade(Side.SELL, 8)], records())
    reasons = sorted(
        (u.trade.time, template(u.reason)) for u in report.only_live + report.only_backtest
    )
    assert [r for _, r in reasons] == [p.UNEXPLAINED, p.KNOCK_ON, p.KNOCK_ON]
    assert p.when(T0 + 5 * MIN) in report.only_backtest[0].reason


def test_nothing_traded_on_either_side_is_said_in_words() -> None:
    report = p.compare([], [], records())
    assert report.match_pct == 100 and report.summary() == p.NO_TRADE


# --- a Trader bot against the loopback fake Binance ---------------------------------------------
STEP = 60_000
BASE = 1_700_000_040_000 // STEP * STEP  # a minute in the past: the fake's clock is moved to it


def market(count: int, jump_at: int) -> list[Candle]:
    """Flat candles at 60,000, each opening at the last close, except ``jump_at`` which opens
    30 higher (then closes back): a market order decided before it slips against the open."""
    out = []
    for i in range(count):
        t = BASE + i * STEP
        open_ = PRICE + 30 if i == jump_at else PRICE
        out.append(
            Candle("BTCUSDT", "1m", t, open_, open_ + 40, PRICE - 40, PRICE, D(3), t + STEP - 1)
        )
    return out


@pytest.fixture
def binance(
    fake_binance: FakeBinance, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Core]:
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10000")
    fake_binance.set_balance("BNB", "1")
    fake_binance.set_price("BTCUSDT", PRICE)
    add_symbol(fake_binance, "BNBUSDT", "BNB")
    fake_binance.set_price("BNBUSDT", "600")
    monkeypatch.setenv("CRYPTY_BINANCE_URL", fake_binance.url)
    core = build_core(Settings.from_env(), CredentialStore(memory_keyring))
    core.platforms.add(
        "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
    )
    yield core
    core.close()


def trade_on(core: Core, fake: FakeBinance, spec: BotSpec, candles: list[Candle]) -> BotRunner:
    """The bot's own runner and live broker, one candle at a time; the exchange's clock stands
    just after each candle's close, so the bot's market orders fill on the next candle."""
    platform = core.bots.platform_of(spec)
    gateway = core.gateway_for(platform)
    assert isinstance(gateway, BinanceGateway)
    rules = gateway.symbol_rules(spec.symbol)
    broker = LiveBroker(spec.id, platform.id, rules, spec.budget, gateway, core.order_log)
    runner = BotRunner(spec, create_strategy(spec.strategy, spec.params), broker, core.bot_store)
    runner.start()
    for index, candle in enumerate(candles):
        fake.server_time_offset_ms = candle.close_time + 200 - int(time.time() * 1000)
        gateway.sync_time()
        fake.set_price("BTCUSDT", candle.close)
        if index == 3:  # from now on the account pays its fees in BNB
            fake.pay_fees_in_bnb(True, bnb_prices={"USDT": "600"})
        if index == 6:  # a shallow book: the next market buy fills in part
            fake.set_liquidity("BTCUSDT", "0.0002")
        if index == 7:
            fake.set_liquidity("BTCUSDT", None)
        runner.step(candle)
    return runner


def test_a_trader_bot_differs_from_its_backtest_for_reasons_it_can_name(
    binance: Core, fake_binance: FakeBinance
) -> None:
    spec = binance.bots.create(
        name="trader",
        platform_name="Binance",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="dca",
        params={"every": "3", "quote_amount": "20", "take_profit_pct": "50", "safety_orders": "0"},
        budget="200",
    )
    candles = market(16, jump_at=10)
    runner = trade_on(binance, fake_binance, spec, candles)
    runner.wind_down(OnStop.SELL, "Binance")  # the user stops it, selling what it holds
    runner.stop()
    # Candle 11 never reached the store (a dropped stream): the backtest does not see it.
    binance.candles.save("binance", [c for c in candles if c.open_time != BASE + 11 * STEP])

    report = bot_parity(binance, spec)
    by_candle = {(pair.live.time - BASE) // STEP: pair for pair in report.matched}
    assert sorted(by_candle) == [1, 4, 7, 10]
    assert by_candle[1].notes == ()  # filled at the candle's price, fee in BTC: identical
    [bnb] = by_candle[4].notes
    assert template(bnb) == p.BNB_FEE
    # From candle 4 on every fee is in BNB; the note stays beside the others.
    assert [template(n) for n in by_candle[7].notes] == [
        p.PARTIAL.one,
        p.BNB_FEE,
    ]  # one part, short of the order
    assert by_candle[7].quantity_diff < 0
    assert [template(n) for n in by_candle[10].notes] == [p.BNB_FEE, p.SLIPPAGE]
    assert by_candle[10].price_diff == D(-30)  # the bot paid the close, the backtest the open
    live = [((u.trade.time - BASE) // STEP, template(u.reason)) for u in report.only_live]
    backtest = [((u.trade.time - BASE) // STEP, template(u.reason)) for u in report.only_backtest]
    assert live == [
        (13, p.GAP.one),  # the bot bought on its schedule; the backtest, without candle 11, did not
        (16, p.AFTER_WINDOW),  # decided on the last candle, filled after it
        (16, p.MANUAL),  # the sale when the user stopped it
    ]
    assert backtest == [(14, p.GAP.one)]  # one candle late, for want of candle 11
    assert SELL_REASON in report.only_live[2].reason
    assert report.match_pct == 50


# --- the command line -------------------------------------------------------------------------
def cli(core: Core, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), core=core, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_bot_parity_on_the_command_line_in_words_and_json(core: Core) -> None:
    spec = ghost(core)
    run_ghost(core, spec, trades=4)
    code, out, err = cli(core, "bot", "parity", "ghost", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["match_pct"] == "100.00" and data["only_live"] == data["only_backtest"] == []
    assert len(data["matched"]) >= 4
    pair = data["matched"][0]
    assert pair["price_diff"] == "0" and pair["quantity_diff"] == "0"
    assert pair["live"]["price"] == pair["backtest"]["price"]
    assert data["window"]["from"] < data["window"]["to"] and data["missing_candles"] == 0

    code, out, err = cli(core, "bot", "parity", "ghost")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("ghost: BTCUSDT ")
    total = len(data["matched"])
    assert lines[1] == (
        f"{total} of {total} trades match (100.00 %): 0 only live, 0 only in the backtest."
    )
    assert sum(" matched (backtest " in line for line in lines) == total


def test_bot_parity_refuses_a_bad_name_and_a_bot_that_never_ran(core: Core) -> None:
    spec = ghost(core)
    before = core.bot_store.runtime(spec.id), core.bot_store.decisions(spec.id)
    code, out, err = cli(core, "bot", "parity", "nobody")
    assert code != 0 and out == "" and "nobody" in err
    code, out, err = cli(core, "bot", "parity", "ghost", "--json")
    assert code != 0 and out == ""
    assert "has not traded on any candle yet" in err
    assert (core.bot_store.runtime(spec.id), core.bot_store.decisions(spec.id)) == before


def test_a_tiny_slippage_is_never_written_as_minus_zero() -> None:
    report = p.compare([trade(Side.BUY, 3, "69436")], [trade(Side.BUY, 3, "69436.01")], records())
    [pair] = report.matched
    assert pair.as_json()["price_diff_pct"] == "0.00" and pair.as_json()["price_diff"] == "-0.01"
