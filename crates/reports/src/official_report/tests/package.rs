//! The package: schema order of every WordprocessingML part, core properties, language.

use super::super::docx::packed;
use super::super::part_rewrite::{Addition, rewrite};
use super::super::schema_order::{ORDERED, rank, sequence};
use super::*;

/// Every ordered element whose children are out of schema order, as
/// "part: parent: child after previous", and how many ordered elements of each name were
/// checked.
fn order_faults(d: &Docx) -> (Vec<String>, std::collections::HashMap<&'static str, usize>) {
    let mut faults = Vec::new();
    let mut checked = std::collections::HashMap::new();
    let mut names: Vec<_> = d.parts.keys().filter(|n| n.starts_with("word/")).collect();
    names.sort();
    for name in names.into_iter().filter(|n| n.ends_with(".xml")) {
        let doc = roxmltree::Document::parse(d.part(name)).unwrap();
        for (parent, _) in ORDERED {
            for node in doc.descendants().filter(|n| is(n, parent)) {
                *checked.entry(parent).or_insert(0) += 1;
                let seq = sequence(parent).unwrap();
                let mut last: Option<(usize, &str)> = None;
                for child in node.children().filter(|c| c.is_element()) {
                    if child.tag_name().namespace() != Some(W) {
                        continue;
                    }
                    let local = child.tag_name().name();
                    let Some(r) = rank(seq, local) else { continue };
                    if let Some((before, before_name)) = last
                        && r < before
                    {
                        faults.push(format!("{name}: {parent}: {local} after {before_name}"));
                    }
                    last = Some((r, local));
                }
            }
        }
    }
    (faults, checked)
}

#[test]
fn every_part_follows_the_schema_order() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let (faults, checked) = order_faults(&d);
    assert!(faults.is_empty(), "{faults:#?}");
    for parent in [
        "sectPr", "rPr", "pPr", "tblPr", "trPr", "tcPr", "style", "settings",
    ] {
        assert!(checked.get(parent).copied().unwrap_or(0) > 0, "no {parent}");
    }
    // A draft without an appendix too.
    let mut r = sample();
    r.appendix.clear();
    let (faults, _) = order_faults(&Docx::read(&to_docx(&r).unwrap()));
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn docx_rs_alone_writes_out_of_order() {
    // What the check above would catch without the rewrite.
    let raw = Docx::read(&packed(&sample()).unwrap());
    let (faults, _) = order_faults(&raw);
    for fault in [
        "word/document.xml: rPr: rFonts after szCs",
        "word/document.xml: sectPr: headerReference after cols",
        "word/document.xml: pPr: jc after rPr",
        "word/document.xml: tblPr: tblLayout after tblCellMar",
        "word/styles.xml: style: pPr after rPr",
        "word/settings.xml: settings: zoom after defaultTabStop",
    ] {
        assert!(faults.iter().any(|f| f == fault), "{fault} in {faults:#?}");
    }
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

#[test]
fn rewrite_moves_children_and_keeps_every_byte() {
    let input = format!(
        "<?xml version=\"1.0\"?>\n<w:document {NS}><w:p><w:pPr><w:rPr><w:sz w:val=\"28\" />\
         <x:own xmlns:x=\"urn:x\"/><w:rFonts w:ascii=\"A\"/></w:rPr>\n <w:jc w:val=\"center\"/>\
         </w:pPr><w:r><w:rPr><w:i/><w:b/></w:rPr><w:t xml:space=\"preserve\">a &amp; b </w:t>\
         </w:r></w:p></w:document>"
    );
    let out = String::from_utf8(rewrite(input.as_bytes(), &[]).unwrap()).unwrap();
    assert_eq!(
        out,
        format!(
            "<?xml version=\"1.0\"?>\n<w:document {NS}><w:p><w:pPr>\n <w:jc w:val=\"center\"/>\
             <w:rPr><w:rFonts w:ascii=\"A\"/><w:sz w:val=\"28\" /><x:own xmlns:x=\"urn:x\"/>\
             </w:rPr></w:pPr><w:r><w:rPr><w:b/><w:i/></w:rPr>\
             <w:t xml:space=\"preserve\">a &amp; b </w:t></w:r></w:p></w:document>"
        )
    );
    // A part with nothing to order comes back byte for byte.
    let plain = format!("<w:hdr {NS}><w:p><w:r><w:t>1 &lt; 2</w:t></w:r></w:p></w:hdr>");
    assert_eq!(rewrite(plain.as_bytes(), &[]).unwrap(), plain.as_bytes());
    // Broken XML is an error, not a panic.
    assert!(rewrite(b"<w:p><w:pPr></w:p>", &[]).is_err());
}

#[test]
fn rewrite_adds_the_header_row_to_the_last_table_only() {
    let table =
        |trpr: &str| format!("<w:tbl><w:tr>{trpr}<w:tc/></w:tr><w:tr><w:trPr/></w:tr></w:tbl>");
    let input = format!(
        "<w:body {NS}>{}{}</w:body>",
        table("<w:trPr><w:cantSplit/></w:trPr>"),
        table("<w:trPr><w:trHeight w:val=\"1\"/></w:trPr>")
    );
    let out = rewrite(input.as_bytes(), &[Addition::HeaderRowInLastTable]).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "<w:body {NS}>{}{}</w:body>",
            table("<w:trPr><w:cantSplit/></w:trPr>"),
            table("<w:trPr><w:trHeight w:val=\"1\"/><w:tblHeader/></w:trPr>")
        )
    );
    // An empty `<w:trPr/>` is opened to take it.
    let input = format!("<w:body {NS}><w:tbl><w:tr><w:trPr/></w:tr></w:tbl></w:body>");
    let out = rewrite(input.as_bytes(), &[Addition::HeaderRowInLastTable]).unwrap();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("<w:trPr><w:tblHeader/></w:trPr>")
    );
}

#[test]
fn the_appendix_header_row_repeats_and_no_row_splits() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let doc = roxmltree::Document::parse(d.part("word/document.xml")).unwrap();
    let tables: Vec<_> = doc.descendants().filter(|n| is(n, "tbl")).collect();
    let appendix = *tables.last().unwrap();
    let rows: Vec<_> = appendix.children().filter(|n| is(n, "tr")).collect();
    let has = |row: &roxmltree::Node, prop: &str| {
        row.children()
            .filter(|n| is(n, "trPr"))
            .flat_map(|p| p.children())
            .any(|n| is(&n, prop))
    };
    assert!(has(&rows[0], "tblHeader"), "the header row repeats");
    assert!(rows[1..].iter().all(|r| !has(r, "tblHeader")));
    assert!(rows.iter().all(|r| has(r, "cantSplit")), "rows stay whole");
    for t in &tables[..tables.len() - 1] {
        assert!(!t.descendants().any(|n| is(&n, "tblHeader")));
    }
}

#[test]
fn core_properties_name_the_agency_the_time_and_the_language() {
    let d = Docx::read(&to_docx(&sample()).unwrap());
    let core = roxmltree::Document::parse(d.part("docProps/core.xml")).unwrap();
    let field = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("no {name}"))
            .to_string()
    };
    assert_eq!(field("creator"), "Sở Văn hóa và Thể thao");
    assert_eq!(field("created"), "2025-12-05T04:00:00Z");
    assert_eq!(field("modified"), "2025-12-05T04:00:00Z");
    assert_eq!(field("language"), "vi-VN");
    assert!(field("title").starts_with("Kết quả thực hiện Kế hoạch"));
    // The default run properties carry the language too (spelling, hyphenation).
    let styles = roxmltree::Document::parse(d.part("word/styles.xml")).unwrap();
    let defaults = styles.descendants().find(|n| is(n, "rPrDefault")).unwrap();
    let lang = defaults
        .descendants()
        .find(|n| is(n, "lang"))
        .expect("w:lang");
    assert_eq!(w(lang, "val"), Some("vi-VN"));
    // Text is escaped; a default report still writes.
    let r = OfficialReport {
        agency: "Sở <A> & B".into(),
        ..OfficialReport::default()
    };
    let d = Docx::read(&to_docx(&r).unwrap());
    let core = roxmltree::Document::parse(d.part("docProps/core.xml")).unwrap();
    let creator = core
        .descendants()
        .find(|n| n.tag_name().name() == "creator");
    assert_eq!(creator.and_then(|n| n.text()), Some("Sở <A> & B"));
}
