#!/usr/bin/env bash
# Writes the chain spec of a real consortium network from a members file, and prints what each
# member runs.
#
#   scripts/new-consortium.sh MEMBERS.toml [OUT_DIR]      default OUT_DIR: ./consortium-spec
#
# MEMBERS.toml (see scripts/consortium/members.example.toml) names the chain and, per member
# organisation, its roles, admin and operator accounts, and its validators: each validator's
# account and session keys, which the member generated on its own machine (`evidence-node key
# generate`, or `author_rotateKeys` on its validator node), and optionally its bootnode address.
# Only public keys go in the file.
#
# Writes OUT_DIR/<id>.json (the readable genesis) and OUT_DIR/<id>-raw.json (what every node
# starts from: give all members this one file). The genesis has no sudo key and no development
# key; every key is checked by the node binary. Uses the release node ($EVIDENCE_NODE),
# building it first when it is missing.
set -euo pipefail
source "$(dirname "$0")/env.sh"

members="${1:?usage: scripts/new-consortium.sh MEMBERS.toml [OUT_DIR]}"
out="${2:-consortium-spec}"
[ -f "$members" ] || { echo "new-consortium: no members file $members" >&2; exit 2; }
if [ ! -x "$EVIDENCE_NODE" ]; then
	(cd "$EVIDENCE_ROOT" && cargo build --release --locked --workspace)
fi
mkdir -p "$out"
work="$(mktemp -d -t evidence-consortium.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The runtime's `local` spec gives the code, the protocols and profiles, and the rule set.
"$EVIDENCE_NODE" export-chain-spec --chain local --output "$work/local.json" >/dev/null 2>&1
python3 "$EVIDENCE_ROOT/scripts/consortium/new_consortium.py" "$EVIDENCE_NODE" "$members" \
	"$work/local.json" "$work/plain.json"
id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/plain.json")"
cp "$work/plain.json" "$out/$id.json"
# Building the raw spec runs the runtime's genesis: it refuses what the pallets refuse.
if ! "$EVIDENCE_NODE" export-chain-spec --chain "$out/$id.json" --raw --output "$out/$id-raw.json" >"$work/raw.log" 2>&1; then
	echo "new-consortium: the runtime refused this genesis:" >&2
	cat "$work/raw.log" >&2
	exit 1
fi
spec="$out/$id-raw.json"
cat <<EOT
wrote $out/$id.json and $spec

Each member copies $spec to its machines and, on each validator, with the keys it generated:
  1. insert the session keys (skip when they came from author_rotateKeys on this node):
       evidence-node key insert --chain $id-raw.json --base-path /var/lib/evidence \\
         --key-type aura --scheme sr25519 --suri "<the Aura key's secret phrase>"
       evidence-node key insert --chain $id-raw.json --base-path /var/lib/evidence \\
         --key-type gran --scheme ed25519 --suri "<the GRANDPA key's secret phrase>"
  2. run the validator (its node key fixes the peer id of its bootnode address):
       evidence-node --chain $id-raw.json --base-path /var/lib/evidence --validator \\
         --name "<organisation> validator" --node-key-file /var/lib/evidence/node-key \\
         --port 30333 --rpc-port 9944 --rpc-methods safe
and, for integrators, a node without --validator, with --rpc-external --rpc-cors <origins>.
See the README's "Operating a member's node" for ports, metrics and backups.
EOT
