//! Unit names: one canonical name per organisation unit or partner, however the document
//! spells it ("Phòng QLDSVH", "Phòng Quản lý Di sản văn hoá", "VP", "Văn phòng Sở").
//!
//! Two steps:
//! 1. [`AbbreviationTable`]: alias → canonical name, matched on [`unit_key`] (diacritics
//!    folded, punctuation and spacing squashed). Admins edit it; the store keeps it in the
//!    database, seeded from [`DEFAULT_ABBREVIATIONS`].
//! 2. [`UNIT_RULES`]: a small ordered table that classifies a canonical name by its
//!    leading words into a [`UnitKind`] and internal/external.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use vntext::text::fold;

/// Aliases shipped with sangtao (Sở Văn hóa và Thể thao Hà Nội usage).
pub const DEFAULT_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Phòng QLDSVH", "Phòng Quản lý Di sản văn hóa"),
    ("QLDSVH", "Phòng Quản lý Di sản văn hóa"),
    ("Phòng Quản lý di sản", "Phòng Quản lý Di sản văn hóa"),
    ("VP", "Văn phòng Sở"),
    ("VP Sở", "Văn phòng Sở"),
    ("Văn phòng", "Văn phòng Sở"),
    ("Chánh VP Sở", "Văn phòng Sở"),
    ("Chánh Văn phòng Sở", "Văn phòng Sở"),
    ("Phòng KHTC", "Phòng Kế hoạch Tài chính"),
    ("KHTC", "Phòng Kế hoạch Tài chính"),
    ("BGĐ", "Ban Giám đốc"),
    ("BGĐ Sở", "Ban Giám đốc"),
    ("Ban GĐ", "Ban Giám đốc"),
    ("Lãnh đạo Sở", "Ban Giám đốc"),
    ("Giám đốc Sở", "Ban Giám đốc"),
    ("Đ/c Giám đốc Sở", "Ban Giám đốc"),
    ("Các PGĐ Sở", "Ban Giám đốc"),
    ("PGĐ Sở", "Ban Giám đốc"),
    ("Các Phó Giám đốc Sở", "Ban Giám đốc"),
    ("BTHN", "Bảo tàng Hà Nội"),
    ("UNESCO Hà Nội", "Văn phòng UNESCO tại Hà Nội"),
    ("Văn phòng UNESCO Hà Nội", "Văn phòng UNESCO tại Hà Nội"),
    ("Hội KTS Việt Nam", "Hội Kiến trúc sư Việt Nam"),
    ("Hội KTSVN", "Hội Kiến trúc sư Việt Nam"),
];

/// What sort of body a unit is. The code is stored in `units.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Ban Giám đốc.
    Board,
    /// A Phòng of the department.
    Division,
    /// Văn phòng Sở.
    Office,
    /// A body under the department (Bảo tàng Hà Nội, its Trung tâm ...).
    Affiliate,
    /// Another state body (UBND, another Sở).
    Government,
    /// Hội ... (professional association).
    Association,
    /// Báo, Tạp chí, Đài: the press.
    Press,
    /// UNESCO and other international bodies.
    International,
    /// Công ty ...
    Company,
    /// Anything the rules do not recognise.
    Other,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Board => "board",
            UnitKind::Division => "division",
            UnitKind::Office => "office",
            UnitKind::Affiliate => "affiliate",
            UnitKind::Government => "government",
            UnitKind::Association => "association",
            UnitKind::Press => "press",
            UnitKind::International => "international",
            UnitKind::Company => "company",
            UnitKind::Other => "other",
        }
    }

    pub fn label(self, lang: crate::Language) -> &'static str {
        use crate::Language::{En, Vi};
        match (self, lang) {
            (UnitKind::Board, Vi) => "Ban Giám đốc",
            (UnitKind::Board, En) => "Board",
            (UnitKind::Division, Vi) => "Phòng chuyên môn",
            (UnitKind::Division, En) => "Division",
            (UnitKind::Office, Vi) => "Văn phòng",
            (UnitKind::Office, En) => "Office",
            (UnitKind::Affiliate, Vi) => "Đơn vị trực thuộc",
            (UnitKind::Affiliate, En) => "Affiliated body",
            (UnitKind::Government, Vi) => "Cơ quan nhà nước",
            (UnitKind::Government, En) => "Government body",
            (UnitKind::Association, Vi) => "Hội",
            (UnitKind::Association, En) => "Association",
            (UnitKind::Press, Vi) => "Báo chí",
            (UnitKind::Press, En) => "Press",
            (UnitKind::International, Vi) => "Tổ chức quốc tế",
            (UnitKind::International, En) => "International body",
            (UnitKind::Company, Vi) => "Doanh nghiệp",
            (UnitKind::Company, En) => "Company",
            (UnitKind::Other, Vi) => "Khác",
            (UnitKind::Other, En) => "Other",
        }
    }

    pub fn parse(code: &str) -> UnitKind {
        match code {
            "board" => UnitKind::Board,
            "division" => UnitKind::Division,
            "office" => UnitKind::Office,
            "affiliate" => UnitKind::Affiliate,
            "government" => UnitKind::Government,
            "association" => UnitKind::Association,
            "press" => UnitKind::Press,
            "international" => UnitKind::International,
            "company" => UnitKind::Company,
            _ => UnitKind::Other,
        }
    }
}

/// How a name is matched against [`UnitRule::pattern`] (both folded by [`unit_key`]).
#[derive(Debug, Clone, Copy)]
pub enum Match {
    /// The key starts with the pattern as whole words.
    Prefix,
    /// The pattern occurs in the key as whole words.
    Contains,
}

/// One row of the classification table.
#[derive(Debug, Clone, Copy)]
pub struct UnitRule {
    pub matching: Match,
    /// Folded words, e.g. "bao tang ha noi".
    pub pattern: &'static str,
    pub kind: UnitKind,
    pub external: bool,
}

const fn rule(matching: Match, pattern: &'static str, kind: UnitKind, external: bool) -> UnitRule {
    UnitRule {
        matching,
        pattern,
        kind,
        external,
    }
}

/// Classification, first match wins. Order matters: "bao tang" (museum) before "bao"
/// (newspaper), UNESCO before "van phong". A name no rule matches is internal, kind
/// `Other`: an unknown unit is far more often one of the department's own.
pub const UNIT_RULES: &[UnitRule] = &[
    rule(Match::Contains, "unesco", UnitKind::International, true),
    rule(Match::Prefix, "ban giam doc", UnitKind::Board, false),
    rule(Match::Prefix, "van phong so", UnitKind::Office, false),
    rule(Match::Prefix, "phong", UnitKind::Division, false),
    rule(Match::Prefix, "bao tang ha noi", UnitKind::Affiliate, false),
    rule(Match::Prefix, "trung tam", UnitKind::Affiliate, false),
    rule(Match::Prefix, "bao tang", UnitKind::Affiliate, false),
    rule(Match::Prefix, "hoi", UnitKind::Association, true),
    rule(Match::Prefix, "tap chi", UnitKind::Press, true),
    rule(Match::Prefix, "bao", UnitKind::Press, true),
    rule(Match::Prefix, "dai", UnitKind::Press, true),
    rule(Match::Prefix, "cong ty", UnitKind::Company, true),
    rule(Match::Prefix, "ubnd", UnitKind::Government, true),
    rule(Match::Prefix, "uy ban nhan dan", UnitKind::Government, true),
    rule(Match::Prefix, "so", UnitKind::Government, true),
    rule(Match::Prefix, "bo", UnitKind::Government, true),
    rule(Match::Prefix, "truong", UnitKind::Other, true),
    rule(Match::Prefix, "vien", UnitKind::Other, true),
];

/// A unit name in canonical form, with its classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CanonicalUnit {
    pub name: String,
    /// Matching key (see [`unit_key`]); unique per unit.
    pub key: String,
    pub external: bool,
    pub kind: UnitKind,
}

/// The matching key of a unit name: diacritics folded (đ→d), lowercase, every run of
/// punctuation or whitespace made one space. "Phòng Kế hoạch - Tài chính" and
/// "phong ke hoach tai chinh" have the same key.
pub fn unit_key(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Alias → canonical unit name, matched by [`unit_key`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AbbreviationTable {
    by_key: HashMap<String, (String, String)>,
}

impl AbbreviationTable {
    pub fn new() -> Self {
        Self::default()
    }

    /// The shipped defaults ([`DEFAULT_ABBREVIATIONS`]).
    pub fn defaults() -> Self {
        Self::from_pairs(DEFAULT_ABBREVIATIONS.iter().copied())
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut t = Self::new();
        for (alias, name) in pairs {
            t.insert(alias, name);
        }
        t
    }

    /// Adds or replaces an alias. Empty aliases are ignored.
    pub fn insert(&mut self, alias: &str, unit_name: &str) {
        let key = unit_key(alias);
        if !key.is_empty() {
            self.by_key
                .insert(key, (clean_name(alias), clean_name(unit_name)));
        }
    }

    pub fn remove(&mut self, alias: &str) -> bool {
        self.by_key.remove(&unit_key(alias)).is_some()
    }

    /// The canonical name for `name`, when it is a known alias.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        self.by_key.get(&unit_key(name)).map(|(_, n)| n.as_str())
    }

    /// (alias, canonical name) pairs sorted by alias key.
    pub fn entries(&self) -> Vec<(&str, &str)> {
        let mut v: Vec<_> = self.by_key.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v.into_iter()
            .map(|(_, (a, n))| (a.as_str(), n.as_str()))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// NFC, whitespace squashed, list punctuation and a leading dash trimmed.
fn clean_name(name: &str) -> String {
    let s = vntext::text::nfc(name);
    let s = vntext::text::squash_spaces(&s);
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '+' | '.' | ',' | ';' | ':' | '*')
    })
    .to_string()
}

/// Splits "Tạp chí Kiến trúc (Hội Kiến trúc sư Việt Nam)" into the name and the
/// parenthesised note. Only a trailing parenthesis is a note.
fn split_note(name: &str) -> (&str, Option<&str>) {
    if let Some(stripped) = name.strip_suffix(')')
        && let Some(open) = stripped.rfind('(')
    {
        let head = stripped[..open].trim_end();
        if !head.is_empty() {
            return (head, Some(stripped[open + 1..].trim()));
        }
    }
    (name, None)
}

/// The kind of a unit named by an admin, and whether it is outside the department.
pub fn classify_unit(name: &str) -> (UnitKind, bool) {
    classify(&unit_key(name))
}

fn classify(key: &str) -> (UnitKind, bool) {
    let padded = format!(" {key} ");
    for r in UNIT_RULES {
        let hit = match r.matching {
            Match::Prefix => padded.starts_with(&format!(" {} ", r.pattern)),
            Match::Contains => padded.contains(&format!(" {} ", r.pattern)),
        };
        if hit {
            return (r.kind, r.external);
        }
    }
    (UnitKind::Other, false)
}

/// The canonical form of a unit name as written in a document.
///
/// The name is cleaned, a trailing parenthesised note is dropped ("(Hội Kiến trúc sư
/// Việt Nam)", "(thuộc Bảo tàng Hà Nội)"), aliases are resolved (whole name, with and
/// without the note), and the result is classified by [`UNIT_RULES`].
pub fn canonical_unit(name: &str, table: &AbbreviationTable) -> CanonicalUnit {
    let cleaned = clean_name(name);
    let resolved = if let Some(n) = table.lookup(&cleaned) {
        n.to_string()
    } else {
        let (head, _note) = split_note(&cleaned);
        table
            .lookup(head)
            .map(str::to_string)
            .unwrap_or_else(|| head.to_string())
    };
    // An alias may itself point at a name with a note; drop it the same way.
    let resolved = split_note(&resolved).0.to_string();
    let key = unit_key(&resolved);
    let (kind, external) = classify(&key);
    CanonicalUnit {
        name: resolved,
        key,
        external,
        kind,
    }
}

/// Canonicalises and merges names: one entry per key, in first-seen order, keeping the
/// first spelling. Empty names are skipped.
pub fn merge_units<'a>(
    names: impl IntoIterator<Item = &'a str>,
    table: &AbbreviationTable,
) -> Vec<CanonicalUnit> {
    let mut out: Vec<CanonicalUnit> = Vec::new();
    for n in names {
        let c = canonical_unit(n, table);
        if c.key.is_empty() || out.iter().any(|u| u.key == c.key) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(n: &str) -> CanonicalUnit {
        canonical_unit(n, &AbbreviationTable::defaults())
    }

    #[test]
    fn keys_fold_and_squash() {
        assert_eq!(
            unit_key("  Phòng Quản lý Di sản  văn hoá "),
            "phong quan ly di san van hoa"
        );
        assert_eq!(
            unit_key("Phòng Kế hoạch - Tài chính"),
            unit_key("phong ke hoach tai chinh")
        );
        assert_eq!(unit_key("BGĐ"), "bgd");
    }

    #[test]
    fn abbreviations_resolve() {
        let qlds = canon("Phòng QLDSVH");
        assert_eq!(qlds.name, "Phòng Quản lý Di sản văn hóa");
        assert_eq!(qlds.key, canon("Phòng Quản lý Di sản văn hoá").key);
        assert!(!qlds.external);
        assert_eq!(qlds.kind, UnitKind::Division);
        assert_eq!(canon("QLDSVH").name, "Phòng Quản lý Di sản văn hóa");
        for vp in ["VP", "VP Sở", "Văn phòng Sở", "vp  sở", "Văn phòng Sở."] {
            let c = canon(vp);
            assert_eq!(c.name, "Văn phòng Sở", "{vp}");
            assert_eq!(c.kind, UnitKind::Office);
            assert!(!c.external);
        }
        assert_eq!(canon("Phòng KHTC").name, "Phòng Kế hoạch Tài chính");
        assert_eq!(canon("KHTC").name, "Phòng Kế hoạch Tài chính");
        assert_eq!(canon("BGĐ").name, "Ban Giám đốc");
        assert_eq!(canon("Các PGĐ Sở").name, "Ban Giám đốc");
        assert_eq!(canon("BGĐ").kind, UnitKind::Board);
    }

    #[test]
    fn external_partners() {
        let tc = canon("Tạp chí Kiến trúc (Hội Kiến trúc sư Việt Nam)");
        assert_eq!(tc.name, "Tạp chí Kiến trúc");
        assert!(tc.external);
        assert_eq!(tc.kind, UnitKind::Press);
        for (n, kind) in [
            ("Hội Kiến trúc sư Việt Nam", UnitKind::Association),
            ("Hội kiến trúc sư Việt Nam", UnitKind::Association),
            ("Báo Hà Nội Mới", UnitKind::Press),
            ("Đài Phát thanh và Truyền hình Hà Nội", UnitKind::Press),
            ("UNESCO", UnitKind::International),
            ("Văn phòng UNESCO tại Hà Nội", UnitKind::International),
            ("Công ty TNHH Sáng tạo", UnitKind::Company),
            ("UBND thành phố Hà Nội", UnitKind::Government),
        ] {
            let c = canon(n);
            assert!(c.external, "{n} should be external");
            assert_eq!(c.kind, kind, "{n}");
        }
    }

    #[test]
    fn internal_units() {
        for (n, kind) in [
            ("Phòng Quản lý Di sản văn hóa", UnitKind::Division),
            ("Văn phòng Sở", UnitKind::Office),
            ("Ban Giám đốc", UnitKind::Board),
            ("Bảo tàng Hà Nội", UnitKind::Affiliate),
            ("Phòng Kế hoạch Tài chính", UnitKind::Division),
        ] {
            let c = canon(n);
            assert!(!c.external, "{n} should be internal");
            assert_eq!(c.kind, kind, "{n}");
        }
        let tt = canon("Trung tâm điều phối các hoạt động sáng tạo Hà Nội (thuộc Bảo tàng Hà Nội)");
        assert_eq!(tt.name, "Trung tâm điều phối các hoạt động sáng tạo Hà Nội");
        assert!(!tt.external);
        assert_eq!(tt.kind, UnitKind::Affiliate);
        // Unknown names default to internal.
        let other = canon("Tổ công tác đặc biệt");
        assert!(!other.external);
        assert_eq!(other.kind, UnitKind::Other);
    }

    #[test]
    fn merging_duplicates() {
        let t = AbbreviationTable::defaults();
        let merged = merge_units(
            [
                "Phòng QLDSVH",
                "Phòng Quản lý Di sản văn hóa",
                "VP",
                "Văn phòng Sở",
                "Tạp chí kiến trúc",
                "Tạp chí Kiến trúc (Hội Kiến trúc sư Việt Nam)",
                "",
                "Bảo tàng Hà Nội",
            ],
            &t,
        );
        let names: Vec<_> = merged.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Phòng Quản lý Di sản văn hóa",
                "Văn phòng Sở",
                "Tạp chí kiến trúc",
                "Bảo tàng Hà Nội"
            ]
        );
    }

    #[test]
    fn table_is_editable() {
        let mut t = AbbreviationTable::defaults();
        assert_eq!(t.len(), DEFAULT_ABBREVIATIONS.len());
        t.insert("P.QLDS", "Phòng Quản lý Di sản văn hóa");
        assert_eq!(
            canonical_unit("p qlds", &t).name,
            "Phòng Quản lý Di sản văn hóa"
        );
        assert!(t.remove("VP"));
        assert_eq!(canonical_unit("VP", &t).name, "VP");
        assert!(!t.remove("VP"));
        assert!(t.entries().iter().any(|(a, _)| *a == "P.QLDS"));
    }
}
