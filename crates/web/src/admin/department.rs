//! The department's profile ("Thông tin cơ quan"): the parent and issuing bodies that head
//! the results report, the department's name in sentences, the place of the date line and
//! the code of its document symbols. Admins only.

use crate::AppState;
use crate::errors::AppError;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{AdminOnly, Ctx, redirect};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::department::{CODE_LIMIT, NAME_LIMIT, PLACE_LIMIT};
use domain::{Department, DepartmentError, DepartmentField};
use serde::Deserialize;
use store::StoreError;

pub struct FieldView {
    pub name: &'static str,
    /// The input's id ("dep-code").
    pub id: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub limit: usize,
    pub required: bool,
}

#[derive(Template)]
#[template(path = "admin_department.html")]
struct DepartmentPage<'a> {
    l: Layout<'a>,
    fields: Vec<FieldView>,
    version: i64,
    /// False while the profile in effect is derived from a plan (nothing saved yet).
    saved: bool,
    errors: FieldErrors,
    /// The profile someone else saved in between, beside what the admin typed.
    theirs: Option<Vec<(String, String)>>,
}

const FIELDS: [(DepartmentField, usize, bool); 5] = [
    (DepartmentField::Parent, NAME_LIMIT, false),
    (DepartmentField::Issuer, NAME_LIMIT, true),
    (DepartmentField::FullName, NAME_LIMIT, true),
    (DepartmentField::Place, PLACE_LIMIT, true),
    (DepartmentField::Code, CODE_LIMIT, true),
];

fn value(d: &Department, f: DepartmentField) -> &str {
    match f {
        DepartmentField::Parent => &d.parent,
        DepartmentField::Issuer => &d.issuer,
        DepartmentField::FullName => &d.full_name,
        DepartmentField::Place => &d.place,
        DepartmentField::Code => &d.code,
    }
}

fn label(ctx: &Ctx, f: DepartmentField) -> String {
    ctx.tr()
        .t(&format!("department.{}", f.as_str()))
        .to_string()
}

fn field_views(ctx: &Ctx, d: &Department) -> Vec<FieldView> {
    FIELDS
        .iter()
        .map(|&(f, limit, required)| FieldView {
            name: f.as_str(),
            id: input_id(f),
            label: label(ctx, f),
            hint: ctx
                .tr()
                .t(&format!("department.{}_hint", f.as_str()))
                .to_string(),
            value: value(d, f).to_string(),
            limit,
            required,
        })
        .collect()
}

/// What is wrong, said so that the admin knows what to change.
fn message(ctx: &Ctx, e: &DepartmentError) -> String {
    let field = label(ctx, e.field());
    let limit = match e {
        DepartmentError::TooLong(_, n) => n.to_string(),
        _ => String::new(),
    };
    ctx.tr().f(
        &format!("department.{}", e.key()),
        &[("field", &field), ("limit", &limit)],
    )
}

struct Shown {
    department: Department,
    version: i64,
    saved: bool,
    errors: FieldErrors,
    theirs: Option<Department>,
}

/// The input of a field, the summary's link.
fn input_id(f: DepartmentField) -> &'static str {
    match f {
        DepartmentField::Parent => "dep-parent",
        DepartmentField::Issuer => "dep-issuer",
        DepartmentField::FullName => "dep-full_name",
        DepartmentField::Place => "dep-place",
        DepartmentField::Code => "dep-code",
    }
}

fn render(ctx: &Ctx, s: Shown, status: StatusCode) -> Response {
    let title = ctx.tr().t("department.title").to_string();
    let mut r = render_form_page(
        DepartmentPage {
            l: Layout::new(ctx, &title, "department"),
            fields: field_views(ctx, &s.department),
            version: s.version,
            saved: s.saved,
            errors: s.errors,
            theirs: s.theirs.map(|t| {
                field_views(ctx, &t)
                    .into_iter()
                    .map(|f| (f.label, f.value))
                    .collect()
            }),
        },
        false,
    );
    *r.status_mut() = status;
    r
}

/// `GET /admin/department`: the profile in effect (saved, or derived from the first plan).
pub async fn show(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
) -> Result<Response, AppError> {
    let p = app::department::current(app.store()).await?;
    let shown = Shown {
        department: p.department,
        version: p.version,
        saved: p.saved,
        errors: FieldErrors::new(),
        theirs: None,
    };
    Ok(render(&ctx, shown, StatusCode::OK))
}

/// The form: the version it was opened on and the five fields as typed.
#[derive(Deserialize)]
pub struct DepartmentForm {
    version: i64,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    code: String,
}

impl DepartmentForm {
    /// The profile tidied (NFC, single spaces, header lines in upper case) and its first
    /// problem.
    fn parse(self) -> (Department, Vec<DepartmentError>) {
        let d = Department {
            parent: self.parent,
            issuer: self.issuer,
            full_name: self.full_name,
            place: self.place,
            code: self.code,
        }
        .normalised();
        let problems = d.problems();
        (d, problems)
    }
}

/// `POST /admin/department`: saves over the version the form was opened on.
pub async fn save(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Posted { form: f, .. }: Posted<DepartmentForm>,
) -> Result<Response, AppError> {
    let version = f.version;
    let (department, problems) = f.parse();
    let mut shown = Shown {
        department,
        version,
        saved: version > 0,
        errors: FieldErrors::new(),
        theirs: None,
    };
    if !problems.is_empty() {
        for e in &problems {
            shown.errors.add(input_id(e.field()), message(&ctx, e));
        }
        return Ok(render(&ctx, shown, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let saving = app
        .store()
        .set_department(version, &shown.department, Some(&admin.actor));
    match saving.await {
        Ok(_) => Ok(redirect(&ctx, "/admin/department?notice=department_saved")),
        Err(StoreError::Conflict {
            conflict, current, ..
        }) => {
            shown.version = conflict.current;
            shown.theirs = serde_json::from_value(current).ok();
            shown.errors = FieldErrors::whole(ctx.tr().t("department.conflict").to_string());
            Ok(render(&ctx, shown, StatusCode::CONFLICT))
        }
        Err(e) => Err(e.into()),
    }
}
