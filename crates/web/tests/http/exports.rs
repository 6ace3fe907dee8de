//! Exports and feeds read back with real parsers (issue 16): the list's CSV and XLSX links
//! export what the list shows, the XLSX's times are date-time cells, and a feed sets no
//! cookie and names its events with this server's UIDs and their revision as SEQUENCE.
//! Each runs on SQLite and PostgreSQL.

use crate::common::{self, TestApp, spawn_app};
use crate::events::create_event;
use domain::Role;
use reqwest::StatusCode;

/// The `href` of the link whose text is `text`, unescaped.
fn link(html: &str, text: &str) -> String {
    let end = html
        .find(&format!("\" hx-boost=\"false\">{text}</a>"))
        .unwrap_or_else(|| panic!("no {text} link"));
    let start = html[..end].rfind("href=\"").unwrap() + "href=\"".len();
    html[start..end].replace("&amp;", "&")
}

/// Four events, in four months of 2025, in two zones.
async fn four_events(lead: &TestApp, unit: domain::UnitId) -> Vec<i64> {
    let mut ids = Vec::new();
    for (title, date, zone) in [
        ("Phiên họp tháng Một", "15/01/2025", "Asia/Ho_Chi_Minh"),
        ("Phiên họp tháng Ba", "29/03/2025", "Europe/Paris"),
        ("Hội thảo tháng Sáu", "10/06/2025", "Asia/Ho_Chi_Minh"),
        ("Diễn đàn tháng Mười một", "05/11/2025", "Asia/Ho_Chi_Minh"),
    ] {
        let over = [("title", title), ("start_date", date), ("zone", zone)];
        ids.push(create_event(lead, unit, &over).await);
    }
    ids
}

#[tokio::test]
async fn the_list_view_exports_every_event_it_shows_with_date_time_cells() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        four_events(&lead, qlds).await;
        let page = lead.get("/events?view=list").await.text().await.unwrap();
        let shown = page.matches("<tr><td data-label=").count();
        assert_eq!(shown, 4, "the list shows the four events");

        // The CSV link keeps the view: one record per event on screen.
        let csv_link = link(&page, "CSV");
        assert!(csv_link.contains("view=list"), "{csv_link}");
        let bytes = lead.get(&csv_link).await.bytes().await.unwrap();
        let text = std::str::from_utf8(&bytes)
            .unwrap()
            .trim_start_matches('\u{feff}');
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let head = reader.headers().unwrap().clone();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), shown, "{text}");
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        let paris = records
            .iter()
            .find(|r| &r[col("Tên sự kiện")] == "Phiên họp tháng Ba")
            .unwrap();
        assert_eq!(&paris[col("Bắt đầu (giờ địa phương)")], "29/03/2025 10:00");
        assert_eq!(&paris[col("Múi giờ")], "Europe/Paris");
        assert_eq!(&paris[col("Bắt đầu (giờ Hà Nội)")], "29/03/2025 16:00");

        // The XLSX likewise, with every time a date-time cell shown dd/mm/yyyy hh:mm.
        let xlsx_link = link(&page, "XLSX");
        assert!(xlsx_link.contains("view=list"), "{xlsx_link}");
        let bytes = lead.get(&xlsx_link).await.bytes().await.unwrap().to_vec();
        use calamine::{Data, Reader};
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let mut rows = range.rows();
        let head: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
        let rows: Vec<_> = rows.collect();
        assert_eq!(rows.len(), shown);
        let time_cols: Vec<usize> = head
            .iter()
            .enumerate()
            .filter(|(_, h)| h.starts_with("Bắt đầu") || h.starts_with("Kết thúc"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(time_cols.len(), 4, "{head:?}");
        for r in &rows {
            for c in &time_cols {
                assert!(
                    matches!(&r[*c], Data::DateTime(t) if t.is_datetime()),
                    "{}: {:?} is not a date-time",
                    head[*c],
                    r[*c]
                );
            }
        }
        let local = head
            .iter()
            .position(|h| h == "Bắt đầu (giờ địa phương)")
            .unwrap();
        let paris = rows
            .iter()
            .find(|r| r[1] == Data::String("Phiên họp tháng Ba".into()))
            .unwrap();
        let Data::DateTime(t) = &paris[local] else {
            unreachable!()
        };
        // Minutes of Excel's serial time (days since 30/12/1899): 10:00 in Paris.
        let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap();
        let paris_ten: chrono::NaiveDateTime = "2025-03-29T10:00:00".parse().unwrap();
        assert_eq!(
            (t.as_f64() * 1440.0).round() as i64,
            (paris_ten - epoch).num_minutes(),
            "the wall-clock time in Paris"
        );
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(
            styles.contains("formatCode=\"dd/mm/yyyy hh:mm\""),
            "{styles}"
        );
    }
}

/// The properties of the VEVENT whose UID starts `event-{id}@`.
fn vevent(ics: &str, id: i64) -> Vec<(String, String)> {
    use icalendar::parser::{read_calendar, unfold};
    let unfolded = unfold(ics);
    let cal = read_calendar(&unfolded).expect("the feed parses");
    let ev = cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .find(|c| {
            c.properties.iter().any(|p| {
                p.name.as_str() == "UID" && p.val.as_str().starts_with(&format!("event-{id}@"))
            })
        })
        .unwrap_or_else(|| panic!("event {id} in {ics}"));
    ev.properties
        .iter()
        .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
        .collect()
}

fn prop<'a>(props: &'a [(String, String)], name: &str) -> &'a str {
    props
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[tokio::test]
async fn a_feed_sets_no_cookie_names_this_server_and_counts_revisions() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let id = create_event(&lead, qlds, &[]).await;
        let csrf = lead.csrf_from("/feeds").await;
        let page = lead
            .post("/feeds", &[("_csrf", csrf.as_str()), ("owner", "me")])
            .await
            .text()
            .await
            .unwrap();
        let start = page.find("id=\"feed-url\">").expect("feed URL") + "id=\"feed-url\">".len();
        let url = page[start..].split('<').next().unwrap();
        let path = format!("/feeds/{}", url.split_once("/feeds/").unwrap().1);

        let anon = app.fresh_client();
        let r = anon.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers().get_all("set-cookie").iter().next().is_none(),
            "a feed sets no cookie: {:?}",
            r.headers()
        );
        let ics = r.text().await.unwrap();
        let ev = vevent(&ics, id);
        let instance = app.store.instance_id().await.unwrap();
        assert!(instance.starts_with("sangtao-") && instance.len() > 16);
        assert_eq!(prop(&ev, "UID"), format!("event-{id}@{instance}"));
        assert_eq!(prop(&ev, "SEQUENCE"), "0", "as first written");

        // Two changes: SEQUENCE 2, the UID unchanged.
        for (version, status) in [("1", "confirmed"), ("2", "cancelled")] {
            let csrf = board.csrf_from(&format!("/events/{id}")).await;
            let r = board
                .post(
                    &format!("/events/{id}/status"),
                    &[
                        ("_csrf", csrf.as_str()),
                        ("version", version),
                        ("status", status),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::OK);
        }
        let ics = anon
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let ev = vevent(&ics, id);
        assert_eq!(prop(&ev, "UID"), format!("event-{id}@{instance}"));
        assert_eq!(prop(&ev, "SEQUENCE"), "2");
        assert_eq!(prop(&ev, "STATUS"), "CANCELLED");
    }
}
