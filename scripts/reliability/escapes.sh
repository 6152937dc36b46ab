#!/usr/bin/env bash
# Names and server strings holding terminal escape sequences (an OSC title change, a screen
# clear, a cursor move, a C1 CSI), bidi overrides, DEL or invalid UTF-8 (issue 4): every CLI
# output, human and --json, stays safe to print on a terminal.
# Usage: scripts/reliability/escapes.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=escapes
. scripts/reliability/lib.sh

start_emulator "$WORK/emulator" || exit 1
start_faultserver || exit 1
FILES=$WORK/files
mkdir -p "$FILES"

# A file name that would retitle the window, clear the screen, move the cursor and recolour.
EVIL_NAME=$'evil\e]0;pwned\a\e[2J\e[1;1H\u009b31m\u202e\x7f.png'
cp "$PNG" "$FILES/$EVIL_NAME"
EVIL_PATH="$FILES/$EVIL_NAME"
EVIL_JAR="$FILES/${EVIL_NAME%.png}.jar"
cp "$JAR" "$EVIL_JAR"

# safe CASE: both outputs of a run are safe to print.
safe() {
    local file
    for file in "$WORK/$1.out" "$WORK/$1.err"; do
        check "$1: $(basename "$file") is safe to print" safe_to_print "$file"
    done
}

# json_safe CASE: stderr and the --json stdout are safe to print, and stdout is valid JSON.
json_safe() {
    check "$1: stderr is safe to print" safe_to_print "$WORK/$1.err"
    check "$1: --json stdout is safe to print" safe_to_print "$WORK/$1.out"
    check "$1: --json stdout is valid JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/$1.out"
}

echo "-- a local file name with escape sequences"
run_cli name-upload upload-image "$EVIL_PATH" --type icon --base-url "$BASE_URL"
check "name-upload: uploaded (exit $(rc_of name-upload))" test "$(rc_of name-upload)" -eq 0
safe name-upload
run_cli name-upload-json upload-artifact "$EVIL_JAR" --json --base-url "$BASE_URL"
check "name-upload-json: uploaded (exit $(rc_of name-upload-json))" test "$(rc_of name-upload-json)" -eq 0
check "name-upload-json: stdout is safe to print (the emulator cleans names)" safe_to_print "$WORK/name-upload-json.out"
run_cli name-history history --base-url "$BASE_URL"
check "name-history: lists them" test "$(line_count "$WORK/name-history.out")" -ge 2
safe name-history
run_cli name-history-json history --json --base-url "$BASE_URL"
json_safe name-history-json
run_cli name-inspect inspect "$EVIL_PATH"
safe name-inspect
run_cli name-inspect-json inspect "$EVIL_PATH" --json
json_safe name-inspect-json
run_cli name-refused upload-artifact "$EVIL_PATH" --base-url "$BASE_URL"
check "name-refused: exit 1, one line" bash -c "[ $(rc_of name-refused) -eq 1 ] && [ $(line_count "$WORK/name-refused.err") -eq 1 ]"
safe name-refused
run_cli name-missing upload-image "$FILES/missing-$EVIL_NAME" --type icon --base-url "$BASE_URL"
safe name-missing

echo "-- a file name that is not UTF-8"
BAD_UTF8_NAME=$'bad-\xff\xfe-\e[31m.png'
cp "$PNG" "$FILES/$BAD_UTF8_NAME"
run_cli badutf8-inspect inspect "$FILES/$BAD_UTF8_NAME"
safe badutf8-inspect
run_cli badutf8-upload upload-image "$FILES/$BAD_UTF8_NAME" --type icon --base-url "$BASE_URL"
safe badutf8-upload
check "badutf8-upload: a file whose name is not UTF-8 uploads, exit 0 ($(rc_of badutf8-upload): $(head -c 120 "$WORK/badutf8-upload.err"))" \
    test "$(rc_of badutf8-upload)" -eq 0
check "... sent under its name as shown (U+FFFD for the bad bytes; the server drops the ESC), recorded without a local path (JSON cannot hold it, and the decoded one names no file), no link left behind" \
    python3 -c "
import json, os, sys, glob
entries = json.load(open(os.environ['MARKETPLACE_ASSETS_HISTORY']))['entries']
image = [e for e in entries if e.get('imageType') == 'icon' and (e.get('image') or {}).get('name', '').startswith('bad-')][-1]
sys.exit(0 if image['image']['name'].startswith('bad-\ufffd\ufffd-') and 'localPath' not in image
         and not glob.glob('/tmp/marketplace-assets-argv-*') else 1)"
GONE_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run_cli badutf8-failed upload-image "$FILES/$BAD_UTF8_NAME" --type icon --base-url "http://127.0.0.1:$GONE_PORT/marketplace" \
    --history "$WORK/badutf8-failed.json"
check "badutf8-failed: a failed upload of it is recorded without a local path too (not the link it was read through)" \
    python3 -c "
import json, sys
entries = json.load(open('$WORK/badutf8-failed.json'))['entries']
sys.exit(0 if $(rc_of badutf8-failed) == 1 and len(entries) == 1 and entries[0].get('failure') and 'localPath' not in entries[0] else 1)"
run_cli badutf8-two upload-image "$FILES/$BAD_UTF8_NAME" "$PNG" --type screenshot --base-url "$BASE_URL"
check "badutf8-two: with another file in one call, both upload (exit $(rc_of badutf8-two))" test "$(rc_of badutf8-two)" -eq 0
safe badutf8-two

echo "-- server strings with escape sequences (names, details, links, error messages)"
run_cli server-upload upload-artifact "$JAR" --base-url "$(fault_url evil upload)"
check "server-upload: exit 0 ($(rc_of server-upload): $(head -c 100 "$WORK/server-upload.err"))" test "$(rc_of server-upload)" -eq 0
check "server-upload: the plugin name is shown, neutralised" grep -q "pwned" "$WORK/server-upload.out"
safe server-upload
run_cli server-upload-json upload-artifact "$JAR" --json --base-url "$(fault_url evil upload-json)"
json_safe server-upload-json
run_cli server-artifact artifact abc-123 --base-url "$(fault_url evil artifact)"
safe server-artifact
run_cli server-artifact-json artifact abc-123 --json --base-url "$(fault_url evil artifact-json)"
json_safe server-artifact-json
run_cli server-image upload-image "$PNG" --type icon --base-url "$(fault_url evil image)"
safe server-image
# The evil scenario answers every second fetch with a 400 whose message holds the sequences.
run_cli server-fetch-ok fetch-artifact "https://example.com/a.jar" --base-url "$(fault_url evil fetch)"
run_cli server-fetch-error fetch-artifact "https://example.com/a.jar" --base-url "$(fault_url evil fetch)"
check "server-fetch-error: exit 1, one line" bash -c "[ $(rc_of server-fetch-error) -eq 1 ] && [ $(line_count "$WORK/server-fetch-error.err") -eq 1 ]"
safe server-fetch-error
run_cli server-bytes upload-artifact "$JAR" --base-url "$(fault_url evilbytes bytes)"
check "server-bytes (invalid UTF-8 and escapes in a 400 body): exit 1, one line" \
    bash -c "[ $(rc_of server-bytes) -eq 1 ] && [ $(line_count "$WORK/server-bytes.err") -eq 1 ]"
safe server-bytes
run_cli server-utf8 upload-artifact "$JAR" --json --base-url "$(fault_url evilutf8 utf8)"
check "server-utf8 (invalid UTF-8 inside a JSON answer): a clear error, exit 1" \
    bash -c "[ $(rc_of server-utf8) -eq 1 ] && grep -q 'not JSON' '$WORK/server-utf8.err'"
safe server-utf8
run_cli server-history history --all-servers
safe server-history
run_cli server-history-json history --all-servers --json
json_safe server-history-json

echo "-- a damaged history file holding escape sequences (cut short: a read says so), and one edited by hand (refused)"
mkdir -p "$WORK/damaged" "$WORK/edited"
EDITED='{"schemaVersion": 1, "entries": [{"createdAt": "2026-01-01T00:00:00Z", "entryId": "8D1A5B8E-1B86-4F53-9C3F-2B9A9B0E2F10", "kind": "\n\u001b]0;pwned\u0007image", "name": "a.png", "serverURL": "https://x"}]}'
printf '%s' "${EDITED%\}}" > "$WORK/damaged/history.json"
printf '%s' "$EDITED" > "$WORK/edited/history.json"
cp "$WORK/edited/history.json" "$WORK/edited.before"
run_cli damaged history --history "$WORK/damaged/history.json"
run_cli edited history --history "$WORK/edited/history.json"
check "edited: exit 1, one line naming the entry" \
    bash -c "[ \$(cat '$WORK/edited.rc') -eq 1 ] && grep -q 'its entry 1 does not read' '$WORK/edited.err' && [ \$(wc -l < '$WORK/edited.err') -eq 1 ]"
check "edited: the error is safe to print" safe_to_print "$WORK/edited.err"
check "edited: the file is left untouched" cmp -s "$WORK/edited/history.json" "$WORK/edited.before"
check "damaged: exit 1, the file left where it is for a write to move aside" \
    bash -c "[ \$(cat '$WORK/damaged.rc') -eq 1 ] && grep -q 'does not read' '$WORK/damaged.err' && ! ls '$WORK/damaged' | grep -q corrupt"
check "damaged: the error is one line of safe text" \
    bash -c "safe_to_print() { python3 -c 'import re,sys; t=open(sys.argv[1],encoding=\"utf-8\").read(); sys.exit(1 if re.search(\"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]\", t) else 0)' \"\$1\"; }; safe_to_print '$WORK/damaged.err' && [ \$(wc -l < '$WORK/damaged.err') -eq 1 ]"

reliability_finish
