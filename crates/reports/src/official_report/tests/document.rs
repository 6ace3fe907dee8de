//! The DOCX read back as a clerk checks it: page, margins, font, header, sections,
//! closing, page numbers, appendix.

use super::*;

#[test]
fn page_is_a4_with_the_decree_margins_and_a_landscape_appendix() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let xml = d.part("word/document.xml");
    let doc = roxmltree::Document::parse(xml).unwrap();
    let sects: Vec<_> = doc.descendants().filter(|n| is(n, "sectPr")).collect();
    assert_eq!(sects.len(), 2, "body section + appendix section");
    let size = |s: &roxmltree::Node| {
        let sz = s.children().find(|n| is(n, "pgSz")).unwrap();
        (
            w(sz, "w").unwrap().to_string(),
            w(sz, "h").unwrap().to_string(),
            w(sz, "orient").map(str::to_string),
        )
    };
    let (pw, ph, _) = size(&sects[0]);
    assert_eq!(
        (pw.as_str(), ph.as_str()),
        ("11906", "16838"),
        "A4 portrait"
    );
    let (lw, lh, orient) = size(&sects[1]);
    assert_eq!((lw.as_str(), lh.as_str()), ("16838", "11906"));
    assert_eq!(orient.as_deref(), Some("landscape"));
    for s in &sects {
        let m = s.children().find(|n| is(n, "pgMar")).unwrap();
        let mm = |a| twips_to_mm(w(m, a).unwrap());
        assert!((20.0..=25.0).contains(&mm("top")), "top {}", mm("top"));
        assert!(
            (20.0..=25.0).contains(&mm("bottom")),
            "bottom {}",
            mm("bottom")
        );
        assert!((30.0..=35.0).contains(&mm("left")), "left {}", mm("left"));
        assert!(
            (15.0..=20.0).contains(&mm("right")),
            "right {}",
            mm("right")
        );
    }
}

#[test]
fn times_new_roman_13_to_14_pt() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let styles = roxmltree::Document::parse(d.part("word/styles.xml")).unwrap();
    let defaults = styles.descendants().find(|n| is(n, "rPrDefault")).unwrap();
    let fonts = defaults.descendants().find(|n| is(n, "rFonts")).unwrap();
    assert_eq!(w(fonts, "ascii"), Some(FONT));
    assert_eq!(w(fonts, "hAnsi"), Some(FONT));
    let sz = defaults.descendants().find(|n| is(n, "sz")).unwrap();
    let pt: f64 = w(sz, "val").unwrap().parse::<f64>().unwrap() / 2.0;
    assert!((13.0..=14.0).contains(&pt), "body {pt} pt");
    // Every run names the font too, so a style cannot override it.
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    for r in doc.descendants().filter(|n| is(n, "r")) {
        if text(r).is_empty() {
            continue;
        }
        let f = r
            .descendants()
            .find(|n| is(n, "rFonts"))
            .expect("run fonts");
        assert_eq!(w(f, "ascii"), Some(FONT), "run {:?}", text(r));
    }
}

#[test]
fn header_table_number_date_and_title() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let first_table = doc.descendants().find(|n| is(n, "tbl")).unwrap();
    let rows: Vec<_> = first_table.children().filter(|n| is(n, "tr")).collect();
    let cells = |r: &roxmltree::Node| -> Vec<String> {
        r.children().filter(|n| is(n, "tc")).map(text).collect()
    };
    let top = cells(&rows[0]);
    assert_eq!(top[0], "UBND THÀNH PHỐ HÀ NỘISỞ VĂN HÓA VÀ THỂ THAO");
    assert_eq!(top[1], format!("{MOTTO_COUNTRY}{MOTTO}"));
    let bottom = cells(&rows[1]);
    assert_eq!(bottom[0], "Số: 125/BC-SVHTT");
    assert_eq!(bottom[1], "Hà Nội, ngày 05 tháng 12 năm 2025");
    // Bold motto, underlined "Độc lập - Tự do - Hạnh phúc", italic place and date.
    let run_with = |t: &str| {
        doc.descendants()
            .find(|n| is(n, "r") && text(*n) == t)
            .unwrap_or_else(|| panic!("no run {t:?}"))
    };
    let has = |r: roxmltree::Node, prop: &str| r.descendants().any(|n| is(&n, prop));
    assert!(has(run_with(MOTTO_COUNTRY), "b"));
    assert!(has(run_with(MOTTO), "b"));
    let u = run_with(MOTTO).descendants().find(|n| is(n, "u")).unwrap();
    assert_eq!(w(u, "val"), Some("single"));
    assert!(has(run_with("SỞ VĂN HÓA VÀ THỂ THAO"), "b"));
    assert!(
        !has(run_with("UBND THÀNH PHỐ HÀ NỘI"), "b"),
        "the parent agency is not bold"
    );
    assert!(has(run_with("Hà Nội, ngày 05 tháng 12 năm 2025"), "i"));
    // The left column is wide enough for "SỞ VĂN HÓA VÀ THỂ THAO" (13 pt bold) on one
    // line: at least 3548 twips (decree::HEADER_LEFT_WIDTH).
    let grid: Vec<usize> = first_table
        .descendants()
        .filter(|n| is(n, "gridCol"))
        .filter_map(|n| w(n, "w").and_then(|v| v.parse().ok()))
        .collect();
    assert!(grid[0] >= 3548 && grid[1] >= 4651 + 216, "{grid:?}");
    // The short rule under the agency: a bottom border on an empty paragraph.
    let left_cell = rows[0].children().find(|n| is(n, "tc")).unwrap();
    assert!(left_cell.descendants().any(|n| is(&n, "pBdr")));

    let paras = body_paragraphs(&doc);
    let title = paras.iter().position(|p| p == "BÁO CÁO").expect("title");
    assert!(paras[title + 1].starts_with("Kết quả thực hiện Kế hoạch tham gia"));
    assert!(has(run_with("BÁO CÁO"), "b"));
}

#[test]
fn body_sections_in_order_with_items_and_closing() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let paras = body_paragraphs(&doc);
    let find = |s: &str| {
        paras
            .iter()
            .position(|p| p == s)
            .unwrap_or_else(|| panic!("no paragraph {s:?} in {paras:#?}"))
    };
    let mut last = 0;
    for h in SECTION_HEADINGS
        .iter()
        .chain(ASSESSMENT_HEADINGS.iter())
        .copied()
        .collect::<Vec<_>>()
        .iter()
    {
        let _ = find(h);
    }
    // I < II < III (1 < 2 < 3) < IV < V < "Trên đây là".
    for h in [
        SECTION_HEADINGS[0],
        SECTION_HEADINGS[1],
        SECTION_HEADINGS[2],
        ASSESSMENT_HEADINGS[0],
        ASSESSMENT_HEADINGS[1],
        ASSESSMENT_HEADINGS[2],
        SECTION_HEADINGS[3],
        SECTION_HEADINGS[4],
    ] {
        let at = find(h);
        assert!(at > last, "{h} out of order");
        last = at;
    }
    let closing = paras
        .iter()
        .position(|p| p.starts_with("Trên đây là"))
        .unwrap();
    assert!(closing > last);
    // Narrative lines become paragraphs.
    assert!(find("Giao Phòng QLDSVH chủ trì.") > find(SECTION_HEADINGS[0]));
    // Items with figures against targets, units, status and money.
    let item = find("1. Tham dự các Hội nghị, diễn đàn Mạng lưới");
    assert!(item > find(SECTION_HEADINGS[1]) && item < find(SECTION_HEADINGS[2]));
    assert_eq!(
        paras[item + 1],
        "- Kết quả: Tham gia 21 phiên họp trực tuyến."
    );
    assert_eq!(
        paras[item + 2],
        "- Chỉ tiêu (thực hiện/kế hoạch): 21/20–30 cuộc/năm (Đạt)"
    );
    assert!(paras.contains(&"- Kinh phí đã sử dụng: 1.234.567 ₫".to_string()));
    assert!(paras.contains(&"- Chỉ tiêu (thực hiện/kế hoạch): —/2 clip".to_string()));
    // Text is escaped and read back verbatim.
    assert!(paras.contains(&"1.1. Phiên họp <thường niên> & \"đặc biệt\"".to_string()));
}

#[test]
fn recipients_and_signer_side_by_side() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let tables: Vec<_> = doc.descendants().filter(|n| is(n, "tbl")).collect();
    assert_eq!(tables.len(), 3, "header, closing, appendix");
    let closing = tables[1];
    let cells: Vec<_> = closing.descendants().filter(|n| is(n, "tc")).collect();
    assert_eq!(cells.len(), 2);
    let lines = |c: &roxmltree::Node| -> Vec<String> {
        c.children().filter(|n| is(n, "p")).map(text).collect()
    };
    assert_eq!(
        lines(&cells[0]),
        vec![
            "Nơi nhận:",
            "- UBND Thành phố (để b/c);",
            "- Đ/c Giám đốc Sở;",
            "- Lưu: VT, QLDSVH."
        ]
    );
    let right = lines(&cells[1]);
    assert_eq!(right[0], "KT. GIÁM ĐỐC");
    assert_eq!(right[1], "PHÓ GIÁM ĐỐC");
    assert_eq!(right.last().unwrap(), "Đỗ Đình Hồng");
}

#[test]
fn page_numbers_from_page_two() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let rels = roxmltree::Document::parse(d.part("word/_rels/document.xml.rels")).unwrap();
    let target = |id: &str| {
        let t = rels
            .descendants()
            .find(|n| n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .unwrap();
        format!("word/{t}")
    };
    let body = doc.descendants().find(|n| is(n, "sectPr")).unwrap();
    assert!(
        body.children().any(|n| is(&n, "titlePg")),
        "distinct first page"
    );
    let refs: Vec<(String, String)> = body
        .children()
        .filter(|n| is(n, "headerReference"))
        .map(|n| {
            let id = n.attribute((
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "id",
            ));
            (w(n, "type").unwrap().to_string(), target(id.unwrap()))
        })
        .collect();
    let of = |kind: &str| {
        let part = &refs.iter().find(|(t, _)| t == kind).unwrap().1;
        d.part(part).to_string()
    };
    assert!(!of("first").contains("PAGE"), "no number on page 1");
    assert!(text(roxmltree::Document::parse(&of("first")).unwrap().root()).is_empty());
    let default = of("default");
    assert!(default.contains(">PAGE<"), "PAGE field: {default}");
    assert!(default.contains("fldChar"));
    // The appendix (last section) numbers every page.
    let last = doc.descendants().rfind(|n| is(n, "sectPr")).unwrap();
    assert!(!last.children().any(|n| is(&n, "titlePg")));
    assert!(last.children().any(|n| is(&n, "headerReference")));
}

#[test]
fn appendix_table_has_a_row_per_item() {
    let r = sample();
    let d = Docx::read(&to_docx(&r).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let paras = body_paragraphs(&doc);
    assert!(paras.contains(&"PHỤ LỤC".to_string()));
    assert!(paras.contains(&"(Kèm theo Báo cáo số 125/BC-SVHTT ngày 05/12/2025)".to_string()));
    let table = doc.descendants().rfind(|n| is(n, "tbl")).unwrap();
    let rows: Vec<Vec<String>> = table
        .children()
        .filter(|n| is(n, "tr"))
        .map(|r| r.children().filter(|n| is(n, "tc")).map(text).collect())
        .collect();
    assert_eq!(rows.len(), 1 + r.appendix.len());
    assert_eq!(rows[0], APPENDIX_HEADERS.to_vec());
    assert_eq!(
        rows[1],
        vec![
            "1.",
            "Tham dự các Hội nghị",
            "Phòng QLDSVH",
            "31/12/2025",
            "21/20–30 cuộc/năm",
            "Hoàn thành",
            "Tốt"
        ]
    );
    assert_eq!(rows[2][3], "");
}

#[test]
fn a_draft_without_number_date_or_appendix() {
    let mut r = sample();
    r.number = None;
    r.date = None;
    r.appendix.clear();
    r.signer.authority.clear();
    r.parent_agency.clear();
    let d = Docx::read(&to_docx(&r).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let all: String = text(doc.root());
    assert!(all.contains("Số:        /BC-SVHTT"));
    assert!(all.contains("Hà Nội, ngày     tháng     năm 2025"));
    assert!(!all.contains("PHỤ LỤC"));
    let sects: Vec<_> = doc.descendants().filter(|n| is(n, "sectPr")).collect();
    let sz = sects
        .last()
        .unwrap()
        .children()
        .find(|n| is(n, "pgSz"))
        .unwrap();
    assert_eq!(
        w(sz, "w"),
        Some("11906"),
        "no landscape page without an appendix"
    );
    assert_eq!(sects.len(), 1);
    assert!(sects[0].children().any(|n| is(&n, "titlePg")));
    let tables: Vec<_> = doc.descendants().filter(|n| is(n, "tbl")).collect();
    assert_eq!(tables.len(), 2);
}

#[test]
fn parts_are_deflated() {
    let bytes = to_docx(&sample()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    assert_eq!(
        zip.by_index(0).unwrap().name().unwrap(),
        "[Content_Types].xml"
    );
    let doc = zip.by_name("word/document.xml").unwrap();
    assert_eq!(doc.compression(), zip::CompressionMethod::Deflated);
    assert!(
        doc.compressed_size() * 3 < doc.size(),
        "{} of {}",
        doc.compressed_size(),
        doc.size()
    );
}

#[test]
fn empty_report_still_writes_a_valid_document() {
    let d = Docx::read(&to_docx(&OfficialReport::default()).unwrap());
    roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
}

#[test]
fn date_and_number_lines() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    assert_eq!(
        place_date_line("Hà Nội", d(2025, 2, 3), 2025),
        "Hà Nội, ngày 03 tháng 02 năm 2025"
    );
    assert_eq!(
        place_date_line("Hà Nội", d(2025, 3, 15), 2025),
        "Hà Nội, ngày 15 tháng 3 năm 2025"
    );
    assert_eq!(
        place_date_line("Hà Nội", d(2025, 11, 30), 2025),
        "Hà Nội, ngày 30 tháng 11 năm 2025"
    );
    assert_eq!(number_line(Some(" 7 "), "BC-SVHTT"), "Số: 7/BC-SVHTT");
    assert_eq!(number_line(Some(""), "BC-SVHTT"), "Số:        /BC-SVHTT");
    assert_eq!(vntext::format::format_number(1500.0), "1.500");
    assert_eq!(vntext::format::format_number(2.5), "2,5");
    assert_eq!(vntext::format::format_vnd(1_234_567), "1.234.567 ₫");
}

#[test]
fn the_number_is_taken_as_typed_and_never_doubles_the_symbol() {
    let line = |n: &str| number_line(Some(n), "BC-SVHTT");
    for typed in [
        "285",
        "285/BC-SVHTT",
        "Số: 285/BC-SVHTT",
        "số 285/BC-SVHTT",
        "SỐ:285/BC-SVHTT",
        " 285 / bc-svhtt ",
        "Số 285",
    ] {
        assert_eq!(line(typed), "Số: 285/BC-SVHTT", "typed {typed:?}");
    }
    // Another symbol is the clerk's choice, kept as typed.
    assert_eq!(line("285/KH-SVHTT"), "Số: 285/KH-SVHTT");
    assert_eq!(line("Số: 285/KH-SVHTT"), "Số: 285/KH-SVHTT");
    // No number yet: room to write it by hand.
    for typed in ["", "  ", "Số:", "/BC-SVHTT"] {
        assert_eq!(line(typed), "Số:        /BC-SVHTT", "typed {typed:?}");
    }
    assert_eq!(number_line(None, "BC-SVHTT"), "Số:        /BC-SVHTT");
    // Words that merely start like "số" are not the prefix.
    assert_eq!(line("Sổ 12"), "Số: Sổ 12/BC-SVHTT");
    assert_eq!(
        number_reference(Some("Số: 285/BC-SVHTT"), "BC-SVHTT"),
        "số 285/BC-SVHTT"
    );
    assert_eq!(number_reference(None, "BC-SVHTT"), "số      /BC-SVHTT");

    // The header, the appendix's reference and the annex use the same reading.
    let mut r = sample();
    r.number = Some("số 285/BC-SVHTT".into());
    let d = Docx::read(&to_docx(&r).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let all = text(doc.root());
    assert!(all.contains("Số: 285/BC-SVHTT"), "{all}");
    assert!(!all.contains("BC-SVHTT/BC-SVHTT"), "{all}");
    assert!(
        body_paragraphs(&doc)
            .contains(&"(Kèm theo Báo cáo số 285/BC-SVHTT ngày 05/12/2025)".to_string())
    );
}

/// Times New Roman's advance widths in thousandths of an em (regular and bold agree):
/// digits 500, the slash 278.
fn times_width_twips(text: &str, half_points: usize) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            '0'..='9' => 0.5,
            '/' => 0.278,
            _ => panic!("no width for {c:?}"),
        })
        .sum();
    em * half_points as f64 / 2.0 * 20.0
}

#[test]
fn the_appendix_table_is_fixed_and_its_dates_fit_on_one_line() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let table = doc.descendants().rfind(|n| is(n, "tbl")).unwrap();
    let props = table.children().find(|n| is(n, "tblPr")).unwrap();
    let layout = props
        .children()
        .find(|n| is(n, "tblLayout"))
        .expect("a layout");
    assert_eq!(w(layout, "type"), Some("fixed"));
    let grid: Vec<usize> = table
        .descendants()
        .filter(|n| is(n, "gridCol"))
        .map(|n| w(n, "w").unwrap().parse().unwrap())
        .collect();
    assert_eq!(grid.len(), APPENDIX_HEADERS.len());
    assert_eq!(
        grid.iter().sum::<usize>(),
        16838 - 1701 - 851,
        "landscape text width"
    );
    // Word's default cell margin is 108 twips a side when the table names none.
    let margin = |side: &str| {
        props
            .descendants()
            .find(|n| is(n, "tblCellMar"))
            .and_then(|m| m.children().find(|n| is(n, side)))
            .map_or(108.0, |n| w(n, "w").unwrap().parse::<f64>().unwrap())
    };
    let date = APPENDIX_HEADERS
        .iter()
        .position(|h| *h == "Thời hạn")
        .unwrap();
    let needed = times_width_twips("31/12/2025", 24) + margin("left") + margin("right");
    assert!(
        grid[date] as f64 >= needed,
        "date column {} twips, \"31/12/2025\" needs {needed:.0}",
        grid[date]
    );
    // Every cell is as wide as its grid column, and its text is the table's size.
    for row in table.children().filter(|n| is(n, "tr")) {
        for (cell, col) in row.children().filter(|n| is(n, "tc")).zip(&grid) {
            let tcw = cell.descendants().find(|n| is(n, "tcW")).unwrap();
            assert_eq!(w(tcw, "w"), Some(col.to_string().as_str()));
            for sz in cell.descendants().filter(|n| is(n, "sz")) {
                assert_eq!(w(sz, "val"), Some("24"));
            }
        }
    }
}
