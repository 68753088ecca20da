//! What Pilotage tells people: the events regional systems can subscribe to, and the French e-mails sent to
//! coordinators and analysts (reminders, the late summary, review outcomes, locking at the closing date).

use crate::academic_year::AcademicYear;
use crate::deadline::DeadlineKind;
use crate::french;
use crate::CampusId;
use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Europe::Paris;
use serde::{Deserialize, Serialize};

/// An event a webhook can subscribe to.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Event {
    #[serde(rename = "report.submitted")]
    ReportSubmitted,
    #[serde(rename = "report.accepted")]
    ReportAccepted,
    #[serde(rename = "report.returned")]
    ReportReturned,
    #[serde(rename = "deadline.passed")]
    DeadlinePassed,
}

impl Event {
    pub const ALL: [Event; 4] = [
        Self::ReportSubmitted,
        Self::ReportAccepted,
        Self::ReportReturned,
        Self::DeadlinePassed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReportSubmitted => "report.submitted",
            Self::ReportAccepted => "report.accepted",
            Self::ReportReturned => "report.returned",
            Self::DeadlinePassed => "deadline.passed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// An e-mail's subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub body: String,
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date in words, Paris time: « 1er septembre 2026 ».
pub fn french_date(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Paris);
    let day = match local.day() {
        1 => "1er".to_owned(),
        d => d.to_string(),
    };
    let month = MONTHS
        .get(local.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{day} {month} {}", local.year())
}

/// A date and time in words, Paris time: « 1er septembre 2026 à 23 h 59 (heure de Paris) ».
pub fn french_date_time(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Paris);
    format!(
        "{} à {} h {:02} (heure de Paris)",
        french_date(at),
        local.hour(),
        local.minute()
    )
}

fn what(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::FlashSurvey | DeadlineKind::FlashSurveyOpening => "l'enquête flash",
        DeadlineKind::AnnualReport | DeadlineKind::AnnualReportClosing => {
            "le rapport annuel et la grille d'indicateurs"
        }
    }
}

fn signature() -> &'static str {
    "\n\n--\nPilotage, service de suivi du réseau des Campus connectés\n\
     Ce message est envoyé automatiquement ; pour toute question, écrivez à l'opérateur du réseau."
}

/// A reminder to a campus's coordinator: `days_left` days before `due`.
pub fn reminder(
    kind: DeadlineKind,
    campus_name: &str,
    year: AcademicYear,
    due: DateTime<Utc>,
    days_left: i64,
) -> Email {
    let when = match days_left {
        1 => "demain".to_owned(),
        n => format!("dans {n} jours"),
    };
    Email {
        subject: format!(
            "Rappel : {} {year} du {campus_name} à remettre {when} (J-{days_left})",
            what(kind)
        ),
        body: format!(
            "Bonjour,\n\n{} {year} du {campus_name} n'a pas encore été transmis. \
             La date limite est le {}.\n\n\
             Vous pouvez enregistrer un brouillon à tout moment, puis le transmettre depuis Pilotage \
             (formulaire en ligne, tableur ou API).{}",
            capitalise(what(kind)),
            french_date_time(due),
            signature()
        ),
    }
}

/// The summary sent to analysts when a deadline passes: the campuses now late, by région académique.
pub fn deadline_summary(
    kind: DeadlineKind,
    year: AcademicYear,
    due: DateTime<Utc>,
    late_by_region: &[(String, Vec<String>)],
) -> Email {
    let total: usize = late_by_region.iter().map(|(_, c)| c.len()).sum();
    let mut lines = String::new();
    for (region, campuses) in late_by_region {
        lines.push_str(&format!("\n{region} ({}) :\n", campuses.len()));
        for campus in campuses {
            lines.push_str(&format!("  - {campus}\n"));
        }
    }
    let plural = if total > 1 { "s" } else { "" };
    Email {
        subject: format!(
            "Échéance passée : {total} campus en retard pour {} {year}",
            what(kind)
        ),
        body: format!(
            "Bonjour,\n\nL'échéance du {} pour {} {year} est passée. \
             {total} campus n'ont pas transmis et sont désormais marqué{plural} en retard :\n{lines}{}",
            french_date_time(due),
            what(kind),
            signature()
        ),
    }
}

/// The default public address: the one `pilotage serve` listens on by default.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";
/// The default operator contact, for development; a real instance sets its own.
pub const DEFAULT_OPERATOR_EMAIL: &str = "pilotage@operateur.example";

/// The address at which people reach Pilotage's pages, for the links in e-mails: `http` or `https`, a host (and
/// port), an optional path prefix; no credentials, query or fragment. Kept without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// Checks `text` (`https://pilotage.example.gouv.fr`, `http://127.0.0.1:8080`, `https://example.fr/pilotage`);
    /// the error says what is wrong, in English (it is shown at start, naming the variable).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let refuse = |why: &str| {
            Err(format!(
                "{why}: {text:?} (expected e.g. https://pilotage.example.gouv.fr)"
            ))
        };
        let lower = text.to_ascii_lowercase();
        let (scheme, rest) = if let Some(rest) = lower.strip_prefix("https://") {
            ("https", &text[text.len() - rest.len()..])
        } else if let Some(rest) = lower.strip_prefix("http://") {
            ("http", &text[text.len() - rest.len()..])
        } else {
            return refuse("must start with http:// or https://");
        };
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return refuse("must not contain spaces or control characters");
        }
        if text.contains(['?', '#']) {
            return refuse("must not have a query (?) or a fragment (#)");
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return refuse("must not hold a user name or password");
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (host, Some(port)),
            _ => (authority, None),
        };
        let host_ok = !host.is_empty()
            && (host.starts_with('[')
                && host.ends_with(']')
                && host[1..host.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
                || host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                    && !host.starts_with(['.', '-'])
                    && !host.ends_with('-'));
        if !host_ok {
            return refuse("must name a host");
        }
        if let Some(port) = port {
            if !port.parse::<u16>().is_ok_and(|p| p > 0) {
                return refuse("has a bad port (1 to 65535)");
            }
        }
        if path.contains("//") || path.split('/').any(|s| s == "." || s == "..") {
            return refuse("has a bad path");
        }
        Ok(Self(format!(
            "{scheme}://{}{}",
            authority.to_ascii_lowercase(),
            path.trim_end_matches('/')
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The page of a campus's annual report: `{public_url}/campus/{campus_id}/rapports/{year}`.
    pub fn report_page(&self, campus: &CampusId, year: AcademicYear) -> String {
        format!("{}/campus/{campus}/rapports/{year}", self.0)
    }
}

impl Default for PublicUrl {
    fn default() -> Self {
        Self(DEFAULT_PUBLIC_URL.to_owned())
    }
}

impl std::fmt::Display for PublicUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the e-mails about a report point to: the service's public address (links) and the operator's address
/// (the contact), from the configuration (`PILOTAGE_PUBLIC_URL`, `PILOTAGE_OPERATOR_EMAIL`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailContext {
    pub public_url: PublicUrl,
    pub operator_email: String,
}

impl MailContext {
    /// Checks the operator's address (`crate::account::check_email`).
    pub fn new(public_url: PublicUrl, operator_email: &str) -> Result<Self, String> {
        let operator_email = operator_email.trim();
        crate::account::check_email(operator_email)?;
        Ok(Self {
            public_url,
            operator_email: operator_email.to_owned(),
        })
    }
}

impl Default for MailContext {
    fn default() -> Self {
        Self {
            public_url: PublicUrl::default(),
            operator_email: DEFAULT_OPERATOR_EMAIL.to_owned(),
        }
    }
}

/// The report an e-mail is about, and when its step happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportStep<'a> {
    pub campus_id: &'a CampusId,
    /// The campus's name, the only way the text names it: « Campus connecté de Nevers ».
    pub campus_name: &'a str,
    pub year: AcademicYear,
    pub at: DateTime<Utc>,
}

/// The end of every e-mail about a report: the link to its page and the operator's contact, then the signature.
fn report_footer(step: &ReportStep<'_>, mail: &MailContext) -> String {
    format!(
        "\n\nVoir le rapport : {}\nContact : {}{}",
        mail.public_url.report_page(step.campus_id, step.year),
        mail.operator_email,
        signature()
    )
}

/// To a campus's coordinators when their report is submitted: the receipt, and what happens next.
pub fn report_submitted(step: &ReportStep<'_>, mail: &MailContext) -> Email {
    let ReportStep {
        campus_name, year, ..
    } = *step;
    let when = french::date_time(step.at);
    Email {
        subject: format!(
            "Accusé de réception : rapport annuel {year} du {campus_name} transmis le {when}"
        ),
        body: format!(
            "Bonjour,\n\nLe rapport annuel {year} du {campus_name} a bien été transmis le {when} \
             (heure de Paris).\n\n\
             Et ensuite ? L'opérateur du réseau va l'examiner. Tant qu'il l'examine, le rapport n'est plus \
             modifiable. Vous recevrez un message quand il sera accepté, ou s'il vous est renvoyé pour correction \
             avec le commentaire de l'analyste ; vous pourrez alors le modifier et le transmettre à nouveau.{}",
            report_footer(step, mail)
        ),
    }
}

/// To a campus's coordinators when an analyst returns or accepts the report, with the analyst's comment.
pub fn report_reviewed(
    step: &ReportStep<'_>,
    accepted: bool,
    comment: Option<&str>,
    mail: &MailContext,
) -> Email {
    let ReportStep {
        campus_name, year, ..
    } = *step;
    let when = french::date_time(step.at);
    let comment = comment
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| format!("\n\nCommentaire de l'analyste :\n{c}"))
        .unwrap_or_default();
    if accepted {
        Email {
            subject: format!("Rapport annuel {year} du {campus_name} accepté le {when}"),
            body: format!(
                "Bonjour,\n\nLe rapport annuel {year} du {campus_name} a été accepté par l'opérateur du réseau \
                 le {when} (heure de Paris). Il n'y a plus rien à faire pour cette année ; le rapport reste \
                 consultable en lecture seule.{comment}{}",
                report_footer(step, mail)
            ),
        }
    } else {
        Email {
            subject: format!("Rapport annuel {year} du {campus_name} : à corriger"),
            body: format!(
                "Bonjour,\n\nLe rapport annuel {year} du {campus_name} vous a été renvoyé pour correction \
                 le {when} (heure de Paris). Vous pouvez le modifier puis le transmettre à nouveau.{comment}{}",
                report_footer(step, mail)
            ),
        }
    }
}

/// To a campus's coordinators when the closing date locks their unsent report.
pub fn report_locked(campus_name: &str, year: AcademicYear, closing: DateTime<Utc>) -> Email {
    Email {
        subject: format!("Rapport annuel {year} du {campus_name} : clôturé sans transmission"),
        body: format!(
            "Bonjour,\n\nLa période de saisie du rapport annuel {year} s'est close le {}. \
             Le brouillon du {campus_name} n'a pas été transmis ; il est désormais verrouillé. \
             Pour le rouvrir, demandez une dérogation à l'opérateur du réseau.{}",
            french_date_time(closing),
            signature()
        ),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn dates_read_in_paris_time_in_summer_and_winter() {
        assert_eq!(
            french_date_time(t("2026-09-01T21:59:59Z")),
            "1er septembre 2026 à 23 h 59 (heure de Paris)"
        );
        assert_eq!(
            french_date_time(t("2026-12-15T22:59:59Z")),
            "15 décembre 2026 à 23 h 59 (heure de Paris)"
        );
    }

    #[test]
    fn events_round_trip() {
        for e in Event::ALL {
            assert_eq!(Event::parse(e.as_str()), Some(e));
        }
        assert_eq!(Event::parse("report.deleted"), None);
    }

    #[test]
    fn a_reminder_names_the_campus_the_year_and_the_deadline() {
        let year: AcademicYear = "2025-2026".parse().unwrap();
        let mail = reminder(
            DeadlineKind::AnnualReport,
            "Campus connecté de Nevers",
            year,
            year.annual_report_deadline(),
            7,
        );
        assert_eq!(
            mail.subject,
            "Rappel : le rapport annuel et la grille d'indicateurs 2025-2026 du Campus connecté de Nevers à remettre dans 7 jours (J-7)"
        );
        assert!(
            mail.body.contains("1er septembre 2026 à 23 h 59"),
            "{}",
            mail.body
        );
        let tomorrow = reminder(
            DeadlineKind::FlashSurvey,
            "X",
            year,
            year.flash_survey_deadline(),
            1,
        );
        assert!(
            tomorrow.subject.contains("demain (J-1)"),
            "{}",
            tomorrow.subject
        );
    }

    #[test]
    fn the_summary_lists_campuses_by_region() {
        let year: AcademicYear = "2025-2026".parse().unwrap();
        let mail = deadline_summary(
            DeadlineKind::AnnualReport,
            year,
            year.annual_report_deadline(),
            &[
                (
                    "Bourgogne-Franche-Comté".into(),
                    vec!["Nevers".into(), "Autun".into()],
                ),
                ("Occitanie".into(), vec!["Cahors".into()]),
            ],
        );
        assert!(mail
            .subject
            .starts_with("Échéance passée : 3 campus en retard"));
        assert!(mail
            .body
            .contains("Bourgogne-Franche-Comté (2) :\n  - Nevers\n  - Autun"));
        assert!(mail.body.contains("Occitanie (1) :\n  - Cahors"));
    }

    fn nevers() -> CampusId {
        "nevers".parse().unwrap()
    }

    fn step(campus: &CampusId) -> ReportStep<'_> {
        ReportStep {
            campus_id: campus,
            campus_name: "Campus connecté de Nevers",
            year: "2025-2026".parse().unwrap(),
            // 23:59 in Paris (summer time).
            at: t("2026-09-01T21:59:00Z"),
        }
    }

    fn context() -> MailContext {
        MailContext::new(
            PublicUrl::parse("https://pilotage.example.gouv.fr/").unwrap(),
            "reseau@operateur.example.fr",
        )
        .unwrap()
    }

    /// No id, English status, JSON or ISO date anywhere but in the link.
    fn assert_reads_as_french(mail: &Email) {
        let text = format!("{}\n{}", mail.subject, mail.body);
        let without_link = text.replace(
            "https://pilotage.example.gouv.fr/campus/nevers/rapports/2025-2026",
            "",
        );
        for english in [
            "submitted",
            "accepted",
            "returned",
            "draft",
            "report.",
            "{",
            "}",
            "\"",
            "2026-09-01",
            "nevers",
            "None",
            "Some(",
        ] {
            assert!(
                !without_link.contains(english),
                "{english:?} in the e-mail:\n{text}"
            );
        }
    }

    #[test]
    fn the_receipt_names_the_campus_the_time_what_comes_next_the_link_and_the_contact() {
        let campus = nevers();
        let mail = report_submitted(&step(&campus), &context());
        assert_eq!(
            mail.subject,
            "Accusé de réception : rapport annuel 2025-2026 du Campus connecté de Nevers transmis le 01/09/2026 23:59"
        );
        assert!(
            mail.body
                .contains("a bien été transmis le 01/09/2026 23:59 (heure de Paris)"),
            "{}",
            mail.body
        );
        assert!(mail.body.contains("L'opérateur du réseau va l'examiner"));
        assert!(mail.body.contains("n'est plus modifiable"));
        assert!(
            mail.body.contains(
                "\nVoir le rapport : https://pilotage.example.gouv.fr/campus/nevers/rapports/2025-2026\n"
            ),
            "{}",
            mail.body
        );
        assert!(mail
            .body
            .contains("\nContact : reseau@operateur.example.fr"));
        assert_reads_as_french(&mail);
    }

    #[test]
    fn the_acceptance_and_the_return_carry_the_comment_the_link_and_the_contact() {
        let campus = nevers();
        let accepted = report_reviewed(
            &step(&campus),
            true,
            Some("  Merci, complet.  "),
            &context(),
        );
        assert_eq!(
            accepted.subject,
            "Rapport annuel 2025-2026 du Campus connecté de Nevers accepté le 01/09/2026 23:59"
        );
        assert!(accepted
            .body
            .contains("Commentaire de l'analyste :\nMerci, complet."));
        let returned = report_reviewed(
            &step(&campus),
            false,
            Some("Le budget ne tombe pas juste."),
            &context(),
        );
        assert_eq!(
            returned.subject,
            "Rapport annuel 2025-2026 du Campus connecté de Nevers : à corriger"
        );
        assert!(returned
            .body
            .contains("renvoyé pour correction le 01/09/2026 23:59"));
        assert!(returned
            .body
            .contains("Commentaire de l'analyste :\nLe budget ne tombe pas juste."));
        for mail in [&accepted, &returned] {
            assert!(mail.body.contains(
                "Voir le rapport : https://pilotage.example.gouv.fr/campus/nevers/rapports/2025-2026"
            ));
            assert!(mail.body.contains("Contact : reseau@operateur.example.fr"));
            assert_reads_as_french(mail);
        }
        let silent = report_reviewed(&step(&campus), true, Some("   "), &context());
        assert!(!silent.body.contains("Commentaire"), "{}", silent.body);
    }

    #[test]
    fn the_public_url_is_checked_and_kept_without_a_trailing_slash() {
        for (good, kept) in [
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            (
                "https://Pilotage.Example.gouv.fr/",
                "https://pilotage.example.gouv.fr",
            ),
            (
                "HTTPS://example.fr/pilotage/",
                "https://example.fr/pilotage",
            ),
            ("http://[::1]:8080", "http://[::1]:8080"),
            (" http://localhost ", "http://localhost"),
        ] {
            assert_eq!(
                PublicUrl::parse(good).map(|u| u.to_string()),
                Ok(kept.to_owned())
            );
        }
        for bad in [
            "",
            "pilotage.example.fr",
            "ftp://example.fr",
            "javascript:alert(1)",
            "https://",
            "https:///chemin",
            "https://exa mple.fr",
            "https://user:secret@example.fr",
            "https://example.fr?x=1",
            "https://example.fr/#top",
            "https://example.fr:0",
            "https://example.fr:99999",
            "https://example.fr:port",
            "https://-example.fr",
            "https://example.fr/../admin",
            "https://[zz::1]",
            "https://example.fr\n/x",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad:?} accepted");
        }
        let link = PublicUrl::parse("https://example.fr/pilotage/")
            .unwrap()
            .report_page(&nevers(), "2025-2026".parse().unwrap());
        assert_eq!(
            link,
            "https://example.fr/pilotage/campus/nevers/rapports/2025-2026"
        );
    }

    #[test]
    fn the_operator_contact_is_checked() {
        assert!(MailContext::new(PublicUrl::default(), "pas une adresse").is_err());
        assert!(MailContext::new(PublicUrl::default(), "").is_err());
        assert_eq!(
            MailContext::default().operator_email,
            DEFAULT_OPERATOR_EMAIL
        );
        assert_eq!(
            MailContext::default().public_url.as_str(),
            DEFAULT_PUBLIC_URL
        );
    }
}
