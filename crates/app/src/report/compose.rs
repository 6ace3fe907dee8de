//! From the records to the official report: the prefilled narrative (which the Board
//! edits and saves as a draft) and the assembled [`OfficialReport`]. Pure: the handler
//! loads the inputs in a fixed number of queries and calls these.
//!
//! The report is a Vietnamese administrative document, so its text is Vietnamese whatever
//! the interface language.

use chrono::NaiveDate;
use domain::oversight::{Band, TargetFigure};
use domain::{ItemId, ItemStatus, Language, Period, format_date, format_target};
use reports::official_report::{
    AppendixRow, FigureRow, Narrative, OfficialReport, ResultRow, Signer,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use store::{EvaluationRecord, ItemNode, PlanView, ReportText, TargetProgress};

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
}

/// An item in document order with its units in effect (own, else the nearest ancestor's).
struct Flat<'a> {
    node: &'a ItemNode,
    depth: u8,
    lead: Vec<String>,
    coord: Vec<String>,
}

fn flatten(plan: &PlanView) -> Vec<Flat<'_>> {
    fn walk<'a>(
        n: &'a ItemNode,
        depth: u8,
        inherited: (&[String], &[String]),
        out: &mut Vec<Flat<'a>>,
    ) {
        let (lead, coord) = if n.units.is_empty() {
            (inherited.0.to_vec(), inherited.1.to_vec())
        } else {
            (
                n.lead_units().map(|u| u.name.clone()).collect(),
                n.coordinating_units().map(|u| u.name.clone()).collect(),
            )
        };
        out.push(Flat {
            node: n,
            depth,
            lead: lead.clone(),
            coord: coord.clone(),
        });
        for c in &n.children {
            walk(c, depth.saturating_add(1), (&lead, &coord), out);
        }
    }
    let mut out = Vec::new();
    for n in plan
        .items
        .iter()
        .chain(plan.appendices.iter().flat_map(|a| &a.items))
    {
        walk(n, 0, (&[], &[]), &mut out);
    }
    out
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
            attainment: match Band::of(&TargetFigure {
                min: t.min,
                max: t.max,
                actual: t.actual,
            }) {
                Band::NoData => String::new(),
                b => b.label(Language::Vi).to_string(),
            },
        })
        .collect()
}

fn label(n: &ItemNode) -> String {
    domain::item_label(n.item.numbering.as_deref(), &n.item.title)
}

/// The narrative prefilled from the records: what the Board starts editing from.
pub fn prefill(i: &Inputs) -> DraftContent {
    let p = &i.plan.plan;
    let period_vi = i.period.label(Language::Vi);
    let doc_ref = match (&p.number, &p.symbol) {
        (Some(n), Some(s)) => format!(" số {n}/{s}"),
        (None, Some(s)) => format!(" {s}"),
        _ => String::new(),
    };
    let issued = p
        .date
        .map(|d| format!(" ngày {}", format_date(d)))
        .unwrap_or_default();
    let issuer = p.issuer.clone().unwrap_or_else(|| "Sở".into());
    let flat = flatten(i.plan);
    let total = flat.len();
    let count = |s: ItemStatus| flat.iter().filter(|f| f.node.item.status == s).count();
    let (done, progress, late, not_started) = (
        count(ItemStatus::Done),
        count(ItemStatus::InProgress),
        count(ItemStatus::Late),
        count(ItemStatus::NotStarted),
    );
    let bands: Vec<Band> = i
        .targets
        .iter()
        .map(|t| {
            Band::of(&TargetFigure {
                min: t.min,
                max: t.max,
                actual: t.actual,
            })
        })
        .collect();
    let met = bands
        .iter()
        .filter(|b| matches!(b, Band::Within | Band::Above))
        .count();
    let below = bands.iter().filter(|b| **b == Band::Below).count();
    let mut leads: Vec<String> = flat
        .iter()
        .filter(|f| f.depth == 0)
        .flat_map(|f| f.lead.iter().cloned())
        .collect();
    leads.sort();
    leads.dedup();
    let late_items: Vec<String> = flat
        .iter()
        .filter(|f| f.node.item.status == ItemStatus::Late)
        .map(|f| format!("- {}", label(f.node)))
        .collect();
    let open_items: Vec<String> = flat
        .iter()
        .filter(|f| {
            f.depth == 0 && !matches!(f.node.item.status, ItemStatus::Done | ItemStatus::Suspended)
        })
        .map(|f| format!("- Tiếp tục triển khai: {}", label(f.node)))
        .collect();
    let reported_units: usize = {
        let mut u: Vec<_> = i.texts.iter().map(|t| t.unit_id).collect();
        u.sort();
        u.dedup();
        u.len()
    };
    let signer_title = p.signer_title.clone().unwrap_or_else(|| "GIÁM ĐỐC".into());
    DraftContent {
        number: String::new(),
        date: String::new(),
        subject: format!(
            "Kết quả thực hiện Kế hoạch {} {period_vi}",
            lower_first(&p.title)
        ),
        direction: format!(
            "Thực hiện Kế hoạch{doc_ref}{issued} của {issuer} về {}, {issuer} đã giao {} chủ trì, \
             phối hợp với các đơn vị liên quan triển khai các nội dung của Kế hoạch; theo dõi, \
             đôn đốc tiến độ thực hiện qua hệ thống sangtao.",
            lower_first(&p.title),
            if leads.is_empty() {
                "các đơn vị".to_string()
            } else {
                leads.join(", ")
            }
        ),
        results_intro: format!(
            "Trong {period_vi}, {reported_units} đơn vị đã gửi {} báo cáo tiến độ. Kết quả thực \
             hiện từng nội dung như sau:",
            i.texts.len()
        ),
        achievements: format!(
            "Kế hoạch có {total} nội dung, nhiệm vụ: {done} đã hoàn thành, {progress} đang thực \
             hiện, {not_started} chưa triển khai. {met}/{} chỉ tiêu đã đạt hoặc vượt.",
            bands.len()
        ),
        difficulties: if late_items.is_empty() && below == 0 {
            "Không có nhiệm vụ chậm tiến độ.".into()
        } else {
            let mut s = format!("Còn {late} nhiệm vụ chậm tiến độ và {below} chỉ tiêu chưa đạt:");
            for l in &late_items {
                s.push('\n');
                s.push_str(l);
            }
            s
        },
        causes: String::new(),
        next_tasks: open_items.join("\n"),
        proposals: String::new(),
        closing: format!(
            "Trên đây là báo cáo kết quả thực hiện Kế hoạch {} {period_vi} của {issuer}./.",
            lower_first(&p.title)
        ),
        recipients: [
            "UBND Thành phố (để b/c)",
            "Đ/c Giám đốc Sở (để b/c)",
            "Các PGĐ Sở",
            "Lưu: VT",
        ]
        .join("\n"),
        signer_authority: String::new(),
        signer_title,
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

/// The report to write.
pub fn assemble(i: &Inputs, d: &DraftContent) -> OfficialReport {
    let p = &i.plan.plan;
    let flat = flatten(i.plan);
    let mut targets: HashMap<ItemId, Vec<&TargetProgress>> = HashMap::new();
    for t in i.targets {
        targets.entry(t.item_id).or_default().push(t);
    }
    let mut texts: HashMap<ItemId, Vec<&ReportText>> = HashMap::new();
    for t in i.texts {
        texts.entry(t.item_id).or_default().push(t);
    }
    let mut results = Vec::with_capacity(flat.len());
    let mut appendix = Vec::with_capacity(flat.len());
    for f in &flat {
        let id = f.node.item.id;
        let figures = figure_rows(targets.get(&id).map(Vec::as_slice).unwrap_or(&[]));
        let done = texts
            .get(&id)
            .map(|ts| {
                ts.iter()
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
            })
            .unwrap_or_default();
        let mut units = Vec::new();
        if !f.lead.is_empty() {
            units.push(format!("{} (chủ trì)", f.lead.join(", ")));
        }
        if !f.coord.is_empty() {
            units.push(format!("{} (phối hợp)", f.coord.join(", ")));
        }
        let status = f.node.item.status.label(Language::Vi).to_string();
        results.push(ResultRow {
            numbering: f.node.item.numbering.clone().unwrap_or_default(),
            title: f.node.item.title.clone(),
            depth: f.depth,
            done,
            figures: figures.clone(),
            units: units.join("; "),
            status: status.clone(),
            spent: None,
        });
        appendix.push(AppendixRow {
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
            status,
            grade: i
                .grades
                .get(&id)
                .map(|g| g.grade.label(Language::Vi).to_string())
                .unwrap_or_default(),
        });
    }
    let issuer_code = p
        .symbol
        .as_deref()
        .and_then(|s| s.split_once('-').map(|(_, rest)| rest.to_string()))
        .unwrap_or_else(|| "SVHTT".into());
    OfficialReport {
        parent_agency: p.parent_issuer.clone().unwrap_or_default(),
        agency: p.issuer.clone().unwrap_or_default(),
        number: Some(d.number.trim().to_string()).filter(|n| !n.is_empty()),
        symbol: format!("BC-{issuer_code}"),
        place: p.place.clone().unwrap_or_else(|| "Hà Nội".into()),
        date: draft_date(d),
        year: i.period.year(),
        subject: d.subject.clone(),
        narrative: Narrative {
            direction: d.direction.clone(),
            results_intro: d.results_intro.clone(),
            achievements: d.achievements.clone(),
            difficulties: d.difficulties.clone(),
            causes: d.causes.clone(),
            next_tasks: d.next_tasks.clone(),
            proposals: d.proposals.clone(),
        },
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
