//! The item list with its exports, and the audit pages (issue 4), over HTTP on SQLite and
//! PostgreSQL: filters, bad dates, partners' scope, CSV/XLSX read back, who may see the log.

use crate::common::{self, TestApp, csrf_of, spawn_app, spawn_app_with};
use calamine::Reader;
use domain::Role;
use reqwest::StatusCode;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The number in "N nhiệm vụ · trang …".
fn total_of(html: &str) -> usize {
    let at = html.find("id=\"summary\">").expect("summary") + "id=\"summary\">".len();
    if html[at..].starts_with("Không có nhiệm vụ nào") {
        return 0;
    }
    html[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a total")
}

pub(super) fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    assert!(bytes.starts_with(BOM), "CSV starts with a BOM for Excel");
    csv::Reader::from_reader(&bytes[BOM.len()..])
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[tokio::test]
async fn item_list_filters_pages_and_exports_what_it_shows() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let tap_chi = app.unit_id("Tạp chí Kiến trúc").await;
        let khtc = app.unit_id("Phòng Kế hoạch").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[khtc]).await;
        let partner = TestApp::user_browser(&app, "partner", &[Role::Partner], &[tap_chi]).await;

        // Everything, then the lead unit's items.
        let all = board.get("/items").await;
        assert_eq!(all.status(), StatusCode::OK);
        let all = all.text().await.unwrap();
        let everything = total_of(&all);
        assert!(
            everything > 10,
            "the seed plan has many items: {everything}"
        );
        let q = format!("unit={}&relation=lead", qlds.0);
        let led = board
            .get(&format!("/items?{q}"))
            .await
            .text()
            .await
            .unwrap();
        let n_led = total_of(&led);
        assert!(n_led > 0 && n_led < everything);
        assert!(led.contains("Phòng Quản lý Di sản văn hóa"));

        // Without diacritics ("mang luoi" finds "mạng lưới").
        let found = board.get("/items?q=mang+luoi").await.text().await.unwrap();
        assert!(total_of(&found) > 0);
        assert!(found.to_lowercase().contains("mạng lưới"));

        // A status nobody has yet: an empty list that says what to do.
        let none = board.get("/items?status=done").await.text().await.unwrap();
        assert_eq!(total_of(&none), 0);
        assert!(none.contains("Hãy bỏ bớt điều kiện lọc"));

        // A date that does not read: a message, the typed value kept, nothing lost.
        let bad = board.get("/items?due_from=31%2F02%2F2025&q=mang").await;
        assert_eq!(bad.status(), StatusCode::OK);
        let bad = bad.text().await.unwrap();
        assert!(bad.contains("“Hạn từ ngày” không đọc được"));
        assert!(bad.contains("value=\"31/02/2025\""));
        let bad_csv = board.get("/items.csv?due_from=xyz").await;
        assert_eq!(bad_csv.status(), StatusCode::BAD_REQUEST);
        assert!(bad_csv.text().await.unwrap().contains("dd/mm/yyyy"));

        // Pages: 50 rows each, with a next link that keeps the filters.
        // Pages: 50 rows each, with a next link that keeps the filters
        // (`the_item_list_pages_after_the_last_row`).
        if everything > 50 {
            assert!(all.contains("rel=\"next\""));
        }

        // CSV of the filtered list: BOM, Vietnamese headers, exactly the filtered rows.
        let r = board.get(&format!("/items.csv?{q}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let bytes = r.bytes().await.unwrap();
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(text.starts_with("Mã,Kế hoạch,Số thứ tự,Nhiệm vụ,Trạng thái"));
        let rows = csv_rows(&bytes);
        assert_eq!(rows.len(), n_led);
        assert!(
            rows.iter()
                .all(|r| r[10].contains("Phòng Quản lý Di sản văn hóa"))
        );
        assert!(rows.iter().all(|r| &r[4] == "Chưa triển khai"));

        // XLSX of the same list, read back.
        let r = board.get(&format!("/items.xlsx?{q}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let bytes = r.bytes().await.unwrap().to_vec();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&sheet).unwrap();
        assert_eq!(range.height(), n_led + 1);
        assert_eq!(
            range.get((0, 3)),
            Some(&calamine::Data::String("Nhiệm vụ".into()))
        );

        // Internal staff of another unit read the whole list; a partner only what is
        // shared with it, in the page and in the export.
        assert_eq!(
            total_of(&staff.get("/items").await.text().await.unwrap()),
            everything
        );
        let shared = partner.get("/items").await.text().await.unwrap();
        let n_shared = total_of(&shared);
        assert!(n_shared >= 1 && n_shared < everything, "{n_shared}");
        let rows = csv_rows(&partner.get("/items.csv").await.bytes().await.unwrap());
        assert_eq!(rows.len(), n_shared);
        assert!(
            rows.iter()
                .all(|r| r[10].contains("Tạp chí Kiến trúc") || r[11].contains("Tạp chí Kiến trúc"))
        );
        // Asking for another unit's items by URL changes nothing for a partner.
        let other = partner
            .get(&format!("/items.csv?unit={}", qlds.0))
            .await
            .bytes()
            .await
            .unwrap();
        assert!(csv_rows(&other).len() <= n_shared);

        // Signed out: to the sign-in page.
        let anon = TestApp::new_browser(&app);
        let r = anon.get("/items.csv").await;
        assert_eq!(r.url().path(), "/signin");
    }
}

/// The item page links in `html`, in order.
fn item_links(html: &str) -> Vec<String> {
    html.split("<a href=\"/items/")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_string))
        .collect()
}

/// "Next" starts after the page's last row (keyset), on the general path (all items) and
/// on a unit's workload (its keys): page N by its number, the next link from page N-1
/// and a position that does not read all show the same rows. The plan picker offers the
/// newest plans and links the plans page for the rest, which shows 50 plans a page.
#[tokio::test]
async fn the_item_list_pages_after_the_last_row() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let spec = store::SyntheticSpec {
            plans: 60,
            items: 3600,
            reports: 0,
            events: 0,
            seed: 20,
        };
        app.store.generate_synthetic(spec).await.unwrap();
        // The unit with the most items, whose workload fills three pages.
        let mut unit = (0, domain::UnitId(0));
        for u in app.store.list_units().await.unwrap() {
            let f = store::ItemFilter {
                unit_id: Some(u.id),
                per_page: 1,
                ..Default::default()
            };
            unit = unit.max((app.store.list_items(&f).await.unwrap().total, u.id));
        }
        assert!(unit.0 > 150, "a unit with three pages: {unit:?}");
        let unit = unit.1;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        for base in ["/items?".to_string(), format!("/items?unit={}&", unit.0)] {
            let mut page = board.get(&base).await.text().await.unwrap();
            for n in 2..=3 {
                let next = page
                    .split("href=\"")
                    .filter_map(|s| s.split('"').next())
                    .find(|h| h.contains("after="))
                    .unwrap_or_else(|| panic!("{base}: a next link to page {n}"))
                    .replace("&#38;", "&")
                    .replace("&amp;", "&");
                assert!(next.contains(&format!("page={n}&")), "{next}");
                let by_number = board
                    .get(&format!("{base}page={n}"))
                    .await
                    .text()
                    .await
                    .unwrap();
                let by_next = board.get(&next).await.text().await.unwrap();
                let garbled = board.get(&format!("{base}page={n}&after=x_%3Cb%3E")).await;
                assert_eq!(garbled.status(), StatusCode::OK);
                let garbled = garbled.text().await.unwrap();
                assert_eq!(item_links(&by_number).len(), 50, "{base} page {n}");
                assert_eq!(item_links(&by_next), item_links(&by_number), "{next}");
                assert_eq!(item_links(&garbled), item_links(&by_number));
                assert!(
                    by_next.contains(&format!("{n} / ")),
                    "the page says its number"
                );
                page = by_next;
            }
        }
        // 61 plans (the seed's and 60): the picker offers 30 and links the rest, and the
        // plans page shows them 50 a page, newest first.
        let list = board.get("/items").await.text().await.unwrap();
        let options = list
            .split("<select name=\"plan\">")
            .nth(1)
            .and_then(|s| s.split("</select>").next())
            .unwrap()
            .matches("<option")
            .count();
        assert_eq!(
            options,
            1 + web::plan_picker::PICKER_PLANS,
            "“Tất cả” and 30 plans"
        );
        assert!(list.contains("Tất cả kế hoạch (còn 31 kế hoạch cũ hơn)"));
        let dashboard = board.get("/dashboard").await.text().await.unwrap();
        assert!(dashboard.contains("Tất cả kế hoạch (còn 31 kế hoạch cũ hơn)"));
        let plan_links = |html: &str| html.matches("<td><a href=\"/plans/").count();
        let first = board.get("/plans").await.text().await.unwrap();
        assert_eq!(plan_links(&first), 50);
        assert!(first.contains("Kế hoạch 1–50 trong 61 · trang 1/2"));
        let second = board.get("/plans?page=2").await.text().await.unwrap();
        assert_eq!(plan_links(&second), 11);
        assert!(second.contains("rel=\"prev\""));
        let bad = board.get("/plans?page=hai").await;
        assert_eq!(bad.status(), StatusCode::OK);
        let bad = bad.text().await.unwrap();
        assert!(bad.contains("Số trang “hai” không đọc được"));
        assert_eq!(plan_links(&bad), 50);
    }
}

#[tokio::test]
async fn exports_stop_at_the_configured_maximum_and_say_so() {
    let backend = common::backends().await.remove(0);
    let app = spawn_app_with(backend, |c| c.export_max_rows = 5).await;
    let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    let r = board.get("/items.csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()
            .get("x-sangtao-truncated")
            .map(|v| v.to_str().unwrap()),
        Some("true"),
        "{:?}",
        r.headers()
    );
    let rows = csv_rows(&r.bytes().await.unwrap());
    assert_eq!(rows.len(), 6);
    assert!(rows[5][0].contains("bị cắt bớt"));
}

#[tokio::test]
async fn audit_pages_show_who_changed_what_to_the_board_only() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let tap_chi = app.unit_id("Tạp chí Kiến trúc").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let partner = TestApp::user_browser(&app, "partner", &[Role::Partner], &[tap_chi]).await;
        let item = app.item_id("Tham gia các phiên họp online").await;
        let path = format!("/items/{}", item.0);
        let plan = app.plan_id().await;

        let page = lead.get(&path).await.text().await.unwrap();
        let csrf = csrf_of(&page);
        let v = app
            .store
            .item_tracking(item)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let r = lead
            .post(
                &format!("{path}/status"),
                &[("_csrf", &csrf), ("version", &v), ("status", "in_progress")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        // The same through htmx: a redirect without the #fragment, so that the browser
        // reloads even when it is already on that page (a fragment-only change just scrolls).
        let v = app
            .store
            .item_tracking(item)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let r = lead
            .client
            .post(lead.url(&format!("{path}/status")))
            .header("HX-Request", "true")
            .form(&[
                ("_csrf", csrf.as_str()),
                ("version", &v),
                ("status", "done"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let to = r.headers()["hx-redirect"].to_str().unwrap();
        assert!(to.starts_with(&path) && !to.contains('#'), "{to}");

        // The item's history: the action in words, who, before and after.
        let r = board.get(&format!("{path}/audit")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đổi trạng thái"), "{html}");
        assert!(html.contains("Người dùng lead (lead)"));
        assert!(html.contains("not_started") && html.contains("in_progress"));
        // The plan's history holds it too, with the import before it.
        let html = board
            .get(&format!("/plans/{plan}/audit"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Đổi trạng thái"));
        assert!(html.contains("Nhập kế hoạch"));
        // CSV: every entry with the raw before/after.
        let r = board.get(&format!("{path}/audit.csv")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let rows = csv_rows(&r.bytes().await.unwrap());
        // Newest first: the htmx change (to "done") comes before the first one.
        let statuses: Vec<_> = rows.iter().filter(|r| &r[3] == "item.status").collect();
        assert_eq!(statuses.len(), 2);
        assert!(statuses[0][7].contains("done"));
        let status = statuses[1];
        assert!(status[2].contains("lead"));
        assert!(status[6].contains("not_started") && status[7].contains("in_progress"));
        assert!(status[1].ends_with("+07:00"), "Hanoi time: {}", &status[1]);
        let plan_rows = csv_rows(
            &board
                .get(&format!("/plans/{plan}/audit.csv"))
                .await
                .bytes()
                .await
                .unwrap(),
        );
        assert!(plan_rows.len() > rows.len());

        // Units and partners may not read the log, however they ask.
        for (who, url) in [
            (&lead, format!("{path}/audit")),
            (&lead, format!("/plans/{plan}/audit.csv")),
            (&partner, format!("{path}/audit.csv")),
            (&partner, format!("/plans/{plan}/audit")),
        ] {
            let r = who.get(&url).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{url}");
        }
        // The link is only on the Board's pages.
        assert!(
            !lead
                .get(&path)
                .await
                .text()
                .await
                .unwrap()
                .contains("/audit\"")
        );
        assert!(
            board
                .get(&format!("/plans/{plan}"))
                .await
                .text()
                .await
                .unwrap()
                .contains(&format!("/plans/{plan}/audit\""))
        );
        // Unknown ids: not found, in words.
        for url in [
            "/items/999999/audit",
            "/plans/999999/audit",
            "/plans/abc/audit.csv",
        ] {
            let r = board.get(url).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{url}");
        }
        // No route writes to the log.
        let board_csrf = board.csrf_from(&path).await;
        let r = board
            .post(&format!("{path}/audit"), &[("_csrf", &board_csrf)])
            .await;
        assert!(
            r.status() == StatusCode::METHOD_NOT_ALLOWED || r.status() == StatusCode::NOT_FOUND
        );
    }
}
