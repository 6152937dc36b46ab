#!/usr/bin/env bash
# The history on a full disk and in a read-only folder, through the CLI (issue 4): the user
# is told, in one clear line, and the old history is left exactly as it was.
# A full disk is a file size limit (EFBIG, as immediate as ENOSPC); a read-only folder is, as
# root, a read-only bind mount in a private mount namespace, otherwise chmod 555 / 444; a nearly
# full disk (root only) is a small tmpfs in such a namespace.
# Usage: scripts/reliability/history-disk.sh [path/to/marketplace-assets]
set -u
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/debug/marketplace-assets}")
E2E_NAME=history-disk
. scripts/reliability/lib.sh

start_emulator "$WORK/emulator" || exit 1
SEED=$WORK/seed
mkdir -p "$SEED"
# A few entries.
for _ in 1 2 3; do
    "$BIN" upload-image "$PNG" --type icon --base-url "$BASE_URL" --history "$SEED/history.json" > /dev/null 2>&1 < /dev/null
done
SEEDED=$(history_json "$WORK/seed.json" --history "$SEED/history.json"; json_eval "$WORK/seed.json" 'len(d)')
check "seeded a history of $SEEDED entries" test "$SEEDED" -ge 3

if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then NAMESPACES=1; else NAMESPACES=0; fi

# in_folder CASE SETUP: copies the seeded history into WORK/CASE, makes it full or read-only
# with SETUP (full|readonly|nearlyfull), uploads one image with the history there, and records the
# outcome, a checksum of every file before and after, and the history as then read.
in_folder() {
    local case=$1 setup=$2 dir=$WORK/$1
    mkdir -p "$dir"
    cat > "$WORK/$case.sh" <<EOF
set -u
dir='$dir'
if [ "$setup" = nearlyfull ]; then mount -t tmpfs -o size=256k tmpfs "\$dir" || exit 91; fi
cp -p '$SEED'/history* "\$dir"/
(cd "\$dir" && sha256sum history* > '$WORK/$case.before')
run() { "\$@" > '$WORK/$case.out' 2> '$WORK/$case.err' < /dev/null; echo \$? > '$WORK/$case.rc'; }
upload=('$BIN' upload-image '$PNG' --type icon --base-url '$BASE_URL' --history "\$dir/history.json")
# A full disk: no file may grow past the history's size (RLIMIT_FSIZE gives EFBIG at once, like
# ENOSPC; a tmpfs filled with dd still left page slack now and then, so it was not deterministic).
if [ "$setup" = full ]; then
    size=\$(cat "\$dir"/history* | wc -c)
    run python3 -c 'import os, resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); n = int(sys.argv[1]); resource.setrlimit(resource.RLIMIT_FSIZE, (n, n)); os.execvp(sys.argv[2], sys.argv[2:])' "\$size" "\${upload[@]}"
elif [ "$setup" = nearlyfull ]; then
    # Every block taken: the history's new copy cannot be written (an empty file still can).
    head -c 1M /dev/zero > "\$dir/filler" 2> /dev/null
    run "\${upload[@]}"
elif [ $NAMESPACES = 1 ]; then
    mount --bind -o ro "\$dir" "\$dir" || exit 91
    run "\${upload[@]}"
else
    chmod 444 "\$dir"/history*
    chmod 555 "\$dir"
    run "\${upload[@]}"
    chmod 755 "\$dir"
    chmod 600 "\$dir"/history*
fi
(cd "\$dir" && sha256sum history* > '$WORK/$case.after')
'$BIN' history --json --all-servers --history "\$dir/history.json" > '$WORK/$case.entries' 2> '$WORK/$case.history-err' < /dev/null
EOF
    if [ $NAMESPACES = 1 ]; then unshare -m bash "$WORK/$case.sh"; else bash "$WORK/$case.sh"; fi
    echo $? > "$WORK/$case.setup-rc"
}

cases="full readonly"
[ $NAMESPACES = 1 ] && cases="$cases nearlyfull"
for case in $cases; do
    in_folder "$case" "$case"
    case $case in
        full) what="a disk that fills up during the write" ;;
        readonly) what="a read-only history folder" ;;
        nearlyfull) what="a disk already full, with no room for the history's new copy" ;;
    esac
    echo "-- $what ($([ $NAMESPACES = 1 ] && echo "mount namespace" || echo "rlimit/chmod"))"
    check "$case: the set-up worked ($(cat "$WORK/$case.setup-rc"))" test "$(cat "$WORK/$case.setup-rc")" -eq 0
    check "$case: the old history is byte for byte as it was" cmp -s "$WORK/$case.before" "$WORK/$case.after"
    check "$case: it still reads: the $SEEDED old entries" test "$(json_eval "$WORK/$case.entries" 'len(d)')" -eq "$SEEDED"
    check "$case: no temporary file left" bash -c "! grep -q tmp '$WORK/$case.after'"
    check "$case: stderr is safe to print" safe_to_print "$WORK/$case.err"
    if [ "$case" = nearlyfull ]; then
        # Known before the upload too: the history is replaced whole, so its disk needs room for a copy.
        check "$case: the upload is refused before a byte is sent (exit $(cat "$WORK/$case.rc")), no ID printed" \
            bash -c "[ $(cat "$WORK/$case.rc") -eq 1 ] && ! grep -q imageId '$WORK/$case.out'"
        check "$case: the user is told, in one line, why: $(head -c 200 "$WORK/$case.err")" \
            bash -c "[ $(line_count "$WORK/$case.err") -eq 1 ] && grep -q 'Could not write the history file.*its disk has 0 B free, and a write needs room for a new copy of it (.*Nothing was sent' '$WORK/$case.err'"
    elif [ "$case" = readonly ]; then
        # A folder the history cannot be written in is known before the upload: nothing is sent,
        # so no upload goes unrecorded.
        check "$case: the upload is refused before a byte is sent (exit $(cat "$WORK/$case.rc")), no ID printed" \
            bash -c "[ $(cat "$WORK/$case.rc") -eq 1 ] && ! grep -q imageId '$WORK/$case.out'"
        check "$case: the user is told, in one line, why: $(head -c 200 "$WORK/$case.err")" \
            bash -c "[ $(line_count "$WORK/$case.err") -eq 1 ] && grep -q 'Could not write the history.*Nothing was sent' '$WORK/$case.err'"
    else
        # A disk that fills up during the write is only known then: the upload went through, its
        # ID is printed, and the command fails, since the upload is not in the history.
        check "$case: the upload itself went through and its ID is printed, exit 1 ($(cat "$WORK/$case.rc"))" \
            bash -c "[ $(cat "$WORK/$case.rc") -eq 1 ] && grep -q imageId '$WORK/$case.out'"
        check "$case: the user is told, in one line, that the history could not be saved: $(head -c 200 "$WORK/$case.err")" \
            bash -c "[ $(line_count "$WORK/$case.err") -eq 1 ] && grep -q '^error: Done (ID .*history could not be saved' '$WORK/$case.err'"
    fi
    figure "$case: exit $(cat "$WORK/$case.rc"), old history identical ($(wc -l < "$WORK/$case.before") files), $SEEDED/$SEEDED entries readable"
done

echo "-- a batch whose history cannot take its entries: --json says of each element that it is made, and unrecorded"
mkdir -p "$WORK/batch-full" && cp -p "$SEED"/history* "$WORK/batch-full/"
size=$(cat "$WORK/batch-full"/history* | wc -c)
python3 -c 'import os, resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); n = int(sys.argv[1]); resource.setrlimit(resource.RLIMIT_FSIZE, (n, n)); os.execvp(sys.argv[2], sys.argv[2:])' \
    "$size" "$BIN" upload-image "$PNG" "$(dirname "$PNG")/logo.png" --type icon --json --base-url "$BASE_URL" \
    --history "$WORK/batch-full/history.json" 2> "$WORK/batch-full.err" < /dev/null | cat > "$WORK/batch-full.out"
echo "${PIPESTATUS[0]}" > "$WORK/batch-full.rc"  # (through cat: the size limit would cut the output file too)
check "the batch exits 1 ($(cat "$WORK/batch-full.rc")), stderr naming the uploads not in the history" bash -c "
    [ $(cat "$WORK/batch-full.rc") -eq 1 ] && tail -n 1 '$WORK/batch-full.err' | grep -q '2 of 2 uploads are on Marketplace but not in the history'"
check "... each element is the answer (its ID) with its file and why it is unrecorded, no entryId, and no error (the README's jq takes its ID)" python3 -c '
import json, sys; a = json.load(open(sys.argv[1]))
assert len(a) == 2, a
for element, name in zip(a, ["app-icon.png", "logo.png"]):
    assert element["id"] and element["file"].endswith(name) and "history could not be saved" in element["unrecorded"], element
    assert "entryId" not in element and "error" not in element, element' "$WORK/batch-full.out"

echo "-- the history command itself on a read-only folder reads fine"
if [ $NAMESPACES = 1 ]; then
    unshare -m bash -c "mount --bind -o ro '$SEED' '$SEED' && '$BIN' history --json --all-servers --history '$SEED/history.json'" > "$WORK/ro-read.out" 2> "$WORK/ro-read.err" < /dev/null
    check "history on a read-only folder: $SEEDED entries" test "$(json_eval "$WORK/ro-read.out" 'len(d)')" -eq "$SEEDED"
    # A damaged history there: said so, in one line, and left as it is.
    mkdir -p "$WORK/ro-damaged" && head -c 100 "$SEED/history.json" > "$WORK/ro-damaged/history.json"
    unshare -m bash -c "mount --bind -o ro '$WORK/ro-damaged' '$WORK/ro-damaged' && '$BIN' history --all-servers --history '$WORK/ro-damaged/history.json'" > /dev/null 2> "$WORK/ro-damaged.err" < /dev/null
    rc=$?
    check "a damaged history in a read-only folder: exit 1, one line saying where it does not read: $(head -c 160 "$WORK/ro-damaged.err")" \
        bash -c "[ $rc -eq 1 ] && [ $(line_count "$WORK/ro-damaged.err") -eq 1 ] && grep -q 'does not read (the file ends too early' '$WORK/ro-damaged.err'"
    check "... and left as it was" bash -c "[ \$(wc -c < '$WORK/ro-damaged/history.json') -eq 100 ] && [ \$(ls -A '$WORK/ro-damaged' | wc -l) -eq 1 ]"
fi

echo "-- a relative history beneath a folder deeper than PATH_MAX: the reason is said, not cut off"
DEEP=$WORK/deep
mkdir -p "$DEEP" && (cd "$DEEP" && for i in $(seq 1 20); do d=$(printf 'd%.0s' $(seq 1 220))$i; mkdir "$d" && cd "$d" || exit 1; done
    "$BIN" upload-image "$PNG" --type icon --base-url "$BASE_URL" --history rel.json > /dev/null 2> "$WORK/deep.err" < /dev/null; echo $? > "$WORK/deep.rc")
check "exit 1, one line ending with why and that nothing was sent, the path cut in its middle: $(tail -c 120 "$WORK/deep.err")" \
    bash -c "[ \$(cat '$WORK/deep.rc') -eq 1 ] && [ $(line_count "$WORK/deep.err") -eq 1 ] && grep -q '…[d0-9/]*d20/rel.json: File name too long. Nothing was sent.$' '$WORK/deep.err'"

echo "-- an immutable history file (chattr +i), where the file system keeps the attribute"
mkdir -p "$WORK/immutable" && cp -p "$SEED/history.json" "$WORK/immutable/history.json"
if chattr +i "$WORK/immutable/history.json" 2>/dev/null; then
    "$BIN" upload-image "$PNG" --type icon --base-url "$BASE_URL" --history "$WORK/immutable/history.json" > "$WORK/immutable.out" 2> "$WORK/immutable.err" < /dev/null
    rc=$?
    chattr -i "$WORK/immutable/history.json"
    check "immutable: the upload is refused before a byte is sent (exit $rc), in one line: $(head -c 160 "$WORK/immutable.err")" \
        bash -c "[ $rc -eq 1 ] && ! grep -q imageId '$WORK/immutable.out' && [ $(line_count "$WORK/immutable.err") -eq 1 ] && grep -q 'immutable or append-only.*Nothing was sent' '$WORK/immutable.err'"
    check "immutable: the history is as it was" cmp -s "$SEED/history.json" "$WORK/immutable/history.json"
else
    echo "  (chattr +i is not supported here: skipped)"
fi

reliability_finish
