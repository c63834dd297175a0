#!/usr/bin/env bash
# Runs every test: formatting, then the unit, runtime and node tests in release mode, sharing
# the release build of ./scripts/run.sh (one target directory, see scripts/env.sh), the
# integrator client on a dev node, and the multi-node tests of the consortium network that
# every change must keep (zombienet: smoke, the dispute story, a validator killed and
# restarted, finality stalled and resumed, a non-member refused, a network launched from a
# spec scripts/new-consortium.sh generated with fresh keys; `scripts/zombienet.sh all` runs all
# of them).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$EVIDENCE_ROOT"

./scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path runtime/try-upgrade/Cargo.toml -- --check

./scripts/check-test-features.sh

echo "== release build"
cargo build --release --locked --workspace

echo "== tests"
cargo test --release --locked --workspace --no-fail-fast -- --test-threads 2

echo "== integrator client (demo, check-types) on a fresh dev node"
./scripts/integrator/run.sh

echo "== consortium launch: members files that must be refused"
./scripts/consortium/check-refusals.sh

echo "== multi-node tests (zombienet): smoke, the dispute story, the faults, a new consortium"
./scripts/zombienet.sh smoke story validator-killed finality-stall non-member new-consortium
