//! The layout at a phone's width (390 px) and a laptop's (1366 px), measured on element
//! boxes, not pixels: the month calendar shows its seven days, no table cell breaks a word,
//! dates and status chips sit on one line, no page scrolls sideways, and the menu's
//! highlight follows htmx navigation.

use super::common::{Backend, TestApp, spawn_app};
use super::support::{
    DEMO_MONTH, WIDTHS, browser, click, demo_app, js, open, set_width, sign_in, wait_for,
};
use serde_json::{Value, json};

/// The columns of the month grid that are not wholly inside the viewport, the chips
/// (events) that are not, and whether the page scrolls sideways.
const CALENDAR_BOXES: &str = r#"
const vw = document.documentElement.clientWidth;
const outside = el => { const r = el.getBoundingClientRect();
  return r.width < 1 || r.left < -0.5 || r.right > vw + 0.5; };
const heads = [...document.querySelectorAll('#month-grid thead th')];
const cells = [...document.querySelectorAll('#month-grid tbody td')];
return {
  columns: heads.length,
  columns_outside: heads.filter(outside).map(th => th.textContent.trim()),
  cells_outside: cells.filter(outside).length,
  chips: document.querySelectorAll('#month-grid .ev-chip').length,
  chips_outside: [...document.querySelectorAll('#month-grid .ev-chip')].filter(outside)
    .map(a => a.textContent.trim()),
  page_scrolls: document.documentElement.scrollWidth > vw,
};
"#;

/// How a page's text sits: words of table cells that break across lines (a word being a
/// run between spaces, slashes and dashes, shorter than 20 characters: long tokens may
/// break),
/// dates and status chips on more than one line, and whether the page scrolls sideways.
/// (A line may end after a slash or a dash: "cuộc/" "năm", "(20-" "30".)
/// Lines are told apart by the boxes of the text (Range.getClientRects).
const TEXT_BOXES: &str = r#"
const lines = rects => { let n = 0, bottom = -1e9;
  [...rects].filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top)
    .forEach(r => { if (r.top >= bottom - 2) { n += 1; } bottom = Math.max(bottom, r.bottom); });
  return n; };
const textLines = el => { const rects = [];
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    const r = document.createRange(); r.selectNodeContents(t); rects.push(...r.getClientRects()); }
  return lines(rects); };
const broken = [];
const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
for (let t = walk.nextNode(); t; t = walk.nextNode()) {
  const cell = t.parentElement.closest('td, th');
  if (!cell) continue;
  for (const m of t.data.matchAll(/[^\s\/\-–—]+/g)) {
    if (m[0].length >= 20) continue;
    const r = document.createRange();
    r.setStart(t, m.index); r.setEnd(t, m.index + m[0].length);
    if (lines(r.getClientRects()) > 1) broken.push(m[0] + ' in «' + cell.textContent.trim().slice(0, 50) + '»');
  }
}
const one = '.date, td.date, .status, .ev-status, .band, .chip.date, .rv-state';
const wrapped = [...document.querySelectorAll('main :is(' + one + ')')]
  .filter(el => textLines(el) > 1).map(el => el.textContent.trim());
return {
  broken: broken.slice(0, 8),
  wrapped: wrapped.slice(0, 8),
  page_scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
};
"#;

/// The dashboard's due dates ("Tiến độ theo nhiệm vụ"): how many, and the ones whose text
/// takes more than one line or whose box is taller than one line of its text.
const DASHBOARD_DATES: &str = r#"
const cells = [...document.querySelectorAll('#progress td.date')].filter(td => td.textContent.trim());
const tall = cells.filter(td => {
  const r = document.createRange(); r.selectNodeContents(td);
  const rects = [...r.getClientRects()].filter(x => x.width > 0);
  const line = parseFloat(getComputedStyle(td).lineHeight);
  return rects.length !== 1 || r.getBoundingClientRect().height > line * 1.2;
}).map(td => td.textContent.trim());
return { dates: cells.length, tall: tall.slice(0, 8) };
"#;

#[tokio::test]
async fn at_390_and_1366_px_the_month_calendar_shows_all_seven_days() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = demo_app().await;
    sign_in(&c, &app, "board").await;
    for size in WIDTHS {
        set_width(&c, size).await;
        open(
            &c,
            &app,
            &format!("/events?month={DEMO_MONTH}"),
            "#month-grid",
        )
        .await;
        let boxes = js(&c, CALENDAR_BOXES).await;
        let w = size.0;
        assert_eq!(boxes["columns"], json!(7), "{w} px: {boxes}");
        assert_eq!(
            boxes["columns_outside"],
            json!([]),
            "{w} px: Monday to Sunday: {boxes}"
        );
        assert_eq!(
            boxes["cells_outside"],
            json!(0),
            "{w} px: every day: {boxes}"
        );
        assert!(
            boxes["chips"].as_u64() >= Some(4),
            "{w} px: the month's events: {boxes}"
        );
        assert_eq!(
            boxes["chips_outside"],
            json!([]),
            "{w} px: each event: {boxes}"
        );
        assert_eq!(boxes["page_scrolls"], json!(false), "{w} px: {boxes}");
    }
    c.close().await.unwrap();
}

#[tokio::test]
async fn at_390_and_1366_px_no_word_date_or_status_breaks_and_no_page_scrolls_sideways() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = demo_app().await;
    let plan = app.plan_id().await;
    sign_in(&c, &app, "board").await;
    let item = app.item_id("Tham gia các phiên họp online").await;
    let pages = [
        (format!("/plans/{plan}"), "#plan-tree"),
        (format!("/items/{}", item.0), "#status"),
        ("/items".into(), "table.items-table"),
        ("/events?view=list".into(), "#event-list"),
        (format!("/dashboard?plan={plan}"), "#progress"),
        ("/admin/emails".into(), "#unit-emails"),
    ];
    let pages: Vec<(String, &str)> = pages.into_iter().chain(setup_pages(&app).await).collect();
    for size in WIDTHS {
        set_width(&c, size).await;
        for (path, ready) in &pages {
            open(&c, &app, path, ready).await;
            let text = js(&c, TEXT_BOXES).await;
            let w = size.0;
            assert_eq!(
                text["broken"],
                json!([]),
                "{path} at {w} px: words split: {text}"
            );
            assert_eq!(
                text["wrapped"],
                json!([]),
                "{path} at {w} px: dates, chips: {text}"
            );
            assert_eq!(
                text["page_scrolls"],
                json!(false),
                "{path} at {w} px: {text}"
            );
            if path.starts_with("/dashboard") {
                let dates = js(&c, DASHBOARD_DATES).await;
                assert!(dates["dates"].as_u64() >= Some(10), "{dates}");
                assert_eq!(dates["tall"], json!([]), "one line each at {w} px");
            }
        }
    }
    c.close().await.unwrap();
}

/// The `href`s of the menu entries marked current.
async fn current_menu(c: &fantoccini::Client) -> Value {
    js(
        c,
        "return [...document.querySelectorAll('nav.nav a[aria-current=page]')]\
         .map(a => a.getAttribute('href'));",
    )
    .await
}

#[tokio::test]
async fn the_menu_highlight_follows_htmx_navigation() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    TestApp::user_browser(&app, "board", &[domain::Role::Board], &[]).await;
    sign_in(&c, &app, "board").await;
    assert_eq!(current_menu(&c).await, json!(["/"]));
    // Pages that come through htmx keep this page's window (and its header).
    js(&c, "window.stayed = true; return true;").await;
    for (href, ready) in [
        ("/events", "#month-grid"),
        ("/dashboard", "#progress"),
        ("/plans", "main table a[href^='/plans/']"),
    ] {
        click(&c, &format!("nav.nav a[href='{href}']")).await;
        wait_for(&c, ready).await;
        assert_eq!(js(&c, "return window.stayed === true;").await, json!(true));
        let start = std::time::Instant::now();
        while current_menu(&c).await != json!([href]) && start.elapsed().as_secs() < 5 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(
            current_menu(&c).await,
            json!([href]),
            "after opening {href}"
        );
    }
    c.close().await.unwrap();
}

/// On a phone the menu is folded behind one button, so that the page's own content is on
/// the first screen; the button unfolds it, and a page opened from it folds it again. On a
/// laptop the menu is always shown and the button is not.
#[tokio::test]
async fn on_a_phone_the_menu_folds_behind_one_button() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    TestApp::user_browser(&app, "board", &[domain::Role::Board], &[]).await;
    sign_in(&c, &app, "board").await;
    let shown = "return [getComputedStyle(document.getElementById('nav')).display !== 'none', \
                 getComputedStyle(document.getElementById('menu-toggle')).display !== 'none'];";
    set_width(&c, (1366, 768)).await;
    assert_eq!(
        js(&c, shown).await,
        json!([true, false]),
        "laptop: menu, no button"
    );
    set_width(&c, (390, 844)).await;
    assert_eq!(js(&c, shown).await, json!([false, true]), "phone: folded");
    // The page's heading is on the first screen.
    let top = js(
        &c,
        "return document.querySelector('main h1, main h2').getBoundingClientRect().top;",
    )
    .await;
    assert!(top.as_f64().unwrap() < 400.0, "heading at {top}");
    click(&c, "#menu-toggle").await;
    assert_eq!(js(&c, shown).await, json!([true, true]), "unfolded");
    assert_eq!(
        js(
            &c,
            "return document.getElementById('menu-toggle').getAttribute('aria-expanded');"
        )
        .await,
        json!("true")
    );
    click(&c, "nav.nav a[href='/events']").await;
    wait_for(&c, "#month-grid").await;
    let start = std::time::Instant::now();
    while js(&c, shown).await != json!([false, true]) && start.elapsed().as_secs() < 5 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        js(&c, shown).await,
        json!([false, true]),
        "folded again on the new page"
    );
    c.close().await.unwrap();
}

/// The department setup's pages (issue 13): units, a unit, a user, a plan's details.
pub async fn setup_pages(app: &super::common::TestApp) -> Vec<(String, &'static str)> {
    let plan = app.plan_id().await;
    let unit = app.unit_id("Phòng Quản lý Di sản").await;
    let user = app.store.user_by_login("board").await.unwrap().unwrap().id;
    vec![
        ("/admin/units".into(), "#admin-units"),
        (format!("/admin/units/{unit}"), "#edit-unit"),
        (format!("/admin/users/{user}"), "#edit-user"),
        (format!("/plans/{plan}/metadata"), "#plan-metadata"),
    ]
}
