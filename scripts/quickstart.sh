#!/usr/bin/env bash
# Install bordergraph and build the graph of the bundled articles into .bordergraph/store.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/bordergraph build data/articles --store .bordergraph/store
