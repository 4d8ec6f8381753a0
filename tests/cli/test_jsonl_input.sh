#!/usr/bin/env bash
# End-to-end tests of reading input: JSON Lines framing and validity, exact metadata, output keys that
# cannot be spoofed, signals while a line is being read, -r and pipe's own temporary files, @include.
# usage: test_jsonl_input.sh PIPE_BINARY SOURCE_DIR
set -u
PIPE=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CONF=$T/stats.conf
printf 'stages = ( { plugin = "example"; name = "stats"; } );\n' >"$CONF"
passed=0 failed=0
fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }

# run NAME EXPECTED_RC ARGS...: stdout in $T/out, stderr in $T/err; a hang guard, never a time limit.
run() {
  case_name=$1 want=$2
  shift 2
  timeout 120 "$PIPE" "$@" >"$T/out" 2>"$T/err" </dev/null
  rc=$?
  [ "$rc" -eq "$want" ] || { fail "exit $rc, expected $want; stderr: $(head -c 300 "$T/err")"; return 1; }
}
has() { grep -qF -- "$2" "$T/$1" || { fail "$1 lacks '$2': $(head -c 400 "$T/$1")"; return 1; }; }
# py EXPR EXPECTED: EXPR over docs (the output records, parsed; duplicate keys are an error) prints EXPECTED.
py() {
  got=$(python3 -c 'import json, sys
def pairs(kv):
    keys = [k for k, _ in kv]
    if len(keys) != len(set(keys)):
        raise SystemExit("duplicate keys %r" % keys)
    return dict(kv)
docs = [json.loads(l, object_pairs_hook=pairs) for l in open(sys.argv[1], encoding="utf-8")]
print(eval(sys.argv[2]))' "$T/out" "$1" 2>&1)
  [ "$got" = "$2" ] || { fail "$1 = '$got', expected '$2'"; return 1; }
}

# ---- one JSON value per line ----
printf '{"id":"a","text":"x"}{"id":"b","text":"y"}\n{"id":"c","text":"z"}\n' >"$T/concat.jsonl"
run concatenated-objects 1 -c "$CONF" --layers none "$T/concat.jsonl" &&
  py '[d["id"] for d in docs]' "['$T/concat.jsonl:1', 'c']" &&
  py 'docs[0]["error"]["message"]' 'not valid JSON: more after the JSON value (only whitespace may follow it) at column 22' &&
  has err "$T/concat.jsonl:1: [reader] not valid JSON" && ok
printf '{"id":"a","text":"x"} garbage\n{"id":"b","text":"y"} \t \n' >"$T/garbage.jsonl"
run trailing-garbage 1 -c "$CONF" --layers none "$T/garbage.jsonl" &&
  py '[d["id"] for d in docs]' "['$T/garbage.jsonl:1', 'b']" && ok
# ---- CR, LF and CRLF end lines ----
printf '{"id":"a","text":"one"}\r{"id":"b","text":"two"}\r{"id":"c","text":"three"}\r' >"$T/cr.jsonl"
run cr-only-lines 0 -c "$CONF" --layers none "$T/cr.jsonl" && py '[(d["id"], d["bytes"]) for d in docs]' \
  "[('a', 3), ('b', 3), ('c', 5)]" && ok
printf '{"id":"a","text":"one"}\r\n{"id":"b","text":"two"}\r{"id":"c","text":"three"}\n{bad\r\n\r\n{"text":"t"}' >"$T/mixed.jsonl"
run mixed-line-ends 1 -c "$CONF" --layers none "$T/mixed.jsonl" &&
  py '[d["id"] for d in docs]' "['a', 'b', 'c', '$T/mixed.jsonl:4', '$T/mixed.jsonl:6']" && ok
# A CRLF split by the reader's 256 KiB chunks is still one line end: the next line is line 2.
python3 -c 'import sys
head = "{\"id\":\"a\",\"text\":\""
sys.stdout.write(head + "x" * (262143 - len(head) - 2) + "\"}\r\n{bad\n")' >"$T/split.jsonl"
run crlf-across-chunks 1 -c "$CONF" --layers none "$T/split.jsonl" &&
  py '[d["id"] for d in docs]' "['a', '$T/split.jsonl:2']" && ok
# Lines of 1 MiB or more gathered across chunks are handed to their documents without a copy;
# the next long line must grow a buffer of its own (two in a row, a short one, then another).
python3 -c 'import sys
for i, n in (("a", 1500000), ("b", 1200000), ("c", 5), ("d", 2100000)):
    sys.stdout.write("{\"id\":\"%s\",\"text\":\"%s\"}\n" % (i, (i * n)))' >"$T/long.jsonl"
run long-lines 0 -c "$CONF" --layers none "$T/long.jsonl" &&
  py '[(d["id"], d["bytes"]) for d in docs]' "[('a', 1500000), ('b', 1200000), ('c', 5), ('d', 2100000)]" && ok

# ---- a raw control character is invalid JSON, never a cut text ----
printf '{"id":"a","text":"abc\000def"}\n{"id":"b","src":"x\000y","text":"abc"}\n{"id":"c","text":"tab\there"}\n{"id":"d","text":"abc\\u0000def"}\n' >"$T/nul.jsonl"
run raw-nul 1 -c "$CONF" --layers none "$T/nul.jsonl" &&
  py '[d.get("error", {}).get("message", d.get("bytes")) for d in docs]' \
    "['not valid JSON: raw control character 0x00 inside a string (JSON needs \\\\u0000) at column 22', 'not valid JSON: raw control character 0x00 inside a string (JSON needs \\\\u0000) at column 19', 'not valid JSON: raw control character 0x09 inside a string (JSON needs \\\\u0009) at column 22', 7]" && ok

# ---- numbers carried byte for byte ----
printf '{"id":18446744073709551616,"a":9223372036854775808,"b":-99999999999999999999999,"c":1e400,"d":1.0,"e":-0,"f":[1.50,2E+3],"text":"t"}\n' >"$T/num.jsonl"
run exact-numbers 0 -c "$CONF" --layers none "$T/num.jsonl" &&
  has out '{"id":18446744073709551616,"a":9223372036854775808,"b":-99999999999999999999999,"c":1e400,"d":1.0,"e":-0,"f":[1.50,2E+3],"bytes":1,' && ok

# ---- output keys: never duplicated, never spoofed ----
printf '{"id":"q","bytes":999,"error":{"stage":"x","message":"fake"},"example_stats":[],"counts":{},"input":0,"src":"w","text":"abc"}\n' >"$T/spoof.jsonl"
run spoofed-keys 0 -c "$CONF" "$T/spoof.jsonl" &&
  py '[list(docs[0]), docs[0]["bytes"], docs[0]["input"]]' \
    "[['id', 'src', 'input', 'bytes', 'example_stats'], 3, {'bytes': 999, 'error': {'stage': 'x', 'message': 'fake'}, 'example_stats': [], 'counts': {}, 'input': 0}]" &&
  ok
run spoofed-keys-counts 0 -c "$CONF" --layers none "$T/spoof.jsonl" && py 'list(docs[0])' "['id', 'src', 'input', 'bytes', 'counts']" && ok
printf '{"id":"a","k":1,"k":2,"text":"x"}\n{"id":42,"text":"x"}\n' >"$T/dup.jsonl"
python3 -c 'import json; print(json.dumps({"id": "i" * 5000, "text": "long id"}))' >>"$T/dup.jsonl"
run duplicates-and-ids 1 -c "$CONF" --layers none "$T/dup.jsonl" &&
  py 'docs[0]["error"]["message"]' 'member "k" appears twice (each name may appear once)' &&
  py '[type(docs[1]["id"]).__name__, len(docs[2]["id"])]' "['int', 5000]" && has out '{"id":42,"bytes":1,' && ok

# ---- archives index what the reader carries: integer ids, numbers jansson cannot hold ----
ARCHIVE=${PIPE%/*}/pipe-archive
printf '{"id":42,"text":"integer id"}\n{"id":"s","n":1e400,"big":18446744073709551616,"text":"big numbers"}\n{"id":"t","text":"plain"}\n' >"$T/arch.jsonl"
arch() { "$ARCHIVE" "$@" >"$T/out" 2>&1 || { fail "pipe-archive $1: exit $?: $(head -c 300 "$T/out")"; return 1; }; }
run archive-ids 0 -c "$CONF" --archive "$T/arch" "$T/arch.jsonl" && a=$(ls "$T"/arch/*.jsonl.gz) &&
  arch verify "$T/arch" && has out "ok, 3 documents" && arch get "$a" 42 && has out '{"id":42,"bytes":10,' &&
  arch get "$a" s && has out '"n":1e400,"big":18446744073709551616,' &&
  rm "$a.idx" && arch reindex "$a" && has out "3 documents indexed" && ok

# ---- a signal stops reading even inside a line that never ends; the line is never held whole ----
printf 'stages = ( { plugin = "example"; } );\nmax_document_bytes = 1000000;\n' >"$T/small.conf"
case_name=signal-mid-line
"$PIPE" -c "$T/small.conf" -i jsonl /dev/zero >"$T/out" 2>"$T/err" &
pid=$!
read_bytes() { awk '/^rchar/ {print $2}' "/proc/$pid/io" 2>/dev/null || echo 0; }
for _ in $(seq 600); do [ "$(read_bytes)" -gt 20000000 ] && break; sleep 0.1; done
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
kill -TERM "$pid"
for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  kill -KILL "$pid"
  wait "$pid"
  fail "still reading 60 s after SIGTERM"
else
  wait "$pid"
  rc=$?
  if [ "$rc" -ne 143 ]; then fail "exit $rc, expected 143"
  elif [ "${hwm:-999999}" -gt 60000 ]; then fail "peak RSS ${hwm} KB while skipping an endless line (limit 1 MB)"
  else ok; fi
fi
printf 'stages = ( { plugin = "example"; } );\nmax_document_bytes = 100000;\n' >"$T/small.conf"
python3 -c 'print("{\"text\":\"" + "x" * 300000 + "\"}"); print("{\"id\":\"next\",\"text\":\"fine\"}")' >"$T/long.jsonl"
run over-long-line 1 -c "$T/small.conf" --layers none "$T/long.jsonl" &&
  py '[d["id"] for d in docs]' "['$T/long.jsonl:1', 'next']" &&
  py 'docs[0]["error"]["message"]' 'line is longer than 165536 bytes (max_document_bytes + 64 KiB)' && ok

# The FILE:LINE id of such a line is whole however long the path is.
deep=$T/$(printf 'd%.0s' $(seq 200))/$(printf 'e%.0s' $(seq 200))/$(printf 'f%.0s' $(seq 200))/$(printf 'g%.0s' $(seq 200))/$(printf 'h%.0s' $(seq 200))
mkdir -p "$deep" && cp "$T/long.jsonl" "$deep/long.jsonl"
run over-long-line-long-path 1 -c "$T/small.conf" --layers none "$deep/long.jsonl" &&
  py '[d["id"] for d in docs]' "['$deep/long.jsonl:1', 'next']" && ok

# ---- -r never reads pipe's own temporary files ----
mkdir -p "$T/tree/arch"
echo "the one document" >"$T/tree/a.txt"
for f in out.jsonl.tmp.Ab12Cd arch/2026-11-28T101500Z-0001.jsonl.gz.tmp arch/2026-11-28T101500Z-0001.jsonl.gz.idx.tmp; do
  echo "half-written" >"$T/tree/$f"
done
run recursive-skips-temp-files 0 -c "$CONF" --layers none -r "$T/tree" && py '[d["id"] for d in docs]' "['$T/tree/a.txt']" && ok
rm -f "$T"/tree/*.tmp.* "$T"/tree/arch/*
run recursive-output-inside-tree 0 -c "$CONF" --layers none -r "$T/tree" -o "$T/tree/out.jsonl" &&
  case_name=recursive-output-inside-tree && cp "$T/tree/out.jsonl" "$T/out" && py '[d["id"] for d in docs]' "['$T/tree/a.txt']" && ok

# ---- an @include that cannot be opened is named ----
printf 'stages = ( { plugin = "example"; } );\n@include "parts/missing.conf"\n' >"$T/inc.conf"
run include-missing 2 -c "$T/inc.conf" "$T/tree/a.txt" &&
  has err "$T/inc.conf:2: cannot open included file 'parts/missing.conf' ($T/parts/missing.conf): No such file or directory" && ok

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
