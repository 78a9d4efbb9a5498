"""Screenshots of backtest results, the equity curve, the dashboard and a bot's chart (the demo).

Run: ``QT_QPA_PLATFORM=offscreen python -m tests.gui.chart_screenshots /work/notes/shots [fr]``
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.bots.brokers import PaperBroker  # noqa: E402
from crypty_desktop.credentials import CredentialStore  # noqa: E402
from crypty_desktop.demo import ensure_demo  # noqa: E402
from crypty_desktop.domain.bots import BotKind, BotSpec  # noqa: E402
from crypty_desktop.domain.orders import Side  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.charts import make_bot_chart  # noqa: E402
from crypty_desktop.gui.jobs import wait_for_jobs  # noqa: E402
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QDate, QWidget  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from crypty_desktop.strategies.base import Intent  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402

HOUR = 3_600_000


def settle(app: QApplication, until: object = None, rounds: int = 30) -> None:
    while callable(until) and not until():
        app.processEvents()
    for _ in range(rounds):
        app.processEvents()


def shot(app: QApplication, widget: QWidget, folder: Path, name: str) -> None:
    settle(app)
    widget.grab().save(str(folder / f"{name}.png"))
    print(folder / f"{name}.png")


def trade_a_little(core: object, spec: BotSpec) -> None:
    """Record a few paper trades for ``spec`` around the demo's clock, as a running bot would."""
    platform = core.bots.platform_of(spec)  # type: ignore[attr-defined]
    source = core.history_gateway(platform)  # type: ignore[arg-type]
    end = core.gateway_for(platform).now_ms  # type: ignore[attr-defined]
    recent = source.klines(spec.symbol, spec.interval, end - 200 * HOUR, end)
    broker = PaperBroker(
        spec.id, platform.id, source.symbol_rules(spec.symbol), spec.budget, core.order_log
    )  # type: ignore[attr-defined]
    for buy_at, sell_at in ((-180, -150), (-120, -90), (-60, -25)):
        broker.execute(Intent(Side.BUY, "golden cross", quote_amount=Decimal(600)), recent[buy_at])
        broker.on_candle(recent[buy_at + 1])
        broker.execute(
            Intent(Side.SELL, "death cross", base_qty=broker.wallet.base), recent[sell_at]
        )
        broker.on_candle(recent[sell_at + 1])


def main(folder: Path, language: str = "en") -> None:
    from crypty_desktop.gui.i18n import install_translators

    folder.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    with tempfile.TemporaryDirectory() as tmp:
        core = build_core(Settings(data_dir=Path(tmp)), CredentialStore(MemoryKeyring()))
        platform = ensure_demo(core.platforms, core.bots, with_sample_bot=False)
        spec = core.bot_store.create(
            BotSpec(
                id="shots0000000001",
                name="btc trend",
                kind=BotKind.GHOST,
                platform_id=platform.id,
                symbol="BTCUSDT",
                interval="1h",
                strategy="sma_cross",
                params={"fast": "10", "slow": "30"},
                budget=Decimal(1000),
            )
        )
        trade_a_little(core, spec)
        window = MainWindow(core)
        window.resize(1440, 900)
        window.show()
        settle(app)

        page = window.backtests_page
        window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
        settle(app, lambda: page.choices_job is None)
        page.start_edit.setDate(QDate(2024, 1, 1))
        page.run()
        settle(app, lambda: page.job is None)
        shot(app, window, folder, "backtest_results")
        view = page.tabs.currentWidget()
        view.lower_tabs.setCurrentIndex(1)
        shot(app, window, folder, "backtest_trades")
        view.lower_tabs.setCurrentIndex(0)
        view.chart.show_last(2000)
        shot(app, view, folder, "backtest_equity")

        window.nav.setCurrentRow(NAV_PAGES.index("Dashboard"))
        settle(app, lambda: window.dashboard_page.job is None)
        shot(app, window, folder, "dashboard")

        chart = make_bot_chart(core, spec)
        chart.resize(1100, 620)
        chart.show()
        settle(app, lambda: chart.chart is not None)
        shot(app, chart, folder, "bot_chart")
        chart.close()
        window.close()
        wait_for_jobs(10_000)
        core.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1] if len(sys.argv) > 1 else "/work/notes/shots"),
        sys.argv[2] if len(sys.argv) > 2 else "en",
    )
