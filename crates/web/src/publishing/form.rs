//! Proposing a publication, editing it and moving it along bản nháp → chờ duyệt → đã công
//! bố (→ đã gỡ → bản nháp). The form keeps what was typed when refused; the moves offered
//! are those `domain::publishing` allows the reader; the store checks both again.

use super::subject::{self, Subject};
use super::{is_reviewer, may_open, public_page, require_proposer};
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::Id;
use crate::field_errors::{FieldErrors, required};
use crate::form::{Posted, version_of};
use crate::i18n::{Tr, Worded};
use crate::page::{Layout, render_form_page, render_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::events::{HANOI, parse_local, to_utc};
use domain::publishing::{
    PublicKind, PublicationId, PublicationState, PublishError, check_publication_move,
    publication_moves,
};
use store::{Publication, PublicationInput};

/// The form as typed.
#[derive(Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct PublicationForm {
    pub kind: String,
    pub subject: String,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    /// `dd/mm/yyyy HH:MM`, Hà Nội time; empty: none.
    pub embargo: String,
    /// A plan summary's chosen targets.
    pub target: Vec<String>,
}

/// An embargo as typed: `dd/mm/yyyy HH:MM` in Hà Nội (a date alone is its midnight).
pub fn parse_embargo(typed: &str) -> Result<Option<i64>, PublishError> {
    let s = typed.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || PublishError::BadEmbargo(s.chars().take(40).collect());
    let (date, time) = s.split_once(char::is_whitespace).unwrap_or((s, "00:00"));
    let local = parse_local(date, time).map_err(|_| bad())?;
    let at = to_utc(HANOI, local).map_err(|_| bad())?;
    Ok(Some(at.timestamp()))
}

impl PublicationForm {
    fn of(p: &Publication) -> PublicationForm {
        PublicationForm {
            kind: p.kind.as_str().into(),
            subject: p.subject_id.to_string(),
            title: p.title.clone(),
            title_en: p.title_en.clone(),
            summary: p.summary.clone(),
            summary_en: p.summary_en.clone(),
            embargo: p
                .embargo_until
                .map(crate::items::local_time)
                .unwrap_or_default(),
            target: p.targets.iter().map(i64::to_string).collect(),
        }
    }

    fn from_subject(kind: PublicKind, id: i64, s: &Subject) -> PublicationForm {
        PublicationForm {
            kind: kind.as_str().into(),
            subject: id.to_string(),
            title: s.title.clone(),
            title_en: s.title_en.clone(),
            summary: s.summary.clone(),
            summary_en: s.summary_en.clone(),
            ..PublicationForm::default()
        }
    }

    fn kind(&self) -> Option<PublicKind> {
        self.kind.parse().ok()
    }

    /// The store's input, or every field's problem.
    fn parse(&self, t: &Tr) -> Result<PublicationInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let (Some(kind), Ok(subject_id)) = (self.kind(), self.subject.trim().parse()) else {
            return Err(FieldErrors::whole(t.t("publishing.pick_subject").into()));
        };
        if self.title.trim().is_empty() {
            errors.add("p-title", required(t, "publishing.field_title"));
        }
        let embargo = parse_embargo(&self.embargo).map_err(|e| e.message(t.lang));
        let embargo = errors.take("p-embargo", embargo);
        let targets: Result<Vec<i64>, _> = self.target.iter().map(|x| x.parse()).collect();
        let targets = errors.take(
            "p-targets",
            targets.map_err(|_| t.t("form.gone_choice").into()),
        );
        match (errors.is_empty(), embargo, targets) {
            (true, Some(embargo_until), Some(targets)) => Ok(PublicationInput {
                kind,
                subject_id,
                title: self.title.clone(),
                title_en: self.title_en.clone(),
                summary: self.summary.clone(),
                summary_en: self.summary_en.clone(),
                embargo_until,
                targets,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "publishing/form.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    id: Option<i64>,
    version: i64,
    f: PublicationForm,
    kind: String,
    subject: Subject,
    targets: Vec<Choice>,
    errors: FieldErrors,
    /// The state's code and words (none for a new proposal).
    state: Option<(&'static str, String)>,
    editable: bool,
    moves: Vec<Choice>,
    public_href: Option<String>,
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    // The stored publication; none for a new proposal.
    p: Option<&Publication>,
    f: PublicationForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = ctx.tr();
    let kind = f.kind().ok_or(AppError::NotFound)?;
    let id: i64 = f.subject.parse().map_err(|_| AppError::NotFound)?;
    let subject = subject::load(app, kind, id).await?.unwrap_or_default();
    let targets = match kind {
        PublicKind::PlanSummary => subject::plan_targets(app, domain::PlanId(id)).await?,
        _ => Vec::new(),
    };
    let targets = targets
        .into_iter()
        .map(|(tid, label)| Choice {
            selected: f.target.contains(&tid.to_string()),
            value: tid.to_string(),
            label,
        })
        .collect();
    let title = match p {
        Some(p) => p.title.clone(),
        None => t.t("publishing.new").to_string(),
    };
    let failed = !errors.is_empty();
    let page = FormPage {
        l: Layout::new(ctx, &title, "publishing"),
        id: p.map(|p| p.id.0),
        version: p.map_or(0, |p| p.version),
        kind: kind.label(lang).to_string(),
        state: p.map(|p| (p.state.as_str(), p.state.label(lang).to_string())),
        editable: p.is_none_or(|p| may_edit(user, p.state)),
        moves: p.map(|p| moves(user, p.state, t)).unwrap_or_default(),
        public_href: p.and_then(|p| public_page(p, app.now().timestamp())),
        subject,
        targets,
        f,
        errors,
    };
    Ok(render_form_page(page, failed))
}

/// Who may edit in each state (as the store decides).
fn may_edit(user: &SessionUser, state: PublicationState) -> bool {
    match state {
        PublicationState::Draft | PublicationState::Withdrawn => {
            domain::publishing::can_propose(&user.actor) || is_reviewer(user)
        }
        PublicationState::Review | PublicationState::Published => is_reviewer(user),
    }
}

/// The moves from `state` the reader may make, each a button.
fn moves(user: &SessionUser, state: PublicationState, t: &Tr) -> Vec<Choice> {
    publication_moves(state)
        .into_iter()
        .filter(|to| check_publication_move(&user.actor, state, *to).is_ok())
        .map(|to| Choice {
            value: to.as_str().into(),
            label: t
                .t(&format!(
                    "publishing.move_{}_{}",
                    state.as_str(),
                    to.as_str()
                ))
                .into(),
            selected: false,
        })
        .collect()
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    kind: String,
    subject: String,
}

#[derive(Template)]
#[template(path = "publishing/choose.html")]
struct ChoosePage<'a> {
    l: Layout<'a>,
    kinds: Vec<Choice>,
    kind: String,
    subjects: Vec<Choice>,
}

/// The form for `?kind=…&subject=…`; without a subject, the choice of one.
pub async fn new_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let kind: Option<PublicKind> = q.kind.parse().ok();
    let subject: Option<i64> = q.subject.trim().parse().ok();
    if let (Some(kind), Some(id)) = (kind, subject)
        && let Some(s) = subject::load(&app, kind, id).await?
    {
        // A subject has one publication: open it rather than refuse a second.
        if let Some(p) = app.store().publication_of(kind, id).await?
            && may_open(&user, &p)
        {
            return Ok(redirect(&ctx, &format!("/publishing/{}", p.id.0)));
        }
        let f = PublicationForm::from_subject(kind, id, &s);
        return form_page(&app, &ctx, &user, None, f, FieldErrors::new()).await;
    }
    let lang = ctx.lang;
    let subjects = match kind {
        Some(k) => subject::choices(&app, k, lang).await?,
        None => Vec::new(),
    };
    let kinds = crate::events::choices(
        PublicKind::ALL,
        |k| k.as_str(),
        |k| k.label(lang),
        &kind.into_iter().collect::<Vec<_>>(),
    );
    Ok(render_page(ChoosePage {
        l: Layout::new(&ctx, ctx.tr().t("publishing.new"), "publishing"),
        kinds,
        kind: kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        subjects,
    }))
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<PublicationForm>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let input = match f.parse(ctx.tr()) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, &user, None, f, errors).await,
    };
    match app.store().propose_publication(&input, &user.actor).await {
        Ok(id) => Ok(redirect(
            &ctx,
            &format!("/publishing/{}?notice=publication_saved", id.0),
        )),
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            form_page(&app, &ctx, &user, None, f, errors).await
        }
    }
}

/// The publication, when the reader may open it.
async fn opened(
    app: &AppState,
    user: &SessionUser,
    id: PublicationId,
) -> Result<Publication, AppError> {
    let p = app
        .store()
        .publication(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_open(user, &p) {
        return Err(AppError::Forbidden);
    }
    Ok(p)
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PublicationId>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let p = opened(&app, &user, id).await?;
    let f = PublicationForm::of(&p);
    form_page(&app, &ctx, &user, Some(&p), f, FieldErrors::new()).await
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PublicationId>,
    Posted { form, pairs }: Posted<PublicationForm>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let version = version_of(&pairs)?;
    let p = opened(&app, &user, id).await?;
    // The kind and subject are the publication's own, whatever the form says.
    let f = PublicationForm {
        kind: p.kind.as_str().into(),
        subject: p.subject_id.to_string(),
        ..form
    };
    let input = match f.parse(ctx.tr()) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, &user, Some(&p), f, errors).await,
    };
    let store = app.store();
    match store
        .update_publication(id, version, &input, &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(
            &ctx,
            &format!("/publishing/{}?notice=publication_saved", id.0),
        )),
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            form_page(&app, &ctx, &user, Some(&p), f, errors).await
        }
    }
}

#[derive(serde::Deserialize)]
pub struct MoveForm {
    version: i64,
    to: String,
}

pub async fn move_to(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PublicationId>,
    Posted { form: m, .. }: Posted<MoveForm>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let p = opened(&app, &user, id).await?;
    let to: PublicationState =
        crate::form::choice(&m.to, "publishing.pick_move").map_err(AppError::form)?;
    match app
        .store()
        .move_publication(id, m.version, to, &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(
            &ctx,
            &format!("/publishing/{}?notice=publication_moved", id.0),
        )),
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            let f = PublicationForm::of(&p);
            form_page(&app, &ctx, &user, Some(&p), f, errors).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embargo_is_read_in_hanoi_time() {
        assert_eq!(parse_embargo(" "), Ok(None));
        // 01/12/2026 08:00 in Hà Nội is 01:00 UTC.
        let want = "2026-12-01T01:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
            .timestamp();
        assert_eq!(parse_embargo("01/12/2026 08:00"), Ok(Some(want)));
        assert_eq!(parse_embargo("01/12/2026 8h"), Ok(Some(want)));
        assert_eq!(parse_embargo("01/12/2026"), Ok(Some(want - 8 * 3600)));
        for bad in ["32/12/2026 08:00", "mai", "01/12/2026 25:00"] {
            assert!(
                matches!(parse_embargo(bad), Err(PublishError::BadEmbargo(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_form_without_a_title_or_with_a_bad_embargo_says_both() {
        let t = Tr::get(domain::Language::Vi);
        let f = PublicationForm {
            kind: "event".into(),
            subject: "3".into(),
            embargo: "31/02/2026 10:00".into(),
            ..PublicationForm::default()
        };
        let errors = f.parse(t).unwrap_err();
        assert!(errors.of("p-title").is_some());
        assert!(errors.of("p-embargo").unwrap().contains("dd/mm/yyyy HH:MM"));
    }
}
