#!/usr/bin/env bash
# Every object pipe writes is valid against docs/pipe-output.schema.json: the reference article
# through conf/pipeline.conf and every other pipeline, all layers, text on and off, pretty, counts,
# error records and carried-through metadata, the inputs of the golden test cases (quotes and
# sentences), an archive, and a 500-document slice of Reuters (read in place; its absence is a
# failure, not a skip). The schema must also reject wrong records, so it cannot pass vacuously.
# usage: test_schema.sh PIPE SOURCE_DIR [REUTERS.jsonl.gz]
set -u
PIPE=$(realpath "$1") SRC=$(realpath "$2")
REUTERS=${3:-$SRC/../shared/samples/reuters21578.jsonl.gz}
SCHEMA=$SRC/docs/pipe-output.schema.json
VALIDATE=$SRC/scripts/validate-output
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
unset PIPE_PLUGIN_PATH
cd "$SRC" || exit 1

if ! python3 -c 'import jsonschema; jsonschema.Draft202012Validator' 2>/dev/null; then
  echo "FAIL: python3 has no jsonschema with draft 2020-12 (bash scripts/install-deps.sh installs python3-jsonschema)"
  exit 1
fi

# valid NAME FILE MIN: every object of FILE is valid, and there are at least MIN of them.
valid() {
  python3 "$VALIDATE" "$SCHEMA" "$2" >"$T/v.out" 2>"$T/v.err"
  local rc=$? n
  n=$(sed -n 's/.*: \([0-9]*\) objects valid, 0 invalid$/\1/p' "$T/v.err")
  if [ $rc -eq 0 ] && [ "${n:-0}" -ge "$3" ]; then passed=$((passed + 1)); else
    fail "$1: exit $rc, ${n:-?} valid objects (want >= $3): $(head -c 600 "$T/v.out") $(head -c 300 "$T/v.err")"
  fi
}
# invalid NAME JSON WHAT: the schema rejects the object, with WHAT in the message.
invalid() {
  printf '%s\n' "$2" >"$T/bad.jsonl"
  python3 "$VALIDATE" "$SCHEMA" "$T/bad.jsonl" >"$T/v.out" 2>"$T/v.err"
  if [ $? -eq 1 ] && grep -qF -- "$3" "$T/v.out"; then passed=$((passed + 1)); else
    fail "$1: not rejected with '$3': $(cat "$T/v.out" "$T/v.err" | head -c 400)"
  fi
}
# run NAME WANT_RC ARGS...: pipe's output to $T/NAME.out, expecting exit WANT_RC.
run() {
  local name=$1 want=$2
  shift 2
  "$PIPE" "$@" >"$T/$name.out" 2>"$T/$name.err"
  local rc=$?
  [ $rc -eq "$want" ] || fail "$name: pipe exited $rc, expected $want: $(head -c 300 "$T/$name.err")"
}

python3 -c 'import json, jsonschema, sys; jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))' \
  "$SCHEMA" 2>"$T/meta.err" && passed=$((passed + 1)) || fail "the schema is not a valid draft 2020-12 schema: $(tail -3 "$T/meta.err")"

SAMPLE=samples/huawei-no-spy.txt
run sample 0 -c conf/pipeline.conf "$SAMPLE"
valid sample "$T/sample.out" 1
grep -q '"quotes":\[{' "$T/sample.out" && grep -q '"summary":\[{' "$T/sample.out" && passed=$((passed + 1)) ||
  fail "the sample's output has no quotes or no summary to validate"
run all-pretty 0 -c conf/pipeline.conf --layers all --pretty "$SAMPLE" "$SAMPLE"
valid all-layers-pretty "$T/all-pretty.out" 2
for conf in conf/*.conf; do
  n=$(basename "$conf" .conf)
  run "conf-$n" 0 -c "$conf" --layers all "$SAMPLE"
  valid "conf-$n" "$T/conf-$n.out" 1
done
run counts 0 -c conf/pipeline.conf --layers none "$SAMPLE" "$SAMPLE"
valid counts "$T/counts.out" 2
for text in true false; do
  printf 'stages = ( { plugin = "tokenizer"; }, { plugin = "sentences"; }, { plugin = "quotes"; }, { plugin = "summarizer"; } );\noutput = { text = %s; };\n' $text >"$T/text-$text.conf"
  run "text-$text" 0 -c "$T/text-$text.conf" "$SAMPLE"
  valid "output.text=$text" "$T/text-$text.out" 1
done
grep -q '"tokens":\[{"start":0,"end":6,"text":"Huawei"' "$T/text-true.out" && ! grep -q '"text":' "$T/text-false.out" &&
  passed=$((passed + 1)) || fail "output.text = true/false did not add/remove text (nothing to validate)"

# Error records and carried-through metadata, from JSON Lines and from files.
{
  printf '{"id":"meta","text":"He said \\"we will win,\\" and left.","source":"wire","tags":["a","b"],"n":9007199254740993,"nested":{"x":[1,{"y":null}]}}\n'
  printf '{"id":42,"text":"An integer id."}\n'
  printf '{"text":"No id: the id is FILE:LINE."}\n'
  printf 'not json\n[1,2]\n{"id":"no text"}\n{"id":"bad text","text":7}\n'
  printf '{"id":"empty","text":""}\n'
  printf '{"id":"bytes","text":"caf\\u00e9 \\u0000 \\ud83d\\ude00 \\"x\\""}\n'
} >"$T/mixed.jsonl"
run mixed 1 -c conf/pipeline.conf --layers all "$T/mixed.jsonl" "$T/no-such-file.txt" "$SRC/samples"
valid "errors-and-metadata" "$T/mixed.out" 11
[ "$(grep -c '"error":{"stage":"reader"' "$T/mixed.out")" -eq 6 ] && grep -q '"source":"wire","tags":\["a","b"\]' "$T/mixed.out" &&
  passed=$((passed + 1)) || fail "expected 6 reader error records and the carried metadata: $(head -c 800 "$T/mixed.out")"
printf '\xff\xfeH\x00i\x00\n' >"$T/utf16.txt"
printf 'bad \xc3\x28 bytes \xff and a "quote \xe2\x80" here.\n' >"$T/invalid-utf8.txt"
printf 'cut' | gzip >"$T/trunc.gz" && head -c 12 "$T/trunc.gz" >"$T/trunc2.gz"
run reader-errors 1 -c conf/pipeline.conf --layers all "$T/utf16.txt" "$T/invalid-utf8.txt" "$T/trunc2.gz"
valid reader-errors "$T/reader-errors.out" 3

# The golden test cases' inputs, as one corpus each.
python3 - "$SRC/tests/quotes/cases.txt" "$SRC/tests/sentences/cases.txt" "$T/cases.jsonl" <<'PY'
import json, sys
docs = []
def flush(lines, tag):
    if lines:
        docs.append({"id": f"{tag}:{len(docs)}", "text": "\n".join(lines)})
lines = []
for raw in open(sys.argv[1], encoding="utf-8"):   # quotes: a case is its "> " lines
    raw = raw.rstrip("\n")
    if raw.startswith(">"):
        lines.append(raw[2:] if raw.startswith("> ") else "")
    else:
        flush(lines, "quotes"); lines = []
flush(lines, "quotes")
esc = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
for raw in open(sys.argv[2], encoding="utf-8"):   # sentences: "> input" with escapes
    if raw.startswith("> "):
        s, out, k = raw[2:].rstrip("\n"), [], 0
        while k < len(s):
            if s[k] == "\\" and k + 1 < len(s) and s[k + 1] in esc:
                out.append(esc[s[k + 1]]); k += 2
            else:
                out.append(s[k]); k += 1
        docs.append({"id": f"sentences:{len(docs)}", "text": "".join(out)})
with open(sys.argv[3], "w", encoding="utf-8") as f:
    for d in docs:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
ncases=$(wc -l <"$T/cases.jsonl")
[ "$ncases" -ge 300 ] && passed=$((passed + 1)) || fail "only $ncases golden cases extracted"
run cases 0 -c conf/pipeline.conf --layers all "$T/cases.jsonl"
valid golden-cases "$T/cases.out" "$ncases"

# Reuters: 500 documents through the default pipeline, also through an archive.
if [ ! -f "$REUTERS" ]; then
  fail "the Reuters corpus is missing: $REUTERS (the shared samples folder must be there; give another path as the third argument)"
else
  { gzip -dc "$REUTERS" | head -n 500; } >"$T/reuters.jsonl"
  [ "$(wc -l <"$T/reuters.jsonl")" -eq 500 ] && passed=$((passed + 1)) || fail "could not read 500 documents from $REUTERS"
  run reuters 0 -c conf/pipeline.conf --archive "$T/archive" "$T/reuters.jsonl"
  valid reuters "$T/reuters.out" 500
  valid reuters-archive "$(ls "$T"/archive/*.jsonl.gz | head -1)" 500
  grep -q '"quotes":\[{' "$T/reuters.out" && passed=$((passed + 1)) || fail "no quote in 500 Reuters documents"
fi

# What the schema allows ahead of the who-said-what work: kind partial, speaker_kind, speakers.
printf '%s\n' '{"id":"ahead","bytes":40,"quotes":[{"start":10,"end":20,"text":"\"reckless\"","kind":"partial","speaker":"Jane Roe","cue":"called","content":[11,19],"speaker_span":[0,8],"level":0,"speaker_kind":"person"}],"speakers":[{"start":0,"end":8,"name":"Jane Roe","kind":"person","quotes":1,"n_mentions":2,"mentions":"0-8 30-33"}]}' >"$T/ahead.jsonl"
valid partial-speaker_kind-speakers "$T/ahead.jsonl" 1

# And what it must reject.
Q='"start":0,"end":5,"text":"x","speaker":null,"cue":null,"content":[1,4],"speaker_span":null,"level":0'
invalid quote-kind "{\"id\":\"a\",\"bytes\":9,\"quotes\":[{$Q,\"kind\":\"indirect\"}]}" "quotes/0/kind"
invalid speaker-kind "{\"id\":\"a\",\"bytes\":9,\"quotes\":[{$Q,\"kind\":\"direct\",\"speaker_kind\":\"animal\"}]}" "speaker_kind"
invalid quote-missing-speaker '{"id":"a","bytes":9,"quotes":[{"start":0,"end":5,"kind":"direct","cue":null,"content":null,"speaker_span":null,"level":0}]}' "'speaker' is a required property"
invalid token-kind '{"id":"a","bytes":9,"tokens":[{"start":0,"end":1,"kind":"letter"}]}' "tokens/0/kind"
invalid token-extra '{"id":"a","bytes":9,"tokens":[{"start":0,"end":1,"kind":"word","flags":[]}]}' "'flags' was unexpected"
invalid sentence-no-end '{"id":"a","bytes":9,"sentences":[{"start":0,"paragraph":0}]}' "'end' is a required property"
invalid summary-rank '{"id":"a","bytes":9,"summary":[{"start":0,"end":1,"sentence":0,"score":0.5,"rank":0}]}' "summary/0/rank"
invalid span-outside '{"id":"a","bytes":3,"sentences":[{"start":0,"end":9,"paragraph":0}]}' "not inside the text"
invalid speakers-mentions '{"id":"a","bytes":9,"speakers":[{"start":0,"end":1,"name":"X","kind":"person","quotes":1,"n_mentions":1,"mentions":"0-1,3"}]}' "speakers/0/mentions"
invalid error-no-message '{"id":"a","error":{"stage":"reader"}}' "'message' is a required property"
invalid no-id '{"bytes":3}' "is not valid under any of the given schemas"
invalid duplicate-key '{"id":"a","bytes":3,"tokens":[],"tokens":[]}' "appears twice"
invalid negative-offset '{"id":"a","bytes":3,"tokens":[{"start":-1,"end":1,"kind":"word"}]}' "tokens/0/start"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
