"""Ending the adapters' worker threads: wait a bounded time, and say so when one lingers."""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


def join_thread(
    thread: threading.Thread, timeout: float, what: object = None
) -> None:  # float-ok: seconds
    """Wait at most ``timeout`` seconds for ``thread`` to end, and log a warning if it did not.

    Nothing to wait for when the thread is not running, or is the calling thread (a stop asked
    from the thread itself). ``what`` names it in the warning (the thread's name by default).
    """
    if thread is threading.current_thread() or not thread.is_alive():
        return
    thread.join(timeout)
    if thread.is_alive():
        log.warning("%s did not stop within %s s", thread.name if what is None else what, timeout)
