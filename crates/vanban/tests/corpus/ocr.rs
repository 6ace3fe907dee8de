//! A scanned page made in the test (a Word plan printed by LibreOffice, rendered to a JPEG
//! by pdftoppm, wrapped in a PDF with no text) is read by OCR when tesseract is installed.
//! Skipped with a message otherwise, unless `SANGTAO_REQUIRE_OCR=1`.

use super::word::{Part, docx, heading, para, to_pdf};
use std::process::Command;

fn skip(why: &str) {
    if std::env::var("SANGTAO_REQUIRE_OCR").is_ok_and(|v| v == "1") {
        panic!("{why}; SANGTAO_REQUIRE_OCR=1 makes this an error");
    }
    eprintln!("SKIPPED a_scanned_plan_is_read_by_ocr: {why}");
}

/// Width, height and colour components from a JPEG's frame header.
fn jpeg_size(jpeg: &[u8]) -> (u32, u32, u8) {
    let mut i = 2;
    while i + 9 < jpeg.len() {
        let (marker, len) = (jpeg[i + 1], u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        if (0xC0..=0xC3).contains(&marker) {
            let h = u16::from_be_bytes([jpeg[i + 5], jpeg[i + 6]]);
            let w = u16::from_be_bytes([jpeg[i + 7], jpeg[i + 8]]);
            return (w.into(), h.into(), jpeg[i + 9]);
        }
        i += 2 + len as usize;
    }
    panic!("no JPEG frame header");
}

/// A one-page PDF that only draws the JPEG over an A4 page: what a scanner makes.
fn image_pdf(jpeg: &[u8]) -> Vec<u8> {
    let (w, h, components) = jpeg_size(jpeg);
    let space = if components == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let content = b"q 595 0 0 842 0 0 cm /Im1 Do Q";
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
    ];
    let mut image = format!(
        "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{space} \
         /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    )
    .into_bytes();
    image.extend_from_slice(jpeg);
    image.extend_from_slice(b"\nendstream");
    objects.push(image);
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn parts() -> Vec<Part> {
    vec![
        heading("KẾ HOẠCH"),
        heading("Tổ chức ngày hội đọc sách năm 2025"),
        heading("I. MỤC ĐÍCH, YÊU CẦU"),
        para("Khuyến khích phong trào đọc sách trong cán bộ và nhân dân."),
        heading("II. NỘI DUNG"),
        para("1. Tổ chức triển lãm sách tại Thư viện tỉnh."),
        para("2. Tổ chức tọa đàm về văn hóa đọc."),
        para("3. Phát động cuộc thi giới thiệu sách."),
    ]
}

#[test]
fn a_scanned_plan_is_read_by_ocr() {
    if !vanban::input::ocr::available() {
        skip("tesseract with Vietnamese (tesseract-ocr-vie) or pdftoppm is not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("vanban-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let Some(pdf) = to_pdf(&docx(&parts(), ""), &dir, "scan") else {
        skip("LibreOffice (soffice) is not installed to print the page to scan");
        return;
    };
    let printed = dir.join("printed.pdf");
    std::fs::write(&printed, pdf).unwrap();
    let out = Command::new("pdftoppm")
        .args([
            "-r",
            "200",
            "-gray",
            "-jpeg",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
        ])
        .arg(&printed)
        .arg(dir.join("page"))
        .output()
        .expect("pdftoppm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scan = image_pdf(&std::fs::read(dir.join("page.jpg")).unwrap());
    let _ = std::fs::remove_dir_all(&dir);

    // Without OCR it is a scan with no text layer ...
    assert!(matches!(
        vanban::input::extract_text(&scan, "scan.pdf", None),
        Err(vanban::ReadError::NoTextLayer { pages: 1, .. })
    ));
    // ... and with it, a plan, marked as read by OCR.
    let plan = vanban::read_bytes(&scan, "scan.pdf", None).expect("read by OCR");
    assert!(
        plan.warnings
            .first()
            .is_some_and(|w| w.message.contains("OCR")),
        "{:?}",
        plan.warnings
    );
    assert_eq!(
        plan.document.kind_code.as_deref(),
        Some("KH"),
        "{:?}",
        plan.document
    );
    let titles: Vec<String> = plan.all_items().map(|i| i.title.clone()).collect();
    assert!(
        titles.iter().any(|t| t.contains("triển lãm sách")),
        "{titles:?}"
    );
    assert!(titles.len() >= 3, "{titles:?}");
}
