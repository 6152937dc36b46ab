#!/usr/bin/env bash
# End to end: a LOCKED GNOME Keyring (a real Secret Service in a private D-Bus session:
# scripts/e2e/keyring-session.sh) is told apart from an empty one. Reading says the keyring is
# locked rather than "no token"; login refuses, storing nothing and writing no plain text;
# logout refuses too and leaves the token and the config file as they were; once the keyring is
# unlocked, logout removes the token. No prompter can be shown (no DISPLAY), as on a server.
# Usage: scripts/e2e/keyring-locked.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
# No unlock dialog on the desktop of whoever runs this: the D-Bus session inherits this.
unset DISPLAY WAYLAND_DISPLAY
[ -n "${MPA_KEYRING_SESSION:-}" ] || exec scripts/e2e/keyring-session.sh "$0" "$@"
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=keyring-locked-e2e
. scripts/e2e/lib.sh
command -v gdbus >/dev/null 2>&1 || { echo "keyring-locked: gdbus is missing (apt-get install libglib2.0-bin)"; exit 1; }

WORK=$(mktemp -d)
trap 'stop_emulator; rm -rf "$WORK"' EXIT
export XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config
export MARKETPLACE_ASSETS_HISTORY=$WORK/history.json
unset MARKETPLACE_BASE_URL MARKETPLACE_EMAIL MARKETPLACE_API_TOKEN
EMAIL=locked@example.com
OTHER=other@example.com
TOKEN=keyring-locked-token-$(python3 -c 'import secrets; print(secrets.token_hex(8))')
CONFIG=$XDG_CONFIG_HOME/marketplace-assets/config.json
export LOGIN=/org/freedesktop/secrets/collection/login

secrets_call() { gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets "$@"; }
lock() { secrets_call --method org.freedesktop.Secret.Service.Lock "['$LOGIN']" >/dev/null; }
is_locked() {
    gdbus call --session --dest org.freedesktop.secrets --object-path "$LOGIN" \
        --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked | grep -q true
}
# listed EMAIL SERVER: the keyring holds an item for them, locked or not (`search` lists a
# locked item without its secret, and never asks for a password).
is_unlocked() {
    gdbus call --session --dest org.freedesktop.secrets --object-path "$LOGIN" \
        --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked | grep -q false
}
# daemon_pid: the process that owns the Secret Service name on this session's bus.
daemon_pid() {
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets | sed -E 's/.*uint32 ([0-9]+).*/\1/'
}
listed() { secret-tool search service marketplace-assets account "$1" server "$2" 2>/dev/null | grep -q '^label = '; }
export -f is_locked is_unlocked listed
# The daemon of keyring-session.sh, replaced by one that unlocks the login keyring with its
# password: the only way to unlock without a prompter (a second --unlock without --replace does not).
# Returns once the new daemon answers that the collection is unlocked (at most 10 s).
unlock() {
    printf "keyring-password\n" | gnome-keyring-daemon --replace --daemonize --unlock --components=secrets >/dev/null 2>&1
    for _ in $(seq 1 100); do is_unlocked 2> /dev/null && return 0; sleep 0.1; done
}

MARKETPLACE_EMAIL=$EMAIL MARKETPLACE_API_TOKEN=$TOKEN start_emulator "$WORK/emulator" || exit 1
echo "emulator at $BASE_URL"

echo "-- signed in, then the keyring is locked"
printf '%s\n' "$TOKEN" | run_bin login login --email "$EMAIL" --with-token --no-plain-text --base-url "$BASE_URL"
check "login with the keyring unlocked: exit 0" test "$(rc_of login)" -eq 0
lock
check "the login collection is locked" is_locked
check "... and still lists the token's item" listed "$EMAIL" "$BASE_URL"

echo "-- (a) reading a locked keyring is not 'no token'"
run_bin status auth status < /dev/null
check "auth status: exit 1, says the keyring is locked ($(head -n 1 "$WORK/status.out" | head -c 200))" \
    bash -c "[ $(rc_of status) -eq 1 ] && grep -q 'keyring is locked' '$WORK/status.out'"
check "... and not that the keyring holds no token" bash -c "! grep -q 'none in the system keyring' '$WORK/status.out'"
check "... and says to unlock it, not to run login (which would refuse)" \
    bash -c "grep -q 'run this again once it answers' '$WORK/status.out' && ! grep -q 'Run .marketplace-assets login' '$WORK/status.out'"
run_bin locked-history --base-url "$BASE_URL" artifact some-id < /dev/null
check "a command that needs the token: exit 1, names the lock, suggests no login ($(head -c 200 "$WORK/locked-history.err"))" \
    bash -c "[ $(rc_of locked-history) -eq 1 ] && grep -q 'keyring is locked' '$WORK/locked-history.err' && ! grep -q 'Run .marketplace-assets login' '$WORK/locked-history.err'"
MARKETPLACE_EMAIL=$OTHER run_bin status-other auth status < /dev/null
check "an account with no item in the locked keyring: still none there ($(head -c 200 "$WORK/status-other.out"))" \
    bash -c "[ $(rc_of status-other) -eq 1 ] && grep -q 'none in the system keyring' '$WORK/status-other.out' && ! grep -q locked '$WORK/status-other.out'"

echo "-- (b) login to a locked keyring stores nothing, and writes no plain text"
printf '%s\n' "$TOKEN" | run_bin login-locked login --email "$EMAIL" --with-token --base-url "$BASE_URL"
check "login (no --no-plain-text): exit 1 ($(tail -n 1 "$WORK/login-locked.err" | head -c 200))" test "$(rc_of login-locked)" -eq 1
check "... saying the keyring is locked and nothing was stored" \
    bash -c "grep -q 'keyring is locked' '$WORK/login-locked.err' && grep -q 'Nothing was stored' '$WORK/login-locked.err'"
check "... with no plain-text warning" bash -c "! grep -q 'plain text' '$WORK/login-locked.err' '$WORK/login-locked.out'"
check "... the config file holds no token, and still the email and server" \
    bash -c "[ \"\$(json_member '$CONFIG' apiToken)\" = '<absent>' ] && [ \"\$(json_member '$CONFIG' email)\" = '$EMAIL' ]"
check "... the collection is still locked" is_locked

echo "-- (c) logout from a locked keyring removes nothing and does not say it signed out"
run_bin logout logout < /dev/null
check "logout: exit 1 ($(tail -n 1 "$WORK/logout.err" | head -c 200))" \
    bash -c "[ $(rc_of logout) -eq 1 ] && grep -q 'keyring is locked' '$WORK/logout.err'"
check "... not 'Signed out' nor 'nothing to remove'" bash -c "! grep -qE 'Signed out|nothing to remove' '$WORK/logout.out'"
check "the token is still in the keyring" listed "$EMAIL" "$BASE_URL"
check "the config file still names the account, so logout can run again" test "$(json_member "$CONFIG" email 2>/dev/null)" = "$EMAIL"

echo "-- unlocked: the same logout removes it"
unlock
check "the login collection is unlocked" is_unlocked
run_bin logout-unlocked logout --email "$EMAIL" --base-url "$BASE_URL" < /dev/null
check "logout: exit 0, removed the token from the keyring" \
    bash -c "[ $(rc_of logout-unlocked) -eq 0 ] && grep -q 'removed the token from the system keyring' '$WORK/logout-unlocked.out'"
check "the keyring no longer lists it" bash -c "! listed '$EMAIL' '$BASE_URL'"

echo "-- (d) a keyring daemon that runs but does not answer is never 'no keyring' (no plain text)"
DAEMON_PID=$(daemon_pid)
kill -STOP "$DAEMON_PID"
printf '%s\n' "$TOKEN" | run_bin login-hung login --email "$EMAIL" --with-token --base-url "$BASE_URL"
kill -CONT "$DAEMON_PID"
check "login with a stopped keyring daemon: exit 1, it did not answer, nothing stored ($(tail -n 1 "$WORK/login-hung.err" | head -c 200))" \
    bash -c "[ $(rc_of login-hung) -eq 1 ] && grep -q 'runs but did not answer' '$WORK/login-hung.err' && grep -q 'Nothing was stored' '$WORK/login-hung.err'"
check "... and the token is not in the config file" bash -c "! grep -q apiToken '$CONFIG' 2>/dev/null"

check "the token is in no output" bash -c "! grep -lF '$TOKEN' '$WORK'/*.out '$WORK'/*.err"
check "the token is in no file of ours" bash -c "! grep -rlF '$TOKEN' '$XDG_CONFIG_HOME' '$XDG_STATE_HOME' 2>/dev/null"
finish
