#!/usr/bin/env bash
# End to end: the real binary's TUI in demo mode under tmux, driven the way a person uses it.
# Each step is asserted on the captured screen.
# Usage: scripts/e2e/tui.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=tui-e2e
. scripts/e2e/lib.sh

WORK=$(mktemp -d)
SESSION=mpa-e2e-$$
SOCKET=mpa-e2e-$$
trap 't kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export XDG_STATE_HOME=$WORK/state
CLIPBOARD_LOG=$WORK/clipboard.log
SCREEN=$WORK/screen.txt

# Start in demo mode: no credentials, so the TUI opens the embedded emulator and the samples.
t new-session -d -s "$SESSION" -x 120 -y 40 \
    "env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u NO_COLOR TERM=xterm-256color XDG_STATE_HOME='$XDG_STATE_HOME' MARKETPLACE_ASSETS_CLIPBOARD_LOG='$CLIPBOARD_LOG' '$BIN'; echo EXITED:\$?; sleep 30"
check "starts in demo mode (DEMO in the header)" wait_for "DEMO"
check "shows the four panes" bash -c "grep -q 'Files' '$SCREEN' && grep -q 'Upload' '$SCREEN' && grep -q 'Details' '$SCREEN' && grep -q 'History' '$SCREEN'"
check "lists the sample files" wait_for "sample-plugin-1.0.0.jar"

# Ctrl-S is no flow control while the TUI runs: pressed by mistake, it froze the screen (and a
# quit then blocked writing to it) until Ctrl-Q.
PANE_TTY=$(t display-message -p -t "$SESSION" '#{pane_tty}')
check "the terminal's flow control is off while the TUI runs (-ixon on $PANE_TTY)" bash -c "stty -a -F '$PANE_TTY' | grep -qw -- -ixon"
keys C-s "?"
check "after Ctrl-S the screen still answers a key (? opens help)" wait_for "next / previous pane"
keys Escape

# Home and End as tmux sends them under TERM=xterm-256color (ESC [1~, ESC [4~, which that
# terminfo entry does not name): first and last, never Esc followed by a pane's digit.
keys 3 Home
check "Home in Details keeps Details (its footer: scroll)" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' | tail -n 1 | grep -q 'scroll'"
keys 1 End
check "End in Files selects the last file" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' | grep -q '› ●thumbnail.gif'"
keys Home
check "Home in Files selects the first file" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' | grep -q '› ●app-icon.png'"

# Filter to the sample icon.
keys / i c o n
check "filter narrows Files to the icon" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' > '$SCREEN'; grep -q 'app-icon.png' '$SCREEN' && ! grep -q 'banner.jpg' '$SCREEN'"
keys Enter
check "Details previews the icon's pixel size" wait_for "144 × 144"

# Upload it as icon: the imageType picker, then the ID in Upload and History.
keys u
check "u opens the imageType picker" wait_for "Choose the imageType"
keys Enter
check "the upload finishes with an ID" wait_for "✓ ID img-"
IMAGE_ID=$(env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN "$BIN" history --demo --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
keys 4
check "History lists the new ID ($IMAGE_ID)" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' -S 20 | grep -q '$IMAGE_ID'"

# Copy it: the status line says so, and the clipboard received exactly the ID.
keys y
check "y says it copied the ID" wait_for "Copied to"
check "the clipboard received the image ID" bash -c "grep -qx '$IMAGE_ID' '$CLIPBOARD_LOG'"
# Copying says what really happened: inside tmux, tmux's own paste buffer took it (issue 15, 3).
check "the status names the ID and tmux's paste buffer, not a guess" wait_for "Copied to tmux's paste buffer (prefix ] pastes it): ID $IMAGE_ID"
check "tmux's paste buffer holds the ID" bash -c "[ \"\$(tmux -L '$SOCKET' show-buffer)\" = '$IMAGE_ID' ]"

# Fetch works offline in the demo: the prompt starts with the emulator's own sample jar.
keys f
check "the fetch prompt is pre-filled with the demo's sample URL" wait_for "/marketplace/samples/sample-plugin-1.0.0.jar"
keys Enter
check "the demo fetch finishes" wait_for "Marketplace fetched http://127.0.0.1" 20
# Any other URL is refused, saying why (nothing leaves the machine).
keys f C-u
t send-keys -t "$SESSION" -l "https://example.com/app.jar"
keys Enter
check "a fetch of an outside URL fails, saying the demo fetches only its own sample" wait_for "The demo fetches only its own" 20

# d removes that failed attempt from the local history, after a question (issue 12).
HISTORY_FILE=$XDG_STATE_HOME/marketplace-assets/demo/history.json
keys 4 g d
check "d asks first: Remove from the history?" wait_for "Remove from the history?"
check "... and says Marketplace gave the failed attempt no ID" wait_for "Marketplace gave it no ID"
check "the history file holds the failed attempt before the answer" \
    python3 -c "import json,sys; sys.exit(0 if any(e.get('failure') for e in json.load(open('$HISTORY_FILE'))['entries']) else 1)"
keys y
check "y removes it, and the status says so" wait_for "Removed from the local history (u undoes it)"
check "the history file no longer holds a failed attempt, and still holds the rest" \
    python3 -c "import json,sys; e=json.load(open('$HISTORY_FILE'))['entries']; sys.exit(0 if e and not any(x.get('failure') for x in e) else 1)"
# u undoes it: the entry is back in the file; removed again for what follows.
check "the footer offers u undo" wait_for "u undo"
keys u
check "u puts it back, and the status says so" wait_for "Put back in the local history: the failed attempt"
check "the history file holds the failed attempt again" \
    python3 -c "import json,sys; sys.exit(0 if any(e.get('failure') for e in json.load(open('$HISTORY_FILE'))['entries']) else 1)"
keys g d
check "d asks again" wait_for "Remove from the history?"
keys y
check "y removes it again" wait_for "Removed from the local history (u undoes it)"

# A long paste appears at once (one redraw for all the keys waiting), kept whole (issue 15, 10).
keys f C-u
LONG="https://example.com/$(head -c 3000 /dev/zero | tr '\0' a).jar"
START=$(date +%s%N)
t send-keys -t "$SESSION" -l "$LONG"
check "a 3,000-character paste shows its end" wait_for "aaaa.jar" 20
END=$(date +%s%N)
echo "  (the paste took $(( (END - START) / 1000000 )) ms to appear)"
keys Escape

# Upload the plugin jar, then refresh its details from the server. The fetch above put the same
# key and version on this server: the first u asks, the second uploads.
keys 1 Escape
keys / j a r Enter u
check "u on a jar this server has asks for a second u" wait_for "u again uploads it anyway: com.example.sample-plugin 1.0.0 is already"
keys u
check "the jar uploads" wait_for "Uploaded sample-plugin-1.0.0.jar"
keys 4 g Enter R
check "R refreshes the artifact's details" wait_for "Refreshed "
check "Details says the server's checksum matched the file sent" bash -c "grep -q \"yes: the server's SHA-512 matches\" '$SCREEN'"

# Marks (issue 12): Space marks three demo images in Files, u lists them with an imageType
# each (changed here to screenshot with the arrows), Enter uploads them; in History Space marks
# the three new entries and Y copies their version listing's screenshots array.
keys 1 Escape
keys / . p n g Enter g
keys Space Space Space
check "Space marks three files and the Files title counts them" wait_for "3 marked"
keys u
check "u opens one list of the marked files" wait_for "Upload the marked files"
check "... each image with its imageType: highlight-screenshot.png as a screenshot" bash -c "grep -q 'highlight-screenshot.png *screenshot' '$SCREEN'"
keys Right Right Right Right Down Right Right
check "→ changes an image's imageType line by line: three screenshots, none skipped" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' > '$SCREEN'; [ \$(grep -c 'png *screenshot' '$SCREEN') = 3 ] && grep -q '3 to upload' '$SCREEN'"
keys Enter
check "the three upload, and the history holds three new screenshots" bash -c "for i in \$(seq 1 100); do env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN XDG_STATE_HOME='$XDG_STATE_HOME' '$BIN' history --demo --json > '$WORK/shots.json' && python3 -c 'import json,sys; e=[x for x in json.load(open(sys.argv[1])) if x.get(\"imageType\")==\"screenshot\" and x.get(\"id\")]; sys.exit(0 if len(e)==3 else 1)' '$WORK/shots.json' && exit 0; sleep 0.2; done; exit 1"
check "queueing them cleared the marks in Files" bash -c "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' > '$SCREEN'; ! grep -q '3 marked' '$SCREEN'"
SHOT_IDS=$(python3 -c 'import json,sys; print(" ".join(sorted(x["id"] for x in json.load(open(sys.argv[1])) if x.get("imageType")=="screenshot" and x.get("id"))))' "$WORK/shots.json")
keys 4 g
check "History lists the three new image IDs" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' > '$SCREEN'; for id in $SHOT_IDS; do grep -q \"\$id\" '$SCREEN' || exit 1; done"
keys Space Space Space
check "Space marks them in History" wait_for "3 marked"
keys Y
check "Y with marks offers their screenshots array and the listing document" wait_for "marked listing"
keys 1
check "the copy is reported" wait_for "): screenshots ("
check "the clipboard received a JSON array of the three imageIds" python3 -c "
import json, sys
log = open('$CLIPBOARD_LOG', encoding='utf-8').read()
start = log.rindex('[\n')
shots = json.loads(log[start:])
assert isinstance(shots, list) and len(shots) == 3, shots
assert sorted(s['imageId'] for s in shots) == sorted('$SHOT_IDS'.split()), shots
assert all(s['caption'] == '' for s in shots), shots"
keys Escape

# Resize: a smaller window relayouts; below the minimum the TUI says so; back again.
t resize-window -t "$SESSION" -x 80 -y 24
check "relayouts at 80×24: borders end at column 80, all four panes shown" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' > '$SCREEN'; python3 -c '
import sys; lines = open(sys.argv[1], encoding=\"utf-8\").read().splitlines()
assert len(lines) <= 24 and max(len(l.rstrip()) for l in lines) == 80, [len(l) for l in lines]
text = chr(10).join(lines); assert all(p in text for p in (\"Files\", \"Upload\", \"Details\", \"History\"))' '$SCREEN'"
# At 80x24 a cut ID ends in an ellipsis (issue 15, 14): never a silently shortened ID.
keys 2
check "at 80x24 every ID in Upload is whole or ends in …" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' > '$SCREEN'; python3 -c '
import re, sys
for line in open(sys.argv[1], encoding=\"utf-8\"):
    m = re.search(r\"✓ ID ([^│ ]+)\", line)
    if m: assert re.fullmatch(r\"img-[0-9]{5}-[a-z]{6}-[0-9]{5}-[a-z]{6}|[0-9a-f-]{36}|.*…\", m.group(1)), line' '$SCREEN'"
t resize-window -t "$SESSION" -x 40 -y 10
check "below the minimum it says the terminal is too small" wait_for "too small"
t resize-window -t "$SESSION" -x 120 -y 40
check "back to the panes after growing" wait_for "History"

# Thumbnails (issue 11): the demo's banner, selected in Files, is drawn in colour cells in the
# Details pane (columns 60-119, rows 1-20 at 120x40) above its facts, which name its listing
# size. Then in 24-bit colour, when the terminal says it takes it (COLORTERM=truecolor, with
# the xterm-direct terminfo of ncurses-term).
keys 1 Escape
keys / b a n n e r . j p g Enter
check "Details names the banner's listing size" wait_for "1120×548: right size for a banner"
check "the Details pane draws the banner's thumbnail in 256-colour cells" eventually "tmux -L '$SOCKET' capture-pane -e -p -t '$SESSION' > '$WORK/colour.txt'; python3 scripts/e2e/colour_cells.py '$WORK/colour.txt' 60 1 60 20 --kind 256 --min 100"
keys Escape
t new-window -d -t "$SESSION" -n truecolor \
    "env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u NO_COLOR TERM=xterm-256color COLORTERM=truecolor XDG_STATE_HOME='$XDG_STATE_HOME' '$BIN' --demo; sleep 30"
t resize-window -t "$SESSION:truecolor" -x 120 -y 40
for k in / b a n n e r . j p g Enter; do t send-keys -t "$SESSION:truecolor" "$k"; sleep 0.1; done
check "with COLORTERM=truecolor the thumbnail is in 24-bit colour" bash -c "for i in \$(seq 1 50); do tmux -L '$SOCKET' capture-pane -e -p -t '$SESSION:truecolor' > '$WORK/rgb.txt'; python3 scripts/e2e/colour_cells.py '$WORK/rgb.txt' 60 1 60 20 --kind rgb --min 100 > /dev/null && exit 0; sleep 0.2; done; python3 scripts/e2e/colour_cells.py '$WORK/rgb.txt' 60 1 60 20 --kind rgb --min 100"
t kill-window -t "$SESSION:truecolor"

# Another process's upload to the same history shows without a restart: the TUI watches the file.
keys 4
cp Resources/samples/app-icon.png "$WORK/watched.png"
env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN "$BIN" --demo upload-image "$WORK/watched.png" --type icon > /dev/null 2>&1
check "a command-line upload to the same history appears in the History pane" wait_for "watched.png"

# An undo (u) still waiting for another process's lock when the TUI quits: the entry it was to
# put back is named on stderr with its ID, and as a history document that --merge takes back.
MAIN_SESSION=$SESSION
t new-window -d -t "$SESSION" -n undo \
    "env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u NO_COLOR TERM=xterm-256color XDG_STATE_HOME='$XDG_STATE_HOME' '$BIN' --demo 2> '$WORK/undo.err'; echo EXITED:\$?; sleep 30"
t resize-window -t "$SESSION:undo" -x 120 -y 40
SESSION=$MAIN_SESSION:undo
wait_for "DEMO" > /dev/null
keys 4 g d
wait_for "Remove from the history?" > /dev/null
keys y
check "undo window: d y removes the newest entry (watched.png)" wait_for "(u undoes it): watched.png"
check "... and the history file no longer holds it" python3 -c "import json,sys; sys.exit(0 if not any(e.get('localPath','').endswith('watched.png') for e in json.load(open('$HISTORY_FILE'))['entries']) else 1)"
python3 -c "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.flock(f,fcntl.LOCK_EX); open(sys.argv[2],'w').close(); time.sleep(60)" "$HISTORY_FILE.lock" "$WORK/locked" &
LOCK_HOLDER=$!
eventually "[ -e '$WORK/locked' ]" > /dev/null
keys u
check "u waits for the lock another process holds, and says so" wait_for "Waiting for the history" 10
keys q
check "q quits at once, with status 1" wait_for "EXITED:1" 10
check "stderr names the entry not put back, with its ID" grep -q "^error: not put back in the history: watched.png (icon) img-" "$WORK/undo.err"
kill $LOCK_HOLDER 2>/dev/null; wait $LOCK_HOLDER 2>/dev/null
sed -n '/^{/,$p' "$WORK/undo.err" | sed '/^error: /d' > "$WORK/back.json"
check "... then a history document; merged with the command stderr gives, the entry is back" bash -c "
    cmd=\$(grep -o '\`marketplace-assets --history [^\`]*history --merge FILE\`' '$WORK/undo.err' | tr -d '\`' | sed \"s|FILE|'$WORK/back.json'|; s|^marketplace-assets|'$BIN'|\") &&
    eval \"\$cmd\" > /dev/null &&
    python3 -c \"import json,sys; sys.exit(0 if any(e.get('localPath','').endswith('watched.png') for e in json.load(open('$HISTORY_FILE'))['entries']) else 1)\""
t kill-window -t "$SESSION"
SESSION=$MAIN_SESSION

# A paste is text, never keys (bracketed paste): "logo", a newline and "q" pasted into the
# Files filter filter by "logo q" and do not quit. Sequences that name no key here (mouse
# reports, an unknown function key, a terminal's reply) and Alt-q are passed over whole.
keys 1 /
printf 'logo\nq' > "$WORK/paste.txt"
t load-buffer -b paste "$WORK/paste.txt"
t paste-buffer -p -b paste -t "$SESSION"
check "a pasted 'logo<newline>q' is the filter 'logo q', and the TUI goes on" wait_for "filter logo q"
keys Escape 4
for sequence in '\e[M !!' '\e[<0;10;5M' '\e[25~' '\e[?1;2c' '\e[13;2u' '\e]11;rgb:0000/0000/0000\a' '\eq'; do
    printf "$sequence" > "$WORK/sequence"
    t load-buffer -b sequence "$WORK/sequence"
    t paste-buffer -b sequence -t "$SESSION"
    sleep 0.2
done
check "unknown sequences and Alt-q leave History focused, nothing marked, the TUI running" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION' > '$SCREEN'; tail -n 1 '$SCREEN' | grep -q 'copy ID' && ! grep -q 'marked' '$SCREEN' && ! grep -q EXITED '$SCREEN'"

# Ctrl-Z and fg: the resumed TUI still brackets pastes (bash turns the mode off at its prompt).
t new-window -d -t "$SESSION" -n suspend "env -i PATH='$PATH' TERM=xterm-256color XDG_STATE_HOME='$XDG_STATE_HOME' INPUTRC=/dev/null bash --norc -i"
t resize-window -t "$SESSION:suspend" -x 120 -y 40
sleep 0.5
t send-keys -t "$SESSION:suspend" "'$BIN' --demo; echo EXITED:\$?" Enter
check "suspend: the TUI starts in an interactive bash" bash -c "for i in \$(seq 1 50); do tmux -L '$SOCKET' capture-pane -p -t '$SESSION:suspend' | grep -q DEMO && exit 0; sleep 0.2; done; exit 1"
# Waits (15 s at most) until the suspend window's screen holds $1 lines "Stopped" (bash's), or,
# given "DEMO", until its first line is the TUI's header.
suspend_shows() {
    for _ in $(seq 1 75); do
        tmux -L "$SOCKET" capture-pane -p -t "$SESSION:suspend" > "$WORK/suspend.screen"
        if [ "$1" = DEMO ]; then head -n 1 "$WORK/suspend.screen" | grep -q DEMO && return 0
        else [ "$(grep -c Stopped "$WORK/suspend.screen")" -ge "$1" ] && return 0; fi
        sleep 0.2
    done
    return 1
}
t send-keys -t "$SESSION:suspend" C-z
suspend_shows 1
t send-keys -t "$SESSION:suspend" fg Enter
# Redrawn (bash's screen had no DEMO header); the TUI brackets pastes again as it draws.
suspend_shows DEMO
sleep 0.5
t send-keys -t "$SESSION:suspend" 1
sleep 0.2
t send-keys -t "$SESSION:suspend" /
sleep 0.2
t paste-buffer -p -b paste -t "$SESSION:suspend"
check "suspend: after Ctrl-Z and fg a pasted 'logo<newline>q' is still the filter 'logo q'" eventually "tmux -L '$SOCKET' capture-pane -p -t '$SESSION:suspend' > '$SCREEN'; grep -q 'filter logo q' '$SCREEN' && ! grep -q EXITED '$SCREEN'"
# Resized while stopped: ncurses' own Ctrl-Z handler redrew from the signal handler while the
# key loop was in ncurses too, and crashed now and then; the key loop suspends on its thread.
t send-keys -t "$SESSION:suspend" Escape
t send-keys -t "$SESSION:suspend" C-z
suspend_shows 2
t resize-window -t "$SESSION:suspend" -x 100 -y 30
sleep 0.3
t send-keys -t "$SESSION:suspend" fg Enter
check "suspend: resized while stopped, fg draws the TUI whole at the new size" bash -c "for i in \$(seq 1 75); do sleep 0.2; tmux -L '$SOCKET' capture-pane -p -t '$SESSION:suspend' > '$SCREEN'; [ \$(wc -l < '$SCREEN') -eq 30 ] && head -n 1 '$SCREEN' | grep -q DEMO && tail -n 1 '$SCREEN' | grep -q 'q quit' && ! grep -q EXITED '$SCREEN' && exit 0; done; exit 1"
t kill-window -t "$SESSION:suspend"

# A light background, told by COLORFGBG=0;15 (as rxvt, Konsole and iTerm2 set it) or by the
# terminal's answer to OSC 11 (tmux gives the window-style's background): the focused border's
# cyan, made for dark ones, takes the darker 256-color shade 30; on the dark default (no
# COLORFGBG, and tmux's default style, whose background it does not answer) it stays cyan (36).
# (No thumbnails: their cells hold any of the 256 colors.)
for background in fgbg osc dark; do
    colorfgbg=$([ $background = fgbg ] && echo "COLORFGBG='0;15'" || echo "-u COLORFGBG")
    t new-window -d -t "$SESSION" -n $background "sleep 0.3; env -u MARKETPLACE_EMAIL -u MARKETPLACE_API_TOKEN -u NO_COLOR $colorfgbg MARKETPLACE_ASSETS_THUMBNAILS=off TERM=xterm-256color XDG_STATE_HOME='$WORK/$background-state' '$BIN'; echo EXITED:\$?; sleep 30"
done
t set-option -w -t "$SESSION:osc" window-style 'bg=#ffffff'
for background in fgbg osc; do
    check "light background ($background): the focused border in the darker cyan (38;5;30), not the dark background's 36" eventually \
        "tmux -L '$SOCKET' capture-pane -p -e -t '$SESSION:$background' | grep -q '38;5;30m' && ! tmux -L '$SOCKET' capture-pane -p -e -t '$SESSION:$background' | grep -q '\[36m\|;36m'"
done
check "dark background (no COLORFGBG, no OSC 11 answer): cyan as it was" eventually \
    "tmux -L '$SOCKET' capture-pane -p -e -t '$SESSION:dark' | grep -q '36m' && ! tmux -L '$SOCKET' capture-pane -p -e -t '$SESSION:dark' | grep -q '38;5;30m'"
t send-keys -t "$SESSION:osc" j
check "... and the answer, read with the keys, left no key behind: j moves the selection, the TUI runs on" eventually \
    "tmux -L '$SOCKET' capture-pane -p -t '$SESSION:osc' | grep -q '› ●banner' && ! tmux -L '$SOCKET' capture-pane -p -t '$SESSION:osc' | grep -q 'EXITED\|rgb:'"
for background in fgbg osc dark; do t kill-window -t "$SESSION:$background"; done

# Help lists every key; any other key closes it.
keys "?"
check "? opens the help overlay" wait_for "next / previous pane"
keys Escape

# Quit: the program ends with status 0 and the terminal is restored.
keys q
check "q quits with status 0" wait_for "EXITED:0" 10
check "the token never reaches the screen or the clipboard (demo tokens are made up, so: no 'demo-' token)" bash -c "! grep -q 'demo-[0-9a-f]\{8\}-' '$SCREEN' '$CLIPBOARD_LOG'"

finish
