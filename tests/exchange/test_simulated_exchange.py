"""The simulated exchange, on hand-written candles with hand-computed fills, fees and balances.

Unless a test says otherwise: BTCUSDT with Binance's rules (tick 0.01, step 0.00001, minimum value
5 USDT), a wallet of 1,000 USDT, fee 0.1% in the asset received, and six one-minute candles from
T0. The clock starts when the first candle closes (T0 + 1 min), at the price 100.
Fills are always complete (no partial fills in the simulated exchange).
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest

from crypty_desktop.domain.errors import (
    ExchangeUnavailable,
    FilterRejected,
    InsufficientBalance,
    NotFound,
    UnknownSymbol,
    ValidationError,
)
from crypty_desktop.domain.market import Balance, Candle, SymbolRules
from crypty_desktop.domain.orders import OrderRequest, OrderStatus, OrderType, Side
from crypty_desktop.exchange.demo_data import MarketData, make_candle
from crypty_desktop.exchange.gateway import ExchangeGateway
from crypty_desktop.exchange.simulated import SimulatedExchange

D = Decimal
MIN = 60_000
T0 = 1_712_016_000_000  # 2024-04-02 00:00 UTC, on every interval boundary
RULES = SymbolRules(
    symbol="BTCUSDT",
    base_asset="BTC",
    quote_asset="USDT",
    tick_size=D("0.01"),
    min_price=D("0.01"),
    max_price=D("1000000"),
    step_size=D("0.00001"),
    min_qty=D("0.00001"),
    max_qty=D("9000"),
    min_notional=D("5"),
)
#       open   high   low    close  volume
ROWS = [
    ("100", "101", "99", "100", "1"),  # k0, closed at the start
    ("100", "102", "98", "101", "2"),  # k1
    ("101", "105", "100.5", "104", "3"),  # k2
    ("104", "104", "95", "96", "4"),  # k3
    ("96", "97", "94", "97", "5"),  # k4
    ("97", "99", "96", "98", "6"),  # k5
]


def candles(rows: list[tuple[str, str, str, str, str]], symbol: str = "BTCUSDT") -> list[Candle]:
    return [make_candle(symbol, "1m", T0 + i * MIN, *row) for i, row in enumerate(rows)]


def exchange(wallet: dict[str, str] | None = None, **kwargs: object) -> SimulatedExchange:
    data = MarketData(rules={"BTCUSDT": RULES}, series={("BTCUSDT", "1m"): candles(ROWS)})
    return SimulatedExchange(data, wallet=wallet or {"USDT": "1000"}, **kwargs)  # type: ignore[arg-type]


def market(side: Side, qty: str, cid: str = "m1") -> OrderRequest:
    return OrderRequest("BTCUSDT", side, OrderType.MARKET, D(qty), cid)


def limit(side: Side, qty: str, price: str, cid: str = "l1", tif: str = "GTC") -> OrderRequest:
    return OrderRequest("BTCUSDT", side, OrderType.LIMIT, D(qty), cid, D(price), tif)


def bal(ex: SimulatedExchange) -> dict[str, tuple[Decimal, Decimal]]:
    return {a: (b.free, b.locked) for a, b in ex.balances().items()}


# --- basics ----------------------------------------------------------------------------------


def test_it_is_a_gateway_and_starts_at_the_first_close() -> None:
    ex = exchange()
    assert isinstance(ex, ExchangeGateway)
    assert ex.now_ms == T0 + MIN
    assert ex.ticker_price("BTCUSDT") == D("100")
    assert ex.balances() == {"USDT": Balance("USDT", D("1000"), D("0"))}
    assert [r.symbol for r in ex.symbols()] == ["BTCUSDT"]
    assert ex.symbol_rules("BTCUSDT") == RULES
    perms = ex.read_permissions()
    assert perms.reading and perms.spot_trading and perms.withdrawals is False


def test_default_wallet_is_ten_thousand_usdt_on_the_demo_market() -> None:
    ex = SimulatedExchange()
    assert ex.balances() == {"USDT": Balance("USDT", D("10000"), D("0"))}
    assert ex.now_ms == 1712019600000  # 2024-04-02 01:00 UTC: both demo markets have a price
    assert ex.ticker_price("BTCUSDT") == D("69349.08")  # close of the 00:59 minute
    assert ex.ticker_price("ETHBTC") == D("0.05029")  # close of the 00:00 hour


def test_unknown_symbol_and_interval() -> None:
    ex = exchange()
    with pytest.raises(UnknownSymbol) as err:
        ex.ticker_price("DOGEUSDT")
    assert err.value.code == -1121 and "BTCUSDT" in str(err.value)
    with pytest.raises(UnknownSymbol):
        ex.place_order(OrderRequest("DOGEUSDT", Side.BUY, OrderType.MARKET, D("1"), "x"))
    with pytest.raises(ValidationError, match="no 30s candles"):
        ex.klines("BTCUSDT", "30s", T0)


def test_no_price_before_the_first_candle_closes() -> None:
    ex = exchange(start_ms=T0)
    with pytest.raises(ExchangeUnavailable, match="no BTCUSDT price yet"):
        ex.ticker_price("BTCUSDT")
    assert ex.klines("BTCUSDT", "1m", T0) == []


# --- market orders ---------------------------------------------------------------------------


def test_market_buy_fills_at_last_close_fee_in_base() -> None:
    ex = exchange()
    state = ex.place_order(market(Side.BUY, "1"))
    # 1 BTC × 100 = 100 USDT; fee 0.1% of 1 BTC = 0.001 BTC
    assert state.status is OrderStatus.FILLED
    assert (state.executed_qty, state.quote_qty, state.exchange_order_id) == (D("1"), D("100"), 1)
    (fill,) = state.fills
    assert (fill.price, fill.quantity, fill.fee, fill.fee_asset) == (
        D("100"),
        D("1"),
        D("0.001"),
        "BTC",
    )
    assert fill.time == T0 + MIN and fill.trade_id == 1
    assert bal(ex) == {"BTC": (D("0.999"), D("0")), "USDT": (D("900"), D("0"))}


def test_market_sell_fee_in_quote() -> None:
    ex = exchange({"BTC": "1"})
    ex.advance(2)  # price is k2's close, 104
    state = ex.place_order(market(Side.SELL, "0.5"))
    # 0.5 × 104 = 52 USDT; fee 0.052 USDT
    assert state.fills[0].fee == D("0.052") and state.fills[0].fee_asset == "USDT"
    assert bal(ex) == {"BTC": (D("0.5"), D("0")), "USDT": (D("51.948"), D("0"))}


def test_fee_is_rounded_up_to_eight_decimals() -> None:
    ex = exchange({"BTC": "1"})
    ex.place_order(limit(Side.SELL, "0.04999", "100.37"))
    ex.advance(1)  # k1's high 102 > 100.37: 0.04999 × 100.37 = 5.0174963 USDT
    (fill,) = ex.my_trades("BTCUSDT")
    assert fill.fee == D("0.00501750")  # 0.0050174963 rounded up
    assert bal(ex) == {"BTC": (D("0.95001"), D("0")), "USDT": (D("5.0124788"), D("0"))}


# --- limit orders ----------------------------------------------------------------------------


def test_limit_buy_rests_locks_and_fills_when_a_candle_trades_through() -> None:
    ex = exchange()
    state = ex.place_order(limit(Side.BUY, "2", "97"))
    assert state.status is OrderStatus.NEW
    assert bal(ex) == {"USDT": (D("806"), D("194"))}  # 2 × 97 locked
    ex.advance(2)  # k1 (low 98) and k2 (low 100.5): not reached
    assert ex.query_order("BTCUSDT", "l1").status is OrderStatus.NEW  # type: ignore[union-attr]
    ex.advance(1)  # k3: low 95 < 97 → filled at 97, at k3's close
    filled = ex.query_order("BTCUSDT", "l1")
    assert filled is not None and filled.status is OrderStatus.FILLED
    (fill,) = filled.fills
    assert (fill.price, fill.quantity, fill.fee, fill.time) == (
        D("97"),
        D("2"),
        D("0.002"),
        T0 + 4 * MIN,
    )
    assert bal(ex) == {"BTC": (D("1.998"), D("0")), "USDT": (D("806"), D("0"))}
    assert ex.open_orders("BTCUSDT") == []


def test_limit_sell_fills_at_its_price_and_a_touch_is_not_enough() -> None:
    ex = exchange({"BTC": "1"})
    ex.place_order(limit(Side.SELL, "0.4", "103", "s103"))
    ex.place_order(limit(Side.SELL, "0.5", "105", "s105"))  # k2's high is exactly 105
    assert bal(ex) == {"BTC": (D("0.1"), D("0.9"))}
    ex.advance(5)
    assert ex.query_order("BTCUSDT", "s103").status is OrderStatus.FILLED  # type: ignore[union-attr]
    assert ex.query_order("BTCUSDT", "s105").status is OrderStatus.NEW  # type: ignore[union-attr]
    # 0.4 × 103 = 41.2 USDT, fee 0.0412
    assert bal(ex) == {"BTC": (D("0.1"), D("0.5")), "USDT": (D("41.1588"), D("0"))}
    (fill,) = ex.my_trades("BTCUSDT")
    assert fill.time == T0 + 3 * MIN  # k2 closed


def test_marketable_limit_fills_at_once_at_the_better_price() -> None:
    ex = exchange()
    state = ex.place_order(limit(Side.BUY, "1", "120"))
    assert state.status is OrderStatus.FILLED and state.fills[0].price == D("100")
    assert bal(ex) == {"BTC": (D("0.999"), D("0")), "USDT": (D("900"), D("0"))}
    # ...but the balance check uses the limit value, like Binance: 9 × 120 > 900 free
    with pytest.raises(InsufficientBalance):
        ex.place_order(limit(Side.BUY, "9", "120", "l2"))


def test_ioc_limit_that_cannot_fill_expires_without_locking() -> None:
    ex = exchange()
    state = ex.place_order(limit(Side.BUY, "1", "90", tif="IOC"))
    assert state.status is OrderStatus.EXPIRED
    assert bal(ex) == {"USDT": (D("1000"), D("0"))}


def test_an_order_only_matches_candles_that_open_after_it() -> None:
    ex = exchange()
    ex.advance(3)  # now = end of k3 (low 95); price 96
    ex.place_order(limit(Side.BUY, "1", "95.5"))  # k3 went below, but before the order
    assert ex.query_order("BTCUSDT", "l1").status is OrderStatus.NEW  # type: ignore[union-attr]
    ex.advance(1)  # k4: low 94 < 95.5
    assert ex.query_order("BTCUSDT", "l1").status is OrderStatus.FILLED  # type: ignore[union-attr]


def test_cancel_releases_the_lock_and_unknown_cancel_is_refused() -> None:
    ex = exchange()
    ex.place_order(limit(Side.BUY, "1", "50"))
    state = ex.cancel_order("BTCUSDT", "l1")
    assert state.status is OrderStatus.CANCELED and state.executed_qty == 0
    assert bal(ex) == {"USDT": (D("1000"), D("0"))}
    with pytest.raises(NotFound) as err:
        ex.cancel_order("BTCUSDT", "l1")
    assert err.value.code == -2011
    assert ex.query_order("BTCUSDT", "never") is None


def test_duplicate_client_order_id_while_open_is_refused_like_binance() -> None:
    ex = exchange()
    ex.place_order(limit(Side.BUY, "1", "50", "same"))
    with pytest.raises(FilterRejected, match="already uses the client order id") as err:
        ex.place_order(limit(Side.BUY, "1", "60", "same"))
    assert err.value.code == -2010
    assert bal(ex) == {"USDT": (D("950"), D("50"))}  # nothing changed
    ex.cancel_order("BTCUSDT", "same")
    again = ex.place_order(limit(Side.BUY, "1", "60", "same"))  # reusable once closed
    assert again.exchange_order_id == 2 and again.price == D("60")  # the refusal used no id
    assert ex.query_order("BTCUSDT", "same") == again


# --- refusals --------------------------------------------------------------------------------


def test_filters_are_checked_like_binance_and_nothing_changes() -> None:
    ex = exchange()
    with pytest.raises(FilterRejected) as err:
        ex.place_order(market(Side.BUY, "0.042"))  # 4.20 USDT at 100
    assert (
        str(err.value) == "This order is worth 4.20 USDT; Binance's minimum for BTCUSDT is 5 USDT."
    )
    assert err.value.code == -1013
    with pytest.raises(FilterRejected, match="quantity steps"):
        ex.place_order(market(Side.BUY, "0.123456"))  # not rounded: refused
    with pytest.raises(FilterRejected, match="price steps"):
        ex.place_order(limit(Side.BUY, "1", "99.999"))
    assert bal(ex) == {"USDT": (D("1000"), D("0"))}
    assert ex.my_trades("BTCUSDT") == [] and ex.open_orders("BTCUSDT") == []


def test_insufficient_balance_counts_locked_funds() -> None:
    ex = exchange()
    with pytest.raises(InsufficientBalance) as err:
        ex.place_order(market(Side.BUY, "11"))  # 1,100 USDT
    assert "Not enough USDT for this order: it needs 1100 and 1000 is free" in str(err.value)
    assert err.value.code == -2010
    ex.place_order(limit(Side.BUY, "5", "90"))  # locks 450
    with pytest.raises(InsufficientBalance, match="it needs 600 and 550 is free"):
        ex.place_order(market(Side.BUY, "6", "m2"))
    with pytest.raises(InsufficientBalance, match="Not enough BTC"):
        ex.place_order(market(Side.SELL, "0.1", "m3"))
    assert bal(ex) == {"USDT": (D("550"), D("450"))}


def test_orders_on_a_market_that_is_not_trading_are_refused() -> None:
    halted = SymbolRules(symbol="BTCUSDT", base_asset="BTC", quote_asset="USDT", status="HALT")
    data = MarketData(rules={"BTCUSDT": halted}, series={("BTCUSDT", "1m"): candles(ROWS)})
    ex = SimulatedExchange(data, wallet={"USDT": "1000"})
    assert ex.symbols() == []
    with pytest.raises(ValidationError, match="not trading"):
        ex.place_order(market(Side.BUY, "1"))


# --- listing ---------------------------------------------------------------------------------


def test_open_orders_and_trades_since() -> None:
    ex = exchange({"USDT": "1000", "BTC": "1"})
    ex.place_order(limit(Side.BUY, "1", "50", "a"))
    ex.place_order(limit(Side.SELL, "0.1", "200", "b"))
    ex.place_order(market(Side.BUY, "0.1", "c"))  # at 100, time T0+1m
    ex.advance(3)
    ex.place_order(market(Side.SELL, "0.1", "d"))  # at 96, time T0+4m
    assert [o.client_order_id for o in ex.open_orders("BTCUSDT")] == ["a", "b"]
    assert [f.client_order_id for f in ex.my_trades("BTCUSDT")] == ["c", "d"]
    assert [f.client_order_id for f in ex.my_trades("BTCUSDT", T0 + 2 * MIN)] == ["d"]
    assert [f.trade_id for f in ex.my_trades("BTCUSDT")] == [1, 2]


# --- clock, candles, klines ------------------------------------------------------------------


def test_klines_only_show_closed_candles_and_build_missing_intervals() -> None:
    ex = exchange()
    assert [c.open_time for c in ex.klines("BTCUSDT", "1m", T0)] == [T0]
    assert ex.klines("BTCUSDT", "5m", T0) == []  # the first 5 minutes are not over
    ex.advance(4)  # now T0 + 5 min
    five = ex.klines("BTCUSDT", "5m", T0)
    assert len(five) == 1
    k = five[0]
    assert (k.open, k.high, k.low, k.close, k.volume) == (
        D("100"),
        D("105"),
        D("94"),
        D("97"),
        D("15"),
    )
    assert (k.open_time, k.close_time, k.interval) == (T0, T0 + 5 * MIN - 1, "5m")
    assert [c.open_time for c in ex.klines("BTCUSDT", "1m", T0 + MIN, T0 + 3 * MIN)] == [
        T0 + MIN,
        T0 + 2 * MIN,
        T0 + 3 * MIN,
    ]
    assert ex.intervals("BTCUSDT")[:3] == ["1m", "3m", "5m"]


def test_klines_are_paged_by_1000_like_binance() -> None:
    rows = [("100", "101", "99", "100", "1")] * 2500
    data = MarketData(rules={"BTCUSDT": RULES}, series={("BTCUSDT", "1m"): candles(rows)})
    ex = SimulatedExchange(data)
    ex.advance_to(ex.end_ms)
    assert ex.finished
    page = ex.klines_page("BTCUSDT", "1m", T0)
    assert len(page) == 1000 and page[-1].open_time == T0 + 999 * MIN
    assert len(ex.klines_page("BTCUSDT", "1m", T0, limit=10)) == 10
    with pytest.raises(ValidationError):
        ex.klines_page("BTCUSDT", "1m", T0, limit=1001)
    every = ex.klines("BTCUSDT", "1m", T0)
    assert [c.open_time for c in every] == [T0 + i * MIN for i in range(2500)]
    assert len(ex.klines("BTCUSDT", "1m", T0 + 5 * MIN, T0 + 2004 * MIN)) == 2000


def test_advance_reports_moments_and_stops_at_the_end() -> None:
    ex = exchange()
    assert ex.advance(3) == 3 and ex.now_ms == T0 + 4 * MIN
    assert ex.advance(10) == 2 and ex.finished and ex.now_ms == T0 + 6 * MIN
    assert ex.advance() == 0
    ex.advance_to(T0 + 60 * MIN)  # time passes with no candles; the price stays
    assert ex.ticker_price("BTCUSDT") == D("98")
    with pytest.raises(ValueError, match="only moves forward"):
        ex.advance_to(T0)


def test_candle_subscribers_see_each_close_and_can_trade_at_it() -> None:
    ex = exchange()
    seen: list[tuple[str, int, Decimal]] = []

    def on_minute(candle: Candle) -> None:
        seen.append((candle.interval, candle.open_time, candle.close))
        if candle.open_time == T0 + 2 * MIN:  # k2 closed at 104: buy 1 BTC then
            ex.place_order(market(Side.BUY, "1"))

    ex.on_candle("BTCUSDT", "1m", on_minute)
    stop_5m = ex.on_candle("BTCUSDT", "5m", lambda c: seen.append(("5m", c.open_time, c.close)))
    ex.advance_to(T0 + 5 * MIN)
    assert seen == [
        ("1m", T0 + MIN, D("101")),
        ("1m", T0 + 2 * MIN, D("104")),
        ("1m", T0 + 3 * MIN, D("96")),
        ("1m", T0 + 4 * MIN, D("97")),
        ("5m", T0, D("97")),
    ]
    assert ex.my_trades("BTCUSDT")[0].price == D("104")
    stop_5m()
    ex.advance(5)
    assert seen[-1] == ("1m", T0 + 5 * MIN, D("98"))


def test_a_failing_subscriber_does_not_stop_the_market(caplog: pytest.LogCaptureFixture) -> None:
    ex = exchange()
    got: list[int] = []

    def broken(candle: Candle) -> None:
        raise RuntimeError("bot bug")

    ex.on_candle("BTCUSDT", "1m", broken)
    ex.on_candle("BTCUSDT", "1m", lambda c: got.append(c.open_time))
    with caplog.at_level("ERROR"):
        ex.advance(2)
    assert got == [T0 + MIN, T0 + 2 * MIN]
    assert "a subscriber failed" in caplog.text


def test_fill_subscribers_hear_of_resting_orders_filled_by_the_clock() -> None:
    ex = exchange()
    fills = []
    ex.on_fill(fills.append)
    ex.place_order(limit(Side.BUY, "1", "97"))
    ex.advance(5)
    assert [(f.client_order_id, f.price, f.time) for f in fills] == [("l1", D("97"), T0 + 4 * MIN)]


# --- the demo market ------------------------------------------------------------------------


def scripted_run() -> tuple[list[object], dict[str, Balance]]:
    """A small bot on the demo data: buy after a green 15m candle, sell after a red one."""
    ex = SimulatedExchange()
    count = [0]

    def on_quarter(candle: Candle) -> None:
        count[0] += 1
        side = Side.BUY if candle.close > candle.open else Side.SELL
        holding = ex.balances().get("BTC")
        if side is Side.SELL and (holding is None or holding.free < D("0.0001")):
            return
        ex.place_order(OrderRequest("BTCUSDT", side, OrderType.MARKET, D("0.0001"), f"q{count[0]}"))
        ex.place_order(
            OrderRequest(
                "BTCUSDT", Side.BUY, OrderType.LIMIT, D("0.0001"), f"r{count[0]}", candle.low
            )
        )

    ex.on_candle("BTCUSDT", "15m", on_quarter)
    ex.advance_to(ex.now_ms + 24 * 3600 * 1000)
    return list(ex.my_trades("BTCUSDT")), ex.balances()


def test_runs_are_deterministic() -> None:
    first, second = scripted_run(), scripted_run()
    assert first == second
    assert len(first[0]) > 50  # it did trade


def test_demo_market_is_tradable_in_btc_and_eth() -> None:
    ex = SimulatedExchange()
    ex.place_order(OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, D("0.01"), "btc"))
    # 0.01 × 69,349.08 = 693.4908 USDT; fee 0.00001 BTC
    assert bal(ex) == {"BTC": (D("0.00999"), D("0")), "USDT": (D("9306.5092"), D("0"))}
    eth = ex.place_order(OrderRequest("ETHBTC", Side.BUY, OrderType.MARKET, D("0.1"), "eth"))
    # 0.1 × 0.05029 = 0.005029 BTC; fee 0.0001 ETH
    assert eth.quote_qty == D("0.005029") and eth.fills[0].fee == D("0.0001")
    assert bal(ex)["BTC"] == (D("0.004961"), D("0"))
    assert bal(ex)["ETH"] == (D("0.0999"), D("0"))


def test_demo_prices_come_from_the_finest_series_then_the_hourly_one() -> None:
    ex = SimulatedExchange()
    ex.advance(1)  # one minute later: the 01:00 minute's close
    assert ex.now_ms == 1712019660000
    assert ex.ticker_price("BTCUSDT") == D("69294.48")  # resources/demo/BTCUSDT-1m.csv line 62
    ex.advance_to(ex.end_ms)
    assert ex.ticker_price("BTCUSDT") == D("64893.5")  # the last hourly close, 2024-04-21 14:00


# --- threads ---------------------------------------------------------------------------------


def test_several_threads_share_one_exchange() -> None:
    ex = exchange({"USDT": "10000"})
    errors: list[BaseException] = []

    def trader(name: str) -> None:
        try:
            for i in range(50):
                ex.place_order(market(Side.BUY, "0.1", f"{name}-{i}"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=trader, args=(f"t{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    # 200 buys × 0.1 BTC × 100 = 2,000 USDT; fees 200 × 0.0001 BTC
    assert bal(ex) == {"BTC": (D("19.98"), D("0")), "USDT": (D("8000"), D("0"))}
    ids = sorted(f.exchange_order_id or 0 for f in ex.my_trades("BTCUSDT"))
    assert ids == list(range(1, 201))


def test_replay_loop_waits_real_time_per_candle() -> None:
    ex = exchange()
    waits: list[float] = []
    stop = threading.Event()

    def fake_wait(seconds: float) -> bool:
        waits.append(seconds)
        return len(waits) > 3

    from crypty_desktop.exchange.sim_replay import Replayer

    done = Replayer(ex).run(speed=30.0, stop=stop, wait=fake_wait)
    assert done == 3 and ex.now_ms == T0 + 4 * MIN
    assert waits == [2.0, 2.0, 2.0, 2.0]  # one simulated minute at 30× is two real seconds


def test_replay_thread_advances_and_stops() -> None:
    ex = exchange()
    reached_end = threading.Event()
    ex.on_candle("BTCUSDT", "1m", lambda c: c.open_time == T0 + 5 * MIN and reached_end.set())
    ex.start_replay(speed=1e9)
    assert ex.replaying or reached_end.is_set()
    assert reached_end.wait(timeout=30)
    ex.close()
    assert not ex.replaying
    assert ex.now_ms == T0 + 6 * MIN
