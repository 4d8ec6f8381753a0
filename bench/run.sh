#!/usr/bin/env bash
# Corpus benchmark: each stage cumulatively and the full pipeline over the news corpus repeated to
# at least 200 MB, at -j1 and -j2, beside `wc -w` on the same bytes as a floor; then peak RSS of
# the full pipeline on a 1 GB corpus. Prints a Markdown table (README's benchmark table).
#   bench/run.sh [CORPUS.jsonl.gz] [TARGET_MB] [BIG_MB]
#   defaults: ../shared/samples/reuters21578.jsonl.gz 200 1024; PIPE_BUILD_DIR (default build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
target_mb=${2:-200}
big_mb=${3:-1024}
build=${PIPE_BUILD_DIR:-$root/build}
pipe=$build/pipe
tmp=${TMPDIR:-/tmp}/pipe-bench
mkdir -p "$tmp"
[ -x "$pipe" ] || { echo "no $pipe: build first" >&2; exit 1; }

# Repeat the corpus (with fresh ids) until it holds TARGET_MB of text; keep the text alone for wc.
make_corpus() { # MB OUT.jsonl OUT.txt
  python3 - "$corpus" "$1" "$2" "$3" <<'PY'
import gzip, json, sys
src, mb, out_jsonl, out_txt = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
opener = gzip.open if src.endswith(".gz") else open
with opener(src, "rt", encoding="utf-8") as f:
    docs = [json.loads(l) for l in f if l.strip()]
text_bytes, rep = 0, 0
with open(out_jsonl, "w", encoding="utf-8") as j, open(out_txt, "w", encoding="utf-8") as t:
    while text_bytes < mb * 1_000_000:
        for d in docs:
            j.write(json.dumps({"id": "%s/%d" % (d.get("id", ""), rep), "text": d["text"]}) + "\n")
            t.write(d["text"] + "\n")
            text_bytes += len(d["text"].encode("utf-8"))
        rep += 1
print(text_bytes, rep * len(docs))
PY
}

read -r bytes docs < <(make_corpus "$target_mb" "$tmp/corpus.jsonl" "$tmp/corpus.txt")
mb=$(python3 -c "print($bytes/1e6)")

# measure LABEL CMD...: wall time and peak RSS from GNU time.
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { echo "$label failed: $(tail -3 "$tmp/err")" >&2; return 1; }
  read -r secs rss <"$tmp/time"
  python3 -c "
s=max($secs,0.001); print('| %s | %.1f | %.0f | %.0f | %.1f |' % ('$label', $mb/s, $docs/s, $rss/1024, s))"
}

echo "corpus: $corpus x repeated: $docs documents, $mb MB of text ($(nproc) cores, $(uname -m))"
echo
echo "| run | MB/s | docs/s | peak RSS MB | seconds |"
echo "|---|---|---|---|---|"
measure "wc -w (floor)" wc -w "$tmp/corpus.txt"
for conf in tokenize sentences quotes pipeline; do
  [ -f "$root/conf/$conf.conf" ] || continue
  for j in 1 2; do
    measure "$conf.conf -j$j --layers none" "$pipe" -c "$root/conf/$conf.conf" -j "$j" -q --layers none "$tmp/corpus.jsonl"
  done
done
# --isolate against threads: the same work in worker processes, one document per round trip.
for j in 1 2; do
  measure "pipeline.conf -j$j --isolate --layers none" "$pipe" -c "$root/conf/pipeline.conf" -j "$j" -q --isolate \
    --layers none "$tmp/corpus.jsonl"
done
for j in 1 2; do
  measure "pipeline.conf -j$j (JSON written)" "$pipe" -c "$root/conf/pipeline.conf" -j "$j" -q "$tmp/corpus.jsonl"
done
for level in 6 1; do
  for j in 1 2; do
    rm -rf "$tmp/archive"
    measure "pipeline.conf -j$j + --archive level $level" "$pipe" -c "$root/conf/pipeline.conf" -j "$j" -q \
      --archive "$tmp/archive" --archive-level "$level" "$tmp/corpus.jsonl"
  done
done
rm -rf "$tmp/archive"
"$pipe" -c "$root/conf/pipeline.conf" -q --archive "$tmp/archive" "$tmp/corpus.jsonl" >/dev/null
"$pipe" -c "$root/conf/pipeline.conf" -q "$tmp/corpus.jsonl" >"$tmp/out.jsonl"
out_mb=$(python3 -c "import os; print(os.path.getsize('$tmp/out.jsonl')/1e6)")
arc_mb=$(python3 -c "import glob,os; print(sum(os.path.getsize(p) for p in glob.glob('$tmp/archive/*.jsonl.gz'))/1e6)")
gzip -6 -c "$tmp/out.jsonl" >"$tmp/out.jsonl.gz"
gz_mb=$(python3 -c "import os; print(os.path.getsize('$tmp/out.jsonl.gz')/1e6)")
echo
python3 -c "print('archive: %.1f MB of JSON -> %.1f MB (ratio %.2f); gzip -6 on the same JSONL: %.1f MB (archive is %+.1f%%)' % ($out_mb, $arc_mb, $out_mb/$arc_mb, $gz_mb, 100*($arc_mb/$gz_mb-1)))"
rm -rf "$tmp/archive" "$tmp/out.jsonl" "$tmp/out.jsonl.gz"

if [ "$big_mb" -gt 0 ]; then
  read -r bbytes bdocs < <(make_corpus "$big_mb" "$tmp/big.jsonl" "$tmp/big.txt")
  jsonl_mb=$(python3 -c "import os; print(round(os.path.getsize('$tmp/big.jsonl')/1e6))")
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$pipe" -c "$root/conf/pipeline.conf" -j 2 -q "$tmp/big.jsonl" >/dev/null
  read -r secs rss <"$tmp/time"
  echo "bounded memory: full pipeline -j2 over $jsonl_mb MB of JSONL ($bdocs documents): peak RSS $((rss / 1024)) MB in ${secs}s"
  rm -f "$tmp/big.jsonl" "$tmp/big.txt"
fi
rm -f "$tmp/corpus.jsonl" "$tmp/corpus.txt" "$tmp/time" "$tmp/err"
