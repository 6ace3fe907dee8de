//! Each kind of phrase read from short texts, and texts that must read as nothing.

use super::deadlines::{RECURRENCE, recurrence_spans};
use super::refs::{KIND_WORDS, kind_before, laws_by_name};
use super::*;
use crate::model::Target;
use crate::text::fold;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

type Key = (Option<f64>, Option<f64>, String, Option<String>);

fn t(min: Option<f64>, max: Option<f64>, unit: &str, per: Option<&str>) -> Key {
    (min, max, unit.to_string(), per.map(str::to_string))
}
fn key(ts: &[Target]) -> Vec<Key> {
    ts.iter()
        .map(|x| (x.min, x.max, x.unit.clone(), x.per.clone()))
        .collect()
}

#[test]
fn numbers() {
    assert_eq!(parse_number("02"), Some(2.0));
    assert_eq!(parse_number("1.234.567"), Some(1234567.0));
    assert_eq!(parse_number("2.989,5"), Some(2989.5));
    assert_eq!(parse_number("1,5"), Some(1.5));
    assert_eq!(parse_number("33,59"), Some(33.59));
    assert_eq!(parse_number("abc"), None);
}

#[test]
fn range_targets() {
    assert_eq!(
        key(&targets("khu vực Đông Nam Á (20-30 cuộc/năm)", false)),
        vec![t(Some(20.0), Some(30.0), "cuộc", Some("năm"))]
    );
    assert_eq!(
        key(&targets(
            "Xây dựng clip (02-03 clip theo chủ đề diễn đàn)",
            false
        )),
        vec![t(Some(2.0), Some(3.0), "clip", None)]
    );
    assert_eq!(
        key(&targets("Số lượng trang: 30- 40 trang trong các số", false)),
        vec![t(Some(30.0), Some(40.0), "trang", None)]
    );
    assert_eq!(
        key(&targets("Thời lượng: 12-15 phút", false)),
        vec![t(Some(12.0), Some(15.0), "phút", None)]
    );
    assert_eq!(
        key(&targets("tổ chức từ 3 đến 5 buổi", false)),
        vec![t(Some(3.0), Some(5.0), "buổi", None)]
    );
    assert_eq!(
        key(&targets("tăng bình quân 10 - 13%/năm", false)),
        vec![t(Some(10.0), Some(13.0), "%", Some("năm"))]
    );
    assert_eq!(
        key(&targets("đạt 05 - 06%/năm", false)),
        vec![t(Some(5.0), Some(6.0), "%", Some("năm"))]
    );
    assert_eq!(targets("(03-05 cuộc)", false)[0].text, "03-05 cuộc");
}

#[test]
fn single_and_floor_targets() {
    assert_eq!(
        key(&targets("xây dựng 01 khu trưng bày", false)),
        vec![t(Some(1.0), Some(1.0), "khu", None)]
    );
    assert_eq!(
        key(&targets("đạt 100% cơ quan", false)),
        vec![t(Some(100.0), Some(100.0), "%", None)]
    );
    assert_eq!(
        key(&targets("đăng ít nhất 04 tin, bài mỗi tháng", false)),
        vec![t(Some(4.0), None, "tin, bài", Some("tháng"))]
    );
    assert_eq!(
        key(&targets("sản lượng 2.989,5 MW", true)),
        vec![t(Some(2989.5), Some(2989.5), "MW", None)]
    );
}

#[test]
fn counts_whose_noun_is_not_in_the_word_list() {
    // A leading zero, a qualifier, thousands or a "/năm" make the figure a count, whatever
    // the noun.
    let one = |text: &str| key(&targets(text, false));
    assert_eq!(
        one("khảo sát 07 cửa sông"),
        vec![t(Some(7.0), Some(7.0), "cửa", None)]
    );
    assert_eq!(
        one("quan trắc 240 mẫu/năm"),
        vec![t(Some(240.0), Some(240.0), "mẫu", Some("năm"))]
    );
    assert_eq!(
        one("đón 3.000 lượt khách"),
        vec![t(Some(3000.0), Some(3000.0), "lượt", None)]
    );
    assert_eq!(
        one("xây dựng ít nhất 02 vùng"),
        vec![t(Some(2.0), None, "vùng", None)]
    );
    // A bare figure before an unknown noun stays unread: "tổ chức 3 hoạt động" is a count
    // of a known noun, "ở 3 tầng" is not a target.
    assert!(one("nhà cao 3 tầng").is_empty());
}

#[test]
fn floors_and_ranges_written_with_symbols() {
    let one = |text: &str| key(&targets(text, false));
    assert_eq!(
        one("tỷ lệ che phủ ≥ 30%"),
        vec![t(Some(30.0), None, "%", None)]
    );
    assert_eq!(
        one("tỷ lệ hộ nghèo ≤5%"),
        vec![t(None, Some(5.0), "%", None)]
    );
    assert_eq!(
        one("tỷ lệ đạt 85%-90%"),
        vec![t(Some(85.0), Some(90.0), "%", None)]
    );
    assert_eq!(
        one("tỷ lệ từ 98% trở lên"),
        vec![t(Some(98.0), None, "%", None)]
    );
    assert_eq!(
        targets("tỷ lệ từ 98% trở lên", false)[0].text,
        "98% trở lên"
    );
}

#[test]
fn measures_with_symbols_and_glued_hectares() {
    let one = |text: &str| key(&targets(text, false));
    assert_eq!(
        one("tốc độ truy cập 100 Mbit/s"),
        vec![t(Some(100.0), Some(100.0), "Mbit/s", None)]
    );
    assert_eq!(
        one("diện tích 250 m²"),
        vec![t(Some(250.0), Some(250.0), "m²", None)]
    );
    assert_eq!(
        one("trồng rừng 500ha"),
        vec![t(Some(500.0), Some(500.0), "ha", None)]
    );
    // A time stays a time.
    assert!(one("lúc 7h30 ngày 5/3").is_empty());
}

#[test]
fn not_targets() {
    assert!(targets("giai đoạn 2021-2025", false).is_empty());
    assert!(targets("(06/01/1946 - 06/01/2026)", false).is_empty());
    assert!(targets("từ 7h00 - 7h15", false).is_empty());
    assert!(targets("ngày 16/12/2024 của Sở", false).is_empty());
    assert!(targets("Kế hoạch số 102/KH-UBND năm 2025", false).is_empty());
    assert!(targets("(01 - 08/6)", false).is_empty());
    assert!(targets("1.2. Đơn vị thực hiện", false).is_empty());
}

fn d(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// 20,000 texts of up to `max_pieces - 1` pieces, the same for a seed (xorshift).
fn generated_texts(pieces: &[&str], max_pieces: u64, seed: u64) -> Vec<String> {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..20_000)
        .map(|_| {
            let len = next() % max_pieces;
            (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn recurrence_spans_are_the_patterns_matches() {
    let whole = Regex::new(&format!(r"(?i)(?-u:\b)(?:{RECURRENCE})")).expect("valid regex");
    let pieces = [
        "thường xuyên",
        "THƯỜNG XUYÊN",
        "Thường Xuyên",
        "liên tục",
        "LiÊn TụC",
        "định kỳ",
        "Định Kỳ",
        "hằng",
        "Hàng",
        "HẰNG",
        " năm",
        " quý",
        "  tháng",
        " tuần",
        "ngày",
        " ",
        "\n",
        "a",
        "x",
        "xuy",
        "tục",
        "kỳ",
        "\u{212A}ỳ",
        "_",
        "1",
        ".",
        "ườ",
        "Đ",
        "định ",
        "ĐỊNH ",
        "HÀNG",
    ];
    for text in generated_texts(&pieces, 16, 0x9E37_79B9_7F4A_7C15) {
        let expected: Vec<_> = whole.find_iter(&text).map(|m| m.range()).collect();
        assert_eq!(recurrence_spans(&text), expected, "{text:?}");
    }
}

#[test]
fn recurrence_in_any_case() {
    for t in [
        "Báo cáo định kỳ hằng quý",
        "Thực hiện THƯỜNG XUYÊN.",
        "tổ chức Hàng Năm",
        "Năm 2025 rà soát LiÊn TụC.",
    ] {
        let d = deadlines(t, false, None);
        assert!(d.iter().any(|d| d.recurrence.is_some()), "{t}: {d:?}");
    }
}

#[test]
fn deadline_phrases() {
    let x = deadlines("hoàn thành trước ngày 30/6/2025", false, None);
    assert_eq!((x[0].due, x[0].start), (d("2025-06-30"), None));
    let x = deadlines("Quý II/2025", false, None);
    assert_eq!((x[0].start, x[0].due), (d("2025-04-01"), d("2025-06-30")));
    let x = deadlines("Quý IV/2025 - Quý II/2026", false, None);
    assert_eq!(x.len(), 1);
    assert_eq!((x[0].start, x[0].due), (d("2025-10-01"), d("2026-06-30")));
    let x = deadlines("trong tháng 11/2025", false, None);
    assert_eq!((x[0].start, x[0].due), (d("2025-11-01"), d("2025-11-30")));
    let x = deadlines("năm 2025", true, None);
    assert_eq!((x[0].start, x[0].due), (d("2025-01-01"), d("2025-12-31")));
    let x = deadlines("quý I năm 2026", false, None);
    assert_eq!(x[0].due, d("2026-03-31"));
    let x = deadlines("Báo cáo hằng tháng", false, None);
    assert_eq!(x[0].recurrence.as_deref(), Some("hằng tháng"));
    let x = deadlines("Thường xuyên", true, None);
    assert_eq!(x[0].recurrence.as_deref(), Some("thường xuyên"));
    let x = deadlines("Trước ngày 24/8", false, Some(2026));
    assert_eq!(x[0].due, d("2026-08-24"));
    let x = deadlines("trước ngày 15", false, None);
    assert_eq!((x.len(), x[0].due), (1, None));
    let x = deadlines("Xong trong Quý II/2026", true, None);
    assert_eq!(x.len(), 1);
}

#[test]
fn free_text_ignores_reference_dates_and_adverbs() {
    assert!(deadlines("Luật ngày 16 tháng 6 năm 2025 của Quốc hội", false, None).is_empty());
    assert!(
        deadlines(
            "phối hợp chặt chẽ, thường xuyên giữa các cơ quan",
            false,
            None
        )
        .is_empty()
    );
    assert!(
        deadlines("trước 15h00 ngày 15/6/2026", false, None)
            .iter()
            .all(|x| x.text != "trước 15")
    );
}

#[test]
fn money() {
    assert_eq!(
        money_amounts("tổng kinh phí 285 tỷ đồng"),
        vec![285_000_000_000]
    );
    assert_eq!(money_amounts("7.080 tỷ đồng"), vec![7_080_000_000_000]);
    assert_eq!(money_amounts("5.373,4 triệu đồng"), vec![5_373_400_000]);
    assert_eq!(
        money_amounts("80 triệu đồng và 1.234.567 đồng"),
        vec![80_000_000, 1_234_567]
    );
}

/// `kind_before` as the single pattern it stands for (slow: see `law_name_fits`).
fn kind_before_by_pattern(before: &str) -> Option<String> {
    static EXACT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)({KIND_WORDS}|luật(?:\s+[\p{{L}}\s,]{{2,80}}?)?)\s*(?:số)?\s*(?:số)?\s*$"
        ))
        .expect("valid regex")
    });
    let k = EXACT.captures(before)?;
    let words: Vec<&str> = k[1].split_whitespace().take(2).collect();
    let kind = fold(&words.join(" "));
    // Only whether a law is named counts, not the law's name.
    Some(if kind.starts_with("luat") {
        "luat".into()
    } else {
        kind
    })
}

#[test]
fn kind_before_reads_as_its_pattern() {
    let pieces = [
        "Luật",
        "luật",
        "LUẬT",
        " số",
        "Số",
        " SỐ",
        "ſố",
        "số",
        " ",
        "  ",
        "\u{A0}",
        ",",
        "Kế hoạch",
        "Quyết định",
        "Đất đai",
        " tổ chức",
        "a",
        "12",
        ";",
        "ố",
        "s",
        "\t",
        " chính quyền địa phương và",
        "\u{301}",
    ];
    for text in generated_texts(&pieces, 24, 0x2545_F491_4F6C_DD1D) {
        assert_eq!(
            kind_before(&text),
            kind_before_by_pattern(&text),
            "{text:?}"
        );
    }
}

#[test]
fn kind_before_a_number_and_laws_names() {
    assert_eq!(
        kind_before("Căn cứ Quyết định số "),
        Some("quyet dinh".into())
    );
    // A law's name of up to 80 letters runs up to the number...
    assert_eq!(
        kind_before("Căn cứ Luật Đầu tư công, Quyết định số "),
        Some("luat".into())
    );
    // ... but no further.
    let long = format!("Căn cứ Luật {}Quyết định số ", "tổ chức ".repeat(12));
    assert_eq!(kind_before(&long), Some("quyet dinh".into()));
    assert_eq!(kind_before("Căn cứ ngày 5 tháng 6 "), None);
}

#[test]
fn references() {
    let r = doc_refs(
        "Thực hiện Kế hoạch số 102/KH-UBND ngày 01/4/2022 của UBND thành phố Hà Nội về việc thực hiện",
    );
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].kind_code.as_deref(), Some("KH"));
    assert_eq!(r[0].number.as_deref(), Some("102"));
    assert_eq!(r[0].symbol.as_deref(), Some("KH-UBND"));
    assert_eq!(r[0].date, d("2022-04-01"));
    assert_eq!(r[0].issuer.as_deref(), Some("UBND thành phố Hà Nội"));
    let r = doc_refs("Căn cứ Nghị định số 200/2025/NĐ-CP ngày 09/7/2025 của Chính phủ quy định");
    assert_eq!(
        (r[0].kind_code.as_deref(), r[0].symbol.as_deref()),
        (Some("NĐ"), Some("2025/NĐ-CP"))
    );
    assert_eq!(r[0].issuer.as_deref(), Some("Chính phủ"));
    let r = doc_refs("Nghị quyết số 35-NQ/TU ngày 29/12/2025 của Tỉnh ủy Lào Cai");
    assert_eq!(
        (
            r[0].number.as_deref(),
            r[0].symbol.as_deref(),
            r[0].kind_code.as_deref()
        ),
        (Some("35"), Some("NQ/TU"), Some("NQ"))
    );
}

#[test]
fn unit_lists() {
    assert_eq!(
        split_units("Bảo tàng Hà Nội, Văn phòng Sở."),
        vec!["Bảo tàng Hà Nội", "Văn phòng Sở"]
    );
    assert_eq!(
        split_units(
            "Phòng Quản lý Di sản văn hóa, Tạp chí Kiến trúc (Hội Kiến trúc sư Việt Nam, chi hội)"
        ),
        vec![
            "Phòng Quản lý Di sản văn hóa",
            "Tạp chí Kiến trúc (Hội Kiến trúc sư Việt Nam, chi hội)"
        ]
    );
    assert_eq!(
        split_units("Sở Văn hóa và Thể thao; Sở Nội vụ và Sở Tài chính"),
        vec!["Sở Văn hóa và Thể thao", "Sở Nội vụ", "Sở Tài chính"]
    );
    assert_eq!(
        split_units("Sở Văn hóa, Thể thao và Du lịch, Sở Tài chính"),
        vec!["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính"]
    );
    assert_eq!(
        split_units("Các sở, ngành, UBND xã, phường, đặc khu"),
        vec!["Các sở, ngành", "UBND xã, phường, đặc khu"]
    );
    let (l, c) = inline_units(
        "Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính, UBND các xã triển khai thực hiện.",
    );
    assert_eq!(l, vec!["Sở Công Thương"]);
    assert_eq!(c, vec!["Sở Tài chính", "UBND các xã"]);
    let (l, _) = inline_units("xác định rõ cơ quan chủ trì, thời hạn xử lý");
    assert!(l.is_empty());
}

#[test]
fn places_and_dates() {
    let (p, dt, y) = place_and_date("Hà Nội, ngày 01 tháng 4 năm 2022").unwrap();
    assert_eq!((p.as_str(), dt, y), ("Hà Nội", d("2022-04-01"), Some(2022)));
    let (p, dt, y) = place_and_date("Lào Cai, ngày       tháng 4 năm 2026").unwrap();
    assert_eq!((p.as_str(), dt, y), ("Lào Cai", None, Some(2026)));
}

#[test]
fn deadlines_written_in_words_and_open_ended_years() {
    // A date in words after "trước ngày" is the due date, in a field or not, and the
    // year inside it is not read again as a year-long deadline.
    for field in [false, true] {
        let x = deadlines("Hoàn thành trước ngày 01 tháng 01 năm 2026", field, None);
        assert_eq!(x.len(), 1, "{x:?}");
        assert_eq!(x[0].due, d("2026-01-01"));
    }
    // "năm 2025 và các năm tiếp theo" has no end: continuous, the words kept.
    for field in [false, true] {
        let x = deadlines("Thời gian: năm 2025 và các năm tiếp theo", field, None);
        assert_eq!(x.len(), 1, "{x:?}");
        assert_eq!((x[0].due, x[0].start), (None, d("2025-01-01")));
        assert_eq!(x[0].recurrence.as_deref(), Some("thường xuyên"));
        assert!(x[0].text.contains("các năm tiếp theo"), "{:?}", x[0].text);
    }
    // A bare year is a deadline in a time field (a table's time column), not in prose.
    let x = deadlines("2026", true, None);
    assert_eq!((x[0].start, x[0].due), (d("2026-01-01"), d("2026-12-31")));
    assert!(deadlines("2026", false, None).is_empty());
    assert!(deadlines("đạt 2026 lượt", true, None).is_empty());
}

#[test]
fn laws_by_name_and_date_and_documents_named_twice() {
    let r = doc_refs(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025 của Quốc hội;",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!((r[0].number.as_deref(), r[0].date), (None, d("2025-06-16")));
    assert_eq!(r[0].issuer.as_deref(), Some("Quốc hội"));
    // With its number, a law is read once, by its number.
    let r = doc_refs("Căn cứ Luật số 72/2025/QH15 ngày 16/6/2025;");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].number.as_deref(), Some("72"));
    // A document named again in its own clause is one reference.
    let r = doc_refs(
        "Căn cứ Nghị định số 100/2024/NĐ-CP ngày 26/7/2024 của Chính phủ (gọi tắt là Nghị định số 100/2024/NĐ-CP);",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].date, d("2024-07-26"));
    // Two documents stay two.
    let r = doc_refs(
        "Căn cứ Thông tư số 05/2025/TT-BVHTTDL ngày 01/3/2025 sửa đổi Thông tư số 12/2020/TT-BVHTTDL;",
    );
    assert_eq!(r.len(), 2, "{r:?}");
}

/// `laws_by_name` as the single pattern it stands for (slow: see `RE_LAW_HEAD`).
fn laws_by_pattern(text: &str) -> Vec<(usize, usize, &str)> {
    static EXACT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            &r"\b(Luật\s+[\p{Lu}Đ][\p{L}\s,]{1,100}?)\s*,?\s*(?:được\s+Quốc hội\s+thông qua\s+)?ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
                .replace(r"\b", r"(?-u:\b)"),
        )
        .expect("valid regex")
    });
    EXACT
        .captures_iter(text)
        .map(|c| {
            let m = c.get(0).expect("m");
            (m.start(), m.end(), c.get(2).expect("date").as_str())
        })
        .collect()
}

#[test]
fn laws_by_name_reads_as_its_pattern() {
    let pieces = [
        "Luật",
        "xLuật",
        "luật",
        " ",
        "  ",
        "\u{A0}",
        ",",
        "Đất đai",
        " Tổ chức",
        " chính quyền địa phương và",
        "a",
        "12",
        "ngày",
        " ngày 5 tháng 6 năm 2025",
        " ngày 18/01/2024",
        "được Quốc hội thông qua ",
        ";",
        " số 72/2025/QH15",
        "\u{301}",
        "É",
    ];
    let mut read = 0;
    for text in generated_texts(&pieces, 24, 0x5A11_0C3E_9B27_41D5) {
        let laws = laws_by_name(&text);
        assert_eq!(laws, laws_by_pattern(&text), "{text:?}");
        read += laws.len();
    }
    assert!(read > 100, "the generated texts cite laws ({read})");
    // A name of 100 characters is read, of 101 not.
    for (n, read) in [(100, true), (101, false)] {
        let text = format!("Luật Đ{} ngày 01/01/2020", "a".repeat(n));
        assert_eq!(laws_by_name(&text).len(), usize::from(read), "{n}");
        assert_eq!(laws_by_name(&text), laws_by_pattern(&text), "{n}");
    }
}
