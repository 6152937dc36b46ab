#!/usr/bin/env bash
# Bad input through the CLI (issue 4): files that are not what they seem, files that change
# while they upload, and URLs of every wrong kind. Each gets one clear line and exit 1 (never
# a hang or a crash), nothing is sent that should not be, and the history stays right.
# Usage: scripts/reliability/bad-input.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=bad-input
. scripts/reliability/lib.sh

start_emulator "$WORK/emulator" --max-upload-size 1000000 || exit 1
start_faultserver || exit 1
FILES=$WORK/files
mkdir -p "$FILES"
chmod 755 "$WORK" "$FILES"

# refused CASE WORDS COMMAND ARGS...: the CLI exits 1 within 10 s with one line holding WORDS.
refused() {
    local case=$1 words=$2; shift 2
    local start status=${REFUSED_STATUS:-1}
    start=$(date +%s%N)
    timeout 10 "$BIN" "$@" > "$WORK/$case.out" 2> "$WORK/$case.err" < /dev/null
    echo $? > "$WORK/$case.rc"
    echo $(( ($(date +%s%N) - start) / 1000000 )) > "$WORK/$case.ms"
    check "$case: exit $status in $(ms_of "$case") ms (status $(rc_of "$case"); 124 would be a hang)" test "$(rc_of "$case")" -eq "$status"
    check "$case: one line: $(head -c 150 "$WORK/$case.err")" one_error_line "$case"
    check "$case: says \"$words\"" grep -qiF -- "$words" "$WORK/$case.err"
}

# image_upload CASE WORDS FILE: upload-image FILE is refused before anything is sent.
image_upload() {
    refused "$1" "$2" upload-image "$3" --type icon --base-url "$(fault_url ok "$1")" --history "$WORK/refused.history.json"
    check "$1: nothing sent ($(fault_count ok "$1") requests)" test "$(fault_count ok "$1")" -eq 0
}

artifact_upload() {
    refused "$1" "$2" upload-artifact "$3" --base-url "$(fault_url ok "$1")" --history "$WORK/refused.history.json"
    check "$1: nothing sent ($(fault_count ok "$1") requests)" test "$(fault_count ok "$1")" -eq 0
}

echo "-- files refused before anything is sent"
: > "$FILES/empty.png"
image_upload empty "empty" "$FILES/empty.png"
mkdir "$FILES/folder.png"
image_upload folder "directory" "$FILES/folder.png"
mkfifo "$FILES/fifo.png"
image_upload fifo "named pipe" "$FILES/fifo.png"
artifact_upload fifo-artifact "named pipe" "$FILES/fifo.png"
refused fifo-inspect "named pipe" inspect "$FILES/fifo.png" --sha512
image_upload device-zero "character device" /dev/zero
image_upload device-null "character device" /dev/null
artifact_upload device-urandom "character device" /dev/urandom
ln -s "$FILES/nowhere.png" "$FILES/broken.png"
image_upload broken-symlink "broken symbolic link" "$FILES/broken.png"
ln -s "$FILES/loop-b.png" "$FILES/loop-a.png"
ln -s "$FILES/loop-a.png" "$FILES/loop-b.png"
image_upload symlink-loop "symbolic link loop" "$FILES/loop-a.png"
image_upload missing "does not exist" "$FILES/missing.png"
timeout 10 "$BIN" tui "" > /dev/null 2> "$WORK/empty-tui.err" < /dev/null
check "tui with an empty folder argument: a usage error (64) saying so" bash -c "[ $? -eq 64 ] && grep -q '^error: The folder argument is empty' '$WORK/empty-tui.err'"
timeout 10 "$BIN" history --merge "" --history "$WORK/refused.history.json" > /dev/null 2> "$WORK/empty-merge.err" < /dev/null
check "history --merge with an empty path: a usage error (64) saying so" bash -c "[ $? -eq 64 ] && grep -q -- '--merge needs the path of a history file; it is empty' '$WORK/empty-merge.err'"
# An empty argument (an unset variable) is a usage error (64, ArgumentParser's `Error:` and the
# usage), as an empty ID or URL is, not a file that does not read (1).
for command in upload-image upload-artifact inspect; do
    type=(--type icon); [ "$command" = upload-artifact ] && type=()
    timeout 10 "$BIN" "$command" "$FILES/empty.png" "" "${type[@]}" --base-url "$(fault_url ok "empty-name-$command")" \
        --history "$WORK/refused.history.json" > /dev/null 2> "$WORK/empty-name.err" < /dev/null
    check "$command with an empty file argument: a usage error (64) saying so, nothing sent" bash -c "[ $? -eq 64 ] &&
        grep -q '^Error: A file argument is empty (an unset variable?): give the path of a file.' '$WORK/empty-name.err' && [ $(fault_count ok "empty-name-$command") -eq 0 ]"
done

# Unreadable: root reads anything, so as root the CLI runs as nobody for this one, from a
# copy nobody can reach (a checkout in a 0700 folder, as `mktemp -d` makes, is out of reach).
cp "$PNG" "$FILES/unreadable.png"
chmod 000 "$FILES/unreadable.png"
chmod 711 "$WORK" "$FILES"   # nobody may pass through to the file, which it then cannot read
NOBODY_BIN_DIR=$(mktemp -d /tmp/marketplace-assets-nobody.XXXXXX)
cp "$BIN" "$NOBODY_BIN_DIR/marketplace-assets"
chmod 755 "$NOBODY_BIN_DIR" "$NOBODY_BIN_DIR/marketplace-assets"
as_nobody env HOME=/tmp timeout 10 "$NOBODY_BIN_DIR/marketplace-assets" inspect "$FILES/unreadable.png" \
    > "$WORK/unreadable.out" 2> "$WORK/unreadable.err" < /dev/null
echo $? > "$WORK/unreadable.rc"
rm -rf "$NOBODY_BIN_DIR"
check "unreadable: exit 1 ($(rc_of unreadable))" test "$(rc_of unreadable)" -eq 1
check "unreadable: one line: $(head -c 150 "$WORK/unreadable.err")" one_error_line unreadable
check "unreadable: says permission denied" grep -qi "permission denied" "$WORK/unreadable.err"

echo "-- content that is not what the name says"
cp "$PNG" "$FILES/really-a-png.jpg"
run_cli mismatch-inspect inspect "$FILES/really-a-png.jpg"
check "png named .jpg: inspect reports the mismatch" grep -qi "png" "$WORK/mismatch-inspect.out"
check "png named .jpg: inspect warns" grep -q "warning" "$WORK/mismatch-inspect.out"
run_cli mismatch-upload upload-image "$FILES/really-a-png.jpg" --type icon --base-url "$BASE_URL" --history "$WORK/mismatch.history.json"
check "png named .jpg: uploaded as what it is, image/png (exit $(rc_of mismatch-upload))" \
    bash -c "[ $(rc_of mismatch-upload) -eq 0 ] && grep -q 'image/png' '$WORK/mismatch-upload.out'"
check "png named .jpg: the upload tells the user about the mismatch: $(head -c 150 "$WORK/mismatch-upload.err")" \
    grep -qi "warning" "$WORK/mismatch-upload.err"
printf 'just some text, not an image\n' > "$FILES/text.png"
image_upload text-as-png "not" "$FILES/text.png"
image_upload jar-as-image "not an image" "$JAR"
artifact_upload image-as-artifact "not an app artifact" "$PNG"

echo "-- truncated image headers"
head -c 20 "$PNG" > "$FILES/truncated.png"
image_upload truncated-png "truncated.png" "$FILES/truncated.png"
head -c 10 "$SAMPLES/banner.jpg" > "$FILES/truncated.jpg"
image_upload truncated-jpg "truncated.jpg" "$FILES/truncated.jpg"
head -c 8 "$SAMPLES/thumbnail.gif" > "$FILES/truncated.gif"
image_upload truncated-gif "truncated.gif" "$FILES/truncated.gif"

echo "-- jars: no descriptor, a zip bomb of a descriptor, malformed XML"
make_descriptor_bomb "$FILES/bomb.jar"
python3 - "$FILES" <<'PY'
import sys, zipfile, zlib
folder = sys.argv[1]
with zipfile.ZipFile(f"{folder}/no-descriptor.jar", "w") as jar:
    jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
    jar.writestr("com/example/App.class", b"\xca\xfe\xba\xbe")
for name, xml in [("malformed.jar", b'<atlassian-plugin key="k" name="n"><plugin-info><version>1</version></plugin-inf'),
                  ("entities.jar", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;">'
                                   b'<!ENTITY z "&y;&y;&y;&y;&y;&y;&y;&y;&y;&y;"><!ENTITY w "&z;&z;&z;&z;&z;&z;&z;&z;&z;&z;">]>'
                                   b'<atlassian-plugin key="&w;&w;&w;&w;&w;&w;&w;&w;" name="n"/>'),
                  ("not-utf8.jar", b'<atlassian-plugin key="\xff\xfe" name="n"/>')]:
    with zipfile.ZipFile(f"{folder}/{name}", "w") as jar:
        jar.writestr("atlassian-plugin.xml", xml)
PY
run_cli no-descriptor upload-artifact "$FILES/no-descriptor.jar" --base-url "$BASE_URL" --history "$WORK/no-descriptor.history.json"
check "jar without descriptor: exit 1 with the emulator's reason, before a byte is sent: $(head -c 150 "$WORK/no-descriptor.err")" \
    bash -c "[ $(rc_of no-descriptor) -eq 1 ] && grep -q 'has no atlassian-plugin.xml.*so it was not sent' '$WORK/no-descriptor.err'"
check "jar without descriptor: one line" one_error_line no-descriptor
check "jar without descriptor: nothing sent, so no history entry" \
    test "$(history_json "$WORK/nd.json" --history "$WORK/no-descriptor.history.json"; json_eval "$WORK/nd.json" "len(d) == 0")" = True
BOMB_SIZE=$(stat -c %s "$FILES/bomb.jar")
peak_rss "$WORK/bomb.rss" timeout 20 "$BIN" upload-artifact "$FILES/bomb.jar" --base-url "$(fault_url ok bomb)" \
    --history "$WORK/refused.history.json" > "$WORK/bomb.out" 2> "$WORK/bomb.err"
echo $? > "$WORK/bomb.rc"
BOMB_RSS=$(cat "$WORK/bomb.rss")
check "zip bomb descriptor ($BOMB_SIZE bytes, 1 GiB unpacked): exit 1, one line: $(head -c 150 "$WORK/bomb.err")" \
    bash -c "[ $(rc_of bomb) -eq 1 ] && [ $(line_count "$WORK/bomb.err") -eq 1 ]"
check "zip bomb: refused for its size" grep -qiE "more than|bomb" "$WORK/bomb.err"
check "zip bomb: nothing sent" test "$(fault_count ok bomb)" -eq 0
check "zip bomb: the CLI's peak memory stays small (${BOMB_RSS} KiB < 200 MiB)" test "$BOMB_RSS" -lt 204800
"$BIN" upload-artifact "$FILES/no-descriptor.jar" "$FILES/bomb.jar" --base-url "$(fault_url ok bomb-batch)" --history "$WORK/refused.history.json" \
    > /dev/null 2> "$WORK/bomb-batch.err" < /dev/null
check "zip bomb in a batch: its line names the file once ($(grep -m1 bomb.jar "$WORK/bomb-batch.err" | head -c 120))" \
    bash -c "grep -q '^error: .*bomb.jar: atlassian-plugin.xml' '$WORK/bomb-batch.err' && ! grep -q 'bomb.jar: .*bomb.jar:' '$WORK/bomb-batch.err'"
figure "bomb.jar: ${BOMB_SIZE} bytes packed, 1 GiB descriptor: refused before sending, CLI peak RSS $((BOMB_RSS / 1024)) MiB"
artifact_upload malformed-xml "atlassian-plugin.xml" "$FILES/malformed.jar"
artifact_upload entity-expansion "atlassian-plugin.xml" "$FILES/entities.jar"
artifact_upload descriptor-not-utf8 "UTF-8" "$FILES/not-utf8.jar"

echo "-- over the emulator's size limit (1,000,000 bytes): 413"
python3 - "$FILES/large.jar" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as jar:
    jar.writestr("atlassian-plugin.xml", '<atlassian-plugin key="com.example.large" name="Large"><plugin-info><version>1</version></plugin-info></atlassian-plugin>')
    jar.writestr("blob.bin", os.urandom(3 << 20))
PY
run_cli too-large upload-artifact "$FILES/large.jar" --base-url "$BASE_URL" --history "$WORK/too-large.history.json"
check "over the limit: exit 1 in $(ms_of too-large) ms, one line: $(head -c 150 "$WORK/too-large.err")" \
    bash -c "[ $(rc_of too-large) -eq 1 ] && [ $(line_count "$WORK/too-large.err") -eq 1 ]"
check "over the limit: HTTP 413, too large" bash -c "grep -q '413' '$WORK/too-large.err' && grep -qi 'too large' '$WORK/too-large.err'"
check "over the limit: one failed history entry" \
    test "$(history_json "$WORK/tl.json" --history "$WORK/too-large.history.json"; json_eval "$WORK/tl.json" "len(d) == 1 and d[0].get('failure') is not None and d[0].get('id') is None")" = True
check "over the limit: the emulator kept no partial file" \
    test "$(find "$WORK/emulator" -type f -size +100k | wc -l)" -eq 0

echo "-- files that change while they upload (a server that reads 640 KiB/s)"
python3 - "$FILES/changing.jar" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as jar:
    jar.writestr("atlassian-plugin.xml", '<atlassian-plugin key="com.example.c" name="C"><plugin-info><version>1</version></plugin-info></atlassian-plugin>')
    jar.writestr("blob.bin", os.urandom(8 << 20))
PY
cp "$FILES/changing.jar" "$FILES/truncated-while.jar"
python3 - "$FILES/deleted-while.jar" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as jar:
    jar.writestr("atlassian-plugin.xml", '<atlassian-plugin key="com.example.d" name="D"><plugin-info><version>1</version></plugin-info></atlassian-plugin>')
    jar.writestr("blob.bin", os.urandom(2 << 20))
PY
# uploading_then CASE FILE ACTION: starts the upload, runs ACTION once the server has it, waits.
uploading_then() {
    local case=$1 file=$2 action=$3 start
    start=$(date +%s%N)
    "$BIN" upload-artifact "$file" --base-url "$(fault_url slowread "$case")" --history "$WORK/$case.history.json" \
        > "$WORK/$case.out" 2> "$WORK/$case.err" < /dev/null &
    local pid=$!
    for _ in $(seq 1 100); do [ "$(fault_count slowread "$case")" -ge 1 ] && break; sleep 0.05; done
    sleep 0.3
    eval "$action"
    wait "$pid"
    echo $? > "$WORK/$case.rc"
    echo $(( ($(date +%s%N) - start) / 1000000 )) > "$WORK/$case.ms"
}
uploading_then truncated-while "$FILES/truncated-while.jar" "truncate -s 1000000 '$FILES/truncated-while.jar'"
check "truncated while uploading: exit 1 in $(ms_of truncated-while) ms, one line: $(head -c 170 "$WORK/truncated-while.err")" \
    bash -c "[ $(rc_of truncated-while) -eq 1 ] && [ $(line_count "$WORK/truncated-while.err") -eq 1 ]"
check "truncated while uploading: says it changed" grep -q "changed while it was being uploaded" "$WORK/truncated-while.err"
check "truncated while uploading: 1 request" test "$(fault_count slowread truncated-while)" -eq 1
check "truncated while uploading: one failed history entry" \
    test "$(history_json "$WORK/tw.json" --history "$WORK/truncated-while.history.json"; json_eval "$WORK/tw.json" "len(d) == 1 and d[0].get('failure') is not None and d[0].get('id') is None")" = True
figure "truncated-while: exit $(rc_of truncated-while) after $(ms_of truncated-while) ms, 1 request, 1 failed entry"
SENT_SHA=$(sha512sum "$FILES/deleted-while.jar" | cut -d' ' -f1)
uploading_then deleted-while "$FILES/deleted-while.jar" "rm -f '$FILES/deleted-while.jar'"
# The open file keeps its bytes (POSIX): the upload completes with the content it started with.
check "deleted while uploading: the upload of the bytes opened completes (exit $(rc_of deleted-while) in $(ms_of deleted-while) ms)" test "$(rc_of deleted-while)" -eq 0
check "deleted while uploading: one verified entry with the SHA-512 of the original bytes" \
    test "$(history_json "$WORK/dw.json" --history "$WORK/deleted-while.history.json"; json_eval "$WORK/dw.json" "len(d) == 1 and d[0].get('verified') is True and d[0].get('checksum') == 'sha512:$SENT_SHA'")" = True
figure "deleted-while: exit $(rc_of deleted-while) after $(ms_of deleted-while) ms, 1 verified entry (the bytes opened)"

echo "-- URLs"
# fetch_refused CASE WORDS URL: refused locally as a bad argument: exit 64, one line, nothing sent, nothing recorded.
fetch_refused() {
    REFUSED_STATUS=64 refused "$1" "$2" fetch-artifact "$3" --base-url "$(fault_url ok "$1")" --history "$WORK/$1.history.json"
    check "$1: nothing sent ($(fault_count ok "$1"))" test "$(fault_count ok "$1")" -eq 0
    check "$1: nothing recorded" test ! -e "$WORK/$1.history.json"
}
fetch_refused url-file "only http:// and https://" "file:///etc/passwd"
fetch_refused url-ftp "only http:// and https://" "ftp://example.com/app.jar"
fetch_refused url-javascript "not a URL" "javascript:alert(document.cookie)"
fetch_refused url-data "not a URL" "data:application/java-archive;base64,UEsDBBQAAAAIAA=="
LONG_URL="https://example.com/$(python3 -c 'print("a" * 10000)').jar"
fetch_refused url-10000 "at most 8192" "$LONG_URL"
check "url-10000: the message does not repeat the URL" test "$(wc -c < "$WORK/url-10000.err")" -lt 300

# Userinfo: sent to Marketplace (it needs it), never stored, never printed, also when the
# server echoes it back in _links.remote (the fault server does).
SECRET_URL="https://deploy:hunter2pass@downloads.example.com/app-1.0.jar"
run_cli userinfo fetch-artifact "$SECRET_URL" --base-url "$(fault_url ok userinfo)" --history "$WORK/userinfo.history.json"
check "userinfo: fetched (exit $(rc_of userinfo): $(head -c 100 "$WORK/userinfo.err"))" test "$(rc_of userinfo)" -eq 0
check "userinfo: the password is not printed (human)" bash -c "! grep -q hunter2pass '$WORK/userinfo.out' '$WORK/userinfo.err'"
check "userinfo: the password is not in the history" bash -c "! grep -rq hunter2pass '$WORK'/userinfo.history*"
check "userinfo: the URI is stored without its userinfo" \
    test "$(history_json "$WORK/ui.json" --history "$WORK/userinfo.history.json"; json_eval "$WORK/ui.json" "d[0].get('remoteURI')")" = "https://downloads.example.com/app-1.0.jar"
run_cli userinfo-json fetch-artifact "$SECRET_URL" --json --base-url "$(fault_url ok userinfo-json)" --history "$WORK/userinfo.history.json"
check "userinfo: the password is not printed by --json either" \
    bash -c "! grep -q hunter2pass '$WORK/userinfo-json.out'"
run_cli userinfo-error fetch-artifact "$SECRET_URL" --base-url "$(fault_url error500 userinfo-error)" --history "$WORK/userinfo.history.json"
check "userinfo: a failed fetch neither prints nor stores the password" \
    bash -c "[ $(rc_of userinfo-error) -eq 1 ] && ! grep -rq hunter2pass '$WORK/userinfo-error.err' '$WORK'/userinfo.history*"
run_cli userinfo-typo fetch-artifact "deploy:hunter2pass@downloads.example.com/app-1.0.jar" --base-url "$(fault_url ok userinfo-typo)"
check "userinfo: a URL typed without its scheme is not echoed with its password" \
    bash -c "! grep -q hunter2pass '$WORK/userinfo-typo.err'"
# Keep the password out of the files the final token search looks at, too.
rm -f "$WORK/userinfo-json.out" "$WORK/userinfo-typo.err"

# Non-ASCII hosts: sent in their ASCII (IDNA) form, as browsers send them; this one does not resolve.
run_cli idn fetch-artifact "https://bücher.example/app.jar" --base-url "$BASE_URL" --history "$WORK/idn.history.json"
check "non-ASCII host: exit 1, one line: $(head -c 170 "$WORK/idn.err")" bash -c "[ $(rc_of idn) -eq 1 ] && [ $(line_count "$WORK/idn.err") -eq 1 ]"
check "non-ASCII host: the emulator got its ASCII form, and could not resolve it" grep -q 'xn--bcher-kva.example/app.jar" could not be resolved' "$WORK/idn.err"
check "non-ASCII host: recorded as a failure with the host as typed" \
    test "$(history_json "$WORK/idn.json" --history "$WORK/idn.history.json"; json_eval "$WORK/idn.json" "d[0].get('remoteURI') == 'https://bücher.example/app.jar' and d[0].get('failure') is not None")" = True
run_cli idn-ok fetch-artifact "https://例え.テスト/アプリ.jar" --base-url "$(fault_url ok idn-ok)" --history "$WORK/idn-ok.history.json"
check "non-ASCII host and path: a server that accepts them gets them, percent-encoded (exit $(rc_of idn-ok))" \
    bash -c "[ $(rc_of idn-ok) -eq 0 ] && grep -q 'アプリ.jar' '$WORK/idn-ok.out'"
check "... and the history keeps the URI as typed" \
    test "$(history_json "$WORK/idn-ok.json" --history "$WORK/idn-ok.history.json"; json_eval "$WORK/idn-ok.json" "d[0].get('remoteURI') == 'https://例え.テスト/アプリ.jar'")" = True

for file in "$WORK"/*.out "$WORK"/*.err; do
    safe_to_print "$file" > /dev/null || fail "$(basename "$file") is not safe to print"
done
reliability_finish
