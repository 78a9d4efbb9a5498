"""Which events become notifications, per kind on or off, never twice in a row about one thing.

What happened is read from the event's kind (or the error's class), never from its words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crypty_desktop.domain.bots import (
    BotKind,
    BotSpec,
    BotState,
    BotStatus,
    Decision,
    EventKind,
    kind_of_error,
)
from crypty_desktop.domain.errors import AuthError, ExchangeUnavailable, IpBanned, RateLimited
from crypty_desktop.exchange.errors_map import map_api_error
from crypty_desktop.notifications import Notification, NotificationKind, Notifier

TRADER = BotSpec("t1", "btc-trader", BotKind.TRADER, 1, "BTCUSDT", "1m", "dca")
GHOST = BotSpec("g1", "btc-ghost", BotKind.GHOST, 1, "BTCUSDT", "1m", "dca")
FILLED = "Bought 0.001 BTC at 60000 USDT (fee 0.000001 BTC)."


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def status(
    bot_id: str, state: BotState, reason: str = "", kind: EventKind = EventKind.INFO
) -> BotStatus:
    zero = Decimal(0)
    return BotStatus(
        bot_id, state, zero, zero, zero, zero, zero, None, reason=reason, reason_kind=kind
    )


def fill(bot_id: str, time: int, side: str = "buy") -> Decision:
    return Decision(bot_id, time, side, FILLED, EventKind.FILL)


def test_a_fill_of_a_trader_bot_is_news_a_ghost_fill_is_not() -> None:
    notifier = Notifier()
    notice = notifier.on_decision(fill("t1", 1), TRADER)
    assert isinstance(notice, Notification)
    assert (notice.kind, notice.subject, notice.cause) == (
        NotificationKind.FILL,
        "btc-trader",
        "buy",
    )
    assert "0.001" in notice.text and notice.time > 0
    assert notifier.on_decision(fill("g1", 1), GHOST) is None
    placed = Decision("t1", 1, "buy", "Buy 0.001 BTC at market: dip", EventKind.ORDER)
    assert notifier.on_decision(placed, TRADER) is None
    assert notifier.on_decision(fill("t1", 2, "sell"), TRADER) is not None  # each fill


def test_the_kind_decides_not_the_words() -> None:
    notifier = Notifier()
    # Worded like a fill, but a note: no notice. Worded like a risk rule, but an error: an error.
    assert notifier.on_decision(Decision("t1", 1, "info", FILLED, EventKind.INFO), TRADER) is None
    stop = notifier.on_failed("t1", "Stop-loss: the words of an error", TRADER, EventKind.ERROR)
    assert stop is not None and stop.cause == "error"
    # Worded as nothing in particular, but a trailing stop: a risk stop, in any language.
    risk = notifier.on_status(
        status("g1", BotState.ERROR, "Stop suiveur : …", EventKind.TRAILING_STOP), GHOST
    )
    assert risk is not None and (risk.cause, risk.level) == ("risk", "warning")


def test_a_risk_stop_and_an_error_stop() -> None:
    notifier = Notifier()
    assert notifier.on_status(status("t1", BotState.RUNNING), TRADER) is None
    why = "Stop-loss: price 50 is 5% or more below…"
    risk = notifier.on_status(status("t1", BotState.ERROR, why, EventKind.STOP_LOSS), TRADER)
    assert risk is not None and risk.kind is NotificationKind.BOT_STOPPED
    assert (risk.cause, risk.level) == ("risk", "warning")
    assert "stopped by a risk limit" in risk.title
    # The worker also reports the same stop as a failure: said once.
    assert notifier.on_failed("t1", why, TRADER, EventKind.STOP_LOSS) is None
    error = notifier.on_failed("g1", "Binance does not list this market (symbol).", GHOST)
    assert error is not None and (error.cause, error.level) == ("error", "error")


def test_a_bot_stopped_by_a_refused_key_says_the_key_failed() -> None:
    error = map_api_error(401, -2015, "Invalid API-key, IP, or permissions", {})
    stopped = status("t1", BotState.ERROR, str(error), kind_of_error(error))
    notice = Notifier().on_status(stopped, TRADER)
    assert notice is not None and notice.kind is NotificationKind.KEY_FAILED
    assert notice.help_topic == "ip-restriction"


def test_errors_met_anywhere() -> None:
    notifier = Notifier()
    key = notifier.on_error(AuthError("Binance refused the key…", code=-2015), "Binance")
    assert key is not None and key.kind is NotificationKind.KEY_FAILED
    assert key.help_topic == "ip-restriction" and key.subject == "Binance"
    rate = notifier.on_error(RateLimited("Binance asked…", retry_after=30), "Binance")
    assert rate is not None and rate.kind is NotificationKind.RATE_LIMITED
    assert notifier.on_error(ExchangeUnavailable("down"), "Binance") is None
    assert notifier.on_error(ValueError("bug"), "Binance") is None
    pause = notifier.on_rate_limit_pause("Binance testnet", 42.0)
    assert pause is not None and "42 s" in pause.text
    ban = notifier.on_rate_limit_pause("Binance", 121.0, banned=True)
    assert ban is not None and ban.kind is NotificationKind.RATE_LIMITED
    assert ban.detail.endswith("they resume in 3 min.")
    assert ban.title == "Binance: requests blocked by Binance" and ban.level == "error"


@pytest.mark.parametrize(
    ("status_code", "code", "event", "notice"),
    [
        (401, -2015, EventKind.KEY_ERROR, NotificationKind.KEY_FAILED),
        (400, -2014, EventKind.KEY_ERROR, NotificationKind.KEY_FAILED),
        (400, -1022, EventKind.KEY_ERROR, NotificationKind.KEY_FAILED),
        (429, -1003, EventKind.RATE_LIMIT, NotificationKind.RATE_LIMITED),
        (418, -1003, EventKind.RATE_LIMIT, NotificationKind.RATE_LIMITED),
        (400, -2010, EventKind.REFUSED, None),
        (503, None, EventKind.ERROR, None),
    ],
)
def test_an_error_a_bot_meets_is_told_by_its_class(
    status_code: int, code: int | None, event: EventKind, notice: NotificationKind | None
) -> None:
    error = map_api_error(status_code, code, "whatever", {"Retry-After": "30"})
    assert kind_of_error(error) is event
    said = Notifier().on_decision(Decision("t1", 5, "error", str(error), event), TRADER)
    assert (said.kind if said is not None else None) is notice
    if isinstance(error, IpBanned):
        assert Notifier().on_error(error, "Binance") is not None


def test_a_bot_waiting_out_a_pause_is_told_once_for_the_platform_not_per_bot() -> None:
    waiting = Decision("t1", 5, "wait", "Binance asked to slow down until …", EventKind.RATE_LIMIT)
    assert Notifier().on_decision(waiting, TRADER) is None


@pytest.mark.parametrize("off", list(NotificationKind))
def test_each_kind_can_be_turned_off(off: NotificationKind) -> None:
    notifier = Notifier(lambda kind: kind is not off)
    produced = {
        NotificationKind.FILL: notifier.on_decision(fill("t1", 1, "sell"), TRADER),
        NotificationKind.BOT_STOPPED: notifier.on_failed("g1", "Unexpected error: X", GHOST),
        NotificationKind.KEY_FAILED: notifier.on_error(AuthError("refused"), "Binance"),
        NotificationKind.RATE_LIMITED: notifier.on_rate_limit_pause("Binance", 10),
    }
    for kind, notice in produced.items():
        assert (notice is None) == (kind is off), kind


def test_the_same_thing_is_said_again_only_after_the_quiet_time() -> None:
    clock = Clock()
    notifier = Notifier(quiet_seconds=300, clock=clock)
    error = AuthError("Binance refused the key", code=-2015)
    assert notifier.on_error(error, "Binance") is not None
    clock.now += 299
    assert notifier.on_error(error, "Binance") is None
    assert notifier.on_error(error, "Other platform") is not None
    clock.now += 2
    assert notifier.on_error(error, "Binance") is not None


def test_a_restarted_bot_stopping_again_is_news() -> None:
    notifier = Notifier()
    assert notifier.on_failed("g1", "Unexpected error: X", GHOST) is not None
    notifier.forget("g1")
    assert notifier.on_status(status("g1", BotState.RUNNING), GHOST) is None
    assert notifier.on_status(status("g1", BotState.ERROR, "Unexpected error: X"), GHOST)


def test_every_kind_has_a_description() -> None:
    assert all(kind.description for kind in NotificationKind)
