//! From the records to the official report: the prefilled narrative (which the Board
//! edits and saves as a draft) and the assembled [`OfficialReport`]. Pure: the handler
//! loads the inputs in a fixed number of queries and calls these.
//!
//! The report is a Vietnamese administrative document, so its text is Vietnamese whatever
//! the interface language.

use super::flat::{Flat, flatten};
use chrono::NaiveDate;
use domain::oversight::{Band, TargetFigure};
use domain::tracking::ItemState;
use domain::{ItemId, ItemStatus, Language, Period, format_date, format_target};
use reports::official_report::{
    AppendixRow, FigureRow, Narrative, OfficialReport, ResultRow, Signer,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use store::{EvaluationRecord, ItemNode, PlanRecord, PlanView, ReportText, TargetProgress};

/// What the Board edits and saves (as JSON in `report_drafts`). Every field is text as
/// typed; missing fields read as empty, so older drafts stay readable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftContent {
    pub number: String,
    /// dd/mm/yyyy, or empty to leave the date for the signer.
    pub date: String,
    pub subject: String,
    pub direction: String,
    pub results_intro: String,
    pub achievements: String,
    pub difficulties: String,
    pub causes: String,
    pub next_tasks: String,
    pub proposals: String,
    pub closing: String,
    /// One recipient per line.
    pub recipients: String,
    pub signer_authority: String,
    pub signer_title: String,
    pub signer_name: String,
}

/// The names of the editable fields, in form order (also the form's field names).
pub const DRAFT_FIELDS: [&str; 15] = [
    "number",
    "date",
    "subject",
    "direction",
    "results_intro",
    "achievements",
    "difficulties",
    "causes",
    "next_tasks",
    "proposals",
    "closing",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
];

impl DraftContent {
    pub fn get(&self, name: &str) -> &str {
        match name {
            "number" => &self.number,
            "date" => &self.date,
            "subject" => &self.subject,
            "direction" => &self.direction,
            "results_intro" => &self.results_intro,
            "achievements" => &self.achievements,
            "difficulties" => &self.difficulties,
            "causes" => &self.causes,
            "next_tasks" => &self.next_tasks,
            "proposals" => &self.proposals,
            "closing" => &self.closing,
            "recipients" => &self.recipients,
            "signer_authority" => &self.signer_authority,
            "signer_title" => &self.signer_title,
            "signer_name" => &self.signer_name,
            _ => "",
        }
    }

    pub fn set(&mut self, name: &str, value: String) {
        let slot = match name {
            "number" => &mut self.number,
            "date" => &mut self.date,
            "subject" => &mut self.subject,
            "direction" => &mut self.direction,
            "results_intro" => &mut self.results_intro,
            "achievements" => &mut self.achievements,
            "difficulties" => &mut self.difficulties,
            "causes" => &mut self.causes,
            "next_tasks" => &mut self.next_tasks,
            "proposals" => &mut self.proposals,
            "closing" => &mut self.closing,
            "recipients" => &mut self.recipients,
            "signer_authority" => &mut self.signer_authority,
            "signer_title" => &mut self.signer_title,
            "signer_name" => &mut self.signer_name,
            _ => return,
        };
        *slot = value;
    }
}

/// Everything the report is made from.
pub struct Inputs<'a> {
    pub plan: &'a PlanView,
    pub period: Period,
    pub targets: &'a [TargetProgress],
    pub texts: &'a [ReportText],
    pub grades: &'a HashMap<ItemId, EvaluationRecord>,
    /// Every item's state at the period's end (`domain::tracking::state`): the same
    /// units, status and overdue flag the dashboard shows for that date.
    pub states: &'a [ItemState],
}

fn band(t: &TargetProgress) -> Band {
    Band::of(&TargetFigure {
        min: t.min,
        max: t.max,
        actual: t.actual,
    })
}

fn figure_rows(targets: &[&TargetProgress]) -> Vec<FigureRow> {
    targets
        .iter()
        .map(|t| FigureRow {
            target: format_target(t.min, t.max, &t.unit, t.per.as_deref()),
            min: t.min,
            max: t.max,
            actual: t.actual,
            unit: t.unit.clone(),
            attainment: match band(t) {
                Band::NoData => String::new(),
                b => b.label(Language::Vi).to_string(),
            },
        })
        .collect()
}

fn label(n: &ItemNode) -> String {
    domain::item_label(n.item.numbering.as_deref(), &n.item.title)
}

/// The counts the prefilled narrative quotes.
struct Tally {
    total: usize,
    done: usize,
    in_progress: usize,
    late: usize,
    not_started: usize,
    targets: usize,
    /// Targets within or above their range.
    met: usize,
    below: usize,
}

impl Tally {
    fn of(flat: &[Flat], targets: &[TargetProgress]) -> Tally {
        let count = |s: ItemStatus| flat.iter().filter(|f| f.node.item.status == s).count();
        let bands: Vec<Band> = targets.iter().map(band).collect();
        Tally {
            total: flat.len(),
            done: count(ItemStatus::Done),
            in_progress: count(ItemStatus::InProgress),
            late: flat.iter().filter(|f| f.overdue).count(),
            not_started: count(ItemStatus::NotStarted),
            targets: bands.len(),
            met: bands
                .iter()
                .filter(|b| matches!(b, Band::Within | Band::Above))
                .count(),
            below: bands.iter().filter(|b| **b == Band::Below).count(),
        }
    }
}

/// The plan as cited: "Kế hoạch số 12/KH-SVHTT ngày 05/01/2025 của Sở …".
struct Citation {
    /// " số 12/KH-SVHTT", " KH-SVHTT" or empty.
    doc_ref: String,
    /// " ngày 05/01/2025" or empty.
    issued: String,
    issuer: String,
    /// The title, lower-cased after "Kế hoạch".
    title: String,
}

impl Citation {
    fn of(p: &PlanRecord) -> Citation {
        Citation {
            doc_ref: match (&p.number, &p.symbol) {
                (Some(n), Some(s)) => format!(" số {n}/{s}"),
                (None, Some(s)) => format!(" {s}"),
                _ => String::new(),
            },
            issued: p
                .date
                .map(|d| format!(" ngày {}", format_date(d)))
                .unwrap_or_default(),
            issuer: p.issuer.clone().unwrap_or_else(|| "Sở".into()),
            title: lower_first(&p.title),
        }
    }
}

/// The lead units of the top-level items, sorted, each once.
fn top_level_leads(flat: &[Flat]) -> Vec<String> {
    let mut leads: Vec<String> = flat
        .iter()
        .filter(|f| f.depth == 0)
        .flat_map(|f| f.lead.iter().cloned())
        .collect();
    leads.sort();
    leads.dedup();
    leads
}

/// How many units sent the reports.
fn reporting_units(texts: &[ReportText]) -> usize {
    let mut u: Vec<_> = texts.iter().map(|t| t.unit_id).collect();
    u.sort();
    u.dedup();
    u.len()
}

fn direction(c: &Citation, leads: &[String]) -> String {
    let Citation {
        doc_ref,
        issued,
        issuer,
        title,
    } = c;
    format!(
        "Thực hiện Kế hoạch{doc_ref}{issued} của {issuer} về {title}, {issuer} đã giao {} chủ trì, \
         phối hợp với các đơn vị liên quan triển khai các nội dung của Kế hoạch; theo dõi, \
         đôn đốc tiến độ thực hiện qua hệ thống sangtao.",
        if leads.is_empty() {
            "các đơn vị".to_string()
        } else {
            leads.join(", ")
        }
    )
}

fn achievements(t: &Tally) -> String {
    format!(
        "Kế hoạch có {} nội dung, nhiệm vụ: {} đã hoàn thành, {} đang thực \
         hiện, {} chưa triển khai. {}/{} chỉ tiêu đã đạt hoặc vượt.",
        t.total, t.done, t.in_progress, t.not_started, t.met, t.targets
    )
}

/// The overdue items (at the period's end) and the targets below range, one a line,
/// under their counts.
fn difficulties(flat: &[Flat], targets: &[TargetProgress], t: &Tally) -> String {
    let mut lines: Vec<String> = flat
        .iter()
        .filter(|f| f.overdue)
        .map(|f| match f.node.item.due {
            Some(d) => format!("- {} (hạn {})", label(f.node), format_date(d)),
            None => format!("- {}", label(f.node)),
        })
        .collect();
    let titles: HashMap<ItemId, &str> = flat
        .iter()
        .map(|f| (f.node.item.id, f.node.item.title.as_str()))
        .collect();
    lines.extend(
        targets
            .iter()
            .filter(|x| band(x) == Band::Below)
            .map(|x| below_line(x, titles.get(&x.item_id).copied().unwrap_or_default())),
    );
    let mut counts = Vec::new();
    if t.late > 0 {
        counts.push(format!("{} nhiệm vụ chậm tiến độ", t.late));
    }
    if t.below > 0 {
        counts.push(format!("{} chỉ tiêu chưa đạt", t.below));
    }
    if counts.is_empty() {
        return "Không có nhiệm vụ chậm tiến độ và không có chỉ tiêu chưa đạt.".into();
    }
    let mut s = format!("Còn {}:", counts.join(" và "));
    for l in &lines {
        s.push('\n');
        s.push_str(l);
    }
    s
}

/// "- Chỉ tiêu 20–30 cuộc/năm: đạt 1 theo hồ sơ (các đơn vị báo cáo 12) — <item>": a
/// counted figure that the units reported otherwise says both, as the item page does.
fn below_line(x: &TargetProgress, item_title: &str) -> String {
    let actual = x.actual.map(domain::format_number).unwrap_or_default();
    let reported = x.discrepancy().map_or_else(String::new, |d| {
        format!(
            " theo hồ sơ (các đơn vị báo cáo {})",
            domain::format_number(d.reported)
        )
    });
    format!(
        "- Chỉ tiêu {}: đạt {actual}{reported} — {item_title}",
        format_target(x.min, x.max, &x.unit, x.per.as_deref()),
    )
}

/// The top-level items not done nor suspended, one a line.
fn next_tasks(flat: &[Flat]) -> String {
    flat.iter()
        .filter(|f| {
            f.depth == 0 && !matches!(f.node.item.status, ItemStatus::Done | ItemStatus::Suspended)
        })
        .map(|f| format!("- Tiếp tục triển khai: {}", label(f.node)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The narrative prefilled from the records: what the Board starts editing from.
pub fn prefill(i: &Inputs) -> DraftContent {
    let p = &i.plan.plan;
    let period_vi = i.period.label(Language::Vi);
    let flat = flatten(i.plan, i.states);
    let tally = Tally::of(&flat, i.targets);
    let c = Citation::of(p);
    DraftContent {
        number: String::new(),
        date: String::new(),
        subject: format!("Kết quả thực hiện Kế hoạch {} {period_vi}", c.title),
        direction: direction(&c, &top_level_leads(&flat)),
        results_intro: format!(
            "Trong {period_vi}, {} đơn vị đã gửi {} báo cáo tiến độ. Kết quả thực \
             hiện từng nội dung như sau:",
            reporting_units(i.texts),
            i.texts.len()
        ),
        achievements: achievements(&tally),
        difficulties: difficulties(&flat, i.targets, &tally),
        causes: String::new(),
        next_tasks: next_tasks(&flat),
        proposals: String::new(),
        closing: format!(
            "Trên đây là báo cáo kết quả thực hiện Kế hoạch {} {period_vi} của {}./.",
            c.title, c.issuer
        ),
        recipients: [
            "UBND Thành phố (để b/c)",
            "Đ/c Giám đốc Sở (để b/c)",
            "Các PGĐ Sở",
            "Lưu: VT",
        ]
        .join("\n"),
        signer_authority: String::new(),
        signer_title: p.signer_title.clone().unwrap_or_else(|| "GIÁM ĐỐC".into()),
        signer_name: p.signer_name.clone().unwrap_or_default(),
    }
}

/// "Tham gia …" → "tham gia …" after "Kế hoạch"; acronyms ("UNESCO …") stay.
fn lower_first(s: &str) -> String {
    let mut chars = s.trim().chars();
    match (chars.next(), chars.clone().next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(chars).collect()
        }
        (Some(a), _) => std::iter::once(a).chain(chars).collect(),
        _ => String::new(),
    }
}

/// Reads the draft's date (dd/mm/yyyy); an unreadable one is left blank for the signer.
pub fn draft_date(d: &DraftContent) -> Option<NaiveDate> {
    domain::typed::parse_date(&d.date).ok().flatten()
}

/// Rows grouped by their item, in the order given.
fn by_item<T>(rows: &[T], item: impl Fn(&T) -> ItemId) -> HashMap<ItemId, Vec<&T>> {
    let mut out: HashMap<ItemId, Vec<&T>> = HashMap::new();
    for r in rows {
        out.entry(item(r)).or_default().push(r);
    }
    out
}

/// What the units reported on an item: "unit (period): text", one a line.
fn reported_text(texts: &[&ReportText]) -> String {
    texts
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .map(|t| {
            let period = t
                .period
                .parse::<Period>()
                .map(|p| p.label(Language::Vi))
                .unwrap_or_else(|_| t.period.clone());
            format!("{} ({period}): {}", t.unit_name, t.text.trim())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "A, B (chủ trì); C (phối hợp)".
fn units_text(f: &Flat) -> String {
    let mut units = Vec::new();
    if !f.lead.is_empty() {
        units.push(format!("{} (chủ trì)", f.lead.join(", ")));
    }
    if !f.coord.is_empty() {
        units.push(format!("{} (phối hợp)", f.coord.join(", ")));
    }
    units.join("; ")
}

fn result_row(f: &Flat, figures: Vec<FigureRow>, texts: &[&ReportText]) -> ResultRow {
    ResultRow {
        numbering: f.node.item.numbering.clone().unwrap_or_default(),
        title: f.node.item.title.clone(),
        depth: f.depth,
        done: reported_text(texts),
        figures,
        units: units_text(f),
        status: f.node.item.status.label(Language::Vi).to_string(),
        spent: None,
    }
}

fn appendix_row(f: &Flat, figures: &[FigureRow], grade: Option<&EvaluationRecord>) -> AppendixRow {
    AppendixRow {
        numbering: f.node.item.numbering.clone().unwrap_or_default(),
        title: f.node.item.title.clone(),
        depth: f.depth,
        lead_units: f.lead.join(", "),
        due: f.node.item.due,
        figures: figures
            .iter()
            .map(FigureRow::display)
            .collect::<Vec<_>>()
            .join("; "),
        status: f.node.item.status.label(Language::Vi).to_string(),
        grade: grade
            .map(|g| g.grade.label(Language::Vi).to_string())
            .unwrap_or_default(),
    }
}

/// One result row and one appendix row per item, in document order.
fn item_rows(i: &Inputs) -> (Vec<ResultRow>, Vec<AppendixRow>) {
    let flat = flatten(i.plan, i.states);
    let targets = by_item(i.targets, |t| t.item_id);
    let texts = by_item(i.texts, |t| t.item_id);
    let mut results = Vec::with_capacity(flat.len());
    let mut appendix = Vec::with_capacity(flat.len());
    for f in &flat {
        let id = f.node.item.id;
        let figures = figure_rows(targets.get(&id).map(Vec::as_slice).unwrap_or(&[]));
        appendix.push(appendix_row(f, &figures, i.grades.get(&id)));
        let texts = texts.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        results.push(result_row(f, figures, texts));
    }
    (results, appendix)
}

fn narrative(d: &DraftContent) -> Narrative {
    Narrative {
        direction: d.direction.clone(),
        results_intro: d.results_intro.clone(),
        achievements: d.achievements.clone(),
        difficulties: d.difficulties.clone(),
        causes: d.causes.clone(),
        next_tasks: d.next_tasks.clone(),
        proposals: d.proposals.clone(),
    }
}

/// The report's symbol from the plan's: "KH-SVHTT" → "BC-SVHTT".
fn report_symbol(p: &PlanRecord) -> String {
    let issuer_code = p
        .symbol
        .as_deref()
        .and_then(|s| s.split_once('-').map(|(_, rest)| rest.to_string()))
        .unwrap_or_else(|| "SVHTT".into());
    format!("BC-{issuer_code}")
}

/// The report to write.
pub fn assemble(i: &Inputs, d: &DraftContent) -> OfficialReport {
    let p = &i.plan.plan;
    let (results, appendix) = item_rows(i);
    OfficialReport {
        parent_agency: p.parent_issuer.clone().unwrap_or_default(),
        agency: p.issuer.clone().unwrap_or_default(),
        number: Some(d.number.trim().to_string()).filter(|n| !n.is_empty()),
        symbol: report_symbol(p),
        place: p.place.clone().unwrap_or_else(|| "Hà Nội".into()),
        date: draft_date(d),
        year: i.period.year(),
        subject: d.subject.clone(),
        narrative: narrative(d),
        results,
        closing: d.closing.clone(),
        recipients: d
            .recipients
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        signer: Signer {
            authority: d.signer_authority.clone(),
            title: d.signer_title.clone(),
            name: d.signer_name.clone(),
        },
        appendix,
        appendix_title: "Danh mục nhiệm vụ và tình trạng thực hiện".into(),
        // The caller's clock: `Loaded::document` sets it.
        written_at: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_fields_round_trip_by_name() {
        let mut d = DraftContent::default();
        for (i, f) in DRAFT_FIELDS.iter().enumerate() {
            d.set(f, format!("v{i}"));
        }
        for (i, f) in DRAFT_FIELDS.iter().enumerate() {
            assert_eq!(d.get(f), format!("v{i}"));
        }
        d.set("unknown", "x".into());
        assert_eq!(d.get("unknown"), "");
        // JSON with missing or extra fields still reads.
        let old: DraftContent = serde_json::from_str(r#"{"direction":"a","extra":1}"#).unwrap();
        assert_eq!(old.direction, "a");
        assert_eq!(old.number, "");
    }

    #[test]
    fn lower_first_keeps_acronyms() {
        assert_eq!(lower_first("Tham gia Mạng lưới"), "tham gia Mạng lưới");
        assert_eq!(lower_first("UNESCO và Hà Nội"), "UNESCO và Hà Nội");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn draft_date_reads_or_leaves_blank() {
        let mut d = DraftContent {
            date: "05/12/2025".into(),
            ..Default::default()
        };
        assert_eq!(draft_date(&d), NaiveDate::from_ymd_opt(2025, 12, 5));
        d.date = "31/02/2025".into();
        assert_eq!(draft_date(&d), None);
    }
}
