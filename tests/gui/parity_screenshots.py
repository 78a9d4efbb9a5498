"""Screenshots of the real window on a 1366×768 screen: Bots › Compare with a backtest…, in a
language and a theme.

Run under Xvfb, once per language and theme::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.parity_screenshots docs/screenshots fr dark

A Trader DCA bot trades against the loopback fake Binance (the scenario of
``tests/reports/test_parity.py``: fees in BNB from its second buy, a partial fill, a slipped fill,
a candle missing from the store, a sale when the user stops it), then the window compares it with
a backtest of its window.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.domain.bots import BotKind, OnStop  # noqa: E402
from crypty_desktop.domain.platform import ApiCredentials, IntendedUse, PlatformType  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.i18n import install_translators  # noqa: E402
from crypty_desktop.gui.main_window import MainWindow  # noqa: E402
from crypty_desktop.gui.parity_dialog import ParityDialog  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QGuiApplication, QSettings  # noqa: E402
from crypty_desktop.gui.theme import apply_theme  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.bots.test_live_broker import add_symbol  # noqa: E402
from tests.fakes.fake_binance import FakeBinance  # noqa: E402
from tests.fakes.trading import KEY, SECRET, trading_key  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402
from tests.reports.test_parity import BASE, PRICE, STEP, market, trade_on  # noqa: E402


def run_for(app: QApplication, seconds: float) -> None:  # float-ok: wall time
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main(folder: Path, language: str, theme: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ("" if language == "en" else f"-{language}") + ("" if theme == "light" else "-dark")
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    apply_theme(app, theme)
    with FakeBinance() as fake, tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        trading_key(fake)
        fake.set_balance("USDT", "10000")
        fake.set_balance("BNB", "1")
        fake.set_price("BTCUSDT", PRICE)
        add_symbol(fake, "BNBUSDT", "BNB")
        fake.set_price("BNBUSDT", "600")
        settings = Settings(data_dir=Path(tmp) / "d", binance_url=fake.url)
        core = build_core(settings, CredentialStore(MemoryKeyring()))
        core.platforms.add(
            "Binance", PlatformType.BINANCE, ApiCredentials(KEY, SECRET), IntendedUse.ANY
        )
        spec = core.bots.create(
            name="BTC DCA",
            platform_name="Binance",
            kind=BotKind.TRADER,
            symbol="BTCUSDT",
            strategy="dca",
            params={
                "every": "3",
                "quote_amount": "20",
                "take_profit_pct": "50",
                "safety_orders": "0",
            },
            budget="200",
        )
        candles = market(16, jump_at=10)
        runner = trade_on(core, fake, spec, candles)
        runner.wind_down(OnStop.SELL, "Binance")
        runner.stop()
        core.candles.save("binance", [c for c in candles if c.open_time != BASE + 11 * STEP])
        fake.server_time_offset_ms = 0
        window = MainWindow(core)
        window.setGeometry(0, 0, 1366, 768 - 30)  # no window manager under Xvfb: the whole screen
        window.show()
        run_for(app, 2.0)
        bots = window.bots.list
        bots.reload()
        run_for(app, 2.0)
        bots.select_bot(spec.id)
        window.bots.parity_action.trigger()
        dialog = bots.findChild(ParityDialog)
        assert dialog is not None
        dialog.setGeometry(40, 60, 1286, 640)
        end = time.monotonic() + 20
        while dialog.report is None and dialog.message.isHidden() and time.monotonic() < end:
            run_for(app, 0.2)
        run_for(app, 1.0)
        path = folder / f"parity-1366{suffix}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)
        dialog.close()
        window.close()
        core.close()


if __name__ == "__main__":
    args = [*sys.argv[1:], "en", "light"]
    main(Path(args[0]), args[1], args[2] if len(sys.argv) > 3 else "light")
