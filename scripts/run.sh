#!/usr/bin/env bash
# Quick start: installs prerequisites, builds the release node and runs a single-node
# development chain (Alice validates; sudo) with a persistent database.
#
#   ./scripts/run.sh [extra evidence-node flags]
#
# Environment: EVIDENCE_BASE_PATH (default ~/.local/share/evidence-chain/dev), RPC_PORT (9944),
# P2P_PORT (30333: peer-to-peer over TCP; P2P_PORT + 1 over WebSocket on 127.0.0.1, for the
# light client of the passport page, web/passport).
# Start from scratch with: evidence-node purge-chain --dev --base-path "$EVIDENCE_BASE_PATH"
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

./scripts/setup.sh
# The whole workspace, as scripts/test.sh builds it: one set of release artefacts for both.
cargo build --release --locked --workspace

base_path="${EVIDENCE_BASE_PATH:-$HOME/.local/share/evidence-chain/dev}"
rpc_port="${RPC_PORT:-9944}"
p2p_port="${P2P_PORT:-30333}"
mkdir -p "$base_path"

cat <<INFO

  Evidence Chain dev node
  JSON-RPC (HTTP + WebSocket): ws://127.0.0.1:$rpc_port
  Polkadot.js Apps:            https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$rpc_port#/explorer
  Unit passport page:          after \`npm run demo\` in scripts/integrator, http://127.0.0.1:8000/
  Database (ParityDB):         $base_path
  Stop with Ctrl-C; the chain resumes where it stopped on the next run.

INFO
exec "$EVIDENCE_NODE" --dev --base-path "$base_path" --rpc-port "$rpc_port" \
	--listen-addr "/ip4/0.0.0.0/tcp/$p2p_port" --listen-addr "/ip4/127.0.0.1/tcp/$((p2p_port + 1))/ws" "$@"
