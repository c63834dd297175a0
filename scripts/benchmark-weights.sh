#!/usr/bin/env bash
# Regenerates `pallets/<name>/src/weights.rs` of every project pallet from its benchmarks, and
# `runtime/src/weights/{block,extrinsic}_weights.rs` (the cost of an empty block and of one
# signed remark with every transaction extension) from `benchmark overhead` on the production
# runtime (the release build of scripts/run.sh, ParityDB).
#
#   scripts/benchmark-weights.sh [pallet_name ... | overhead]     default: all of them
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
[ "${#pallets[@]}" -eq 0 ] && pallets=(pallet_consortium pallet_notary pallet_inspection pallet_logistics pallet_liability overhead)

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

# Block and extrinsic overhead: measured on the runtime the node runs (not the benchmarking
# build). (`frame-omni-bencher` has no `benchmark storage`, so database access keeps
# frame-support's ParityDB figures.)
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
	if [ "$pallet" = overhead ]; then overhead; else pallet_list+=("$pallet"); fi
done
[ "${#pallet_list[@]}" -eq 0 ] && exit 0

CARGO_TARGET_DIR="$bench_target" cargo build --release --locked -p evidence-runtime \
	--features runtime-benchmarks
wasm="$bench_target/release/wbuild/evidence-runtime/evidence_runtime.compact.compressed.wasm"

for pallet in "${pallet_list[@]}"; do
	dir="pallets/${pallet#pallet_}"
	echo "== $pallet -> $dir/src/weights.rs"
	"$bencher" v1 benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder runtime \
		--genesis-builder-preset dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--template scripts/pallet-weight-template.hbs \
		--output "$dir/src/weights.rs"
done
