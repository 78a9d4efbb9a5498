"""Screenshots of "Make everything safe…" at 1366×768 (the confirmation, then its report), in
English and French, on the offline demo with a Trader bot, a running Ghost bot and one another
process runs.

Run under a real X server (the whole screen is captured with ImageMagick's ``import``)::

    xvfb-run -s "-screen 0 1366x768x24" python -m tests.gui.panic_screenshots docs/screenshots en
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.domain.bots import BotKind  # noqa: E402
from crypty_desktop.domain.platform import PlatformType  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.i18n import install_translators  # noqa: E402
from crypty_desktop.gui.main_window import MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QSettings  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.lock_holder import holding  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


def run_for(app: QApplication, seconds: float) -> None:  # float-ok: wall time
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def capture(app: QApplication, path: Path) -> None:
    run_for(app, 0.8)
    subprocess.run(["import", "-window", "root", str(path)], check=True)  # noqa: S603, S607
    print(path)


def main(folder: Path, language: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    suffix = "" if language == "en" else f"-{language}"
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        core = build_core(Settings(data_dir=Path(tmp) / "d"), CredentialStore(MemoryKeyring()))
        core.platforms.add("Demo", PlatformType.SIMULATED)
        common = {"platform_name": "Demo", "symbol": "BTCUSDT", "interval": "1m"}
        dca = {"every": "3", "quote_amount": "25", "drop_pct": "0.2"}
        grid = {"lower": "60000", "upper": "75000", "levels": "12", "quote_per_level": "40"}
        core.bots.create(name="BTC grid", kind=BotKind.TRADER, strategy="grid", params=grid,
                         budget="500", **common)  # type: ignore[arg-type]  # fmt: skip
        core.bots.create(name="BTC dips", kind=BotKind.TRADER, strategy="dca", params=dca,
                         budget="300", **common)  # type: ignore[arg-type]  # fmt: skip
        ghost = core.bots.create(name="BTC DCA (paper)", kind=BotKind.GHOST, strategy="dca",
                                 params=dca, budget="1000", **common)  # type: ignore[arg-type]  # fmt: skip
        night = core.bots.create(name="ETH night", kind=BotKind.TRADER, strategy="dca",
                                 params=dca, budget="200", **common)  # type: ignore[arg-type]  # fmt: skip
        with holding(core.locks.folder, night.id):  # `crypty bot run` in a terminal runs it
            window = MainWindow(core)
            window.setGeometry(0, 0, 1366, 768)  # no window manager: the whole screen
            window.show()
            window.bots.supervisor.start(ghost)
            run_for(app, 3)
            dialog = window.panic.open_dialog()
            assert dialog is not None
            dialog.sell_box.setChecked(True)
            capture(app, folder / f"panic-dialog{suffix}.png")
            dialog.accept()
            deadline = time.monotonic() + 30
            while window.panic.report_dialog is None and time.monotonic() < deadline:
                run_for(app, 0.1)
            capture(app, folder / f"panic-report{suffix}.png")
            window.panic.report_dialog.reject()  # type: ignore[union-attr]
            window.bots.supervisor.stop_all("screenshots done", wait_ms=5000)
            window.close()
        core.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "en")
