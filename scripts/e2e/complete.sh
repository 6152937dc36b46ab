# Runs a bash completion script ($1, as `--generate-completion-script bash` prints it) on a
# command line ($2, what is typed before Tab) as bash would, and prints what it offers, sorted.
shopt -s extglob
source "$1"
complete_line() {
    COMP_LINE=$1; COMP_POINT=${#1}
    read -ra COMP_WORDS <<< "$1"
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    _marketplace-assets marketplace-assets "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort
}
complete_line "$2"
