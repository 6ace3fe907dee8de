//! `sangtao dev demo`: a year of work on the built-in Hanoi plan, done through the same
//! store calls the pages make, each on its day (the store is seen through a clock set to
//! that day, so the audit log, statuses and as-of figures read as they would have).
//! What happens is the pure [`script`]; this module finds its items and units in the plan,
//! makes one demo account per unit, and plays it.

mod public;
mod quarters;
pub mod script;

use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone};
use domain::{
    Actor, DelegationStatus, EventStatus, EventTimes, ItemId, ItemStatus, ManualClock, Percent,
    PlanId, Role, UnitId, UserId,
};
use script::{Act, Held, Published, Report, Step, TripStep, Who};
use std::collections::HashMap;
use std::sync::Arc;
use store::{DelegationInput, EventInput, ItemNode, NewReport, NewUser, Store, StoreError};
use vntext::text::fold;

/// Why the demo could not be loaded; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("Không tìm thấy Kế hoạch số {0}. Dùng `sangtao plan list` để xem các kế hoạch.")]
    NoPlan(i64),
    #[error(
        "Bộ dữ liệu minh họa viết cho Kế hoạch mẫu của Hà Nội: Kế hoạch này không có {what} «{fragment}». Hãy chạy trên cơ sở dữ liệu mới (--data-dir)."
    )]
    NotTheSeed {
        what: &'static str,
        fragment: String,
    },
    #[error(
        "Kế hoạch đã có dữ liệu (tài khoản {0} đã tồn tại hoặc đã có báo cáo): bộ dữ liệu minh họa chỉ nạp một lần, vào cơ sở dữ liệu mới."
    )]
    AlreadyLoaded(String),
    #[error("Kế hoạch chưa có năm: bộ dữ liệu minh họa cần năm của Kế hoạch.")]
    NoYear,
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Rule(String),
}

/// What the demo made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub events: usize,
    pub media: usize,
    /// Publications on the public site.
    pub published: usize,
    pub reports: usize,
    pub done: usize,
    pub delegations: usize,
    /// Documents issued, inspections and meetings recorded for section I.
    pub directions: usize,
    /// (login, display name) of the demo accounts, which share one password.
    pub accounts: Vec<(String, String)>,
}

/// The plan's items, found by a fragment of their folded title (`script::items`).
struct Items(Vec<(String, ItemId, Option<i64>)>);

impl Items {
    fn of(nodes: &[ItemNode]) -> Items {
        fn walk(n: &ItemNode, out: &mut Vec<(String, ItemId, Option<i64>)>) {
            out.push((
                fold(&n.item.title),
                n.item.id,
                n.targets.first().map(|t| t.id),
            ));
            n.children.iter().for_each(|c| walk(c, out));
        }
        let mut out = Vec::new();
        nodes.iter().for_each(|n| walk(n, &mut out));
        Items(out)
    }

    fn find(&self, fragment: &str) -> Result<(ItemId, Option<i64>), DemoError> {
        self.0
            .iter()
            .find(|(title, ..)| title.contains(fragment))
            .map(|(_, id, target)| (*id, *target))
            .ok_or_else(|| DemoError::NotTheSeed {
                what: "nội dung",
                fragment: fragment.to_string(),
            })
    }
}

/// Loads the demo year into `plan`, with `password` for every demo account (they must
/// change it at first sign-in).
pub async fn run(store: &Store, plan: PlanId, password: &str) -> Result<DemoSummary, DemoError> {
    let view = store.plan(plan).await?.ok_or(DemoError::NoPlan(plan.0))?;
    let year = view.plan.year.ok_or(DemoError::NoYear)?;
    let items = Items::of(&view.items);
    let steps = script::script();
    for s in &steps {
        check_items(&items, &s.act)?;
    }
    let states = store.plan_states(plan, store.clock().today()).await?;
    if states.iter().any(|s| s.latest_report.is_some()) {
        return Err(DemoError::AlreadyLoaded("—".into()));
    }
    let mut summary = DemoSummary::default();
    let actors = accounts(store, password, &mut summary).await?;
    let clock = ManualClock::shared(at(year, 1, 2, 8));
    let mut player = Player {
        store: store.with_clock(clock.clone()),
        clock,
        plan,
        items,
        actors,
        year,
        trip: None,
        conference: None,
        summary,
    };
    for step in &steps {
        player.play(step).await?;
    }
    let (lead, board) = (player.actor(Who::Heritage), player.actor(Who::Board));
    player.summary.published = public::publish_year(&player.store, plan, lead, board).await?;
    Ok(player.summary)
}

fn check_items(items: &Items, act: &Act) -> Result<(), DemoError> {
    let fragment = match act {
        Act::Event(e) => e.item,
        Act::Media(m) => m.item,
        Act::Report(r) => r.item,
        Act::Done(i) => i,
        Act::Trip(_) => script::items::TRIP,
        Act::Direction(_) => return Ok(()),
    };
    items.find(fragment).map(|_| ())
}

/// One account per unit the script acts as, and the Board's.
async fn accounts(
    store: &Store,
    password: &str,
    summary: &mut DemoSummary,
) -> Result<HashMap<Who, Actor>, DemoError> {
    let units = store.list_units().await?;
    let hash =
        domain::password::hash_password(password).map_err(|e| DemoError::Rule(e.to_string()))?;
    let mut out = HashMap::new();
    for who in Who::UNITS.into_iter().chain([Who::Board]) {
        if store.user_by_login(who.login()).await?.is_some() {
            return Err(DemoError::AlreadyLoaded(who.login().into()));
        }
        let (roles, unit_ids) = match who {
            Who::Board => (vec![Role::Board], vec![]),
            _ => {
                let unit = units
                    .iter()
                    .find(|u| fold(&u.name).contains(who.unit_fragment()))
                    .ok_or_else(|| DemoError::NotTheSeed {
                        what: "đơn vị",
                        fragment: who.unit_fragment().into(),
                    })?;
                let role = if unit.external {
                    Role::Partner
                } else {
                    Role::Staff
                };
                (vec![role], vec![unit.id])
            }
        };
        let user_id = store
            .create_user(NewUser {
                login: who.login().into(),
                display_name: who.display_name().into(),
                password_hash: hash.clone(),
                must_change_password: true,
                language: domain::Language::Vi,
                roles: roles.clone(),
                unit_ids: unit_ids.clone(),
            })
            .await?;
        summary
            .accounts
            .push((who.login().into(), who.display_name().into()));
        out.insert(who, actor(user_id, roles, unit_ids));
    }
    Ok(out)
}

fn actor(user_id: UserId, roles: Vec<Role>, unit_ids: Vec<UnitId>) -> Actor {
    Actor {
        user_id,
        roles,
        unit_ids,
        active: true,
    }
}

/// Hanoi local time on a day of the year, as UTC.
fn at(year: i32, month: u32, day: u32, hour: u32) -> chrono::DateTime<chrono::Utc> {
    let local = NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .expect("a real day");
    // Vietnam keeps UTC+7 all year.
    chrono::FixedOffset::east_opt(7 * 3600)
        .expect("a valid offset")
        .from_local_datetime(&local)
        .single()
        .expect("a fixed offset has no gaps")
        .with_timezone(&chrono::Utc)
}

struct Player {
    store: Store,
    clock: Arc<ManualClock>,
    plan: PlanId,
    items: Items,
    actors: HashMap<Who, Actor>,
    year: i32,
    /// The delegation, once drafted, and its version.
    trip: Option<(domain::DelegationId, i64)>,
    conference: Option<domain::EventId>,
    summary: DemoSummary,
}

impl Player {
    async fn play(&mut self, step: &Step) -> Result<(), DemoError> {
        let day = step.date(self.year);
        // Late in the day: the day's events have ended.
        self.clock.set(at(self.year, day.month(), day.day(), 20));
        match &step.act {
            Act::Event(e) => self.event(day, e).await,
            Act::Media(m) => self.media(day, m).await,
            Act::Report(r) => self.report(r).await,
            Act::Done(item) => self.done(item).await,
            Act::Trip(t) => self.trip(*t).await,
            Act::Direction(d) => self.direction(day, d).await,
        }
    }

    fn actor(&self, who: Who) -> &Actor {
        &self.actors[&who]
    }

    /// The event's times: it ends on `last` (the script's day), two hours after its start
    /// hour, and began `days - 1` days before.
    fn times(e: &Held, last: NaiveDate) -> Result<EventTimes, DemoError> {
        let first = last - chrono::Days::new(u64::from(e.days - 1));
        let hour = |d: NaiveDate, h| d.and_time(NaiveTime::from_hms_opt(h, 0, 0).expect("an hour"));
        EventTimes::resolve(e.zone, hour(first, e.hour), hour(last, e.hour + 2))
            .map_err(|x| DemoError::Rule(x.to_string()))
    }

    fn event_input(
        &self,
        e: &Held,
        times: EventTimes,
        status: EventStatus,
    ) -> Result<EventInput, DemoError> {
        let (item, _) = self.items.find(e.item)?;
        Ok(EventInput {
            title: e.title.clone(),
            kind: e.kind,
            scope: e.scope,
            format: e.format,
            organiser: e.organiser,
            organiser_name: e.organiser_name.into(),
            topic: String::new(),
            times,
            venue: e.venue.into(),
            online_url: String::new(),
            lead_units: self.actor(Who::Heritage).unit_ids.clone(),
            coordinating_units: self.actor(Who::Museum).unit_ids.clone(),
            items: vec![item],
            status,
        })
    }

    /// An event on its last day: recorded as held, or (the conference, planned with the
    /// delegation) moved to held.
    async fn event(&mut self, day: NaiveDate, e: &Held) -> Result<(), DemoError> {
        let who = self.actor(Who::Heritage).clone();
        let id = match self
            .conference
            .filter(|_| e.kind == domain::EventKind::Conference)
        {
            Some(id) => {
                let version = self
                    .store
                    .event(id)
                    .await?
                    .map(|ev| ev.version)
                    .ok_or_else(|| DemoError::Rule("the conference vanished".into()))?;
                self.store
                    .set_event_status(id, version, EventStatus::Held, &who)
                    .await?;
                id
            }
            None => {
                let input = self.event_input(e, Self::times(e, day)?, EventStatus::Held)?;
                self.summary.events += 1;
                self.store.create_event(&input, &who).await?
            }
        };
        self.store.set_event_outcome(id, e.outcome, &who).await?;
        Ok(())
    }

    async fn direction(&mut self, day: NaiveDate, d: &script::Direction) -> Result<(), DemoError> {
        let input = domain::oversight::DirectionInput::parse(
            domain::oversight::DirectionForm {
                kind: d.kind,
                number: d.number,
                date: &domain::format_date(day),
                summary: d.summary,
            },
            day,
        )
        .map_err(|e| DemoError::Rule(format!("{e:?}")))?;
        let board = self.actor(Who::Board).clone();
        self.store
            .add_direction(self.plan, &input, &[], &board)
            .await?;
        self.summary.directions += 1;
        Ok(())
    }

    /// A media work recorded by the lead unit and taken through its stages to published
    /// on the day, the Board approving, as the pages do it.
    async fn media(&mut self, day: NaiveDate, m: &Published) -> Result<(), DemoError> {
        use domain::media::{Duration, MediaKind, MediaStage};
        let (item, _) = self.items.find(m.item)?;
        self.summary.media += 1;
        let kind: MediaKind = m
            .kind
            .parse()
            .map_err(|e| DemoError::Rule(format!("{e}")))?;
        let (field, value) = m.measure;
        let lead = self.actor(Who::Heritage).clone();
        let input = store::MediaInput {
            kind,
            title: m.title.into(),
            title_en: String::new(),
            summary: String::new(),
            summary_en: String::new(),
            unit: lead.unit_ids[0],
            item: Some(item),
            event: None,
            contract: None,
            duration: (field == "minutes")
                .then(|| Duration::from_seconds((value * 60.0) as i64))
                .flatten(),
            pages: (field == "pages").then_some(value as i64),
            languages: "vi".into(),
            print_run: None,
            format: String::new(),
            stage_plans: Vec::new(),
        };
        let id = self.store.create_media_work(&input, &lead).await?;
        let board = self.actor(Who::Board).clone();
        let mut version = 1;
        for stage in &MediaStage::ALL[1..] {
            let who = if *stage == MediaStage::Approved {
                &board
            } else {
                &lead
            };
            let on = (*stage == MediaStage::Published).then_some(day);
            version = self
                .store
                .move_media_stage(id, version, *stage, on, who)
                .await?;
        }
        Ok(())
    }

    async fn report(&mut self, r: &Report) -> Result<(), DemoError> {
        let (item, target) = self.items.find(r.item)?;
        let rule = |e: domain::TrackingError| DemoError::Rule(e.to_string());
        let figures = match (target, r.figure) {
            (Some(t), Some(v)) => vec![(t, domain::Figure::new(v).map_err(rule)?)],
            _ => vec![],
        };
        let targets: Vec<i64> = target.into_iter().collect();
        let content = domain::ReportContent::with_notes(
            r.text,
            r.difficulties,
            r.proposals,
            Some(Percent::new(r.percent).map_err(rule)?),
            figures,
            &targets,
        )
        .map_err(rule)?;
        let who = self.actor(r.unit).clone();
        self.store
            .file_report(
                &NewReport {
                    item_id: item,
                    unit_id: who.unit_ids[0],
                    period: domain::Period::Quarter(self.year, r.quarter),
                    content,
                    evidence: vec![],
                },
                &who,
            )
            .await?;
        self.summary.reports += 1;
        Ok(())
    }

    async fn done(&mut self, fragment: &str) -> Result<(), DemoError> {
        let (item, _) = self.items.find(fragment)?;
        let it = self
            .store
            .item_tracking(item)
            .await?
            .ok_or_else(|| DemoError::Rule(format!("item {} vanished", item.0)))?;
        let who = self.actor(Who::Heritage).clone();
        self.store
            .set_item_status(item, it.version, ItemStatus::Done, None, &who)
            .await?;
        self.summary.done += 1;
        Ok(())
    }

    async fn trip(&mut self, step: TripStep) -> Result<(), DemoError> {
        let staff = self.actor(Who::Heritage).clone();
        let board = self.actor(Who::Board).clone();
        let version = match (step, self.trip) {
            (TripStep::Draft, _) => {
                // The conference is planned first, so that the delegation names it.
                let c = script::conference();
                let (m, d) = script::CONFERENCE_DAY;
                let last =
                    NaiveDate::from_ymd_opt(self.year, m, d + c.days - 1).expect("a real day");
                let input = self.event_input(&c, Self::times(&c, last)?, EventStatus::Planned)?;
                self.conference = Some(self.store.create_event(&input, &staff).await?);
                self.summary.events += 1;
                let input = self.trip_input(&staff)?;
                let id = self.store.create_delegation(&input, &staff).await?;
                self.summary.delegations += 1;
                self.trip = Some((id, 1));
                return Ok(());
            }
            (_, None) => return Err(DemoError::Rule("the delegation was not drafted".into())),
            (_, Some(t)) => t,
        };
        let (id, v) = version;
        let next = match step {
            TripStep::Submit => self.store.set_delegation_status(id, v, DelegationStatus::Submitted, &staff).await?,
            TripStep::Approve => self.store.set_delegation_status(id, v, DelegationStatus::Approved, &board).await?,
            TripStep::Travel => self.store.set_delegation_status(id, v, DelegationStatus::Travelled, &staff).await?,
            TripStep::Report => {
                self.store
                    .file_delegation_report(
                        id,
                        v,
                        "Đoàn dự các phiên toàn thể và phiên của nhóm các Thành phố Thiết kế, trình bày tham luận \"Không gian sáng tạo từ di sản đô thị Hà Nội\" và thống nhất với Thành phố Bandung tổ chức một workshop chung năm 2026.",
                        &staff,
                    )
                    .await?
            }
            TripStep::Draft => unreachable!("handled above"),
        };
        self.trip = Some((id, next));
        Ok(())
    }

    fn trip_input(&self, staff: &Actor) -> Result<DelegationInput, DemoError> {
        let (m, d) = script::CONFERENCE_DAY;
        let day = |m, d| NaiveDate::from_ymd_opt(self.year, m, d).expect("a real day");
        Ok(DelegationInput {
            title: "Đoàn công tác tham dự Hội nghị thường niên Mạng lưới các thành phố sáng tạo của UNESCO".into(),
            purpose: "Tham dự Hội nghị thường niên, trình bày tham luận của Hà Nội.".into(),
            destination: "Pháp".into(),
            depart: day(m, d - 1),
            back: day(m, d + 5),
            estimated_cost: domain::Dong::new(850_000_000).map_err(|e| DemoError::Rule(e.to_string()))?,
            lead_unit: staff.unit_ids[0],
            event_id: self.conference,
            members: vec![
                ("Đỗ Thanh Hà".into(), "Phó Giám đốc Sở, Trưởng đoàn".into()),
                ("Nguyễn Thu Hằng".into(), "Phòng Quản lý Di sản văn hóa".into()),
                ("Trần Quốc Bảo".into(), "Bảo tàng Hà Nội".into()),
            ],
            budget_item: None,
        })
    }
}
