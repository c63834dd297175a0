#!/usr/bin/env bash
# Writes the chain spec of a real consortium network from a members file, and prints what each
# member runs.
#
#   scripts/new-consortium.sh MEMBERS.toml [OUT_DIR]      default OUT_DIR: ./consortium-spec
#
# MEMBERS.toml (see scripts/consortium/members.example.toml) names the chain and, per member
# organisation, its roles, admin and operator accounts, and its validators: each validator's
# account and session keys, which the member generated on its own machine (`evidence-node key
# generate`, or `author_rotateKeys` on a node started with the --keystore-path its validator will
# use), and optionally its bootnode address. Only public keys go in the file.
#
# Writes OUT_DIR/<id>.json (the readable genesis) and OUT_DIR/<id>-raw.json (what every node
# starts from: give all members this one file). The genesis has no sudo key and no development
# key; every key is parsed by the node binary, and what is refused is listed in
# scripts/consortium/new_consortium.py. Uses the release node ($EVIDENCE_NODE),
# building it first when it is missing.
set -euo pipefail
source "$(dirname "$0")/env.sh"

members="${1:?usage: scripts/new-consortium.sh MEMBERS.toml [OUT_DIR]}"
out="${2:-consortium-spec}"
[ -f "$members" ] || { echo "new-consortium: no members file $members" >&2; exit 2; }
if [ ! -x "$EVIDENCE_NODE" ]; then
	(cd "$EVIDENCE_ROOT" && cargo build --release --locked --workspace)
fi
work="$(mktemp -d -t evidence-consortium.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The runtime's `local` spec gives the code, the protocols and profiles, and the rule set.
"$EVIDENCE_NODE" export-chain-spec --chain local --output "$work/local.json" >/dev/null 2>&1
python3 "$EVIDENCE_ROOT/scripts/consortium/new_consortium.py" "$EVIDENCE_NODE" "$members" \
	"$work/local.json" "$work/plain.json"
id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/plain.json")"
# Building the raw spec runs the runtime's genesis: it refuses what the pallets refuse. Both
# files are written only when it succeeds.
if ! "$EVIDENCE_NODE" export-chain-spec --chain "$work/plain.json" --raw --output "$work/raw.json" >"$work/raw.log" 2>&1; then
	echo "new-consortium: the runtime refused this genesis:" >&2
	grep -v '^Exported' "$work/raw.log" >&2
	exit 1
fi
mkdir -p "$out"
mv "$work/plain.json" "$out/$id.json"
mv "$work/raw.json" "$out/$id-raw.json"
spec="$out/$id-raw.json"
cat <<EOT
wrote $out/$id.json and $spec

Each member reviews $out/$id.json, copies $spec to its machines and, on each validator (the
paths are examples; keep them in step with the README's "Operating a member's node"):
  1. its node key, once (its peer id is the one in the validator's bootnode address):
       (umask 077; evidence-node key generate-node-key --file /etc/evidence/node.key)
  2. its session keys in the keystore the validator will use: either insert the keys it
     generated (each command asks for the secret phrase; never put it on a command line)
       evidence-node key insert --keystore-path /var/lib/evidence/keystore --key-type aura --scheme sr25519
       evidence-node key insert --keystore-path /var/lib/evidence/keystore --key-type gran --scheme ed25519
     or, if it made them with author_rotateKeys, it made them on a node started with this same
     --keystore-path, and they are there already;
  3. the validator (its RPC stays on localhost):
       evidence-node --validator --chain $id-raw.json --base-path /var/lib/evidence \
         --keystore-path /var/lib/evidence/keystore --node-key-file /etc/evidence/node.key \
         --name "<organisation> validator" --port 30333 --prometheus-external
and, for integrators, a node without --validator, with --rpc-external --rpc-methods safe
--rpc-cors <origins>. See the README's "Operating a member's node" for ports, metrics and
backups.
EOT
