"""Render the app icon (resources/icons/app.svg) to PNG files for installers and desktop menus.

Build-time tool, not part of the app: ``python packaging/render_icon.py OUT_DIR [SIZE ...]`` writes
``OUT_DIR/crypty-desktop-<size>.png`` (default sizes 32, 48, 64, 128, 256, 512) and
``OUT_DIR/crypty-desktop.png`` (256 px), and, when Pillow is installed (the ``dist`` extra installs
it on Windows and macOS), ``crypty-desktop.ico`` and ``crypty-desktop.icns`` for build.spec and the
Windows installer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402, TID251 - a build tool, outside the app
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402, TID251
from PySide6.QtSvg import QSvgRenderer  # noqa: E402, TID251

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "app.svg"
DEFAULT_SIZES = (32, 48, 64, 128, 256, 512)


def render(svg: Path, out: Path, size: int) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icon: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"render_icon: could not write {out}")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(argv[0])
    sizes = tuple(int(a) for a in argv[1:]) or DEFAULT_SIZES
    out_dir.mkdir(parents=True, exist_ok=True)
    _app = QGuiApplication([])
    for size in sizes:
        render(SVG, out_dir / f"crypty-desktop-{size}.png", size)
    render(SVG, out_dir / "crypty-desktop.png", 256)
    write_ico_icns(out_dir)
    return 0


def write_ico_icns(out_dir: Path) -> None:
    """The Windows and macOS icon files, from the largest PNG (skipped without Pillow)."""
    try:
        from PIL import Image
    except ImportError:
        return
    source = max(out_dir.glob("crypty-desktop-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    with Image.open(source) as image:
        image.save(out_dir / "crypty-desktop.ico", sizes=[(s, s) for s in (16, 32, 48, 64, 128, 256)])
        image.save(out_dir / "crypty-desktop.icns")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
