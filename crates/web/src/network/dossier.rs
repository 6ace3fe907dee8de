//! `/network/dossier`: a candidate city's own candidacy dossiers (one per creative field),
//! read-only, in the network space: status, progress as of the injected clock's today
//! (the chips of `/candidacies`), each step's dates, note and documents, and Hanoi's
//! support as text (the plan items and events are Hanoi's internal pages, 403 to the city).
//! The department is sent to `/candidacies`; a city reads no other city's dossier or
//! document (`domain::network::may_read_dossier`, 403).

use super::{city_name, viewer};
use crate::AppState;
use crate::candidacies::{Chip, chips, day, step_name};
use crate::cities::Fields;
use crate::errors::AppError;
use crate::extract::Id;
use crate::page::{Layout, render_page};
use crate::session::{Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::network::may_read_dossier;
use store::{CandidacyDossier, SupportLink};

pub struct StepLine {
    pub chip: Chip,
    pub planned: String,
    pub done: String,
    pub note: String,
    /// (id, "name, size")
    pub documents: Vec<(i64, String)>,
    /// "title (dd/mm/yyyy)": no link.
    pub support: Vec<String>,
}

pub struct DossierView {
    pub id: i64,
    pub field: String,
    pub status: String,
    pub done: usize,
    pub total: usize,
    pub percent: usize,
    pub chips: Vec<Chip>,
    pub steps: Vec<StepLine>,
}

#[derive(Template)]
#[template(path = "network/dossier.html")]
struct DossierPage<'a> {
    l: Layout<'a>,
    dossiers: Vec<DossierView>,
    /// Said when Hanoi has opened none for the city.
    none: String,
}

/// `GET /network/dossier`.
pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let Some(city) = viewer.city() else {
        return Ok(redirect(&ctx, "/candidacies"));
    };
    let lang = ctx.lang;
    let fields = Fields::load(&app, lang).await?;
    let steps = app.store().candidacy_steps().await?;
    let today = app.today();
    let mut dossiers = Vec::new();
    for (c, _) in app.store().candidacies(Some(city)).await? {
        let Some(d) = app.store().candidacy(c.id).await? else {
            continue;
        };
        if may_read_dossier(viewer, d.candidacy.city) {
            dossiers.push(view(&fields, &steps, d, lang, today));
        }
    }
    let none = if dossiers.is_empty() {
        let department = app.store().department().await?;
        let department = department.map(|d| d.profile).unwrap_or_default();
        let args = [
            ("city", city_name(&app, viewer).await?),
            ("department", department.full_name),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ctx.tr().f("network.dossier_none", &args)
    } else {
        String::new()
    };
    let title = ctx.tr().t("candidacies.title").to_string();
    Ok(render_page(DossierPage {
        l: Layout::new(&ctx, &title, "network"),
        dossiers,
        none,
    }))
}

fn view(
    fields: &Fields,
    steps: &[store::CandidacyStep],
    d: CandidacyDossier,
    lang: domain::Language,
    today: chrono::NaiveDate,
) -> DossierView {
    let all = chips(lang, steps, &d.records, today);
    let done = all.iter().filter(|c| c.state == "done").count();
    let total = all.len();
    // The chips come in the steps' order (`candidacy_steps` is ordered as the rule orders).
    let mut each = all.clone().into_iter();
    let lines = steps
        .iter()
        .map(|s| {
            let r = d.records.iter().find(|r| r.step == s.id);
            StepLine {
                chip: each.next().unwrap_or(Chip {
                    name: step_name(lang, s),
                    state: "later",
                    overdue: false,
                    title: String::new(),
                }),
                planned: day(r.and_then(|r| r.planned)),
                done: day(r.and_then(|r| r.done)),
                note: r.map(|r| r.note.clone()).unwrap_or_default(),
                documents: d
                    .documents
                    .iter()
                    .filter(|doc| doc.step == s.id)
                    .map(|doc| {
                        let size = crate::items::size_text(doc.size);
                        (doc.id, format!("{}, {size}", doc.name))
                    })
                    .collect(),
                support: d
                    .support
                    .iter()
                    .filter(|a| a.step == s.id)
                    .map(|a| match a.link {
                        SupportLink::Item(_) => a.title.clone(),
                        SupportLink::Event(_) => {
                            let on = a.start_at.and_then(domain::cities::event_day);
                            format!("{} ({})", a.title, day(on))
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    DossierView {
        id: d.candidacy.id,
        field: fields.name(d.candidacy.field),
        status: d.candidacy.status.label(lang).to_string(),
        done,
        total,
        percent: (done * 100).checked_div(total).unwrap_or(0),
        chips: all,
        steps: lines,
    }
}

/// `GET /network/dossier/documents/{id}/file`: a document of the viewer's city's dossier
/// (another city's: 403; unknown: 404). The department downloads at `/candidacy-documents`.
pub async fn download(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(doc): Id<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    if viewer.city().is_none() {
        return Ok(redirect(&ctx, &format!("/candidacy-documents/{doc}/file")));
    }
    let (d, path) = app
        .store()
        .candidacy_document(doc)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = app
        .store()
        .candidacy(d.candidacy)
        .await?
        .ok_or(AppError::NotFound)?
        .candidacy
        .city;
    if !may_read_dossier(viewer, owner) {
        return Err(AppError::Forbidden);
    }
    crate::evidence::serve(&app, &path, &d.mime, d.size, &d.name).await
}
