//! The report form as sent: its fields read within bounds, its files streamed to the
//! evidence store, and its content checked field by field.

use crate::AppState;
use crate::errors::AppError;
use crate::field_errors::FieldErrors;
use crate::form::{Posted, parse_number};
use crate::i18n::Worded;
use crate::items::ReportDraft;
use crate::session::Ctx;
use axum::extract::Multipart;
use axum::extract::multipart::Field;
use domain::{Figure, ItemId, Percent, Period, ReportContent, TrackingError, UnitId};
use serde::Deserialize;
use store::evidence_store::{EvidenceError, StoredFile};
use store::{EvidenceRecord, NewEvidence, NewReport};

/// Text fields are small; anything bigger is not a form a person filled in.
const TEXT_FIELD_LIMIT: usize = 256 * 1024;

/// The report form's fields, besides the figures (`fig_{target}`, read from the pairs)
/// and the files. The edit form's `version` is read apart ([`version_of`]).
#[derive(Deserialize)]
pub(super) struct ReportFields {
    #[serde(default)]
    pub(super) unit: String,
    #[serde(default)]
    pub(super) period: String,
    #[serde(default)]
    pub(super) text: String,
    /// Khó khăn, vướng mắc.
    #[serde(default)]
    pub(super) difficulties: String,
    /// Đề xuất, kiến nghị.
    #[serde(default)]
    pub(super) proposals: String,
    #[serde(default)]
    pub(super) percent: String,
    /// Evidence stored earlier, kept (ticked).
    #[serde(default)]
    pub(super) keep: Vec<i64>,
    /// The filing form's once-token (`crate::once`); the version form has none.
    #[serde(default)]
    pub(super) once: String,
}

/// A submitted report form: its fields, and the files streamed to disk while reading it.
pub(super) struct Submitted {
    pub(super) form: ReportFields,
    pub(super) pairs: Vec<(String, String)>,
    /// Not recorded yet: the report's transaction records them, and [`settle`] removes
    /// them when it did not.
    pub(super) files: Vec<NewEvidence>,
    /// Why reading stopped early (a refused file, a cut-off upload).
    pub(super) error: Option<String>,
}

pub(super) async fn read_form(
    app: &AppState,
    ctx: &Ctx,
    mut multipart: Multipart,
) -> Result<Submitted, AppError> {
    let (mut pairs, mut files, mut error) = (Vec::new(), Vec::new(), None);
    let mut count = 0;
    let mut budget = crate::upload_text::TextBudget::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                tracing::info!(error = %e, "upload cut off");
                error = Some(EvidenceError::Io(std::io::Error::other(e)).message(ctx.lang));
                break;
            }
        };
        match read_part(app, ctx, field, &mut count, &mut budget).await {
            Ok(Part::Text(name, value)) => pairs.push((name, value)),
            Ok(Part::File(file)) => files.push(file),
            Ok(Part::Empty) => {}
            Err(msg) => {
                error = Some(msg);
                crate::upload_text::drain(&mut multipart).await;
                break;
            }
        }
    }
    let Posted { form, pairs } = match Posted::from_pairs(pairs) {
        Ok(p) => p,
        Err(e) => {
            discard(app, &files).await;
            return Err(e);
        }
    };
    Ok(Submitted {
        form,
        pairs,
        files,
        error,
    })
}

/// One part of the form, read.
enum Part {
    Text(String, String),
    File(NewEvidence),
    /// An empty file input: no file chosen.
    Empty,
}

/// Reads one part: a text field whole, a file into the evidence store (counted against
/// the per-upload limit in `files`). `Err` is the message that stops the reading.
async fn read_part(
    app: &AppState,
    ctx: &Ctx,
    field: Field<'_>,
    files: &mut u64,
    budget: &mut crate::upload_text::TextBudget,
) -> Result<Part, String> {
    let name = field.name().unwrap_or("").to_string();
    match field.file_name().map(str::to_string) {
        None => match budget.read(field, TEXT_FIELD_LIMIT).await {
            Ok(value) => Ok(Part::Text(name, value)),
            Err(msg) => Err(ctx.tr().t(msg).to_string()),
        },
        Some(file_name) if file_name.is_empty() => Ok(Part::Empty),
        Some(file_name) => {
            *files += 1;
            if *files > crate::MAX_FILES_PER_UPLOAD {
                return Err(ctx.tr().t("report.too_many_files").to_string());
            }
            store_file(app, ctx, field, &file_name)
                .await
                .map(Part::File)
        }
    }
}

/// Streams a file into the evidence store; the report's transaction records it.
async fn store_file(
    app: &AppState,
    ctx: &Ctx,
    field: Field<'_>,
    file_name: &str,
) -> Result<NewEvidence, String> {
    let stored = crate::evidence::store_field(app, ctx, field, file_name).await?;
    Ok(NewEvidence {
        stored,
        original_name: file_name.to_string(),
    })
}

/// Removes from disk the files of a report that recorded none of them, unless something
/// else records or is recording the same bytes (the store is content-addressed: a second
/// submit's identical files are the first's).
pub(super) async fn discard(app: &AppState, files: &[NewEvidence]) {
    let stored: Vec<StoredFile> = files.iter().map(|f| f.stored.clone()).collect();
    app.evidence().discard(&stored, app.store()).await;
}

/// The report's content from the form, checked by the domain (percent 0–100, figures ≥ 0
/// and only for the item's targets, something said), every problem beside its field.
/// Each text field is bounded like the others by `TEXT_FIELD_LIMIT` as it is read.
pub(super) fn content(
    ctx: &Ctx,
    sub: &Submitted,
    targets: &[i64],
    errors: &mut FieldErrors,
) -> Option<ReportContent> {
    let lang = ctx.lang;
    let percent = match sub.form.percent.trim() {
        "" => Some(None),
        // "50,5" and "50.5" read as 50,5 %, kept as a whole percent (domain::Percent).
        p => errors.take(
            "r-percent",
            p.parse::<Percent>().map(Some).map_err(|e| e.message(lang)),
        ),
    };
    let mut figures = Vec::new();
    let mut all_read = true;
    for (k, v) in &sub.pairs {
        let Some(target) = k.strip_prefix("fig_").and_then(|t| t.parse::<i64>().ok()) else {
            continue;
        };
        let read = match parse_number(v) {
            Ok(None) => continue,
            Ok(Some(x)) => Figure::new(x),
            Err(_) => Err(TrackingError::NegativeFigure(v.clone())),
        };
        match read {
            Ok(f) => figures.push((target, f)),
            Err(e) => {
                all_read = false;
                errors.add(format!("fig-{target}"), e.message(lang));
            }
        }
    }
    let (Some(percent), true) = (percent, all_read) else {
        return None;
    };
    let f = &sub.form;
    let checked = ReportContent::with_notes(
        &f.text,
        &f.difficulties,
        &f.proposals,
        percent,
        figures,
        targets,
    );
    match checked {
        Ok(c) => Some(c),
        // Nothing said: the first box is where to say it.
        Err(e @ TrackingError::EmptyReport) => {
            errors.add("r-text", e.message(lang));
            None
        }
        Err(e) => {
            errors.add("", e.message(lang));
            None
        }
    }
}

/// What was sent, as a new report, or every problem at once: the upload's own (a refused
/// file, a cut-off upload) and each field's.
pub(super) fn checked_report(
    ctx: &Ctx,
    item: ItemId,
    sub: &Submitted,
    targets: &[i64],
    evidence: &[EvidenceRecord],
) -> Result<NewReport, FieldErrors> {
    let mut errors = upload_errors(sub);
    let period = sub.form.period.parse::<Period>();
    let period = errors.take("r-period", period.map_err(|e| e.message(ctx.lang)));
    let unit = sub.form.unit.parse::<i64>().map(UnitId);
    let unit = errors.take(
        "r-unit",
        unit.map_err(|_| ctx.tr().t("report.pick_unit").to_string()),
    );
    let content = content(ctx, sub, targets, &mut errors);
    match (period, unit, content) {
        (Some(period), Some(unit_id), Some(content)) if errors.is_empty() => Ok(NewReport {
            item_id: item,
            unit_id,
            period,
            content,
            evidence: evidence.iter().map(|e| e.id).collect(),
        }),
        _ => Err(errors),
    }
}

/// Why reading the upload stopped, beside the file box.
pub(super) fn upload_errors(sub: &Submitted) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Some(msg) = sub.error.clone() {
        errors.add("r-files", msg);
    }
    errors
}

pub(super) fn draft(
    sub: &Submitted,
    evidence: Vec<EvidenceRecord>,
    errors: FieldErrors,
) -> ReportDraft {
    let f = &sub.form;
    ReportDraft {
        unit: f.unit.clone(),
        period: f.period.clone(),
        text: f.text.clone(),
        difficulties: f.difficulties.clone(),
        proposals: f.proposals.clone(),
        percent: f.percent.clone(),
        figures: sub
            .pairs
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("fig_")
                    .and_then(|t| t.parse().ok())
                    .map(|t| (t, v.clone()))
            })
            .collect(),
        evidence,
        errors,
    }
}

/// Evidence named by `keep` checkboxes (stored earlier, on this item).
pub(super) async fn kept_evidence(
    app: &AppState,
    item: ItemId,
    sub: &Submitted,
) -> Result<Vec<EvidenceRecord>, AppError> {
    let mut out = Vec::new();
    for &id in &sub.form.keep {
        if let Some(e) = app.store().evidence(id).await?
            && e.item_id == item
            && !out.iter().any(|x: &EvidenceRecord| x.id == id)
        {
            out.push(e);
        }
    }
    Ok(out)
}

pub(super) async fn target_ids(app: &AppState, item: ItemId) -> Result<Vec<i64>, AppError> {
    let v = app.store().item(item).await?.ok_or(AppError::NotFound)?;
    Ok(v.targets.iter().map(|t| t.id).collect())
}
