#!/usr/bin/env bash
# Network faults seen through the CLI (issue 4): for each fault of scripts/reliability/faultserver.py,
# the message and exit status the user gets, the number of requests made, how long it took, and
# the history left behind.
# Usage: scripts/reliability/network-faults.sh [path/to/marketplace-assets]
# RELIABILITY_FULL=1 adds the endless drip (the client's 120 s answer timeout).
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=network-faults
. scripts/reliability/lib.sh

start_faultserver || exit 1
echo "fault server on port $FAULT_PORT"

# A plugin jar of 8 MiB (stored, so it stays that size): big enough to still be uploading
# a second after it started against the slow reader.
python3 - "$WORK/big.jar" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as jar:
    jar.writestr("atlassian-plugin.xml", '<atlassian-plugin key="com.example.big" name="Big"><plugin-info><version>1.0</version></plugin-info></atlassian-plugin>')
    jar.writestr("blob.bin", os.urandom(8 << 20))
PY

# upload CASE SCENARIO [FILE]: upload-artifact FILE (default: the sample jar) to SCENARIO
# with its own history file WORK/CASE.history.json.
upload() {
    local case=$1 scenario=$2 file=${3:-$JAR}
    run_cli "$case" upload-artifact "$file" --base-url "$(fault_url "$scenario" "$case")" --history "$WORK/$case.history.json"
}

# entries CASE EXPRESSION: a Python expression over the case's history entries (as `d`).
entries() {
    history_json "$WORK/$1.entries.json" --history "$WORK/$1.history.json" || return 1
    json_eval "$WORK/$1.entries.json" "$2"
}

# failed_entry CASE WORDS: the case left exactly one history entry, a failure without an ID,
# whose message holds WORDS.
failed_entry() {
    [ "$(entries "$1" "len(d) == 1 and d[0].get('failure') is not None and d[0].get('id') is None and $2 in d[0]['failure']")" = True ]
}

# expect_failure CASE SCENARIO REQUESTS WORDS: exit 1, one line on stderr holding WORDS,
# REQUESTS requests, and one failed history entry.
expect_failure() {
    local case=$1 scenario=$2 requests=$3 words=$4
    check "$case: exit 1 ($(rc_of "$case")) after $(ms_of "$case") ms" test "$(rc_of "$case")" -eq 1
    check "$case: one line on stderr: $(head -c 160 "$WORK/$case.err")" one_error_line "$case"
    check "$case: the message says \"$words\"" contains "$WORK/$case.err" "$words"
    check "$case: $requests request(s) ($(fault_count "$scenario" "$case"))" test "$(fault_count "$scenario" "$case")" -eq "$requests"
    check "$case: one failed history entry holding the message" failed_entry "$case" "'''$words'''"
    figure "$case: exit $(rc_of "$case"), $(fault_count "$scenario" "$case") request(s), $(ms_of "$case") ms, history: 1 failed entry"
}

# expect_success CASE SCENARIO REQUESTS: exit 0, REQUESTS requests, one verified entry with an ID.
expect_success() {
    local case=$1 scenario=$2 requests=$3
    check "$case: exit 0 ($(rc_of "$case"): $(head -c 160 "$WORK/$case.err")) after $(ms_of "$case") ms" test "$(rc_of "$case")" -eq 0
    check "$case: $requests request(s) ($(fault_count "$scenario" "$case"))" test "$(fault_count "$scenario" "$case")" -eq "$requests"
    check "$case: one verified history entry with its artifact ID" \
        test "$(entries "$case" "len(d) == 1 and d[0].get('id') is not None and d[0].get('verified') is True and d[0].get('failure') is None")" = True
    figure "$case: exit 0, $(fault_count "$scenario" "$case") request(s), $(ms_of "$case") ms, history: 1 verified entry"
}

# The two stalls wait for the 60 s idle timeout: run them in the background meanwhile.
upload stall stall &
STALL_PID=$!
upload stallupload stallupload "$WORK/big.jar" &
STALLUPLOAD_PID=$!
# Six at once with a 10 s idle timeout: whether the jar still waits in the client or all of it fits
# the loopback buffers (the client then closes the channel on a queued write) varies from run to
# run, and both must read as the stall it is.
STALL10_PIDS=()
for n in 1 2 3 4 5 6; do
    run_cli "stall10-$n" upload-artifact "$WORK/big.jar" --timeout 10 --base-url "$(fault_url stallupload "stall10-$n")" --history "$WORK/stall10-$n.history.json" &
    STALL10_PIDS+=($!)
done
# Under a terminal, the progress bar says so once no byte has moved for a few seconds: it used to
# hold its last figures (bytes stuck in the client read "stalled for", all in the buffers "waiting").
script -qfec "$BIN upload-artifact '$WORK/big.jar' --timeout 8 --base-url '$(fault_url stallupload barstall)' --history '$WORK/barstall.history.json'" \
    "$WORK/barstall.typescript" > /dev/null 2>&1 < /dev/null &
BARSTALL_PID=$!
# ... and at 45 columns, where it once dropped the words for the percentage alone.
script -qfec "stty cols 45; $BIN upload-artifact '$WORK/big.jar' --timeout 8 --base-url '$(fault_url stallupload barstall45)' --history '$WORK/barstall45.history.json'" \
    "$WORK/barstall45.typescript" > /dev/null 2>&1 < /dev/null &
BARSTALL45_PID=$!
if [ "$FULL" = 1 ]; then
    run_cli dripforever artifact some-artifact-id --base-url "$(fault_url dripforever dripforever)" --history "$WORK/dripforever.history.json" &
    DRIPFOREVER_PID=$!
fi

echo "-- a well-behaved server (the baseline)"
upload ok ok
expect_success ok ok 1

echo "-- connection reset in the middle of the upload"
upload reset reset "$WORK/big.jar"
# The kernel reports a reset or an orderly close, depending on timing: both say where it failed.
expect_failure reset reset 1 "while the file was being sent"

echo "-- a slow drip: the answer one byte every 10 ms"
upload drip drip
expect_success drip drip 1

echo "-- 429 with a short Retry-After (1 s), then success"
upload retry429 retry429
expect_success retry429 retry429 2
check "retry429: waited the Retry-After (>= 1000 ms: $(ms_of retry429))" test "$(ms_of retry429)" -ge 1000

echo "-- 429 with an absurd Retry-After (86400 s): gives up at once"
upload limit429 limit429
expect_failure limit429 limit429 1 "Retry in 24 h."
check "limit429: no waiting (< 5000 ms: $(ms_of limit429))" test "$(ms_of limit429)" -lt 5000

echo "-- a burst of two 503s, then success"
upload burst503 burst503
expect_success burst503 burst503 3

echo "-- 503 for ever: three tries, then a message"
upload always503 always503
expect_failure always503 always503 3 "after 3 attempts"
check "always503: bounded wait (< 10000 ms: $(ms_of always503))" test "$(ms_of always503)" -lt 10000

echo "-- a proxy's bare 503 (no JSON, no Retry-After): an upload is not sent again, and may exist"
upload proxy503 proxy503
expect_failure proxy503 proxy503 1 "Marketplace may have made the upload anyway"

echo "-- 500: never retried"
upload error500 error500
expect_failure error500 error500 1 "database on fire"

echo "-- a success answer that is not JSON"
upload malformed malformed
expect_failure malformed malformed 1 "not JSON"

echo "-- a checksum that is not the file's"
upload badsum badsum
check "badsum: exit 1 ($(rc_of badsum))" test "$(rc_of badsum)" -eq 1
check "badsum: one line: $(head -c 160 "$WORK/badsum.err")" one_error_line badsum
check "badsum: says Checksum mismatch" contains "$WORK/badsum.err" "Checksum mismatch"
check "badsum: 1 request" test "$(fault_count badsum badsum)" -eq 1
check "badsum: one entry with its artifact ID, verified=false and the failure" \
    test "$(entries badsum "len(d) == 1 and d[0].get('id') is not None and d[0].get('verified') is False and 'mismatch' in d[0].get('failure', '')")" = True
figure "badsum: exit 1, 1 request, history: 1 entry verified=false with the failure"
cp "$JAR" "$WORK/badsum-copy.jar"
run_cli badsum-batch upload-artifact "$JAR" "$WORK/badsum-copy.jar" --allow-duplicate --json --base-url "$(fault_url badsum badsum-batch)" --history "$WORK/badsum-batch.history.json"
check "badsum in a batch's --json: the mismatch's element names the artifactId Marketplace made, as the history does" \
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); h=json.load(open(sys.argv[2]))["entries"]; m=[e for e in d if e.get("kind") == "checksum-mismatch"]; assert len(m) == 2 and [e["artifactId"] for e in m] == [e["id"] for e in h if e.get("verified") is False], (d, h)' "$WORK/badsum-batch.out" "$WORK/badsum-batch.history.json"

echo "-- a 64 MiB answer: read up to 1 MiB, then refused"
start=$(date +%s%N)
peak_rss "$WORK/huge.rss" "$BIN" upload-artifact "$JAR" --base-url "$(fault_url huge huge)" --history "$WORK/huge.history.json" \
    > "$WORK/huge.out" 2> "$WORK/huge.err"
echo $? > "$WORK/huge.rc"
echo $(( ($(date +%s%N) - start) / 1000000 )) > "$WORK/huge.ms"
RSS_KB=$(cat "$WORK/huge.rss")
expect_failure huge huge 1 "larger than"
check "huge: the CLI's peak memory stays small (${RSS_KB} KiB < 200 MiB)" test "$RSS_KB" -lt 204800
figure "huge: peak RSS $((RSS_KB / 1024)) MiB for a 64 MiB answer"

echo "-- the same faults on the other endpoints: fetch-artifact and artifact"
run_cli fetch500 fetch-artifact "https://example.com/app.jar" --base-url "$(fault_url error500 fetch500)" --history "$WORK/fetch500.history.json"
expect_failure fetch500 error500 1 "database on fire"
run_cli get503 artifact abc-123 --base-url "$(fault_url burst503 get503)" --history "$WORK/get503.history.json"
check "get503 (GET after two 503s): exit 0 ($(rc_of get503))" test "$(rc_of get503)" -eq 0
check "get503: 3 requests ($(fault_count burst503 get503))" test "$(fault_count burst503 get503)" -eq 3
run_cli getmalformed artifact abc-123 --json --base-url "$(fault_url malformed getmalformed)" --history "$WORK/getmalformed.history.json"
check "getmalformed: exit 1, one line" bash -c "[ $(rc_of getmalformed) -eq 1 ] && [ $(line_count "$WORK/getmalformed.err") -eq 1 ]"
check "getmalformed: nothing on stdout" test ! -s "$WORK/getmalformed.out"
run_cli refused artifact abc-123 --base-url "http://127.0.0.1:9/marketplace" --history "$WORK/refused.history.json"
check "refused connection: exit 1, one line: $(head -c 120 "$WORK/refused.err")" bash -c "[ $(rc_of refused) -eq 1 ] && [ $(line_count "$WORK/refused.err") -eq 1 ]"
check "refused connection: retried, says so" contains "$WORK/refused.err" "after 3 attempts"

echo "-- Ctrl-C (SIGINT) in the middle of an upload"
# A script's background jobs ignore SIGINT; reset it, as a terminal's Ctrl-C would find it.
python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
    "$BIN" upload-artifact "$WORK/big.jar" --base-url "$(fault_url slowread cancel)" --history "$WORK/cancel.history.json" \
    > "$WORK/cancel.out" 2> "$WORK/cancel.err" < /dev/null &
CANCEL_PID=$!
for _ in $(seq 1 100); do [ "$(fault_count slowread cancel)" -ge 1 ] && break; sleep 0.05; done
sleep 0.5
start=$(date +%s%N)
kill -INT "$CANCEL_PID"
wait "$CANCEL_PID"
CANCEL_RC=$?
CANCEL_MS=$(( ($(date +%s%N) - start) / 1000000 ))
check "cancel: the CLI ended with SIGINT's status ($CANCEL_RC) within a second ($CANCEL_MS ms)" bash -c "[ $CANCEL_RC -eq 130 ] && [ $CANCEL_MS -lt 1000 ]"
check "cancel: no process left behind" bash -c "! kill -0 $CANCEL_PID 2>/dev/null"
check "cancel: 1 request, nothing recorded in the history" \
    bash -c "[ $(fault_count slowread cancel) -eq 1 ] && [ \"\$(cat '$WORK/cancel.history.json' 2>/dev/null)\" = '' ] && ! grep -q big.jar '$WORK/cancel.history.json' 2>/dev/null"
figure "cancel: SIGINT mid-upload: exit $CANCEL_RC in $CANCEL_MS ms, 1 request, 0 history entries"

echo "-- Ctrl-Z for longer than the timeout in the middle of an upload, then fg: it goes on"
# The stall watchdog counted the time the process was stopped as the server's silence, and
# failed the upload on fg ("stopped taking the upload for longer than 3 s") about half the time.
# 40 MiB to a server reading 5 MiB/s: 8 s, of which the first is sent before the stop.
python3 - "$WORK/steady.jar" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as jar:
    jar.writestr("atlassian-plugin.xml", '<atlassian-plugin key="com.example.steady" name="Steady"><plugin-info><version>1.0</version></plugin-info></atlassian-plugin>')
    jar.writestr("blob.bin", os.urandom(40 << 20))
PY
"$BIN" upload-artifact "$WORK/steady.jar" --timeout 3 --base-url "$(fault_url steadyread stopped)" --history "$WORK/stopped.history.json" \
    > "$WORK/stopped.out" 2> "$WORK/stopped.err" < /dev/null &
STOPPED_PID=$!
for _ in $(seq 1 100); do [ "$(fault_count steadyread stopped)" -ge 1 ] && break; sleep 0.05; done
sleep 1
kill -STOP "$STOPPED_PID"
sleep 6
kill -CONT "$STOPPED_PID"
wait "$STOPPED_PID"
STOPPED_RC=$?
check "stopped 6 s mid-upload (--timeout 3), then continued: exit 0 ($STOPPED_RC: $(head -c 160 "$WORK/stopped.err"))" test "$STOPPED_RC" -eq 0
STOPPED_ENTRY=$(entries stopped "len(d) == 1 and d[0].get('id') is not None and d[0].get('verified') is True")
check "... one request ($(fault_count steadyread stopped)), one verified entry ($STOPPED_ENTRY)" \
    bash -c "[ $(fault_count steadyread stopped) -eq 1 ] && [ '$STOPPED_ENTRY' = True ]"
rm -f "$WORK/steady.jar"

echo "-- Ctrl-C once the whole file went: the answer, a second away, is waited for and recorded"
python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
    "$BIN" upload-image "$PNG" --type icon --base-url "$(fault_url soon grace)" --history "$WORK/grace.history.json" \
    > "$WORK/grace.out" 2> "$WORK/grace.err" < /dev/null &
GRACE_PID=$!
for _ in $(seq 1 100); do [ "$(fault_count soon grace)" -ge 1 ] && break; sleep 0.05; done
sleep 0.3  # (the small image is sent whole at once; the answer comes a second after it)
kill -INT "$GRACE_PID"
wait "$GRACE_PID"
GRACE_RC=$?
check "grace: exit 130 ($GRACE_RC), saying it waits for the answer, then that all was done: $(tail -n 1 "$WORK/grace.err")" bash -c "
    [ $GRACE_RC -eq 130 ] && grep -q '^interrupted: the request under way was sent whole, and Marketplace may act on it all the same: waiting up to 2 s for its answer' '$WORK/grace.err' &&
    tail -n 1 '$WORK/grace.err' | grep -qx 'note: the command was done all the same, as reported: the signal cut nothing short'"
check "grace: the image's ID printed and recorded, no failed attempt ($(grep -m1 imageId "$WORK/grace.out"))" bash -c "
    grep -q '^  imageId  ' '$WORK/grace.out' &&
    python3 -c \"import json,sys; e=json.load(open('$WORK/grace.history.json'))['entries']; sys.exit(0 if len(e) == 1 and e[0].get('image', {}).get('id') and 'failure' not in e[0] else 1)\""

echo "-- a second signal while the history records an upload Marketplace made names its ID"
"$BIN" upload-artifact "$JAR" --base-url "$(fault_url late twice)" --history "$WORK/twice.history.json" \
    > "$WORK/twice.out" 2> "$WORK/twice.err" < /dev/null &
TWICE_PID=$!
for _ in $(seq 1 100); do [ "$(fault_count late twice)" -ge 1 ] && break; sleep 0.05; done
# The request is in (its checks made): the history's lock, held now, holds up the answer's write.
flock "$WORK/twice.history.json.lock" sleep 30 &
LOCKER=$!
for _ in $(seq 1 200); do grep -q "waiting for the history" "$WORK/twice.err" && break; sleep 0.05; done
kill -TERM "$TWICE_PID"; sleep 0.3
check "twice: the first SIGTERM while the write waits says so at once (it looked unheard for up to 30 s)" \
    grep -q 'interrupted: Marketplace has made artifact [0-9a-f-]* (sample-plugin.*), which the history is recording first (another signal ends at once' "$WORK/twice.err"
start=$(date +%s%N)
kill -TERM "$TWICE_PID"
wait "$TWICE_PID"
TWICE_RC=$?
TWICE_MS=$(( ($(date +%s%N) - start) / 1000000 ))
kill "$LOCKER" 2> /dev/null; wait "$LOCKER" 2> /dev/null
# At once: not when the write gives up on the lock (30 s).
check "twice: SIGTERM twice while the write waits: exit 143 ($TWICE_RC) within 3 s ($TWICE_MS ms), naming the artifact Marketplace made: $(grep -m1 'interrupted again' "$WORK/twice.err" | head -c 160)" \
    bash -c "[ $TWICE_RC -eq 143 ] && [ $TWICE_MS -lt 3000 ] && grep -q 'interrupted again while the history recorded it: Marketplace has made artifact [0-9a-f-]* (sample-plugin' '$WORK/twice.err'"

echo "-- a progress bar on a terminal is erased when an upload fails"
script -qfec "$BIN upload-artifact '$WORK/big.jar' --base-url '$(fault_url reset bar)' --history '$WORK/bar.history.json'" "$WORK/bar.typescript" > /dev/null 2>&1 < /dev/null
python3 - "$WORK/bar.typescript" > "$WORK/bar.check" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
bar, error = data.rfind(b"uploading ["), data.find(b"error: ")
erased = data.rfind(b"\r\x1b[2K", 0, error) if error >= 0 else -1
print("ok" if error >= 0 and (bar < 0 or bar < erased < error) else f"bar={bar} erased={erased} error={error}")
PY
check "bar: the last progress line is erased before the error ($(cat "$WORK/bar.check"))" test "$(cat "$WORK/bar.check")" = ok

echo "-- a notice while a bar is up takes the bar's line, and the bar stays away while nothing moves"
# A 1 MiB jar read slowly (about 1.6 s); once the bar is up, another process holds the history's
# lock for 5 s: the write that records the upload waits, and says so after 3 s.
python3 - "$WORK/mid.jar" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as jar:
    jar.writestr("atlassian-plugin.xml", '<atlassian-plugin key="com.example.mid" name="Mid"><plugin-info><version>1.0</version></plugin-info></atlassian-plugin>')
    jar.writestr("blob.bin", os.urandom(1 << 20))
PY
script -qfec "$BIN upload-artifact '$WORK/mid.jar' --base-url '$(fault_url slowread notice)' --history '$WORK/notice.history.json'" "$WORK/notice.typescript" > /dev/null 2>&1 < /dev/null &
NOTICE_PID=$!
for _ in $(seq 1 250); do grep -aq "uploading \[" "$WORK/notice.typescript" 2>/dev/null && break; sleep 0.02; done
flock -x "$WORK/notice.history.json.lock" sleep 5 &
wait "$NOTICE_PID"
python3 - "$WORK/notice.typescript" > "$WORK/notice.check" <<'PY'
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "replace").replace("\x1b[2K", "")
pieces = [p for p in re.split("[\r\n]", text) if p.strip()]
notice = next((i for i, p in enumerate(pieces) if "waiting for the history" in p), None)
bars_after = [p for p in pieces[notice + 1:] if "uploading [" in p] if notice is not None else []
ok = notice is not None and pieces[notice].startswith("waiting for the history") and not bars_after and any("uploading [" in p for p in pieces[:notice])
print("ok" if ok else f"notice={notice} pieces={pieces[-6:]}")
PY
check "notice: 'waiting for the history' on a line of its own, no bar drawn after it ($(head -c 200 "$WORK/notice.check"))" test "$(cat "$WORK/notice.check")" = ok

echo "-- stalls (the 60 s idle timeout)"
wait "$STALL_PID"
expect_failure stall stall 1 "No answer from 127.0.0.1 within 60 s"
wait "$STALLUPLOAD_PID"
expect_failure stallupload stallupload 1 "stopped taking the upload for longer than 60 s"
wait "${STALL10_PIDS[@]}"
for n in 1 2 3 4 5 6; do
    check "stall10-$n: exit 1 ($(rc_of "stall10-$n")), the stall named: $(head -c 120 "$WORK/stall10-$n.err")" \
        bash -c "[ $(rc_of "stall10-$n") -eq 1 ] && grep -qF 'stopped taking the upload for longer than 10 s' '$WORK/stall10-$n.err'"
done
wait "$BARSTALL_PID"
check "barstall: the progress bar says the upload stopped moving: $(grep -aoE '(stalled for|waiting) 0:0[0-9]' "$WORK/barstall.typescript" | tail -1)" \
    grep -aqE '(stalled for|waiting) 0:0[3-7]' "$WORK/barstall.typescript"
wait "$BARSTALL45_PID"
check "barstall45: in 45 columns too, within 44: $(grep -aoE '(stalled for|waiting) 0:0[0-9]' "$WORK/barstall45.typescript" | tail -1)" python3 -c '
import re, sys; text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
pieces = [re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", p) for p in re.split("[\r\n]", text)]
bars = [p for p in pieces if "%" in p]
assert any(re.search("(stalled for|waiting) 0:0[3-7]", p) for p in bars), bars[-3:]
assert max(len(p.rstrip()) for p in bars) <= 44, max(bars, key=len)' "$WORK/barstall45.typescript"
for case in stall stallupload; do
    check "$case: gave up within 75 s ($(ms_of $case) ms)" test "$(ms_of $case)" -lt 75000
done
# The client closed its side: the server sees the end of the connection it held open.
# (For stallupload the client's FIN waits behind the unread upload in the socket buffers,
# which is the kernel's business once the process has exited.)
check "stall: the server saw the client close the connection" eventually "[ \"\$(curl -s http://127.0.0.1:$FAULT_PORT/__open/stall/stall)\" = 0 ]" 5

if [ "$FULL" = 1 ]; then
    echo "-- an answer that never ends (the 120 s answer timeout)"
    wait "$DRIPFOREVER_PID"
    check "dripforever: exit 1 after $(ms_of dripforever) ms (< 150 s)" bash -c "[ $(rc_of dripforever) -eq 1 ] && [ $(ms_of dripforever) -lt 150000 ]"
    check "dripforever: says so: $(head -c 160 "$WORK/dripforever.err")" contains "$WORK/dripforever.err" "to send its whole answer"
    for _ in $(seq 1 40); do [ "$(curl -s "http://127.0.0.1:$FAULT_PORT/__open/dripforever/dripforever")" = 0 ] && break; sleep 0.05; done
    check "dripforever: 1 request, connection closed" \
        bash -c "[ $(fault_count dripforever dripforever) -eq 1 ] && [ $(curl -s "http://127.0.0.1:$FAULT_PORT/__open/dripforever/dripforever") = 0 ]"
    figure "dripforever: exit $(rc_of dripforever) after $(ms_of dripforever) ms, 1 request"
fi

for file in "$WORK"/*.out "$WORK"/*.err; do
    safe_to_print "$file" > /dev/null || fail "$(basename "$file") is not safe to print"
done
reliability_finish
