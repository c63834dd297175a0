# Shared settings for the project's scripts; sourced, not run.
# One cargo target directory, outside the clone, for every build and test: repeated runs on
# one machine are incremental, and a fresh clone reuses what an earlier clone built.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/evidence-chain/target}"
EVIDENCE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export EVIDENCE_ROOT
EVIDENCE_NODE="${EVIDENCE_NODE:-$CARGO_TARGET_DIR/release/evidence-node}"
export EVIDENCE_NODE
