#!/usr/bin/env bash
# Installs what pipe needs to build and test on Debian 12 (run as root). The one list of packages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake pkg-config          # toolchain (gcc, g++ for the C++ test stage, nm)
  libltdl-dev libconfig-dev zlib1g-dev      # runner: plugin loading, pipeline files, gzip
  libdeflate-dev                            # archives: gzip members compressed at twice zlib's speed
  libjansson-dev                            # pipe-archive index; fuzz and unit tests compare the JSONL scan with it
  libcmocka-dev                             # unit tests
  libstemmer-dev                            # summarizer: Snowball stemmers
  libicu-dev unicode-data                   # tokenizer: benchmark baseline and conformance data
  python3 gzip valgrind clang parallel      # tests, evaluation, memory checks, fuzzing, scale-out
  time                                      # benchmarks
  groff-base man-db                         # man pages: checked with groff -ww and man --warnings
  clang-format                              # scripts/check-format: the C style of .clang-format
  python3-jsonschema                        # the output validated against docs/pipe-output.schema.json
  jq                                        # README's examples pipe the JSON through jq; test_readme runs them
  chromium                                  # the HTML report tested in a real browser (tests/html)
)
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (or with sudo)" >&2
  exit 2
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
