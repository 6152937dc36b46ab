#!/usr/bin/env bash
# End to end: `login` with a real Secret Service (GNOME Keyring, unlocked, in a private D-Bus
# session: scripts/e2e/keyring-session.sh). The token is stored in the keyring under the account
# and server, read back, used by a CLI upload with no variables set, kept apart per account and
# server, and gone after `logout`; the config file holds only the email and the server.
# Usage: scripts/e2e/keyring.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
[ -n "${MPA_KEYRING_SESSION:-}" ] || exec scripts/e2e/keyring-session.sh "$0" "$@"
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=keyring-e2e
. scripts/e2e/lib.sh

WORK=$(mktemp -d)
trap 'stop_emulator; [ -n "${SECOND_PID:-}" ] && kill "$SECOND_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config
export MARKETPLACE_ASSETS_HISTORY=$WORK/history.json
unset MARKETPLACE_BASE_URL MARKETPLACE_EMAIL MARKETPLACE_API_TOKEN
EMAIL=keyring@example.com
TOKEN=keyring-e2e-token-$(python3 -c 'import secrets; print(secrets.token_hex(8))')
CONFIG=$XDG_CONFIG_HOME/marketplace-assets/config.json
PNG=$(realpath Resources/samples/app-icon.png)

# stored EMAIL SERVER: the token the keyring holds for them (empty when none).
stored() { secret-tool lookup service marketplace-assets account "$1" server "$2" 2>/dev/null; }

check "a Secret Service answers in this session" bash -c "printf x | secret-tool store --label=probe test probe && secret-tool clear test probe"

MARKETPLACE_EMAIL=$EMAIL MARKETPLACE_API_TOKEN=$TOKEN start_emulator "$WORK/emulator" || exit 1
echo "emulator at $BASE_URL"

echo "-- login stores the token in the keyring"
printf '%s\n' "$TOKEN" | run_bin login login --email "$EMAIL" --with-token --no-plain-text --base-url "$BASE_URL"
check "login --no-plain-text: exit 0 ($(rc_of login): $(tail -n 1 "$WORK/login.err" | head -c 120))" test "$(rc_of login)" -eq 0
check "... says the token is in the system keyring" grep -q "The token is in the system keyring (Secret Service)" "$WORK/login.out"
check "... with no warning" bash -c "! grep -q warning '$WORK/login.err'"
check "the keyring holds the token under the account and server (read back)" test "$(stored "$EMAIL" "$BASE_URL")" = "$TOKEN"
check "... labelled for a person (Seahorse shows the label)" \
    bash -c "secret-tool search --all service marketplace-assets 2>/dev/null | grep -qx 'label = Atlassian Marketplace API token for $EMAIL at $BASE_URL (marketplace-assets)'"
check "the config file holds the email and the server, not the token, mode 0600" \
    bash -c "[ \"\$(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))))' '$CONFIG')\" = \"['baseURL', 'email']\" ] && [ \$(stat -c %a '$CONFIG') = 600 ]"

echo "-- read back by every command"
run_bin status auth status < /dev/null
check "auth status: the token comes from the system keyring" \
    bash -c "[ $(rc_of status) -eq 0 ] && grep -qF 'token from:  the system keyring (Secret Service)' '$WORK/status.out'"
run_bin upload upload-image "$PNG" --type icon --json < /dev/null
check "upload-image with no variables set: exit 0 ($(head -c 120 "$WORK/upload.err"))" test "$(rc_of upload)" -eq 0
check "... recorded in the history under the server" bash -c "'$BIN' history --json < /dev/null | grep -qF '\"serverURL\" : \"$BASE_URL\"'"

echo "-- a token the server no longer takes: the error points to where it comes from"
printf 'revoked-token' | secret-tool store --label="Atlassian Marketplace API token for $EMAIL at $BASE_URL (marketplace-assets)" \
    service marketplace-assets account "$EMAIL" server "$BASE_URL"
run_bin revoked upload-image "$PNG" --type icon < /dev/null
check "a revoked keyring token: exit 1, rejected (401)" bash -c "[ $(rc_of revoked) -eq 1 ] && grep -q 'did not accept the credentials' '$WORK/revoked.err'"
check "... pointing to auth status and login, not to variables nobody set ($(tail -n 1 "$WORK/revoked.err" | head -c 160))" \
    bash -c "grep -qF 'marketplace-assets auth status' '$WORK/revoked.err' && ! grep -q MARKETPLACE_EMAIL '$WORK/revoked.err'"
printf '%s' "$TOKEN" | secret-tool store --label="Atlassian Marketplace API token for $EMAIL at $BASE_URL (marketplace-assets)" \
    service marketplace-assets account "$EMAIL" server "$BASE_URL"

echo "-- a second account on a second server keeps its own token"
SECOND_TOKEN=keyring-e2e-second-$(python3 -c 'import secrets; print(secrets.token_hex(8))')
MARKETPLACE_EMAIL=second@example.com MARKETPLACE_API_TOKEN=$SECOND_TOKEN "$BIN" emulator --port 0 --data-dir "$WORK/second" 2> "$WORK/second.log" &
SECOND_PID=$!
for _ in $(seq 1 200); do SECOND_URL=$(sed -n 's/^emulator listening on \([^ ]*\).*/\1/p' "$WORK/second.log"); [ -n "$SECOND_URL" ] && break; sleep 0.05; done
printf '%s\n' "$SECOND_TOKEN" | run_bin login-second login --email second@example.com --with-token --base-url "$SECOND_URL"
check "login to the second server: exit 0" test "$(rc_of login-second)" -eq 0
check "both tokens are in the keyring, each under its account and server" \
    bash -c "[ \"\$(secret-tool lookup service marketplace-assets account '$EMAIL' server '$BASE_URL')\" = '$TOKEN' ] && [ \"\$(secret-tool lookup service marketplace-assets account second@example.com server '$SECOND_URL')\" = '$SECOND_TOKEN' ]"
run_bin upload-second upload-image "$PNG" --type icon < /dev/null
check "the last sign-in is the default: upload to the second server works" test "$(rc_of upload-second)" -eq 0
MARKETPLACE_EMAIL=$EMAIL run_bin upload-first upload-image "$PNG" --type icon --base-url "$BASE_URL" < /dev/null
check "MARKETPLACE_EMAIL and --base-url pick the first account's token from the keyring" test "$(rc_of upload-first)" -eq 0
run_bin status-second auth status --json < /dev/null
check "auth status names the first account, whose token the keyring still keeps" python3 -c '
import json, sys
status = json.load(open(sys.argv[1]))
assert status["email"] == "second@example.com" and status["keyringAlsoHolds"] == [{"email": sys.argv[2], "server": sys.argv[3]}], status' \
    "$WORK/status-second.out" "$EMAIL" "$BASE_URL"
run_bin logout-nobody logout --email nobody@example.com --base-url "$SECOND_URL" < /dev/null
check "logout of an account the keyring lacks names the first one left behind, not the one signed in" \
    bash -c "[ $(rc_of logout-nobody) -eq 0 ] && grep -qF 'also keeps a token for $EMAIL at $BASE_URL:' '$WORK/logout-nobody.err' && ! grep -q 'second@example.com' '$WORK/logout-nobody.err'"
run_bin logout-second logout < /dev/null
check "logout of the second: its token is gone, the first one stays" \
    bash -c "[ $(rc_of logout-second) -eq 0 ] && [ -z \"\$(secret-tool lookup service marketplace-assets account second@example.com server '$SECOND_URL')\" ] && [ -n \"\$(secret-tool lookup service marketplace-assets account '$EMAIL' server '$BASE_URL')\" ]"
check "... and says the keyring still keeps the first one's, and how to remove it" \
    grep -qF "note: the system keyring (Secret Service) also keeps a token for $EMAIL at $BASE_URL: \`marketplace-assets logout --email $EMAIL --base-url $BASE_URL\` removes it." "$WORK/logout-second.err"
run_bin logout-at-first logout --base-url "$BASE_URL" < /dev/null
check "logout at the first server with nobody signed in: nothing removed, and the token the keyring keeps there named with the command that removes it" \
    bash -c "[ $(rc_of logout-at-first) -eq 0 ] && grep -qF 'Nobody is signed in at $BASE_URL: nothing to remove' '$WORK/logout-at-first.out' &&
        grep -qF 'note: the system keyring (Secret Service) keeps a token for $EMAIL at $BASE_URL: \`marketplace-assets logout --email $EMAIL --base-url $BASE_URL\` removes it.' '$WORK/logout-at-first.err' &&
        [ -n \"\$(secret-tool lookup service marketplace-assets account '$EMAIL' server '$BASE_URL')\" ]"
run_bin status-nobody auth status < /dev/null
check "auth status with nobody signed in still names it" \
    bash -c "[ $(rc_of status-nobody) -eq 1 ] && grep -qF 'The system keyring (Secret Service) keeps a token for $EMAIL at $BASE_URL' '$WORK/status-nobody.out'"
kill "$SECOND_PID" 2>/dev/null; wait "$SECOND_PID" 2>/dev/null; SECOND_PID=

echo "-- logout removes the token from the keyring"
printf '%s\n' "$TOKEN" | run_bin login-again login --email "$EMAIL" --with-token --base-url "$BASE_URL"
run_bin logout logout < /dev/null
check "logout: exit 0, says it removed the token from the keyring" \
    bash -c "[ $(rc_of logout) -eq 0 ] && grep -q 'removed the token from the system keyring (Secret Service)' '$WORK/logout.out'"
check "the keyring no longer holds it" test -z "$(stored "$EMAIL" "$BASE_URL")"
check "nothing of ours is left in the keyring" bash -c "! secret-tool search --all service marketplace-assets 2>/dev/null | grep -q ."
check "the config file is gone with the account" test ! -e "$CONFIG"
run_bin logout-again logout --email "$EMAIL" < /dev/null
check "logout again: exit 0, nothing to remove" bash -c "[ $(rc_of logout-again) -eq 0 ] && grep -q 'nothing to remove' '$WORK/logout-again.out'"
run_bin upload-after upload-image "$PNG" --type icon < /dev/null
check "a command afterwards: exit 1, names login" bash -c "[ $(rc_of upload-after) -eq 1 ] && grep -q 'marketplace-assets login' '$WORK/upload-after.err'"

echo "-- a plain-text token from before moves into the keyring at the next login"
mkdir -p "$(dirname "$CONFIG")" && chmod 700 "$(dirname "$CONFIG")"
printf '{"email": "%s", "apiToken": "%s", "baseURL": "%s"}\n' "$EMAIL" "$TOKEN" "$BASE_URL" > "$CONFIG" && chmod 600 "$CONFIG"
printf '%s\n' "$TOKEN" | run_bin login-move login --with-token
check "login with the config file's email: exit 0" test "$(rc_of login-move)" -eq 0
check "the config file no longer holds the token; the keyring does" \
    bash -c "[ \"\$(json_member '$CONFIG' apiToken)\" = '<absent>' ] && [ \"\$(secret-tool lookup service marketplace-assets account '$EMAIL' server '$BASE_URL')\" = '$TOKEN' ]"
run_bin logout-end logout < /dev/null

echo "-- a login that reached no keyring (over ssh): its token is used, not an older one the keyring kept"
printf 'old-revoked-token' | secret-tool store --label=old service marketplace-assets account "$EMAIL" server "$BASE_URL"
(unset DBUS_SESSION_BUS_ADDRESS; printf '%s\n' "$TOKEN" | run_bin login-ssh login --email "$EMAIL" --with-token --base-url "$BASE_URL")
check "login with no session bus: exit 0, the token in the config file" \
    bash -c "[ $(rc_of login-ssh) -eq 0 ] && [ \"\$(json_member '$CONFIG' apiToken)\" = '$TOKEN' ]"
run_bin status-ssh auth status < /dev/null
run_bin upload-ssh upload-image "$PNG" --type icon < /dev/null
check "back where the keyring answers: auth status names the config file, and an upload signs in with its token" bash -c "
    grep -qF 'token from:  $CONFIG' '$WORK/status-ssh.out' && [ $(rc_of upload-ssh) -eq 0 ]"
run_bin logout-ssh logout < /dev/null
LEFT=$(stored "$EMAIL" "$BASE_URL")
check "logout then removes both the file's token and the keyring's older one (left: '$LEFT')" bash -c "
    [ $(rc_of logout-ssh) -eq 0 ] && [ -z '$LEFT' ] && [ ! -e '$CONFIG' ]"

check "the token is in no output" bash -c "! grep -lF '$TOKEN' '$WORK'/*.out '$WORK'/*.err '$WORK'/*.log"
check "the token is in no file of ours (config, history)" bash -c "! grep -rlF '$TOKEN' '$XDG_CONFIG_HOME' '$XDG_STATE_HOME' '$WORK/history.json' 2>/dev/null"

finish
