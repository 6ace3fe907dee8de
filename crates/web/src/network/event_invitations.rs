//! Invitations between cities (issue 19): the author of an event invites the network's
//! cities (on the posting form or later on the event's page), each invited city accepts or
//! declines until the event ends. Each invited city's accounts get the invitation by
//! e-mail, one message each; the inviting city's accounts hear of each answer (Hanoi's
//! events mail nobody: their page shows the answers). A mail failure is logged, the record
//! kept. The calendar and an event's invitations export here too.

use super::{author_name, viewer};
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::{Id, TableFormat};
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::session::{Ctx, Signed, redirect};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{Months, NaiveDateTime};
use domain::network::invitation::{Answer, NOTE_MAX};
use domain::network::{NetworkError, clean_text};
use domain::{CityId, Language};
use reports::{Cell, Table};
use store::{Created, InvitesMade};

/// The network's cities as checkboxes: not `author`, not those in `invited`; `ticked` as
/// the form had them.
pub(super) async fn city_choices(
    app: &AppState,
    author: Option<CityId>,
    invited: &[CityId],
    ticked: &[String],
) -> Result<Vec<Choice>, AppError> {
    Ok(app
        .store()
        .network_members()
        .await?
        .into_iter()
        .filter(|m| Some(m.city) != author && !invited.contains(&m.city))
        .map(|m| {
            let value = m.city.0.to_string();
            Choice {
                selected: ticked.contains(&value),
                value,
                label: m.name,
            }
        })
        .collect())
}

/// The ticked cities; an id that does not read, or more boxes than any network has, is a
/// forged form (400).
pub(super) fn city_ids(raw: &[String]) -> Result<Vec<CityId>, AppError> {
    if raw.len() > 200 {
        return Err(AppError::BadRequest("network event cities".into()));
    }
    raw.iter()
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map(CityId)
                .map_err(|_| AppError::BadRequest("network event city".into()))
        })
        .collect()
}

/// Sends each invited city's accounts the invitation, one message each, in Vietnamese (the
/// accounts are the network's cities).
pub(super) async fn notify_invited(
    app: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    made: &InvitesMade,
) {
    if made.cities.is_empty() {
        return;
    }
    let Some(mailer) = &app.config().mailer else {
        return;
    };
    let Ok(Some(e)) = app.store().network_event(made.event).await else {
        return;
    };
    let t = crate::i18n::Tr::get(Language::Vi);
    let line = super::calendar::line(ctx, e.clone());
    let when = line
        .map(|l| format!("{} {}", l.date, l.time))
        .unwrap_or_default();
    let link = format!(
        "{}/network/calendar/{}",
        super::invite::public_base(app, headers),
        made.event
    );
    let host = if e.city_name.is_empty() {
        t.t("network.hanoi").to_string()
    } else {
        e.city_name.clone()
    };
    let subject = t.f("network.event_invite_subject", &[("title", &made.title)]);
    let text = t.f(
        "network.event_invite_body",
        &[
            ("host", &host),
            ("title", &made.title),
            ("when", &when),
            ("place", &e.place),
            ("link", &link),
        ],
    );
    for (_, _, addresses) in &made.cities {
        mailer
            .send_each(addresses, &subject, &text, "network event invitation")
            .await;
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct InviteForm {
    city: Vec<String>,
    once: String,
}

/// `POST /network/calendar/{id}/invitations`: the author invites more cities.
pub async fn invite(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    headers: HeaderMap,
    Posted { form: f, .. }: Posted<InviteForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let token = crate::once::posted(&f.once)?;
    let cities = city_ids(&f.city)?;
    let result = |id: i64| format!("/network/calendar/{id}?notice=network_invited");
    let once = crate::once::key(token.as_ref(), "network.event_invite", &result);
    let made = app
        .store()
        .invite_to_network_event(id, &cities, viewer, &user.actor, once.as_ref())
        .await;
    match made {
        Ok(Created::New(made)) => {
            notify_invited(&app, &ctx, &headers, &made).await;
            Ok(redirect(&ctx, &result(id)))
        }
        Ok(Created::Earlier(path)) => Ok(redirect(&ctx, &path)),
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            super::event_page::render(&app, &ctx, viewer, id, Default::default(), errors).await
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    pub answer: String,
    pub note: String,
    /// `home`: the answer was given on `/network`, which it goes back to.
    pub from: String,
}

/// `POST /network/calendar/{id}/answer`: the invited city accepts or declines (again, to
/// change its answer) until the event ends.
pub async fn answer(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    headers: HeaderMap,
    Posted { form: f, .. }: Posted<AnswerForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let say = |e: NetworkError| crate::i18n::Worded::message(&e, ctx.lang);
    let mut errors = FieldErrors::new();
    let choice = f
        .answer
        .parse::<Answer>()
        .ok()
        .filter(|a| *a != Answer::Pending);
    if choice.is_none() {
        errors.add("a-answer", say(NetworkError::BadChoice));
    }
    let note = errors.take("a-note", clean_text(&f.note, NOTE_MAX, false).map_err(say));
    let (Some(choice), Some(note)) = (choice, note) else {
        return super::event_page::render(&app, &ctx, viewer, id, f, errors).await;
    };
    let made = app
        .store()
        .answer_network_invitation(id, choice, &note, viewer, user.id)
        .await;
    match made {
        Ok(made) => {
            notify_answer(&app, &headers, id, choice, &made).await;
            let to = if f.from == "home" {
                "/network?notice=network_answered".to_string()
            } else {
                format!("/network/calendar/{id}?notice=network_answered")
            };
            Ok(redirect(&ctx, &to))
        }
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            super::event_page::render(&app, &ctx, viewer, id, f, errors).await
        }
    }
}

/// Tells the inviting city's accounts of an answer, one message each.
async fn notify_answer(
    app: &AppState,
    headers: &HeaderMap,
    id: i64,
    answer: Answer,
    made: &store::AnswerMade,
) {
    let Some(mailer) = &app.config().mailer else {
        return;
    };
    let t = crate::i18n::Tr::get(Language::Vi);
    let link = format!(
        "{}/network/calendar/{id}",
        super::invite::public_base(app, headers)
    );
    let args = [
        ("city", made.city_name.as_str()),
        ("title", made.title.as_str()),
        ("answer", answer.label(Language::Vi)),
        ("link", link.as_str()),
    ];
    let subject = t.f("network.event_answer_subject", &args);
    let text = t.f("network.event_answer_body", &args);
    mailer
        .send_each(&made.inviter, &subject, &text, "network event answer")
        .await;
}

/// `GET /network/calendar/{id}/invitations.csv`: the event's invitations and answers.
pub async fn invitations_csv(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    viewer(&user)?;
    let e = app
        .store()
        .network_event(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let list = app.store().network_event_invitations(id).await?;
    let t = ctx.tr();
    let headers = [
        "invite_city",
        "invite_answer",
        "invite_note",
        "invite_by",
        "invite_at",
    ];
    let table = Table {
        title: e.title,
        headers: headers
            .iter()
            .map(|h| t.t(&format!("network.{h}")).to_string())
            .collect(),
        rows: list
            .into_iter()
            .map(|i| {
                vec![
                    Cell::Text(i.city_name),
                    Cell::from(i.answer.label(ctx.lang)),
                    Cell::Text(i.note),
                    Cell::Text(i.responded_by),
                    i.responded_at
                        .map_or(Cell::Empty, |at| Cell::Text(crate::items::local_time(at))),
                ]
            })
            .collect(),
    };
    crate::page::table_download(&table, false, &format!("loi-moi-su-kien-{id}"))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ExportQuery {
    month: String,
    view: String,
}

/// `GET /network/calendar.csv` and `.xlsx`.
pub async fn calendar_export(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<ExportQuery>,
    format: TableFormat,
) -> Result<Response, AppError> {
    viewer(&user)?;
    export(&app, &ctx, &q, format.is_xlsx()).await
}

/// The events of the month shown (`?month=`), or of the list (`?view=list`: what comes).
async fn export(
    app: &AppState,
    ctx: &Ctx,
    q: &ExportQuery,
    xlsx: bool,
) -> Result<Response, AppError> {
    let today = app.today();
    let (from, to) = if q.view == "list" {
        (today, today + chrono::Duration::days(366))
    } else {
        let first = super::calendar::month_of(&q.month, today);
        (first, first + Months::new(1))
    };
    let events = app
        .store()
        .network_events(&from.to_string(), &to.to_string())
        .await?;
    let read = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok();
    let t = ctx.tr();
    let headers = [
        "date",
        "start",
        "end",
        "event_title",
        "place",
        "posted_by",
        "invited",
        "accepted",
        "declined",
    ];
    let table = Table {
        title: t.t("network.calendar").to_string(),
        headers: headers
            .iter()
            .map(|h| t.t(&format!("network.col_{h}")).to_string())
            .collect(),
        rows: events
            .into_iter()
            .take(app.config().export_max_rows)
            .map(|e| {
                let (start, end) = (read(&e.start_local), read(&e.end_local));
                vec![
                    start.map_or(Cell::Empty, |s| Cell::Date(s.date())),
                    Cell::Text(
                        start
                            .map(|s| s.format("%H:%M").to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::Text(
                        end.map(|s| s.format("%H:%M").to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::Text(e.title.clone()),
                    Cell::Text(e.place.clone()),
                    Cell::Text(author_name(ctx, &e.city_name)),
                    Cell::Int(e.invited),
                    Cell::Int(e.accepted),
                    Cell::Int(e.declined),
                ]
            })
            .collect(),
    };
    crate::page::table_download(&table, xlsx, "lich-chung-mang-luoi")
}
