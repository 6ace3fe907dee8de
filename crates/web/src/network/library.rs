//! The shared library: documents and good practices, each with a file streamed into the
//! evidence store (its limit and accepted kinds), for the whole network or for chosen
//! cities (`domain::network::can_see`); a city never reads another city's entry that is
//! not addressed to it, not even by guessing its address (403).

use super::{author_name, viewer};
use crate::AppState;
use crate::directions::upload;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::{Id, TableFormat};
use crate::field_errors::FieldErrors;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::Response;
use domain::CityId;
use domain::network::{Audience, NetworkError, Viewer, can_see, clean_text};
use reports::{Cell, Table};
use store::{NetworkDocument, NetworkDocumentEdit, NetworkMember, NewNetworkDocument};

pub struct DocumentLine {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub author: String,
    pub audience: String,
    pub file: String,
    pub size: i64,
    pub date: String,
    /// When it was last edited (empty: never).
    pub updated: String,
}

/// One entry as the pages show it, its cities named from `members`.
pub(super) fn line(ctx: &Ctx, d: NetworkDocument, members: &[NetworkMember]) -> DocumentLine {
    let t = ctx.tr();
    let name = |c: &CityId| {
        members
            .iter()
            .find(|m| m.city == *c)
            .map_or_else(String::new, |m| m.name.clone())
    };
    DocumentLine {
        id: d.id,
        kind: t.t(&format!("network.kind_{}", d.kind)).to_string(),
        title: d.title,
        description: d.description,
        author: author_name(ctx, &d.city_name),
        audience: match &d.audience {
            Audience::All => t.t("network.all_cities").to_string(),
            Audience::Cities(c) => c.iter().map(name).collect::<Vec<_>>().join(", "),
        },
        file: d.original_name,
        size: d.size,
        date: crate::items::local_time(d.created_at),
        updated: d
            .updated_at
            .map(crate::items::local_time)
            .unwrap_or_default(),
    }
}

/// The library as the viewer may see it.
pub(super) async fn lines(
    app: &AppState,
    ctx: &Ctx,
    viewer: Viewer,
) -> Result<Vec<DocumentLine>, AppError> {
    let docs = app.store().network_documents(viewer).await?;
    let members = if docs.iter().any(|d| d.audience != Audience::All) {
        app.store().network_members().await?
    } else {
        Vec::new()
    };
    Ok(docs.into_iter().map(|d| line(ctx, d, &members)).collect())
}

/// The network's cities to address an entry to (not the viewer's own), `chosen` ticked.
pub(super) fn city_choices(
    members: &[NetworkMember],
    viewer: Viewer,
    chosen: &[String],
) -> Vec<Choice> {
    members
        .iter()
        .filter(|m| Some(m.city) != viewer.city())
        .map(|m| Choice {
            value: m.city.0.to_string(),
            selected: chosen.contains(&m.city.0.to_string()),
            label: m.name.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "network/library.html")]
struct LibraryPage<'a> {
    l: Layout<'a>,
    documents: Vec<DocumentLine>,
    may_post: bool,
    /// The network's cities, to address an entry to.
    cities: Vec<Choice>,
    form: DocumentForm,
    errors: FieldErrors,
    limit: String,
}

/// The entry form as typed (or as stored, on the entry's page).
#[derive(Default)]
pub(super) struct DocumentForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub all: bool,
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    viewer: Viewer,
    form: DocumentForm,
    chosen: &[String],
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let documents = lines(app, ctx, viewer).await?;
    let members = app.store().network_members().await?;
    let cities = city_choices(&members, viewer, chosen);
    let title = ctx.tr().t("network.library").to_string();
    let failed = !errors.is_empty();
    let limit = domain::format_number(app.evidence().limit() as f64 / 1_000_000.0);
    Ok(render_form_page(
        LibraryPage {
            l: Layout::new(ctx, &title, "network_library"),
            documents,
            may_post: viewer.may_post(),
            cities,
            form,
            errors,
            limit,
        },
        failed,
    ))
}

/// `GET /network/library`.
pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let form = DocumentForm {
        all: true,
        kind: "document".into(),
        ..DocumentForm::default()
    };
    render(&app, &ctx, viewer, form, &[], FieldErrors::new()).await
}

/// What a library form says: kind, title, description, audience.
pub(super) type Entry = (String, String, String, Audience);

/// The form's entry as an edit of a stored one.
pub(super) fn read_entry((kind, title, description, audience): Entry) -> NetworkDocumentEdit {
    NetworkDocumentEdit {
        kind,
        title,
        description,
        audience,
    }
}

/// The form's text, read into what the entry is, each problem beside its field.
pub(super) fn parse(
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> (DocumentForm, Vec<String>, Result<Entry, FieldErrors>) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let chosen: Vec<String> = pairs
        .iter()
        .filter(|(n, _)| n == "city")
        .map(|(_, v)| v.clone())
        .collect();
    let form = DocumentForm {
        kind: get("kind").to_string(),
        title: get("title").to_string(),
        description: get("description").to_string(),
        all: get("audience") != "cities",
    };
    let say = |e: NetworkError| crate::i18n::Worded::message(&e, ctx.lang);
    let mut errors = FieldErrors::new();
    let kind = match form.kind.as_str() {
        k @ ("document" | "practice") => Some(k.to_string()),
        _ => {
            errors.add("d-kind", say(NetworkError::BadChoice));
            None
        }
    };
    let title = errors.take("d-title", clean_text(&form.title, 200, true).map_err(say));
    let description = errors.take(
        "d-description",
        clean_text(&form.description, 2000, false).map_err(say),
    );
    let audience = if form.all {
        Some(Audience::All)
    } else {
        let ids: Option<Vec<CityId>> = chosen.iter().map(|c| c.parse().ok().map(CityId)).collect();
        match ids {
            Some(ids) if !ids.is_empty() => Some(Audience::Cities(ids)),
            Some(_) => {
                errors.add("d-cities", say(NetworkError::NoCity));
                None
            }
            None => {
                errors.add("d-cities", say(NetworkError::BadChoice));
                None
            }
        }
    };
    let read = match (kind, title, description, audience) {
        (Some(k), Some(t), Some(d), Some(a)) if errors.is_empty() => Ok((k, t, d, a)),
        _ => Err(errors),
    };
    (form, chosen, read)
}

/// `POST /network/library` (multipart, the CSRF token in the address): one entry with
/// its file.
pub async fn upload(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    if !viewer.may_post() {
        return Err(AppError::Forbidden);
    }
    let sent = upload::read(&app, &ctx, multipart, |_| Ok(())).await;
    let (form, chosen, read) = parse(&ctx, &sent.pairs);
    // One file an entry: any further file is not kept.
    let mut files = sent.files;
    let extra: Vec<_> = files
        .split_off(files.len().min(1))
        .into_iter()
        .map(|f| f.stored)
        .collect();
    app.evidence().discard(&extra, app.store()).await;
    let first = files.pop();
    let stored: Vec<_> = first.iter().map(|f| f.stored.clone()).collect();
    let read = match (sent.error, read, first) {
        (Some(message), _, _) => Err(FieldErrors::whole(message)),
        (None, Err(errors), _) => Err(errors),
        (None, Ok(_), None) => {
            let mut e = FieldErrors::new();
            e.add(
                "d-file",
                crate::i18n::Worded::message(&NetworkError::FileRequired, ctx.lang),
            );
            Err(e)
        }
        (None, Ok((kind, title, description, audience)), Some(file)) => Ok(NewNetworkDocument {
            kind,
            title,
            description,
            audience,
            file,
        }),
    };
    let saved = match read {
        Ok(doc) => app
            .store()
            .add_network_document(&doc, viewer, user.id)
            .await
            .map_err(|e| {
                AppError::from(e)
                    .into_form_message(&ctx)
                    .map(FieldErrors::whole)
            }),
        Err(errors) => Err(Ok(errors)),
    };
    match saved {
        Ok(_) => {
            app.evidence().release(&stored).await;
            Ok(redirect(&ctx, "/network/library"))
        }
        Err(errors) => {
            app.evidence().discard(&stored, app.store()).await;
            render(&app, &ctx, viewer, form, &chosen, errors?).await
        }
    }
}

/// `GET /network/library/{id}/file`: to whoever the entry is for.
pub async fn download(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let doc = app
        .store()
        .network_document(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_see(viewer, &doc.audience, doc.city) {
        return Err(AppError::Forbidden);
    }
    crate::evidence::serve(
        &app,
        &doc.stored_path,
        &doc.mime,
        doc.size,
        &doc.original_name,
    )
    .await
}

/// `GET /network/library.csv` and `.xlsx`.
pub async fn export_table(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    format: TableFormat,
) -> Result<Response, AppError> {
    export(&app, &ctx, &user, format.is_xlsx()).await
}

/// The library as the viewer sees it, newest first.
async fn export(
    app: &AppState,
    ctx: &Ctx,
    user: &crate::session::SessionUser,
    xlsx: bool,
) -> Result<Response, AppError> {
    let viewer = viewer(user)?;
    let t = ctx.tr();
    let headers = [
        "export_date",
        "kind",
        "doc_title",
        "description",
        "export_by",
        "audience",
        "file",
        "export_size",
        "export_updated",
    ];
    let rows = lines(app, ctx, viewer)
        .await?
        .into_iter()
        .take(app.config().export_max_rows)
        .map(|d| {
            vec![
                Cell::Text(d.date),
                Cell::Text(d.kind),
                Cell::Text(d.title),
                Cell::Text(d.description),
                Cell::Text(d.author),
                Cell::Text(d.audience),
                Cell::Text(d.file),
                Cell::Int(d.size),
                Cell::Text(d.updated),
            ]
        })
        .collect();
    let table = Table {
        title: t.t("network.library").to_string(),
        headers: headers
            .iter()
            .map(|h| t.t(&format!("network.{h}")).to_string())
            .collect(),
        rows,
    };
    crate::page::table_download(&table, xlsx, "thu-vien-mang-luoi")
}
