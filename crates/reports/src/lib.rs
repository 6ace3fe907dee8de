//! sangtao's document writers. Pure: they take plain data and return bytes, so that they
//! are tested without a database or a server, and the web layer only chooses the data.
//!
//! - [`table`]: any list as CSV (UTF-8 with BOM, for Excel) or XLSX.
//! - [`estimate`]: an estimate (dự toán) as XLSX, with its total in words.
//! - [`official_report`]: the results report as DOCX (Nghị định 30/2020) and its XLSX annex.

pub mod estimate;
pub mod ical;
pub mod official_report;
pub mod table;

pub use table::{Cell, Table, TableError};
