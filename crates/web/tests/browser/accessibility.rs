//! axe-core (vendored in `tests/assets/axe.min.js`, MPL-2.0) on the main pages at both
//! widths: no serious or critical violation. And the keyboard: Tab reaches the page's
//! controls one after another, and each shows where the focus is.

use super::support::{
    Page, WIDTHS, board_pages, browser, demo_app, js, open, set_width, sign_in, sign_out, unit_home,
};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::json;

pub(super) const AXE: &str = include_str!("../assets/axe.min.js");

/// How many rules axe applied, and the page's serious and critical violations, one line
/// each with up to three elements.
pub(super) const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(r => done({
  rules: r.passes.length + r.violations.length,
  violations: r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ': '
      + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary).join(' | ')),
}), e => done({ rules: 0, violations: ['axe did not run: ' + e] }));
"#;

/// Opens each page at each width and collects what axe finds, named by page and width.
async fn violations(
    c: &fantoccini::Client,
    app: &super::common::TestApp,
    pages: &[Page],
) -> Vec<String> {
    let mut found = Vec::new();
    for size in WIDTHS {
        set_width(c, size).await;
        for p in pages {
            open(c, app, &p.path, p.ready).await;
            c.execute(&format!("{AXE}\nreturn typeof axe;"), vec![])
                .await
                .unwrap();
            let r = c.execute_async(AXE_RUN, vec![]).await.unwrap();
            assert!(r["rules"].as_u64() > Some(20), "axe ran on {}: {r}", p.path);
            for line in r["violations"].as_array().expect("a list").iter() {
                found.push(format!(
                    "{} at {} px: {}",
                    p.path,
                    size.0,
                    line.as_str().unwrap_or("?")
                ));
            }
        }
    }
    found
}

#[tokio::test]
async fn the_main_pages_pass_axe_core_with_no_serious_or_critical_violation() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = demo_app().await;
    sign_in(&c, &app, "board").await;
    let mut found = violations(&c, &app, &board_pages(&app).await).await;
    sign_out(&c).await;
    sign_in(&c, &app, "unit").await;
    found.extend(violations(&c, &app, &[unit_home()]).await);
    assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_department_setup_pages_pass_axe_core() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = demo_app().await;
    sign_in(&c, &app, "board").await;
    let pages: Vec<Page> = super::layout::setup_pages(&app)
        .await
        .into_iter()
        .map(|(path, ready)| Page {
            name: "setup",
            path,
            ready,
            shot: "body",
        })
        .collect();
    let found = violations(&c, &app, &pages).await;
    assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
    c.close().await.unwrap();
}

/// The focused element, and whether it shows an outline.
const FOCUSED: &str = r#"
const el = document.activeElement;
const s = getComputedStyle(el);
const again = el.hasAttribute('data-tab-seen');
el.setAttribute('data-tab-seen', '');
return { again, what: el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || el.name || '').trim().slice(0, 30),
         outlined: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
         body: el === document.body };
"#;

#[tokio::test]
async fn tab_reaches_the_controls_in_turn_and_each_shows_its_focus() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = demo_app().await;
    sign_in(&c, &app, "unit").await;
    let item = app.item_id("Tham gia các phiên họp online").await;
    for size in WIDTHS {
        set_width(&c, size).await;
        open(&c, &app, &format!("/items/{}", item.0), "#report-form").await;
        let mut seen = Vec::new();
        for _ in 0..30 {
            let tab = KeyActions::new("keyboard".into())
                .then(KeyAction::Down {
                    value: Key::Tab.into(),
                })
                .then(KeyAction::Up {
                    value: Key::Tab.into(),
                });
            c.perform_actions(tab).await.unwrap();
            let f = js(&c, FOCUSED).await;
            assert_eq!(f["body"], json!(false), "Tab left the page after {seen:?}");
            assert_eq!(
                f["outlined"],
                json!(true),
                "no visible focus on {} at {} px",
                f["what"],
                size.0
            );
            assert_eq!(
                f["again"],
                json!(false),
                "Tab came back to {} after {seen:?}",
                f["what"]
            );
            seen.push(f["what"].as_str().unwrap_or_default().to_string());
        }
    }
    c.close().await.unwrap();
}
