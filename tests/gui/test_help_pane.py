"""The help pane: renders the guide in both languages, follows links, turns actions into signals."""

from __future__ import annotations

from pathlib import Path

import pytest

from crypty_desktop.gui.help_pane import IP_TOPICS, HelpPane
from crypty_desktop.gui.preferences import LANGUAGE, Preferences
from crypty_desktop.gui.qt import QPoint, QSettings, Qt, QTextBrowser, QTextCursor, QUrl
from crypty_desktop.help import HOME_TOPIC, LANGUAGES, HelpGuide, topic_ids
from crypty_desktop.preferences import PreferenceStore

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support")]


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    """Preferences in their own file, the window state in its own QSettings file."""
    qsettings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    return Preferences(qsettings, PreferenceStore(tmp_path / "preferences.json"))


class Lookups:
    """Counts lookups; the address is fixed (the real lookup is tested over loopback HTTP)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return "198.51.100.23"


@pytest.fixture
def lookups() -> Lookups:
    return Lookups()


@pytest.fixture
def opened() -> list[str]:
    return []


@pytest.fixture
def pane(qtbot, prefs: Preferences, lookups: Lookups, opened: list[str]) -> HelpPane:
    prefs.set(LANGUAGE, "en")
    widget = HelpPane(
        preferences=prefs,
        ip_lookup=lookups,
        open_external=lambda url: opened.append(url.toString()),
    )
    qtbot.add_widget(widget)
    widget.resize(420, 700)
    widget.show()
    return widget


def link_position(browser: QTextBrowser, href: str) -> QPoint:
    """Where a link with this target is drawn in the browser's viewport."""
    block = browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                return browser.cursorRect(cursor).center()
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link to {href!r} in the page")


def click_link(qtbot, browser: QTextBrowser, href: str) -> None:
    pos = link_position(browser, href)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=pos)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_topic_renders(pane: HelpPane, lang: str) -> None:
    pane.set_language(lang)
    guide = HelpGuide()
    for topic_id in topic_ids():
        pane.show_topic(topic_id)
        text = pane.browser.toPlainText()
        title = guide.topic(topic_id, lang).title
        assert pane.current_topic == topic_id
        assert text.startswith(title)
        assert len(text) > 200
        assert "`" not in text  # labels are shown in bold, never as raw Markdown
        assert pane.ip_panel.isVisibleTo(pane) == (topic_id in IP_TOPICS)


def test_language_comes_from_settings_and_switching_stores_it(
    qtbot, prefs: Preferences, lookups: Lookups
) -> None:
    prefs.set(LANGUAGE, "fr")
    pane = HelpPane(preferences=prefs, ip_lookup=lookups)
    qtbot.add_widget(pane)
    assert pane.language == "fr"
    assert pane.browser.toPlainText().startswith("Aide de Crypty Desktop")
    assert pane.contents.topLevelItem(0).text(0) == "Premiers pas"
    pane.language_box.setCurrentIndex(LANGUAGES.index("en"))
    assert pane.language == "en"
    assert prefs.get(LANGUAGE) == "en"
    assert pane.browser.toPlainText().startswith("Crypty Desktop help")
    assert pane.contents.topLevelItem(0).text(0) == "Getting started"


def test_topic_links_back_and_home(qtbot, pane: HelpPane) -> None:
    assert pane.current_topic == HOME_TOPIC
    assert not pane.back_button.isEnabled()
    with qtbot.wait_signal(pane.sig_topic_shown) as shown:
        click_link(qtbot, pane.browser, "ghost-key.md")
    assert shown.args == ["ghost-key"]
    assert pane.browser.toPlainText().startswith("Create a read-only key")
    click_link(qtbot, pane.browser, "add-key.md")
    assert pane.current_topic == "add-key"
    qtbot.mouseClick(pane.back_button, Qt.MouseButton.LeftButton)
    assert pane.current_topic == "ghost-key"
    qtbot.mouseClick(pane.back_button, Qt.MouseButton.LeftButton)
    assert pane.current_topic == HOME_TOPIC
    assert not pane.back_button.isEnabled()
    pane.show_topic("clock")
    qtbot.mouseClick(pane.home_button, Qt.MouseButton.LeftButton)
    assert pane.current_topic == HOME_TOPIC


def test_anchor_link_scrolls_to_its_heading(qtbot, pane: HelpPane) -> None:
    pane.show_topic("ghost-key")
    click_link(qtbot, pane.browser, "add-key.md#use-a-key-pair-made-here")
    assert (pane.current_topic, pane.current_anchor) == ("add-key", "use-a-key-pair-made-here")
    assert pane.browser.textCursor().block().text() == "Use a key pair made here"
    assert pane.browser.verticalScrollBar().value() > 0


def test_contents_opens_topics(qtbot, pane: HelpPane) -> None:
    section = pane.contents.topLevelItem(1)
    item = section.child(3)
    assert item.text(0) == "Restrict the key to your IP address"
    rect = pane.contents.visualItemRect(item)
    qtbot.mouseClick(pane.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.current_topic == "ip-restriction"
    assert pane.contents.currentItem() is item


def test_action_link_is_emitted_not_opened(qtbot, pane: HelpPane, opened: list[str]) -> None:
    pane.show_topic("ghost-key")
    with qtbot.wait_signal(pane.sig_action_requested) as action:
        click_link(qtbot, pane.browser, "crypty:add-platform?type=binance")
    assert action.args == ["add-platform", {"type": "binance"}]
    assert pane.current_topic == "ghost-key"  # the browser did not navigate
    assert opened == []


def test_testnet_action_asks_for_the_testnet_type(qtbot, pane: HelpPane) -> None:
    pane.show_topic("testnet")
    with qtbot.wait_signal(pane.sig_action_requested) as action:
        click_link(qtbot, pane.browser, "crypty:add-platform?type=binance-testnet")
    assert action.args == ["add-platform", {"type": "binance-testnet"}]


def test_web_links_open_in_the_system_browser(qtbot, pane: HelpPane, opened: list[str]) -> None:
    pane.show_topic("testnet")
    with qtbot.assert_not_emitted(pane.sig_action_requested):
        click_link(qtbot, pane.browser, "https://testnet.binance.vision/")
    assert opened == ["https://testnet.binance.vision/"]
    assert pane.current_topic == "testnet"


def test_unknown_or_hostile_links_do_nothing(pane: HelpPane, opened: list[str]) -> None:
    pane.show_topic("clock")
    for href in ("file:///etc/passwd", "../../etc/passwd", "javascript:alert(1)", "nope.md"):
        pane.browser.anchorClicked.emit(QUrl(href))
    assert pane.current_topic in ("clock", HOME_TOPIC)
    assert opened == []


def test_unknown_topic_shows_the_start_page(pane: HelpPane) -> None:
    pane.show_topic("no-such-topic")
    assert pane.current_topic == HOME_TOPIC


def test_show_public_ip_link_runs_the_lookup_once(qtbot, pane: HelpPane, lookups: Lookups) -> None:
    pane.show_topic("clock")
    assert not pane.ip_panel.isVisibleTo(pane)
    pane.show_topic("ip-restriction")
    assert pane.ip_panel.isVisibleTo(pane)
    assert lookups.count == 0  # nothing is sent before the user asks
    with qtbot.wait_signal(pane.ip_panel.sig_ip_found) as found:
        click_link(qtbot, pane.browser, "crypty:show-public-ip")
    assert found.args == ["198.51.100.23"]
    assert lookups.count == 1
    assert pane.ip_panel.address.text() == "198.51.100.23"


def test_switching_language_stays_at_the_same_heading(pane: HelpPane) -> None:
    pane.show_topic("add-key", "use-a-key-pair-made-here")
    pane.set_language("fr")
    assert pane.current_anchor == "utiliser-une-paire-de-cles-creee-ici"
    assert pane.browser.textCursor().block().text() == "Utiliser une paire de clés créée ici"
    pane.set_language("en")
    assert pane.current_anchor == "use-a-key-pair-made-here"
    assert pane.browser.textCursor().block().text() == "Use a key pair made here"
