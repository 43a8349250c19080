#!/usr/bin/env bash
# End-to-end tests of the Helix and Emacs integrations, and the server under pytest-lsp's
# client profiles (VS Code, Neovim, Emacs). Installs what it needs (Debian: emacs-nox,
# elpa-eglot, elpa-markdown-mode; PyPI: pytest-lsp into target/editors/venv), builds the
# server, and prints PASS/FAIL per check. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

cache=target/editors
venv=$cache/venv
failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# --- installs (idempotent, quiet) ---
missing=()
command -v emacs > /dev/null || missing+=(emacs-nox)
ls -d /usr/share/emacs/site-lisp/elpa/eglot-* > /dev/null 2>&1 || missing+=(elpa-eglot)
ls -d /usr/share/emacs/site-lisp/elpa/markdown-mode-* > /dev/null 2>&1 || missing+=(elpa-markdown-mode)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
fi
pytest_lsp_version=1.0.1 # its client profiles are what the suite tests against
if ! "$venv/bin/python" -c "import pytest_lsp, sys; sys.exit(pytest_lsp.__version__ != '$pytest_lsp_version')" 2> /dev/null; then
  echo "== installing pytest-lsp into $venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --cache-dir "$cache/pip" "pytest-lsp==$pytest_lsp_version"
fi

echo "== building the server"
cargo build --locked --quiet
export CAREER_LSP_BIN="$PWD/target/debug/career-lsp"
export PATH="$PWD/target/debug:$PATH"
export CAREER_LSP_LOG=warn

# pytest exits 5 when it collected no test: that is a failure here, like any non-zero.
run_pytest() {
  local name=$1 dir=$2 status=0
  "$venv/bin/python" -m pytest -c tests/editors/pytest.ini -p no:cacheprovider -q "$dir" || status=$?
  case $status in
    0) pass "$name" ;;
    5) fail "$name (no tests collected)" ;;
    *) fail "$name (pytest exited $status)" ;;
  esac
}

echo "== Helix: editors/helix/languages.toml"
run_pytest "helix languages.toml" tests/editors/helix

echo "== Emacs $(emacs --version | head -1 | cut -d' ' -f3) + eglot: editors/emacs/career-lsp.el"
status=0
emacs --batch -q -l editors/emacs/career-lsp.el -l tests/editors/emacs/career-lsp-test.el \
  2> "$cache/emacs.log" || status=$?
if [ "$status" -eq 0 ]; then
  pass "emacs + eglot"
else
  fail "emacs + eglot (exited $status; log in $cache/emacs.log)"
fi

echo "== pytest-lsp client profiles"
run_pytest "pytest-lsp profiles" tests/editors/pytest_lsp

if [ "$failures" -gt 0 ]; then
  echo "others: $failures failed"
  exit 1
fi
echo "others: all passed"
