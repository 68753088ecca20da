//! How notifications leave: e-mail over SMTP (lettre) and webhooks over HTTP (ureq), each returning why it failed.

use crate::signature::{self, DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::webhook_url::{self, CheckingResolver, WebhookPolicy};
use chrono::{DateTime, Utc};
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};
use std::time::Duration;

/// How to reach the SMTP server.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SmtpSecurity {
    /// Plain SMTP (a relay on the local network, or a test sink).
    None,
    /// STARTTLS on the submission port (587), the usual choice.
    #[default]
    StartTls,
    /// TLS from the first byte (465).
    Tls,
}

impl std::str::FromStr for SmtpSecurity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Self::None),
            "starttls" => Ok(Self::StartTls),
            "tls" => Ok(Self::Tls),
            other => Err(format!(
                "SMTP security {other:?} unknown; use none, starttls or tls"
            )),
        }
    }
}

/// The SMTP server e-mails go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// `Pilotage <pilotage@example.gouv.fr>`.
    pub sender: String,
    pub security: SmtpSecurity,
}

/// Sends notifications. One per worker; the SMTP connection is opened for each message.
pub struct Transports {
    smtp: Option<(SmtpTransport, Mailbox)>,
    http: ureq::Agent,
    webhooks: WebhookPolicy,
}

impl Transports {
    /// `smtp` is `None` when no server is configured: e-mails then stay in the outbox. `webhooks` says which
    /// addresses webhooks may reach (loopback only in development) and bounds each attempt.
    pub fn new(smtp: Option<&SmtpConfig>, webhooks: WebhookPolicy) -> anyhow::Result<Self> {
        let smtp = match smtp {
            None => None,
            Some(config) => {
                let sender: Mailbox = config.sender.parse().map_err(|e| {
                    anyhow::anyhow!("SMTP sender {:?} is not an address: {e}", config.sender)
                })?;
                let tls = || TlsParameters::new(config.host.clone());
                let mut builder = SmtpTransport::builder_dangerous(&config.host)
                    .port(config.port)
                    .timeout(Some(Duration::from_secs(20)));
                builder = match config.security {
                    SmtpSecurity::None => builder.tls(Tls::None),
                    SmtpSecurity::StartTls => builder.tls(Tls::Required(tls()?)),
                    SmtpSecurity::Tls => builder.tls(Tls::Wrapper(tls()?)),
                };
                if let (Some(user), Some(password)) = (&config.username, &config.password) {
                    builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
                }
                Some((builder.build(), sender))
            }
        };
        // No proxy (the checked address is the one connected to), no redirect (a 3xx is a failed attempt), every
        // address checked by the resolver that hands them to the connector.
        let http = ureq::Agent::with_parts(
            ureq::Agent::config_builder()
                .timeout_global(Some(webhooks.timeout))
                .timeout_connect(Some(webhooks.timeout))
                .http_status_as_error(false)
                .max_redirects(0)
                .proxy(None)
                .build(),
            ureq::unversioned::transport::DefaultConnector::default(),
            CheckingResolver { policy: webhooks },
        );
        Ok(Self {
            smtp,
            http,
            webhooks,
        })
    }

    pub fn can_email(&self) -> bool {
        self.smtp.is_some()
    }

    /// Sends one e-mail; the dedupe key becomes its Message-ID, so that a repeat can be recognised.
    pub fn email(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        dedupe_key: &str,
    ) -> Result<(), String> {
        let Some((transport, sender)) = &self.smtp else {
            return Err("no SMTP server configured".into());
        };
        let to: Mailbox = to
            .parse()
            .map_err(|e| format!("recipient {to:?} is not an address: {e}"))?;
        let domain = sender.email.domain().to_owned();
        let id = hex::encode(dedupe_key.as_bytes());
        let message = Message::builder()
            .from(sender.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<{}@{domain}>", &id[..id.len().min(120)])))
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| format!("cannot build the message: {e}"))?;
        transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }

    /// POSTs a webhook's JSON body, signed; a non-2xx answer is a failure.
    pub fn webhook(
        &self,
        url: &str,
        event: &str,
        body: &str,
        secret: &str,
        delivery: &str,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let checked =
            webhook_url::check_syntax(url, &self.webhooks).map_err(|r| format!("refused: {r}"))?;
        let timestamp = now.timestamp();
        let mut response = self
            .http
            .post(checked.as_str())
            .header("Content-Type", "application/json")
            .header(EVENT_HEADER, event)
            .header(DELIVERY_HEADER, delivery)
            .header(TIMESTAMP_HEADER, timestamp.to_string())
            .header(
                SIGNATURE_HEADER,
                signature::sign(secret, timestamp, body.as_bytes()),
            )
            .send(body)
            .map_err(|e| match e {
                ureq::Error::Other(inner) if inner.is::<webhook_url::Refusal>() => {
                    format!("refused: {inner}")
                }
                e => format!("HTTP: {e}"),
            })?;
        let status = response.status();
        if status.is_redirection() {
            return Err(format!("HTTP {status}: redirections are not followed"));
        }
        if !status.is_success() {
            return Err(format!("HTTP {status}"));
        }
        let limit = self.webhooks.max_response_bytes;
        response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map(|_| ())
            .map_err(|e| {
                format!(
                    "HTTP {status}, answer not read within {limit} bytes and the time bound: {e}"
                )
            })
    }
}
