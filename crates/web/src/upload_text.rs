//! The text parts of an upload form (multipart), read within bounds: each field at most
//! its own limit, and at most [`MAX_TEXT_FIELDS`] fields and [`MAX_TEXT_BYTES`] in all,
//! so that neither one huge field nor a thousand small ones fill the server's memory
//! (issue 14: a 500 MB field and 1,200 fields did). Files stream to the evidence store,
//! which bounds them itself.

use axum::extract::Multipart;
use axum::extract::multipart::Field;

/// More fields than any form here has (a report with its figures has a few dozen).
pub const MAX_TEXT_FIELDS: usize = 300;
/// All text fields of one form together.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// What one form's text parts may still take.
pub struct TextBudget {
    fields: usize,
    bytes: usize,
}

impl Default for TextBudget {
    fn default() -> Self {
        TextBudget {
            fields: MAX_TEXT_FIELDS,
            bytes: MAX_TEXT_BYTES,
        }
    }
}

impl TextBudget {
    /// Reads one text field whole, as NFC, within `limit` bytes and what the form has
    /// left. `Err` is the message key: too many fields, too long, cut off, not UTF-8.
    pub async fn read(
        &mut self,
        mut field: Field<'_>,
        limit: usize,
    ) -> Result<String, &'static str> {
        if self.fields == 0 {
            return Err("upload.too_many_fields");
        }
        self.fields -= 1;
        let mut buf = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| "report.cut_off")? {
            if buf.len() + chunk.len() > limit.min(self.bytes) {
                return Err("report.text_too_long");
            }
            buf.extend_from_slice(&chunk);
        }
        self.bytes -= buf.len();
        let s = String::from_utf8(buf).map_err(|_| "report.not_utf8")?;
        Ok(vanban::text::nfc(&s))
    }
}

/// Reads what is left of a refused upload and throws it away, so that the refusal reaches
/// the client: a server that answers before it has read the body closes the connection,
/// and a client still sending gets a reset instead of the message. What is read is
/// bounded by the upload routes' body limit and time-out, which end the reading.
pub async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}
