#!/usr/bin/env bash
# Regenerates `pallets/<name>/src/weights.rs` of every project pallet from its benchmarks.
#
#   scripts/benchmark-weights.sh [pallet_name ...]     default: every project pallet
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
[ "${#pallets[@]}" -eq 0 ] && pallets=(pallet_consortium pallet_notary pallet_inspection pallet_logistics)

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

CARGO_TARGET_DIR="$bench_target" cargo build --release --locked -p evidence-runtime \
	--features runtime-benchmarks
wasm="$bench_target/release/wbuild/evidence-runtime/evidence_runtime.compact.compressed.wasm"

for pallet in "${pallets[@]}"; do
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
