fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = vanban::input::pdf_text(&bytes, &path).unwrap();
    for l in t.lines() {
        println!("{l:?}");
    }
}
