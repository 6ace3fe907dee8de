//! Department setup in the browser (issue 13): units, each form with bad input, a stale
//! version and a user who may not use it (accounts and plan details: `setup_accounts`).

use crate::common::{self, TestApp, spawn_app};
use domain::{Role, UnitId, UserId};
use reqwest::StatusCode;

/// The actions audited about one entity.
pub(crate) async fn actions(app: &TestApp, entity: &str, id: i64) -> Vec<String> {
    let log = app.store.audit_for_entity(entity, id).await.unwrap();
    log.into_iter().map(|e| e.action).collect()
}

pub(crate) async fn unit_version(app: &TestApp, id: UnitId) -> String {
    let u = app.store.list_units().await.unwrap();
    u.iter().find(|u| u.id == id).unwrap().version.to_string()
}

pub(crate) async fn user_version(app: &TestApp, id: UserId) -> String {
    app.store
        .user(id)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string()
}

/// Sends the admin's unit form (name, parent, version) to `path`.
pub(crate) async fn post_unit(
    app: &TestApp,
    path: &str,
    name: &str,
    parent: &str,
    version: &str,
) -> reqwest::Response {
    let csrf = app.csrf_from("/admin/units").await;
    app.post(
        path,
        &[
            ("_csrf", &csrf),
            ("name", name),
            ("parent", parent),
            ("version", version),
        ],
    )
    .await
}

#[tokio::test]
async fn units_are_added_renamed_deactivated_and_merged_by_admins_only() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let museum = app.unit_id("Bảo tàng Hà Nội").await;
        // An item of the built-in plan (read before another plan is imported).
        let item = app.item_id("Tham gia các phiên họp online").await;

        // Bad input: said beside the name, nothing made.
        let before = app.store.list_units().await.unwrap().len();
        let r = post_unit(&app, "/admin/units", "   ", "", "0").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="unit-name-error">Hãy nhập tên."#),
            "{html}"
        );
        let r = post_unit(&app, "/admin/units", "bảo tàng  HÀ NỘI", "", "0").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã có đơn vị “Bảo tàng Hà Nội”"), "{html}");
        assert!(
            html.contains(r#"value="bảo tàng  HÀ NỘI""#),
            "what was typed stays"
        );
        assert_eq!(app.store.list_units().await.unwrap().len(), before);

        // Added under the museum.
        let parent = museum.0.to_string();
        let r = post_unit(
            &app,
            "/admin/units",
            " Trung tâm  Thử nghiệm ",
            &parent,
            "0",
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.url().path().starts_with("/admin/units/"));
        assert!(r.text().await.unwrap().contains("Đã lưu đơn vị."));
        let centre = app.unit_id("Trung tâm Thử nghiệm").await;
        let u = app.store.list_units().await.unwrap();
        let c = u.iter().find(|u| u.id == centre).unwrap();
        assert_eq!(
            (c.name.as_str(), c.parent),
            ("Trung tâm Thử nghiệm", Some(museum))
        );

        // The museum under its own unit: a loop, refused beside the parent.
        let v = unit_version(&app, museum).await;
        let path = format!("/admin/units/{museum}");
        let r = post_unit(&app, &path, "Bảo tàng Hà Nội", &centre.0.to_string(), &v).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="unit-parent-error">Một đơn vị không thể trực thuộc"#),
            "{html}"
        );

        // Renamed: the old name is kept as an alias of the new one.
        let path = format!("/admin/units/{centre}");
        let old = unit_version(&app, centre).await;
        let r = post_unit(&app, &path, "Trung tâm Sáng tạo", &parent, &old).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
        let table = app.store.abbreviation_table().await.unwrap();
        assert_eq!(
            table.lookup("Trung tâm Thử nghiệm"),
            Some("Trung tâm Sáng tạo")
        );
        // A form opened before the rename: a conflict, what was typed kept.
        let r = post_unit(&app, &path, "Trung tâm Cũ", &parent, &old).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Người khác vừa lưu thay đổi trước bạn"),
            "{html}"
        );
        assert!(html.contains(r#"value="Trung tâm Cũ""#));
        // A re-imported document with the old name finds the renamed unit.
        let text = "KẾ HOẠCH\nTổ chức Tuần thiết kế năm 2026\n\nSở Văn hóa và Thể thao Hà Nội \
                    xây dựng Kế hoạch như sau:\n\nI. NỘI DUNG\n1. Tổ chức triển lãm thiết kế\n\
                    - Đơn vị thực hiện: Trung tâm Thử nghiệm.\n";
        let (parsed, sha) = (vanban::parse_text(text), "7".repeat(64));
        let imported = app.store.import_plan(&parsed, "tuan.txt", &sha, None);
        let store::ImportOutcome::Imported(plan) = imported.await.unwrap() else {
            panic!("imported")
        };
        let view = app.store.plan(plan).await.unwrap().unwrap();
        assert!(view.unit_ids().contains(&centre), "{:?}", view.unit_ids());
        let names: Vec<String> = app
            .store
            .list_units()
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert!(
            !names.iter().any(|n| n == "Trung tâm Thử nghiệm"),
            "{names:?}"
        );

        // Deactivated: its page and history stay, the pickers stop offering it.
        let csrf = app.csrf_from(&path).await;
        let v = unit_version(&app, centre).await;
        let r = app
            .post(
                &format!("{path}/active"),
                &[("_csrf", &csrf), ("version", &v), ("active", "0")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains(r#"id="unit-inactive""#));
        let offered = format!(r#"name="unit" value="{centre}""#);
        let html = app.get("/admin/users").await.text().await.unwrap();
        assert!(
            !html.contains(&offered),
            "a deactivated unit is not offered"
        );
        let html = app
            .get(&format!("/items/{item}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(&format!(r#"name="lead" value="{museum}""#)),
            "{html}"
        );
        assert!(!html.contains(&format!(r#"name="lead" value="{centre}""#)));
        let public = app.get(&format!("/units/{centre}")).await;
        assert_eq!(public.status(), StatusCode::OK, "its page and history stay");
        assert!(public.text().await.unwrap().contains("Ngừng hoạt động"));
        // Nor given to an account by a form that still names it.
        app.create_user("moi", "Người Mới", "staff", museum.0).await;
        let moi = app.store.user_by_login("moi").await.unwrap().unwrap();
        let csrf = app.csrf_from(&format!("/admin/users/{}", moi.id)).await;
        let (v, c, m) = (
            user_version(&app, moi.id).await,
            centre.to_string(),
            museum.to_string(),
        );
        let r = app
            .post(
                &format!("/admin/users/{}", moi.id),
                &[
                    ("_csrf", &csrf),
                    ("version", &v),
                    ("display_name", "Người Mới"),
                    ("role", "staff"),
                    ("unit", &m),
                    ("unit", &c),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(
                r#"id="edit-units-error">Đơn vị “Trung tâm Sáng tạo” đã ngừng hoạt động"#
            ),
            "{html}"
        );
        // A stale activity form is a conflict.
        let csrf = app.csrf_from(&path).await;
        let r = app
            .post(
                &format!("{path}/active"),
                &[("_csrf", &csrf), ("version", "1"), ("active", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let v = unit_version(&app, centre).await;
        let r = app
            .post(
                &format!("{path}/active"),
                &[("_csrf", &csrf), ("version", &v), ("active", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = app.get("/admin/users").await.text().await.unwrap();
        assert!(html.contains(&offered), "offered again once reactivated");

        // Merge: a target is required; the duplicate disappears into the museum.
        let r = post_unit(&app, "/admin/units", "Bảo tàng HN trùng", "", "0").await;
        assert_eq!(r.status(), StatusCode::OK);
        let dup = app.unit_id("Bảo tàng HN trùng").await;
        let merge = format!("/admin/units/{dup}/merge");
        let csrf = app.csrf_from("/admin/units").await;
        let r = app.post(&merge, &[("_csrf", &csrf), ("into", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains(r#"id="merge-into-error">Hãy chọn đơn vị sẽ nhận"#)
        );
        let r = app
            .post(&merge, &[("_csrf", &csrf), ("into", &museum.to_string())])
            .await;
        assert_eq!(r.url().path(), format!("/admin/units/{museum}"));
        assert!(app.store.unit(dup).await.unwrap().is_none());

        // Audited.
        let log = actions(&app, "unit", centre.0).await;
        for a in ["unit.create", "unit.update", "unit.active"] {
            assert!(log.iter().any(|x| x == a), "{a} in {log:?}");
        }
        assert!(
            actions(&app, "unit", museum.0)
                .await
                .iter()
                .any(|a| a == "unit.merge")
        );

        // Nobody else may use these pages.
        let board = TestApp::user_browser(&app, "bgd", &[Role::Board], &[]).await;
        let csrf = board.csrf_from("/plans").await;
        assert_eq!(
            board.get("/admin/units").await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(board.get(&path).await.status(), StatusCode::FORBIDDEN);
        for p in [
            "/admin/units".to_string(),
            path.clone(),
            format!("{path}/active"),
            format!("{path}/merge"),
        ] {
            let r = board
                .post(
                    &p,
                    &[
                        ("_csrf", &csrf),
                        ("name", "Chiếm"),
                        ("version", "9"),
                        ("active", "0"),
                        ("into", &museum.to_string()),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{p}");
        }
        assert!(app.store.unit(centre).await.unwrap().unwrap().unit.active);
    }
}
