"""The core's sentences reach a French reader in French, values included.

Every template the core marks (``crypty_desktop.wording``) must be in the translation file with a
French translation that keeps exactly the same placeholders, and must be defined where importing
the app records it (so a line read back from the database is recognised before the code that
writes it has run).
"""

from __future__ import annotations

import importlib
import pkgutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

import crypty_desktop
from crypty_desktop import wording
from crypty_desktop.gui.i18n import core_text, install_translators
from crypty_desktop.gui.qt import QApplication, QLocale
from crypty_desktop.resources import resource_path

pytestmark = [pytest.mark.gui]


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    install_translators(qapp, "fr")
    yield
    install_translators(qapp, "en")
    QLocale.setDefault(QLocale.c())


def _import_everything() -> None:
    for module in pkgutil.walk_packages(crypty_desktop.__path__, "crypty_desktop."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


def _core_messages() -> dict[str, tuple[str, str | None]]:
    """Source → (French, type) of every message of the Core context of the translation file."""
    tree = ET.parse(resource_path("translations", "crypty_fr.ts"))  # noqa: S314 - our own file
    found = {}
    for context in tree.getroot().iter("context"):
        if context.findtext("name") != wording.CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[message.findtext("source") or ""] = (
                translation.text or "",
                translation.get("type"),
            )
    return found


def test_every_core_sentence_has_french_with_the_same_placeholders() -> None:
    _import_everything()
    messages = _core_messages()
    missing = [t for t in wording.templates() if t not in messages]
    assert not missing, f"run `make translations`: {missing}"
    unfinished = [t for t in wording.templates() if messages[t][1] or not messages[t][0]]
    assert not unfinished, f"no French yet for: {unfinished}"
    for template in wording.templates():
        french = messages[template][0]
        assert sorted(wording.placeholders(french)) == sorted(wording.placeholders(template)), (
            f"{template!r} → {french!r}"
        )


def test_every_core_template_in_the_file_is_recorded_on_import() -> None:
    _import_everything()
    recorded = set(wording.templates())
    stray = [s for s in _core_messages() if "{" in s and s not in recorded]
    assert not stray, f"define these at module level with wording.QT_TRANSLATE_NOOP: {stray}"


def test_a_bot_line_reads_in_french_with_french_numbers(french: None) -> None:
    from crypty_desktop.bots import engine

    line = engine.WARMED_UP.format(count=12)
    assert core_text(line) == "Indicateurs initialisés sur 12 bougies récentes."
    assert core_text("Nothing the core would say.") == "Nothing the core would say."
    assert core_text("") == ""


def test_english_lines_stay_as_they_are(qapp: QApplication) -> None:
    install_translators(qapp, "en")
    from crypty_desktop.bots import engine

    line = engine.WARMED_UP.format(count=12)
    assert core_text(line) == line
