#!/usr/bin/env bash
# README is the user's manual: every command of its ```sh blocks runs, in order, in a scratch folder
# laid out as the repository root is (samples/ copied; conf/, scripts/, docs/, completion/ and build/
# pointing at this tree and build), with example inputs the commands name (article.txt, a.txt,
# b.txt.gz, corpus.jsonl(.gz), articles/) and pipe and pipe-archive of this build on the PATH; each must
# exit 0. A line whose comment says 'not run: WHY' is listed with its reason, never skipped silently. Every other
# block must say what it holds (```conf, ```text, ```c): an unmarked block fails the test, so no
# command can hide from it.
# usage: test_readme.sh PIPE_BINARY_DIR SOURCE_DIR
set -u
BIN=$(realpath "$1") SRC=$(realpath "$2")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
unset PIPE_PLUGIN_PATH
cp -r "$SRC/samples" "$T/samples"
for d in conf scripts docs completion; do ln -s "$SRC/$d" "$T/$d"; done
ln -s "$BIN" "$T/build"
# The inputs README's examples name.
cp "$SRC/samples/huawei-no-spy.txt" "$T/article.txt"
cp "$T/article.txt" "$T/a.txt"
gzip -c "$T/article.txt" >"$T/b.txt.gz"
mkdir -p "$T/articles/2026" && cp "$T/article.txt" "$T/articles/2026/one.txt"
python3 -c 'import json,sys; t=open(sys.argv[1]).read(); print(json.dumps({"id":"r1","text":t})); print(json.dumps({"id":"r2","text":"We will act, the minister said."}))' \
  "$T/article.txt" >"$T/corpus.jsonl"
gzip -c "$T/corpus.jsonl" >"$T/corpus.jsonl.gz"
python3 - "$SRC/README.md" >"$T/commands" <<'PY'
import sys
block = None  # None outside a block, else its language
pending, start = "", 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if line.startswith("```"):
        if block is None:
            block = line.strip()[3:]
            if not block:
                print("%d\tUNMARKED" % n)
        else:
            block = None
        continue
    if block != "sh":
        continue
    text = line.rstrip("\n")
    if pending:  # a command continued with a backslash
        pending += "\n" + text
    elif text.strip() and not text.lstrip().startswith("#"):
        pending, start = text, n
    else:
        continue
    if pending.endswith("\\"):
        continue
    print("%d\t%s" % (start, pending.replace("\n", "\x01")))  # one line each; bash gets the newlines back
    pending = ""
PY
[ -s "$T/commands" ] || { echo "FAIL: README.md has no \`\`\`sh block"; exit 1; }
while IFS=$'\t' read -r n cmd; do
  cmd=${cmd//$'\x01'/$'\n'}
  case $cmd in
    UNMARKED) echo "FAIL: README.md:$n: a block without a language: \`\`\`sh for commands, else conf, text or c"
      failed=$((failed + 1)); continue ;;
    # The two set-up commands at the top stay clean for the reader: .ci/run runs exactly these steps.
    "bash scripts/install-deps.sh && "*) echo "not run: README.md:$n: $cmd (installs Debian packages as root; .ci/run runs it)"
      continue ;;
    *"#"*"not run: "*) printf 'not run: README.md:%s: %s(%s)\n' "$n" "$(printf '%s' "${cmd%%#*}" | tr '\n' ' ' | tr -s ' ')" \
      "$(r=${cmd##*not run: }; printf '%s' "${r%)}")"; continue ;;
  esac
  (cd "$T" && PATH="$BIN:$PATH" timeout 300 bash -c "$cmd") >"$T/out" 2>"$T/err" </dev/null
  rc=$?
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); else
    echo "FAIL: README.md:$n: exit $rc: $cmd"; head -c 400 "$T/err"; failed=$((failed + 1))
  fi
done <"$T/commands"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
