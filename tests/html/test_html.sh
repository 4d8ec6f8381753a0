#!/usr/bin/env bash
# The HTML report, end to end and in a real browser (headless Chromium): the marks sit where the JSON
# output says, a hostile document stays inert text, the page's own style and script pass its CSP, the
# screenshot is not blank, and a 10,000-document report opens.
# usage: test_html.sh PIPE_BINARY SOURCE_DIR FIXTURE_DIR (tests/core's plugins, one fails on "FAIL")
# Exits 77 (ctest: skipped) after the checks that need no browser when chromium is not installed.
set -u
export PYTHONDONTWRITEBYTECODE=1 # the checkers import checks.py: leave no __pycache__ in the source tree
PIPE=$1 SRC=$2 FX=$3
HERE=$SRC/tests/html
CONF=$SRC/conf/pipeline.conf
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0

fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }

# report NAME INPUT: the HTML and JSON reports of one input, in $T/NAME.html and $T/NAME.json.
report() {
  case_name=$1
  if ! "$PIPE" -c "$CONF" -f html "$2" -o "$T/$1.html" 2>"$T/$1.err" ||
    ! "$PIPE" -c "$CONF" -f json --layers all "$2" -o "$T/$1.json" 2>>"$T/$1.err"; then
    fail "pipe failed: $(head -c 300 "$T/$1.err")"
    return 1
  fi
  ok
}

report article "$SRC/samples/huawei-no-spy.txt"
report hostile "$HERE/hostile.txt"

# Without a browser: the page is self-contained and nothing of the hostile document is markup.
case_name=self-contained
for f in "$T/article.html" "$T/hostile.html"; do
  if grep -qiE '<[a-z]+ [^>]*(src|href)="(https?:|//|javascript:)|@import|url\(' "$f"; then fail "$f refers outside itself"; else ok; fi
  if [ "$(grep -o '<script' "$f" | wc -l)" -eq 1 ] && [ "$(grep -o '<style' "$f" | wc -l)" -eq 1 ]; then ok
  else fail "$f: more than the report's own <script> and <style>"; fi
  if grep -q "Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-" "$f" &&
    ! grep -q "unsafe-inline" "$f"; then ok; else fail "$f: no strict CSP"; fi
done
case_name=escaped
if grep -qE '<img|<[a-z]+ [^>]* on[a-z]+=|</style><script>|<a href="javascript' "$T/hostile.html"; then
  fail "document text reached the page as markup: $(grep -oE '.{40}(<img|<[a-z]+ [^>]* on[a-z]+=).{40}' "$T/hostile.html" | head -2)"
else ok; fi
if grep -q '&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;' "$T/hostile.html" &&
  grep -q 'Bad bytes �� here, �(' "$T/hostile.html"; then ok
else fail "hostile text or invalid UTF-8 not shown as text"; fi

# Ids and input fields of a JSON Lines corpus are escaped too.
case_name=escaped-metadata
printf '%s\n' '{"id":"\"><script>alert(1)</script>","text":"Plain text.","title":"</pre><img src=x onerror=alert(2)>"}' \
  >"$T/meta.jsonl"
if "$PIPE" -c "$CONF" -f html "$T/meta.jsonl" -o "$T/meta.html" 2>"$T/meta.err"; then
  if [ "$(grep -o '<script' "$T/meta.html" | wc -l)" -eq 1 ] && ! grep -q '<img' "$T/meta.html" &&
    grep -q '<h2>"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h2>' "$T/meta.html" &&
    grep -q '<p class="title">&lt;/pre&gt;&lt;img src=x onerror=alert(2)&gt;</p>' "$T/meta.html" &&
    grep -q '<pre class="extra">{"title":"&lt;/pre&gt;&lt;img src=x onerror=alert(2)&gt;"}</pre>' "$T/meta.html"; then ok
  else fail "id or input field not escaped: $(grep -o '<h2>[^/]*' "$T/meta.html" | head -1)"; fi
else
  fail "pipe failed: $(head -c 300 "$T/meta.err")"
fi

# A document a stage fails on: its line says so, the run goes on, the page is whole, the exit code is 1.
case_name=failed-document
printf 'stages = ( { plugin = "failing_process"; } );\n' >"$T/fail.conf"
printf 'fine\n' >"$T/good.txt"
printf 'it will FAIL <b>here</b>\n' >"$T/bad.txt"
"$PIPE" -P "$FX" -c "$T/fail.conf" -f html "$T/good.txt" "$T/bad.txt" -o "$T/fail.html" 2>"$T/fail.err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q '<details class="doc failed" id="d-' "$T/fail.html" &&
  grep -q 'Stage failing_process failed: found FAIL at byte 8</p>' "$T/fail.html" &&
  grep -q '<footer><p>2 documents, 1 failed.' "$T/fail.html" && tail -1 "$T/fail.html" | grep -q '</html>'; then ok
else fail "exit $rc; $(grep -o '<details class="doc[^>]*>' "$T/fail.html" | head -2)"; fi

# Every colour pair of the style sheet meets WCAG AA (4.5:1).
case_name=contrast
if python3 "$HERE/contrast.py" "$T/article.html" >"$T/contrast.out"; then ok
else fail "$(grep -E 'below|only' "$T/contrast.out")"; fi

# A plugin's own layer (the example stage's "example_stats") appears in the generic section, from its schema alone.
case_name=custom-layer
cat >"$T/custom.conf" <<'EOF'
stages = (
  { plugin = "tokenizer"; options = { mode = "news"; }; },
  { plugin = "sentences"; },
  { plugin = "quotes"; },
  { plugin = "example"; name = "stats"; }
);
output = { format = "html"; layers = ["quotes", "example_stats"]; };
EOF
# output.format = "html" chooses the writer as -f html does.
if "$PIPE" -c "$T/custom.conf" "$HERE/hostile.txt" -o "$T/custom.html" 2>"$T/custom.err"; then
  if head -1 "$T/custom.html" | grep -qx '<!DOCTYPE html>'; then ok; else fail "output.format = html wrote no page"; fi
  if grep -q '<details class="layer"><summary>example_stats: 1 record' "$T/custom.html" &&
    grep -q '<mark class="g" title="chars=341; words=' "$T/custom.html" &&
    grep -q '<td>0&ndash;341</td><td>chars=341; words=' "$T/custom.html"; then ok
  else fail "no example_stats section with its span and fields"; fi
  if ! grep -q '<h3>Summary</h3>' "$T/custom.html"; then ok; else fail "a summary section without a summary layer"; fi
else
  fail "pipe failed: $(head -c 300 "$T/custom.err")"
fi

# A corpus: 10,000 documents of our own making, each with a quote, in one report.
case_name=corpus-10000
python3 - "$T/corpus.jsonl" <<'EOF'
import json, sys
names = ["Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Quinn", "Eli Novak"]
with open(sys.argv[1], "w") as f:
    for i in range(10000):
        who = names[i % len(names)]
        text = ("Port %d reopens after storm\n\nThe harbour at site %d reopened on Tuesday after repairs, "
                "officials said. \"We expect ships to return within days,\" %s said. Traffic fell %d%% last "
                "month, the agency said in a statement.\n" % (i, i, who, i % 90 + 1))
        f.write(json.dumps({"id": "doc-%05d" % i, "text": text}) + "\n")
EOF
if "$PIPE" -c "$CONF" -f html -j 2 "$T/corpus.jsonl" -o "$T/corpus.html" 2>"$T/corpus.err"; then
  size=$(stat -c %s "$T/corpus.html")
  docs=$(grep -c '<details class="doc" id="d-doc-' "$T/corpus.html")
  echo "corpus-10000: $size bytes, $docs documents"
  # Each document is about 300 bytes of text; its whole page share must stay a few KB.
  if [ "$docs" -eq 10000 ] && [ "$size" -lt 60000000 ] && [ "$size" -gt 10000000 ]; then ok
  else fail "$docs documents in $size bytes"; fi
  if grep -q '<footer><p>10000 documents.' "$T/corpus.html"; then ok; else fail "no footer with the count"; fi
else
  fail "pipe failed: $(head -c 300 "$T/corpus.err")"
fi

if ! command -v chromium >/dev/null; then
  echo "skipped: the browser checks (chromium is not installed; scripts/install-deps.sh installs it)"
  echo "$passed passed, $failed failed, 1 skipped"
  [ "$failed" -eq 0 ] && exit 77
  exit 1
fi

# browser NAME ARGS...: headless Chromium on $T/NAME.html, console on $T/NAME.log.
browser() {
  local name=$1
  shift
  timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$T/profile.XXXX")" --enable-logging=stderr --v=0 "$@" \
    "file://$T/$name.html" 2>"$T/$name.log"
}

for name in article hostile; do
  case_name=$name-dom
  if browser "$name" --dump-dom >"$T/$name.dom" && [ -s "$T/$name.dom" ]; then
    input=$SRC/samples/huawei-no-spy.txt
    [ "$name" = hostile ] && input=$HERE/hostile.txt
    if python3 "$HERE/check_dom.py" "$T/$name.dom" "$T/$name.json" "$input" >"$T/$name.check"; then ok
    else fail "$(grep FAIL "$T/$name.check" | head -5)"; fi
  else
    fail "chromium could not dump the DOM: $(tail -3 "$T/$name.log")"
  fi
  case_name=$name-csp
  if grep -q "Content Security Policy" "$T/$name.log"; then fail "$(grep "Content Security Policy" "$T/$name.log" | head -2)"
  else ok; fi
  case_name=$name-screenshot
  if browser "$name" --screenshot="$T/$name.png" --window-size=1200,1600 >/dev/null && [ -s "$T/$name.png" ]; then
    # Background, summary highlight and the first speaker's tint must all be on the picture.
    if python3 "$HERE/png_colours.py" "$T/$name.png" '#ffffff' '#fde68a' '#dbeafe' >"$T/$name.colours"; then ok
    else fail "$(tr '\n' ' ' <"$T/$name.colours")"; fi
  else
    fail "no screenshot: $(tail -3 "$T/$name.log")"
  fi
done

# As a person would: press a speaker (filter), Tab to a quote (its tip shows), press again.
case_name=interact
if timeout 300 python3 "$HERE/interact.py" "$T/article.html" "$(mktemp -d "$T/profile.XXXX")" >"$T/interact.out" 2>&1
then ok
else fail "$(grep -E 'FAIL|failed|Error' "$T/interact.out" | head -5)"; fi

# The check above would see a CSP violation: a page whose script hash is wrong must log one.
case_name=csp-control
sed "s/script-src 'sha256-/script-src 'sha256-X/" "$T/article.html" >"$T/control.html"
browser control --dump-dom >/dev/null
if grep -q "violates the following Content Security Policy" "$T/control.log"; then ok
else fail "a blocked script logged no CSP violation: the csp checks prove nothing"; fi

case_name=corpus-opens
if [ -s "$T/corpus.html" ] && browser corpus --dump-dom >"$T/corpus.dom"; then
  if grep -q 'id="d-doc-09999"' "$T/corpus.dom" && grep -q '10000 documents' "$T/corpus.dom"; then ok
  else fail "the dumped DOM lacks the last document or the footer"; fi
else
  fail "chromium could not open the 10,000-document report: $(tail -3 "$T/corpus.log")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
