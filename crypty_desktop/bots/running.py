"""The bots this process runs now: what a removal or a key change has to stop first. No Qt.

Each ``BotLife`` (the window's worker or ``crypty bot run``) adds itself once it holds the bot's
lock and leaves when it lets the lock go. Another process's bots are found through their locks
(``ownership``), never here.
"""

from __future__ import annotations

import threading
from typing import Protocol


class Stoppable(Protocol):
    """A running bot as the registry sees it."""

    @property
    def bot_id(self) -> str: ...

    def request_stop(self, reason: str) -> None: ...

    def wait_ended(self, timeout: float) -> bool: ...  # float-ok: seconds


class RunningHere:
    """Thread-safe: bot id → the life running it in this process."""

    def __init__(self) -> None:
        self._lives: dict[str, Stoppable] = {}
        self._lock = threading.Lock()

    def add(self, life: Stoppable) -> None:
        with self._lock:
            self._lives[life.bot_id] = life

    def discard(self, life: Stoppable) -> None:
        with self._lock:
            if self._lives.get(life.bot_id) is life:
                del self._lives[life.bot_id]

    def get(self, bot_id: str) -> Stoppable | None:
        with self._lock:
            return self._lives.get(bot_id)

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._lives)

    def stop(self, bot_id: str, reason: str, timeout: float) -> bool:  # float-ok: seconds
        """Ask the bot to stop and wait until its state is saved and its lock let go.

        True when it has ended (or was not running here); False if it did not end in time.
        """
        life = self.get(bot_id)
        if life is None:
            return True
        life.request_stop(reason)
        return life.wait_ended(timeout)
