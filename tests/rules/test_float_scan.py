"""Money is Decimal: wherever the package turns something into a ``float``, the line says why.

Two rules, read from the syntax tree (a ``float`` in a string or a comment is not a use):
- anywhere, ``float`` used as a value (``float(x)``, ``map(float, ...)``, ``isinstance(v, float)``)
  carries ``# float-ok: reason`` on one of its lines; ``float`` in a type annotation is only a
  declaration (a duration, a drawing coordinate) and is free;
- in the packages that hold money (``domain/``, ``storage/``, the wallet and P&L), any ``float``,
  annotation or literal (``0.5``) included, carries the mark.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "crypty_desktop"
MARK = "# float-ok"
MONEY = ("domain/", "storage/", "bots/wallet.py", "bots/pnl.py", "reports/pnl.py")


def _annotations(tree: ast.AST) -> set[int]:
    """The ids of every node inside a type annotation."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        parts: list[ast.expr | None] = []
        if isinstance(node, ast.arg):
            parts.append(node.annotation)
        elif isinstance(node, ast.AnnAssign):
            parts.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            parts.append(node.returns)
        for part in parts:
            if part is not None:
                inside.update(id(n) for n in ast.walk(part))
    return inside


def _spans(tree: ast.AST) -> list[tuple[int, int]]:
    """Each statement's lines (a compound statement's header only: a ``def`` with its
    arguments, an ``if`` with its test), smallest first."""
    spans = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        last = node.end_lineno or node.lineno
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            last = max(node.lineno, body[0].lineno - 1)
        spans.append((node.lineno, last))
    return sorted(spans, key=lambda span: span[1] - span[0])


def _marked(lines: list[str], spans: list[tuple[int, int]], line: int) -> bool:
    """Whether the statement holding ``line`` carries a mark with a reason on one of its lines
    (the formatter may wrap a long statement away from its mark)."""
    first, last = next(((a, b) for a, b in spans if a <= line <= b), (line, line))
    for text in lines[first - 1 : last]:
        at = text.find(MARK)
        if at >= 0 and text[at + len(MARK) :].lstrip(": ").strip():
            return True
    return False


def unmarked_floats(source: str, money: bool = False) -> list[int]:
    """The lines where a ``float`` needs a ``# float-ok: reason`` and has none."""
    tree = ast.parse(source)
    lines = source.splitlines()
    annotated = _annotations(tree)
    spans = _spans(tree)
    found: set[int] = set()
    for node in ast.walk(tree):
        is_name = isinstance(node, ast.Name) and node.id == "float"
        is_literal = isinstance(node, ast.Constant) and isinstance(node.value, float)
        if not (is_name or is_literal):
            continue
        if not money and (is_literal or id(node) in annotated):
            continue
        line = getattr(node, "lineno", 1)
        if not _marked(lines, spans, line):
            found.add(line)
    return sorted(found)


def test_the_scan_sees_conversions_and_reasonless_marks() -> None:
    source = (
        "a = float(x)\n"
        "b = float(y)  # float-ok: a ratio to draw\n"
        "c = list(map(float, xs))  # float-ok\n"
        "def f(seconds: float = 0.5) -> float:\n"
        "    return 'float(1.5)'  # text, not a use\n"
        "d = [\n"
        "    float(x) for x in xs\n"
        "]  # float-ok: wrapped by the formatter, marked at the statement's end\n"
        "if float(y) > 1:  # float-ok: the test of an if\n"
        "    e = float(z)\n"
    )
    assert unmarked_floats(source) == [1, 3, 10]
    assert unmarked_floats(source, money=True) == [1, 3, 4, 10]


def test_every_float_in_the_package_says_why() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        money = name.startswith(MONEY)
        for line in unmarked_floats(path.read_text(encoding="utf-8"), money):
            offenders.append(f"crypty_desktop/{name}:{line}")
    assert offenders == [], "float without '# float-ok: reason':\n" + "\n".join(offenders)
