#!/usr/bin/env bash
# What the loader tells a plugin author: the real cause, and never a name that is not valid C.
# usage: test_loader_messages.sh PIPE SOURCE_DIR STAGE_DIR EXAMPLE_SO
PIPE=$1 SRC=$2 STAGES=$3 EXAMPLE=$4
. "$(dirname "$0")/common.sh"
# No message may suggest PIPE_PLUGIN_DEFINE or a symbol with a hyphen in the stage name.
no_invalid_c() {
  ! grep -qE 'PIPE_PLUGIN_DEFINE\([A-Za-z0-9_]*-|[A-Za-z0-9_]*-[A-Za-z0-9_-]*_LTX_' "$T/err" ||
    { fail "suggests an invalid C name: $(head -c 400 "$T/err")"; return 1; }
}

# A C++ entry without C linkage: the message names the mangled symbol and the cause.
run cxx-linkage 2 -P "$STAGES" --describe mangled &&
  has err "no symbol 'mangled_LTX_pipe_plugin_entry'" && has err "_Z29mangled_LTX_pipe_plugin_entryv" &&
  has err 'C++ linkage' && has err 'extern "C"' && no_invalid_c && ok

# A stage file with a hyphen: the message proposes the underscore name, which is valid C.
mkdir -p "$T/hy" && cp "$EXAMPLE" "$T/hy/my-stage.so"
run hyphen-file 0 -P "$T/hy" --list-plugins
has out "my-stage.so: 'my-stage' is not a plugin name" && has out "name the file my_stage.so and its stage my_stage" &&
  cp "$T/out" "$T/err" && no_invalid_c && ok

printf 'stages = ( { plugin = "my-stage"; } );\n' >"$T/hy.conf"
run hyphen-stage 2 -P "$T/hy" -c "$T/hy.conf" --check && has err "did you mean 'my_stage'?" && no_invalid_c && ok

# A renamed file: the entry is there under the old name; the message says a rename keeps it.
mkdir -p "$T/ren" && cp "$EXAMPLE" "$T/ren/stats.so"
run renamed 2 -P "$T/ren" --describe stats && has err "no symbol 'stats_LTX_pipe_plugin_entry'" &&
  has err 'PIPE_PLUGIN_DEFINE(stats, descriptor)' && has err 'if it was renamed' && no_invalid_c && ok
finish
