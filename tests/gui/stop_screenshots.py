"""Screenshots of the real window on a 1366×768 screen: the stop question and the Dashboard with
funds locked in open orders, in a language and a theme.

Run under Xvfb, once per language and theme::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.stop_screenshots docs/screenshots fr dark

The offline demo runs a Trader grid bot (real orders on the demo exchange) and a Ghost grid bot;
Stop on the Trader asks what to do with its orders (the screen is taken with the question open,
then "Keep orders" is chosen), and the Dashboard then shows what is free and what is locked.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import Core, build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.demo import ensure_demo  # noqa: E402
from crypty_desktop.domain.bots import BotKind, BotSpec  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.i18n import install_translators  # noqa: E402
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow  # noqa: E402
from crypty_desktop.gui.qt import (  # noqa: E402
    QApplication,
    QGuiApplication,
    QMessageBox,
    QSettings,
    QTimer,
)
from crypty_desktop.gui.theme import apply_theme  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


def run_for(app: QApplication, seconds: float) -> None:  # float-ok: wall time
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def grab_screen(path: Path) -> None:
    QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
    print(path)


def grid(core: Core, name: str, kind: BotKind) -> BotSpec:
    platform = ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    price = core.gateway_for(platform).ticker_price("BTCUSDT")
    return core.bots.create(
        name=name,
        platform_name=platform.name,
        kind=kind,
        symbol="BTCUSDT",
        strategy="grid",
        params={
            "lower": f"{(price * Decimal('0.7')).quantize(Decimal(1))}",
            "upper": f"{(price * Decimal('1.3')).quantize(Decimal(1))}",
            "levels": "7",
            "quote_per_level": "20",
        },
        budget="200",
    )


def answer_when_shown(app: QApplication, path: Path, button: str) -> None:
    """Once the question is open and painted: take the screen, then click ``button``."""

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, attempt)
            return
        run_for(app, 0.8)
        grab_screen(path)
        for candidate in box.buttons():
            if candidate.text().replace("&", "") == button:
                candidate.click()
                return
        box.reject()

    QTimer.singleShot(50, attempt)


def main(folder: Path, language: str, theme: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ("" if language == "en" else f"-{language}") + ("" if theme == "light" else "-dark")
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    apply_theme(app, theme)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        core = build_core(Settings(data_dir=Path(tmp) / "d"), CredentialStore(MemoryKeyring()))
        trader = grid(core, "BTC grid", BotKind.TRADER)
        ghost = grid(core, "Paper grid", BotKind.GHOST)
        window = MainWindow(core)
        window.setGeometry(0, 0, 1366, 768 - 30)  # no window manager under Xvfb: the whole screen
        window.show()
        run_for(app, 2.0)
        bots = window.bots.list
        bots.reload()
        run_for(app, 1.0)
        bots.start_bot(trader.id, confirmed=True)
        bots.start_bot(ghost.id)
        bots.select_bot(trader.id)
        end = time.monotonic() + 30
        while time.monotonic() < end:
            found = bots.model.find(trader.id)
            if found is not None and found.status is not None and found.status.open_orders >= 3:
                break
            run_for(app, 0.2)
        run_for(app, 1.5)
        answer_when_shown(app, folder / f"stop-dialog-1366{suffix}.png", _keep(language))
        bots.stop_bot(trader.id)
        end = time.monotonic() + 15
        while bots.supervisor.is_running(trader.id) and time.monotonic() < end:
            run_for(app, 0.2)
        window.nav.setCurrentRow(NAV_PAGES.index("Dashboard"))
        run_for(app, 1.0)
        window.dashboard_page.refresh()
        run_for(app, 4.0)
        grab_screen(folder / f"dashboard-locked-1366{suffix}.png")
        window.bots.supervisor.stop_all("screenshots", wait_ms=5000)
        window.close()
        core.close()


def _keep(language: str) -> str:
    return "Conserver les ordres" if language == "fr" else "Keep orders"


if __name__ == "__main__":
    main(
        Path(sys.argv[1]),
        sys.argv[2] if len(sys.argv) > 2 else "en",
        sys.argv[3] if len(sys.argv) > 3 else "light",
    )
