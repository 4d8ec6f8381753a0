# bash completion for pipe-archive                                   -*- shell-script -*-
# Installed as share/bash-completion/completions/pipe-archive. Commands and options come from
# `pipe-archive --help`; after `get FILE` the ids come from `pipe-archive ls FILE`.

_pipe_archive()
{
    local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[0]/#\~/$HOME} sub= i n=0
    [[ $cmd == */* && -x $cmd ]] || cmd=$(command -v pipe-archive) || return
    COMPREPLY=()
    # The command word and how many arguments it already has.
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ -z $sub && ${COMP_WORDS[i]} != -* ]]; then
            sub=${COMP_WORDS[i]}
        elif [[ -n $sub ]]; then
            n=$((n + 1))
        fi
    done
    if [[ -z $sub ]]; then
        local words
        words=$("$cmd" --help 2>/dev/null | grep -oE 'pipe-archive (\[OPTION\] )?[a-z]+' | awk '{ print $NF }' | sort -u)
        [[ $cur == -* ]] && words=$("$cmd" --help 2>/dev/null | grep -oE -- '(^|[ ,|])--?[A-Za-z][A-Za-z-]*' |
            sed 's/^[ ,|]//' | sort -u; echo --help)
        mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        return
    fi
    case $sub:$n in
        ls:0 | get:0 | reindex:0)
            mapfile -t COMPREPLY < <(compgen -f -X '!*.jsonl.gz' -- "$cur"; compgen -d -- "$cur")
            compopt -o filenames 2>/dev/null
            ;;
        get:1)
            local file=${COMP_WORDS[COMP_CWORD - 1]/#\~/$HOME}
            [[ -r $file ]] || return
            # Ids are data (spaces, quotes): offer them quoted as the shell reads them back.
            local id typed=${cur//\\/}
            while IFS= read -r id; do
                [[ $id == "$typed"* ]] && COMPREPLY+=("$(printf '%q' "$id")")
            done < <("$cmd" ls "$file" 2>/dev/null | awk -F '\t' '{ print $NF }') # a folder's rows start with the file
            ;;
        recover:0)
            mapfile -t COMPREPLY < <(compgen -f -X '!*.jsonl.gz.tmp' -- "$cur"; compgen -d -- "$cur")
            compopt -o filenames 2>/dev/null
            ;;
        verify:*)
            mapfile -t COMPREPLY < <(compgen -f -X '!*.jsonl.gz' -- "$cur"; compgen -d -- "$cur")
            compopt -o filenames 2>/dev/null
            ;;
    esac
}
complete -F _pipe_archive pipe-archive
