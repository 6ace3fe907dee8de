//! Kinh phí in the report: the plan's money as of the period's end (the figures the plan's
//! budget page shows for that day, `store::Store::plan_money`), summed per section (each
//! top-level item and everything under it) and in total, and told in one sentence closing
//! section II.

use super::compose::Facts;
use super::text::title;
use domain::budget::MoneyFigures;
use domain::format_date;
use reports::official_report::{MoneyRow, MoneySummary};
use vntext::format::group_thousands;

fn row(numbering: String, title: String, f: &MoneyFigures) -> MoneyRow {
    MoneyRow {
        numbering,
        title,
        planned: f.planned,
        contracted: f.contracted,
        paid: f.paid,
        settled: f.settled,
    }
}

/// "32.000.000 đồng".
fn dong(n: i64) -> String {
    format!("{} đồng", group_thousands(n))
}

/// The sentence of section II.
pub(super) fn sentence(f: &Facts, total: &MoneyFigures) -> String {
    let settled = match total.settled {
        0 => "chưa quyết toán".to_string(),
        n => format!("trong đó đã quyết toán {}", dong(n)),
    };
    format!(
        "Kinh phí thực hiện Kế hoạch tính đến ngày {}: dự toán được phê duyệt {}; đã ký hợp \
         đồng {}; đã thanh toán {}, {settled}.",
        format_date(f.period.end()),
        dong(total.planned),
        dong(total.contracted),
        dong(total.paid),
    )
}

/// The summary; none when no item of the plan has an estimate.
pub(super) fn summary(f: &Facts) -> Option<MoneySummary> {
    if f.money.is_empty() {
        return None;
    }
    let sections = f
        .tops()
        .filter_map(|top| {
            let under: Vec<&MoneyFigures> =
                f.under(top).filter_map(|x| f.money.get(&x.id())).collect();
            if under.is_empty() {
                return None;
            }
            let head = &f.flat[top];
            Some(row(
                head.stt.clone(),
                title(&head.node.item.title),
                &MoneyFigures::sum(under),
            ))
        })
        .collect();
    // The plan's total is every item's, as on the plan's budget page.
    let total = MoneyFigures::sum(f.money.values());
    Some(MoneySummary {
        sentence: sentence(f, &total),
        sections,
        total: row(String::new(), "Tổng cộng".into(), &total),
    })
}
