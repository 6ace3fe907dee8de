//! Prints the blocks the reader sees in a file: a tool for tuning the reader.
//! `cargo run -p vanban --example dump_blocks -- FILE`

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump_blocks FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let text = vanban::input::extract_text(&bytes, &path, None).expect("text");
    for b in vanban::lines::blocks(&text) {
        match b {
            vanban::lines::Block::Para(p) => println!(
                "{:>5} {} {}",
                p.line,
                if p.strong { "B" } else { " " },
                p.text
            ),
            vanban::lines::Block::Table(t) => {
                println!(
                    "{:>5} TABLE{}",
                    t.line,
                    if t.wrapped { " (wrapped)" } else { "" }
                );
                for r in t.rows {
                    println!(
                        "        | {}",
                        r.iter()
                            .map(|c| c.replace('\n', " ⏎ "))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                }
            }
        }
    }
}
