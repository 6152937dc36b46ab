# Shared helpers of the end-to-end scripts: assertions that count, and an emulator to talk to.
# Source it; set BIN to the built marketplace-assets binary first.

E2E_PASSED=0
E2E_FAILED=0
# The scripts check what a person at a terminal sees: CI set (as CI runners and .ci/run set it)
# turns the command line's progress bar off, which a check names when it sets it.
unset CI
E2E_NAME=${E2E_NAME:-e2e}

pass() { E2E_PASSED=$((E2E_PASSED + 1)); echo "  ok   $*"; }
fail() { E2E_FAILED=$((E2E_FAILED + 1)); echo "  FAIL $*"; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
    local description=$1; shift
    if "$@"; then pass "$description"; else fail "$description"; fi
}

# contains FILE TEXT: the file holds the text (fixed string).
contains() { grep -qF -- "$2" "$1"; }

# line_count FILE: the number of lines of a file.
line_count() { wc -l < "$1" | tr -d ' '; }

# run_bin NAME ARGS...: runs the binary with stdin from the caller; keeps NAME.out, NAME.err
# and NAME.rc (the exit status) in WORK.
run_bin() {
    local name=$1; shift
    "$BIN" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"
    echo $? > "$WORK/$name.rc"
}

# rc_of NAME: the exit status run_bin (or run_cli) kept.
rc_of() { cat "$WORK/$1.rc"; }

# json_member FILE KEY: a top-level member of the JSON object in FILE, `<absent>` when missing.
json_member() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], "<absent>"))' "$1" "$2"; }
export -f json_member

# The TUI under tmux: set SOCKET (the tmux server), SESSION and SCREEN (a file) first.
t() { tmux -L "$SOCKET" "$@"; }
capture() { t capture-pane -p -t "$SESSION" > "$SCREEN"; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
    local deadline=$((SECONDS + ${2:-15}))
    while [ $SECONDS -lt $deadline ]; do
        capture
        grep -qF -- "$1" "$SCREEN" && return 0
        sleep 0.1
    done
    echo "---- screen while waiting for '$1':"; cat "$SCREEN"; return 1
}
# eventually COMMAND [SECONDS]: runs the bash COMMAND every 0.1 s until it succeeds, up to
# SECONDS (default 10): a screen read once after a fixed pause fails whenever the shared machine
# stalls longer than the pause. Only the last try's output is shown.
eventually() {
    local deadline=$((SECONDS + ${2:-10}))
    while [ $SECONDS -lt $deadline ]; do
        bash -c "$1" > /dev/null 2>&1 && return 0
        sleep 0.1
    done
    bash -c "$1"
}
# keys KEY...: tmux key names (Enter, Tab, C-u) or single characters, one at a time.
keys() { for k in "$@"; do t send-keys -t "$SESSION" "$k"; sleep 0.1; done; }

# start_emulator DATA_DIR [extra args]: starts `marketplace-assets emulator` on a free port,
# sets EMULATOR_PID and BASE_URL. Needs MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN.
start_emulator() {
    local data=$1; shift
    local log="$data.log"
    "$BIN" emulator --port 0 --data-dir "$data" "$@" 2> "$log" &
    EMULATOR_PID=$!
    for _ in $(seq 1 200); do
        BASE_URL=$(sed -n 's/^emulator listening on \([^ ]*\).*/\1/p' "$log" | head -n 1)
        [ -n "$BASE_URL" ] && return 0
        kill -0 "$EMULATOR_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "emulator did not start:"; cat "$log"
    return 1
}

stop_emulator() {
    if [ -n "${EMULATOR_PID:-}" ]; then
        kill "$EMULATOR_PID" 2>/dev/null
        wait "$EMULATOR_PID" 2>/dev/null
        EMULATOR_PID=
    fi
}

# finish: prints the closing count line and exits nonzero when anything failed.
finish() {
    echo "$E2E_NAME: $E2E_PASSED passed, $E2E_FAILED failed"
    [ "$E2E_FAILED" -eq 0 ]
}
