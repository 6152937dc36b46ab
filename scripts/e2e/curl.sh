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

# Without credentials: 401 with a JSON error.
curl -s -o noauth.json -w '%{http_code}' --url "$HOST/rest/3/artifacts/$ID" --header 'Accept: application/json' > code
check "no credentials: 401 ($(cat code))" test "$(cat code)" = 401
check "... with a JSON error" python3 -c 'import json; assert json.load(open("noauth.json"))["message"]'

# Not an image: 415.
printf 'plain text, not an image' > notes.png
curl -s -o bad.json -w '%{http_code}' --request POST --url "$HOST/marketplace/rest/3/assets/images/icon" \
  --user "email@example.com:$MARKETPLACE_API_TOKEN" --form 'file=@notes.png' > code
check "text uploaded as an image: 415 ($(cat code))" test "$(cat code)" = 415

finish
