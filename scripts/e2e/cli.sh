#!/usr/bin/env bash
# End to end: the built binary's subcommands against `marketplace-assets emulator`, as a script would use them.
# Usage: scripts/e2e/cli.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=cli-e2e
. scripts/e2e/lib.sh

WORK=$(mktemp -d)
trap 'stop_emulator; rm -rf "$WORK"' EXIT
export XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config
export MARKETPLACE_EMAIL=e2e@example.com MARKETPLACE_API_TOKEN=e2e-secret-token-7c1d9
export MARKETPLACE_ASSETS_HISTORY=$WORK/history.json
unset MARKETPLACE_BASE_URL
SAMPLES=Resources/samples
PNG=$(ls $SAMPLES/*.png | head -n 1)
JAR=$(ls $SAMPLES/*.jar | head -n 1)

start_emulator "$WORK/emulator" --allow-private-fetch || exit 1
echo "emulator at $BASE_URL"

# upload-image --json: the server's answer on stdout, an ID in the history.
"$BIN" upload-image "$PNG" --type icon --json --base-url "$BASE_URL" > "$WORK/image.json" 2> "$WORK/err"
check "upload-image exits 0" test $? -eq 0
IMAGE_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/image.json" 2>/dev/null)
check "upload-image --json prints the image id ($IMAGE_ID)" test -n "$IMAGE_ID"
check "image answer has mimeType image/png" contains "$WORK/image.json" '"mimeType" : "image/png"'

# Global options before the subcommand's name work the same.
"$BIN" --base-url "$BASE_URL" upload-image --type banner "$SAMPLES/$(ls $SAMPLES | grep -i '\.jpe\?g$' | head -n 1)" > "$WORK/banner.txt" 2>&1
check "global option before the subcommand" test $? -eq 0
check "human summary names the imageId" contains "$WORK/banner.txt" "imageId"

# upload-artifact: verified SHA-512, the same as sha512sum's.
"$BIN" upload-artifact "$JAR" --json --base-url "$BASE_URL" > "$WORK/artifact.json"
check "upload-artifact exits 0" test $? -eq 0
ARTIFACT_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["_links"]["self"]["href"].rsplit("/",1)[1])' "$WORK/artifact.json" 2>/dev/null)
check "upload-artifact --json has a self link ($ARTIFACT_ID)" test -n "$ARTIFACT_ID"
check "server checksum equals sha512sum" contains "$WORK/artifact.json" "sha512:$(sha512sum "$JAR" | cut -d' ' -f1)"

# artifact ID: GET details, human and JSON.
"$BIN" artifact "$ARTIFACT_ID" --base-url "$BASE_URL" > "$WORK/details.txt"
check "artifact ID exits 0" test $? -eq 0
check "artifact details name the plugin key" contains "$WORK/details.txt" "com.example"
"$BIN" artifact "$ARTIFACT_ID" --json --base-url "$BASE_URL" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert "fileInfo" in d and "_links" in d'
check "artifact --json is the server's shape" test $? -eq 0

# fetch-artifact from a local web server (the emulator runs with --allow-private-fetch).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$(dirname "$JAR")" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
WEB_PID=$!
for _ in $(seq 1 100); do curl -s "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.05; done
"$BIN" fetch-artifact "http://127.0.0.1:$PORT/$(basename "$JAR")" --json --base-url "$BASE_URL" > "$WORK/fetch.json" 2> "$WORK/fetch.err"
check "fetch-artifact exits 0" test $? -eq 0
check "fetched artifact has _links.remote" contains "$WORK/fetch.json" '"remote"'
kill $WEB_PID 2>/dev/null; wait $WEB_PID 2>/dev/null

# fetch-artifact refuses a file: URL with one line and exit 1.
"$BIN" fetch-artifact "file:///etc/passwd" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "fetch-artifact file: URL exits 1" test $? -eq 1
check "... with one line on stderr" test "$(line_count "$WORK/err")" -eq 1

# history: every success recorded, filters work.
"$BIN" history --json --base-url "$BASE_URL" > "$WORK/history-out.json"
COUNT=$(python3 -c 'import json,sys; print(len([e for e in json.load(open(sys.argv[1])) if e.get("id")]))' "$WORK/history-out.json")
check "history --json lists the 4 uploads ($COUNT)" test "$COUNT" -eq 4
IMAGES=$("$BIN" history --kind image --json --base-url "$BASE_URL" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check "history --kind image lists 2 ($IMAGES)" test "$IMAGES" -eq 2
"$BIN" history --base-url "$BASE_URL" > "$WORK/history.txt"
check "history table shows the image id" contains "$WORK/history.txt" "$IMAGE_ID"

# The file the user named is the history, as it is: no journal beside it, every upload in it.
FILE_IDS=$(python3 -c 'import json,sys; print(" ".join(e.get("id") or e["image"]["id"] for e in json.load(open(sys.argv[1]))["entries"]))' "$MARKETPLACE_ASSETS_HISTORY")
check "history.json holds the 4 uploads as it is ($FILE_IDS)" bash -c "[ $(echo $FILE_IDS | wc -w) -eq 4 ] && echo '$FILE_IDS' | grep -q '$IMAGE_ID' && echo '$FILE_IDS' | grep -q '$ARTIFACT_ID'"
check "... and nothing beside it but its lock" test "$(ls -A "$WORK" | grep -E '^\.?history\.j' | LC_ALL=C sort | tr '\n' ' ')" = "history.json history.json.lock "

# Bad input: a folder, an empty file, a missing file — one line, exit 1, history untouched.
"$BIN" history --json --all-servers > "$WORK/history.before"
: > "$WORK/empty.png"
for bad in "$WORK" "$WORK/empty.png" "$WORK/missing.png"; do
    "$BIN" upload-image "$bad" --type icon --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
    status=$?
    check "upload-image $(basename "$bad") exits 1 ($status)" test $status -eq 1
    check "... with one line on stderr: $(head -c 100 "$WORK/err")" test "$(line_count "$WORK/err")" -eq 1
done
"$BIN" history --json --all-servers > "$WORK/history.after"
check "history unchanged by refused files" cmp -s "$WORK/history.after" "$WORK/history.before"

# history --remove / --remove-failed: the local history only, never Marketplace.
PORT_GONE=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" fetch-artifact "http://127.0.0.1:$PORT_GONE/missing.jar" --base-url "$BASE_URL" > /dev/null 2>&1
FAILED=$("$BIN" history --json --base-url "$BASE_URL" | python3 -c 'import json,sys; print(len([e for e in json.load(sys.stdin) if not e.get("id")]))')
check "a failed fetch is in the history ($FAILED)" test "$FAILED" -eq 1
cp "$MARKETPLACE_ASSETS_HISTORY" "$WORK/history.file.before"
"$BIN" history --remove "$IMAGE_ID" no-such-id --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
check "history --remove with an unknown ID exits 1" test $? -eq 1
check "... with one line on stderr naming it" bash -c "[ $(line_count "$WORK/err") -eq 1 ] && grep -q no-such-id '$WORK/err'"
check "... and removes nothing" cmp -s "$MARKETPLACE_ASSETS_HISTORY" "$WORK/history.file.before"
"$BIN" history --remove "$IMAGE_ID" --json --base-url "$BASE_URL" > "$WORK/removed.json"
check "history --remove ID exits 0" test $? -eq 0
check "... --json prints the removed entry" test "$(python3 -c 'import json,sys; print(" ".join(e["id"] for e in json.load(open(sys.argv[1]))))' "$WORK/removed.json")" = "$IMAGE_ID"
check "... which the history no longer lists" bash -c "! '$BIN' history --json --base-url '$BASE_URL' | grep -q '$IMAGE_ID'"
"$BIN" history --remove-failed --base-url "$BASE_URL" > "$WORK/out"
check "history --remove-failed exits 0" test $? -eq 0
check "... and says what it removed" bash -c "grep -q 'Removed 1 entry' '$WORK/out' && grep -q 'missing.jar' '$WORK/out'"
check "... leaving no failed attempt" test "$("$BIN" history --json --base-url "$BASE_URL" | python3 -c 'import json,sys; print(len([e for e in json.load(sys.stdin) if not e.get("id")]))')" -eq 0
"$BIN" history --remove-failed --base-url "$BASE_URL" > "$WORK/out"
check "a second --remove-failed finds nothing" contains "$WORK/out" "Nothing to remove"
ENTRY_ID=$("$BIN" history --json --kind artifact --base-url "$BASE_URL" | python3 -c 'import json,sys; print([e for e in json.load(sys.stdin) if e["id"] == sys.argv[1]][0]["entryId"].lower())' "$ARTIFACT_ID")
"$BIN" history --remove "$ENTRY_ID" --base-url "$BASE_URL" > /dev/null
check "history --remove takes an entryId ($ENTRY_ID)" bash -c "! '$BIN' history --json --base-url '$BASE_URL' | grep -q '$ARTIFACT_ID'"
"$BIN" artifact "$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null
check "... and Marketplace still has the artifact" test $? -eq 0

# No credentials: a clear message naming the variables, the config file and --demo; no silent demo.
env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN "$BIN" upload-image "$PNG" --type icon > "$WORK/out" 2> "$WORK/err"
check "no credentials exits 1" test $? -eq 1
check "... names MARKETPLACE_API_TOKEN" contains "$WORK/err" "MARKETPLACE_API_TOKEN"
check "... names the config file" contains "$WORK/err" "config.json"
check "... names --demo" contains "$WORK/err" "--demo"

# --demo works without credentials, on its own history.
env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u MARKETPLACE_ASSETS_HISTORY "$BIN" upload-image "$PNG" --type icon --demo --json > "$WORK/demo.json"
check "--demo upload-image exits 0" test $? -eq 0
check "--demo wrote the demo history, not the other" bash -c "ls '$XDG_STATE_HOME/marketplace-assets/demo/' | grep -q '^history'"
DEMO_COUNT=$(env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u MARKETPLACE_ASSETS_HISTORY "$BIN" history --demo --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check "history --demo lists the demo upload only ($DEMO_COUNT)" test "$DEMO_COUNT" -eq 1

# Plain http off loopback is refused before anything is sent.
"$BIN" artifact "$ARTIFACT_ID" --base-url "http://example.com/marketplace" > /dev/null 2> "$WORK/err"
check "http base URL off loopback refused" test $? -eq 1
check "... saying why" grep -qi "http" "$WORK/err"

# Wrong credentials: 401 explained.
MARKETPLACE_API_TOKEN=wrong "$BIN" artifact "$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "wrong token exits 1" test $? -eq 1
check "... mentions the credentials" grep -qi "MARKETPLACE_API_TOKEN\|credential\|401" "$WORK/err"

# The token never appears in the history or any output.
check "token absent from history and outputs" bash -c "! grep -rqF '$MARKETPLACE_API_TOKEN' '$WORK' --exclude-dir=emulator"

finish
