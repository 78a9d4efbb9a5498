"""Every strategy through the real paper broker on real candles: a run resumed from saved state
decides exactly like an uninterrupted one; runs are deterministic; state does not grow."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal as D
from typing import Any

import pytest

from crypty_desktop.bots.brokers import PaperBroker
from crypty_desktop.domain.market import Candle
from crypty_desktop.strategies.base import Intent, Strategy
from crypty_desktop.strategies.registry import STRATEGIES, create_strategy
from tests.strategies.helpers import RULES, SKIP, real_candles

CANDLES = real_candles(3000)
_CLOSES = sorted(c.close for c in CANDLES)
LOW, HIGH = _CLOSES[len(_CLOSES) // 10], _CLOSES[-len(_CLOSES) // 10]
BUDGET = D(10_000)

CASES: dict[str, dict[str, Any]] = {
    "sma_cross": {"fast": 10, "slow": 30},
    "rsi": {"period": 14},
    "dca": {"quote_amount": "100", "every": 24, "drop_pct": "3", "safety_orders": 3},
    "grid": {
        "lower": str(LOW.quantize(D(1))),
        "upper": str(HIGH.quantize(D(1))),
        "levels": 12,
        "quote_per_level": "700",
    },
}

Row = tuple[int, str, str, str, str, str, str, bool]


def _row(i: int, it: Intent) -> Row:
    return (
        i,
        it.side.value,
        it.type.value,
        str(it.quote_amount),
        str(it.base_qty),
        str(it.limit_price),
        f"{it.tag}|{it.reason}",
        it.cancel,
    )


def drive(name: str, candles: list[Candle], resume_at: tuple[int, ...] = ()) -> list[Row]:
    """The engine's loop (fills → on_fill, then on_candle), restarting the strategy from its
    JSON state at the given candle indexes; also checks no level ever holds two orders."""
    strategy: Strategy = create_strategy(name, CASES[name])
    broker = PaperBroker("resume", 0, RULES, BUDGET)
    log: list[Row] = []

    def act(i: int, intents: list[Intent], c: Candle) -> None:
        for it in intents:
            log.append(_row(i, it))
            try:
                broker.execute(it, c)
            except SKIP:
                log.append((i, "refused", "", "", "", "", it.tag, False))

    for i, c in enumerate(candles):
        if i in resume_at:
            saved = json.loads(json.dumps(strategy.state()))
            strategy = create_strategy(name, CASES[name])
            strategy.restore(saved)
        for f, tag in broker.on_candle(c):
            act(i, strategy.on_fill(f, tag), c)
        act(i, strategy.on_candle(c, broker.position()), c)
        tags = Counter(o.tag for o in broker.open.values() if o.tag)
        prices = Counter(o.request.price for o in broker.open.values() if o.request.price)
        assert max(tags.values(), default=0) <= 1, (i, tags)
        assert max(prices.values(), default=0) <= 1, (i, prices)
    return log


@pytest.mark.parametrize("name", sorted(CASES))
def test_resumed_runs_decide_like_an_uninterrupted_run(name: str) -> None:
    whole = drive(name, CANDLES)
    trades = [r for r in whole if r[1] in ("BUY", "SELL") and not r[7]]
    assert len(trades) >= 6, f"{name} should trade on these candles ({len(trades)})"
    assert whole == drive(name, CANDLES)  # deterministic
    assert whole == drive(name, CANDLES, resume_at=(1, 37, 500, 1501, 2999))


@pytest.mark.parametrize("name", sorted(CASES))
def test_state_is_json_and_does_not_grow(name: str) -> None:
    strategy = create_strategy(name, CASES[name])
    broker = PaperBroker("size", 0, RULES, BUDGET)
    sizes = []
    for i, c in enumerate(CANDLES):
        for f, tag in broker.on_candle(c):
            for it in strategy.on_fill(f, tag):
                try:
                    broker.execute(it, c)
                except SKIP:
                    pass
        for it in strategy.on_candle(c, broker.position()):
            try:
                broker.execute(it, c)
            except SKIP:
                pass
        if i in (500, 2999):
            sizes.append(len(json.dumps(strategy.state())))
    assert sizes[1] < sizes[0] * 1.5 + 50  # bounded by the parameters, not by history


def test_registry_lists_the_four_strategies_with_described_parameters() -> None:
    assert sorted(STRATEGIES) == ["dca", "grid", "rsi", "sma_cross"]
    for name, cls in STRATEGIES.items():
        assert cls.name == name and cls.title and len(cls.description) > 80
        strategy = cls.create({})  # the defaults are valid
        assert strategy.warmup() >= 0
        for spec in cls.params:
            assert spec.label and len(spec.description) > 20, (name, spec.name)
            assert isinstance(spec.default, spec.type)
            spec.parse(str(spec.default))
