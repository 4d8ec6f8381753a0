#!/usr/bin/env bash
# End-to-end tests of issue 18, "the everyday user's pipe": defaults, -v, messages that point at the
# right place, Ctrl-C with -o, progress, the text report, pipe-archive on folders, --version.
# Each case asserts the exact behaviour and message.
# usage: test_everyday.sh PIPE PIPE_ARCHIVE SOURCE_DIR
set -u
PIPE=$(realpath "$1") ARCHIVE=$(realpath "$2") SRC=$(realpath "$3")
SAMPLE=$SRC/samples/huawei-no-spy.txt
T=$(mktemp -d)
export T
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/cli_lib.sh"
unset PIPE_PLUGIN_PATH
CONF=$T/stats.conf
printf 'stages = ( { plugin = "example"; name = "stats"; } );\n' >"$CONF"

# ---- 7: pipe-archive on the archive folder, --json, --version, --help ----
printf '{"id":"a","text":"First a."}\n{"id":"b","text":"Only b."}\n' >"$T/r1.jsonl"
printf '{"id":"a","text":"Second a, longer."}\n' >"$T/r2.jsonl"
"$PIPE" -c "$CONF" --archive "$T/A" "$T/r1.jsonl" >/dev/null && "$PIPE" -c "$CONF" --archive "$T/A" "$T/r2.jsonl" >/dev/null
old=$(ls "$T/A" | grep -v idx | sort | head -1) new=$(ls "$T/A" | grep -v idx | sort | tail -1)
check '[ "$old" != "$new" ]' "two runs should write two archives: $(ls "$T/A")" && ok
# Each run wrote one gzip member, the whole file: its length depends on the deflate library, not on pipe.
lnew=$(stat -c %s "$T/A/$new") lold=$(stat -c %s "$T/A/$old")
run archive-ls-dir 0 "$ARCHIVE" ls "$T/A" &&
  same out "$(printf '%s\t0\t%s\ta\n%s\t0\t%s\ta\n%s\t0\t%s\tb' "$T/A/$new" "$lnew" "$T/A/$old" "$lold" "$T/A/$old" "$lold")" && empty err && ok
run archive-ls-json 0 "$ARCHIVE" --json ls "$T/A" &&
  py '[(d["file"][-len("'"$new"'"):] == "'"$new"'", d["offset"], d["length"], d["id"]) for d in docs][0]' "(True, 0, $lnew, 'a')" &&
  py 'len(docs)' 3 && ok
run archive-ls-file-json 0 "$ARCHIVE" --json ls "$T/A/$old" &&
  py 'docs' "[{'file': '$T/A/$old', 'offset': 0, 'length': $lold, 'id': 'a'}, {'file': '$T/A/$old', 'offset': 0, 'length': $lold, 'id': 'b'}]" && ok
run archive-get-dir-newest 0 "$ARCHIVE" get "$T/A" a && py '[(d["id"], d["bytes"]) for d in docs]' "[('a', 17)]" &&
  same err "pipe-archive: 'a' found in $T/A/$new" && ok
run archive-get-dir-older 0 "$ARCHIVE" get "$T/A" b && py '[(d["id"], d["bytes"]) for d in docs]' "[('b', 7)]" &&
  same err "pipe-archive: 'b' found in $T/A/$old" && ok
run archive-get-dir-missing 1 "$ARCHIVE" get "$T/A" zz && empty out &&
  same err "pipe-archive: $T/A: no document with id 'zz' in its 2 archives" && ok
mkdir "$T/noarch"
run archive-ls-empty-dir 2 "$ARCHIVE" ls "$T/noarch" && empty out &&
  same err "pipe-archive: $T/noarch: no archives (*.jsonl.gz) in this folder" && ok
run archive-version 0 "$ARCHIVE" --version && has out "pipe-archive 0.1.0 (plugin ABI 2.0)" &&
  matches out '^zlib: built with [0-9.]+, runs [0-9.]+ \(libz\.so\.[0-9.]+\)$' && ok
run archive-help 0 "$ARCHIVE" --help && has out "usage: pipe-archive [OPTION] ls FILE.jsonl.gz|DIR" && has out "--json" && ok
run archive-bad-option 2 "$ARCHIVE" --bogus ls "$T/A" && same err "pipe-archive: unknown option '--bogus' (see pipe-archive --help)" && ok

# ---- --describe NAME --format json: options and layer schemas that the output meets ----
case_name=describe-json
"$PIPE" --layers all "$SAMPLE" >"$T/all.json" 2>"$T/err" &&
  "$PIPE" -c "$CONF" --layers all "$SAMPLE" >"$T/stats.json" 2>>"$T/err" || fail "runs failed: $(cat "$T/err")"
for stage in example tokenizer sentences quotes summarizer; do
  "$PIPE" --describe "$stage" --format json >"$T/d-$stage.json" 2>"$T/err" || fail "--describe $stage --format json: $(cat "$T/err")"
done
python3 - "$T" "$SRC/docs/pipe-output.schema.json" >"$T/out" 2>&1 <<'PY'
import json, sys, jsonschema
t, doc_schema = sys.argv[1], json.load(open(sys.argv[2]))
run = {"example": "stats.json"}
builtin = doc_schema["$defs"]["result"]["properties"]
for stage in ["example", "tokenizer", "sentences", "quotes", "summarizer"]:
    d = json.load(open("%s/d-%s.json" % (t, stage)))
    assert d["name"] == stage and d["file"].endswith("/%s.so" % stage) and d["abi"]["major"] == 2, d
    for o in d["options"]:
        assert {"name", "type", "default", "help", "required"} <= set(o) <= {"name", "type", "default", "help", "required", "min", "max", "choices"}, o
        assert o["type"] in ("bool", "int", "double", "string", "string list"), o
    assert sorted(d["layers"]) == sorted(d["produces"]), (stage, sorted(d["layers"]), d["produces"])
    out = json.load(open("%s/%s" % (t, run.get(stage, "all.json"))))
    for name, schema in d["layers"].items():
        jsonschema.Draft202012Validator.check_schema(schema)
        records = out[name]
        assert records, (stage, name)
        for r in records:
            jsonschema.validate(r, schema, cls=jsonschema.Draft202012Validator)
        if name in builtin:  # the same fields as the hand-written output schema
            ref = builtin[name]["items"]["$ref"].split("/")[-1]
            want = set(doc_schema["$defs"][ref]["properties"])
            assert set(schema["properties"]) == want, (name, set(schema["properties"]) ^ want)
            # The stage's schema is exact (every field is always written); the hand-written one may be looser.
            assert set(schema["required"]) >= set(doc_schema["$defs"][ref]["required"]), name
print("ok")
PY
[ "$(cat "$T/out")" = ok ] && ok || fail "$(tail -5 "$T/out")"
run describe-bad-format 2 "$PIPE" --describe example -f xml && same err "pipe: error: -f 'xml': --describe writes text (the default) or json" && ok

# ---- 12: --version names pipe, the ABI and the libraries as loaded ----
run version 0 "$PIPE" --version && has out "pipe 0.1.0 (plugin ABI 2.0)" &&
  matches out '^libconfig: built with [0-9]+\.[0-9]+\.[0-9]+, runs libconfig\.so\.[0-9.]+$' &&
  matches out '^zlib: built with [0-9.]+, runs [0-9.]+ \(libz\.so\.[0-9.]+\)$' &&
  matches out '^libltdl: runs libltdl\.so\.[0-9.]+$' && [ "$(wc -l <"$T/out")" -eq 4 ] && ok

# ---- 1: defaults: the installed pipeline, -c NAME, standard input, JSON Lines on standard input ----
run default-pipeline 0 "$PIPE" -v "$SAMPLE" && has err "pipe: info: pipeline $SRC/conf/pipeline.conf: 4 stages" &&
  py 'sorted(k for k in docs[0] if k not in ("id", "bytes"))' "['quotes', 'sentences', 'summary']" && ok
run named-pipeline 0 "$PIPE" -v -c quotes "$SAMPLE" && has err "pipe: info: pipeline $SRC/conf/quotes.conf: 3 stages" && ok
run named-pipeline-missing 2 "$PIPE" -c nosuch "$SAMPLE" &&
  same err "pipe: error: -c nosuch: no such file here, and no installed pipeline nosuch.conf (looked in $SRC/conf, $(dirname "$PIPE")/../share/pipe)" &&
  empty out && ok
# A file in the working folder is used before an installed pipeline of the same name.
mkdir "$T/here" && cp "$CONF" "$T/here/quotes"
cd "$T/here" && run local-file-first 0 "$PIPE" -v -c quotes "$SAMPLE" && has err "pipe: info: pipeline quotes: 1 stage" && ok
cd "$T"
STDIN=$SAMPLE run stdin-implicit 0 "$PIPE" -c "$CONF" && py '[(d["id"], d["bytes"]) for d in docs]' "[('-', 3900)]" && ok
printf '\n {"id":"a","text":"One."}\n{"id":"b","text":"Two words."}\n' >"$T/in.jsonl"
STDIN=$T/in.jsonl run stdin-jsonl 0 "$PIPE" -c "$CONF" --layers none && py '[(d["id"], d["bytes"]) for d in docs]' "[('a', 4), ('b', 10)]" && ok
gzip -c "$T/in.jsonl" >"$T/in.jsonl.gz"
STDIN=$T/in.jsonl.gz run stdin-jsonl-gz 0 "$PIPE" -c "$CONF" --layers none - && py '[d["id"] for d in docs]' "['a', 'b']" && ok
STDIN=$T/in.jsonl run stdin-forced-text 0 "$PIPE" -c "$CONF" -i text --layers none - && py '[(d["id"], d["bytes"]) for d in docs]' "[('-', 58)]" && ok
printf '{braces in a text} are not JSON\nsecond line\n' >"$T/brace.txt"
STDIN=$T/brace.txt run stdin-brace-text 0 "$PIPE" -c "$CONF" --layers none && py '[(d["id"], d["bytes"]) for d in docs]' "[('-', 44)]" && ok
# On a terminal with no files there is nothing to read: say so rather than wait.
case_name=no-input-terminal
python3 -c 'import os, subprocess, sys
master, slave = os.openpty()
sys.exit(subprocess.run(sys.argv[1:], stdin=slave, stdout=open(os.environ["T"] + "/out", "w"),
                        stderr=open(os.environ["T"] + "/err", "w"), timeout=120).returncode)' "$PIPE" -c "$CONF"
rc=$?
[ $rc -eq 2 ] && same err "pipe: error: no input files (give files, - for standard input, or pipe text in)" && empty out && ok ||
  { [ $rc -eq 2 ] || fail "exit $rc, expected 2"; }

# ---- 3: messages point at the right place ----
run layers-flag 2 "$PIPE" -c "$CONF" --layers tokn "$SAMPLE" &&
  same err "pipe: error: --layers: output layer 'tokn' is not produced by any stage of this pipeline (produced: example_stats)" && ok
printf 'stages = ( { plugin = "example"; name = "stats"; } );\noutput = { layers = ["tokn"]; };\n' >"$T/layers.conf"
run layers-file 2 "$PIPE" -c "$T/layers.conf" "$SAMPLE" &&
  same err "pipe: error: $T/layers.conf: output layer 'tokn' is not produced by any stage of this pipeline (produced: example_stats)" && ok
run set-out-of-range 2 "$PIPE" --set summarizer.min_words=5000 "$SAMPLE" &&
  same err "pipe: error: --set 'summarizer.min_words=5000': stage 'summarizer': option 'min_words' is 5000, above its maximum 1000" &&
  empty out && ok
run set-bool 2 "$PIPE" --set sentences.paragraphs=yes "$SAMPLE" &&
  same err "pipe: error: --set 'sentences.paragraphs=yes': stage 'sentences': option 'paragraphs' wants true or false, not 'yes'" && ok
printf 'stages = ( { plugin = "sentences"; options = { paragraphs = 1; }; } );\n' >"$T/bool.conf"
run conf-bool 2 "$PIPE" -c "$T/bool.conf" "$SAMPLE" &&
  same err "pipe: error: $T/bool.conf:1: option 'paragraphs' of stage 'sentences' must be true or false, not an int" && ok
run method-values 2 "$PIPE" --set summarizer.method=best "$SAMPLE" &&
  has err 'option '"'"'method'"'"' is "best", not one of: default, learned, mmr, lead, textrank, lexrank' && ok
: >"$T/empty.conf"
run conf-empty 2 "$PIPE" -c "$T/empty.conf" "$SAMPLE" &&
  same err "pipe: error: $T/empty.conf: no 'stages' list: a pipeline needs at least one stage" && ok

# ---- 2: -v names the plugin files and ends with the run's figures ----
run verbose 1 "$PIPE" -v -c "$CONF" "$SAMPLE" "$T/nope.txt" &&
  has err "pipe: info: pipeline $CONF: 1 stage" &&
  matches err "^pipe: info: stage 'stats': plugin example [0-9.]+ from /.*/example\.so$" &&
  matches err '^pipe: info: 2 documents, 1 error, 0\.00 MB of text in [0-9]+\.[0-9]{2} s \([0-9]+\.[0-9]{2} MB/s\)$' && ok
run not-verbose 0 "$PIPE" -c "$CONF" "$SAMPLE" && empty err && ok

# ---- 5: progress counts text bytes, not compressed ones ----
python3 -c 'import sys; sys.stdout.write("The minister said the plan would work. " * 51282)' | gzip -9 >"$T/big.txt.gz"
run progress-text-bytes 0 "$PIPE" -c "$CONF" --progress --layers none "$T/big.txt.gz" &&
  check '[ "$(stat -c %s "$T/big.txt.gz")" -lt 100000 ]' "the test file should compress well" &&
  matches err $'^\rpipe: 1 docs  2\.0 MB  [0-9.]+ MB/s  100%  ETA 0s' && ok

# ---- 6: -f text reads like a report: summary, quotes grouped by speaker, then counts ----
run text-report 0 "$PIPE" -f text "$SAMPLE" && has out "== $SAMPLE (3900 bytes) ==" &&
  check '[ "$(grep -n "" "$T/out" | grep -E "^[0-9]+:(Summary|Who said what|Counts: )" | cut -d: -f2 | tr "\n" /)" = "Summary/Who said what/Counts/" ]' \
    "sections out of order: $(grep -E '^[A-Z]' "$T/out" | tr '\n' /)" &&
  matches out '^  Liang Hua \(person, [0-9]+ mentions\): [0-9]+ quotes$' && matches out "^    - \[said\] 'back door'$" &&
  matches out '^  \([0-9]+ scare or term quotes not shown\)$' &&
  matches out '^Counts: sentences [0-9]+, quotes [0-9]+, summary 3$' &&
  check '! grep -qE "\[[0-9]+-[0-9]+\)" "$T/out"' "byte ranges in the report: $(grep -E '\[[0-9]+-[0-9]+\)' "$T/out" | head -2)" && ok
run text-counts-only 0 "$PIPE" -c "$CONF" -f text "$SAMPLE" && same out "$(printf '== %s (3900 bytes) ==\nCounts: example_stats 1' "$SAMPLE")" && ok
# The groups: the most quoted speaker first, ties by the first quote, the unattributed last (though
# first in the text), each group's quotes in document order.
printf '%s\n\n' 'Markets fell on Monday after a day of talks.' '"Nothing is certain."' \
  '"We will not sell," Anna Berg said. "Prices are too low," Berg added.' \
  '"The deal is dead," Carl Dunn said. "Nobody wants it," Dunn said.' \
  '"It was a long day," Erik Falk said. "We tried everything," Falk said. "Talks end now," Falk said.' \
  'Traders called it a "dead cat bounce" and went home.' >"$T/order.txt"
run text-report-order 0 "$PIPE" -f text "$T/order.txt" && sed -n '/^Who said what$/,/^Counts/p' "$T/out" >"$T/who" &&
  same who 'Who said what
  Erik Falk (person, 3 mentions): 3 quotes
    - [said] "It was a long day,"
    - [said] "We tried everything,"
    - [said] "Talks end now,"
  Anna Berg (person, 2 mentions): 2 quotes
    - [said] "We will not sell,"
    - [added] "Prices are too low,"
  Carl Dunn (person, 2 mentions): 2 quotes
    - [said] "The deal is dead,"
    - [said] "Nobody wants it,"
  Traders (organisation, 1 mention): 1 quote
    - [called] "dead cat bounce"
  (unknown speaker): 1 quote
    - "Nothing is certain."
Counts: sentences 10, quotes 9, summary 3' && ok
# 40,000 quotes by 4,000 speakers: the report compared every quote with every other for every group
# size (minutes; the hang guard of run() stops it), now one sort.
awk 'BEGIN { for (i = 0; i < 40000; i++) { s = i % 4000; n = ""
  for (k = s; ; k = int(k / 26)) { n = n sprintf("%c", 97 + k % 26); if (k < 26) break }
  printf "\"We will act on item %d,\" Tom Ka%s said.\n\n", i, n } }' >"$T/many.txt"
run text-report-many-quotes 0 "$PIPE" -f text "$T/many.txt" &&
  check '[ "$(grep -c ": 10 quotes$" "$T/out")" = 4000 ]' "expected 4000 speakers of 10 quotes: $(grep -c quotes "$T/out")" &&
  matches out '^  Tom Kaa \(person, 10 mentions\): 10 quotes$' && has out '    - [said] "We will act on item 39999,"' && ok

# ---- 4: Ctrl-C with -o leaves FILE.partial, never a short FILE ----
# A FIFO as the third input holds the run: opening it for writing returns once pipe has read the two
# files before it and waits on the FIFO, so the SIGINT always comes at the same point.
mkdir "$T/int" && printf 'one two\n' >"$T/int/a.txt" && printf 'three\n' >"$T/int/b.txt" && mkfifo "$T/int/hold"
printf 'from an earlier run\n' >"$T/int/out.jsonl"
# (No timeout(1) around it: it would pass the SIGINT on to its whole group, a second signal to pipe.)
( cd "$T/int" && exec "$PIPE" -c "$CONF" -o out.jsonl a.txt b.txt hold 2>err ) &
pid=$!
exec 3>"$T/int/hold"
kill -INT $pid
wait $pid
rc=$?
exec 3>&-
case_name=sigint-output
if [ $rc -ne 130 ]; then fail "exit $rc, expected 130: $(cat "$T/int/err")"
else
  cp "$T/int/out.jsonl.partial" "$T/out" 2>/dev/null; cp "$T/int/err" "$T/err"
  same err "pipe: warning: stopped by SIGINT: the 2 documents finished are in out.jsonl.partial; out.jsonl is untouched" &&
    py '[d["id"] for d in docs]' "['a.txt', 'b.txt']" &&
    check '[ "$(cat "$T/int/out.jsonl")" = "from an earlier run" ] && [ -z "$(ls "$T/int" | grep tmp)" ]' \
      "out.jsonl changed or a temporary file left: $(ls "$T/int")" && ok
fi

finish
