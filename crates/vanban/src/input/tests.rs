use super::*;

#[test]
fn utf8_with_and_without_bom() {
    assert_eq!(
        decode_text("Kế hoạch".as_bytes(), "a.txt").unwrap(),
        "Kế hoạch"
    );
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice("Kế hoạch".as_bytes());
    assert_eq!(decode_text(&b, "a.txt").unwrap(), "Kế hoạch");
}

#[test]
fn utf16_with_bom() {
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in "Kế hoạch".encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(decode_text(&le, "a.txt").unwrap(), "Kế hoạch");
    assert_eq!(decode_text(&be, "a.txt").unwrap(), "Kế hoạch");
}

#[test]
fn latin1_and_binary_are_refused_with_the_file_name() {
    let e = decode_text(b"K\xe9 ho\xe1ch", "cu.txt").unwrap_err();
    assert!(matches!(e, ReadError::Encoding { .. }));
    assert!(e.to_string().starts_with("cu.txt:"));
    let e = decode_text(b"\x7fELF\x02\x01\x01\0\0\0", "a.out").unwrap_err();
    assert!(matches!(e, ReadError::Binary { .. }), "{e:?}");
    let e = extract_text(b"", "rong.txt", None).unwrap_err();
    assert_eq!(
        e,
        ReadError::Empty {
            name: "rong.txt".into()
        }
    );
}

#[test]
fn text_is_nfc_after_extraction() {
    // "hoá" written decomposed: o + combining acute.
    let t = extract_text("ho\u{61}\u{301}".as_bytes(), "a.txt", None).unwrap();
    assert_eq!(t, "hoá");
}

#[test]
fn broken_docx_and_pdf_are_errors_not_panics() {
    assert!(matches!(
        extract_text(b"PK\x03\x04garbage", "x.docx", None),
        Err(ReadError::Docx { .. })
    ));
    assert!(matches!(
        extract_text(b"%PDF-1.4 garbage", "x.pdf", None),
        Err(ReadError::Pdf { .. })
    ));
    assert!(matches!(
        extract_text(b"plain", "x.pdf", Some(Format::Pdf)),
        Err(ReadError::Pdf { .. })
    ));
}

#[test]
fn format_detection() {
    assert_eq!(Format::detect(b"%PDF-1.7", "a.txt"), Format::Pdf);
    assert_eq!(Format::detect(b"abc", "a.DOCX"), Format::Docx);
    assert_eq!(Format::detect(b"abc", "a.md"), Format::Md);
    assert_eq!(Format::detect(b"abc", "a"), Format::Txt);
    assert_eq!("docx".parse::<Format>(), Ok(Format::Docx));
    assert!("odt".parse::<Format>().is_err());
}

fn utf16_bytes(text: &str, le: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

#[test]
fn utf16_without_a_bom_is_read_when_its_zero_bytes_say_so() {
    let text = "KẾ HOẠCH\nTổ chức hội nghị năm 2025\n1. Nội dung: Sở Văn hóa chủ trì.\n";
    for le in [true, false] {
        let got = decode_text(&utf16_bytes(text, le), "kh.txt").unwrap();
        assert_eq!(got, text, "little-endian: {le}");
    }
    // An odd trailing byte (a cut file) is left off rather than refusing the text.
    let mut cut = utf16_bytes(text, true);
    cut.push(b'x');
    assert_eq!(decode_text(&cut, "kh.txt").unwrap(), text);
}

#[test]
fn binary_with_zero_bytes_is_not_taken_for_utf16() {
    // Zeros at odd places, but the pairs decode to control characters.
    let bytes: Vec<u8> = (0..200u8).flat_map(|i| [i % 7, 0]).collect();
    assert!(matches!(
        decode_text(&bytes, "x.bin"),
        Err(ReadError::Binary { .. } | ReadError::Encoding { .. })
    ));
}

/// An OLE2 compound file whose directory names the given streams (UTF-16 names, as
/// the format stores them).
fn ole2(streams: &[&str]) -> Vec<u8> {
    let mut b = OLE2_MAGIC.to_vec();
    b.resize(512, 0);
    for s in streams {
        b.extend(utf16_bytes(s, true));
        b.resize(b.len() + 64 - b.len() % 64, 0);
    }
    b
}

#[test]
fn old_office_files_are_named_for_what_they_are() {
    let e = extract_text(
        &ole2(&["Root Entry", "WordDocument", "1Table"]),
        "kh.doc",
        None,
    );
    assert_eq!(e.unwrap_err().key(), "legacy_word");
    // The same file renamed .docx, and read as .docx on purpose.
    let e = extract_text(&ole2(&["WordDocument"]), "kh.docx", Some(Format::Docx));
    assert_eq!(
        e.unwrap_err(),
        ReadError::LegacyWord {
            name: "kh.docx".into(),
            renamed: true
        }
    );
    let e = extract_text(&ole2(&["Workbook"]), "bang.xls", None).unwrap_err();
    assert_eq!(e.key(), "not_word");
    assert!(matches!(
        e,
        ReadError::NotWord {
            kind: OtherDocument::Spreadsheet,
            ..
        }
    ));
    // A password-protected .docx is an OLE2 file holding the encrypted package.
    let e = extract_text(
        &ole2(&["EncryptedPackage", "EncryptionInfo"]),
        "kh.docx",
        None,
    );
    assert_eq!(e.unwrap_err().key(), "encrypted");
}

/// A zip archive holding the given files (stored, not compressed).
pub(crate) fn zip_with(files: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in files {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_zip_that_is_not_a_word_document_says_what_it_is() {
    let cases = [
        (
            vec![("xl/workbook.xml", "<workbook/>")],
            OtherDocument::Spreadsheet,
        ),
        (
            vec![("ppt/presentation.xml", "<p/>")],
            OtherDocument::Presentation,
        ),
        (
            vec![
                ("mimetype", "application/vnd.oasis.opendocument.text"),
                ("content.xml", "<x/>"),
            ],
            OtherDocument::OpenDocument,
        ),
        (vec![("anh.jpg", "not really")], OtherDocument::Other),
    ];
    for (files, kind) in cases {
        let e = extract_text(&zip_with(&files), "kh.docx", None).unwrap_err();
        assert_eq!(
            e,
            ReadError::NotWord {
                name: "kh.docx".into(),
                kind
            }
        );
        assert_eq!(e.key(), "not_word");
    }
    // A real (minimal) Word body is read.
    let body = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p></w:body></w:document>"#;
    let t = extract_text(&zip_with(&[("word/document.xml", body)]), "kh.docx", None).unwrap();
    assert_eq!(t, "KẾ HOẠCH\n");
}

/// A minimal PDF with the given objects (numbered from 1, the catalog first) and extra
/// trailer entries; the cross-reference offsets are computed.
pub(crate) fn pdf_with(objects: &[&str], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A one-page PDF whose page draws only an image: what a scanner makes.
pub(crate) fn scanned_pdf() -> Vec<u8> {
    let image = "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray \
                 /BitsPerComponent 8 /Length 4 >>\nstream\nabcd\nendstream";
    let content = "q 500 0 0 700 50 50 cm /Im1 Do Q";
    pdf_with(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            image,
            &format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ),
        ],
        "",
    )
}

#[test]
fn a_scanned_pdf_has_no_text_layer() {
    let e = extract_text(&scanned_pdf(), "quet.pdf", None).unwrap_err();
    assert_eq!(
        e,
        ReadError::NoTextLayer {
            name: "quet.pdf".into(),
            pages: 1
        }
    );
    assert_eq!(e.key(), "no_text_layer");
}

#[test]
fn a_pdf_that_needs_a_password_is_encrypted() {
    // A standard security handler whose user password is not empty: the check of the
    // empty password fails, as it does for any protected file.
    let encrypt = "/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44 \
                   /O <0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20> \
                   /U <2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40> >> \
                   /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]";
    let bytes = pdf_with(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ],
        encrypt,
    );
    let e = extract_text(&bytes, "mat.pdf", None).unwrap_err();
    assert_eq!(e.key(), "encrypted", "{e:?}");
}
