#!/usr/bin/env bash
# scripts/new-consortium.sh refuses members files that would launch an unsafe or broken network,
# saying where and why, and writes nothing then: a well-known development key, a secret where a
# public key belongs, a key of two organisations, a session key of two validators (in two
# organisations or in one), an organisation with more than a third of the validators, a
# misspelled table, an unknown role, more validators required than named, a rule-set field the
# runtime does not have or a zero window, a malformed bootnode, a path in the chain id, and what
# the runtime's genesis refuses (two organisations of one name). The fresh members file itself
# is accepted. (The launch from it: `scripts/zombienet.sh new-consortium`.)
set -euo pipefail
source "$(dirname "$0")/../env.sh"
dir="$(mktemp -d -t evidence-consortium-check.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
"$(dirname "$0")/fresh-members.sh" "$dir/keys" >/dev/null
good="$dir/keys/members.toml"

# refused NAME EXPECTED EDIT: the members file, edited by the Python statements EDIT (on its
# text `t`), is refused with a message containing EXPECTED, and no spec is written.
failures=0
refused() {
	local name="$1" expected="$2" edit="$3" out="$dir/$1"
	python3 -c "import re, sys
t = open(sys.argv[1]).read()
$edit
open(sys.argv[2], 'w').write(t)" "$good" "$dir/$name.toml"
	if "$EVIDENCE_ROOT/scripts/new-consortium.sh" "$dir/$name.toml" "$out" >"$dir/$name.log" 2>&1; then
		echo "check-refusals: $name was accepted" >&2
		failures=$((failures + 1))
	elif ! grep -qF -- "$expected" "$dir/$name.log" || ls "$out"/*.json >/dev/null 2>&1; then
		echo "check-refusals: $name: expected \"$expected\" and no spec, got:" >&2
		cat "$dir/$name.log" >&2
		failures=$((failures + 1))
	else
		echo "refused: $name: $(grep -F -- "$expected" "$dir/$name.log" | head -n1)"
	fi
}
# Fresh public keys for the edits (their secrets are dropped).
public() { "$EVIDENCE_NODE" key generate --scheme "$1" --output-type json 2>/dev/null |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["publicKey"])'; }
export ACCOUNT="$(public sr25519)" AURA="$(public sr25519)" GRANDPA="$(public ed25519)"
alice=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
first_org='i = t.index("[[organisation]]", t.index("[[organisation]]") + 1)'
# A second validator for the first organisation, inserted before the second one.
second_validator='t = t[:i] + "[[organisation.validator]]\naccount = \"%s\"\naura = %s\ngrandpa = \"%s\"\n\n" % (ACCOUNT, AURA, GRANDPA) + t[i:]'
refused development-admin "development key //Alice" "t = re.sub(r'(?m)^admin = .*', 'admin = \"$alice\"', t, count=1)"
refused secret-for-a-key "this is a secret, not a public key" "t = re.sub(r'(?m)^aura = .*', 'aura = \"//NotAPublicKey\"', t, count=1)"
refused shared-account "is a key of" "admins = re.findall(r'(?m)^admin = .*', t); t = t.replace(admins[1], admins[0])"
refused shared-session-key "is already the" "auras = re.findall(r'(?m)^aura = .*', t); t = t.replace(auras[1], auras[0])"
refused session-key-twice-in-one-organisation "is already the" "import os; ACCOUNT, GRANDPA = os.environ['ACCOUNT'], os.environ['GRANDPA']; AURA = re.search(r'(?m)^aura = (.*)', t).group(1); $first_org; $second_validator"
refused a-third-of-the-validators "more than a third" "import os; ACCOUNT, GRANDPA = os.environ['ACCOUNT'], os.environ['GRANDPA']; AURA = '\"' + os.environ['AURA'] + '\"'; $first_org; $second_validator"
refused misspelled-table "unknown field \`validators\`" "t = t.replace('[[organisation.validator]]', '[[organisation.validators]]', 1)"
refused unknown-role "roles must be distinct" "t = t.replace('\"Carrier\"', '\"Courier\"')"
refused too-few-validators "must be between 1 and the 3" "t = t.replace('min_validators = 2', 'min_validators = 4')"
refused unknown-rule "rule_set.challengeDays" "t += '\n[rule_set]\nchallengeDays = 3\n'"
refused zero-window "rule_set.engine.objection_window_ms: expected a positive integer" "t += '\n[rule_set.engine]\nobjection_window_ms = 0\n'"
refused bad-bootnode "is not a multiaddr" "t = re.sub(r'(?m)^bootnode = .*', 'bootnode = \"validator.example:30333\"', t, count=1)"
refused path-in-id "lower-case letters" "t = t.replace('id = \"evidence_rehearsal\"', 'id = \"../rehearsal\"')"
refused same-name-twice "the runtime refused this genesis" "names = re.findall(r'(?m)^name = .*', t); t = t.replace(names[2], names[1])"

if "$EVIDENCE_ROOT/scripts/new-consortium.sh" "$good" "$dir/good" >"$dir/good.log" 2>&1 &&
	python3 -c '
import json, sys
spec = json.load(open(sys.argv[1]))
patch = spec["genesis"]["runtimeGenesis"]["patch"]
assert patch["sudo"]["key"] is None, "a sudo key"
assert len(patch["consortium"]["organisations"]) == 4 and len(patch["session"]["keys"]) == 3
assert len(spec["bootNodes"]) == 3 and spec["chainType"] == "Live"
' "$dir/good/evidence_rehearsal.json" && [ -s "$dir/good/evidence_rehearsal-raw.json" ]; then
	echo "accepted: the fresh members file (4 organisations, 3 validators, 3 bootnodes, no sudo)"
else
	echo "check-refusals: the fresh members file was not turned into a spec:" >&2
	cat "$dir/good.log" >&2
	failures=$((failures + 1))
fi
[ "$failures" -eq 0 ] || exit 1
