//! The review page's funding section: the funding sources proposed from the document's
//! "Kinh phí" section (`app::import::funding`), corrected or dropped before the plan is
//! committed (then they are its funding sources, in the import's transaction).

use super::{Versioned, draft, review, save};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::session::{Ctx, Signed};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::budget::Amount;
use store::FundingLine;

/// A legal basis or a unit name is at most this many characters.
const MAX_FIELD: usize = 300;

/// A line of the section as the page shows it.
pub(super) struct FundingRow {
    pub k: usize,
    pub name: String,
    pub basis: String,
    pub year: String,
    pub amount: String,
    pub unit: String,
}

impl FundingRow {
    pub(super) fn rows(lines: &[FundingLine]) -> Vec<FundingRow> {
        lines
            .iter()
            .enumerate()
            .map(|(k, l)| FundingRow {
                k,
                name: l.name.clone(),
                basis: l.legal_basis.clone(),
                year: l.year.map(|y| y.to_string()).unwrap_or_default(),
                amount: l
                    .amount
                    .map(domain::format::group_thousands)
                    .unwrap_or_default(),
                unit: l.unit.clone().unwrap_or_default(),
            })
            .collect()
    }
}

/// The line `k` as sent: `fname_k`, `fbasis_k`, `fyear_k`, `famount_k`, `funit_k`;
/// `fdrop_k` present: dropped (`None`). Each problem goes beside its field.
fn read_line(
    ctx: &Ctx,
    pairs: &[(String, String)],
    k: usize,
    errors: &mut FieldErrors,
) -> Option<FundingLine> {
    let sent = |name: &str| {
        let key = format!("{name}_{k}");
        pairs
            .iter()
            .find(|(n, _)| *n == key)
            .map_or("", |(_, v)| v.as_str())
    };
    if pairs.iter().any(|(n, _)| *n == format!("fdrop_{k}")) {
        return None;
    }
    let t = ctx.tr();
    let name = sent("fname").trim();
    if name.is_empty() {
        let msg = crate::field_errors::required(t, "budget.funding_name");
        errors.add(format!("fname-{k}"), msg);
    }
    let max = app::import::funding::MAX_NAME.to_string();
    let too_long = |field: &str, limit: &str| {
        t.f(
            "import.funding_too_long",
            &[("field", t.t(field)), ("max", limit)],
        )
    };
    if name.chars().count() > app::import::funding::MAX_NAME {
        errors.add(format!("fname-{k}"), too_long("budget.funding_name", &max));
    }
    let field_max = MAX_FIELD.to_string();
    for (input, label) in [
        ("fbasis", "budget.funding_basis"),
        ("funit", "import.funding_unit"),
    ] {
        if sent(input).chars().count() > MAX_FIELD {
            errors.add(format!("{input}-{k}"), too_long(label, &field_max));
        }
    }
    let year = match sent("fyear").trim() {
        "" => Some(None),
        y => {
            let year = y.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y));
            if year.is_none() {
                errors.add(format!("fyear-{k}"), t.t("form.bad_year").to_string());
            }
            year.map(Some)
        }
    };
    let amount = match sent("famount").trim() {
        "" => Some(None),
        typed => errors
            .take(
                format!("famount-{k}"),
                Amount::parse(typed).map_err(|x| x.message(ctx.lang)),
            )
            .map(|a| Some(a.get())),
    };
    let unit = sent("funit").trim();
    Some(FundingLine {
        name: name.to_string(),
        legal_basis: sent("fbasis").trim().to_string(),
        year: year.flatten(),
        amount: amount.flatten(),
        unit: (!unit.is_empty()).then(|| unit.to_string()),
    })
}

/// `POST /plans/import/{id}/funding`: the section's lines as corrected, each dropped one
/// left out; back to the page with each problem beside its field, or saved over the
/// draft's version.
pub async fn funding(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, pairs }: Posted<Versioned>,
) -> Result<Response, AppError> {
    let mut d = draft(&app, &user, id).await?;
    let mut errors = FieldErrors::new();
    let lines: Vec<FundingLine> = (0..d.funding.len())
        .filter_map(|k| read_line(&ctx, &pairs, k, &mut errors))
        .collect();
    if !errors.is_empty() {
        let refused = review::Refused::form("funding", errors, pairs);
        return review::render(&app, &ctx, d, refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    d.funding = lines;
    save(&app, &ctx, &user, d, f.version, "funding").await
}
