"""The fake's public market data: exchangeInfo, klines and last prices, in Binance's JSON shapes.

- ``GET /api/v3/exchangeInfo`` (weight 20): the bundled ``resources/demo/exchange_info.json`` (real
  Binance answer for BTCUSDT, ETHUSDT, ETHBTC) with a fresh ``serverTime`` and each symbol's
  ``defaultSelfTradePreventionMode`` / ``allowedSelfTradePreventionModes``; ``symbol=`` or
  ``symbols=["A","B"]`` narrow it, an unlisted symbol is HTTP 400 -1121 "Invalid symbol.".
- ``GET /api/v3/klines`` (weight 2): 12-column arrays (open time, OHLCV as strings, close time,
  quote volume, trade count, taker volumes, "0") from candles a test gave with ``set_klines``;
  ``startTime``/``endTime`` bound the open time, ``limit`` defaults to 500 and may not pass 1000.
- ``GET /api/v3/ticker/price`` (weight 2 with ``symbol``, 4 without): ``{"symbol", "price"}``.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

from crypty_desktop.domain.market import INTERVAL_MS, Candle
from crypty_desktop.resources import resource_path
from tests.fakes.binance_routes import Call, RouteTable
from tests.fakes.binance_state import ApiError, FakeState

EIGHT = Decimal("0.00000001")
MAX_KLINES = 1000
DEFAULT_KLINES = 500
DEFAULT_PRICES = {
    "BTCUSDT": Decimal("30000.00"),
    "ETHUSDT": Decimal("2000.00"),
    "ETHBTC": Decimal("0.05000"),
}
MSG_BAD_SYMBOL = "Invalid symbol."
# What Binance lists on its spot symbols today (the bundled file predates these fields).
DEFAULT_STP_MODE = "EXPIRE_MAKER"
ALLOWED_STP_MODES = ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT"]


def fmt(amount: Decimal) -> str:
    """An amount as Binance writes it: 8 decimals, as a string."""
    return format(amount.quantize(EIGHT), "f")


def load_exchange_info() -> dict[str, Any]:
    """A deep copy of the bundled real exchangeInfo answer."""
    data: dict[str, Any] = json.loads(resource_path("demo", "exchange_info.json").read_text())
    return data


def init_market(state: FakeState) -> None:
    """Give a new fake the bundled symbols and a price for each."""
    with state.lock:
        state.exchange_info = load_exchange_info()
        for item in state.exchange_info["symbols"]:
            item.setdefault("defaultSelfTradePreventionMode", DEFAULT_STP_MODE)
            item.setdefault("allowedSelfTradePreventionModes", list(ALLOWED_STP_MODES))
            item.setdefault("ocoAllowed", True)  # as Binance lists its spot symbols today
            item.setdefault("allowTrailingStop", True)
        state.prices = dict(DEFAULT_PRICES)


def symbol_info(state: FakeState, symbol: str) -> dict[str, Any]:
    """The exchangeInfo entry of ``symbol``, or Binance's -1121."""
    with state.lock:
        for item in state.exchange_info.get("symbols", []):
            if item["symbol"] == symbol:
                return dict(item)
    raise ApiError(400, -1121, MSG_BAD_SYMBOL)


def filters_of(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["filterType"]: f for f in item.get("filters", [])}


def mandatory(call: Call, name: str) -> str:
    value = call.params.get(name, "")
    if not value:
        raise ApiError(
            400, -1102, f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed."
        )
    return value


def _int_param(call: Call, name: str) -> int | None:
    raw = call.params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.lstrip("-").isdigit():
        raise ApiError(400, -1100, f"Illegal characters found in parameter '{name}'.")
    return int(raw)


# --- handlers ------------------------------------------------------------------------------------


def _exchange_info(call: Call) -> Any:
    state = call.state
    wanted: list[str] | None = None
    if call.params.get("symbol"):
        wanted = [call.params["symbol"]]
    elif call.params.get("symbols"):
        try:
            wanted = [str(s) for s in json.loads(call.params["symbols"])]
        except ValueError:
            raise ApiError(400, -1100, "Illegal characters found in parameter 'symbols'.") from None
    with state.lock:
        info = copy.deepcopy(state.exchange_info)
    info["serverTime"] = state.now_ms()
    if wanted is not None:
        listed = {item["symbol"]: item for item in info["symbols"]}
        if any(name not in listed for name in wanted):
            raise ApiError(400, -1121, MSG_BAD_SYMBOL)
        info["symbols"] = [listed[name] for name in wanted]
    return info


def kline_row(candle: Candle) -> list[Any]:
    quote_volume = candle.volume * candle.close
    return [
        candle.open_time,
        fmt(candle.open),
        fmt(candle.high),
        fmt(candle.low),
        fmt(candle.close),
        fmt(candle.volume),
        candle.close_time,
        fmt(quote_volume),
        7,
        fmt(candle.volume / 2),
        fmt(quote_volume / 2),
        "0",
    ]


def _klines(call: Call) -> Any:
    symbol = mandatory(call, "symbol")
    interval = mandatory(call, "interval")
    symbol_info(call.state, symbol)
    if interval not in INTERVAL_MS:
        raise ApiError(400, -1120, "Invalid interval.")
    limit = _int_param(call, "limit")
    limit = DEFAULT_KLINES if limit is None else limit
    if limit < 1 or limit > MAX_KLINES:
        raise ApiError(400, -1130, "Data sent for parameter 'limit' is not valid.")
    start, end = _int_param(call, "startTime"), _int_param(call, "endTime")
    with call.state.lock:
        candles = sorted(call.state.klines.get((symbol, interval), []), key=lambda c: c.open_time)
    chosen = [
        c
        for c in candles
        if (start is None or c.open_time >= start) and (end is None or c.open_time <= end)
    ]
    chosen = chosen[:limit] if start is not None else chosen[-limit:]
    return [kline_row(c) for c in chosen]


def _ticker_price(call: Call) -> Any:
    state = call.state
    symbol = call.params.get("symbol")
    with state.lock:
        prices = dict(state.prices)
    if symbol:
        symbol_info(state, symbol)
        if symbol not in prices:
            raise ApiError(400, -1121, MSG_BAD_SYMBOL)
        return {"symbol": symbol, "price": fmt(prices[symbol])}
    return [{"symbol": s, "price": fmt(p)} for s, p in sorted(prices.items())]


def add_market_routes(table: RouteTable) -> None:
    table.add("GET", "/api/v3/exchangeInfo", weight=20)(_exchange_info)
    table.add("GET", "/api/v3/klines", weight=2)(_klines)
    table.add("GET", "/api/v3/ticker/price", weight=2)(_ticker_price)
