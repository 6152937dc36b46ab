#!/usr/bin/env bash
# The TUI of the built binary under a hostile terminal and a faulty server (issue 4):
# tiny windows, a resize storm, TERM unset/unknown/dumb and input or output that is not a
# terminal give a clear line or a "too small" screen, never a crash; under network faults
# the TUI shows why in its status line and panes, keeps running, and a cancelled upload
# leaves no connection behind. Assertions stay on robust text (exit codes, one-line
# messages, server words, "too small", pane titles), not on layout.
# Usage: scripts/reliability/terminal.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=terminal
. scripts/reliability/lib.sh

start_faultserver || exit 1

# tui NAME WIDTH HEIGHT ARGS...: starts the TUI in its own tmux server (socket rel-NAME-PID),
# recording its exit status in WORK/NAME.exit; TUI_TERM sets its TERM (xterm-256color), TUI_ENV
# more variables (NAME=VALUE ...).
tui() {
    local name=$1 width=$2 height=$3; shift 3
    local socket=rel-$name-$$
    TMUX_SOCKETS+=("$socket")
    local command="TERM=${TUI_TERM:-xterm-256color} ${TUI_ENV:-} '$BIN'"
    for argument in "$@"; do command+=" '$argument'"; done
    tmux -L "$socket" new-session -d -s main -x "$width" -y "$height" "$command; echo \$? > '$WORK/$name.exit'; sleep 600"
}
t() { local name=$1; shift; tmux -L "rel-$name-$$" "$@"; }
# screen NAME: the current screen, also kept in WORK for the final token search.
screen() {
    t "$1" capture-pane -p -t main | tee "$WORK/$1.screen-$(date +%s%N).txt"
}
# wait_for NAME TEXT [SECONDS]: until the screen shows TEXT (a fixed string, case-insensitive).
wait_for() {
    local deadline=$((SECONDS + ${3:-15}))
    while [ $SECONDS -lt $deadline ]; do
        screen "$1" | grep -qiF -- "$2" && return 0
        sleep 0.2
    done
    echo "    ---- screen of $1 while waiting for '$2':"; screen "$1" | sed 's/^/    | /'
    return 1
}
# tui_pid NAME: the TUI process (the child of the pane's shell), empty once it has exited.
tui_pid() { pgrep -P "$(t "$1" display -p -t main '#{pane_pid}')" -f marketplace-assets | head -n 1; }
alive() { [ -n "$(tui_pid "$1")" ]; }
# exited NAME STATUS: the TUI ended with STATUS within 10 s.
exited() {
    for _ in $(seq 1 100); do [ -s "$WORK/$1.exit" ] && break; sleep 0.1; done
    [ "$(cat "$WORK/$1.exit" 2>/dev/null)" = "$2" ]
}

echo "-- not a terminal, TERM unset, unknown or dumb: one clear line, exit 1"
DEMO_ENV=(env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN)
"${DEMO_ENV[@]}" XDG_STATE_HOME="$WORK/no-terminal-state" "$BIN" --demo < /dev/null > "$WORK/stdin.out" 2> "$WORK/stdin.err"
echo $? > "$WORK/stdin.rc"
check "stdin not a terminal: exit 1, one line: $(cat "$WORK/stdin.err")" \
    bash -c "[ $(rc_of stdin) -eq 1 ] && [ $(line_count "$WORK/stdin.err") -eq 1 ] && grep -q 'not a terminal' '$WORK/stdin.err'"
check "... said before the demo is set up (no samples copied for nothing)" test ! -e "$WORK/no-terminal-state"
script -qec "${DEMO_ENV[*]} TERM=xterm '$BIN' --demo > '$WORK/stdout.out' 2> '$WORK/stdout.err'; echo \$? > '$WORK/stdout.rc'" /dev/null > /dev/null 2>&1
check "stdout not a terminal: exit 1, one line: $(cat "$WORK/stdout.err")" \
    bash -c "[ $(rc_of stdout) -eq 1 ] && [ $(line_count "$WORK/stdout.err") -eq 1 ] && grep -q 'not a terminal' '$WORK/stdout.err'"
for term in unset nosuchterminal dumb; do
    if [ $term = unset ]; then setting="env -u TERM"; else setting="env TERM=$term"; fi
    script -qec "${DEMO_ENV[*]} $setting '$BIN' --demo 2> '$WORK/term-$term.err'; echo \$? > '$WORK/term-$term.rc'" /dev/null > "$WORK/term-$term.typescript" 2>&1 < /dev/null
    check "TERM $term: exit 1 ($(rc_of "term-$term")), one line: $(cat "$WORK/term-$term.err")" \
        bash -c "[ $(rc_of "term-$term") -eq 1 ] && [ $(line_count "$WORK/term-$term.err") -eq 1 ] && grep -q '^error: ' '$WORK/term-$term.err'"
    check "TERM $term: nothing drawn on the terminal" bash -c "! grep -q 'Files' '$WORK/term-$term.typescript'"
done

echo "-- tiny windows: a 'too small' screen, never a crash"
for size in 1x1 2x2 10x3 30x8 59x16 60x15; do
    name=tiny-$size
    tui "$name" "${size%x*}" "${size#*x}" --demo
    sleep 1.5
    check "$size: still running" alive "$name"
    if [ "$size" != 1x1 ] && [ "$size" != 2x2 ]; then
        check "$size: says the terminal is too small" wait_for "$name" "small"
    fi
    t "$name" resize-window -t main -x 100 -y 30
    check "$size then 100x30: the panes appear" wait_for "$name" "History"
    t "$name" send-keys -t main q
    check "$size: q quits with status 0" exited "$name" 0
done

echo "-- TERM=vt100 (no alternate screen): the UI is cleared on quitting, the shell's screen is clean"
TUI_TERM=vt100 tui vt100 100 30 --demo
check "vt100: the panes appear" wait_for vt100 "History"
t vt100 send-keys -t main q
check "vt100: q quits with status 0" exited vt100 0
check "vt100: no pane is left on the screen after quitting" eventually "! tmux -L rel-vt100-$$ capture-pane -p -t main | grep -qE 'History|Files|Upload|Details'"
check "vt100: the cursor is at the top left, below nothing" \
    eventually "[ \"\$(tmux -L rel-vt100-$$ display -p -t main '#{cursor_x},#{cursor_y}')\" = 0,0 ]"
echo "    (cursor at $(t vt100 display -p -t main '#{cursor_x},#{cursor_y}'))"

echo "-- a resize storm: 300 sizes in a few seconds, then 120x40"
# width_is SOCKET FILE WIDTH: the screen's top border is WIDTH columns, ending in its corner (for `eventually`).
width_is() {
    tmux -L "$1" capture-pane -p -t main > "$2"
    python3 -c 'import sys; lines = open(sys.argv[1]).read().splitlines(); sys.exit(0 if len(lines) >= 2 and len(lines[1]) == int(sys.argv[2]) and lines[1].endswith("┐") else 1)' "$2" "$3"
}
export -f width_is
tui storm 100 30 --demo
wait_for storm "History" > /dev/null
python3 -c 'import random; random.seed(7); [print(random.randint(1, 250), random.randint(1, 80)) for _ in range(300)]' > "$WORK/storm.sizes"
start=$(date +%s%N)
while read -r width height; do t storm resize-window -t main -x "$width" -y "$height"; done < "$WORK/storm.sizes"
STORM_MS=$(( ($(date +%s%N) - start) / 1000000 ))
check "storm: still running after 300 resizes in $STORM_MS ms" alive storm
t storm resize-window -t main -x 120 -y 40
# (At 120 columns: the top border then ends at the last one, not on the screen from before.)
check "storm: redraws the four panes at 120x40" eventually "width_is rel-storm-$$ '$WORK/storm.screen' 120 && grep -q Files '$WORK/storm.screen' && grep -q History '$WORK/storm.screen'"
t storm send-keys -t main '?'
check "storm: still takes keys (help opens)" eventually "tmux -L rel-storm-$$ capture-pane -p -t main | grep -q 'Help ─ keys'"
t storm send-keys -t main Escape
sleep 0.3
t storm send-keys -t main q
check "storm: q quits with status 0" exited storm 0
figure "resize storm: 300 resizes (1x1 to 250x80) in $STORM_MS ms, TUI alive, redrawn, exit 0"

echo "-- COLUMNS and LINES exported (for a script's width): the TUI takes the window's size all the same"
TUI_ENV="COLUMNS=200 LINES=60" tui envsize 100 30 --demo
wait_for envsize "History" > /dev/null
check "COLUMNS=200 LINES=60 in a 100x30 window: drawn 100 columns wide" eventually "width_is rel-envsize-$$ '$WORK/envsize.width' 100"
t envsize resize-window -t main -x 120 -y 40
check "... and 120 once the window is" eventually "width_is rel-envsize-$$ '$WORK/envsize.width' 120"
t envsize send-keys -t main q
check "... q quits with status 0" exited envsize 0

echo "-- a locale that writes decimals with a comma: sizes as the command line writes them"
# (de_DE built from the system's locale sources into the work folder; skipped where they are missing.)
if mkdir -p "$WORK/locales" && localedef -i de_DE -f UTF-8 "$WORK/locales/de_DE.UTF-8" > /dev/null 2>&1; then
    LOCPATH=$WORK/locales LC_ALL=de_DE.UTF-8 tui comma 120 30 --demo 2> /dev/null  # (bash itself cannot use that locale)
    wait_for comma "app-icon.png" > /dev/null
    check "de_DE: the Files pane writes 1.9 kB, not 1,9 kB" eventually "tmux -L rel-comma-$$ capture-pane -p -t main | grep -q 'app-icon.png  *1\.9 kB'"
    t comma send-keys -t main q
    check "de_DE: q quits with status 0" exited comma 0
else
    echo "  skip (no de_DE locale source for localedef)"
fi

echo "-- the TUI under network faults (credentials set, --base-url to the fault server)"
FILES=$WORK/files
mkdir -p "$FILES"
cp "$JAR" "$FILES/app.jar"
python3 - "$FILES/big.jar" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as jar:
    jar.writestr("atlassian-plugin.xml", '<atlassian-plugin key="com.example.big" name="Big"><plugin-info><version>1</version></plugin-info></atlassian-plugin>')
    jar.writestr("blob.bin", os.urandom(24 << 20))
PY
mkdir -p "$WORK/onlyapp" "$WORK/onlybig"
mv "$FILES/app.jar" "$WORK/onlyapp/app.jar"
mv "$FILES/big.jar" "$WORK/onlybig/big.jar"

# tui_fault CASE SCENARIO FOLDER: the TUI on FOLDER with SCENARIO's base URL; u uploads the
# (only, selected) jar.
tui_fault() {
    tui "$1" 120 36 tui "$3" --base-url "$(fault_url "$2" "$1")" --history "$WORK/$1.history.json"
    wait_for "$1" "$(basename "$(ls "$3"/*.jar)")" > /dev/null
    t "$1" send-keys -t main u
}
# shows_failure CASE WORDS REQUESTS: the screen shows WORDS, the TUI is still running, the
# server saw REQUESTS requests, and the history holds one failed entry.
shows_failure() {
    local case=$1 words=$2 requests=$3 scenario=$4
    check "$case: the screen says \"$words\"" wait_for "$case" "$words"
    check "$case: the upload is marked failed" wait_for "$case" "failed" 5
    check "$case: the TUI is still running" alive "$case"
    check "$case: $requests request(s) ($(fault_count "$scenario" "$case"))" test "$(fault_count "$scenario" "$case")" -eq "$requests"
    check "$case: one failed history entry" \
        test "$(history_json "$WORK/$case.entries" --history "$WORK/$case.history.json"; json_eval "$WORK/$case.entries" "len(d) == 1 and d[0].get('failure') is not None")" = True
    t "$case" send-keys -t main q
    check "$case: q quits with status 0" exited "$case" 0
}
tui_fault tui500 error500 "$WORK/onlyapp"
shows_failure tui500 "database on fire" 1 error500
tui_fault tuireset reset "$WORK/onlybig"
shows_failure tuireset "reset" 1 reset
tui_fault tui429 limit429 "$WORK/onlyapp"
# At 120 columns the status line keeps the server's words and the retry time (issue 12): too long
# for its row, the error takes the footer's too, the retry time whole.
check "tui429: the screen says the server's words" wait_for tui429 "daily quota exhausted."
shows_failure tui429 "Retry in 24 h." 1 limit429
tui_fault tuimalformed malformed "$WORK/onlyapp"
shows_failure tuimalformed "not JSON" 1 malformed
tui_fault tuisum badsum "$WORK/onlyapp"
check "tuisum: the screen says Checksum mismatch" wait_for tuisum "mismatch"
check "tuisum: still running" alive tuisum
t tuisum send-keys -t main q
check "tuisum: q quits with status 0" exited tuisum 0
tui_fault tuiburst burst503 "$WORK/onlyapp"
check "tuiburst (two 503s, then success): the upload completes with its ID" wait_for tuiburst "a1b2c3d4"
check "tuiburst: 3 requests" test "$(fault_count burst503 tuiburst)" -eq 3
t tuiburst send-keys -t main q
check "tuiburst: q quits with status 0" exited tuiburst 0

echo "-- cancelling an upload stuck on a server that stopped reading"
tui_fault tuicancel stallupload "$WORK/onlybig"
check "tuicancel: the upload is under way (a progress bar)" wait_for tuicancel "%"
sleep 1
TUI_PID=$(tui_pid tuicancel)
sockets() { connections_of "$TUI_PID" "$FAULT_PORT"; }
check "tuicancel: the TUI holds a connection to the server ($(sockets))" test "$(sockets)" -ge 1
t tuicancel send-keys -t main 2
sleep 0.3
t tuicancel send-keys -t main x
check "tuicancel: the upload shows cancelled" wait_for tuicancel "cancelled" 5
for _ in $(seq 1 40); do [ "$(sockets)" -eq 0 ] && break; sleep 0.05; done
check "tuicancel: no connection left to the server within 2 s ($(sockets))" test "$(sockets)" -eq 0
check "tuicancel: no progress bar still moving (the screen holds still)" bash -c "a=\$(tmux -L rel-tuicancel-$$ capture-pane -p -t main); sleep 1; b=\$(tmux -L rel-tuicancel-$$ capture-pane -p -t main); [ \"\$a\" = \"\$b\" ]"
check "tuicancel: nothing recorded" bash -c "! grep -q big.jar '$WORK/tuicancel.history.json' 2>/dev/null"
t tuicancel send-keys -t main q
check "tuicancel: q quits with status 0 (no upload left running)" exited tuicancel 0
figure "TUI: 500, reset, 429/86400, malformed, bad checksum shown in status/panes, TUI alive; cancel of a stalled upload: 0 connections left"

echo "-- Ctrl-C is q: it asks while an upload runs and a second one quits; SIGTERM ends it at once"
tui_fault tuictrlc stallupload "$WORK/onlybig"
check "tuictrlc: the upload is under way" wait_for tuictrlc "%"
t tuictrlc send-keys -t main C-c
check "tuictrlc: Ctrl-C asks, as q does" wait_for tuictrlc "Quit and cancel it?" 5
check "tuictrlc: the TUI is still running" alive tuictrlc
t tuictrlc send-keys -t main C-c
check "tuictrlc: a second Ctrl-C quits with status 0" exited tuictrlc 0
tui_fault tuiterm stallupload "$WORK/onlybig"
check "tuiterm: the upload is under way" wait_for tuiterm "%"
kill -TERM "$(tui_pid tuiterm)"
check "tuiterm: SIGTERM ends it at once, status 143" exited tuiterm 143

echo "-- the terminal closed in the middle of a paste: the TUI ends, it does not spin"
tui pastehup 100 30 tui "$WORK/onlybig" --base-url "$(fault_url ok pastehup)" --history "$WORK/pastehup.history.json"
check "pastehup: the TUI is up" wait_for pastehup "big.jar"
PASTE_PID=$(tui_pid pastehup)
t pastehup send-keys -t main -H 1b 5b 32 30 30 7e 61 62 63  # ESC [200~ abc: a paste with no end
sleep 0.5
t pastehup kill-server
for _ in $(seq 1 50); do kill -0 "$PASTE_PID" 2> /dev/null || break; sleep 0.1; done
check "pastehup: the TUI is gone within 5 s of its terminal closing" bash -c "! kill -0 $PASTE_PID 2> /dev/null"
kill -9 "$PASTE_PID" 2> /dev/null

SCREENS=$(ls "$WORK"/*.screen-*.txt | wc -l)
check "$SCREENS screens captured, for the token search" test "$SCREENS" -gt 20
reliability_finish
