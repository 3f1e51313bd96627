#!/usr/bin/env bash
# Prints the bin folder of the newest Node.js <major> for this platform, installed once from the
# npm registry (the node-<platform>-<arch> packages carry the official binaries), so CI can run
# the suite on every supported major whatever Node.js the machine has.
set -euo pipefail
major=${1:?usage: scripts/node-major.sh <major>}
dir="${TANDEM_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem-node}/${major}"
pkg="node-$(node -p process.platform)-$(node -p process.arch)"
if [[ ! -x "${dir}/node_modules/${pkg}/bin/node" ]]; then
  npm install --no-save --no-audit --no-fund --no-package-lock --prefix "${dir}" "${pkg}@${major}" >&2
fi
echo "${dir}/node_modules/${pkg}/bin"
