//! The README's pictures, made by the suite: each main page of the demo year at a phone's
//! width and a laptop's, the viewport only (a page's first screen; the lists from their
//! content past the filters). They go to
//! `docs/screenshots/` with SANGTAO_WRITE_SCREENSHOTS=1, else to a temporary directory, so
//! that an ordinary run leaves the tree as it was.

use super::support::{
    Page, WIDTHS, board_pages, browser, demo_app, js, open, set_width, sign_in, sign_out, unit_home,
};
use std::path::Path;

/// Writes `{page}-{width}.png` for each page and width; returns the files written.
async fn shoot(
    c: &fantoccini::Client,
    app: &super::common::TestApp,
    pages: &[Page],
    dir: &Path,
) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for size in WIDTHS {
        set_width(c, size).await;
        for p in pages {
            open(c, app, &p.path, p.ready).await;
            let top = format!(
                "document.querySelector('{}').scrollIntoView(); window.scrollBy(0, -8); return true;",
                p.shot
            );
            js(c, &top).await;
            let png = c.screenshot().await.unwrap();
            let file = dir.join(format!("{}-{}.png", p.name, size.0));
            std::fs::write(&file, &png).unwrap();
            files.push(file);
        }
    }
    files
}

#[tokio::test]
async fn screenshots_of_the_main_pages_at_390_and_1366_px() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = demo_app().await;
    let temp = tempfile::tempdir().unwrap();
    let dir = if std::env::var("SANGTAO_WRITE_SCREENSHOTS").as_deref() == Ok("1") {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
    } else {
        temp.path().to_path_buf()
    };
    std::fs::create_dir_all(&dir).unwrap();
    sign_in(&c, &app, "board").await;
    let mut files = shoot(&c, &app, &board_pages(&app).await, &dir).await;
    sign_out(&c).await;
    sign_in(&c, &app, "unit").await;
    files.extend(shoot(&c, &app, &[unit_home()], &dir).await);
    assert_eq!(files.len(), 24);
    for f in &files {
        let png = std::fs::read(f).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{} is a PNG", f.display());
    }
    c.close().await.unwrap();
}
