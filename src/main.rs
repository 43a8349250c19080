//! The `career-lsp` command: the language server on stdio, or a command-line tool.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use career_lsp::cli;
use career_lsp::rules::Severity;
use clap::{Args, Parser, Subcommand, ValueEnum};
use tracing_subscriber::EnvFilter;

/// Diagnostics, quick fixes and hover help for career-planning notes in Markdown.
///
/// Without a command, runs the language server on stdin/stdout.
#[derive(Debug, Parser)]
#[command(name = "career-lsp", version, about)]
struct Cli {
    /// Accepted for editors that pass it; the server always uses stdio.
    #[arg(long, hide = true)]
    stdio: bool,

    /// Accepted for editors that pass it (Node-style launchers add
    /// `--clientProcessId=PID`); the server ends with the client's session.
    #[arg(long = "clientProcessId", value_name = "PID", hide = true)]
    client_process_id: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the language server on stdin/stdout (the default).
    Serve {
        /// Accepted for editors that pass it; the server always uses stdio.
        #[arg(long)]
        stdio: bool,
        /// Accepted for editors that pass it; the server ends with the client's session.
        #[arg(long = "clientProcessId", value_name = "PID", hide = true)]
        client_process_id: Option<String>,
    },
    /// Check notes and print their diagnostics.
    Check(CheckArgs),
    /// Write a Career Index, this year's Goals note and a config from the templates.
    Init(InitArgs),
    /// Show a rule's documentation and examples.
    Explain(ExplainArgs),
    /// Write a dashboard of a workspace: the goal cascade, progress, the Career Index at a
    /// glance and the findings, as one self-contained HTML page (or Markdown).
    Report(ReportArgs),
    /// Run the MCP server on stdin/stdout, for AI assistants (Claude Code, Claude Desktop,
    /// VS Code's agent mode): the career model, the findings and the methodology's questions
    /// as tools, resources and prompts. It never writes a file.
    Mcp(McpArgs),
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The workspace's folder (default: the current folder).
    path: Option<PathBuf>,
    /// Write the page to this file (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// `html`, a page to open in a browser, or `md`, to paste into a note.
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Html)]
    format: ReportFormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormatArg {
    Html,
    Md,
}

#[derive(Debug, Args)]
struct McpArgs {
    /// The folder holding the notes (default: the current folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or folders to check (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with status 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = DenyLevel::Warning)]
    deny: DenyLevel,
    /// Colour and code frames in the human format (`auto`: on a terminal, unless
    /// `NO_COLOR` is set).
    #[arg(long, value_enum, default_value_t = cli::ColorChoice::Auto)]
    color: cli::ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `file:line:col: severity[code] message`; code frames in colour on a terminal
    Human,
    /// The findings as a JSON array
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions annotations
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DenyLevel {
    Hint,
    Info,
    Warning,
    Error,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Where to write the notes (default: the current folder). Existing files are kept.
    dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// A rule code, e.g. `empty-section`.
    code: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The server logs what it does; the command-line tools print only problems.
    // The MCP server logs what it does, not every message of the SDK, and each line of
    // input it cannot parse and skips.
    let default_level = match cli.command {
        None | Some(Command::Serve { .. }) => "info",
        Some(Command::Mcp(_)) => "info,rmcp=warn,rmcp::transport::async_rw=debug",
        _ => "warn",
    };
    init_logging(default_level);
    match cli.command {
        None | Some(Command::Serve { .. }) => serve(),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Init(args)) => init(&args),
        Some(Command::Explain(args)) => explain(&args),
        Some(Command::Mcp(args)) => mcp(&args),
        Some(Command::Report(args)) => report(&args),
    }
}

/// Logs go to stderr (stdout carries the protocol). `CAREER_LSP_LOG` sets the filter, else
/// `RUST_LOG`, in `tracing`'s syntax (`debug`, `career_lsp=trace`); one that is set but
/// cannot be read counts as unset.
fn init_logging(default_level: &str) {
    let filter = ["CAREER_LSP_LOG", "RUST_LOG"]
        .into_iter()
        .find_map(|variable| EnvFilter::try_from_env(variable).ok())
        .unwrap_or_else(|| EnvFilter::new(default_level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// A multi-threaded runtime with `workers` threads, or the exit code of a failed start.
fn runtime(workers: usize) -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .map_err(|error| {
            eprintln!("career-lsp: cannot start: {error}");
            ExitCode::from(2)
        })
}

fn serve() -> ExitCode {
    // Two workers at least: the input is read on one while a handler runs on another.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().max(2));
    let runtime = match runtime(workers) {
        Ok(runtime) => runtime,
        Err(code) => return code,
    };
    let end = runtime.block_on(career_lsp::lsp::run_stdio());
    // Reading stdin blocks a thread that cannot be interrupted; after `exit` the client
    // may keep stdin open, so do not wait for that read to finish.
    runtime.shutdown_timeout(Duration::from_millis(100));
    ExitCode::from(end.exit_code())
}

fn report(args: &ReportArgs) -> ExitCode {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let format = match args.format {
        ReportFormatArg::Html => cli::ReportFormat::Html,
        ReportFormatArg::Md => cli::ReportFormat::Markdown,
    };
    exit(cli::report_command(
        &path,
        args.output.as_deref(),
        format,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}

fn mcp(args: &McpArgs) -> ExitCode {
    let root = args.root.clone().unwrap_or_else(|| PathBuf::from("."));
    // Requests are answered on a blocking thread of their own; two workers carry the
    // transport.
    let runtime = match runtime(2) {
        Ok(runtime) => runtime,
        Err(code) => return code,
    };
    let end = runtime.block_on(career_lsp::mcp::run_stdio(root));
    // A read of stdin may still be waiting; do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(100));
    match end {
        career_lsp::mcp::End::Closed => ExitCode::SUCCESS,
        career_lsp::mcp::End::Failed(message) => {
            eprintln!("career-lsp mcp: {message}");
            ExitCode::from(2)
        }
    }
}

fn exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

fn check(args: &CheckArgs) -> ExitCode {
    let options = cli::CheckOptions {
        paths: args.paths.clone(),
        format: match args.format {
            Format::Human => cli::OutputFormat::Human,
            Format::Json => cli::OutputFormat::Json,
            Format::Sarif => cli::OutputFormat::Sarif,
            Format::Github => cli::OutputFormat::Github,
        },
        deny: match args.deny {
            DenyLevel::Hint => Severity::Hint,
            DenyLevel::Info => Severity::Info,
            DenyLevel::Warning => Severity::Warning,
            DenyLevel::Error => Severity::Error,
        },
        styled: cli::styled(
            args.color,
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        ),
    };
    exit(cli::check(
        &options,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}

fn init(args: &InitArgs) -> ExitCode {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    // `init` fills in the year from the folder's configuration when it pins `today`.
    // (No folder yet, or a file in its place: `cli::init` says so.)
    let config = dir
        .is_dir()
        .then(|| career_lsp::workspace::ConfigFile::read(&dir))
        .flatten()
        .map(|file| file.config)
        .unwrap_or_default();
    exit(cli::init(
        &dir,
        config.today(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}

fn explain(args: &ExplainArgs) -> ExitCode {
    exit(cli::explain(
        &args.code,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}
