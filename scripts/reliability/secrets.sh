#!/usr/bin/env bash
# Secrets (issue 4): the config file is refused unless only its owner can read it; plain
# http is refused off loopback before anything is sent; the API token appears in no output,
# history or log of any subcommand, whether it succeeds or fails.
# The keyring (issue 14): `login`, `auth status`, a command and `logout` with a real Secret
# Service (the script runs itself inside scripts/e2e/keyring-session.sh) and without one: the
# token on no helper's command line (read from /proc/*/cmdline while they run), in no output,
# and in no file but the keyring, or the config file when the user accepted the fallback.
# Usage: scripts/reliability/secrets.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
[ -n "${MPA_KEYRING_SESSION:-}" ] || exec scripts/e2e/keyring-session.sh "$0" "$@"
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=secrets
. scripts/reliability/lib.sh

start_emulator "$WORK/emulator" --allow-private-fetch || exit 1
start_faultserver || exit 1
CONFIG=$XDG_CONFIG_HOME/marketplace-assets/config.json
mkdir -p "$(dirname "$CONFIG")"
chmod 700 "$XDG_CONFIG_HOME" "$(dirname "$CONFIG")"
printf '{"email": "%s", "apiToken": "%s", "baseURL": "%s"}\n' "$MARKETPLACE_EMAIL" "$RELIABILITY_TOKEN" "$BASE_URL" > "$CONFIG"

# from_config CASE ARGS...: runs the CLI with credentials from the config file only.
from_config() {
    local case=$1; shift
    env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN "$BIN" "$@" > "$WORK/$case.out" 2> "$WORK/$case.err" < /dev/null
    echo $? > "$WORK/$case.rc"
}

echo "-- the config file's mode"
for mode in 644 640 604 660 666 650; do
    chmod "$mode" "$CONFIG"
    from_config "mode-$mode" upload-image "$PNG" --type icon
    check "mode $mode: refused (exit $(rc_of "mode-$mode")), one line" \
        bash -c "[ $(rc_of "mode-$mode") -eq 1 ] && [ $(line_count "$WORK/mode-$mode.err") -eq 1 ]"
    check "mode $mode: names the file and chmod 600" bash -c "grep -qF '$CONFIG' '$WORK/mode-$mode.err' && grep -q 'chmod 600' '$WORK/mode-$mode.err'"
done
check "a refused config sent nothing (the emulator has no upload)" test "$(find "$WORK/emulator" -path '*images*' -type f | wc -l)" -eq 0
for mode in 600 400; do
    chmod "$mode" "$CONFIG"
    from_config "mode-$mode" upload-image "$PNG" --type icon
    check "mode $mode: used (exit $(rc_of "mode-$mode"): $(head -c 120 "$WORK/mode-$mode.err"))" test "$(rc_of "mode-$mode")" -eq 0
done
chmod 600 "$CONFIG"
if [ "$(id -u)" -eq 0 ]; then
    chown 65534 "$CONFIG"
    from_config owner upload-image "$PNG" --type icon
    check "a config file of another user: refused (exit $(rc_of owner)): $(head -c 120 "$WORK/owner.err")" \
        bash -c "[ $(rc_of owner) -eq 1 ] && grep -q 'another user' '$WORK/owner.err'"
    chown 0 "$CONFIG"
fi
printf '{"email": "%s", "apiToken": "%s", "baseURL": 42}\n' "$MARKETPLACE_EMAIL" "$RELIABILITY_TOKEN" > "$CONFIG"
from_config broken-config history
check "a broken config file: one line, naming the member, not the token" \
    bash -c "[ $(rc_of broken-config) -eq 1 ] && grep -q baseURL '$WORK/broken-config.err'"
printf '{"email": "%s", "apiToken": "%s"' "$MARKETPLACE_EMAIL" "$RELIABILITY_TOKEN" > "$CONFIG"
from_config truncated-config history
check "a truncated config file: one line" bash -c "[ $(rc_of truncated-config) -eq 1 ] && [ $(line_count "$WORK/truncated-config.err") -eq 1 ]"
rm -f "$CONFIG"

echo "-- plain http off loopback: refused before anything is sent"
for url in "http://api.atlassian.com/marketplace" "http://10.0.0.1:8080/marketplace" "http://marketplace.localhost:$FAULT_PORT/ok/x/marketplace" \
           "http://127.0.0.1.nip.io/marketplace" "http://[::ffff:127.0.0.1]:$FAULT_PORT/ok/x/marketplace"; do
    case=http-$(echo "$url" | tr -c 'a-z0-9' '-' | cut -c8-40)
    run_cli "$case" upload-image "$PNG" --type icon --base-url "$url"
    check "$url: refused as a usage error (exit $(rc_of "$case")) in one line" bash -c "[ $(rc_of "$case") -eq 64 ] && [ $(line_count "$WORK/$case.err") -eq 1 ]"
    check "$url: says why" grep -q "clear text" "$WORK/$case.err"
    MARKETPLACE_BASE_URL=$url "$BIN" artifact abc > /dev/null 2> "$WORK/$case-env.err" < /dev/null
    check "$url from MARKETPLACE_BASE_URL: refused too" grep -q "clear text" "$WORK/$case-env.err"
done
check "nothing reached the fault server through a refused URL" test "$(fault_count ok x)" -eq 0
run_cli http-loopback upload-image "$PNG" --type icon --base-url "http://localhost:${BASE_URL#http://127.0.0.1:}"
check "http://localhost is loopback: accepted (exit $(rc_of http-loopback))" test "$(rc_of http-loopback)" -eq 0

echo "-- the token in no output of any subcommand, success or failure"
run_cli t-upload-image upload-image "$PNG" --type icon --base-url "$BASE_URL"
run_cli t-upload-image-json upload-image "$PNG" --type icon --json --base-url "$BASE_URL"
run_cli t-upload-artifact upload-artifact "$JAR" --json --base-url "$BASE_URL"
ARTIFACT_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["_links"]["self"]["href"].rsplit("/",1)[1])' "$WORK/t-upload-artifact.out")
run_cli t-artifact artifact "$ARTIFACT_ID" --base-url "$BASE_URL"
run_cli t-artifact-json artifact "$ARTIFACT_ID" --json --base-url "$BASE_URL"
run_cli t-history history --all-servers
run_cli t-history-json history --all-servers --json
run_cli t-inspect inspect "$JAR" --sha512 --json
run_cli t-fetch fetch-artifact "http://127.0.0.1:9/app.jar" --base-url "$BASE_URL"
MARKETPLACE_API_TOKEN=wrong-$RELIABILITY_TOKEN run_cli t-wrong-token upload-image "$PNG" --type icon --base-url "$BASE_URL"
check "a wrong token: 401 explained in one line" bash -c "[ $(rc_of t-wrong-token) -eq 1 ] && grep -q 'did not accept the credentials.*auth status' '$WORK/t-wrong-token.err'"
MARKETPLACE_API_TOKEN=wrong-$RELIABILITY_TOKEN run_cli t-wrong-token-artifact artifact "$ARTIFACT_ID" --json --base-url "$BASE_URL"
MARKETPLACE_EMAIL= run_cli t-half-credentials upload-image "$PNG" --type icon --base-url "$BASE_URL"
check "only the token set: says MARKETPLACE_EMAIL is missing, not the token" \
    bash -c "[ $(rc_of t-half-credentials) -eq 1 ] && grep -q MARKETPLACE_EMAIL '$WORK/t-half-credentials.err'"
MARKETPLACE_EMAIL= run_cli t-half-history history
check "only the token set: the local history is still read (it sends nothing)" bash -c "[ $(rc_of t-half-history) -eq 0 ]"
for scenario in error500 evilbytes malformed reset limit429; do
    run_cli "t-$scenario" upload-artifact "$JAR" --base-url "$(fault_url "$scenario" token)"
done
# A server that echoes the Authorization header back in its error text: the message is
# printed and recorded without the token.
run_cli t-echoauth upload-artifact "$JAR" --base-url "$(fault_url echoauth token)"
check "a server echoing the credentials: exit 1, the message still shown" \
    bash -c "[ $(rc_of t-echoauth) -eq 1 ] && grep -q 'no account for' '$WORK/t-echoauth.err'"
run_cli t-echoauth-fetch fetch-artifact "https://example.com/a.jar" --base-url "$(fault_url echoauth token)"
run_cli t-echoauth-artifact artifact abc --base-url "$(fault_url echoauth token)"
run_cli t-demo upload-image "$PNG" --type icon --demo
run_cli t-help --help
run_cli t-version --version
check "every subcommand ran (the outputs exist)" test "$(ls "$WORK"/t-*.err | wc -l)" -ge 18
check "the emulator's log has no token" bash -c "! grep -qF '$RELIABILITY_TOKEN' '$WORK/emulator.log'"
check "the history files hold no token" bash -c "! grep -rqF '$RELIABILITY_TOKEN' '$WORK/history.json' '$WORK/history.journal.jsonl' '$XDG_STATE_HOME' 2>/dev/null"
# A token put in MARKETPLACE_EMAIL by mistake is not shown as the account in the emulator's banner.
KEPT=("$EMULATOR_PID" "$BASE_URL")
MARKETPLACE_EMAIL=$RELIABILITY_TOKEN start_emulator "$WORK/emulator-swapped" || exit 1
stop_emulator
EMULATOR_PID=${KEPT[0]} BASE_URL=${KEPT[1]}
check "an emulator given the token as MARKETPLACE_EMAIL does not print it: $(head -c 160 "$WORK/emulator-swapped.log")" \
    bash -c "! grep -qF '$RELIABILITY_TOKEN' '$WORK/emulator-swapped.log' && grep -q 'the MARKETPLACE_EMAIL set' '$WORK/emulator-swapped.log'"

echo "-- the keyring: the token on no command line, in no output, in no file but the keyring"
rm -f "$CONFIG"
# A stand-in secret-tool first on PATH that waits before running the real one, so the watcher
# below reads every helper's command line while it runs.
mkdir -p "$WORK/slow-bin"
cat > "$WORK/slow-bin/secret-tool" <<SH
#!/bin/sh
sleep 0.3
exec $(command -v secret-tool) "\$@"
SH
chmod 755 "$WORK/slow-bin/secret-tool"
WATCH_SECRET=$RELIABILITY_TOKEN python3 - "$WORK/cmdlines.txt" "$WORK/watch.stop" <<'PY' &
import os, sys, time
seen, secret = set(), os.environ.pop("WATCH_SECRET").encode()
out, stop = sys.argv[1], sys.argv[2]
while not os.path.exists(stop):
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            raw = open(f"/proc/{pid}/cmdline", "rb").read()
        except OSError:
            continue
        # The binary and its helpers (the stand-in runs as `/bin/sh …/secret-tool`), not this script's own checks.
        programs = [os.path.basename(arg) for arg in raw.split(b"\0")[:2]]
        if b"secret-tool" in programs or b"marketplace-assets" in programs:
            line = "LEAK " + pid if secret in raw else raw.replace(b"\0", b" ").decode(errors="replace").strip()
            if line not in seen:
                seen.add(line)
                open(out, "a").write(line + "\n")
    time.sleep(0.02)
PY
WATCHER_PID=$!
BACKGROUND_PIDS+=($WATCHER_PID)
# keyring_cli NAME ARGS...: the binary with the slow stand-in on PATH and no credential variables
# (with NO_BUS=1, no session bus either); stdin from the caller.
keyring_cli() {
    local name=$1; shift
    local bus=()
    [ -n "${NO_BUS:-}" ] && bus=(-u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$WORK")
    env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN "${bus[@]}" PATH="$WORK/slow-bin:$PATH" "$BIN" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
    echo $? > "$WORK/$name.rc"
}
printf '%s\n' "$RELIABILITY_TOKEN" | keyring_cli k-login login --email "$MARKETPLACE_EMAIL" --with-token --no-plain-text --base-url "$BASE_URL"
check "login into the keyring: exit $(rc_of k-login)" test "$(rc_of k-login)" -eq 0
keyring_cli k-status auth status < /dev/null
check "auth status: from the keyring, exit $(rc_of k-status)" bash -c "[ $(rc_of k-status) -eq 0 ] && grep -q 'Secret Service' '$WORK/k-status.out'"
keyring_cli k-upload upload-image "$PNG" --type icon < /dev/null
check "an upload with the keyring's token: exit $(rc_of k-upload)" test "$(rc_of k-upload)" -eq 0
printf 'wrong-%s\n' "$RELIABILITY_TOKEN" | keyring_cli k-wrong login --email "$MARKETPLACE_EMAIL" --with-token --base-url "$BASE_URL"
check "a wrong token at login: exit $(rc_of k-wrong)" test "$(rc_of k-wrong)" -eq 1
keyring_cli k-logout logout < /dev/null
check "logout: exit $(rc_of k-logout)" test "$(rc_of k-logout)" -eq 0
check "the config file never held the token" bash -c "[ ! -e '$CONFIG' ] || ! grep -qF '$RELIABILITY_TOKEN' '$CONFIG'"
# Without a session bus: the fallback to the config file, and --no-plain-text refusing.
printf '%s\n' "$RELIABILITY_TOKEN" | NO_BUS=1 keyring_cli k-refuse login --email "$MARKETPLACE_EMAIL" --with-token --no-plain-text --base-url "$BASE_URL"
check "no D-Bus, --no-plain-text: refused (exit $(rc_of k-refuse)), no config file" bash -c "[ $(rc_of k-refuse) -eq 1 ] && [ ! -e '$CONFIG' ]"
printf '%s\n' "$RELIABILITY_TOKEN" | NO_BUS=1 keyring_cli k-fallback login --email "$MARKETPLACE_EMAIL" --with-token --base-url "$BASE_URL"
check "no D-Bus: the config file after a warning, mode 0600" \
    bash -c "[ $(rc_of k-fallback) -eq 0 ] && grep -q '^warning: no system keyring' '$WORK/k-fallback.err' && [ \$(stat -c %a '$CONFIG') = 600 ]"
NO_BUS=1 keyring_cli k-fallback-logout logout < /dev/null
touch "$WORK/watch.stop"
wait "$WATCHER_PID" 2>/dev/null
check "the watcher read the helpers' command lines (store, lookup, clear: $(grep -c secret-tool "$WORK/cmdlines.txt") seen)" \
    bash -c "grep -q 'secret-tool store' '$WORK/cmdlines.txt' && grep -q 'secret-tool lookup' '$WORK/cmdlines.txt' && grep -q 'secret-tool clear' '$WORK/cmdlines.txt'"
check "no command line held the token" bash -c "! grep -q '^LEAK' '$WORK/cmdlines.txt'"
check "the keyring holds no token of ours any more" bash -c "! secret-tool search --all service marketplace-assets 2>/dev/null | grep -q ."
check "no new file under /tmp holds the token (the keyring's files are encrypted)" \
    bash -c "! find /tmp -xdev -type f -newer '$WORK/slow-bin/secret-tool' -size -1M 2>/dev/null | grep -v '^$WORK/' | xargs -r grep -lF '$RELIABILITY_TOKEN' 2>/dev/null | grep -q ."

reliability_finish
