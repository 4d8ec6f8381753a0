#!/usr/bin/env bash
# Which plugin files pipe agrees to run (OpenSSH StrictModes on the resolved path), and that nothing of a
# plugin runs before its location and ABI note are checked.
# usage: test_plugin_trust.sh PIPE SOURCE_DIR PLUGIN_SO FIXTURE_DIR SWAP_SHIM
set -u
PIPE=$1 SRC=$2 PLUGIN=$3 FX=$4 SWAP_SHIM=$5
. "$(dirname "$0")/common.sh"
chmod 755 "$T" # user nobody must reach the folders below
ROOT=$(id -u)
OTHER=1 # uid of a user that is neither root nor us (daemon); files are given to it with chown
[ "$ROOT" -eq 1 ] && OTHER=2

# plant DIR [MODE] [OWNER]: DIR/example.so, a copy of the example plugin.
plant() {
  mkdir -p "$1" && cp "$PLUGIN" "$1/example.so" && chmod "${2:-755}" "$1/example.so"
  [ -z "${3:-}" ] || chown "$3" "$1/example.so"
}
# refused CASE DIR WANT [RUNNER...]: --describe example from DIR exits 2 naming WANT.
refused() {
  case_name=$1
  local dir=$2 want=$3
  shift 3
  "$@" "$PIPE" -P "$dir" --describe example >"$T/out" 2>"$T/err"
  local rc=$?
  [ $rc -eq 2 ] && grep -qF -- "$want" "$T/err" && grep -qF -- "--allow-insecure-plugins" "$T/err" && [ ! -s "$T/out" ] &&
    ok || fail "exit $rc (want 2), stderr: $(head -c 400 "$T/err") (want '$want')"
}
# loads CASE DIR [ARGS...]: --describe example from DIR loads DIR/example.so.
loads() {
  case_name=$1
  local dir=$2
  shift 2
  "$PIPE" "$@" -P "$dir" --describe example >"$T/out" 2>"$T/err"
  local rc=$?
  [ $rc -eq 0 ] && grep -qF "file: $(realpath "$dir")/example.so" "$T/out" && ok ||
    fail "exit $rc, stderr: $(head -c 300 "$T/err"), out: $(head -2 "$T/out")"
}

plant "$T/good"
loads control "$T/good"

# A symlink in a safe folder to a plugin in a world-writable one: the resolved path is what counts.
plant "$T/ww" && chmod 777 "$T/ww"
mkdir "$T/safe" && ln -s ../ww/example.so "$T/safe/example.so"
refused symlink-to-world-writable "$T/safe" "folder '$T/ww' can be written by any user (mode 0777)"
case_name=allow-insecure
"$PIPE" --allow-insecure-plugins -P "$T/safe" --describe example >"$T/out" 2>"$T/err" &&
  grep -qF "file: $T/ww/example.so" "$T/out" && ok || fail "$(head -c 300 "$T/err")"
# A folder whose parent is world-writable: whoever writes the parent can rename the folder away.
plant "$T/wwp/sub" && chmod 777 "$T/wwp"
refused parent-world-writable "$T/wwp/sub" "folder '$T/wwp' can be written by any user (mode 0777)"
plant "$T/gwf" 775
refused group-writable-file "$T/gwf" "file '$T/gwf/example.so' can be written by its group (mode 0775)"
plant "$T/gwd" && chmod 775 "$T/gwd"
refused group-writable-folder "$T/gwd" "folder '$T/gwd' can be written by its group (mode 0775)"

# --list-plugins looks at a file only after the same check, and says why it did not load it.
case_name=list-refuses
"$PIPE" -P "$T/gwd" --list-plugins >"$T/out" 2>"$T/err"
grep -qF "example      (not loadable) $T/gwd/example.so: refusing to load a plugin others could replace: folder '$T/gwd'" \
  "$T/out" && ok || fail "$(head -3 "$T/out")"

# Files and folders of another user. Only root can give files away; as root the checks also run as
# user nobody (setpriv), for whom root's folders are trusted and user $OTHER's files are not.
AS_NOBODY=()
if [ "$ROOT" -ne 0 ]; then
  case_name=other-user; skip "not root: cannot chown test files to another user"
elif ! command -v setpriv >/dev/null; then
  case_name=other-user-as-nobody; skip "setpriv (util-linux) not installed: other-user cases run as root only"
else
  AS_NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  if ! "${AS_NOBODY[@]}" "$PIPE" --version >/dev/null 2>&1; then
    case_name=other-user-as-nobody; skip "user nobody cannot run $PIPE (a parent folder is private)"
    AS_NOBODY=()
  fi
fi
if [ "$ROOT" -eq 0 ]; then
  plant "$T/ofile" 755 "$OTHER"
  refused other-users-file "$T/ofile" "file '$T/ofile/example.so' belongs to uid $OTHER, not to root or to you (uid 0)"
  plant "$T/odir" && chown "$OTHER" "$T/odir"
  refused other-users-folder "$T/odir" "folder '$T/odir' belongs to uid $OTHER, not to root or to you (uid 0)"
  # A sticky folder anyone can write (like /tmp) is fine on the way only for our own or root's file.
  mkdir "$T/sticky" && chmod 1777 "$T/sticky"
  plant "$T/sticky/o" && chown "$OTHER" "$T/sticky/o"
  refused sticky-other-users-folder "$T/sticky/o" "folder '$T/sticky/o' belongs to uid $OTHER"
  cp "$PLUGIN" "$T/sticky/example.so" && chown "$OTHER" "$T/sticky/example.so"
  refused sticky-other-users-file "$T/sticky" "file '$T/sticky/example.so' belongs to uid $OTHER"
  if [ ${#AS_NOBODY[@]} -gt 0 ]; then
    refused nobody-other-users-file "$T/ofile" "file '$T/ofile/example.so' belongs to uid $OTHER, not to root or to you (uid 65534)" "${AS_NOBODY[@]}"
    refused nobody-other-users-folder "$T/odir" "folder '$T/odir' belongs to uid $OTHER" "${AS_NOBODY[@]}"
    refused nobody-sticky-other-users-file "$T/sticky" "file '$T/sticky/example.so' belongs to uid $OTHER" "${AS_NOBODY[@]}"
    # Controls: nobody may load root's plugin, and its own file from a sticky folder.
    case_name=nobody-loads-roots
    "${AS_NOBODY[@]}" "$PIPE" -P "$T/good" --describe example >"$T/out" 2>"$T/err" && ok || fail "$(head -c 300 "$T/err")"
    mkdir "$T/sticky/n" && cp "$PLUGIN" "$T/sticky/n/example.so" && chown -R 65534 "$T/sticky/n"
    case_name=nobody-own-file-in-sticky
    "${AS_NOBODY[@]}" "$PIPE" -P "$T/sticky/n" --describe example >"$T/out" 2>"$T/err" &&
      grep -qF "file: $T/sticky/n/example.so" "$T/out" && ok || fail "$(head -c 300 "$T/err")"
  fi
fi

# Nothing of a plugin runs before its ABI note is read: the fixture's constructor would leave a mark.
export PIPE_TEST_CTOR_MARK=$T/ctor-ran
case_name=abi-note-before-code
"$PIPE" -P "$FX" --describe ctor_abi >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -qF "plugin was built for pipe plugin ABI 99.0" "$T/err" && [ ! -e "$T/ctor-ran" ] && ok ||
  fail "exit $rc, constructor ran: $([ -e "$T/ctor-ran" ] && echo yes || echo no); $(head -c 300 "$T/err")"
case_name=list-runs-no-foreign-code
"$PIPE" -P "$FX" --list-plugins >"$T/out" 2>"$T/err"
grep -qF "ctor_abi     (not loadable)" "$T/out" && [ ! -e "$T/ctor-ran" ] && ok || fail "constructor ran or not listed"
printf 'stages = ( { plugin = "ctor_abi"; } );\n' >"$T/ctor.conf"
case_name=run-runs-no-foreign-code
"$PIPE" -P "$FX" -c "$T/ctor.conf" "$SAMPLE" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && [ ! -e "$T/ctor-ran" ] && ok || fail "exit $rc, constructor ran: $([ -e "$T/ctor-ran" ] && echo yes || echo no)"

# The file checked is the file loaded: swapping another file in at the last moment (at dlopen, after
# every check) changes nothing, since pipe loads the descriptor it checked.
plant "$T/swap"
cp "$FX/ctor_abi.so" "$T/swap/evil.so"
case_name=swap-at-dlopen
SWAP_FROM=$T/swap/evil.so SWAP_TO=$T/swap/example.so LD_PRELOAD=$SWAP_SHIM \
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
  "$PIPE" -P "$T/swap" --describe example >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && [ ! -e "$T/swap/evil.so" ] && grep -qF "example 2.0.0" "$T/out" && [ ! -e "$T/ctor-ran" ] && ok ||
  fail "exit $rc, swapped: $([ -e "$T/swap/evil.so" ] && echo no || echo yes), constructor ran: $([ -e "$T/ctor-ran" ] && echo yes || echo no); $(head -c 300 "$T/err")"

# Without /proc/self/fd the checked descriptor cannot be loaded: a clear refusal, never a fallback to
# loading by name. The folder is hidden for this process only (a private mount namespace).
case_name=no-proc
if [ "$ROOT" -ne 0 ] || ! command -v unshare >/dev/null; then
  skip "needs root and unshare (util-linux) to hide /proc/self/fd in a private mount namespace"
elif ! unshare --mount --propagation private true 2>/dev/null; then
  skip "this system does not allow a private mount namespace"
else
  unshare --mount --propagation private sh -c 'mount -t tmpfs none "/proc/$$/fd" && exec "$@"' sh \
    "$PIPE" -P "$T/good" --describe example >"$T/out" 2>"$T/err"
  rc=$?
  [ $rc -eq 2 ] && grep -qE "through /proc/self/fd/[0-9]+, which is not available here \(is /proc mounted\?\)" "$T/err" &&
    [ ! -s "$T/out" ] && ok || fail "exit $rc: $(head -c 300 "$T/err")"
fi

# --describe takes a stage name, never a path.
for bad in ../../x "$T/good/example" a/b .hidden "9lives" "ex-ample" ""; do
  case_name="describe-name '$bad'"
  "$PIPE" -P "$T/good" --describe "$bad" >"$T/out" 2>"$T/err"
  rc=$?
  [ $rc -eq 2 ] && grep -qF "'$bad' is not a plugin name: give a stage name" "$T/err" && [ ! -s "$T/out" ] && ok ||
    fail "exit $rc: $(head -c 300 "$T/err")"
done

finish
