//! An estimate line: its category's code (see [`super::category`]), what it buys, and
//! its amount = quantity × unit price.

use super::{Amount, BudgetError, check_code, parse_quantity};

/// The longest description, unit of measure or note of a line.
pub const MAX_LINE_TEXT: usize = 500;

/// A line as typed in the form (the web reads its fields into this).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub category: String,
    pub description: String,
    pub unit: String,
    pub quantity: String,
    pub unit_price: String,
    pub note: String,
}

/// The fields of a line, to put each problem beside its own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineField {
    Category,
    Description,
    Unit,
    Quantity,
    UnitPrice,
    Note,
}

/// A line that reads: every amount checked, its amount computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLine {
    /// The code of a category; the store checks it exists and is active.
    pub category: String,
    pub description: String,
    pub unit: String,
    pub quantity: i64,
    pub unit_price: Amount,
    pub amount: Amount,
    pub note: String,
}

impl LineInput {
    /// The line, or every field's problem at once.
    pub fn parse(&self) -> Result<ParsedLine, Vec<(LineField, BudgetError)>> {
        let mut errs = Vec::new();
        let code = self.category.trim();
        let category = check_code(code)
            .map(|()| code.to_string())
            .map_err(|_| errs.push((LineField::Category, BudgetError::BadCategory)))
            .ok();
        let description = text(&self.description, LineField::Description, true, &mut errs);
        let unit = text(&self.unit, LineField::Unit, false, &mut errs);
        let note = text(&self.note, LineField::Note, false, &mut errs);
        let quantity = parse_quantity(&self.quantity)
            .map_err(|e| errs.push((LineField::Quantity, e)))
            .ok();
        let unit_price = Amount::parse(&self.unit_price)
            .map_err(|e| errs.push((LineField::UnitPrice, e)))
            .ok();
        let amount = match (quantity, unit_price) {
            (Some(q), Some(p)) => p
                .times(q)
                .map_err(|e| errs.push((LineField::UnitPrice, e)))
                .ok(),
            _ => None,
        };
        match (
            category,
            description,
            unit,
            note,
            quantity,
            unit_price,
            amount,
        ) {
            (
                Some(category),
                Some(description),
                Some(unit),
                Some(note),
                Some(quantity),
                Some(unit_price),
                Some(amount),
            ) if errs.is_empty() => Ok(ParsedLine {
                category,
                description,
                unit,
                quantity,
                unit_price,
                amount,
                note,
            }),
            _ => Err(errs),
        }
    }
}

/// Trimmed NFC text within [`MAX_LINE_TEXT`]; `required` refuses an empty one.
fn text(
    s: &str,
    field: LineField,
    required: bool,
    errs: &mut Vec<(LineField, BudgetError)>,
) -> Option<String> {
    let t = vntext::text::nfc(s.trim());
    if required && t.is_empty() {
        errs.push((field, BudgetError::DescriptionRequired));
        None
    } else if t.chars().count() > MAX_LINE_TEXT {
        errs.push((field, BudgetError::TooLong { max: MAX_LINE_TEXT }));
        None
    } else {
        Some(t)
    }
}
