//! The order ECMA-376 Part 1 (§17, `wml.xsd`) gives the children of the WordprocessingML
//! elements whose children docx-rs writes out of sequence (`w:rFonts` after `w:sz`,
//! `w:headerReference` after `w:pgSz`, `w:rPr` first in `w:pPr`, a style's `w:rPr` before
//! its `w:pPr`, `w:zoom` after `w:defaultTabStop`). LibreOffice reads any order; Word
//! validates against the schema.

/// The WordprocessingML namespace.
pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// CT_SectPr: EG_HdrFtrReferences (a choice, so both share a rank), EG_SectPrContents,
/// sectPrChange.
const SECT_PR: &[&[&str]] = &[
    &["headerReference", "footerReference"],
    &["footnotePr"],
    &["endnotePr"],
    &["type"],
    &["pgSz"],
    &["pgMar"],
    &["paperSrc"],
    &["pgBorders"],
    &["lnNumType"],
    &["pgNumType"],
    &["cols"],
    &["formProt"],
    &["vAlign"],
    &["noEndnote"],
    &["titlePg"],
    &["textDirection"],
    &["bidi"],
    &["rtlGutter"],
    &["docGrid"],
    &["printerSettings"],
    &["sectPrChange"],
];

/// CT_ParaRPr (ins, del, moveFrom, moveTo) and CT_RPr share EG_RPrBase; one table serves
/// both, since a run's properties never carry the first four.
const R_PR: &[&[&str]] = &[
    &["ins"],
    &["del"],
    &["moveFrom"],
    &["moveTo"],
    &["rStyle"],
    &["rFonts"],
    &["b"],
    &["bCs"],
    &["i"],
    &["iCs"],
    &["caps"],
    &["smallCaps"],
    &["strike"],
    &["dstrike"],
    &["outline"],
    &["shadow"],
    &["emboss"],
    &["imprint"],
    &["noProof"],
    &["snapToGrid"],
    &["vanish"],
    &["webHidden"],
    &["color"],
    &["spacing"],
    &["w"],
    &["kern"],
    &["position"],
    &["sz"],
    &["szCs"],
    &["highlight"],
    &["u"],
    &["effect"],
    &["bdr"],
    &["shd"],
    &["fitText"],
    &["vertAlign"],
    &["rtl"],
    &["cs"],
    &["em"],
    &["lang"],
    &["eastAsianLayout"],
    &["specVanish"],
    &["oMath"],
    &["rPrChange"],
];

/// CT_PPrBase, then CT_PPr's rPr, sectPr and pPrChange.
const P_PR: &[&[&str]] = &[
    &["pStyle"],
    &["keepNext"],
    &["keepLines"],
    &["pageBreakBefore"],
    &["framePr"],
    &["widowControl"],
    &["numPr"],
    &["suppressLineNumbers"],
    &["pBdr"],
    &["shd"],
    &["tabs"],
    &["suppressAutoHyphens"],
    &["kinsoku"],
    &["wordWrap"],
    &["overflowPunct"],
    &["topLinePunct"],
    &["autoSpaceDE"],
    &["autoSpaceDN"],
    &["bidi"],
    &["adjustRightInd"],
    &["snapToGrid"],
    &["spacing"],
    &["ind"],
    &["contextualSpacing"],
    &["mirrorIndents"],
    &["suppressOverlap"],
    &["jc"],
    &["textDirection"],
    &["textAlignment"],
    &["textboxTightWrap"],
    &["outlineLvl"],
    &["divId"],
    &["cnfStyle"],
    &["rPr"],
    &["sectPr"],
    &["pPrChange"],
];

/// CT_TblPrBase, then tblPrChange.
const TBL_PR: &[&[&str]] = &[
    &["tblStyle"],
    &["tblpPr"],
    &["tblOverlap"],
    &["bidiVisual"],
    &["tblStyleRowBandSize"],
    &["tblStyleColBandSize"],
    &["tblW"],
    &["jc"],
    &["tblCellSpacing"],
    &["tblInd"],
    &["tblBorders"],
    &["shd"],
    &["tblLayout"],
    &["tblCellMar"],
    &["tblLook"],
    &["tblCaption"],
    &["tblDescription"],
    &["tblPrChange"],
];

/// CT_TrPrBase is an unordered choice; Word writes it in the schema's listing order, which
/// is kept here. Then CT_TrPr's ins, del and trPrChange, which are ordered.
const TR_PR: &[&[&str]] = &[
    &["cnfStyle"],
    &["divId"],
    &["gridBefore"],
    &["gridAfter"],
    &["wBefore"],
    &["wAfter"],
    &["cantSplit"],
    &["trHeight"],
    &["tblHeader"],
    &["tblCellSpacing"],
    &["jc"],
    &["hidden"],
    &["ins"],
    &["del"],
    &["trPrChange"],
];

/// CT_TcPrBase, EG_CellMarkupElements (a choice), tcPrChange.
const TC_PR: &[&[&str]] = &[
    &["cnfStyle"],
    &["tcW"],
    &["gridSpan"],
    &["hMerge"],
    &["vMerge"],
    &["tcBorders"],
    &["shd"],
    &["noWrap"],
    &["tcMar"],
    &["textDirection"],
    &["tcFitText"],
    &["vAlign"],
    &["hideMark"],
    &["headers"],
    &["cellIns", "cellDel", "cellMerge"],
    &["tcPrChange"],
];

/// CT_Style.
const STYLE: &[&[&str]] = &[
    &["name"],
    &["aliases"],
    &["basedOn"],
    &["next"],
    &["link"],
    &["autoRedefine"],
    &["hidden"],
    &["uiPriority"],
    &["semiHidden"],
    &["unhideWhenUsed"],
    &["qFormat"],
    &["locked"],
    &["personal"],
    &["personalCompose"],
    &["personalReply"],
    &["rsid"],
    &["pPr"],
    &["rPr"],
    &["tblPr"],
    &["trPr"],
    &["tcPr"],
    &["tblStylePr"],
];

/// CT_Settings (`word/settings.xml`), whose `w:zoom` docx-rs writes after
/// `w:defaultTabStop`. `mathPr` and `schemaLibrary` belong to other namespaces and are
/// listed for completeness only (a child of another namespace keeps its place).
const SETTINGS: &[&[&str]] = &[
    &["writeProtection"],
    &["view"],
    &["zoom"],
    &["removePersonalInformation"],
    &["removeDateAndTime"],
    &["doNotDisplayPageBoundaries"],
    &["displayBackgroundShape"],
    &["printPostScriptOverText"],
    &["printFractionalCharacterWidth"],
    &["printFormsData"],
    &["embedTrueTypeFonts"],
    &["embedSystemFonts"],
    &["saveSubsetFonts"],
    &["saveFormsData"],
    &["mirrorMargins"],
    &["alignBordersAndEdges"],
    &["bordersDoNotSurroundHeader"],
    &["bordersDoNotSurroundFooter"],
    &["gutterAtTop"],
    &["hideSpellingErrors"],
    &["hideGrammaticalErrors"],
    &["activeWritingStyle"],
    &["proofState"],
    &["formsDesign"],
    &["attachedTemplate"],
    &["linkStyles"],
    &["stylePaneFormatFilter"],
    &["stylePaneSortMethod"],
    &["documentType"],
    &["mailMerge"],
    &["revisionView"],
    &["trackRevisions"],
    &["doNotTrackMoves"],
    &["doNotTrackFormatting"],
    &["documentProtection"],
    &["autoFormatOverride"],
    &["styleLockTheme"],
    &["styleLockQFSet"],
    &["defaultTabStop"],
    &["autoHyphenation"],
    &["consecutiveHyphenLimit"],
    &["hyphenationZone"],
    &["doNotHyphenateCaps"],
    &["showEnvelope"],
    &["summaryLength"],
    &["clickAndTypeStyle"],
    &["defaultTableStyle"],
    &["evenAndOddHeaders"],
    &["bookFoldRevPrinting"],
    &["bookFoldPrinting"],
    &["bookFoldPrintingSheets"],
    &["drawingGridHorizontalSpacing"],
    &["drawingGridVerticalSpacing"],
    &["displayHorizontalDrawingGridEvery"],
    &["displayVerticalDrawingGridEvery"],
    &["doNotUseMarginsForDrawingGridOrigin"],
    &["drawingGridHorizontalOrigin"],
    &["drawingGridVerticalOrigin"],
    &["doNotShadeFormData"],
    &["noPunctuationKerning"],
    &["characterSpacingControl"],
    &["printTwoOnOne"],
    &["strictFirstAndLastChars"],
    &["noLineBreaksAfter"],
    &["noLineBreaksBefore"],
    &["savePreviewPicture"],
    &["doNotValidateAgainstSchema"],
    &["saveInvalidXml"],
    &["ignoreMixedContent"],
    &["alwaysShowPlaceholderText"],
    &["doNotDemarcateInvalidXml"],
    &["saveXmlDataOnly"],
    &["useXSLTWhenSaving"],
    &["saveThroughXslt"],
    &["showXMLTags"],
    &["alwaysMergeEmptyNamespace"],
    &["updateFields"],
    &["hdrShapeDefaults"],
    &["footnotePr"],
    &["endnotePr"],
    &["compat"],
    &["docVars"],
    &["rsids"],
    &["mathPr"],
    &["attachedSchema"],
    &["themeFontLang"],
    &["clrSchemeMapping"],
    &["doNotIncludeSubdocsInStats"],
    &["doNotAutoCompressPictures"],
    &["forceUpgrade"],
    &["captions"],
    &["readModeInkLockDown"],
    &["smartTagType"],
    &["schemaLibrary"],
    &["shapeDefaults"],
    &["doNotEmbedSmartTags"],
    &["decimalSymbol"],
    &["listSeparator"],
];

/// The elements (in the `w:` namespace) whose children are put in order, with their
/// sequences.
pub(super) const ORDERED: [(&str, &[&[&str]]); 8] = [
    ("sectPr", SECT_PR),
    ("rPr", R_PR),
    ("pPr", P_PR),
    ("tblPr", TBL_PR),
    ("trPr", TR_PR),
    ("tcPr", TC_PR),
    ("style", STYLE),
    ("settings", SETTINGS),
];

/// The sequence of an ordered parent, by local name.
pub(super) fn sequence(parent: &str) -> Option<&'static [&'static [&'static str]]> {
    ORDERED.iter().find(|(p, _)| *p == parent).map(|(_, s)| *s)
}

/// Where a child goes in its parent's sequence; `None` for a name the sequence lacks.
pub(super) fn rank(sequence: &[&[&str]], child: &str) -> Option<usize> {
    sequence.iter().position(|names| names.contains(&child))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sequence_names_each_child_once() {
        for (parent, seq) in ORDERED {
            let mut names: Vec<&str> = seq.iter().flat_map(|n| n.iter().copied()).collect();
            let all = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), all, "{parent} lists a child twice");
        }
    }

    #[test]
    fn ranks_follow_the_schema() {
        let r = |p, c| rank(sequence(p).unwrap(), c).unwrap();
        assert!(r("rPr", "rFonts") < r("rPr", "sz"));
        assert!(r("rPr", "b") < r("rPr", "i") && r("rPr", "sz") < r("rPr", "u"));
        assert!(r("sectPr", "headerReference") < r("sectPr", "pgSz"));
        assert_eq!(
            r("sectPr", "headerReference"),
            r("sectPr", "footerReference")
        );
        assert!(r("pPr", "spacing") < r("pPr", "ind") && r("pPr", "jc") < r("pPr", "rPr"));
        assert!(r("pPr", "rPr") < r("pPr", "sectPr"));
        assert!(r("tblPr", "tblW") < r("tblPr", "tblLayout"));
        assert!(r("trPr", "cantSplit") < r("trPr", "tblHeader"));
        assert!(r("tcPr", "tcW") < r("tcPr", "vAlign"));
        assert!(r("style", "name") < r("style", "basedOn"));
        assert!(r("settings", "zoom") < r("settings", "defaultTabStop"));
        assert!(r("settings", "defaultTabStop") < r("settings", "compat"));
        assert_eq!(rank(R_PR, "ptab"), None);
        assert_eq!(sequence("p"), None);
    }
}
