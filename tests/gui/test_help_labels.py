"""Every interface label the guide tells the user to look for exists in the app, spelled the same.

The guide marks Crypty Desktop's labels in backticks. This builds the real windows (main window
with its menus and help pane, the Platforms dialog, the add form, the bot editor, the Make
everything safe confirmation, an optimisation's result) and collects their texts, tab titles
included. A label matches a text that is the same
once mnemonics (&) and a form label's closing colon are removed, or that continues with a
parenthesised precision ("Generate a key pair here (Ed25519) …").
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from crypty_desktop.app import Core
from crypty_desktop.backtest.lab import LabRequest, LabResult
from crypty_desktop.backtest.optimize import Search, Trial
from crypty_desktop.backtest.overfit import verdict
from crypty_desktop.backtest.run import BacktestRequest
from crypty_desktop.bots.panic import panic_plan
from crypty_desktop.bots.protection import NO_OCO
from crypty_desktop.bots.wake import CatchUp
from crypty_desktop.domain.market import SymbolRules
from crypty_desktop.domain.money import ZERO
from crypty_desktop.domain.orders import Fill, Side
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.gui.bot_editor import BotEditor
from crypty_desktop.gui.i18n import core_text, install_translators
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.optimise_results import OptimiseResultsView
from crypty_desktop.gui.panic_dialog import PanicDialog
from crypty_desktop.gui.qt import (
    QAction,
    QApplication,
    QComboBox,
    QMenu,
    QObject,
    QSettings,
    QTabWidget,
    QWidget,
)
from crypty_desktop.help import HelpGuide, ui_labels_named_in_guide

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support")]


def _clean(text: str) -> str:
    text = text.split("\t", 1)[0]  # an action's text may carry its shortcut after a tab
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    return text.removesuffix(":").strip()  # "Stop-loss (%):", "Stop suiveur (%)\u00a0:"


def _texts_of(obj: QObject) -> set[str]:
    texts: set[str] = set()
    for getter in ("text", "title"):
        method = getattr(obj, getter, None)
        if callable(method):
            try:
                value = method()
            except TypeError:  # e.g. a text(int) getter of a list widget
                continue
            if isinstance(value, str):
                texts.add(value)
    if isinstance(obj, QComboBox):
        texts |= {obj.itemText(i) for i in range(obj.count())}
    if isinstance(obj, QMenu):
        texts |= {a.text() for a in obj.actions()}
    if isinstance(obj, QTabWidget):
        texts |= {obj.tabText(i) for i in range(obj.count())}
    return texts


def interface_texts(*roots: QWidget) -> set[str]:
    found: set[str] = set()
    for root in roots:
        for obj in [root, *root.findChildren(QWidget), *root.findChildren(QAction)]:
            found |= {_clean(t) for t in _texts_of(obj) if t}
            if isinstance(obj, QComboBox):  # a choice has no mnemonic: its & is an ampersand
                found |= {obj.itemText(i).strip() for i in range(obj.count())}
    return found


def label_exists(label: str, texts: set[str]) -> bool:
    return any(t == label or t.startswith(label + " (") for t in texts)


def optimisation_result() -> OptimiseResultsView:
    """An optimisation's result as the Optimise tab shows it (two combinations, no guard run)."""
    rules = SymbolRules("BTCUSDT", "BTC", "USDT")
    search = Search(
        Path("wave.csv"), "BTCUSDT", "1h", rules, Decimal(1000), Decimal("0.001"), "sma_cross",
        {}, "net_pnl", 1,
    )  # fmt: skip
    trials = (
        Trial({"fast": "5", "slow": "20"}, 12.5, 3, Decimal("12.5")),
        Trial({"fast": "10", "slow": "20"}, -4.0, 2, Decimal(-4)),
    )
    result = LabResult(
        request=LabRequest(search, [("fast", ["5", "10"]), ("slow", ["20"])]),
        candles=200, trials=trials, ranked=trials, refused=0,
        reference=((trials[0], True), (trials[1], True)), walk=None, monte=None, stable=None,
        verdict=verdict(None, None, None), seconds=1.0, first_ms=0, last_ms=200 * 3_600_000 - 1,
    )  # fmt: skip
    source = BacktestRequest(
        None, "BTCUSDT", "1h", 0, 0, "sma_cross", {}, Decimal(1000),
        Decimal("0.1"), Path("wave.csv"),
    )  # fmt: skip
    return OptimiseResultsView(result, source)


@pytest.fixture
def user_qsettings(tmp_path: Path) -> Path:
    """A default-constructed QSettings() uses a temporary folder, never the user's settings."""
    folder = tmp_path / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def interface_language(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    language = str(request.param)
    install_translators(qapp, language)
    yield language
    install_translators(qapp, "en")


@pytest.mark.parametrize("interface_language", ["en", "fr"], indirect=True)
def test_every_label_named_in_the_guide_exists(
    qtbot, core: Core, no_onboarding: None, user_qsettings: Path, interface_language: str
) -> None:
    """The guide in each language names the labels of the interface in that language."""
    window = MainWindow(core)
    qtbot.add_widget(window)
    window.show_help("ip-restriction")  # the pane, with its "Show my public IP" panel
    dialog = window.open_platforms()
    form = dialog.open_add_form(PlatformType.BINANCE)
    editor = BotEditor(core, window)
    qtbot.add_widget(editor)
    panic = PanicDialog(panic_plan(core), window)
    qtbot.add_widget(panic)
    result = optimisation_result()
    qtbot.add_widget(result)
    texts = interface_texts(window, dialog, form, editor, panic, result)
    missing = sorted(
        label
        for label in ui_labels_named_in_guide(languages=[interface_language])
        if not label_exists(label, texts)
    )
    assert missing == [], f"the guide names labels the app does not show: {missing}"
    form.reject()
    dialog.close()


@pytest.mark.parametrize("interface_language", ["en", "fr"], indirect=True)
def test_the_log_lines_quoted_in_the_guide_are_the_app_s(interface_language: str) -> None:
    """The protection topic quotes a bot's log word for word, as the log shows it in that
    language (numbers with the language's decimal mark)."""
    rules = SymbolRules("BTCUSDT", "BTC", "USDT")
    sold = Fill("BTCUSDT", Side.SELL, Decimal("61240"), Decimal("0.01"), ZERO, "USDT", 0, "x")
    away = CatchUp(since_ms=0, candles=133, fills=[sold])
    minutes = 2 * 60 + 13
    lines = [
        core_text(away.summary(minutes * 60_000, rules)),
        core_text(NO_OCO.format(symbol="BTCUSDT")).replace("BTCUSDT", "…"),
    ]
    topic = HelpGuide().topic("protection", interface_language)
    prose = " ".join(topic.markdown.split())  # wrapped lines joined
    for line in lines:
        assert " ".join(line.replace("\u00a0", " ").split()) in prose


def test_the_matching_rule_is_strict() -> None:
    texts = {"Generate a key pair here (Ed25519) instead of a secret", "Save", "Manage platforms…"}
    assert label_exists("Generate a key pair here", texts)
    assert label_exists("Save", texts)
    assert not label_exists("Sav", texts)
    assert not label_exists("Manage platforms", texts)
    assert _clean("&Manage platforms…\tCtrl+Shift+P") == "Manage platforms…"
    assert _clean("Stop-loss (%):") == "Stop-loss (%)"
    assert _clean("Stop suiveur (%)\u00a0:") == "Stop suiveur (%)"
