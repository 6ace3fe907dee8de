//! `sangtao dev seed`: synthetic plans, items and progress reports for load tests.
//! `sangtao dev demo`: a realistic year of work on the built-in Hanoi plan (`app::demo`).

use super::{open_store, runtime};
use crate::config::Settings;
use clap::{Args, Subcommand};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use store::{SyntheticSpec, SyntheticSummary};

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Fill the database with synthetic plans, units, items, targets and progress reports
    /// (realistic Vietnamese content, the same for the same --seed). For load tests only.
    Seed(SeedArgs),
    /// Play a year of work on the built-in Hanoi plan: about 20 progress reports, 25 online
    /// sessions, 3 shows, 2 clips, 32 magazine pages, a 14-minute documentary and a
    /// delegation, each on its day, with one demo account per unit. For trying the pages
    /// and the official report on realistic data; run it on a new database.
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The plan (by default the built-in one, the first).
    #[arg(long, default_value_t = 1)]
    pub plan: i64,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Items in all, spread over the plans.
    #[arg(long, default_value_t = 10_000)]
    pub items: usize,
    /// Progress reports in all (about one in ten gets a second version).
    #[arg(long, default_value_t = 0)]
    pub reports: usize,
    /// Events in all (held when their day has passed, planned or confirmed when it is to
    /// come), on the plans' activities, most in the kind a target of theirs counts.
    #[arg(long, default_value_t = 0)]
    pub events: usize,
    /// Plans; by default one per 500 items.
    #[arg(long)]
    pub plans: Option<usize>,
    /// Estimate lines in all (dự toán), ten an estimate on the synthetic items in order,
    /// most approved, some waiting for Finance or the Board, with contracts and payments
    /// (`--plans 1` puts them all in one plan). Needs an item for every ten lines.
    #[arg(long, default_value_t = 0)]
    pub budget_lines: usize,
    /// Random seed: the same seed makes the same data.
    #[arg(long, default_value_t = 2025)]
    pub seed: u64,
    /// Add synthetic data even when the database already holds plans of its own.
    #[arg(long)]
    pub force: bool,
}

/// Exit code when the database already has plans and --force was not given.
pub const EXIT_NOT_EMPTY: u8 = 3;

pub fn run(settings: Settings, cmd: DevCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DevCommand::Seed(args) => seed(settings, args),
        DevCommand::Demo(args) => demo(settings, args),
    }
}

/// Exit code when the demo cannot go into this database (already loaded, not the seed).
pub const EXIT_DEMO_REFUSED: u8 = 3;

fn demo(settings: Settings, args: DemoArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async move {
        let store = open_store(&settings).await?;
        super::serve::bootstrap(&store, "http://127.0.0.1:8080/").await?;
        let password = domain::password::generate_one_time_password()
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        eprintln!("sangtao dev demo: đang nạp một năm công việc minh họa …");
        match app::demo::run(&store, domain::PlanId(args.plan), &password).await {
            Ok(s) => {
                println!(
                    "sangtao: đã nạp {} sự kiện, {} sản phẩm truyền thông, {} báo cáo tiến độ, \
                     {} nhiệm vụ hoàn thành, {} đoàn công tác, {} văn bản chỉ đạo, cuộc họp, \
                     kiểm tra; {} nội dung công bố trên trang công khai /p/.",
                    s.events, s.media, s.reports, s.done, s.delegations, s.directions, s.published
                );
                println!("Tài khoản minh họa (mật khẩu dùng một lần, đổi khi đăng nhập lần đầu): {password}");
                for (login, name) in &s.accounts {
                    println!("  {login:<14} {name}");
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(app::demo::DemoError::Store(e)) => Err(anyhow::anyhow!("{e}")),
            Err(e) => {
                eprintln!("sangtao: {e}");
                Ok(ExitCode::from(EXIT_DEMO_REFUSED))
            }
        }
    })
}

fn seed(settings: Settings, args: SeedArgs) -> anyhow::Result<ExitCode> {
    if args.items == 0 {
        anyhow::bail!("--items must be at least 1");
    }
    let plans = args.plans.unwrap_or(args.items / 500).clamp(1, args.items);
    runtime()?.block_on(async move {
        let store = open_store(&settings).await?;
        let existing = store
            .plan_names()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        // The built-in plan alone counts as empty: it is what the first start makes.
        if existing.len() > 1 && !args.force {
            eprintln!(
                "sangtao: the database already holds {} plans; synthetic data would mix with them. \
                 Use an empty database (--data-dir or --database-url), or add --force.",
                existing.len()
            );
            return Ok(ExitCode::from(EXIT_NOT_EMPTY));
        }
        // An empty database gets the built-in plan and the admin first, so that the
        // server started on it afterwards can be signed in to.
        super::serve::bootstrap(&store, "http://127.0.0.1:8080/").await?;
        let tty = std::io::stderr().is_terminal();
        let started = std::time::Instant::now();
        let total_items = args.items;
        let show = move |s: &SyntheticSummary| {
            let line = progress_line(s, plans, total_items, started.elapsed().as_secs_f64());
            let mut err = std::io::stderr().lock();
            // One updating line on a terminal; one line per plan in a log.
            let _ = if tty {
                write!(err, "\r{line}")
            } else {
                writeln!(err, "{line}")
            };
        };
        let made = store
            .generate_synthetic_with_progress(
                SyntheticSpec {
                    plans,
                    items: args.items,
                    reports: args.reports,
                    events: args.events,
                    seed: args.seed,
                },
                &show,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if tty {
            eprintln!();
        }
        if args.budget_lines > 0 {
            let b = store
                .generate_synthetic_budget(args.budget_lines, args.seed)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "sangtao: made {} estimates of {} lines, {} contracts, {} payments",
                b.estimates, b.lines, b.contracts, b.payments
            );
        }
        println!(
            "sangtao: made {} plans, {} items, {} progress reports, {} events over {} units \
             in {:.1} s",
            made.plans,
            made.items,
            made.reports,
            made.events,
            made.units,
            started.elapsed().as_secs_f64()
        );
        Ok(ExitCode::SUCCESS)
    })
}

/// One progress line: plans, items, reports and events so far, the rate of items and
/// reports, and the time left reckoned from the plans done (plans are of even size).
fn progress_line(s: &SyntheticSummary, plans: usize, items: usize, secs: f64) -> String {
    if s.indexing {
        return format!(
            "sangtao dev seed: {} kế hoạch · {} nhiệm vụ · {} báo cáo · {} sự kiện · {secs:.0} s \
             · đang lập chỉ mục tìm kiếm báo cáo …",
            s.plans, s.items, s.reports, s.events
        );
    }
    let per_sec = |n: usize| n as f64 / secs.max(0.001);
    let left = secs * plans.saturating_sub(s.plans) as f64 / s.plans.max(1) as f64;
    format!(
        "sangtao dev seed: {}/{plans} kế hoạch · {}/{items} nhiệm vụ · {} báo cáo · {} sự kiện \
         · {:.0} nhiệm vụ/s · {:.0} báo cáo/s · {secs:.0} s · còn ~{left:.0} s",
        s.plans,
        s.items,
        s.reports,
        s.events,
        per_sec(s.items),
        per_sec(s.reports)
    )
}
