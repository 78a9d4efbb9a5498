#!/usr/bin/env bash
# Builds the installable app: dist/crypty-desktop/ (PyInstaller, one folder), then on Linux
#   dist/crypty-desktop-<version>-linux-x86_64.tar.gz   the folder, a .desktop file, the icon, a README
#   dist/crypty-desktop_<version>_<arch>.deb            /opt/crypty-desktop, /usr/bin/crypty-desktop,
#                                                       menu entry and icons
# Windows (packaging/windows/crypty.iss) and macOS (packaging/macos/) recipes run on those systems.
#
# Usage: scripts/build-dist.sh            (make dist installs the build tools first, then runs this)
# Environment: PY (default .venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
started=$(date +%s)

version=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
name=crypty-desktop
echo "build-dist: $name $version"

# 1. Icons rendered from resources/icons/app.svg (PyInstaller turns the PNG into .ico/.icns).
icons=build/icons
"$PY" packaging/render_icon.py "$icons" >/dev/null

# 2. The frozen app.
CRYPTY_ICON_DIR="$icons" "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller build.spec
app="dist/$name"
find "$app" -xtype l -delete  # links to libraries the recipe left out
chmod -R u+rwX,go+rX "$app"
echo "build-dist: $app $(du -sh "$app" | cut -f1)"

case "$(uname -s)" in
    Linux) ;;
    *) echo "build-dist: the frozen app is in $app; see packaging/ for this system's installer"
       exit 0 ;;
esac

# 3. Tarball: unpack anywhere and run; the README says how to add it to the menu.
machine=$(uname -m)
tar_root="build/tar/$name-$version-linux-$machine"
rm -rf build/tar && mkdir -p "$tar_root"
cp -al "$app" "$tar_root/$name"
cp packaging/linux/crypty-desktop.desktop "$tar_root/"
cp "$icons/crypty-desktop.png" "$tar_root/"
sed "s/@VERSION@/$version/" packaging/linux/README.txt > "$tar_root/README.txt"
tarball="dist/$name-$version-linux-$machine.tar.gz"
tar -C build/tar -czf "$tarball" "$(basename "$tar_root")"
echo "build-dist: $tarball $(du -h "$tarball" | cut -f1)"

# 4. Debian package.
if ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "build-dist: no dpkg-deb here, no .deb"
    exit 0
fi
arch=$(dpkg --print-architecture)
glibc=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
root="build/deb/${name}_${version}_${arch}"
rm -rf build/deb && mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" \
    "$root/usr/share/applications" "$root/usr/share/icons/hicolor/scalable/apps" \
    "$root/usr/share/doc/$name"
cp -al "$app" "$root/opt/$name"
ln -s "/opt/$name/$name" "$root/usr/bin/$name"
install -m 644 packaging/linux/crypty-desktop.desktop "$root/usr/share/applications/$name.desktop"
install -m 644 resources/icons/app.svg "$root/usr/share/icons/hicolor/scalable/apps/$name.svg"
for size in 32 48 64 128 256 512; do
    mkdir -p "$root/usr/share/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$icons/$name-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/$name.png"
done
gzip -9n -c CHANGELOG.md > "$root/usr/share/doc/$name/changelog.gz"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kb/" \
    -e "s/@GLIBC@/$glibc/" packaging/linux/deb/control.in > "$root/DEBIAN/control"
install -m 755 packaging/linux/deb/postinst packaging/linux/deb/postrm "$root/DEBIAN/"
deb="dist/${name}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "build-dist: $deb $(du -h "$deb" | cut -f1)"
echo "build-dist: done in $(( $(date +%s) - started )) s"
