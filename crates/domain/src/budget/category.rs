//! Estimate line categories (khoản mục): a table the admin configures, seeded with the
//! usual public-finance headings. Lines store the code, so a renamed or deactivated
//! category still reads on old lines.

use super::BudgetError;

/// The longest code of a category.
pub const MAX_CATEGORY_CODE: usize = 40;
/// The longest name of a category, in either language.
pub const MAX_CATEGORY_NAME: usize = 100;

/// A category as typed in the admin form; an empty code is derived from the name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryInput {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
}

/// The fields of the form, to put each problem beside its own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoryField {
    Code,
    NameVi,
    NameEn,
}

/// A category that reads: NFC names within bounds, a well-formed code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCategory {
    pub code: String,
    pub name_vi: String,
    /// Empty means "same as the Vietnamese name".
    pub name_en: String,
}

impl CategoryInput {
    /// The category, or every field's problem at once.
    pub fn parse(&self) -> Result<ParsedCategory, Vec<(CategoryField, BudgetError)>> {
        let mut errs = Vec::new();
        let name_vi = vntext::text::nfc(self.name_vi.trim());
        let name_en = vntext::text::nfc(self.name_en.trim());
        if name_vi.is_empty() {
            errs.push((CategoryField::NameVi, BudgetError::CategoryNameRequired));
        }
        for (field, name) in [
            (CategoryField::NameVi, &name_vi),
            (CategoryField::NameEn, &name_en),
        ] {
            if name.chars().count() > MAX_CATEGORY_NAME {
                let max = MAX_CATEGORY_NAME;
                errs.push((field, BudgetError::TooLong { max }));
            }
        }
        let typed = self.code.trim();
        let code = if typed.is_empty() {
            derive_code(&name_vi)
        } else {
            typed.to_string()
        };
        // A derived code of an empty name is already reported on the name.
        if (!name_vi.is_empty() || !typed.is_empty())
            && let Err(e) = check_code(&code)
        {
            errs.push((CategoryField::Code, e));
        }
        if errs.is_empty() {
            Ok(ParsedCategory {
                code,
                name_vi,
                name_en,
            })
        } else {
            Err(errs)
        }
    }
}

/// The renamed names of a category (its code never changes: lines keep it).
pub fn parse_names(
    name_vi: &str,
    name_en: &str,
) -> Result<(String, String), Vec<(CategoryField, BudgetError)>> {
    let input = CategoryInput {
        code: "x".into(),
        name_vi: name_vi.into(),
        name_en: name_en.into(),
    };
    input.parse().map(|c| (c.name_vi, c.name_en))
}

/// A code from a name: diacritics folded (đ → d), lowercase ASCII letters and digits,
/// the rest one `_`, cut to [`MAX_CATEGORY_CODE`]. "Thuê thiết bị" → "thue_thiet_bi".
pub fn derive_code(name: &str) -> String {
    let mut code = String::new();
    for c in vntext::text::fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            code.push(c.to_ascii_lowercase());
        } else if !code.is_empty() && !code.ends_with('_') {
            code.push('_');
        }
    }
    code.truncate(MAX_CATEGORY_CODE);
    code.trim_end_matches('_').to_string()
}

/// A code is 1 to [`MAX_CATEGORY_CODE`] lowercase ASCII letters, digits or `_`.
pub fn check_code(code: &str) -> Result<(), BudgetError> {
    let ok = !code.is_empty()
        && code.len() <= MAX_CATEGORY_CODE
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(BudgetError::CategoryCodeBad(code.to_string()))
    }
}

/// Configure the categories: an admin only (they are the department's, not a plan's).
pub fn can_manage_categories(actor: &crate::permissions::Actor) -> bool {
    actor.has_role(crate::vocab::Role::Admin)
}
