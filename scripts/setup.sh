#!/usr/bin/env bash
# Create .venv and install bordergraph with its dependencies (idempotent: skipped when
# pyproject.toml has not changed since the last install).  Usage: bash scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
stamp=".venv/.bordergraph-installed${extras:+-test}"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q -U pip                # pip >= 24 installs lxml's html-clean extra
.venv/bin/python -m pip install -q -e ".${extras}"
echo "$want" > "$stamp"
