// Packages a platform-specific .vsix with the release binary in server/.
// The binary: $CAREER_LSP_BINARY, else ../../target/release/career-lsp(.exe).
// The target: $VSCE_TARGET (e.g. linux-x64, darwin-arm64, win32-x64), else this machine's.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const target = process.env.VSCE_TARGET || `${process.platform}-${process.arch}`;
const windows = target.startsWith("win32");
const exe = windows ? "career-lsp.exe" : "career-lsp";
const binary =
  process.env.CAREER_LSP_BINARY || path.resolve(root, "..", "..", "target", "release", exe);

if (!fs.existsSync(binary)) {
  console.error(`No server binary at ${binary}: run \`cargo build --release\` first, or set CAREER_LSP_BINARY.`);
  process.exit(1);
}
const serverDir = path.join(root, "server");
fs.mkdirSync(serverDir, { recursive: true });
const bundled = path.join(serverDir, exe);
fs.copyFileSync(binary, bundled);
fs.chmodSync(bundled, 0o755);

const vsce = path.join(root, "node_modules", "@vscode", "vsce", "vsce");
execFileSync(
  process.execPath,
  [vsce, "package", "--allow-missing-repository", "--skip-license", "--target", target, "-o", `career-lsp-${target}.vsix`],
  { cwd: root, stdio: "inherit" },
);
