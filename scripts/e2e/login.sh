#!/usr/bin/env bash
# End to end: `login`, `auth status` and `logout` against `marketplace-assets emulator` on a machine
# without a keyring (no D-Bus session): the credentials check (right and wrong, exit codes and
# messages), the plain-text fallback (mode 0600, after a warning), --no-plain-text refusing, the
# interactive prompts under tmux (the token not echoed), and the way back out.
# The same with a real Secret Service: scripts/e2e/keyring.sh.
# Usage: scripts/e2e/login.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=login-e2e
. scripts/e2e/lib.sh

WORK=$(mktemp -d)
SOCKET=mpa-login-$$
trap 't kill-server 2>/dev/null; stop_emulator; rm -rf "$WORK"' EXIT
export XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config HOME=$WORK/home XDG_RUNTIME_DIR=$WORK/run
export MARKETPLACE_ASSETS_HISTORY=$WORK/history.json
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
# No keyring: no session bus, and no display to start one from.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY MARKETPLACE_BASE_URL
EMAIL=login@example.com
TOKEN=login-e2e-token-$(python3 -c 'import secrets; print(secrets.token_hex(8))')
CONFIG=$XDG_CONFIG_HOME/marketplace-assets/config.json
PNG=$(realpath Resources/samples/app-icon.png)

MARKETPLACE_EMAIL=$EMAIL MARKETPLACE_API_TOKEN=$TOKEN start_emulator "$WORK/emulator" || exit 1
unset MARKETPLACE_EMAIL MARKETPLACE_API_TOKEN
echo "emulator at $BASE_URL"


echo "-- wrong credentials: rejected, exit 1, nothing stored"
printf 'wrong-token\n' | run_bin wrong login --email "$EMAIL" --with-token --base-url "$BASE_URL"
check "a wrong token: exit 1 ($(rc_of wrong))" test "$(rc_of wrong)" -eq 1
check "... says the server rejected them (401): $(tail -n 1 "$WORK/wrong.err")" grep -q "rejected the email and API token (401" "$WORK/wrong.err"
check "... names where a token is created" contains "$WORK/wrong.err" "https://id.atlassian.com/manage-profile/security/api-tokens"
check "... and that nothing was stored" contains "$WORK/wrong.err" "Nothing was stored"
check "... and stored nothing" test ! -e "$CONFIG"
printf '%s\n' "$TOKEN" | run_bin wrong-email login --email other@example.com --with-token --base-url "$BASE_URL"
check "a wrong email: exit 1, rejected" bash -c "[ $(rc_of wrong-email) -eq 1 ] && grep -q rejected '$WORK/wrong-email.err'"

echo "-- an --email that is no email: a usage error (64), before anything is asked or sent"
run_bin email-empty login --email "" --with-token --base-url "$BASE_URL" < /dev/null
check "login --email '': exit 64 ($(rc_of email-empty)), saying the email is empty" bash -c "
    [ $(rc_of email-empty) -eq 64 ] && grep -q 'The email is empty' '$WORK/email-empty.err' && ! grep -q Checking '$WORK/email-empty.err'"
run_bin email-token logout --email "$TOKEN" --base-url "$BASE_URL" < /dev/null
check "logout --email TOKEN: exit 64 ($(rc_of email-token)), the value not repeated" bash -c "
    [ $(rc_of email-token) -eq 64 ] && grep -q 'not an email address' '$WORK/email-token.err' && ! grep -qF '$TOKEN' '$WORK/email-token.err'"
MARKETPLACE_EMAIL=$TOKEN run_bin env-email-token auth status --base-url "$BASE_URL" < /dev/null
check "MARKETPLACE_EMAIL holding the token: not signed in, saying why (exit $(rc_of env-email-token)), the value not repeated" bash -c "
    [ $(rc_of env-email-token) -eq 1 ] && grep -q 'MARKETPLACE_EMAIL is not an email address' '$WORK/env-email-token.out' &&
    ! grep -qF '$TOKEN' '$WORK/env-email-token.err' '$WORK/env-email-token.out'"

echo "-- no answer that tells: exit 1, nothing stored"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf '%s\n' "$TOKEN" | run_bin unreachable login --email "$EMAIL" --with-token --base-url "http://127.0.0.1:$PORT/marketplace"
check "an unreachable server: exit 1, could not check ($(head -c 120 "$WORK/unreachable.err" | tail -n 1))" \
    bash -c "[ $(rc_of unreachable) -eq 1 ] && grep -q 'could not check the credentials' '$WORK/unreachable.err'"
run_bin closed-stdin login --email "$EMAIL" --with-token --base-url "$BASE_URL" <&-
check "--with-token with standard input closed: exit 1, one line, no trap ($(cat "$WORK/closed-stdin.err"))" bash -c "
    [ $(rc_of closed-stdin) -eq 1 ] && [ \$(wc -l < '$WORK/closed-stdin.err') -eq 1 ] && grep -q 'could not read the API token from standard input' '$WORK/closed-stdin.err'"
run_bin insecure login --email "$EMAIL" --with-token --base-url "http://example.com/marketplace" < /dev/null
check "plain http off loopback: refused before anything is asked" \
    bash -c "[ $(rc_of insecure) -eq 64 ] && grep -q 'clear text' '$WORK/insecure.err' && ! grep -q Checking '$WORK/insecure.err'"
check "... nothing stored" test ! -e "$CONFIG"

echo "-- no keyring and --no-plain-text: refused"
printf '%s\n' "$TOKEN" | run_bin no-plain login --email "$EMAIL" --with-token --no-plain-text --base-url "$BASE_URL"
check "exit 1 ($(rc_of no-plain))" test "$(rc_of no-plain)" -eq 1
check "... before the token is read or checked" bash -c "! grep -q Checking '$WORK/no-plain.err' && grep -q 'Nothing was asked' '$WORK/no-plain.err'"
check "... says there is no keyring and --no-plain-text forbids the file: $(tail -n 1 "$WORK/no-plain.err" | head -c 160)" \
    bash -c "grep -q 'no system keyring' '$WORK/no-plain.err' && grep -q -- '--no-plain-text forbids' '$WORK/no-plain.err'"
check "... nothing stored" test ! -e "$CONFIG"

echo "-- no keyring: the config file, mode 0600, after a warning"
printf '%s\n' "$TOKEN" | run_bin fallback login --email "$EMAIL" --with-token --base-url "$BASE_URL"
check "exit 0 ($(rc_of fallback): $(tail -n 1 "$WORK/fallback.err" | head -c 120))" test "$(rc_of fallback)" -eq 0
check "... warns that the token goes to the file in plain text" \
    bash -c "grep -q '^warning: no system keyring' '$WORK/fallback.err' && grep -q 'plain text' '$WORK/fallback.err'"
check "... the config file is 0600 in a 0700 folder" \
    bash -c "[ \$(stat -c %a '$CONFIG') = 600 ] && [ \$(stat -c %a '$(dirname "$CONFIG")') = 700 ]"
check "... and holds the email, the token and the server" \
    bash -c "[ \"\$(json_member '$CONFIG' email)\" = '$EMAIL' ] && [ \"\$(json_member '$CONFIG' apiToken)\" = '$TOKEN' ] && [ \"\$(json_member '$CONFIG' baseURL)\" = '$BASE_URL' ]"
check "... stdout says where the token is" grep -q "The token is in $CONFIG (plain text" "$WORK/fallback.out"
printf '%s\n' "$TOKEN" | MARKETPLACE_EMAIL=other@example.com MARKETPLACE_BASE_URL=https://marketplace.example.org/marketplace \
    run_bin login-overridden login --email "$EMAIL" --with-token --base-url "$BASE_URL"
check "a sign-in that variables set would override: exit 0 ($(rc_of login-overridden)), a note for each, naming it" bash -c "
    [ $(rc_of login-overridden) -eq 0 ] &&
    grep -qx \"note: MARKETPLACE_EMAIL is set to other@example.com, and comes first: commands look for that account's token, not $EMAIL's; unset it to use this sign-in.\" '$WORK/login-overridden.err' &&
    grep -qx 'note: MARKETPLACE_BASE_URL is set to https://marketplace.example.org/marketplace, and comes first for commands without --base-url: unset it to use this sign-in.s server.' '$WORK/login-overridden.err'"

echo "-- auth status says which account, which server, where the token is from"
run_bin status auth status < /dev/null
check "auth status: exit 0" test "$(rc_of status)" -eq 0
check "... names the account and the server" bash -c "grep -qF 'Signed in as $EMAIL at $BASE_URL' '$WORK/status.out'"
check "... and the config file as the token's source" grep -qF "token from:  $CONFIG" "$WORK/status.out"
run_bin status-json --base-url "$BASE_URL" auth status --json < /dev/null
check "auth status --json (global option first): tokenFrom is the config file" \
    bash -c "[ \"\$(json_member '$WORK/status-json.out' tokenFrom)\" = '$CONFIG' ]"

echo "-- a command with no variables set uses the stored sign-in"
run_bin upload upload-image "$PNG" --type icon < /dev/null
check "upload-image: exit 0 ($(head -c 120 "$WORK/upload.err"))" test "$(rc_of upload)" -eq 0

echo "-- logout removes the token, and the account and server with it"
run_bin logout logout < /dev/null
check "logout: exit 0, says where the token was removed from; no keyring here is a note, not a warning ($(head -c 100 "$WORK/logout.err"))" \
    bash -c "[ $(rc_of logout) -eq 0 ] && grep -qF 'removed the token from $CONFIG' '$WORK/logout.out' &&
             grep -q '^note: .*keyring of another session' '$WORK/logout.err' && ! grep -q warning '$WORK/logout.err'"
check "... the config file is gone (nothing left in it)" test ! -e "$CONFIG"
run_bin status-after auth status < /dev/null
check "auth status afterwards: exit 1, not signed in, how to sign in" \
    bash -c "[ $(rc_of status-after) -eq 1 ] && grep -q 'Not signed in' '$WORK/status-after.out' && grep -q 'marketplace-assets login' '$WORK/status-after.out'"
run_bin logout-again logout --email "$EMAIL" < /dev/null
check "logout again, no keyring to ask: exit 0, nothing here to remove, a keyring elsewhere named ($(head -c 140 "$WORK/logout-again.err"))" \
    bash -c "[ $(rc_of logout-again) -eq 0 ] && grep -q 'No stored token for $EMAIL' '$WORK/logout-again.out' && grep -q 'keyring of another session' '$WORK/logout-again.err'"
MARKETPLACE_EMAIL=$EMAIL MARKETPLACE_API_TOKEN=$TOKEN run_bin logout-env logout --base-url "$BASE_URL" < /dev/null
check "logout with the credentials in the environment, none stored: exit 0, naming the variables to unset ($(tail -n 1 "$WORK/logout-env.err" | head -c 100))" \
    bash -c "[ $(rc_of logout-env) -eq 0 ] && grep -q 'MARKETPLACE_API_TOKEN are still set in the environment' '$WORK/logout-env.err'"
run_bin upload-after upload-image "$PNG" --type icon < /dev/null
check "a command afterwards: exit 1, names login" bash -c "[ $(rc_of upload-after) -eq 1 ] && grep -q 'marketplace-assets login' '$WORK/upload-after.err'"

echo "-- usage errors"
run_bin demo login --demo < /dev/null
run_bin demo-first --demo login < /dev/null
check "login --demo, and --demo before login: usage errors, exit 64" \
    bash -c "[ $(rc_of demo) -eq 64 ] && [ $(rc_of demo-first) -eq 64 ] && grep -q 'needs no sign-in' '$WORK/demo-first.err'"
run_bin history-login login --history "$WORK/h.json" < /dev/null
run_bin history-first --history "$WORK/h.json" auth status < /dev/null
check "login --history, and --history before auth status: usage errors (exit 64), not passed over unseen" \
    bash -c "[ $(rc_of history-login) -eq 64 ] && [ $(rc_of history-first) -eq 64 ] && grep -q 'keeps no history' '$WORK/history-first.err'"
run_bin login-help login --help < /dev/null
run_bin logout-help logout --help < /dev/null
check "login and logout --help list --base-url, not --demo or --history, which they have no use for" \
    bash -c "grep -q -- '--base-url' '$WORK/login-help.out' && ! grep -qE -- '--demo|--history' '$WORK/login-help.out' '$WORK/logout-help.out'"
run_bin no-email login < /dev/null
check "login without a terminal and without --email: a usage error (exit 64), asking for --email" \
    bash -c "[ $(rc_of no-email) -eq 64 ] && grep -q -- '--email' '$WORK/no-email.err'"
printf '' | run_bin empty-token login --email "$EMAIL" --with-token --base-url "$BASE_URL"
check "an empty token on stdin: exit 1, says so" bash -c "[ $(rc_of empty-token) -eq 1 ] && grep -q 'token is empty' '$WORK/empty-token.err'"
printf 'two words\n' | run_bin spaced-token login --email "$EMAIL" --with-token --base-url "$BASE_URL"
check "a token with a space: exit 1, not echoed" bash -c "[ $(rc_of spaced-token) -eq 1 ] && ! grep -q 'two words' '$WORK/spaced-token.err'"
# A token put on the command line (as other tools take it) is refused, and not repeated.
run_bin token-argument login --email "$EMAIL" --with-token tok-on-the-line-1 --base-url "$BASE_URL" < /dev/null
run_bin token-value login --email "$EMAIL" --with-token=tok-on-the-line-2 --base-url "$BASE_URL" < /dev/null
run_bin token-as-email login --email tok-on-the-line-3 --with-token --base-url "$BASE_URL" < /dev/null
check "a token after --with-token, as its value, or as --email: refused (64 each), never repeated, pointing to stdin (the first two in one same line)" bash -c "
    [ $(rc_of token-argument) -eq 64 ] && [ $(rc_of token-value) -eq 64 ] && [ $(rc_of token-as-email) -eq 64 ] &&
    ! grep -q tok-on-the-line '$WORK'/token-*.err '$WORK'/token-*.out && grep -q 'with-token < token.txt' '$WORK/token-value.err' &&
    grep -q 'with-token < token.txt' '$WORK/token-argument.err' && grep -q 'no @' '$WORK/token-as-email.err' &&
    [ \$(wc -l < '$WORK/token-argument.err') -eq 1 ] && cmp -s '$WORK/token-argument.err' '$WORK/token-value.err'"
printf '%s\n' "$TOKEN" | XDG_CONFIG_HOME=$WORK/dash-config run_bin dash-token login --email "$EMAIL" --with-token - --base-url "$BASE_URL"
check "login --with-token - reads standard input, as other tools take it (no refusal of a token on the command line)" bash -c "
    grep -q 'accepted the credentials' '$WORK/dash-token.out' '$WORK/dash-token.err' && ! grep -q 'takes no token on its command line' '$WORK/dash-token.err'"
run_bin email-as-token login --with-token "$EMAIL" --base-url "$BASE_URL" < /dev/null
check "login --with-token EMAIL: a usage error (64) saying the email goes with --email, not to revoke a token" bash -c "
    [ $(rc_of email-as-token) -eq 64 ] && grep -q 'takes the email with --email' '$WORK/email-as-token.err' && ! grep -q revoke '$WORK/email-as-token.err'"
run_bin logout-nobody logout < /dev/null
run_bin logout-nobody-again logout < /dev/null
check "logout with nobody signed in, twice: exit 0 both times, nothing to remove (a cleanup script may run it twice)" bash -c "
    [ $(rc_of logout-nobody) -eq 0 ] && [ $(rc_of logout-nobody-again) -eq 0 ] && grep -q 'nothing to remove' '$WORK/logout-nobody-again.out'"

echo "-- a config file that is a link (to a dotfiles repository): the plain-text warning names where the token goes"
mkdir -p "$WORK/linked/marketplace-assets" "$WORK/dotfiles"
ln -s "$WORK/dotfiles/mpa.json" "$WORK/linked/marketplace-assets/config.json"
printf '%s\n' "$TOKEN" | XDG_CONFIG_HOME=$WORK/linked run_bin linked login --email "$EMAIL" --with-token --base-url "$BASE_URL"
check "exit 0, the warning names the link's target: $(grep warning "$WORK/linked.err" | head -c 240)" bash -c "
    [ $(rc_of linked) -eq 0 ] && grep -q 'plain text to $WORK/linked/marketplace-assets/config.json (a link to $WORK/dotfiles/mpa.json)' '$WORK/linked.err'"
check "... where the token is" grep -qF "$TOKEN" "$WORK/dotfiles/mpa.json"
rm -rf "$WORK/linked" "$WORK/dotfiles"
# ... and so does a linked folder (a dotfiles layout links the whole folder).
mkdir -p "$WORK/linked" "$WORK/dotfiles/mpa"
ln -s "$WORK/dotfiles/mpa" "$WORK/linked/marketplace-assets"
printf '%s\n' "$TOKEN" | XDG_CONFIG_HOME=$WORK/linked run_bin linked-folder login --email "$EMAIL" --with-token --base-url "$BASE_URL"
check "a linked folder: the warning names the file the token goes to" bash -c "
    [ $(rc_of linked-folder) -eq 0 ] && grep -q 'config.json (a link to $WORK/dotfiles/mpa/config.json)' '$WORK/linked-folder.err'"
rm -rf "$WORK/linked" "$WORK/dotfiles"

echo "-- asked on the terminal (tmux): the link, the email, the token without echo"
SCREEN=$WORK/screen.txt
SESSION=login
t new-session -d -s login -x 150 -y 30 \
    "env XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_STATE_HOME='$XDG_STATE_HOME' HOME='$HOME' XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' '$BIN' login --base-url '$BASE_URL'; echo EXITED:\$?; sleep 30"
check "asks for the email" wait_for "Atlassian account email"
t send-keys -t login "$EMAIL" Enter
check "prints where a token is created, asks for the token" wait_for "API token (not shown)"
check "... the link is on screen" grep -qF "https://id.atlassian.com/manage-profile/security/api-tokens" "$SCREEN"
t send-keys -t login "$TOKEN" Enter
check "signs in (exit 0)" wait_for "EXITED:0"
t capture-pane -p -t login -S - > "$WORK/scrollback.txt"
check "the token never appeared on the terminal, scrollback included" bash -c "! grep -qF '$TOKEN' '$WORK/scrollback.txt'"
check "... and the file fallback was announced on screen" grep -q "warning: no system keyring" "$SCREEN"

# A session of its own, made before the first goes: killing a server's last session ends the
# server, and a new-session sent meanwhile finds it exiting ("server exited unexpectedly").
SESSION=login-ctrl-c
t new-session -d -s "$SESSION" -x 150 -y 30 \
    "env XDG_CONFIG_HOME='$WORK/config-ctrl-c' HOME='$HOME' XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' '$BIN' login --email '$EMAIL' --base-url '$BASE_URL'; echo EXITED:\$?; stty -a | tr -s '; ' '\n\n' | grep -qx echo && echo ECHO-IS-ON; sleep 30"
t kill-session -t login
check "Ctrl-C at the hidden token prompt:" wait_for "API token (not shown)"
t send-keys -t "$SESSION" "half-typed" C-c
check "... ends the login (exit 130)" wait_for "EXITED:130"
check "... with the terminal's echo back on" wait_for "ECHO-IS-ON"
check "... and nothing stored" test ! -e "$WORK/config-ctrl-c"

# Ctrl-Z at the prompt: the shell takes the terminal back with its own settings (echo on), and
# `fg` hands it back; the prompt must turn the echo off again (it used to show what was typed).
SESSION=login-ctrl-z
t new-session -d -s "$SESSION" -x 150 -y 30 \
    "env -i PATH='$PATH' TERM=xterm HOME='$HOME' XDG_CONFIG_HOME='$WORK/config-ctrl-z' XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR' PS1='shell$ ' bash --norc --noprofile -i"
t kill-session -t login-ctrl-c
wait_for "shell\$"
t send-keys -t "$SESSION" "'$BIN' login --email '$EMAIL' --base-url '$BASE_URL'" Enter
check "Ctrl-Z at the hidden token prompt, then fg:" wait_for "API token (not shown)"
t send-keys -t "$SESSION" C-z
wait_for "Stopped" > /dev/null
t send-keys -t "$SESSION" "fg" Enter
sleep 0.5
t send-keys -t "$SESSION" "typed-after-fg"
sleep 0.5
capture
check "... the echo is off again: what is typed after fg does not show" bash -c "grep -q 'Stopped' '$SCREEN' && ! grep -q 'typed-after-fg' '$SCREEN'"
t send-keys -t "$SESSION" C-c
t kill-session -t "$SESSION"

# Ctrl-C while a keyring helper waits (a keyring that never answers): the helper runs in a
# process group of its own, which the terminal's Ctrl-C does not reach; it must not live on to
# store the token after the command said it stopped, nor the token go to plain text instead.
HUNG=$WORK/hung-keyring
mkdir -p "$HUNG/bin"
printf '#!/bin/bash\necho "$$ $1" >> "%s/calls"\ncat > /dev/null\nexec sleep 60\n' "$HUNG" > "$HUNG/bin/secret-tool"
chmod +x "$HUNG/bin/secret-tool"
# The command at a terminal, with that secret-tool and a session bus named (it is asked), the
# token on standard input; the shell around it survives the Ctrl-C to print the status.
cat > "$HUNG/run" <<RUN
#!/bin/bash
trap : INT
printf '%s\n' '$TOKEN' | env PATH='$HUNG/bin':"\$PATH" DBUS_SESSION_BUS_ADDRESS='unix:path=$WORK/run/no-bus' \
    XDG_CONFIG_HOME='$HUNG/config' MARKETPLACE_EMAIL='$EMAIL' '$BIN' "\$@"
echo EXITED:\$?
sleep 30
RUN
chmod +x "$HUNG/run"
# helper_gone PID: the process ended (or is a zombie left to be reaped) within 3 s.
helper_gone() {
    for _ in $(seq 1 30); do
        local state; state=$(ps -o stat= -p "$1")
        [ -z "$state" ] || [ "${state#Z}" != "$state" ] && return 0
        sleep 0.1
    done
    return 1
}
# hung_keyring NAME ARGS...: Ctrl-C once the command waits for the keyring: it ends (130),
# saying it was interrupted, and its helper is gone.
hung_keyring() {
    local name=$1; shift
    SESSION=$name
    : > "$HUNG/calls"
    t new-session -d -s "$SESSION" -x 200 -y 30 "'$HUNG/run' $*"
    check "$name: Ctrl-C while the keyring helper waits:" wait_for "waiting for the system keyring"
    t send-keys -t "$SESSION" C-c
    check "... ends it (exit 130)" wait_for "EXITED:130"
    check "... saying it was interrupted" grep -q "error: interrupted while" "$SCREEN"
    check "... and its helper ($(tail -n 1 "$HUNG/calls")) is gone, not left running" helper_gone "$(tail -n 1 "$HUNG/calls" | cut -d' ' -f1)"
    t kill-session -t "$SESSION"
}
hung_keyring login-hung-keyring login --with-token --email "$EMAIL" --base-url "$BASE_URL"
check "... nothing in plain text instead: no config file" test ! -e "$HUNG/config/marketplace-assets/config.json"
hung_keyring auth-hung-keyring auth status --base-url "$BASE_URL"
hung_keyring logout-hung-keyring logout --base-url "$BASE_URL"
# The TUI reads its settings (the keyring's token) before its screen is up: a Ctrl-C there too.
hung_keyring tui-hung-keyring tui --base-url "$BASE_URL"

check "the token is in no output" bash -c "! grep -lF '$TOKEN' '$WORK'/*.out '$WORK'/*.err"
check "the token is in no history file" bash -c "! grep -rqF '$TOKEN' '$XDG_STATE_HOME' '$WORK/history.json' 2>/dev/null"

finish
