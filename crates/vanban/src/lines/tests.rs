//! Paragraphs and tables recovered from small texts in each layout.

use super::clean::strip_emphasis;
use super::*;

fn paras(text: &str) -> Vec<String> {
    blocks(text)
        .into_iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.text),
            _ => None,
        })
        .collect()
}

#[test]
fn joins_pdf_wraps_with_blank_lines_between() {
    let text = "Triển khai các hoạt động với vai trò là thành viên Mạng lưới các Thành \n\nphố Sáng tạo của UNESCO, tham gia các hoạt động mạng lưới góp phần tuyên \n\ntruyền, giới thiệu. \n\nII. Yêu cầu \n\n- Đảm bảo sự phối hợp chặt chẽ, thường xuyên, thống nhất giữa các cơ \n\nquan liên quan.\n\n- Các hoạt động phải đảm bảo thiết thực, hiệu quả, tiết kiệm. \n\nx\n\ny\n\nz\n\nw\n\nv\n\n";
    let p = paras(text);
    assert_eq!(
        p[0],
        "Triển khai các hoạt động với vai trò là thành viên Mạng lưới các Thành phố Sáng tạo của UNESCO, tham gia các hoạt động mạng lưới góp phần tuyên truyền, giới thiệu."
    );
    assert_eq!(p[1], "II. Yêu cầu");
    assert_eq!(
        p[2],
        "- Đảm bảo sự phối hợp chặt chẽ, thường xuyên, thống nhất giữa các cơ quan liên quan."
    );
}

#[test]
fn markdown_bold_headings_and_bar_tables() {
    let text = "|\n**ỦY BAN NHÂN DÂN\n**\nTỈNH SƠN LA\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 2954/QĐ-UBND\n|\n*Sơn La, ngày 20\ntháng 11 năm 2025*\n|\n\n**II. MỤC\nĐÍCH, YÊU CẦU**\n\nNội dung thứ nhất\nvà dòng tiếp.\n";
    let b = blocks(text);
    let Block::Table(t) = &b[0] else {
        panic!("{b:?}")
    };
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0][0], "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA");
    assert_eq!(t.rows[1][1], "Sơn La, ngày 20\ntháng 11 năm 2025");
    let Block::Para(h) = &b[1] else { panic!() };
    assert_eq!(h.text, "II. MỤC ĐÍCH, YÊU CẦU");
    assert!(h.strong);
    let Block::Para(p) = &b[2] else { panic!() };
    assert_eq!(p.text, "Nội dung thứ nhất và dòng tiếp.");
}

#[test]
fn word_rows_and_page_numbers() {
    let text = "TT | Nhiệm vụ | Chủ trì\n1 | Việc một / dòng hai | Sở A\n\n12\n\nĐoạn văn.\n\u{000C}Trang tiếp theo.";
    let b = blocks(text);
    let Block::Table(t) = &b[0] else { panic!() };
    assert_eq!(t.rows[1], vec!["1", "Việc một\ndòng hai", "Sở A"]);
    assert_eq!(paras(text), vec!["Đoạn văn.", "Trang tiếp theo."]);
}

#[test]
fn dash_continuation_of_a_range() {
    let text = "Phát triển kinh tế xã hội của tỉnh trong giai đoạn 2021 và tầm nhìn giai đoạn 2021\n- 2025 theo hướng bền vững.\n- Mục tiếp theo.\n";
    let p = paras(text);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].ends_with("2021 - 2025 theo hướng bền vững."));
}

#[test]
fn html_table() {
    let text = "<table><tr><td>STT</td><td>Nội dung</td></tr><tr><td>1</td><td>Việc &amp; làm</td></tr></table>";
    let b = blocks(text);
    let tables: Vec<_> = b
        .iter()
        .filter_map(|x| {
            if let Block::Table(t) = x {
                Some(t)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].rows[1], vec!["1", "Việc & làm"]);
}

#[test]
fn emphasis_is_removed_but_footnote_marks_stay() {
    assert_eq!(
        strip_emphasis("*Căn cứ* Luật (*) và **đậm**"),
        "Căn cứ Luật (*) và đậm"
    );
}
