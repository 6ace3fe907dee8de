//! The demo year (`app::demo`, `sangtao dev demo`) through what a department compares in
//! one meeting: for the first half, the nine months and the year, the official report's
//! DOCX and XLSX say what the dashboard says for the same date. Every target's figure,
//! every unmet target and overdue item named, the events held in the period and no other,
//! nothing said twice.

use super::common::{self, spawn_app};
use super::oversight::docx_text;
use calamine::{Data, Reader};
use domain::Clock;
use reqwest::StatusCode;

/// The document's text, one line per paragraph (tags dropped, entities read).
fn paragraphs(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        if rest[open..close].starts_with("</w:p>") {
            out.push('\n');
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A target row of the dashboard: item label, plan ("20–30 cuộc/năm"), actual, band code.
struct Row {
    label: String,
    planned: String,
    actual: String,
    band: String,
}

fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
    let a = s.find(from).map_or(0, |i| i + from.len());
    let b = s[a..].find(to).map_or(s.len(), |i| a + i);
    &s[a..b]
}

fn target_rows(dash: &str) -> Vec<Row> {
    let table = between(dash, "id=\"targets\"", "</section>");
    table
        .split("<tr><td><a href=\"/items/")
        .skip(1)
        .map(|r| Row {
            label: between(r, "\">", "</a>").to_string(),
            planned: between(r, "</a></td><td>", "</td>").to_string(),
            actual: between(r, "<strong>", "</strong>").to_string(),
            band: between(r, "class=\"band b-", "\"").to_string(),
        })
        .collect()
}

/// The first words of a label, after its numbering and bullets: enough to find the item.
fn words(label: &str, n: usize) -> String {
    label
        .split_whitespace()
        .skip_while(|w| !w.chars().next().is_some_and(char::is_alphabetic))
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "cuộc" of "20–30 cuộc/năm".
fn unit_of(planned: &str) -> &str {
    planned
        .trim_start_matches(|c: char| c.is_ascii_digit() || "–-., ".contains(c))
        .split('/')
        .next()
        .unwrap_or("")
        .trim()
}

fn number_after(html: &str, marker: &str) -> usize {
    between(html, marker, "<")
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("no number after {marker}"))
}

#[tokio::test]
async fn the_demo_years_reports_say_what_the_dashboard_says() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let plan = app.plan_id().await;
        let made = app::demo::run(&app.store, domain::PlanId(plan), "Minh-hoa-2025!")
            .await
            .expect("the demo loads into the built-in plan");
        assert_eq!((made.events, made.media, made.delegations), (29, 5, 1));
        assert_eq!((made.reports, made.directions), (21, 5));
        // The media are real works, taken through their stages to published.
        let works = app
            .store
            .list_media_works(&Default::default())
            .await
            .unwrap();
        assert_eq!(works.len(), 5);
        assert!(
            works
                .iter()
                .all(|w| w.stage == domain::media::MediaStage::Published)
        );
        assert!(matches!(
            app::demo::run(&app.store, domain::PlanId(plan), "x").await,
            Err(app::demo::DemoError::AlreadyLoaded(_))
        ));

        // One item nobody reported on gets an early due date: late in every report.
        let late = app.item_id("Biên soạn và in ấn tài liệu").await;
        app.set_item_dates(late, "01/01/2025", "31/03/2025").await;

        // The Board grades the sessions item for the nine months: the grade page offers
        // them, and the nine months' appendix shows the grade.
        let sessions_item = app.item_id("Tham gia các phiên họp online").await;
        let grade_path = format!("/items/{}/evaluation", sessions_item.0);
        let html = app
            .get(&format!("{grade_path}?period=2025-9M"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(r#"<option value="2025-9M" selected>"#),
            "the grade form offers the nine months"
        );
        let csrf = common::csrf_of(&html);
        let r = app
            .post(
                &grade_path,
                &[("_csrf", &csrf), ("period", "2025-9M"), ("grade", "good")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);

        for (period, end, later_events) in [
            ("2025-H1", "30/06/2025", false),
            ("2025-9M", "30/09/2025", false),
            ("2025", "31/12/2025", true),
        ] {
            let dash = app
                .get(&format!("/dashboard?plan={plan}&period={period}"))
                .await
                .text()
                .await
                .unwrap();
            assert!(dash.contains(end), "{period}: the dashboard is as of {end}");
            // Its latest reports are those in effect then: none on a later quarter.
            let recent = between(&dash, "id=\"recent-reports\"", "</section>");
            let last = match period {
                "2025-H1" => 2,
                "2025-9M" => 3,
                _ => 4,
            };
            for q in 1..=4 {
                let listed = recent.contains(&format!("quý {q}/2025"));
                assert!(!listed || q <= last, "{period}: quý {q} listed: {recent}");
                assert!(listed || q != last, "{period}: quý {q} missing: {recent}");
            }
            let r = app
                .get(&format!(
                    "/plans/{plan}/official-report.docx?period={period}"
                ))
                .await;
            assert_eq!(r.status(), StatusCode::OK);
            let text = paragraphs(&docx_text(&r.bytes().await.unwrap()));

            // Nothing doubled.
            assert!(!text.contains("năm 2025 năm 2025"), "{period}: {text}");
            assert!(!text.contains("2025 6 tháng"), "{period}");
            assert_eq!(
                text.matches("\nBÁO CÁO\n").count(),
                1,
                "{period}: one title"
            );

            // Every target: the dashboard's figure, and the unmet ones named with it.
            let shortfalls = between(&text, "Khó khăn, hạn chế", "Nguyên nhân");
            let rows = target_rows(&dash);
            assert_eq!(rows.len(), 5, "{period}: the seed's five targets");
            for row in &rows {
                let said = format!("{} {}", row.actual, unit_of(&row.planned));
                match row.band.as_str() {
                    "within" | "above" => assert!(
                        text.contains(&format!("{said}, đạt")),
                        "{period}: {} met with {said}",
                        row.label
                    ),
                    "below" | "no_data" => {
                        let named = words(&row.label, 3);
                        assert!(
                            shortfalls.contains(&named),
                            "{period}: unmet {named} not named in III.2: {shortfalls}"
                        );
                        if row.actual != "0" && row.band == "below" {
                            assert!(
                                shortfalls.contains(&format!("mới đạt {said}")),
                                "{period}: {named} with {said}: {shortfalls}"
                            );
                        }
                    }
                    other => panic!("band {other}"),
                }
            }
            if period == "2025" {
                assert!(rows.iter().all(|r| r.band != "below"), "the year meets all");
            }

            // Overdue: the dashboard's count, each item named.
            let overdue = number_after(&dash, "id=\"overdue-count\">");
            assert!(overdue >= 1, "{period}: the early item is late");
            assert!(
                shortfalls.contains(&format!("Còn {overdue} nhiệm vụ chậm tiến độ")),
                "{period}: {overdue} overdue: {shortfalls}"
            );
            assert!(shortfalls.contains("Biên soạn và in ấn tài liệu"));

            // The events held in the period, and no later one.
            assert!(
                text.contains("Tọa đàm \"Không gian sáng tạo trong lòng phố cổ\" (ngày 22/04/2025")
            );
            let sessions = match period {
                "2025-H1" => 12,
                "2025-9M" => 19,
                _ => 25,
            };
            assert!(
                text.contains(&format!(
                    "- {sessions} phiên họp trực tuyến trong Mạng lưới"
                )),
                "{period}: {sessions} sessions"
            );
            assert_eq!(
                text.contains("Triển lãm \"Hà Nội – Thành phố sáng tạo\" (ngày 18/11/2025"),
                later_events,
                "{period}: the exhibition of 18/11"
            );
            assert_eq!(
                text.contains("đi Pháp"),
                period != "2025-H1",
                "{period}: the trip"
            );

            // The targets behind the year's pace: the H1 report names as many as the Board's
            // home page lists on 30/06/2025.
            if period == "2025-H1" {
                let said = between(shortfalls, "Còn ", " chỉ tiêu chậm so với tiến độ");
                let in_report: usize = said.trim().parse().unwrap_or(0);
                assert!(in_report >= 1, "{shortfalls}");
                let before = app.clock.now();
                app.clock.set(
                    chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
                        .unwrap()
                        .and_hms_opt(5, 0, 0)
                        .unwrap()
                        .and_utc(),
                );
                let home = app.get("/").await.text().await.unwrap();
                app.clock.set(before);
                let block = between(&home, "id=\"board-at_risk\"", "</section>");
                assert_eq!(
                    number_after(block, "class=\"work-count\">"),
                    in_report,
                    "{block}"
                );
                assert!(
                    block.contains("Biên soạn và xuất bản với Tạp chí"),
                    "{block}"
                );
            }

            // The annex: the same figures as numbers.
            let r = app
                .get(&format!(
                    "/plans/{plan}/official-report.xlsx?period={period}"
                ))
                .await;
            assert_eq!(r.status(), StatusCode::OK);
            let bytes = r.bytes().await.unwrap().to_vec();
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let figures = book.worksheet_range("Số liệu").unwrap();
            for row in &rows {
                let named = words(&row.label, 3);
                let line = figures
                    .rows()
                    .find(|cells| {
                        cells
                            .iter()
                            .any(|c| matches!(c, Data::String(s) if s.contains(&named)))
                    })
                    .unwrap_or_else(|| panic!("{period}: no annex row for {named}"));
                let actual: f64 = row
                    .actual
                    .replace('.', "")
                    .replace(',', ".")
                    .parse()
                    .unwrap();
                assert!(
                    line.iter().any(|c| match c {
                        Data::Float(x) => *x == actual,
                        Data::Int(x) => *x as f64 == actual,
                        _ => false,
                    }) || actual == 0.0,
                    "{period}: {named} = {actual} in the annex: {line:?}"
                );
            }
        }
    }
}
