//! Candidacy support (issue 19, part 3) in a browser: the Board records a planned date on
//! Huế's dossier through its form and sees the progress on the list; then the list and the
//! dossier at 390 and 1366 px; then Huế's focal point reads its dossier in the network space
//! (`/network/dossier`, same widths) (into `docs/screenshots/` with
//! SANGTAO_WRITE_SCREENSHOTS=1).

use super::common::{Backend, TestApp, spawn_app};
use super::support::{
    WIDTHS, browser, click, js, open, set_width, sign_in, sign_out, type_into, wait_for_text,
};
use domain::Role;
use domain::cities::candidacy::StepDraft;
use std::path::Path;

#[tokio::test]
async fn candidacies_board_dates_a_step_and_sees_the_progress() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let _board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    let actor = app
        .store
        .user_by_login("board")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let rows = domain::cities::import::merge(Vec::new(), &[]);
    app.store.import_cities(&rows, &actor).await.unwrap();
    let dossiers = app.store.candidacies(None).await.unwrap();
    let hue = dossiers
        .iter()
        .find(|(d, _)| d.city_name == "Huế")
        .unwrap()
        .0
        .clone();
    let steps = app.store.candidacy_steps().await.unwrap();
    // The intent was sent; pre-selection is under way.
    let sent = StepDraft {
        planned: "15/01/2026".into(),
        done: "20/01/2026".into(),
        note: "Thư ý định gửi Ủy ban Quốc gia UNESCO Việt Nam".into(),
    };
    app.store
        .save_candidacy_step(
            hue.id,
            hue.version,
            steps[0].id,
            &sent.check().unwrap(),
            &actor,
        )
        .await
        .unwrap();

    sign_in(&c, &app, "board").await;
    let page = format!("/candidacies/{}", hue.id);
    let second = steps[1].id;
    open(&c, &app, &page, "#steps").await;
    type_into(&c, &format!("#s{second}-planned"), "30/06/2026").await;
    click(&c, &format!("#step-{second} button[type=submit]")).await;
    // Saved: the page comes back with the date in its field (a value, not text).
    let planned = chrono::NaiveDate::from_ymd_opt(2026, 6, 30);
    let mut saved = false;
    for _ in 0..50 {
        let d = app.store.candidacy(hue.id).await.unwrap().unwrap();
        if d.records
            .iter()
            .any(|r| r.step == second && r.planned == planned)
        {
            saved = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(saved, "the planned date was saved");
    open(&c, &app, &page, "#steps").await;
    let shown = js(
        &c,
        &format!("return document.querySelector('#s{second}-planned').value;"),
    )
    .await;
    assert_eq!(shown.as_str(), Some("30/06/2026"));
    open(&c, &app, "/candidacies", "#candidacies").await;
    wait_for_text(&c, "#candidacies", "1/5").await;

    let tmp = tempfile::tempdir().unwrap();
    let dir = if std::env::var("SANGTAO_WRITE_SCREENSHOTS").as_deref() == Ok("1") {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
    } else {
        tmp.path().to_path_buf()
    };
    std::fs::create_dir_all(&dir).unwrap();
    for size in WIDTHS {
        set_width(&c, size).await;
        for (name, path, ready) in [
            ("candidacies", "/candidacies".to_string(), "#candidacies"),
            ("candidacy", page.clone(), "#steps"),
        ] {
            open(&c, &app, &path, ready).await;
            let wide = js(&c, "return document.documentElement.scrollWidth;").await;
            assert!(
                wide.as_u64().unwrap() <= u64::from(size.0),
                "{path} at {}",
                size.0
            );
            let png = c.screenshot().await.unwrap();
            std::fs::write(dir.join(format!("{name}-{}.png", size.0)), &png).unwrap();
        }
    }

    // Huế's focal point reads the same dossier, read-only, in the network space (Hanoi's
    // support shown as text).
    let item = app.item_id("Tham gia các phiên họp online").await;
    let link = store::SupportLink::Item(item);
    let support = app
        .store
        .add_candidacy_support(hue.id, second, link, &actor);
    support.await.unwrap();
    network_account(&app, &actor, hue.city).await;
    set_width(&c, WIDTHS[0]).await;
    sign_out(&c).await;
    sign_in(&c, &app, "hoa").await;
    open(&c, &app, "/network", "#network-dossier-link").await;
    click(&c, "#network-dossier-link a").await;
    wait_for_text(&c, "main", "1/5").await;
    let forms = js(&c, "return document.querySelectorAll('main form').length;").await;
    assert_eq!(forms.as_u64(), Some(0), "read-only");
    for size in WIDTHS {
        set_width(&c, size).await;
        open(&c, &app, "/network/dossier", ".dossier-step").await;
        let wide = js(&c, "return document.documentElement.scrollWidth;").await;
        assert!(wide.as_u64().unwrap() <= u64::from(size.0), "at {}", size.0);
        let png = c.screenshot().await.unwrap();
        let name = format!("network-dossier-{}.png", size.0);
        std::fs::write(dir.join(name), &png).unwrap();
    }
    c.close().await.unwrap();
}

/// Huế's focal point "hoa" with a network account (invited and signed up through the store).
async fn network_account(app: &TestApp, board: &domain::Actor, city: domain::CityId) {
    let person = store::PersonInput {
        kind: Some(domain::PersonKind::Expert),
        name: "Trần Thị Hoa".into(),
        email: "hoa@hue.gov.vn".into(),
        ..Default::default()
    };
    let person = app.store.create_person(&person, board).await.unwrap();
    let role = domain::ContactRole::FocalPoint;
    let contact = app.store.add_contact(Some(city), person, role, board);
    contact.await.unwrap();
    let hash = domain::password::sha256_hex(b"hoa");
    let inv = store::NewNetworkInvitation {
        city,
        person,
        token_hash: hash.clone(),
        expires_at: super::common::test_now().timestamp() + 86_400,
    };
    app.store.invite_focal_point(&inv, board).await.unwrap();
    let pw = domain::password::hash_password(super::common::NEW_PASSWORD).unwrap();
    let lang = domain::Language::Vi;
    let made = app.store.accept_network_invitation(&hash, "hoa", &pw, lang);
    made.await.unwrap();
}
