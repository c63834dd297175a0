#!/usr/bin/env bash
# Runs the multi-node tests of the consortium network (zombienet, native provider: every node
# a process on this machine, listening on 127.0.0.1 only).
#
#   scripts/zombienet.sh [TEST...]     default: all
#
# TEST is one of:
#   smoke             1. all nodes up, peers connected, blocks produced and finalized everywhere
#   story             2. the dispute story through the RPC node, the same verdict on every validator
#   validator-killed  3. one validator killed and restarted
#   finality-stall    4. two validators stopped and restored
#   governance        5. the council admits a fifth organisation's validator, then removes it
#   non-member        6. a non-member's transaction is rejected by every node
#   killed-under-load 9. the load generator runs through the RPC node while a validator is
#                     SIGKILLed and restarted: every transaction finalized, the same blocks and
#                     the same finalized head on every node
#   libp2p            7. smoke and story with every node on the libp2p network backend
#   mixed             7. smoke and story with alice and bob on litep2p, the others on libp2p
#   upgrade           8. from the previous release's chain spec (chain-specs/releases/), the
#                     council upgrades to this runtime while a dispute is open: blocks and
#                     finality go on, the dispute in flight keeps its engine, a new one uses
#                     the new engine
#   new-consortium    10. a network launched from the spec scripts/new-consortium.sh writes for
#                     members with fresh keys (scripts/consortium/fresh-members.sh): each
#                     validator authors with its member's keys, finality advances, no sudo, the
#                     members' operators are served and development accounts refused
#   dispute-latency   the load generator's story (200 orders, 100 disputes) through the RPC
#                     node; writes target/bench/consortium-story.json (run by scripts/bench.sh)
#   all               every test above, in that order
#
# Installs the locked npm packages (zombienet/, scripts/integrator/), builds the release node
# when needed, exports the raw `local` chain spec from it, and runs each test in its own
# directory (ZOMBIENET_DIR, default a fresh one under /tmp). Every process a test started is
# stopped when it ends, also on failure or interruption. Prints how long each test took.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

all=(smoke story validator-killed finality-stall governance non-member killed-under-load libp2p mixed upgrade new-consortium dispute-latency)
tests=("$@")
if [ ${#tests[@]} -eq 0 ] || [ "${tests[0]}" = all ]; then tests=("${all[@]}"); fi
for t in "${tests[@]}"; do
	[[ " ${all[*]} " == *" $t "* ]] || { echo "unknown test '$t' (one of: ${all[*]} all)" >&2; exit 2; }
done

# The same build as scripts/test.sh and scripts/run.sh (one set of artifacts, no rebuild).
cargo build --release --locked --workspace
(cd zombienet && npm ci --no-audit --no-fund --loglevel=error)
(cd scripts/integrator && npm ci --no-audit --no-fund --loglevel=error)

root="${ZOMBIENET_DIR:-$(mktemp -d -t evidence-zombienet.XXXXXX)}"
mkdir -p "$root"
./scripts/build-chain-specs.sh "$root/spec" >/dev/null
export EVIDENCE_CHAIN_SPEC="$root/spec/local-raw.json"

# Stops every process started under $1 (the nodes zombienet spawned keep their files there).
stop_under() {
	local pids
	pids="$(pgrep -f -- "$1" || true)"
	if [ -n "$pids" ]; then
		kill $pids 2>/dev/null || true
		sleep 2
		kill -9 $(pgrep -f -- "$1" || true) 2>/dev/null || true
	fi
}
trap 'stop_under "$root/"' EXIT INT TERM

# run_zndsl NAME FILE [VAR=VALUE...]: one zombienet test in its own network directory.
run_zndsl() {
	local name="$1" file="$2" dir="$root/$1"
	shift 2
	local started=$SECONDS status=0
	echo "== zombienet: $name ($file)"
	env "$@" zombienet/node_modules/.bin/zombienet --provider native --dir "$dir" --force \
		test "zombienet/tests/$file" || status=$?
	stop_under "$dir/"
	echo "== zombienet: $name $([ $status -eq 0 ] && echo passed || echo FAILED) in $((SECONDS - started)) s (files: $dir)"
	return $status
}

libp2p=(NET_ALICE=libp2p NET_BOB=libp2p NET_CHARLIE=libp2p NET_DAVE=libp2p NET_RPC=libp2p)
mixed=(NET_ALICE=litep2p NET_BOB=litep2p NET_CHARLIE=libp2p NET_DAVE=libp2p NET_RPC=libp2p)
failed=()
for t in "${tests[@]}"; do
	case "$t" in
	smoke) run_zndsl smoke 0001-smoke.zndsl || failed+=("$t") ;;
	story) run_zndsl story 0002-dispute-story.zndsl || failed+=("$t") ;;
	validator-killed) run_zndsl validator-killed 0003-validator-killed.zndsl || failed+=("$t") ;;
	finality-stall) run_zndsl finality-stall 0004-finality-stall.zndsl || failed+=("$t") ;;
	governance) run_zndsl governance 0005-governance.zndsl WITH_EVE=1 || failed+=("$t") ;;
	non-member) run_zndsl non-member 0006-non-member.zndsl || failed+=("$t") ;;
	killed-under-load) run_zndsl killed-under-load 0009-killed-under-load.zndsl || failed+=("$t") ;;
	upgrade)
		run_zndsl upgrade 0008-upgrade.zndsl \
			EVIDENCE_CHAIN_SPEC="$EVIDENCE_ROOT/chain-specs/releases/local-raw-spec101.json" \
			EVIDENCE_RUNTIME_WASM="$CARGO_TARGET_DIR/release/wbuild/evidence-runtime/evidence_runtime.compact.compressed.wasm" ||
			failed+=("$t")
		;;
	new-consortium)
		keys="$root/rehearsal-keys"
		if ./scripts/consortium/fresh-members.sh "$keys" >/dev/null &&
			./scripts/new-consortium.sh "$keys/members.toml" "$keys/spec" >/dev/null; then
			run_zndsl new-consortium 0010-new-consortium.zndsl REHEARSAL="$keys" \
				EVIDENCE_CHAIN_SPEC="$keys/spec/evidence_rehearsal-raw.json" || failed+=("$t")
		else
			echo "== zombienet: new-consortium FAILED: the members' spec could not be made" >&2
			failed+=("$t")
		fi
		;;
	dispute-latency) run_zndsl dispute-latency 0007-dispute-latency.zndsl || failed+=("$t") ;;
	libp2p)
		run_zndsl libp2p-smoke 0001-smoke.zndsl "${libp2p[@]}" || failed+=("$t smoke")
		run_zndsl libp2p-story 0002-dispute-story.zndsl "${libp2p[@]}" || failed+=("$t story")
		;;
	mixed)
		run_zndsl mixed-smoke 0001-smoke.zndsl "${mixed[@]}" || failed+=("$t smoke")
		run_zndsl mixed-story 0002-dispute-story.zndsl "${mixed[@]}" || failed+=("$t story")
		;;
	esac
done

if [ ${#failed[@]} -gt 0 ]; then
	echo "zombienet: FAILED: ${failed[*]}" >&2
	exit 1
fi
echo "zombienet: passed: ${tests[*]}"
