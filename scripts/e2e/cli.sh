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
check "human summary names the answer's mediaType" grep -q '^  mediaType  *image$' "$WORK/banner.txt"

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
"$BIN" artifact "$BASE_URL/rest/3/artifacts/$ARTIFACT_ID/download" --base-url "$BASE_URL" > "$WORK/details-by-link.txt"
check "artifact takes a pasted self or binary link as well as the ID" \
    bash -c "[ $? -eq 0 ] && grep -q '$ARTIFACT_ID' '$WORK/details-by-link.txt'"
"$BIN" artifact "$(printf %s "$ARTIFACT_ID" | tr a-f A-F)" --base-url "$BASE_URL" > "$WORK/details-upper.txt"
check "an ID given in capitals: headed by the ID as Marketplace spells it, as its artifactId row is ($(head -1 "$WORK/details-upper.txt"))" \
    test "$(head -1 "$WORK/details-upper.txt")" = "Artifact $ARTIFACT_ID"
"$BIN" artifact "$ARTIFACT_ID" --json --base-url "$BASE_URL" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert "fileInfo" in d and "_links" in d'
check "artifact --json is the server's shape" test $? -eq 0
# Values read from a CRLF file keep a carriage return: --base-url, --since and an ID are trimmed as
# the variables are; a file name is not (a name may end so), and its message shows the CR.
run_bin crlf-artifact artifact "$ARTIFACT_ID"$'\r' --base-url "$BASE_URL"$'\r'
check "artifact ID\\r --base-url URL\\r: both trimmed, the details (exit $(rc_of crlf-artifact): $(head -c 100 "$WORK/crlf-artifact.err"))" \
    bash -c "[ $(rc_of crlf-artifact) -eq 0 ] && grep -q '$ARTIFACT_ID' '$WORK/crlf-artifact.out'"
run_bin crlf-since history --since $'1h\r'
check "history --since 1h\\r: read as 1h (exit $(rc_of crlf-since))" test "$(rc_of crlf-since)" -eq 0
run_bin crlf-file upload-artifact "$JAR"$'\r' --base-url "$BASE_URL"
check "a file name ending in a carriage return: missing, and the message shows it ($(head -c 160 "$WORK/crlf-file.err"))" \
    bash -c "[ $(rc_of crlf-file) -eq 1 ] && grep -q \$'\\xef\\xbf\\xbd does not exist' '$WORK/crlf-file.err'"

# artifact ID when Marketplace reports another checksum than the upload sent (the history's
# `checksum` edited in a copy, as if other bytes had been stored): the details, then exit 1.
jq --arg id "$ARTIFACT_ID" '.entries |= map(if .id == $id then .checksum = "sha512:" + ("ab" * 64) else . end)' \
    "$WORK/history.json" > "$WORK/history-mismatch.json"
MARKETPLACE_ASSETS_HISTORY=$WORK/history-mismatch.json run_bin mismatch artifact "$ARTIFACT_ID" --base-url "$BASE_URL"
check "artifact ID with another checksum than was sent: the details, then exit 1 naming the mismatch ($(rc_of mismatch): $(head -c 200 "$WORK/mismatch.err"))" \
    bash -c "[ $(rc_of mismatch) -eq 1 ] && grep -q com.example '$WORK/mismatch.out' && grep -q '^  checksum .*(of the file sent: MISMATCH, see the failure)' '$WORK/mismatch.out' && [ \$(grep -c . '$WORK/mismatch.err') -eq 1 ] && grep -q '^error: .*(artifact $ARTIFACT_ID): Checksum mismatch: sent sha512:abababab' '$WORK/mismatch.err'"
check "... and the history copy records it" \
    test "$(jq -r --arg id "$ARTIFACT_ID" '.entries[] | select(.id == $id) | .verified' "$WORK/history-mismatch.json")" = false

# fetch-artifact from a local web server (the emulator runs with --allow-private-fetch).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$(dirname "$JAR")" && exec python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
WEB_PID=$!
for _ in $(seq 1 100); do curl -s "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.05; done
"$BIN" fetch-artifact "http://127.0.0.1:$PORT/$(basename "$JAR")" --json --base-url "$BASE_URL" > "$WORK/fetch.json" 2> "$WORK/fetch.err"
check "fetch-artifact exits 0" test $? -eq 0
check "fetched artifact has _links.remote" contains "$WORK/fetch.json" '"remote"'
check "... and a warning that the same key and version was uploaded before (known only from the answer)" \
    bash -c "grep -q '^warning: this fetch stored the same build a second time: artifact [0-9a-f-]\\{36\\} is com.example.sample-plugin 1.0.0, uploaded .* (' '$WORK/fetch.err'"
"$BIN" fetch-artifact " http://127.0.0.1:$PORT/$(basename "$JAR")"$'\n' --base-url "http://127.0.0.1:9/marketplace" --history "$WORK/trim-history.json" \
    > /dev/null 2> "$WORK/fetch-trim.err"
check "a fetch URL pasted with white space around it is trimmed, as --base-url is (the request went: $(head -c 100 "$WORK/fetch-trim.err"))" \
    bash -c "! grep -q 'contains spaces' '$WORK/fetch-trim.err' && grep -q '127.0.0.1' '$WORK/fetch-trim.err'"
kill $WEB_PID 2>/dev/null; wait $WEB_PID 2>/dev/null

# fetch-artifact refuses a file: URL with one line, a bad argument (64).
"$BIN" fetch-artifact "file:///etc/passwd" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "fetch-artifact file: URL exits 64" test $? -eq 64
check "... with one line on stderr" test "$(line_count "$WORK/err")" -eq 1
"$BIN" fetch-artifact "" --base-url "$BASE_URL" > /dev/null 2> "$WORK/empty-url.err"
check "fetch-artifact with an empty URL is a usage error, as an empty ID is (64)" test $? -eq 64

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
# Another server's view: its history is empty, and says where the entries are.
"$BIN" history --base-url "https://other.example.test/marketplace" > "$WORK/out" 2> "$WORK/err"
check "history at a server with no entries names --all-servers, on stderr: stdout holds no line that is no entry" bash -c "
    grep -q 'no history entries for https://other.example.test/marketplace; [0-9]* for other servers: add --all-servers' '$WORK/err' && [ ! -s '$WORK/out' ]"
"$BIN" history --snippet --base-url "https://other.example.test/marketplace" > "$WORK/out" 2> "$WORK/err"
check "... and --snippet there says the fragment is empty, the server before it" bash -c "
    grep -q '^no history entries for https://other.example.test/marketplace, so the fragment is empty; [0-9]* for other servers: add --all-servers' '$WORK/err' && jq -e '. == {}' '$WORK/out' > /dev/null"
"$BIN" history --remove "$IMAGE_ID" --base-url "https://other.example.test/marketplace" > /dev/null 2> "$WORK/err"
check "history --remove of another server's ID: exit 1, naming its server and --all-servers" \
    bash -c "[ $? -eq 1 ] && grep -qF 'it is in the history of $BASE_URL: add --all-servers' '$WORK/err'"
"$BIN" history --base-url "$BASE_URL/" > "$WORK/out"
check "history at the same server spelt with a trailing / lists its entries" grep -qF "$IMAGE_ID" "$WORK/out"
# One entry of another server among this one's (a colleague's history merged): said on stderr, not hidden.
jq '.entries[0].serverURL = "https://other.example.test/marketplace"' "$MARKETPLACE_ASSETS_HISTORY" > "$WORK/mixed.json"
run_bin mixed history --history "$WORK/mixed.json" --base-url "$BASE_URL"
run_bin mixed-json history --json --history "$WORK/mixed.json" --base-url "$BASE_URL"
check "history with an entry of another server lists this one's, and says one is not listed: $(cat "$WORK/mixed.err")" bash -c "
    [ $(rc_of mixed) -eq 0 ] && [ -s '$WORK/mixed.out' ] && grep -qx 'note: 1 entry of other servers not listed: --all-servers lists them' '$WORK/mixed.err' &&
    [ ! -s '$WORK/mixed-json.err' ]"
"$BIN" history --kind artifact --remove "$IMAGE_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
rc=$?
check "history --kind artifact --remove IMAGE_ID: exit 1, saying it is an image entry" \
    bash -c "[ $rc -eq 1 ] && grep -qF 'it is an image entry: leave out --kind artifact' '$WORK/err'"
"$BIN" history --kind artifact --remove "$IMAGE_ID" --base-url "https://other.example.test/marketplace" > /dev/null 2> "$WORK/err"
rc=$?
check "... and of another server too: exit 1, naming both the kind and the server" \
    bash -c "[ $rc -eq 1 ] && grep -qF 'it is an image entry in the history of $BASE_URL: leave out --kind artifact and add --all-servers' '$WORK/err'"
"$BIN" history --all-servers --base-url "https://other.example.test/marketplace" > "$WORK/out"
check "history --all-servers shows each entry's server" grep -qF "$IMAGE_ID" "$WORK/out"
check "... as '@ server'" bash -c "grep -F '$IMAGE_ID' '$WORK/out' | grep -qF '@ $BASE_URL'"
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
# A port past 65535 on an IP address trapped in SwiftNIO (exit 132, a backtrace): one line, exit 1.
MARKETPLACE_BASE_URL=http://127.0.0.1:99999/marketplace "$BIN" upload-image "$PNG" --type icon --json < /dev/null > "$WORK/out" 2> "$WORK/err"
RC=$?
check "a base URL with port 99999: exit 1 ($RC), one line naming the port: $(head -c 160 "$WORK/err")" \
    bash -c "[ $RC -eq 1 ] && [ \$(wc -l < '$WORK/err') -eq 1 ] && grep -q 'port must be from 1 to 65535, not 99999' '$WORK/err' && [ ! -s '$WORK/out' ]"
# A colleague's link to another server: refused before anything is sent, naming the option that asks it.
"$BIN" artifact "https://staging.example.com/marketplace/rest/3/artifacts/$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "artifact with a link of another server: exit 64, naming that server's --base-url" bash -c "
    [ $? -eq 64 ] && grep -q 'The link is of https://staging.example.com/marketplace, and the base URL is $BASE_URL: nothing was sent. To ask that server, give --base-url https://staging.example.com/marketplace (it receives your credentials)' '$WORK/err'"
# ... and one of another host written without /marketplace names the base URL with it (the API's place).
"$BIN" artifact "https://staging.example.com/rest/3/artifacts/$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "... a link of another host without /marketplace: exit 64, naming its --base-url with /marketplace" bash -c "
    [ $? -eq 64 ] && grep -q 'To ask that server, give --base-url https://staging.example.com/marketplace (it receives' '$WORK/err'"
# ... a link of another host read as RFC 3986 reads it: the host ends at '#', whatever follows an '@'
# there; and a path spelled /REST/4/ is still of that host.
"$BIN" artifact "https://staging.example.com/marketplace/REST/4/artifacts/$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "... a link of another host with /REST/4/: exit 64, naming that host" bash -c "
    [ $? -eq 64 ] && grep -q 'The link is of https://staging.example.com/marketplace, and' '$WORK/err'"
"$BIN" artifact "http://evil.example#@${BASE_URL#http://}/rest/3/artifacts/$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
RC=$?
check "... a link whose host is evil.example, with this server after '#@': exit 64 ($RC), nothing asked: $(head -c 160 "$WORK/err")" bash -c "
    [ $RC -eq 64 ] && grep -q 'is no artifact ID\|The link is of http://evil.example' '$WORK/err'"
# ... and a link pasted with a space or a line end around it is the same link.
"$BIN" artifact " $BASE_URL/rest/3/artifacts/$ARTIFACT_ID
" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
RC=$?
check "artifact with a pasted link and white space around it: looked up (exit $RC)" test $RC -eq 0
"$BIN" artifact $'\ufeff'"$ARTIFACT_ID"$'\u200b' --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
RC=$?
check "artifact with an ID copied with a byte order mark before it and a zero-width space after: looked up (exit $RC)" test $RC -eq 0
# ... but a link of this server's host without the base URL's path is this server's: the reference
# writes its links both as https://api.atlassian.com/rest/3/… and …/marketplace/rest/3/….
"$BIN" artifact "${BASE_URL%/marketplace}/rest/3/artifacts/$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "artifact with a link of the base URL's host without its /marketplace: this server's, looked up (exit 0)" bash -c "
    [ $? -eq 0 ] && ! grep -q 'The link is of' '$WORK/err'"
# ... and a link of this server with a user and password in it is this server's, the password never shown.
LINK_AUTHORITY=${BASE_URL#http://}
"$BIN" artifact "http://me:s3cret-9f2@$LINK_AUTHORITY/rest/3/artifacts/$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "artifact with a link of this server holding user:password: looked up (exit 0), the password in no message" bash -c "
    [ $? -eq 0 ] && ! grep -q s3cret-9f2 '$WORK/err'"
# ... but an attempt that got no answer after its whole file was sent may be on Marketplace: its
# entry, the only trace of it, is kept unless named (its failure says so, as the client writes it).
python3 -c '
import json, sys
entry = {"entryId": "5d0c1a52-7a53-4c4e-9d44-2b1f0b6c9e01", "kind": "artifact", "createdAt": "2026-12-05T09:00:00.000Z",
         "name": "big-2.0.jar", "serverURL": sys.argv[2],
         "failure": "No answer from 127.0.0.1 within 60 s after the whole file was sent (Marketplace may have made the upload anyway)"}
json.dump({"schemaVersion": 2, "entries": [entry]}, open(sys.argv[1], "w"))' "$WORK/maybe.json" "$BASE_URL"
"$BIN" history --remove-failed --history "$WORK/maybe.json" --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
check "--remove-failed keeps an attempt Marketplace may have made, saying so and how to take it out" bash -c "
    grep -q 'Nothing to remove' '$WORK/out' && grep -q 'note: kept 1 failed attempt that Marketplace may have made all the same, as its failure says (big-2.0.jar' '$WORK/err' &&
    [ \$(jq '.entries | length' '$WORK/maybe.json') -eq 1 ]"
"$BIN" history --remove 5d0c1a52-7a53-4c4e-9d44-2b1f0b6c9e01 --remove-failed --history "$WORK/maybe.json" --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
check "... and --remove with its entryId takes it out, warning that it was the only trace" bash -c "
    grep -q 'Removed 1 entry from the local history' '$WORK/out' &&
    grep -qx 'warning: Marketplace may have made it all the same, as its failure says: this entry was the only trace of it.' '$WORK/err' &&
    [ \$(jq '.entries | length' '$WORK/maybe.json') -eq 0 ]"
# Bad history paths: one line, exit 64 or 1, no crash, nothing written where the user did not mean.
"$BIN" upload-image "$PNG" --type icon --history "" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
rc=$?
check "--history '' is a usage error (64), not a crash" bash -c "[ $rc -eq 64 ] && grep -q -- '--history needs a file path' '$WORK/err' && ! grep -q 'Fatal error' '$WORK/err'"
NON_UTF8_DIR="$WORK/$(printf 'caf\xe9')"
mkdir -p "$NON_UTF8_DIR"
"$BIN" upload-image "$PNG" --type icon --history "$NON_UTF8_DIR/h.json" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
rc=$?
FFFD_DIR="$WORK/$(printf 'caf\xef\xbf\xbd')"
check "a history path that is not UTF-8: refused in one line (exit 1), nothing written, not even beside it" \
    bash -c "[ $rc -eq 1 ] && grep -q 'not UTF-8' '$WORK/err' && [ \$(wc -l < '$WORK/err') -eq 1 ] && [ -z \"\$(ls -A '$NON_UTF8_DIR')\" ] && [ ! -e '$FFFD_DIR' ]"
# A config, state, home or temporary folder named in bytes that are not UTF-8 would name another
# folder (decoded with U+FFFD): refused in one line, where the token or the history would have gone unseen.
BAD_FOLDER="$WORK/$(printf 'bad\xff')"
mkdir -p "$BAD_FOLDER"
XDG_CONFIG_HOME=$BAD_FOLDER run_bin utf8-config auth status
XDG_STATE_HOME=$BAD_FOLDER run_bin utf8-state --demo upload-image "$PNG" --type icon
HOME=$BAD_FOLDER XDG_STATE_HOME= XDG_CONFIG_HOME= MARKETPLACE_ASSETS_HISTORY= run_bin utf8-home history
TMPDIR=$BAD_FOLDER run_bin utf8-tmp --demo upload-image "$PNG" --type icon
for case in config:XDG_CONFIG_HOME state:XDG_STATE_HOME home:HOME tmp:TMPDIR; do
    check "${case#*:} not UTF-8: one line naming it (exit $(rc_of "utf8-${case%%:*}"): $(head -c 120 "$WORK/utf8-${case%%:*}.err"))" \
        bash -c "[ $(rc_of "utf8-${case%%:*}") -eq 1 ] && [ \$(wc -l < '$WORK/utf8-${case%%:*}.err') -eq 1 ] && grep -q '^error: ${case#*:} .*not UTF-8' '$WORK/utf8-${case%%:*}.err'"
done
check "... and no folder named with U+FFFD was made" test ! -e "$WORK/$(printf 'bad\xef\xbf\xbd')"
run_bin utf8-id artifact "$(printf '\xff\xfe')" --base-url "$BASE_URL"
check "artifact ID in bytes that are not UTF-8: a usage error, nothing sent ($(rc_of utf8-id))" \
    bash -c "[ $(rc_of utf8-id) -eq 64 ] && grep -q 'not UTF-8' '$WORK/utf8-id.err'"
run_bin utf8-tui --demo tui "$BAD_FOLDER"
check "tui DIR named in bytes that are not UTF-8: a usage error saying so, not 'does not exist' ($(rc_of utf8-tui): $(head -c 100 "$WORK/utf8-tui.err"))" \
    bash -c "[ $(rc_of utf8-tui) -eq 64 ] && grep -q 'not UTF-8' '$WORK/utf8-tui.err'"
(cd "$BAD_FOLDER" && run_bin utf8-cwd-tui tui --base-url "$BASE_URL" < /dev/null)
check "tui in a working folder named in bytes that are not UTF-8: a usage error saying so ($(rc_of utf8-cwd-tui): $(head -c 100 "$WORK/utf8-cwd-tui.err"))" \
    bash -c "[ $(rc_of utf8-cwd-tui) -eq 64 ] && grep -q 'working folder .* not UTF-8' '$WORK/utf8-cwd-tui.err'"
(cd "$BAD_FOLDER" && run_bin utf8-dot-tui --demo tui . < /dev/null)
check "tui . there: the same usage error, not a Files pane that cannot read it ($(rc_of utf8-dot-tui): $(head -c 100 "$WORK/utf8-dot-tui.err"))" \
    bash -c "[ $(rc_of utf8-dot-tui) -eq 64 ] && grep -q 'working folder .* not UTF-8' '$WORK/utf8-dot-tui.err'"
mkdir -p "$WORK/$(printf 'own\xef\xbf\xbd')"
run_bin own-fffd-tui --demo tui "$WORK/$(printf 'own\xef\xbf\xbd')" < /dev/null
check "tui DIR whose UTF-8 name holds a U+FFFD of its own: taken (it then needs a terminal) ($(rc_of own-fffd-tui): $(head -c 80 "$WORK/own-fffd-tui.err"))" \
    bash -c "[ $(rc_of own-fffd-tui) -eq 1 ] && grep -q 'not a terminal' '$WORK/own-fffd-tui.err'"
cp "$PNG" "$WORK/$(printf 'ic\xf4n.png')"
(cd "$WORK" && "$BIN" upload-image "$(printf 'ic\xf4n.png')" --type icon --json --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err")
check "a relative file name that is not UTF-8 uploads" grep -q '"id"' "$WORK/out"
# Two names that differ only in their invalid bytes are two files (each decodes to x\uFFFD.png),
# and a file of them given twice is named as given, not as the link it is read through.
mkdir -p "$WORK/two-raw" && cp "$PNG" "$WORK/two-raw/$(printf 'x\xff.png')" && cp "$SAMPLES/banner.jpg" "$WORK/two-raw/$(printf 'x\xfe.png')"
"$BIN" upload-image "$WORK"/two-raw/* --type icon --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
check "two names that differ only in bytes that are not UTF-8: two uploads (exit 0)" bash -c "[ $? -eq 0 ] && [ \$(grep -c imageId '$WORK/out') -eq 2 ]"
"$BIN" upload-image "$WORK"/two-raw/* "$WORK"/two-raw/* --type icon --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
check "... given twice: refused, naming them as given, never the links they are read through" bash -c "
    [ $? -eq 1 ] && grep -q 'two-raw/x.*png is given twice' '$WORK/err' && ! grep -q argv '$WORK/err' '$WORK/out'"
# A name that is not UTF-8 beside a file whose name is its decoding (x\xff.png and x\uFFFD.png):
# each argument is its own file, and the raw one is never read as its twin, also when it is missing.
mkdir -p "$WORK/twin" && cp "$PNG" "$WORK/twin/$(printf 'x\xff.png')" && cp "$SAMPLES/banner.jpg" "$WORK/twin/$(printf 'x\xef\xbf\xbd.png')"
(cd "$WORK/twin" && "$BIN" inspect --json "$(printf 'x\xff.png')" "$(printf 'x\xef\xbf\xbd.png')" > "$WORK/out" 2> "$WORK/err")
check "a raw name and its decoding's twin: two files, each its own size" \
    test "$(jq -r '[.[].size] | map(tostring) | join(" ")' "$WORK/out" 2>/dev/null)" = "$(stat -c %s "$PNG") $(stat -c %s "$SAMPLES/banner.jpg")"
(cd "$WORK/twin" && "$BIN" inspect "$(printf 'x\xfe.png')" > "$WORK/out" 2> "$WORK/err")
check "a raw name that names nothing, beside its decoding's twin: missing (exit 1), not the twin read" \
    bash -c "[ $? -eq 1 ] && ! grep -q 'banner\|JPEG' '$WORK/out' && grep -q 'x.*png' '$WORK/err'"
(cd "$WORK/twin" && TMPDIR="$WORK/no-such-folder" "$BIN" inspect "$(printf 'x\xff.png')" > "$WORK/out" 2> "$WORK/err")
rc=$?
check "... and with no temporary folder to read it through: refused saying so, not the twin read ($(head -c 120 "$WORK/err"))" \
    bash -c "[ $rc -eq 1 ] && ! grep -q 'JPEG' '$WORK/out' && grep -q 'set TMPDIR' '$WORK/err'"
(cd "$WORK/twin" && "$BIN" --history "$(printf 'x\xfe.png')" inspect --json "$(printf 'x\xff.png')" > "$WORK/out" 2> "$WORK/err")
check "... and an option's value that decodes alike (--history x\\xfe.png) is not taken for the file" \
    test "$(jq -r '.size' "$WORK/out" 2>/dev/null)" = "$(stat -c %s "$PNG")"
# A relative --history under a working folder deeper than 1 KB (Foundation's currentDirectoryPath
# is empty there), and a file passed as ./name: the entry's localPath has no /./ in it.
DEEP="$WORK/deep"
for n in $(seq 1 45); do DEEP="$DEEP/folder-of-a-deep-tree-$n"; done
mkdir -p "$DEEP" && cp "$PNG" "$DEEP/-deep icon.png"
(cd "$DEEP" && "$BIN" upload-image "./-deep icon.png" --type icon --history h.json --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err")
check "a relative --history in a working folder of ${#DEEP} bytes takes the upload (exit 0)" bash -c "[ $? -eq 0 ] && [ -s '$DEEP/h.json' ]"
check "... whose localPath is the file's path without ./" python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["entries"][0]; assert e["localPath"] == sys.argv[2] + "/-deep icon.png", e["localPath"]' "$DEEP/h.json" "$DEEP"
(cd "$WORK" && "$BIN" inspect "$(printf 'ic\xf4n.png')" > "$WORK/out" 2> "$WORK/err")
check "inspect reads a file name that is not UTF-8 too, and shows it with U+FFFD" bash -c "grep -q 'name *ic.n.png' '$WORK/out' && ! grep -q argv '$WORK/out'"
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
    # A copy the other user can run (a clone's folder may be its owner's only).
    OTHERS=$(mktemp -d) && chmod 755 "$OTHERS" && cp "$BIN" "$OTHERS/marketplace-assets" && cp "$PNG" "$OTHERS/icon.png" && chmod 644 "$OTHERS/icon.png"
    setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent \
        "$OTHERS/marketplace-assets" --demo upload-image "$OTHERS/icon.png" --type icon > /dev/null 2> "$WORK/err"
    check "--demo with a state folder it cannot make: one line naming the folder and XDG_STATE_HOME" \
        bash -c "grep -q '^error: Could not create the folder /nonexistent/.local/state/marketplace-assets/demo .*XDG_STATE_HOME' '$WORK/err' && [ \$(wc -l < '$WORK/err') -eq 1 ]"
    # A CI job's HOME that does not exist: the history's folder cannot be made, and the line says what to give.
    setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent MARKETPLACE_EMAIL=ci@example.com \
        MARKETPLACE_API_TOKEN=token "$OTHERS/marketplace-assets" --base-url http://127.0.0.1:9/marketplace upload-image "$OTHERS/icon.png" --type icon > /dev/null 2> "$WORK/err"
    # A team's history (0666) in a sticky folder, root's: another user may not rename over it, so
    # the check before the upload refuses it (the upload was made, then not recorded).
    mkdir -m 1777 "$OTHERS/sticky" && chmod 1777 "$OTHERS/sticky"
    "$BIN" --demo --history "$OTHERS/sticky/h.json" upload-image "$PNG" --type icon > /dev/null 2>&1
    chmod 666 "$OTHERS/sticky/h.json" "$OTHERS/sticky/h.json.lock" && cp "$OTHERS/sticky/h.json" "$WORK/sticky.before"
    setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent MARKETPLACE_EMAIL=ci@example.com \
        MARKETPLACE_API_TOKEN=token "$OTHERS/marketplace-assets" --base-url http://127.0.0.1:9/marketplace --history "$OTHERS/sticky/h.json" \
        upload-image "$OTHERS/icon.png" --type icon > /dev/null 2> "$WORK/sticky.err"
    check "another user's history in a sticky folder: refused before the upload, saying why, the file unchanged ($(cat "$WORK/sticky.err"))" \
        bash -c "grep -q 'belongs to another user, in a folder with the sticky bit.*Nothing was sent' '$WORK/sticky.err' && cmp -s '$OTHERS/sticky/h.json' '$WORK/sticky.before'"
    # Another user's history it may not write (0644), in a folder it may: refused, not taken over.
    mkdir -m 777 "$OTHERS/shared" && chmod 777 "$OTHERS/shared"
    "$BIN" --demo --history "$OTHERS/shared/h.json" upload-image "$PNG" --type icon > /dev/null 2>&1
    chmod 644 "$OTHERS/shared/h.json" && chmod 666 "$OTHERS/shared/h.json.lock" && cp "$OTHERS/shared/h.json" "$WORK/shared.before"
    setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent MARKETPLACE_EMAIL=ci@example.com \
        MARKETPLACE_API_TOKEN=token "$OTHERS/marketplace-assets" --base-url http://127.0.0.1:9/marketplace --history "$OTHERS/shared/h.json" \
        upload-image "$OTHERS/icon.png" --type icon > /dev/null 2> "$WORK/shared.err"
    check "another user's history not writable by this one (0644): refused before the upload, still its owner's ($(head -c 200 "$WORK/shared.err"))" \
        bash -c "grep -q 'belongs to another user (uid 0) and is not writable by you.*Nothing was sent' '$WORK/shared.err' && cmp -s '$OTHERS/shared/h.json' '$WORK/shared.before' && [ \$(stat -c %u '$OTHERS/shared/h.json') -eq 0 ]"
    rm -rf "$OTHERS"
    check "a history folder it cannot make: one line saying why, and to give --history or MARKETPLACE_ASSETS_HISTORY ($(cat "$WORK/err"))" \
        bash -c "grep -q '^error: Could not create the folder /nonexistent/.local/state/marketplace-assets for the history: Permission denied. Give a path you can write with --history PATH or MARKETPLACE_ASSETS_HISTORY. Nothing was sent.$' '$WORK/err' && [ \$(wc -l < '$WORK/err') -eq 1 ]"
fi
run_bin emulator-global emulator --demo --port 0
check "emulator --demo: a usage error (64) naming the option, not a server started" bash -c "
    [ $(rc_of emulator-global) -eq 64 ] && grep -q -- '--demo is not an option of the emulator' '$WORK/emulator-global.err'"
run_bin emulator-no-dir emulator --data-dir "" --port 0
check "emulator --data-dir '': a usage error (64) asking for a folder, not a server started" bash -c "
    [ $(rc_of emulator-no-dir) -eq 64 ] && grep -q -- '--data-dir needs a folder' '$WORK/emulator-no-dir.err'"
run_bin inspect-many inspect "$SAMPLES/app-icon.png" "$WORK/nokey-missing.png" "$SAMPLES/sample-plugin-1.0.0.jar" --json
check "inspect of several files: an array in the order given, each naming its file as given, the missing one as {file, error}, exit 1" bash -c "
    [ $(rc_of inspect-many) -eq 1 ] && jq -e --arg icon '$SAMPLES/app-icon.png' 'length == 3 and .[0].kind == \"image\" and (.[1] | keys) == [\"error\", \"file\"] and .[2].kind == \"artifact\"
        and .[0].file == \$icon and (.[1].file | endswith(\"nokey-missing.png\")) and (.[2].file | endswith(\"sample-plugin-1.0.0.jar\"))' '$WORK/inspect-many.out' > /dev/null &&
    grep -q 'nokey-missing.png does not exist' '$WORK/inspect-many.err' && tail -n 1 '$WORK/inspect-many.err' | grep -q '1 of 3 files would be refused'"
# A damaged history: a read says where and leaves it; one jar's upload moves it aside, and refuses
# the jar, whose duplicate check the new history cannot make (a stray comma must not cost a
# second copy of a build); run again, it uploads.
mkdir "$WORK/damaged" && printf '{"schemaVersion": 2, "entries": [\n  {"entryId": "8D1A5B8E' > "$WORK/damaged/h.json"
"$BIN" history --history "$WORK/damaged/h.json" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "history on a damaged file: exit 1, where it ends, the file left" \
    bash -c "[ $? -eq 1 ] && grep -q 'does not read (the file ends too early' '$WORK/err' && [ -z \"\$(ls '$WORK/damaged' | grep corrupt)\" ]"
printf '{"schemaVersion": 2, "entries": [' > "$WORK/damaged/h2.json"
"$BIN" upload-artifact "$JAR" --history "$WORK/damaged/h2.json" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "... an upload of one jar moves it aside with a warning, and refuses the jar it cannot check (exit 1)" \
    bash -c "[ $? -eq 1 ] && grep -q 'History moved to' '$WORK/err' && ls '$WORK/damaged' | grep -q 'h2.json.corrupt-' &&
             grep -q 'error: com.example.sample-plugin 1.0.0 was not sent: whether this server has it was in the damaged history moved aside to .*h2.json.corrupt-[0-9TZ]*\. Look for it there' '$WORK/err'"
"$BIN" upload-artifact "$JAR" --history "$WORK/damaged/h2.json" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "... and run again, it uploads" bash -c "[ $? -eq 0 ] && jq -e '.entries | length == 1' '$WORK/damaged/h2.json' > /dev/null"
# history --merge: a synced folder's conflict copy joins the history, which takes its one new
# entry under the lock; the copy is only read. A damaged file is refused, the history untouched.
cp "$WORK/history.json" "$WORK/copy.json"
"$BIN" upload-image "$PNG" --type logo --history "$WORK/copy.json" --base-url "$BASE_URL" > /dev/null 2>&1
BEFORE=$(jq '.entries | length' "$WORK/history.json")
cp "$WORK/copy.json" "$WORK/copy.before"
"$BIN" history --merge "$WORK/copy.json" --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
RC=$?
check "history --merge takes in a copy's new entry (exit $RC), lists it, and leaves the copy as it was: $(head -n 1 "$WORK/out")" \
    bash -c "[ $RC -eq 0 ] && grep -q 'Merged .*copy.json into the history (1 added' '$WORK/out' && [ \$(jq '.entries | length' '$WORK/history.json') -eq $((BEFORE + 1)) ] &&
             cmp -s '$WORK/copy.json' '$WORK/copy.before'"
"$BIN" history --merge "$WORK/copy.json" --json --base-url "$BASE_URL" > "$WORK/out"
check "... merged again, nothing more is taken in: --json prints []" \
    bash -c "[ $? -eq 0 ] && jq -e 'length == 0' '$WORK/out' > /dev/null && [ \$(jq '.entries | length' '$WORK/history.json') -eq $((BEFORE + 1)) ]"
"$BIN" history --merge "$WORK/copy.json" "$WORK/copy.before" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
RC=$?
check "... two files after --merge (a glob of conflict copies): a usage error (64, got $RC) saying one file at a time: $(head -c 100 "$WORK/err")" \
    bash -c "[ $RC -eq 64 ] && grep -q 'takes one file at a time' '$WORK/err'"
cp "$WORK/history.json" "$WORK/history.before"
"$BIN" history --merge "$(ls "$WORK"/damaged/h2.json.corrupt-* | head -n 1)" > /dev/null 2> "$WORK/err"
RC=$?
check "... a damaged file is refused in one line (exit $RC), the history untouched: $(head -c 120 "$WORK/err")" \
    bash -c "[ $RC -eq 1 ] && [ \$(wc -l < '$WORK/err') -eq 1 ] && grep -q 'Nothing was merged: .* does not read' '$WORK/err' && cmp -s '$WORK/history.json' '$WORK/history.before'"
if command -v script > /dev/null; then
    # A terminal of type dumb (Emacs' compilation buffer) shows escapes as text: the bar clears with spaces.
    script -qec "env TERM=dumb '$BIN' upload-artifact '$JAR' --allow-duplicate --history '$WORK/dumb.json' --base-url '$BASE_URL'" /dev/null > "$WORK/dumb.out" 2>&1
    check "a progress bar on TERM=dumb draws and clears without escape sequences" \
        bash -c "grep -q 'uploading \[' '$WORK/dumb.out' && ! grep -q \$'\\e' '$WORK/dumb.out'"
    script -qec "env CI=true TERM=dumb '$BIN' upload-artifact '$JAR' --allow-duplicate --history '$WORK/dumb.json' --base-url '$BASE_URL'" /dev/null > "$WORK/ci.out" 2>&1
    check "... but none when CI is set (a CI runner's pseudo-terminal keeps every frame in its log)" \
        bash -c "grep -q 'Uploaded' '$WORK/ci.out' && ! grep -q 'uploading \[' '$WORK/ci.out'"
    # A narrow terminal: the bar fits in its width less one, so that no update wraps and leaves a line behind.
    script -qec "stty cols 40; env TERM=dumb '$BIN' upload-artifact '$JAR' --allow-duplicate --history '$WORK/dumb.json' --base-url '$BASE_URL' > /dev/null" /dev/null > "$WORK/narrow.out" 2>&1
    check "a progress bar in a 40-column terminal stays within 39 columns" python3 -c '
import re, sys; text = open(sys.argv[1], encoding="utf-8").read()
pieces = [p for p in re.split("[\r\n]", text) if p.strip()]
assert any("[" in p and "%" in p for p in pieces), pieces
assert max(len(p) for p in pieces) <= 39, pieces' "$WORK/narrow.out"
    # No TERM at all (a CI runner's pseudo-terminal) says nothing of escapes either.
    script -qec "env -u TERM '$BIN' upload-artifact '$JAR' --allow-duplicate --history '$WORK/dumb.json' --base-url '$BASE_URL'" /dev/null > "$WORK/noterm.out" 2>&1
    check "... and without TERM" bash -c "grep -q 'uploading \[' '$WORK/noterm.out' && ! grep -q \$'\\e' '$WORK/noterm.out'"
    # A batch whose checks take a while (images of 6000×4000, each decoded whole) says which file it
    # checks on a terminal, and erases that line before an error and at the end.
    mkdir -p "$WORK/slow-checks"
    python3 - "$WORK/slow-checks/a.png" <<'PYEOF'
import struct, sys, zlib
def chunk(kind, data): return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
width, height = 6000, 4000
raw = (b'\0' + bytes(width * 3)) * height
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
PYEOF
    for n in b c; do cp "$WORK/slow-checks/a.png" "$WORK/slow-checks/$n.png"; done
    # And a JPEG with bits flipped in its data, whose damage is warned of during the checks.
    python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); s = b.find(b"\xff\xda"); m = s + (len(b) - s) // 2
for i in range(m, m + 200, 7):
    if b[i] not in (0xFF, 0xFE): b[i] ^= 0x5A
open(sys.argv[2], "wb").write(b)' "$SAMPLES/banner.jpg" "$WORK/slow-checks/d.jpg"
    script -qec "COLUMNS=80 '$BIN' upload-image '$WORK/slow-checks/a.png' '$WORK/slow-checks/b.png' '$WORK/slow-checks/d.jpg' '$WORK/slow-checks/missing.png' '$WORK/slow-checks/c.png' --type screenshot --base-url '$BASE_URL'" /dev/null > "$WORK/slow-checks.tty" 2>&1
    check "a batch's slow checks show 'checking N of 5' on a terminal" grep -qa 'checking [0-9] of 5 [abc].png' "$WORK/slow-checks.tty"
    check "... a damaged JPEG warned of on a line of its own, not after the checking line" \
        bash -c "grep -qa 'warning: .*d.jpg: the JPEG is damaged (Corrupt JPEG data' '$WORK/slow-checks.tty' && ! grep -qa 'jpgwarning' '$WORK/slow-checks.tty'"
    check "... erased before the closing error (no 'checking' left on its line)" \
        python3 -c 'import re,sys; t=open(sys.argv[1],"rb").read().decode("utf-8","replace").replace("\r\n","\n"); last=t.split("\n")[-2] if t.endswith("\n") else t.split("\n")[-1]; shown=re.split(r"\r|\x1b\[2K|\x1b\[K", last)[-1]; sys.exit(0 if "nothing was uploaded" in shown and "checking" not in shown else 1)' "$WORK/slow-checks.tty"
    # One slow file first: its line shows while it is checked, not only the next file's once it starts.
    script -qec "COLUMNS=80 '$BIN' upload-image '$WORK/slow-checks/a.png' '$WORK/slow-checks/missing.png' --type screenshot --base-url '$BASE_URL'" /dev/null > "$WORK/slow-first.tty" 2>&1
    check "... the slow file's own line while it is checked" grep -qa 'checking 1 of 2 a.png' "$WORK/slow-first.tty"
fi
mkdir "$WORK/dashes" && cp "$PNG" "$WORK/dashes/a.png" && cp "$PNG" "$WORK/dashes/-thumbnail.png" && cp "$PNG" "$WORK/dashes/--json.png"
(cd "$WORK/dashes" && "$BIN" upload-image *.png --type icon --json --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"; echo $? > "$WORK/rc")
check "a glob that gives -thumbnail.png and --json.png uploads them as files (ArgumentParser read -thumbnail.png as -t -h …: help, exit 0, nothing sent)" \
    bash -c "[ \$(cat '$WORK/rc') -eq 0 ] && jq -e 'length == 3 and all(.id)' '$WORK/out' > /dev/null"
(cd "$WORK/dashes" && "$BIN" inspect *.png --json > "$WORK/out" 2> "$WORK/err")
check "... and --json names each as given (a script matches its results to its list), not ./-thumbnail.png: $(jq -c 'map(.path) | sort' "$WORK/out")" \
    bash -c "[ \"\$(jq -c 'map(.path) | sort' '$WORK/out')\" = '[\"--json.png\",\"-thumbnail.png\",\"a.png\"]' ]"
(cd "$WORK/dashes" && touch ./-30m && "$BIN" history --since -30m --base-url "$BASE_URL" > /dev/null 2> "$WORK/err")
check "... while --since -30m stays a time ago, even beside a file of that name" test $? -eq 0
(cd "$WORK/dashes" && "$BIN" inspect a.png -missing.png > /dev/null 2> "$WORK/err"; echo $? > "$WORK/rc")
check "a missing -missing.png: a usage error (64) saying there is no such file and how to name one, not 'Missing expected argument'" \
    bash -c "[ \$(cat '$WORK/rc') -eq 64 ] && [ \$(wc -l < '$WORK/err') -eq 1 ] && grep -qF \"error: there is no file -missing.png, so it was read as options (an argument beginning with '-' names a file only when one exists; ./-missing.png always does)\" '$WORK/err'"
(cd "$WORK/dashes" && "$BIN" inspect --type -x.png a.png > /dev/null 2> "$WORK/err-value"; "$BIN" artifact -abc.def > /dev/null 2> "$WORK/err-artifact"
    "$BIN" inspect a.png --bogus -y.png > /dev/null 2> "$WORK/err-bogus"; "$BIN" inspect a.png --bogus > /dev/null 2> "$WORK/err-bogus-only"
    "$BIN" inspect -q -z.png > /dev/null 2> "$WORK/err-short")
check "... but not of an option's value (--type -x.png) or for a command that takes no file (artifact -abc.def)" \
    bash -c "! grep -q 'there is no file' '$WORK/err-value' '$WORK/err-artifact' && grep -q \"Missing value for '--type\" '$WORK/err-value'"
(cd "$WORK/dashes" && "$BIN" upload-artifact --allow-duplicate --no-verify -z.jar > /dev/null 2> "$WORK/err-hidden"
    "$BIN" inspect -z.png --bogus > /dev/null 2> "$WORK/err-after")
check "... a hidden option (--no-verify) is no unknown one, and an unknown one after the file is named too" bash -c "
    grep -q '^error: there is no file -z.jar, so' '$WORK/err-hidden' && grep -q \"^error: unknown option '--bogus', and there is no file -z.png\" '$WORK/err-after'"
check "... and an unknown option given too is named first (ArgumentParser's 'Missing expected argument' named neither): $(head -c 120 "$WORK/err-bogus")" \
    bash -c "grep -q \"^error: unknown option '--bogus', and there is no file -y.png, so\" '$WORK/err-bogus' &&
        grep -q \"^error: unknown option '-q', and there is no file -z.png, so\" '$WORK/err-short' && grep -q \"Unknown option '--bogus'\" '$WORK/err-bogus-only'"
(cd "$WORK" && "$BIN" inspect "$(printf 'g\xf4ne.png')" > /dev/null 2> "$WORK/err")
check "a missing file whose name is not UTF-8 'does not exist' (not 'a broken symbolic link')" grep -q '^error: g.ne.png does not exist$' "$WORK/err"
printf 'not an image' > "$WORK/$(printf 'br\xf4ken.png')"
(cd "$WORK" && "$BIN" upload-image "$(printf 'br\xf4ken.png')" --type icon --base-url "$BASE_URL" > /dev/null 2> "$WORK/err")
check "a refused file whose name is not UTF-8 is named as given, not by the link it was read through" \
    bash -c "grep -q '^error: br.ken.png is not a PNG image' '$WORK/err' && ! grep -q argv '$WORK/err'"
"$BIN" fetch-artifact "http://127.0.0.1:$PORT_GONE/again.jar" --base-url "$BASE_URL" > /dev/null 2>&1
"$BIN" history --remove-failed --kind image --base-url "$BASE_URL" > "$WORK/out"
check "--remove-failed that finds none among those listed names the failures elsewhere" \
    contains "$WORK/out" "1 failed attempt(s) of another server or of another kind: add --all-servers, or leave out --kind."
"$BIN" history --remove-failed --since 2099-01-01 --all-servers --base-url "$BASE_URL" > "$WORK/out"
check "... and with --since, that they are older (only the options given are named)" \
    contains "$WORK/out" "1 failed attempt(s) older than --since: leave out --since."
"$BIN" history --remove-failed --base-url "$BASE_URL" > /dev/null
ENTRY_ID=$("$BIN" history --json --kind artifact --base-url "$BASE_URL" | python3 -c 'import json,sys; print([e for e in json.load(sys.stdin) if e["id"] == sys.argv[1]][0]["entryId"].lower())' "$ARTIFACT_ID")
"$BIN" history --remove "$ENTRY_ID" --base-url "$BASE_URL" > /dev/null
check "history --remove takes an entryId ($ENTRY_ID)" bash -c "! '$BIN' history --json --base-url '$BASE_URL' | grep -q '$ARTIFACT_ID'"
"$BIN" artifact "$ARTIFACT_ID" --base-url "$BASE_URL" > "$WORK/looked-up.txt"
check "... and Marketplace still has the artifact: artifact ID says it keeps it as looked up, not an upload" bash -c "
    [ $? -eq 0 ] && head -n 1 '$WORK/looked-up.txt' | grep -qx 'Artifact $ARTIFACT_ID (looked up: the history keeps it, not as an upload from here)'"
# ... but not where the history could not take it (a newer schema's): the warning says why.
printf '{"schemaVersion": 99, "entries": []}\n' > "$WORK/newer-schema.json"
"$BIN" artifact "$ARTIFACT_ID" --base-url "$BASE_URL" --history "$WORK/newer-schema.json" > "$WORK/looked-up.txt" 2> "$WORK/err"
RC=$?
check "artifact ID with a newer schema's history: exit 0 ($RC), the details, no claim about the history, the warning" bash -c "
    [ $RC -eq 0 ] && head -n 1 '$WORK/looked-up.txt' | grep -qx 'Artifact $ARTIFACT_ID' \
    && grep -q '^warning: The details were not saved in the history: .*schema version 99' '$WORK/err'"

# A --history path that holds no history (a README given by mistake, a folder) is refused by
# every command, left as it was, and stops an upload before a byte is sent: its entry would be lost.
mkdir -p "$WORK/not-history" && printf '# notes\n' > "$WORK/not-history/README.md"
"$BIN" history --history "$WORK/not-history/README.md" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "history --history README.md: exit 1, saying it is no history" \
    bash -c "[ $? -eq 1 ] && grep -q 'is not a marketplace-assets history' '$WORK/err'"
# ... and /dev/stdin given a pipe (it leads to /proc/self/fd/0, whose pipe:[…] was taken for a missing file: an empty history).
"$BIN" history --json --history /dev/stdin --base-url "$BASE_URL" < <(sleep 1) > "$WORK/out" 2> "$WORK/err"
RC=$?
check "history --history /dev/stdin from a pipe: exit 1 ($RC), not a file, no [] on stdout: $(head -c 120 "$WORK/err")" \
    bash -c "[ $RC -eq 1 ] && grep -q 'is not a file' '$WORK/err' && [ ! -s '$WORK/out' ]"
UPLOADS_BEFORE=$("$BIN" history --json --base-url "$BASE_URL" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
for target in "$WORK/not-history/README.md" "$WORK/not-history"; do
    "$BIN" upload-image "$PNG" --type icon --history "$target" --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
    rc=$?
    check "upload-image --history $(basename "$target"): exit 1, nothing sent" \
        bash -c "[ $rc -eq 1 ] && grep -q 'Nothing was sent' '$WORK/err' && ! grep -q imageId '$WORK/out'"
done
check "... the README as it was, no lock or corrupt file beside it" \
    bash -c "[ \"\$(cat '$WORK/not-history/README.md')\" = '# notes' ] && [ \"\$(ls '$WORK/not-history')\" = README.md ] && [ ! -e '$WORK/not-history.lock' ]"
check "... and the real history unchanged" \
    test "$("$BIN" history --json --base-url "$BASE_URL" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" -eq "$UPLOADS_BEFORE"

# No credentials: a clear message naming the variables, the config file and --demo; no silent demo.
env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN "$BIN" upload-image "$PNG" --type icon > "$WORK/out" 2> "$WORK/err"
check "no credentials exits 1" test $? -eq 1
check "... names MARKETPLACE_API_TOKEN" contains "$WORK/err" "MARKETPLACE_API_TOKEN"
check "... names the config file" contains "$WORK/err" "config.json"
check "... names --demo" contains "$WORK/err" "--demo"

# The TUI without credentials, when a server was asked for (--base-url, MARKETPLACE_BASE_URL, the
# config file's baseURL), refuses as the CLI does instead of opening the demo (issue 15, item 1):
# one line naming the server, what asked for it and `login`, before any terminal is needed.
NO_CREDENTIALS=(env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u MARKETPLACE_BASE_URL)
"${NO_CREDENTIALS[@]}" "$BIN" --base-url "$BASE_URL" < /dev/null > "$WORK/out" 2> "$WORK/err"
check "tui --base-url without credentials: exit 1, no demo" bash -c "[ $? -eq 1 ] && ! grep -q 'not a terminal' '$WORK/err'"
check "... names the server and --base-url: $(head -c 150 "$WORK/err")" bash -c "grep -qF 'no Marketplace credentials for $BASE_URL, the server --base-url asks for' '$WORK/err'"
check "... names login (with the server), the variables and --demo" \
    bash -c "grep -qF 'marketplace-assets login --base-url $BASE_URL' '$WORK/err' && grep -q MARKETPLACE_API_TOKEN '$WORK/err' && grep -q -- --demo '$WORK/err'"
check "... and a config file with that server's baseURL" grep -qF "\"baseURL\": \"$BASE_URL\"}" "$WORK/err"
check "... in one line" test "$(line_count "$WORK/err")" -eq 1
"${NO_CREDENTIALS[@]}" "$BIN" --base-url "$(printf %s "$BASE_URL" | sed "s|^http://|HTTP://|")/" upload-image -t icon "$PNG" < /dev/null > /dev/null 2> "$WORK/err"
check "... a server given as HTTP://…/ is named in one spelling, its normalized one (login as typed): $(head -c 120 "$WORK/err")" \
    bash -c "grep -qE 'no Marketplace credentials for $BASE_URL[.:,] ' '$WORK/err' && grep -qF 'login --base-url HTTP://' '$WORK/err'"
"${NO_CREDENTIALS[@]}" MARKETPLACE_BASE_URL="$BASE_URL" "$BIN" tui < /dev/null > "$WORK/out" 2> "$WORK/err"
check "tui with MARKETPLACE_BASE_URL without credentials: refused, naming the variable" \
    bash -c "[ $? -eq 1 ] && grep -q 'the server MARKETPLACE_BASE_URL asks for' '$WORK/err'"
mkdir -p "$XDG_CONFIG_HOME/marketplace-assets" && chmod 700 "$XDG_CONFIG_HOME/marketplace-assets"
printf '{"baseURL": "%s"}\n' "$BASE_URL" > "$XDG_CONFIG_HOME/marketplace-assets/config.json"
chmod 600 "$XDG_CONFIG_HOME/marketplace-assets/config.json"
"${NO_CREDENTIALS[@]}" "$BIN" < /dev/null > "$WORK/out" 2> "$WORK/err"
check "tui with the config file's baseURL without credentials: refused, naming the file" \
    bash -c "[ $? -eq 1 ] && grep -q 'the server the baseURL in .*config.json asks for' '$WORK/err'"
"${NO_CREDENTIALS[@]}" "$BIN" upload-image "$PNG" --type icon --base-url https://api.atlassian.com/marketplace > /dev/null 2> "$WORK/err"
rc=$?
check "the built-in server with a config file for another: exit 1, advising the file without its baseURL" \
    bash -c "[ $rc -eq 1 ] && grep -qF '(chmod 600) without its \"baseURL\" ($BASE_URL)' '$WORK/err'"
"${NO_CREDENTIALS[@]}" "$BIN" --demo < /dev/null > "$WORK/out" 2> "$WORK/err"
check "... and --demo still opens the demo (only the missing terminal stops it)" grep -q 'not a terminal' "$WORK/err"
mkdir -p "$WORK/loop" && ln -s b "$WORK/loop/a" && ln -s a "$WORK/loop/b"
for start in /no/such/folder "$PNG" "$WORK/loop/a"; do
    "${NO_CREDENTIALS[@]}" "$BIN" --demo tui "$start" < /dev/null > "$WORK/out" 2> "$WORK/err"
    rc=$?
    check "tui $(basename "$start"): a usage error naming it, before any terminal is needed ($(head -c 100 "$WORK/err"))" \
        bash -c "[ $rc -eq 64 ] && grep -q 'give the folder to start in' '$WORK/err' && ! grep -q 'not a terminal' '$WORK/err'"
done
check "... a link loop is said as such, not as missing" grep -q "loop/a cannot be opened (Too many levels of symbolic links)" "$WORK/err"
# The demo takes nothing but a timeout from the config file: one it must refuse does not stop it.
# A config file others can read but that holds no token (here a base URL) is used: nothing in it is secret.
chmod 644 "$XDG_CONFIG_HOME/marketplace-assets/config.json"
run_bin config-644 upload-image "$PNG" --type icon --history "$WORK/config-644.json"
check "a config file others can read, without a token: used, with the variables' credentials ($(head -c 160 "$WORK/config-644.err"))" \
    bash -c "[ $(rc_of config-644) -eq 0 ] && grep -q imageId '$WORK/config-644.out'"
chmod 666 "$XDG_CONFIG_HOME/marketplace-assets/config.json"
run_bin config-666 history --history "$WORK/config-644.json"
check "one others can change: refused, even for a local read (it names the server the token goes to)" \
    bash -c "[ $(rc_of config-666) -eq 1 ] && grep -q 'other users can change it (mode 666)' '$WORK/config-666.err'"
"${NO_CREDENTIALS[@]}" "$BIN" --demo upload-image "$PNG" --type icon --history "$WORK/demo-config.json" > "$WORK/out" 2> "$WORK/err"
rc=$?
check "--demo with a config file others can change: uploads, warning that it goes on without the settings, naming the file" \
    bash -c "[ $rc -eq 0 ] && grep -q 'the demo goes on without your settings.*config.json' '$WORK/err' && grep -q imageId '$WORK/out'"
chmod 600 "$XDG_CONFIG_HOME/marketplace-assets/config.json"
"${NO_CREDENTIALS[@]}" MARKETPLACE_EMAIL=someone@example.com "$BIN" --demo upload-image "$PNG" --type icon \
    --history "$WORK/demo-config.json" > "$WORK/out" 2> "$WORK/err"
rc=$?
check "--demo with MARKETPLACE_EMAIL but no token: uploads, the warning blames no config file" \
    bash -c "[ $rc -eq 0 ] && grep -q 'without your settings.*MARKETPLACE_EMAIL is set' '$WORK/err' && grep -q imageId '$WORK/out'"
# A plain-text token in the config file goes to the config file's server only: with another
# --base-url the command has no credentials, and stops before sending anything.
printf '{"email": "e2e@example.com", "apiToken": "e2e-secret-token-7c1d9", "baseURL": "http://127.0.0.1:9/elsewhere"}\n' \
    > "$XDG_CONFIG_HOME/marketplace-assets/config.json"
"${NO_CREDENTIALS[@]}" "$BIN" artifact no-such-artifact --base-url "$BASE_URL" > "$WORK/out" 2> "$WORK/err"
check "the config file's token is not sent to another --base-url: exit 1, saying whose token it is" \
    bash -c "[ $? -eq 1 ] && grep -qF \"the config file's token is for http://127.0.0.1:9/elsewhere\" '$WORK/err' && grep -q 'no Marketplace credentials' '$WORK/err'"
rm "$XDG_CONFIG_HOME/marketplace-assets/config.json"
"${NO_CREDENTIALS[@]}" "$BIN" < /dev/null > "$WORK/out" 2> "$WORK/err"
check "nothing asked for a server: the demo opens (only the missing terminal stops it)" grep -q 'not a terminal' "$WORK/err"

# --demo works without credentials, on its own history.
env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u MARKETPLACE_ASSETS_HISTORY "$BIN" upload-image "$PNG" --type icon --demo --json > "$WORK/demo.json"
check "--demo upload-image exits 0" test $? -eq 0
check "--demo wrote the demo history, not the other" bash -c "ls '$XDG_STATE_HOME/marketplace-assets/demo/' | grep -q '^history'"
DEMO_COUNT=$(env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u MARKETPLACE_ASSETS_HISTORY "$BIN" history --demo --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check "history --demo lists the demo upload only ($DEMO_COUNT)" test "$DEMO_COUNT" -eq 1

# Plain http off loopback is refused before anything is sent.
"$BIN" artifact "$ARTIFACT_ID" --base-url "http://example.com/marketplace" > /dev/null 2> "$WORK/err"
check "http base URL off loopback refused as a usage error (64)" test $? -eq 64
check "... saying why" grep -qi "http" "$WORK/err"

# Wrong credentials: 401 explained.
MARKETPLACE_API_TOKEN=wrong "$BIN" artifact "$ARTIFACT_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "wrong token exits 1" test $? -eq 1
check "... mentions the credentials" grep -qi "MARKETPLACE_API_TOKEN\|credential\|401" "$WORK/err"
run_bin url-password auth status --base-url "http://u:URLPASS-SECRET@127.0.0.1:9/marketplace"
check "auth status with a password in the base URL: a usage error (64) in one line, the password never echoed" bash -c "
    [ $(rc_of url-password) -eq 64 ] && grep -q 'must not hold a user name or password' '$WORK/url-password.err' &&
    [ \$(wc -l < '$WORK/url-password.err') -eq 1 ] && ! grep -q URLPASS-SECRET '$WORK/url-password.out' '$WORK/url-password.err'"
run_bin url-ftp-option --base-url ftp://x/y history
check "--base-url ftp://… is a usage error (64) in one line, as a bad --timeout is" bash -c "
    [ $(rc_of url-ftp-option) -eq 64 ] && [ \$(wc -l < '$WORK/url-ftp-option.err') -eq 1 ] && grep -q '^error: .*the scheme must be https' '$WORK/url-ftp-option.err'"
# --timeout is listed by the commands that make requests; the others take it (an alias's) unlisted.
check "--timeout is in the help of upload-image, artifact, login and tui, not of history, inspect, logout or auth status" bash -c "
    for c in upload-image artifact login tui; do \"$BIN\" \$c --help | grep -q -- --timeout || exit 1; done
    for c in history inspect logout 'auth status'; do ! \"$BIN\" \$c --help | grep -q -- --timeout || exit 1; done"
run_bin timeout-history --timeout 5 history --history "$WORK/timeout-history.json"
check "... and history takes one given before its name (an alias's)" bash -c "[ $(rc_of timeout-history) -eq 0 ]"
run_bin url-ftp-help history --help --base-url ftp://x/y
check "... also beside --help, which it does not turn into the overview" bash -c "
    [ $(rc_of url-ftp-help) -eq 64 ] && ! grep -q OVERVIEW '$WORK/url-ftp-help.out'"
MARKETPLACE_BASE_URL=ftp://x/y run_bin url-ftp auth status
check "auth status with a base URL no request could use: exit 1, naming where it comes from, not 'Signed in'" bash -c "
    [ $(rc_of url-ftp) -eq 1 ] && grep -q 'It comes from MARKETPLACE_BASE_URL' '$WORK/url-ftp.err' && ! grep -q 'Signed in' '$WORK/url-ftp.out'"
run_bin inspect-twice inspect "$SAMPLES/app-icon.png" "./$SAMPLES/app-icon.png"
check "inspect of one file given twice: the second refused as an upload would refuse it, exit 1" bash -c "
    [ $(rc_of inspect-twice) -eq 1 ] && grep -q 'app-icon.png is given twice in this call (also as $SAMPLES/app-icon.png)' '$WORK/inspect-twice.err'"

# --- Artifact details and release warnings (issue 10): what Marketplace reads from a jar,
# before upload (inspect) and after (upload-artifact, artifact ID), and the same build caught
# before a second upload. Its own history file, so the counts above are untouched.
DETAILS_HISTORY=$WORK/details-history.json
make_jar() {  # make_jar FILE KEY VERSION [PARAM=VALUE ...]: a P2 plugin jar with those <plugin-info> params
    python3 - "$@" <<'PY'
import sys, zipfile
path, key, version, *params = sys.argv[1:]
elements = "".join('<param name="%s">%s</param>' % tuple(p.split("=", 1)) for p in params)
with zipfile.ZipFile(path, "w") as jar:
    jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
    jar.writestr("atlassian-plugin.xml",
                 '<atlassian-plugin key="%s" name="Details E2E" plugins-version="2"><plugin-info><version>%s</version>'
                 '<vendor name="Example Corp" url="https://example.com"/>%s</plugin-info></atlassian-plugin>' % (key, version, elements))
PY
}
# has_warning FILE TEXT: inspect --json's warnings include one containing TEXT.
has_warning() { python3 -c 'import json,sys; sys.exit(0 if any(sys.argv[2] in w for w in json.load(open(sys.argv[1]))["warnings"]) else 1)' "$1" "$2"; }
make_jar "$WORK/release.jar" com.example.details-e2e 2.0.0 atlassian-data-center-status=compatible \
    atlassian-data-center-compatible=true atlassian-licensing-enabled=true
make_jar "$WORK/no-dc.jar" com.example.details-e2e 2.0.1 atlassian-data-center-compatible=true atlassian-licensing-enabled=true
make_jar "$WORK/no-licensing.jar" com.example.details-e2e 2.0.2 atlassian-data-center-status=compatible
DETAILS_OPTS=(--base-url "$BASE_URL" --history "$DETAILS_HISTORY")

"$BIN" inspect "$WORK/release.jar" --json "${DETAILS_OPTS[@]}" > "$WORK/inspect-release.json"
check "inspect --json of a release-ready jar exits 0" test $? -eq 0
check "... no warnings, and details as Marketplace will answer them" python3 -c '
import json, sys; r = json.load(open(sys.argv[1]))
assert r["warnings"] == [], r["warnings"]
assert r["details"] == {"key": "com.example.details-e2e", "name": "Details E2E", "version": "2.0.0", "licensingEnabled": True,
    "dataCenterCompatible": True, "addOnType": "two", "remotable": False, "dataCenterStatus": "compatible", "editionsEnabled": False}, r["details"]
assert r["plugin"]["vendorURL"] == "https://example.com" and r["plugin"]["pluginsVersion"] == "2"
assert "file" not in r, "one file prints what it always did"' "$WORK/inspect-release.json"

"$BIN" inspect "$WORK/no-dc.jar" --json "${DETAILS_OPTS[@]}" > "$WORK/inspect-no-dc.json"
check "inspect --json: no Data Center status param is warned of" has_warning "$WORK/inspect-no-dc.json" \
    "no atlassian-data-center-status param: Marketplace will not treat this version as Data Center compatible"
check "... and details say incompatible" python3 -c '
import json, sys; d = json.load(open(sys.argv[1]))["details"]
assert d["dataCenterStatus"] == "incompatible" and d["dataCenterCompatible"] is False' "$WORK/inspect-no-dc.json"

"$BIN" inspect "$WORK/no-licensing.jar" --json "${DETAILS_OPTS[@]}" > "$WORK/inspect-no-licensing.json"
check "inspect --json: licensing not enabled is warned of (fine for free, a paid app needs it)" has_warning "$WORK/inspect-no-licensing.json" \
    "licensing is not enabled (atlassian-licensing-enabled is not true): fine for a free app, but a paid app needs it"
"$BIN" inspect "$WORK/no-licensing.jar" "${DETAILS_OPTS[@]}" > "$WORK/inspect-no-licensing.txt"
check "inspect (human) names Data Center, licensing, framework and vendor" bash -c "
    grep -q 'data center  *compatible' '$WORK/inspect-no-licensing.txt' && grep -q 'licensing  *not enabled' '$WORK/inspect-no-licensing.txt' &&
    grep -q 'framework  *P2' '$WORK/inspect-no-licensing.txt' && grep -q 'vendor  *Example Corp (https://example.com)' '$WORK/inspect-no-licensing.txt' &&
    grep -q '^  warning  *licensing is not enabled' '$WORK/inspect-no-licensing.txt'"

"$BIN" upload-artifact "$WORK/release.jar" "${DETAILS_OPTS[@]}" > "$WORK/upload-release.txt" 2> "$WORK/upload-release.err"
check "upload-artifact of the release jar exits 0" test $? -eq 0
check "... its summary has the details in words" bash -c "
    grep -q 'data center  *compatible' '$WORK/upload-release.txt' && grep -q 'dc compatible  *yes' '$WORK/upload-release.txt' &&
    grep -q 'licensing  *enabled' '$WORK/upload-release.txt' && grep -q 'framework  *P2' '$WORK/upload-release.txt' &&
    grep -q 'remotable  *no' '$WORK/upload-release.txt' && grep -q 'editions  *not enabled' '$WORK/upload-release.txt'"
RELEASE_ID=$(sed -n 's/^  artifactId  *//p' "$WORK/upload-release.txt")
"$BIN" artifact "$RELEASE_ID" "${DETAILS_OPTS[@]}" > "$WORK/artifact-release.txt"
check "artifact ID prints the same details summary as upload-artifact" bash -c "
    diff <(grep -E '^  (plugin key|plugin name|version|data center|dc compatible|licensing|framework|remotable|editions) ' '$WORK/upload-release.txt') \
         <(grep -E '^  (plugin key|plugin name|version|data center|dc compatible|licensing|framework|remotable|editions) ' '$WORK/artifact-release.txt') &&
    test \$(grep -cE '^  (data center|licensing|framework) ' '$WORK/artifact-release.txt') -eq 3"

"$BIN" inspect "$WORK/release.jar" --json "${DETAILS_OPTS[@]}" > "$WORK/inspect-again.json"
check "inspect --json: the same key and version already uploaded to this server is warned of" has_warning "$WORK/inspect-again.json" \
    "com.example.details-e2e 2.0.0 is already on this server: uploaded"
check "... naming the earlier artifact ID" has_warning "$WORK/inspect-again.json" "as artifact $RELEASE_ID"
"$BIN" inspect "$WORK/release.jar" --json --base-url "http://127.0.0.1:9/marketplace" --history "$DETAILS_HISTORY" > "$WORK/inspect-other.json"
check "... but not for another server" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["warnings"] == []' "$WORK/inspect-other.json"

"$BIN" history --json --all-servers --history "$DETAILS_HISTORY" > "$WORK/details-history.before"
"$BIN" upload-artifact "$WORK/release.jar" "${DETAILS_OPTS[@]}" > "$WORK/out" 2> "$WORK/err"
check "upload-artifact of the same key and version again exits 1" test $? -eq 1
check "... with one line naming the earlier artifact and --allow-duplicate" bash -c "
    test \$(wc -l < '$WORK/err') -eq 1 && grep -q 'already on this server' '$WORK/err' && grep -qF -- '$RELEASE_ID' '$WORK/err' && grep -qF -- '--allow-duplicate' '$WORK/err'"
"$BIN" history --json --all-servers --history "$DETAILS_HISTORY" > "$WORK/details-history.after"
check "... nothing sent, nothing recorded" cmp -s "$WORK/details-history.before" "$WORK/details-history.after"
"$BIN" upload-artifact "$WORK/release.jar" --allow-duplicate --json "${DETAILS_OPTS[@]}" > "$WORK/again.json" 2> "$WORK/err"
check "upload-artifact --allow-duplicate uploads it again" test $? -eq 0
check "... a new artifact ID, and --json is the server's answer as it is" python3 -c '
import json, sys; d = json.load(open(sys.argv[1]))
assert not d["_links"]["self"]["href"].endswith(sys.argv[2]) and d["details"]["dataCenterStatus"] == "compatible"' "$WORK/again.json" "$RELEASE_ID"

# The token never appears in the history or any output.
check "token absent from history and outputs" bash -c "! grep -rqF '$MARKETPLACE_API_TOKEN' '$WORK' --exclude-dir=emulator"

# --- Rough edges a new user met (issue 15) ---------------------------------------------
# A mistyped subcommand is a usage error with a suggestion, not a folder for the TUI.
"$BIN" histroy > /dev/null 2> "$WORK/err" < /dev/null
check "mistyped subcommand exits 64" test $? -eq 64
check "... and suggests history" contains "$WORK/err" "did you mean 'history'"
"$BIN" upload-imge "$PNG" --type icon > /dev/null 2> "$WORK/err" < /dev/null
check "upload-imge exits 64 suggesting upload-image" bash -c "[ $? -eq 64 ] && grep -qF \"did you mean 'upload-image'\" '$WORK/err'"
# ArgumentParser's errors quote the argument: its control characters show as U+FFFD, never run.
"$BIN" history --kind $'x\e[31mRED' > /dev/null 2> "$WORK/err" < /dev/null
check "an invalid --kind with an escape sequence: exit 64, the escape not written" bash -c "[ $? -eq 64 ] && grep -q 'is invalid for' '$WORK/err' && ! grep -q \$'\\e' '$WORK/err'"
# Global options first, as scripts put them: the typo is still found.
"$BIN" --demo histroy --json > /dev/null 2> "$WORK/err" < /dev/null
check "--demo histroy --json exits 64 suggesting history" bash -c "[ $? -eq 64 ] && grep -qF \"did you mean 'history'\" '$WORK/err'"
"$BIN" --history "$WORK/typo.json" --timeout 5 uplod-image "$PNG" --type icon > /dev/null 2> "$WORK/err" < /dev/null
check "--history PATH --timeout 5 uplod-image exits 64 suggesting upload-image" bash -c "[ $? -eq 64 ] && grep -qF \"did you mean 'upload-image'\" '$WORK/err'"
# A mistyped global option is the typo, not the value after it (it was called an unknown subcommand).
"$BIN" --histroy myhist history > /dev/null 2> "$WORK/err" < /dev/null
RC=$?
check "--histroy myhist history exits 64 ($RC) naming the option: $(head -c 100 "$WORK/err")" \
    bash -c "[ $RC -eq 64 ] && grep -qxF \"error: unknown option '--histroy'; did you mean '--history'?\" '$WORK/err'"
# help of no subcommand showed the overview and exited 0.
"$BIN" help histroy > "$WORK/out" 2> "$WORK/err" < /dev/null
RC=$?
check "help histroy exits 64 ($RC) suggesting history, no help on stdout" \
    bash -c "[ $RC -eq 64 ] && grep -qF \"did you mean 'history'\" '$WORK/err' && [ ! -s '$WORK/out' ]"
# Past the first word too: `help auth statsu` showed auth's help and exited 0.
"$BIN" help auth statsu > "$WORK/out" 2> "$WORK/err" < /dev/null
RC=$?
check "help auth statsu exits 64 ($RC) suggesting status, no help on stdout" \
    bash -c "[ $RC -eq 64 ] && grep -qxF \"error: help takes a subcommand's name, and 'auth statsu' is none; did you mean 'status'?\" '$WORK/err' && [ ! -s '$WORK/out' ]"
"$BIN" auth statsu > "$WORK/out" 2> "$WORK/err" < /dev/null
RC=$?
check "auth statsu exits 64 ($RC) suggesting status: $(head -c 100 "$WORK/err")" \
    bash -c "[ $RC -eq 64 ] && grep -qxF \"error: unknown subcommand 'auth statsu'; did you mean 'status'?\" '$WORK/err' && [ ! -s '$WORK/out' ]"
"$BIN" auth nope > /dev/null 2> "$WORK/err" < /dev/null
check "auth nope exits 64 listing auth's subcommands" \
    bash -c "[ $? -eq 64 ] && grep -qxF \"error: unknown subcommand 'auth nope'; auth has 'status'\" '$WORK/err'"
"$BIN" help auth status > "$WORK/out" 2> "$WORK/err" < /dev/null
check "help auth status still shows its help" bash -c "[ $? -eq 0 ] && grep -q 'USAGE: marketplace-assets auth status' '$WORK/out'"
# An option of one value given twice kept the last: an icon and a banner went up as two banners.
"$BIN" upload-image "$PNG" --type icon "$PNG" --type banner > "$WORK/out" 2> "$WORK/err" < /dev/null
RC=$?
check "upload-image with --type icon and --type banner: exit 64 ($RC), nothing sent: $(head -c 120 "$WORK/err")" \
    bash -c "[ $RC -eq 64 ] && grep -qF \"error: --type is given more than once, as 'icon' and 'banner', but takes one value\" '$WORK/err' && [ ! -s '$WORK/out' ]"
"$BIN" history --merge "$WORK/a.json" --merge="$WORK/b.json" > /dev/null 2> "$WORK/err" < /dev/null
check "history --merge twice: exit 64, naming both" bash -c "[ $? -eq 64 ] && grep -qF -- '--merge is given more than once' '$WORK/err'"
# ... for every option of one value, as ArgumentParser describes them: RepeatedOption's list keeps up.
MISSING=$("$BIN" --experimental-dump-help | python3 -c '
import json, re, sys
known = set(re.findall(r"\"(--[a-z-]+)\":", open(sys.argv[1]).read()))
missing = set()
def walk(command):
    for argument in command.get("arguments") or []:
        if argument.get("kind") == "option" and not argument.get("isRepeating"):
            missing.update("--" + n["name"] for n in argument.get("names") or [] if n["kind"] == "long" and "--" + n["name"] not in known)
    for sub in command.get("subcommands") or []:
        walk(sub)
walk(json.load(sys.stdin)["command"])
print(" ".join(sorted(missing)))' Sources/marketplace-assets/RepeatedOption.swift)
check "every option of one value is in RepeatedOption's list (missing: ${MISSING:-none})" test -z "$MISSING"
"$BIN" upload "$PNG" > /dev/null 2> "$WORK/err" < /dev/null
check "upload (the first word of two) exits 64 naming both" bash -c "[ $? -eq 64 ] && grep -qF \"did you mean 'upload-image' or 'upload-artifact'?\" '$WORK/err'"
# Numbers out of range are usage errors, never wrapped.
"$BIN" emulator --port 99999 > /dev/null 2> "$WORK/err"
check "emulator --port 99999 exits 64" test $? -eq 64
check "... naming the range" contains "$WORK/err" "1 to 65535"
"$BIN" emulator --max-upload-size 0 > /dev/null 2> "$WORK/err"
check "emulator --max-upload-size 0 exits 64" test $? -eq 64
# The largest number it takes is taken: the body's limit (the file's plus room for the form)
# overflowed and trapped at the start, and the limit's words (for a 413) at each upload.
"$BIN" emulator --port 0 --max-upload-size 9223372036854775807 --max-image-size 9223372036854775807 \
    --data-dir "$WORK/emulator-huge" 2> "$WORK/emulator-huge.log" &
HUGE_PID=$!
for _ in $(seq 1 200); do grep -q '^emulator listening on' "$WORK/emulator-huge.log" 2> /dev/null && break; kill -0 $HUGE_PID 2> /dev/null || break; sleep 0.05; done
check "emulator --max-upload-size and --max-image-size 9223372036854775807 start" grep -q '^emulator listening on' "$WORK/emulator-huge.log"
HUGE_URL=$(sed -n 's/^emulator listening on \([^ ]*\).*/\1/p' "$WORK/emulator-huge.log" | head -n 1)
"$BIN" upload-artifact "$JAR" --base-url "$HUGE_URL" --history "$WORK/huge-history.json" > /dev/null 2> "$WORK/err"
check "... and take a jar" test $? -eq 0
"$BIN" upload-image "$PNG" --type icon --base-url "$HUGE_URL" --history "$WORK/huge-history.json" > /dev/null 2> "$WORK/err"
check "... and an image" test $? -eq 0
kill $HUGE_PID 2> /dev/null; wait $HUGE_PID 2> /dev/null
# An emulator listening off loopback warns that Basic auth crosses the network in the clear.
"$BIN" emulator --host 0.0.0.0 --port 0 --data-dir "$WORK/emulator-any" 2> "$WORK/emulator-any.log" &
ANY_PID=$!
for _ in $(seq 1 200); do grep -q '^emulator listening on' "$WORK/emulator-any.log" 2> /dev/null && break; sleep 0.05; done
# The base URL it prints, taken as the README says scripts take it, is one a client can use.
ANY_URL=$(sed -n 's/^emulator listening on \([^ ]*\).*/\1/p' "$WORK/emulator-any.log" | head -n 1)
"$BIN" upload-image "$PNG" --type icon --base-url "$ANY_URL" --history "$WORK/any-history.json" > /dev/null 2> "$WORK/err"
ANY_RC=$?
kill $ANY_PID 2> /dev/null; wait $ANY_PID 2> /dev/null
check "an emulator on 0.0.0.0 warns that the credentials cross the network in the clear" \
    grep -q '^warning: the emulator listens on 0.0.0.0 over plain http' "$WORK/emulator-any.log"
check "... and prints a loopback base URL, which takes an upload ($ANY_URL, exit $ANY_RC)" bash -c "
    [[ '$ANY_URL' == http://127.0.0.1:*/marketplace ]] && [ $ANY_RC -eq 0 ]"
# A port in use says so in words.
PORT=$(echo "$BASE_URL" | sed -n 's/.*:\([0-9]*\)\/.*/\1/p')
"$BIN" emulator --port "$PORT" > /dev/null 2> "$WORK/err"
check "a port in use exits 1" test $? -eq 1
check "... 'port $PORT is already in use'" grep -qi "port $PORT is already in use" "$WORK/err"
# A host name that does not resolve says so, not NIO's SocketAddressError.UnknownHost.
timeout 20 "$BIN" emulator --host nonexistent.invalid --port 0 > /dev/null 2> "$WORK/err"
RC=$?
check "emulator --host nonexistent.invalid: exit 1 ($RC), in words: $(head -c 120 "$WORK/err")" \
    bash -c "[ $RC -eq 1 ] && grep -q 'nonexistent.invalid is no address or name this machine can resolve' '$WORK/err' && ! grep -q SocketAddressError '$WORK/err'"
# The CLI judges an imageType as the TUI does: refused before anything is sent or recorded.
BEFORE=$("$BIN" history --json --all-servers | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
"$BIN" upload-image "$PNG" --type 'a b' --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "--type 'a b' is a usage error (exit 64)" test $? -eq 64
check "... saying the imageType is not valid" contains "$WORK/err" "is not valid"
AFTER=$("$BIN" history --json --all-servers | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check "... and records nothing ($BEFORE -> $AFTER)" test "$BEFORE" -eq "$AFTER"
# So are an empty artifact ID and an empty --remove ID.
"$BIN" artifact "" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "artifact '' is a usage error (exit 64)" test $? -eq 64
"$BIN" history --remove "" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "history --remove '' is a usage error (exit 64)" test $? -eq 64
# Links are printed absolute, as the TUI shows them.
"$BIN" artifact "$ARTIFACT_ID" --base-url "$BASE_URL" > "$WORK/out" 2>&1
check "artifact prints an absolute self link" grep -qE "self +$BASE_URL/rest/3/artifacts/$ARTIFACT_ID" "$WORK/out"
# An image ID given to `artifact` is recognised as one.
"$BIN" artifact "$IMAGE_ID" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "artifact <image ID> exits 1" test $? -eq 1
check "... saying images have no details endpoint" contains "$WORK/err" "images have no details endpoint"
# A fetch that fails for a reason the server names gets no generic advice, and no stray punctuation.
"$BIN" fetch-artifact "ftp://example.com/a.jar" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "ftp:// is refused as ftp://, not 'ftp:.'" bash -c "grep -qF 'not ftp://.' '$WORK/err' && ! grep -qF 'ftp:.' '$WORK/err'"
"$BIN" fetch-artifact "http://no-such-host.invalid/a.jar" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
check "a fetch of an unresolvable host exits 1" test $? -eq 1
check "... without the generic 'Check the file' advice" bash -c "! grep -q 'Check the file and the parameters' '$WORK/err'"
# Global options go before or after the subcommand, by ArgumentParser's own rules.
"$BIN" --history "$WORK/other-history.json" --base-url "$BASE_URL" history --json > "$WORK/out" 2>&1
check "global options before 'history' are taken" bash -c "python3 -c 'import json,sys; assert json.load(open(sys.argv[1])) == []' '$WORK/out'"

# The demo keeps nothing it uploaded: the emulator's data lives in a temporary folder removed at exit.
DEMO_ENV=(env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u MARKETPLACE_ASSETS_HISTORY)
mkdir -p "$WORK/demo-tmp"
"${DEMO_ENV[@]}" TMPDIR="$WORK/demo-tmp" "$BIN" upload-artifact "$JAR" --demo > /dev/null 2>&1
check "--demo upload-artifact exits 0" test $? -eq 0
check "... and leaves no demo upload data behind" bash -c "[ -z \"\$(ls -A '$WORK/demo-tmp')\" ] && [ ! -e '$XDG_STATE_HOME/marketplace-assets/demo/emulator' ]"
# So a later demo command cannot refresh that artifact: it says why, and the entry stays as it was.
DEMO_ARTIFACT=$("${DEMO_ENV[@]}" "$BIN" history --demo --kind artifact --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"${DEMO_ENV[@]}" "$BIN" artifact "$DEMO_ARTIFACT" --demo > /dev/null 2> "$WORK/err"
check "--demo artifact <an earlier demo run's ID> exits 1" test $? -eq 1
check "... saying the demo's emulator keeps uploads only while it runs" contains "$WORK/err" "keeps uploads only while it runs"
"$BIN" artifact "https://u:pw@downloads.example.com/app-1.0.jar?token=s3cret" > /dev/null 2> "$WORK/err"
RC=$?
check "artifact with a link to a jar (not to an artifact): 64, pointing to fetch-artifact, no secret repeated ($(head -c 160 "$WORK/err"))" bash -c "
    [ $RC -eq 64 ] && grep -q 'is no artifact.s link (…/rest/3/artifacts/ID): to have Marketplace fetch an artifact from a URL, run marketplace-assets fetch-artifact URL' '$WORK/err' &&
    ! grep -q 's3cret\|pw@' '$WORK/err'"
"$BIN" artifact "https://gitlab.example.com/g/p/-/jobs/123/artifacts/raw/target/app.jar" > /dev/null 2> "$WORK/err-gitlab"
RC=$?
check "... and so with a CI job's link under /artifacts/ (no /rest/): not taken for another server's artifact link ($(head -c 120 "$WORK/err-gitlab"))" \
    bash -c "[ $RC -eq 64 ] && grep -q 'is no artifact.s link' '$WORK/err-gitlab' && ! grep -q 'give --base-url' '$WORK/err-gitlab'"
for bad in a/b ../x ..; do "${DEMO_ENV[@]}" "$BIN" artifact "$bad" --demo > /dev/null 2>> "$WORK/bad-ids.err"; echo $? >> "$WORK/bad-ids.rc"; done
check "artifact a/b, ../x or ..: a usage error (64 each), no request" bash -c "[ \"\$(sort -u '$WORK/bad-ids.rc')\" = 64 ] && grep -c 'is no artifact ID' '$WORK/bad-ids.err' | grep -qx 3"
"${DEMO_ENV[@]}" "$BIN" artifact --demo -- $'a\nb' > /dev/null 2> "$WORK/err"
RC=$?
check "artifact with a line break inside the ID: a usage error (64, got $RC) showing it: $(head -c 120 "$WORK/err")" bash -c "
    [ $RC -eq 64 ] && grep -qF 'a�b\" is no artifact ID: it holds control or invisible characters' '$WORK/err'"
"${DEMO_ENV[@]}" "$BIN" artifact --demo -- $'a\u200bb' > /dev/null 2> "$WORK/err"
RC=$?
check "... and with a zero-width space inside: the same (64, got $RC)" bash -c "[ $RC -eq 64 ] && grep -qF 'a�b\" is no artifact ID' '$WORK/err'"
# The listing fragment the copy menu gives, pasted whole: the ID it holds is named, nothing is sent.
"${DEMO_ENV[@]}" "$BIN" artifact --demo '{"artifactId": "769f0000-aaaa-4bbb-8ccc-000000000001", "self": "https://api.atlassian.com/marketplace/rest/3/artifacts/769f0000-aaaa-4bbb-8ccc-000000000001"}' > /dev/null 2> "$WORK/err"
RC=$?
check "artifact with a listing fragment pasted whole: a usage error (64, got $RC) naming the ID to give: $(head -c 160 "$WORK/err")" bash -c "
    [ $RC -eq 64 ] && grep -qF 'That is JSON, no artifact ID: give the ID alone, marketplace-assets artifact 769f0000-aaaa-4bbb-8ccc-000000000001.' '$WORK/err'"
# The demo's fragment, whose links are paths (no \`://\`), and a line of --snippet's list with its comma: the same.
"${DEMO_ENV[@]}" "$BIN" artifact --demo '{"artifactId": "769f0000-aaaa-4bbb-8ccc-000000000002", "self": "/rest/3/artifacts/769f0000-aaaa-4bbb-8ccc-000000000002", "binary": "/rest/3/artifacts/769f0000-aaaa-4bbb-8ccc-000000000002/download"},' > /dev/null 2> "$WORK/err"
RC=$?
check "... the demo's, with relative links and a list's comma: the same (64, got $RC)" bash -c "
    [ $RC -eq 64 ] && grep -qF 'That is JSON, no artifact ID: give the ID alone, marketplace-assets artifact 769f0000-aaaa-4bbb-8ccc-000000000002.' '$WORK/err'"
# A link as a mail client pastes it (<…>) or as Markdown writes it ([text](…)): the link, looked up.
"$BIN" artifact "<$BASE_URL/rest/3/artifacts/$ARTIFACT_ID>" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err"
RC_ANGLE=$?
"$BIN" artifact "[the release]($BASE_URL/rest/3/artifacts/$ARTIFACT_ID)" --base-url "$BASE_URL" > /dev/null 2> "$WORK/err2"
RC_MARKDOWN=$?
check "artifact <link> and [text](link): looked up (exit $RC_ANGLE and $RC_MARKDOWN)" bash -c "[ $RC_ANGLE -eq 0 ] && [ $RC_MARKDOWN -eq 0 ]"
# The same artifact ID in capitals refreshes the one entry, as the server takes it; history finds it so too.
count_artifact() { "$BIN" history --json --kind artifact --base-url "$BASE_URL" | python3 -c 'import json,sys; print(sum(1 for e in json.load(sys.stdin) if (e.get("id") or "").lower() == sys.argv[1]))' "$ARTIFACT_ID"; }
CAPS_BEFORE=$(count_artifact)
"$BIN" artifact "$(printf '%s' "$ARTIFACT_ID" | tr a-z A-Z)" --base-url "$BASE_URL" > /dev/null 2>&1
CAPS_RC=$?
"$BIN" history " $(printf '%s' "$ARTIFACT_ID" | tr a-z A-Z) " --base-url "$BASE_URL" > "$WORK/caps.out" 2>&1
check "artifact ID in capitals: exit $CAPS_RC, no second entry ($CAPS_BEFORE, then $(count_artifact)); history finds it in capitals with spaces" bash -c "
    [ $CAPS_RC -eq 0 ] && [ '$CAPS_BEFORE' = '$(count_artifact)' ] && grep -q '$ARTIFACT_ID' '$WORK/caps.out'"
"${DEMO_ENV[@]}" "$BIN" history --demo --kind artifact --json > "$WORK/demo-artifacts.json"
check "... and the entry is not marked failed" python3 -c 'import json,sys; assert "failure" not in json.load(open(sys.argv[1]))[0]' "$WORK/demo-artifacts.json"
"${DEMO_ENV[@]}" TMPDIR="$WORK/demo-tmp" "$BIN" upload-artifact "$JAR" --demo > /dev/null 2> "$WORK/err"
check "... and the same jar uploads again in a later demo run (that server has none of the earlier run's): exit 0" test $? -eq 0
# The demo's fetch never reaches the internet: only its own sample is fetched.
"${DEMO_ENV[@]}" "$BIN" fetch-artifact "https://example.com/app.jar" --demo > /dev/null 2> "$WORK/err"
check "--demo fetch-artifact of an outside URL exits 1" test $? -eq 1
check "... saying the demo fetches only its own sample" contains "$WORK/err" "The demo fetches only its own sample"
# ... and its sample is fetched from a command, whose emulator's port no one can know beforehand: any port names it.
"${DEMO_ENV[@]}" "$BIN" fetch-artifact "http://127.0.0.1/marketplace/samples/sample-plugin-1.0.0.jar" --demo --json > "$WORK/demo-fetch.json" 2> "$WORK/err"
check "--demo fetch-artifact of the sample's URL without a port exits 0" test $? -eq 0
check "... and Marketplace's answer names the sample" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["fileInfo"]["logicalFileName"] == "sample-plugin-1.0.0.jar"' "$WORK/demo-fetch.json"
# A user name in the URI is kept out of the answer printed, but only out of its strings: a short
# one ('ci') was hidden wherever it stood, keys too (licensingEnabled), and a secret query value
# of digits inside numbers, which left no JSON at all.
"${DEMO_ENV[@]}" "$BIN" fetch-artifact "http://ci@127.0.0.1/marketplace/samples/sample-plugin-1.0.0.jar?key=1553" --demo --json > "$WORK/demo-fetch-ci.json" 2> "$WORK/err"
check "--demo fetch-artifact with a user and a secret query value exits 0" test $? -eq 0
check "... its answer intact: licensingEnabled and the size as the server gave them" python3 -c 'import json,sys; a = json.load(open(sys.argv[1])); assert a["details"]["licensingEnabled"] is False and a["fileInfo"]["size"] == 1553, a' "$WORK/demo-fetch-ci.json"

# --- Many files in one call (issue 12) ----------------------------------------------------
# Each file is its own upload and history entry; --json prints one array in the order given,
# a failed file as {"file", "error", "kind"}; the exit status is 0 only when every file succeeded.
# 3 images in one upload-image call and 2 jars in one upload-artifact call, against an emulator
# that refuses images over 50,000 bytes, so banner-small.png (61,276 bytes) fails on the server.
stop_emulator
start_emulator "$WORK/batch-emulator" --max-image-size 50000 || exit 1
BATCH_HISTORY=$WORK/batch-history.json
BATCH_OPTS=(--base-url "$BASE_URL" --history "$BATCH_HISTORY")
make_jar "$WORK/batch-a.jar" com.example.batch-a 1.0.0
make_jar "$WORK/batch-b.jar" com.example.batch-b 1.0.0
run_bin batch-images upload-image "$SAMPLES/app-icon.png" "$SAMPLES/banner-small.png" "$SAMPLES/highlight-screenshot.png" \
    --type screenshot --json "${BATCH_OPTS[@]}"
check "upload-image with 3 files, one refused by the server, exits 1 ($(rc_of batch-images))" test "$(rc_of batch-images)" -eq 1
check "... --json is one array in the order given, the failed file as {file, error, kind}: refused (413)" python3 -c '
import json, sys; a = json.load(open(sys.argv[1]))
assert isinstance(a, list) and len(a) == 3, a
assert a[0]["name"] == "app-icon.png" and a[0]["id"] and a[2]["name"] == "highlight-screenshot.png" and a[2]["id"], a
# A success is the answer with the file given and its history entryId added, and no error.
assert a[0]["file"].endswith("samples/app-icon.png") and a[2]["file"].endswith("highlight-screenshot.png") and "error" not in a[0], a
h = {e["entryId"]: e for e in json.load(open(sys.argv[2]))["entries"]}
assert h[a[0]["entryId"]]["image"]["id"] == a[0]["id"] and h[a[2]["entryId"]]["image"]["id"] == a[2]["id"], (a, h)
assert sorted(a[1]) == ["entryId", "error", "file", "kind"] and a[1]["file"].endswith("banner-small.png") and a[1]["error"] and a[1]["kind"] == "refused", a[1]' "$WORK/batch-images.out" "$BATCH_HISTORY"
check "... stderr names the failed file, and the count last" bash -c "
    grep -q '^error: \[2/3\] banner-small.png: ' '$WORK/batch-images.err' && tail -n 1 '$WORK/batch-images.err' | grep -q '1 of 3 uploads failed: banner-small.png'"
check "... the refused file's own warning (its size is no screenshot's) comes before its error" bash -c "
    grep -B1 '^error: \[2/3\] banner-small.png: ' '$WORK/batch-images.err' | head -n 1 | grep -q '^warning: \[2/3\] banner-small.png: screenshot is '"
# Names that differ only in their white space are told apart in the lines (a newline as �, as `history` shows it).
mkdir -p "$WORK/spaced"
cp "$SAMPLES/app-icon.png" "$WORK/spaced/new line.png"; cp "$SAMPLES/logo.png" "$WORK/spaced/new  line.png"
cp "$SAMPLES/app-icon.png" "$WORK/spaced/new"$'\n'"line.png"
run_bin batch-spaced upload-image "$WORK/spaced/new line.png" "$WORK/spaced/new  line.png" "$WORK/spaced/new"$'\n'"line.png" \
    --type screenshot --base-url "$BASE_URL" --history "$WORK/spaced.json"
check "a batch of names that differ in white space only: each line names its own ($(cut -c1-20 "$WORK/batch-spaced.out" | tr '\n' '|'))" bash -c "
    [ $(rc_of batch-spaced) -eq 0 ] && [ \$(cut -d' ' -f2- '$WORK/batch-spaced.out' | sed 's/  imageId.*//' | sort -u | wc -l) -eq 3 ] &&
    grep -q '^\[3/3\] new�line.png  imageId' '$WORK/batch-spaced.out' && grep -q '^\[2/3\] new  line.png  imageId' '$WORK/batch-spaced.out'"
# Credentials refused for the first file: the others are not sent, each would be refused too.
MARKETPLACE_API_TOKEN=wrong-token run_bin batch-401 upload-image "$SAMPLES/app-icon.png" "$SAMPLES/banner-small.png" "$SAMPLES/logo.png" \
    --type icon --json --base-url "$BASE_URL" --history "$WORK/batch-401.json"
check "a batch stops at a 401: one attempt recorded, the rest 'not started', exit 1" bash -c "
    [ $(rc_of batch-401) -eq 1 ] && [ \$(jq '.entries | length' '$WORK/batch-401.json') -eq 1 ] &&
    jq -e '.[0].error | test(\"HTTP 401\")' '$WORK/batch-401.out' > /dev/null &&
    [ \$(jq '[.[1:][] | select(.error == \"not started: Marketplace refused the credentials or the account for app-icon.png and would refuse this file too\")] | length' '$WORK/batch-401.out') -eq 2 ]"
check "... the 401 names the variables the credentials come from, which login does not replace" \
    jq -e '.[0].error | test("come from MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN, which `login` does not replace")' "$WORK/batch-401.out"
# The server not reached for the first file (nothing listens on the port): the others are not
# tried, each would wait for its three tries in vain.
DOWN_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_bin batch-down upload-image "$SAMPLES/app-icon.png" "$SAMPLES/banner-small.png" "$SAMPLES/logo.png" \
    --type icon --json --base-url "http://127.0.0.1:$DOWN_PORT/marketplace" --history "$WORK/batch-down.json"
check "a batch stops when the server cannot be reached: one attempt recorded, the rest 'not started', exit 1" bash -c "
    [ $(rc_of batch-down) -eq 1 ] && [ \$(jq '.entries | length' '$WORK/batch-down.json') -eq 1 ] &&
    jq -e '.[0].error | test(\"Could not connect to 127.0.0.1.*after 3 attempts\")' '$WORK/batch-down.out' > /dev/null &&
    [ \$(jq '[.[1:][] | select(.error == \"not started: the server could not be reached for app-icon.png, so this file was not tried\")] | length' '$WORK/batch-down.out') -eq 2 ]"
run_bin batch-jars upload-artifact "$WORK/batch-a.jar" "$WORK/batch-b.jar" --json "${BATCH_OPTS[@]}"
check "upload-artifact with 2 jars exits 0" test "$(rc_of batch-jars)" -eq 0
check "... --json is an array of the 2 answers in order" python3 -c '
import json, sys; a = json.load(open(sys.argv[1]))
assert [x["details"]["key"] for x in a] == ["com.example.batch-a", "com.example.batch-b"], a' "$WORK/batch-jars.out"
check "the history file has the 5 entries: 4 uploads with the printed IDs, 1 failure" python3 -c '
import json, sys
entries = json.load(open(sys.argv[1]))["entries"]
images, jars = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
ids = [e.get("id") or (e.get("image") or {}).get("id") for e in entries]
printed = [images[0]["id"], images[2]["id"]] + [j["_links"]["self"]["href"].rsplit("/", 1)[1] for j in jars]
assert len(entries) == 5 and [i for i in ids if i] == printed, (ids, printed)
failed = [e for e in entries if e.get("failure")]
assert len(failed) == 1 and failed[0]["localPath"].endswith("banner-small.png") and failed[0]["imageType"] == "screenshot", failed' \
    "$BATCH_HISTORY" "$WORK/batch-images.out" "$WORK/batch-jars.out"
# Two runs of one release script at once (a CI job started twice): the same key and version
# must never reach Marketplace twice without a word. The second run's check, made as its jar is
# sent, sees the first's upload once it is recorded; while both are on the way, the run that
# records last warns that Marketplace now has the build twice. Any timing gives one of these.
RACE_HISTORY=$WORK/race-history.json
python3 - "$WORK/race-big.jar" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as jar:
    jar.writestr("atlassian-plugin.xml", '<atlassian-plugin key="com.example.race" name="Race" plugins-version="2"><plugin-info><version>9.0.0</version></plugin-info></atlassian-plugin>')
    jar.writestr("payload.bin", bytes(200 << 20))
PY
make_jar "$WORK/race-small.jar" com.example.race 9.0.0
"$BIN" upload-artifact "$WORK/race-big.jar" --base-url "$BASE_URL" --history "$RACE_HISTORY" > "$WORK/race-a.out" 2> "$WORK/race-a.err" &
RACE_A=$!
sleep 0.3
"$BIN" upload-artifact "$WORK/race-small.jar" --base-url "$BASE_URL" --history "$RACE_HISTORY" > "$WORK/race-b.out" 2> "$WORK/race-b.err"
RACE_B_RC=$?
wait "$RACE_A"; RACE_A_RC=$?
check "two runs uploading one key and version at once: a warning that it is on Marketplace twice, or the later run refused (rc $RACE_A_RC, $RACE_B_RC)" bash -c "
    if [ $RACE_A_RC -eq 0 ] && [ $RACE_B_RC -eq 0 ]; then
        cat '$WORK/race-a.err' '$WORK/race-b.err' | grep -q 'another run uploaded it while this one did, so Marketplace now has this build more than once'
    else
        [ \$(( $RACE_A_RC + $RACE_B_RC )) -eq 1 ] && cat '$WORK/race-a.err' '$WORK/race-b.err' | grep -q 'com.example.race 9.0.0 is already on this server'
    fi"
rm -f "$WORK/race-big.jar"
# A release run again after some of its files failed: --skip-existing leaves out what this
# server has, with a line, and uploads the rest (a copy of the batch history, so counts hold).
SKIP_HISTORY=$WORK/skip-history.json
cp "$BATCH_HISTORY" "$SKIP_HISTORY"
make_jar "$WORK/batch-c.jar" com.example.batch-c 1.0.0
run_bin skip-refused upload-artifact "$WORK/batch-a.jar" "$WORK/batch-c.jar" --base-url "$BASE_URL" --history "$SKIP_HISTORY"
check "a run again without --skip-existing: refused, the advice names --skip-existing" bash -c "
    [ $(rc_of skip-refused) -eq 1 ] && grep -q 'add --skip-existing to leave it out' '$WORK/skip-refused.err'"
run_bin skip-json upload-artifact "$WORK/batch-a.jar" "$WORK/batch-c.jar" --skip-existing --json --base-url "$BASE_URL" --history "$SKIP_HISTORY"
check "--skip-existing: exit 0, the jar this server has as {file, skipped, artifactId}, the other uploaded" python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert len(a) == 2 and sorted(a[0]) == ["artifactId", "file", "skipped"] and a[0]["skipped"].startswith("com.example.batch-a 1.0.0 is already on this server"), a
assert a[1]["details"]["key"] == "com.example.batch-c", a[1]
entries = json.load(open(sys.argv[2]))["entries"]
assert len(entries) == 6 and sum(1 for e in entries if e.get("artifact", {}).get("details", {}).get("key") == "com.example.batch-a") == 1, entries' \
    "$WORK/skip-json.out" "$SKIP_HISTORY"
check "... exit 0" test "$(rc_of skip-json)" -eq 0
# readme_filter TEXT: the jq filter of the README's example line that holds TEXT, as written there.
readme_filter() { grep -F -- "$1" README.md | head -n 1 | sed -E "s/.*jq -r '(.*)'\$/\1/"; }
# The README's line for the artifact ID gives the ID of an upload and of a jar left out alike.
ID_FILTER=$(readme_filter 'upload-artifact target/my-app-1.0.0.jar --json')
"$BIN" upload-artifact "$WORK/batch-a.jar" --skip-existing --json --base-url "$BASE_URL" --history "$SKIP_HISTORY" | jq -r "$ID_FILTER" > "$WORK/skip-id.out"
check "the README's jq line for the artifact ID: a skipped jar's ID ($(cat "$WORK/skip-id.out"))" \
    test "$(cat "$WORK/skip-id.out")" = "$(jq -r '.[0].artifactId' "$WORK/skip-json.out")"
"$BIN" upload-artifact "$WORK/batch-c.jar" --allow-duplicate --json --base-url "$BASE_URL" --history "$SKIP_HISTORY" > "$WORK/id-upload.json"
UPLOAD_ID=$(jq -r "$ID_FILTER" "$WORK/id-upload.json")
check "... and an uploaded jar's ID ($UPLOAD_ID)" bash -c "
    [ -n '$UPLOAD_ID' ] && [ '$UPLOAD_ID' != null ] && jq -r '._links.self.href' '$WORK/id-upload.json' | grep -q '/$UPLOAD_ID\$'"
run_bin skip-line upload-artifact "$WORK/batch-a.jar" --skip-existing --base-url "$BASE_URL" --history "$SKIP_HISTORY"
check "--skip-existing with one jar this server has: exit 0, 'Skipped … already on this server'" bash -c "
    [ $(rc_of skip-line) -eq 0 ] && grep -q '^Skipped .*batch-a.jar: com.example.batch-a 1.0.0 is already on this server' '$WORK/skip-line.out'"
run_bin skip-both upload-artifact "$WORK/batch-a.jar" --skip-existing --allow-duplicate --base-url "$BASE_URL" --history "$SKIP_HISTORY"
check "--skip-existing with --allow-duplicate: a usage error (64)" test "$(rc_of skip-both)" -eq 64
run_bin batch-human upload-image "$SAMPLES/logo.png" "$SAMPLES/thumbnail.gif" --type thumbnail "${BATCH_OPTS[@]}"
check "without --json: exit 0 and one line per file" bash -c "
    [ $(rc_of batch-human) -eq 0 ] && [ \$(wc -l < '$WORK/batch-human.out') -eq 2 ] &&
    grep -q '^\[1/2\] logo.png  imageId ' '$WORK/batch-human.out' && grep -q '^\[2/2\] thumbnail.gif  imageId ' '$WORK/batch-human.out'"
run_bin batch-one upload-image "$SAMPLES/logo.png" --type logo --json "${BATCH_OPTS[@]}"
check "one file still prints one JSON object, not an array" python3 -c '
import json, sys; assert isinstance(json.load(open(sys.argv[1])), dict)' "$WORK/batch-one.out"
# The README's batch example reads one file's object and several files' array alike (a history
# of their own: the fragments below count this one's screenshots).
OUT_HISTORY=$WORK/output-history.json
OUT_OPTS=(--base-url "$BASE_URL" --history "$OUT_HISTORY")
mkdir -p "$WORK/shots-one" "$WORK/shots-two"
cp "$SAMPLES/logo.png" "$WORK/shots-one/" && cp "$SAMPLES/logo.png" "$SAMPLES/thumbnail.gif" "$WORK/shots-two/"
for shots in one two; do
    "$BIN" upload-image "$WORK/shots-$shots"/* --type screenshot --json "${OUT_OPTS[@]}" 2>/dev/null \
        | jq -r "$(readme_filter '.id // "failed: ')" > "$WORK/shots-$shots.ids"
done
check "the README's jq line for a batch prints 1 ID for one file and 2 for two" bash -c "
    [ \$(grep -c '^img-' '$WORK/shots-one.ids') -eq 1 ] && [ \$(grep -c '^img-' '$WORK/shots-two.ids') -eq 2 ]"
# The README's jq line for the newest uploaded artifact passes over a failed attempt (an entry
# without an ID), a checksum mismatch (an ID, "verified": false), a lookup and one the server no
# longer has (its ID kept, with the refresh's failure); with none, it
# prints nothing (not "null", which a script would take for an ID).
python3 - "$WORK/jq-history.json" "$WORK/jq-none.json" <<'PY'
import json, sys, uuid
entry = lambda day, **more: dict(entryId=str(uuid.uuid4()).upper(), kind="artifact", createdAt=f"2026-01-0{day}T00:00:00.000Z",
                                 serverURL="https://jq.invalid", **more)
failed = [entry(2, name="b.jar", failure="boom"), entry(3, id="art-mismatch", name="c.jar", verified=False, failure="Checksum mismatch"),
          entry(4, id="art-looked-up", name="d.jar", lookedUp=True),
          entry(5, id="art-gone", name="e.jar", verified=True, failure="Marketplace has no artifact with that ID (HTTP 404 Not Found)")]
json.dump({"schemaVersion": 2, "entries": [entry(1, id="art-uploaded", name="a.jar", verified=True)] + failed}, open(sys.argv[1], "w"))
json.dump({"schemaVersion": 2, "entries": failed}, open(sys.argv[2], "w"))
PY
NEWEST_FILTER=$(readme_filter 'history --kind artifact --json | jq')
for history in jq-history jq-none; do
    "$BIN" --history "$WORK/$history.json" --base-url https://jq.invalid history --kind artifact --json \
        | jq -r "$NEWEST_FILTER" > "$WORK/$history.newest"
done
check "the README's jq line for the newest artifact prints its ID, past a failed attempt, a mismatch, a lookup and one gone" test "$(cat "$WORK/jq-history.newest")" = art-uploaded
check "... and nothing when the history has none ($(cat "$WORK/jq-none.newest"))" test ! -s "$WORK/jq-none.newest"
# An answer without details (the reference's GET example has none): the details shown are the
# history's, and the summary says so rather than pass them off as the answer's.
python3 - "$WORK/nodetails.port" <<'PY' &
import http.server, json, sys
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        aid = self.path.rstrip("/").split("/")[-1]
        body = json.dumps({"fileInfo": {"logicalFileName": "kept.jar", "size": 10}, "_links": {"self": {"href": "/rest/3/artifacts/" + aid}}}).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
server = http.server.HTTPServer(("127.0.0.1", 0), Answer)
open(sys.argv[1], "w").write(str(server.server_port)); server.handle_request()
PY
NODETAILS_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/nodetails.port" ] && break; sleep 0.05; done
NODETAILS_URL=http://127.0.0.1:$(cat "$WORK/nodetails.port")/marketplace
python3 - "$WORK/nodetails-history.json" "$NODETAILS_URL" <<'PY'
import json, sys
aid = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
entry = {"entryId": "0A2B3C4D-0000-4000-8000-000000000001", "kind": "artifact", "createdAt": "2026-12-01T10:00:00.000Z", "id": aid,
         "serverURL": sys.argv[2], "artifact": {"fileInfo": {"logicalFileName": "kept.jar", "size": 10},
         "details": {"key": "com.example.kept", "version": "2.0.0"}, "_links": {"self": {"href": "/rest/3/artifacts/" + aid}}}}
json.dump({"schemaVersion": 2, "entries": [entry]}, open(sys.argv[1], "w"))
PY
"$BIN" artifact aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee --base-url "$NODETAILS_URL" --history "$WORK/nodetails-history.json" > "$WORK/nodetails.out" 2>&1
kill $NODETAILS_PID 2> /dev/null; wait $NODETAILS_PID 2> /dev/null
check "artifact ID, the answer without details: the history's shown, and said to be ($(grep -m1 details "$WORK/nodetails.out"))" bash -c "
    grep -q 'details *not in this answer; as the history keeps them:' '$WORK/nodetails.out' && grep -q 'plugin key *com.example.kept' '$WORK/nodetails.out' &&
    grep -q 'data center *absent (not recorded)' '$WORK/nodetails.out'"
# The README's jq line on the history file as it is (every image and artifact ID), and a merge
# of two histories (a synced folder's conflict copy), after which the one holds every entry of both.
readme_jq() { grep -F -- "$1" README.md | head -n 1 | sed -E "s/.*jq -r '([^']*)'.*/\1/"; }
jq -r "$(readme_jq '.image.id // empty')" "$SKIP_HISTORY" "$OUT_HISTORY" | sort > "$WORK/readme-ids"
"$BIN" history --json --all-servers --history "$SKIP_HISTORY" | jq -r '.[].id // empty' > "$WORK/tool-ids"
"$BIN" history --json --all-servers --history "$OUT_HISTORY" | jq -r '.[].id // empty' >> "$WORK/tool-ids"
check "the README's jq line lists every ID the history holds ($(wc -l < "$WORK/readme-ids") of them)" bash -c "
    [ \$(wc -l < '$WORK/readme-ids') -ge 5 ] && sort '$WORK/tool-ids' | cmp -s - '$WORK/readme-ids'"
# ... oldest first, as the tool orders them (newest first) read backwards.
jq -r "$(readme_jq '.image.id // empty')" "$OUT_HISTORY" > "$WORK/readme-order"
"$BIN" history --json --all-servers --history "$OUT_HISTORY" | jq -r '.[].id // empty' | tac > "$WORK/tool-order"
check "... oldest first ($(wc -l < "$WORK/readme-order") IDs)" cmp -s "$WORK/readme-order" "$WORK/tool-order"
cp "$SKIP_HISTORY" "$WORK/merged.json"
"$BIN" history --merge "$OUT_HISTORY" --history "$WORK/merged.json" > /dev/null
"$BIN" history --json --all-servers --history "$WORK/merged.json" | jq -r '.[].id // empty' | sort > "$WORK/merged-ids"
check "history --merge of two histories: one holds every entry of both" cmp -s "$WORK/merged-ids" "$WORK/readme-ids"
printf '{"schemaVersion": 2, "entries": []}\n' > "$WORK/no-entries.json"
run_bin merge-none history --merge "$WORK/no-entries.json" --history "$WORK/merged.json"
check "a merge of a history with no entries says so (not that this one holds them all already)" bash -c "
    [ $(rc_of merge-none) -eq 0 ] && grep -qx 'Nothing to merge: $WORK/no-entries.json holds no entries.' '$WORK/merge-none.out'"
# A history another process holds locked: the command says what it waits for, then goes on.
# hold_lock LOCKFILE: holds it in the background (LOCK_HOLDER) until WORK/release appears, at
# most 25 s; returns once it is held, so that no fixed pause races the holder's start.
hold_lock() {
    rm -f "$WORK/held" "$WORK/release"
    (flock -x "$1" sh -c 'touch "$1/held"; for _ in $(seq 1 250); do [ -e "$1/release" ] && exit 0; sleep 0.1; done' sh "$WORK") &
    LOCK_HOLDER=$!
    for _ in $(seq 1 200); do [ -e "$WORK/held" ] && return 0; sleep 0.05; done
}
hold_lock "$WORK/jq-history.json.lock"
run_bin lock-wait --history "$WORK/jq-history.json" --base-url https://jq.invalid history &
LOCK_WAITER=$!
# Released once the command has said it waits (after 3 s): it must then go on.
for _ in $(seq 1 200); do grep -q 'waiting for the history' "$WORK/lock-wait.err" 2> /dev/null && break; sleep 0.1; done
touch "$WORK/release"
wait $LOCK_WAITER $LOCK_HOLDER
check "a history locked by another process: one line says what it waits for, then the history ($(head -n 1 "$WORK/lock-wait.err"))" bash -c "
    [ $(rc_of lock-wait) -eq 0 ] && grep -q '^waiting for the history: another process holds' '$WORK/lock-wait.err' &&
    grep -q art-uploaded '$WORK/lock-wait.out'"
# SIGTERM (Ctrl-C alike; a background job here ignores SIGINT) while waiting for that lock ends
# the command at once, not after the 30 s the wait may last; nothing is sent or recorded.
hold_lock "$WORK/term-history.json.lock"
LOCK_STARTED=$(date +%s)
"$BIN" upload-image "$SAMPLES/app-icon.png" --type icon --base-url "$BASE_URL" --history "$WORK/term-history.json" \
    > "$WORK/lock-term.out" 2> "$WORK/lock-term.err" &
LOCK_WAITER=$!
# Once it has the lock file open, it is waiting for the lock.
for _ in $(seq 1 100); do ls -l /proc/$LOCK_WAITER/fd 2> /dev/null | grep -q 'term-history.json.lock' && break; sleep 0.1; done
kill -TERM $LOCK_WAITER
wait $LOCK_WAITER; echo $? > "$WORK/lock-term.rc"
LOCK_ELAPSED=$(( $(date +%s) - LOCK_STARTED ))
touch "$WORK/release"; wait $LOCK_HOLDER 2> /dev/null
check "SIGTERM while waiting for another process's history lock: the command ends at once (143, after ${LOCK_ELAPSED} s), nothing recorded" bash -c "
    [ $(rc_of lock-term) -eq 143 ] && [ $LOCK_ELAPSED -lt 10 ] && [ ! -s '$WORK/term-history.json' ] && grep -qx 'error: Interrupted while waiting for the history (another process holds .*). Nothing was sent.' '$WORK/lock-term.err'"
# Ctrl-C while an image is checked (decoded to its end, before anything is sent: this one takes
# about 20 s in a debug build) stops inside that file, not after it; one file or a batch.
python3 - "$WORK/slow-check.bmp" <<'PY'
import struct, sys
w = h = 7000  # 49 megapixels in run-length rows of 255: 406 KB
rows = bytearray()
for y in range(h):
    for start in range(0, w, 255): rows += bytes([min(255, w - start), (y // 500) % 2])
    rows += b"\x00\x00"
rows[-2:] = b"\x00\x01"
info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 8, 1, len(rows), 2835, 2835, 2, 0)
offset = 14 + len(info) + 8
open(sys.argv[1], "wb").write(b"BM" + struct.pack("<IHHI", offset + len(rows), 0, 0, offset) + info + bytes([0, 0, 255, 0, 255, 0, 0, 0]) + rows)
PY
for files in 1 2; do
    set -m  # the job gets Ctrl-C as a terminal's job would
    CHECK_STARTED=$(date +%s)
    "$BIN" upload-image "$WORK/slow-check.bmp" $([ $files -eq 2 ] && echo "$SAMPLES/app-icon.png") --type screenshot --base-url "$BASE_URL" \
        --history "$WORK/slow-check-history.json" > "$WORK/slow-check.out" 2> "$WORK/slow-check.err" &
    JOB=$!
    set +m
    for _ in $(seq 1 100); do ls -l /proc/$JOB/fd 2> /dev/null | grep -q 'slow-check.bmp' && break; sleep 0.05; done
    sleep 1
    kill -INT $JOB; wait $JOB; rc=$?
    CHECK_ELAPSED=$(( $(date +%s) - CHECK_STARTED ))
    check "Ctrl-C while $files file(s) are checked: exit 130 ($rc) after ${CHECK_ELAPSED} s, inside the big image's check, nothing sent or recorded" bash -c "
        [ $rc -eq 130 ] && [ $CHECK_ELAPSED -lt 8 ] && [ ! -e '$WORK/slow-check-history.json' ] &&
        grep -qx 'error: interrupted while the file.* checked: nothing was sent' '$WORK/slow-check.err'"
done
# An image cut short past its header uploads (the server is the judge) with a warning; inspect says it too.
head -c 500 "$SAMPLES/app-icon.png" > "$WORK/cut-short.png"
run_bin cut-short upload-image "$WORK/cut-short.png" --type icon "${OUT_OPTS[@]}"
check "an image cut short: uploaded, with a warning that it does not decode to its end" bash -c "
    [ $(rc_of cut-short) -eq 0 ] && grep -q '^warning: .*cut-short.png: the file is cut short: it does not decode to its end' '$WORK/cut-short.err'"
run_bin cut-short-inspect inspect "$WORK/cut-short.png" --json
check "... inspect --json lists it among the warnings" python3 -c '
import json, sys; assert any("does not decode to its end" in w for w in json.load(open(sys.argv[1]))["warnings"])' "$WORK/cut-short-inspect.out"
run_bin whole-inspect inspect "$SAMPLES/banner.jpg" --json
check "... and a whole image gets no such warning" python3 -c '
import json, sys; assert not any("decode" in w for w in json.load(open(sys.argv[1]))["warnings"])' "$WORK/whole-inspect.out"
# A file modified "in 2286" (a bad clock, an archive's odd time) is inspected and uploaded like any other.
cp "$SAMPLES/logo.png" "$WORK/future.png" && touch -d @10000000000 "$WORK/future.png"
run_bin future-inspect inspect "$WORK/future.png"
run_bin future-upload upload-image "$WORK/future.png" --type logo "${OUT_OPTS[@]}"
check "a file modified in 2286: inspect and upload-image exit 0" bash -c "
    [ $(rc_of future-inspect) -eq 0 ] && [ $(rc_of future-upload) -eq 0 ] && ! grep -q 'Fatal error' '$WORK/future-inspect.err' '$WORK/future-upload.err'"
# Output that cannot be written never cuts a batch short.
entries() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entries"]))' "$1"; }
BEFORE=$(entries "$OUT_HISTORY")
"$BIN" upload-image "$SAMPLES/logo.png" "$SAMPLES/thumbnail.gif" --type thumbnail "${OUT_OPTS[@]}" > /dev/full 2> "$WORK/full.err"
rc=$?
check "stdout on a full disk: exit 1, both files uploaded, one line saying so ($rc)" bash -c "
    [ $rc -eq 1 ] && [ $(entries "$OUT_HISTORY") -eq $((BEFORE + 2)) ] &&
    tail -n 1 '$WORK/full.err' | grep -qF 'error: the output could not be written: No space left on device; anything uploaded is recorded: \`marketplace-assets --base-url $BASE_URL --history $OUT_HISTORY history\` lists it.' && ! grep -q 'Fatal error' '$WORK/full.err'"
# ... naming the demo's history under --demo, and quoting a path a shell would split.
mkdir -p "$WORK/with space"
"$BIN" --demo upload-image "$SAMPLES/logo.png" --type logo > /dev/full 2> "$WORK/full-demo.err"
"$BIN" upload-image "$SAMPLES/logo.png" --type logo --base-url "$BASE_URL" --history "$WORK/with space/h.json" > /dev/full 2> "$WORK/full-space.err"
(cp "$SAMPLES/logo.png" "$WORK/relative-logo.png" && cd "$WORK" && "$BIN" upload-image relative-logo.png --type logo --base-url "$BASE_URL" --history rel.json > /dev/full 2> "$WORK/full-relative.err")
printf '%s\n' "\`marketplace-assets --demo history\` lists it." > "$WORK/full-demo.want"
printf '%s\n' "\`marketplace-assets --base-url $BASE_URL --history '$WORK/with space/h.json' history\` lists it." > "$WORK/full-space.want"
check "... the hint names --demo, and --base-url and --history (absolute, quoted for a shell)" bash -c "
    tail -n 1 '$WORK/full-demo.err' | grep -qFf '$WORK/full-demo.want' && tail -n 1 '$WORK/full-space.err' | grep -qFf '$WORK/full-space.want' &&
    tail -n 1 '$WORK/full-relative.err' | grep -qF -- '--history $WORK/rel.json history\`'"
# ... and a removal whose output cannot be written says it was made (one entry or two).
REMOVE_IDS=$(jq -r '.entries[-2:][] | .entryId' "$OUT_HISTORY")
"$BIN" history --remove $(echo "$REMOVE_IDS" | head -n 1) "${OUT_OPTS[@]}" > /dev/full 2> "$WORK/full-remove.err"
rc=$?
"$BIN" history --remove $(echo "$REMOVE_IDS" | tail -n 1) "${OUT_OPTS[@]}" >&- 2> "$WORK/closed-remove.err"
check "history --remove with stdout full or closed: exit 1, saying the entry was removed all the same, and it was ($rc)" bash -c "
    [ $rc -eq 1 ] && tail -n 1 '$WORK/full-remove.err' | grep -qFx 'error: the output could not be written: No space left on device; the entry was removed all the same.' &&
    tail -n 1 '$WORK/closed-remove.err' | grep -qFx 'error: the output could not be written: Bad file descriptor; the entry was removed all the same.' &&
    [ $(entries "$OUT_HISTORY") -eq $((BEFORE)) ]"
# TZ as libc reads it (`:Area/City`, a POSIX rule): the same times as the zone's name gives, not UTC's.
TZ=Asia/Kolkata "$BIN" history "${OUT_OPTS[@]}" > "$WORK/tz-name.out" 2>&1
TZ=:Asia/Kolkata "$BIN" history "${OUT_OPTS[@]}" > "$WORK/tz-colon.out" 2>&1
TZ=IST-5:30 "$BIN" history "${OUT_OPTS[@]}" > "$WORK/tz-rule.out" 2>&1
TZ=UTC "$BIN" history "${OUT_OPTS[@]}" > "$WORK/tz-utc.out" 2>&1
check "TZ=:Asia/Kolkata and TZ=IST-5:30 show the times TZ=Asia/Kolkata shows, not UTC's" bash -c "
    cmp -s '$WORK/tz-name.out' '$WORK/tz-colon.out' && cmp -s '$WORK/tz-name.out' '$WORK/tz-rule.out' && ! cmp -s '$WORK/tz-name.out' '$WORK/tz-utc.out'"
# Shell completion, as bash runs it: file and folder names where the arguments take them, the suggested imageTypes.
mkdir -p "$WORK/completion/shots" && touch "$WORK/completion/icon.png" "$WORK/completion/hist.json"
"$BIN" --generate-completion-script bash > "$WORK/completion.bash"
complete_line() { (cd "$WORK/completion" && bash "$REPO_ROOT/scripts/e2e/complete.sh" "$WORK/completion.bash" "$1" | tr '\n' ' '); }
REPO_ROOT=$PWD
OFFERED="$(complete_line 'marketplace-assets upload-image ic')|$(complete_line 'marketplace-assets inspect ic')|$(complete_line 'marketplace-assets tui sh')|$(complete_line 'marketplace-assets --history hi')|$(complete_line 'marketplace-assets upload-image x.png --type t')"
check "bash completion offers files, a folder for tui, the history path and the imageTypes ($OFFERED)" \
    test "$OFFERED" = 'icon.png |icon.png |shots |hist.json |thumbnail title-logo '
# Help asked for before a subcommand's name is that subcommand's (as git --help log), not the TUI's.
"$BIN" --help history > "$WORK/help-before.out" 2>&1; rc_before=$?
"$BIN" --demo -h auth status > "$WORK/help-before-auth.out" 2>&1
check "--help history and --demo -h auth status: the subcommand's help, exit 0 ($rc_before: $(head -n 1 "$WORK/help-before.out" | head -c 60))" bash -c "
    [ $rc_before -eq 0 ] && head -n 1 '$WORK/help-before.out' | grep -q '^OVERVIEW: List the images and artifacts uploaded before' &&
    grep -q '^USAGE: marketplace-assets auth status' '$WORK/help-before-auth.out'"
# Help and the version are output as any other: into a full disk they fail, saying so.
"$BIN" --version > /dev/full 2> "$WORK/full-version.err"; rc_version=$?
"$BIN" help history > /dev/full 2> "$WORK/full-help.err"; rc_help=$?
check "--version and help into a full disk: exit 1 with the one error line ($rc_version, $rc_help)" bash -c "
    [ $rc_version -eq 1 ] && [ $rc_help -eq 1 ] &&
    grep -qx 'error: the output could not be written: No space left on device.' '$WORK/full-version.err' &&
    grep -qx 'error: the output could not be written: No space left on device.' '$WORK/full-help.err'"
BEFORE=$(entries "$OUT_HISTORY")
"$BIN" upload-image "$SAMPLES/logo.png" "$SAMPLES/thumbnail.gif" "$SAMPLES/app-icon.png" --type thumbnail "${OUT_OPTS[@]}" 2> "$WORK/pipe.err" | head -n 1 > /dev/null
rc=${PIPESTATUS[0]}
check "a reader that stops after one line (| head -n 1): exit 0, all 3 uploaded, no error ($rc)" bash -c "
    [ $rc -eq 0 ] && [ $(entries "$OUT_HISTORY") -eq $((BEFORE + 3)) ] && ! grep -q error '$WORK/pipe.err'"
"$BIN" history "${OUT_OPTS[@]}" 1>&- 2> "$WORK/closed.err"
rc=$?
check "a closed stdout: exit 1 and one line, the history untouched ($rc)" bash -c "
    [ $rc -eq 1 ] && grep -q '^error: the output could not be written: Bad file descriptor' '$WORK/closed.err' && python3 -m json.tool '$OUT_HISTORY' > /dev/null"
cp "$BATCH_HISTORY" "$WORK/batch-history.before"
run_bin batch-missing upload-image "$SAMPLES/app-icon.png" "$WORK/missing.png" "$SAMPLES/logo.png" --type icon --json "${BATCH_OPTS[@]}"
check "a missing file among several: exit 1, nothing on stdout" bash -c "[ $(rc_of batch-missing) -eq 1 ] && [ ! -s '$WORK/batch-missing.out' ]"
check "... one line naming it, then 'nothing was uploaded'" bash -c "
    [ \$(wc -l < '$WORK/batch-missing.err') -eq 2 ] && head -n 1 '$WORK/batch-missing.err' | grep -qF 'error: $WORK/missing.png does not exist' &&
    tail -n 1 '$WORK/batch-missing.err' | grep -q 'nothing was uploaded: 1 of 3 files refused'"
check "... and no upload was made" cmp -s "$BATCH_HISTORY" "$WORK/batch-history.before"
make_jar "$WORK/batch-c.jar" com.example.batch-c 1.0.0
run_bin batch-dup upload-artifact "$WORK/batch-c.jar" "$WORK/batch-a.jar" "${BATCH_OPTS[@]}"
check "a jar already on the server among several: exit 1, naming it, nothing uploaded" bash -c "
    [ $(rc_of batch-dup) -eq 1 ] && grep -q 'batch-a.jar: com.example.batch-a 1.0.0 is already on this server' '$WORK/batch-dup.err' &&
    cmp -s '$BATCH_HISTORY' '$WORK/batch-history.before'"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("atlassian-plugin.xml", "<atlassian-plugin key=\"k\" plugins-version=\"3\"/>")' "$WORK/batch-p3.jar"
run_bin batch-refused upload-artifact "$WORK/batch-c.jar" "$WORK/batch-p3.jar" "${BATCH_OPTS[@]}"
check "a jar Marketplace refuses for its descriptor (plugins-version 3) among several: exit 1, nothing uploaded" bash -c "
    [ $(rc_of batch-refused) -eq 1 ] && grep -q 'batch-p3.jar: The atlassian-plugin.xml of batch-p3.jar has plugins-version=.3.' '$WORK/batch-refused.err' &&
    cmp -s '$BATCH_HISTORY' '$WORK/batch-history.before'"
# A multi-module build with resource filtering off: every jar says ${atlassian.plugin.key} ${project.version}.
for module in a b; do
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("atlassian-plugin.xml",
        "<atlassian-plugin key=\"${atlassian.plugin.key}\" plugins-version=\"2\"><plugin-info><version>${project.version}</version></plugin-info></atlassian-plugin>")' \
        "$WORK/module-$module.jar"
done
run_bin batch-unfiltered upload-artifact "$WORK/module-a.jar" "$WORK/module-b.jar" "${BATCH_OPTS[@]}"
check "two modules' jars with the build's \${…} left in: refused as one build twice, saying to mend the build, not to add --allow-duplicate" bash -c "
    [ $(rc_of batch-unfiltered) -eq 1 ] && grep -q 'module-b.jar: .* is given twice in this call (also as .*module-a.jar). The build did not fill in atlassian-plugin.xml.s \${…} (Maven resource filtering off?)' '$WORK/batch-unfiltered.err' &&
    cmp -s '$BATCH_HISTORY' '$WORK/batch-history.before'"
# A missing file does not hide the other refusals: one run names them all (a release fixed in one go).
cp "$WORK/batch-c.jar" "$WORK/batch-c-again.jar"
run_bin batch-all-refusals upload-artifact "$WORK/no-such.jar" "$WORK/batch-c.jar" "$WORK/batch-c-again.jar" "$WORK/batch-a.jar" "${BATCH_OPTS[@]}"
check "a missing jar, a build given twice and one on the server: each named in one run, 3 of 4 refused ($(tail -n 1 "$WORK/batch-all-refusals.err"))" bash -c "
    [ $(rc_of batch-all-refusals) -eq 1 ] && grep -q 'no-such.jar does not exist' '$WORK/batch-all-refusals.err' &&
    grep -q 'batch-c-again.jar: com.example.batch-c 1.0.0 is given twice in this call' '$WORK/batch-all-refusals.err' &&
    grep -q 'batch-a.jar: com.example.batch-a 1.0.0 is already on this server' '$WORK/batch-all-refusals.err' &&
    tail -n 1 '$WORK/batch-all-refusals.err' | grep -q 'nothing was uploaded: 3 of 4 files refused' &&
    cmp -s '$BATCH_HISTORY' '$WORK/batch-history.before'"
run_bin batch-twice upload-artifact "$WORK/batch-c.jar" "$WORK/batch-c.jar" "${BATCH_OPTS[@]}"
check "the same build twice in one call is refused too" bash -c "[ $(rc_of batch-twice) -eq 1 ] && grep -q 'is given twice in this call' '$WORK/batch-twice.err'"
mkdir -p "$WORK/same-name-1" "$WORK/same-name-2"
cp "$SAMPLES/app-icon.png" "$WORK/same-name-1/x.png" && cp "$SAMPLES/banner-small.png" "$WORK/same-name-2/x.png"
# (A history of their own: the fragments below are made from the batch history.)
SAME_OPTS=(--base-url "$BASE_URL" --history "$WORK/same-name-history.json")
run_bin batch-same-name upload-image "$WORK/same-name-1/x.png" "$WORK/same-name-2/x.png" --type screenshot "${SAME_OPTS[@]}"
check "two files of one name in one call: the lines name each by its path (the second, too large, fails)" bash -c "
    [ $(rc_of batch-same-name) -eq 1 ] && grep -q '^error: \[2/2\] $WORK/same-name-2/x.png: ' '$WORK/batch-same-name.err' &&
    tail -n 1 '$WORK/batch-same-name.err' | grep -q 'failed: $WORK/same-name-2/x.png'"
cp "$WORK/same-name-history.json" "$WORK/same-name-history.before"
ln -f "$WORK/same-name-1/x.png" "$WORK/same-name-1/hard-link.png"
run_bin image-twice upload-image "$WORK/same-name-1/x.png" "$WORK/same-name-1/../same-name-1/x.png" "$WORK/same-name-1/hard-link.png" --type screenshot "${SAME_OPTS[@]}"
check "the same image thrice in one call (two spellings of its path, a hard link): refused before any upload" bash -c "
    [ $(rc_of image-twice) -eq 1 ] && grep -q 'x.png is given 3 times in this call (also as $WORK/same-name-1/x.png)' '$WORK/image-twice.err' &&
    grep -q 'hard-link.png is given 3 times in this call (also as $WORK/same-name-1/x.png)' '$WORK/image-twice.err' &&
    cmp -s '$WORK/same-name-history.json' '$WORK/same-name-history.before'"
# A build's main jar and its Maven sources jar (same descriptor), as app-1.0.0*.jar lists them:
# the sources jar is the one refused, though it comes first.
mkdir -p "$WORK/side-jars" && cp "$JAR" "$WORK/side-jars/app-9.0.0.jar" && cp "$JAR" "$WORK/side-jars/app-9.0.0-sources.jar"
run_bin side-jars upload-artifact "$WORK/side-jars/app-9.0.0-sources.jar" "$WORK/side-jars/app-9.0.0.jar" --history "$WORK/side-jars/h.json"
check "a main jar and its -sources.jar in one call: the sources jar is refused, not the main one ($(head -c 200 "$WORK/side-jars.err"))" bash -c "
    [ $(rc_of side-jars) -eq 1 ] && grep -q 'app-9.0.0-sources.jar: .* is given twice in this call (also as .*app-9.0.0.jar). It is Maven.s sources jar, not the app Marketplace installs: leave it out.' '$WORK/side-jars.err' &&
    ! grep -q 'app-9.0.0.jar: .* given twice' '$WORK/side-jars.err'"
run_bin side-jars-inspect inspect "$WORK/side-jars/app-9.0.0-sources.jar" "$WORK/side-jars/app-9.0.0.jar" --json
check "... and inspect warns of the twice on that sources jar too, its reports in the order given" python3 -c "
import json, sys
elements = json.load(open('$WORK/side-jars-inspect.out'))
assert [e['file'].rsplit('/', 1)[1] for e in elements] == ['app-9.0.0-sources.jar', 'app-9.0.0.jar'], elements
twice = [[w for w in e['warnings'] if 'given twice in this call' in w] for e in elements]
assert len(twice[0]) == 1 and 'also as $WORK/side-jars/app-9.0.0.jar' in twice[0][0] and twice[1] == [], twice"
run_bin history-slash history --history "$WORK/folder-history/"
check "--history ending in '/': one line saying it names a folder, exit 1" bash -c "
    [ $(rc_of history-slash) -eq 1 ] && grep -q \"folder-history/ names a folder\" '$WORK/history-slash.err'"
run_bin history-dot upload-image "$PNG" --type icon --history "$WORK/new-history-folder/."
check "--history NEW/. : refused as a folder, and neither NEW nor a lock file made" bash -c "
    [ $(rc_of history-dot) -eq 1 ] && grep -q \"new-history-folder/. names a folder\" '$WORK/history-dot.err' && [ ! -e '$WORK/new-history-folder' ]"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("atlassian-plugin.xml", "<atlassian-plugin name=\"x\" plugins-version=\"2\"><plugin-info><version>1</version></plugin-info></atlassian-plugin>")' "$WORK/nokey.jar"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("atlassian-plugin.xml", "<atlassian-plugin key=\"k\" plugins-version=\"3\"/>")' "$WORK/pv3.jar"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("README", "no descriptor")' "$WORK/nodesc.jar"
run_bin inspect-nokey inspect "$WORK/nokey.jar"
check "inspect of a jar without a plugin key refuses it as upload-artifact does: one line, nothing on stdout, exit 1" bash -c "
    [ $(rc_of inspect-nokey) -eq 1 ] && [ ! -s '$WORK/inspect-nokey.out' ] &&
    grep -qx 'error: The atlassian-plugin.xml of nokey.jar names no plugin key. Marketplace refuses such an artifact, so upload-artifact would not send it.' '$WORK/inspect-nokey.err'"
# One file refused is named as given, as in a batch (not by its bare name).
run_bin one-refused-jar upload-artifact "$WORK/nodesc.jar" --base-url "$BASE_URL"
run_bin one-refused-image upload-image "$WORK/nodesc.jar" --type icon --base-url "$BASE_URL"
check "one file refused by upload-artifact or upload-image: named as given" bash -c "
    grep -q '^error: $WORK/nodesc.jar has no atlassian-plugin.xml' '$WORK/one-refused-jar.err' &&
    grep -q '^error: $WORK/nodesc.jar is not an image' '$WORK/one-refused-image.err'"
run_bin inspect-refused-jars inspect "$WORK/nokey.jar" "$WORK/pv3.jar" "$WORK/nodesc.jar" "$SAMPLES/sample-plugin-1.0.0.jar" --json
check "inspect of jars Marketplace refuses (no key, plugins-version 3, no descriptor): each an error element, the good jar reported, exit 1" python3 -c '
import json, sys
elements = json.load(open(sys.argv[1]))
assert [sorted(e) for e in elements[:3]] == [["error", "file"]] * 3, elements
assert "plugins-version=\"3\"" in elements[1]["error"] and "has no atlassian-plugin.xml" in elements[2]["error"], elements
assert elements[3]["details"]["key"] == "com.example.sample-plugin", elements[3]
assert int(sys.argv[2]) == 1
' "$WORK/inspect-refused-jars.out" "$(rc_of inspect-refused-jars)"

# --- Listing fragments (issue 12): history --snippet, from the batch history above ----------
run_bin snippet history --snippet "${BATCH_OPTS[@]}"
check "history --snippet exits 0" test "$(rc_of snippet)" -eq 0
check "... valid JSON: the logo as iconFileId, screenshots in upload order, thumbnails, artifacts with whole links" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1])); images = json.load(open(sys.argv[2])); one = json.load(open(sys.argv[3])); jars = json.load(open(sys.argv[4]))
base = sys.argv[5]
assert doc["images"] == {"iconFileId": one["id"]}, doc
assert doc["screenshots"] == [{"imageId": images[0]["id"], "caption": ""}, {"imageId": images[2]["id"], "caption": ""}], doc
assert len(doc["thumbnails"]) == 2, doc
ids = [j["_links"]["self"]["href"].rsplit("/", 1)[1] for j in jars]
assert [a["artifactId"] for a in doc["artifacts"]] == ids, doc
assert all(a["self"] == base + "/rest/3/artifacts/" + a["artifactId"] and a["binary"].startswith(base + "/") for a in doc["artifacts"]), doc' \
    "$WORK/snippet.out" "$WORK/batch-images.out" "$WORK/batch-one.out" "$WORK/batch-jars.out" "$BASE_URL"
# ... saying on stderr what it leaves out or mixes: the failed upload among them, two apps' jars,
# and, with a second icon, the one it left out (a vendor's two apps on one server, or two releases).
check "... warning of the failed upload it leaves out and of the artifacts of two apps" bash -c "
    grep -q 'is a failed attempt, so it has no fragment' '$WORK/snippet.err' &&
    grep -q 'these artifacts are of 2 apps (com.example.batch-a, com.example.batch-b)' '$WORK/snippet.err'"
cp "$BATCH_HISTORY" "$WORK/two-icons.json"
OTHER_ICON=$("$BIN" upload-image "$PNG" --type icon --json --base-url "$BASE_URL" --history "$WORK/two-icons.json" | jq -r .id)
run_bin snippet-two-icons history --snippet --base-url "$BASE_URL" --history "$WORK/two-icons.json"
check "... two icons: the last in iconFileId, the other named on stderr as left out" bash -c "
    [ $(rc_of snippet-two-icons) -eq 0 ] && jq -e --arg id '$OTHER_ICON' '.images.iconFileId == \$id' '$WORK/snippet-two-icons.out' > /dev/null &&
    grep -q \"2 images for iconFileId: the newest, $OTHER_ICON .*; left out: $(jq -r .id "$WORK/batch-one.out")\" '$WORK/snippet-two-icons.err'"
# Two versions of one app (a release and its fix): an app version takes one artifact.
cp "$BATCH_HISTORY" "$WORK/two-versions.json"
make_jar "$WORK/batch-a-fix.jar" com.example.batch-a 1.0.1
"$BIN" upload-artifact "$WORK/batch-a-fix.jar" --base-url "$BASE_URL" --history "$WORK/two-versions.json" > /dev/null 2>&1 < /dev/null
run_bin snippet-two-versions history --snippet --kind artifact --base-url "$BASE_URL" --history "$WORK/two-versions.json"
check "... two versions of one app: warned, naming them ($(grep versions "$WORK/snippet-two-versions.err" | head -c 160))" bash -c "
    [ $(rc_of snippet-two-versions) -eq 0 ] && grep -q 'these artifacts are 2 versions of com.example.batch-a (1.0.0, 1.0.1), and an app version takes one' '$WORK/snippet-two-versions.err'"
# A decade of releases: the warning names ten and counts the rest, a line to read.
python3 - "$WORK/many-versions.json" <<'PY'
import json, sys, uuid
entries = [dict(entryId=str(uuid.uuid4()).upper(), kind="artifact", createdAt=f"2026-01-{day:02d}T00:00:00.000Z", id=f"art-{day}",
                name=f"many-1.0.{day}.jar", serverURL="https://jq.invalid", verified=True,
                artifact={"fileInfo": {"logicalFileName": f"many-1.0.{day}.jar", "size": 1},
                          "details": {"key": "com.example.many", "version": f"1.0.{day}"},
                          "_links": {"self": {"href": f"/rest/3/artifacts/art-{day}"}}}) for day in range(1, 13)]
json.dump({"schemaVersion": 2, "entries": entries}, open(sys.argv[1], "w"))
PY
run_bin snippet-many-versions --history "$WORK/many-versions.json" --base-url https://jq.invalid history --snippet --kind artifact
check "... twelve versions of one app: ten named and 2 more counted ($(grep versions "$WORK/snippet-many-versions.err" | head -c 200))" bash -c "
    [ $(rc_of snippet-many-versions) -eq 0 ] && grep -q 'these artifacts are 12 versions of com.example.many ([0-9., ]* and 2 more), and an app version takes one' '$WORK/snippet-many-versions.err' &&
    [ \$(grep versions '$WORK/snippet-many-versions.err' | wc -c) -lt 300 ]"
run_bin snippet-images history --snippet --kind image --json "${BATCH_OPTS[@]}"
check "history --snippet --kind image --json: images only, through jq" bash -c "
    [ $(rc_of snippet-images) -eq 0 ] && jq -e '.artifacts == null and (.screenshots | length) == 2' '$WORK/snippet-images.out' > /dev/null"
run_bin snippet-none history --snippet --since 2099-01-01 "${BATCH_OPTS[@]}"
check "history --snippet that selects nothing: {} on stdout, exit 0, and stderr says the fragment is empty" bash -c "
    [ $(rc_of snippet-none) -eq 0 ] && jq -e '. == {}' '$WORK/snippet-none.out' > /dev/null && grep -q '^no history entries since 2099-01-01.*, so the fragment is empty' '$WORK/snippet-none.err'"
run_bin snippet-remove history --snippet --remove-failed "${BATCH_OPTS[@]}"
check "history --snippet with --remove-failed is a usage error" test "$(rc_of snippet-remove)" -eq 64
# One release's fragments: the IDs chosen, in the order given; or the entries since a time.
SHOT_1=$(jq -r '.[0].id' "$WORK/batch-images.out"); SHOT_3=$(jq -r '.[2].id' "$WORK/batch-images.out")
run_bin snippet-ids history "$SHOT_3" "$SHOT_1" --snippet "${BATCH_OPTS[@]}"
check "history ID ID --snippet: those screenshots only, in the order given" bash -c "
    [ $(rc_of snippet-ids) -eq 0 ] && jq -e --arg a '$SHOT_3' --arg b '$SHOT_1' '.screenshots == [{imageId: \$a, caption: \"\"}, {imageId: \$b, caption: \"\"}] and .artifacts == null' '$WORK/snippet-ids.out' > /dev/null"
run_bin since-recent history --since 1h --json "${BATCH_OPTS[@]}"
run_bin since-all history --json "${BATCH_OPTS[@]}"
run_bin since-future history --since 2999-01-01 --json "${BATCH_OPTS[@]}"
run_bin since-minus history --since -1h --json "${BATCH_OPTS[@]}"
check "history --since 1h (or -1h, as journalctl) lists this run's entries; --since 2999-01-01 none" bash -c "
    [ \$(jq length '$WORK/since-recent.out') -eq \$(jq length '$WORK/since-all.out') ] && [ \$(jq length '$WORK/since-recent.out') -gt 0 ] && [ \$(jq length '$WORK/since-future.out') -eq 0 ] &&
    cmp -s '$WORK/since-recent.out' '$WORK/since-minus.out'"
run_bin since-bad history --since yesterday "${BATCH_OPTS[@]}"
check "history --since yesterday is a usage error naming the forms it takes" bash -c "
    [ $(rc_of since-bad) -eq 64 ] && grep -q -- '--since takes a date (2026-12-01' '$WORK/since-bad.err'"
run_bin ids-unknown history img-00000-nothere "${BATCH_OPTS[@]}"
check "history with an ID it lacks: exit 1, naming it" bash -c "
    [ $(rc_of ids-unknown) -eq 1 ] && grep -q 'has the ID img-00000-nothere' '$WORK/ids-unknown.err'"
run_bin ids-unknown-3 history --remove img-aaa img-bbb img-ccc "${BATCH_OPTS[@]}"
check "history --remove with three IDs it lacks names all three in one line, removing nothing" bash -c "
    [ $(rc_of ids-unknown-3) -eq 1 ] && [ \$(wc -l < '$WORK/ids-unknown-3.err') -eq 1 ] &&
    grep -q 'has the IDs img-aaa, img-bbb or img-ccc; nothing was removed' '$WORK/ids-unknown-3.err'"

# --- --timeout SECONDS (issue 12): a bad value is one line (exit 64); the timeout names the option.
for bad in abc 0 -3 100000; do
    run_bin timeout-bad history --timeout="$bad" "${BATCH_OPTS[@]}"
    check "--timeout=$bad exits 64 with one line naming the option" bash -c "
        [ $(rc_of timeout-bad) -eq 64 ] && [ \$(wc -l < '$WORK/timeout-bad.err') -eq 1 ] && grep -q -- '--timeout must be a number of seconds' '$WORK/timeout-bad.err'"
done
python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
held = []
while True:
    held.append(s.accept()[0])
    with open(sys.argv[1] + ".accepted", "a") as log: log.write("accepted\n")
' "$WORK/silent.port" &
SILENT_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/silent.port" ] && break; sleep 0.05; done
SILENT_URL="http://127.0.0.1:$(cat "$WORK/silent.port")/marketplace"
# The connections the silent server has taken; `silent_took N` waits (30 s at most) until it has
# taken more than N, and half a second more (a small file is sent whole at once): a signal sent
# after a fixed wait came, on a loaded machine, while the files were still being checked.
silent_connections() { cat "$WORK/silent.port.accepted" 2> /dev/null | wc -l; }
silent_took() {
    for _ in $(seq 1 150); do [ "$(silent_connections)" -gt "$1" ] && break; sleep 0.2; done
    sleep 0.5
}
# start_on_silent OUT ERR ARGS...: starts the binary with ARGS against the silent server as a
# terminal's job runs (Ctrl-C and Ctrl-\ reach it; a script's background job ignores them), its
# output in OUT and ERR, sets JOB, and returns once the server has taken its connection.
start_on_silent() {
    local out=$1 err=$2 taken
    shift 2
    taken=$(silent_connections)
    set -m
    "$BIN" "$@" --base-url "$SILENT_URL" > "$out" 2> "$err" &
    JOB=$!
    set +m
    silent_took "$taken"
}
START=$SECONDS
run_bin timeout-silent upload-image "$SAMPLES/app-icon.png" --type icon --timeout 1 --base-url "$SILENT_URL" --history "$WORK/silent-history.json"
check "--timeout 1 against a server that never answers: exit 1 within seconds ($((SECONDS - START)) s)" bash -c "
    [ $(rc_of timeout-silent) -eq 1 ] && [ $((SECONDS - START)) -lt 30 ]"
check "... the message gives the timeout and names --timeout: $(head -c 200 "$WORK/timeout-silent.err")" bash -c "
    grep -q 'within 1 s' '$WORK/timeout-silent.err' && grep -qF -- '--timeout SECONDS' '$WORK/timeout-silent.err'"
# TLS failures in words: a plain HTTP port given as https://, a self-signed certificate.
TLS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/tls.key" -out "$WORK/tls.crt" -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost 2> /dev/null
openssl s_server -accept "$TLS_PORT" -cert "$WORK/tls.crt" -key "$WORK/tls.key" -www -quiet > /dev/null 2>&1 &
TLS_PID=$!
for _ in $(seq 1 100); do (exec 3<> "/dev/tcp/127.0.0.1/$TLS_PORT") 2> /dev/null && break; sleep 0.05; done
run_bin tls-self-signed artifact abc --base-url "https://localhost:$TLS_PORT/marketplace" --history "$WORK/silent-history.json"
check "a self-signed certificate: one line that says so ($(cat "$WORK/tls-self-signed.err"))" bash -c "
    [ $(rc_of tls-self-signed) -eq 1 ] && [ \$(wc -l < '$WORK/tls-self-signed.err') -eq 1 ] &&
    grep -q 'Could not connect securely to localhost: its certificate could not be verified' '$WORK/tls-self-signed.err' &&
    grep -q 'with SSL_CERT_FILE' '$WORK/tls-self-signed.err'"
# SSL_CERT_FILE: a bundle holding that certificate makes the connection; the server (openssl's
# status page) is then found to be no Marketplace API, which is the point: TLS passed.
SSL_CERT_FILE="$WORK/tls.crt" run_bin tls-bundle artifact abc --base-url "https://localhost:$TLS_PORT/marketplace" --history "$WORK/silent-history.json"
check "SSL_CERT_FILE naming a bundle with the server's CA: TLS succeeds ($(cat "$WORK/tls-bundle.err"))" bash -c "
    [ $(rc_of tls-bundle) -eq 1 ] && ! grep -q 'securely' '$WORK/tls-bundle.err' && grep -q 'web page\|not what the API documents' '$WORK/tls-bundle.err'"
# A secure server that takes the request and never answers: the line comes after --timeout, not
# after NIOSSL's 5 s wait for the server's own close besides (7 s for --timeout 2).
TLS_SILENT_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$WORK/tls.crt" "$WORK/tls.key" "$TLS_SILENT_PORT" <<'PY' &
import socket, ssl, sys, threading, time
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); context.load_cert_chain(sys.argv[1], sys.argv[2])
server = socket.socket(); server.bind(("127.0.0.1", int(sys.argv[3]))); server.listen(4)
def hold(connection):
    try:
        secure = context.wrap_socket(connection, server_side=True); secure.recv(65536); time.sleep(30)
    except Exception:
        pass
while True:
    threading.Thread(target=hold, args=(server.accept()[0],), daemon=True).start()
PY
TLS_SILENT_PID=$!
for _ in $(seq 1 100); do (exec 3<> "/dev/tcp/127.0.0.1/$TLS_SILENT_PORT") 2> /dev/null && break; sleep 0.05; done
START_MS=$(date +%s%3N)
SSL_CERT_FILE="$WORK/tls.crt" run_bin tls-silent artifact abc --base-url "https://localhost:$TLS_SILENT_PORT/marketplace" --history "$WORK/silent-history.json" --timeout 1
TLS_SILENT_MS=$(( $(date +%s%3N) - START_MS ))
kill $TLS_SILENT_PID 2> /dev/null; wait $TLS_SILENT_PID 2> /dev/null
check "a secure server that never answers, --timeout 1: the line within 5 s, not 1 + NIOSSL's 5 (${TLS_SILENT_MS} ms: $(head -c 100 "$WORK/tls-silent.err"))" bash -c "
    [ $(rc_of tls-silent) -eq 1 ] && grep -q 'No answer from localhost within 1 s' '$WORK/tls-silent.err' && [ $TLS_SILENT_MS -lt 5000 ]"
SSL_CERT_FILE="$WORK/no-such-bundle.pem" run_bin tls-no-bundle artifact abc --base-url "https://localhost:$TLS_PORT/marketplace" --history "$WORK/silent-history.json"
printf 'not a certificate\n' > "$WORK/not-a-bundle.pem"
SSL_CERT_FILE="$WORK/not-a-bundle.pem" run_bin tls-bad-bundle artifact abc --base-url "https://localhost:$TLS_PORT/marketplace" --history "$WORK/silent-history.json"
check "SSL_CERT_FILE naming a missing file or one without certificates: one line each, exit 1" bash -c "
    [ $(rc_of tls-no-bundle) -eq 1 ] && grep -qx 'error: SSL_CERT_FILE names $WORK/no-such-bundle.pem, which cannot be read: point it at a bundle of CA certificates, or unset it to trust the system.s.' '$WORK/tls-no-bundle.err' &&
    [ $(rc_of tls-bad-bundle) -eq 1 ] && grep -q 'not-a-bundle.pem, which holds no PEM certificate' '$WORK/tls-bad-bundle.err'"
kill $TLS_PID 2> /dev/null; wait $TLS_PID 2> /dev/null
run_bin tls-plain artifact abc --base-url "https://127.0.0.1:$(cat "$WORK/silent.port")/marketplace" --history "$WORK/silent-history.json" --timeout 2
check "https:// to a port that does not speak TLS: one line ($(cat "$WORK/tls-plain.err"))" bash -c "
    [ $(rc_of tls-plain) -eq 1 ] && [ \$(wc -l < '$WORK/tls-plain.err') -eq 1 ] && grep -q 'did not answer in TLS' '$WORK/tls-plain.err'"
# HTTPS_PROXY: an https base URL goes through the proxy in a CONNECT tunnel, its credentials
# from the URL; NO_PROXY names hosts that do not; a refusal is one line naming the proxy.
python3 - "$WORK/proxy.log" <<'PY' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1] + ".port.tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".port.tmp", sys.argv[1] + ".port")
while True:
    c, _ = s.accept(); data = b""
    while b"\r\n\r\n" not in data:
        chunk = c.recv(4096)
        if not chunk: break
        data += chunk
    with open(sys.argv[1], "a") as log: log.write(data.decode("latin-1").split("\r\n\r\n")[0] + "\n")
    c.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"); c.close()
PY
PROXY_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/proxy.log.port" ] && break; sleep 0.05; done
PROXY_URL="http://proxy%40user:pa%3Ass@127.0.0.1:$(cat "$WORK/proxy.log.port")"
HTTPS_PROXY=$PROXY_URL run_bin proxied artifact abc --base-url "https://marketplace.invalid/marketplace" --history "$WORK/silent-history.json"
check "through HTTPS_PROXY: a CONNECT to the API's host, with the proxy's credentials and not the API's" bash -c "
    grep -q '^CONNECT marketplace.invalid:443 HTTP/1.1' '$WORK/proxy.log' &&
    grep -qi '^proxy-authorization: Basic $(printf 'proxy@user:pa:ss' | base64)' '$WORK/proxy.log' && ! grep -qi '^authorization:' '$WORK/proxy.log'"
check "... the proxy's refusal is one line naming it ($(cat "$WORK/proxied.err"))" bash -c "
    [ $(rc_of proxied) -eq 1 ] && [ \$(wc -l < '$WORK/proxied.err') -eq 1 ] &&
    grep -q 'The proxy 127.0.0.1:[0-9]* of HTTPS_PROXY opened no tunnel to marketplace.invalid' '$WORK/proxied.err'"
HTTPS_PROXY=http://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])') \
    run_bin proxy-gone artifact abc --base-url "https://marketplace.invalid/marketplace" --history "$WORK/silent-history.json"
check "a proxy that cannot be reached is named as such, with its variable ($(cat "$WORK/proxy-gone.err"))" bash -c "
    [ $(rc_of proxy-gone) -eq 1 ] && grep -q 'Could not connect to the proxy 127.0.0.1:[0-9]* that HTTPS_PROXY names' '$WORK/proxy-gone.err'"
: > "$WORK/proxy.log"
HTTPS_PROXY=$PROXY_URL NO_PROXY=.invalid run_bin not-proxied artifact abc --base-url "https://marketplace.invalid/marketplace" --history "$WORK/silent-history.json" --timeout 2
check "NO_PROXY=.invalid: the proxy is not asked" bash -c "[ $(rc_of not-proxied) -eq 1 ] && [ ! -s '$WORK/proxy.log' ]"
kill $PROXY_PID 2> /dev/null; wait $PROXY_PID 2> /dev/null
# A server that takes a file and then says nothing: after the first file's timeout the rest are
# not started (each would wait as long, and be one more upload the server may have made).
"$BIN" upload-image "$SAMPLES/app-icon.png" "$SAMPLES/logo.png" "$SAMPLES/banner.jpg" --type icon --json --timeout 1 \
    --base-url "$SILENT_URL" --history "$WORK/silent-batch-history.json" > "$WORK/silent-batch.out" 2> "$WORK/silent-batch.err"
check "a batch to a server gone silent: exit 1, the files after the first timeout not started" bash -c "
    [ $? -eq 1 ] && [ \$(jq '[.[1:][] | select(.error == \"not started: the server did not answer in time for app-icon.png, so this file was not tried\")] | length' '$WORK/silent-batch.out') -eq 2 ] &&
    jq -e '.[0].error | startswith(\"No answer from 127.0.0.1 within 1 s after the whole file was sent\")' '$WORK/silent-batch.out' > /dev/null &&
    jq -e '.[0].kind == \"no-answer\"' '$WORK/silent-batch.out' > /dev/null"
# Ctrl-C in a batch: the upload under way stops and says so, the next is not started, exit 130.
start_on_silent "$WORK/interrupted.out" "$WORK/interrupted.err" \
    upload-image "$SAMPLES/app-icon.png" "$SAMPLES/logo.png" --type icon --json --history "$WORK/interrupted-history.json"
kill -INT $JOB
wait $JOB
rc=$?
check "Ctrl-C during a batch upload: exit 130 ($rc)" test $rc -eq 130
# The server took the whole (small) file and said nothing: Marketplace may have made the upload,
# so the history keeps the attempt, as after a timeout (--remove-failed leaves it).
check "... --json names the cut upload and the one not started; the cut one kept as an attempt Marketplace may have made" python3 -c '
import json, os, sys; a = json.load(open(sys.argv[1]))
e = json.load(open(sys.argv[2]))["entries"]
assert len(e) == 1 and "Marketplace may have made the upload anyway" in e[0]["failure"] and "id" not in e[0], e
kept = e[0]["entryId"]
# The command that takes it out names the history and the server given, as run from anywhere.
command = "marketplace-assets --base-url " + sys.argv[3] + " --history " + sys.argv[2] + " history --remove " + kept
assert [x["error"] for x in a] == ["Interrupted after the whole file was sent, before the server answered (Marketplace may have made the upload anyway). The history keeps the attempt (`" + command + "` takes it out).", "not started: interrupted"], a
assert [x["kind"] for x in a] == ["interrupted", "not-started"], a
assert a[0]["entryId"] == kept and "entryId" not in a[1], a' "$WORK/interrupted.out" "$WORK/interrupted-history.json" "$SILENT_URL"
check "... stderr says it waits a moment for the answer, then one line per file, and the counts" bash -c "
    grep -q '^interrupted: the request under way was sent whole, and Marketplace may act on it all the same: waiting up to 2 s for its answer' '$WORK/interrupted.err' &&
    grep -q '^error: \[1/2\] app-icon.png: Interrupted after the whole file was sent' '$WORK/interrupted.err' &&
    grep -q '^error: \[2/2\] logo.png: not started: interrupted' '$WORK/interrupted.err' && ! grep -q 'Fatal error' '$WORK/interrupted.err' &&
    tail -n 1 '$WORK/interrupted.err' | grep -qx 'error: 1 of 2 uploads interrupted: app-icon.png; 1 of 2 uploads not started'"
# GNU timeout sends its signal to the command and then to its whole process group: the same
# signal twice within microseconds is one request, not a second Ctrl-C that ends at once, so
# what finished is still reported (20 ms apart here, so that the two are never merged into one).
start_on_silent "$WORK/twice.out" "$WORK/twice.err" \
    upload-image "$SAMPLES/app-icon.png" "$SAMPLES/logo.png" --type icon --json --history "$WORK/twice-history.json"
kill -INT $JOB; sleep 0.02; kill -INT $JOB
wait $JOB
rc=$?
check "the same signal twice at once (as GNU timeout sends it): exit 130, and --json and stderr still name both files ($rc)" bash -c "
    [ $rc -eq 130 ] && [ \$(jq length '$WORK/twice.out') -eq 2 ] &&
    grep -q '^error: \[2/2\] logo.png: not started: interrupted' '$WORK/twice.err'"
# A second Ctrl-C while the answer to a file sent whole is awaited stops the wait, not the process
# before the history keeps the attempt: the trace of an upload Marketplace may have made.
start_on_silent "$WORK/again.out" "$WORK/again.err" \
    upload-image "$SAMPLES/app-icon.png" --type icon --history "$WORK/again-history.json"
kill -INT $JOB; sleep 0.5
START=$SECONDS
kill -INT $JOB
wait $JOB
rc=$?
check "a second Ctrl-C while the answer is awaited: exit 130 within a second, the attempt kept ($rc, $((SECONDS - START)) s)" bash -c "
    [ $rc -eq 130 ] && [ $((SECONDS - START)) -le 1 ] && grep -q '^interrupted: the request under way was sent whole' '$WORK/again.err' &&
    grep -qx 'interrupted again: no longer waiting for Marketplace.s answer; the history keeps the attempt (another signal ends at once)' '$WORK/again.err' &&
    grep -q '^error: Interrupted after the whole file was sent' '$WORK/again.err' &&
    python3 -c \"import json,sys; e=json.load(open('$WORK/again-history.json'))['entries']; sys.exit(0 if len(e) == 1 and 'may have made' in e[0]['failure'] else 1)\""
TAKEN=$(silent_connections)
"$BIN" artifact abc --base-url "$SILENT_URL" --history "$WORK/interrupted-history.json" > /dev/null 2> "$WORK/term.err" &
JOB=$!
silent_took "$TAKEN"
kill -TERM $JOB
wait $JOB
rc=$?
check "SIGTERM during artifact: exit 143 and one line ($rc)" bash -c "
    [ $rc -eq 143 ] && [ \$(wc -l < '$WORK/term.err') -eq 1 ] && grep -q '^error: interrupted before the server answered' '$WORK/term.err' &&
    ! grep -q 'a file sent' '$WORK/term.err'"
# Ctrl-C once a fetch's request went (the silent server took it): Marketplace may be fetching the
# file, so the history keeps the attempt, as after an upload's whole file; it said "nothing was recorded".
start_on_silent /dev/null "$WORK/fetch-int.err" fetch-artifact https://example.com/app-1.0.0.jar --history "$WORK/fetch-interrupted.json"
kill -INT $JOB
wait $JOB
rc=$?
check "Ctrl-C during a fetch once its request went: exit 130, and the history keeps the attempt Marketplace may have made ($rc)" bash -c "
    [ $rc -eq 130 ] && grep -q '^error: Interrupted after the request was sent, before the server answered (Marketplace may have made the upload anyway). The history keeps the attempt' '$WORK/fetch-int.err' &&
    python3 -c \"import json,sys; e=json.load(open('$WORK/fetch-interrupted.json'))['entries']; sys.exit(0 if len(e) == 1 and e[0]['kind'] == 'artifact' and 'may have made' in e[0]['failure'] else 1)\""
# Ctrl-\ (SIGQUIT) quits outright, as the README says: not Swift's crash report and a frozen process.
start_on_silent /dev/null "$WORK/quit.err" artifact abc --history "$WORK/quit-history.json"
kill -QUIT $JOB
wait $JOB
rc=$?
check "SIGQUIT during artifact: the process quits (131), with no crash report ($rc)" bash -c "
    [ $rc -eq 131 ] && ! grep -qi 'crash' '$WORK/quit.err'"
mkdir -p "$XDG_CONFIG_HOME/marketplace-assets" && chmod 700 "$XDG_CONFIG_HOME/marketplace-assets"
printf '{"timeout": 2}\n' > "$XDG_CONFIG_HOME/marketplace-assets/config.json"
chmod 600 "$XDG_CONFIG_HOME/marketplace-assets/config.json"
run_bin timeout-config upload-image "$SAMPLES/app-icon.png" --type icon --base-url "$SILENT_URL" --history "$WORK/silent-history.json"
check "the config file's timeout is used (within 2 s)" bash -c "[ $(rc_of timeout-config) -eq 1 ] && grep -q 'within 2 s' '$WORK/timeout-config.err'"
printf '{"timeout": "soon"}\n' > "$XDG_CONFIG_HOME/marketplace-assets/config.json"
run_bin timeout-config-bad upload-image "$SAMPLES/app-icon.png" --type icon --base-url "$SILENT_URL" --history "$WORK/silent-history.json"
check "a config file timeout that is not a number is an error naming it" bash -c "
    [ $(rc_of timeout-config-bad) -eq 1 ] && grep -qF '\"timeout\" must be a number of seconds' '$WORK/timeout-config-bad.err'"
# The emulator accepts the two variables only, never a token login stored (a real account's).
printf '{"email": "cfg@example.com", "apiToken": "config-file-token"}\n' > "$XDG_CONFIG_HOME/marketplace-assets/config.json"
chmod 600 "$XDG_CONFIG_HOME/marketplace-assets/config.json"
env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN timeout 10 "$BIN" emulator --port 0 --data-dir "$WORK/emu-config" \
    > "$WORK/emu-config.out" 2> "$WORK/emu-config.err"
echo $? > "$WORK/emu-config.rc"
check "emulator with a token only in the config file: refuses, naming the two variables" bash -c "
    [ $(rc_of emu-config) -eq 1 ] && grep -q 'set MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN' '$WORK/emu-config.err'"
rm "$XDG_CONFIG_HOME/marketplace-assets/config.json"
# auth status --json stays JSON when an account is named without a token (MARKETPLACE_EMAIL alone).
env -u MARKETPLACE_API_TOKEN MARKETPLACE_EMAIL=alone@example.com "$BIN" auth status --json > "$WORK/auth-alone.out" 2> "$WORK/auth-alone.err"
echo $? > "$WORK/auth-alone.rc"
check "auth status --json with MARKETPLACE_EMAIL alone: exit 1, signedIn false with the reason, in JSON" bash -c "
    [ $(rc_of auth-alone) -eq 1 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"signedIn\"] is False and \"MARKETPLACE_API_TOKEN\" in d[\"problem\"]' '$WORK/auth-alone.out'"
# ... and a token whose email is empty (a CI secret missing): the server still told, the email left out.
env MARKETPLACE_EMAIL= MARKETPLACE_API_TOKEN=token "$BIN" auth status --json > "$WORK/auth-token.out" 2> "$WORK/auth-token.err"
echo $? > "$WORK/auth-token.rc"
check "auth status --json with MARKETPLACE_EMAIL empty: exit 1, the same keys (server, serverFrom), the problem saying it is empty" bash -c "
    [ $(rc_of auth-token) -eq 1 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"signedIn\"] is False and \"MARKETPLACE_EMAIL is empty\" in d[\"problem\"] and d[\"server\"] and d[\"serverFrom\"] and \"email\" not in d, d' '$WORK/auth-token.out'"
# ... and when no server can be told: a base URL no request could use.
MARKETPLACE_BASE_URL=ftp://x/y run_bin auth-ftp auth status --json
check "auth status --json with a base URL no request could use: exit 1, still JSON, signedIn false with the reason" bash -c "
    [ $(rc_of auth-ftp) -eq 1 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"signedIn\"] is False and \"MARKETPLACE_BASE_URL\" in d[\"problem\"] and d[\"email\"] == sys.argv[2]' '$WORK/auth-ftp.out' \"$MARKETPLACE_EMAIL\""
MARKETPLACE_ASSETS_THUMBNAILS=bogus run_bin thumbnails-typo --demo < /dev/null
check "a MARKETPLACE_ASSETS_THUMBNAILS the TUI does not know: a usage error naming the values, before any terminal is needed" bash -c "
    [ $(rc_of thumbnails-typo) -eq 64 ] && grep -q 'give chafa, halfblocks, off' '$WORK/thumbnails-typo.err'"
run_bin demo-and-url --demo --base-url "$BASE_URL" history
check "--demo with --base-url: a usage error (64) naming both, not the URL passed over ($(head -c 120 "$WORK/demo-and-url.err"))" bash -c "
    [ $(rc_of demo-and-url) -eq 64 ] && grep -q 'give --demo or --base-url, not both' '$WORK/demo-and-url.err'"
kill $SILENT_PID 2>/dev/null; wait $SILENT_PID 2>/dev/null

# An option mistyped where ArgumentParser would name another error first: the typo is named.
run_bin tpye --base-url "$BASE_URL" upload-image "$PNG" --tpye logo
run_bin dash-type --base-url "$BASE_URL" upload-image "$PNG" -type logo
check "--tpye and -type: a usage error naming the option meant, nothing sent" bash -c "
    [ $(rc_of tpye) -eq 64 ] && grep -qx \"error: unknown option '--tpye'; did you mean '--type'?\" '$WORK/tpye.err' \
    && [ $(rc_of dash-type) -eq 64 ] && grep -q \"'-type' is no option: a long option takes two dashes, '--type'\" '$WORK/dash-type.err'"
# A letter a dead key or autocorrect made (`--typé`) is a typo like any other.
run_bin type-accent --base-url "$BASE_URL" upload-image "$PNG" --typé icon
check "--typé: the same usage error, naming --type ($(head -n 1 "$WORK/type-accent.err"))" bash -c "
    [ $(rc_of type-accent) -eq 64 ] && grep -qx \"error: unknown option '--typé'; did you mean '--type'?\" '$WORK/type-accent.err'"
# A subcommand's option before its name (the root reads it as the TUI's): where it goes is said.
run_bin json-first --json history
run_bin json-first-auth --json auth status
check "--json before history or auth status: a usage error saying it goes after the subcommand ($(head -n 1 "$WORK/json-first.err"))" bash -c "
    [ $(rc_of json-first) -eq 64 ] && grep -qx \"error: '--json' is an option of history: put it after the subcommand (marketplace-assets history --json …)\" '$WORK/json-first.err' &&
    [ $(rc_of json-first-auth) -eq 64 ] && grep -qx \"error: '--json' is an option of auth status: put it after the subcommand (marketplace-assets auth status --json …)\" '$WORK/json-first-auth.err'"

# A history path made blank beforehand (mktemp, touch): set aside with a note, and two jars upload.
BLANK_HISTORY=$(mktemp "$WORK/blank-history.XXXXXX")
make_jar "$WORK/blank-a.jar" com.example.blank-a 1.0.0
make_jar "$WORK/blank-b.jar" com.example.blank-b 1.0.0
run_bin blank-history --base-url "$BASE_URL" --history "$BLANK_HISTORY" upload-artifact "$WORK/blank-a.jar" "$WORK/blank-b.jar"
check "a blank history file (mktemp): both jars upload, the file set aside with a note ($(rc_of blank-history))" bash -c "
    [ $(rc_of blank-history) -eq 0 ] && grep -q 'was empty (made by mktemp or touch' '$WORK/blank-history.err' \
    && python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))[\"entries\"]) == 2' '$BLANK_HISTORY'"

# An image under another format's extension goes under its own: the batch line and the history say both names.
cp "$PNG" "$WORK/shot-named.jpg"
run_bin renamed --base-url "$BASE_URL" --history "$WORK/renamed.json" upload-image "$WORK/shot-named.jpg" "$PNG" --type screenshot
"$BIN" --base-url "$BASE_URL" --history "$WORK/renamed.json" history > "$WORK/renamed-history.out" 2>&1
check "a PNG named .jpg: the batch line and the history name it as Marketplace has it, shot-named.png" bash -c "
    [ $(rc_of renamed) -eq 0 ] && grep -q '\[1/2\] shot-named.jpg .*on Marketplace: shot-named.png' '$WORK/renamed.out' \
    && grep -q '^    on Marketplace: shot-named.png$' '$WORK/renamed-history.out'"

finish
