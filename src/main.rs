//! The `career-lsp` command: the language server on stdio, or a command-line tool.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

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
    },
    /// Check notes and print their diagnostics.
    Check(CheckArgs),
    /// Write a Career Index, this year's Goals note and a config from the templates.
    Init(InitArgs),
    /// Show a rule's documentation and examples.
    Explain(ExplainArgs),
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// `file:line:col: severity[code] message`
    Human,
    Json,
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
    init_logging();
    match cli.command {
        None | Some(Command::Serve { .. }) => serve(),
        Some(Command::Check(args)) => cli_pending::check(&args),
        Some(Command::Init(args)) => cli_pending::init(&args),
        Some(Command::Explain(args)) => cli_pending::explain(&args),
    }
}

/// Logs go to stderr (stdout carries the protocol); `CAREER_LSP_LOG` sets the filter.
fn init_logging() {
    let filter =
        EnvFilter::try_from_env("CAREER_LSP_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

fn serve() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("career-lsp: cannot start: {error}");
            return ExitCode::from(2);
        }
    };
    let end = runtime.block_on(career_lsp::lsp::run_stdio());
    // Reading stdin blocks a thread that cannot be interrupted; after `exit` the client
    // may keep stdin open, so do not wait for that read to finish.
    runtime.shutdown_timeout(Duration::from_millis(100));
    ExitCode::from(end.exit_code())
}

/// PENDING: the command-line tools live in `career_lsp::cli` (`check`, `init`, `explain`);
/// until that module lands these stand-ins report that they are not available yet.
mod cli_pending {
    use std::process::ExitCode;

    use super::{CheckArgs, ExplainArgs, InitArgs};

    fn not_yet(command: &str) -> ExitCode {
        eprintln!("career-lsp {command}: not yet available");
        ExitCode::from(2)
    }

    pub fn check(_args: &CheckArgs) -> ExitCode {
        not_yet("check")
    }

    pub fn init(_args: &InitArgs) -> ExitCode {
        not_yet("init")
    }

    pub fn explain(_args: &ExplainArgs) -> ExitCode {
        not_yet("explain")
    }
}
