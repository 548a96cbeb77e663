#!/usr/bin/env bash
# Install everything the test suite needs and run it.
#   system: Debian's chromium (browser tests), raptor2-utils (rapper), virtuoso-opensource
#   (a real SPARQL store for push tests), a Java runtime (HermiT); python: .venv with [test].
# Extra arguments go to pytest (e.g. bash scripts/test.sh -k claims).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rapper >/dev/null || need+=(raptor2-utils)
command -v virtuoso-t >/dev/null || need+=(virtuoso-opensource)
command -v java >/dev/null || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
