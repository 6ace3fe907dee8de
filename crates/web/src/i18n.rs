//! UI strings: every visible string lives in `locales/{vi,en}.toml`.
//!
//! The files are embedded and flattened once ("[nav] plans = …" becomes "nav.plans").
//! Vietnamese is the default; a missing key shows the key itself so that it is noticed.

use domain::Language;
use std::collections::HashMap;
use std::sync::OnceLock;

pub const VI_TOML: &str = include_str!("../locales/vi.toml");
pub const EN_TOML: &str = include_str!("../locales/en.toml");

/// A language's flattened strings.
pub struct Tr {
    pub lang: Language,
    strings: HashMap<String, String>,
}

/// Flattens a TOML document into dotted keys. Public for the key-set test.
pub fn flatten(source: &str) -> Result<HashMap<String, String>, String> {
    let table: toml::Table = source.parse().map_err(|e| format!("{e}"))?;
    let mut out = HashMap::new();
    fn walk(
        prefix: &str,
        t: &toml::Table,
        out: &mut HashMap<String, String>,
    ) -> Result<(), String> {
        for (k, v) in t {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::String(s) => {
                    out.insert(key, s.clone());
                }
                toml::Value::Table(inner) => walk(&key, inner, out)?,
                other => {
                    return Err(format!(
                        "{key}: expected a string, found {}",
                        other.type_str()
                    ));
                }
            }
        }
        Ok(())
    }
    walk("", &table, &mut out)?;
    Ok(out)
}

impl Tr {
    pub fn get(lang: Language) -> &'static Tr {
        static VI: OnceLock<Tr> = OnceLock::new();
        static EN: OnceLock<Tr> = OnceLock::new();
        let (cell, src) = match lang {
            Language::Vi => (&VI, VI_TOML),
            Language::En => (&EN, EN_TOML),
        };
        cell.get_or_init(|| Tr {
            lang,
            strings: flatten(src).expect("embedded locale file is valid TOML"),
        })
    }

    /// The string for `key`.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map(String::as_str).unwrap_or(key)
    }

    pub fn lookup(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// "vi" or "en", for `<html lang>` and the cookie.
    pub fn code(&self) -> &'static str {
        lang_code(self.lang)
    }
}

/// A Vietnamese message with its `{name}` values filled in, for work outside a request
/// (the reminder scheduler's e-mails: `app::scheduler::SchedulerConfig::texts`).
pub fn vi_text(key: &str, args: &[(&str, &str)]) -> String {
    Tr::get(Language::Vi).f(key, args)
}

pub fn lang_code(lang: Language) -> &'static str {
    match lang {
        Language::Vi => "vi",
        Language::En => "en",
    }
}

pub fn parse_lang(code: &str) -> Option<Language> {
    match code {
        "vi" => Some(Language::Vi),
        "en" => Some(Language::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vi_and_en_have_the_same_keys_and_no_empty_values() {
        let vi = flatten(VI_TOML).unwrap();
        let en = flatten(EN_TOML).unwrap();
        let mut only_vi: Vec<_> = vi.keys().filter(|k| !en.contains_key(*k)).collect();
        let mut only_en: Vec<_> = en.keys().filter(|k| !vi.contains_key(*k)).collect();
        only_vi.sort();
        only_en.sort();
        assert!(
            only_vi.is_empty() && only_en.is_empty(),
            "only in vi: {only_vi:?}; only in en: {only_en:?}"
        );
        for (name, map) in [("vi", &vi), ("en", &en)] {
            let empty: Vec<_> = map
                .iter()
                .filter(|(_, v)| v.trim().is_empty())
                .map(|(k, _)| k)
                .collect();
            assert!(empty.is_empty(), "{name} has empty values: {empty:?}");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let tr = Tr::get(Language::En);
        assert!(
            !tr.f("signin.throttled", &[("time", "10:15")])
                .contains("{time}")
        );
    }
}
