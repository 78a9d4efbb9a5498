"""Reading Binance's ``GET /api/v3/exchangeInfo`` answer: symbol filters and rate limits.

Pure functions over the decoded JSON, shared by the Binance adapter and the simulated exchange
(which reads the same shape from ``resources/demo/exchange_info.json``). Amounts are read from
Binance's strings as ``Decimal``; a malformed answer raises ``ValueError`` naming the field.

The shapes read (unknown filters and fields are ignored)::

    {"rateLimits": [{"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE",
                     "intervalNum": 1, "limit": 6000}, ...],
     "symbols": [{"symbol": "BTCUSDT", "status": "TRADING", "baseAsset": "BTC",
                  "baseAssetPrecision": 8, "quoteAsset": "USDT", "quoteAssetPrecision": 8,
                  "filters": [{"filterType": "PRICE_FILTER", "minPrice": "0.01000000",
                               "maxPrice": "1000000.00000000", "tickSize": "0.01000000"},
                              {"filterType": "LOT_SIZE", "minQty": ..., "maxQty": ...,
                               "stepSize": ...},
                              {"filterType": "MARKET_LOT_SIZE", ...same keys...},
                              {"filterType": "NOTIONAL", "minNotional": "5.00000000",
                               "applyMinToMarket": true, "maxNotional": "9000000.00000000",
                               "applyMaxToMarket": false, "avgPriceMins": 5},
                              {"filterType": "MIN_NOTIONAL", "minNotional": "0.00100000",
                               "applyToMarket": true, "avgPriceMins": 5}]}]}

``MIN_NOTIONAL`` is the older form of ``NOTIONAL`` (minimum only); when both appear, the stricter
minimum wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.money import ZERO, dec
from crypty_desktop.exchange.rate_limit import Limits

_UNIT_SECONDS = {"SECOND": 1, "MINUTE": 60, "HOUR": 3600, "DAY": 86_400}
_DAY = 86_400


@dataclass(frozen=True, slots=True)
class ExchangeInfo:
    """What exchangeInfo says: every listed symbol's rules, and the host's rate limits."""

    symbols: dict[str, SymbolRules] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    server_time: int | None = None


def parse_exchange_info(payload: Mapping[str, Any]) -> ExchangeInfo:
    """The whole answer: symbols (every status, keyed by name) and rate limits."""
    if not isinstance(payload, Mapping):
        raise ValueError("exchangeInfo: expected a JSON object")
    raw_symbols = payload.get("symbols", [])
    if not isinstance(raw_symbols, list):
        raise ValueError("exchangeInfo: 'symbols' is not a list")
    symbols = {rules.symbol: rules for rules in map(parse_symbol, raw_symbols)}
    server_time = payload.get("serverTime")
    return ExchangeInfo(
        symbols=symbols,
        limits=parse_rate_limits(payload.get("rateLimits", [])),
        server_time=server_time if isinstance(server_time, int) else None,
    )


def parse_symbol(item: Mapping[str, Any]) -> SymbolRules:
    """One symbol object of exchangeInfo as ``SymbolRules``."""
    if not isinstance(item, Mapping):
        raise ValueError("exchangeInfo: a symbol entry is not an object")
    symbol = _text(item, "symbol")
    quote_precision = item.get("quoteAssetPrecision", item.get("quotePrecision", 8))
    rules = SymbolRules(
        symbol=symbol,
        base_asset=_text(item, "baseAsset"),
        quote_asset=_text(item, "quoteAsset"),
        status=str(item.get("status", "TRADING")),
        base_precision=_int(item.get("baseAssetPrecision", 8), symbol, "baseAssetPrecision"),
        quote_precision=_int(quote_precision, symbol, "quoteAssetPrecision"),
        stp_modes=tuple(str(m) for m in item.get("allowedSelfTradePreventionModes") or ()),
    )
    rules = _order_kinds(rules, item)
    filters = item.get("filters", [])
    if not isinstance(filters, list):
        raise ValueError(f"exchangeInfo: {symbol} 'filters' is not a list")
    for entry in filters:
        if not isinstance(entry, Mapping):
            raise ValueError(f"exchangeInfo: {symbol} has a filter that is not an object")
        rules = _apply_filter(rules, entry)
    return rules


def _order_kinds(rules: SymbolRules, item: Mapping[str, Any]) -> SymbolRules:
    """Which protective orders the symbol takes: OCO lists, stop-limits, trailing stops."""
    types = item.get("orderTypes") or ()
    stop_limit = "STOP_LOSS_LIMIT" in types
    oco = item.get("ocoAllowed", stop_limit and "LIMIT_MAKER" in types)
    return replace(
        rules,
        oco_allowed=bool(oco) and stop_limit,
        stop_limit_allowed=stop_limit,
        allow_trailing_stop=bool(item.get("allowTrailingStop", False)),
    )


def _protective_filter(rules: SymbolRules, entry: Mapping[str, Any]) -> SymbolRules | None:
    """The filters that bound a position's protection on the exchange (None: not one of them)."""
    kind = entry.get("filterType")
    where = f"{rules.symbol} {kind}"
    if kind == "MAX_NUM_ALGO_ORDERS":
        value = _int(entry.get("maxNumAlgoOrders", 0), where, "maxNumAlgoOrders")
        return replace(rules, max_num_algo_orders=value)
    if kind == "MAX_NUM_ORDER_LISTS":
        value = _int(entry.get("maxNumOrderLists", 0), where, "maxNumOrderLists")
        return replace(rules, max_num_order_lists=value)
    if kind == "PERCENT_PRICE_BY_SIDE":
        return replace(
            rules,
            ask_multiplier_up=_amount(entry, "askMultiplierUp", where),
            ask_multiplier_down=_amount(entry, "askMultiplierDown", where),
        )
    if kind == "TRAILING_DELTA":
        return replace(
            rules,
            min_trailing_below_bips=_int(entry.get("minTrailingBelowDelta", 0), where, "min"),
            max_trailing_below_bips=_int(entry.get("maxTrailingBelowDelta", 0), where, "max"),
        )
    return None


def _apply_filter(rules: SymbolRules, entry: Mapping[str, Any]) -> SymbolRules:
    kind = entry.get("filterType")
    where = f"{rules.symbol} {kind}"
    protective = _protective_filter(rules, entry)
    if protective is not None:
        return protective
    if kind == "PRICE_FILTER":
        return replace(
            rules,
            tick_size=_amount(entry, "tickSize", where),
            min_price=_amount(entry, "minPrice", where),
            max_price=_amount(entry, "maxPrice", where),
        )
    if kind == "LOT_SIZE":
        return replace(
            rules,
            step_size=_amount(entry, "stepSize", where),
            min_qty=_amount(entry, "minQty", where),
            max_qty=_amount(entry, "maxQty", where),
        )
    if kind == "MARKET_LOT_SIZE":
        return replace(
            rules,
            market_step_size=_amount(entry, "stepSize", where),
            market_min_qty=_amount(entry, "minQty", where),
            market_max_qty=_amount(entry, "maxQty", where),
        )
    if kind == "NOTIONAL":
        return replace(
            rules,
            min_notional=max(rules.min_notional, _amount(entry, "minNotional", where)),
            apply_min_to_market=bool(entry.get("applyMinToMarket", True)),
            max_notional=_amount(entry, "maxNotional", where),
            apply_max_to_market=bool(entry.get("applyMaxToMarket", False)),
        )
    if kind == "MAX_NUM_ORDERS":
        return replace(
            rules, max_num_orders=_int(entry.get("maxNumOrders", 0), where, "maxNumOrders")
        )
    if kind == "MIN_NOTIONAL":
        return replace(
            rules,
            min_notional=max(rules.min_notional, _amount(entry, "minNotional", where)),
            apply_min_to_market=bool(entry.get("applyToMarket", True)),
        )
    return rules


def parse_rate_limits(items: Sequence[Mapping[str, Any]]) -> Limits:
    """exchangeInfo's ``rateLimits`` as the app's ``Limits`` (defaults for what is not listed).

    A limit over another window is converted conservatively: a longer window's limit is spread
    evenly (6,000 per 5 minutes becomes 1,200 per minute), a shorter window's limit is kept as is
    (10 per second becomes 10 per 10 seconds). When several entries map to one limit, the smallest
    wins. ``RAW_REQUESTS`` is not tracked.
    """
    if not isinstance(items, list):
        raise ValueError("exchangeInfo: 'rateLimits' is not a list")
    weight: list[int] = []
    orders_10s: list[int] = []
    orders_day: list[int] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise ValueError("exchangeInfo: a rate limit entry is not an object")
        kind = item.get("rateLimitType")
        unit = _UNIT_SECONDS.get(str(item.get("interval")))
        if unit is None or kind not in ("REQUEST_WEIGHT", "ORDERS"):
            continue
        window = unit * _int(item.get("intervalNum", 1), str(kind), "intervalNum")
        limit = _int(item.get("limit"), str(kind), "limit")
        if kind == "REQUEST_WEIGHT":
            weight.append(_per(limit, window, 60))
        elif window < _DAY:
            orders_10s.append(_per(limit, window, 10))
        else:
            orders_day.append(_per(limit, window, _DAY))
    default = Limits()
    return Limits(
        weight_per_minute=min(weight, default=default.weight_per_minute),
        orders_per_10s=min(orders_10s, default=default.orders_per_10s),
        orders_per_day=min(orders_day, default=default.orders_per_day),
    )


def _per(limit: int, window_s: int, target_s: int) -> int:
    """A limit over ``window_s`` seconds as a safe limit over ``target_s`` seconds."""
    if window_s <= target_s:
        return limit
    return max(1, limit * target_s // window_s)


def _text(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"exchangeInfo: a symbol has no '{key}'")
    return value


def _int(value: object, where: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"exchangeInfo: {where} '{key}' is not a whole number: {value!r}")
    return value


def _amount(entry: Mapping[str, Any], key: str, where: str) -> Decimal:
    """A filter amount; missing means "no rule" (zero). Floats are refused, strings expected."""
    value = entry.get(key)
    if value is None:
        return ZERO
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError(f"exchangeInfo: {where} '{key}' is not a decimal string: {value!r}")
    try:
        amount = dec(value)
    except ValueError as exc:
        raise ValueError(f"exchangeInfo: {where} '{key}' is not a number: {value!r}") from exc
    if amount < ZERO:
        raise ValueError(f"exchangeInfo: {where} '{key}' is negative: {value!r}")
    return amount
