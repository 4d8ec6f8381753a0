#!/usr/bin/env bash
# End-to-end tests of issue 18, "the everyday user's pipe": defaults, -v, messages that point at the
# right place, Ctrl-C with -o, progress, the text report, pipe-archive on folders, --version.
# Each case asserts the exact behaviour and message.
# usage: test_everyday.sh PIPE PIPE_ARCHIVE SOURCE_DIR
set -u
PIPE=$(realpath "$1") ARCHIVE=$(realpath "$2") SRC=$(realpath "$3")
SAMPLE=$SRC/samples/huawei-no-spy.txt
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/cli_lib.sh"
unset PIPE_PLUGIN_PATH
CONF=$T/stats.conf
printf 'stages = ( { plugin = "example"; name = "stats"; } );\n' >"$CONF"

# ---- 12: --version names pipe, the ABI and the libraries as loaded ----
run version 0 "$PIPE" --version && has out "pipe 0.1.0 (plugin ABI 1.0)" &&
  matches out '^libconfig: built with [0-9]+\.[0-9]+\.[0-9]+, runs libconfig\.so\.[0-9.]+$' &&
  matches out '^zlib: built with [0-9.]+, runs [0-9.]+ \(libz\.so\.[0-9.]+\)$' &&
  matches out '^libltdl: runs libltdl\.so\.[0-9.]+$' && [ "$(wc -l <"$T/out")" -eq 4 ] && ok

finish
