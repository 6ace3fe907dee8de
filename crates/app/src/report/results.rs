//! Section II in sentences, one part per top-level item of the plan: what the units
//! reported in the period, each target with its figure as of the period's end, the events
//! held and the delegations that went, the units that did the work, and what has not
//! started yet, in one sentence.

use super::compose::Facts;
use super::figures;
use super::flat::Flat;
use super::text::{and_list, brief, closed, gather, many_units, title};
use domain::{EventFormat, EventKind, ItemStatus, Language, UnitRelation, format_date};
use reports::official_report::ResultSection;
use store::{DelegationRecord, EventRecord};
use vntext::text::fold;

/// Most events or not-started items named one by one; beyond, a count.
const NAMED: usize = 10;
const NAMED_NOT_STARTED: usize = 5;

/// The sentence before the sections: who reported, truly ("no unit has reported" when
/// none did).
pub(super) fn intro(f: &Facts) -> String {
    let period = f.period.label(Language::Vi);
    let mut units: Vec<&str> = Vec::new();
    for t in f.texts {
        if !units.contains(&t.unit_name.as_str()) {
            units.push(&t.unit_name);
        }
    }
    let held = f.events.values().map(Vec::len).sum::<usize>();
    let events = if held > 0 {
        format!("; {held} sự kiện gắn với Kế hoạch đã diễn ra")
    } else {
        String::new()
    };
    if units.is_empty() {
        return format!(
            "Trong {period}, chưa có đơn vị nào gửi báo cáo tiến độ{events}. Kết quả dưới đây \
             tổng hợp từ số liệu và tình trạng các nhiệm vụ tính đến ngày {}:",
            format_date(f.period.end())
        );
    }
    let who = if units.len() <= 3 {
        and_list(&units.iter().map(|u| u.to_string()).collect::<Vec<_>>())
    } else {
        format!("{} đơn vị", units.len())
    };
    let mut items: Vec<_> = f.texts.iter().map(|t| t.item_id).collect();
    items.sort();
    items.dedup();
    format!(
        "Trong {period}, {who} đã gửi {} báo cáo tiến độ về {} nội dung, nhiệm vụ{events}. \
         Kết quả thực hiện từng nội dung như sau:",
        f.texts.len(),
        items.len()
    )
}

/// One part per top-level item, in document order.
pub(super) fn sections(f: &Facts) -> Vec<ResultSection> {
    f.tops().map(|top| section(f, top)).collect()
}

fn section(f: &Facts, top: usize) -> ResultSection {
    let head = &f.flat[top];
    let members: Vec<&Flat> = f.under(top).collect();
    let mut paragraphs = Vec::new();
    paragraphs.extend(progress(&members));
    let said = gather(members.iter().flat_map(|m| {
        f.texts_of
            .get(&m.id())
            .into_iter()
            .flatten()
            .map(|t| (t.text.as_str(), t.unit_name.as_str()))
    }));
    let events = f.events.get(&top).map(Vec::as_slice).unwrap_or_default();
    let trips = f.trips.get(&top).map(Vec::as_slice).unwrap_or_default();
    if said.is_empty() && events.is_empty() && trips.is_empty() {
        paragraphs.push("Trong kỳ, các đơn vị chưa báo cáo kết quả thực hiện nội dung này.".into());
    }
    let attributed = many_units(&said);
    paragraphs.extend(said.iter().map(|s| s.line(attributed)));
    for m in &members {
        for t in f.targets_of.get(&m.id()).into_iter().flatten() {
            paragraphs.push(figures::sentence(&brief(&m.node.item.title), t));
        }
    }
    paragraphs.extend(events_held(f, events));
    paragraphs.extend(trips.iter().map(|d| trip(d)));
    paragraphs.extend(units_at_work(f, &members, events));
    paragraphs.extend(not_started(&members));
    ResultSection {
        heading: format!("{} {}", head.stt, title(&head.node.item.title))
            .trim()
            .to_string(),
        paragraphs,
    }
}

/// The work items (no sub-items) of the part.
fn work<'a, 'b>(members: &'b [&'b Flat<'a>]) -> impl Iterator<Item = &'b Flat<'a>> + 'b {
    members.iter().copied().filter(|m| m.leaf)
}

/// "Đã hoàn thành 2/9 nhiệm vụ; 3 nhiệm vụ đang thực hiện." when something moved.
fn progress(members: &[&Flat]) -> Option<String> {
    let total = work(members).count();
    let count = |s: ItemStatus| work(members).filter(|m| m.status == s).count();
    let (done, doing) = (count(ItemStatus::Done), count(ItemStatus::InProgress));
    match (done, doing) {
        (0, 0) => None,
        (_, 0) => Some(format!("Đã hoàn thành {done}/{total} nhiệm vụ.")),
        (0, _) => Some(format!("{doing}/{total} nhiệm vụ đang thực hiện.")),
        _ => Some(format!(
            "Đã hoàn thành {done}/{total} nhiệm vụ; {doing} nhiệm vụ đang thực hiện."
        )),
    }
}

/// "Trong kỳ đã diễn ra 3 sự kiện:" and one line each (the first [`NAMED`]); online
/// sessions, which come by the dozen, in one line.
fn events_held(f: &Facts, events: &[&EventRecord]) -> Vec<String> {
    if events.is_empty() {
        return Vec::new();
    }
    let (sessions, others): (Vec<&EventRecord>, Vec<&EventRecord>) = events
        .iter()
        .partition(|e| e.kind == EventKind::OnlineSession);
    let mut out = vec![format!("Trong kỳ đã diễn ra {} sự kiện:", events.len())];
    let mut lines: Vec<String> = Vec::new();
    match sessions.len() {
        0 => {}
        1 => lines.push(event_line(f, sessions[0])),
        _ => lines.push(sessions_line(&sessions)),
    }
    lines.extend(others.iter().map(|e| event_line(f, e)));
    let named = lines.len().min(NAMED);
    let rest = lines.len() - named;
    out.extend(lines.into_iter().take(named));
    if rest > 0 {
        out.push(format!("- Và {rest} sự kiện khác."));
    }
    out
}

/// "- 12 phiên họp trực tuyến trong Mạng lưới, từ ngày 16/01/2025 đến ngày 26/06/2025
/// (quy mô Đông Nam Á, toàn cầu)."
fn sessions_line(sessions: &[&EventRecord]) -> String {
    let days: Vec<_> = sessions
        .iter()
        .filter_map(|e| e.times().map(|t| t.start_date()))
        .collect();
    let span = match (days.iter().min(), days.iter().max()) {
        (Some(a), Some(b)) => format!(", từ ngày {} đến ngày {}", format_date(*a), format_date(*b)),
        _ => String::new(),
    };
    let mut scopes: Vec<&str> = Vec::new();
    for e in sessions {
        let s = e.scope.label(Language::Vi);
        if !scopes.contains(&s) {
            scopes.push(s);
        }
    }
    format!(
        "- {} phiên họp trực tuyến trong Mạng lưới{span} (quy mô {}).",
        sessions.len(),
        scopes.join(", ")
    )
}

/// Whether the title already names the kind ("Tọa đàm "…"", "Workshop …"): then it is
/// not said twice.
fn names_its_kind(title: &str, kind: EventKind) -> bool {
    let t = fold(title);
    fold(kind.label(Language::Vi))
        .split('/')
        .any(|k| t.starts_with(k.trim()))
}

/// "- Phiên họp trực tuyến “…” (ngày 12/03/2025, trực tuyến, quy mô Đông Nam Á; kết quả: …)."
pub(super) fn event_line(f: &Facts, e: &EventRecord) -> String {
    let when = match e.times() {
        Some(t) if t.start_local.date() != t.end_local.date() => format!(
            "từ {} đến {}",
            format_date(t.start_local.date()),
            format_date(t.end_local.date())
        ),
        Some(t) => format!("ngày {}", format_date(t.start_date())),
        None => String::new(),
    };
    let venue = e.venue.trim();
    let place = match (e.format, venue.is_empty()) {
        (EventFormat::Online, _) => "trực tuyến".to_string(),
        (EventFormat::Hybrid, false) => format!("tại {venue} và trực tuyến"),
        (EventFormat::Hybrid, true) => "trực tiếp và trực tuyến".to_string(),
        (EventFormat::InPerson, false) => format!("tại {venue}"),
        (EventFormat::InPerson, true) => String::new(),
    };
    let scope = format!("quy mô {}", e.scope.label(Language::Vi));
    let facts: Vec<String> = [when, place, scope]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let by: Vec<String> = e
        .units
        .iter()
        .filter(|(_, r)| *r == UnitRelation::Lead)
        .map(|(u, _)| f.unit(*u))
        .filter(|n| !n.is_empty())
        .collect();
    let by = if by.is_empty() {
        String::new()
    } else {
        format!(", {} chủ trì", by.join(", "))
    };
    let outcome = match e.outcome.trim() {
        "" => String::new(),
        o => format!("; kết quả: {}", o.trim_end_matches('.')),
    };
    let named = title(&e.title);
    if names_its_kind(&named, e.kind) {
        return format!("- {named} ({}{by}){outcome}.", facts.join(", "));
    }
    let kind = e.kind.label(Language::Vi);
    let mut kind_chars = kind.chars();
    let kind: String = kind_chars
        .next()
        .map(|c| c.to_uppercase().chain(kind_chars).collect())
        .unwrap_or_default();
    format!("- {kind} “{named}” ({}{by}){outcome}.", facts.join(", "))
}

/// "- Đoàn công tác “…” đi Pécs, Hungary từ 03/05/2025 đến 08/05/2025; kết quả: …."
fn trip(d: &DelegationRecord) -> String {
    let report = match d.report.trim() {
        "" => format!(" ({})", d.status.label(Language::Vi)),
        r => format!("; kết quả: {}", r.trim_end_matches('.')),
    };
    format!(
        "- Đoàn công tác “{}” đi {} từ {} đến {}{report}.",
        title(&d.title),
        d.destination.trim(),
        format_date(d.depart),
        format_date(d.back)
    )
}

/// "Đơn vị thực hiện: A (chủ trì); B, C (phối hợp)." over the items with reports or events
/// in the period (their units in effect).
fn units_at_work(f: &Facts, members: &[&Flat], events: &[&EventRecord]) -> Option<String> {
    let active = |m: &&&Flat| {
        f.texts_of.contains_key(&m.id()) || events.iter().any(|e| e.items.contains(&m.id()))
    };
    let (mut lead, mut coord): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for m in members.iter().filter(active) {
        for u in &m.lead {
            if !lead.contains(u) {
                lead.push(u.clone());
            }
        }
        for u in &m.coord {
            if !coord.contains(u) && !lead.contains(u) {
                coord.push(u.clone());
            }
        }
    }
    coord.retain(|u| !lead.contains(u));
    let mut parts = Vec::new();
    if !lead.is_empty() {
        parts.push(format!("{} (chủ trì)", lead.join(", ")));
    }
    if !coord.is_empty() {
        parts.push(format!("{} (phối hợp)", coord.join(", ")));
    }
    (!parts.is_empty()).then(|| format!("Đơn vị thực hiện: {}.", parts.join("; ")))
}

/// One sentence for the work items not started: named briefly, or counted when many.
fn not_started(members: &[&Flat]) -> Option<String> {
    let waiting: Vec<&Flat> = work(members)
        .filter(|m| m.status == ItemStatus::NotStarted)
        .collect();
    match waiting.len() {
        0 => None,
        n if n > NAMED_NOT_STARTED => Some(format!("Còn {n} nhiệm vụ chưa triển khai.")),
        n => Some(closed(&format!(
            "Còn {n} nhiệm vụ chưa triển khai: {}",
            waiting
                .iter()
                .map(|m| lower_brief(m))
                .collect::<Vec<_>>()
                .join("; ")
        ))),
    }
}

fn lower_brief(m: &Flat) -> String {
    super::text::lower_first(&brief(&m.node.item.title))
}
