"""Rate-limit pauses and bans said where no window is: ``crypty bot run``'s output and the alerts.

The window learns of them from its status bar (``gui/connection_label.py``), which reads the same
statuses every two seconds. ``crypty bot run`` asks here at that pace: each new pause
of a platform (a 429) or ban of the IP address (a 418) is said once, however long it lasts, even
when no bot is the one that met it (another process sharing the key, a chart).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crypty_desktop.reports.connection_status import PauseWatch, describe_lines, exchange_statuses

if TYPE_CHECKING:
    from crypty_desktop.alerts import Alerts
    from crypty_desktop.reports.connection_status import Connection


class PauseNews:
    """Each new pause or ban, once: a line through ``say`` and the alert of its kind."""

    def __init__(self, connections: Callable[[], list[Connection]], alerts: Alerts) -> None:
        self._connections = connections
        self._alerts = alerts
        self._watch = PauseWatch()

    def check(self, say: Callable[[str], None], now: float | None = None) -> int:  # float-ok
        """Say the pauses not said yet (``now``: epoch seconds); how many there were. Memory
        only: no network."""
        statuses = exchange_statuses(self._connections())
        fresh = self._watch.new_pauses(statuses, now)
        for platform, seconds, banned in fresh:
            status = next(s for s in statuses if s.platform == platform)
            say(describe_lines([status], now)[0])
            self._alerts.on_rate_limit_pause(platform, seconds, banned)
        return len(fresh)
