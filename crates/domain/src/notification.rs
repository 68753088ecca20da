//! What Pilotage tells people: the events regional systems can subscribe to, and the French e-mails sent to
//! coordinators and analysts (reminders, the late summary, review outcomes, locking at the closing date).

use crate::academic_year::AcademicYear;
use crate::deadline::DeadlineKind;
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

/// To a campus's coordinators when an analyst returns or accepts the report.
pub fn report_reviewed(
    campus_name: &str,
    year: AcademicYear,
    accepted: bool,
    comment: Option<&str>,
) -> Email {
    let comment = comment
        .filter(|c| !c.trim().is_empty())
        .map(|c| format!("\n\nCommentaire de l'analyste :\n{c}"))
        .unwrap_or_default();
    if accepted {
        Email {
            subject: format!("Rapport annuel {year} du {campus_name} : accepté"),
            body: format!(
                "Bonjour,\n\nLe rapport annuel {year} du {campus_name} a été accepté par l'opérateur.{comment}{}",
                signature()
            ),
        }
    } else {
        Email {
            subject: format!("Rapport annuel {year} du {campus_name} : à corriger"),
            body: format!(
                "Bonjour,\n\nLe rapport annuel {year} du {campus_name} vous a été renvoyé pour correction. \
                 Vous pouvez le modifier puis le transmettre à nouveau.{comment}{}",
                signature()
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
}
