#!/usr/bin/env bash
# Runs schemathesis (from PyPI) against the emulator with Resources/openapi.yaml, checking that
# no answer is a server error and every answer matches the schema. Exits nonzero on any failure.
#
#   scripts/schemathesis.sh BINARY     starts `BINARY emulator --allow-private-fetch` on a free
#                                      loopback port with a fresh data folder and made-up
#                                      credentials, and a local file server for fetches; tests it
#   scripts/schemathesis.sh BASE_URL   tests a running emulator, e.g. http://127.0.0.1:8080/marketplace,
#                                      with MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN
#
# Before the run it uploads two real plugin jars (one with every <plugin-info> param, one with
# none) and, with BINARY, fetches one, so that the artifact endpoints are also tested with IDs
# that exist and every `details` field is checked against the schema. Generated fetch URIs never leave the machine
# (scripts/schemathesis_hooks.py).
#
# Environment: SCHEMATHESIS_MAX_EXAMPLES (default 200 per operation), SCHEMATHESIS_SEED,
# SCHEMATHESIS_VERSION (default 4.32.5). Extra arguments are passed to `schemathesis run`.
# schemathesis is installed into .venv-schemathesis (ignored by git) when missing.
set -euo pipefail

usage() { echo "usage: $0 BINARY|BASE_URL [schemathesis run options]" >&2; exit 2; }
[ $# -ge 1 ] || usage
target=$1; shift

root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-schemathesis"
version=${SCHEMATHESIS_VERSION:-4.32.5}

if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q " $version\$"; then
    echo "== installing schemathesis $version into .venv-schemathesis"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/schemathesis.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$workdir"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Small plugin jars for the seeded uploads and fetch: a P2 Data Center app with licensing, and
# a bare P1 descriptor without any <plugin-info> param (details derived from defaults).
mkdir -p "$workdir/www"
python3 - "$workdir/www/schemathesis-app.jar" "$workdir/www/schemathesis-bare.jar" <<'PY'
import sys, zipfile
descriptors = {
    sys.argv[1]: '<atlassian-plugin key="com.example.schemathesis" name="Schemathesis seed" plugins-version="2">'
                 '<plugin-info><version>1.0.0</version><vendor name="Example"/>'
                 '<param name="atlassian-data-center-status">compatible</param>'
                 '<param name="atlassian-data-center-compatible">true</param>'
                 '<param name="atlassian-licensing-enabled">true</param></plugin-info></atlassian-plugin>',
    sys.argv[2]: '<atlassian-plugin key="com.example.schemathesis.bare"><plugin-info/></atlassian-plugin>',
}
for path, descriptor in descriptors.items():
    with zipfile.ZipFile(path, "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
        jar.writestr("atlassian-plugin.xml", descriptor)
PY

fetch_base="http://127.0.0.1:9/"
known_uris=""
case "$target" in
    http://*|https://*)
        base_url=${target%/}
        email=${MARKETPLACE_EMAIL:?set MARKETPLACE_EMAIL (and MARKETPLACE_API_TOKEN) to test a running emulator}
        token=${MARKETPLACE_API_TOKEN:?set MARKETPLACE_API_TOKEN to test a running emulator}
        ;;
    *)
        [ -x "$target" ] || { echo "error: $target is not an executable or an http(s) base URL" >&2; exit 2; }
        files_port=$(free_port)
        python3 -m http.server --bind 127.0.0.1 --directory "$workdir/www" "$files_port" >"$workdir/files.log" 2>&1 &
        pids+=($!)
        fetch_base="http://127.0.0.1:$files_port/"
        known_uris="${fetch_base}schemathesis-app.jar"

        port=$(free_port)
        email="schemathesis@example.com"
        token="st-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
        MARKETPLACE_EMAIL=$email MARKETPLACE_API_TOKEN=$token \
            "$target" emulator --host 127.0.0.1 --port "$port" --data-dir "$workdir/data" --allow-private-fetch \
            >"$workdir/emulator.log" 2>&1 &
        emulator_pid=$!
        pids+=("$emulator_pid")
        base_url="http://127.0.0.1:$port/marketplace"
        for _ in $(seq 1 150); do
            curl -s -o /dev/null "$base_url/rest/3/artifacts/fetch" && curl -s -o /dev/null "$fetch_base" && break
            if ! kill -0 "$emulator_pid" 2>/dev/null; then
                echo "error: the emulator exited; its log:" >&2; cat "$workdir/emulator.log" >&2; exit 1
            fi
            sleep 0.2
        done
        ;;
esac

# Seed: two uploaded artifacts (and one fetched, with BINARY) whose IDs the run may use.
artifact_id() { python3 -c 'import json, sys; print(json.load(sys.stdin)["_links"]["self"]["href"].rsplit("/", 1)[1])'; }
ids=""
for jar in schemathesis-app.jar schemathesis-bare.jar; do
    uploaded=$(curl -sf --user "$email:$token" --form "file=@$workdir/www/$jar" "$base_url/rest/3/artifacts" | artifact_id) || {
        echo "error: could not upload the seed artifact $jar to $base_url (credentials?)" >&2; exit 1; }
    ids="$ids $uploaded"
done
if [ -n "$known_uris" ]; then
    fetched=$(curl -sf --user "$email:$token" -H 'Content-Type: application/json' \
        --data "{\"uri\": \"$known_uris\"}" "$base_url/rest/3/artifacts/fetch" | artifact_id) || {
        echo "error: could not fetch the seed artifact through $base_url" >&2; exit 1; }
    ids="$ids $fetched"
fi

python3 - "$workdir/schemathesis.toml" "$ids" "$known_uris" <<'PY'
import json, sys
path, ids, uris = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
lines = ["[dictionaries.artifacts]", "values = " + json.dumps(ids)]
if uris:
    lines += ["[dictionaries.jars]", "values = " + json.dumps(uris)]
lines += ["[parameters]", '"path.artifactId" = { dictionary = "artifacts", probability = 0.5 }']
if uris:
    lines += ['"body.uri" = { dictionary = "jars", probability = 0.3 }']
open(path, "w").write("\n".join(lines) + "\n")
PY

echo "== schemathesis $version against $base_url"
seed_args=()
[ -n "${SCHEMATHESIS_SEED:-}" ] && seed_args=(--seed "$SCHEMATHESIS_SEED")
set +e
PYTHONPATH="$root/scripts${PYTHONPATH:+:$PYTHONPATH}" SCHEMATHESIS_HOOKS=schemathesis_hooks \
SCHEMATHESIS_FETCH_BASE="$fetch_base" SCHEMATHESIS_FETCH_KNOWN="$known_uris" \
    "$venv/bin/schemathesis" --config-file "$workdir/schemathesis.toml" run "$root/Resources/openapi.yaml" \
    --url "$base_url" \
    --auth "$email:$token" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-200}" \
    --request-timeout 30 \
    --no-color \
    "${seed_args[@]}" "$@"
status=$?
set -e
if [ -n "${emulator_pid:-}" ] && ! kill -0 "$emulator_pid" 2>/dev/null; then
    echo "error: the emulator died during the run; its log:" >&2; cat "$workdir/emulator.log" >&2
    exit 1
fi
exit $status
