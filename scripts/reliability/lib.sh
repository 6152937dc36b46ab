# Shared helpers of the reliability scripts (issue 4), on top of scripts/e2e/lib.sh.
# Source it after setting BIN (the built marketplace-assets) and E2E_NAME; it creates WORK
# (removed on exit), exports a test token, and sets up cleanup of everything it starts.

. scripts/e2e/lib.sh

WORK=$(mktemp -d "${TMPDIR:-/tmp}/reliability.XXXXXX")
# The token every script uses: searched for in every output at the end (no_token_leaked).
export RELIABILITY_TOKEN="rel-secret-token-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
export MARKETPLACE_EMAIL=reliability@example.com MARKETPLACE_API_TOKEN=$RELIABILITY_TOKEN
export XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config HOME=$WORK/home
export MARKETPLACE_ASSETS_HISTORY=$WORK/history.json
unset MARKETPLACE_BASE_URL
mkdir -p "$HOME"
SAMPLES=$(realpath Resources/samples)
PNG=$SAMPLES/app-icon.png
JAR=$SAMPLES/sample-plugin-1.0.0.jar
FULL=${RELIABILITY_FULL:-0}
KNOWN_BUGS=0

BACKGROUND_PIDS=()
TMUX_SOCKETS=()
reliability_cleanup() {
    for pid in "${BACKGROUND_PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    for socket in "${TMUX_SOCKETS[@]}"; do tmux -L "$socket" kill-server 2>/dev/null; done
    stop_emulator
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap reliability_cleanup EXIT

# start_faultserver: starts scripts/reliability/faultserver.py; sets FAULT_PORT.
start_faultserver() {
    python3 scripts/reliability/faultserver.py "$WORK/fault.port" 900 &
    BACKGROUND_PIDS+=($!)
    for _ in $(seq 1 100); do
        [ -s "$WORK/fault.port" ] && FAULT_PORT=$(cat "$WORK/fault.port") && return 0
        sleep 0.05
    done
    echo "the fault server did not start"
    return 1
}

# fault_url SCENARIO TAG: the base URL of one scenario, kept apart by TAG.
fault_url() { echo "http://127.0.0.1:$FAULT_PORT/$1/$2/marketplace"; }

# fault_count SCENARIO TAG: the API requests that prefix received.
fault_count() { curl -s "http://127.0.0.1:$FAULT_PORT/__count/$1/$2"; }

# run_cli NAME ARGS...: runs the binary, keeps NAME.out, NAME.err, NAME.rc and NAME.ms in WORK.
run_cli() {
    local name=$1; shift
    local start end
    start=$(date +%s%N)
    "$BIN" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" < /dev/null
    echo $? > "$WORK/$name.rc"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 )) > "$WORK/$name.ms"
}

ms_of() { cat "$WORK/$1.ms"; }
err_of() { cat "$WORK/$1.err"; }

# one_error_line NAME: stderr is exactly one line starting with "error: ".
one_error_line() {
    [ "$(line_count "$WORK/$1.err")" -eq 1 ] && head -c 7 "$WORK/$1.err" | grep -q '^error: '
}

# safe_to_print FILE: valid UTF-8, and no C0 (but newline and tab), DEL, C1 or bidi control.
safe_to_print() {
    python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as error:
    print(f"    not UTF-8: {error}"); sys.exit(1)
bad = re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
if bad:
    print(f"    {len(bad)} control characters, e.g. {bad[:5]!r}"); sys.exit(1)
PY
}

# history_json FILE [history options]: the history as --json, all servers, into FILE.
history_json() {
    local file=$1; shift
    "$BIN" history --json --all-servers "$@" > "$file" 2>> "$WORK/history-errors.txt" < /dev/null
}

# json_eval FILE EXPRESSION: prints a Python expression over the JSON in FILE (as `d`).
json_eval() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# known_bug DESCRIPTION BUG COMMAND...: a check that fails because of a known, reported bug.
# It does not fail the suite; once the bug is fixed it says so, and the mark should go.
known_bug() {
    local description=$1 bug=$2; shift 2
    if "$@"; then
        pass "$description (known bug now fixed: remove the known_bug mark)"
    else
        KNOWN_BUGS=$((KNOWN_BUGS + 1))
        echo "  XFAIL $description — $bug"
    fi
}

# no_token_leaked: neither the token nor the Basic auth value that encodes it appears in any
# file this script wrote (outputs, histories, logs, screen captures), config files aside.
no_token_leaked() {
    local hits basic
    basic=$(printf '%s:%s' "$MARKETPLACE_EMAIL" "$RELIABILITY_TOKEN" | base64 -w0)
    hits=$(grep -rlF -e "$RELIABILITY_TOKEN" -e "$basic" "$WORK" 2>/dev/null | grep -v '/config\.json$')
    check "the API token is in none of the $(find "$WORK" -type f | wc -l | tr -d ' ') files written (outputs, histories, logs, screens)" test -z "$hits"
    [ -n "$hits" ] && echo "    found in: $hits"
}

# reliability_finish: the token check, then the count line; exits nonzero on any failure.
reliability_finish() {
    no_token_leaked
    [ "$KNOWN_BUGS" -gt 0 ] && echo "$E2E_NAME: $KNOWN_BUGS known bug(s) marked XFAIL"
    finish
}

# peak_rss FILE COMMAND...: runs COMMAND (stdin from /dev/null), writes its peak resident
# memory in KiB to FILE, and returns its exit status (no GNU time needed).
peak_rss() {
    local file=$1; shift
    python3 - "$file" "$@" <<'PY'
import resource, subprocess, sys
status = subprocess.run(sys.argv[2:], stdin=subprocess.DEVNULL).returncode
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(status if status >= 0 else 128 - status)
PY
}

# make_descriptor_bomb PATH: a plugin jar whose descriptor is 1 GiB of spaces after a valid
# start, about 1 MiB compressed.
make_descriptor_bomb() {
    python3 - "$1" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as jar:
    with jar.open("atlassian-plugin.xml", "w", force_zip64=True) as entry:
        entry.write(b'<atlassian-plugin key="com.example.bomb" name="Bomb">')
        block = b" " * (1 << 20)
        for _ in range(1024):
            entry.write(block)
        entry.write(b"</atlassian-plugin>")
PY
}

# as_nobody COMMAND...: runs COMMAND as user 65534 when root (root reads any file), else as is.
as_nobody() {
    if [ "$(id -u)" -eq 0 ]; then
        python3 -c 'import os, sys; os.setgroups([]); os.setgid(65534); os.setuid(65534); os.execvp(sys.argv[1], sys.argv[1:])' "$@"
    else
        "$@"
    fi
}

# connections_of PID PORT: TCP connections the process PID holds, established to PORT.
connections_of() {
    python3 - "$1" "$2" <<'PY'
import os, sys
pid, port = sys.argv[1], int(sys.argv[2])
inodes = set()
try:
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
except OSError:
    pass
count = 0
for table in ("/proc/net/tcp", "/proc/net/tcp6"):
    try:
        lines = open(table).read().splitlines()[1:]
    except OSError:
        continue
    for line in lines:
        fields = line.split()
        remote_port = int(fields[2].rsplit(":", 1)[1], 16)
        if fields[3] == "01" and remote_port == port and fields[9] in inodes:
            count += 1
print(count)
PY
}

# figure TEXT: a line for docs/RELIABILITY.md.
figure() { echo "  figure: $*"; }
