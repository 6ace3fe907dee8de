//! Issue 12, the signable results report: the department profile that heads it
//! (/admin/department) and a saved draft brought up to date with new figures.

use super::oversight::docx_text;
use super::tracking::{post_report, report_form};
use crate::common::{self, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;

/// The value of each named field of the form with id `form_id` (text inputs and
/// textareas), unescaped.
fn form_fields(html: &str, form_id: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("id=\"{form_id}\""))
        .unwrap_or_else(|| panic!("no form {form_id}"));
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    let mut out = Vec::new();
    for chunk in form.split("<textarea").skip(1) {
        let name = attr(chunk, "name");
        let body = &chunk[chunk.find('>').unwrap() + 1..chunk.find("</textarea>").unwrap()];
        out.push((name, unescape(body)));
    }
    for chunk in form.split("<input").skip(1) {
        let tag = &chunk[..chunk.find('>').unwrap()];
        if tag.contains("type=\"text\"") {
            out.push((attr(tag, "name"), unescape(&attr(tag, "value"))));
        }
    }
    out
}

fn attr(tag: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    let from = tag.find(&key).unwrap() + key.len();
    tag[from..from + tag[from..].find('"').unwrap()].to_string()
}

/// Undoes askama's escaping (named and numeric entities).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').map(|e| at + e);
        let entity = end.map(|e| &rest[at + 1..e]).unwrap_or("");
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (c, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

async fn post_pairs(b: &TestApp, path: &str, pairs: &[(String, String)]) -> reqwest::Response {
    b.client.post(b.url(path)).form(pairs).send().await.unwrap()
}

fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn department_profile_heads_the_report_and_only_admins_edit_it() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let plan = app.plan_id().await;
        let docx = format!("/plans/{plan}/official-report.docx?period=2025");

        // Nothing saved yet (a database from before the profile): derived from the plan.
        let page = app.get("/admin/department").await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.contains("Thông tin cơ quan"));
        assert!(
            html.contains("href=\"/admin/department\""),
            "in the admin menu"
        );
        assert!(html.contains("Chưa lưu thông tin cơ quan"));
        assert!(html.contains("value=\"UBND THÀNH PHỐ HÀ NỘI\""));
        assert!(html.contains("value=\"SỞ VĂN HÓA VÀ THỂ THAO\""));
        assert!(html.contains(r#"name="version" value="0""#));
        let bytes = board.get(&docx).await.bytes().await.unwrap();
        let xml = docx_text(&bytes);
        for s in [
            "UBND THÀNH PHỐ HÀ NỘI",
            ">SỞ VĂN HÓA VÀ THỂ THAO<",
            "/BC-SVHTT",
        ] {
            assert!(xml.contains(s), "{s} missing from the DOCX");
        }
        assert!(!xml.contains("SỞ VĂN HÓA VÀ THỂ THAO HÀ NỘI"));

        // Not an admin: refused, to see and to save.
        assert_eq!(
            board.get("/admin/department").await.status(),
            StatusCode::FORBIDDEN
        );
        let token = csrf_of(&board.get("/plans").await.text().await.unwrap());
        let r = board
            .post(
                "/admin/department",
                &[("_csrf", &token), ("version", "0"), ("issuer", "X")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // Without CSRF: refused.
        let form = |version: &str, parent: &str, code: &str| {
            pairs(&[
                ("version", version),
                ("parent", parent),
                // Decomposed "ở", as some keyboards type it: stored NFC.
                ("issuer", "so\u{31b}\u{309} văn hóa và thể thao"),
                ("full_name", "Sở Văn hóa và Thể thao Hà Nội"),
                ("place", "Hà Nội"),
                ("code", code),
            ])
        };
        let r = post_pairs(&app, "/admin/department", &form("0", "UBND TP", "SVHTT")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let token = csrf_of(&html);
        let with_csrf = |mut f: Vec<(String, String)>| {
            f.push(("_csrf".into(), token.clone()));
            f
        };
        // A bad code and an empty issuing body say what to do, with what was typed kept.
        let r = post_pairs(
            &app,
            "/admin/department",
            &with_csrf(form("0", "ubnd thành phố hà nội", "SV/HTT")),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Mã ký hiệu văn bản chỉ gồm chữ cái và chữ số"),
            "{html}"
        );
        assert!(html.contains("value=\"UBND THÀNH PHỐ HÀ NỘI\""));
        let mut empty = with_csrf(form("0", "UBND", "SVHTT"));
        empty[2].1 = " ".into();
        let r = post_pairs(&app, "/admin/department", &empty).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Chưa nhập “Cơ quan ban hành”. Hãy điền mục này rồi lưu lại.")
        );
        let mut long = with_csrf(form("0", "UBND", "SVHTT"));
        long[3].1 = "S".repeat(121);
        let r = post_pairs(&app, "/admin/department", &long).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("dài quá 120 ký tự"));

        // Saved: NFC, upper case, audited; the report's header follows.
        let r = post_pairs(
            &app,
            "/admin/department",
            &with_csrf(form("0", "UBND thành phố Hà Nội", "svhtt")),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.url().path(), "/admin/department");
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã lưu thông tin cơ quan."));
        assert!(!html.contains("Chưa lưu thông tin cơ quan"));
        assert!(html.contains(r#"name="version" value="1""#));
        let saved = app.store.department().await.unwrap().unwrap();
        assert_eq!(saved.profile, domain::Department::hanoi());
        let log = app.store.audit_recent(20).await.unwrap();
        assert!(log.iter().any(|a| a.action == "department.update"));

        // A second tab still on version 0: a conflict showing the saved profile.
        let r = post_pairs(
            &app,
            "/admin/department",
            &with_csrf(form("0", "UBND TỈNH BẮC NINH", "SVHTTDL")),
        )
        .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(html.contains("Người khác vừa lưu thông tin cơ quan trước bạn"));
        assert!(html.contains("value=\"UBND TỈNH BẮC NINH\"") && html.contains("<dd>SVHTT</dd>"));

        // Over version 1: the DOCX takes the new parent body and code.
        let r = post_pairs(
            &app,
            "/admin/department",
            &with_csrf(form("1", "UBND TỈNH BẮC NINH", "SVHTTDL")),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let xml = docx_text(&board.get(&docx).await.bytes().await.unwrap());
        assert!(xml.contains("UBND TỈNH BẮC NINH") && xml.contains("/BC-SVHTTDL"));
        assert!(!xml.contains("UBND THÀNH PHỐ HÀ NỘI"));
    }
}

#[tokio::test]
async fn regenerating_a_draft_shows_the_sections_whose_figures_changed() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let plan = app.plan_id().await;
        let page = format!("/plans/{plan}/official-report?period=2025");
        let regen = format!("/plans/{plan}/official-report/regenerate");

        // The Board saves the prefilled draft with the causes and proposals rewritten.
        let html = board.get(&page).await.text().await.unwrap();
        let token = csrf_of(&html);
        let mut fields = form_fields(&html, "report-draft");
        let intro_before = fields
            .iter()
            .find(|f| f.0 == "results_intro")
            .unwrap()
            .1
            .clone();
        for (name, value) in fields.iter_mut() {
            match name.as_str() {
                "causes" => *value = "Nguyên nhân do Ban Giám đốc viết.".into(),
                "proposals" => *value = "Đề xuất do Ban Giám đốc viết.".into(),
                "number" => *value = "125".into(),
                _ => {}
            }
        }
        let with = |mut f: Vec<(String, String)>, extra: &[(&str, &str)]| {
            f.extend(pairs(extra));
            f.push(("_csrf".into(), token.clone()));
            f
        };
        let r = post_pairs(
            &board,
            &format!("/plans/{plan}/official-report"),
            &with(fields, &[("period", "2025"), ("version", "0")]),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã lưu bản nháp."));
        assert!(
            !html.contains("id=\"regenerate-conflicts\""),
            "nothing changed yet"
        );

        // A unit reports difficulties and proposals: both sections' generated text changes.
        let item = app.item_id("Tham gia các phiên họp online").await;
        let q = qlds.0.to_string();
        let r = post_report(
            &lead,
            &format!("/items/{}/reports", item.0),
            report_form(
                &[
                    ("unit", &q),
                    ("period", "2025-Q2"),
                    ("text", "Đã tham gia 6 phiên họp trực tuyến"),
                    ("difficulties", "Thiếu phiên dịch viên"),
                    ("proposals", "Bổ sung kinh phí thuê phiên dịch"),
                ],
                vec![],
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);

        // Both edited sections are shown with both texts; the untouched intro follows.
        let html = board.get(&page).await.text().await.unwrap();
        assert!(
            html.contains("2 phần đã thay đổi số liệu kể từ khi bạn sửa"),
            "{html}"
        );
        let conflicts = &html[html.find("id=\"regenerate-conflicts\"").unwrap()..];
        let conflicts = &conflicts[..conflicts.find("</section>").unwrap()];
        for s in [
            "id=\"conflict-causes\"",
            "id=\"conflict-proposals\"",
            "Nguyên nhân do Ban Giám đốc viết.",
            "Thiếu phiên dịch viên",
            "Bổ sung kinh phí thuê phiên dịch",
            "Giữ bản của tôi",
            "Lấy bản mới",
        ] {
            assert!(conflicts.contains(s), "{s} missing from the conflicts");
        }
        let draft = form_fields(&html, "report-draft");
        let get = |d: &[(String, String)], n: &str| d.iter().find(|f| f.0 == n).unwrap().1.clone();
        assert_ne!(get(&draft, "results_intro"), intro_before);
        assert!(get(&draft, "results_intro").contains("1 báo cáo tiến độ"));
        assert_eq!(get(&draft, "causes"), "Nguyên nhân do Ban Giám đốc viết.");

        // An unknown choice is refused; so is a stale version.
        let choose = |version: &str, causes: &str, proposals: &str| {
            pairs(&[
                ("_csrf", &token),
                ("period", "2025"),
                ("version", version),
                ("choice_causes", causes),
                ("choice_proposals", proposals),
            ])
        };
        let r = post_pairs(&board, &regen, &choose("1", "both", "mine")).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let r = post_pairs(&board, &regen, &choose("0", "new", "mine")).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);

        // Take the new causes, keep my proposals: saved, audited, nothing left to settle.
        let r = post_pairs(&board, &regen, &choose("1", "new", "mine")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(!html.contains("id=\"regenerate-conflicts\""), "settled");
        let draft = form_fields(&html, "report-draft");
        assert!(get(&draft, "causes").contains("Thiếu phiên dịch viên"));
        assert_eq!(get(&draft, "proposals"), "Đề xuất do Ban Giám đốc viết.");
        assert_eq!(get(&draft, "number"), "125");
        assert!(html.contains(r#"name="version" value="2""#));
        let log = app.store.audit_recent(20).await.unwrap();
        assert!(log.iter().any(|a| a.action == "report_draft.regenerate"));
        // The DOCX says the same.
        let docx = format!("/plans/{plan}/official-report.docx?period=2025");
        let xml = docx_text(&board.get(&docx).await.bytes().await.unwrap());
        assert!(
            xml.contains("Đề xuất do Ban Giám đốc viết.") && xml.contains("Thiếu phiên dịch viên")
        );

        // "Tạo lại từ số liệu": every generated section anew, the number kept.
        let r = post_pairs(
            &board,
            &regen,
            &pairs(&[
                ("_csrf", &token),
                ("period", "2025"),
                ("version", "2"),
                ("whole", "1"),
            ]),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let draft = form_fields(&r.text().await.unwrap(), "report-draft");
        assert!(get(&draft, "proposals").contains("Bổ sung kinh phí thuê phiên dịch"));
        assert_eq!(get(&draft, "number"), "125");
    }
}
