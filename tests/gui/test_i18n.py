"""Languages: the translator loads at start-up, and numbers and dates follow the language."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from crypty_desktop.gui import i18n
from crypty_desktop.gui.extras import apply_preferences
from crypty_desktop.gui.i18n import (
    NARROW_NBSP,
    format_amount,
    format_datetime,
    format_percent,
    format_quantity,
    install_translators,
    resolve_language,
)
from crypty_desktop.gui.preferences import LANGUAGE, Preferences
from crypty_desktop.gui.qt import QApplication, QCoreApplication, QLocale

NNBSP = NARROW_NBSP


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_translators(qapp, "en")
    QLocale.setDefault(QLocale.c())


def test_french_numbers_use_a_decimal_comma_and_narrow_spaces() -> None:
    assert format_amount(Decimal("1234567.891"), 2, language="fr") == f"1{NNBSP}234{NNBSP}567,89"
    assert format_amount(Decimal("1234567.891"), 2, language="en") == "1,234,567.89"
    assert format_amount(Decimal("-0.5"), 2, language="fr") == "\u22120,50"
    assert format_amount(Decimal("12.3"), 2, signed=True, unit="USDT", language="fr") == (
        f"+12,30{NNBSP}USDT"
    )
    assert format_amount(Decimal("0.001"), 2, signed=True, language="en") == "0.00"
    assert format_amount(None) == "—"
    assert format_quantity(Decimal("0.00012000"), language="fr") == "0,00012"
    assert format_quantity(Decimal("1500"), language="en") == "1,500"
    assert format_percent(Decimal("1.254"), language="fr") == f"+1,25{NNBSP}%"
    assert format_percent(Decimal("-0.3"), language="en") == "\u22120.30 %"


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("1 234,56", "fr", "1234.56"),
        (f"1{NNBSP}234,56", "fr", "1234.56"),
        ("1,234.56", "en", "1234.56"),
        ("100", "en", "100"),
        ("1,000", "en", "1000"),
        ("1234.56", "fr", None),  # a point never appears in a French number: refused, not guessed
        ("1,5", "en", None),  # 1.5 or 15? refused
        ("abc", "en", None),
        ("", "fr", None),
    ],
)
def test_amounts_typed_by_the_user(
    qapp: QApplication, text: str, language: str, value: str | None
) -> None:
    """The window's number field reads the interface language's way, and only that."""
    from crypty_desktop.gui.amount_field import AmountEdit

    i18n._current = language  # what install_translators sets, without loading a translator
    try:
        edit = AmountEdit()
        edit.setText(text)
        ok, read = edit.checked_amount()
    finally:
        i18n._current = "en"
    if value is None:
        assert read is None and (not ok or text == "")
        assert ok == (text == "")  # empty is "no number", not an error
    else:
        assert ok and read == Decimal(value) and not edit.error()


def test_dates_in_the_language_of_the_interface(app: QApplication) -> None:
    ms = 1_764_000_000_000  # 2025-11-24 16:00 UTC
    french = format_datetime(ms, language="fr")
    english = format_datetime(ms, language="en")
    assert "2025" in french and "24/11/2025" in french
    assert french != english
    assert format_datetime(ms, seconds=True, language="fr").count(":") == 2


def test_the_french_translator_loads_and_english_needs_none(app: QApplication) -> None:
    installed = install_translators(app, "fr")
    assert installed, "crypty_fr.qm should load"
    assert i18n.current_language() == "fr"
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Paramètres"
    assert QLocale().language() == QLocale.Language.French
    assert install_translators(app, "en") == []
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"


def test_the_language_preference_is_applied_at_start(app: QApplication) -> None:
    Preferences().set(LANGUAGE, "fr")
    assert apply_preferences(app) == "fr"
    assert (
        QCoreApplication.translate("TrayController", "Stop &all bots") == "&Arrêter tous les bots"
    )
    Preferences().set(LANGUAGE, "en")
    assert apply_preferences(app) == "en"


def test_an_unset_language_follows_the_system() -> None:
    system = QLocale.system().name()
    expected = "fr" if system.startswith("fr") else "en"
    assert resolve_language("") == expected
    assert resolve_language("fr") == "fr"


def test_the_translation_file_covers_every_string_of_the_interface(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """lupdate over the app (window and core sentences) finds nothing new, every message has a
    finished French translation, and the committed .qm is the compiled .ts."""
    import shutil
    import subprocess
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    bin_dir = Path(sys.executable).parent
    lupdate, lrelease = bin_dir / "pyside6-lupdate", bin_dir / "pyside6-lrelease"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed here")
    root = Path(__file__).resolve().parents[2]
    ts = tmp_path / "crypty_fr.ts"
    shutil.copy(root / "resources" / "translations" / "crypty_fr.ts", ts)
    sources = sorted(str(p) for p in (root / "crypty_desktop").rglob("*.py"))
    subprocess.run(
        [str(lupdate), *sources, "-ts", str(ts), "-no-obsolete", "-locations", "none"],
        check=True,
        capture_output=True,
    )
    unfinished = [
        (m.findtext("source") or "")[:60]
        for m in ET.parse(ts).getroot().iter("message")  # noqa: S314 - our own file
        if (m.find("translation") is None or m.find("translation").get("type") == "unfinished")
    ]
    assert unfinished == [], f"strings without a French translation: {unfinished}"
    qm = tmp_path / "crypty_fr.qm"
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    committed = root / "resources" / "translations" / "crypty_fr.qm"
    assert qm.read_bytes() == committed.read_bytes(), "run `make translations` and commit the .qm"


def test_every_strategy_word_is_listed_for_translation() -> None:
    from crypty_desktop.gui.strategy_words import STRATEGY_WORDS
    from crypty_desktop.strategies.registry import STRATEGIES

    words = set(STRATEGY_WORDS)
    for cls in STRATEGIES.values():
        assert cls.title in words and cls.description in words
        for param in cls.params:
            assert param.label in words and param.description in words
            unit = param.unit.strip()
            assert unit in words or unit in ("", "%", "×", "quote"), unit
