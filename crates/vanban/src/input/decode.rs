use super::ReadError;

/// Decodes UTF-8 (with or without BOM) or UTF-16 (with a BOM, or without one when the
/// zero bytes say so), and refuses binary data.
pub fn decode_text(bytes: &[u8], name: &str) -> Result<String, ReadError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest, name, 3)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, name, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, name, u16::from_be_bytes)?
    } else if let Some(text) = utf16_without_bom(bytes) {
        text
    } else {
        utf8(bytes, name, 0)?
    };
    if let Some(offset) = text.find(is_binary_char) {
        return Err(ReadError::Binary {
            name: name.to_string(),
            offset,
        });
    }
    Ok(text)
}

/// UTF-16 written without a byte-order mark (Windows "Unicode" text saved by some
/// tools). Text in Vietnamese or English has a zero high byte in most code units (ASCII,
/// Latin-1 letters), so one byte of each pair is often zero and the other almost never.
/// The guess is kept only when the whole file decodes to text.
fn utf16_without_bom(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let unit: fn([u8; 2]) -> u16 = if odd * 10 >= pairs * 3 && even * 50 <= pairs {
        u16::from_le_bytes
    } else if even * 10 >= pairs * 3 && odd * 50 <= pairs {
        u16::from_be_bytes
    } else {
        return None;
    };
    let body = bytes.get(..bytes.len() - bytes.len() % 2)?;
    let text = utf16(body, "", unit).ok()?;
    (!text.contains(is_binary_char)).then_some(text)
}

/// Control characters that never occur in a text document (form feed, tab and line ends do).
fn is_binary_char(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0E'..='\x1A' | '\x1C'..='\x1F' | '\u{7F}')
}

fn utf8(bytes: &[u8], name: &str, base: usize) -> Result<String, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = base + e.valid_up_to();
            // A NUL early on means binary rather than a foreign encoding.
            if memchr::memchr(0, &bytes[..bytes.len().min(4096)]).is_some() {
                Err(ReadError::Binary {
                    name: name.to_string(),
                    offset,
                })
            } else {
                Err(ReadError::Encoding {
                    name: name.to_string(),
                    offset,
                })
            }
        }
    }
}

fn utf16(bytes: &[u8], name: &str, unit: fn([u8; 2]) -> u16) -> Result<String, ReadError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ReadError::Encoding {
            name: name.to_string(),
            offset: bytes.len() + 1,
        });
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(ReadError::Encoding {
                    name: name.to_string(),
                    offset: 2 + i * 2,
                });
            }
        }
    }
    Ok(out)
}
