#!/usr/bin/env bash
# Regenerates requirements.txt from requirements.in: every transitive dependency pinned to an
# exact version with the sha256 of each of its files on PyPI (`--generate-hashes`), by pip-tools
# (a pinned release) installed into a throwaway venv, which is removed afterwards. Pins already
# in requirements.txt are kept; extra arguments go to pip-compile (e.g. `--upgrade`, or
# `--upgrade-package NAME`). Run it after changing requirements.in, then commit both files.
set -euo pipefail
cd "$(dirname "$0")"

PIP_TOOLS_VERSION=7.7.0
tools="$(mktemp -d -t evidence-pip-tools.XXXXXX)"
trap 'rm -rf "$tools"' EXIT

"${PYTHON:-python3}" -m venv "$tools"
"$tools/bin/pip" install --quiet --disable-pip-version-check "pip-tools==$PIP_TOOLS_VERSION"
# No local wheel directories (PIP_FIND_LINKS) in the resolution or in the file: PyPI only.
env -u PIP_FIND_LINKS CUSTOM_COMPILE_COMMAND="bash scripts/python-client/lock.sh" \
	"$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --output-file=requirements.txt "$@" requirements.in
