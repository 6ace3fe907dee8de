//! The XLSX annex read back: values with calamine, fonts, borders and the page set-up
//! from the package's XML.

use super::*;

/// A cell by its absolute position (row, column).
fn at(range: &calamine::Range<Data>, row: u32, col: u32) -> Option<Data> {
    range.get_value((row, col)).cloned()
}

fn string(s: &str) -> Option<Data> {
    Some(Data::String(s.to_string()))
}

#[test]
fn annex_has_figures_as_numbers_and_the_items() {
    let r = sample();
    let bytes = annex_xlsx(&r).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["Số liệu", "Nhiệm vụ"]);
    let figures = book.worksheet_range("Số liệu").unwrap();
    let h = ANNEX_HEADER_ROW;
    for (c, name) in ANNEX_FIGURE_HEADERS.iter().enumerate() {
        assert_eq!(at(&figures, h, c as u32), string(name));
    }
    let row = h + 1;
    assert_eq!(at(&figures, row, 1), string(&r.results[0].title));
    assert_eq!(at(&figures, row, 2), string("20–30 cuộc/năm"));
    assert_eq!(at(&figures, row, 3), Some(Data::Float(20.0)));
    assert_eq!(at(&figures, row, 4), Some(Data::Float(30.0)));
    assert_eq!(at(&figures, row, 5), Some(Data::Float(21.0)));
    assert_eq!(at(&figures, row, 7), string("Đạt"));
    assert_eq!(at(&figures, row, 9), Some(Data::Float(1_234_567.0)));
    // Nothing reported: the actual stays empty, not 0.
    assert!(matches!(at(&figures, row + 1, 5), None | Some(Data::Empty)));
    let items = book.worksheet_range("Nhiệm vụ").unwrap();
    for (c, name) in ANNEX_ITEM_HEADERS.iter().enumerate() {
        assert_eq!(at(&items, h, c as u32), string(name));
    }
    assert_eq!(at(&items, row, 6), string("Tốt"));
    match at(&items, row, 3) {
        Some(Data::DateTime(d)) => {
            assert_eq!(d.as_datetime().unwrap().date(), r.appendix[0].due.unwrap())
        }
        other => panic!("expected a date, got {other:?}"),
    }
    assert!(matches!(at(&items, row + 1, 3), None | Some(Data::Empty)));
    assert_eq!(
        at(&items, row + 1, 1),
        string("Phiên họp <thường niên> & \"đặc biệt\"")
    );
}

#[test]
fn annex_title_rows_read_as_the_docx() {
    let mut r = sample();
    // Typed as the clerk copies it: the line must not double the symbol.
    r.number = Some("Số: 285/BC-SVHTT".into());
    let d = Docx::read(&to_docx(&r).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let paras = body_paragraphs(&doc);
    let title = paras.iter().position(|p| p == "BÁO CÁO").unwrap() + 1;
    let header = doc.descendants().find(|n| is(n, "tbl")).unwrap();
    let number = header
        .descendants()
        .filter(|n| is(n, "tc"))
        .map(text)
        .find(|t| t.starts_with("Số"))
        .unwrap();
    assert_eq!(number, "Số: 285/BC-SVHTT");

    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(annex_xlsx(&r).unwrap())).unwrap();
    for sheet in ["Số liệu", "Nhiệm vụ"] {
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(at(&range, 0, 0), string("UBND THÀNH PHỐ HÀ NỘI"));
        assert_eq!(at(&range, 1, 0), string("SỞ VĂN HÓA VÀ THỂ THAO"));
        assert_eq!(at(&range, 2, 0), string(&paras[title]), "the DOCX title");
        assert_eq!(at(&range, 3, 0), string(&number), "the DOCX number line");
    }
}

/// The parts of an XLSX, by name.
fn xlsx_parts(bytes: &[u8]) -> std::collections::HashMap<String, String> {
    Docx::read(bytes).parts
}

const S: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

fn el<'a, 'i>(doc: &'a roxmltree::Document<'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(S))
        .collect()
}

#[test]
fn annex_prints_in_times_new_roman_a4_landscape_one_page_wide() {
    let r = sample();
    let parts = xlsx_parts(&annex_xlsx(&r).unwrap());
    let styles = roxmltree::Document::parse(&parts["xl/styles.xml"]).unwrap();
    let fonts = el(&styles, "font");
    assert!(!fonts.is_empty());
    for font in &fonts {
        let name = font.children().find(|n| n.tag_name().name() == "name");
        assert_eq!(name.and_then(|n| n.attribute("val")), Some(FONT));
    }
    let borders = el(&styles, "border");
    let xfs: Vec<_> = el(&styles, "cellXfs")[0]
        .children()
        .filter(|n| n.is_element())
        .collect();
    let thin = |xf: &roxmltree::Node| {
        let id: usize = xf.attribute("borderId").unwrap_or("0").parse().unwrap();
        ["left", "right", "top", "bottom"].iter().all(|side| {
            borders[id]
                .children()
                .any(|b| b.tag_name().name() == *side && b.attribute("style") == Some("thin"))
        })
    };
    let wraps = |xf: &roxmltree::Node| {
        xf.children()
            .any(|a| a.tag_name().name() == "alignment" && a.attribute("wrapText") == Some("1"))
    };

    for (sheet, columns, text_columns) in [
        ("xl/worksheets/sheet1.xml", 10, &[1usize, 2, 6, 7, 8][..]),
        ("xl/worksheets/sheet2.xml", 7, &[1, 2, 4, 5][..]),
    ] {
        let ws = roxmltree::Document::parse(&parts[sheet]).unwrap();
        let setup = el(&ws, "pageSetup")[0];
        assert_eq!(setup.attribute("paperSize"), Some("9"), "A4");
        assert_eq!(setup.attribute("orientation"), Some("landscape"));
        // One page wide (1 is the schema's default, left out), any number of pages tall.
        assert!(matches!(setup.attribute("fitToWidth"), None | Some("1")));
        assert_eq!(setup.attribute("fitToHeight"), Some("0"));
        assert_eq!(el(&ws, "pageSetUpPr")[0].attribute("fitToPage"), Some("1"));
        // A width on every column.
        let mut widths = vec![false; columns];
        for col in el(&ws, "col") {
            let (a, b): (usize, usize) = (
                col.attribute("min").unwrap().parse().unwrap(),
                col.attribute("max").unwrap().parse().unwrap(),
            );
            assert_eq!(col.attribute("customWidth"), Some("1"));
            for c in a..=b.min(columns) {
                widths[c - 1] = true;
            }
        }
        assert!(widths.iter().all(|w| *w), "{sheet}: {widths:?}");
        // Every cell of the table (header and rows) has a format with thin borders; text
        // columns wrap.
        for row in el(&ws, "row") {
            let n: u32 = row.attribute("r").unwrap().parse().unwrap();
            if n <= ANNEX_HEADER_ROW {
                continue;
            }
            let cells: Vec<_> = row
                .children()
                .filter(|c| c.tag_name().name() == "c")
                .collect();
            assert_eq!(cells.len(), columns, "{sheet} row {n}: a cell per column");
            for (i, c) in cells.iter().enumerate() {
                let xf = c.attribute("s").expect("a format on every cell");
                let xf = &xfs[xf.parse::<usize>().unwrap()];
                assert!(thin(xf), "{sheet} row {n} column {i}: thin borders");
                if n > ANNEX_HEADER_ROW + 1 && text_columns.contains(&i) {
                    assert!(wraps(xf), "{sheet} row {n} column {i}: wrapped");
                }
            }
        }
    }
    // The header row repeats on every printed page, on both sheets.
    let book = roxmltree::Document::parse(&parts["xl/workbook.xml"]).unwrap();
    let titles: Vec<_> = el(&book, "definedName")
        .into_iter()
        .filter(|n| n.attribute("name") == Some("_xlnm.Print_Titles"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.iter().all(|t| t.ends_with("!$6:$6")), "{titles:?}");
    // Author and time from the report, not the machine.
    let core = roxmltree::Document::parse(&parts["docProps/core.xml"]).unwrap();
    let field = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(field("creator").as_deref(), Some("Sở Văn hóa và Thể thao"));
    assert_eq!(field("created").as_deref(), Some("2025-12-05T04:00:00Z"));
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

#[test]
fn rows_are_as_tall_as_their_wrapped_text() {
    let mut r = sample();
    r.appendix[1].title = "Tổ chức tọa đàm ".repeat(20);
    let parts = xlsx_parts(&annex_xlsx(&r).unwrap());
    let ws = roxmltree::Document::parse(&parts["xl/worksheets/sheet2.xml"]).unwrap();
    let height = |n: u32| -> f64 {
        let row = el(&ws, "row")
            .into_iter()
            .find(|row| row.attribute("r") == Some(&(n + 1).to_string()))
            .unwrap();
        assert_eq!(row.attribute("customHeight"), Some("1"));
        row.attribute("ht").unwrap().parse().unwrap()
    };
    let (header, short, long) = (
        height(ANNEX_HEADER_ROW),
        height(ANNEX_HEADER_ROW + 1),
        height(ANNEX_HEADER_ROW + 2),
    );
    // 320 characters in a column 50 wide: five lines (LibreOffice shows about 70 a line).
    assert!(long >= 5.0 * 15.75, "{long}");
    assert!(short < 2.0 * 15.75 && header >= 15.75, "{short} {header}");
}

#[test]
fn the_money_is_a_sheet_of_numbers_and_a_sentence_closing_section_two() {
    let row = |numbering: &str, title: &str, planned, paid| MoneyRow {
        numbering: numbering.into(),
        title: title.into(),
        planned,
        contracted: planned,
        paid,
        settled: 0,
    };
    let sentence = "Kinh phí thực hiện Kế hoạch tính đến ngày 30/06/2025: dự toán được phê \
                    duyệt 32.000.000 đồng.";
    let r = OfficialReport {
        money: Some(MoneySummary {
            sentence: sentence.into(),
            sections: vec![row("1.", "Tham dự các Hội nghị", 32_000_000, 6_000_000)],
            total: row("", "Tổng cộng", 32_000_000, 6_000_000),
        }),
        ..sample()
    };
    let bytes = annex_xlsx(&r).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["Số liệu", "Nhiệm vụ", "Kinh phí"]);
    let money = book.worksheet_range("Kinh phí").unwrap();
    let h = ANNEX_HEADER_ROW;
    for (c, name) in ANNEX_MONEY_HEADERS.iter().enumerate() {
        assert_eq!(at(&money, h, c as u32), string(name));
    }
    assert_eq!(at(&money, h + 1, 0), string("1."));
    assert_eq!(at(&money, h + 1, 2), Some(Data::Float(32_000_000.0)));
    assert_eq!(at(&money, h + 2, 1), string("Tổng cộng"));
    assert_eq!(at(&money, h + 2, 4), Some(Data::Float(6_000_000.0)));
    assert_eq!(at(&money, h + 2, 5), Some(Data::Float(0.0)));

    // The sentence is the last paragraph of section II.
    let docx = super::Docx::read(&to_docx(&r).unwrap());
    let doc = roxmltree::Document::parse(docx.part("word/document.xml")).unwrap();
    let paragraphs = super::body_paragraphs(&doc);
    let at = |s: &str| paragraphs.iter().position(|p| p.starts_with(s)).unwrap();
    assert_eq!(at("Kinh phí thực hiện") + 1, at("III. "));
}
