//! Fuzz target: any bytes, in every format, through the plan reader. A panic is a bug:
//! the reader must answer every input with a plan or a `ReadError`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::Format;

fuzz_target!(|data: &[u8]| {
    // Format guessed from the content (magic bytes) and the name.
    let _ = vanban::read_bytes(data, "fuzz", None);
    for format in [Format::Txt, Format::Md, Format::Docx, Format::Pdf] {
        let _ = vanban::read_bytes(data, "fuzz", Some(format));
    }
    // The parser itself on any valid UTF-8.
    if let Ok(text) = std::str::from_utf8(data) {
        let plan = vanban::parse_text(text);
        // Serialising must not fail either: the JSON is what `plan parse --json` prints.
        serde_json::to_string(&plan).expect("a ParsedPlan serialises");
        let _ = vanban::outline::render(&plan);
    }
});
