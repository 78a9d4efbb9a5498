"""The backtest lab at 1366×768, in English and French, with the guide open or closed: an
optimisation's sections fit their tab bar (no scroll arrows, no elided title), every column header
of its tables is shown whole; a platform with a long name is elided in the middle of its closed
drop-down (the whole name as tooltip) and read whole in the open list, in the Backtest tab, the
Optimise tab and the bot editor, without widening their set-up columns."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.platform import IntendedUse, Platform, PlatformType
from crypty_desktop.gui import i18n
from crypty_desktop.gui.backtest_page import FORM_MAX_WIDTH, BacktestsPage
from crypty_desktop.gui.bot_editor import BotEditor
from crypty_desktop.gui.eliding_combo import ElidingComboBox
from crypty_desktop.gui.main_window import NAV_PAGES
from crypty_desktop.gui.optimise_results import OptimiseResultsView
from crypty_desktop.gui.optimise_tab import LEFT_MAX_WIDTH
from crypty_desktop.gui.qt import QApplication, QSplitter, QTableView
from crypty_desktop.help import OPTIMISE_TOPIC
from tests.backtest.test_overfit_guards import write_wave
from tests.gui.bot_helpers import close_window, open_window
from tests.gui.test_optimise_tab import open_page, optimise, ready, small_search
from tests.gui.test_window_fits import LAPTOP_H, LAPTOP_W, assert_fits

pytestmark = [pytest.mark.gui]
LONG_NAME = "My main Binance account — long-term savings"


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_translators(app, request.param)
    yield request.param
    i18n.install_translators(app, "en")


def header_cut(table: QTableView) -> list[str]:
    """The columns whose header is narrower than its text needs (wrapped or cut)."""
    header = table.horizontalHeader()
    model = table.model()
    return [
        str(model.headerData(i, header.orientation()))
        for i in range(header.count())
        if header.sectionSize(i) < header.sectionSizeFromContents(i).width()
    ]


def assert_sections_fit(view: OptimiseResultsView) -> None:
    bar = view.sections.tabBar()
    assert not bar.usesScrollButtons()
    titles = [bar.tabText(i) for i in range(bar.count())]
    # the tabs' natural width (no title elided) against the bar's
    assert bar.sizeHint().width() <= bar.width(), f"{titles} need {bar.sizeHint().width()} px"
    assert sum(bar.tabRect(i).width() for i in range(bar.count())) <= bar.width()
    assert all(bar.tabToolTip(i) for i in range(bar.count()))  # each says what it shows


@pytest.mark.parametrize("guide", [True, False], ids=["guide", "no-guide"])
@pytest.mark.parametrize("language", ["fr", "en"], indirect=True)
def test_an_optimisation_s_sections_and_headers_fit_a_laptop(
    qtbot: QtBot, core: Core, no_onboarding: None, tmp_path: Path, language: str, guide: bool
) -> None:
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    window = open_window(qtbot, core)
    try:
        window.resize(LAPTOP_W, LAPTOP_H - 30)
        window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
        page = window.backtests_page
        open_page(qtbot, page, write_wave(tmp_path / "wave.csv", drift=1.0, count=600))
        small_search(page)
        view = optimise(qtbot, page)
        if guide:
            window.show_help(OPTIMISE_TOPIC)
        qtbot.wait(200)
        assert_fits(window)
        assert_sections_fit(view)
        for index in range(view.sections.count()):  # every section beside the set-up column
            view.sections.setCurrentIndex(index)
            qtbot.wait(20)
            assert_fits(window)
        tab = page.optimise
        visible = tab.form_scroll.viewport().width()
        assert visible >= tab.form.minimumSizeHint().width(), "the set-up is cut on the right"
        for index, table in ((0, view.table), (2, view.fold_table)):
            view.sections.setCurrentIndex(index)
            qtbot.wait(20)
            assert header_cut(table) == [], "a column header is wrapped or cut"
        view.sections.setCurrentIndex(4)
        qtbot.wait(20)
        neighbours = view.findChild(QTableView, "neighbourTable")
        assert neighbours is not None and header_cut(neighbours) == []
        # the short header carries the long wording in its tooltip
        engine = view.model.columnCount() - 1
        tip = view.model.headerData(engine, view.table.horizontalHeader().orientation(), 3)
        assert isinstance(tip, str) and len(tip) > len(view.model.headers()[engine])
    finally:
        close_window(window)


# --- a platform's long name -----------------------------------------------------------------------
def long_platform(core: Core) -> Platform:
    ensure_demo(core.platforms, core.bots, with_sample_bot=False)
    return core.platforms.add(LONG_NAME, PlatformType.SIMULATED, intended_use=IntendedUse.ANY)


def assert_long_name_read_whole(qtbot: QtBot, combo: ElidingComboBox) -> None:
    text = combo.currentText()
    assert text.startswith(LONG_NAME)
    shown = combo.shown_text()
    assert combo.is_elided() and "…" in shown and len(shown) < len(text)
    assert shown.startswith(text[:6]) and shown.endswith(text[-4:])  # cut in the middle
    qtbot.wait_until(lambda: combo.toolTip() == text)  # the whole name on hover
    combo.showPopup()
    try:
        view = combo.view()
        qtbot.wait_until(view.isVisible)
        needed = max(view.fontMetrics().horizontalAdvance(combo.itemText(i))
                     for i in range(combo.count()))  # fmt: skip
        assert view.viewport().width() >= needed, "the open list cuts a name"
        assert view.width() > combo.width()  # wider than the closed box
    finally:
        combo.hidePopup()


def test_a_long_platform_name_in_both_lab_tabs(qtbot: QtBot, core: Core) -> None:
    platform = long_platform(core)
    page = BacktestsPage(core)
    qtbot.add_widget(page)
    page.resize(1100, 700)
    page.show()
    page.set_platforms(core.platforms.list())
    ready(qtbot, page.source_form)
    assert page.source_form.choose(platform.id, "BTCUSDT", "1h") is not None
    ready(qtbot, page.source_form)
    combo = page.platform_combo
    assert isinstance(combo, ElidingComboBox) and combo.currentData() == platform.id
    assert_long_name_read_whole(qtbot, combo)
    assert page.form.width() <= FORM_MAX_WIDTH  # the name did not widen the set-up column

    page.modes.setCurrentIndex(1)  # the Optimise tab's own copy of the form
    tab = page.optimise
    ready(qtbot, tab.source_form)
    mine = tab.source_form.platform_combo
    assert isinstance(mine, ElidingComboBox) and mine.currentData() == platform.id
    assert_long_name_read_whole(qtbot, mine)
    assert tab.left.width() <= LEFT_MAX_WIDTH

    # a name that fits is shown whole, with no tooltip repeating it (the set-up column at its
    # widest: the splitter beside the results moved)
    splitter = tab.left.parentWidget()
    assert isinstance(splitter, QSplitter)
    splitter.setSizes([LEFT_MAX_WIDTH, page.width()])
    demo = next(p.id for p in tab.source_form.platforms if p.id != platform.id)
    mine.setCurrentIndex(mine.findData(demo))
    qtbot.wait_until(lambda: not mine.is_elided())
    qtbot.wait_until(lambda: mine.toolTip() == "")


def test_a_long_platform_name_in_the_bot_editor(qtbot: QtBot, core: Core) -> None:
    platform = long_platform(core)
    editor = BotEditor(core)
    qtbot.add_widget(editor)
    editor.resize(560, 640)
    editor.show()
    combo = editor.platform_box
    assert isinstance(combo, ElidingComboBox)
    qtbot.wait_until(lambda: combo.findData(platform.name) >= 0)
    combo.setCurrentIndex(combo.findData(platform.name))
    qtbot.wait(20)
    # the box does not ask for the whole name's width (it would widen the editor)...
    assert combo.minimumSizeHint().width() < combo.fontMetrics().horizontalAdvance(LONG_NAME)
    editor.resize(editor.minimumSizeHint().width(), 640)  # ...and, narrow, elides it
    qtbot.wait_until(combo.is_elided)
    assert_long_name_read_whole(qtbot, combo)
