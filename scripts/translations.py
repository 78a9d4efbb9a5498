"""Refresh the French translation: collect the strings, add French from fill files, compile.

Usage: ``python scripts/translations.py [FILL.json ...]`` (``make translations`` runs it).

1. ``pyside6-lupdate`` collects every string of ``crypty_desktop/`` (the window's ``tr()`` and
   the core's ``QT_TRANSLATE_NOOP("Core", ...)`` sentences) into ``crypty_fr.ts``, keeping the
   translations already there and dropping strings no longer in the code.
2. Each fill file is a JSON object ``{"English source": "French"}`` (or
   ``{"Context": {"English source": "French"}}``); its French is written into matching messages.
3. ``pyside6-lrelease`` compiles ``crypty_fr.qm``.

The whole run holds a lock so that two people refreshing at once cannot lose each other's work.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "crypty_fr.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
LOCK = Path("/tmp/crypty-translations.lock")  # noqa: S108 - a lock, not data


def _fills(paths: list[str]) -> dict[tuple[str | None, str], str]:
    wanted: dict[tuple[str | None, str], str] = {}
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for key, value in data.items():
            if isinstance(value, dict):
                wanted.update({(key, source): french for source, french in value.items()})
            else:
                wanted[(None, key)] = value
    return wanted


def _apply(wanted: dict[tuple[str | None, str], str]) -> int:
    """Write the wanted French into the .ts; returns how many messages changed."""
    text = TS.read_text(encoding="utf-8")
    tree = ET.ElementTree(ET.fromstring(text))  # noqa: S314 - our own file
    changed = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            french = wanted.get((name, source), wanted.get((None, source)))
            translation = message.find("translation")
            if french is None or translation is None:
                continue
            if translation.text != french or translation.get("type"):
                translation.text = french
                translation.attrib.pop("type", None)
                changed += 1
    if changed:
        head = text[: text.index("<TS")]
        body = ET.tostring(tree.getroot(), encoding="unicode")
        TS.write_text(head + body + "\n", encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "crypty_desktop").rglob("*.py"))
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lupdate = [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(TS)]
        lupdate += ["-source-language", "en", "-target-language", "fr"]
        lupdate += ["-no-obsolete", "-locations", "none"]
        subprocess.run(lupdate, cwd=ROOT, check=True)  # noqa: S603 - our own tools
        if argv:
            print(f"{_apply(_fills(argv))} translation(s) filled in")
            subprocess.run(lupdate, cwd=ROOT, check=True)  # noqa: S603 - back to lupdate's layout
        lrelease = [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(QM)]
        subprocess.run(lrelease, cwd=ROOT, check=True)  # noqa: S603 - our own tools
    untranslated = TS.read_text(encoding="utf-8").count('type="unfinished"')
    if untranslated:
        print(f"{untranslated} string(s) still without French in {TS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
