#!/usr/bin/env bash
# Writes chain-specs/local.json (human-readable genesis) and chain-specs/local-raw.json (the
# raw storage nodes start from) from the runtime's `local` preset.
#
#   scripts/build-chain-specs.sh [OUT_DIR]      default OUT_DIR: chain-specs/
#
# Uses the release node ($EVIDENCE_NODE), building it first when it is missing.
set -euo pipefail
source "$(dirname "$0")/env.sh"
out="${1:-$EVIDENCE_ROOT/chain-specs}"
mkdir -p "$out"

if [ ! -x "$EVIDENCE_NODE" ]; then
	(cd "$EVIDENCE_ROOT" && cargo build --release --locked --workspace)
fi

"$EVIDENCE_NODE" export-chain-spec --chain local --output "$out/local.json" 2>/dev/null
"$EVIDENCE_NODE" export-chain-spec --chain local --raw --output "$out/local-raw.json" 2>/dev/null
echo "wrote $out/local.json and $out/local-raw.json"
