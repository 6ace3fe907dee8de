//! Sign-in under abuse: where `next` may lead, weak passwords, the bound on password
//! hashing, per-address throttling and trusted proxies.

use crate::common::{self, NEW_PASSWORD, TestApp, csrf_of, spawn_app, spawn_app_with};
use reqwest::StatusCode;
use reqwest::redirect::Policy;

/// The app's cookies, but redirects are not followed: the test reads `Location`.
fn no_follow(app: &TestApp) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(app.jar.clone())
        .redirect(Policy::none())
        .build()
        .unwrap()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no Location: {} {:?}", r.status(), r.headers()))
}

#[tokio::test]
async fn next_never_leads_to_another_site() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let c = no_follow(&app);
        // Signed in, /signin goes on to `next` at once.
        for (next, to) in [
            ("/%09/evil.example", "/"),
            ("/%0A/evil.example", "/"),
            ("/%0C/evil.example", "/"),
            ("//evil.example", "/"),
            ("/%5Cevil.example", "/"),
            ("https://evil.example", "/"),
            ("/plans", "/plans"),
        ] {
            let r = c
                .get(app.url(&format!("/signin?next={next}")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
            assert_eq!(location(&r), to, "{next}");
        }
        // The language switch, with `next` in the form.
        let csrf = app.csrf_from("/plans").await;
        for (next, to) in [
            ("/\t/evil.example", "/"),
            ("/\x0c/evil.example", "/"),
            ("/ /evil.example", "/"),
            ("/plans", "/plans"),
        ] {
            let r = c
                .post(app.url("/lang"))
                .form(&[("_csrf", csrf.as_str()), ("lang", "vi"), ("next", next)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
            assert_eq!(location(&r), to, "{next:?}");
        }
        // And after signing in, from the sign-in form.
        let other = TestApp::new_browser(&app);
        let c = no_follow(&other);
        let page = c.get(other.url("/signin")).send().await.unwrap();
        let csrf = csrf_of(&page.text().await.unwrap());
        let r = c
            .post(other.url("/signin"))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("login", "admin"),
                ("password", NEW_PASSWORD),
                ("next", "/\t/evil.example"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), "/");
    }
}

#[tokio::test]
async fn weak_new_passwords_are_refused_with_what_to_do() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let r = app.sign_in("admin", &app.admin_password).await;
        assert_eq!(r.url().path(), "/password");
        let csrf = app.csrf_from("/password").await;
        for (new, says) in [
            ("ADMIN", "ít nhất 10 ký tự"),
            ("          ", "chỉ gồm dấu cách"),
            ("xxxxxxxxxxxx", "lặp lại một ký tự"),
            ("1234567890", "quá phổ biến"),
            ("Password123", "quá phổ biến"),
            ("matkhau2025", "quá phổ biến"),
        ] {
            let r = app
                .post(
                    "/password",
                    &[
                        ("_csrf", csrf.as_str()),
                        ("current", app.admin_password.as_str()),
                        ("new", new),
                        ("confirm", new),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{new:?}");
            let body = r.text().await.unwrap();
            assert!(body.contains(says), "{new:?}: {body}");
        }
        // An account whose login is long enough to be a password.
        let b = TestApp::user_browser(&app, "nguyen.van.an", &[domain::Role::Board], &[]).await;
        let csrf = b.csrf_from("/password").await;
        let r = b
            .post(
                "/password",
                &[
                    ("_csrf", csrf.as_str()),
                    ("current", NEW_PASSWORD),
                    ("new", "Nguyen.Van.An"),
                    ("confirm", "Nguyen.Van.An"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("trùng với tên đăng nhập"), "{body}");
    }
}

#[tokio::test]
async fn sign_in_beyond_the_hashing_bound_is_told_to_retry() {
    for backend in common::backends().await {
        // No free hash at all: every attempt waits its short while, then hears "busy".
        let app = spawn_app_with(backend, |c| {
            c.hash_permits = 0;
            c.hash_wait = std::time::Duration::from_millis(50);
        })
        .await;
        let r = app.sign_in("khong-co-ai", "mot-mat-khau-bat-ky").await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(
            r.headers().get("retry-after").is_some(),
            "{:?}",
            r.headers()
        );
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Máy chủ đang bận, vui lòng thử lại sau ít giây"),
            "{body}"
        );
        // A busy answer is not a failure: the throttle has counted nothing.
        let failures = app
            .store
            .login_failures_since("khong-co-ai", "127.0.0.1", 0)
            .await
            .unwrap();
        assert_eq!(failures, 0);
    }
}

#[tokio::test]
async fn many_sign_ins_at_once_are_bounded_not_piled_up() {
    for backend in common::backends().await {
        let app = spawn_app_with(backend, |c| {
            c.hash_permits = 1;
            c.hash_wait = std::time::Duration::from_millis(1);
        })
        .await;
        let csrf = app.csrf_from("/signin").await;
        let mut attempts = tokio::task::JoinSet::new();
        for i in 0..16 {
            let c = app.client.clone();
            let url = app.url("/signin");
            let csrf = csrf.clone();
            attempts.spawn(async move {
                c.post(url)
                    .form(&[
                        ("_csrf", csrf.as_str()),
                        ("login", format!("ai-do-{i}").as_str()),
                        ("password", "mot-mat-khau-bat-ky"),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
            });
        }
        let statuses = attempts.join_all().await;
        assert!(
            statuses
                .iter()
                .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS),
            "{statuses:?}"
        );
        assert!(
            statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
            "{statuses:?}"
        );
    }
}

#[tokio::test]
async fn one_address_guessing_across_logins_is_throttled_before_hashing() {
    for backend in common::backends().await {
        let app = spawn_app_with(backend, |c| c.address_max_failures = 4).await;
        // Four logins, one wrong guess each: no login reaches its own limit of five.
        for i in 0..4 {
            let r = app
                .sign_in(&format!("ai-do-{i}"), "mot-mat-khau-bat-ky")
                .await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        // The address has: even the right password waits, and the page says until when.
        let r = app.sign_in("admin", &app.admin_password).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("từ địa chỉ mạng này") && body.contains("Vui lòng thử lại sau"),
            "{body}"
        );
        // Nothing more is counted while it is closed; once the window has passed, it opens.
        app.clock.advance(chrono::Duration::minutes(16));
        let r = app.sign_in("admin", &app.admin_password).await;
        assert_eq!(r.url().path(), "/password");
    }
}

#[tokio::test]
async fn x_forwarded_for_counts_only_behind_a_trusted_proxy() {
    for backend in common::backends().await {
        // Without trusted proxies the header is ignored: failures count for 127.0.0.1.
        let app = spawn_app(backend.clone()).await;
        let csrf = app.csrf_from("/signin").await;
        let r = app
            .client
            .post(app.url("/signin"))
            .header("x-forwarded-for", "203.0.113.9")
            .form(&[
                ("_csrf", csrf.as_str()),
                ("login", "ai-do"),
                ("password", "x"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            app.store
                .address_failures_since("127.0.0.1", 0)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            app.store
                .address_failures_since("203.0.113.9", 0)
                .await
                .unwrap(),
            0
        );

        // Behind a trusted proxy (the test client is 127.0.0.1): the right-most address
        // that is not itself a trusted proxy; what the client wrote further left is not.
        let app = spawn_app_with(backend, |c| {
            c.trusted_proxies =
                web::client_addr::parse_trusted(["127.0.0.0/8, 10.0.0.0/8"]).unwrap();
        })
        .await;
        let csrf = app.csrf_from("/signin").await;
        let r = app
            .client
            .post(app.url("/signin"))
            .header("x-forwarded-for", "198.51.100.1, 203.0.113.9, 10.0.0.5")
            .form(&[
                ("_csrf", csrf.as_str()),
                ("login", "ai-do"),
                ("password", "x"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            app.store
                .address_failures_since("203.0.113.9", 0)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            app.store
                .address_failures_since("127.0.0.1", 0)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            app.store
                .address_failures_since("198.51.100.1", 0)
                .await
                .unwrap(),
            0
        );
    }
}

/// The admin's sign-in form sent with the token `csrf`, redirects followed.
async fn admin_signs_in_with(app: &TestApp, csrf: &str) -> reqwest::Response {
    app.post(
        "/signin",
        &[
            ("_csrf", csrf),
            ("login", "admin"),
            ("password", NEW_PASSWORD),
        ],
    )
    .await
}

/// Issue 14, finding 13: a sign-in form drawn signed out, then sent while the browser holds
/// a session cookie (signed in meanwhile in another tab, or one that has died since).
#[tokio::test]
async fn a_session_cookie_beside_the_sign_in_form_does_not_bounce_it() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        app.sign_out().await;
        // Tab 1: the sign-in form, signed out.
        let form_csrf = app.csrf_from("/signin").await;
        // Tab 2: signs in, so the jar now holds a live session with its own token.
        let r = app.sign_in("admin", NEW_PASSWORD).await;
        assert_eq!(r.url().path(), "/");
        // Tab 1 is sent: it signs in (anew), it is not refused as a stale form.
        let r = admin_signs_in_with(&app, form_csrf.as_str()).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.url().path(), "/", "signed in, not bounced");
        // And with a session cookie that names no session any more.
        let stale = app.raw_sign_in_cookie("admin", NEW_PASSWORD).await;
        let token = stale
            .trim_start_matches("sangtao_session=")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let c = no_follow(&app);
        let page = c.get(app.url("/signin")).send().await.unwrap();
        assert_eq!(
            page.status(),
            StatusCode::SEE_OTHER,
            "signed in in this jar"
        );
        app.sign_out().await;
        let csrf = app.csrf_from("/signin").await;
        app.store
            .delete_session(&web::session::token_hash(&token))
            .await
            .unwrap();
        let url = reqwest::Url::parse(&app.url("/")).unwrap();
        app.jar
            .add_cookie_str(&format!("sangtao_session={token}; Path=/"), &url);
        let r = admin_signs_in_with(&app, csrf.as_str()).await;
        assert_eq!(
            r.url().path(),
            "/",
            "a dead session cookie does not bounce it"
        );
    }
}
