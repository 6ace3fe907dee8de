//! `sangtao report`: the official results report as DOCX (and its XLSX annex) from the
//! command line, built by `app::report` exactly as the web page's download is.

use super::{open_store, runtime};
use crate::config::Settings;
use domain::{Period, PlanId};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code for a plan that does not exist.
pub const EXIT_NO_PLAN: u8 = 3;

#[derive(clap::Args)]
pub struct ReportArgs {
    /// The plan's number (`#N` in `sangtao import`); default: the newest plan.
    #[arg(long)]
    plan: Option<i64>,
    /// `2025` (the year), `2025-9M` (nine months) or `2025-H1` / `2025-H2` (a half-year);
    /// default: the report the plan's page opens on today (the latest ended period of its
    /// own year).
    #[arg(long, value_parser = parse_period)]
    period: Option<Period>,
    /// Where to write the report (.docx).
    #[arg(long)]
    out: PathBuf,
    /// Also write the annex of figures (.xlsx) here.
    #[arg(long)]
    annex: Option<PathBuf>,
}

fn parse_period(s: &str) -> Result<Period, String> {
    let p: Period = s
        .parse()
        .map_err(|_| format!("{s:?} is not a period: write 2025, 2025-9M or 2025-H1"))?;
    domain::oversight::check_report_period(p).map_err(|_| {
        format!(
            "{s:?}: a results report covers a half-year, nine months or a year (2025-H1, \
             2025-9M, 2025)"
        )
    })
}

pub fn run(settings: Settings, args: ReportArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = open_store(&settings).await?;
        let plan = match args.plan {
            Some(id) => PlanId(id),
            None => match store
                .list_plans()
                .await?
                .iter()
                .max_by_key(|p| (p.year.unwrap_or(0), p.imported_at, p.id.0))
            {
                Some(p) => p.id,
                None => {
                    eprintln!("sangtao: no plan yet; import one with `sangtao import FILE`");
                    return Ok(ExitCode::from(EXIT_NO_PLAN));
                }
            },
        };
        let period = match args.period {
            Some(p) => p,
            None => app::report::opening_period(&store, plan, store.clock().today()).await?,
        };
        // A year the plan does not cover would be a report of nothing.
        if let Some((first, last)) = store.report_years(plan).await?
            && period.check_within(first, last).is_err()
        {
            eprintln!(
                "sangtao: plan #{} covers {first}–{last}; {period} is outside it",
                plan.0
            );
            return Ok(ExitCode::from(2));
        }
        let Some(loaded) = app::report::load(&store, plan, period).await? else {
            eprintln!(
                "sangtao: there is no plan #{}; plans are numbered as `sangtao import` printed them",
                plan.0
            );
            return Ok(ExitCode::from(EXIT_NO_PLAN));
        };
        let report = loaded.document(period);
        let docx = reports::official_report::to_docx(&report)?;
        write(&args.out, &docx)?;
        println!(
            "sangtao: wrote the {} report of plan #{} to {} ({} bytes)",
            period.label(domain::Language::Vi),
            plan.0,
            args.out.display(),
            docx.len()
        );
        if let Some(path) = &args.annex {
            let xlsx = reports::official_report::annex_xlsx(&report)?;
            write(path, &xlsx)?;
            println!("sangtao: wrote the annex of figures to {}", path.display());
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Writes through a temporary file beside the target, so a failure leaves no half file.
fn write(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            anyhow::anyhow!("cannot write {}: {e}", path.display())
        })
}
