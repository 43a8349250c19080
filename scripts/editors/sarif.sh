#!/usr/bin/env bash
# `career-lsp check --format sarif` validated against the SARIF 2.1.0 JSON schema
# (tests/data/sarif-schema-2.1.0.json) with `jsonschema` from PyPI. Installs jsonschema and
# pytest into target/editors/sarif-venv, builds the server, and exits non-zero when a check
# fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

cache=target/editors
venv=$cache/sarif-venv
jsonschema_version=4.26.0 # the release the suite is written against
pytest_version=9.2.0
if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('jsonschema') != '$jsonschema_version' or m.version('pytest') != '$pytest_version')" 2> /dev/null; then
  echo "== installing jsonschema $jsonschema_version into $venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --cache-dir "$cache/pip" \
    "jsonschema==$jsonschema_version" "pytest==$pytest_version"
fi

echo "== building the server"
cargo build --locked --quiet
export CAREER_LSP_BIN="$PWD/target/debug/career-lsp"

echo "== SARIF: check --format sarif against the SARIF 2.1.0 schema"
status=0
"$venv/bin/python" -m pytest -p no:cacheprovider -q tests/sarif || status=$?
case $status in
  0) echo "PASS: sarif schema" ;;
  5) echo "FAIL: sarif schema (no tests collected)"; exit 1 ;;
  *) echo "FAIL: sarif schema (pytest exited $status)"; exit 1 ;;
esac
