#!/usr/bin/env bash
# Installs what pipe needs to build and test on Debian 12 (run as root). The one list of packages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake pkg-config          # toolchain
  libltdl-dev libconfig-dev zlib1g-dev      # runner: plugin loading, pipeline files, gzip
  libcjson-dev libjansson-dev               # runner: JSON Lines input (fast path, exact path)
  libcmocka-dev                             # unit tests
  libstemmer-dev                            # summarizer: Snowball stemmers
  libicu-dev unicode-data                   # tokenizer: benchmark baseline and conformance data
  python3 gzip valgrind clang parallel      # tests, evaluation, memory checks, fuzzing, scale-out
  help2man time                             # pipe(1) from pipe --help; benchmarks
  chromium                                  # the HTML report tested in a real browser (tests/html)
)
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (or with sudo)" >&2
  exit 2
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
