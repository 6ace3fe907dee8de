//! The `sangtao` binary: one program that serves the web app and runs the admin commands.

mod commands;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sangtao",
    version,
    about = "Runs a Vietnamese plan (Kế hoạch) from document to report"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Work with plan documents without a database.
    #[command(subcommand)]
    Plan(commands::plan::PlanCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Plan(cmd)) => commands::plan::run(cmd),
        None => {
            eprintln!(
                "sangtao: the server is not available in this build yet; try `sangtao plan parse FILE`"
            );
            Ok(ExitCode::from(2))
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sangtao: {e:#}");
            ExitCode::FAILURE
        }
    }
}
