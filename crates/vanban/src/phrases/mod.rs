//! Small phrases of administrative Vietnamese: numbers, dates, targets, deadlines,
//! money, document references and unit lists. Each function reads one kind of phrase
//! from a piece of text and never fails: what it cannot read, it leaves out.
//!
//! One module per kind of phrase; `re!` below compiles their patterns.

/// Compiles a pattern once. Word boundaries are ASCII ones (`(?-u:\b)`): Unicode `\b`
/// makes the regex engine leave its fast DFA on Vietnamese text. Every `\b` in the patterns sits
/// next to an ASCII letter or a digit, where both kinds agree — except before "định kỳ"
/// in RECURRENCE: "đ" is no ASCII word character, so after a space that boundary never
/// holds and "định kỳ" on its own is never read as a recurrence (known; left as it is,
/// since fixing it changes what documents read).
macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::RegexBuilder::new(&$pat.replace(r"\b", r"(?-u:\b)"))
                .dfa_size_limit(1 << 20)
                .build()
                .expect("valid regex")
        });
    };
}

mod dates;
mod deadlines;
mod numbers;
mod refs;
mod targets;
#[cfg(test)]
mod tests;
mod units;

pub use dates::{date_from_parts, first_date, place_and_date};
pub use deadlines::{deadlines, year_named, year_of};
pub use numbers::{money_amounts, parse_number};
pub use refs::{KINDS, doc_refs, kind_code_for, kind_code_of_symbol, kind_name_for};
pub use targets::targets;
pub use units::{UNIT_LABELS, clean_unit, inline_units, is_unit_start, split_units, unit_label};
