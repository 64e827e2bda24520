# shellcheck shell=bash
# Source me: `source scripts/ensure-node.sh` puts a Node >= 22.18 first on PATH.
# If the machine's node is older, Node 24 is installed from the npm registry package
# node-linux-<arch> into .tools/node (no internet beyond the npm registry needed).
NODE_PIN=24.21.0
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_node_ok() { "${1:-node}" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null; }
if ! _node_ok node; then
  case "$(uname -m)" in x86_64) _arch=x64 ;; aarch64|arm64) _arch=arm64 ;; *) _arch="$(uname -m)" ;; esac
  _pkg="node-linux-${_arch}"
  _bin="$_root/.tools/node/node_modules/$_pkg/bin"
  if ! [ -x "$_bin/node" ] || [ "$("$_bin/node" -v)" != "v$NODE_PIN" ]; then
    npm install --prefix "$_root/.tools/node" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$_pkg@$NODE_PIN" >&2
  fi
  export PATH="$_bin:$PATH"
  _node_ok node || { echo "ensure-node: could not get Node >= 22.18" >&2; return 1 2>/dev/null || exit 1; }
fi
unset _root _arch _pkg _bin
