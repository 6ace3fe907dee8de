//! The `sangtao` binary: one program that serves the web app and runs the admin commands.
//!
//! Exit codes: 0 success; 1 failure (message on stderr); 2 wrong usage; for `import`:
//! 3 the document was already imported, 4 the document is not a plan, 5 it could not be read;
//! for `backup` and `restore`: 3 the target directory is not empty; for `restore`: 4 the
//! backup is incomplete or altered.

mod commands;
mod config;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sangtao",
    version,
    about = "Runs a Vietnamese plan (Kế hoạch) from document to report",
    after_help = "With no command, `sangtao` serves the web app (same as `sangtao serve`)."
)]
struct Cli {
    #[command(flatten)]
    settings: config::CliSettings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default). On an empty database: migrate, import the built-in
    /// Hanoi 2025 plan and create an admin account with a one-time password.
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Import a plan document (.txt, .md, .docx, .pdf). Exit 3: already imported;
    /// 4: not a plan; 5: unreadable.
    Import(commands::import::ImportArgs),
    /// Import the UCCN city list (default ../shared/data/uccn), keyed on the UNESCO slug.
    /// Exit 3: no such account (or not an admin/Board); 5: unreadable file.
    ImportCities(commands::cities::ImportCitiesArgs),
    /// Write the official results report (DOCX, and with --annex its XLSX figures).
    /// Exit 3: no such plan.
    Report(commands::report::ReportArgs),
    /// Copy a SQLite data directory (a consistent database snapshot, the evidence files and
    /// a manifest of their SHA-256) into a new or empty DIR, while the server may run.
    /// Exit 3: DIR is not empty. PostgreSQL: use pg_dump (see the README).
    Backup(commands::backup::BackupArgs),
    /// Restore a backup into an empty data directory, checking every file against the
    /// manifest before and after copying. Exit 3: the data directory is not empty;
    /// 4: the backup is incomplete or altered.
    Restore(commands::restore::RestoreArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(commands::user::UserCommand),
    /// Ask a running server's /healthz; exit 0 when healthy, 1 otherwise.
    Healthcheck(commands::healthcheck::HealthcheckArgs),
    /// Work with plan documents without a database.
    #[command(subcommand)]
    Plan(commands::plan::PlanCommand),
    /// Tools for developers: synthetic data for load tests.
    #[command(subcommand)]
    Dev(commands::dev::DevCommand),
}

/// Keeps the resident size small after sign-ins. Each argon2 hash takes a 19 MiB buffer;
/// glibc would raise its mmap threshold after the first one and keep later buffers in its
/// heaps, one per thread arena. A fixed threshold returns them to the system on free, so
/// the arenas can be as many as the threads that allocate at once (tokio's workers and
/// sqlx's SQLite threads): with 2 they waited on each other's locks (BENCHMARKS.md, "The
/// item list of one unit": 8 users p99 50 → 38 ms, the same resident size).
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only adjusts allocator tuning; called before any thread is started.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 8);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn main() -> ExitCode {
    limit_malloc_arenas();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Plan(cmd)) => commands::plan::run(cmd),
        command => match config::Settings::load(&cli.settings) {
            Err(e) => Err(e),
            Ok(settings) => {
                commands::init_logging(settings.log_format);
                match command.unwrap_or(Command::Serve) {
                    Command::Serve => commands::serve::run(settings),
                    Command::Migrate => commands::migrate(settings),
                    Command::Import(args) => commands::import::run(settings, args),
                    Command::ImportCities(args) => commands::cities::run(settings, args),
                    Command::Report(args) => commands::report::run(settings, args),
                    Command::Backup(args) => commands::backup::run(settings, args),
                    Command::Restore(args) => commands::restore::run(settings, args),
                    Command::User(cmd) => commands::user::run(settings, cmd),
                    Command::Healthcheck(args) => commands::healthcheck::run(settings, args),
                    Command::Dev(cmd) => commands::dev::run(settings, cmd),
                    Command::Plan(_) => unreachable!("handled above"),
                }
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sangtao: {e:#}");
            ExitCode::FAILURE
        }
    }
}
