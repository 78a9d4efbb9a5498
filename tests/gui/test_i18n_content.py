"""What the app writes while it works reaches a French reader in French too.

``test_i18n_untranslated`` looks at the windows' fixed words. Here it is their content: a backtest's
results tab (figures, chart, trades and their reasons), and a running bot's log, trades, last action
and Activity rows. A line of content is English when it is still one of the core's English
sentences (``crypty_desktop.wording``) after the French translator was installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from string import Formatter

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop import wording
from crypty_desktop.app import Core
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.bots import BotState
from crypty_desktop.gui.backtest_page import BacktestsPage
from crypty_desktop.gui.backtest_results import BacktestResultView
from crypty_desktop.gui.bot_models import COL_ACTION
from crypty_desktop.gui.i18n import core_text, install_translators
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import QApplication, QDate, QLocale, QTableWidget, QWidget
from tests.gui.bot_helpers import WAIT_MS, add_demo, close_window, make_bot, open_window
from tests.gui.test_i18n_untranslated import (
    _NO_WORDS,
    _TICKER,
    ALLOWED,
    _words,
    same_in_french,
    visible_texts,
)

pytestmark = [pytest.mark.gui]

_LOG_PREFIX = re.compile(r"^\S+\s+\S+(?:\s+[AP]M)?\s+\S+\s+")  # date, time, action column


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_translators(qapp, "en")
    QLocale.setDefault(QLocale.c())


def english_sentence(line: str) -> str | None:
    """The English template a line still is, if it has English words of its own; else None."""
    parsed = wording.parse(line.strip())
    if parsed is None:
        return None
    fixed = "".join(literal for literal, _, _, _ in Formatter().parse(parsed.template))
    return parsed.template if re.search(r"[A-Za-z]{3,}", fixed) else None


def is_words(text: str, allowed: set[str]) -> bool:
    """Whether a text has a word to translate: not only names, tickers, numbers and symbols."""
    if _words(text) in allowed:
        return False
    tokens = [t for t in re.split(r"[\s·×]+", text) if t]
    return any(t not in allowed and not _NO_WORDS.match(t) and not _TICKER.match(t) for t in tokens)


def table_texts(table: QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount()) if table.item(r, column)]


def run_backtest(qtbot: QtBot, core: Core) -> tuple[BacktestsPage, BacktestResultView]:
    page = BacktestsPage(core)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.set_platforms(core.platforms.list())
    qtbot.waitUntil(lambda: page.choices_job is None, timeout=15_000)
    page.strategy_combo.setCurrentIndex(page.strategy_combo.findData("dca"))
    page.start_edit.setDate(QDate(2024, 3, 1))
    page.end_edit.setDate(QDate(2024, 3, 31))
    with qtbot.wait_signal(page.sig_result_opened, timeout=60_000) as blocker:
        assert page.run() is not None
    view = blocker.args[0]
    assert isinstance(view, BacktestResultView)
    return page, view


def test_a_backtest_result_has_no_english_word_in_french(
    qtbot: QtBot, core: Core, app: QApplication
) -> None:
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    seen: dict[str, set[str]] = {}
    reasons: dict[str, list[str]] = {}
    for language in ("en", "fr"):
        install_translators(app, language)
        page, view = run_backtest(qtbot, core)
        roots: list[QWidget] = [page, view]
        seen[language] = visible_texts(*roots)
        reasons[language] = table_texts(view.trades, view.trades.columnCount() - 1)
        marks = view.chart.marker_points(True) + view.chart.marker_points(False)
        reasons[language] += [line for *_, tip in marks for line in core_text(tip).splitlines()]
        page.close()
    assert reasons["en"] and all(english_sentence(r) for r in reasons["en"])  # the test sees them
    assert [r for r in reasons["fr"] if english_sentence(r)] == []
    allowed = ALLOWED | same_in_french()
    untranslated = sorted(text for text in seen["en"] & seen["fr"] if is_words(text, allowed))
    assert untranslated == [], f"still in English in the French results: {untranslated}"


def _bot_lines(window: MainWindow) -> list[str]:
    """The running bot's log lines (without date and action), last action and Activity rows."""
    lines = [_LOG_PREFIX.sub("", line) for line in window.bots.list.detail.log_text().splitlines()]
    model = window.bots.list.model
    lines += [str(model.index(r, COL_ACTION).data() or "") for r in range(model.rowCount())]
    activity = window.extras.activity.proxy
    lines += [str(activity.index(r, 3).data() or "") for r in range(activity.rowCount())]
    return [line for line in lines if line.strip()]


def test_a_running_bot_speaks_french_in_its_log_and_the_activity(
    qtbot: QtBot, core: Core, no_onboarding: None, app: QApplication
) -> None:
    add_demo(core)
    spec = make_bot(core, "bot-fr")
    assert install_translators(app, "fr")
    window = open_window(qtbot, core)
    try:
        window.extras.activity_action.trigger()
        bots = window.bots.list
        bots.select_bot(spec.id)
        window.bots.supervisor.start(spec)
        qtbot.waitUntil(lambda: bots.detail.trades_table.rowCount() >= 2, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: len(_bot_lines(window)) >= 6, timeout=WAIT_MS)
        window.bots.supervisor.stop(spec.id)
        qtbot.waitUntil(
            lambda: core.bot_store.state(spec.id)[0] is BotState.STOPPED, timeout=WAIT_MS
        )
        qtbot.wait(300)  # the last rows reach the views
        lines = _bot_lines(window)
        assert any(line.startswith("Achat effectué") for line in lines), lines
        english = sorted({t for line in lines if (t := english_sentence(line))})
        assert english == [], f"English sentences in the French window: {english}"
    finally:
        close_window(window)


def test_chart_axes_and_the_candle_readout_follow_the_language(app: QApplication) -> None:
    from crypty_desktop.gui.chart_widgets import describe_row, month_names

    row = (1_709_294_400.0, 61000.5, 61500.0, 60900.0, 61317.0, 1234.5)
    assert install_translators(app, "fr")
    assert month_names()["Feb"] == QLocale(QLocale.Language.French).monthName(
        2, QLocale.FormatType.ShortFormat
    )
    french = describe_row(row)
    assert french.startswith("2024-03-01 12:00 UTC   Ouv. 61\u202f000,50   Haut 61\u202f500,00")
    assert "+0,52\u202f%" in french and french.endswith("Vol. 1\u202f234,50")
    install_translators(app, "en")
    assert month_names() == {}
    english = describe_row(row)
    assert english.startswith("2024-03-01 12:00 UTC   O 61,000.50   H 61,500.00   L 60,900.00")
    assert english.endswith("+0.52 %   Vol 1,234.50")
