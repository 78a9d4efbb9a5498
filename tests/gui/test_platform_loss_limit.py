"""The daily loss limit in the platform form: read the way the window shows numbers, saved through
the platform service, shown again when the form reopens; a bad amount is refused under its field
and nothing is saved (the platform stays as it was)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.platform import PlatformType
from crypty_desktop.gui import i18n
from crypty_desktop.gui.platform_form import PlatformForm
from crypty_desktop.gui.qt import QApplication
from tests.gui.platform_helpers import fill_form, save

pytestmark = [pytest.mark.gui]
D = Decimal


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    i18n.install_translators(qapp, "fr")
    yield
    i18n.install_translators(qapp, "en")


def form_for(qtbot: QtBot, core: Core, name: str | None = None) -> PlatformForm:
    platform = core.platforms.find(name) if name else None
    form = PlatformForm(core, platform, type_=PlatformType.SIMULATED)
    qtbot.add_widget(form)
    form.show()
    return form


def test_a_new_platform_saves_its_limit_and_the_form_shows_it_again(
    qtbot: QtBot, core: Core
) -> None:
    form = form_for(qtbot, core)
    assert form.form.labelForField(form.loss_limit_cell).text() == "Daily loss limit"
    assert form.loss_limit_edit.accessibleName() == "Daily loss limit"
    assert form.loss_limit_edit.text() == ""  # a new platform: no limit
    fill_form(form, name="Demo")
    form.loss_limit_edit.setText("1,250.5")  # as English shows a number
    save(qtbot, form)
    assert not form.isVisible()
    assert core.platforms.find("Demo").max_daily_loss == D("1250.5")

    again = form_for(qtbot, core, "Demo")
    assert again.loss_limit_edit.text() == "1,250.5"
    again.loss_limit_edit.setText("")  # emptied: no limit any more
    save(qtbot, again)
    assert core.platforms.find("Demo").max_daily_loss is None


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("0", "greater than 0"),
        ("-20", "greater than 0"),
        ("abc", ""),
        ("1.250,5", ""),  # French writing in the English window: refused, never guessed
    ],
)
def test_a_bad_limit_is_refused_under_the_field_and_nothing_is_saved(
    qtbot: QtBot, core: Core, typed: str, why: str
) -> None:
    form = form_for(qtbot, core)
    fill_form(form, name="Demo")
    form.loss_limit_edit.setText("50")
    save(qtbot, form)
    edit = form_for(qtbot, core, "Demo")
    edit.name_edit.setText("Renamed")
    edit.loss_limit_edit.setText(typed)
    save(qtbot, edit)
    assert edit.isVisible() and edit.save_job is None  # no save started
    assert edit.loss_limit_edit.error() != ""
    assert edit.loss_limit_edit.error_label.isVisible()
    assert why in edit.loss_limit_edit.error()
    kept = core.platforms.find("Demo")  # neither the name nor the limit changed
    assert kept.max_daily_loss == D("50")
    edit.loss_limit_edit.setText("75")  # typing again clears the sentence
    edit.loss_limit_edit.textEdited.emit("75")
    assert edit.loss_limit_edit.error() == ""
    save(qtbot, edit)
    renamed = core.platforms.find("Renamed")
    assert renamed.max_daily_loss == D("75")


def test_the_french_window_reads_and_shows_the_limit_the_french_way(
    qtbot: QtBot, core: Core, french: None
) -> None:
    form = form_for(qtbot, core)
    assert form.form.labelForField(form.loss_limit_cell).text() == "Perte maximale par jour"
    fill_form(form, name="Démo")
    form.loss_limit_edit.setText("1 250,5")
    save(qtbot, form)
    assert core.platforms.find("Démo").max_daily_loss == D("1250.5")
    again = form_for(qtbot, core, "Démo")
    assert again.loss_limit_edit.amount() == D("1250.5")
    again.loss_limit_edit.setText("0")
    save(qtbot, again)
    assert "supérieur à 0" in again.loss_limit_edit.error()
    assert core.platforms.find("Démo").max_daily_loss == D("1250.5")


def test_public_data_runs_no_trader_bot_so_the_form_has_no_limit(qtbot: QtBot, core: Core) -> None:
    form = form_for(qtbot, core)
    fill_form(form, type_=PlatformType.BINANCE_PUBLIC)
    assert not form.form.isRowVisible(form.loss_limit_cell)
    fill_form(form, type_=PlatformType.SIMULATED)
    assert form.form.isRowVisible(form.loss_limit_cell)
