//! The XLSX annex read back.

use super::*;

#[test]
fn annex_has_figures_as_numbers_and_the_items() {
    let r = sample();
    let bytes = annex_xlsx(&r).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["Số liệu", "Nhiệm vụ"]);
    let figures = book.worksheet_range("Số liệu").unwrap();
    assert_eq!(
        figures.get((0, 0)),
        Some(&Data::String("SỞ VĂN HÓA VÀ THỂ THAO".into()))
    );
    for (c, h) in ANNEX_FIGURE_HEADERS.iter().enumerate() {
        assert_eq!(figures.get((4, c)), Some(&Data::String(h.to_string())));
    }
    assert_eq!(
        figures.get((5, 1)),
        Some(&Data::String(r.results[0].title.clone()))
    );
    assert_eq!(
        figures.get((5, 2)),
        Some(&Data::String("20–30 cuộc/năm".into()))
    );
    assert_eq!(figures.get((5, 3)), Some(&Data::Float(20.0)));
    assert_eq!(figures.get((5, 4)), Some(&Data::Float(30.0)));
    assert_eq!(figures.get((5, 5)), Some(&Data::Float(21.0)));
    assert_eq!(figures.get((5, 7)), Some(&Data::String("Đạt".into())));
    assert_eq!(figures.get((5, 9)), Some(&Data::Float(1_234_567.0)));
    // Nothing reported: the actual stays empty, not 0.
    assert!(matches!(figures.get((6, 5)), None | Some(Data::Empty)));
    let items = book.worksheet_range("Nhiệm vụ").unwrap();
    assert_eq!(items.get((5, 6)), Some(&Data::String("Tốt".into())));
    match items.get((5, 3)) {
        Some(Data::DateTime(d)) => {
            assert_eq!(d.as_datetime().unwrap().date(), r.appendix[0].due.unwrap())
        }
        other => panic!("expected a date, got {other:?}"),
    }
    assert_eq!(
        items.get((6, 1)),
        Some(&Data::String(
            "Phiên họp <thường niên> & \"đặc biệt\"".into()
        ))
    );
}

#[test]
fn five_hundred_items_in_well_under_a_second() {
    let mut r = sample();
    let row = r.results[0].clone();
    let a = r.appendix[0].clone();
    r.results = (0..500).map(|_| row.clone()).collect();
    r.appendix = (0..500).map(|_| a.clone()).collect();
    let t = std::time::Instant::now();
    let docx = to_docx(&r).unwrap();
    let xlsx = annex_xlsx(&r).unwrap();
    let took = t.elapsed();
    assert!(docx.len() > 10_000 && xlsx.len() > 10_000);
    // Generous for debug builds on a shared machine; BENCHMARKS.md has release figures.
    assert!(took.as_secs_f64() < 5.0, "{took:?}");
}
