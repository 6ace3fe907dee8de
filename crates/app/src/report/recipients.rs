//! Nơi nhận by default: the plan's own, without the one who signs (a report is not sent to
//! its signer), leaders who were to direct the plan now receiving the report "để b/c",
//! ending with the plan's "Lưu:" line (without its count of copies). A plan whose
//! document names none gets the lead units and "Lưu: VT".

use store::{PlanRecipients, PlanRecord};

/// One recipient a line, the "Lưu:" line last.
pub(super) fn default_recipients(
    p: &PlanRecord,
    r: Option<&PlanRecipients>,
    leads: &[String],
) -> String {
    let mut lines: Vec<String> = match r.filter(|r| !r.recipients.is_empty()) {
        Some(r) => r
            .recipients
            .iter()
            .filter(|(name, _)| !is_signer(name, p))
            .map(|(name, note)| match note.as_deref().map(str::trim) {
                Some("để chỉ đạo") => format!("{} (để b/c)", name.trim()),
                Some(n) if !n.is_empty() => format!("{} ({n})", name.trim()),
                _ => name.trim().to_string(),
            })
            .collect(),
        None => leads.to_vec(),
    };
    lines.push(archive_line(r.and_then(|r| r.archive.as_deref())));
    lines.join("\n")
}

/// Whether a recipient is the signer: the same title ("Đ/c Giám đốc Sở" when the Giám đốc
/// signs, not "Các PGĐ Sở" nor "Phó Giám đốc") or the same name.
fn is_signer(recipient: &str, p: &PlanRecord) -> bool {
    let who = recipient.trim().to_lowercase();
    let who = ["đ/c ", "đồng chí "]
        .iter()
        .fold(who.as_str(), |w, prefix| {
            w.strip_prefix(prefix).unwrap_or(w)
        })
        .trim()
        .to_string();
    let title = p
        .signer_title
        .as_deref()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let name = p
        .signer_name
        .as_deref()
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty());
    title.is_some_and(|t| who.starts_with(&t)) || name.is_some_and(|n| who.contains(&n))
}

/// "Lưu: VT, QLDSVH" from the plan's "VT, QLDSVH (6b)": the count of copies was the plan's.
fn archive_line(archive: Option<&str>) -> String {
    let kept = archive
        .map(|a| {
            let a = a.trim().trim_end_matches('.');
            match a.rfind('(') {
                Some(i) if a[i..].chars().any(|c| c.is_ascii_digit()) => a[..i].trim_end(),
                _ => a,
            }
        })
        .map(|a| a.trim_end_matches([',', ' ']).to_string())
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "VT".into());
    format!("Lưu: {kept}")
}

#[cfg(test)]
mod tests {
    use super::super::fixture::plan;
    use super::*;

    fn seed_recipients() -> PlanRecipients {
        PlanRecipients {
            recipients: [
                ("Đ/c Giám đốc Sở", Some("để chỉ đạo")),
                ("Các PGĐ Sở", None),
                ("Phòng KHTC, VP", None),
                ("Bảo tàng Hà Nội", None),
                ("Chánh VP Sở", None),
            ]
            .into_iter()
            .map(|(n, note)| (n.to_string(), note.map(str::to_string)))
            .collect(),
            archive: Some("VT, QLDSVH (6b)".into()),
        }
    }

    #[test]
    fn the_plans_recipients_without_the_signer() {
        let p = plan(vec![]).plan;
        let r = seed_recipients();
        assert_eq!(
            default_recipients(&p, Some(&r), &[]),
            "Các PGĐ Sở\nPhòng KHTC, VP\nBảo tàng Hà Nội\nChánh VP Sở\nLưu: VT, QLDSVH"
        );
        // A deputy signs: the Giám đốc receives the report.
        let mut deputy = p.clone();
        deputy.signer_title = Some("PHÓ GIÁM ĐỐC".into());
        deputy.signer_name = Some("Lê Thị Thu Hương".into());
        let lines = default_recipients(&deputy, Some(&r), &[]);
        assert!(
            lines.starts_with("Đ/c Giám đốc Sở (để b/c)\nCác PGĐ Sở"),
            "{lines}"
        );
        // Named by name.
        let mut named = r.clone();
        named.recipients.push(("Đ/c Đỗ Đình Hồng".into(), None));
        assert!(!default_recipients(&p, Some(&named), &[]).contains("Đỗ Đình Hồng"));
    }

    #[test]
    fn without_the_plans_recipients_the_lead_units() {
        let p = plan(vec![]).plan;
        let leads = vec!["Phòng Quản lý Di sản văn hóa".to_string()];
        assert_eq!(
            default_recipients(&p, None, &leads),
            "Phòng Quản lý Di sản văn hóa\nLưu: VT"
        );
        let empty = PlanRecipients::default();
        assert_eq!(default_recipients(&p, Some(&empty), &[]), "Lưu: VT");
    }
}
