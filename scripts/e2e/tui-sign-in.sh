#!/usr/bin/env bash
# End to end: from the demo to a real server without a restart. The real binary's TUI under tmux,
# started with no credentials (the demo), signs in with `L` against `marketplace-assets emulator`:
# a wrong token is rejected in the form; the right one is checked, stored in the system keyring
# (a real Secret Service: the script runs itself inside scripts/e2e/keyring-session.sh), and the
# header, the History pane and the uploads switch to the account, the demo history kept apart.
# Then the same without a keyring: the form asks before the token goes to the config file.
# The token is never on the screen, scrollback included.
# Usage: scripts/e2e/tui-sign-in.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
[ -n "${MPA_KEYRING_SESSION:-}" ] || exec scripts/e2e/keyring-session.sh "$0" "$@"
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=tui-sign-in-e2e
. scripts/e2e/lib.sh

WORK=$(mktemp -d)
SOCKET=mpa-sign-in-$$
SESSION=sign-in
trap 't kill-server 2>/dev/null; stop_emulator; rm -rf "$WORK"' EXIT
export XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config
unset MARKETPLACE_BASE_URL MARKETPLACE_ASSETS_HISTORY MARKETPLACE_EMAIL MARKETPLACE_API_TOKEN
EMAIL=tui@example.com
TOKEN=tui-sign-in-token-$(python3 -c 'import secrets; print(secrets.token_hex(8))')
CONFIG=$XDG_CONFIG_HOME/marketplace-assets/config.json
SCREEN=$WORK/screen.txt

MARKETPLACE_EMAIL=$EMAIL MARKETPLACE_API_TOKEN=$TOKEN start_emulator "$WORK/emulator" || exit 1
echo "emulator at $BASE_URL"

literally() { t send-keys -t "$SESSION" -l "$1"; sleep 0.2; }
# start_tui [ENV...]: the TUI in the demo (no credentials), at 120×40.
start_tui() {
    if t has-session -t "$SESSION" 2>/dev/null; then
        t kill-session -t "$SESSION"
        # Its last session gone, the server exits: a new-session sent meanwhile would find it
        # exiting ("server exited unexpectedly"). Wait until it is gone.
        for _ in $(seq 1 50); do t list-sessions > /dev/null 2>&1 || break; sleep 0.1; done
    fi
    t new-session -d -s "$SESSION" -x 120 -y 40 \
        "env $* XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' TERM=xterm-256color '$BIN'; echo EXITED:\$?; sleep 30"
}

echo "-- the demo says how to sign in"
start_tui
check "starts in the demo" wait_for "DEMO"
check "the header says L signs in" bash -c "head -n 1 '$SCREEN' | grep -q 'L signs in'"
check "the status line says it too" grep -q "L signs in to your account" "$SCREEN"

echo "-- L: the form, a wrong token rejected in it"
keys L
check "L opens the sign-in form, with where a token is created" wait_for "https://id.atlassian.com/manage-profile/security/api-tokens"
literally "$EMAIL"
keys Tab
literally "wrong-$TOKEN"
keys Tab C-u
literally "$BASE_URL"
keys Enter
check "a wrong token: the server's rejection in the form" wait_for "rejected the email and API token"
check "... with the status (401)" grep -q "(401: " "$SCREEN"
check "... still the demo" bash -c "head -n 1 '$SCREEN' | grep -q DEMO"
check "... nothing stored: no config file, nothing in the keyring" \
    bash -c "[ ! -e '$CONFIG' ] && ! secret-tool search --all service marketplace-assets 2>/dev/null | grep -q ."

echo "-- the right token: signed in, without a restart"
keys C-u  # the cursor waits in the token field after a rejection
literally "$TOKEN"
keys Enter
check "signed in: the status line says so, and where the token went" wait_for "Signed in as $EMAIL at $BASE_URL · token in the system keyring (Secret Service)"
check "the header shows the account and the server, no DEMO" \
    bash -c "head -n 1 '$SCREEN' | grep -qF '$EMAIL · $BASE_URL' && ! head -n 1 '$SCREEN' | grep -q DEMO"
check "the keyring holds the token for the account and server" \
    test "$(secret-tool lookup service marketplace-assets account "$EMAIL" server "$BASE_URL" 2>/dev/null)" = "$TOKEN"
check "the config file names the account and server, without the token" \
    bash -c "grep -qF '$EMAIL' '$CONFIG' && ! grep -qF '$TOKEN' '$CONFIG'"

echo "-- the session is the account's: an upload goes to the server, into the real history"
keys 1 / i c o n Enter u
check "u asks for the imageType" wait_for "Choose the imageType"
keys Enter
check "the upload finishes with an ID" wait_for "✓ ID img-"
REAL=$(env -u MARKETPLACE_EMAIL "$BIN" history --json --base-url "$BASE_URL" < /dev/null 2>/dev/null \
    | python3 -c 'import json,sys; print(" ".join(e["id"] for e in json.load(sys.stdin)))')
check "the real history has the upload, filed under the server ($REAL)" test -n "$REAL"
check "... and the demo history does not" \
    bash -c "[ ! -e '$XDG_STATE_HOME/marketplace-assets/demo/history.json' ] || ! grep -qF '$REAL' '$XDG_STATE_HOME/marketplace-assets/demo/history.json'"
keys 4
if [ -n "$REAL" ]; then check "the History pane lists it" wait_for "$REAL"; else fail "the History pane lists it (no ID to look for)"; fi

keys q
check "q quits with status 0" wait_for "EXITED:0" 10
t capture-pane -p -t "$SESSION" -S - > "$WORK/scrollback.txt"
check "the token was never on the screen, scrollback included" bash -c "! grep -qF '$TOKEN' '$WORK/scrollback.txt'"
check "a new start signs in from the keyring: no demo" bash -c "
    '$BIN' auth status < /dev/null | grep -qF 'token from:  the system keyring (Secret Service)'"
"$BIN" logout < /dev/null > /dev/null

echo "-- no keyring: the form asks before writing the config file"
start_tui -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY "XDG_RUNTIME_DIR='$WORK'"
check "starts in the demo again after logout" wait_for "DEMO"
keys L
check "the form opens" wait_for "Sign in"
literally "$EMAIL"
keys Tab
literally "$TOKEN"
keys Tab C-u
literally "$BASE_URL"
keys Enter
check "accepted, but no keyring: asks about the config file" wait_for "No system keyring can keep the token"
keys n
check "n: nothing stored, said in the form" wait_for "Nothing was stored"
check "... no config file" test ! -e "$CONFIG"
keys Enter
check "asked again" wait_for "No system keyring can keep the token"
keys y
# (The line's long paths are cut in the middle to fit: the start and end of each stay.)
check "y: signed in, the token in the config file" wait_for "Signed in as $EMAIL at $BASE_URL · token in ${XDG_CONFIG_HOME:0:4}"
check "... which the status line names by its start and end: $(grep -o 'token in .*' "$SCREEN")" grep -q "token in ${XDG_CONFIG_HOME:0:4}.*json (plain text" "$SCREEN"
check "... which is 0600 and holds the token" bash -c "[ \$(stat -c %a '$CONFIG') = 600 ] && grep -qF '$TOKEN' '$CONFIG'"
keys q
check "q quits with status 0" wait_for "EXITED:0" 10
t capture-pane -p -t "$SESSION" -S - > "$WORK/scrollback.txt"
check "the token was never on the screen" bash -c "! grep -qF '$TOKEN' '$WORK/scrollback.txt'"

finish
