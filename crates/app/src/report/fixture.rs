//! Test data for the pure composition: a plan built by hand (the seed's titles), its item
//! states, targets, reports, events and delegations, without a database.

use chrono::NaiveDate;
use domain::tracking::{EffectiveUnits, ItemState};
use domain::{
    DelegationId, DelegationStatus, Dong, EventFormat, EventId, EventKind, EventScope, EventStatus,
    EventTimes, ItemId, ItemStatus, Organiser, PlanId, UnitId, UnitRelation,
};
use store::{
    DelegationRecord, EventRecord, ItemNode, ItemRecord, ItemUnitRef, PlanRecord, PlanView,
    ReportText, TargetProgress, TargetSource, UnitRef,
};

/// The seed plan's exact title.
pub const SEED_TITLE: &str = "Tham gia với vai trò thành viên, tham dự hội nghị, diễn đàn \
                              Mạng lưới các thành phố Sáng tạo của UNESCO năm 2025";

pub const QLDS: UnitId = UnitId(1);
pub const MUSEUM: UnitId = UnitId(2);
pub const OFFICE: UnitId = UnitId(3);

pub fn unit_name(u: UnitId) -> &'static str {
    match u.0 {
        1 => "Phòng Quản lý Di sản văn hóa",
        2 => "Bảo tàng Hà Nội",
        3 => "Văn phòng Sở",
        _ => "Đơn vị khác",
    }
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An item with its own units ((unit, relation)).
pub fn item(
    id: i64,
    numbering: Option<&str>,
    title: &str,
    units: Vec<(UnitId, UnitRelation)>,
) -> ItemNode {
    ItemNode {
        item: ItemRecord {
            id: ItemId(id),
            plan_id: PlanId(1),
            parent_id: None,
            appendix_id: None,
            position: 0,
            depth: 0,
            numbering: numbering.map(str::to_string),
            title: title.to_string(),
            text: String::new(),
            source_line: None,
            added: false,
            status: ItemStatus::NotStarted,
            status_reason: None,
            start: Some(d(2025, 1, 1)),
            due: Some(d(2025, 12, 31)),
            version: 1,
        },
        units: units
            .into_iter()
            .map(|(u, relation)| ItemUnitRef {
                unit: UnitRef {
                    id: u,
                    name: unit_name(u).to_string(),
                    external: false,
                },
                relation,
            })
            .collect(),
        targets: Vec::new(),
        deadlines: Vec::new(),
        children: Vec::new(),
    }
}

pub fn plan(items: Vec<ItemNode>) -> PlanView {
    PlanView {
        plan: PlanRecord {
            id: PlanId(1),
            kind: "Kế hoạch".into(),
            kind_code: Some("KH".into()),
            number: None,
            symbol: None,
            issuer: Some("Sở Văn hóa và Thể thao Hà Nội".into()),
            parent_issuer: None,
            place: None,
            date: None,
            year: Some(2025),
            title: SEED_TITLE.into(),
            budget_text: None,
            signer_authority: None,
            signer_title: Some("GIÁM ĐỐC".into()),
            signer_name: Some("Đỗ Đình Hồng".into()),
            source_name: "hanoi-2025-uccn.txt".into(),
            source_sha256: String::new(),
            imported_at: 0,
            imported_by: None,
        },
        legal_basis: Vec::new(),
        purposes: Vec::new(),
        requirements: Vec::new(),
        items,
        appendices: Vec::new(),
        responsibilities: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Every item's state as the store would compute it: units in effect from the nearest
/// ancestor naming some, overdue at `as_of`.
pub fn states(p: &PlanView, as_of: NaiveDate) -> Vec<ItemState> {
    fn walk(
        n: &ItemNode,
        inherited: Option<&ItemNode>,
        as_of: NaiveDate,
        out: &mut Vec<ItemState>,
    ) {
        let (owner, inherited_flag) = if n.units.is_empty() {
            (inherited, inherited.is_some())
        } else {
            (Some(n), false)
        };
        out.push(ItemState {
            id: n.item.id,
            units: EffectiveUnits {
                units: owner
                    .map(|o| o.units.iter().map(|u| (u.unit.id, u.relation)).collect())
                    .unwrap_or_default(),
                inherited: inherited_flag,
            },
            status: n.item.status,
            due: n.item.due,
            overdue: domain::tracking::is_overdue(n.item.status, n.item.due, as_of),
            percent: None,
            latest_report: None,
            rollup: None,
        });
        for c in &n.children {
            walk(c, owner, as_of, out);
        }
    }
    let mut out = Vec::new();
    for n in &p.items {
        walk(n, None, as_of, &mut out);
    }
    out
}

pub fn target(
    id: i64,
    item: i64,
    min: f64,
    max: f64,
    unit: &str,
    actual: Option<f64>,
) -> TargetProgress {
    TargetProgress {
        target_id: id,
        item_id: ItemId(item),
        min: Some(min),
        max: Some(max),
        unit: unit.into(),
        per: (unit == "cuộc").then(|| "năm".to_string()),
        text: String::new(),
        source: TargetSource::Entered,
        actual,
        reported: actual,
        attainment: actual.map(|a| domain::attainment(a, Some(min), Some(max))),
    }
}

pub fn text(
    item: i64,
    unit: UnitId,
    said: &str,
    difficulties: &str,
    proposals: &str,
) -> ReportText {
    ReportText {
        item_id: ItemId(item),
        unit_id: unit,
        unit_name: unit_name(unit).into(),
        period: "2025-Q2".into(),
        period_end: d(2025, 6, 30),
        text: said.into(),
        difficulties: difficulties.into(),
        proposals: proposals.into(),
        percent: None,
    }
}

pub fn event(id: i64, title: &str, kind: EventKind, day: NaiveDate, items: &[i64]) -> EventRecord {
    let start = day.and_hms_opt(14, 0, 0).unwrap();
    let times = EventTimes::resolve(
        "Asia/Ho_Chi_Minh",
        start,
        start + chrono::Duration::hours(2),
    )
    .unwrap();
    EventRecord {
        id: EventId(id),
        title: title.into(),
        kind,
        scope: EventScope::SoutheastAsia,
        format: EventFormat::Online,
        organiser: Organiser::Unesco,
        organiser_name: String::new(),
        topic: String::new(),
        status: EventStatus::Held,
        time_zone: "Asia/Ho_Chi_Minh".into(),
        start_at: times.start.timestamp(),
        end_at: times.end.timestamp(),
        venue: String::new(),
        online_url: String::new(),
        outcome: String::new(),
        units: vec![(QLDS, UnitRelation::Lead)],
        items: items.iter().map(|i| ItemId(*i)).collect(),
        version: 1,
        created_at: 0,
        updated_at: 0,
    }
}

pub fn delegation(
    title: &str,
    depart: NaiveDate,
    status: DelegationStatus,
    report: &str,
) -> DelegationRecord {
    DelegationRecord {
        id: DelegationId(1),
        title: title.into(),
        purpose: String::new(),
        destination: "Pécs, Hungary".into(),
        depart,
        back: depart + chrono::Days::new(5),
        estimated_cost: Dong::new(0).unwrap(),
        status,
        lead_unit: QLDS,
        event_id: Some(EventId(1)),
        members: Vec::new(),
        report: report.into(),
        reported_at: None,
        version: 1,
        budget_item: None,
    }
}
