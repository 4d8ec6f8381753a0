#!/usr/bin/env bash
# The bash completion scripts, driven as bash drives them: source the script, set COMP_WORDS and
# COMP_CWORD, call the completion function, and compare COMPREPLY with what pipe itself says
# (--help, --list-plugins, --describe, pipe-archive ls).
# usage: test_completion.sh PIPE PIPE_ARCHIVE SOURCE_DIR
set -u
PIPE=$(realpath "$1") ARCHIVE=$(realpath "$2") SRC=$(realpath "$3")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
unset PIPE_PLUGIN_PATH
cd "$SRC" || exit 1

# comp SCRIPT FUNCTION WORD...: the candidates, one per line, for the last WORD (the cursor).
comp() {
  local script=$1 fn=$2
  shift 2
  bash -c 'source "$1"; fn=$2; shift 2; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
           COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; "$fn"; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$SRC/completion/$script" "$fn" "$@" 2>"$T/comp.err" | sed '/^$/d' | sort
}
p() { comp pipe.bash _pipe "$PIPE" "$@"; }
a() { comp pipe-archive.bash _pipe_archive "$ARCHIVE" "$@"; }
# expect NAME GOT WANT: the candidates equal WANT (words, any order).
expect() {
  local want
  want=$(printf '%s\n' $3 | sed '/^$/d' | sort)
  if [ "$2" = "$want" ]; then passed=$((passed + 1)); else
    echo "FAIL: $1: got [$(echo $2)], want [$(echo $want)]; stderr: $(head -c 300 "$T/comp.err")"
    failed=$((failed + 1))
  fi
}
# expect_lines NAME GOT LINE...: the candidates are exactly the LINEs (which may hold spaces).
expect_lines() {
  local name=$1 got=$2
  shift 2
  expect "$name" "$(printf '%s\n' "$got" | tr ' ' '\001')" "$(printf '%s\n' "$@" | tr ' ' '\001')"
}
# expect_has NAME GOT WORD...: every WORD is a candidate.
expect_has() {
  local name=$1 got=$2 w
  shift 2
  for w in "$@"; do
    if grep -qxF -- "$w" <<<"$got"; then passed=$((passed + 1)); else
      echo "FAIL: $name: '$w' not among [$(echo $got)]"
      failed=$((failed + 1))
    fi
  done
}

# Options: every one --help prints, and nothing else.
help_opts=$("$PIPE" --help | grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | sed 's/^[ ,]//' | sort -u)
expect options-all "$(p -)" "$help_opts"
expect options-prefix "$(p --pr)" "--pretty --progress"
expect options-archive "$(p --arch)" "--archive --archive-level"

# Stage names and their options.
plugins=$("$PIPE" --list-plugins | awk '/^[^ ]/ && !/not loadable/ { print $1 }')
expect describe-all "$(p --describe '')" "$plugins"
expect describe-prefix "$(p --describe tok)" "tokenizer"
expect set-stage "$(p --set su)" "summarizer."
# --set summarizer. offers exactly the options --describe lists, as summarizer.OPTION=.
want=$("$PIPE" --describe summarizer | sed -n '/^options:/,/^layers/p' | grep '^  [a-z]' | awk '{ print "summarizer." $1 "=" }')
[ "$(echo "$want" | wc -l)" -ge 8 ] || { echo "FAIL: --describe summarizer lists too few options: $want"; failed=$((failed + 1)); }
expect set-options "$(p --set summarizer.)" "$want"
expect_has set-options-named "$(p --set summarizer.)" summarizer.sentences= summarizer.method= summarizer.ratio=
expect set-option-prefix "$(p --set summarizer.me)" "summarizer.method="
# bash splits "quotes.scare=" at '=': a bool option offers true and false.
expect set-bool "$(p --set quotes.scare =)" "true false"
expect set-bool-prefix "$(p --set quotes.scare = t)" "true"
expect set-int-no-values "$(p --set summarizer.sentences =)" ""
# With -c, the pipeline's stage instance names (example.conf names its example stage "stats").
expect set-instances "$(p -c conf/example.conf --set '')" "tokenizer. sentences. stats."
expect set-instance-options "$(p -c conf/example.conf --set stats.)" "stats.words_per_minute="
# -P reaches the plugin queries: a copy of the example stage under another folder is listed.
mkdir -m 755 "$T/plugins" && cp "$(dirname "$PIPE")/plugins/example.so" "$T/plugins/example.so"
expect plugin-dir "$(p -P "$T/plugins" --describe ex)" "example"

# Layers: names the plugins produce, comma lists, all and none.
expect layers-prefix "$(p --layers su)" "summary"
expect layers-list "$(p --layers tokens,q)" "tokens,quotes"
expect_has layers-all "$(p --layers '')" all none tokens sentences quotes summary example_stats

# Option values and files.
# Formats come from the --help line: the known ones are offered, and pipe accepts each one offered.
formats=$(p -f '')
expect_has format "$formats" json jsonl text
expect format-equals "$(p --format =)" "$formats"
expect format-prefix "$(p -f jsonl)" "jsonl"
for f in $formats; do
  "$PIPE" -c conf/tokenize.conf -f "$f" samples/huawei-no-spy.txt >/dev/null 2>&1 &&
    passed=$((passed + 1)) || { echo "FAIL: format '$f' offered but pipe -f $f fails"; failed=$((failed + 1)); }
done
inputs=$(p -i '')
expect_has input-format "$inputs" auto jsonl text
for f in $inputs; do
  "$PIPE" -c conf/tokenize.conf -i "$f" samples/huawei-no-spy.txt >/dev/null 2>&1
  [ $? -ne 2 ] && passed=$((passed + 1)) || { echo "FAIL: input format '$f' offered but pipe -i $f is a usage error"; failed=$((failed + 1)); }
done
expect archive-level "$(p --archive-level 1)" "1"
expect config-file "$(p -c conf/pipel)" "conf/pipeline.conf"
expect input-file "$(p samples/hua)" "samples/huawei-no-spy.txt"
# pipe found on PATH when the command word has no slash.
mkdir "$T/bin" && ln -s "$PIPE" "$T/bin/pipe"
got=$(PATH="$T/bin:$PATH" comp pipe.bash _pipe pipe --set summarizer.se)
expect path-lookup "$got" "summarizer.sentences="

# pipe-archive: commands, archive files, and the ids inside an archive for get.
cmds=$("$ARCHIVE" --help | grep -oE 'pipe-archive (\[OPTION\] )?[a-z]+' | awk '{ print $NF }' | sort -u)
expect archive-commands "$(a '')" "$cmds"
expect_has archive-commands-known "$(a '')" ls get verify reindex recover
expect_has archive-options "$(a -)" --help
printf '{"id":"first doc","text":"One."}\n{"id":"second","text":"Two."}\n' >"$T/c.jsonl"
"$PIPE" -c conf/tokenize.conf --archive "$T/ar" "$T/c.jsonl" >/dev/null 2>&1
f=$(ls "$T"/ar/*.jsonl.gz)
expect archive-file "$(a ls "$T/ar/")" "$f"
expect_lines archive-ids "$(a get "$f" '')" 'first\ doc' second
expect_lines archive-id-escaped "$(a get "$f" 'first\ d')" 'first\ doc'
expect archive-id-prefix "$(a get "$f" se)" "second"
: >"$T/ar/x.jsonl.gz.tmp"
expect archive-recover "$(a recover "$T/ar/")" "$T/ar/x.jsonl.gz.tmp"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
