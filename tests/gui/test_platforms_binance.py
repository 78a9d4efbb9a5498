"""The Platforms window against the loopback fake Binance: real HTTP, real python-binance client."""

from __future__ import annotations

import logging
import threading

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.platform import IntendedUse, KeyKind, PlatformType
from crypty_desktop.gui.platform_form import CHECKING_TEXT, PlatformForm
from crypty_desktop.gui.platforms_dialog import PlatformsDialog
from crypty_desktop.gui.qt import QMessageBox, Qt, QTimer
from crypty_desktop.platforms import PlatformService
from tests.fakes.fake_binance import FakeBinance, FakeKey
from tests.gui.platform_helpers import (
    all_widget_texts,
    blocking_connector,
    fill_form,
    save,
    table_rows,
    wait_job,
)
from tests.memory_keyring import MemoryKeyring

KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
KEY2 = "kYq3Xc7RrA2mPz8T0bWvLhN5sD9fG4jE1uI6oK3yM7nB2vC8xZ5aQ0wE4rT9yU1i"
SECRET2 = "Zr8Wq2Ex5Rt7Yu1Io3Pa6Sd9Fg4Hj0Kl2Zx5Cv8Bn1Mq3We6Rt9Yu2Io5Pa8Sd0F"


@pytest.fixture
def dialog(qtbot: QtBot, binance_core: Core) -> PlatformsDialog:
    dlg = PlatformsDialog(binance_core)
    qtbot.add_widget(dlg)
    dlg.show()
    return dlg


def add_binance(
    qtbot: QtBot,
    dialog: PlatformsDialog,
    *,
    name: str = "Binance",
    key: str = KEY,
    secret: str = SECRET,
    use: IntendedUse = IntendedUse.GHOST,
) -> PlatformForm:
    form = dialog.open_add_form(PlatformType.BINANCE)
    fill_form(form, name=name, key=key, secret=secret, use=use)
    save(qtbot, form)
    return form


def nothing_saved(core: Core, keyring: MemoryKeyring) -> bool:
    return core.platforms.list() == [] and keyring.entries == {}


def test_add_a_read_only_key(
    qtbot: QtBot,
    dialog: PlatformsDialog,
    binance_core: Core,
    fake_binance: FakeBinance,
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    form = add_binance(qtbot, dialog)
    assert not form.isVisible()
    [row] = table_rows(dialog.table)
    assert row[:4] == ["Binance", "Binance", "vmPU…Eh8A", "Ghost bots"]
    [platform] = binance_core.platforms.list()
    assert binance_core.platforms.credentials_for(platform).secret == SECRET
    text = dialog.audit_view.text()
    assert "✓ Read balances and market data" in text and "✗ Spot trading" in text
    assert "✗ Withdrawals" in text and "✓ Restricted to trusted IP addresses" in text
    assert "Ghost bots (paper trading): yes" in text
    assert "Trader bots (real orders): no" in text
    assert SECRET not in all_widget_texts()


def test_warnings_of_a_saved_key_are_shown(
    qtbot: QtBot, dialog: PlatformsDialog, fake_binance: FakeBinance
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, can_trade=True, ip_restrict=False))
    add_binance(qtbot, dialog, use=IntendedUse.GHOST)
    levels = [panel.level for panel in dialog.audit_view.findings]
    assert levels == ["warning", "warning"]
    text = dialog.audit_view.text()
    assert "⚠ This key works from any IP address" in text
    assert "you added it for Ghost bots" in text
    assert table_rows(dialog.table)[0][3].endswith("⚠")


def test_a_key_that_can_withdraw_is_refused_and_nothing_is_saved(
    qtbot: QtBot,
    dialog: PlatformsDialog,
    binance_core: Core,
    fake_binance: FakeBinance,
    memory_keyring: MemoryKeyring,
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET, enable_withdrawals=True))
    form = add_binance(qtbot, dialog)
    assert form.isVisible() and form.message.level == "error"
    assert "can withdraw funds" in form.message.text.text()
    assert form.name_edit.text() == "Binance" and form.access_edit.text() == KEY  # input kept
    assert form.fields.isEnabled() and not form.busy.isVisible()
    assert nothing_saved(binance_core, memory_keyring)
    assert dialog.table.rowCount() == 0
    form.reject()


def test_a_wrong_secret_is_explained(
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    dialog: PlatformsDialog,
    binance_core: Core,
    fake_binance: FakeBinance,
    memory_keyring: MemoryKeyring,
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    form = add_binance(qtbot, dialog, secret=SECRET2)
    assert form.isVisible()
    assert "the Secret Key does not belong to this Access Key" in form.message.text.text()
    assert form.message.small.text() == "Code -1022"
    assert SECRET2 not in form.message.text.text()
    assert nothing_saved(binance_core, memory_keyring)
    form.reject()
    assert SECRET2 not in all_widget_texts()
    assert SECRET2 not in caplog.text


def test_edit_replaces_the_key(
    qtbot: QtBot,
    dialog: PlatformsDialog,
    binance_core: Core,
    fake_binance: FakeBinance,
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    fake_binance.add_key(FakeKey(api_key=KEY2, secret=SECRET2, can_trade=True))
    add_binance(qtbot, dialog)
    form = dialog.open_edit_form(binance_core.platforms.list()[0])
    assert "vmPU…Eh8A" in form.access_edit.placeholderText()
    fill_form(form, name="Binance main", key=KEY2, secret=SECRET2, use=IntendedUse.TRADER)
    save(qtbot, form)
    assert not form.isVisible()
    [platform] = binance_core.platforms.list()
    assert (platform.name, platform.key_masked) == ("Binance main", "kYq3…yU1i")
    assert binance_core.platforms.credentials_for(platform).api_key == KEY2
    assert table_rows(dialog.table)[0][3] == "Ghost + Trader bots"


def test_edit_without_a_new_key_keeps_the_old_one(
    qtbot: QtBot, dialog: PlatformsDialog, binance_core: Core, fake_binance: FakeBinance
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    add_binance(qtbot, dialog)
    form = dialog.open_edit_form(binance_core.platforms.list()[0])
    fill_form(form, name="Renamed")
    save(qtbot, form)
    [platform] = binance_core.platforms.list()
    assert platform.name == "Renamed"
    assert binance_core.platforms.credentials_for(platform).secret == SECRET


def test_remove_deletes_the_keychain_entry(
    qtbot: QtBot,
    dialog: PlatformsDialog,
    binance_core: Core,
    fake_binance: FakeBinance,
    memory_keyring: MemoryKeyring,
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    add_binance(qtbot, dialog)
    assert memory_keyring.entries
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    assert "removed from this computer's keychain" in box.informativeText()
    qtbot.mouseClick(box.confirm_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, dialog.job)
    assert nothing_saved(binance_core, memory_keyring)


def test_test_connection_reports_a_changed_key(
    qtbot: QtBot, dialog: PlatformsDialog, fake_binance: FakeBinance
) -> None:
    key = fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    add_binance(qtbot, dialog)
    key.ip_restrict = False  # someone edited the key on Binance
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.busy.label.text() == CHECKING_TEXT
    wait_job(qtbot, dialog.job)
    text = dialog.audit_view.text()
    assert "Connection test of “Binance”" in text
    assert "✗ Restricted to trusted IP addresses" in text
    assert "⚠ This key works from any IP address" in text


def test_test_connection_failure_is_explained(
    qtbot: QtBot, dialog: PlatformsDialog, fake_binance: FakeBinance
) -> None:
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    add_binance(qtbot, dialog)
    fake_binance.remove_key(KEY)  # revoked on Binance
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, dialog.job)
    assert dialog.message.level == "error"
    assert "Binance refused the key" in dialog.message.text.text()
    assert dialog.test_button.isEnabled()


@pytest.fixture
def gate(binance_core: Core) -> tuple[threading.Event, threading.Event]:
    """Make the key check wait until the test releases it (entered, release)."""
    entered, release = threading.Event(), threading.Event()
    connector = blocking_connector(binance_core.connect, entered, release)
    binance_core.platforms = PlatformService(
        binance_core.store,
        binance_core.credentials,
        connector,  # type: ignore[arg-type]
    )
    yield entered, release
    release.set()


def test_cancel_during_save_saves_nothing(
    qtbot: QtBot,
    dialog: PlatformsDialog,
    binance_core: Core,
    fake_binance: FakeBinance,
    memory_keyring: MemoryKeyring,
    gate: tuple[threading.Event, threading.Event],
) -> None:
    entered, release = gate
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    form = dialog.open_add_form(PlatformType.BINANCE)
    fill_form(form, name="Binance", key=KEY, secret=SECRET)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    job = form.save_job
    assert job is not None
    assert form.busy.isVisible() and form.busy.label.text() == CHECKING_TEXT
    assert not form.fields.isEnabled() and not form.save_button.isEnabled()
    assert entered.wait(15)
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.fields.isEnabled() and not form.busy.isVisible()
    assert "nothing was saved" in form.message.text.text()
    with qtbot.assert_not_emitted(form.sig_saved), qtbot.wait_signal(job.sig_finished):
        release.set()
    assert nothing_saved(binance_core, memory_keyring)
    assert form.name_edit.text() == "Binance"  # input kept for another try
    form.reject()


def test_the_window_stays_responsive_during_a_save(
    qtbot: QtBot,
    dialog: PlatformsDialog,
    fake_binance: FakeBinance,
    gate: tuple[threading.Event, threading.Event],
) -> None:
    entered, release = gate
    fake_binance.add_key(FakeKey(api_key=KEY, secret=SECRET))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    form = dialog.open_add_form(PlatformType.BINANCE)
    fill_form(form, name="Binance", key=KEY, secret=SECRET)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert entered.wait(15)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=15_000)
    assert form.busy_saving  # the save is still waiting on "the network"
    with qtbot.wait_signal(form.sig_saved, timeout=15_000):
        release.set()
    timer.stop()
    assert dialog.table.rowCount() == 1


def test_a_key_pair_made_here_is_saved_to_the_keychain(
    qtbot: QtBot,
    dialog: PlatformsDialog,
    binance_core: Core,
    fake_binance: FakeBinance,
) -> None:
    form = dialog.open_add_form(PlatformType.BINANCE)
    form.keypair_check.setChecked(True)
    wait_job(qtbot, form.keypair_job)
    public_pem = form.keypair_panel.public_key.toPlainText() + "\n"
    fake_binance.add_key(FakeKey(api_key=KEY, public_pem=public_pem))  # "Self-generated" on Binance
    fill_form(form, name="Binance Ed25519", key=KEY)
    save(qtbot, form)
    assert not form.isVisible(), form.message.text.text()
    [platform] = binance_core.platforms.list()
    assert platform.key_kind is KeyKind.ED25519
    stored = binance_core.platforms.credentials_for(platform)
    assert "PRIVATE KEY" in stored.secret
    assert "PRIVATE KEY" not in all_widget_texts()
