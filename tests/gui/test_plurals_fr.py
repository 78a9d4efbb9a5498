"""Count-dependent core sentences in the window: French takes the singular for 0 and 1, English
for 1 only, whichever English form the line was written in; lines of earlier versions ("order(s)")
are still translated."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crypty_desktop.bots.engine import RECONCILED
from crypty_desktop.bots.stopping import CANCELLED_ALL, NOT_ALL_CANCELLED
from crypty_desktop.gui.i18n import core_text, install_translators
from crypty_desktop.gui.qt import QApplication, QLocale
from crypty_desktop.reports.parity import MISSING_CANDLES

pytestmark = [pytest.mark.gui]
NB = "\u00a0"


@pytest.fixture
def french(qapp: QApplication) -> Iterator[QApplication]:
    assert install_translators(qapp, "fr")
    yield qapp
    install_translators(qapp, "en")
    QLocale.setDefault(QLocale.c())


def test_french_is_singular_for_zero_and_one(french: QApplication) -> None:
    assert [core_text(CANCELLED_ALL.format(count=n)) for n in (0, 1, 2)] == [
        f"Arrêté{NB}; 0 ordre ouvert annulé.",
        f"Arrêté{NB}; 1 ordre ouvert annulé.",
        f"Arrêté{NB}; 2 ordres ouverts annulés.",
    ]
    assert [core_text(MISSING_CANDLES.format(count=n)) for n in (0, 1, 2)] == [
        "0 bougie manquante parmi les bougies enregistrées.",
        "1 bougie manquante parmi les bougies enregistrées.",
        "2 bougies manquantes parmi les bougies enregistrées.",
    ]
    assert core_text(RECONCILED.format(count=0)) == "0 ordre rapproché avec la plateforme."
    failed = NOT_ALL_CANCELLED.format(failed=2, count=3, error="Binance refused")
    assert core_text(failed).startswith(f"Arrêté{NB}; 2 ordres ouverts (sur 3) n’ont pas pu")
    # A line an earlier version wrote in a bot's log is still said in French.
    assert core_text("Stopped; 2 open order(s) cancelled.") == (
        f"Arrêté{NB}; 2 ordre(s) ouvert(s) annulé(s)."
    )


def test_english_is_singular_for_one_only(qapp: QApplication) -> None:
    install_translators(qapp, "en")
    assert [core_text(CANCELLED_ALL.format(count=n)) for n in (0, 1, 2)] == [
        "Stopped; 0 open orders cancelled.",
        "Stopped; 1 open order cancelled.",
        "Stopped; 2 open orders cancelled.",
    ]
    assert core_text(MISSING_CANDLES.format(count=1)) == "1 candle missing from the stored candles."


def test_a_fraction_of_a_day_is_singular_in_french(french: QApplication, qtbot: object) -> None:
    from decimal import Decimal as D

    from crypty_desktop.domain.market import Candle
    from crypty_desktop.domain.orders import Fill, Side
    from crypty_desktop.gui.backtest_metrics import MetricsPanel
    from crypty_desktop.reports.bot_metrics import rebuilt_report
    from tests.reports.test_bot_metrics import RULES

    hour = 3_600_000
    prices = ["100", "90", "95", "101"]  # below the first peak for two hours
    candles = [
        Candle("BTCUSDT", "1h", i * hour, D(p), D(p), D(p), D(p), D(1), (i + 1) * hour - 1)
        for i, p in enumerate(prices)
    ]
    buy = Fill("BTCUSDT", Side.BUY, D(100), D(5), D(0), "BNB", 0, "o1")
    held = rebuilt_report(D(1000), RULES, candles, [buy])
    assert held.metrics is not None and held.metrics.longest_drawdown_ms == 3 * hour
    panel = MetricsPanel(held, "USDT", "t", "s")
    assert panel.figure["longest_drawdown"].value.text() == "0,1 jour"
    assert panel.caution.text().startswith("Sharpe, Sortino et Calmar sont ramenés à une année")
    assert "moins d'un jour" in panel.caution.text()
    panel.deleteLater()
