#!/usr/bin/env bash
# Checks that `cargo test --workspace` compiles every shared dependency with the features
# `cargo build --workspace` gives it. A dev-dependency that turns on one more feature of a crate
# low in the graph (serde_json, ahash, regex-automata, ...) makes the test step compile the whole
# Substrate stack a second time, about 15 minutes on a 2-core machine. When this check fails,
# declare the features it names on the normal dependencies (see rpc/Cargo.toml). Takes a few
# seconds once the crate index is local.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

# `name version [features]` per compiled crate: the `(*)` repeats dropped, annotations such as
# `(proc-macro)` or a path or git source removed.
features() {
	cargo tree --workspace --locked --edges "$1" --format '{p} [{f}]' --prefix none |
		grep -v ' (\*)$' | sed -E 's/ \([^)]*\)//g' | sort -u
}
build="$(features normal,build)"
test="$(features normal,build,dev)"

# Crates that both builds compile (exactly the same name and version), with their features.
names_in() { awk '{print $1" "$2}' | sort -u; }
shared="$(comm -12 <(names_in <<<"$build") <(names_in <<<"$test"))"
pick() { awk 'NR == FNR { keep[$0]; next } ($1 " " $2) in keep' <(echo "$shared") -; }
diff_out="$(diff <(pick <<<"$build") <(pick <<<"$test") || true)"
if [ -n "$diff_out" ]; then
	echo "The test build compiles these crates with other features than the release build:" >&2
	echo "$diff_out" >&2
	exit 1
fi
echo "== test features: every shared crate has the release build's features"
