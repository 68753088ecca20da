//! Configuration: defaults, then an optional TOML file, then environment variables, then command-line flags.

use anyhow::{bail, Context, Result};
use pilotage_app::cookies::{parse_trusted_proxies, CookiePolicy, SecureCookies};
use pilotage_domain::notification::{MailContext, PublicUrl, DEFAULT_OPERATOR_EMAIL};
use pilotage_jobs::{JobName, Schedules, SmtpConfig, SmtpSecurity, WebhookPolicy};
use pilotage_store::{DatabaseUrl, DEFAULT_DATABASE_URL};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
const DEFAULT_POOL_SIZE: u32 = 8;

/// Everything the binary needs to know to run.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub bind: String,
    /// `PILOTAGE_JWT_SECRET`; when absent, a secret is generated once and kept in the database.
    pub jwt_secret: Option<String>,
    pub pool_size: u32,
    /// Where the nightly snapshots are kept (`PILOTAGE_SNAPSHOT_DIR`, default `snapshots`).
    pub snapshot_dir: PathBuf,
    /// The SMTP server for e-mails; `None` keeps them in the outbox (`PILOTAGE_SMTP_HOST` unset).
    pub smtp: Option<SmtpConfig>,
    /// The schedule of each job (`PILOTAGE_SCHEDULE_<JOB>`, cron with seconds, Europe/Paris time).
    pub schedules: Schedules,
    /// Whether `serve` runs the scheduler (`PILOTAGE_JOBS=off` for an instance that only serves HTTP).
    pub jobs_enabled: bool,
    /// Where webhooks may point: plain http to loopback only with `PILOTAGE_WEBHOOK_ALLOW_LOOPBACK=on`
    /// (development), off by default.
    pub webhooks: WebhookPolicy,
    /// When the pages' cookies get `Secure`: `PILOTAGE_SECURE_COOKIES` (`auto`, the default: over HTTPS, `on`,
    /// `off`), and `PILOTAGE_TRUSTED_PROXIES`, the reverse proxies whose `X-Forwarded-Proto` is believed.
    pub cookies: CookiePolicy,
    /// The address people reach the pages at, for the links in e-mails (`PILOTAGE_PUBLIC_URL`); unset, the
    /// address served (`http://` and the bind address, see [`Config::public_url`]).
    pub public_url: Option<PublicUrl>,
    /// The operator's address, the contact named in the e-mails about reports (`PILOTAGE_OPERATOR_EMAIL`).
    pub operator_email: String,
}

/// The keys a configuration file may hold (the same names as the environment variables, lower case).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    bind: Option<String>,
    jwt_secret: Option<String>,
    pool_size: Option<u32>,
    snapshot_dir: Option<String>,
    smtp_host: Option<String>,
    smtp_port: Option<u16>,
    smtp_username: Option<String>,
    smtp_password: Option<String>,
    smtp_sender: Option<String>,
    smtp_security: Option<String>,
    jobs: Option<String>,
    webhook_allow_loopback: Option<String>,
    secure_cookies: Option<String>,
    trusted_proxies: Option<String>,
    public_url: Option<String>,
    operator_email: Option<String>,
    #[serde(default)]
    schedules: std::collections::BTreeMap<String, String>,
}

impl Config {
    /// The public address for the e-mails' links: `PILOTAGE_PUBLIC_URL`, else `http://` and the address served
    /// (`bind`: the configured one, or `--bind`), else the default (`http://127.0.0.1:8080`).
    pub fn public_url(&self, bind: &str) -> PublicUrl {
        self.public_url
            .clone()
            .unwrap_or_else(|| PublicUrl::parse(&format!("http://{bind}")).unwrap_or_default())
    }

    /// What the e-mails about reports link to and name as contact, for the address served (`bind`).
    pub fn mail(&self, bind: &str) -> MailContext {
        MailContext {
            public_url: self.public_url(bind),
            operator_email: self.operator_email.clone(),
        }
    }

    /// Reads the configuration; `file` (or `PILOTAGE_CONFIG`) names an optional TOML file.
    pub fn load(file: Option<&Path>) -> Result<Self> {
        Self::from_sources(file, |name| std::env::var(name).ok())
    }

    /// The configuration from a file and an environment given as a function (tests pass their own).
    pub fn from_sources(file: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let path: Option<PathBuf> = file
            .map(Path::to_path_buf)
            .or_else(|| env("PILOTAGE_CONFIG").map(PathBuf::from));
        let from_file = match &path {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| {
                    format!("cannot read configuration file {}", path.display())
                })?;
                toml::from_str::<FileConfig>(&text)
                    .with_context(|| format!("invalid configuration file {}", path.display()))?
            }
            None => FileConfig::default(),
        };
        let url = env("DATABASE_URL")
            .or(from_file.database_url)
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let database_url: DatabaseUrl = url.parse().map_err(anyhow::Error::from)?;
        let pool_size = match env("PILOTAGE_POOL_SIZE") {
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if (1..=256).contains(&n) => n,
                _ => bail!("PILOTAGE_POOL_SIZE must be a whole number from 1 to 256, not {v:?}"),
            },
            None => from_file.pool_size.unwrap_or(DEFAULT_POOL_SIZE),
        };
        let smtp = match env("PILOTAGE_SMTP_HOST").or(from_file.smtp_host) {
            None => None,
            Some(host) => {
                let security: SmtpSecurity = env("PILOTAGE_SMTP_SECURITY")
                    .or(from_file.smtp_security)
                    .unwrap_or_else(|| "starttls".into())
                    .parse()
                    .map_err(|e: String| anyhow::anyhow!("PILOTAGE_SMTP_SECURITY: {e}"))?;
                let port = match env("PILOTAGE_SMTP_PORT") {
                    Some(v) => v.trim().parse::<u16>().map_err(|_| {
                        anyhow::anyhow!("PILOTAGE_SMTP_PORT must be a port number, not {v:?}")
                    })?,
                    None => from_file.smtp_port.unwrap_or(match security {
                        SmtpSecurity::Tls => 465,
                        SmtpSecurity::StartTls => 587,
                        SmtpSecurity::None => 25,
                    }),
                };
                Some(SmtpConfig {
                    host,
                    port,
                    username: env("PILOTAGE_SMTP_USERNAME").or(from_file.smtp_username),
                    password: env("PILOTAGE_SMTP_PASSWORD").or(from_file.smtp_password),
                    sender: env("PILOTAGE_SMTP_SENDER")
                        .or(from_file.smtp_sender)
                        .context("PILOTAGE_SMTP_SENDER is required with PILOTAGE_SMTP_HOST (e.g. \"Pilotage <pilotage@example.gouv.fr>\")")?,
                    security,
                })
            }
        };
        let mut schedules = Schedules::default();
        for (name, expression) in &from_file.schedules {
            let job: JobName = name.parse().map_err(|e: String| {
                anyhow::anyhow!("[schedules] in the configuration file: {e}")
            })?;
            schedules.set(job, expression).map_err(anyhow::Error::msg)?;
        }
        for job in JobName::ALL {
            let var = format!("PILOTAGE_SCHEDULE_{}", job.as_str().to_uppercase());
            if let Some(expression) = env(&var) {
                schedules
                    .set(job, &expression)
                    .map_err(|e| anyhow::anyhow!("{var}: {e}"))?;
            }
        }
        let jobs_enabled = match env("PILOTAGE_JOBS").or(from_file.jobs).as_deref() {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => bail!("PILOTAGE_JOBS must be on or off, not {other:?}"),
        };
        let allow_loopback = match env("PILOTAGE_WEBHOOK_ALLOW_LOOPBACK")
            .or(from_file.webhook_allow_loopback)
            .as_deref()
        {
            None | Some("off") => false,
            Some("on") => true,
            Some(other) => {
                bail!("PILOTAGE_WEBHOOK_ALLOW_LOOPBACK must be on or off, not {other:?}")
            }
        };
        let secure: SecureCookies = env("PILOTAGE_SECURE_COOKIES")
            .or(from_file.secure_cookies)
            .map(|v| v.parse())
            .transpose()
            .map_err(|e: String| anyhow::anyhow!("PILOTAGE_SECURE_COOKIES: {e}"))?
            .unwrap_or_default();
        let trusted_proxies = env("PILOTAGE_TRUSTED_PROXIES")
            .or(from_file.trusted_proxies)
            .map(|v| parse_trusted_proxies(&v))
            .transpose()
            .map_err(|e| anyhow::anyhow!("PILOTAGE_TRUSTED_PROXIES: {e}"))?
            .unwrap_or_default();
        let public_url = env("PILOTAGE_PUBLIC_URL")
            .or(from_file.public_url)
            .map(|v| PublicUrl::parse(&v))
            .transpose()
            .map_err(|e| anyhow::anyhow!("PILOTAGE_PUBLIC_URL {e}"))?;
        let operator_email = env("PILOTAGE_OPERATOR_EMAIL")
            .or(from_file.operator_email)
            .unwrap_or_else(|| DEFAULT_OPERATOR_EMAIL.to_owned());
        // Checked here, so that a typing error stops the start rather than every e-mail.
        MailContext::new(PublicUrl::default(), &operator_email).map_err(|_| {
            anyhow::anyhow!(
                "PILOTAGE_OPERATOR_EMAIL must be an e-mail address (e.g. pilotage@operateur.example.gouv.fr), not {operator_email:?}"
            )
        })?;
        Ok(Self {
            public_url,
            operator_email: operator_email.trim().to_owned(),
            cookies: CookiePolicy {
                secure,
                trusted_proxies,
            },
            webhooks: WebhookPolicy {
                allow_loopback,
                ..WebhookPolicy::default()
            },
            snapshot_dir: env("PILOTAGE_SNAPSHOT_DIR")
                .or(from_file.snapshot_dir)
                .map_or_else(|| PathBuf::from("snapshots"), PathBuf::from),
            smtp,
            schedules,
            jobs_enabled,
            database_url,
            bind: env("PILOTAGE_BIND")
                .or(from_file.bind)
                .unwrap_or_else(|| DEFAULT_BIND.to_owned()),
            jwt_secret: env("PILOTAGE_JWT_SECRET").or(from_file.jwt_secret),
            pool_size,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pilotage_store::Backend;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)], file: Option<&Path>) -> Result<Config> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_sources(file, |k| vars.get(k).cloned())
    }

    #[test]
    fn defaults_need_nothing_set() {
        let c = load(&[], None).unwrap();
        assert_eq!(c.database_url.backend(), Backend::Sqlite);
        assert_eq!(c.database_url.target(), "pilotage.db");
        assert_eq!(c.bind, "127.0.0.1:8080");
        assert_eq!((c.jwt_secret, c.pool_size), (None, 8));
        assert_eq!(c.smtp, None);
        assert!(c.jobs_enabled);
        assert!(
            !c.webhooks.allow_loopback,
            "loopback webhooks are off by default"
        );
        let dev = load(&[("PILOTAGE_WEBHOOK_ALLOW_LOOPBACK", "on")], None).unwrap();
        assert!(dev.webhooks.allow_loopback);
        let err = load(&[("PILOTAGE_WEBHOOK_ALLOW_LOOPBACK", "yes")], None).unwrap_err();
        assert!(
            err.to_string().contains("PILOTAGE_WEBHOOK_ALLOW_LOOPBACK"),
            "{err}"
        );
        assert_eq!(c.schedules.expression(JobName::Reminders), "0 0 9 * * *");
        assert_eq!(c.cookies, CookiePolicy::default());
        assert_eq!(c.cookies.secure, SecureCookies::Auto);
    }

    #[test]
    fn secure_cookies_and_trusted_proxies_are_read_and_bad_ones_named() {
        let c = load(
            &[
                ("PILOTAGE_SECURE_COOKIES", "on"),
                ("PILOTAGE_TRUSTED_PROXIES", "10.0.0.1, 192.168.0.0/16"),
            ],
            None,
        )
        .unwrap();
        assert_eq!(c.cookies.secure, SecureCookies::On);
        assert_eq!(
            c.cookies.trusted_proxies,
            parse_trusted_proxies("10.0.0.1,192.168.0.0/16").unwrap()
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pilotage.toml");
        std::fs::write(
            &path,
            "secure_cookies = \"off\"\ntrusted_proxies = \"::1\"\n",
        )
        .unwrap();
        let c = load(&[], Some(&path)).unwrap();
        assert_eq!(c.cookies.secure, SecureCookies::Off);
        assert_eq!(c.cookies.trusted_proxies.len(), 1);
        let err = load(&[("PILOTAGE_SECURE_COOKIES", "yes")], None).unwrap_err();
        assert!(err.to_string().contains("PILOTAGE_SECURE_COOKIES"), "{err}");
        let err = load(&[("PILOTAGE_TRUSTED_PROXIES", "proxy.example")], None).unwrap_err();
        assert!(
            err.to_string().contains("PILOTAGE_TRUSTED_PROXIES"),
            "{err}"
        );
        assert!(err.to_string().contains("proxy.example"), "{err}");
    }

    #[test]
    fn smtp_and_schedules_come_from_the_file_and_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pilotage.toml");
        std::fs::write(
            &path,
            "smtp_host = \"smtp.example.fr\"\nsmtp_sender = \"Pilotage <p@example.fr>\"\n[schedules]\nsnapshot = \"0 0 4 * * *\"\n",
        )
        .unwrap();
        let c = load(
            &[("PILOTAGE_SCHEDULE_REMINDERS", "0 30 8 * * *")],
            Some(&path),
        )
        .unwrap();
        let smtp = c.smtp.unwrap();
        assert_eq!((smtp.host.as_str(), smtp.port), ("smtp.example.fr", 587));
        assert_eq!(c.schedules.expression(JobName::Snapshot), "0 0 4 * * *");
        assert_eq!(c.schedules.expression(JobName::Reminders), "0 30 8 * * *");
        let err = load(&[("PILOTAGE_SCHEDULE_DEADLINE", "tous les jours")], None).unwrap_err();
        assert!(
            err.to_string().contains("PILOTAGE_SCHEDULE_DEADLINE"),
            "{err}"
        );
        let err = load(&[("PILOTAGE_SMTP_HOST", "smtp.example.fr")], None).unwrap_err();
        assert!(err.to_string().contains("PILOTAGE_SMTP_SENDER"), "{err}");
        let err = load(&[("PILOTAGE_JOBS", "maybe")], None).unwrap_err();
        assert!(err.to_string().contains("PILOTAGE_JOBS"), "{err}");
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pilotage.toml");
        std::fs::write(
            &path,
            "database_url = \"postgres://127.0.0.1/p\"\nbind = \"0.0.0.0:9000\"\npool_size = 4\n",
        )
        .unwrap();
        let c = load(&[("PILOTAGE_BIND", "127.0.0.1:9999")], Some(&path)).unwrap();
        assert_eq!(c.database_url.backend(), Backend::Postgres);
        assert_eq!((c.bind.as_str(), c.pool_size), ("127.0.0.1:9999", 4));
    }

    #[test]
    fn bad_values_are_named() {
        let err = load(&[("DATABASE_URL", "mysql://x")], None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("mysql"), "{err}");
        let err = load(&[("PILOTAGE_POOL_SIZE", "lots")], None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("PILOTAGE_POOL_SIZE"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "databse_url = \"x\"\n").unwrap();
        let err = format!("{:#}", load(&[], Some(&path)).unwrap_err());
        assert!(err.contains("databse_url"), "{err}");
        let err = format!(
            "{:#}",
            load(&[("PILOTAGE_CONFIG", "/nonexistent/p.toml")], None).unwrap_err()
        );
        assert!(err.contains("/nonexistent/p.toml"), "{err}");
    }

    #[test]
    fn the_public_url_and_the_operator_contact_are_read_and_bad_ones_refused() {
        let c = load(&[], None).unwrap();
        assert_eq!(c.public_url, None);
        assert_eq!(
            c.mail(&c.bind),
            MailContext {
                public_url: PublicUrl::parse("http://127.0.0.1:8080").unwrap(),
                operator_email: "pilotage@operateur.example".into(),
            }
        );
        // Unset, the links follow the address served.
        assert_eq!(
            c.public_url("127.0.0.1:9000").as_str(),
            "http://127.0.0.1:9000"
        );
        let c = load(
            &[
                ("PILOTAGE_PUBLIC_URL", "https://pilotage.example.gouv.fr/"),
                ("PILOTAGE_OPERATOR_EMAIL", " reseau@operateur.example.fr "),
            ],
            None,
        )
        .unwrap();
        let mail = c.mail("127.0.0.1:9000");
        assert_eq!(mail.public_url.as_str(), "https://pilotage.example.gouv.fr");
        assert_eq!(mail.operator_email, "reseau@operateur.example.fr");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pilotage.toml");
        std::fs::write(
            &path,
            "public_url = \"https://example.fr/pilotage\"\noperator_email = \"op@example.fr\"\n",
        )
        .unwrap();
        let c = load(&[], Some(&path)).unwrap();
        assert_eq!(
            c.mail("x").public_url.as_str(),
            "https://example.fr/pilotage"
        );
        assert_eq!(c.operator_email, "op@example.fr");
        for bad in [
            "pilotage.example.gouv.fr",
            "ftp://example.fr",
            "https://user:pw@example.fr",
            "https://example.fr/?next=x",
            "https://exa mple.fr",
        ] {
            let err = load(&[("PILOTAGE_PUBLIC_URL", bad)], None).unwrap_err();
            assert!(err.to_string().contains("PILOTAGE_PUBLIC_URL"), "{err}");
            assert!(err.to_string().contains(bad), "{err}");
        }
        for bad in ["operateur", "op@localhost", "a b@example.fr"] {
            let err = load(&[("PILOTAGE_OPERATOR_EMAIL", bad)], None).unwrap_err();
            assert!(err.to_string().contains("PILOTAGE_OPERATOR_EMAIL"), "{err}");
            assert!(err.to_string().contains(bad), "{err}");
        }
    }
}
