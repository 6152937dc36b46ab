#!/usr/bin/env bash
# The API reference's curl commands, verbatim but for the host, against `marketplace-assets emulator`.
# Usage: scripts/e2e/curl.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=curl-e2e
. scripts/e2e/lib.sh

WORK=$(mktemp -d)
trap 'stop_emulator; rm -rf "$WORK"' EXIT
export MARKETPLACE_EMAIL=email@example.com MARKETPLACE_API_TOKEN=curl-token-3b7e
start_emulator "$WORK/emulator" --allow-private-fetch || exit 1
HOST=${BASE_URL%/marketplace}
SAMPLES=$(realpath Resources/samples)
cp "$(ls "$SAMPLES"/*.png | head -n 1)" "$WORK/app-icon.png"
cp "$(ls "$SAMPLES"/*.jar | head -n 1)" "$WORK/app.jar"
cd "$WORK"

status() { python3 -c 'import sys; print(sys.argv[1])' "$1"; }

# details_types FILE: the answer's `details` has every field the reference documents, each of
# the reference's type, with the values the sample jar's descriptor gives (plugins-version 2,
# Data Center status param `compatible`, no licensing param).
details_types() {
  python3 - "$1" <<'PY'
import json, sys
details = json.load(open(sys.argv[1]))["details"]
types = {"key": str, "name": str, "version": str, "licensingEnabled": bool, "dataCenterCompatible": bool,
         "addOnType": str, "remotable": bool, "dataCenterStatus": str, "editionsEnabled": bool}
assert set(details) == set(types), sorted(details)
for field, kind in types.items():
    assert type(details[field]) is kind, (field, details[field])
expected = {"key": "com.example.sample-plugin", "name": "Sample Plugin", "version": "1.0.0", "licensingEnabled": False,
            "dataCenterCompatible": True, "addOnType": "two", "remotable": False, "dataCenterStatus": "compatible",
            "editionsEnabled": False}
assert details == expected, details
PY
}

# Upload an image (reference: --url 'https://api.atlassian.com/marketplace/rest/3/assets/images/icon').
curl -s -o image.json -w '%{http_code}' --request POST \
  --url "$HOST/marketplace/rest/3/assets/images/icon" \
  --user "email@example.com:$MARKETPLACE_API_TOKEN" \
  --header 'Accept: application/json' \
  --form 'file=@app-icon.png' > code
check "curl upload image: 200 ($(cat code))" test "$(cat code)" = 200
check "... answer has id, mediaType image, name app-icon.png" python3 -c '
import json; d = json.load(open("image.json"))
assert d["id"].startswith("img-") and d["mediaType"] == "image" and d["mimeType"] == "image/png" and d["name"] == "app-icon.png" and d["size"] > 0'

# Upload an artifact (reference: --url 'https://api.atlassian.com/rest/3/artifacts', no /marketplace).
curl -s -o artifact.json -w '%{http_code}' --request POST \
  --url "$HOST/rest/3/artifacts" \
  --user "email@example.com:$MARKETPLACE_API_TOKEN" \
  --header 'Accept: application/json' \
  --form 'file=@app.jar' > code
check "curl upload artifact: 200 ($(cat code))" test "$(cat code)" = 200
check "... answer has fileInfo, details, self and binary links" python3 -c '
import json, hashlib; d = json.load(open("artifact.json"))
assert d["fileInfo"]["logicalFileName"] == "app.jar"
assert d["fileInfo"]["checksum"] == "sha512:" + hashlib.sha512(open("app.jar","rb").read()).hexdigest()
assert d["details"]["key"] and d["_links"]["self"]["href"].startswith("/rest/3/artifacts/")
assert d["_links"]["binary"]["href"].endswith("/download") and "remote" not in d["_links"]'
check "... details has all nine documented fields, each of its documented type" details_types artifact.json
ID=$(python3 -c 'import json; print(json.load(open("artifact.json"))["_links"]["self"]["href"].rsplit("/",1)[1])')

# Artifact details, both URL forms of the reference.
for url in "$HOST/rest/3/artifacts/$ID" "$HOST/marketplace/rest/3/artifacts/$ID"; do
  curl -s -o details.json -w '%{http_code}' --request GET \
    --url "$url" \
    --user "email@example.com:$MARKETPLACE_API_TOKEN" \
    --header 'Accept: application/json' > code
  check "curl GET ${url#$HOST}: 200 ($(cat code))" test "$(cat code)" = 200
  check "... same fileInfo as the upload" python3 -c '
import json; a = json.load(open("artifact.json")); d = json.load(open("details.json"))
assert a["fileInfo"] == d["fileInfo"] and a["_links"]["self"] == d["_links"]["self"]'
  check "... details has all nine documented fields, each of its documented type" details_types details.json
done

# Download the binary link: the same bytes.
curl -s -o downloaded.jar --user "email@example.com:$MARKETPLACE_API_TOKEN" "$HOST$(python3 -c 'import json; print(json.load(open("artifact.json"))["_links"]["binary"]["href"])')"
check "binary link returns the uploaded bytes" cmp -s downloaded.jar app.jar

# Fetch an artifact from a URL (served locally; the emulator runs with --allow-private-fetch).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 >/dev/null 2>&1 &
WEB_PID=$!
for _ in $(seq 1 100); do curl -s "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.05; done
curl -s -o fetch.json -w '%{http_code}' --request POST \
  --url "$HOST/marketplace/rest/3/artifacts/fetch" \
  --user "email@example.com:$MARKETPLACE_API_TOKEN" \
  --header 'Accept: application/json' \
  --header 'Content-Type: application/json' \
  --data "{
  \"uri\": \"http://127.0.0.1:$PORT/app.jar\"
}" > code
kill $WEB_PID 2>/dev/null; wait $WEB_PID 2>/dev/null
check "curl fetch artifact: 200 ($(cat code))" test "$(cat code)" = 200
check "... answer has _links.remote" python3 -c '
import json; d = json.load(open("fetch.json")); assert d["_links"]["remote"]["href"].endswith("/app.jar")'
check "... details has all nine documented fields, each of its documented type" details_types fetch.json
FETCHED_ID=$(python3 -c 'import json; print(json.load(open("fetch.json"))["_links"]["self"]["href"].rsplit("/",1)[1])')
curl -s -o fetched-details.json -w '%{http_code}' --request GET \
  --url "$HOST/rest/3/artifacts/$FETCHED_ID" \
  --user "email@example.com:$MARKETPLACE_API_TOKEN" \
  --header 'Accept: application/json' > code
check "curl GET of the fetched artifact: 200 ($(cat code))" test "$(cat code)" = 200
check "... details has all nine documented fields, each of its documented type" details_types fetched-details.json

# Without credentials: 401 with a JSON error.
curl -s -o noauth.json -w '%{http_code}' --url "$HOST/rest/3/artifacts/$ID" --header 'Accept: application/json' > code
check "no credentials: 401 ($(cat code))" test "$(cat code)" = 401
check "... with a JSON error" python3 -c 'import json; assert json.load(open("noauth.json"))["message"]'

# Not an image: 415.
printf 'plain text, not an image' > notes.png
curl -s -o bad.json -w '%{http_code}' --request POST --url "$HOST/marketplace/rest/3/assets/images/icon" \
  --user "email@example.com:$MARKETPLACE_API_TOKEN" --form 'file=@notes.png' > code
check "text uploaded as an image: 415 ($(cat code))" test "$(cat code)" = 415

# SIGTERM with an upload in flight: the emulator stops taking requests, gives it a few seconds,
# and leaves no partial upload in its data folder (they used to stay until its next start).
stop_emulator
head -c 20000000 /dev/urandom > blob.bin
cp app.jar big.jar
python3 -c 'import zipfile; z = zipfile.ZipFile("big.jar", "a"); z.write("blob.bin"); z.close()'
start_emulator "$WORK/emulator-stopped" || exit 1
curl -s -o /dev/null --limit-rate 2M --user "email@example.com:$MARKETPLACE_API_TOKEN" \
  --form 'file=@big.jar;type=application/java-archive' --url "$BASE_URL/rest/3/artifacts" &
UPLOAD=$!
sleep 2
PARTIAL=$(find "$WORK/emulator-stopped/tmp" -type f | wc -l)
kill -TERM "$EMULATOR_PID"
wait "$EMULATOR_PID"
STOPPED=$?
EMULATOR_PID=
wait "$UPLOAD"
check "SIGTERM with an upload under way ($PARTIAL partial): the emulator ends of the signal ($STOPPED), its partial uploads removed" bash -c "
    [ $PARTIAL -ge 1 ] && [ $STOPPED -eq 143 ] && [ -z \"\$(find '$WORK/emulator-stopped/tmp' -type f 2>/dev/null)\" ]"

finish
