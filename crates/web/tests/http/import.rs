//! Bringing a plan in from the browser (issue 13) over HTTP, on SQLite and PostgreSQL: the
//! Board uploads a document, corrects its header, maps a unit and an item title on the
//! review page, and commits it in one go; the seed plan uploaded again is a duplicate;
//! unreadable files, bad dates and stale pages get their message; staff are refused.

use crate::common::{self, SEED, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

/// A small plan written for the test: one unit the department has under another name
/// ("Phòng Di sản" is its Phòng Quản lý Di sản văn hóa), one it does not have yet.
const PLAN: &str = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSỞ VĂN HÓA VÀ THỂ THAO\n\
    Số: 12/KH-SVHTT\nHà Nội, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\n\
    Tổ chức Ngày hội Thiết kế sáng tạo Hà Nội năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n\
    1. Mục đích\nQuảng bá Thành phố sáng tạo về thiết kế.\n\nII. NỘI DUNG\n\
    1. Tổ chức 03 triển lãm thiết kế\n- Đơn vị chủ trì: Phòng Di sản\n\
    - Đơn vị phối hợp: Trung tâm Thiết kế Sáng tạo Thử nghiệm\n- Thời gian: Quý III/2026\n\
    2. Tọa đàm chuyên đề\n- Đơn vị chủ trì: Bảo tàng Hà Nội\n\nNơi nhận:\n- Như trên;\n\
    - Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n";

pub(super) async fn upload(b: &TestApp, name: &str, bytes: &[u8]) -> reqwest::Response {
    let csrf = b.csrf_from("/plans/import").await;
    let form = Form::new().text("_csrf", csrf).part(
        "file",
        Part::bytes(bytes.to_vec()).file_name(name.to_string()),
    );
    b.client
        .post(b.url("/plans/import"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The draft's id from the review page's address.
pub(super) fn draft_of(r: &reqwest::Response) -> i64 {
    let path = r.url().path();
    path.strip_prefix("/plans/import/")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not a review page: {path}"))
}

/// Posts `fields` to the draft's form at `path`, over `version`, with the CSRF token.
pub(super) async fn send(
    b: &TestApp,
    path: &str,
    csrf: &str,
    version: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![("_csrf", csrf), ("version", version)];
    form.extend_from_slice(fields);
    b.post(path, &form).await
}

pub(super) fn version_of(html: &str) -> String {
    html.split(r#"name="version" value=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_board_uploads_reviews_corrects_and_commits_a_plan() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let units_before = app.store.list_units().await.unwrap().len();
        let r = upload(&board, "ngay-hoi-thiet-ke.txt", PLAN.as_bytes()).await;
        assert_eq!(r.status(), StatusCode::OK);
        let id = draft_of(&r);
        let html = r.text().await.unwrap();
        // The text line by line beside the tree, with counts; nothing tracked yet.
        assert!(
            html.contains(r#"<li id="L8">Tổ chức Ngày hội Thiết kế"#),
            "{html}"
        );
        assert!(
            html.contains("2 nhiệm vụ") && html.contains("3 đơn vị"),
            "{html}"
        );
        assert!(html.contains(r##"href="#L"##));
        assert_eq!(app.store.list_plans().await.unwrap().len(), 1);
        assert!(
            !html.contains(r#"id="duplicate""#),
            "a new plan is no duplicate"
        );

        // The header: a wrong date is said beside it, then corrected.
        let path = format!("/plans/import/{id}");
        let csrf = csrf_of(&html);
        let v = version_of(&html);
        let header_path = format!("{path}/header");
        let header = |date: &'static str, v: String| {
            let (csrf, header_path) = (csrf.clone(), header_path.clone());
            let board = &board;
            async move {
                let fields = [
                    (
                        "title",
                        "Tổ chức Ngày hội Thiết kế sáng tạo Hà Nội năm 2026",
                    ),
                    ("number", "15"),
                    ("symbol", "KH-SVHTT"),
                    ("date", date),
                    ("signer", "Nguyễn Văn B"),
                ];
                send(board, &header_path, &csrf, &v, &fields).await
            }
        };
        let r = header("31/02/2026", v.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains(r#"id="h-date-error">Ngày ban hành không hợp lệ: 31/02/2026"#));
        assert!(
            html.contains(r#"value="31/02/2026""#),
            "what was typed stays"
        );
        // A number longer than any document's: said beside it.
        let long = "1".repeat(80);
        let fields = [
            ("title", "Kế hoạch"),
            ("number", long.as_str()),
            ("date", ""),
        ];
        let r = send(&board, &header_path, &csrf, &v, &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(r#"id="h-number-error">"#));
        let r = header("12/03/2026", v.clone()).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã lưu bản nháp"));
        // The same form again, from the page before: someone saved meanwhile.
        let r = header("13/03/2026", v).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("vừa được người khác sửa"));

        // Units: "Phòng Di sản" is the department's Phòng Quản lý Di sản văn hóa.
        let html = board.get(&path).await.text().await.unwrap();
        let v = version_of(&html);
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let row = html
            .split("<tr>")
            .find(|row| row.contains(">Phòng Di sản"))
            .expect("the unit is listed");
        let n = row
            .split(r#"name="map_"#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(
            row.contains(r#"<option value="" selected>(tạo đơn vị mới)"#),
            "{row}"
        );
        let (map, unit) = (format!("map_{n}"), qlds.0.to_string());
        let form = [
            ("_csrf", csrf.as_str()),
            ("version", v.as_str()),
            (map.as_str(), unit.as_str()),
        ];
        let r = board.post(&format!("{path}/units"), &form).await;
        assert_eq!(r.status(), StatusCode::OK);

        // An item title corrected; an emptied one is said beside it.
        let html = r.text().await.unwrap();
        let v = version_of(&html);
        let line = html
            .split(r#"name="title_"#)
            // What comes before the first title box (the shape form's list names items too).
            .skip(1)
            .find_map(|s| {
                let (line, rest) = s.split_once('"')?;
                rest.contains("Tọa đàm chuyên đề").then(|| line.to_string())
            })
            .expect("the item's title box");
        let field = format!("title_{line}");
        let form = [
            ("_csrf", csrf.as_str()),
            ("version", v.as_str()),
            (field.as_str(), " "),
        ];
        let r = board.post(&format!("{path}/items"), &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains(&format!(r#"id="t-{line}-error">"#))
        );
        let form = [
            ("_csrf", csrf.as_str()),
            ("version", v.as_str()),
            (field.as_str(), "Tọa đàm về thiết kế và di sản"),
        ];
        let r = board.post(&format!("{path}/items"), &form).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        let v = version_of(&html);

        // The exhibitions' target "03 triển lãm": from above to is said beside it, then
        // corrected to 3–5.
        let key = html
            .split(r#"name="tmin_"#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a target's boxes")
            .to_string();
        let (tmin, tmax, tunit) = (
            format!("tmin_{key}"),
            format!("tmax_{key}"),
            format!("tunit_{key}"),
        );
        let items = format!("{path}/items");
        let target = |min: &'static str, max: &'static str, v: String| {
            let fields = [
                (tmin.as_str(), min),
                (tmax.as_str(), max),
                (tunit.as_str(), "triển lãm"),
            ];
            let (board, csrf, items) = (&board, &csrf, &items);
            async move { send(board, items, csrf, &v, &fields).await }
        };
        let r = target("6", "5", v.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        let input = format!("tmin-{}", key.replace('_', "-"));
        assert!(
            html.contains(&format!(r#"id="{input}-error">Số “từ” lớn hơn"#)),
            "{html}"
        );
        let r = target("3", "5", v).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        let v = version_of(&html);

        // The exhibitions' deadline, read from "Quý III/2026": a wrong date is said beside
        // it, then 15/09/2026 is set.
        let due = html
            .split(r#"name="due_"#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map(|k| format!("due_{k}"))
            .expect("a deadline's box");
        let set_due = |date: &'static str, v: String| {
            let (board, csrf, items, due) = (&board, &csrf, &items, &due);
            async move { send(board, items, csrf, &v, &[(due.as_str(), date)]).await }
        };
        let r = set_due("31/09/2026", v.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        let input = due.replace('_', "-");
        assert!(
            html.contains(&format!(
                r#"id="{input}-error">Hạn của nhiệm vụ không hợp lệ: 31/09/2026"#
            )),
            "{html}"
        );
        let r = set_due("15/09/2026", v).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains(r#"value="15/09/2026""#));
        let v = version_of(&html);

        // Commit: one plan with what was corrected, and one new unit only.
        let form = [("_csrf", csrf.as_str()), ("version", v.as_str())];
        let r = board.post(&format!("{path}/commit"), &form).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.url().path().starts_with("/plans/"), "{}", r.url());
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Đã đưa kế hoạch vào theo dõi")
        );
        let plans = app.store.list_plans().await.unwrap();
        let plan = plans.iter().find(|p| p.title.contains("Ngày hội")).unwrap();
        assert_eq!(plan.number.as_deref(), Some("15"));
        assert_eq!(plan.date, chrono::NaiveDate::from_ymd_opt(2026, 3, 12));
        assert_eq!(plan.item_count, 2);
        let targets = app.store.plan_target_progress(plan.id).await.unwrap();
        assert!(
            targets
                .iter()
                .any(|t| t.min == Some(3.0) && t.max == Some(5.0)),
            "the corrected target"
        );
        let view = app.store.plan(plan.id).await.unwrap().unwrap();
        let mut nodes: Vec<&store::ItemNode> = view.items.iter().collect();
        let mut all = Vec::new();
        while let Some(n) = nodes.pop() {
            nodes.extend(n.children.iter());
            all.push(n);
        }
        let titles: Vec<&str> = all.iter().map(|i| i.item.title.as_str()).collect();
        assert!(
            titles.contains(&"Tọa đàm về thiết kế và di sản"),
            "{titles:?}"
        );
        let exhibition = all
            .iter()
            .find(|i| i.item.title.contains("triển lãm"))
            .unwrap();
        assert!(
            exhibition.lead_units().any(|u| u.id == qlds),
            "mapped to the existing unit"
        );
        assert!(
            exhibition
                .deadlines
                .iter()
                .any(|d| d.due == chrono::NaiveDate::from_ymd_opt(2026, 9, 15)),
            "the corrected deadline"
        );
        let units_after = app.store.list_units().await.unwrap().len();
        assert_eq!(units_after, units_before + 1, "only the centre is new");
        assert!(
            app.store.plan_draft(id).await.unwrap().is_none(),
            "the draft is gone"
        );
        // A second click on the same commit: the draft is gone, said so.
        let r = board.post(&format!("{path}/commit"), &form).await;
        assert!(r.text().await.unwrap().contains("Bản nháp không còn"));
        let audit = app.store.audit_recent(50).await.unwrap();
        for action in [
            "plan_draft.create",
            "plan_draft.edit",
            "plan_draft.commit",
            "plan.import",
        ] {
            assert!(audit.iter().any(|a| a.action == action), "{action} audited");
        }
    }
}

#[tokio::test]
async fn a_duplicate_an_unreadable_file_and_staff_are_refused_with_a_message() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        // The seed plan again: read, reviewed, and refused at commit as already stored.
        let r = upload(&board, "ke-hoach-2025.txt", SEED.as_bytes()).await;
        let id = draft_of(&r);
        let html = r.text().await.unwrap();
        let plan = app.plan_id().await;
        // Said on the review page already, before anyone tries.
        assert!(html.contains(r#"id="duplicate""#), "{html}");
        assert!(html.contains(&format!(r#"href="/plans/{plan}""#)));
        let (csrf, v) = (csrf_of(&html), version_of(&html));
        let form = [("_csrf", csrf.as_str()), ("version", v.as_str())];
        let r = board
            .post(&format!("/plans/import/{id}/commit"), &form)
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(html.contains("đã có trong chương trình"), "{html}");
        assert!(html.contains(&format!(r#"href="/plans/{plan}""#)));
        assert_eq!(app.store.list_plans().await.unwrap().len(), 1);
        // As a revision of the stored plan: the same text changes nothing…
        let compared = board
            .get(&format!("/plans/import/{id}?compare={plan}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            compared.contains("không thêm nhiệm vụ nào")
                && compared.contains("không sửa nhiệm vụ nào")
                && compared.contains("không bỏ nhiệm vụ nào"),
            "{compared}"
        );
        // …and a revised text says what it changes: a raised target.
        let revised = SEED.replace("(20-30 cuộc/năm)", "(25-30 cuộc/năm)");
        let r = upload(&board, "ke-hoach-dieu-chinh.txt", revised.as_bytes()).await;
        let revision = draft_of(&r);
        let compared = board
            .get(&format!("/plans/import/{revision}?compare={plan}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(compared.contains("sửa 1 nhiệm vụ"), "{compared}");
        let changed = compared.split(r#"id="diff-changed""#).nth(1).unwrap();
        assert!(changed.contains("20–30 cuộc/năm") && changed.contains("25–30 cuộc/năm"));
        // A plan that is not there.
        let r = board
            .get(&format!("/plans/import/{revision}?compare=999999"))
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        board
            .post(
                &format!("/plans/import/{revision}/delete"),
                &[("_csrf", csrf.as_str())],
            )
            .await;

        // It can be discarded.
        let r = board
            .post(
                &format!("/plans/import/{id}/delete"),
                &[("_csrf", csrf.as_str())],
            )
            .await;
        assert!(r.text().await.unwrap().contains("Đã bỏ bản nháp"));
        assert!(app.store.plan_drafts().await.unwrap().is_empty());

        // Files that are not plan documents, each with what to do.
        // An old Word file: the OLE2 signature, then its "WordDocument" stream's name.
        let mut doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00".to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        let cases: [(&str, &[u8], &str); 3] = [
            (
                "cu.doc",
                &doc,
                "Tệp Word cũ (.doc): hãy lưu lại dưới dạng .docx",
            ),
            ("rong.txt", b"", "rỗng hoặc không có chữ"),
            (
                "hong.docx",
                b"PK\x03\x04not a zip",
                "hãy mở bằng Word, lưu lại",
            ),
        ];
        for (name, bytes, said) in cases {
            let r = upload(&board, name, bytes).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
            let html = r.text().await.unwrap();
            assert!(html.contains(said), "{name}: {html}");
            assert!(html.contains(r#"id="import-file-error""#));
        }
        // A report is not a plan.
        let report = PLAN
            .replace("KẾ HOẠCH\n", "BÁO CÁO\n")
            .replace("/KH-", "/BC-");
        let r = upload(&board, "bao-cao.txt", report.as_bytes()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Báo cáo"));

        // Staff: neither the page nor the upload.
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[qlds]).await;
        assert_eq!(
            staff.get("/plans/import").await.status(),
            StatusCode::FORBIDDEN
        );
        let csrf = staff.csrf_from("/plans").await;
        let form = Form::new().text("_csrf", csrf).part(
            "file",
            Part::bytes(PLAN.as_bytes().to_vec()).file_name("x.txt"),
        );
        let r = staff
            .client
            .post(staff.url("/plans/import"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(app.store.plan_drafts().await.unwrap().is_empty());
    }
}
