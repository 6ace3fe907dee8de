//! A work's page: its specs, the stage bar (each stage's owner and due date, overdue ones
//! marked), its links, its files by stage, and the forms to move it a stage on or back
//! and to add files. Moving it away from "đã phát hành" takes it out of the counts, so
//! that move asks to be confirmed.

use super::{back, date, editable_work, lead, measure, visible_work};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::{Posted, choice, parse_date};
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::media::{self, MediaError, MediaStage, MediaWorkId};
use serde::Deserialize;
use store::{MediaFile, MediaWork, StoreError};

/// One step of the stage bar.
pub struct Step {
    pub label: String,
    pub owner: String,
    pub due: String,
    pub done: bool,
    pub current: bool,
    pub overdue: bool,
}

/// A move the user may make: where to, and whether it publishes or leaves the counts.
pub struct Move {
    pub to: &'static str,
    pub label: String,
    pub forward: bool,
    pub publishes: bool,
    pub uncounts: bool,
}

pub struct FileLine {
    pub id: i64,
    pub name: String,
    pub size: String,
    /// It has a thumbnail and a screen copy (a photo that decoded).
    pub has_copies: bool,
    pub dims: String,
}

/// A stage's files.
pub struct FileGroup {
    pub stage: &'static str,
    pub files: Vec<FileLine>,
}

#[derive(Template)]
#[template(path = "media/show.html")]
struct ShowPage<'a> {
    l: Layout<'a>,
    w: MediaWork,
    item: Option<(i64, String)>,
    event: Option<(i64, String)>,
    contract: String,
    kind: &'static str,
    stage: &'static str,
    stage_label: &'static str,
    measure: String,
    published: String,
    print_run: String,
    steps: Vec<Step>,
    moves: Vec<Move>,
    groups: Vec<FileGroup>,
    stage_choices: Vec<(&'static str, &'static str, bool)>,
    can_edit: bool,
    /// Published, and the reader may propose it for the public site.
    can_publicise: bool,
    /// The Board or an admin: approval is theirs, others see a hint.
    board: bool,
    /// What the work still needs to be published (its duration or pages), if anything.
    publish_hint: String,
    /// The publication date offered: today in Hanoi, or what a refused form sent.
    published_on: String,
    /// Which form was refused ("stage", "files") and why.
    error_form: &'static str,
    error: String,
    notice: String,
}

/// A form of the page that was refused, with its message and what it sent.
pub(super) struct Refused {
    pub form: &'static str,
    pub message: String,
    pub posted: Vec<(String, String)>,
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<MediaWorkId>,
) -> Result<Response, AppError> {
    page(&app, &ctx, &user, id, None).await
}

/// The page, with the refused form's message when there is one (422).
pub(super) async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: MediaWorkId,
    refused: Option<Refused>,
) -> Result<Response, AppError> {
    let w = visible_work(app, user, id).await?;
    let (lang, t) = (ctx.lang, ctx.tr());
    let today = app.today();
    let can_edit = media::can_edit_work(&user.actor, &lead(w.unit));
    let failed = refused.is_some();
    let sent = |name: &str| {
        let r = refused.as_ref()?;
        r.posted
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let page = ShowPage {
        l: Layout::new(ctx, &w.title, "media"),
        kind: w.kind.label(lang),
        stage: w.stage.as_str(),
        stage_label: w.stage.label(lang),
        measure: measure(&w, t),
        published: date(w.published_on),
        print_run: w
            .print_run
            .map(|n| domain::format_number(n as f64))
            .unwrap_or_default(),
        steps: steps(&w, today, lang),
        moves: if can_edit {
            moves(&w, lang, t)
        } else {
            Vec::new()
        },
        groups: groups(&w.files),
        stage_choices: MediaStage::ALL
            .iter()
            .map(|s| (s.as_str(), s.label(lang), *s == w.stage))
            .collect(),
        can_edit,
        can_publicise: w.stage == domain::media::MediaStage::Published
            && domain::publishing::can_propose(&user.actor),
        board: user.actor.is_board_or_admin(),
        publish_hint: publish_hint(&w, t),
        item: w
            .item
            .map(|i| (i.0, w.item_title.clone().unwrap_or_default())),
        event: w
            .event
            .map(|e| (e.0, w.event_title.clone().unwrap_or_default())),
        contract: w.contract_label.clone().unwrap_or_default(),
        published_on: sent("published_on").unwrap_or_else(|| domain::format_date(today)),
        error_form: refused.as_ref().map_or("", |r| r.form),
        error: refused
            .as_ref()
            .map(|r| r.message.clone())
            .unwrap_or_default(),
        notice: notice(ctx),
        w,
    };
    Ok(render_form_page(page, failed))
}

/// The stage bar: done before the current stage; a due date passed on a stage not yet
/// done is overdue (a published work has done them all).
fn steps(w: &MediaWork, today: chrono::NaiveDate, lang: domain::Language) -> Vec<Step> {
    let finished = w.stage == MediaStage::Published;
    MediaStage::ALL
        .iter()
        .map(|s| {
            let plan = w.plan_of(*s);
            let done = *s < w.stage || finished;
            Step {
                label: super::heading(s.label(lang)),
                owner: plan.owner,
                due: date(plan.due),
                done,
                current: *s == w.stage,
                overdue: !done && plan.due.is_some_and(|d| d < today),
            }
        })
        .collect()
}

fn moves(w: &MediaWork, lang: domain::Language, t: &crate::i18n::Tr) -> Vec<Move> {
    media::stage_moves(w.stage)
        .into_iter()
        .map(|to| {
            let forward = to > w.stage;
            let key = if forward {
                "media.move_next"
            } else {
                "media.move_back"
            };
            Move {
                to: to.as_str(),
                label: t.f(key, &[("stage", to.label(lang))]),
                forward,
                publishes: to == MediaStage::Published,
                uncounts: media::leaves_the_count(w.stage, to),
            }
        })
        .collect()
}

/// What publishing needs that the work lacks: a clip's or documentary's duration, a
/// feature's or printed material's pages.
fn publish_hint(w: &MediaWork, t: &crate::i18n::Tr) -> String {
    if w.kind.has_duration() && w.duration.is_none() {
        t.t("media.publish_needs_duration").to_string()
    } else if w.kind.has_pages() && w.pages.is_none() {
        t.t("media.publish_needs_pages").to_string()
    } else {
        String::new()
    }
}

/// The files by stage, in stage order, only stages that have some.
fn groups(files: &[MediaFile]) -> Vec<FileGroup> {
    MediaStage::ALL
        .iter()
        .map(|s| FileGroup {
            stage: s.as_str(),
            files: files
                .iter()
                .filter(|f| f.stage == *s)
                .map(|f| FileLine {
                    id: f.id.0,
                    name: f.original_name.clone(),
                    size: crate::items::size_text(f.size),
                    has_copies: f.thumb_path.is_some() && f.screen_path.is_some(),
                    dims: match (f.width, f.height) {
                        (Some(w), Some(h)) => format!("{w} × {h}"),
                        _ => String::new(),
                    },
                })
                .collect(),
        })
        .filter(|g| !g.files.is_empty())
        .collect()
}

impl ShowPage<'_> {
    /// A stage's label by its code (the file groups name theirs by code).
    fn stage_name(&self, code: &str) -> String {
        let stage: Option<MediaStage> = code.parse().ok();
        stage.map_or(String::new(), |s| super::heading(s.label(self.l.t.lang)))
    }
}

/// The notice named in the address (`?notice=moved`), in the user's language.
fn notice(ctx: &Ctx) -> String {
    ctx.path
        .split_once("notice=")
        .map(|(_, n)| n.split(['&', '#']).next().unwrap_or(""))
        .and_then(|n| ctx.tr().lookup(&format!("media.notice_{n}")))
        .unwrap_or("")
        .to_string()
}

#[derive(Deserialize)]
pub struct StageForm {
    version: i64,
    #[serde(default)]
    to: String,
    #[serde(default)]
    published_on: String,
    /// "yes" when the person confirmed taking a published work out of the counts.
    #[serde(default)]
    confirm: String,
}

pub async fn stage(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<MediaWorkId>,
    Posted { form: f, pairs }: Posted<StageForm>,
) -> Result<Response, AppError> {
    let w = editable_work(&app, &user, id).await?;
    let refuse = |message: String| Refused {
        form: "stage",
        message,
        posted: pairs.clone(),
    };
    let Ok(to) = choice::<MediaStage>(&f.to, "media.pick_stage") else {
        let msg = ctx.tr().t("media.pick_stage").to_string();
        return page(&app, &ctx, &user, id, Some(refuse(msg))).await;
    };
    let published_on = match (to, parse_date(&f.published_on)) {
        (MediaStage::Published, Ok(d)) => d,
        (MediaStage::Published, Err(_)) => {
            let msg = MediaError::BadDate(f.published_on.trim().to_string()).message(ctx.lang);
            return page(&app, &ctx, &user, id, Some(refuse(msg))).await;
        }
        _ => None,
    };
    if media::leaves_the_count(w.stage, to) && f.confirm != "yes" {
        let msg = ctx.tr().f(
            "media.confirm_uncount_needed",
            &[("to", to.label(ctx.lang))],
        );
        return page(&app, &ctx, &user, id, Some(refuse(msg))).await;
    }
    let moved = app
        .store()
        .move_media_stage(id, f.version, to, published_on, &user.actor);
    match moved.await {
        Ok(_) => Ok(back(&ctx, id, "moved")),
        Err(StoreError::Conflict {
            conflict, current, ..
        }) => Ok(conflict_page(&ctx, id, "stage", conflict, &current, &pairs)),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            page(&app, &ctx, &user, id, Some(refuse(msg))).await
        }
    }
}

/// A form of work `id` (`edit` or `stage`) that met a newer version: the current values
/// beside the ones sent, and the offer to send them again.
pub(super) fn conflict_page(
    ctx: &Ctx,
    id: MediaWorkId,
    form: &str,
    c: domain::Conflict,
    current: &serde_json::Value,
    pairs: &[(String, String)],
) -> Response {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let text = |k: &str| match current.get(k) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let typed = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let stage_label = |code: &str| {
        code.parse::<MediaStage>()
            .map_or(String::new(), |s| s.label(lang).into())
    };
    let duration = current.get("duration").and_then(serde_json::Value::as_i64);
    let duration = duration
        .and_then(domain::media::Duration::from_seconds)
        .map(|d| d.text());
    let rows = match form {
        "stage" => vec![(
            t.t("media.stage"),
            stage_label(&text("stage")),
            stage_label(&typed("to").unwrap_or_default()),
        )],
        _ => vec![
            (
                t.t("media.name"),
                text("title"),
                typed("title").unwrap_or_default(),
            ),
            (
                t.t("media.duration"),
                duration.unwrap_or_default(),
                typed("duration").unwrap_or_default(),
            ),
            (
                t.t("media.pages"),
                text("pages"),
                typed("pages").unwrap_or_default(),
            ),
            (
                t.t("media.stage"),
                stage_label(&text("stage")),
                String::new(),
            ),
        ],
    };
    let action = match form {
        "stage" => format!("/media/{}/stage", id.0),
        _ => format!("/media/{}", id.0),
    };
    crate::conflict::page(ctx, c, rows, (action, format!("/media/{}", id.0)), pairs)
}
