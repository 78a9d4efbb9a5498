#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus session.
# Use as: dbus-run-session -- scripts/with-keyring.sh COMMAND...
set -euo pipefail
export XDG_DATA_HOME="${XDG_DATA_HOME:-$(mktemp -d)}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
# A throwaway password creates and unlocks the default ("login") collection for this session.
eval "$(printf 'crypty-ci-keyring' | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
export GNOME_KEYRING_CONTROL
export CRYPTY_REAL_KEYRING=1
exec "$@"
