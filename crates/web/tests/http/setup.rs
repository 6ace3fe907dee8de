//! Department setup in the browser (issue 13): units, accounts and a plan's document
//! details, each form with bad input, a stale version and a user who may not use it.

use crate::common::{self, NEW_PASSWORD, TestApp, spawn_app};
use domain::{Role, UnitId, UserId};
use reqwest::StatusCode;

/// The actions audited about one entity.
async fn actions(app: &TestApp, entity: &str, id: i64) -> Vec<String> {
    let log = app.store.audit_for_entity(entity, id).await.unwrap();
    log.into_iter().map(|e| e.action).collect()
}

async fn unit_version(app: &TestApp, id: UnitId) -> String {
    let u = app.store.list_units().await.unwrap();
    u.iter().find(|u| u.id == id).unwrap().version.to_string()
}

async fn user_version(app: &TestApp, id: UserId) -> String {
    app.store
        .user(id)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string()
}

/// Sends the admin's unit form (name, parent, version) to `path`.
async fn post_unit(
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

#[tokio::test]
async fn accounts_are_edited_deactivated_and_staff_need_a_unit() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let khtc = app.unit_id("Phòng Kế hoạch").await;

        // A staff member without a unit is refused beside the units.
        let csrf = app.csrf_from("/admin/users").await;
        let r = app
            .post(
                "/admin/users",
                &[
                    ("_csrf", &csrf),
                    ("login", "khong.don.vi"),
                    ("display_name", "Không Đơn Vị"),
                    ("role", "staff"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="new-units-error">Cán bộ phải thuộc ít nhất một đơn vị"#),
            "{html}"
        );
        assert!(
            app.store
                .user_by_login("khong.don.vi")
                .await
                .unwrap()
                .is_none()
        );

        // A staff member of QLDS, signed in, with a personal calendar feed.
        let lan = TestApp::user_browser(&app, "lan", &[Role::Staff], &[qlds]).await;
        let id = app.store.user_by_login("lan").await.unwrap().unwrap().id;
        let csrf = lan.csrf_from("/feeds").await;
        let page = lan
            .post(
                "/feeds",
                &[("_csrf", csrf.as_str()), ("owner", "me"), ("label", "Lịch")],
            )
            .await
            .text()
            .await
            .unwrap();
        let start = page.find("id=\"feed-url\">").expect("feed URL") + "id=\"feed-url\">".len();
        let url = page[start..].split('<').next().unwrap();
        let feed_path = format!("/feeds/{}", url.split_once("/feeds/").unwrap().1);
        let feed = || async {
            app.fresh_client()
                .get(app.url(&feed_path))
                .send()
                .await
                .unwrap()
                .status()
        };
        assert_eq!(feed().await, StatusCode::OK);

        // Bad input on the edit form: each beside its field, what was typed kept.
        let path = format!("/admin/users/{id}");
        let edit = |fields: Vec<(&'static str, String)>| {
            let app = &app;
            let path = path.clone();
            async move {
                let csrf = app.csrf_from(&path).await;
                let mut form: Vec<(&str, String)> = vec![("_csrf", csrf)];
                form.extend(fields);
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post(&path, &pairs).await
            }
        };
        let v = user_version(&app, id).await;
        let (q, k) = (qlds.to_string(), khtc.to_string());
        let r = edit(vec![
            ("version", v.clone()),
            ("display_name", " ".into()),
            ("email", "không phải thư".into()),
            ("role", "staff".into()),
        ])
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="edit-name-error">Hãy nhập tên."#),
            "{html}"
        );
        assert!(html.contains(r#"id="edit-email-error""#), "{html}");
        assert!(
            html.contains(r#"id="edit-units-error">Cán bộ phải thuộc ít nhất một đơn vị"#),
            "{html}"
        );
        assert!(html.contains(r#"value="không phải thư""#));
        let r = edit(vec![
            ("version", v.clone()),
            ("display_name", "Lan".into()),
            ("role", "emperor".into()),
            ("unit", q.clone()),
        ])
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(r#"id="edit-roles-error""#));

        // Saved: name, e-mail, two roles, two units; audited with before and after.
        let r = edit(vec![
            ("version", v.clone()),
            ("display_name", " Nguyễn  Thị Lan ".into()),
            ("email", "lan@svhtt.hanoi.gov.vn".into()),
            ("role", "staff".into()),
            ("role", "finance".into()),
            ("unit", q.clone()),
            ("unit", k.clone()),
        ])
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Đã lưu họ tên, thư điện tử")
        );
        let u = app.store.user(id).await.unwrap().unwrap();
        assert_eq!(u.display_name, "Nguyễn Thị Lan");
        assert_eq!(u.email.as_deref(), Some("lan@svhtt.hanoi.gov.vn"));
        let mut units = u.unit_ids();
        units.sort();
        let mut want = vec![qlds, khtc];
        want.sort();
        assert_eq!(units, want);
        assert!(u.roles.contains(&Role::Finance) && u.roles.contains(&Role::Staff));
        assert!(
            actions(&app, "user", id.0)
                .await
                .iter()
                .any(|a| a == "user.update")
        );
        // The same form sent again: its version is stale.
        let r = edit(vec![
            ("version", v.clone()),
            ("display_name", "Lan".into()),
            ("role", "staff".into()),
            ("unit", q.clone()),
        ])
        .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Người khác vừa lưu thay đổi trước bạn")
        );
        assert_eq!(
            app.store.user(id).await.unwrap().unwrap().display_name,
            "Nguyễn Thị Lan"
        );

        // Nobody but an admin may edit or deactivate an account.
        let csrf = lan.csrf_from("/plans").await;
        let v = user_version(&app, id).await;
        for p in [path.clone(), format!("{path}/active")] {
            let r = lan
                .post(
                    &p,
                    &[
                        ("_csrf", &csrf),
                        ("version", &v),
                        ("display_name", "X"),
                        ("role", "admin"),
                        ("active", "0"),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{p}");
        }

        // Deactivated: the open session ends, the feed stops answering, no sign-in.
        let csrf = app.csrf_from(&path).await;
        let r = app
            .post(
                &format!("{path}/active"),
                &[("_csrf", &csrf), ("version", &v), ("active", "0")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("Đã khóa tài khoản"));
        assert_eq!(lan.get("/").await.url().path(), "/signin", "signed out");
        assert_eq!(
            feed().await,
            StatusCode::GONE,
            "the personal feed is closed"
        );
        let again = TestApp::new_browser(&app);
        let r = again.sign_in("lan", NEW_PASSWORD).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(r.text().await.unwrap().contains("Tài khoản này đã bị khóa"));
        assert!(
            actions(&app, "user", id.0)
                .await
                .iter()
                .any(|a| a == "user.active")
        );

        // Reactivated: sign-in and the feed work again.
        let v = user_version(&app, id).await;
        let r = app
            .post(
                &format!("{path}/active"),
                &[("_csrf", &csrf), ("version", &v), ("active", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(again.sign_in("lan", NEW_PASSWORD).await.url().path(), "/");
        assert_eq!(feed().await, StatusCode::OK);

        // An admin cannot lock themselves out.
        let me = app.store.user_by_login("admin").await.unwrap().unwrap();
        let mine = format!("/admin/users/{}", me.id);
        let v = user_version(&app, me.id).await;
        let r = app
            .post(
                &format!("{mine}/active"),
                &[("_csrf", &csrf), ("version", &v), ("active", "0")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("không thể tự bỏ vai trò Quản trị hoặc tự khóa")
        );
        assert!(app.store.user(me.id).await.unwrap().unwrap().active);
    }
}

#[tokio::test]
async fn plan_details_are_corrected_by_admin_and_board_and_listed() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let plan = app.plan_id().await;
        let path = format!("/plans/{plan}/metadata");

        // The built-in plan's text has no number or date: the list says so, and offers
        // the form to those who may fill them in.
        let html = app.get("/plans").await.text().await.unwrap();
        assert!(
            html.contains("Chưa có số") && html.contains("Chưa có ngày"),
            "{html}"
        );
        assert!(html.contains(&format!(r#"href="{path}""#)));

        let version = || async {
            app.store
                .plan_metadata(domain::PlanId(plan))
                .await
                .unwrap()
                .unwrap()
                .version
                .to_string()
        };
        let save = |date: &'static str, symbol: String, version: String| {
            let app = &app;
            let path = path.clone();
            async move {
                let csrf = app.csrf_from(&path).await;
                app.post(
                    &path,
                    &[
                        ("_csrf", csrf.as_str()),
                        ("version", &version),
                        ("number", " 85 "),
                        ("symbol", &symbol),
                        ("date", date),
                        ("signer_title", "giám đốc"),
                        ("signer_name", "Đỗ Đình Hồng"),
                        ("parent_issuer", "UBND thành phố Hà Nội"),
                    ],
                )
                .await
            }
        };
        // A date that is not one, and a symbol too long: beside their fields, kept.
        let r = save("31/02/2025", "kh-svhtt".into(), version().await).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="meta-date-error">"#) && html.contains("31/02/2025"),
            "{html}"
        );
        let r = save("15/01/2025", "K".repeat(41), version().await).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="meta-symbol-error">Ký hiệu dài quá 40 ký tự"#),
            "{html}"
        );

        // Saved, tidied; the list and the plan page show it.
        let opened = version().await;
        let r = save("15/01/2025", "kh-svhtt".into(), opened.clone()).await;
        assert_eq!(r.url().path(), format!("/plans/{plan}"));
        let html = r.text().await.unwrap();
        assert!(
            html.contains("85/KH-SVHTT") && html.contains("15/01/2025"),
            "{html}"
        );
        assert!(html.contains("UBND thành phố Hà Nội"));
        let list = app.get("/plans").await.text().await.unwrap();
        assert!(
            list.contains("85/KH-SVHTT") && list.contains("15/01/2025"),
            "{list}"
        );
        assert!(!list.contains("Chưa có số"));
        assert!(
            actions(&app, "plan", plan)
                .await
                .iter()
                .any(|a| a == "plan.metadata")
        );

        // The form opened before that save: a conflict, nothing overwritten.
        let r = save("16/01/2025", "kh-ubnd".into(), opened).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"value="16/01/2025""#),
            "what was typed stays"
        );
        assert!(
            html.contains(r#"id="plan-metadata-saved""#) && html.contains("<dd>15/01/2025</dd>")
        );
        let m = app
            .store
            .plan_metadata(domain::PlanId(plan))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(m.metadata.symbol.as_deref(), Some("KH-SVHTT"));

        // The Board may correct it too; staff may not open or send the form.
        let board = TestApp::user_browser(&app, "bgd", &[Role::Board], &[]).await;
        assert_eq!(board.get(&path).await.status(), StatusCode::OK);
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let staff = TestApp::user_browser(&app, "cb", &[Role::Staff], &[qlds]).await;
        assert_eq!(staff.get(&path).await.status(), StatusCode::FORBIDDEN);
        let csrf = staff.csrf_from("/plans").await;
        let v = version().await;
        let r = staff
            .post(&path, &[("_csrf", &csrf), ("version", &v), ("number", "1")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let html = staff.get("/plans").await.text().await.unwrap();
        assert!(
            !html.contains(&format!(r#"href="{path}""#)),
            "no link for staff"
        );
    }
}
