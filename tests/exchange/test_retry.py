"""The one retry helper (exchange/retry.py) on a fake clock: which errors it tries again (the
domain's tree says), how long it waits (its delays with jitter, never less than Retry-After or a
ban), the -1021 resync, and the tries running out. Then the -1021 resync against the real client
and the loopback fake Binance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crypty_desktop.domain.errors import (
    AuthError,
    ClockSkew,
    CryptyError,
    ExchangeUnavailable,
    FilterRejected,
    InsufficientBalance,
    InvalidOrder,
    IpBanned,
    OrderRefused,
    PermissionDenied,
    RateLimited,
    StopsTheBot,
    TemporaryError,
    UnknownOrderStatus,
    ValidationError,
)
from crypty_desktop.exchange.retry import Backoff, Retry, pause_for
from tests.fakes.fake_binance import FakeBinance
from tests.fakes.trading import gateway_for, trading_key


class Clock:
    """Seconds that pass only when slept."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class Script:
    """A call that raises the given errors in turn, then answers ``done``."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "done"


def test_the_tree_says_what_to_do_with_each_error() -> None:
    for temporary in (ExchangeUnavailable, ClockSkew):
        assert issubclass(temporary, TemporaryError)
    assert issubclass(IpBanned, RateLimited) and issubclass(RateLimited, TemporaryError)
    for refused in (FilterRejected, InsufficientBalance, InvalidOrder):
        assert issubclass(refused, OrderRefused)
    assert issubclass(InvalidOrder, ValidationError)  # bad input too, shown as such
    for stops in (AuthError, PermissionDenied, UnknownOrderStatus):
        assert issubclass(stops, StopsTheBot)
    branches = (TemporaryError, OrderRefused, StopsTheBot)
    for error in (*branches, ValidationError):
        assert issubclass(error, CryptyError)
    for a in branches:
        assert [b for b in branches if issubclass(a, b)] == [a]  # one policy each


def test_temporary_errors_are_tried_again_after_each_delay() -> None:
    clock = Clock()
    call = Script(ExchangeUnavailable("down"), ExchangeUnavailable("down"))
    assert Retry((0.5, 1.0, 2.0), sleep=clock.sleep).call(call) == "done"
    assert call.calls == 3 and clock.slept == [0.5, 1.0]


def test_other_errors_are_raised_at_once_without_waiting() -> None:
    for error in (
        AuthError("key"),
        FilterRejected("filters"),
        UnknownOrderStatus("?"),
        ValueError("bug"),
    ):
        clock = Clock()
        call = Script(error)
        with pytest.raises(type(error)):
            Retry((0.5, 1.0), sleep=clock.sleep).call(call)
        assert call.calls == 1 and clock.slept == []


def test_when_the_tries_run_out_the_last_error_is_raised_with_no_wait_after_it() -> None:
    clock = Clock()
    call = Script(*(ExchangeUnavailable(f"down {i}") for i in range(5)))
    with pytest.raises(ExchangeUnavailable, match="down 2") as raised:
        Retry((0.5, 1.0, 2.0), sleep=clock.sleep).call(call)
    assert call.calls == 3 and clock.slept == [0.5, 1.0]
    # Raised as it was met: nothing else (a client's exception, a signed URL) chained to it.
    assert raised.value.__context__ is None and raised.value.__cause__ is None


def test_retry_after_and_a_ban_are_honoured_when_longer_than_the_delay() -> None:
    clock = Clock()
    until = datetime.now(UTC) + timedelta(seconds=120)
    call = Script(
        RateLimited("429", retry_after=7.0),
        RateLimited("429", retry_after=0.1),
        IpBanned("418", retry_after=120.0, until=until),
    )
    assert Retry((1.0, 1.0, 1.0, 1.0), sleep=clock.sleep).call(call) == "done"
    assert clock.slept == [7.0, 1.0, 120.0]
    assert pause_for(None, 2.5) == 2.5


def test_a_clock_skew_is_retried_at_once_after_a_resync_only_where_one_is_possible() -> None:
    clock = Clock()
    resyncs: list[float] = []
    call = Script(ClockSkew("-1021"))
    retry = Retry((5.0, 5.0), sleep=clock.sleep, resync=lambda: resyncs.append(clock.now))
    assert retry.call(call) == "done"
    assert call.calls == 2 and resyncs == [0.0] and clock.slept == []
    # Without a way to measure the clock again, a new try would be refused the same way.
    call = Script(ClockSkew("-1021"))
    with pytest.raises(ClockSkew):
        Retry((5.0, 5.0), sleep=clock.sleep).call(call)
    assert call.calls == 1


def test_a_narrower_rule_leaves_the_other_temporary_errors_to_the_caller() -> None:
    call = Script(ExchangeUnavailable("down"))
    with pytest.raises(ExchangeUnavailable):
        Retry((0.0, 0.0), retry_on=ClockSkew, resync=lambda: None).call(call)
    assert call.calls == 1


def test_attempts_wait_on_an_answer_that_is_not_there_yet() -> None:
    """The loop shape: "not known yet" waits (at most what is left), errors are waited out, and
    the loop ends when the tries are spent, for the caller to say what then."""
    clock = Clock()
    answers: list[object] = [None, ExchangeUnavailable("down"), None, None]
    waited: list[int] = []
    for attempt in Retry((1.0, 2.0, 4.0, 8.0), sleep=clock.sleep).attempts():
        with attempt:
            answer = answers.pop(0)
            if isinstance(answer, Exception):
                raise answer
            waited.append(attempt.number)
            attempt.wait(at_most=0.5 if attempt.number == 2 else None)
    assert waited == [0, 2, 3] and answers == []
    assert clock.slept == [1.0, 2.0, 0.5]  # nothing after the last try


def test_jitter_spreads_each_delay_within_its_fraction() -> None:
    clock = Clock()
    call = Script(ExchangeUnavailable("1"), ExchangeUnavailable("2"))
    draws = iter([0.0, 1.0, 0.5])
    retry = Retry((10.0, 10.0, 10.0), sleep=clock.sleep, jitter=0.2, rand=lambda: next(draws))
    retry.call(call)
    assert clock.slept == pytest.approx([8.0, 12.0])
    backoff = Backoff(initial=1.0, cap=30.0, jitter=0.2)
    for attempt in range(8):
        base = min(30.0, 2.0**attempt)
        assert base * 0.8 <= backoff.delay(attempt) <= min(30.0, base * 1.2)
    assert backoff.pause(0, RateLimited("429", retry_after=45.0)) == 45.0


def test_a_signed_call_refused_for_the_clock_is_resynced_and_sent_once_more(
    fake_binance: FakeBinance,
) -> None:
    """Against the real client: Binance's clock jumps ahead of the measured offset; the first
    signed request gets a -1021, the gateway measures the clock again and the call succeeds."""
    trading_key(fake_binance)
    fake_binance.set_balance("USDT", "10")
    gateway = gateway_for(fake_binance, recv_window_ms=1000)
    try:
        gateway.balances()  # the offset is measured
        fake_binance.server_time_offset_ms = 60_000  # Binance's clock is a minute ahead now
        fake_binance.clear_requests()
        assert gateway.balances()["USDT"].free == 10
        paths = [r.path for r in fake_binance.requests]
        assert paths.count("/api/v3/account") == 2 and "/api/v3/time" in paths
        assert gateway.time_offset_ms is not None and gateway.time_offset_ms >= 59_000
    finally:
        gateway.close()
