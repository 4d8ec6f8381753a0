#!/usr/bin/env bash
# End-to-end tests of the pipe command line: every case checks the exit code and what is printed.
# usage: test_cli.sh PIPE_BINARY SOURCE_DIR FIXTURE_DIR
set -u
PIPE=$1 SRC=$2 FX=$3
SAMPLE=$SRC/samples/huawei-no-spy.txt
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T"; rm -rf "$T"' EXIT
# A pipeline of the example stage alone, so these tests do not change when the default pipeline does.
CONF=$T/stats.conf
printf 'stages = ( { plugin = "example"; name = "stats"; } );\n' >"$CONF"
passed=0 failed=0 skipped=0

fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }

# run NAME EXPECTED_RC ARGS... : runs pipe, keeps stdout in $T/out and stderr in $T/err.
run() {
  case_name=$1 want=$2
  shift 2
  "$PIPE" "$@" >"$T/out" 2>"$T/err" </dev/null
  rc=$?
  if [ "$rc" -ne "$want" ]; then
    fail "exit $rc, expected $want; stderr: $(head -c 300 "$T/err")"
    return 1
  fi
  return 0
}
has() { grep -qF -- "$2" "$T/$1" || { fail "$1 lacks '$2': $(head -c 400 "$T/$1")"; return 1; }; }
empty() { [ ! -s "$T/$1" ] || { fail "$1 should be empty: $(head -c 300 "$T/$1")"; return 1; }; }
# Every output line must be one valid JSON object.
json_ok() {
  python3 -c 'import json,sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    o = json.loads(line)
    assert isinstance(o, dict) and "id" in o, n' "$T/out" 2>"$T/jerr" || { fail "invalid JSON: $(head -c 300 "$T/jerr")"; return 1; }
}
# jq-like field check with python: jget EXPR expected
jget() {
  got=$(python3 -c 'import json,sys
docs=[json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print(eval(sys.argv[2]))' "$T/out" "$1" 2>&1)
  [ "$got" = "$2" ] || { fail "$1 = '$got', expected '$2'"; return 1; }
}

run version 0 --version && has out "pipe 0.1.0 (plugin ABI 2.0)" && ok
run help 0 --help && has out "usage: pipe -c PIPELINE.conf" && has out "exit status" && ok
run bad-option 2 --bogus && has err "unknown option '--bogus'" && ok
# (no -c and no input files: test_everyday.sh, items 1)

run sample 0 -c "$CONF" "$SAMPLE" && json_ok && jget 'docs[0]["bytes"]' 3900 && jget 'docs[0]["id"]' "$SAMPLE" &&
  jget 'docs[0]["example_stats"][0]["words"] > 500' True && ok
run text-format 0 -c "$CONF" -f text "$SAMPLE" "$SAMPLE" && has out "== $SAMPLE (3900 bytes) ==" &&
  [ "$(grep -c '^== ' "$T/out")" -eq 2 ] && ok
run pretty 0 -c "$CONF" --pretty "$SAMPLE" && has out '  "bytes": 3900' && ok
run bad-format 2 -c "$CONF" -f xml "$SAMPLE" && has err "-f 'xml': unknown format" && empty out && ok

"$PIPE" -c "$CONF" - <"$SAMPLE" >"$T/out" 2>"$T/err"
case_name=stdin; [ $? -eq 0 ] && jget 'docs[0]["id"]' - && jget 'docs[0]["bytes"]' 3900 && ok

run check 0 -c "$CONF" --check && has out "ok, 1 stage: stats" && ok
run set 0 -c "$CONF" --set stats.words_per_minute=1 "$SAMPLE" &&
  jget 'docs[0]["example_stats"][0]["reading_minutes"] == docs[0]["example_stats"][0]["words"]' True && ok
run set-bad-type 2 -c "$CONF" --set stats.words_per_minute=fast "$SAMPLE" &&
  has err "option 'words_per_minute' wants an int, not 'fast'" && empty out && ok
run set-no-stage 2 -c "$CONF" --set nosuch.x=1 "$SAMPLE" && has err "no stage named 'nosuch' (stages: stats)" && ok
run set-no-option 2 -c "$CONF" --set stats.wpm=1 "$SAMPLE" && has err "unknown option 'wpm'" && ok
run set-syntax 2 -c "$CONF" --set stats "$SAMPLE" && has err "expected STAGE.OPTION=VALUE" && ok
run layers-none 0 -c "$CONF" --layers none "$SAMPLE" && jget 'docs[0]' "{'id': '$SAMPLE', 'bytes': 3900, 'counts': {'example_stats': 1}}" && ok
run layers-unknown 2 -c "$CONF" --layers tokens "$SAMPLE" && has err "output layer 'tokens' is not produced" && ok

: >"$T/empty.txt"
printf '  \n\t\n' >"$T/space.txt"
run empty-and-space 0 -c "$CONF" "$T/empty.txt" "$T/space.txt" && json_ok && jget 'docs[0]["bytes"], docs[1]["bytes"]' "(0, 5)" &&
  jget 'docs[1]["example_stats"][0]["words"]' 0 && ok

run missing-file 1 -c "$CONF" "$SAMPLE" "$T/nope.txt" "$SAMPLE" && json_ok &&
  jget '[("error" in d) for d in docs]' "[False, True, False]" &&
  jget 'docs[1]["error"]' "{'stage': 'reader', 'message': 'cannot open: No such file or directory'}" &&
  has err "$T/nope.txt: [reader] cannot open: No such file or directory" && ok
run directory 1 -c "$CONF" "$T" && jget 'docs[0]["error"]["message"]' "is a directory (use -r to read the files in it)" && ok
cp "$SAMPLE" "$T/locked.txt" && chmod 000 "$T/locked.txt"
# Root reads any file, so as root (CI) the case runs as user nobody.
AS_USER=()
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  chmod 755 "$T"
  AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  # nobody must reach the build (a checkout under a private folder, such as mktemp -d, is not)
  if ! "${AS_USER[@]}" "$PIPE" -c "$CONF" --check >/dev/null 2>&1; then
    echo "skipped: unreadable (user nobody cannot run $PIPE -c $CONF: a parent folder is private)"
    skipped=$((skipped + 1))
    AS_USER=(skip)
  fi
fi
if [ "$(id -u)" -ne 0 ] || { [ ${#AS_USER[@]} -gt 0 ] && [ "${AS_USER[0]}" != skip ]; }; then
  case_name=unreadable
  "${AS_USER[@]}" "$PIPE" -c "$CONF" "$T/locked.txt" >"$T/out" 2>"$T/err"
  [ $? -eq 1 ] && jget 'docs[0]["error"]["message"]' "cannot open: Permission denied" && ok || fail "see above"
fi

gzip -c "$SAMPLE" >"$T/a.txt.gz"
run gzip 0 -c "$CONF" "$T/a.txt.gz" && jget 'docs[0]["bytes"]' 3900 && ok
head -c 500 "$T/a.txt.gz" >"$T/trunc.gz"
run truncated-gz 1 -c "$CONF" "$T/trunc.gz" && has err "read error: unexpected end of file" && json_ok && ok

printf '\xef\xbb\xbfHello world' >"$T/bom.txt"
run bom 0 -c "$CONF" "$T/bom.txt" && jget 'docs[0]["bytes"]' 11 && ok
printf '\xff\xfeH\x00i\x00' >"$T/utf16.txt"
run utf16 1 -c "$CONF" "$T/utf16.txt" && has err "text is UTF-16 (byte-order mark FF FE found)" && ok

printf 'stages = ( { plugin = "example"; } );\nmax_document_bytes = 100;\n' >"$T/small.conf"
run too-big 1 -c "$T/small.conf" "$SAMPLE" && has err "larger than max_document_bytes (100 bytes)" && ok

printf 'stages = (\n  { plugin = "example"; \n);\n' >"$T/syntax.conf"
run conf-syntax 2 -c "$T/syntax.conf" "$SAMPLE" && has err "$T/syntax.conf:3: syntax error" && empty out && ok
printf 'stages = ( { plugin = "example"; options = { words_per_minute = 2.5; }; } );\n' >"$T/type.conf"
run conf-type 2 -c "$T/type.conf" "$SAMPLE" && has err "$T/type.conf:1: option 'words_per_minute' of stage 'example' must be an int, not a float" && ok
printf 'stages = ( { plugin = "example"; } );\nouptut = {};\n' >"$T/key.conf"
run conf-unknown-key 2 -c "$T/key.conf" "$SAMPLE" && has err "$T/key.conf:2: unknown key 'ouptut'" && ok
printf 'stages = (\n { plugin = "nosuch"; } );\n' >"$T/missing.conf"
run conf-missing-plugin 2 -c "$T/missing.conf" "$SAMPLE" && has err "$T/missing.conf:2: stage 'nosuch': plugin 'nosuch' not found" && ok
run conf-missing-file 2 -c "$T/nope.conf" "$SAMPLE" && has err "$T/nope.conf: cannot open pipeline file" && ok

printf 'stages = ( { plugin = "bad_abi"; } );\n' >"$T/abi.conf"
run abi 2 -P "$FX" -c "$T/abi.conf" "$SAMPLE" && has err "plugin was built for pipe plugin ABI 99.0, this runner provides ABI 2.0" && ok
printf 'stages = ( { plugin = "failing_create"; } );\n' >"$T/create.conf"
run create-fails 2 -P "$FX" -c "$T/create.conf" "$SAMPLE" && has err "failed to start: model file is missing" && empty out && ok

printf 'stages = ( { plugin = "failing_process"; name = "fx"; } );\n' >"$T/fx.conf"
printf 'one FAIL here' >"$T/fail.txt"
printf 'SKIP me' >"$T/skip.txt"
printf 'a\x00\xff\xc0\xafz' >"$T/binary.txt"
run process-fails 1 -P "$FX" -c "$T/fx.conf" "$T/fail.txt" "$T/skip.txt" "$T/binary.txt" && json_ok &&
  jget 'len(docs)' 2 && jget 'docs[0]["error"]' "{'stage': 'fx', 'message': 'found FAIL at byte 4'}" &&
  jget 'docs[1]["fx_all"][0]["spantext"] == "a\x00\ufffd\ufffd"' True && has err "$T/fail.txt: [fx] found FAIL at byte 4" && ok
run check-catches-process 0 -P "$FX" -c "$T/fx.conf" --check && has out "fx_all 1" && ok

run output-file 0 -c "$CONF" -o "$T/result.json" "$SAMPLE" && empty out && [ -s "$T/result.json" ] &&
  [ -z "$(ls "$T" | grep 'result.json.tmp')" ] && ok || fail "output file missing or temp left"
mkfifo "$T/out.fifo"
cat "$T/out.fifo" >"$T/from-fifo" &
reader=$!
run output-fifo 0 -c "$CONF" -o "$T/out.fifo" "$SAMPLE" && wait $reader && [ -p "$T/out.fifo" ] &&
  grep -q '"bytes":3900' "$T/from-fifo" && ok || fail "a FIFO given to -o must be written in place, not replaced"
run output-is-dir 2 -c "$CONF" -o "$T" "$SAMPLE" && has err "is a directory" && ok
run output-bad-dir 2 -c "$CONF" -o "$T/no/such/dir/r.json" "$SAMPLE" && has err "cannot create output" && ok
if [ -w /dev/full ]; then
  "$PIPE" -c "$CONF" "$SAMPLE" >/dev/full 2>"$T/err"
  rc=$?
  case_name=dev-full; [ $rc -eq 3 ] && has err "standard output: cannot write output: No space left on device" && ok || fail "exit $rc"
fi
many=()
for _ in $(seq 1 3000); do many+=("$SAMPLE"); done
"$PIPE" -c "$CONF" "${many[@]}" 2>"$T/err" | head -1 >"$T/out"
case_name=closed-pipe; [ "$(wc -l <"$T/out")" -eq 1 ] && empty err && ok

run list-plugins 0 --list-plugins && has out "example" && has out "produces: example_stats" && has out "path: " && ok
run describe 0 --describe example && has out "words_per_minute" && has out "reading_minutes: f64" && ok
run describe-missing 2 --describe nosuch && has err "plugin 'nosuch' not found" && ok

# ---- corpora: JSON Lines, folders, workers, scale-out ----
python3 - "$T" <<'PY'
import json, sys, os
t = sys.argv[1]
with open(os.path.join(t, "corpus.jsonl"), "w") as f:
    for i in range(200):
        text = ("Article %d. " % i) + "The minister said the plan would work. " * (i % 7 + 1)
        f.write(json.dumps({"id": "doc-%03d" % i, "source": "wire", "meta": {"n": i}, "text": text}) + "\n")
with open(os.path.join(t, "bad.jsonl"), "w") as f:
    f.write(json.dumps({"id": "a", "text": "good one"}) + "\n")
    f.write("{not json\n")
    f.write("\n")
    f.write(json.dumps({"id": "c", "title": "no text"}) + "\n")
    f.write(json.dumps({"text": 42}) + "\n")
    f.write(json.dumps([1, 2]) + "\n")
    f.write(json.dumps({"id": 7, "text": "numeric id\u0000with NUL"}) + "\n")
os.makedirs(os.path.join(t, "tree", "b", "c"))
os.makedirs(os.path.join(t, "tree", ".hidden"))
for rel in ["z.txt", "a.txt", "b/c/deep.txt", "b/a.txt", ".hidden/x.txt", ".dot.txt"]:
    with open(os.path.join(t, "tree", rel), "w") as f:
        f.write("text of " + rel)
PY
run jsonl 0 -c "$CONF" "$T/corpus.jsonl" && json_ok && jget 'len(docs)' 200 &&
  jget 'list(docs[5].keys())' "['id', 'source', 'meta', 'bytes', 'example_stats']" && jget 'docs[5]["meta"]' "{'n': 5}" &&
  jget 'docs[199]["id"]' doc-199 && ok
gzip -c "$T/corpus.jsonl" >"$T/corpus.jsonl.gz"
run jsonl-gz 0 -c "$CONF" --layers none "$T/corpus.jsonl.gz" && jget 'len(docs)' 200 && ok
"$PIPE" -c "$CONF" -i jsonl --layers none - <"$T/corpus.jsonl" >"$T/out" 2>"$T/err"
case_name=jsonl-stdin; [ $? -eq 0 ] && jget 'len(docs)' 200 && ok
run jsonl-bad-lines 1 -c "$CONF" "$T/bad.jsonl" && json_ok && jget 'len(docs)' 6 &&
  jget '[d["id"] for d in docs]' "['a', '$T/bad.jsonl:2', '$T/bad.jsonl:4', '$T/bad.jsonl:5', '$T/bad.jsonl:6', 7]" &&
  jget 'docs[1]["error"]["message"].startswith("not valid JSON")' True &&
  jget 'docs[2]["error"]["message"]' 'object has no "text" member' &&
  jget 'docs[3]["error"]["message"]' '"text" is not a string' &&
  jget 'docs[4]["error"]["message"]' 'line is not a JSON object' && jget 'docs[5]["bytes"]' 19 && ok
# Found by fuzz_jsonl: a metadata member with invalid UTF-8 must not reach the output as raw bytes.
printf '{"id":"u","src":"a\x9db","text":"fine"}\n{"id":"v","text":"bad \xff byte in text"}\n' >"$T/utf8.jsonl"
run jsonl-invalid-utf8 1 -c "$CONF" "$T/utf8.jsonl" && json_ok && jget 'docs[0]["error"]["message"].startswith("not valid JSON")' True &&
  jget 'docs[1]["bytes"]' 18 && ok
run jsonl-forced-text 0 -c "$CONF" -i text "$T/bad.jsonl" && jget 'len(docs)' 1 && ok
run bad-input-format 2 -c "$CONF" -i xml "$T/bad.jsonl" && has err "-i 'xml': unknown input format" && ok
run recursive 0 -c "$CONF" -r "$T/tree" && jget '[d["id"][len(sys.argv[0]) and d["id"].index("tree"):] for d in docs]' \
  "['tree/a.txt', 'tree/b/a.txt', 'tree/b/c/deep.txt', 'tree/z.txt']" && ok
run jobs-order 0 -c "$CONF" -j 2 "$T/corpus.jsonl" && cp "$T/out" "$T/j2.out" &&
  "$PIPE" -c "$CONF" -j 1 "$T/corpus.jsonl" >"$T/j1.out" && cmp -s "$T/j1.out" "$T/j2.out" && ok || fail "-j 2 output differs from -j 1"
run archive-level-bad 2 -c "$CONF" --archive-level 12 "$SAMPLE" && has err "expected a zlib level from 0 to 9" && ok
run jobs-bad 2 -c "$CONF" -j 0 "$T/corpus.jsonl" && has err "-j 0: expected a number of workers from 1 to" && ok
run jobs-failures 1 -c "$CONF" -j 3 "$T/bad.jsonl" "$T/corpus.jsonl" "$T/nope.txt" && jget 'len(docs)' 207 &&
  jget 'sum("error" in d for d in docs)' 5 && ok
run progress-forced 0 -c "$CONF" --progress --layers none "$T/corpus.jsonl" && has err "200 docs" && has err "100%" && ok
run no-progress-on-pipe 0 -c "$CONF" --layers none "$T/corpus.jsonl" && empty err && ok
if command -v parallel >/dev/null; then
  parallel --will-cite --pipe -N 50 "$PIPE" -c "$CONF" -i jsonl - <"$T/corpus.jsonl" | sort >"$T/par.out"
  sort "$T/j1.out" >"$T/j1.sorted"
  case_name=gnu-parallel; [ "$(wc -l <"$T/par.out")" -eq 200 ] && cmp -s "$T/par.out" "$T/j1.sorted" && ok ||
    fail "GNU parallel in 4 chunks gave different records"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
