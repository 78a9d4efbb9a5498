#!/usr/bin/env bash
# Installs the system libraries the app (and, with "test", its test suite) needs on Debian/Ubuntu.
# Skips what is already there; does nothing on systems without apt-get.
set -euo pipefail
mode="${1:-run}"
pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libfontconfig1
      libdbus-1-3 fonts-dejavu-core)
if [ "$mode" = "test" ]; then
  pkgs+=(gnome-keyring dbus dbus-x11 xvfb xauth trayer desktop-file-utils)
fi
command -v apt-get >/dev/null 2>&1 || { echo "system-deps: no apt-get here; install Qt's runtime libraries yourself"; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "system-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
