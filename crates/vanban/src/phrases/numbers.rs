//! Figures ("2.989,5", "02") and money amounts in đồng.

/// A Vietnamese figure: dots group thousands, a comma marks decimals ("2.989,5" = 2989.5,
/// "02" = 2). A lone dot followed by one or two digits is read as a decimal point.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    // Most figures are plain whole numbers, exact as f64 up to 15 digits.
    if s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<u64>().ok().map(|n| n as f64);
    }
    let (int_part, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int_part.split('.').collect();
    let mut digits = String::new();
    let mut frac_digits = frac.map(str::to_string);
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        digits = groups.concat();
    } else if groups.len() == 2 && frac.is_none() {
        digits.push_str(groups[0]);
        frac_digits = Some(groups[1].to_string());
    } else if groups.len() == 1 {
        digits.push_str(groups[0]);
    } else {
        return None;
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut v: f64 = digits.parse().ok()?;
    if let Some(f) = frac_digits {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        v += format!("0.{f}").parse::<f64>().ok()?;
    }
    Some(v)
}

// ---- money

re!(
    RE_MONEY,
    r"(?i)\b(\d+(?:[.,]\d+)*)\s*(nghìn tỷ|ngàn tỷ|tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND|đ)(?:[^\p{L}]|$)"
);

/// Money amounts in whole đồng: "285 tỷ đồng" = 285000000000, "5.373,4 triệu đồng" =
/// 5373400000, "1.234.567 đồng" = 1234567.
pub fn money_amounts(text: &str) -> Vec<i64> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in RE_MONEY.captures_iter(text) {
        let Some(v) = parse_number(&c[1]) else {
            continue;
        };
        let scale = match c.get(2).map(|m| m.as_str().to_lowercase()).as_deref() {
            Some("nghìn tỷ" | "ngàn tỷ") => 1e12,
            Some("tỷ" | "tỉ") => 1e9,
            Some("triệu") => 1e6,
            Some("nghìn" | "ngàn") => 1e3,
            _ => 1.0,
        };
        let amount = (v * scale).round();
        if amount.is_finite() && (0.0..9.0e18).contains(&amount) {
            out.push(amount as i64);
        }
    }
    out
}
