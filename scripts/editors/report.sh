#!/usr/bin/env bash
# `career-lsp report` in a real browser: Debian's Chromium renders the demo's dashboard
# headless; the screenshot is kept in target/editors/report/ and checked not to be blank.
# Installs chromium (Debian) and Pillow and pytest (PyPI, into target/editors/report-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."

cache=target/editors
venv=$cache/report-venv
if ! command -v chromium > /dev/null; then
  echo "== installing chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi
if ! "$venv/bin/python" -c "import PIL, pytest" 2> /dev/null; then
  echo "== installing Pillow and pytest into $venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --cache-dir "$cache/pip" \
    "pillow>=10" "pytest>=8"
fi

echo "== building the server"
cargo build --locked --quiet
export CAREER_LSP_BIN="$PWD/target/debug/career-lsp"

echo "== report: the demo's dashboard in headless Chromium"
status=0
"$venv/bin/python" -m pytest -p no:cacheprovider -q tests/report || status=$?
case $status in
  0) echo "PASS: report in chromium (screenshot: $cache/report/demo.png)" ;;
  5) echo "FAIL: report (no tests collected)"; exit 1 ;;
  *) echo "FAIL: report (pytest exited $status)"; exit 1 ;;
esac
