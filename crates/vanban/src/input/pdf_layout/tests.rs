use super::furniture::{drop_running_lines, is_page_number};
use super::tables::{Cell, TablePiece};
use super::*;

fn table(rows: &[&[&str]]) -> TablePiece {
    TablePiece {
        bounds: vec![0.0, 30.0, 300.0, 400.0],
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
    }
}

#[test]
fn a_row_cut_by_a_page_break_is_joined_and_a_repeated_header_dropped() {
    let head: &[&str] = &["STT", "Nội dung", "Đơn vị chủ trì"];
    let mut first = table(&[head, &["1", "Kiểm tra cơ sở", "Sở Văn"]]);
    let next = table(&[
        head,
        &["", "văn hóa", "hóa và Thể thao"],
        &["2", "Tập huấn", "Sở Y tế"],
    ]);
    assert!(first.same_columns(&next));
    first.continue_with(next);
    assert_eq!(
        first.rows,
        vec![
            vec!["STT", "Nội dung", "Đơn vị chủ trì"],
            vec!["1", "Kiểm tra cơ sở văn hóa", "Sở Văn hóa và Thể thao"],
            vec!["2", "Tập huấn", "Sở Y tế"],
        ]
    );
}

fn line(text: &str) -> Piece {
    Piece::Line {
        text: text.to_string(),
        blank_before: false,
    }
}

fn texts(page: &[Piece]) -> Vec<&str> {
    page.iter()
        .filter_map(|p| match p {
            Piece::Line { text, .. } => Some(text.as_str()),
            Piece::Table(_) => None,
        })
        .collect()
}

#[test]
fn page_numbers_and_running_headers_are_dropped() {
    let mut pages = vec![
        vec![line("KẾ HOẠCH"), line("Nội dung trang một"), line("1")],
        vec![
            line("Sở Y tế - Kế hoạch số 12"),
            line("Nội dung trang hai"),
            line("- 2 -"),
        ],
        vec![
            line("Sở Y tế - Kế hoạch số 12"),
            line("Trang 3"),
            line("Nội dung trang ba"),
            line("3/3"),
        ],
    ];
    drop_running_lines(&mut pages);
    assert_eq!(texts(&pages[0]), ["KẾ HOẠCH", "Nội dung trang một"]);
    assert_eq!(texts(&pages[1]), ["Nội dung trang hai"]);
    assert_eq!(texts(&pages[2]), ["Nội dung trang ba"]);
    // A numbered line of the content is not a page number.
    assert!(!is_page_number("1. Tổ chức hội nghị"));
    assert!(!is_page_number("Năm 2025"));
}

#[test]
fn cell_lines_join_as_sentences_or_as_lines() {
    let g = |x0: f64, x1: f64, y: f64, t: &str| Glyph {
        x0,
        x1,
        y,
        size: 10.0,
        text: t.to_string(),
    };
    let glyphs = [
        g(0.0, 90.0, 10.0, "Nơi nhận:"),
        g(0.0, 10.0, 22.0, "-"),
        g(14.0, 95.0, 22.0, "Sở Nội vụ;"),
        g(0.0, 180.0, 34.0, "Ủy ban nhân dân các xã, phường"),
        g(0.0, 60.0, 46.0, "thuộc tỉnh;"),
    ];
    let mut cell = Cell::new(12.0);
    for k in [0usize, 1, 3, 4] {
        let on_line: Vec<&Glyph> = glyphs.iter().filter(|x| x.y == glyphs[k].y).collect();
        cell.push(&on_line, f64::MIN, f64::MAX);
    }
    assert_eq!(
        cell.text(190.0),
        "Nơi nhận: / - Sở Nội vụ; / Ủy ban nhân dân các xã, phường thuộc tỉnh;"
    );
}
