#!/usr/bin/env bash
# macOS: build "Crypty Desktop.app" with PyInstaller and wrap it in a .dmg (see README.md here).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${PY:-.venv/bin/python}"
version=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
app="dist/Crypty Desktop.app"

"$PY" packaging/render_icon.py build/icons >/dev/null
CRYPTY_ICON_DIR=build/icons "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller build.spec

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
fi
"$app/Contents/MacOS/crypty-desktop" --self-test

stage=build/dmg
rm -rf "$stage" && mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="dist/crypty-desktop-$version-macos-$(uname -m).dmg"
rm -f "$dmg"
hdiutil create -volname "Crypty Desktop" -srcfolder "$stage" -ov -format UDZO "$dmg"
echo "build-dmg: $dmg $(du -h "$dmg" | cut -f1)"
