#!/usr/bin/env bash
# Idempotent prerequisites for building and testing Evidence Chain on a Debian machine
# with rustup: the pinned toolchain with its wasm targets and rust-src, make, protoc, Node.js,
# Python 3 and Chromium.
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

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
# Installs Debian packages quietly, refreshing the package lists once if they are stale.
apt_install() {
	command -v apt-get >/dev/null 2>&1 || return 0
	{ $sudo_cmd apt-get install -y -q "$@" \
		|| { $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q "$@"; }; } >/dev/null 2>&1
}

# The node's allocator (jemalloc, built from C by tikv-jemalloc-sys) needs make.
if ! command -v make >/dev/null 2>&1; then
	apt_install make
	command -v make >/dev/null 2>&1 || missing+=("make (Debian package make)")
fi

if ! command -v protoc >/dev/null 2>&1; then
	apt_install protobuf-compiler
	command -v protoc >/dev/null 2>&1 || missing+=("protoc (Debian package protobuf-compiler)")
fi

# The integrator client (scripts/integrator) and the passport page's test (web/passport) run
# on Node.js with npm.
if ! command -v npm >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
	apt_install nodejs npm curl
	command -v npm >/dev/null 2>&1 || missing+=("Node.js and npm (Debian packages nodejs, npm)")
	command -v curl >/dev/null 2>&1 || missing+=("curl")
fi

# The Python client's test (scripts/python-client) needs Python 3 with venv, and
# scripts/new-consortium.sh Python 3.11 or later (tomllib).
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip, venv, tomllib' >/dev/null 2>&1; then
	apt_install python3 python3-venv
	python3 -c 'import ensurepip, venv, tomllib' >/dev/null 2>&1 || missing+=("Python 3.11 or later with venv (Debian packages python3, python3-venv)")
fi

# The passport page is tested in a real browser: headless Chromium (web/passport/test), with a
# Chinese font so its Chinese text renders in the screenshots.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
	apt_install chromium fonts-wqy-zenhei
	command -v chromium >/dev/null 2>&1 || missing+=("Chromium (Debian package chromium)")
	fc-list :lang=zh 2>/dev/null | grep -q . || missing+=("a Chinese font (Debian package fonts-wqy-zenhei)")
fi

if [ "${#missing[@]}" -ne 0 ]; then
	echo "setup: could not install:" >&2
	for item in "${missing[@]}"; do echo "  - $item" >&2; done
	exit 1
fi
echo "setup: toolchain $toolchain (wasm32v1-none, wasm32-unknown-unknown, rust-src), $(protoc --version), Node.js $(node --version), $(python3 --version), $(chromium --version 2>/dev/null | head -1) ready"
