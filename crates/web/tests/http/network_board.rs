//! The network's message board (issue 19) over HTTP, on both databases: Huế starts a thread,
//! Đà Lạt replies and Huế gets the notice through a real SMTP exchange (its own message, no
//! other address in it); an empty message or a bad topic is said beside its field with what
//! was typed kept; a double submit makes one reply; staff read but may not write; an unknown
//! thread is 404; the board exports as CSV; a form without its CSRF token is refused.

use super::common::{TestApp, csrf_of, spawn_app_with};
use super::network::{board, network_browser, text};
use super::scheduler::{body_of, smtp_server, subject_of};
use domain::Role;
use reqwest::StatusCode;

/// The `once` field of the form posting to `action`.
pub(super) fn once_of(html: &str, action: &str) -> String {
    let form = html
        .find(&format!("action=\"{action}\""))
        .expect("the form");
    let marker = "name=\"once\" value=\"";
    let start = form + html[form..].find(marker).expect("a once field") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn network_board_thread_reply_notice_and_refusals() {
    for backend in super::common::backends().await {
        let (port, inbox) = smtp_server().await;
        let app = spawn_app_with(backend, |c| {
            let url = format!("smtp://127.0.0.1:{port}");
            c.mailer =
                Some(app::mail::Mailer::new(&url, "Sở VHTT <sangtao@hanoi.gov.vn>").unwrap());
            c.public_url = Some("https://sangtao.example.vn/".into());
        })
        .await;
        let (_board, actor) = board(&app).await;
        let hoa = network_browser(&app, &actor, "hue", "hoa").await;
        let lan = network_browser(&app, &actor, "da-lat", "lan").await;

        // Huế starts a thread; an empty message comes back beside its field.
        let page = text(hoa.get("/network/board").await).await;
        assert!(page.contains("Chưa có luồng trao đổi nào."), "{page}");
        let (csrf, once) = (csrf_of(&page), once_of(&page, "/network/board"));
        let mut form = vec![
            ("_csrf", csrf.as_str()),
            ("once", once.as_str()),
            ("topic", "candidacy"),
            ("title", "Hồ sơ ẩm thực của Huế"),
            ("body", "  "),
        ];
        let r = hoa.post("/network/board", &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(r).await;
        assert!(page.contains("Hãy viết nội dung trao đổi."), "{page}");
        assert!(
            page.contains("value=\"Hồ sơ ẩm thực của Huế\""),
            "the title stays"
        );
        form[2].1 = "politics";
        form[4].1 = "Xin các thành phố góp ý.\nCảm ơn!";
        let r = hoa.post("/network/board", &form).await;
        assert!(
            text(r)
                .await
                .contains("Hãy chọn một trong các giá trị có sẵn.")
        );
        form[2].1 = "candidacy";
        let r = hoa.post("/network/board", &form).await;
        let thread = r.url().path().to_string();
        assert!(thread.starts_with("/network/board/"), "{thread}");
        let page = text(r).await;
        assert!(page.contains("Xin các thành phố góp ý.\nCảm ơn!"), "{page}");

        // Đà Lạt reads it on the board and replies, twice with the same form: one reply.
        let list = text(lan.get("/network/board?topic=candidacy").await).await;
        assert!(list.contains("Hồ sơ ẩm thực của Huế") && list.contains("Huế · hoa"));
        let page = text(lan.get(&thread).await).await;
        let (csrf, once) = (csrf_of(&page), once_of(&page, &thread));
        let reply = [
            ("_csrf", csrf.as_str()),
            ("once", once.as_str()),
            ("body", "Đà Lạt gửi kinh nghiệm <b>năm 2023</b>."),
        ];
        let first = lan.post(&thread, &reply).await;
        let second = lan.post(&thread, &reply).await;
        assert_eq!(first.url().path(), second.url().path());
        let page = text(second).await;
        assert_eq!(page.matches("Đà Lạt gửi kinh nghiệm").count(), 1, "{page}");
        assert!(!page.contains("<b>năm 2023</b>"), "escaped");
        assert!(page.contains("năm 2023"), "{page}");

        // Huế wrote before, so Huế is told, alone and in Vietnamese; Đà Lạt is not.
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail.len(), 1, "one notice for one reply");
        assert_eq!(mail[0].to, ["hoa@example.vn"]);
        assert!(subject_of(&mail[0].data).contains("Hồ sơ ẩm thực của Huế"));
        let body = body_of(&mail[0].data);
        assert!(
            body.contains(&format!("https://sangtao.example.vn{thread}"))
                && body.contains("Đà Lạt gửi kinh nghiệm"),
            "{body}"
        );

        // An empty reply stays on the thread with its message.
        let page = text(lan.get(&thread).await).await;
        let csrf = csrf_of(&page);
        let r = lan.post(&thread, &[("_csrf", &csrf), ("body", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(r).await.contains("Hãy viết nội dung trao đổi."));

        // Staff read the board but have no form and may not post; no CSRF, no post.
        let staff = TestApp::user_browser(&app, "canbo", &[Role::Staff], &[]).await;
        let page = text(staff.get(&thread).await).await;
        assert!(page.contains("Hồ sơ ẩm thực của Huế") && !page.contains("id=\"reply-form\""));
        let csrf = csrf_of(&page);
        let r = staff
            .post(&thread, &[("_csrf", &csrf), ("body", "x")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = hoa.post(&thread, &[("body", "không có mã CSRF")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            hoa.get("/network/board/999999").await.status(),
            StatusCode::NOT_FOUND
        );
        // A stray page number shows the last page, not an error.
        let r = hoa.get("/network/board?page=abc").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            text(hoa.get("/network/board?page=99").await)
                .await
                .contains("1 / 1")
        );

        // The export reads back as CSV with the thread and its reply count.
        let r = hoa.get("/network/board.csv").await;
        assert_eq!(r.status(), StatusCode::OK);
        let csv = text(r).await;
        let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let got: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 1, "{csv}");
        assert_eq!(&got[0][1], "Hồ sơ ẩm thực của Huế");
        assert_eq!(&got[0][3], "1");
    }
}
