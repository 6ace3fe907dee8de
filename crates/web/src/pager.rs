//! Pages of a list read whole or by page number (the plan list, the plan's budget table,
//! the Finance and Board queues): the page asked for in the query string (`?page=`,
//! `?finance_page=`, `?board_page=`), clamped to the pages there are, with a summary over
//! the whole list and, when the number did not read or went past the end, a sentence
//! saying which page is shown instead.

use crate::i18n::Tr;

/// The page number as typed: empty is the first page; anything but a whole number from 1
/// is also the first, with what was typed (shortened) kept to say so.
pub fn asked(raw: &str) -> (i64, Option<String>) {
    let raw = raw.trim();
    if raw.is_empty() {
        return (1, None);
    }
    match raw.parse::<i64>() {
        Ok(n) if n >= 1 => (n, None),
        _ => (1, Some(raw.chars().take(20).collect())),
    }
}

/// The pages of one list, as the template shows them.
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    /// "Nhiệm vụ 101–200 trong 10.000 · trang 2/100".
    pub summary: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Why another page is shown than the one asked for.
    pub note: Option<String>,
}

impl Pager {
    /// `raw` as typed, over `total` rows of `per_page`; `summary_key` takes `$from`,
    /// `$to`, `$total`, `$page` and `$pages`; `link` makes a page's address.
    pub fn new(
        t: &Tr,
        raw: &str,
        total: i64,
        per_page: i64,
        summary_key: &str,
        link: impl Fn(i64) -> String,
    ) -> Pager {
        let pages = ((total + per_page - 1) / per_page).max(1);
        let (wanted, bad) = asked(raw);
        let page = wanted.min(pages);
        let number = |n: i64| domain::format_number(n as f64);
        let note = match bad {
            Some(typed) => Some(t.f(
                "budget.page_bad",
                &[("typed", &typed), ("pages", &number(pages))],
            )),
            None if wanted > pages => Some(t.f("budget.page_past", &[("pages", &number(pages))])),
            None => None,
        };
        let from = if total == 0 {
            0
        } else {
            (page - 1) * per_page + 1
        };
        let to = (page * per_page).min(total);
        let summary = t.f(
            summary_key,
            &[
                ("from", &number(from)),
                ("to", &number(to)),
                ("total", &number(total)),
                ("page", &page.to_string()),
                ("pages", &pages.to_string()),
            ],
        );
        Pager {
            page,
            pages,
            summary,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
            note,
        }
    }

    /// The rows of this page out of the whole list (read whole: the plan's table for its
    /// totals, the plan list from its cache).
    pub fn slice<T>(&self, rows: Vec<T>, per_page: i64) -> Vec<T> {
        let skip = ((self.page - 1) * per_page) as usize;
        rows.into_iter()
            .skip(skip)
            .take(per_page as usize)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_number_reads_or_is_the_first() {
        assert_eq!(asked(""), (1, None));
        assert_eq!(asked(" 3 "), (3, None));
        assert_eq!(asked("0"), (1, Some("0".into())));
        assert_eq!(asked("-2"), (1, Some("-2".into())));
        assert_eq!(asked("hai"), (1, Some("hai".into())));
        assert_eq!(asked(&"9".repeat(40)).1.unwrap().chars().count(), 20);
    }

    #[test]
    fn pages_are_clamped_and_said() {
        let t = Tr::get(domain::Language::Vi);
        let link = |n: i64| format!("?page={n}");
        let p = Pager::new(t, "2", 250, 100, "budget.page_items", link);
        assert_eq!((p.page, p.pages), (2, 3));
        assert_eq!(
            (p.prev.as_deref(), p.next.as_deref()),
            (Some("?page=1"), Some("?page=3"))
        );
        assert!(p.summary.contains("101–200"), "{}", p.summary);
        assert!(p.note.is_none());
        let p = Pager::new(t, "9", 250, 100, "budget.page_items", link);
        assert_eq!(p.page, 3);
        assert!(p.note.as_deref().unwrap().contains('3'));
        assert_eq!(p.next, None);
        let p = Pager::new(t, "x", 0, 100, "budget.page_items", link);
        assert_eq!((p.page, p.pages), (1, 1));
        assert!(p.prev.is_none() && p.next.is_none());
        assert!(p.note.as_deref().unwrap().contains("“x”"));
        assert_eq!(p.slice(vec![1, 2, 3], 100), [1, 2, 3]);
        let p = Pager::new(t, "2", 5, 2, "budget.page_items", link);
        assert_eq!(p.slice(vec![1, 2, 3, 4, 5], 2), [3, 4]);
    }
}
