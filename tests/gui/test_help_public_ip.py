"""The "Show my public IP" panel, over a loopback address service (never the internet)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crypty_desktop.gui.public_ip_widget import PublicIpPanel
from crypty_desktop.gui.qt import QGuiApplication, Qt
from crypty_desktop.public_ip import ENV_URL
from tests.app.test_public_ip import _Answer, _refused_url
from tests.app.test_public_ip import ip_server as ip_server  # noqa: F401 - the loopback fixture

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support")]


@pytest.fixture
def panel(qtbot) -> Iterator[PublicIpPanel]:
    widget = PublicIpPanel()
    qtbot.add_widget(widget)
    widget.show()
    yield widget
    qtbot.wait_until(lambda: not widget.busy)


def test_nothing_is_sent_before_the_click(
    qtbot, ip_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_URL, ip_server)
    widget = PublicIpPanel()
    qtbot.add_widget(widget)
    widget.show()
    assert _Answer.requests == 0
    assert not widget.result.isVisible()
    assert widget.show_button.text() == "Show my public IP"


def test_click_shows_the_address_and_copy_copies_it(
    qtbot, panel: PublicIpPanel, ip_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_URL, ip_server)
    with qtbot.wait_signal(panel.sig_ip_found, timeout=10_000) as found:
        qtbot.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
    assert found.args == ["203.0.113.7"]
    assert _Answer.requests == 1
    assert panel.result.isVisible()
    assert panel.address.text() == "203.0.113.7"
    assert panel.show_button.isEnabled()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "203.0.113.7"
    assert "Copied" in panel.status.text()


def test_a_second_click_while_busy_sends_one_request(
    qtbot, panel: PublicIpPanel, ip_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_URL, ip_server)
    with qtbot.wait_signal(panel.sig_ip_found, timeout=10_000):
        panel.start_lookup()
        panel.start_lookup()
    assert _Answer.requests == 1


def test_offline_says_how_to_find_it_another_way(
    qtbot, panel: PublicIpPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_URL, _refused_url())
    with qtbot.wait_signal(panel.sig_lookup_failed, timeout=10_000):
        qtbot.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
    text = panel.status.text()
    assert "could not be found" in text
    assert "Edit restrictions" in text
    assert "router" in text
    assert not panel.result.isVisible()
    assert panel.show_button.isEnabled()


def test_garbage_answer_is_not_shown(
    qtbot, panel: PublicIpPanel, ip_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_URL, ip_server)
    _Answer.body = b"<html>captive portal</html>"
    with qtbot.wait_signal(panel.sig_lookup_failed, timeout=10_000):
        panel.start_lookup()
    assert panel.address.text() == ""
    assert not panel.result.isVisible()
