//! From the records to the official report: the prefilled narrative (which the Board
//! edits and saves as a draft) and the assembled [`OfficialReport`]. Pure: the handler
//! loads the inputs in a fixed number of queries and calls these. Each section's wording
//! lives in its module (`subject`, `results`, `assessment`, `next`, `recipients`,
//! `appendix`); [`Facts`] is what they share, worked out once.
//!
//! The report is a Vietnamese administrative document, so its text is Vietnamese whatever
//! the interface language.

use super::draft::{DraftContent, draft_date};
use super::flat::{Flat, flatten};
use super::subject::Citation;
use super::{appendix, assessment, direction, money, next, recipients, results, subject};
use domain::budget::MoneyFigures;
use domain::tracking::ItemState;
use domain::{DelegationStatus, Department, ItemId, Period, UnitId};
use reports::official_report::{Narrative, OfficialReport, Signer};
use std::collections::HashMap;
use store::{
    DelegationRecord, DirectionRecord, EvaluationRecord, EventRecord, ItemMoney, PlanDelegation,
    PlanRecipients, PlanView, ReportText, TargetProgress,
};

/// Everything the report is made from.
pub struct Inputs<'a> {
    pub plan: &'a PlanView,
    pub period: Period,
    /// As of the period's end, as the dashboard shows them for that day.
    pub targets: &'a [TargetProgress],
    /// The latest versions of the progress reports on periods within the report's.
    pub texts: &'a [ReportText],
    pub grades: &'a HashMap<ItemId, EvaluationRecord>,
    /// Every item's state at the period's end (`domain::tracking::state`): the same
    /// units, status and overdue flag the dashboard shows for that date.
    pub states: &'a [ItemState],
    /// The events linked to the plan held within the period.
    pub events: &'a [EventRecord],
    /// The delegations that left within the period for the plan's events.
    pub delegations: &'a [PlanDelegation],
    /// Every unit's name (events and delegations name units by id).
    pub unit_names: &'a HashMap<UnitId, String>,
    /// The plan's own Nơi nhận.
    pub recipients: Option<&'a PlanRecipients>,
    /// The plan's direction records (section I tells those dated within the period).
    pub directions: &'a [DirectionRecord],
    /// The department's profile: the header's parent and issuing bodies, the symbol's
    /// code, the place, and the name the closing sentence gives.
    pub department: &'a Department,
    /// Each item's money as of the period's end (`store::Store::plan_money`).
    pub money: &'a [ItemMoney],
}

/// What the sections share, worked out once from the inputs.
pub(super) struct Facts<'a> {
    pub period: Period,
    pub flat: Vec<Flat<'a>>,
    pub targets: &'a [TargetProgress],
    pub texts: &'a [ReportText],
    pub targets_of: HashMap<ItemId, Vec<&'a TargetProgress>>,
    pub texts_of: HashMap<ItemId, Vec<&'a ReportText>>,
    /// The events held, under the top-level item (its index in `flat`) of the first item
    /// they count toward: each is told once.
    pub events: HashMap<usize, Vec<&'a EventRecord>>,
    /// The delegations that went (đã đi, đã báo cáo), placed as their events.
    pub trips: HashMap<usize, Vec<&'a DelegationRecord>>,
    pub unit_names: &'a HashMap<UnitId, String>,
    /// Each item's money as of the period's end (items with an estimate).
    pub money: HashMap<ItemId, MoneyFigures>,
    index: HashMap<ItemId, usize>,
}

impl<'a> Facts<'a> {
    pub fn of(i: &Inputs<'a>) -> Facts<'a> {
        let flat = flatten(i.plan, i.states);
        let index: HashMap<ItemId, usize> =
            flat.iter().enumerate().map(|(n, f)| (f.id(), n)).collect();
        let top_of = |items: &[ItemId]| {
            items
                .iter()
                .filter_map(|id| index.get(id).map(|&n| flat[n].top))
                .min()
        };
        let mut events: HashMap<usize, Vec<&EventRecord>> = HashMap::new();
        for e in i.events {
            if let Some(top) = top_of(&e.items) {
                events.entry(top).or_default().push(e);
            }
        }
        let mut trips: HashMap<usize, Vec<&DelegationRecord>> = HashMap::new();
        for d in i.delegations.iter().filter(|d| went(&d.delegation)) {
            if let Some(top) = top_of(&d.items) {
                trips.entry(top).or_default().push(&d.delegation);
            }
        }
        Facts {
            period: i.period,
            targets: i.targets,
            texts: i.texts,
            targets_of: by_item(i.targets, |t| t.item_id),
            texts_of: by_item(i.texts, |t| t.item_id),
            events,
            trips,
            unit_names: i.unit_names,
            money: i.money.iter().map(|m| (m.item_id, m.figures)).collect(),
            index,
            flat,
        }
    }

    /// The item's entry, if it is the plan's.
    pub fn item(&self, id: ItemId) -> Option<&Flat<'a>> {
        self.index.get(&id).map(|&n| &self.flat[n])
    }

    /// The top-level items' indexes in `flat`.
    pub fn tops(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.flat.len()).filter(|&n| self.flat[n].depth == 0)
    }

    /// A top-level item and everything under it.
    pub fn under(&self, top: usize) -> impl Iterator<Item = &Flat<'a>> + '_ {
        self.flat[top..].iter().take_while(move |f| f.top == top)
    }

    pub fn unit(&self, u: UnitId) -> String {
        self.unit_names.get(&u).cloned().unwrap_or_default()
    }

    /// The lead units of the top-level items, sorted, each once.
    pub fn top_level_leads(&self) -> Vec<String> {
        let mut leads: Vec<String> = self
            .flat
            .iter()
            .filter(|f| f.depth == 0)
            .flat_map(|f| f.lead.iter().cloned())
            .collect();
        leads.sort();
        leads.dedup();
        leads
    }
}

/// A delegation that travelled: the report tells what it did.
fn went(d: &DelegationRecord) -> bool {
    matches!(
        d.status,
        DelegationStatus::Travelled | DelegationStatus::Reported
    )
}

/// Rows grouped by their item, in the order given.
fn by_item<T>(rows: &[T], item: impl Fn(&T) -> ItemId) -> HashMap<ItemId, Vec<&T>> {
    let mut out: HashMap<ItemId, Vec<&T>> = HashMap::new();
    for r in rows {
        out.entry(item(r)).or_default().push(r);
    }
    out
}

/// The narrative prefilled from the records: what the Board starts editing from.
pub fn prefill(i: &Inputs) -> DraftContent {
    let p = &i.plan.plan;
    let facts = Facts::of(i);
    let c = Citation::of(p);
    DraftContent {
        number: String::new(),
        date: String::new(),
        subject: subject::subject(&c, i.period),
        direction: direction::section(&c, &facts.top_level_leads(), i.directions, i.period),
        results_intro: results::intro(&facts),
        achievements: assessment::achievements(&facts),
        difficulties: assessment::difficulties(&facts),
        causes: assessment::causes(&facts),
        next_tasks: next::next_tasks(&facts),
        proposals: assessment::proposals(&facts),
        // The report is the department's: "Trên đây là báo cáo của {its name} về …".
        closing: subject::closing(
            &Citation {
                issuer: i.department.full_name.clone(),
                ..c
            },
            i.period,
        ),
        recipients: recipients::default_recipients(p, i.recipients, &facts.top_level_leads()),
        signer_authority: p.signer_authority.clone().unwrap_or_default(),
        signer_title: p.signer_title.clone().unwrap_or_else(|| "GIÁM ĐỐC".into()),
        signer_name: p.signer_name.clone().unwrap_or_default(),
    }
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

/// The report to write: the draft's narrative over section II and the appendix, which
/// are rebuilt from the records each time.
pub fn assemble(i: &Inputs, d: &DraftContent) -> OfficialReport {
    let facts = Facts::of(i);
    let (results, appendix) = appendix::item_rows(&facts, i.grades);
    OfficialReport {
        // The department's profile, not the plan's header: the report is the
        // department's document whatever plan it reports on.
        parent_agency: i.department.parent.clone(),
        agency: i.department.issuer.clone(),
        number: Some(d.number.trim().to_string()).filter(|n| !n.is_empty()),
        symbol: i.department.report_symbol(),
        place: i.department.place.clone(),
        date: draft_date(d),
        year: i.period.year(),
        subject: d.subject.clone(),
        narrative: narrative(d),
        sections: results::sections(&facts),
        results,
        money: money::summary(&facts),
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
