"""Settings › Notifications › Alerts elsewhere: add a target (its address goes to the keychain in
the background), send a test to the loopback endpoint, see it delivered; a bad address is refused
in words; the event switches are written on OK."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.alerts import AlertEvent, Alerts
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.gui.settings_dialog import SettingsDialog
from tests.app.test_alerts import Endpoint, endpoint
from tests.memory_keyring import MemoryKeyring

__all__ = ["endpoint"]
pytestmark = [pytest.mark.gui]


@pytest.fixture
def alerts(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Alerts]:
    center = Alerts(tmp_path, CredentialStore(memory_keyring), first_pause=0.05)
    yield center
    center.close()


def test_add_a_target_send_a_test_and_switch_an_event(
    qtbot: QtBot, alerts: Alerts, endpoint: Endpoint, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = SettingsDialog(tmp_path, alerts=alerts)
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)  # Notifications
    panel = dialog.alerts_panel
    assert panel is not None
    panel.label_edit.setText("Phone")
    panel.url_edit.setText("not a url")
    panel.add_button.click()
    qtbot.wait_until(lambda: panel.job is None and panel.message.level == "error", timeout=5000)
    assert "Apprise" in panel.message.text.text() and memory_keyring.entries == {}

    panel.url_edit.setText(endpoint.url)
    panel.add_button.click()
    qtbot.wait_until(lambda: panel.target_list.count() == 1, timeout=5000)
    assert panel.url_edit.text() == ""
    assert "nothing sent yet" in panel.target_list.item(0).text()
    panel.target_list.setCurrentRow(0)
    panel.test_button.click()
    qtbot.wait_until(lambda: len(endpoint.bodies) == 1, timeout=10000)
    qtbot.wait_until(
        lambda: "last alert delivered" in panel.target_list.item(0).text(), timeout=5000
    )

    panel.event_boxes[AlertEvent.DAILY_SUMMARY].setChecked(False)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not alerts.config.enabled(AlertEvent.DAILY_SUMMARY)
    assert Alerts(tmp_path, alerts.credentials).config.targets[0].label == "Phone"
