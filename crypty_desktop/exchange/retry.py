"""The one way to try an exchange call again: how many times, how long between, on which errors.

Which errors are worth another try is the domain's error tree (``domain/errors.py``): a
``TemporaryError`` is, anything else is raised at once. The pause before the next try is the
schedule's delay (exponential with jitter, or the delays given), never shorter than what the
exchange asked: ``Retry-After`` on a 429, the end of a 418 ban (both carried by ``RateLimited``). A
``ClockSkew`` (-1021: refused unread) is tried again at once, after the clock was measured again,
where the caller can measure it (``resync``); elsewhere there is nothing a new try would change.

Two shapes:

* ``Retry.call(fn)``: ``fn`` again until it returns, or the last error raised.
* ``for attempt in retry.attempts(): with attempt: ...``: for loops that also wait on an answer
  ("not known yet"): a temporary error inside the block is waited out, ``attempt.wait()`` waits
  without one, and the loop simply ends once the tries are spent (the caller says what then).

Long-lived links (the market streams, the user data stream) reconnect forever: they take
``Backoff.pause(attempt, error)`` for each wait. No Qt, no I/O besides the waits themselves.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TypeVar

from crypty_desktop.domain.errors import ClockSkew, RateLimited, TemporaryError

T = TypeVar("T")
Sleep = Callable[[float], None]  # float-ok: seconds


def pause_for(error: BaseException | None, delay: float) -> float:  # float-ok: seconds
    """The wait before trying again: ``delay``, or longer when the exchange said how long."""
    if isinstance(error, RateLimited):
        return max(delay, error.retry_after)
    return delay


def spread(delay: float, jitter: float, rand: Callable[[], float]) -> float:  # float-ok
    """``delay`` ± ``jitter`` of it, so many clients that failed together do not retry together."""
    if not jitter:
        return delay
    return delay * (1.0 - jitter + 2 * jitter * rand())


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with jitter: ``initial * 2**attempt`` capped, ± ``jitter`` of it."""

    initial: float = 1.0  # float-ok: seconds
    cap: float = 30.0  # float-ok: seconds
    jitter: float = 0.2  # float-ok: a fraction

    def delay(self, attempt: int) -> float:  # float-ok: seconds
        base = min(self.cap, self.initial * 2 ** min(attempt, 32))
        rand = random.random  # noqa: S311 - jitter, not security
        return float(min(self.cap, spread(base, self.jitter, rand)))  # float-ok: seconds

    def pause(self, attempt: int, error: BaseException | None = None) -> float:  # float-ok
        """The wait after failed attempt number ``attempt`` (0 first), honouring ``error``'s
        Retry-After or ban."""
        return pause_for(error, self.delay(attempt))

    def delays(self, attempts: int) -> list[float]:  # float-ok: seconds
        """The waits after each of ``attempts`` tries (for a ``Retry``)."""
        return [self.delay(n) for n in range(attempts)]


class Attempt:
    """One try of a ``Retry``: a retryable error raised in its ``with`` block is waited out.

    Attributes:
        number: 0 for the first try.
        delay: the wait after this try, if it is not the last.
        last: no try follows this one.
        error: the error this try swallowed (None if none).
    """

    __slots__ = ("_retry", "delay", "error", "last", "number")

    def __init__(self, retry: Retry, number: int, delay: float, last: bool) -> None:  # float-ok
        self._retry = retry
        self.number = number
        self.delay = delay
        self.last = last
        self.error: BaseException | None = None

    def __enter__(self) -> Attempt:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> bool:
        if error is None or not self._retry.retries(error):
            return False
        self.error = error
        if self.last:
            return True  # the caller says what then (``call`` raises it)
        if isinstance(error, ClockSkew):
            resync = self._retry.resync
            assert resync is not None  # ``retries`` said so
            resync()  # the clock measured again: the next try goes at once
        else:
            self._retry.sleep(pause_for(error, self.delay))
        return True

    def wait(self, at_most: float | None = None) -> None:  # float-ok: seconds
        """Wait before the next try although this one raised nothing (the answer was "not
        yet"): this try's delay, or ``at_most`` if shorter. No wait after the last try."""
        if not self.last:
            self._retry.sleep(self.delay if at_most is None else min(self.delay, at_most))


class Retry:
    """Tries a call again on the errors the tree says are temporary.

    Args:
        delays: the wait after each try; as many tries as delays (the last one's is not waited).
        sleep: waits that many seconds (tests hand in a fake clock's).
        jitter: each delay ± this fraction of it.
        retry_on: the errors worth another try; ``TemporaryError`` (the tree's rule) by default,
            narrower where a call must not be repeated on all of them (an order is never re-sent
            by this helper).
        resync: measures the exchange's clock again; given, a ``ClockSkew`` is tried again at once
            after it, otherwise a ``ClockSkew`` is raised like any error not retried.
        rand: a number in [0, 1) for the jitter.
    """

    def __init__(
        self,
        delays: Sequence[float],  # float-ok: seconds
        *,
        sleep: Sleep = time.sleep,
        jitter: float = 0.0,  # float-ok: a fraction
        retry_on: type[BaseException] = TemporaryError,
        resync: Callable[[], object] | None = None,
        rand: Callable[[], float] = random.random,  # float-ok
    ) -> None:
        if not delays:
            raise ValueError("a Retry needs at least one try")
        self.delays = tuple(delays)
        self.sleep = sleep
        self.jitter = jitter
        self.retry_on = retry_on
        self.resync = resync
        self._rand = rand

    def retries(self, error: BaseException) -> bool:
        """Whether ``error`` is worth another try here."""
        if not isinstance(error, self.retry_on):
            return False
        return self.resync is not None or not isinstance(error, ClockSkew)

    def attempts(self) -> Iterator[Attempt]:
        """The tries, each to be used as a context manager (see the module's docstring)."""
        count = len(self.delays)
        for number, delay in enumerate(self.delays):
            yield Attempt(self, number, spread(delay, self.jitter, self._rand), number == count - 1)

    def call(self, fn: Callable[[], T]) -> T:
        """``fn()``, tried again on a retryable error; the last try's error is raised."""
        attempt: Attempt | None = None
        for attempt in self.attempts():
            with attempt:
                return fn()
        assert attempt is not None and attempt.error is not None
        raise attempt.error
