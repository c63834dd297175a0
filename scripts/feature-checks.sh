#!/usr/bin/env bash
# Builds and runs what the default build leaves out: the `runtime-benchmarks` and `try-runtime`
# features, each of which rebuilds most of the tree, so they live in their own target directory
# ($HOME/.cache/evidence-chain/target-features, debug, native only: SKIP_WASM_BUILD=1) and never
# touch the release build of scripts/test.sh.
#
#   scripts/feature-checks.sh [benchmarks] [try-runtime] [rehearsal]     default: all three
#
# benchmarks   every pallet's benchmark tests (`impl_benchmark_test_suite!`: each benchmark
#              runs once on the pallet's mock and must succeed) and the runtime compiled with
#              its benchmarks (`cargo check -p evidence-runtime --features runtime-benchmarks`)
# try-runtime  the liability migrations' tests with their pre/post-upgrade checks, and the
#              rehearsal tool `evidence-try-upgrade` (runtime/try-upgrade) built
# rehearsal    the zombienet `upgrade` test with the rehearsal tool (built by `try-runtime`): on
#              the live network started from the previous release's spec, holding a dispute in
#              flight, attestations and shipments, the tool snapshots the RPC node's best state
#              and runs this runtime's `Executive::try_runtime_upgrade` natively (migrations
#              with pre/post-upgrade checks, pallet storage-version checks, a decode of the
#              entire state, every try_state) before the council applies the upgrade
#
# .ci/run runs `benchmarks try-runtime` after the tests when the CI budget leaves room. Times:
# the README, "Feature checks".
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"
release_target="$CARGO_TARGET_DIR"
features_target="${EVIDENCE_FEATURES_TARGET:-$HOME/.cache/evidence-chain/target-features}"

checks=("$@")
if [ ${#checks[@]} -eq 0 ]; then checks=(benchmarks try-runtime rehearsal); fi

pallets=(-p pallet-consortium -p pallet-notary -p pallet-inspection -p pallet-logistics -p pallet-liability)
for check in "${checks[@]}"; do
	started=$SECONDS
	case "$check" in
	benchmarks)
		echo "== runtime-benchmarks: the pallets' benchmark tests"
		CARGO_TARGET_DIR="$features_target" SKIP_WASM_BUILD=1 \
			cargo test --locked "${pallets[@]}" --features runtime-benchmarks --lib -- benchmark
		echo "== runtime-benchmarks: the runtime with its benchmarks"
		CARGO_TARGET_DIR="$features_target" SKIP_WASM_BUILD=1 \
			cargo check --locked -p evidence-runtime --features runtime-benchmarks
		;;
	try-runtime)
		echo "== try-runtime: the liability migrations' tests with pre/post-upgrade checks"
		CARGO_TARGET_DIR="$features_target" SKIP_WASM_BUILD=1 \
			cargo test --locked -p pallet-liability --features try-runtime --lib -- migration
		echo "== try-runtime: the rehearsal tool (runtime/try-upgrade)"
		CARGO_TARGET_DIR="$features_target" SKIP_WASM_BUILD=1 \
			cargo build --locked --manifest-path runtime/try-upgrade/Cargo.toml
		;;
	rehearsal)
		tool="$features_target/debug/evidence-try-upgrade"
		[ -x "$tool" ] || { echo "no $tool: run '$0 try-runtime' first" >&2; exit 2; }
		echo "== rehearsal: the zombienet upgrade test, rehearsed on the live state first"
		CARGO_TARGET_DIR="$release_target" EVIDENCE_TRY_UPGRADE="$tool" ./scripts/zombienet.sh upgrade
		;;
	*)
		echo "unknown check '$check' (benchmarks, try-runtime, rehearsal)" >&2
		exit 2
		;;
	esac
	echo "== $check passed in $((SECONDS - started)) s"
done
