//! Structure: header, preamble, sections, the content tree, closing block, appendices.

use crate::model::*;

pub fn parse(text: &str) -> ParsedPlan {
    let _ = text;
    ParsedPlan {
        schema_version: SCHEMA_VERSION,
        document: Document {
            kind: String::new(),
            kind_code: None,
            number: None,
            symbol: None,
            issuer: None,
            parent_issuer: None,
            place: None,
            date: None,
            title: String::new(),
            year: None,
            issued_by: None,
        },
        legal_basis: vec![],
        purposes: vec![],
        requirements: vec![],
        items: vec![],
        budget: None,
        responsibilities: vec![],
        recipients: vec![],
        archive: None,
        signer: None,
        appendices: vec![],
        warnings: vec![],
    }
}
