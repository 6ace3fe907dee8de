//! Reading submitted forms. A handler takes [`Posted<T>`]: the urlencoded body read into a
//! `#[derive(Deserialize)]` struct of fields as people type them (`String`,
//! `Option<String>`, `Vec<String>` for a checkbox group, `i64` for a hidden version or id),
//! beside the raw pairs (the conflict page and re-shown forms need what was typed). The
//! struct's `parse` then turns it into the store's input, with dates and figures read by
//! `domain::typed`, re-exported here.

use crate::errors::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

pub use domain::typed::{Unreadable, parse_date, parse_number};

/// The locale key of the page for a form that is not one of ours: a hidden field missing
/// or not a number, a single field sent twice.
pub const UNREADABLE: &str = "form.unreadable";

/// A submitted form, read into `T`, and its name/value pairs in the order sent (repeated
/// names kept).
#[derive(Debug, Clone)]
pub struct Posted<T> {
    pub form: T,
    pub pairs: Vec<(String, String)>,
}

impl<S, T> FromRequest<S> for Posted<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // The router's body limit applies here: a longer body is refused while read.
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(format!("form body: {e}")))?;
        Posted::read(&body)
    }
}

impl<T: DeserializeOwned> Posted<T> {
    /// Reads a urlencoded body. A body that does not read into `T` is a 400, never a
    /// default: a version taken as 0 would show a conflict that did not happen.
    pub fn read(body: &[u8]) -> Result<Posted<T>, AppError> {
        let form = read_form(body)?;
        let pairs = form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(Posted { form, pairs })
    }

    /// Pairs read some other way (the text fields of a multipart form), into `T`.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Result<Posted<T>, AppError> {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        Ok(Posted {
            form: read_form(body.as_bytes())?,
            pairs,
        })
    }
}

/// `bytes` as `T`, or the 400 for a form that is not one of ours (the reason is logged).
pub fn read_form<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    serde_html_form::from_bytes(bytes).map_err(|e| {
        tracing::info!(error = %e, "form does not read");
        AppError::BadRequest(UNREADABLE.into())
    })
}

/// The hidden `version` of an edit form whose other fields are read into the create
/// form's struct: missing, twice or not a number is the same 400 as any unreadable form.
pub fn version_of(pairs: &[(String, String)]) -> Result<i64, AppError> {
    #[derive(serde::Deserialize)]
    struct Versioned {
        version: i64,
    }
    let only: Vec<_> = pairs.iter().filter(|(k, _)| k == "version").collect();
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(only)
        .finish();
    read_form::<Versioned>(body.as_bytes()).map(|v| v.version)
}

/// What a field's value fails on, as the message key the form shows (422): an unknown
/// choice is said, never replaced by a default.
pub type FormError = &'static str;

/// A choice from a list (`<select>`, radio, checkbox) read into its enum, or `key`.
pub fn choice<E: std::str::FromStr>(raw: &str, key: FormError) -> Result<E, FormError> {
    raw.trim().parse().map_err(|_| key)
}

/// Every ticked value of a checkbox group read into its enum, or `key` when one is not
/// one of the choices.
pub fn ticked<E: std::str::FromStr>(raw: &[String], key: FormError) -> Result<Vec<E>, FormError> {
    raw.iter().map(|v| choice(v, key)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Versioned {
        version: i64,
        #[serde(default)]
        unit: Vec<i64>,
        #[serde(default)]
        note: String,
    }

    #[test]
    fn a_form_reads_with_its_checkbox_group_and_pairs() {
        let p: Posted<Versioned> = Posted::read(b"version=3&unit=1&note=a+b&unit=7").unwrap();
        assert_eq!(p.form.version, 3);
        assert_eq!(p.form.unit, vec![1, 7]);
        assert_eq!(p.form.note, "a b");
        assert_eq!(p.pairs.len(), 4);
        assert_eq!(p.pairs[2], ("note".into(), "a b".into()));
    }

    #[test]
    fn a_missing_or_wrong_version_is_a_bad_request_never_zero() {
        for body in [
            &b"note=x"[..],
            b"version=&note=x",
            b"version=abc",
            b"version=1&version=2",
        ] {
            match Posted::<Versioned>::read(body) {
                Err(AppError::BadRequest(key)) => assert_eq!(key, UNREADABLE),
                other => panic!("{body:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_edit_forms_version_is_read_apart() {
        let pairs = |v: &[&str]| -> Vec<(String, String)> {
            v.iter()
                .map(|x| ("version".into(), x.to_string()))
                .collect()
        };
        assert_eq!(version_of(&pairs(&["4"])).unwrap(), 4);
        for bad in [&[][..], &[""], &["x"], &["1", "2"]] {
            assert!(matches!(
                version_of(&pairs(bad)),
                Err(AppError::BadRequest(_))
            ));
        }
    }

    #[test]
    fn multipart_pairs_read_the_same_way() {
        let pairs = vec![("version".into(), "2".into()), ("note".into(), "&=".into())];
        let p: Posted<Versioned> = Posted::from_pairs(pairs).unwrap();
        assert_eq!((p.form.version, p.form.note.as_str()), (2, "&="));
    }

    #[test]
    fn an_unknown_choice_is_its_message_key() {
        let ok: Result<domain::ItemStatus, _> = choice(" done ", "k");
        assert_eq!(ok, Ok(domain::ItemStatus::Done));
        assert_eq!(choice::<domain::ItemStatus>("finished", "k"), Err("k"));
        let roles = vec!["staff".to_string(), "emperor".to_string()];
        assert_eq!(ticked::<domain::Role>(&roles, "k"), Err("k"));
    }
}
