//! The reminder scheduler against a real database and a tiny SMTP server the test starts
//! on port 0: e-mail arrives for the right recipient with the Vietnamese subject, a second
//! run (a restart) or a second server sends nothing twice, a dead SMTP server is recorded
//! as failed, and three overdue reminders escalate the item.

use crate::common::{self, spawn_app};
use app::mail::Mailer;
use app::scheduler::{RunSummary, SchedulerConfig, noon_in_hanoi, run_once};
use chrono::NaiveDate;
use domain::oversight::ReminderPolicy;
use domain::{Actor, Role};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Debug, Clone, Default)]
pub(crate) struct Received {
    pub(crate) from: String,
    pub(crate) to: Vec<String>,
    pub(crate) data: String,
}

/// Just enough SMTP for lettre: greeting, EHLO, MAIL, RCPT, DATA, QUIT.
pub(crate) async fn smtp_server() -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox: Arc<Mutex<Vec<Received>>> = Arc::default();
    let store = inbox.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let inbox = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r);
                let _ = w.write_all(b"220 test ESMTP\r\n").await;
                let mut msg = Received::default();
                let mut line = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-test\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("MAIL FROM:") {
                        msg = Received::default();
                        msg.from = line[10..].trim().to_string();
                        b"250 ok\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        msg.to
                            .push(line[8..].trim().trim_matches(['<', '>']).to_string());
                        b"250 ok\r\n"
                    } else if upper.starts_with("DATA") {
                        let _ = w.write_all(b"354 go on\r\n").await;
                        let mut data = String::new();
                        loop {
                            line.clear();
                            if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                                return;
                            }
                            if line == ".\r\n" {
                                break;
                            }
                            data.push_str(&line);
                        }
                        msg.data = data;
                        inbox.lock().unwrap().push(msg.clone());
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = w.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    if w.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, inbox)
}

/// The decoded Subject header of a message (RFC 2047, base64 or quoted-printable words).
pub(crate) fn subject_of(data: &str) -> String {
    let mut raw = String::new();
    let mut in_subject = false;
    for line in data.split("\r\n") {
        if let Some(rest) = line.strip_prefix("Subject:") {
            raw.push_str(rest.trim());
            in_subject = true;
        } else if in_subject && line.starts_with([' ', '\t']) {
            raw.push(' ');
            raw.push_str(line.trim());
        } else if in_subject {
            break;
        }
    }
    raw.split_whitespace()
        .map(|w| {
            let parts: Vec<&str> = w.split('?').collect();
            match parts.as_slice() {
                ["=", _charset, enc, text, "="] if enc.eq_ignore_ascii_case("b") => {
                    use base64::Engine;
                    String::from_utf8(
                        base64::engine::general_purpose::STANDARD
                            .decode(text)
                            .unwrap(),
                    )
                    .unwrap()
                }
                _ => format!(" {w} "),
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The decoded text body (lettre picks base64 for Vietnamese text).
pub(crate) fn body_of(data: &str) -> String {
    let (head, body) = data.split_once("\r\n\r\n").unwrap_or((data, ""));
    if head.contains("Content-Transfer-Encoding: base64") {
        use base64::Engine;
        let b64: String = body.split_whitespace().collect();
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap(),
        )
        .unwrap()
    } else if head.contains("Content-Transfer-Encoding: quoted-printable") {
        let joined = body.replace("=\r\n", "");
        let (mut out, bytes) = (Vec::new(), joined.as_bytes());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.filter(|_| bytes[i] == b'=') {
                Some(h) if u8::from_str_radix(h, 16).is_ok() => {
                    out.push(u8::from_str_radix(h, 16).unwrap());
                    i += 3;
                }
                _ => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        String::from_utf8(out).unwrap()
    } else {
        body.to_string()
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn scheduler_sends_email_once_survives_restarts_and_escalates() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let store = app.store.clone();
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let admin_id = store
            .create_user(store::NewUser {
                login: "mailadmin".into(),
                display_name: "Quản trị thư".into(),
                password_hash: "x".into(),
                must_change_password: false,
                language: domain::Language::Vi,
                roles: vec![Role::Admin],
                unit_ids: vec![],
            })
            .await
            .unwrap();
        let admin = Actor {
            user_id: admin_id,
            roles: vec![Role::Admin],
            unit_ids: vec![],
            active: true,
        };
        store
            .set_unit_email(qlds, Some("qlds@svhtt.hanoi.gov.vn"), &admin)
            .await
            .unwrap();

        let (port, inbox) = smtp_server().await;
        let cfg = SchedulerConfig {
            interval: Duration::from_secs(300),
            policy: ReminderPolicy::default(),
            mailer: Some(
                Mailer::new(
                    &format!("smtp://127.0.0.1:{port}"),
                    "Sở VHTT Hà Nội <sangtao@svhtt.hanoi.gov.vn>",
                )
                .unwrap(),
            ),
            public_url: "https://sangtao.example.vn".into(),
            texts: web::i18n::vi_text,
        };

        // 24/12/2025: seven days before the plan's year-end deadlines.
        let first = run_once(&store, &cfg, noon_in_hanoi(day(2025, 12, 24)))
            .await
            .unwrap();
        assert!(first.reminders > 0, "{first:?}");
        assert!(
            first.emails_sent > 0 && first.emails_failed == 0,
            "{first:?}"
        );
        let got = inbox.lock().unwrap().clone();
        assert_eq!(got.len(), first.emails_sent);
        let m = got
            .iter()
            .find(|m| m.to.contains(&"qlds@svhtt.hanoi.gov.vn".to_string()))
            .expect("mail to the lead unit");
        assert!(m.from.contains("sangtao@svhtt.hanoi.gov.vn"));
        let subject = subject_of(&m.data);
        assert!(
            subject.starts_with("[Đôn đốc] Còn 7 ngày đến hạn (31/12/2025):"),
            "{subject}"
        );
        let body = body_of(&m.data);
        assert!(
            body.contains("https://sangtao.example.vn/items/"),
            "link: {body}"
        );
        assert!(body.contains("Hạn: 31/12/2025"), "{body}");

        // A restart on the same day (or the next pass): nothing sent twice.
        let again = run_once(&store, &cfg, noon_in_hanoi(day(2025, 12, 24)))
            .await
            .unwrap();
        assert_eq!(again, RunSummary::default());
        assert_eq!(inbox.lock().unwrap().len(), got.len());

        // Two servers at once on 28/12 (3 days before): each reminder once in total.
        let (a, b) = tokio::join!(
            run_once(&store, &cfg, noon_in_hanoi(day(2025, 12, 28))),
            run_once(&store, &cfg, noon_in_hanoi(day(2025, 12, 28)))
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.reminders + b.reminders, first.reminders, "{a:?} {b:?}");
        assert_eq!(
            inbox.lock().unwrap().len(),
            got.len() + a.emails_sent + b.emails_sent
        );

        // Users of the lead unit see them in the app.
        let notes = store.notifications(admin_id, 10).await.unwrap();
        assert!(notes.is_empty(), "the admin belongs to no unit");

        // SMTP down: the reminder is still recorded and shown in the app; the e-mail fails.
        let dead = SchedulerConfig {
            mailer: Some(Mailer::new("smtp://127.0.0.1:9", "a@b.vn").unwrap()),
            ..cfg.clone()
        };
        let d = run_once(&store, &dead, noon_in_hanoi(day(2025, 12, 30)))
            .await
            .unwrap();
        assert!(
            d.reminders > 0 && d.emails_failed > 0 && d.emails_sent == 0,
            "{d:?}"
        );

        // Overdue: every 3 days; after the third, escalation to the Board.
        let mut escalated = 0;
        for d in [day(2026, 1, 3), day(2026, 1, 6), day(2026, 1, 9)] {
            let s = run_once(&store, &cfg, noon_in_hanoi(d)).await.unwrap();
            assert!(s.reminders > 0, "{d}: {s:?}");
            escalated += s.escalations;
        }
        assert!(escalated > 0);
        assert_eq!(
            store.escalations(false, 1000).await.unwrap().len(),
            escalated
        );
        let later = run_once(&store, &cfg, noon_in_hanoi(day(2026, 1, 9)))
            .await
            .unwrap();
        assert_eq!(later.escalations, 0, "once per item and due date");
    }
}
