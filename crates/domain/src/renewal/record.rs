//! The criteria grid computed for a campus over a span of years: per criterion, its figures, its assessment when
//! the specification sets a threshold, and the campus's own text.

use super::criteria::{Basis, Grid, RenewalCriterion, RENEWAL_CRITERIA};
use super::figures::{Figure, SpanYear};
use crate::academic_year::AcademicYear;
use crate::grid::groups;
use crate::report::AnnualReport;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// How a criterion stands over the span.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    Met,
    NotMet,
    /// A judged criterion without any figure in the span.
    Unknown,
    /// Figures or text only: the specification sets no threshold.
    NotAssessed,
}

impl Assessment {
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Atteint",
            Self::NotMet => "Non atteint",
            Self::Unknown => "Inconnu (aucune donnée)",
            Self::NotAssessed => "Sans seuil",
        }
    }
}

/// One line of the computed grid.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionRecord {
    pub code: &'static str,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub grid: Grid,
    /// The specification's wording.
    pub label: &'static str,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub basis: Basis,
    /// For judged criteria: the rule, in French.
    pub rule: Option<&'static str>,
    pub assessment: Assessment,
    /// The figure the rule is applied to (pooled share, mean enrolment, fewest COPIL in a year).
    pub figure: Option<f64>,
    pub figures: Vec<Figure>,
    /// The campus's own text for this criterion.
    pub text: Option<String>,
}

pub const NOTE_NOT_DUE: &str = "année en cours ou à venir : rapport pas encore attendu";
pub const NOTE_NO_REPORT: &str = "année manquante : aucun rapport transmis";
pub const NOTE_NOT_HANDED_IN: &str =
    "année manquante : rapport non transmis (brouillon ou renvoyé pour correction)";

/// A year of the span from the campus's report of that year, if any: only a handed-in report counts (as in the
/// statistics); a missing year says why.
pub fn span_year(
    year: AcademicYear,
    report: Option<&AnnualReport>,
    now: DateTime<Utc>,
) -> SpanYear {
    let (grid, note) = match report {
        Some(r) if r.status.is_handed_in() => (Some(r.grid.clone()), None),
        Some(_) => (None, Some(NOTE_NOT_HANDED_IN)),
        None if now <= year.annual_report_deadline() => (None, Some(NOTE_NOT_DUE)),
        None => (None, Some(NOTE_NO_REPORT)),
    };
    SpanYear {
        academic_year: year,
        grid,
        note,
    }
}

const CO_FINANCERS: &[&str] = &[
    "rev_local_authority",
    "rev_region",
    "rev_partners",
    "rev_in_kind",
    "rev_other",
];
/// Licence, master and doctorate: the first three programmes of the grid.
const LMD: &[&str] = groups::PROGRAMMES.split_at(3).0;
/// Every programme but the last, `prog_private`.
const PUBLIC: &[&str] = groups::PROGRAMMES.split_at(6).0;

/// The figures behind a criterion (none for a text-only criterion).
pub fn figures_of(code: &str, years: &[SpanYear]) -> Vec<Figure> {
    let share = |name, fields, label| Figure::share_of_enrolled(name, fields, label, years);
    match code {
        "cofinancing" => vec![
            Figure::share(
                "cofinancing_share",
                "Part du cofinancement (recettes hors État)",
                CO_FINANCERS,
                groups::REVENUES,
                years,
            ),
            Figure::euros_of("revenues", "Recettes totales", groups::REVENUES, years),
            Figure::euros("rev_state", years),
            Figure::euros("rev_local_authority", years),
            Figure::euros("rev_region", years),
            Figure::euros("rev_partners", years),
            Figure::euros("rev_in_kind", years),
            Figure::euros("rev_other", years),
        ],
        "students_hosted" => vec![
            Figure::count("students_enrolled", years),
            Figure::count("students_new", years),
        ],
        "programmes" => vec![
            Figure::share(
                "public_share",
                "Part des formations publiques",
                PUBLIC,
                &["students_enrolled"],
                years,
            ),
            Figure::count_of(
                "prog_lmd",
                "Formations LMD (licence, master, doctorat)",
                LMD,
                years,
            ),
            share("prog_lmd_share", LMD, "Part des formations LMD"),
            Figure::count("prog_daeu", years),
            share("prog_daeu_share", &["prog_daeu"], "Part du DAEU"),
            Figure::count("prog_bts", years),
            share("prog_bts_share", &["prog_bts"], "Part des BTS"),
            Figure::count("prog_other_public", years),
            share(
                "prog_other_public_share",
                &["prog_other_public"],
                "Part des autres formations publiques",
            ),
            Figure::count("prog_private", years),
            share(
                "prog_private_share",
                &["prog_private"],
                "Part des établissements privés",
            ),
        ],
        "communication" => vec![
            Figure::count("communication_actions_count", years),
            Figure::count("high_school_interventions_count", years),
        ],
        "success_rate" => vec![
            share("success_rate", &["outcome_success"], "Taux de réussite"),
            Figure::count("outcome_success", years),
            Figure::count("outcome_failure", years),
            Figure::count("outcome_dropout", years),
            Figure::count("outcome_reorientation", years),
            Figure::count("outcome_pending", years),
        ],
        "student_profile" => vec![
            share("women_share", &["women"], "Part des femmes"),
            share("men_share", &["men"], "Part des hommes"),
            share(
                "age_under_21_share",
                &["age_under_21"],
                "Part des moins de 21 ans",
            ),
            share("age_21_25_share", &["age_21_25"], "Part des 21 à 25 ans"),
            share(
                "age_26_plus_share",
                &["age_26_plus"],
                "Part des 26 ans et plus",
            ),
            share(
                "scholarship_holders_share",
                &["scholarship_holders"],
                "Part des boursiers",
            ),
            share(
                "with_disability_share",
                &["with_disability"],
                "Part des étudiants en situation de handicap",
            ),
            share(
                "top_athletes_share",
                &["top_athletes"],
                "Part des sportifs de haut niveau",
            ),
            share(
                "with_family_duties_share",
                &["with_family_duties"],
                "Part des étudiants avec charge de famille",
            ),
            share(
                "employed_share",
                &["employed"],
                "Part des étudiants en emploi",
            ),
            share(
                "resuming_studies_share",
                &["resuming_studies"],
                "Part des reprises d'études",
            ),
        ],
        "governance" => vec![Figure::count("copil_meetings_count", years)],
        "workshops" => vec![
            Figure::count("workshops_count", years),
            Figure::workshop_themes(years),
        ],
        "individual_interviews" => vec![Figure::count("individual_interviews_count", years)],
        "exams_in_situ" => vec![Figure::count("exams_in_situ_count", years)],
        "student_life" => vec![Figure::count("student_life_actions_count", years)],
        "establishment_funding_use" => vec![Figure::euros("establishment_grant", years)],
        _ => Vec::new(),
    }
}

/// The assessment of a judged criterion from its figures, and the figure judged.
fn judge(code: &str, figures: &[Figure]) -> (Assessment, Option<f64>) {
    let first = figures.first();
    let (figure, threshold) = match code {
        "cofinancing" => (first.and_then(|f| f.pooled), 50.0),
        "students_hosted" => (first.and_then(|f| f.mean), 15.0),
        "programmes" => (first.and_then(|f| f.pooled), 70.0),
        "governance" => (first.and_then(Figure::min), 1.0),
        _ => return (Assessment::NotAssessed, None),
    };
    let assessment = match figure {
        None => Assessment::Unknown,
        Some(v) if v >= threshold => Assessment::Met,
        Some(_) => Assessment::NotMet,
    };
    (assessment, figure)
}

/// Every criterion of both grids over the span, with the campus's texts (keyed by criterion code).
pub fn assess(years: &[SpanYear], texts: &BTreeMap<String, String>) -> Vec<CriterionRecord> {
    RENEWAL_CRITERIA
        .iter()
        .map(|c: &RenewalCriterion| {
            let figures = figures_of(c.code, years);
            let (assessment, figure) = if c.basis == Basis::Judged {
                judge(c.code, &figures)
            } else {
                (Assessment::NotAssessed, None)
            };
            CriterionRecord {
                code: c.code,
                grid: c.grid,
                label: c.label,
                basis: c.basis,
                rule: c.rule,
                assessment,
                figure,
                figures,
                text: texts.get(c.code).cloned(),
            }
        })
        .collect()
}

/// Whether every year of the span that is already due has a handed-in report (a year not due yet does not count).
pub fn complete(years: &[SpanYear]) -> bool {
    years
        .iter()
        .all(|y| y.grid.is_some() || y.note == Some(NOTE_NOT_DUE))
}

/// The judged criteria not met (or without any figure): why a campus would not qualify today.
pub fn failing(records: &[CriterionRecord]) -> Vec<&'static str> {
    records
        .iter()
        .filter(|r| matches!(r.assessment, Assessment::NotMet | Assessment::Unknown))
        .map(|r| r.code)
        .collect()
}
