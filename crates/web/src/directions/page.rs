//! The page `/plans/{id}/directions`: the records newest first, each with its files, and
//! for the Board and admins the forms to add, edit, delete and attach. A form brought
//! back ([`Overlay`]) keeps what was typed and says what to do.

use super::Fields;
use crate::field_errors::FieldErrors;
use crate::i18n::Worded;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser};
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use domain::oversight::{DirectionError, DirectionKind, can_record_directions};
use domain::{DirectionId, Language, PlanId, format_date};
use store::DirectionRecord;

/// Which form comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Add,
    /// The edit form of a record, carrying this version.
    Edit(DirectionId, i64),
    /// The file form of a record.
    Files(DirectionId),
}

/// A form brought back: where, what was typed, each field's problem (keyed by the
/// field's name: `kind`, `date`, `number`, `summary`; empty for the whole form), and
/// whether it met a newer version (409) rather than input to correct (422).
pub(super) struct Overlay {
    target: Target,
    fields: Fields,
    errors: FieldErrors,
    conflict: bool,
}

impl Overlay {
    /// The form refused as a whole, with `message`.
    pub(super) fn new(target: Target, fields: Fields, message: String) -> Overlay {
        Overlay {
            target,
            fields,
            errors: FieldErrors::whole(message),
            conflict: false,
        }
    }

    /// The form refused for what it says, each problem beside its field.
    pub(super) fn invalid(
        target: Target,
        fields: Fields,
        problems: &[DirectionError],
        lang: Language,
    ) -> Overlay {
        let mut errors = FieldErrors::new();
        for p in problems {
            errors.add(p.field(), p.message(lang));
        }
        Overlay {
            target,
            fields,
            errors,
            conflict: false,
        }
    }

    /// The problems, keyed by the input ids of the form drawn with `prefix`.
    fn errors_for(&self, prefix: &str) -> FieldErrors {
        let mut out = FieldErrors::new();
        for e in self.errors.all() {
            match e.field.as_ref() {
                "" => out.add("", e.message.clone()),
                field => out.add(format!("{prefix}-{field}"), e.message.clone()),
            }
        }
        out
    }

    pub(super) fn conflict(mut self) -> Overlay {
        self.conflict = true;
        self
    }
}

/// A form's fields as shown.
pub(super) struct FormView {
    kinds: Vec<(&'static str, &'static str, bool)>,
    number: String,
    date: String,
    summary: String,
    version: i64,
    /// The inputs' id prefix: `add`, or `e{id}` for a record's edit form.
    prefix: String,
    errors: FieldErrors,
    open: bool,
}

impl FormView {
    /// The problem beside the input of `field` (`kind`, `date`, …).
    fn error_of(&self, field: &str) -> Option<&str> {
        self.errors.of(&format!("{}-{field}", self.prefix))
    }

    fn new(ctx: &Ctx, fields: &Fields, version: i64, prefix: String) -> FormView {
        FormView {
            kinds: DirectionKind::ALL
                .iter()
                .map(|k| (k.as_str(), k.label(ctx.lang), k.as_str() == fields.kind))
                .collect(),
            number: fields.number.clone(),
            date: fields.date.clone(),
            summary: fields.summary.clone(),
            version,
            prefix,
            errors: FieldErrors::new(),
            open: false,
        }
    }
}

pub(super) struct FileView {
    id: i64,
    name: String,
}

pub(super) struct RowView {
    id: i64,
    date: String,
    kind: &'static str,
    number: String,
    summary: String,
    files: Vec<FileView>,
    edit: FormView,
    files_error: Option<String>,
    version: i64,
}

#[derive(Template)]
#[template(path = "directions.html")]
struct DirectionsPage<'a> {
    l: Layout<'a>,
    plan_id: i64,
    plan_title: String,
    can_edit: bool,
    /// The Board or an admin: the page links the official report (`oversight::require_board`).
    can_report: bool,
    rows: Vec<RowView>,
    add: FormView,
    conflict: bool,
}

fn fields_of(d: &DirectionRecord) -> Fields {
    Fields {
        kind: d.kind.as_str().to_string(),
        number: d.number.clone().unwrap_or_default(),
        date: format_date(d.date),
        summary: d.summary.clone(),
    }
}

fn row(ctx: &Ctx, d: &DirectionRecord, overlay: Option<&Overlay>) -> RowView {
    let prefix = format!("e{}", d.id.0);
    let mut edit = FormView::new(ctx, &fields_of(d), d.version, prefix.clone());
    let mut files_error = None;
    match overlay {
        Some(o) if o.target == Target::Edit(d.id, o.version_of()) => {
            edit = FormView::new(ctx, &o.fields, o.version_of(), prefix.clone());
            edit.errors = o.errors_for(&prefix);
            edit.open = true;
        }
        Some(o) if o.target == Target::Files(d.id) => {
            files_error = o.errors.all().first().map(|e| e.message.clone());
        }
        _ => {}
    }
    RowView {
        id: d.id.0,
        date: format_date(d.date),
        kind: d.kind.label(ctx.lang),
        number: d.number.clone().unwrap_or_default(),
        summary: d.summary.clone(),
        files: d
            .files
            .iter()
            .map(|f| FileView {
                id: f.id.0,
                name: f.original_name.clone(),
            })
            .collect(),
        edit,
        files_error,
        version: d.version,
    }
}

impl Overlay {
    fn version_of(&self) -> i64 {
        match self.target {
            Target::Edit(_, v) => v,
            _ => 0,
        }
    }
}

/// The page; 422 with a form to correct, 409 when an edit met a newer version.
pub(super) fn render(
    ctx: &Ctx,
    user: &SessionUser,
    plan: PlanId,
    plan_title: String,
    records: &[DirectionRecord],
    overlay: Option<Overlay>,
) -> Response {
    let title = ctx.tr().t("direction.title").to_string();
    let mut add = FormView::new(ctx, &Fields::default(), 0, "add".into());
    if let Some(o) = overlay.as_ref().filter(|o| o.target == Target::Add) {
        add = FormView::new(ctx, &o.fields, 0, "add".into());
        add.errors = o.errors_for("add");
        add.open = true;
    }
    let status = match &overlay {
        None => StatusCode::OK,
        Some(o) if o.conflict => StatusCode::CONFLICT,
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let page = DirectionsPage {
        l: Layout::new(ctx, &title, "plans"),
        plan_id: plan.0,
        plan_title,
        can_edit: can_record_directions(&user.actor),
        can_report: crate::oversight::is_board(user),
        rows: records
            .iter()
            .map(|d| row(ctx, d, overlay.as_ref()))
            .collect(),
        add,
        conflict: overlay.as_ref().is_some_and(|o| o.conflict),
    };
    let mut r = render_page(page);
    *r.status_mut() = status;
    r
}
