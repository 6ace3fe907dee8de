//! The real Word plans of `corpus/originals/` printed to PDF by LibreOffice, each PDF's
//! reading against its .docx's (`agreement.rs`): the issue's goal for PDF layout, "within
//! 0.02", measured on real documents rather than on one written for the test.
//!
//! The goal is NOT met yet (04/12/2026: 0.974, 0.744, 0.885, 0.836; see the vanban README):
//! the test prints the figures and fails only below each file's floor, a little under
//! today's figure, so that the layout does not get worse while the gap is closed.
//! Without `soffice` it prints `SKIPPED` and passes (`SANGTAO_REQUIRE_SOFFICE=1` fails).

use crate::common::shared_or_skip;
use crate::word::to_pdf;

/// The goal: a PDF within 0.02 of its Word file.
const GOAL: f64 = 0.98;

/// Each file's floor (file name prefix, least agreement), today's figure less 0.02.
const FLOORS: [(&str, f64); 4] = [("11-", 0.95), ("12-", 0.72), ("13-", 0.86), ("14-", 0.81)];

#[test]
fn real_word_plans_read_the_same_from_pdf() {
    let Some(shared) = shared_or_skip("real_word_plans_read_the_same_from_pdf") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(shared.join("corpus/originals"))
        .expect("corpus/originals is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus/originals holds Word plans");
    let dir = std::env::temp_dir().join(format!("vanban-originals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for f in &files {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let word = std::fs::read(f).unwrap();
        let from_word = vanban::read_bytes(&word, &format!("{stem}.docx"), None).unwrap();
        let Some(pdf) = to_pdf(&word, &dir, &stem) else {
            return;
        };
        let from_pdf = vanban::read_bytes(&pdf, &format!("{stem}.pdf"), None).unwrap();
        let agree = super::agreement::agreement(&from_pdf, &from_word);
        let items = |p: &vanban::ParsedPlan| p.all_items().count();
        eprintln!(
            "{stem}: the PDF's agreement with the .docx {agree:.3}; items {} (.docx {})",
            items(&from_pdf),
            items(&from_word)
        );
        let floor = FLOORS
            .iter()
            .find(|(prefix, _)| stem.starts_with(prefix))
            .map_or(GOAL, |&(_, floor)| floor);
        if agree < GOAL {
            eprintln!("  {stem}: below the goal of {GOAL} (floor {floor})");
        }
        if agree < floor {
            failures.push(format!("{stem}: {agree:.3} < {floor}"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "PDFs below their floor: {failures:?}");
}
