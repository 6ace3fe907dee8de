//! Issue 18's journey: a unit records the documentary (14 minutes) and two clips and
//! takes them through their stages to published, the Board approving; the targets on
//! the plan page and the dashboard move; the Board publishes them; the public site in
//! English shows them, and its Atom feed reads back with a feed library.

use super::common::{Backend, NEW_PASSWORD, TestApp, spawn_app};
use super::support::{browser, click, select, type_into};
use domain::Role;
use std::time::{Duration, Instant};

/// Waits up to 15 s for an element, through a navigation that a click started (a find
/// during one is "aborted by navigation": try again rather than fail).
async fn wait_for(c: &fantoccini::Client, css: &str) {
    let start = Instant::now();
    while c.find(fantoccini::Locator::Css(css)).await.is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{css} never showed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_in(c: &fantoccini::Client, app: &TestApp, login: &str) {
    c.goto(&app.url("/signin")).await.unwrap();
    wait_for(c, "#login").await;
    type_into(c, "#login", login).await;
    type_into(c, "#password", NEW_PASSWORD).await;
    click(c, "#signin-submit").await;
    wait_for(c, "form[action='/signout']").await;
}

async fn sign_out(c: &fantoccini::Client) {
    click(c, "form[action='/signout'] button").await;
    wait_for(c, "#login").await;
}

/// The plan page's line for a target, as it shows on the item's row.
async fn plan_page(c: &fantoccini::Client, app: &TestApp) -> String {
    let plan = app.plan_id().await;
    c.goto(&app.url(&format!("/plans/{plan}"))).await.unwrap();
    wait_for(c, "#plan-tree").await;
    c.source().await.unwrap()
}

/// The dashboard's figure for an item's target (the row linking to the item).
async fn dashboard_actual(c: &fantoccini::Client, app: &TestApp, item: i64) -> String {
    let plan = app.plan_id().await;
    c.goto(&app.url(&format!("/dashboard?plan={plan}&period=2025")))
        .await
        .unwrap();
    wait_for(c, "#targets").await;
    let script = format!(
        "return [...document.querySelectorAll('#targets tbody tr')]
           .filter(r => r.querySelector('a[href=\"/items/{item}\"]'))
           .map(r => r.querySelector('strong').textContent)[0] || '';"
    );
    let v = c.execute(&script, vec![]).await.unwrap();
    v.as_str().unwrap_or_default().to_string()
}

/// Records a work for `item` from the item's "add" link; returns its id.
async fn record(
    c: &fantoccini::Client,
    app: &TestApp,
    item: i64,
    kind: &str,
    title: &str,
    duration: &str,
) -> i64 {
    c.goto(&app.url(&format!("/media/new?item={item}")))
        .await
        .unwrap();
    wait_for(c, "#m-title").await;
    select(c, "#m-kind", kind).await;
    type_into(c, "#m-title", title).await;
    type_into(c, "#m-duration", duration).await;
    click(c, "#media-submit").await;
    wait_for(c, "#work-stage").await;
    let path = c.current_url().await.unwrap().path().to_string();
    path.trim_start_matches("/media/")
        .parse()
        .expect("the work's page")
}

/// Moves the work on its page to `to` (and, publishing, types the date).
async fn move_to(c: &fantoccini::Client, app: &TestApp, work: i64, to: &str, day: Option<&str>) {
    c.goto(&app.url(&format!("/media/{work}"))).await.unwrap();
    wait_for(c, &format!("#move-{to}")).await;
    if let Some(day) = day {
        let field = c
            .find(fantoccini::Locator::Css("#published-on"))
            .await
            .unwrap();
        field.clear().await.unwrap();
        type_into(c, "#published-on", day).await;
    }
    click(c, &format!("#move-{to} button")).await;
    wait_for(c, &format!("#work-stage.st-{to}")).await;
}

#[tokio::test]
async fn journey_media_works_count_and_reach_the_public_site() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let heritage = app.unit_id("Phòng Quản lý Di sản").await;
    for (login, roles, units) in [
        ("unit", vec![Role::Staff], vec![heritage]),
        ("board", vec![Role::Board], vec![]),
    ] {
        app.store
            .create_user(store::NewUser {
                login: login.into(),
                display_name: format!("Người dùng {login}"),
                password_hash: domain::password::hash_password(NEW_PASSWORD).unwrap(),
                must_change_password: false,
                language: domain::Language::Vi,
                roles,
                unit_ids: units,
            })
            .await
            .unwrap();
    }
    let doc_item = app.item_id("Xây dựng phóng sự").await.0;
    let clip_item = app.item_id("Xây dựng clip").await.0;

    // Before: nothing counted.
    sign_in(&c, &app, "unit").await;
    let before = plan_page(&c, &app).await;
    assert!(
        before.contains("12–15 phút · Thực hiện: 0 · Chưa đạt"),
        "{before}"
    );
    assert!(before.contains("2–3 clip · Thực hiện: 0 · Chưa đạt"));

    // The unit records the documentary and two clips and takes them to review.
    let works = [
        record(
            &c,
            &app,
            doc_item,
            "documentary",
            "Phóng sự Hà Nội sáng tạo",
            "14:00",
        )
        .await,
        record(&c, &app, clip_item, "clip", "Clip Phố sách Hà Nội", "2:30").await,
        record(
            &c,
            &app,
            clip_item,
            "clip",
            "Clip Làng gốm Bát Tràng",
            "3:10",
        )
        .await,
    ];
    for w in works {
        for to in ["script", "production", "review"] {
            move_to(&c, &app, w, to, None).await;
        }
    }
    // The Board approves; the unit publishes, dated in the plan year.
    sign_out(&c).await;
    sign_in(&c, &app, "board").await;
    for w in works {
        move_to(&c, &app, w, "approved", None).await;
    }
    sign_out(&c).await;
    sign_in(&c, &app, "unit").await;
    for w in works {
        move_to(&c, &app, w, "published", Some("20/11/2025")).await;
    }

    // The targets moved, the same on the plan page and the dashboard.
    let after = plan_page(&c, &app).await;
    assert!(
        after.contains("12–15 phút · Thực hiện: 14 · Đạt"),
        "{after}"
    );
    assert!(after.contains("2–3 clip · Thực hiện: 2 · Đạt"));
    assert_eq!(dashboard_actual(&c, &app, doc_item).await, "14");
    assert_eq!(dashboard_actual(&c, &app, clip_item).await, "2");
    sign_out(&c).await;

    public_part(&c, &app, &works).await;
    c.close().await.unwrap();
}

/// The Board proposes each work for the public site with an English title and publishes
/// it; signed out, the English site shows them and its Atom feed reads back.
async fn public_part(c: &fantoccini::Client, app: &TestApp, works: &[i64; 3]) {
    let english = [
        "Creative Hanoi, a documentary",
        "Hanoi Book Street",
        "Bát Tràng pottery village",
    ];
    sign_in(c, app, "board").await;
    for (w, title) in works.iter().zip(english) {
        c.goto(&app.url(&format!("/publishing/new?kind=media_work&subject={w}")))
            .await
            .unwrap();
        wait_for(c, "#p-title-en").await;
        type_into(c, "#p-title-en", title).await;
        click(c, "#publication-submit").await;
        wait_for(c, "#move-review").await;
        click(c, "#move-review").await;
        wait_for(c, "#move-published").await;
        click(c, "#move-published").await;
        wait_for(c, "#public-link").await;
    }
    sign_out(c).await;

    // Signed out, in English: the three works, each with its duration.
    c.goto(&app.url("/p/en/media")).await.unwrap();
    wait_for(c, "html[lang=en]").await;
    let page = c.source().await.unwrap();
    for title in english {
        assert!(page.contains(title), "{title} on /p/en/media: {page}");
    }
    let feed = reqwest::get(app.url("/p/en/atom.xml"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let feed = atom_syndication::Feed::read_from(&feed[..]).expect("a valid Atom feed");
    let titles: Vec<String> = feed
        .entries()
        .iter()
        .map(|e| e.title().to_string())
        .collect();
    for title in english {
        assert!(
            titles.iter().any(|t| t == title),
            "{title} in the feed: {titles:?}"
        );
    }
    assert_eq!(feed.lang(), Some("en"));
}
