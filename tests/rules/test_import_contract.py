"""The import contract: which package may import which (docs/architecture.md).

Every module of the package is parsed with ``ast`` and every import it makes is checked, those
inside functions and under ``TYPE_CHECKING`` included: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = "crypty_desktop"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE

# The exchange package's public face for the window: the gateway protocol and its data types.
EXCHANGE_PUBLIC = {f"{PACKAGE}.exchange", f"{PACKAGE}.exchange.gateway"}
# The front ends: the only modules that may build or hold the composition root.
APP = f"{PACKAGE}.app"
# The core's packages and those each may import (dependencies point down the layers; the small
# shared modules at the top of the package, such as ``wording``, are not layers).
LAYERS: dict[str, set[str]] = {
    "domain": set(),
    "strategies": {"domain"},
    "storage": {"domain"},
    "exchange": {"domain"},
    "market": {"domain", "exchange", "storage"},
    "bots": {"domain", "strategies", "storage", "exchange", "market"},
    "backtest": {"domain", "strategies", "exchange", "market", "bots"},
    "reports": {"domain", "strategies", "storage", "exchange", "market", "bots", "backtest"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    keep = len(base) - node.level + (1 if is_package else 0)
    prefix = ".".join(base[:keep])
    return f"{prefix}.{node.module}" if node.module else prefix


def imports_of(path: Path) -> Iterator[tuple[str, int]]:
    """Every module ``path`` imports (``from a import b`` gives ``a.b`` too), with its line."""
    module = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, node, path.name == "__init__.py")
            yield source, node.lineno
            for alias in node.names:
                yield f"{source}.{alias.name}", node.lineno


def _modules() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _is_cli(name: str) -> bool:
    last = name.removeprefix(PACKAGE + ".").split(".")[0]
    return last == "cli" or last.startswith("cli_")


def _package(name: str) -> str:
    """The package of the app a module belongs to ("" for a module at the top)."""
    parts = name.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == PACKAGE else ""


def _is_gui(module: str) -> bool:
    return _within(module, f"{PACKAGE}.gui")


def _front_end(module: str) -> bool:
    return _is_gui(module) or _is_cli(module) or module == f"{PACKAGE}.__main__"


def violations() -> list[str]:
    found: dict[tuple[str, int, str], str] = {}  # one line per import statement and rule
    for path in _modules():
        module = _module_name(path)
        where = path.relative_to(ROOT.parent).as_posix()
        for name, line in imports_of(path):
            for rule in _broken_rules(module, name):
                found.setdefault((where, line, rule), f"{where}:{line}: imports {name} ({rule})")
    return list(found.values())


def _broken_rules(module: str, name: str) -> Iterator[str]:
    """The rules ``module`` breaks by importing ``name``."""
    if not _within(name, PACKAGE) and not _within(name, "PySide6"):
        return
    if _within(name, "PySide6") and not _is_gui(module):
        yield "Qt only in gui/"
    if _is_gui(module):
        if _within(name, f"{PACKAGE}.storage"):
            yield "gui goes through the core, not storage/"
        if _within(name, f"{PACKAGE}.exchange") and name not in EXCHANGE_PUBLIC:
            if not name.startswith(f"{PACKAGE}.exchange.gateway."):
                yield "gui sees the exchange only through its gateway protocol"
        if _is_cli(name):
            yield "gui does not import the command line"
    if _within(module, f"{PACKAGE}.exchange") and _within(name, f"{PACKAGE}.storage"):
        yield "exchange/ holds adapters and never the database"
    if _within(name, APP) and not _front_end(module) and module != APP:
        yield "only the front ends (__main__, cli*, gui) import the composition root"
    layer, used = _package(module), _package(name)
    if layer in LAYERS and used in LAYERS and used != layer and used not in LAYERS[layer]:
        yield f"{layer}/ sits below {used}/"
    below_front = not _front_end(module) and module != APP
    if below_front and (_is_cli(name) or _within(name, f"{PACKAGE}.gui")):
        yield "nothing below the front ends imports them"


def test_the_import_contract_holds() -> None:
    found = violations()
    assert not found, "imports against docs/architecture.md:\n" + "\n".join(found)


def test_the_parser_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    """The checker finds imports inside functions and under TYPE_CHECKING (a lazy import is a
    dependency all the same), and resolves relative ones."""
    folder = ROOT / "gui"
    probe = folder / "_probe_contract.py"
    probe.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from crypty_desktop.app import Core\n"
        "def later() -> None:\n"
        "    from ..storage import candles\n"
        "    import crypty_desktop.cli_backtest\n",
        encoding="utf-8",
    )
    try:
        names = {name for name, _line in imports_of(probe)}
        found = [v for v in violations() if "_probe_contract" in v]
    finally:
        probe.unlink()
    assert {f"{PACKAGE}.app.Core", f"{PACKAGE}.storage.candles", f"{PACKAGE}.cli_backtest"} <= names
    assert any("storage" in v for v in found)
    assert any("cli_backtest" in v and "command line" in v for v in found)
    assert not any("composition root" in v for v in found)  # gui may hold the core


@pytest.mark.parametrize(
    ("module", "name", "rule"),
    [
        (f"{PACKAGE}.gui.charts", f"{PACKAGE}.storage.candles", "storage"),
        (f"{PACKAGE}.gui.charts", f"{PACKAGE}.exchange.binance", "gateway protocol"),
        (f"{PACKAGE}.gui.charts", f"{PACKAGE}.cli_backtest", "command line"),
        (f"{PACKAGE}.exchange.streams", f"{PACKAGE}.storage.candles", "never the database"),
        (f"{PACKAGE}.bots.host", f"{PACKAGE}.app", "composition root"),
        (f"{PACKAGE}.demo", f"{PACKAGE}.app.Core", "composition root"),
        (f"{PACKAGE}.reports.pnl", "PySide6.QtCore", "Qt only"),
        (f"{PACKAGE}.market.hub", f"{PACKAGE}.bots.engine", "market/ sits below bots/"),
        (f"{PACKAGE}.market.history", f"{PACKAGE}.backtest.series", "below backtest/"),
        (f"{PACKAGE}.domain.orders", f"{PACKAGE}.storage.orders", "domain/ sits below"),
        (f"{PACKAGE}.strategies.grid", f"{PACKAGE}.exchange.gateway", "strategies/ sits below"),
        (f"{PACKAGE}.storage.candles", f"{PACKAGE}.market.hub", "storage/ sits below market/"),
        (f"{PACKAGE}.bots.host", f"{PACKAGE}.gui.workers", "front ends"),
    ],
)
def test_each_rule_catches_its_break(module: str, name: str, rule: str) -> None:
    assert any(rule in broken for broken in _broken_rules(module, name))


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (f"{PACKAGE}.gui.charts", f"{PACKAGE}.exchange.gateway"),
        (f"{PACKAGE}.gui.main_window", f"{PACKAGE}.app"),
        (f"{PACKAGE}.cli_bot", f"{PACKAGE}.app.Core"),
        (f"{PACKAGE}.__main__", f"{PACKAGE}.gui.application"),
        (f"{PACKAGE}.market.hub", f"{PACKAGE}.storage.candles"),
        (f"{PACKAGE}.bots.host", f"{PACKAGE}.market.feed"),
        (f"{PACKAGE}.backtest.engine", f"{PACKAGE}.bots.brokers"),
        (f"{PACKAGE}.strategies.grid", f"{PACKAGE}.wording"),
        (f"{PACKAGE}.gui.qt", "PySide6.QtWidgets"),
    ],
)
def test_allowed_imports_pass(module: str, name: str) -> None:
    assert list(_broken_rules(module, name)) == []
