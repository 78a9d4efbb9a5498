"""The optimiser's worker processes: results, errors, cancel and a worker that dies mid-message."""

from __future__ import annotations

import multiprocessing
import os
import signal
import struct
import sys
import threading

import pytest

from crypty_desktop.backtest.workers import WorkerLost, run_unordered

BIG = 4_000_000  # bytes: a result far larger than a pipe's buffer


class Stop(Exception):
    pass


def _nothing() -> None:
    pass


def _square(n: int) -> int:
    return n * n


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def _big(n: int) -> bytes:
    return bytes([n % 256]) * BIG


def _dies_mid_result(n: int) -> bytes:
    """Writes the start of a result to its pipe, as a worker ended mid-message would have, and
    dies."""
    if n == 1:
        conn = sys._getframe(1).f_locals["conn"]  # the worker loop's end of the pipe
        os.write(conn.fileno(), struct.pack("!i", 1_000_000) + b"\x80\x04half a result")
        os.kill(os.getpid(), signal.SIGKILL)
    return b""


def _run(task, jobs, **kw):  # type: ignore[no-untyped-def]
    return run_unordered(task, jobs, initializer=_nothing, poll_seconds=0.05, **kw)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_every_result_comes_back_and_the_workers_leave(method: str) -> None:
    context = multiprocessing.get_context(method)
    got = dict(_run(_square, range(40), workers=2, context=context))
    assert got == {n: n * n for n in range(40)}
    assert multiprocessing.active_children() == []


def test_a_task_s_exception_reaches_the_caller_and_ends_the_workers() -> None:
    with pytest.raises(ValueError, match="three"):
        list(_run(_fails_on_three, range(10), workers=2))
    assert multiprocessing.active_children() == []


def test_cancel_while_large_results_are_on_their_way_leaves_nothing_behind() -> None:
    threads = threading.active_count()
    seen: list[int] = []

    def between() -> None:
        if seen:
            raise Stop

    with pytest.raises(Stop):
        for job, result in _run(_big, range(50), workers=2, between=between):
            assert len(result) == BIG and result[0] == job
            seen.append(job)
    assert multiprocessing.active_children() == []
    assert threading.active_count() == threads  # no thread left waiting on a pipe


def test_a_worker_killed_while_it_writes_its_result_is_reported_not_waited_for() -> None:
    threads = threading.active_count()
    with pytest.raises(WorkerLost):
        list(_run(_dies_mid_result, [1, 2, 3], workers=1))
    assert multiprocessing.active_children() == []
    assert threading.active_count() == threads


def test_a_consumer_that_stops_early_ends_the_workers() -> None:
    results = _run(_square, range(1000), workers=2)
    assert next(results)[1] >= 0
    results.close()
    assert multiprocessing.active_children() == []
