//! Builds small Word documents in the tests (paragraphs, tables with or without borders,
//! a running header and a page-number footer) and turns them into PDFs with LibreOffice
//! when it is installed.

use std::io::Write;
use std::path::Path;
use std::process::Command;

pub enum Part {
    /// A paragraph; bold and centred when `heading`.
    Para(String, bool),
    /// Rows of cells, each cell its paragraphs; relative column widths; ruled or not.
    Table {
        widths: Vec<u32>,
        rows: Vec<Vec<Vec<String>>>,
        ruled: bool,
    },
}

pub fn para(t: &str) -> Part {
    Part::Para(t.to_string(), false)
}

pub fn heading(t: &str) -> Part {
    Part::Para(t.to_string(), true)
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn p_xml(t: &str, bold: bool, center: bool) -> String {
    let jc = if center {
        r#"<w:jc w:val="center"/>"#
    } else {
        ""
    };
    let b = if bold { "<w:b/>" } else { "" };
    format!(
        r#"<w:p><w:pPr>{jc}<w:spacing w:after="60"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/>{b}<w:sz w:val="26"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(t)
    )
}

fn table_xml(widths: &[u32], rows: &[Vec<Vec<String>>], ruled: bool) -> String {
    let total: u32 = widths.iter().sum();
    let border = if ruled { "single" } else { "nil" };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|side| {
            format!(r#"<w:{side} w:val="{border}" w:sz="4" w:space="0" w:color="000000"/>"#)
        })
        .collect();
    let dxa = |w: u32| w * 9300 / total;
    let mut x = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="9300" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>"#
    );
    for w in widths {
        x.push_str(&format!(r#"<w:gridCol w:w="{}"/>"#, dxa(*w)));
    }
    x.push_str("</w:tblGrid>");
    for row in rows {
        x.push_str("<w:tr>");
        for (c, cell) in row.iter().enumerate() {
            x.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>"#,
                dxa(widths[c])
            ));
            let centre = !ruled && c > 0;
            if cell.is_empty() {
                x.push_str(&p_xml("", false, false));
            }
            for p in cell {
                let bold = !ruled && p.chars().filter(|c| c.is_uppercase()).count() > 4;
                x.push_str(&p_xml(p, bold, centre));
            }
            x.push_str("</w:tc>");
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A .docx of the parts, with `running` as every page's header and the page number,
/// centred, as its footer.
pub fn docx(parts: &[Part], running: &str) -> Vec<u8> {
    let mut body = String::new();
    for part in parts {
        match part {
            Part::Para(t, h) => body.push_str(&p_xml(t, *h, *h)),
            Part::Table {
                widths,
                rows,
                ruled,
            } => {
                body.push_str(&table_xml(widths, rows, *ruled));
                body.push_str(&p_xml("", false, false));
            }
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}>{}</w:hdr>"#,
        p_xml(running, false, false)
    );
    let footer = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"#
    );
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let doc_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("[Content_Types].xml", types),
        ("_rels/.rels", rels),
        ("word/_rels/document.xml.rels", doc_rels),
        ("word/document.xml", document.as_str()),
        ("word/header1.xml", header.as_str()),
        ("word/footer1.xml", footer.as_str()),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// The PDF LibreOffice makes of a .docx, or `None` (after saying so) when `soffice` is
/// not installed. `SANGTAO_REQUIRE_SOFFICE=1` makes its absence a failure.
pub fn to_pdf(docx: &[u8], dir: &Path, stem: &str) -> Option<Vec<u8>> {
    let found = Command::new("soffice").arg("--version").output().is_ok();
    if !found {
        let why = "LibreOffice (soffice) is not installed: the PDF-from-Word checks are skipped";
        if std::env::var("SANGTAO_REQUIRE_SOFFICE").is_ok_and(|v| v == "1") {
            panic!("{why}; SANGTAO_REQUIRE_SOFFICE=1 makes this an error");
        }
        eprintln!("SKIPPED {why}");
        return None;
    }
    let src = dir.join(format!("{stem}.docx"));
    std::fs::write(&src, docx).unwrap();
    let out = Command::new("soffice")
        .env("HOME", dir)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&src)
        .output()
        .expect("soffice runs");
    let pdf = dir.join(format!("{stem}.pdf"));
    assert!(
        pdf.exists(),
        "soffice made no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(std::fs::read(pdf).unwrap())
}
