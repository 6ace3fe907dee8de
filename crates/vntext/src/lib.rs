//! vntext: Vietnamese text conventions, one home for every crate.
//!
//! - [`text`]: NFC, diacritic folding for search ("Đà Lạt" → "da lat"), word search;
//! - [`format`]: numbers ("1.500", "2,5"), money ("1.234.567 ₫"), dd/mm/yyyy, Hanoi time;
//! - [`typed`]: reading what people type: dd/mm/yyyy dates and Vietnamese figures.
//! - [`words`]: an amount in Vietnamese words ("Bằng chữ").
//!
//! Pure and small: the reader, the domain, the reports and the web all use it, so a figure
//! is written the same way on a page, in an export and in the official report.

pub mod format;
pub mod text;
pub mod typed;
pub mod words;
