"""``crypty strategy list`` and ``crypty strategy show NAME``: the strategies a bot or a backtest
can run, with each parameter's default, bounds and meaning, read from the strategy registry."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from crypty_desktop.strategies.base import ParamSpec, ParamValue, Strategy
from crypty_desktop.strategies.registry import STRATEGIES, get_strategy

if TYPE_CHECKING:
    from crypty_desktop.app import Core

TYPE_WORDS = {Decimal: "number", int: "whole number", bool: "yes/no"}


def _value(value: ParamValue | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def param_json(spec: ParamSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "label": spec.label,
        "type": TYPE_WORDS.get(spec.type, spec.type.__name__),
        "default": _value(spec.default),
        "minimum": _value(spec.minimum),
        "maximum": _value(spec.maximum),
        "unit": spec.unit.strip(),
        "description": spec.description,
    }


def strategy_json(cls: type[Strategy]) -> dict[str, Any]:
    return {
        "name": cls.name,
        "title": cls.title,
        "description": cls.description,
        "params": [param_json(p) for p in cls.params],
    }


def _bounds(spec: ParamSpec) -> str:
    low, high = _value(spec.minimum), _value(spec.maximum)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"at most {high}"
    return ""


def cmd_strategy_list(_core: Core, args: argparse.Namespace, out: TextIO) -> int:
    if args.json:
        json.dump([strategy_json(c) for c in STRATEGIES.values()], out, indent=2)
        out.write("\n")
        return 0
    for cls in STRATEGIES.values():
        names = ", ".join(p.name for p in cls.params)
        print(f"{cls.name:<10} {cls.title:<14} parameters: {names}", file=out)
    print("Details: crypty strategy show NAME", file=out)
    return 0


def cmd_strategy_show(_core: Core, args: argparse.Namespace, out: TextIO) -> int:
    cls = get_strategy(args.name)  # ValidationError naming the known ones
    if args.json:
        json.dump(strategy_json(cls), out, indent=2)
        out.write("\n")
        return 0
    print(f"{cls.name} — {cls.title}", file=out)
    print(cls.description, file=out)
    print("", file=out)
    print("Parameters (crypty bot create ... --param NAME=VALUE):", file=out)
    for spec in cls.params:
        unit = f" {spec.unit.strip()}" if spec.unit.strip() else ""
        bounds = _bounds(spec)
        limits = f", {bounds}{unit}" if bounds else ""
        kind = TYPE_WORDS.get(spec.type, spec.type.__name__)
        print(f"  {spec.name}  ({kind}, default {_value(spec.default)}{unit}{limits})", file=out)
        print(f"      {spec.label}: {spec.description}", file=out)
    return 0


def strategy_help() -> str:
    """For ``--strategy`` in other commands' help: the known names."""
    return f"one of {', '.join(STRATEGIES)} (see: crypty strategy show NAME)"


def add_strategy_commands(groups: Any) -> None:
    strategy = groups.add_parser(
        "strategy",
        help="the strategies bots and backtests run, and their parameters",
        description="Strategies: " + ", ".join(STRATEGIES) + ".",
    )
    sub = strategy.add_subparsers(dest="command", required=True)
    lst = sub.add_parser("list", help="list the strategies and their parameters")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_strategy_list)
    show = sub.add_parser("show", help="a strategy's parameters: default, bounds, meaning")
    show.add_argument("name", help=", ".join(STRATEGIES))
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_strategy_show)
