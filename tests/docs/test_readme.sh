#!/usr/bin/env bash
# README is the user's manual: every command of its ```sh blocks runs, in order, in a scratch folder
# holding a copy of samples/ (as the repository root would), with pipe and pipe-archive of this build
# on the PATH, and exits 0. A line marked '# not run: WHY' is listed with its reason, never skipped
# silently; other blocks (pipeline files, output, recipes for other machines) are not shell walks.
# usage: test_readme.sh PIPE_BINARY_DIR SOURCE_DIR
set -u
BIN=$(realpath "$1") SRC=$(realpath "$2")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
unset PIPE_PLUGIN_PATH
cp -r "$SRC/samples" "$T/samples"
python3 - "$SRC/README.md" >"$T/commands" <<'PY'
import sys
block = None
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if line.startswith("```"):
        block = None if block is not None else (line.strip() == "```sh")
        if block is False:
            print("%d\t# not run: a block not marked sh (a file, output, or a recipe with its own inputs)" % n)
        continue
    if block and line.strip() and not line.lstrip().startswith("#"):
        print("%d\t%s" % (n, line.rstrip("\n")))
PY
[ -s "$T/commands" ] || { echo "FAIL: README.md has no \`\`\`sh block"; exit 1; }
while IFS=$'\t' read -r n cmd; do
  case $cmd in
    *"# not run:"*) echo "not run: README.md:$n: ${cmd%%#*}(${cmd##*# not run: })" | tr -s ' '; continue ;;
  esac
  (cd "$T" && PATH="$BIN:$PATH" timeout 300 bash -c "$cmd") >"$T/out" 2>"$T/err" </dev/null
  rc=$?
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); else
    echo "FAIL: README.md:$n: exit $rc: $cmd"; head -c 400 "$T/err"; failed=$((failed + 1))
  fi
done <"$T/commands"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
