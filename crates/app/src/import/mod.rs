//! Bringing a plan in: the document read into a reading (`vanban`), and the review's
//! corrections applied to that reading before it is committed. The browser's import and
//! `sangtao import` read the same way; the review works on the `ParsedPlan` itself, so
//! that what is committed is exactly what was shown.

pub mod diff;
pub mod funding;
pub mod revise;
pub mod shape;

use domain::{AbbreviationTable, UnitId};
use store::Unit;
use vanban::{Format, ParsedPlan, ReadError};

/// A document as read: the text the reader saw (the review page shows its lines) and
/// what it made of it.
#[derive(Debug, Clone)]
pub struct Reading {
    pub text: String,
    pub parsed: ParsedPlan,
    pub sha256: String,
}

/// Reads a document's bytes (.docx, .pdf, .txt, .md, by name or content).
pub fn read(bytes: &[u8], name: &str, format: Option<Format>) -> Result<Reading, ReadError> {
    let text = vanban::input::extract_text(bytes, name, format)?;
    let parsed = vanban::parse_text(&text);
    Ok(Reading {
        sha256: domain::password::sha256_hex(bytes),
        text,
        parsed,
    })
}

/// A unit name as the document writes it, and what the import would make of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitMatch {
    /// As written (the first spelling met).
    pub written: String,
    /// The canonical name the import would use (aliases resolved).
    pub canonical: String,
    /// The existing unit it is, or `None`: the import would create it.
    pub existing: Option<UnitId>,
    /// How many items (and responsibility paragraphs) name it.
    pub uses: usize,
}

/// Every unit name of the reading, in first-seen order, with the existing unit each one
/// resolves to through the alias table (matched as the import matches: by `unit_key`).
pub fn unit_matches(
    parsed: &ParsedPlan,
    units: &[Unit],
    table: &AbbreviationTable,
) -> Vec<UnitMatch> {
    let mut out: Vec<UnitMatch> = Vec::new();
    let named = parsed
        .all_items()
        .flat_map(|i| i.lead_units.iter().chain(&i.coordinating_units))
        .chain(parsed.responsibilities.iter().map(|r| &r.unit));
    for name in named {
        let c = domain::canonical_unit(name, table);
        if c.key.is_empty() {
            continue;
        }
        match out
            .iter_mut()
            .find(|m| domain::unit_key(&m.canonical) == c.key)
        {
            Some(m) => m.uses += 1,
            None => out.push(UnitMatch {
                written: name.clone(),
                existing: units.iter().find(|u| u.key == c.key).map(|u| u.id),
                canonical: c.name,
                uses: 1,
            }),
        }
    }
    out
}

/// Names the unit written `from` (matched by its canonical key) `to` everywhere in the
/// reading: the import then finds `to` among the units instead of creating `from`.
/// Returns how many names changed.
pub fn map_unit(parsed: &mut ParsedPlan, from: &str, to: &str, table: &AbbreviationTable) -> usize {
    let key = domain::canonical_unit(from, table).key;
    let same = |n: &str| domain::canonical_unit(n, table).key == key;
    let mut changed = 0;
    let mut rename = |n: &mut String| {
        if same(n) && n != to {
            *n = to.to_string();
            changed += 1;
        }
    };
    for_each_item(parsed, &mut |item| {
        item.lead_units.iter_mut().for_each(&mut rename);
        item.coordinating_units.iter_mut().for_each(&mut rename);
    });
    for r in &mut parsed.responsibilities {
        rename(&mut r.unit);
    }
    changed
}

/// The document's header as corrected on the review page: its title, and its details as
/// the plan's details form takes them (`domain::PlanMetadata`: tidied and bounded the same
/// way, so a draft and a stored plan are corrected alike).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderEdit {
    pub title: String,
    pub meta: domain::PlanMetadata,
}

impl HeaderEdit {
    /// The reading's header as it stands, to correct.
    pub fn of(parsed: &ParsedPlan) -> HeaderEdit {
        let d = &parsed.document;
        let signer = parsed.signer.as_ref();
        HeaderEdit {
            title: d.title.clone(),
            meta: domain::PlanMetadata {
                number: d.number.clone(),
                symbol: d.symbol.clone(),
                date: d.date,
                signer_title: signer.and_then(|s| s.title.clone()),
                signer_name: signer.and_then(|s| s.name.clone()),
                parent_issuer: d.parent_issuer.clone(),
            },
        }
    }
}

/// Applies a header correction (the details tidied by `PlanMetadata::normalised`; an
/// empty title keeps the one read). The plan's year follows a new date when the title
/// names none.
pub fn set_header(parsed: &mut ParsedPlan, h: &HeaderEdit) {
    let m = h.meta.normalised();
    let d = &mut parsed.document;
    let title = vntext::text::squash_spaces(&vntext::text::nfc(&h.title));
    if !title.trim().is_empty() {
        d.title = title.trim().to_string();
    }
    d.number = m.number;
    d.symbol = m.symbol;
    d.parent_issuer = m.parent_issuer;
    if d.date != m.date {
        d.date = m.date;
        if d.year.is_none() {
            d.year = m.date.map(|x| chrono::Datelike::year(&x));
        }
    }
    match (&mut parsed.signer, m.signer_name, m.signer_title) {
        (Some(s), name, title) => (s.name, s.title) = (name, title),
        (None, None, None) => {}
        (None, name, title) => {
            parsed.signer = Some(vanban::Signer {
                authority: None,
                title,
                name,
            })
        }
    }
}

/// Sets the title of the item that starts on `line`; false when no item does.
pub fn set_item_title(parsed: &mut ParsedPlan, line: usize, title: &str) -> bool {
    let title = vntext::text::squash_spaces(&vntext::text::nfc(title))
        .trim()
        .to_string();
    let mut found = false;
    for_each_item(parsed, &mut |item| {
        if item.line == line && !found {
            item.title = title.clone();
            found = true;
        }
    });
    found
}

/// A target of an item as corrected: from `min` to `max` (either may be open), counted in
/// `unit` ("cuộc", "trang", "%").
#[derive(Debug, Clone, PartialEq)]
pub struct TargetEdit {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: String,
}

/// Why a corrected target cannot stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetProblem {
    /// Neither a minimum nor a maximum.
    NoFigure,
    Negative,
    MinAboveMax,
    NoUnit,
}

impl TargetEdit {
    pub fn check(&self) -> Result<(), TargetProblem> {
        let negative = |x: Option<f64>| x.is_some_and(|x| x < 0.0);
        match (self.min, self.max) {
            (None, None) => Err(TargetProblem::NoFigure),
            _ if negative(self.min) || negative(self.max) => Err(TargetProblem::Negative),
            (Some(a), Some(b)) if a > b => Err(TargetProblem::MinAboveMax),
            _ if self.unit.trim().is_empty() => Err(TargetProblem::NoUnit),
            _ => Ok(()),
        }
    }
}

/// Sets the `k`-th target of the item that starts on `line`, once it checks; false when
/// there is no such target. The document's words stay in `text`.
pub fn set_target(parsed: &mut ParsedPlan, line: usize, k: usize, t: &TargetEdit) -> bool {
    if t.check().is_err() {
        return false;
    }
    let unit = vntext::text::squash_spaces(&vntext::text::nfc(&t.unit))
        .trim()
        .to_string();
    let mut found = false;
    for_each_item(parsed, &mut |item| {
        if item.line == line
            && !found
            && let Some(target) = item.targets.get_mut(k)
        {
            target.min = t.min;
            target.max = t.max;
            target.unit = unit.clone();
            found = true;
        }
    });
    found
}

/// Sets the due date of the `k`-th deadline of the item that starts on `line` (`None`:
/// no date, the document's words kept); false when there is no such deadline.
pub fn set_deadline_due(
    parsed: &mut ParsedPlan,
    line: usize,
    k: usize,
    due: Option<chrono::NaiveDate>,
) -> bool {
    let mut found = false;
    for_each_item(parsed, &mut |item| {
        if item.line == line
            && !found
            && let Some(d) = item.deadlines.get_mut(k)
        {
            d.due = due;
            found = true;
        }
    });
    found
}

/// Every item of the tree and of the appendices, depth first, mutably.
fn for_each_item(parsed: &mut ParsedPlan, f: &mut impl FnMut(&mut vanban::Item)) {
    fn walk(items: &mut [vanban::Item], f: &mut impl FnMut(&mut vanban::Item)) {
        for item in items {
            f(item);
            walk(&mut item.children, f);
        }
    }
    walk(&mut parsed.items, f);
    for a in &mut parsed.appendices {
        walk(&mut a.items, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::UnitKind;

    const PLAN: &str = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSỞ VĂN HÓA VÀ THỂ THAO\n\
        Số: 12/KH-SVHTT\nHà Nội, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\n\
        Tổ chức Ngày hội Thiết kế năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n\
        Quảng bá Hà Nội.\n\nII. NỘI DUNG\n1. Tổ chức 03 triển lãm thiết kế\n\
        - Đơn vị chủ trì: Phòng QLDSVH\n- Đơn vị phối hợp: Bảo tàng Hà Nội\n\
        - Thời gian: Quý III/2026\n2. Tọa đàm chuyên đề\n\
        - Đơn vị chủ trì: Bảo tàng Hà Nội\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n\
        GIÁM ĐỐC\n\nNguyễn Văn A\n";

    fn unit(id: i64, name: &str) -> Unit {
        Unit {
            id: UnitId(id),
            name: name.to_string(),
            key: domain::unit_key(name),
            external: false,
            kind: UnitKind::Other,
            active: true,
            parent: None,
            version: 1,
        }
    }

    fn reading() -> ParsedPlan {
        read(PLAN.as_bytes(), "ngay-hoi.txt", None).unwrap().parsed
    }

    #[test]
    fn a_plan_reads_with_its_text_and_its_units_resolve_through_the_alias_table() {
        let r = read(PLAN.as_bytes(), "ngay-hoi.txt", None).unwrap();
        assert!(r.parsed.is_plan(), "{:?}", r.parsed.document);
        assert!(r.text.contains("Tọa đàm chuyên đề"));
        assert_eq!(r.sha256.len(), 64);
        let table = AbbreviationTable::defaults();
        let units = [unit(7, "Bảo tàng Hà Nội")];
        let m = unit_matches(&r.parsed, &units, &table);
        let museum = m.iter().find(|m| m.canonical == "Bảo tàng Hà Nội").unwrap();
        assert_eq!(museum.existing, Some(UnitId(7)));
        assert_eq!(museum.uses, 2, "lead of one item, coordinating on another");
        let other = m.iter().find(|m| m.written.contains("QLDSVH")).unwrap();
        assert_eq!(
            other.existing, None,
            "not among the units: it would be created"
        );
    }

    #[test]
    fn a_unit_mapped_to_an_existing_one_is_renamed_everywhere() {
        let mut p = reading();
        let table = AbbreviationTable::new();
        let n = map_unit(
            &mut p,
            "Phòng QLDSVH",
            "Phòng Quản lý Di sản văn hóa",
            &table,
        );
        assert_eq!(n, 1);
        let units = [unit(3, "Phòng Quản lý Di sản văn hóa")];
        let m = unit_matches(&p, &units, &table);
        assert!(m.iter().all(|m| !m.written.contains("QLDSVH")));
        assert_eq!(m[0].existing, Some(UnitId(3)));
    }

    #[test]
    fn the_header_and_an_item_title_are_corrected() {
        let mut p = reading();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 12);
        let mut h = HeaderEdit::of(&p);
        h.title = "Tổ chức  Ngày hội Thiết kế Hà Nội năm 2026".into();
        h.meta.number = Some(" 15 ".into());
        h.meta.symbol = Some("kh-svhtt".into());
        h.meta.date = date;
        h.meta.signer_name = Some("Nguyễn Văn B".into());
        set_header(&mut p, &h);
        assert_eq!(
            p.document.title,
            "Tổ chức Ngày hội Thiết kế Hà Nội năm 2026"
        );
        assert_eq!(p.document.number.as_deref(), Some("15"));
        assert_eq!(
            p.document.symbol.as_deref(),
            Some("KH-SVHTT"),
            "as documents write it"
        );
        assert_eq!(p.document.date, date);
        assert_eq!(p.signer.unwrap().name.as_deref(), Some("Nguyễn Văn B"));
        let mut p = reading();
        let line = p
            .all_items()
            .find(|i| i.title.contains("Tọa đàm"))
            .unwrap()
            .line;
        assert!(set_item_title(&mut p, line, "Tọa đàm về thiết kế"));
        assert!(p.all_items().any(|i| i.title == "Tọa đàm về thiết kế"));
        assert!(!set_item_title(&mut p, 100_000, "x"));
    }

    #[test]
    fn a_target_is_corrected_once_it_checks() {
        let mut p = reading();
        let item = p.all_items().find(|i| !i.targets.is_empty()).unwrap();
        let line = item.line;
        let edit = |min, max, unit: &str| TargetEdit {
            min,
            max,
            unit: unit.into(),
        };
        assert_eq!(
            edit(Some(5.0), Some(3.0), "cuộc").check(),
            Err(TargetProblem::MinAboveMax)
        );
        assert_eq!(
            edit(None, None, "cuộc").check(),
            Err(TargetProblem::NoFigure)
        );
        assert_eq!(
            edit(Some(-1.0), None, "cuộc").check(),
            Err(TargetProblem::Negative)
        );
        assert_eq!(
            edit(Some(1.0), None, " ").check(),
            Err(TargetProblem::NoUnit)
        );
        assert!(!set_target(
            &mut p,
            line,
            0,
            &edit(Some(5.0), Some(3.0), "cuộc")
        ));
        assert!(set_target(
            &mut p,
            line,
            0,
            &edit(Some(3.0), Some(5.0), "triển lãm")
        ));
        let t = &p.all_items().find(|i| i.line == line).unwrap().targets[0];
        assert_eq!(
            (t.min, t.max, t.unit.as_str()),
            (Some(3.0), Some(5.0), "triển lãm")
        );
        assert!(!set_target(&mut p, line, 9, &edit(Some(1.0), None, "cuộc")));
    }

    #[test]
    fn a_deadline_gets_its_date_corrected_or_cleared() {
        let mut p = reading();
        let item = p.all_items().find(|i| !i.deadlines.is_empty()).unwrap();
        let (line, words) = (item.line, item.deadlines[0].text.clone());
        let day = chrono::NaiveDate::from_ymd_opt(2026, 9, 30);
        assert!(set_deadline_due(&mut p, line, 0, day));
        let d = &p.all_items().find(|i| i.line == line).unwrap().deadlines[0];
        assert_eq!((d.due, d.text.as_str()), (day, words.as_str()));
        assert!(set_deadline_due(&mut p, line, 0, None));
        assert!(!set_deadline_due(&mut p, line, 5, day));
    }
}
