"""``crypty-desktop --self-test``: passes from source, fails with a reason on an incomplete copy."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crypty_desktop import selftest
from crypty_desktop.app import Core
from crypty_desktop.credentials import CredentialStore
from crypty_desktop.demo import ensure_demo
from crypty_desktop.selftest import SelfTestFailed, SelfTestReport

REPO = Path(__file__).resolve().parents[2]


def _run_self_test(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the self-test sets offscreen itself
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-m", "crypty_desktop", "--self-test"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy_of_the_app(tmp_path: Path) -> Path:
    """The package and its resources copied side by side, as an unpacked build would hold them."""
    root = tmp_path / "copy"
    shutil.copytree(
        REPO / "crypty_desktop",
        root / "crypty_desktop",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copytree(REPO / "resources", root / "resources")
    return root


def test_the_self_test_passes_from_source_in_one_line() -> None:
    result = _run_self_test(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    verdict = result.stdout.strip().splitlines()[-1]
    assert verdict.startswith("self-test ok: v"), verdict
    for part in (
        "db",
        "keychain=",
        "help=fr+en",
        "translations=",
        "window",
        "charts",
        "ghost bot 20 candles",
    ):
        assert part in verdict
    assert all(line.startswith("self-test ") for line in result.stdout.strip().splitlines())


def test_a_copy_missing_the_french_guide_fails_and_says_so(tmp_path: Path) -> None:
    root = _copy_of_the_app(tmp_path)
    shutil.rmtree(root / "resources" / "help" / "fr")
    result = _run_self_test(root, pythonpath=root)
    assert result.returncode == 1, result.stdout + result.stderr
    verdict = result.stdout.strip().splitlines()[-1]
    assert verdict.startswith("self-test failed: help: fr/"), verdict
    assert str(root) in verdict  # the copy under test was the one checked


def test_a_copy_with_a_broken_translation_fails_and_names_it(tmp_path: Path) -> None:
    root = _copy_of_the_app(tmp_path)
    (root / "resources" / "translations").mkdir(exist_ok=True)
    (root / "resources" / "translations" / "crypty_xx.qm").write_bytes(b"not a translation")
    result = _run_self_test(root, pythonpath=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "self-test failed: translations: crypty_xx.qm does not load"
    )


def test_a_copy_with_a_translation_reports_its_language(tmp_path: Path) -> None:
    spec = importlib.util.find_spec("PySide6")  # located, not imported: Qt stays in the GUI
    assert spec is not None and spec.submodule_search_locations
    qt_french = Path(spec.submodule_search_locations[0]) / "Qt" / "translations" / "qtbase_fr.qm"
    root = _copy_of_the_app(tmp_path)
    (root / "resources" / "translations").mkdir(exist_ok=True)
    for old in (root / "resources" / "translations").glob("*.qm"):
        old.unlink()
    shutil.copy(qt_french, root / "resources" / "translations" / "crypty_fr.qm")
    result = _run_self_test(root, pythonpath=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", translations=fr," in result.stdout.strip().splitlines()[-1]


def test_a_copy_without_demo_candles_fails(tmp_path: Path) -> None:
    root = _copy_of_the_app(tmp_path)
    (root / "resources" / "demo" / "BTCUSDT-1m.csv").unlink()
    result = _run_self_test(root, pythonpath=root)
    assert result.returncode == 1
    assert "self-test failed:" in result.stdout


def test_keyring_without_registered_backends_is_the_packaging_failure(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen build without keyring's metadata has no entry points: a failure, not a warning."""
    monkeypatch.setattr(selftest, "entry_points", lambda group: [])
    with pytest.raises(SelfTestFailed, match="keyring has no backend"):
        selftest.check_keychain(core.credentials, SelfTestReport())


def test_keyring_backends_are_registered_in_this_environment() -> None:
    modules = selftest.keyring_backend_modules()
    assert "keyring.backends.chainer" in modules
    for module in selftest.native_keyring_modules():
        assert module in modules or not module.startswith("keyring.")
    assert selftest.native_keyring_modules("linux")[0] == "keyring.backends.SecretService"


def test_no_secure_keychain_on_the_computer_is_only_a_warning(core: Core) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    core.credentials = CredentialStore(FailKeyring())
    report = SelfTestReport()
    assert selftest.check_keychain(core.credentials, report) == "keychain=none"
    [warning] = report.warnings
    assert warning.startswith("no secure keychain on this computer (fail)")


def test_a_usable_keychain_is_named(core: Core) -> None:
    report = SelfTestReport()
    assert selftest.check_keychain(core.credentials, report) == "keychain=memory_keyring"
    assert report.warnings == []


def test_the_sample_ghost_bot_trades_on_the_simulated_clock(core: Core) -> None:
    ensure_demo(core.platforms, core.bots)
    candles, fills = selftest.run_ghost_bot(core.bot_context, candles=20)
    assert candles == 20
    assert fills >= 1  # the sample DCA bot buys on its first candle


def test_the_isolated_environment_is_undone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("CRYPTY_NO_ONBOARDING", raising=False)
    with selftest.isolated_environment() as folder:
        assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
        assert os.environ["CRYPTY_DATA_DIR"].startswith(str(folder))
    assert os.environ["QT_QPA_PLATFORM"] == "xcb"
    assert "CRYPTY_NO_ONBOARDING" not in os.environ
    assert not folder.exists()
