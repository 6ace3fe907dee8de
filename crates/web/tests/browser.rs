//! End to end in a real Chromium (Debian's chromium + chromedriver) through WebDriver.
//! Skipped with a note when chromedriver is missing, unless SANGTAO_REQUIRE_BROWSER=1.
//! `support` starts the browser; `journeys` walks whole tasks; `forms` checks the forms' guidance; `import` brings a plan in; `layout` measures element
//! boxes at a phone's and a laptop's width; `accessibility` runs axe-core on the main
//! pages; `screenshots` writes the README's pictures (SANGTAO_WRITE_SCREENSHOTS=1).

mod common;

#[path = "browser/accessibility.rs"]
mod accessibility;
#[path = "browser/budget.rs"]
mod budget;
#[path = "browser/candidacies.rs"]
mod candidacies;
#[path = "browser/cities.rs"]
mod cities;
#[path = "browser/forms.rs"]
mod forms;
#[path = "browser/import.rs"]
mod import;
#[path = "browser/journeys.rs"]
mod journeys;
#[path = "browser/layout.rs"]
mod layout;
// Media works to the public site (issue 18).
#[path = "browser/media.rs"]
mod media;
// The Vietnamese network space (issue 19, part 2).
#[path = "browser/network.rs"]
mod network;
// The public site (issue 18).
#[path = "browser/public.rs"]
mod public;
#[path = "browser/screenshots.rs"]
mod screenshots;
#[path = "browser/support.rs"]
mod support;
