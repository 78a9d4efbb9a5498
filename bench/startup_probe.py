"""Start the app as ``run()`` does; report when the window is shown and the event loop idle.

Printed lines (read by ``bench_startup``):
    ready <seconds since this process started>
    modules <comma-separated top-level packages imported before the first paint>
"""

from __future__ import annotations

import os
import sys
import time


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CRYPTY_NO_ONBOARDING"] = "1"
    from crypty_desktop.gui.application import make_application, start_core
    from crypty_desktop.gui.main_window import MainWindow
    from crypty_desktop.gui.qt import QTimer

    app = make_application(sys.argv)
    core = start_core()
    assert core is not None
    window = MainWindow(core)
    window.show()

    def idle() -> None:
        # A zero-timer fires once the events queued by show() (layout, first paint) are processed.
        started = _process_start()
        print(f"ready {time.time() - started:.4f}", flush=True)
        top = sorted({name.split(".")[0] for name in sys.modules})
        print("modules " + ",".join(top), flush=True)
        app.quit()

    QTimer.singleShot(0, idle)
    code = int(app.exec())
    core.close()
    return code


def _process_start() -> float:
    """This process's start time (wall clock), from /proc when available."""
    try:
        with open("/proc/self/stat") as stat:  # noqa: PTH123 - a Linux pseudo-file
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = int(fields[19])
        with open("/proc/uptime") as uptime:  # noqa: PTH123
            up = float(uptime.read().split()[0])  # float-ok: seconds
        return time.time() - (up - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return float(os.environ.get("CRYPTY_PROBE_T0", time.time()))  # float-ok: seconds


if __name__ == "__main__":
    sys.exit(main())
