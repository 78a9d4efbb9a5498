"""Worker processes for the optimiser and its guards: one pipe per worker, read only by the calling
thread, and no thread of their own.

Why not ``concurrent.futures.ProcessPoolExecutor``: its manager thread reads every worker's results
from one shared pipe. A worker ended while it was writing a result (which is what cancelling does)
leaves half a message there, and that thread then waits for the rest for ever; the interpreter
waits for that thread when it exits. Here each worker has its own pipe, whose other end only the
worker holds: a worker that ends mid-message gives the caller an end-of-file, never a wait.

Jobs and results are pickled (the task is a module-level function); keep each job small (at most
two per worker are in its pipe at once), results may be large.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT = 2  # jobs sent to a worker before its first result comes back
QUIT_SECONDS = 5.0  # how long a worker is given to leave once asked, before it is ended


_NONE: Any = object()  # no job left


class WorkerLost(RuntimeError):
    """A worker process ended without being asked to (killed, or out of memory)."""


def _serve(conn: Connection, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    """A worker's loop: (key, task, job) in, (key, ok, result or exception) out; None ends it."""
    initializer(*initargs)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return  # the caller has gone
        if message is None:
            return
        key, task, job = message
        try:
            reply = (key, True, task(job))
        except Exception as exc:  # noqa: BLE001 - handed to the caller, which raises it
            reply = (key, False, exc)
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001 - a result or an exception that does not pickle
            conn.send((key, False, RuntimeError(f"{type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(
        self, context: BaseContext, initializer: Callable[..., None], args: tuple[Any, ...]
    ):
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, initializer, args), daemon=True
        )
        self.process.start()
        child.close()  # only the worker holds its end: its death is an end-of-file here
        self.keys: list[int] = []  # the jobs sent and not answered, oldest first


def run_unordered(
    task: Callable[[T], R],
    jobs: Iterable[T],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    context: BaseContext | None = None,
    poll_seconds: float,  # float-ok: seconds
    between: Callable[[], None] = lambda: None,
) -> Iterator[tuple[T, R]]:
    """``task`` over ``jobs`` on ``workers`` processes; yields (job, result) as they finish.

    ``between()`` is called after each result and after each wait of ``poll_seconds`` that
    brought none; it cancels by raising.
    However the iteration ends (all done, an exception from a task or from ``between``, or the
    consumer stopping), every worker is gone when it does: ended at once unless all jobs are done.
    """
    context = context or multiprocessing.get_context()
    todo = iter(jobs)
    sent: dict[int, T] = {}
    counter = 0
    pool = [_Worker(context, initializer, initargs) for _ in range(max(1, workers))]
    finished = False
    try:

        def feed(worker: _Worker) -> None:
            nonlocal counter
            while len(worker.keys) < IN_FLIGHT:
                job = next(todo, _NONE)
                if job is _NONE:
                    return
                counter += 1
                sent[counter] = job
                worker.keys.append(counter)
                worker.conn.send((counter, task, job))

        for worker in pool:
            feed(worker)
        while sent:
            by_conn = {w.conn: w for w in pool if w.keys}
            answered = wait(list(by_conn), timeout=poll_seconds)
            for ready in answered:
                worker = by_conn[ready]  # type: ignore[index]
                try:
                    key, ok, value = worker.conn.recv()
                except (EOFError, OSError):
                    raise WorkerLost(f"worker {worker.process.pid} ended") from None
                worker.keys.remove(key)
                job = sent.pop(key)
                if not ok:
                    raise value
                feed(worker)
                yield job, value
                between()
            if not answered:
                between()
        finished = True
    finally:
        _end(pool, finished)


def _end(pool: list[_Worker], politely: bool) -> None:
    """Every worker gone: asked to leave when all is done, else ended now."""
    for worker in pool:
        if politely:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        elif worker.process.is_alive():
            worker.process.kill()
    deadline = time.monotonic() + QUIT_SECONDS
    for worker in pool:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.exitcode is None:
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
