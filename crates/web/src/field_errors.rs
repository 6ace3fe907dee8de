//! What a refused form says, field by field: every field's problem at once, each drawn
//! beside its field (`aria-invalid`, `aria-describedby`) and listed in a summary at the
//! top that links to the fields (`macros.html`: `summary`, `beside`). The form is drawn
//! again with what was typed; a problem of the whole form (a store refusal) is in the
//! summary only.

use crate::i18n::Tr;
use std::borrow::Cow;

/// One problem: the input's id (the summary's link) and the message, which names the
/// field ("Ngày bắt đầu không hợp lệ: 31/02/2025 — nhập dd/mm/yyyy").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The input's `id`; empty for a problem of the whole form. Mostly the code's own
    /// literals; owned for inputs drawn per row (a target's figure, `fig-12`).
    pub field: Cow<'static, str>,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    list: Vec<FieldError>,
}

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// A form refused as a whole, with `message` (empty: nothing to say).
    pub fn whole(message: String) -> FieldErrors {
        let mut e = FieldErrors::new();
        if !message.is_empty() {
            e.add("", message);
        }
        e
    }

    /// `message` beside the input `field`. A field keeps its first problem only.
    pub fn add(&mut self, field: impl Into<Cow<'static, str>>, message: impl Into<String>) {
        let field = field.into();
        if field.is_empty() || self.of(&field).is_none() {
            self.list.push(FieldError {
                field,
                message: message.into(),
            });
        }
    }

    /// The value, or `None` with the problem noted beside `field`.
    pub fn take<T>(
        &mut self,
        field: impl Into<Cow<'static, str>>,
        r: Result<T, String>,
    ) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(m) => {
                self.add(field, m);
                None
            }
        }
    }

    /// A date as typed (`dd/mm/yyyy`, empty is `None`), or the problem naming the field by
    /// its label key.
    pub fn date(
        &mut self,
        field: &'static str,
        label_key: &str,
        typed: &str,
        t: &Tr,
    ) -> Option<Option<chrono::NaiveDate>> {
        let r = crate::form::parse_date(typed).map_err(|_| bad_date(t, label_key, typed));
        self.take(field, r)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn all(&self) -> &[FieldError] {
        &self.list
    }

    /// The message beside `field`, if it has one.
    pub fn of(&self, field: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|e| !e.field.is_empty() && e.field == field)
            .map(|e| e.message.as_str())
    }

    /// The attributes of a field's input: ` aria-invalid="true" aria-describedby="ID-error"`
    /// when it has a problem, else nothing. `field` is one of the code's own ids, never
    /// typed text, so the template may write it unescaped.
    pub fn aria(&self, field: &str) -> String {
        if self.of(field).is_some() {
            format!(r#" aria-invalid="true" aria-describedby="{field}-error""#)
        } else {
            String::new()
        }
    }
}

/// "Ngày bắt đầu không hợp lệ: 31/02/2025 — nhập dd/mm/yyyy, ví dụ 30/06/2025."
pub fn bad_date(t: &Tr, label_key: &str, typed: &str) -> String {
    t.f(
        "form.bad_date",
        &[("field", t.t(label_key)), ("value", typed.trim())],
    )
}

/// "Giờ bắt đầu không hợp lệ: 25:00 — nhập HH:MM, ví dụ 08:30."
pub fn bad_time(t: &Tr, label_key: &str, typed: &str) -> String {
    t.f(
        "form.bad_time",
        &[("field", t.t(label_key)), ("value", typed.trim())],
    )
}

/// "Cần nhập Tên sự kiện."
pub fn required(t: &Tr, label_key: &str) -> String {
    t.f("form.required", &[("field", t.t(label_key))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_kept_once_per_field_and_described() {
        let mut e = FieldErrors::new();
        assert!(e.is_empty() && e.aria("x").is_empty());
        e.add("x", "first");
        e.add("x", "second");
        e.add("", "whole");
        e.add("y", "other");
        assert_eq!(e.all().len(), 3);
        assert_eq!(e.of("x"), Some("first"));
        assert_eq!(e.of(""), None);
        assert_eq!(
            e.aria("y"),
            r#" aria-invalid="true" aria-describedby="y-error""#
        );
        assert_eq!(e.take::<i32>("z", Err("bad".into())), None);
        assert_eq!(e.take("w", Ok::<_, String>(4)), Some(4));
        assert_eq!(e.of("z"), Some("bad"));
    }

    #[test]
    fn a_bad_date_names_its_field_and_what_was_typed() {
        let t = Tr::get(domain::Language::Vi);
        let mut e = FieldErrors::new();
        assert_eq!(e.date("d", "event.start_date", "", t), Some(None));
        assert_eq!(e.date("d", "event.start_date", "31/02/2025", t), None);
        let m = e.of("d").unwrap();
        assert!(m.starts_with(t.t("event.start_date")), "{m}");
        assert!(m.contains("31/02/2025") && m.contains("dd/mm/yyyy"), "{m}");
    }
}
