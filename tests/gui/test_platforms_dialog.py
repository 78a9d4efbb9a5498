"""The Platforms window and its form, on the offline demo exchange (no network)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.platform import IntendedUse, PlatformType
from crypty_desktop.gui.platform_form import PlatformForm
from crypty_desktop.gui.platforms_dialog import PlatformsDialog
from crypty_desktop.gui.qt import QGuiApplication, QLineEdit, QMessageBox, Qt
from tests.gui.platform_helpers import all_widget_texts, fill_form, save, table_rows, wait_job


@pytest.fixture
def dialog(qtbot: QtBot, core: Core) -> PlatformsDialog:
    dlg = PlatformsDialog(core)
    qtbot.add_widget(dlg)
    dlg.show()
    return dlg


def add_demo(qtbot: QtBot, dialog: PlatformsDialog, name: str = "Demo") -> None:
    form = dialog.open_add_form(PlatformType.SIMULATED)
    fill_form(form, name=name)
    save(qtbot, form)
    assert not form.isVisible()


def test_buttons_and_columns(dialog: PlatformsDialog) -> None:
    labels = [
        b.text()
        for b in (
            dialog.add_button,
            dialog.edit_button,
            dialog.remove_button,
            dialog.test_button,
            dialog.close_button,
        )
    ]
    assert labels == ["+ Add", "Edit", "Remove", "Test connection", "Close"]
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(5)]
    assert headers == ["Name", "Type", "Key", "Allows", "Last checked"]
    assert not dialog.edit_button.isEnabled()  # nothing selected yet


def test_form_fields_are_labelled(dialog: PlatformsDialog) -> None:
    form = dialog.open_add_form()
    fields = {
        "Name": form.name_edit,
        "Type": form.type_box,
        "Access Key": form.access_edit,
        "Secret Key": form.secret,
        "Use": form.use_widget,
    }
    for label, field in fields.items():
        assert form.form.labelForField(field).text() == label
    types = [form.type_box.itemData(i) for i in range(form.type_box.count())]
    assert sorted(types) == sorted(PlatformType)  # every type, the real account first
    assert types[0] == PlatformType.BINANCE
    assert [b.text() for b in form.use_buttons.values()] == [
        "Ghost bots (read-only)",
        "Trader bots",
        "Both",
    ]
    assert form.secret.edit.echoMode() == QLineEdit.EchoMode.Password
    form.reject()


def test_simulated_needs_no_keys(dialog: PlatformsDialog) -> None:
    form = dialog.open_add_form()
    assert form.access_edit.isVisible()
    fill_form(form, type_=PlatformType.SIMULATED)
    assert not form.access_edit.isVisible() and not form.secret.isVisible()
    assert form.no_keys_note.isVisible() and "needs no keys" in form.no_keys_note.text()
    fill_form(form, type_=PlatformType.BINANCE_TESTNET)
    assert form.access_edit.isVisible() and not form.no_keys_note.isVisible()
    form.reject()


def test_add_simulated(qtbot: QtBot, dialog: PlatformsDialog, core: Core) -> None:
    with qtbot.wait_signal(dialog.sig_platforms_changed, timeout=15_000):
        add_demo(qtbot, dialog)
    [row] = table_rows(dialog.table)
    assert row[:4] == ["Demo", "Simulated (offline demo)", "No key needed", "Ghost + Trader bots"]
    assert row[4] != "—"
    assert [p.name for p in core.platforms.list()] == ["Demo"]
    assert dialog.audit_view.isVisible() and "Saved “Demo”" in dialog.audit_view.text()


def test_bad_input_is_explained_in_the_form(
    qtbot: QtBot, dialog: PlatformsDialog, core: Core
) -> None:
    form = dialog.open_add_form(PlatformType.SIMULATED)
    save(qtbot, form)
    assert form.isVisible() and form.message.level == "error"
    assert "Give the platform a name" in form.message.text.text()
    add_demo(qtbot, dialog)
    form = dialog.open_add_form(PlatformType.SIMULATED)
    fill_form(form, name="Demo")
    save(qtbot, form)
    assert form.isVisible() and "already exists" in form.message.text.text()
    assert form.name_edit.text() == "Demo"  # the input is kept
    assert len(core.platforms.list()) == 1
    form.reject()


def test_binance_form_checks_the_paste_before_the_network(
    qtbot: QtBot, dialog: PlatformsDialog, core: Core
) -> None:
    form = dialog.open_add_form(PlatformType.BINANCE)
    fill_form(form, name="Binance", key="not a key!", secret="x" * 64)
    save(qtbot, form)
    assert "letters and digits only" in form.message.text.text()
    assert core.platforms.list() == []
    form.reject()


def test_edit_renames_and_changes_use(qtbot: QtBot, dialog: PlatformsDialog, core: Core) -> None:
    add_demo(qtbot, dialog)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert isinstance(form, PlatformForm)
    assert form.name_edit.text() == "Demo" and not form.type_box.isEnabled()
    fill_form(form, name="Replay", use=IntendedUse.GHOST)
    save(qtbot, form)
    [platform] = core.platforms.list()
    assert (platform.name, platform.intended_use) == ("Replay", IntendedUse.GHOST)
    assert table_rows(dialog.table)[0][0] == "Replay"


def test_remove_asks_first_and_mentions_the_keychain(
    qtbot: QtBot, dialog: PlatformsDialog, core: Core
) -> None:
    add_demo(qtbot, dialog)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    assert "Remove “Demo”?" in box.text()
    qtbot.mouseClick(box.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None and len(core.platforms.list()) == 1

    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    with qtbot.wait_signal(dialog.sig_platforms_changed, timeout=15_000):
        qtbot.mouseClick(box.confirm_button, Qt.MouseButton.LeftButton)
    assert core.platforms.list() == [] and dialog.table.rowCount() == 0
    assert "was removed" in dialog.message.text.text()


def test_a_platform_with_a_bot_is_not_removed_and_the_window_says_why(
    qtbot: QtBot, dialog: PlatformsDialog, core: Core
) -> None:
    add_demo(qtbot, dialog)
    core.bots.create(
        name="demo-trader",
        platform_name="Demo",
        kind=BotKind.TRADER,
        symbol="BTCUSDT",
        strategy="rsi",
        budget="1000",
    )
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.confirm_button, Qt.MouseButton.LeftButton)
    wait_job(qtbot, dialog.job)
    qtbot.wait_until(lambda: "still has bots" in dialog.message.text.text(), timeout=15_000)
    assert "“demo-trader”" in dialog.message.text.text()
    assert [p.name for p in core.platforms.list()] == ["Demo"]
    assert table_rows(dialog.table)[0][0] == "Demo"


def test_test_connection_shows_the_audit_in_words(qtbot: QtBot, dialog: PlatformsDialog) -> None:
    add_demo(qtbot, dialog)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.busy.isVisible() and not dialog.test_button.isEnabled()
    wait_job(qtbot, dialog.job)
    assert not dialog.busy.isVisible()
    text = dialog.audit_view.text()
    assert "✓ Read balances and market data" in text
    assert "✓ Spot trading" in text
    assert "Ghost bots (paper trading): yes" in text
    assert "Trader bots (real orders): yes" in text


def test_secret_toggle_resets_when_the_form_closes(dialog: PlatformsDialog) -> None:
    form = dialog.open_add_form(PlatformType.BINANCE)
    fill_form(form, secret="s3cretS3cretS3cret")
    form.secret.toggle.setChecked(True)
    assert form.secret.edit.echoMode() == QLineEdit.EchoMode.Normal
    form.reject()
    assert form.secret.edit.echoMode() == QLineEdit.EchoMode.Password
    assert form.secret.edit.text() == "" and not form.secret.toggle.isChecked()
    assert "s3cretS3cretS3cret" not in all_widget_texts()


def test_generate_a_key_pair_shows_only_the_public_key(
    qtbot: QtBot, dialog: PlatformsDialog
) -> None:
    form = dialog.open_add_form(PlatformType.BINANCE)
    form.keypair_check.setChecked(True)
    wait_job(qtbot, form.keypair_job)
    public = form.keypair_panel.public_key.toPlainText()
    assert public.startswith("-----BEGIN PUBLIC KEY-----")
    assert form.keypair_panel.isVisible() and not form.secret.isVisible()
    assert "PRIVATE KEY" not in all_widget_texts()
    qtbot.mouseClick(form.keypair_panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().strip() == public
    creds = form.credentials()
    assert creds is not None and "PRIVATE KEY" in creds.secret
    form.reject()
    assert form.credentials() is not None  # a fresh HMAC pair, empty: the private key is gone
    assert form.keypair_panel.public_key.toPlainText() == ""
