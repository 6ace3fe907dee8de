//! One pass over a WordprocessingML part as docx-rs wrote it: the children of the elements
//! in [`schema_order::ORDERED`] are put in schema order, and the few elements docx-rs
//! cannot write are added. Every byte of the part is kept; only the order of those
//! children changes (a stable sort, so children the sequence does not name stay behind
//! their predecessor).

use super::schema_order::{self, W};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

/// An element to add where docx-rs has no way to write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Addition {
    /// `<w:lang w:val="…"/>` in the document's default run properties (`w:rPrDefault`).
    DefaultLanguage(&'static str),
    /// `<w:tblHeader/>` in the first row of the part's last top-level table, so that the
    /// row repeats at the top of every page the table runs onto.
    HeaderRowInLastTable,
}

/// Bytes of the output: a range of the input, or bytes added.
#[derive(Debug)]
enum Piece {
    Input(usize, usize),
    Added(Vec<u8>),
}

/// A child element of an ordered parent, with what precedes it (whitespace, comments).
#[derive(Debug)]
struct Child {
    rank: usize,
    local: String,
    pieces: Vec<Piece>,
}

/// An ordered element whose children are being collected.
#[derive(Debug)]
struct Frame {
    local: String,
    /// `w:` (the parent's own prefix, for added children).
    prefix: String,
    sequence: &'static [&'static [&'static str]],
    open: Piece,
    children: Vec<Child>,
    /// Text and comments not yet followed by a child.
    loose: Vec<Piece>,
    /// How deep inside the current child the reader is (0: between children).
    depth: usize,
}

/// What the pass knows of where it is.
struct Pass<'a> {
    input: &'a [u8],
    additions: &'a [Addition],
    out: Vec<u8>,
    frames: Vec<Frame>,
    /// Every open element: in the `w:` namespace, and its local name.
    path: Vec<(bool, String)>,
    /// Top-level tables in the part, those opened so far, and rows of the open one.
    tables: usize,
    tables_seen: usize,
    rows_seen: usize,
}

/// The part with its ordered elements' children in schema order and `additions` made.
pub(super) fn rewrite(input: &[u8], additions: &[Addition]) -> Result<Vec<u8>, quick_xml::Error> {
    let mut pass = Pass {
        input,
        additions,
        out: Vec::with_capacity(input.len() + 64),
        frames: Vec::new(),
        path: Vec::new(),
        tables: if additions.contains(&Addition::HeaderRowInLastTable) {
            count_top_level_tables(input)?
        } else {
            0
        },
        tables_seen: 0,
        rows_seen: 0,
    };
    let mut reader = NsReader::from_reader(input);
    loop {
        let start = reader.buffer_position() as usize;
        let (ns, event) = reader.read_resolved_event()?;
        let w = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == W.as_bytes());
        let span = Piece::Input(start, reader.buffer_position() as usize);
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let prefix = prefix_of(e.name().as_ref());
                pass.open(w, local, prefix, span);
            }
            Event::Empty(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let prefix = prefix_of(e.name().as_ref());
                pass.empty(w, local, prefix, span, e.name().as_ref());
            }
            Event::End(_) => pass.close(span),
            _ => pass.loose(span),
        }
    }
    Ok(pass.out)
}

/// "w:" from "w:rPr"; "" without a prefix.
fn prefix_of(qname: &[u8]) -> String {
    match qname.iter().position(|b| *b == b':') {
        Some(i) => String::from_utf8_lossy(&qname[..=i]).into_owned(),
        None => String::new(),
    }
}

fn count_top_level_tables(input: &[u8]) -> Result<usize, quick_xml::Error> {
    let mut reader = NsReader::from_reader(input);
    let (mut open, mut count) = (0usize, 0usize);
    loop {
        let (ns, event) = reader.read_resolved_event()?;
        let w = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == W.as_bytes());
        match event {
            Event::Start(e) if w && e.local_name().as_ref() == b"tbl" => {
                if open == 0 {
                    count += 1;
                }
                open += 1;
            }
            Event::End(e) if w && e.local_name().as_ref() == b"tbl" => {
                open = open.saturating_sub(1);
            }
            Event::Eof => return Ok(count),
            _ => {}
        }
    }
}

impl Pass<'_> {
    fn open(&mut self, w: bool, local: String, prefix: String, span: Piece) {
        self.count_tables_and_rows(w, &local);
        self.path.push((w, local.clone()));
        match schema_order::sequence(&local).filter(|_| w) {
            Some(sequence) => self.frames.push(Frame {
                local,
                prefix,
                sequence,
                open: span,
                children: Vec::new(),
                loose: Vec::new(),
                depth: 0,
            }),
            None => self.enter(w, &local, span),
        }
    }

    fn empty(&mut self, w: bool, local: String, prefix: String, span: Piece, qname: &[u8]) {
        let ordered = w && schema_order::sequence(&local).is_some();
        if ordered && self.would_add_to(&local) {
            // `<w:trPr/>` that must receive a child: opened and closed around it.
            let Piece::Input(a, b) = span else {
                return;
            };
            let raw = &self.input[a..b];
            let open = [&raw[..raw.len() - 2], b">"].concat();
            let close = [b"</", qname, b">"].concat();
            self.open(w, local, prefix, Piece::Added(open));
            self.close(Piece::Added(close));
            return;
        }
        self.enter(w, &local, span);
        self.leave(None);
    }

    /// A start tag (or an empty element) that is not ordered itself.
    fn enter(&mut self, w: bool, local: &str, piece: Piece) {
        let Some(frame) = self.frames.last_mut() else {
            self.write(&piece);
            return;
        };
        if frame.depth == 0 {
            let rank = rank_in(frame, w, local);
            let mut pieces = std::mem::take(&mut frame.loose);
            pieces.push(piece);
            frame.children.push(Child {
                rank,
                local: local.to_string(),
                pieces,
            });
        } else if let Some(child) = frame.children.last_mut() {
            child.pieces.push(piece);
        }
        frame.depth += 1;
    }

    /// The end of what [`Pass::enter`] opened; `None` for an empty element.
    fn leave(&mut self, piece: Option<Piece>) {
        let Some(frame) = self.frames.last_mut() else {
            if let Some(p) = piece {
                self.write(&p);
            }
            return;
        };
        frame.depth = frame.depth.saturating_sub(1);
        if let (Some(p), Some(child)) = (piece, frame.children.last_mut()) {
            child.pieces.push(p);
        }
    }

    fn close(&mut self, span: Piece) {
        let closes_frame = self.frames.last().is_some_and(|f| f.depth == 0);
        self.path.pop();
        if !closes_frame {
            self.leave(Some(span));
            return;
        }
        let Some(mut frame) = self.frames.pop() else {
            return;
        };
        for addition in self.additions_here(&frame) {
            frame.children.push(addition);
        }
        frame.children.sort_by_key(|c| c.rank);
        let mut pieces = vec![frame.open];
        for child in frame.children {
            pieces.extend(child.pieces);
        }
        pieces.extend(frame.loose);
        pieces.push(span);
        // The finished element is one child (or part of one) of what encloses it.
        let w = true;
        self.enter(w, &frame.local, Piece::Added(Vec::new()));
        for p in pieces {
            self.push_into_current(p);
        }
        self.leave(None);
    }

    /// Text, comments and declarations.
    fn loose(&mut self, span: Piece) {
        match self.frames.last_mut() {
            None => self.write(&span),
            Some(f) if f.depth == 0 => f.loose.push(span),
            Some(f) => {
                if let Some(child) = f.children.last_mut() {
                    child.pieces.push(span);
                }
            }
        }
    }

    fn push_into_current(&mut self, p: Piece) {
        match self.frames.last_mut().and_then(|f| f.children.last_mut()) {
            Some(child) => child.pieces.push(p),
            None => self.write(&p),
        }
    }

    fn write(&mut self, p: &Piece) {
        match p {
            Piece::Input(a, b) => self.out.extend_from_slice(&self.input[*a..*b]),
            Piece::Added(bytes) => self.out.extend_from_slice(bytes),
        }
    }

    fn count_tables_and_rows(&mut self, w: bool, local: &str) {
        if !w {
            return;
        }
        let tables_open = self.path.iter().filter(|(w, l)| *w && l == "tbl").count();
        if local == "tbl" && tables_open == 0 {
            self.tables_seen += 1;
            self.rows_seen = 0;
        }
        if local == "tr" && tables_open == 1 && self.path.last().is_some_and(|(_, l)| l == "tbl") {
            self.rows_seen += 1;
        }
    }

    /// Whether an ordered element opening (or closing) here receives an addition.
    fn would_add_to(&self, local: &str) -> bool {
        self.additions.iter().any(|a| self.adds_here(*a, local))
    }

    /// With the element itself already off `path`.
    fn adds_here(&self, addition: Addition, local: &str) -> bool {
        let parent = self.path.last().map(|(_, l)| l.as_str());
        match addition {
            Addition::DefaultLanguage(_) => local == "rPr" && parent == Some("rPrDefault"),
            Addition::HeaderRowInLastTable => {
                let n = self.path.len();
                let tables_open = self.path.iter().filter(|(w, l)| *w && l == "tbl").count();
                local == "trPr"
                    && parent == Some("tr")
                    && n >= 2
                    && self.path[n - 2].1 == "tbl"
                    && tables_open == 1
                    && self.tables_seen == self.tables
                    && self.rows_seen == 1
            }
        }
    }

    fn additions_here(&self, frame: &Frame) -> Vec<Child> {
        let has = |name: &str| frame.children.iter().any(|c| c.local == name);
        let mut out = Vec::new();
        for addition in self.additions {
            if !self.adds_here(*addition, &frame.local) {
                continue;
            }
            let (local, xml) = match addition {
                Addition::DefaultLanguage(lang) => (
                    "lang",
                    format!("<{p}lang {p}val=\"{lang}\"/>", p = frame.prefix),
                ),
                Addition::HeaderRowInLastTable => {
                    ("tblHeader", format!("<{p}tblHeader/>", p = frame.prefix))
                }
            };
            if has(local) {
                continue;
            }
            out.push(Child {
                rank: rank_in(frame, true, local),
                local: local.to_string(),
                pieces: vec![Piece::Added(xml.into_bytes())],
            });
        }
        out
    }
}

/// A child's place in its parent's sequence; a name the sequence lacks (or another
/// namespace's) stays right after the child before it.
fn rank_in(frame: &Frame, w: bool, local: &str) -> usize {
    w.then(|| schema_order::rank(frame.sequence, local))
        .flatten()
        .unwrap_or_else(|| frame.children.last().map_or(0, |c| c.rank))
}
