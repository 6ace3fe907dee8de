//! app: the application layer. What is neither a pure domain rule nor an HTTP concern:
//! loading what a piece of work needs from the store, in a fixed number of queries, and
//! turning it into a result (the official report), and the reminder scheduler with its
//! SMTP mailer. The web handlers and the command line both call it, so the
//! official report downloaded from a page and the one written by `sangtao report` are
//! the same document.

pub mod cities;
pub mod demo;
pub mod department;
pub mod import;
pub mod mail;
pub mod report;
pub mod scheduler;
