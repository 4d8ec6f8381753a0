#!/usr/bin/env bash
# The per-user plugin folder: $XDG_DATA_HOME/pipe/plugins, else ~/.local/share/pipe/plugins, searched
# after the build tree and before the installed stages, under the same trust rules as every folder.
# usage: test_user_plugins.sh PIPE SOURCE_DIR STAGE_SO TOKENIZER_SO
PIPE=$1 SRC=$2 STAGE=$3 TOKENIZER=$4
. "$(dirname "$0")/common.sh"
unset PIPE_PLUGIN_PATH XDG_DATA_HOME
export HOME=$T/home
XDG=$T/xdg
# plant DIR: DIR/longest.so, a copy of the C++ test stage.
plant() { mkdir -p "$1" && cp "$STAGE" "$1/longest.so"; }

plant "$XDG/pipe/plugins"
case_name=xdg
XDG_DATA_HOME=$XDG "$PIPE" --describe longest >"$T/out" 2>"$T/err" &&
  has out "file: $XDG/pipe/plugins/longest.so" && ok || fail "$(head -c 300 "$T/err")"

# Without XDG_DATA_HOME (or with a relative one, which the XDG rules call invalid): ~/.local/share.
plant "$HOME/.local/share/pipe/plugins"
case_name=home
"$PIPE" --describe longest >"$T/out" 2>"$T/err" &&
  has out "file: $HOME/.local/share/pipe/plugins/longest.so" && ok || fail "$(head -c 300 "$T/err")"
case_name=relative-xdg
(cd "$T" && XDG_DATA_HOME=xdg "$PIPE" --describe longest) >"$T/out" 2>"$T/err" &&
  has out "file: $HOME/.local/share/pipe/plugins/longest.so" && ok || fail "$(head -c 300 "$T/err")"

# The user's folder comes after the build tree: a tokenizer.so there shadows nothing.
cp "$TOKENIZER" "$XDG/pipe/plugins/tokenizer.so"
case_name=order
XDG_DATA_HOME=$XDG "$PIPE" --describe tokenizer >"$T/out" 2>"$T/err" &&
  has out "file: $(realpath "$TOKENIZER")" && ok || fail "$(head -c 300 "$T/err")"

# A stage in it runs in a pipeline with no -P, and a missing one names the folder among those searched.
printf 'stages = ( { plugin = "tokenizer"; }, { plugin = "longest"; } );\n' >"$T/c.conf"
printf 'Words of unremarkable length.\n' >"$T/doc.txt"
XDG_DATA_HOME=$XDG run run 0 -c "$T/c.conf" "$T/doc.txt" && has out '"text":"unremarkable","bytes":12' && ok
XDG_DATA_HOME=$XDG run not-found 2 --describe nosuchstage && has err "$XDG/pipe/plugins" && ok

# Trust rules hold here too: a folder others can write is refused.
chmod g+w "$XDG/pipe/plugins"
XDG_DATA_HOME=$XDG run group-writable 2 --describe longest &&
  has err "refusing to load a plugin others could replace" && has err "$XDG/pipe/plugins" && ok
finish
