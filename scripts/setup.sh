#!/usr/bin/env bash
# Idempotent prerequisites for building and testing Evidence Chain on a Debian machine
# with rustup: the pinned toolchain with its wasm targets and rust-src, and protoc.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
toolchain="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"

if ! command -v rustup >/dev/null 2>&1; then
	missing+=("rustup (install it from https://rustup.rs, then run this script again)")
else
	rustup toolchain install "$toolchain" --profile minimal >/dev/null 2>&1 \
		|| missing+=("Rust toolchain $toolchain")
	for target in wasm32v1-none wasm32-unknown-unknown; do
		if ! rustup target list --installed --toolchain "$toolchain" | grep -qx "$target"; then
			rustup target add --toolchain "$toolchain" "$target" >/dev/null 2>&1 \
				|| missing+=("rustup target $target")
		fi
	done
	for component in rust-src rustfmt clippy; do
		if ! rustup component list --installed --toolchain "$toolchain" | grep -q "^$component"; then
			rustup component add --toolchain "$toolchain" "$component" >/dev/null 2>&1 \
				|| missing+=("rustup component $component")
		fi
	done
fi

if ! command -v protoc >/dev/null 2>&1; then
	sudo_cmd=""
	[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
	if command -v apt-get >/dev/null 2>&1; then
		{ $sudo_cmd apt-get install -y -q protobuf-compiler \
			|| { $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q protobuf-compiler; }; } >/dev/null 2>&1
	fi
	command -v protoc >/dev/null 2>&1 || missing+=("protoc (Debian package protobuf-compiler)")
fi

# The integrator client (scripts/integrator) runs on Node.js with npm.
if ! command -v npm >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
	sudo_cmd=""
	[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
	if command -v apt-get >/dev/null 2>&1; then
		{ $sudo_cmd apt-get install -y -q nodejs npm curl \
			|| { $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q nodejs npm curl; }; } >/dev/null 2>&1
	fi
	command -v npm >/dev/null 2>&1 || missing+=("Node.js and npm (Debian packages nodejs, npm)")
	command -v curl >/dev/null 2>&1 || missing+=("curl")
fi

# The Python client's test (scripts/python-client) needs Python 3 with venv, and
# scripts/new-consortium.sh Python 3.11 or later (tomllib).
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip, venv, tomllib' >/dev/null 2>&1; then
	sudo_cmd=""
	[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
	if command -v apt-get >/dev/null 2>&1; then
		{ $sudo_cmd apt-get install -y -q python3 python3-venv \
			|| { $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q python3 python3-venv; }; } >/dev/null 2>&1
	fi
	python3 -c 'import ensurepip, venv, tomllib' >/dev/null 2>&1 || missing+=("Python 3.11 or later with venv (Debian packages python3, python3-venv)")
fi

if [ "${#missing[@]}" -ne 0 ]; then
	echo "setup: could not install:" >&2
	for item in "${missing[@]}"; do echo "  - $item" >&2; done
	exit 1
fi
echo "setup: toolchain $toolchain (wasm32v1-none, wasm32-unknown-unknown, rust-src), $(protoc --version), Node.js $(node --version), $(python3 --version) ready"
