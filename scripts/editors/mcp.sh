#!/usr/bin/env bash
# End-to-end tests of `career-lsp mcp` driven by the official MCP Python SDK (`mcp` on
# PyPI) as the client, over stdio. Installs the SDK and pytest into target/editors/mcp-venv,
# builds the server, and exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

cache=target/editors
venv=$cache/mcp-venv
mcp_version=2.3.0 # the SDK release the suite is written against
if ! "$venv/bin/python" -c "import importlib.metadata as m, sys, pytest_asyncio; sys.exit(m.version('mcp') != '$mcp_version')" 2> /dev/null; then
  echo "== installing mcp $mcp_version into $venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --cache-dir "$cache/pip" \
    "mcp==$mcp_version" "pytest>=8" "pytest-asyncio>=1"
fi

echo "== building the server"
cargo build --locked --quiet
export CAREER_LSP_BIN="$PWD/target/debug/career-lsp"

echo "== MCP: the official Python SDK against career-lsp mcp"
status=0
"$venv/bin/python" -m pytest -c tests/editors/mcp/pytest.ini -p no:cacheprovider -q tests/editors/mcp || status=$?
case $status in
  0) echo "PASS: mcp python sdk" ;;
  5) echo "FAIL: mcp python sdk (no tests collected)"; exit 1 ;;
  *) echo "FAIL: mcp python sdk (pytest exited $status)"; exit 1 ;;
esac
