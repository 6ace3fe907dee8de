//! The network's message board (issue 19): threads per topic with replies. Everyone in the
//! space reads it; cities and the Board write (`Viewer::may_post`). A reply is sent by e-mail
//! to those who wrote in the thread before (`domain::network::board::reply_recipients`), one
//! message each, so that no city sees another's address. Both forms carry a once-token: a
//! double submit lands on what the first made.

use super::{author_name, viewer};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::{Id, TableFormat};
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use domain::Language;
use domain::network::board::{
    BoardTopic, MESSAGE_MAX, THREADS_PER_PAGE, TITLE_MAX, clamp_page, reply_recipients,
};
use domain::network::{NetworkError, Viewer, clean_text};
use reports::{Cell, Table};
use store::{Created, NetworkPost, NetworkThread};

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct BoardQuery {
    topic: String,
    page: String,
}

impl BoardQuery {
    /// The topic asked for; anything unknown shows every topic.
    fn topic(&self) -> Option<BoardTopic> {
        self.topic.parse().ok()
    }
}

pub struct TopicChoice {
    pub code: &'static str,
    pub label: &'static str,
    pub current: bool,
}

pub struct ThreadLine {
    pub id: i64,
    pub topic: &'static str,
    pub title: String,
    pub author: String,
    pub replies: i64,
    pub last: String,
}

fn thread_line(ctx: &Ctx, t: NetworkThread) -> ThreadLine {
    ThreadLine {
        id: t.id,
        topic: t.topic.label(ctx.lang),
        author: format!("{} · {}", author_name(ctx, &t.city_name), t.author),
        title: t.title,
        replies: t.replies,
        last: crate::items::local_time(t.last_post_at),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ThreadForm {
    topic: String,
    title: String,
    body: String,
    once: String,
}

#[derive(Template)]
#[template(path = "network/board.html")]
struct BoardPageView<'a> {
    l: Layout<'a>,
    topics: Vec<TopicChoice>,
    /// No topic chosen: every topic shows.
    all_topics: bool,
    threads: Vec<ThreadLine>,
    total: i64,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
    export_query: String,
    may_post: bool,
    form: ThreadForm,
    errors: FieldErrors,
}

async fn render_board(
    app: &AppState,
    ctx: &Ctx,
    viewer: Viewer,
    q: &BoardQuery,
    (mut form, errors): (ThreadForm, FieldErrors),
) -> Result<Response, AppError> {
    let topic = q.topic();
    let asked = q.page.trim().parse::<i64>().unwrap_or(1);
    let mut board = app.store().network_board(topic, asked.max(1)).await?;
    let page = clamp_page(asked, board.total);
    if page != asked.max(1) {
        board = app.store().network_board(topic, page).await?;
    }
    let pages = ((board.total + THREADS_PER_PAGE - 1) / THREADS_PER_PAGE).max(1);
    let code = topic.map_or("", |t| t.as_str());
    let link = |p: i64| format!("/network/board?topic={code}&page={p}");
    if form.once.is_empty() {
        form.once = crate::once::fresh()?;
    }
    let title = ctx.tr().t("network.board").to_string();
    let failed = !errors.is_empty();
    Ok(render_form_page(
        BoardPageView {
            l: Layout::new(ctx, &title, "network_board"),
            topics: BoardTopic::ALL
                .iter()
                .map(|t| TopicChoice {
                    code: t.as_str(),
                    label: t.label(ctx.lang),
                    current: Some(*t) == topic,
                })
                .collect(),
            all_topics: topic.is_none(),
            threads: board
                .threads
                .into_iter()
                .map(|t| thread_line(ctx, t))
                .collect(),
            total: board.total,
            page,
            pages,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
            export_query: format!("topic={code}"),
            may_post: viewer.may_post(),
            form,
            errors,
        },
        failed,
    ))
}

/// `GET /network/board`.
pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<BoardQuery>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let form = ThreadForm {
        topic: q.topic().unwrap_or_default().as_str().to_string(),
        ..ThreadForm::default()
    };
    render_board(&app, &ctx, viewer, &q, (form, FieldErrors::new())).await
}

fn say(ctx: &Ctx) -> impl Fn(NetworkError) -> String + '_ {
    |e| crate::i18n::Worded::message(&e, ctx.lang)
}

/// The message, or why not (beside the field `field`).
fn message(ctx: &Ctx, body: &str, errors: &mut FieldErrors, field: &'static str) -> Option<String> {
    let read = match clean_text(body, MESSAGE_MAX, true) {
        Err(NetworkError::TitleRequired) => Err(NetworkError::MessageRequired),
        other => other,
    };
    errors.take(field, read.map_err(say(ctx)))
}

/// `POST /network/board`: a city (or the Board, as Hanoi) starts a thread.
pub async fn start(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<ThreadForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    if !viewer.may_post() {
        return Err(AppError::Forbidden);
    }
    let token = crate::once::posted(&f.once)?;
    let mut errors = FieldErrors::new();
    let topic = f.topic.parse::<BoardTopic>().ok();
    if topic.is_none() {
        errors.add("t-topic", say(&ctx)(NetworkError::BadChoice));
    }
    let title = errors.take(
        "t-title",
        clean_text(&f.title, TITLE_MAX, true).map_err(say(&ctx)),
    );
    let body = message(&ctx, &f.body, &mut errors, "t-body");
    let q = BoardQuery::default();
    let (Some(topic), Some(title), Some(body)) = (topic, title, body) else {
        return render_board(&app, &ctx, viewer, &q, (f, errors)).await;
    };
    let result = |id: i64| format!("/network/board/{id}");
    let once = crate::once::key(token.as_ref(), "network.thread", &result);
    let made = app
        .store()
        .start_network_thread((topic, &title, &body), viewer, &user.actor, once.as_ref())
        .await;
    match made {
        Ok(Created::New(id)) => Ok(redirect(&ctx, &result(id))),
        Ok(Created::Earlier(path)) => Ok(redirect(&ctx, &path)),
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            render_board(&app, &ctx, viewer, &q, (f, errors)).await
        }
    }
}

pub struct PostLine {
    pub id: i64,
    pub author: String,
    pub date: String,
    pub body: String,
}

fn post_line(ctx: &Ctx, p: NetworkPost) -> PostLine {
    PostLine {
        id: p.id,
        author: format!("{} · {}", author_name(ctx, &p.city_name), p.author),
        date: crate::items::local_time(p.created_at),
        body: p.body,
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ReplyForm {
    body: String,
    once: String,
}

#[derive(Template)]
#[template(path = "network/thread.html")]
struct ThreadPageView<'a> {
    l: Layout<'a>,
    id: i64,
    topic: &'static str,
    topic_code: &'static str,
    posts: Vec<PostLine>,
    may_post: bool,
    form: ReplyForm,
    errors: FieldErrors,
}

async fn render_thread(
    app: &AppState,
    ctx: &Ctx,
    viewer: Viewer,
    id: i64,
    (mut form, errors): (ReplyForm, FieldErrors),
) -> Result<Response, AppError> {
    let (thread, posts) = app
        .store()
        .network_thread(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if form.once.is_empty() {
        form.once = crate::once::fresh()?;
    }
    let failed = !errors.is_empty();
    Ok(render_form_page(
        ThreadPageView {
            l: Layout::new(ctx, &thread.title, "network_board"),
            id,
            topic: thread.topic.label(ctx.lang),
            topic_code: thread.topic.as_str(),
            posts: posts.into_iter().map(|p| post_line(ctx, p)).collect(),
            may_post: viewer.may_post(),
            form,
            errors,
        },
        failed,
    ))
}

/// `GET /network/board/{id}`.
pub async fn thread(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    render_thread(&app, &ctx, viewer, id, Default::default()).await
}

/// `POST /network/board/{id}`: a reply, then the e-mail to the thread's earlier writers.
pub async fn reply(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    headers: HeaderMap,
    Posted { form: f, .. }: Posted<ReplyForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    if !viewer.may_post() {
        return Err(AppError::Forbidden);
    }
    let token = crate::once::posted(&f.once)?;
    let mut errors = FieldErrors::new();
    let Some(body) = message(&ctx, &f.body, &mut errors, "r-body") else {
        return render_thread(&app, &ctx, viewer, id, (f, errors)).await;
    };
    let result = move |post: i64| format!("/network/board/{id}#post-{post}");
    let once = crate::once::key(token.as_ref(), "network.reply", &result);
    let made = app
        .store()
        .reply_in_network_thread((id, &body), viewer, &user.actor, once.as_ref())
        .await;
    match made {
        Ok(Created::New(made)) => {
            let to = reply_recipients(&made.writers, user.id);
            let link = format!(
                "{}/network/board/{id}",
                super::invite::public_base(&app, &headers)
            );
            notify(&app, &to, &made.title, &link, &body).await;
            Ok(redirect(&ctx, &result(made.post)))
        }
        Ok(Created::Earlier(path)) => Ok(redirect(&ctx, &path)),
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            render_thread(&app, &ctx, viewer, id, (f, errors)).await
        }
    }
}

/// Sends the reply's notice to each address on its own. The reply is saved whatever the mail
/// server says: a failure is logged, not shown (the thread shows the reply).
async fn notify(app: &AppState, to: &[String], title: &str, link: &str, body: &str) {
    let Some(mailer) = &app.config().mailer else {
        return;
    };
    // The notice is in Vietnamese: the accounts it goes to are the network's cities.
    let t = crate::i18n::Tr::get(Language::Vi);
    let subject = t.f("network.reply_subject", &[("title", title)]);
    let text = t.f(
        "network.reply_body",
        &[("title", title), ("link", link), ("body", body)],
    );
    mailer.send_each(to, &subject, &text, "board reply").await;
}

/// `GET /network/board.csv` and `.xlsx`: the threads of the topic shown.
pub async fn export_table(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<BoardQuery>,
    format: TableFormat,
) -> Result<Response, AppError> {
    viewer(&user)?;
    export(&app, &ctx, &q, format.is_xlsx()).await
}

/// The threads of a topic (or all), newest first, up to the export limit.
async fn export(
    app: &AppState,
    ctx: &Ctx,
    q: &BoardQuery,
    xlsx: bool,
) -> Result<Response, AppError> {
    let mut threads = Vec::new();
    let mut page = 1;
    loop {
        let b = app.store().network_board(q.topic(), page).await?;
        let done = b.threads.is_empty() || threads.len() as i64 + b.threads.len() as i64 >= b.total;
        threads.extend(b.threads);
        if done || threads.len() >= app.config().export_max_rows {
            break;
        }
        page += 1;
    }
    let t = ctx.tr();
    let headers = [
        "board_topic",
        "board_title",
        "board_author",
        "board_replies_col",
        "board_last_col",
    ];
    let table = Table {
        title: t.t("network.board").to_string(),
        headers: headers
            .iter()
            .map(|h| t.t(&format!("network.{h}")).to_string())
            .collect(),
        rows: threads
            .into_iter()
            .map(|th| {
                vec![
                    Cell::from(th.topic.label(ctx.lang)),
                    Cell::from(th.title.as_str()),
                    Cell::Text(format!(
                        "{} · {}",
                        author_name(ctx, &th.city_name),
                        th.author
                    )),
                    Cell::Int(th.replies),
                    Cell::Text(crate::items::local_time(th.last_post_at)),
                ]
            })
            .collect(),
    };
    crate::page::table_download(&table, xlsx, "dien-dan-mang-luoi")
}
