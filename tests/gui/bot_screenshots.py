"""Screenshots of the bots window on the offline demo: list, detail, editor, Trader confirmation.

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.gui.bot_screenshots /work/notes/shots``
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.domain.bots import BotKind  # noqa: E402
from crypty_desktop.domain.platform import PlatformType  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.main_window import MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QMessageBox, QSettings, QTimer  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.gui.screenshots import settle, shot  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


def run_for(app: QApplication, seconds: float) -> None:  # float-ok: wall time
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        core = build_core(Settings(data_dir=Path(tmp) / "d"), CredentialStore(MemoryKeyring()))
        core.platforms.add("Demo", PlatformType.SIMULATED)
        common = dict(platform_name="Demo", symbol="BTCUSDT", strategy="dca", interval="1m")
        ghost = core.bots.create(
            name="BTC DCA",
            kind=BotKind.GHOST,
            params={"every": "1", "quote_amount": "20", "take_profit_pct": "0.3"},
            budget="1000",
            **common,  # type: ignore[arg-type]
        )
        trader = core.bots.create(
            name="BTC dips",
            kind=BotKind.TRADER,
            params={"every": "3", "quote_amount": "25", "drop_pct": "0.2"},
            budget="500",
            stop_loss="8",
            **common,  # type: ignore[arg-type]
        )
        core.bots.create(
            name="ETH/BTC RSI",
            kind=BotKind.GHOST,
            platform_name="Demo",
            symbol="ETHBTC",
            strategy="rsi",
            interval="1h",
            budget="0.5",
        )
        window = MainWindow(core)
        window.resize(1280, 800)
        window.show()
        bots = window.bots.list
        settle(app, bots.load_job)
        settle(app, bots.rules_job)

        def confirm() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(50, confirm)
                return
            box.grab().save(str(folder / "bot_trader_confirm.png"))
            print(folder / "bot_trader_confirm.png")
            next(b for b in box.buttons() if b.text() == "Start Trader bot").click()

        QTimer.singleShot(100, confirm)
        bots.start_bot(trader.id)
        bots.start_bot(ghost.id)
        run_for(app, 9)
        bots.select_bot(ghost.id)
        settle(app, bots.detail.load_job)
        run_for(app, 2)
        shot(app, window, folder, "bot_list_running")
        bots.detail.tabs.setCurrentIndex(2)
        shot(app, window, folder, "bot_detail_trades")
        bots.detail.tabs.setCurrentIndex(1)
        shot(app, window, folder, "bot_detail_orders")
        bots.detail.tabs.setCurrentIndex(3)
        run_for(app, 1)
        shot(app, window, folder, "bot_detail_chart")
        bots.detail.tabs.setCurrentIndex(4)
        run_for(app, 1)
        shot(app, window, folder, "bot_detail_equity")
        bots.detail.tabs.setCurrentIndex(0)

        editor = bots.open_editor()
        settle(app, editor.symbols_job)
        editor.name_edit.setText("ETH swing")
        editor.strategy_box.setCurrentIndex(editor.strategy_box.findData("sma_cross"))
        editor.symbol_edit.setText("BTCUSDT")
        run_for(app, 0.5)
        settle(app, editor.market_job)
        editor.budget_edit.setText("250")
        editor.stop_loss_edit.setText("5")
        shot(app, editor, folder, "bot_editor")
        editor.kind_radios[BotKind.TRADER].setChecked(True)
        editor.budget_edit.setText("2")
        editor.save()
        shot(app, editor, folder, "bot_editor_trader_minimum")
        editor.reject()

        window.bots.supervisor.stop_all("screenshots done", wait_ms=5000)
        settle(app)
        window.close()
        core.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "shots"))
