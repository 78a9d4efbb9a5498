"""Nothing that reacts to events recovers their meaning from their words.

Events carry their kind (``EventKind``), errors their class, orders their reason: the sentences are
for people, in whatever language they are shown. This scans the window, the notifications, the
alerts, the reports and the self-test for the old habit coming back: an English prefix or
fragment looked for in a message (``message.startswith("Stop-loss")``, ``"Binance refused" in
text``, a regular expression over it), or a logged sentence parsed back into its template to tell
what happened. Parsing a core sentence to *translate* it stays allowed in the one place that does
it (``gui/i18n.py``, and ``catalog.py`` outside the scanned files).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "crypty_desktop"
# gui/i18n.py is left out: it parses core sentences to say them in the user's language.
SCANNED = sorted(
    [
        *(p for p in (PACKAGE / "gui").glob("*.py") if p.name != "i18n.py"),
        *(PACKAGE / "reports").glob("*.py"),
        PACKAGE / "notifications.py",
        PACKAGE / "alerts.py",
        PACKAGE / "selftest.py",
    ]
)
# Names that hold words for people: what a bot said, why, an error's text.
WORDY = {
    "message",
    "text",
    "reason",
    "detail",
    "words",
    "why",
    "title",
    "line",
    "headline",
    "summary",
    "body",
    "error",
    "state_reason",
    "last_action",
}
TEXT_TESTS = {"startswith", "endswith"}
REGEX_TESTS = {"match", "search", "fullmatch", "findall", "finditer"}


def _wordy(node: ast.expr) -> bool:
    """``message``, ``decision.message``, ``str(exc)``, ``exc.message.lower()``…"""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr not in ("lower", "casefold", "strip", "upper"):
            break
        node = node.func.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return True
    if isinstance(node, ast.Name):
        return node.id in WORDY
    if isinstance(node, ast.Attribute):
        return node.attr in WORDY
    return False


def _call_habit(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return "a sentence parsed back into its template" if func.id == "parse" else ""
    if not isinstance(func, ast.Attribute):
        return ""
    if func.attr in TEXT_TESTS and _wordy(func.value):
        return f".{func.attr}() on a message"
    if func.attr in REGEX_TESTS and any(_wordy(arg) for arg in node.args[1:2]):
        return "a regular expression over a message"
    owner = func.value
    if func.attr == "parse" and isinstance(owner, ast.Name) and owner.id == "wording":
        return "a sentence parsed back into its template"
    return ""


def _compare_habit(node: ast.Compare) -> str:
    left = node.left
    for op, right in zip(node.ops, node.comparators, strict=True):
        fragment = isinstance(left, ast.Constant) and isinstance(left.value, str)
        if isinstance(op, ast.In | ast.NotIn) and fragment and _wordy(right):
            return "a fragment looked for in a message"
    return ""


def _findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        habit = ""
        if isinstance(node, ast.Call):
            habit = _call_habit(node)
        elif isinstance(node, ast.Compare):
            habit = _compare_habit(node)
        elif isinstance(node, ast.Attribute) and node.attr == "template":
            habit = "a parsed sentence's template compared"
        if habit:
            found.append(
                f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}: {habit}"
            )
    return found


def test_the_scan_finds_the_habits_it_is_meant_to_find(tmp_path: Path) -> None:
    sample = PACKAGE / "gui" / "_sample.py"  # a path inside the scanned tree (never written)
    code = (
        "from crypty_desktop import wording\n"
        "def f(decision, message, exc, parsed):\n"
        "    a = message.startswith(('Stop-loss', 'Take-profit'))\n"
        "    b = decision.message.lower().endswith('filled.')\n"
        "    c = 'Binance refused the key' in str(exc)\n"
        "    d = re.search(r'Bought', decision.message)\n"
        "    e = wording.parse(message)\n"
        "    g = parsed.template in TEMPLATES\n"
        "    h = decision.kind is EventKind.FILL and spec.name.startswith('grid')\n"
    )
    tree = ast.parse(code)
    assert tree.body  # the sample itself parses
    real = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        return code if self == sample else real(self, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_text", read_text)
        found = _findings(sample)
    lines = sorted(int(f.split(":")[1]) for f in found)
    assert lines == [3, 4, 5, 6, 7, 8], found  # line 9 reads a kind and a name: fine


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_meaning_is_recovered_from_words(path: Path) -> None:
    assert _findings(path) == []
