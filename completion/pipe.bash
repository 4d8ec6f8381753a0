# bash completion for pipe                                           -*- shell-script -*-
# Installed as share/bash-completion/completions/pipe. Everything it offers comes from pipe
# itself, so it cannot drift: the options from `pipe --help`, stage and layer names from
# `pipe --list-plugins`, a stage's options from `pipe --describe PLUGIN`. With -c FILE on the
# line, --set offers that pipeline's stage instance names. It needs no bash-completion helpers.

# The pipe being completed: the command word as typed when it runs, else pipe on PATH.
_pipe_cmd()
{
    local c=${COMP_WORDS[0]}
    c=${c/#\~/$HOME}
    if [[ $c == */* && -x $c ]]; then
        printf '%s\n' "$c"
    else
        command -v pipe
    fi
}

# The arguments that change where plugins are found (-P DIR, -c FILE), to pass to queries.
_pipe_search_args()
{
    local i w
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
            -P | --plugin-dir | -c | --config)
                ((i != COMP_CWORD - 1)) && printf '%s\n%s\n' "$w" "${COMP_WORDS[i + 1]/#\~/$HOME}"
                ;;
        esac
    done
}

# The pipeline file given with -c, if any.
_pipe_config()
{
    local i
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        case ${COMP_WORDS[i]} in
            -c | --config)
                ((i != COMP_CWORD - 1)) && printf '%s\n' "${COMP_WORDS[i + 1]/#\~/$HOME}"
                ;;
        esac
    done
}

# Loadable plugins, one "NAME PRODUCES" line each (PRODUCES comma-separated or -).
_pipe_plugins()
{
    local cmd args
    cmd=$(_pipe_cmd) || return
    mapfile -t args < <(_pipe_search_args)
    "$cmd" "${args[@]}" --list-plugins 2>/dev/null | awk '
        /^[^ \t]/ { name = ($0 ~ /\(not loadable\)/) ? "" : $1; next }
        name != "" && /produces:/ { sub(/.*produces:[ \t]*/, ""); print name, $1; name = "" }'
}

# Stage instances of the -c pipeline, "INSTANCE PLUGIN" per line (libconfig read loosely:
# each { } group with a plugin = "..."; name defaults to the plugin).
_pipe_stages()
{
    local conf
    conf=$(_pipe_config)
    [[ -n $conf && -r $conf ]] || return 1
    sed -e 's/#.*//' -e 's|//.*||' "$conf" | tr '\n' ' ' | tr '{}' '\n\n' | awk '
        match($0, /plugin[ \t]*[=:][ \t]*"[^"]*"/) {
            p = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", p); sub(/"$/, "", p)
            n = p
            if (match($0, /(^|[^a-z_])name[ \t]*[=:][ \t]*"[^"]*"/)) {
                n = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", n); sub(/"$/, "", n)
            }
            print n, p
        }'
}

# Options of a plugin, "NAME TYPE" per line, from --describe.
_pipe_plugin_options()
{
    local cmd args
    cmd=$(_pipe_cmd) || return
    mapfile -t args < <(_pipe_search_args)
    "$cmd" "${args[@]}" --describe "$1" 2>/dev/null | awk '
        /^options:/ { on = 1; next }
        /^[^ \t]/ { on = 0 }
        on && /^  [^ ]/ { print $1, $2 }'
}

# The plugin that stage instance $1 runs: from the -c pipeline, else the name itself.
_pipe_stage_plugin()
{
    local lines plugin=
    if lines=$(_pipe_stages); then
        plugin=$(awk -v s="$1" '$1 == s { print $2; exit }' <<<"$lines")
    fi
    printf '%s\n' "${plugin:-$1}"
}

# Values after --set STAGE.OPTION= ($1 is STAGE.OPTION, $2 the value typed): true or false for
# a bool option; other types have no list of values to offer. $3 prefixes the candidates.
_pipe_complete_set_value()
{
    local stage=${1%%.*} opt=${1#*.} type
    type=$(_pipe_plugin_options "$(_pipe_stage_plugin "$stage")" | awk -v o="$opt" '$1 == o { print $2; exit }')
    [[ $type == bool ]] && mapfile -t COMPREPLY < <(compgen -P "${3-}" -W "true false" -- "$2")
}

# Candidates for --set: STAGE. , then STAGE.OPTION= (the value is a word of its own to bash).
_pipe_complete_set()
{
    local cur=$1 stage plugin lines
    if [[ $cur == *=* ]]; then # only when '=' is not in COMP_WORDBREAKS
        _pipe_complete_set_value "${cur%%=*}" "${cur#*=}" "${cur%%=*}="
        return
    fi
    if [[ $cur != *.* ]]; then
        if ! lines=$(_pipe_stages); then
            lines=$(_pipe_plugins | awk '{ print $1, $1 }')
        fi
        mapfile -t COMPREPLY < <(compgen -W "$(awk '{ printf "%s. ", $1 }' <<<"$lines")" -- "$cur")
        compopt -o nospace 2>/dev/null
        return
    fi
    stage=${cur%%.*}
    plugin=$(_pipe_stage_plugin "$stage")
    mapfile -t COMPREPLY < <(compgen -W "$(_pipe_plugin_options "$plugin" |
        awk -v s="$stage" '{ printf "%s.%s= ", s, $1 }')" -- "$cur")
    compopt -o nospace 2>/dev/null
}

# The values the --help line of option $1 lists ("json (default), jsonl or text"), so a format
# added to pipe is offered without a change here.
_pipe_help_values()
{
    local cmd
    cmd=$(_pipe_cmd) || return
    "$cmd" --help 2>/dev/null | awk -v o="$1" 'index($0, ", " o " ") {
        sub(/.*--[a-z-]+ [A-Z]+ +/, ""); gsub(/\([^)]*\)/, ""); gsub(/,/, " ")
        for (i = 1; i <= NF; i++) if ($i ~ /^[a-z][a-z0-9]*$/ && $i != "or") print $i
        exit }'
}

# Candidates for --layers: comma-separated layer names, or all / none.
_pipe_complete_layers()
{
    local cur=$1 done_part= last=$1 layers
    if [[ $cur == *,* ]]; then
        done_part=${cur%,*},
        last=${cur##*,}
    fi
    layers=$(_pipe_plugins | awk '$2 != "-" { n = split($2, a, ","); for (i = 1; i <= n; i++) print a[i] }' | sort -u)
    if [[ -z $done_part ]]; then
        layers="$layers all none"
    fi
    mapfile -t COMPREPLY < <(compgen -P "$done_part" -W "$layers" -- "$last")
    compopt -o nospace 2>/dev/null
}

_pipe()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    # bash splits at '=': "--opt=value" and "--set S.OPT=value" arrive as three words.
    if [[ $cur == = || $prev == = ]]; then
        local lhs_i=$((COMP_CWORD - 1))
        [[ $cur == = ]] && cur= || lhs_i=$((COMP_CWORD - 2))
        prev=${COMP_WORDS[lhs_i]}
        if ((lhs_i > 0)) && [[ ${COMP_WORDS[lhs_i - 1]} == --set && $prev == *.* ]]; then
            _pipe_complete_set_value "$prev" "$cur"
            return
        fi
    fi
    case $prev in
        -c | --config)
            mapfile -t COMPREPLY < <(compgen -f -X '!*.conf' -- "$cur"; compgen -d -- "$cur")
            compopt -o filenames 2>/dev/null
            return
            ;;
        -o | --output)
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            compopt -o filenames 2>/dev/null
            return
            ;;
        -P | --plugin-dir | --archive)
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            compopt -o filenames 2>/dev/null
            return
            ;;
        -f | --format)
            mapfile -t COMPREPLY < <(compgen -W "$(_pipe_help_values --format) " -- "$cur")
            return
            ;;
        -i | --input-format)
            mapfile -t COMPREPLY < <(compgen -W "$(_pipe_help_values --input-format)" -- "$cur")
            return
            ;;
        --archive-level)
            mapfile -t COMPREPLY < <(compgen -W "0 1 2 3 4 5 6 7 8 9" -- "$cur")
            return
            ;;
        -j | --jobs)
            mapfile -t COMPREPLY < <(compgen -W "1 2 4 8 $(nproc 2>/dev/null)" -- "$cur")
            return
            ;;
        --describe)
            mapfile -t COMPREPLY < <(compgen -W "$(_pipe_plugins | awk '{ print $1 }')" -- "$cur")
            return
            ;;
        --set)
            _pipe_complete_set "$cur"
            return
            ;;
        --layers)
            _pipe_complete_layers "$cur"
            return
            ;;
    esac
    if [[ $cur == -* ]]; then
        local cmd
        cmd=$(_pipe_cmd) || return
        mapfile -t COMPREPLY < <(compgen -W "$("$cmd" --help 2>/dev/null |
            grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | sed 's/^[ ,]//' | sort -u)" -- "$cur")
        return
    fi
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    compopt -o filenames 2>/dev/null
}
complete -F _pipe pipe
