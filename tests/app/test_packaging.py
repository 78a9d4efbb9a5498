"""The installer recipes: build.spec, the .desktop file, the Debian control files, the scripts.

PyInstaller itself is not run here (CI builds and self-tests the frozen app after the suite); the
spec is executed with stand-ins for PyInstaller's build steps to read what it would put in.
"""

from __future__ import annotations

import ast
import configparser
import re
import shutil
import subprocess
import sys
import tomllib
import types
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "build.spec"
LINUX = REPO / "packaging" / "linux"
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


class _Step:
    """Records the arguments of one PyInstaller build step (Analysis, EXE, COLLECT...)."""

    calls: list[tuple[str, _Step]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.datas = list(kwargs.get("datas", []))
        self.binaries: list[tuple[str, str, str]] = []
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        _Step.calls.append((type(self).__name__, self))


def _run_spec(monkeypatch: pytest.MonkeyPatch, platform: str = "linux") -> dict[str, Any]:
    """Execute build.spec with stand-ins; returns its namespace (``a`` is the Analysis)."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.copy_metadata = lambda name: [(f"<metadata {name}>", f"{name}.dist-info")]  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda name: [f"{name}.<submodules>"]  # type: ignore[attr-defined]
    for name, module in (
        ("PyInstaller", types.ModuleType("PyInstaller")),
        ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
        ("PyInstaller.utils.hooks", hooks),
    ):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.delenv("CRYPTY_DIST_KEEP_ALL", raising=False)
    _Step.calls = []
    steps = {name: type(name, (_Step,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}
    steps["BUNDLE"] = type("BUNDLE", (_Step,), {})
    namespace: dict[str, Any] = {"SPECPATH": str(REPO), "__name__": "__main__", **steps}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)  # noqa: S102
    return namespace


def _qt_modules_the_app_imports() -> set[str]:
    """PySide6 modules imported by the Qt door (the only place the app imports Qt from)."""
    tree = ast.parse((REPO / "crypty_desktop" / "gui" / "qt.py").read_text(encoding="utf-8"))
    return {
        node.module.split(".")[1]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PySide6.")
    }


def test_the_spec_bundles_keyring_with_its_backends_and_the_app_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ns = _run_spec(monkeypatch)
    analysis = ns["a"]
    datas = {dest for _src, dest in analysis.kwargs["datas"]}
    assert {"keyring.dist-info", "crypty-desktop.dist-info", "resources"} <= datas
    assert {"SecretStorage.dist-info", "jeepney.dist-info"} <= datas
    hidden = set(analysis.kwargs["hiddenimports"])
    assert "keyring.backends.<submodules>" in hidden
    assert {"secretstorage.<submodules>", "jeepney.<submodules>"} <= hidden
    assert {"pyqtgraph", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets"} <= hidden
    assert (str(REPO / "resources"), "resources") in analysis.kwargs["datas"]


def test_the_spec_bundles_apprise_with_its_plugin_folders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Apprise finds its services by listing its plugin folders, so its modules are files too."""
    analysis = _run_spec(monkeypatch)["a"]
    assert "apprise.dist-info" in {dest for _src, dest in analysis.kwargs["datas"]}
    assert {"apprise", "apprise.<submodules>"} <= set(analysis.kwargs["hiddenimports"])
    assert analysis.kwargs["module_collection_mode"] == {"apprise": "pyz+py"}
    manager = Path(__import__("apprise").__file__).parent / "manager.py"
    assert "os.listdir(module_path)" in manager.read_text(encoding="utf-8")  # why, still true


def test_the_spec_names_and_versions_from_pyproject(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = _run_spec(monkeypatch, platform="darwin")
    assert (ns["APP_NAME"], ns["VERSION"]) == (PROJECT["name"], PROJECT["version"])
    exe = next(step for name, step in _Step.calls if name == "EXE")
    assert exe.kwargs["name"] == "crypty-desktop" and exe.kwargs["console"] is False
    collect = next(step for name, step in _Step.calls if name == "COLLECT")
    assert collect.kwargs["name"] == "crypty-desktop"  # one folder
    bundle = next(step for name, step in _Step.calls if name == "BUNDLE")
    assert bundle.kwargs["info_plist"]["CFBundleShortVersionString"] == PROJECT["version"]


def test_linux_builds_skip_the_keychain_modules_of_other_systems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ns = _run_spec(monkeypatch, platform="win32")
    assert "secretstorage.<submodules>" not in ns["a"].kwargs["hiddenimports"]
    assert not any(name == "BUNDLE" for name, _ in _Step.calls)


def test_the_spec_excludes_unused_qt_but_nothing_the_app_imports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ns = _run_spec(monkeypatch)
    excludes = set(ns["a"].kwargs["excludes"])
    for unused in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia", "QtCharts"):
        assert f"PySide6.{unused}" in excludes
    for unused in ("QtSql", "QtTest", "QtDesigner", "QtNetwork"):
        assert f"PySide6.{unused}" in excludes
    used = _qt_modules_the_app_imports() | {"QtSvg", "QtOpenGL", "QtOpenGLWidgets"}
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    excluded_but_used = {m for m in used if f"PySide6.{m}" in excludes}
    assert not excluded_but_used, f"build.spec excludes Qt modules the app imports: {used}"


def test_the_spec_keeps_the_plugins_a_desktop_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = _run_spec(monkeypatch)
    unused, wanted = ns["_unused_binary"], ns["_wanted"]
    plugins = "PySide6/Qt/plugins/"
    for kept in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                 "imageformats/libqsvg.so", "iconengines/libqsvgicon.so",
                 "platformthemes/libqxdgdesktopportal.so"):  # fmt: skip
        assert not unused(plugins + kept), kept
    for dropped in ("platforms/libqeglfs.so", "platforms/libqvnc.so",
                    "platformthemes/libqgtk3.so"):  # fmt: skip
        assert unused(plugins + dropped), dropped
    assert unused("libQt6Network.so.6") and not unused("PySide6/Qt/lib/libQt6Widgets.so.6")
    assert wanted("PySide6/Qt/translations/qtbase_fr.qm")
    assert not wanted("PySide6/Qt/translations/qtbase_de.qm")
    assert wanted("resources/help/fr/index.md")


def test_the_desktop_file_launches_the_installed_command() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / "crypty-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "Crypty Desktop"
    assert section["Exec"] == "crypty-desktop" and section["Icon"] == "crypty-desktop"
    assert section["Terminal"] == "false"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_the_desktop_file_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / "crypty-desktop.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def _control(version: str = "0.1.0") -> str:
    template = (LINUX / "deb" / "control.in").read_text(encoding="utf-8")
    values = {"VERSION": version, "ARCH": "amd64", "INSTALLED_SIZE": "1234", "GLIBC": "2.36"}
    for key, value in values.items():
        template = template.replace(f"@{key}@", value)
    return template


def _fields(control: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    last = ""
    for line in control.splitlines():
        if line.startswith(" "):
            fields[last] += "\n" + line
            continue
        name, sep, value = line.partition(":")
        assert sep and re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name), f"bad control line: {line!r}"
        last = name
        fields[name] = value.strip()
    return fields


def test_the_deb_control_template_is_well_formed() -> None:
    control = _control()
    assert "@" not in control.replace("support@crypty.app", "")
    assert control.endswith("\n") and "\n\n" not in control
    fields = _fields(control)
    for required in ("Package", "Version", "Architecture", "Maintainer", "Description"):
        assert fields.get(required), required
    assert re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", fields["Package"])
    assert fields["Package"] == PROJECT["name"]
    depends = {d.strip().split(" ")[0] for d in fields["Depends"].split(",")}
    assert {
        "libegl1",
        "libxkbcommon0",
        "libxcb-cursor0",
        "libfontconfig1",
        "libdbus-1-3",
    } <= depends
    assert "gnome-keyring" in fields["Recommends"]
    summary, *body = fields["Description"].split("\n")
    assert summary and len(summary) < 80 and body
    assert all(line.startswith(" ") and len(line) <= 80 for line in body)


@pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="dpkg-deb absent")
def test_dpkg_deb_accepts_the_control_files(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "DEBIAN").mkdir(parents=True)
    (root / "DEBIAN" / "control").write_text(_control(), encoding="utf-8")
    for script in ("postinst", "postrm"):
        target = root / "DEBIAN" / script
        shutil.copy(LINUX / "deb" / script, target)
        target.chmod(0o755)
    (root / "opt").mkdir()
    deb = tmp_path / "test.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(root), str(deb)],
        check=True,
        capture_output=True,
    )
    info = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version", "Architecture"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert info.split() == [
        "Package:",
        "crypty-desktop",
        "Version:",
        "0.1.0",
        "Architecture:",
        "amd64",
    ]


@pytest.mark.parametrize(
    "script",
    [
        LINUX / "deb" / "postinst",
        LINUX / "deb" / "postrm",
        REPO / "scripts" / "build-dist.sh",
        REPO / "packaging" / "macos" / "build-dmg.sh",
    ],
    ids=lambda p: p.name,
)
def test_shell_scripts_parse(script: Path) -> None:
    shell = "sh" if script.parent.name == "deb" else "bash"
    subprocess.run([shell, "-n", str(script)], check=True)
    if script.parent.name == "deb":
        assert script.stat().st_mode & 0o111, f"{script.name} must be executable"


def test_the_version_lives_in_pyproject_and_the_changelog_describes_it() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+)", changelog, re.MULTILINE)
    assert first and first.group(1) == PROJECT["version"]
    from crypty_desktop import __version__

    assert __version__ == PROJECT["version"]  # the installed metadata agrees


def test_make_dist_and_the_build_tools_are_declared() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^dist: .*\n\t.*scripts/build-dist\.sh", makefile, re.MULTILINE)
    dist_extra = PROJECT["optional-dependencies"]["dist"]
    pyinstaller = next(d for d in dist_extra if d.startswith("pyinstaller>="))
    assert "<7" in pyinstaller


def test_the_windows_installer_takes_the_frozen_folder() -> None:
    iss = (REPO / "packaging" / "windows" / "crypty.iss").read_text(encoding="utf-8")
    assert r'#define SourceDir "..\..\dist\crypty-desktop"' in iss
    assert "AppVersion={#AppVersion}" in iss and "PrivilegesRequired=lowest" in iss
