//! The public site (issue 18) over HTTP: a crawl from both home pages that finds only
//! public pages in the right language and nothing internal; the embargo; the English
//! fallback; feeds, calendar and sitemap read back by their own parsers; ETag and no
//! cookie. The internal pages that publish are `publishing.rs`.

use crate::common::{self, TestApp, spawn_app};
use crate::public_site::{CLIP, CLIP_EN, EVENT, MAGAZINE, NEWS, PLAN, SECRETS, SPACE, site};
use reqwest::{Client, StatusCode};
use std::collections::{BTreeSet, VecDeque};

/// Every `href="…"` and `src="…"` of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "srcset=\""] {
        for part in html.split(attr).skip(1) {
            let value = part.split('"').next().unwrap_or("").replace("&amp;", "&");
            if attr == "srcset=\"" {
                out.extend(
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next().map(String::from)),
                );
            } else {
                out.push(value);
            }
        }
    }
    out
}

/// The `<loc>`s of a sitemap, as paths.
fn sitemap_paths(xml: &str, origin: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|u| u.trim_start_matches(origin).to_string())
        .collect()
}

/// What a crawl saw: each address and its body.
struct Crawl {
    pages: Vec<(String, String)>,
}

/// Starting at both home pages and the sitemap, follows every link to `/p/…` (pages,
/// feeds, files) with `client`; every answer must be 200, carry no cookie, and each HTML
/// page must name its language right. Links anywhere else must be static files or
/// other sites (a space's own links), never a page of the internal app.
async fn crawl(app: &TestApp, client: &Client) -> Crawl {
    let origin = format!("http://{}", app.addr);
    let sitemap = client.get(app.url("/sitemap.xml")).send().await.unwrap();
    assert_eq!(sitemap.status(), StatusCode::OK);
    let xml = sitemap.text().await.unwrap();
    let mut queue: VecDeque<String> = ["/p/".to_string(), "/p/en/".to_string()].into();
    queue.extend(sitemap_paths(&xml, &origin));
    let mut seen = BTreeSet::new();
    let mut pages = vec![("/sitemap.xml".to_string(), xml)];
    while let Some(path) = queue.pop_front() {
        let path = path.split('#').next().unwrap().to_string();
        if !seen.insert(path.clone()) {
            continue;
        }
        let r = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(
            r.headers().get("set-cookie").is_none(),
            "{path} sets a cookie"
        );
        let html = r
            .headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap().starts_with("text/html"));
        let body = String::from_utf8_lossy(&r.bytes().await.unwrap()).to_string();
        if html {
            let lang = if path.starts_with("/p/en/") {
                "en"
            } else {
                "vi"
            };
            assert!(
                body.contains(&format!("<html lang=\"{lang}\">")),
                "{path}: lang"
            );
            for link in links(&body) {
                let link = link.trim_start_matches(&origin).to_string();
                if link.starts_with("/p/") || link == "/sitemap.xml" {
                    queue.push_back(link);
                } else {
                    let fine = link.starts_with("/static/")
                        || link.starts_with('#')
                        || link.starts_with("https://example.org/");
                    assert!(fine, "{path} links to {link}, not a public page");
                }
            }
        }
        pages.push((path, body));
    }
    Crawl { pages }
}

impl Crawl {
    fn paths(&self) -> Vec<&str> {
        self.pages.iter().map(|(p, _)| p.as_str()).collect()
    }

    fn page(&self, path: &str) -> &str {
        let found = self.pages.iter().find(|(p, _)| p == path);
        &found
            .unwrap_or_else(|| panic!("{path} not crawled: {:?}", self.paths()))
            .1
    }

    fn assert_hides_secrets(&self) {
        for (path, body) in &self.pages {
            for s in SECRETS {
                assert!(!body.contains(s), "{path} shows {s:?}");
            }
        }
    }
}

#[tokio::test]
async fn public_crawl_finds_only_public_pages_in_their_language_signed_out_and_in() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let site = site(&app).await;
        let anon = crawl(&app, &app.fresh_client()).await;
        anon.assert_hides_secrets();
        let paths = anon.paths();
        for p in [
            "/p/news",
            "/p/en/events",
            "/p/media",
            "/p/en/spaces",
            "/p/atom.xml",
            "/p/en/atom.xml",
            "/p/events.ics",
        ] {
            assert!(paths.contains(&p), "{p} reached: {paths:?}");
        }
        for id in [site.clip.0, site.magazine.0, site.news.0] {
            assert!(paths.contains(&format!("/p/media/{id}").as_str()));
            assert!(paths.contains(&format!("/p/en/media/{id}").as_str()));
        }
        assert!(paths.contains(&format!("/p/spaces/{}", site.space.0).as_str()));
        assert!(paths.contains(&format!("/p/en/plan/{}", site.plan.0).as_str()));
        assert!(
            paths.iter().any(|p| p.starts_with("/p/files/")),
            "files linked"
        );
        let home = anon.page("/p/");
        for title in [NEWS, CLIP, EVENT, SPACE, PLAN] {
            assert!(home.contains(title), "home shows {title}");
        }
        // The same site for someone signed in: no internal link, no secret, no cookie.
        let office = crawl(&app, &site.office.client).await;
        office.assert_hides_secrets();
        assert_eq!(office.paths(), paths);
        assert_eq!(office.page("/p/"), home, "the same page signed in");
        assert!(!home.contains("/signin") && !home.contains("_csrf"));
    }
}

#[tokio::test]
async fn public_pages_show_what_each_kind_needs() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let site = site(&app).await;
    let text = |p: String| {
        let c = app.fresh_client();
        let url = app.url(&p);
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let clip = text(format!("/p/media/{}", site.clip.0)).await;
    assert!(clip.contains("<video controls preload=\"none\""), "{clip}");
    assert!(clip.contains("type=\"video/mp4\""));
    assert!(clip.contains("14:30"), "the length");
    assert!(clip.contains("property=\"og:type\" content=\"article\""));
    assert!(clip.contains("property=\"og:image\""));
    assert!(clip.contains("property=\"og:locale\" content=\"vi_VN\""));
    assert!(clip.contains(&format!(
        "hreflang=\"en\" href=\"http://{}/p/en/media/{}\"",
        app.addr, site.clip.0
    )));
    let en = text(format!("/p/en/media/{}", site.clip.0)).await;
    assert!(en.contains(CLIP_EN) && en.contains("content=\"en_US\""));
    let magazine = text(format!("/p/media/{}", site.magazine.0)).await;
    assert!(magazine.contains("type=\"application/pdf\"") && magazine.contains("chuyen-de.pdf"));
    assert!(
        magazine.contains("/thumb\" width=\"160\""),
        "a cover: {magazine}"
    );
    let news = text(format!("/p/media/{}", site.news.0)).await;
    assert!(news.contains("srcset=\"/p/files/") && news.contains("320w") && news.contains("1280w"));
    // The spaces' map: one dot per space, a link named after it.
    let spaces = text("/p/spaces".into()).await;
    assert!(spaces.contains("<svg viewBox=\"0 0 480 "), "{spaces}");
    let dot = format!(
        "<a href=\"/p/spaces/{}\" aria-label=\"1. {SPACE}\">",
        site.space.0
    );
    assert!(spaces.contains(&dot), "{spaces}");
    assert!(spaces.contains("8:00–22:00") && spaces.contains("https://example.org/phosach"));
    let spaces_en = text("/p/en/spaces".into()).await;
    assert!(spaces_en.contains("8 am – 10 pm") && spaces_en.contains("Hà Nội Book Street"));
    // The plan's summary: the chosen targets, with the figures every page shows.
    let plan = text(format!("/p/plan/{}", site.plan.0)).await;
    let progress = app.store.plan_target_progress(site.plan_id).await.unwrap();
    let mut shown = 0;
    for tp in &progress {
        let target = domain::format_target(tp.min, tp.max, &tp.unit, tp.per.as_deref());
        let actual = tp
            .actual
            .map(domain::format_number)
            .unwrap_or_else(|| "—".into());
        let figure = format!("{actual} / {target}");
        let chosen = site.targets.contains(&tp.target_id);
        if chosen {
            assert!(plan.contains(&figure), "{figure} in {plan}");
            shown += 1;
        }
    }
    assert_eq!(shown, 2);
    assert_eq!(
        plan.matches("<td class=\"figure\">").count(),
        2,
        "only the chosen"
    );
    // Events: the upcoming one, in Hà Nội's time; dates dd/mm/yyyy, and "3 Dec 2026" in English.
    let events = text("/p/events".into()).await;
    assert!(events.contains(EVENT) && events.contains("03/12/2026, 09:00–12:00 (giờ Hà Nội)"));
    let events_en = text("/p/en/events".into()).await;
    assert!(
        events_en.contains("3 Dec 2026, 09:00–12:00 (Hà Nội time)"),
        "{events_en}"
    );
    // An unknown or hidden entry is a public 404, without a cookie.
    let r = app
        .fresh_client()
        .get(app.url("/p/media/999999"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.headers().get("set-cookie").is_none());
    assert!(r.text().await.unwrap().contains("<html lang=\"vi\">"));
    let r = app
        .fresh_client()
        .get(app.url("/p/en/khong-co"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("<html lang=\"en\">"));
    // A space's page is not a media page.
    let r = app
        .fresh_client()
        .get(app.url(&format!("/p/media/{}", site.space.0)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn public_english_falls_back_to_vietnamese_with_a_mark() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let site = site(&app).await;
    let page = app
        .get(&format!("/p/en/media/{}", site.news.0))
        .await
        .text()
        .await
        .unwrap();
    let marked =
        format!("<span lang=\"vi\">{NEWS} <span class=\"fallback\">(tiếng Việt)</span></span>");
    assert!(page.contains(&marked), "{page}");
    assert!(page.contains("<html lang=\"en\">"));
    // The clip has its English title: no mark.
    let page = app
        .get(&format!("/p/en/media/{}", site.clip.0))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(CLIP_EN) && !page.contains("(tiếng Việt)"));
    // Nor on Vietnamese pages.
    let page = app
        .get(&format!("/p/media/{}", site.news.0))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("(tiếng Việt)"));
}

#[tokio::test]
async fn public_embargo_hides_a_publication_until_its_time() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        site(&app).await;
        let hidden = "Tiêu đề cấm vận XQZ";
        for path in ["/p/", "/p/media", "/p/atom.xml", "/sitemap.xml"] {
            let body = app.get(path).await.text().await.unwrap();
            assert!(!body.contains(hidden), "{path} before the embargo");
        }
        app.clock.advance(chrono::Duration::days(2));
        let media = app.get("/p/media").await.text().await.unwrap();
        assert!(
            media.contains(hidden),
            "visible once the embargo has passed"
        );
        let atom = app.get("/p/atom.xml").await.text().await.unwrap();
        assert!(atom.contains(hidden));
    }
}

#[tokio::test]
async fn public_feeds_calendar_and_sitemap_read_back() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let site = site(&app).await;
    let origin = format!("http://{}", app.addr);
    let read = |path: &'static str| {
        let c = app.fresh_client();
        let url = app.url(path);
        async move {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            assert!(r.headers().get("set-cookie").is_none());
            (
                r.headers()["content-type"].to_str().unwrap().to_string(),
                r.bytes().await.unwrap(),
            )
        }
    };
    let (kind, body) = read("/p/atom.xml").await;
    assert!(kind.starts_with("application/atom+xml"));
    let vi = atom_syndication::Feed::read_from(&body[..]).expect("the feed parses");
    let titles: Vec<String> = vi
        .entries()
        .iter()
        .map(|e| e.title().value.clone())
        .collect();
    for t in [NEWS, CLIP, MAGAZINE, EVENT, SPACE, PLAN] {
        assert!(titles.contains(&t.to_string()), "{t} in {titles:?}");
    }
    assert_eq!(titles.len(), 6, "only the visible ones: {titles:?}");
    let (_, body) = read("/p/en/atom.xml").await;
    let en = atom_syndication::Feed::read_from(&body[..]).expect("the English feed parses");
    assert_eq!(en.lang(), Some("en"));
    let clip = en
        .entries()
        .iter()
        .find(|e| e.title().value == CLIP_EN)
        .expect("the clip");
    assert_eq!(
        clip.links()[0].href(),
        format!("{origin}/p/en/media/{}", site.clip.0)
    );
    let news = en
        .entries()
        .iter()
        .find(|e| e.title().value == NEWS)
        .expect("the news post");
    assert_eq!(
        news.title().lang.as_deref(),
        Some("vi"),
        "the fallback is marked"
    );
    // The calendar.
    let (kind, body) = read("/p/events.ics").await;
    assert!(kind.starts_with("text/calendar"));
    let ics = String::from_utf8(body.to_vec()).unwrap();
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("the calendar parses");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), 1);
    let prop = |n: &str| {
        events[0]
            .properties
            .iter()
            .find(|p| p.name.as_str() == n)
            .map(|p| p.val.as_str().to_string())
    };
    assert_eq!(prop("SUMMARY").as_deref(), Some(EVENT));
    assert_eq!(
        prop("LOCATION").as_deref(),
        Some("Trung tâm Văn hóa Hà Nội")
    );
    assert!(
        prop("URL")
            .unwrap()
            .starts_with(&format!("{origin}/p/events"))
    );
    assert!(!ics.contains("meet.example.org"));
    // The sitemap: every page in both languages.
    let (kind, body) = read("/sitemap.xml").await;
    assert!(kind.starts_with("application/xml"));
    let xml = String::from_utf8(body.to_vec()).unwrap();
    let locs = sitemap_paths(&xml, &origin);
    for p in [
        "/p/",
        "/p/en/",
        "/p/news",
        "/p/en/news",
        "/p/events",
        "/p/spaces",
        "/p/en/media",
    ] {
        assert!(locs.contains(&p.to_string()), "{p} in the sitemap");
    }
    for id in [site.clip.0, site.news.0, site.magazine.0] {
        assert!(
            locs.contains(&format!("/p/media/{id}")) && locs.contains(&format!("/p/en/media/{id}"))
        );
    }
    assert!(locs.contains(&format!("/p/spaces/{}", site.space.0)));
    assert!(locs.contains(&format!("/p/en/plan/{}", site.plan.0)));
}

#[tokio::test]
async fn public_pages_carry_an_etag_answered_with_304_and_a_short_cache() {
    let app = spawn_app(common::Backend::Sqlite).await;
    site(&app).await;
    let c = app.fresh_client();
    for path in ["/p/", "/p/en/spaces", "/p/atom.xml", "/sitemap.xml"] {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["cache-control"], "public, max-age=60", "{path}");
        assert!(r.headers().get("set-cookie").is_none());
        let tag = r.headers()["etag"].clone();
        let again = c
            .get(app.url(path))
            .header("If-None-Match", tag.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()["etag"], tag);
        assert!(again.bytes().await.unwrap().is_empty());
        let other = c
            .get(app.url(path))
            .header("If-None-Match", "W/\"khac\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), StatusCode::OK);
    }
}

/// A clip's file answers byte ranges, so that a player seeks (and Safari plays MP4 at all):
/// one range is 206 with that part, one past the end 416, none the whole file.
#[tokio::test]
async fn public_videos_answer_ranges_so_a_player_can_seek() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let site = site(&app).await;
    let c = app.fresh_client();
    let page = c
        .get(app.url(&format!("/p/media/{}", site.clip.0)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let src = page
        .split("<source src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the clip's source")
        .to_string();
    let whole = c.get(app.url(&src)).send().await.unwrap();
    assert_eq!(whole.status(), StatusCode::OK);
    assert_eq!(whole.headers()["accept-ranges"], "bytes");
    let whole = whole.bytes().await.unwrap();
    assert!(whole.len() > 8, "a sample video of some bytes");
    let part = c
        .get(app.url(&src))
        .header("Range", "bytes=2-5")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 2-5/{}", whole.len()).as_str()
    );
    assert_eq!(part.headers()["content-length"], "4");
    assert_eq!(part.bytes().await.unwrap(), whole.slice(2..6));
    let beyond = c
        .get(app.url(&src))
        .header("Range", format!("bytes={}-", whole.len() + 10))
        .send()
        .await
        .unwrap();
    assert_eq!(beyond.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        beyond.headers()["content-range"],
        format!("bytes */{}", whole.len()).as_str()
    );
}

/// The home pages typed without their slash lead to them, not to a 404.
#[tokio::test]
async fn public_home_without_its_slash_leads_home() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (typed, home) in [("/p", "/p/"), ("/p/en", "/p/en/")] {
        let r = client.get(app.url(typed)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT, "{typed}");
        let to = r.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(to, home);
        assert_eq!(app.get(&to).await.status(), StatusCode::OK, "{home}");
        assert!(
            r.headers().get("set-cookie").is_none(),
            "no cookie on the public site"
        );
    }
}
