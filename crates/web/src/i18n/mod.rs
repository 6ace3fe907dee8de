//! UI strings: every visible string lives in `locales/{vi,en}.ftl` (Project Fluent).
//!
//! Code names a message with dots (`nav.plans`); its Fluent id has dashes (`nav-plans`),
//! because Fluent ids allow no dots. The files are embedded and parsed once; messages
//! without variables are formatted once too, so that `t` is a map lookup. Vietnamese is
//! the default; a missing key shows the key itself so that it is noticed. Domain and store
//! errors are worded here, from their typed fields ([`Worded`]).

mod rule;
mod worded;

pub use rule::describe_rule;
pub use worded::{Worded, plan_field_label};

use domain::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::collections::HashMap;
use std::sync::OnceLock;

pub const VI_FTL: &str = include_str!("../../locales/vi.ftl");
pub const EN_FTL: &str = include_str!("../../locales/en.ftl");

/// A number a count phrase is worded for: sizes and stored counts alike, by value or by
/// reference (as templates pass fields).
pub trait Count {
    fn value(&self) -> i64;
}

impl Count for usize {
    fn value(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl Count for i64 {
    fn value(&self) -> i64 {
        *self
    }
}

impl<T: Count + ?Sized> Count for &T {
    fn value(&self) -> i64 {
        (**self).value()
    }
}

/// A language's messages.
pub struct Tr {
    pub lang: Language,
    bundle: FluentBundle<FluentResource>,
    /// Messages without variables, formatted once, by their dotted key.
    plain: HashMap<String, String>,
}

/// The dotted keys of a Fluent file's messages (`nav-plans` → `nav.plans`), in file order.
/// Public for the key-set test.
pub fn message_keys(source: &str) -> Result<Vec<String>, String> {
    Ok(keys_of(&parse(source)?))
}

fn keys_of(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.replace('-', ".")),
            _ => None,
        })
        .collect()
}

fn parse(source: &str) -> Result<FluentResource, String> {
    FluentResource::try_new(source.to_string()).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|e| format!("{e:?}"))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

impl Tr {
    fn load(lang: Language, source: &str) -> Tr {
        let resource = parse(source).expect("embedded locale file is valid Fluent");
        let keys = keys_of(&resource);
        let id: unic_langid::LanguageIdentifier = lang_code(lang).parse().expect("valid tag");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Bidi isolation marks around values would show up in e-mails and exports.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .expect("a locale file defines each message once");
        let mut tr = Tr {
            lang,
            bundle,
            plain: HashMap::new(),
        };
        tr.plain = keys
            .into_iter()
            .map(|k| {
                let text = tr.format(&k, None);
                (k, text)
            })
            .collect();
        tr
    }

    pub fn get(lang: Language) -> &'static Tr {
        static VI: OnceLock<Tr> = OnceLock::new();
        static EN: OnceLock<Tr> = OnceLock::new();
        let (cell, src) = match lang {
            Language::Vi => (&VI, VI_FTL),
            Language::En => (&EN, EN_FTL),
        };
        cell.get_or_init(|| Tr::load(lang, src))
    }

    /// The string for `key`.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.lookup(key).unwrap_or(key)
    }

    pub fn lookup(&self, key: &str) -> Option<&str> {
        self.plain.get(key).map(String::as_str)
    }

    /// The string for `key` with its `{ $name }` variables filled in.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        self.format(key, Some(&fluent_args))
    }

    /// A count phrase: `key` with `$count` set to `n` as a number, so that its selector
    /// words zero, one and many apart ("Chưa có báo cáo nào", "1 report", "3 reports"),
    /// and `$n` to the figure as shown ("10.000": Fluent does not group digits).
    /// `n` by value or by reference, as templates pass it.
    pub fn count(&self, key: &str, n: impl Count) -> String {
        self.count_with(key, n, &[])
    }

    /// [`Tr::count`] with other `{ $name }` variables.
    pub fn count_with(&self, key: &str, n: impl Count, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        fluent_args.set("count", n.value());
        fluent_args.set("n", domain::format_number(n.value() as f64));
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        self.format(key, Some(&fluent_args))
    }

    /// Like [`Tr::f`], with numbers as numbers, so that a selector can pick by value.
    pub fn f_args(&self, key: &str, args: &FluentArgs) -> String {
        self.format(key, Some(args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let id = key.replace('.', "-");
        let Some(pattern) = self.bundle.get_message(&id).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if args.is_some() && !errors.is_empty() {
            tracing::warn!(
                key,
                ?errors,
                "a message was formatted with missing variables"
            );
        }
        text.into_owned()
    }

    /// "vi" or "en", for `<html lang>` and the cookie.
    pub fn code(&self) -> &'static str {
        lang_code(self.lang)
    }
}

/// A Vietnamese message with its `{ $name }` values filled in, for work outside a request
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
        let vi = message_keys(VI_FTL).unwrap();
        let en = message_keys(EN_FTL).unwrap();
        let mut only_vi: Vec<_> = vi.iter().filter(|k| !en.contains(k)).collect();
        let mut only_en: Vec<_> = en.iter().filter(|k| !vi.contains(k)).collect();
        only_vi.sort();
        only_en.sort();
        assert!(
            only_vi.is_empty() && only_en.is_empty(),
            "only in vi: {only_vi:?}; only in en: {only_en:?}"
        );
        for (name, lang, keys) in [("vi", Language::Vi, &vi), ("en", Language::En, &en)] {
            let tr = Tr::get(lang);
            let empty: Vec<_> = keys.iter().filter(|k| tr.t(k).trim().is_empty()).collect();
            assert!(empty.is_empty(), "{name} has empty values: {empty:?}");
        }
    }

    #[test]
    fn variables_are_filled_and_a_missing_key_shows_itself() {
        let tr = Tr::get(Language::En);
        let text = tr.f("signin.throttled", &[("time", "10:15"), ("minutes", "3")]);
        assert!(text.contains("10:15") && !text.contains('{'), "{text}");
        assert_eq!(tr.t("no.such.key"), "no.such.key");
        assert_eq!(Tr::get(Language::Vi).t("nav.plans"), "Kế hoạch");
    }

    #[test]
    fn count_phrases_are_worded_for_zero_one_and_many() {
        const KEYS: &[&str] = &[
            "dashboard.overdue_heading",
            "dashboard.soon_heading",
            "dashboard.count_items",
            "dashboard.count_overdue",
            "dashboard.count_soon",
            "dashboard.more_overdue",
            "dashboard.more_items",
            "units.leads_heading",
            "units.coordinates_heading",
            "event.invitation_total",
            "reminder.reminders_count",
        ];
        for lang in [Language::Vi, Language::En] {
            let tr = Tr::get(lang);
            for key in KEYS {
                for n in [0_usize, 1, 2, 1234] {
                    let text = tr.count(key, n);
                    assert!(
                        !text.contains(['{', '}']) && text != *key,
                        "{key} {n}: {text}"
                    );
                    assert!(
                        !text.contains("(0)") && !text.contains(" 0 "),
                        "{key}: {text}"
                    );
                    if n == 1234 {
                        assert!(text.contains("1.234"), "{key}: grouped: {text}");
                    }
                }
                // English: one thing is not "1 items".
                let one = tr.count(key, 1_usize);
                for plural in ["1 items", "1 guests", "1 times", "1 more items"] {
                    assert!(!one.contains(plural), "{key}: {one}");
                }
            }
        }
        let en = Tr::get(Language::En);
        assert_eq!(en.count("event.invitation_total", 1_usize), "1 guest");
        assert_eq!(
            en.count("event.invitation_total", 0_usize),
            "nobody invited yet"
        );
        let vi = Tr::get(Language::Vi);
        assert_eq!(
            vi.count("dashboard.soon_heading", 0_usize),
            "Sắp đến hạn trong 14 ngày"
        );
        assert_eq!(
            vi.count("dashboard.overdue_heading", 17_usize),
            "Quá hạn: 17 nhiệm vụ"
        );
    }

    #[test]
    fn multi_line_messages_keep_their_line_breaks() {
        let tr = Tr::get(Language::Vi);
        assert_eq!(tr.t("track.split_hint"), "Phần 1\nPhần 2");
    }
}
