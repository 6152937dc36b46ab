#!/usr/bin/env bash
# The emulator under hostile requests, over real HTTP with curl (issue 4): auth on every
# endpoint, size limits, zip bombs and garbage bodies without exhausting memory or disk,
# path traversal in file names, fetches of private addresses (SSRF). It must stay up.
# Usage: scripts/reliability/emulator-abuse.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=emulator-abuse
. scripts/reliability/lib.sh

start_emulator "$WORK/emulator" || exit 1
DATA=$WORK/emulator
AUTH="$MARKETPLACE_EMAIL:$RELIABILITY_TOKEN"
FILES=$WORK/files
mkdir -p "$FILES"

# status_of CURL_ARGS...: the HTTP status of a curl request (body in WORK/last.body).
status_of() { curl -s -o "$WORK/last.body" -w '%{http_code}' --max-time 30 "$@"; }
json_code() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("code", ""))' "$WORK/last.body" 2>/dev/null; }
peak_kib() { awk '/VmHWM/ {print $2}' "/proc/$EMULATOR_PID/status"; }

# Warm up, then note the peak memory so far.
status_of -u "$AUTH" -F "file=@$PNG" "$BASE_URL/rest/3/assets/images/icon" > /dev/null
status_of -u "$AUTH" -F "file=@$JAR" "$BASE_URL/rest/3/artifacts" > /dev/null
ARTIFACT_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["_links"]["self"]["href"].rsplit("/",1)[1])' "$WORK/last.body")
PEAK_BEFORE=$(peak_kib)
FILES_BEFORE=$(find "$DATA" -type f | wc -l)

echo "-- Basic auth on every endpoint, under both prefixes"
WRONG=$(printf 'x:y' | base64)
for prefix in "$BASE_URL" "${BASE_URL%/marketplace}"; do
    for endpoint in "POST rest/3/assets/images/icon" "POST rest/3/artifacts" "POST rest/3/artifacts/fetch" \
                    "GET rest/3/artifacts/$ARTIFACT_ID" "GET rest/3/artifacts/$ARTIFACT_ID/binary" "GET rest/3/artifacts/does-not-exist"; do
        method=${endpoint%% *}; path=${endpoint#* }
        for header in "" "Authorization: Basic $WRONG" "Authorization: Bearer $RELIABILITY_TOKEN" "Authorization: Basic !!!not-base64" \
                      "Authorization: Basic $(printf '%s' "$MARKETPLACE_EMAIL" | base64)" "Authorization: Basic $(head -c 6000 /dev/zero | tr '\0' 'A')"; do
            code=$(status_of -X "$method" ${header:+-H "$header"} -H 'Content-Type: application/json' --data-binary '{"uri": "https://example.com/a.jar"}' "$prefix/$path")
            [ "$code" = 401 ] && [ "$(json_code)" != "" ] || fail "$method /$path with '${header:0:40}': $code, not a JSON 401"
        done
    done
done
pass "72 requests without valid credentials (6 endpoints x 2 prefixes x 6 kinds of bad Authorization): all 401 with a JSON code"
check "no request without credentials stored anything" test "$(find "$DATA" -type f | wc -l)" -eq "$FILES_BEFORE"

echo "-- zip bombs and garbage bodies"
make_descriptor_bomb "$FILES/bomb.jar"
python3 - "$FILES" <<'PY'
import sys, zipfile
folder = sys.argv[1]
# An OBR whose inner jar unpacks to 1 GiB.
with zipfile.ZipFile(f"{folder}/inner.jar", "w", zipfile.ZIP_DEFLATED) as inner:
    with inner.open("filler.bin", "w", force_zip64=True) as entry:
        block = b"\0" * (1 << 20)
        for _ in range(1024):
            entry.write(block)
with zipfile.ZipFile(f"{folder}/bomb.obr", "w", zipfile.ZIP_STORED) as obr:
    obr.write(f"{folder}/inner.jar", "app.jar")
PY
for bomb in bomb.jar bomb.obr; do
    start=$(date +%s%N)
    code=$(status_of -u "$AUTH" -F "file=@$FILES/$bomb" "$BASE_URL/rest/3/artifacts")
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    check "$bomb ($(stat -c %s "$FILES/$bomb") bytes, 1 GiB unpacked): 400 in $ms ms ($code: $(head -c 120 "$WORK/last.body"))" test "$code" = 400
done
# 64 MiB of near-delimiters with no closing boundary, streamed.
python3 -c '
import sys
chunk = b"\r\n--" + b"b" * 30 + b"X\r\r\n-" * 100
out = sys.stdout.buffer
out.write(b"--" + b"b" * 31 + b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"g.jar\"\r\n\r\n")
for _ in range((64 << 20) // len(chunk)):
    out.write(chunk)
' > "$FILES/garbage.body"
code=$(status_of -u "$AUTH" -H "Content-Type: multipart/form-data; boundary=$(printf 'b%.0s' $(seq 1 31))" --data-binary "@$FILES/garbage.body" "$BASE_URL/rest/3/artifacts")
check "a 64 MiB multipart body that never closes: 400 ($code)" test "$code" = 400
PEAK_AFTER=$(peak_kib)
check "the emulator's peak memory grew by $(( (PEAK_AFTER - PEAK_BEFORE) / 1024 )) MiB (< 100 MiB) over bombs and garbage" \
    test $((PEAK_AFTER - PEAK_BEFORE)) -lt 102400
check "nothing left on disk by refused uploads ($(find "$DATA" -type f | wc -l) files, $(du -sk "$DATA" | cut -f1) KiB)" \
    bash -c "[ $(find "$DATA" -type f | wc -l) -eq $FILES_BEFORE ] && [ $(du -sk "$DATA" | cut -f1) -lt 1024 ]"
figure "emulator: bomb.jar, bomb.obr (1 GiB unpacked each) and a 64 MiB garbage body refused; peak RSS $((PEAK_BEFORE / 1024)) -> $((PEAK_AFTER / 1024)) MiB; 0 files left"

echo "-- path traversal in file names"
for name in "../../../../tmp/pwned-$$.png" "..\\\\..\\\\pwned-$$.png" "/etc/pwned-$$.png" ".." "evil%2F..%2Fpwned-$$.png"; do
    code=$(status_of -u "$AUTH" -F "file=@$PNG;filename=$name" "$BASE_URL/rest/3/assets/images/icon")
    stored=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("name",""))' "$WORK/last.body")
    check "file name '$name': $code, stored name '$stored' is one harmless component" \
        bash -c "[ '$code' = 200 ] && [[ '$stored' != */* ]] && [ '$stored' != '..' ] && [ -n '$stored' ]"
done
check "nothing was written outside the data folder" bash -c "! ls /tmp/pwned-$$.png /etc/pwned-$$.png '$WORK/pwned-$$.png' 2>/dev/null | grep -q ."
check "the data folder holds only images/, artifacts/ and the index" \
    bash -c "[ -z \"\$(find '$DATA' -mindepth 1 -maxdepth 1 ! -name images ! -name artifacts ! -name 'index*' ! -name '*.tmp*' ! -name tmp)\" ]"

echo "-- fetches of private addresses (SSRF), named or numeric"
for host in 127.0.0.1 localhost "[::1]" 169.254.169.254 10.0.0.1 192.168.0.1 2130706433 0x7f.1 "[::ffff:127.0.0.1]" 0.0.0.0; do
    code=$(status_of -u "$AUTH" -H 'Content-Type: application/json' --data-binary "{\"uri\": \"http://$host:9/app.jar\"}" "$BASE_URL/rest/3/artifacts/fetch")
    check "fetch from $host: 400 private_address ($code $(json_code))" bash -c "[ '$code' = 400 ] && [ '$(json_code)' = private_address ]"
done

echo "-- still up and working"
check "the emulator is alive" kill -0 "$EMULATOR_PID"
code=$(status_of -u "$AUTH" -F "file=@$JAR" "$BASE_URL/rest/3/artifacts")
check "and still takes a good upload ($code)" test "$code" = 200

echo "-- size limits (an emulator started with --max-upload-size 2000000 --max-image-size 100000)"
stop_emulator
start_emulator "$WORK/limited" --max-upload-size 2000000 --max-image-size 100000 || exit 1
DATA=$WORK/limited
FILES_BEFORE=$(find "$DATA" -type f | wc -l)
head -c 3000000 /dev/urandom > "$FILES/big.bin"
code=$(status_of -u "$AUTH" -F "file=@$FILES/big.bin;filename=big.jar" "$BASE_URL/rest/3/artifacts")
check "an artifact over --max-upload-size: 413 ($code)" test "$code" = 413
python3 - "$FILES/big.png" <<'PY'
import struct, sys, zlib
def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)) + chunk(b"tEXt", b"x" * 300000) + chunk(b"IEND", b""))
PY
code=$(status_of -u "$AUTH" -F "file=@$FILES/big.png" "$BASE_URL/rest/3/assets/images/icon")
check "an image over --max-image-size: 413 ($code)" test "$code" = 413
code=$(status_of -u "$AUTH" -H 'Content-Type: multipart/form-data; boundary=x' -H 'Content-Length: 999999999999999' --data-binary 'tiny' "$BASE_URL/rest/3/artifacts")
check "a Content-Length of 10^15: 413 at once ($code)" test "$code" = 413
printf 'X-Padding: %s\n' "$(head -c 200000 /dev/zero | tr '\0' 'p')" > "$FILES/big-header.txt"
code=$(status_of -u "$AUTH" -H "@$FILES/big-header.txt" -F "file=@$PNG" "$BASE_URL/rest/3/assets/images/icon")
check "a 200 KB header: refused with a 4xx, or the connection closed ($code)" bash -c "[ '$code' = 000 ] || { [ '$code' -ge 400 ] && [ '$code' -lt 500 ]; }"
python3 -c 'import json; print(json.dumps({"uri": "https://example.com/" + "a" * (5 << 20)}))' > "$FILES/huge-fetch.json"
code=$(status_of -u "$AUTH" -H 'Content-Type: application/json' --data-binary "@$FILES/huge-fetch.json" "$BASE_URL/rest/3/artifacts/fetch")
check "a 5 MiB fetch body: a 4xx ($code)" bash -c "[ '$code' -ge 400 ] && [ '$code' -lt 500 ]"
check "no partial upload left on disk" test "$(find "$DATA" -type f | wc -l)" -eq "$FILES_BEFORE"

check "the limited emulator is alive" kill -0 "$EMULATOR_PID"

reliability_finish
