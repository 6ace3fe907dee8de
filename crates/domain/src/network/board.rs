//! The network's message board (issue 19): threads per topic with replies, open to the whole
//! network space (the department reads, cities and the Board write), and who hears of a reply
//! by e-mail.

use crate::UserId;
use crate::vocab::{Language, ParseError, vocabulary};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    #[derive(Default)]
    BoardTopic, "board topic" {
        #[default]
        General = "general", "Trao đổi chung", "General";
        Events = "events", "Sự kiện, hoạt động chung", "Events and joint activities";
        Candidacy = "candidacy", "Hồ sơ ứng cử UCCN", "UCCN candidacy";
        Practice = "practice", "Kinh nghiệm, thực hành tốt", "Experience and good practice";
        Media = "media", "Truyền thông, quảng bá", "Media and promotion";
    }
}

/// A thread's title, in characters.
pub const TITLE_MAX: usize = 200;
/// A message, in characters: a long letter, not a document (those go to the library).
pub const MESSAGE_MAX: usize = 10_000;
/// Threads on one page of the board.
pub const THREADS_PER_PAGE: i64 = 30;

/// The addresses a reply is sent to: everyone who wrote in the thread before (its author and
/// those who replied), once each, not the one replying, and only those with an address.
/// `writers` are (account, e-mail) in the order they wrote.
pub fn reply_recipients(writers: &[(UserId, String)], replier: UserId) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (user, email) in writers {
        let email = email.trim();
        if *user == replier || email.is_empty() || !email.contains('@') {
            continue;
        }
        if !out.iter().any(|e| e.eq_ignore_ascii_case(email)) {
            out.push(email.to_string());
        }
    }
    out
}

/// The page asked for, kept within the board's pages (a stray `?page=` shows the nearest).
pub fn clamp_page(asked: i64, total: i64) -> i64 {
    let pages = ((total + THREADS_PER_PAGE - 1) / THREADS_PER_PAGE).max(1);
    asked.clamp(1, pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_goes_to_earlier_writers_once_and_not_to_the_replier() {
        let writers = vec![
            (UserId(1), "hue@example.vn".to_string()),
            (UserId(2), "dalat@example.vn".to_string()),
            (UserId(1), "HUE@example.vn".to_string()),
            (UserId(3), String::new()),
            (UserId(4), "not an address".to_string()),
            (UserId(5), " hoian@example.vn ".to_string()),
        ];
        assert_eq!(
            reply_recipients(&writers, UserId(2)),
            vec!["hue@example.vn", "hoian@example.vn"]
        );
        assert!(reply_recipients(&writers[..1], UserId(1)).is_empty());
    }

    #[test]
    fn topics_read_back_and_pages_stay_in_range() {
        for t in BoardTopic::ALL {
            assert_eq!(t.as_str().parse::<BoardTopic>().unwrap(), *t);
        }
        assert!("politics".parse::<BoardTopic>().is_err());
        assert_eq!(
            BoardTopic::Candidacy.label(Language::Vi),
            "Hồ sơ ứng cử UCCN"
        );
        assert_eq!(clamp_page(0, 0), 1);
        assert_eq!(clamp_page(5, 31), 2);
        assert_eq!(clamp_page(2, 30), 1);
        assert_eq!(clamp_page(-3, 100), 1);
    }
}
