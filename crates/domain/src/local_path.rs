//! Where a "return to" link may lead: a path on this site only. `next` on the sign-in
//! page and the language switch both go through [`local_path`], since a browser reads
//! `//host`, `/\host` and `/<tab>/host` (it drops tabs and newlines) as another site.

/// `next` as a safe local path (what follows the host in a URL), or None when it is not
/// one: it must start with exactly one `/` (not `//`, not `/\`), and hold no backslash,
/// control character or whitespace. Letters beyond ASCII (a decoded `?q=văn`) are
/// percent-encoded, so that the result is always a valid `Location` header.
pub fn local_path(next: &str) -> Option<String> {
    let rest = next.strip_prefix('/')?;
    if rest.starts_with('/')
        || next
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
    {
        return None;
    }
    let mut out = String::with_capacity(next.len());
    for c in next.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn local_paths_pass() {
        assert_eq!(local_path("/").as_deref(), Some("/"));
        assert_eq!(local_path("/plans").as_deref(), Some("/plans"));
        assert_eq!(
            local_path("/items/4?tab=reports#r2").as_deref(),
            Some("/items/4?tab=reports#r2")
        );
        assert_eq!(
            local_path("/plans?q=văn").as_deref(),
            Some("/plans?q=v%C4%83n")
        );
        // A percent-encoded tab stays encoded: the browser keeps it in the path.
        assert_eq!(local_path("/%09/x").as_deref(), Some("/%09/x"));
    }

    #[test]
    fn other_sites_and_broken_paths_fall_back() {
        for bad in [
            "",
            "plans",
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\x0c/evil.example",
            "/\x00",
            "/\u{7f}",
            "/\u{85}x",
            "/ /evil.example",
            "/\u{a0}/evil.example",
            "/\u{3000}/evil.example",
            "/a\\b",
            "/plans\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
