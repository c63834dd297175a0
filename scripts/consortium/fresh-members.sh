#!/usr/bin/env bash
# A rehearsal of a consortium launch on one machine: plays the members, each generating its
# own keys with `evidence-node key`, and writes the members file scripts/new-consortium.sh
# reads. Used by the zombienet test `new-consortium`.
#
#   scripts/consortium/fresh-members.sh OUT_DIR
#
# Writes, under OUT_DIR (mode 700: it holds secrets):
#   members.toml          the public keys, as the members would send them
#   keystore-<n>/         validator n's keystore with its Aura and GRANDPA keys (n = 1, 2, 3)
#   secrets.json          every secret phrase, by organisation and role, and the validators'
#                         public session keys (aura_public, grandpa_public), for the test only
#   node-key-<n>          validator n's node key (its peer id is in its bootnode address)
# Three organisations run one validator each (a platform, an inspection agency, a carrier); a
# fourth (an arbitrator) runs none.
set -euo pipefail
source "$(dirname "$0")/../env.sh"
out="${1:?usage: fresh-members.sh OUT_DIR}"
mkdir -p "$out"
chmod 700 "$out"
umask 077

# generate SCHEME: one fresh key as JSON (secretPhrase, publicKey, ss58Address).
generate() { "$EVIDENCE_NODE" key generate --scheme "$1" --output-type json 2>/dev/null; }
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

orgs=("Rehearsal Platform|Platform,Merchant" "Rehearsal Inspection Agency|InspectionAgency"
	"Rehearsal Carrier|Carrier" "Rehearsal Arbitration|Arbitrator")
{
	echo 'name = "Evidence Chain Rehearsal"'
	echo 'id = "evidence_rehearsal"'
	echo 'min_validators = 2'
} >"$out/members.toml"
rm -f "$out/secrets.tsv"
for i in "${!orgs[@]}"; do
	n=$((i + 1))
	name="${orgs[$i]%%|*}"
	roles="$(sed 's/\([^,]*\)/"\1"/g' <<<"${orgs[$i]##*|}")"
	admin="$(generate sr25519)"
	operator="$(generate sr25519)"
	{
		echo
		echo '[[organisation]]'
		echo "name = \"$name\""
		echo "roles = [$roles]"
		echo "admin = \"$(field "$admin" ss58Address)\""
		echo "operators = [\"$(field "$operator" ss58Address)\"]"
	} >>"$out/members.toml"
	printf '%s\t%s\t%s\n' "$name" admin "$(field "$admin" secretPhrase)" \
		"$name" operator "$(field "$operator" secretPhrase)" >>"$out/secrets.tsv"
	if [ "$n" -le 3 ]; then
		account="$(generate sr25519)"
		aura="$(generate sr25519)"
		grandpa="$(generate ed25519)"
		peer="$("$EVIDENCE_NODE" key generate-node-key --file "$out/node-key-$n" 2>&1 >/dev/null | tail -n1)"
		"$EVIDENCE_NODE" key insert --keystore-path "$out/keystore-$n" --key-type aura \
			--scheme sr25519 --suri "$(field "$aura" secretPhrase)"
		"$EVIDENCE_NODE" key insert --keystore-path "$out/keystore-$n" --key-type gran \
			--scheme ed25519 --suri "$(field "$grandpa" secretPhrase)"
		{
			echo '[[organisation.validator]]'
			echo "account = \"$(field "$account" ss58Address)\""
			echo "aura = \"$(field "$aura" publicKey)\""
			echo "grandpa = \"$(field "$grandpa" ss58Address)\""
			echo "bootnode = \"/ip4/127.0.0.1/tcp/$((30332 + n))/p2p/$peer\""
		} >>"$out/members.toml"
		printf '%s\t%s\t%s\n' "$name" validator "$(field "$account" secretPhrase)" \
			"$name" aura_public "$(field "$aura" publicKey)" \
			"$name" grandpa_public "$(field "$grandpa" publicKey)" >>"$out/secrets.tsv"
	fi
done
python3 -c '
import json, sys
secrets = {}
for line in open(sys.argv[1]):
    org, role, phrase = line.rstrip("\n").split("\t")
    secrets.setdefault(org, {})[role] = phrase
json.dump(secrets, open(sys.argv[2], "w"), indent=2)
' "$out/secrets.tsv" "$out/secrets.json"
rm "$out/secrets.tsv"
echo "wrote $out/members.toml, $out/secrets.json and 3 validator keystores"
