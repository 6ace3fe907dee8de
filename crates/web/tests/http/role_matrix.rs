//! The role matrix (issue 14): every route the web crate registers, GET and POST, asked by
//! every role, against the statuses kept in one file, `role_matrix.txt` beside this one.
//!
//! The routes are read from the `.route("…", get(…).post(…))` calls in `crates/web/src`:
//! a route/method pair without a row in the table fails the test, and so does a row whose
//! route is gone. Each role runs against a fresh server with the same sample objects (the
//! table's `setup:` lines), the rows in the table's order, so that one role's changes never
//! reach another role's cells. Forms carry the session's CSRF token and the smallest input
//! that a user allowed to act gets through: the table shows who acts (303, or 200 for pages
//! answering in place) and who is refused (403), not which field is missing. Then every
//! link on the pages a role was shown is followed: none may answer that role 403 (partner
//! views show only what the partner may open).
//!
//! `SANGTAO_WRITE_ROLE_MATRIX=1` writes the cells observed (and rows for new routes) back
//! to the table; every changed cell is then to be reviewed against `domain::permissions`.

use crate::common::{self, Backend, PNG, TestApp, csrf_of, spawn_app};
use domain::{Role, UnitId};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, RequestBuilder, Response, header::LOCATION, redirect::Policy};
use std::collections::{BTreeSet, HashMap};

const TABLE: &str = "tests/http/role_matrix.txt";
/// The sample item: the setup has QLDS lead it and the museum coordinate.
const SESSIONS: &str = "Tham gia các phiên họp online";
/// The item shared with the partner (the magazine and QLDS lead it).
const SHARED: &str = "Biên soạn và xuất bản";
/// A second plan, naming only QLDS: the partner may not open it.
const PLAN2: &str = "KẾ HOẠCH\nTổ chức Ngày hội thiết kế năm 2026\n\nSở Văn hóa và Thể thao Hà Nội \
                     xây dựng Kế hoạch như sau:\n\nI. NỘI DUNG\n1. Tổ chức triển lãm thiết kế\n\
                     - Đơn vị thực hiện: Phòng Quản lý Di sản văn hóa.\n";
/// The lead user's feeds (a feed's address is its token): one to read, one to revoke.
const FEEDS: [(&str, char); 2] = [("feed", '1'), ("feed2", '2')];
/// The ids found in the store once the setup's forms are sent ([`Sample::lookup`]).
const FOUND: &str = "target report evidence person invitation booking check follow_up \
                     document direction direction2 direction_file estimate_line field contact \
                     media_file space";

/// A column of the table: its name, the roles of the user signed in (`anon`: nobody), and
/// the unit (by the start of its name).
struct Who(&'static str, &'static [Role], Option<&'static str>);

const ROLES: &[Who] = &[
    Who("anon", &[], None),
    Who("admin", &[Role::Admin], None),
    Who("board", &[Role::Board], None),
    // Staff of the unit leading the sample objects, and of the one coordinating them.
    Who("lead", &[Role::Staff], Some("Phòng Quản lý Di sản")),
    Who("coord", &[Role::Staff], Some("Bảo tàng Hà Nội")),
    // The department's people of units on none of them.
    Who("other", &[Role::Staff], Some("Trung tâm")),
    Who("finance", &[Role::Finance], Some("Phòng Kế hoạch")),
    Who("office", &[Role::Office], Some("Văn phòng Sở")),
    // On the plan (the item shared with it), on none of the sample objects.
    Who("partner", &[Role::Partner], Some("Tạp chí Kiến trúc")),
    // A focal point of Huế with a network account (issue 19): the network space only.
    Who("network", &[Role::Partner], None),
];

#[path = "role_matrix/table.rs"]
mod table;
use table::{PARSED, Row, differences, source_routes, write_table};

/// The sample objects' ids, by the names the table's paths and forms use.
#[derive(Default)]
struct Sample(HashMap<String, String>);

impl Sample {
    fn set(&mut self, name: &str, id: impl ToString) {
        self.0.insert(name.to_string(), id.to_string());
    }

    fn id(&self, name: &str) -> Option<i64> {
        self.0.get(name)?.parse().ok()
    }

    /// `text` with every `{name}` replaced: the sample's ids, else what the store says now.
    async fn fill(&self, app: &TestApp, text: &str) -> String {
        let (mut out, mut rest) = (String::new(), text);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
            let name = &rest[open + 1..close - 1];
            match (self.0.get(name), self.lookup(app, name).await) {
                (Some(v), _) => out.push_str(v),
                (None, Some(v)) => out.push_str(&v.to_string()),
                (None, None) => out.push_str(&rest[open..close]),
            }
            rest = &rest[close..];
        }
        out + rest
    }

    /// An id the setup's forms made (the first of its kind), or the current version of a
    /// sample object (`{item_version}` …), read from the store.
    async fn lookup(&self, app: &TestApp, name: &str) -> Option<i64> {
        if self.0.contains_key(name) {
            return None;
        }
        let s = &app.store;
        let item = domain::ItemId(self.id("item")?);
        let ev = domain::EventId(self.id("event").unwrap_or(0));
        let plan = domain::PlanId(self.id("plan")?);
        let report = || async { s.item_reports(item).await.ok()?.into_iter().next() };
        let direction = |n: &'static str| async move {
            let all = s.plan_directions(plan, None).await.ok()?;
            all.into_iter().find(|d| d.number.as_deref() == Some(n))
        };
        let (d1, d2) = ("285/SVHTT-QLDS", "286/SVHTT-QLDS");
        Some(match name {
            "target" => s.item(item).await.ok()??.targets.first()?.id,
            "report" => report().await?.report_id,
            "evidence" => report().await?.evidence.first()?.id,
            "person" => s.list_people(None, None).await.ok()?.first()?.id.0,
            "invitation" => s.invitations(ev, 0, 1).await.ok()?.rows.first()?.id,
            "booking" => s.bookings(ev).await.ok()?.first()?.id,
            "check" => s.checklist(ev).await.ok()?.first()?.id,
            "follow_up" => s.follow_ups(ev).await.ok()?.first()?.id,
            "document" => s.event_documents(ev).await.ok()?.first()?.id,
            "direction" => direction(d1).await?.id.0,
            "direction2" => direction(d2).await?.id.0,
            "direction_file" => direction(d1).await?.files.first()?.id.0,
            "item_version" => s.item_tracking(item).await.ok()??.version,
            "estimate_version" => s
                .item_budget(item)
                .await
                .ok()?
                .estimate
                .map_or(0, |e| e.version),
            "estimate_line" => s.item_budget(item).await.ok()?.estimate?.lines.first()?.id,
            "event_version" => s.event(ev).await.ok()??.version,
            "media_file" | "media_version" => {
                let w = domain::media::MediaWorkId(self.id("media")?);
                let w = s.media_work(w).await.ok()??;
                match name {
                    "media_file" => w.files.first()?.id.0,
                    _ => w.version,
                }
            }
            "report_version" => {
                let all = s.report_history(self.id("report")?).await.ok()?;
                all.last()?.version
            }
            "person_version" => {
                let p = domain::PersonId(self.id("person")?);
                s.person(p).await.ok()??.version
            }
            "delegation_version" => {
                let d = domain::DelegationId(self.id("delegation")?);
                s.delegation(d).await.ok()??.version
            }
            "direction_version" | "direction2_version" => {
                let d = domain::DirectionId(self.id(name.strip_suffix("_version")?)?);
                s.direction(d).await.ok()?.map_or(0, |d| d.version)
            }
            "contact" => s.contacts(None).await.ok()?.first()?.id,
            "field" => s.creative_fields().await.ok()?.first()?.id.0,
            "field_version" => s.creative_fields().await.ok()?.first()?.version,
            "city_version" => {
                let c = domain::CityId(self.id("city")?);
                s.city(c).await.ok()??.version
            }
            "letter" => {
                let c = domain::CityId(self.id("city")?);
                // The setup's letter (with its file): the first recorded.
                let page = s.city_timeline(c, 1, 100).await.ok()?;
                let letters = page.entries.into_iter();
                letters
                    .filter(|e| e.kind == domain::cities::InteractionKind::Letter)
                    .map(|e| e.id)
                    .min()?
            }
            "project_version" => {
                let p = domain::cities::project::ProjectId(self.id("project")?);
                s.project(p).await.ok()??.version
            }
            "network_document_version" => {
                let d = self.id("network_document")?;
                s.network_document(d).await.ok()??.version
            }
            "cstep" => s.candidacy_steps().await.ok()?.first()?.id,
            "cstep_version" => s.candidacy_steps().await.ok()?.first()?.version,
            "candidacy_version" => {
                s.candidacy(self.id("candidacy")?)
                    .await
                    .ok()??
                    .candidacy
                    .version
            }
            "cdoc" => {
                let d = s.candidacy(self.id("candidacy")?).await.ok()??;
                d.documents.first()?.id
            }
            "csupport" => {
                let d = s.candidacy(self.id("candidacy")?).await.ok()??;
                d.support.first()?.id
            }
            "space" => s.list_spaces().await.ok()?.first()?.id.0,
            "space_version" => {
                let id = domain::publishing::SpaceId(self.id("space")?);
                s.space(id).await.ok()??.version
            }
            "publication_version" => {
                let id = domain::publishing::PublicationId(self.id("publication")?);
                s.publication(id).await.ok()??.version
            }
            "department_version" => s.department().await.ok()?.map_or(0, |d| d.version),
            // The setup's draft: the first one made.
            "plan_draft" => s.plan_drafts().await.ok()?.iter().map(|d| d.id).min()?,
            "plan_draft_version" => {
                let first = s.plan_drafts().await.ok()?.iter().map(|d| d.id).min()?;
                s.plan_draft(first).await.ok()??.version
            }
            "user_version" => {
                let u = domain::UserId(self.id("user")?);
                s.user(u).await.ok()??.version
            }
            "unit_coord_version" => {
                let u = domain::UnitId(self.id("unit_coord")?);
                s.unit(u).await.ok()??.unit.version
            }
            "plan_version" => s.plan_metadata(plan).await.ok()??.version,
            "draft_version" => {
                let draft = s.report_draft(plan, "2025-H1".parse().ok()?).await.ok()?;
                draft.map_or(0, |d| d.version)
            }
            _ => return None,
        })
    }
}

/// A row's form: `@name` is a named form of the table (more fields may follow after
/// `&`), `multipart:` sends it as an upload (`@png` a small image, `@plan` a plan's text),
/// `\n` is a new line.
fn fields(body: &str) -> (bool, Vec<(String, String)>) {
    let (upload, body) = match body.strip_prefix("multipart:") {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let expanded = match body.strip_prefix('@') {
        Some(named) => {
            let (name, more) = named.split_once('&').unwrap_or((named, ""));
            let form = PARSED.forms.get(name);
            format!(
                "{}&{more}",
                form.unwrap_or_else(|| panic!("no form @{name}"))
            )
        }
        None => body.to_string(),
    };
    let pairs = expanded.split('&').filter(|f| !f.is_empty() && *f != "-");
    let pairs = pairs.map(|f| {
        let (k, v) = f.split_once('=').unwrap_or((f, ""));
        (k.to_string(), v.replace("\\n", "\n"))
    });
    (upload, pairs.collect())
}

/// A POST of `body` with the CSRF token: in the form, or in the address for an upload.
fn post(client: &Client, csrf: &str, url: String, body: &str) -> RequestBuilder {
    let (upload, pairs) = fields(body);
    if upload {
        let glue = if url.contains('?') { '&' } else { '?' };
        let png = || Part::bytes(PNG.to_vec()).file_name("anh.png");
        let form = pairs
            .into_iter()
            .fold(Form::new(), |form, (k, v)| match &*v {
                "@png" => form.part(k, png()),
                "@plan" => form.part(k, Part::bytes(PLAN2.as_bytes()).file_name("kh-2026.txt")),
                _ => form.text(k, v),
            });
        let url = format!("{url}{glue}_csrf={csrf}");
        client.post(url).multipart(form)
    } else {
        let csrf = ("_csrf".to_string(), csrf.to_string());
        let all: Vec<_> = [csrf].into_iter().chain(pairs).collect();
        client.post(url).form(&all)
    }
}

/// A browser of the setup: a signed-in user and their CSRF token.
struct Setup(TestApp, String);

impl Setup {
    async fn new(app: &TestApp, login: &str, roles: &[Role], units: &[UnitId]) -> Setup {
        let b = TestApp::user_browser(app, login, roles, units).await;
        let csrf = b.csrf_from("/password").await;
        Setup(b, csrf)
    }
}

/// The sample objects: the lead unit's staff and the Board signed in, the table's `setup:`
/// forms sent as they would send them, and the ids the table names.
async fn sample(app: &TestApp) -> (Sample, Setup, Setup) {
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let museum = app.unit_id("Bảo tàng Hà Nội").await;
    let lead = Setup::new(app, "lead", &[Role::Staff], &[qlds]).await;
    let board = Setup::new(app, "board", &[Role::Board], &[]).await;
    let mut s = Sample::default();
    s.set("plan", app.plan_id().await);
    s.set("item", app.item_id(SESSIONS).await.0);
    s.set("shared", app.item_id(SHARED).await.0);
    s.set("unit", qlds.0);
    s.set("unit_coord", museum.0);
    for [who, path, body, name] in &PARSED.setup {
        let b = if who == "lead" { &lead } else { &board };
        let url = b.0.url(&s.fill(app, path).await);
        let r = post(&b.0.client, &b.1, url, &s.fill(app, body).await);
        let r = r.send().await.unwrap();
        assert!(r.status().is_success(), "setup: {path}: {}", r.status());
        if !name.is_empty() {
            s.set(name, r.url().path().rsplit('/').next().unwrap());
        }
    }
    for name in FOUND.split_whitespace() {
        let id = s.lookup(app, name).await;
        s.set(name, id.unwrap_or_else(|| panic!("setup: no {name}")));
    }
    // The lead user's feeds; an escalation; the user of the admin rows is the lead user.
    let store = &app.store;
    let user = store.user_by_login("lead").await.unwrap().unwrap();
    for (name, digit) in FEEDS {
        let token = digit.to_string().repeat(64);
        let hash = domain::password::sha256_hex(token.as_bytes());
        let owner = store::FeedOwner::User(user.id);
        let id = store
            .create_feed_token(owner, &hash, "Lịch", &user.actor())
            .await;
        s.set(name, id.unwrap());
    }
    s.set("feed_token", FEEDS[0].1.to_string().repeat(64));
    s.set("user", user.id.0);
    let item = domain::ItemId(s.id("item").unwrap());
    let due = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let escalation = store.escalate(item, due, 3, "Quá hạn").await.unwrap();
    s.set("escalation", escalation.unwrap());
    let (plan2, sha) = (vanban::parse_text(PLAN2), "2".repeat(64));
    let plan2 = store.import_plan(&plan2, "ngay-hoi.txt", &sha, None).await;
    let store::ImportOutcome::Imported(plan2) = plan2.unwrap() else {
        panic!("setup: the second plan")
    };
    s.set("plan2", plan2.0);
    s.set("network_document", network_document(app).await);
    s.set("network_thread", network_thread(app).await);
    s.set("nev", network_event(app).await);
    (s, lead, board)
}

/// A document of the network library for every city, posted by Hanoi, with its file.
async fn network_document(app: &TestApp) -> i64 {
    let path = "evidence/network/huong-dan.png";
    let file = app.data_dir.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, PNG).unwrap();
    let board = app.store.user_by_login("board").await.unwrap().unwrap();
    let doc = store::NewNetworkDocument {
        kind: "document".into(),
        title: "Hướng dẫn chung".into(),
        description: String::new(),
        audience: domain::network::Audience::All,
        file: store::NewDirectionFile {
            stored: store::evidence_store::StoredFile {
                sha256: domain::password::sha256_hex(PNG),
                size: PNG.len() as u64,
                mime: "image/png".into(),
                relative_path: path.into(),
            },
            original_name: "huong-dan.png".into(),
        },
    };
    let hanoi = domain::network::Viewer::Department { manage: true };
    let id = app.store.add_network_document(&doc, hanoi, board.id).await;
    id.unwrap()
}

/// An event of the shared calendar, posted by Hanoi (version 1).
async fn network_event(app: &TestApp) -> i64 {
    let board = app.store.user_by_login("board").await.unwrap().unwrap();
    let hanoi = domain::network::Viewer::Department { manage: true };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let event = store::NetworkEventInput {
        title: "Hội thảo mạng lưới".into(),
        start_local: day.and_hms_opt(9, 0, 0).unwrap(),
        end_local: day.and_hms_opt(11, 0, 0).unwrap(),
        place: "Hà Nội".into(),
        notes: String::new(),
    };
    let id = app
        .store
        .post_network_event(&event, hanoi, &board.actor())
        .await;
    id.unwrap()
}

/// A thread of the network's message board, started by Hanoi.
async fn network_thread(app: &TestApp) -> i64 {
    let board = app.store.user_by_login("board").await.unwrap().unwrap();
    let hanoi = domain::network::Viewer::Department { manage: true };
    let topic = domain::network::board::BoardTopic::General;
    let made = app
        .store
        .start_network_thread(
            (topic, "Lịch họp quý I", "Xin các thành phố cho ý kiến."),
            hanoi,
            &board.actor(),
            None,
        )
        .await;
    made.unwrap().new_one().unwrap()
}

/// The network column's browser: Huế (imported on its server only) invites its focal
/// point, who signs up through the link and signs in.
async fn network_account(app: &TestApp) -> std::sync::Arc<reqwest::cookie::Jar> {
    let store = &app.store;
    let board = store.user_by_login("board").await.unwrap().unwrap().actor();
    let hue = domain::cities::import::merge(Vec::new(), &[]);
    let hue: Vec<_> = hue.into_iter().filter(|c| c.slug == "hue").collect();
    store.import_cities(&hue, &board).await.unwrap();
    let all = store::CityFilter {
        page: 1,
        per_page: 1000,
        ..Default::default()
    };
    let rows = store.list_cities(&all).await.unwrap().rows;
    let city = rows.into_iter().find(|c| c.slug == "hue").unwrap().id;
    let person = store::PersonInput {
        kind: Some(domain::PersonKind::Expert),
        name: "Trần Thị Hoa".into(),
        email: "hoa@hue.gov.vn".into(),
        ..Default::default()
    };
    let person = store.create_person(&person, &board).await.unwrap();
    let role = domain::ContactRole::FocalPoint;
    store
        .add_contact(Some(city), person, role, &board)
        .await
        .unwrap();
    let hash = domain::password::sha256_hex(b"network-1");
    let expires_at = common::test_now().timestamp() + 86_400;
    let inv = store::NewNetworkInvitation {
        city,
        person,
        token_hash: hash.clone(),
        expires_at,
    };
    store.invite_focal_point(&inv, &board).await.unwrap();
    let pw = domain::password::hash_password(common::NEW_PASSWORD).unwrap();
    let lang = domain::Language::Vi;
    let made = store.accept_network_invitation(&hash, "network-1", &pw, lang);
    made.await.unwrap();
    let b = TestApp::new_browser(app);
    let r = b.sign_in("network-1", common::NEW_PASSWORD).await;
    assert_eq!(r.url().path(), "/network");
    b.jar
}

/// What a response is in the table: its status, and where a redirect leads (the path,
/// numbers as `{n}`).
fn cell(r: &Response) -> String {
    let status = r.status().as_u16().to_string();
    let Some(to) = r.headers().get(LOCATION).and_then(|v| v.to_str().ok()) else {
        return status;
    };
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let path = to.split(['?', '#']).next().unwrap_or("").split('/');
    let path: Vec<&str> = path.map(|s| if number(s) { "{n}" } else { s }).collect();
    format!("{status}>{}", path.join("/"))
}

/// One role's browser, without following redirects, and the CSRF token of its forms.
struct Asker {
    client: Client,
    csrf: String,
}

async fn asker(app: &TestApp, who: &Who, lead: &Setup, board: &Setup) -> Asker {
    let mut units: Vec<UnitId> = Vec::new();
    if let Some(prefix) = who.2 {
        units.push(app.unit_id(prefix).await);
    }
    // (The seed's own admin is "admin".)
    let login = format!("{}-1", who.0);
    let jar = match who.0 {
        "anon" => TestApp::new_browser(app).jar,
        "lead" => lead.0.jar.clone(),
        "board" => board.0.jar.clone(),
        "network" => network_account(app).await,
        _ => TestApp::user_browser(app, &login, who.1, &units).await.jar,
    };
    let client = Client::builder()
        .cookie_provider(jar)
        .redirect(Policy::none());
    let client = client.build().unwrap();
    let page = app.url(if who.0 == "anon" {
        "/signin"
    } else {
        "/password"
    });
    let html = client.get(page).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_of(&html);
    Asker { client, csrf }
}

/// The row's cell, and the page when it is one (a 200 in HTML).
async fn ask(app: &TestApp, a: &Asker, s: &Sample, row: &Row) -> (String, Option<String>) {
    let url = app.url(&s.fill(app, &row.path).await);
    let r = match row.method.as_str() {
        "GET" => a.client.get(url),
        "POST" => post(&a.client, &a.csrf, url, &s.fill(app, &row.body).await),
        other => panic!("{TABLE}: method {other}"),
    };
    let r = r.send().await.unwrap();
    let seen = cell(&r);
    let kind = r.headers().get("content-type").map(|v| v.as_bytes());
    if seen == "200" && kind.is_some_and(|v| v.starts_with(b"text/html")) {
        return (seen, Some(r.text().await.unwrap()));
    }
    (seen, None)
}

/// The links of `pages` (path, HTML) that `who` may not open (403): "who: page → link".
/// (A 404 may be a sample object a later row deleted.)
async fn closed_links(
    app: &TestApp,
    who: &str,
    a: &Asker,
    pages: &[(String, String)],
) -> Vec<String> {
    let (mut asked, mut out) = (BTreeSet::new(), Vec::new());
    for (page, html) in pages {
        let links = html
            .split("href=\"")
            .skip(1)
            .filter_map(|h| h.split('"').next());
        for link in links {
            let link = link.replace("&amp;", "&");
            let link = link.split('#').next().unwrap_or("").to_string();
            let local = link.starts_with('/') && !link.starts_with("/static/");
            if !local || !asked.insert(link.clone()) {
                continue;
            }
            let r = a.client.get(app.url(&link)).send().await.unwrap();
            if r.status().as_u16() == 403 {
                out.push(format!("  {who}: {page} → {link}"));
            }
        }
    }
    out
}

/// Every row asked by every role, each role on a fresh server: `[row][role]`, and the
/// links on each role's pages that it may not open. The roles run at once; each has its
/// own server and database, so their answers do not depend on one another.
async fn run(backend: &Backend, rows: &[Row]) -> (Vec<Vec<String>>, Vec<String>) {
    let columns = ROLES.iter().map(|who| one_role(backend, who, rows));
    let columns = futures_util::future::join_all(columns).await;
    let row = |i: usize| columns.iter().map(|c| c.0[i].clone()).collect();
    let seen = (0..rows.len()).map(row).collect();
    (seen, columns.iter().flat_map(|c| c.1.clone()).collect())
}

/// One role's column, in the table's order (POST /signout last: it ends the session the
/// other rows need), and the links on its pages that it may not open.
async fn one_role(backend: &Backend, who: &Who, rows: &[Row]) -> (Vec<String>, Vec<String>) {
    let app = spawn_app(backend.clone()).await;
    let (mut sample, lead, board) = sample(&app).await;
    let a = asker(&app, who, &lead, &board).await;
    let mine = match who.2 {
        Some(p) => app.unit_id(p).await.0.to_string(),
        None => sample.0["unit"].clone(),
    };
    sample.set("my_unit", mine);
    let signout = |i: &usize| rows[*i].path == "/signout";
    let (last, first): (Vec<usize>, Vec<usize>) = (0..rows.len()).partition(signout);
    let mut column = vec![String::new(); rows.len()];
    let mut pages = Vec::new();
    for &i in &first {
        let (cell, page) = ask(&app, &a, &sample, &rows[i]).await;
        column[i] = cell;
        pages.extend(page.map(|p| (rows[i].path.clone(), p)));
    }
    // On SQLite only: the pages are the same templates on either database.
    let closed = match backend {
        Backend::Sqlite => closed_links(&app, who.0, &a, &pages).await,
        Backend::Postgres(_) => Vec::new(),
    };
    for &i in &last {
        column[i] = ask(&app, &a, &sample, &rows[i]).await.0;
    }
    // A PostgreSQL database is dropped when its last handle goes, waiting for the DROP: off
    // the runtime, so that the other roles go on meanwhile.
    let all = (app, lead, board, a);
    tokio::task::spawn_blocking(move || drop(all))
        .await
        .unwrap();
    (column, closed)
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_table_says() {
    let routes = source_routes();
    let listed = PARSED
        .rows
        .iter()
        .map(|r| (r.method.clone(), r.pattern.clone()));
    let listed: BTreeSet<_> = listed.collect();
    let missing: Vec<_> = routes.difference(&listed).cloned().collect();
    let gone: Vec<_> = listed.difference(&routes).cloned().collect();
    let write = std::env::var("SANGTAO_WRITE_ROLE_MATRIX").as_deref() == Ok("1");
    let show = |v: &[(String, String)]| -> String {
        v.iter().map(|(m, p)| format!("  {m} {p}\n")).collect()
    };
    assert!(
        write || (missing.is_empty() && gone.is_empty()),
        "{TABLE} does not match the routes in crates/web/src (SANGTAO_WRITE_ROLE_MATRIX=1 adds \
         rows: give them a PATH, then review their cells).\nroutes without a row:\n{}\
         rows of no route:\n{}",
        show(&missing),
        show(&gone)
    );
    let mut rows: Vec<Row> = PARSED.rows.clone();
    rows.extend(missing.iter().map(|(m, p)| Row {
        method: m.clone(),
        pattern: p.clone(),
        path: p.clone(),
        body: String::new(),
        cells: vec!["?".into(); ROLES.len()],
    }));
    for backend in common::backends().await {
        let on = match backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres(_) => "PostgreSQL",
        };
        let started = std::time::Instant::now();
        let (seen, closed) = run(&backend, &rows).await;
        let (n, took) = (rows.len(), started.elapsed());
        eprintln!(
            "role matrix on {on}: {n} rows × {} roles in {took:.1?}",
            ROLES.len()
        );
        if write {
            eprintln!(
                "links to what the reader may not open:\n{}",
                closed.join("\n")
            );
            write_table(&rows, &seen, &gone);
            eprintln!("{TABLE} written: review every changed cell (git diff)");
            return;
        }
        let diff = differences(&rows, &seen);
        assert!(
            diff.is_empty(),
            "role matrix on {on}: cells differ (expected → got):\n{diff}"
        );
        let closed = closed.join("\n");
        assert!(
            closed.is_empty(),
            "role matrix on {on}: pages link to what their reader may not open (403):\n{closed}"
        );
    }
}
