#!/usr/bin/env bash
# 16 processes uploading 20 files each to `marketplace-assets emulator`, sharing one history
# (issue 4): all 320 entries present, none duplicated, every ID the server gave recorded once.
# Usage: scripts/reliability/concurrent-uploads.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=concurrent-uploads
. scripts/reliability/lib.sh

WRITERS=16
PER_WRITER=20
start_emulator "$WORK/emulator" || exit 1
FILES=$WORK/files
mkdir -p "$FILES"
# Every upload its own file name, images and artifacts mixed, so each entry can be told apart.
# The jars are copies of one plugin version, so upload-artifact is told they are meant (--allow-duplicate);
# the PNG is the 144×144 icon, uploaded as icon (as another imageType it would rightly warn of its size).
for w in $(seq 1 $WRITERS); do
    for i in $(seq 1 $PER_WRITER); do
        if [ $((i % 4)) -eq 0 ]; then cp "$JAR" "$FILES/w$w-$i.jar"; else cp "$PNG" "$FILES/w$w-$i.png"; fi
    done
done

start=$(date +%s%N)
WRITER_PIDS=()
for w in $(seq 1 $WRITERS); do
    (
        for i in $(seq 1 $PER_WRITER); do
            if [ $((i % 4)) -eq 0 ]; then
                "$BIN" upload-artifact "$FILES/w$w-$i.jar" --allow-duplicate --json --base-url "$BASE_URL" < /dev/null
            else
                "$BIN" upload-image "$FILES/w$w-$i.png" --type icon --json --base-url "$BASE_URL" < /dev/null
            fi > "$WORK/w$w-$i.out" 2> "$WORK/w$w-$i.err"
            echo $? > "$WORK/w$w-$i.rc"
        done
    ) &
    WRITER_PIDS+=($!)
done
wait "${WRITER_PIDS[@]}"
ELAPSED=$(( ($(date +%s%N) - start) / 1000000 ))

FAILED=$(cat "$WORK"/w*-*.rc | grep -vc '^0$')
check "all $((WRITERS * PER_WRITER)) uploads exited 0 ($FAILED did not) in $ELAPSED ms" test "$FAILED" -eq 0
# (Waiting over 3 s for the history's lock is said, and is no warning: a loaded machine may.)
check "no upload printed a warning or error" bash -c "! cat '$WORK'/w*-*.err | grep -v '^waiting for the history: ' | grep -q ."
history_json "$WORK/all.json"
python3 - "$WORK" "$WRITERS" "$PER_WRITER" > "$WORK/verdict.txt" <<'PY'
import glob, json, os, sys
work, writers, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
entries = json.load(open(f"{work}/all.json"))
server_ids = set()
for path in glob.glob(f"{work}/w*-*.out"):
    answer = json.load(open(path))
    server_ids.add(answer["id"] if "id" in answer else answer["_links"]["self"]["href"].rsplit("/", 1)[1])
expected_names = {f"w{w}-{i}.{'jar' if i % 4 == 0 else 'png'}" for w in range(1, writers + 1) for i in range(1, per + 1)}
names = [e["name"] for e in entries]
checks = {
    "entries": len(entries),
    "distinct entryIds": len({e["entryId"] for e in entries}),
    "distinct IDs": len({e.get("id") for e in entries}),
    "names as uploaded": len(set(names) & expected_names),
    "duplicated names": len(names) - len(set(names)),
    "server IDs recorded": len(server_ids & {e.get("id") for e in entries}),
    "failures": sum(1 for e in entries if e.get("failure")),
    "artifacts verified": sum(1 for e in entries if e["kind"] == "artifact" and e.get("verified") is True),
}
print(json.dumps(checks))
PY
verdict() { json_eval "$WORK/verdict.txt" "d['$1']"; }
TOTAL=$((WRITERS * PER_WRITER))
check "history: $(verdict entries) entries (want $TOTAL)" test "$(verdict entries)" -eq $TOTAL
check "history: $(verdict 'distinct entryIds') distinct entryIds" test "$(verdict 'distinct entryIds')" -eq $TOTAL
check "history: $(verdict 'distinct IDs') distinct image/artifact IDs" test "$(verdict 'distinct IDs')" -eq $TOTAL
check "history: every file name once ($(verdict 'names as uploaded') named, $(verdict 'duplicated names') duplicated)" \
    bash -c "[ $(verdict 'names as uploaded') -eq $TOTAL ] && [ $(verdict 'duplicated names') -eq 0 ]"
check "history: every ID the server answered is recorded ($(verdict 'server IDs recorded'))" test "$(verdict 'server IDs recorded')" -eq $TOTAL
check "history: no failure, every artifact verified ($(verdict 'artifacts verified'))" \
    bash -c "[ $(verdict failures) -eq 0 ] && [ $(verdict 'artifacts verified') -eq $((TOTAL / 4)) ]"
check "history: the files on disk parse (document and journal)" python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
if os.path.exists(f"{work}/history.json"):
    json.load(open(f"{work}/history.json"))
if os.path.exists(f"{work}/history.journal.jsonl"):
    for line in open(f"{work}/history.journal.jsonl"):
        json.loads(line)
PY
figure "${WRITERS}x${PER_WRITER} uploads: $(verdict entries) entries, $(verdict 'distinct IDs') distinct IDs, $(verdict 'duplicated names') duplicates, $FAILED failures, ${ELAPSED} ms"

reliability_finish
