"""Handing the user data stream's events to its listeners: in order, on one thread, none dropped.

The stream's reader thread only ``put``s (events and gap notices) on an unbounded queue and goes
back to reading, so a slow listener never delays it (Binance's pings are still answered); the
delivery thread takes them in the order they were put and calls each listener that wants them.
A listener that raises is logged with its traceback and the others still get the event.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crypty_desktop.exchange.threads import join_thread
from crypty_desktop.exchange.user_events import UserEvent

log = logging.getLogger(__name__)

EventCallback = Callable[[UserEvent], None]
GapCallback = Callable[[int], None]


class ListenerHandle:
    """One registered listener; ``remove()`` stops its deliveries (those already running finish).

    Attributes:
        symbol: the only market whose order events it gets (account events it always gets), or
            None for every event.
        registered_ms: when it was registered (Binance's clock): it missed nothing before.
    """

    def __init__(
        self,
        owner: Delivery,
        on_event: EventCallback,
        symbol: str | None,
        on_gap: GapCallback | None,
        registered_ms: int,
    ) -> None:
        self._owner = owner
        self.on_event = on_event
        self.symbol = symbol.upper() if symbol else None
        self.on_gap = on_gap
        self.registered_ms = registered_ms

    def wants(self, event: UserEvent) -> bool:
        return self.symbol is None or event.symbol is None or event.symbol == self.symbol

    def remove(self) -> None:
        self._owner.remove(self)


@dataclass(frozen=True, slots=True)
class GapNotice:
    """Call each listener's ``on_gap`` with its ``since_ms``."""

    targets: tuple[tuple[ListenerHandle, int], ...]


class Delivery:
    """The listeners of one stream and the thread that calls them. Thread-safe."""

    def __init__(self, name: str) -> None:
        self._lock = threading.Lock()
        self._listeners: list[ListenerHandle] = []
        self._queue: queue.SimpleQueue[UserEvent | GapNotice | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def add(
        self, on_event: EventCallback, symbol: str | None, on_gap: GapCallback | None, now_ms: int
    ) -> ListenerHandle:
        handle = ListenerHandle(self, on_event, symbol, on_gap, now_ms)
        with self._lock:
            self._listeners.append(handle)
        return handle

    def remove(self, handle: ListenerHandle) -> None:
        with self._lock:
            if handle in self._listeners:
                self._listeners.remove(handle)

    def gap_notice(self, known_good_ms: int, margin_ms: int) -> GapNotice:
        """Each gap-aware listener's ``since``: from when it registered or the link was last known
        good, whichever is later, less ``margin_ms``."""
        with self._lock:
            return GapNotice(
                tuple(
                    (h, max(h.registered_ms, known_good_ms) - margin_ms)
                    for h in self._listeners
                    if h.on_gap is not None
                )
            )

    def put(self, item: UserEvent | GapNotice) -> None:
        self._queue.put(item)

    def start(self) -> None:
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float) -> None:  # float-ok: seconds
        """Deliver what was put before this call, then end the thread (wait ``timeout`` at most)."""
        if not self._thread.is_alive() or self._thread is threading.current_thread():
            return
        self._queue.put(None)
        join_thread(self._thread, timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, GapNotice):
                for handle, since in item.targets:
                    if handle.on_gap is not None:
                        self._call(handle.on_gap, since)
                continue
            with self._lock:
                listeners = [h for h in self._listeners if h.wants(item)]
            for handle in listeners:
                self._call(handle.on_event, item)

    def _call(self, fn: Callable[[Any], None], arg: Any) -> None:
        try:
            fn(arg)
        except Exception:
            log.exception("%s: a listener failed on %s", self._thread.name, type(arg).__name__)
