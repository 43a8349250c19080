// The career-lsp extension: starts the server over stdio, sends it the settings,
// and puts the coaching flow in the command palette.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const SECTION = "careerLsp";
const INSTALL_HINT =
  "Install it with `cargo install --path .` from a career-lsp checkout, or set `careerLsp.path` to the binary.";

/** Palette commands and the server's `workspace/executeCommand` ids they run. */
const SERVER_COMMANDS: Record<string, string> = {
  "careerLsp.askNextQuestion": "career-lsp.askNextQuestion",
  "careerLsp.startSessionLog": "career-lsp.startSessionLog",
  "careerLsp.runBlindSpotReview": "career-lsp.runBlindSpotReview",
  "careerLsp.insertWeeklyReview": "career-lsp.insertWeeklyReview",
  "careerLsp.insertReviewPrompt": "career-lsp.insertReviewPrompt",
};

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("career-lsp");
  context.subscriptions.push(output);

  for (const [command, serverCommand] of Object.entries(SERVER_COMMANDS)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, () => runServerCommand(serverCommand)),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand("careerLsp.restartServer", () => restart(context)),
    vscode.commands.registerCommand("careerLsp.showDashboard", () => showDashboard()),
    // A goal's code lens: its references, in the peek view.
    vscode.commands.registerCommand(
      "careerLsp.showReferences",
      async (uri: string, position: { line: number; character: number }) => {
        const target = vscode.Uri.parse(uri);
        const at = new vscode.Position(position.line, position.character);
        const locations = await vscode.commands.executeCommand<vscode.Location[]>(
          "vscode.executeReferenceProvider",
          target,
          at,
        );
        await vscode.commands.executeCommand("editor.action.showReferences", target, at, locations);
      },
    ),
    vscode.commands.registerCommand("careerLsp.createProfile", () =>
      createNote("CLAUDE.md", "career-lsp.insertProfileTemplate"),
    ),
    vscode.commands.registerCommand("careerLsp.createCareerIndex", () =>
      createNote("Career.md", "career-lsp.insertCareerIndexTemplate"),
    ),
    vscode.commands.registerCommand("careerLsp.createGoals", () =>
      createNote(`${new Date().getFullYear()} Goals.md`, "career-lsp.insertGoalsTemplate"),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) {
        return;
      }
      if (event.affectsConfiguration(`${SECTION}.path`)) {
        void restart(context);
      } else if (client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: serverSettings(),
        });
      }
    }),
  );

  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The settings the server reads: the keys of `career-lsp.toml`, in camelCase. */
export function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const settings: Record<string, unknown> = {
    rules: config.get<Record<string, string>>("rules", {}),
    aliases: config.get<Record<string, string>>("aliases", {}),
    maxAnnualGoals: config.get<number>("maxAnnualGoals", 3),
    maxCurrentFocus: config.get<number>("maxCurrentFocus", 3),
    codeLens: config.get<boolean>("codeLens", true),
    semanticTokens: config.get<boolean>("semanticTokens", true),
    cadence: {
      weeklyReviewDays: config.get<number>("weeklyReviewDays", 7),
      monthlyMilestoneGraceDays: config.get<number>("monthlyMilestoneGraceDays", 0),
      quarterlyIntentionGraceDays: config.get<number>("quarterlyIntentionGraceDays", 0),
      annualReviewFrom: config.get<string>("annualReviewFrom", "12-01"),
    },
  };
  const today = config.get<string>("today", "").trim();
  if (today) {
    settings.today = today;
  }
  return settings;
}

/** The server binary: `careerLsp.path`, else the bundled one, else `career-lsp` on PATH. */
function findServer(context: vscode.ExtensionContext): string | undefined {
  const exe = process.platform === "win32" ? "career-lsp.exe" : "career-lsp";
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>("path", "").trim();
  if (configured) {
    let candidate = configured.replace(/^~(?=$|[\\/])/, os.homedir());
    if (!path.isAbsolute(candidate)) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      candidate = folder ? path.join(folder.uri.fsPath, candidate) : path.resolve(candidate);
    }
    if (isExecutable(candidate)) {
      return candidate;
    }
    void vscode.window.showErrorMessage(
      `careerLsp.path is set to ${configured}, but there is no career-lsp binary there. ${INSTALL_HINT}`,
    );
    return undefined;
  }
  const bundled = context.asAbsolutePath(path.join("server", exe));
  if (isExecutable(bundled)) {
    return bundled;
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, exe))) {
      return path.join(dir, exe);
    }
  }
  void vscode.window.showErrorMessage(`career-lsp was not found on PATH. ${INSTALL_HINT}`);
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = findServer(context);
  if (!command) {
    return;
  }
  output?.appendLine(`Starting ${command} serve`);
  // The stdio transport appends `--stdio`, which the server accepts.
  const serverOptions: ServerOptions = {
    run: { command, args: ["serve"], transport: TransportKind.stdio },
    debug: { command, args: ["serve"], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "markdown" }],
    initializationOptions: serverSettings(),
    outputChannel: output,
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/*.md"),
        vscode.workspace.createFileSystemWatcher("**/career-lsp.toml"),
      ],
    },
    middleware: {
      workspace: {
        // The server asks for its section when told only that something changed: answer
        // with the keys it knows, never the extension's own (path, trace).
        configuration: (params) =>
          params.items.map((item) =>
            item.section === SECTION || item.section === undefined ? serverSettings() : null,
          ),
      },
    },
  };
  client = new LanguageClient(SECTION, "career-lsp", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`career-lsp could not start: ${String(error)}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      output?.appendLine(`Stopping the server: ${String(error)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

/** Runs a coaching command of the server on the active note, at the cursor. */
async function runServerCommand(serverCommand: string, uri?: vscode.Uri): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const target = uri ?? editor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage("Open a career note first.");
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage(`career-lsp is not running. ${INSTALL_HINT}`);
    return;
  }
  const position =
    editor && editor.document.uri.toString() === target.toString()
      ? client.code2ProtocolConverter.asPosition(editor.selection.active)
      : { line: 0, character: 0 };
  await client.sendRequest(ExecuteCommandRequest.type, {
    command: serverCommand,
    arguments: [{ uri: client.code2ProtocolConverter.asUri(target), position }],
  });
}

let dashboard: vscode.WebviewPanel | undefined;

/** "Career: Show dashboard": the server's page for the workspace of the active note (else
 * of the first folder) in a webview, without scripts; shown again, it is refreshed. */
async function showDashboard(): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage(`career-lsp is not running. ${INSTALL_HINT}`);
    return;
  }
  const target =
    vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const page: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
    command: "career-lsp.showReport",
    arguments: target ? [{ uri: client.code2ProtocolConverter.asUri(target) }] : [],
  });
  if (typeof page !== "string") {
    void vscode.window.showErrorMessage("career-lsp returned no dashboard.");
    return;
  }
  if (!dashboard) {
    dashboard = vscode.window.createWebviewPanel(
      "careerLsp.dashboard",
      "Career dashboard",
      vscode.ViewColumn.Active,
      { enableScripts: false },
    );
    dashboard.onDidDispose(() => {
      dashboard = undefined;
    });
  }
  // The page is self-contained: its own styles, no script, nothing from the network.
  const policy =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";
  dashboard.webview.html = page.replace("<head>", `<head>\n${policy}`);
  dashboard.reveal();
}

/** Creates a note at the workspace root (unless it exists), opens it and, when it is
 * empty, has the server fill in its template. */
async function createNote(name: string, templateCommand: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage("Open a folder for your career notes first.");
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, name);
  let exists = true;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    exists = false;
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  if (!exists || document.getText().trim() === "") {
    await runServerCommand(templateCommand, uri);
  }
}
