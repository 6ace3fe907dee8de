//! The Board's review of progress reports (duyệt / trả lại): the decision form on the item
//! page's report cards, what each card says of its review, and the return a unit answers
//! with a new version. Who may review is `domain::oversight::review`; the store checks it
//! again with the version under its write lock.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::Posted;
use crate::i18n::{Tr, Worded, vi_text};
use crate::items::{self, Overlay};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use domain::oversight::{ReviewDecision, ReviewError, check_decision, may_review, review_state};
use domain::{ItemId, Language};
use serde::Deserialize;
use store::{NewReview, ReportReview, ReportVersion, StoreError};
use unicode_normalization::UnicodeNormalization;

pub fn routes() -> Router<AppState> {
    Router::new().route("/reports/{id}/review", post(review))
}

/// A decision as a card shows it.
pub struct ReviewNote {
    pub decision: &'static str,
    pub label: String,
    pub comment: String,
    pub by: String,
    pub at: String,
    /// The version decided, and its row (the history page's `#r{id}` anchor).
    pub version: i64,
    pub version_id: i64,
}

/// The decision form of a card, for a reviewer, with what a refused submit typed.
pub struct ReviewFormBox {
    pub version: i64,
    pub comment: String,
}

/// What a report card says of its review.
pub struct ReviewBox {
    /// waiting / answered / accepted / returned
    pub state: &'static str,
    pub state_label: String,
    /// The decision on this version.
    pub decided: Option<ReviewNote>,
    /// The return this version answers (the decision on the version before).
    pub answers: Option<ReviewNote>,
    pub form: Option<ReviewFormBox>,
    /// Why a review of this report was just refused (shown with or without the form: a
    /// version decided meanwhile has none).
    pub error: String,
}

/// A review form that came back: which report, what was typed (its message is the
/// overlay's error of form `review`).
#[derive(Clone)]
pub struct ReviewDraft {
    pub report_id: i64,
    pub comment: String,
}

fn note(t: &Tr, r: &ReportReview) -> ReviewNote {
    ReviewNote {
        decision: r.decision.as_str(),
        label: t.t(&format!("review.decision_{}", r.decision)).to_string(),
        comment: r.comment.clone(),
        by: r.created_by_name.clone().unwrap_or_default(),
        at: items::local_time(r.created_at),
        version: r.version,
        version_id: r.version_id,
    }
}

/// The card's review: `reviews` are any of the item's (or report's) decisions. The form
/// is offered to who may decide a version not yet decided (`with_form`: the item page).
pub fn review_box(
    ctx: &Ctx,
    user: &SessionUser,
    v: &ReportVersion,
    reviews: &[ReportReview],
    with_form: bool,
    draft: Option<(&ReviewDraft, &str)>,
) -> ReviewBox {
    let t = ctx.tr();
    let on = |id: Option<i64>| reviews.iter().find(|r| Some(r.version_id) == id);
    let (decided, before) = (on(Some(v.id)), on(v.previous_id));
    let state = review_state(decided.map(|r| r.decision), before.map(|r| r.decision));
    let typed = draft.filter(|(d, _)| d.report_id == v.report_id);
    let form = (with_form && state.waits_for_review() && may_review(&user.actor, v.created_by))
        .then(|| ReviewFormBox {
            version: v.version,
            comment: typed.map(|(d, _)| d.comment.clone()).unwrap_or_default(),
        });
    ReviewBox {
        state: state.as_str(),
        state_label: t.t(&format!("review.state_{}", state.as_str())).to_string(),
        decided: decided.map(|r| note(t, r)),
        answers: before
            .filter(|r| r.decision == ReviewDecision::Returned)
            .map(|r| note(t, r)),
        form,
        error: typed.map(|(_, e)| e.to_string()).unwrap_or_default(),
    }
}

/// A report returned to one of the user's units, shown above the unit's form.
pub struct ReturnedLine {
    pub report_id: i64,
    pub unit: String,
    pub period: String,
    pub note: ReviewNote,
}

/// The latest versions returned and not yet answered, of the units `user` reports for.
pub fn returned_to(
    ctx: &Ctx,
    reporting: &[domain::UnitId],
    latest: &[ReportVersion],
    reviews: &[ReportReview],
) -> Vec<ReturnedLine> {
    latest
        .iter()
        .filter(|v| reporting.contains(&v.unit_id))
        .filter_map(|v| {
            let r = reviews.iter().find(|r| r.version_id == v.id)?;
            (r.decision == ReviewDecision::Returned).then(|| ReturnedLine {
                report_id: v.report_id,
                unit: v.unit_name.clone(),
                period: v.period.label(ctx.lang),
                note: note(ctx.tr(), r),
            })
        })
        .collect()
}

#[derive(Deserialize)]
pub struct ReviewForm {
    /// The version the card showed.
    version: i64,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comment: String,
}

/// `POST /reports/{id}/review`: accept or return the latest version of report `id`
/// (its first version's id), as the card showed it.
pub async fn review(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, .. }: Posted<ReviewForm>,
) -> Result<Response, AppError> {
    if !domain::oversight::can_review_reports(&user.actor) {
        return Err(AppError::Forbidden);
    }
    let latest = app
        .store()
        .report_history(id)
        .await?
        .pop()
        .filter(|v| v.report_id == id)
        .ok_or(AppError::NotFound)?;
    let item = latest.item_id;
    let comment: String = f.comment.trim().nfc().collect();
    let back = |e: ReviewError| {
        let draft = ReviewDraft {
            report_id: id,
            comment: comment.clone(),
        };
        refused(&app, &ctx, &user, item, draft, e)
    };
    let decision = match f
        .decision
        .parse()
        .and_then(|d| check_decision(d, &comment).map(|_| d))
    {
        Ok(d) => d,
        Err(e) => return back(e).await,
    };
    let new = NewReview {
        report_id: id,
        opened_version: f.version,
        decision,
        comment: comment.clone(),
        notice: returned_notice(&app, &latest).await?,
    };
    match app.store().review_report(&new, &user.actor).await {
        Ok(r) => Ok(redirect(
            &ctx,
            &format!(
                "/items/{}?notice=report_{}#r{}",
                item.0, r.decision, r.version_id
            ),
        )),
        Err(StoreError::Review(ReviewError::Forbidden)) => Err(AppError::Forbidden),
        Err(StoreError::Review(e)) => back(e).await,
        Err(e) => Err(e.into()),
    }
}

/// The item page again, the message on the report's card, what was typed kept: 409 when
/// someone was first, else 422.
async fn refused(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    item: ItemId,
    draft: ReviewDraft,
    e: ReviewError,
) -> Result<Response, AppError> {
    let status = if e.is_conflict() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let overlay = Overlay {
        error: Some(("review", e.message(ctx.lang))),
        review: Some(draft),
        ..Default::default()
    };
    items::page(app, ctx, user, item, overlay, status).await
}

/// The unit's notification of a return, in the department's language as reminders are.
async fn returned_notice(app: &AppState, v: &ReportVersion) -> Result<String, AppError> {
    let view = app
        .store()
        .item(v.item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let label = domain::item_label(view.item.numbering.as_deref(), &view.item.title);
    Ok(vi_text(
        "review.returned_notice",
        &[("item", &label), ("period", &v.period.label(Language::Vi))],
    ))
}
