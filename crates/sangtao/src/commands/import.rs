//! `sangtao import FILE [--format F]`: one transaction; duplicates and non-plans reported.

use super::{open_store, runtime};
use crate::config::Settings;
use std::path::PathBuf;
use std::process::ExitCode;
use store::{ImportOutcome, StoreError};

pub const EXIT_ALREADY_IMPORTED: u8 = 3;
pub const EXIT_NOT_A_PLAN: u8 = 4;
pub const EXIT_UNREADABLE: u8 = 5;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The document: .txt, .md, .docx or .pdf.
    file: PathBuf,
    /// Override the format guessed from the file's name and content.
    #[arg(long, value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<vanban::Format>()))]
    format: Option<vanban::Format>,
}

pub fn run(settings: Settings, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("sangtao: cannot read {}: {e}", args.file.display());
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.file.display().to_string());
    // The same reading as the browser's import (`app::import`).
    let reading = match app::import::read(&bytes, &name, args.format) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sangtao: {}", super::unreadable(&e));
            return Ok(ExitCode::from(EXIT_UNREADABLE));
        }
    };
    // The funding sources the "Kinh phí" section names, as the browser's review proposes.
    let funding = app::import::funding::propose(&reading.parsed).lines;
    let (plan, sha) = (reading.parsed, reading.sha256);
    if !plan.is_plan() {
        eprintln!(
            "sangtao: {}",
            not_a_plan(
                &name,
                &plan.document.kind,
                plan.document.kind_code.as_deref()
            )
        );
        return Ok(ExitCode::from(EXIT_NOT_A_PLAN));
    }
    runtime()?.block_on(async {
        let store = open_store(&settings).await?;
        match store
            .import_plan_funded(&plan, &funding, &name, &sha, None)
            .await
        {
            Ok(ImportOutcome::Imported(id)) => {
                let items = plan.all_items().count();
                println!(
                    "sangtao: imported {name} as plan #{id} ({items} items, {} funding \
                     sources): {}",
                    funding.len(),
                    plan.document.title
                );
                Ok(ExitCode::SUCCESS)
            }
            Ok(ImportOutcome::AlreadyImported(id)) => {
                eprintln!("sangtao: {name} is already imported as plan #{id}; nothing was changed");
                Ok(ExitCode::from(EXIT_ALREADY_IMPORTED))
            }
            Err(StoreError::NotAPlan { kind }) => {
                eprintln!("sangtao: {}", not_a_plan(&name, &kind, None));
                Ok(ExitCode::from(EXIT_NOT_A_PLAN))
            }
            Err(e) => Err(anyhow::anyhow!(
                "import of {name} failed, nothing was saved: {e}"
            )),
        }
    })
}

fn not_a_plan(name: &str, kind: &str, code: Option<&str>) -> String {
    let kind = if kind.trim().is_empty() {
        "a document of unknown kind".to_string()
    } else {
        format!("“{kind}”")
    };
    let code = code.map(|c| format!(" ({c})")).unwrap_or_default();
    format!("{name} is not a plan (Kế hoạch): it reads as {kind}{code}. Nothing was imported.")
}
