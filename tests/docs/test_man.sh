#!/usr/bin/env bash
# The man pages render without a warning, and cannot drift from the programs: every option and
# exit code `pipe --help` prints is a documented term of pipe(1), every command and option of
# `pipe-archive --help` one of pipe-archive(1), every key pipe accepts one of pipe.conf(5), every
# PIPE_* variable the runner reads is in pipe(1)'s ENVIRONMENT, every host service and test-harness
# function of the SDK headers is a term of pipe-plugin(7), and the example pipelines of the pages
# pass `pipe --check`.
# usage: test_man.sh PIPE PIPE_ARCHIVE SOURCE_DIR
set -u
PIPE=$(realpath "$1") ARCHIVE=$(realpath "$2") SRC=$(realpath "$3")
MAN=$SRC/docs/man
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
unset PIPE_PLUGIN_PATH

# The terms of a page: the line after each .TP, with roff escapes and fonts removed.
terms() {
  awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' "$1" |
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(dq/"/g' -e 's/^\.[A-Z]* //' -e 's/"//g'
}
# has_term PAGE WORD: WORD (an option, command or key) is a term of PAGE, as a whole word.
has_term() {
  terms "$1" | grep -Eq -- "(^|[^A-Za-z0-9_-])$(printf '%s' "$2" | sed 's/[.]/\\./g')([^A-Za-z0-9_-]|$)"
}
# The .EX block after the section heading $2 of page $1, as plain text.
example() {
  awk -v sec="$2" '$0 == ".SH " sec || $0 == ".SH \"" sec "\"" { in_sec = 1; next }
                   in_sec && /^\.SH/ { exit }
                   in_sec && /^\.EE/ { exit }
                   in_sec && ex { print }
                   in_sec && /^\.EX/ { ex = 1 }' "$1" | sed -e 's/\\-/-/g' -e 's/\\(dq/"/g' -e 's/\\(aq/'"'"'/g' -e 's/\\e/\\/g'
}

if ! command -v groff >/dev/null; then
  fail "groff is not installed (bash scripts/install-deps.sh installs groff-base); the pages cannot be checked"
fi
for page in pipe.1 pipe-archive.1 pipe.conf.5 pipe-plugin.7; do
  [ -f "$MAN/$page" ] || { fail "$page: missing from docs/man"; continue; }
  if command -v groff >/dev/null; then
    groff -ww -man -Tutf8 "$MAN/$page" >"$T/out" 2>"$T/warn"
    if [ $? -ne 0 ] || [ -s "$T/warn" ]; then fail "groff -ww $page: $(head -5 "$T/warn")"; else ok; fi
    [ "$(wc -l <"$T/out")" -gt 40 ] && ok || fail "$page renders to almost nothing"
  fi
  if command -v man >/dev/null; then
    MANWIDTH=80 MAN_KEEP_FORMATTING=0 man --warnings -l "$MAN/$page" >/dev/null 2>"$T/warn"
    [ -s "$T/warn" ] && fail "man --warnings $page: $(head -5 "$T/warn")" || ok
  else
    echo "note: man (man-db) not installed: only groff -ww checked the pages"
  fi
done

# pipe(1): every option of pipe --help, long and short.
"$PIPE" --help >"$T/help" 2>&1 || fail "pipe --help exited non-zero"
opts=$(grep -oE -- '(^|[ ,])--?[A-Za-z][A-Za-z-]*' "$T/help" | sed 's/^[ ,]//' | sort -u)
[ "$(echo "$opts" | grep -c -- '^--')" -ge 20 ] && ok || fail "found only $(echo "$opts" | wc -l) options in pipe --help"
for o in $opts; do
  has_term "$MAN/pipe.1" "$o" && ok || fail "pipe(1) has no OPTIONS entry for $o (printed by pipe --help)"
done
# And every option of README's option tables (rows that start with an option).
ropts=$(grep -E '^\| `-' "$SRC/README.md" | cut -d'|' -f2 | grep -oE -- '(^|[ `])--?[A-Za-z][A-Za-z-]*' | sed 's/^[ `]//' | sort -u)
[ -n "$ropts" ] && ok || fail "no option table found in README.md"
for o in $ropts; do
  has_term "$MAN/pipe.1" "$o" && ok || fail "pipe(1) has no OPTIONS entry for $o (listed in README.md)"
done
# Every exit code --help lists is an entry of EXIT STATUS.
codes=$(sed -n '/^exit status/,$p' "$T/help" | grep -oE '(^|[;:] )[0-9]+(/[0-9]+)*' | grep -oE '[0-9]+' | sort -u)
[ -n "$codes" ] && ok || fail "no exit codes found in pipe --help"
for c in $codes; do
  has_term "$MAN/pipe.1" "$c" && ok || fail "pipe(1) EXIT STATUS lacks code $c (printed by pipe --help)"
done
# Every PIPE_* variable the runner reads.
vars=$(grep -rhoE 'getenv\("PIPE_[A-Z_]+"\)' "$SRC/core/src" | grep -oE 'PIPE_[A-Z_]+' | sort -u)
[ -n "$vars" ] && ok || fail "no PIPE_* getenv found in core/src (has the runner moved?)"
for v in $vars; do
  awk '/^\.SH ENVIRONMENT/ { e = 1; next } /^\.SH/ { e = 0 } e' "$MAN/pipe.1" | grep -q "$v" && ok ||
    fail "pipe(1) ENVIRONMENT lacks $v (read by the runner)"
done
# The minimal pipeline of pipe(1) passes --check.
example "$MAN/pipe.1" "THE PIPELINE FILE" >"$T/min.conf"
"$PIPE" -c "$T/min.conf" --check >"$T/check" 2>&1 && grep -q "ok, 4 stages" "$T/check" && ok ||
  fail "pipe(1)'s example pipeline fails --check: $(head -3 "$T/check")"

# pipe-archive(1): every command and option of pipe-archive --help.
"$ARCHIVE" --help >"$T/ahelp" 2>&1 || fail "pipe-archive --help exited non-zero"
cmds=$(grep -oE 'pipe-archive (\[OPTION\] )?[a-z]+' "$T/ahelp" | awk '{ print $NF }' | sort -u)
[ "$(echo "$cmds" | wc -w)" -ge 5 ] && ok || fail "found only '$cmds' as pipe-archive commands"
for c in $cmds; do
  has_term "$MAN/pipe-archive.1" "$c" && ok || fail "pipe-archive(1) has no COMMANDS entry for '$c'"
done
for o in $(grep -oE -- '(^|[ ,|])--?[A-Za-z][A-Za-z-]*' "$T/ahelp" | sed 's/^[ ,|]//' | sort -u) --help; do
  has_term "$MAN/pipe-archive.1" "$o" && ok || fail "pipe-archive(1) has no entry for $o"
done

# pipe.conf(5): every key of every group, as pipe's own "valid keys" messages list them.
cd "$T" || exit 1
printf 'bogus = 1;\nstages = ( { plugin = "tokenizer"; } );\n' >root.conf
printf 'stages = ( { plugin = "tokenizer"; bogus = 1; } );\n' >stage.conf
printf 'stages = ( { plugin = "tokenizer"; } );\noutput = { bogus = 1; };\n' >output.conf
printf 'stages = ( { plugin = "tokenizer"; } );\noutput = { archive = { dir = "a"; bogus = 1; }; };\n' >archive.conf
for g in root stage output archive; do
  "$PIPE" -c $g.conf --check >/dev/null 2>"$g.err"
  keys=$(grep -oE 'valid keys: [^)]*' "$g.err" | sed 's/valid keys: //; s/,/ /g')
  [ -n "$keys" ] && ok || { fail "no 'valid keys' list for a bad key in $g: $(head -2 "$g.err")"; continue; }
  for k in $keys; do
    has_term "$MAN/pipe.conf.5" "$k" && ok || fail "pipe.conf(5) has no entry for the $g key '$k'"
  done
done
# The full example of pipe.conf(5) passes --check.
example "$MAN/pipe.conf.5" "EXAMPLE" >"$T/full.conf"
"$PIPE" -c "$T/full.conf" --check >"$T/check" 2>&1 && grep -q "ok, 5 stages" "$T/check" && ok ||
  fail "pipe.conf(5)'s example fails --check: $(head -3 "$T/check")"

# pipe-plugin(7): every host service of pipe_host_api and every function of pipe/testing.h.
services=$(sed -n '/^typedef struct pipe_host_api {/,/^} pipe_host_api;/p' "$SRC/core/include/pipe/plugin.h" |
  grep -oE '\(\*[a-z_]+\)' | tr -d '(*)' | sort -u)
[ "$(echo "$services" | wc -w)" -ge 10 ] && ok || fail "found only '$services' in pipe_host_api (has plugin.h moved?)"
for f in $services; do
  has_term "$MAN/pipe-plugin.7" "$f" && ok || fail "pipe-plugin(7) does not describe the host service $f"
done
tests=$(grep -oE '^PIPE_TEST_API [^(]*' "$SRC/core/include/pipe/testing.h" | grep -oE 'pipe_test_[a-z_]+$' | sort -u)
[ "$(echo "$tests" | wc -w)" -ge 5 ] && ok || fail "found only '$tests' in pipe/testing.h"
for f in $tests; do
  has_term "$MAN/pipe-plugin.7" "$f" && ok || fail "pipe-plugin(7) does not describe $f of pipe/testing.h"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
