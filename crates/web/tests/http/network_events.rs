//! Invitations between cities and the shared calendar's event page (issue 19) over HTTP, on
//! both databases: Huế posts an event inviting Đà Lạt (a double submit makes one; a bad
//! date is said beside its field with what was typed kept), Đà Lạt is told through a real
//! SMTP exchange, sees the invitation on /network and accepts; Huế is told and sees the
//! answer. Quảng Ninh (not invited) and Huế (its own event) may not answer; Huế invites
//! Quảng Ninh later (once for a double submit), Đà Lạt may not; Đà Lạt may not edit or
//! remove Huế's event; a stale edit is 409 and changes nothing; after the event
//! ends an answer is refused with a message; no CSRF, no answer; the exports read back;
//! the feed carries the edit and loses the removed event.

use super::common::{spawn_app_with, test_now};
use super::network::{board, city, network_browser, text};
use super::network_board::once_of;
use super::scheduler::{body_of, smtp_server, subject_of};
use reqwest::StatusCode;

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// The `version` field of the event page's edit form.
fn version_of(html: &str) -> String {
    let marker = "name=\"version\" value=\"";
    let start = html.find(marker).expect("a version field") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn network_events_invite_answer_edit_and_remove() {
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
        let nam = network_browser(&app, &actor, "quang-ninh", "nam").await;
        let dalat = city(&app, "da-lat").await.0.to_string();

        // Huế's posting form offers the network's cities, not Huế itself.
        let page = text(hoa.get("/network/calendar").await).await;
        assert!(
            page.contains(&format!("name=\"city\" value=\"{dalat}\"")),
            "{page}"
        );
        let hue = city(&app, "hue").await.0.to_string();
        assert!(!page.contains(&format!("name=\"city\" value=\"{hue}\"")));
        let (csrf, once) = (
            super::common::csrf_of(&page),
            once_of(&page, "/network/calendar"),
        );
        let mut form = vec![
            ("_csrf", csrf.as_str()),
            ("once", once.as_str()),
            ("title", "Tuần lễ ẩm thực Huế"),
            ("date", "32/12/2026"),
            ("start", "08:00"),
            ("end", "17:00"),
            ("place", "Đại Nội"),
            ("city", dalat.as_str()),
        ];
        let r = hoa.post("/network/calendar", &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(r).await;
        assert!(page.contains("id=\"n-date-error\""), "beside the date");
        assert!(page.contains("value=\"32/12/2026\"") && page.contains("value=\"Đại Nội\""));
        assert!(
            page.contains(&format!("value=\"{dalat}\" checked")),
            "the ticked city stays"
        );
        form[3].1 = "10/12/2026";
        let first = hoa.post("/network/calendar", &form).await;
        let second = hoa.post("/network/calendar", &form).await;
        assert_eq!(first.url().query(), Some("month=2026-12"));
        assert_eq!(second.url().as_str(), first.url().as_str());
        let events = app
            .store
            .network_events("2026-12-01", "2027-01-01")
            .await
            .unwrap();
        assert_eq!(events.len(), 1, "a double submit makes one");
        let id = events[0].id;
        let path = format!("/network/calendar/{id}");
        let month = text(second).await;
        assert!(month.contains(&format!("href=\"{path}\"")), "linked");

        // Đà Lạt is told, alone, in Vietnamese, with the link.
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail.len(), 1, "one invitation, one message");
        assert_eq!(mail[0].to, ["lan@example.vn"]);
        assert!(subject_of(&mail[0].data).contains("Lời mời tham dự: Tuần lễ ẩm thực Huế"));
        let body = body_of(&mail[0].data);
        assert!(
            body.contains(&format!("https://sangtao.example.vn{path}"))
                && body.contains("10/12/2026"),
            "{body}"
        );

        // Đà Lạt sees it on /network; without CSRF no answer; it accepts from there.
        let home = text(lan.get("/network").await).await;
        assert!(
            home.contains("Lời mời tham dự") && home.contains(&format!("id=\"accept-{id}\"")),
            "{home}"
        );
        let answer = format!("{path}/answer");
        let r = lan.post(&answer, &[("answer", "accepted")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let csrf = super::common::csrf_of(&home);
        let r = lan
            .post(
                &answer,
                &[("_csrf", &csrf), ("answer", "accepted"), ("from", "home")],
            )
            .await;
        assert_eq!(r.url().path(), "/network");
        let home = text(r).await;
        assert!(home.contains("Đã ghi nhận câu trả lời"), "{home}");
        assert!(!home.contains(&format!("id=\"accept-{id}\"")), "answered");
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail.len(), 2);
        assert_eq!(mail[1].to, ["hoa@example.vn"]);
        assert!(subject_of(&mail[1].data).contains("Đà Lạt trả lời: Tham dự"));

        // Huế sees the answer on the event's page.
        let page = text(hoa.get(&path).await).await;
        assert!(
            page.contains("Đà Lạt") && page.contains("answer-accepted"),
            "{page}"
        );
        assert!(page.contains("Huế · hoa"), "who posted it");

        // Quảng Ninh (not invited) and Huế (its own event) may not answer.
        let form = |c: &str| vec![("_csrf", c.to_string()), ("answer", "accepted".into())];
        let c = nam.csrf_from("/network").await;
        let f = form(&c);
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(nam.post(&answer, &f).await.status(), StatusCode::FORBIDDEN);
        let c = hoa.csrf_from("/network").await;
        let f = form(&c);
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(hoa.post(&answer, &f).await.status(), StatusCode::FORBIDDEN);
        // A bad answer or a long note comes back with its message.
        let c = lan.csrf_from(&path).await;
        let long = "dài ".repeat(200);
        let r = lan
            .post(
                &answer,
                &[("_csrf", &c), ("answer", "declined"), ("note", &long)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(r).await.contains("id=\"a-note-error\""));

        // Huế invites Quảng Ninh later from the event's page, twice with the same form: one
        // invitation, one message to Quảng Ninh.
        let page = text(hoa.get(&path).await).await;
        let invite = format!("{path}/invitations");
        let (c, once) = (super::common::csrf_of(&page), once_of(&page, &invite));
        let qn = city(&app, "quang-ninh").await.0.to_string();
        assert!(
            page.contains(&format!("value=\"{qn}\""))
                && !page.contains(&format!("value=\"{dalat}\"")),
            "Đà Lạt is invited already"
        );
        let form = [
            ("_csrf", c.as_str()),
            ("once", once.as_str()),
            ("city", qn.as_str()),
        ];
        let first = hoa.post(&invite, &form).await;
        let second = hoa.post(&invite, &form).await;
        assert_eq!(first.url().as_str(), second.url().as_str());
        assert!(text(second).await.contains("Đã gửi lời mời."));
        assert_eq!(
            app.store.network_event_invitations(id).await.unwrap().len(),
            2
        );
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail.len(), 3, "one more message");
        assert_eq!(mail[2].to, ["nam@example.vn"]);
        // Đà Lạt may not invite for Huế.
        let c = lan.csrf_from(&path).await;
        let r = lan
            .post(&invite, &[("_csrf", c.as_str()), ("city", qn.as_str())])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // Đà Lạt may neither edit nor remove Huế's event.
        let page = text(lan.get(&path).await).await;
        assert!(!page.contains("id=\"event-edit\"") && !page.contains("id=\"event-remove\""));
        let c = super::common::csrf_of(&page);
        let edit = |c: &str, v: &str, title: &str, date: &str| {
            vec![
                ("_csrf".to_string(), c.to_string()),
                ("version".into(), v.into()),
                ("title".into(), title.into()),
                ("date".into(), date.into()),
                ("start".into(), "08:00".into()),
                ("end".into(), "17:00".into()),
                ("place".into(), "Đại Nội".into()),
            ]
        };
        let f = edit(&c, "1", "Của Đà Lạt", "10/12/2026");
        assert_eq!(
            lan.post(&path, &pairs(&f)).await.status(),
            StatusCode::FORBIDDEN
        );
        let del = format!("{path}/delete");
        assert_eq!(lan.get(&del).await.status(), StatusCode::FORBIDDEN);
        let r = lan
            .post(&del, &[("_csrf", c.as_str()), ("version", "1")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // Huế edits; a bad date stays beside its field; the stale form is 409, unchanged.
        let page = text(hoa.get(&path).await).await;
        let (c, v) = (super::common::csrf_of(&page), version_of(&page));
        assert_eq!(v, "1");
        let f = edit(&c, &v, "Tuần lễ ẩm thực Huế 2026", "31/02/2026");
        let r = hoa.post(&path, &pairs(&f)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(r).await;
        assert!(page.contains("Ngày không hợp lệ: 31/02/2026"));
        assert!(page.contains("value=\"Tuần lễ ẩm thực Huế 2026\""));
        let f = edit(&c, &v, "Tuần lễ ẩm thực Huế 2026", "10/12/2026");
        let r = hoa.post(&path, &pairs(&f)).await;
        assert_eq!(r.url().path(), path);
        assert!(text(r).await.contains("Đã lưu sự kiện."));
        let f = edit(&c, &v, "Bản cũ", "10/12/2026");
        let r = hoa.post(&path, &pairs(&f)).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let page = text(r).await;
        assert!(page.contains("vừa được người khác sửa"), "{page}");
        let e = app.store.network_event(id).await.unwrap().unwrap();
        assert_eq!(
            (e.title.as_str(), e.version),
            ("Tuần lễ ẩm thực Huế 2026", 2)
        );

        // The exports read back: the month with its counts, the event's answers.
        let csv = text(hoa.get("/network/calendar.csv?month=2026-12").await).await;
        let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let got: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
        assert_eq!(got.len(), 1, "{csv}");
        assert_eq!(
            got[0].iter().collect::<Vec<_>>(),
            [
                "10/12/2026",
                "08:00",
                "17:00",
                "Tuần lễ ẩm thực Huế 2026",
                "Đại Nội",
                "Huế",
                "2",
                "1",
                "0"
            ]
        );
        let r = hoa.get("/network/calendar.xlsx?view=list").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.bytes().await.unwrap().starts_with(b"PK"));
        let csv = text(lan.get(&format!("{path}/invitations.csv")).await).await;
        let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let got: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
        assert_eq!((&got[0][0], &got[0][1]), ("Đà Lạt", "Tham dự"), "{csv}");

        // The feed carries the edit (SEQUENCE 1).
        let c = hoa.csrf_from("/network").await;
        let page = text(hoa.post("/network/feed", &[("_csrf", &c)]).await).await;
        let start = page.find("id=\"feed-url\">").expect(&page) + "id=\"feed-url\">".len();
        let url = page[start..].split('<').next().unwrap();
        let feed_path = url.trim_start_matches("https://sangtao.example.vn");
        let ics = text(hoa.get(feed_path).await).await;
        assert!(
            ics.contains("SEQUENCE:1") && ics.contains("Tuần lễ ẩm thực Huế 2026"),
            "{ics}"
        );

        // After the event ends (17:00 on 10/12 in Hanoi), the answer is refused, said.
        app.clock.set("2026-12-10T10:00:00Z".parse().unwrap());
        // (Weeks later: the session has lapsed, so Đà Lạt signs in again.)
        lan.sign_in("lan", super::common::NEW_PASSWORD).await;
        let page = text(lan.get(&path).await).await;
        assert!(page.contains("id=\"answer-closed\""));
        let c = super::common::csrf_of(&page);
        let r = lan
            .post(&answer, &[("_csrf", c.as_str()), ("answer", "declined")])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(r).await.contains("Sự kiện đã kết thúc"));
        app.clock.set(test_now());

        // Huế removes it after the confirmation: gone from the page, the feed, the answers.
        let page = text(hoa.get(&del).await).await;
        assert!(page.contains("2 thành phố được mời"), "{page}");
        let (c, v) = (super::common::csrf_of(&page), version_of(&page));
        let r = hoa
            .post(&del, &[("_csrf", c.as_str()), ("version", "1")])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "a stale confirmation");
        let r = hoa
            .post(&del, &[("_csrf", c.as_str()), ("version", v.as_str())])
            .await;
        assert!(text(r).await.contains("Đã gỡ sự kiện khỏi lịch chung."));
        assert_eq!(hoa.get(&path).await.status(), StatusCode::NOT_FOUND);
        assert!(
            !text(hoa.get(feed_path).await)
                .await
                .contains("Tuần lễ ẩm thực")
        );
        assert!(
            app.store
                .network_event_invitations(id)
                .await
                .unwrap()
                .is_empty()
        );
    }
}
