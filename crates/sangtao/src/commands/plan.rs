//! `sangtao plan parse FILE [--json] [--format txt|md|docx|pdf]`

use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Read a plan document and print its structure (an outline, or JSON with --json).
    Parse {
        /// The document: .txt, .md, .docx or .pdf.
        file: PathBuf,
        /// Print the JSON contract (shared/spec/plan.schema.json) instead of an outline.
        #[arg(long)]
        json: bool,
        /// Override the format guessed from the file's name and content.
        #[arg(long, value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<vanban::Format>()))]
        format: Option<vanban::Format>,
    },
}

pub fn run(cmd: PlanCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        PlanCommand::Parse { file, json, format } => {
            let plan = match vanban::read_file(&file, format) {
                Ok(plan) => plan,
                Err(e) => {
                    eprintln!("sangtao: {}", super::unreadable(&e));
                    return Ok(ExitCode::FAILURE);
                }
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&plan)?);
            } else {
                print!("{}", vanban::outline::render(&plan));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
