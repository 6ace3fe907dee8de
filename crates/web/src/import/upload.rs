//! `/plans/import`: the upload form, the drafts waiting, and the upload itself (read
//! within bounds, then read by the reader off the async threads).

use super::require;
use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use store::NewPlanDraft;
use vanban::ReadError;

/// A plan document is text: far below this even as a PDF with a few pictures.
pub const MAX_PLAN_BYTES: usize = 30 * 1024 * 1024;

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage<'a> {
    l: Layout<'a>,
    drafts: Vec<DraftLine>,
    error: String,
    file_hint: String,
}

struct DraftLine {
    id: i64,
    title: String,
    source_name: String,
    by: String,
    at: String,
}

pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    render(&app, &ctx, &user, String::new(), StatusCode::OK).await
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    error: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    require(user)?;
    let drafts = app
        .store()
        .plan_drafts()
        .await?
        .into_iter()
        .map(|d| DraftLine {
            id: d.id,
            title: d.title,
            source_name: d.source_name,
            by: d.created_by_name,
            at: when(d.updated_at),
        })
        .collect();
    let title = ctx.tr().t("import.title").to_string();
    let mut r = render_page(ImportPage {
        l: Layout::new(ctx, &title, "plans"),
        drafts,
        error,
        file_hint: ctx.tr().f(
            "import.file_hint",
            &[("mb", &(MAX_PLAN_BYTES >> 20).to_string())],
        ),
    });
    *r.status_mut() = status;
    Ok(r)
}

/// `POST /plans/import`: the document becomes a draft to review, or the form comes back
/// saying why not.
pub async fn upload(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    require(&user)?;
    let sent = read_file(&ctx, &mut multipart).await;
    if sent.is_err() {
        crate::upload_text::drain(&mut multipart).await;
    }
    let refuse = |msg: String| render(&app, &ctx, &user, msg, StatusCode::UNPROCESSABLE_ENTITY);
    let (name, bytes) = match sent {
        Ok(file) => file,
        Err(msg) => return refuse(msg).await,
    };
    // PDFs and large .docx files take a while: off the async threads.
    let file = name.clone();
    let reading = tokio::task::spawn_blocking(move || app::import::read(&bytes, &file, None))
        .await
        .map_err(|e| AppError::Internal(format!("reading {name}: {e}")))?;
    let reading = match reading {
        Ok(r) => r,
        Err(e) => return refuse(read_error(&ctx, &e)).await,
    };
    if !reading.parsed.is_plan() {
        let d = &reading.parsed.document;
        let kind = match (d.kind.trim(), d.kind_code.as_deref()) {
            ("", None) => ctx.tr().t("import.unknown_kind").to_string(),
            (k, Some(code)) if !k.is_empty() => format!("{k} ({code})"),
            (k, code) => code.unwrap_or(k).to_string(),
        };
        let args = [("name", name.as_str()), ("kind", kind.as_str())];
        return refuse(ctx.tr().f("import.not_a_plan", &args)).await;
    }
    let funding = app::import::funding::propose(&reading.parsed).lines;
    let new = NewPlanDraft {
        source_name: &name,
        source_sha256: &reading.sha256,
        source_text: &reading.text,
        parsed: &reading.parsed,
        funding: &funding,
    };
    match app.store().create_plan_draft(&new, &user.actor).await {
        Ok(d) => Ok(redirect(&ctx, &format!("/plans/import/{}", d.id))),
        Err(e) => refuse(AppError::from(e).into_form_message(&ctx)?).await,
    }
}

/// The file part of the form (its name and bytes), within [`MAX_PLAN_BYTES`]; the CSRF
/// token before it is read by the session middleware. `Err`: what to tell the user.
async fn read_file(ctx: &Ctx, multipart: &mut Multipart) -> Result<(String, Vec<u8>), String> {
    let t = ctx.tr();
    let mut budget = crate::upload_text::TextBudget::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Err(t.t("import.pick_file").to_string()),
            Err(_) => return Err(t.t("report.cut_off").to_string()),
        };
        let Some(name) = field.file_name().map(str::to_string) else {
            budget
                .read(field, 256)
                .await
                .map_err(|k| t.t(k).to_string())?;
            continue;
        };
        if name.is_empty() {
            return Err(t.t("import.pick_file").to_string());
        }
        let mut field = field;
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| t.t("report.cut_off"))? {
            if bytes.len() + chunk.len() > MAX_PLAN_BYTES {
                let mb = (MAX_PLAN_BYTES / (1024 * 1024)).to_string();
                return Err(t.f("import.too_large", &[("mb", &mb)]));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok((name, bytes));
    }
}

/// Why the reader could not read the file, and what to do instead (the reader's typed
/// refusal, worded as on the command line: `refusal-reader-*`).
fn read_error(ctx: &Ctx, e: &ReadError) -> String {
    tracing::info!(error = %e, "plan upload unreadable");
    crate::i18n::Worded::message(e, ctx.lang)
}

/// "03/12/2026 22:45", Hanoi time.
fn when(ts: i64) -> String {
    let at = chrono::DateTime::from_timestamp(ts, 0).unwrap_or_default();
    let day = at
        .with_timezone(&domain::format::vietnam_offset())
        .date_naive();
    format!(
        "{} {}",
        domain::format_date(day),
        crate::auth::local_time(at)
    )
}
