//! An amount of đồng in Vietnamese words, for the "Bằng chữ" line under an estimate's
//! total: `120_000_000` → "Một trăm hai mươi triệu đồng chẵn".
//!
//! The convention is the one of Vietnamese accounting documents (chứng từ, hóa đơn) as
//! written in Hà Nội:
//! - digits read in groups of three: nghìn, triệu, tỷ; above a tỷ the groups start again
//!   ("nghìn tỷ", "triệu tỷ", "tỷ tỷ");
//! - a group after a spoken one is read whole, its hundreds included: 1.000.005 is
//!   "Một triệu không trăm linh năm đồng", 1.050.000 "Một triệu không trăm năm mươi nghìn
//!   đồng"; a group that is all zeros is left out ("Một tỷ đồng chẵn");
//! - a zero in the tens before a unit is "linh" (the northern form; the south says "lẻ"):
//!   101 "một trăm linh một", 105 "một trăm linh năm";
//! - 10 is "mười", 20–90 "… mươi"; a 1 after "mươi" is "mốt" (21 "hai mươi mốt") and after
//!   "mười" "một" (11 "mười một"); a 5 after either is "lăm" (15 "mười lăm", 25 "hai mươi
//!   lăm"), elsewhere "năm"; a 4 is always "bốn" (never "tư", one form for every reader);
//! - "chẵn" (a round sum) ends an amount whose last three digits are zeros, as the
//!   plan's amounts are written; an amount with odd đồng ends in "đồng";
//! - a negative amount starts with "Âm"; zero is "Không đồng".

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// `amount` đồng in words, capitalised, ending in "đồng" or "đồng chẵn".
pub fn vnd_in_words(amount: i64) -> String {
    if amount == 0 {
        return "Không đồng".to_string();
    }
    let mut words = number_in_words(amount.unsigned_abs());
    if amount < 0 {
        words = format!("âm {words}");
    }
    words.push_str(" đồng");
    if amount % 1000 == 0 {
        words.push_str(" chẵn");
    }
    capitalise(&words)
}

/// A whole number in lowercase words: 1_000_005 → "một triệu không trăm linh năm".
pub fn number_in_words(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut parts = Vec::new();
    billions(n, false, &mut parts);
    parts.join(" ")
}

/// `n` split at tỷ: what is above a tỷ is itself read in groups, then "tỷ", then the rest.
/// `after` says whether something was spoken before `n` (its groups are then read whole).
fn billions(n: u64, after: bool, out: &mut Vec<String>) {
    const TY: u64 = 1_000_000_000;
    let (high, low) = (n / TY, n % TY);
    let mut spoken = after;
    if high > 0 {
        billions(high, after, out);
        out.push("tỷ".to_string());
        spoken = true;
    }
    let groups = [
        (low / 1_000_000, Some("triệu")),
        (low / 1000 % 1000, Some("nghìn")),
        (low % 1000, None),
    ];
    for (g, name) in groups {
        if g == 0 {
            continue;
        }
        group(g, spoken, out);
        if let Some(name) = name {
            out.push(name.to_string());
        }
        spoken = true;
    }
}

/// One group of three digits (1–999). `whole`: read the hundreds even when zero.
fn group(g: u64, whole: bool, out: &mut Vec<String>) {
    let (h, t, u) = (
        (g / 100) as usize,
        (g / 10 % 10) as usize,
        (g % 10) as usize,
    );
    let full = whole || h > 0;
    if full {
        out.push(format!("{} trăm", DIGITS[h]));
    }
    match t {
        0 if u == 0 => {}
        0 => {
            if full {
                out.push("linh".to_string());
            }
            out.push(DIGITS[u].to_string());
        }
        1 => {
            out.push("mười".to_string());
            match u {
                0 => {}
                5 => out.push("lăm".to_string()),
                _ => out.push(DIGITS[u].to_string()),
            }
        }
        _ => {
            out.push(format!("{} mươi", DIGITS[t]));
            match u {
                0 => {}
                1 => out.push("mốt".to_string()),
                5 => out.push("lăm".to_string()),
                _ => out.push(DIGITS[u].to_string()),
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_words() {
        let table: &[(i64, &str)] = &[
            (0, "Không đồng"),
            (1, "Một đồng"),
            (4, "Bốn đồng"),
            (5, "Năm đồng"),
            (10, "Mười đồng"),
            (11, "Mười một đồng"),
            (14, "Mười bốn đồng"),
            (15, "Mười lăm đồng"),
            (20, "Hai mươi đồng"),
            (21, "Hai mươi mốt đồng"),
            (24, "Hai mươi bốn đồng"),
            (25, "Hai mươi lăm đồng"),
            (55, "Năm mươi lăm đồng"),
            (91, "Chín mươi mốt đồng"),
            (100, "Một trăm đồng"),
            (101, "Một trăm linh một đồng"),
            (105, "Một trăm linh năm đồng"),
            (110, "Một trăm mười đồng"),
            (111, "Một trăm mười một đồng"),
            (115, "Một trăm mười lăm đồng"),
            (121, "Một trăm hai mươi mốt đồng"),
            (1_000, "Một nghìn đồng chẵn"),
            (1_001, "Một nghìn không trăm linh một đồng"),
            (1_010, "Một nghìn không trăm mười đồng"),
            (1_015, "Một nghìn không trăm mười lăm đồng"),
            (1_100, "Một nghìn một trăm đồng"),
            (15_000, "Mười lăm nghìn đồng chẵn"),
            (21_500, "Hai mươi mốt nghìn năm trăm đồng"),
            (105_000, "Một trăm linh năm nghìn đồng chẵn"),
            (1_000_005, "Một triệu không trăm linh năm đồng"),
            (1_005_000, "Một triệu không trăm linh năm nghìn đồng chẵn"),
            (1_050_000, "Một triệu không trăm năm mươi nghìn đồng chẵn"),
            (1_500_000, "Một triệu năm trăm nghìn đồng chẵn"),
            (20_000_000, "Hai mươi triệu đồng chẵn"),
            (25_500_000, "Hai mươi lăm triệu năm trăm nghìn đồng chẵn"),
            (120_000_000, "Một trăm hai mươi triệu đồng chẵn"),
            (
                250_750_000,
                "Hai trăm năm mươi triệu bảy trăm năm mươi nghìn đồng chẵn",
            ),
            (1_000_000_000, "Một tỷ đồng chẵn"),
            (1_000_000_001, "Một tỷ không trăm linh một đồng"),
            (1_200_000_000, "Một tỷ hai trăm triệu đồng chẵn"),
            (2_015_000_000, "Hai tỷ không trăm mười lăm triệu đồng chẵn"),
            (1_000_000_000_000, "Một nghìn tỷ đồng chẵn"),
            (1_000_000_000_000_000_000, "Một tỷ tỷ đồng chẵn"),
            (1_000_000_000_000_000, "Một triệu tỷ đồng chẵn"),
            (-25_000, "Âm hai mươi lăm nghìn đồng chẵn"),
            (
                i64::MAX,
                "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm \
                 ba mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám \
                 trăm linh bảy đồng",
            ),
            (
                i64::MIN,
                "Âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không \
                 trăm ba mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn \
                 tám trăm linh tám đồng",
            ),
        ];
        assert!(table.len() >= 30);
        for (n, words) in table {
            assert_eq!(vnd_in_words(*n), *words, "{n}");
        }
    }

    #[test]
    fn no_reading_has_doubled_or_stray_spaces() {
        for n in (0..5_000_000i64)
            .step_by(997)
            .chain([i64::MAX, i64::MIN + 1])
        {
            let w = vnd_in_words(n);
            assert!(!w.contains("  ") && !w.starts_with(' '), "{n}: {w:?}");
            assert!(w.ends_with("đồng") || w.ends_with("chẵn"), "{n}: {w:?}");
        }
    }

    #[test]
    fn number_words_without_currency() {
        assert_eq!(number_in_words(0), "không");
        assert_eq!(number_in_words(305), "ba trăm linh năm");
        assert_eq!(number_in_words(u64::MAX).split(' ').next(), Some("mười"));
    }
}
