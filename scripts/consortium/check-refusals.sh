#!/usr/bin/env bash
# scripts/new-consortium.sh refuses members files that would launch an unsafe or broken network,
# saying where and why, and writes nothing then: a well-known development key, a key of two
# organisations, a session key of two validators, an unknown role, more validators required
# than named, a rule-set field the runtime does not have, a malformed bootnode. The fresh
# members file itself is accepted. (The launch from it: `scripts/zombienet.sh new-consortium`.)
set -euo pipefail
source "$(dirname "$0")/../env.sh"
dir="$(mktemp -d -t evidence-consortium-check.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
"$(dirname "$0")/fresh-members.sh" "$dir/keys" >/dev/null
good="$dir/keys/members.toml"

# refused NAME EXPECTED SED_EXPRESSION...: the members file edited by sed is refused with a
# message containing EXPECTED, and no spec is written.
failures=0
refused() {
	local name="$1" expected="$2" out="$dir/$1"
	shift 2
	sed "$@" "$good" >"$dir/$name.toml"
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
alice=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
first_aura="$(grep -m1 '^aura = ' "$good")"
refused development-admin "development key //Alice" -e "0,/^admin = .*/s//admin = \"$alice\"/"
refused shared-account "is a key of" -e "$(grep -n -m2 '^admin = ' "$good" | tail -n1 | cut -d: -f1)s/.*/$(grep -m1 '^admin = ' "$good")/"
refused shared-session-key "Aura key: " -e "$(grep -n '^aura = ' "$good" | sed -n 2p | cut -d: -f1)s/.*/$first_aura/"
refused unknown-role "roles must be among" -e 's/"Carrier"/"Courier"/'
refused too-few-validators "must be between 1 and the 3" -e 's/^min_validators = 2/min_validators = 4/'
refused unknown-rule "rule_set.challengeDays" -e '$a [rule_set]\nchallengeDays = 3'
refused bad-bootnode "is not a multiaddr" -e '0,/^bootnode = .*/s//bootnode = "validator.example:30333"/'

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
