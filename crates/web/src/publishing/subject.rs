//! What a publication is about: its subject's name and internal page, the texts a new
//! proposal starts from, the subjects of a kind to choose among, and a plan's targets.

use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use domain::media::MediaWorkId;
use domain::publishing::{PublicKind, SpaceId};
use domain::{EventId, PlanId};

/// The subject of a publication as the forms show it.
#[derive(Default)]
pub struct Subject {
    pub label: String,
    /// Its internal page, when it has one here.
    pub href: Option<String>,
    /// What a new proposal's texts start from (the internal record's own).
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
}

/// The subject `id` of `kind`, or None when there is none.
pub async fn load(app: &AppState, kind: PublicKind, id: i64) -> Result<Option<Subject>, AppError> {
    let s = app.store();
    Ok(match kind {
        PublicKind::MediaWork => s.media_work(MediaWorkId(id)).await?.map(|w| Subject {
            label: w.title.clone(),
            href: Some(format!("/media/{id}")),
            title: w.title,
            title_en: w.title_en,
            summary: w.summary,
            summary_en: w.summary_en,
        }),
        PublicKind::Event => s.event(EventId(id)).await?.map(|e| Subject {
            label: e.title.clone(),
            href: Some(format!("/events/{id}")),
            title: e.title,
            ..Subject::default()
        }),
        PublicKind::Space => s.space(SpaceId(id)).await?.map(|sp| Subject {
            label: sp.name.clone(),
            href: Some(format!("/spaces/{id}/edit")),
            title: sp.name,
            title_en: sp.name_en,
            summary: sp.description,
            summary_en: sp.description_en,
        }),
        PublicKind::PlanSummary => s
            .list_plans()
            .await?
            .into_iter()
            .find(|p| p.id.0 == id)
            .map(|p| Subject {
                label: p.title.clone(),
                href: Some(format!("/plans/{id}")),
                title: p.title,
                ..Subject::default()
            }),
    })
}

/// The subjects of `kind` to choose among, newest first as the store lists them.
pub async fn choices(
    app: &AppState,
    kind: PublicKind,
    lang: domain::Language,
) -> Result<Vec<Choice>, AppError> {
    let s = app.store();
    let choice = |value: i64, label: String| Choice {
        value: value.to_string(),
        label,
        selected: false,
    };
    Ok(match kind {
        PublicKind::MediaWork => s
            .list_media_works(&store::MediaFilter::default())
            .await?
            .into_iter()
            .map(|w| choice(w.id.0, format!("{} ({})", w.title, w.stage.label(lang))))
            .collect(),
        PublicKind::Event => {
            let filter = store::EventFilter {
                limit: 500,
                ..Default::default()
            };
            let mut events = s.list_events(&filter).await?;
            events.reverse();
            events
                .into_iter()
                .map(|e| {
                    let day = crate::items::local_time(e.start_at);
                    choice(
                        e.id.0,
                        format!("{} – {}", day.split(' ').next().unwrap_or(""), e.title),
                    )
                })
                .collect()
        }
        PublicKind::Space => s
            .list_spaces()
            .await?
            .into_iter()
            .map(|sp| choice(sp.id.0, sp.name))
            .collect(),
        PublicKind::PlanSummary => s
            .list_plans()
            .await?
            .into_iter()
            .map(|p| choice(p.id.0, p.title))
            .collect(),
    })
}

/// A plan's targets to choose for its summary: id, and "item — 2 / 2–3 clip".
pub async fn plan_targets(app: &AppState, plan: PlanId) -> Result<Vec<(i64, String)>, AppError> {
    let progress = app.store().plan_target_progress(plan).await?;
    let items: Vec<_> = progress.iter().map(|t| t.item_id).collect();
    let labels = app.store().item_labels(&items).await?;
    Ok(progress
        .iter()
        .map(|tp| {
            let item = labels
                .iter()
                .find(|(id, _)| *id == tp.item_id)
                .map(|(_, l)| l.as_str())
                .unwrap_or("");
            let target = domain::format_target(tp.min, tp.max, &tp.unit, tp.per.as_deref());
            let actual = tp
                .actual
                .map(domain::format_number)
                .unwrap_or_else(|| "—".into());
            (tp.target_id, format!("{item} — {actual} / {target}"))
        })
        .collect())
}
