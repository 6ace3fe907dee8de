//! An event's online link: empty, or an absolute http(s) address with a host. Anything
//! else (`javascript:`, `data:`, a bare word) would be rendered as a link, written into
//! the ICS and the CSV, and run or followed by whoever clicks it (issue 14, finding 10).

use super::EventError;

/// Longer than any meeting link; a pasted document is not one.
pub const MAX_LINK_CHARS: usize = 2000;

/// A name or title (of an event, a person, a delegation, its members) is at most this
/// long; notes and outcomes at most [`MAX_NOTE_CHARS`]. 1 MB names were accepted.
pub const MAX_NAME_CHARS: usize = 500;
pub const MAX_NOTE_CHARS: usize = 20_000;

/// Each text within its bound, or [`EventError::TooLong`] for the first that is not.
pub fn check_lengths(texts: &[(&str, usize)]) -> Result<(), EventError> {
    match texts.iter().find(|(t, max)| t.chars().count() > *max) {
        Some((_, max)) => Err(EventError::TooLong { max: *max }),
        None => Ok(()),
    }
}

/// The link as it will be stored (trimmed), or why it is refused.
pub fn check_link(raw: &str) -> Result<String, EventError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    let bad = || EventError::BadLink(s.chars().take(80).collect());
    if s.chars().count() > MAX_LINK_CHARS || s.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let url = url::Url::parse(s).map_err(|_| bad())?;
    match (url.scheme(), url.host_str()) {
        ("http" | "https", Some(host)) if !host.is_empty() => Ok(s.to_string()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(check_link("  ").unwrap(), "");
        assert_eq!(
            check_link(" https://zoom.us/j/123?pwd=x ").unwrap(),
            "https://zoom.us/j/123?pwd=x"
        );
        assert!(check_link("http://meet.example.vn/phong-1").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "zoom.us/j/123",
            "https://",
            "https://a b.vn",
            "ftp://files.example.vn/x",
            "file:///etc/passwd",
        ] {
            assert!(
                matches!(check_link(bad), Err(EventError::BadLink(_))),
                "{bad}"
            );
        }
        assert!(check_link(&format!("https://a.vn/{}", "x".repeat(2100))).is_err());
    }

    #[test]
    fn texts_are_bounded() {
        assert!(check_lengths(&[("Hội nghị", MAX_NAME_CHARS), ("", MAX_NOTE_CHARS)]).is_ok());
        let long = "ệ".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            check_lengths(&[("ok", MAX_NAME_CHARS), (&long, MAX_NAME_CHARS)]),
            Err(EventError::TooLong {
                max: MAX_NAME_CHARS
            })
        );
    }
}
