"""One window per data folder: a second launch brings the first window to the front and exits.

The first window holds the core's app lock (``bots.ownership``, ``locks/app.lock``) for as long as
it runs; the operating system drops it if the app crashes. A second launch that finds the lock
taken leaves a request file beside it and waits for the first window to take it away (it shows
itself as it does) — a file in the data folder rather than a socket, so the request goes exactly
to the window of that folder and needs no network module.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from crypty_desktop.bots.ownership import LOCKS_FOLDER, HeldLock, LockFolder, Owner, Role
from crypty_desktop.gui.qt import QFileSystemWatcher, QObject, Qt, QWidget, Signal

log = logging.getLogger(__name__)

SHOW_REQUEST = "show-window.request"
HAND_OVER_WAIT = 3.0  # float-ok: seconds a second launch waits for the first window to answer


class SingleWindow(QObject):
    """The app lock of one data folder, and the requests of later launches to show the window.

    Signals:
        sig_show_requested(): another launch asked this window to come to the front.
    """

    sig_show_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locks = LockFolder(data_dir / LOCKS_FOLDER)
        self.request_path = self.locks.folder / SHOW_REQUEST
        self.owner: Owner | None = None  # who holds the lock when ``claim`` failed
        self._lock: HeldLock | None = None
        self._watcher: QFileSystemWatcher | None = None

    def claim(self) -> bool:
        """Take the data folder's app lock: True for the first window, False if one is open.

        Raises:
            OSError: the data folder cannot be written (the caller reports it).
        """
        got = self.locks.acquire_app(Role.WINDOW)
        if isinstance(got, Owner):
            self.owner = got
            return False
        self._lock = got
        self.request_path.unlink(missing_ok=True)  # left by a launch while no window was open
        self._watcher = QFileSystemWatcher([str(self.locks.folder)], self)
        self._watcher.directoryChanged.connect(self._on_folder_changed)
        return True

    def hand_over(self, wait: float = HAND_OVER_WAIT) -> bool:
        """Ask the open window to come to the front; True once it has taken the request."""
        temporary = self.request_path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(str(os.getpid()), encoding="utf-8")
        temporary.replace(self.request_path)  # appears whole, never half-written
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not self.request_path.exists():
                return True
            time.sleep(0.05)
        return False

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.directoryChanged.disconnect(self._on_folder_changed)
            self._watcher = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _on_folder_changed(self, _path: str) -> None:
        try:
            self.request_path.unlink()
        except FileNotFoundError:
            return  # another file of the folder changed (a bot's lock)
        log.info("Another launch of the app asked this window to come to the front.")
        self.sig_show_requested.emit()


def bring_to_front(window: QWidget) -> None:
    """Show the window (hidden in the tray, or minimised) in front of the others."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
