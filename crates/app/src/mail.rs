//! Sending e-mail over SMTP (lettre), for the reminder scheduler.

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// SMTP delivery.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// `smtp://host:25` (plain, for a relay on the local network),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtps://user:pass@host:465`.
    /// `from`: "Sở VHTT Hà Nội <sangtao@example.vn>" or a bare address.
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from
            .trim()
            .parse()
            .map_err(|e| format!("mail_from {from:?} is not an e-mail address: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
            .map_err(|e| format!("smtp_url is not usable ({}): {e}", store::redact_url(url)))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Mailer { transport, from })
    }

    /// Sends the message to each address on its own, so that no recipient sees another's
    /// address; a failure is logged (`what` names the notice) and the others still go.
    pub async fn send_each(&self, to: &[String], subject: &str, body: &str, what: &str) {
        for address in to {
            if let Err(e) = self
                .send(std::slice::from_ref(address), subject, body)
                .await
            {
                tracing::warn!(error = %e, notice = what, "a notice was not sent");
            }
        }
    }

    /// Sends one plain-text message (UTF-8; lettre encodes the Vietnamese subject).
    pub async fn send(&self, to: &[String], subject: &str, body: &str) -> Result<(), String> {
        let mut b = Message::builder().from(self.from.clone()).subject(subject);
        let mut any = false;
        for addr in to {
            match addr.parse::<Mailbox>() {
                Ok(m) => {
                    b = b.to(m);
                    any = true;
                }
                Err(e) => tracing::warn!(address = %addr, error = %e, "skipping a bad address"),
            }
        }
        if !any {
            return Err("no valid recipient".into());
        }
        let msg = b
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(msg)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn bad_mail_settings_are_explained() {
        let e = Mailer::new("smtp://relay:25", "not an address").unwrap_err();
        assert!(e.contains("mail_from"), "{e}");
        let e = Mailer::new("ftp://user:secret@x", "a@b.vn").unwrap_err();
        assert!(e.contains("smtp_url") && !e.contains("secret"), "{e}");
        assert!(Mailer::new("smtp://127.0.0.1:2525", "Sở VHTT <a@b.vn>").is_ok());
    }
}
