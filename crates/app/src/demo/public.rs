//! The demo's public site: at the year's end the department publishes its media works,
//! the events it held in person, a few of Hà Nội's creative spaces and the plan's
//! summary, each proposed by the lead unit and published by the Board, as the
//! "Công bố" pages do.

use super::DemoError;
use domain::Actor;
use domain::publishing::{PublicKind, PublicationState, SpaceKind};
use store::{PublicationInput, SpaceInput, Store};

/// Creative spaces of the catalogue: (name, English name, kind, address, latitude,
/// longitude, opening hours). Coordinates are approximate (to about 100 m).
const SPACES: &[(&str, &str, SpaceKind, &str, f64, f64, &str)] = &[
    (
        "Phố sách Hà Nội",
        "Hanoi Book Street",
        SpaceKind::CreativeHub,
        "Phố 19 Tháng 12, Hoàn Kiếm",
        21.0254,
        105.8487,
        "8:00–22:00",
    ),
    (
        "Hoàng thành Thăng Long",
        "Imperial Citadel of Thăng Long",
        SpaceKind::Heritage,
        "19C Hoàng Diệu, Ba Đình",
        21.0352,
        105.8403,
        "8:00–17:00, trừ thứ Hai",
    ),
    (
        "Bảo tàng Hà Nội",
        "Hanoi Museum",
        SpaceKind::Museum,
        "Phạm Hùng, Nam Từ Liêm",
        21.0103,
        105.7847,
        "8:00–17:00, trừ thứ Hai",
    ),
    (
        "Làng gốm Bát Tràng",
        "",
        SpaceKind::CraftVillage,
        "Bát Tràng, Gia Lâm",
        20.9757,
        105.9130,
        "7:30–17:30",
    ),
    (
        "Phố bích họa Phùng Hưng",
        "Phùng Hưng mural street",
        SpaceKind::Gallery,
        "Phố Phùng Hưng, Hoàn Kiếm",
        21.0364,
        105.8467,
        "",
    ),
];

/// Proposes and publishes one subject; returns nothing, counts in `made`.
async fn publish(
    store: &Store,
    input: PublicationInput,
    lead: &Actor,
    board: &Actor,
    made: &mut usize,
) -> Result<(), DemoError> {
    let id = store.propose_publication(&input, lead).await?;
    let v = store
        .move_publication(id, 1, PublicationState::Review, lead)
        .await?;
    store
        .move_publication(id, v, PublicationState::Published, board)
        .await?;
    *made += 1;
    Ok(())
}

fn input(kind: PublicKind, subject_id: i64, title: &str, title_en: &str) -> PublicationInput {
    PublicationInput {
        kind,
        subject_id,
        title: title.into(),
        title_en: title_en.into(),
        summary: String::new(),
        summary_en: String::new(),
        embargo_until: None,
        targets: Vec::new(),
    }
}

/// Publishes the year's public face; returns how many publications it made.
pub(super) async fn publish_year(
    store: &Store,
    plan: domain::PlanId,
    lead: &Actor,
    board: &Actor,
) -> Result<usize, DemoError> {
    let mut made = 0;
    for w in store.list_media_works(&Default::default()).await? {
        let p = input(PublicKind::MediaWork, w.id.0, &w.title, "");
        publish(store, p, lead, board, &mut made).await?;
    }
    let events = store.list_events(&Default::default()).await?;
    for e in events
        .iter()
        .filter(|e| e.format != domain::EventFormat::Online)
    {
        let p = input(PublicKind::Event, e.id.0, &e.title, "");
        publish(store, p, lead, board, &mut made).await?;
    }
    for (name, name_en, kind, address, lat, lon, hours) in SPACES {
        let space = SpaceInput {
            name: (*name).into(),
            name_en: (*name_en).into(),
            kind: *kind,
            address: (*address).into(),
            lat: *lat,
            lon: *lon,
            description: String::new(),
            description_en: String::new(),
            opening_hours: (*hours).into(),
            opening_hours_en: String::new(),
            links: Vec::new(),
            photo_set: None,
        };
        let id = store.create_space(&space, lead).await?;
        let p = input(PublicKind::Space, id.0, name, name_en);
        publish(store, p, lead, board, &mut made).await?;
    }
    let targets = store
        .plan_target_progress(plan)
        .await?
        .into_iter()
        .map(|t| t.target_id)
        .collect();
    let view = store.plan(plan).await?.ok_or(DemoError::NoPlan(plan.0))?;
    let summary = PublicationInput {
        targets,
        ..input(
            PublicKind::PlanSummary,
            plan.0,
            &view.plan.title,
            "Hà Nội, UNESCO Creative City of Design: the 2025 plan",
        )
    };
    publish(store, summary, lead, board, &mut made).await?;
    Ok(made)
}
