#!/usr/bin/env bash
# Regenerates `pallets/<name>/src/weights.rs` of every project pallet from its benchmarks, and
# `runtime/src/weights/{block,extrinsic}_weights.rs` (the cost of an empty block and of one
# signed remark with every transaction extension) from `benchmark overhead` on the production
# runtime (the release build of scripts/run.sh, ParityDB), and `runtime/src/weights/
# paritydb_weights.rs` (what one database read and write cost) from `benchmark storage`.
#
#   scripts/benchmark-weights.sh [pallet_name ... | overhead | storage]     default: all of them
#
# Builds the runtime with `runtime-benchmarks` in its own target directory (the feature
# rebuilds most of the tree, so it never shares the main one) and runs the benchmarks with
# `frame-omni-bencher` (installed into ~/.cache/evidence-chain/tools on first use, with
# Debian's libclang-dev for its RocksDB bindings; it is not part of the node, and a cold install
# takes about half an hour here). STEPS and REPEAT override the sampling (defaults 50 and 20).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

tools="$HOME/.cache/evidence-chain/tools"
bench_target="${BENCH_TARGET_DIR:-$HOME/.cache/evidence-chain/target-bench}"
bencher="$tools/bin/frame-omni-bencher"
pallets=("$@")
[ "${#pallets[@]}" -eq 0 ] && pallets=(storage pallet_consortium pallet_notary pallet_inspection pallet_logistics pallet_liability overhead)

./scripts/setup.sh
if [ ! -x "$bencher" ]; then
	# The bencher links RocksDB, whose bindings are generated with libclang.
	if ! ls /usr/lib/llvm-*/lib/libclang.so* >/dev/null 2>&1; then
		sudo_cmd=""
		[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
		$sudo_cmd apt-get install -y -q libclang-dev \
			|| { $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q libclang-dev; }
	fi
	CARGO_TARGET_DIR="$HOME/.cache/evidence-chain/target-tools" \
		cargo install frame-omni-bencher --version 0.28.0 --locked --root "$tools"
fi

# Database reads and writes: `evidence-node benchmark storage` (the node built with its
# `storage-benchmark` feature, in the benchmark target directory only, without the wasm build:
# it opens the database through a chain spec file) reads every key of a dev chain's state and
# writes each back (committed in batches of 1,000 keys), on ParityDB, after the release node
# filled that state with a mixed story of STORAGE_ORDERS orders (default 1000, every fifth
# disputed).
storage() {
	cargo build --release --locked --workspace
	SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$bench_target" \
		cargo build --release --locked -p evidence-node --features storage-benchmark
	local dir rpc_port node_pid
	dir="$(mktemp -d)"
	"$EVIDENCE_NODE" export-chain-spec --chain dev --raw >"$dir/dev-raw.json" 2>/dev/null
	rpc_port="$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')"
	"$EVIDENCE_NODE" --dev --base-path "$dir/db" --rpc-port "$rpc_port" --prometheus-port 0 \
		--listen-addr /ip4/127.0.0.1/tcp/0 --no-mdns --no-telemetry 2>"$dir/node.log" &
	node_pid=$!
	trap 'kill "$node_pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
	wait_for_first_block "$rpc_port"
	"$CARGO_TARGET_DIR/release/evidence-load" --url "ws://127.0.0.1:$rpc_port" --workload story \
		--count "${STORAGE_ORDERS:-1000}" --waves 4 --dispute-every 5 >"$dir/story.json"
	kill "$node_pid" 2>/dev/null || true
	wait "$node_pid" || true
	local out="$dir/weights"
	mkdir -p "$out"
	"$bench_target/release/evidence-node" benchmark storage \
		--chain "$dir/dev-raw.json" \
		--base-path "$dir/db" \
		--database paritydb \
		--state-version 1 \
		--warmups 2 \
		--batch-size 1000 \
		--header scripts/storage-weight-header.txt \
		--weight-path "$out"
	# The runtime reaches these through frame-support rather than depending on sp-weights; the
	# template's remarks on ParityDB being experimental do not hold for this chain, and its test
	# must check these figures, not frame-support's constant of the same name.
	sed -e 's/use sp_core::parameter_types;/use frame_support::parameter_types;/' \
		-e 's/sp_weights::/frame_support::weights::/g' \
		-e '/ParityDB` can be enabled with a feature flag/,/brave runtime engineers/c\		/// What a read and a write of the node'"'"'s ParityDB cost on this machine.' \
		-e 's/use super::constants::ParityDbWeight as W;/use super::ParityDbWeight as W;/' \
		-e "s|$out|runtime/src/weights|g" -e "s|$dir|<dev node database>|g" \
		"$out/paritydb_weights.rs" >runtime/src/weights/paritydb_weights.rs
	echo "== storage -> runtime/src/weights/paritydb_weights.rs"
	rm -rf "$dir"
	trap - EXIT
}

# Block and extrinsic overhead: measured on the runtime the node runs (not the benchmarking
# build).
overhead() {
	cargo build --release --locked --workspace
	local out
	out="$(mktemp -d)"
	"$bencher" v1 benchmark overhead \
		--runtime "$CARGO_TARGET_DIR/release/wbuild/evidence-runtime/evidence_runtime.compact.compressed.wasm" \
		--genesis-builder runtime \
		--genesis-builder-preset dev \
		--database paritydb \
		--header scripts/overhead-weight-header.txt \
		--weight-path "$out"
	# The runtime reaches these through frame-support rather than depending on sp-weights.
	for file in block_weights.rs extrinsic_weights.rs; do
		sed -e 's/use sp_core::parameter_types;/use frame_support::parameter_types;/' \
			-e 's/sp_weights::/frame_support::weights::/g' \
			-e "s|$out|runtime/src/weights|g" "$out/$file" >"runtime/src/weights/$file"
		echo "== overhead -> runtime/src/weights/$file"
	done
	rm -rf "$out"
}

pallet_list=()
for pallet in "${pallets[@]}"; do
	case "$pallet" in
	overhead) overhead ;;
	storage) storage ;;
	*) pallet_list+=("$pallet") ;;
	esac
done
[ "${#pallet_list[@]}" -eq 0 ] && exit 0

CARGO_TARGET_DIR="$bench_target" cargo build --release --locked -p evidence-runtime \
	--features runtime-benchmarks
wasm="$bench_target/release/wbuild/evidence-runtime/evidence_runtime.compact.compressed.wasm"

# Without proof recording: a solo chain charges no proof size, and recording the proof inflates
# the measured time (the attestation's base: 106 µs with it, 43 µs without, on this machine).
for pallet in "${pallet_list[@]}"; do
	dir="pallets/${pallet#pallet_}"
	# The inspection pallet's attest varies four components, each measured with the others at
	# their maximum; the least-squares fit of those points comes out with a negative base,
	# which the tool turns into a fit with a 1.5 ms base and two slopes of zero. The median
	# slopes are each component's own slope and a base of 18 µs.
	analysis=min-squares
	[ "$pallet" = pallet_inspection ] && analysis=median-slopes
	echo "== $pallet -> $dir/src/weights.rs ($analysis)"
	"$bencher" v1 benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder runtime \
		--genesis-builder-preset dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--disable-proof-recording \
		--output-analysis "$analysis" \
		--template scripts/pallet-weight-template.hbs \
		--output "$dir/src/weights.rs"
done
