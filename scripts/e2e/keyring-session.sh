#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring (a real Secret
# Service), as on a desktop, without one: scripts/e2e/keyring-session.sh COMMAND [ARGS...]
# The keyring's files live under KEYRING_HOME/.local/share/keyrings (KEYRING_HOME is set by the
# caller, or made here and removed after); HOME is KEYRING_HOME inside. Needs dbus-run-session
# (dbus-daemon), gnome-keyring and secret-tool (libsecret-tools): scripts/setup installs them.
# Inside, MPA_KEYRING_SESSION=1, so a script can re-run itself through this one.
set -u
for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
    command -v "$tool" >/dev/null 2>&1 || { echo "keyring-session: $tool is missing (run scripts/setup)"; exit 1; }
done
if [ -z "${KEYRING_HOME:-}" ]; then
    KEYRING_HOME=$(mktemp -d)
    trap 'rm -rf "$KEYRING_HOME"' EXIT
fi
export KEYRING_HOME MPA_KEYRING_SESSION=1
# dbus-daemon warns that it cannot raise its file limit when not root: harmless, so filtered.
dbus-run-session -- bash -c '
    export HOME=$KEYRING_HOME XDG_DATA_HOME=$KEYRING_HOME/.local/share
    mkdir -p "$XDG_DATA_HOME"
    printf "keyring-password\n" | gnome-keyring-daemon --foreground --unlock --components=secrets > "$KEYRING_HOME/.keyring-env" 2>/dev/null &
    daemon=$!
    for _ in $(seq 1 100); do grep -q GNOME_KEYRING_CONTROL "$KEYRING_HOME/.keyring-env" 2>/dev/null && break; sleep 0.05; done
    "$@"
    status=$?
    kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null
    exit $status' keyring-session "$@" 2> >(grep --line-buffered -v "Failed to set fd limit" >&2)
