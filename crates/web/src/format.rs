//! How the pages write dates, durations, statuses and figures in French.

use chrono::{DateTime, Utc};
use pilotage_charts::dashboard::unit;
use pilotage_domain::french;
use pilotage_domain::grid::{FieldKind, FieldSpec};
use pilotage_domain::indicators::Indicator;
use pilotage_domain::{FieldValue, GapStatus, IndicatorGrid, Progress, ReportStatus, Timeliness};

pub(crate) use pilotage_domain::french::{date_time as date, time_left};

pub fn report_status(status: ReportStatus) -> &'static str {
    match status {
        ReportStatus::Draft => "brouillon",
        ReportStatus::Submitted => "transmis, en attente de relecture",
        ReportStatus::Returned => "renvoyé pour correction",
        ReportStatus::Accepted => "accepté",
    }
}

/// A status of the review queue (`missing` for a report not started).
pub fn queue_status(status: &str) -> &'static str {
    match ReportStatus::parse(status) {
        Some(s) => report_status(s),
        None => "non commencé",
    }
}

pub fn timeliness(t: Timeliness) -> &'static str {
    match t {
        Timeliness::OnTime => "transmis à l'heure",
        Timeliness::SubmittedLate => "transmis en retard",
        Timeliness::Late => "en retard (non transmis)",
        Timeliness::NotDue => "dans les délais",
    }
}

/// Where a document stands, with the time left while it may still be handed in: « en cours — dans 12 jours »,
/// « en retard — échéance dépassée depuis 3 jours », « transmis à l'heure », « manquant ».
pub fn progress(p: Progress, deadline: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match p {
        Progress::Upcoming | Progress::InProgress | Progress::Late => {
            format!("{} — {}", p.label(), time_left(deadline, now))
        }
        _ => p.label().to_owned(),
    }
}

pub fn gap_status(status: GapStatus) -> &'static str {
    match status {
        GapStatus::Met => "atteinte",
        GapStatus::Missed => "non atteinte",
        GapStatus::Undefined => "non calculable",
    }
}

/// An indicator's value in its unit: `85,3 %`, `4 850 €`; « — » when undefined.
pub fn indicator_value(ind: &Indicator, value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| unit(ind).format(v))
}

/// A grid field's value as typed in its input: money in euros with a decimal comma (`1234,56`), decimals with a
/// comma, themes separated by semicolons; empty when not filled in.
pub fn input_value(spec: &FieldSpec, grid: &IndicatorGrid) -> String {
    match grid.get(spec.name) {
        None => String::new(),
        Some(FieldValue::Count(n)) => n.to_string(),
        Some(FieldValue::Money(cents)) => french::cents_input(cents),
        Some(FieldValue::Decimal(x)) => french::decimal_input(x),
        Some(FieldValue::Texts(texts)) => texts.join("; "),
    }
}

/// The grid field counted in hours, shown in hours and minutes.
const HOURS_FIELD: &str = "avg_weekly_presence_hours";

/// A grid field's value for reading: `1 234,56 €`, `1,35`, `14 h 30` (hours), `Stress ; Anglais`; « — » when not
/// filled in.
pub fn shown_value(spec: &FieldSpec, grid: &IndicatorGrid) -> String {
    match grid.get(spec.name) {
        None => "—".to_owned(),
        Some(FieldValue::Decimal(x)) if spec.name == HOURS_FIELD => french::hours(x),
        Some(FieldValue::Count(n)) => french::count(n as f64),
        Some(FieldValue::Money(cents)) => french::euros_cents(cents),
        Some(FieldValue::Decimal(x)) => french::decimal(x),
        Some(FieldValue::Texts(texts)) => texts.join(" ; "),
    }
}

/// What to type in a field of this kind, for its hint.
pub fn kind_hint(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Count => "Nombre entier",
        FieldKind::Money => "Montant en euros, 2 décimales au plus (par exemple 1 234,56)",
        FieldKind::Decimal => "Nombre décimal (par exemple 1,5)",
        FieldKind::Texts => "Séparez les thèmes par des points-virgules",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pilotage_domain::grid::field;

    #[test]
    fn presence_hours_read_in_hours_and_minutes_other_decimals_as_numbers() {
        let grid = IndicatorGrid {
            avg_weekly_presence_hours: Some(14.5),
            tutors_fte: Some(1.5),
            ..Default::default()
        };
        let spec = |name| field(name).expect("a grid field");
        assert_eq!(
            shown_value(spec("avg_weekly_presence_hours"), &grid),
            "14\u{a0}h\u{a0}30"
        );
        assert_eq!(shown_value(spec("tutors_fte"), &grid), "1,50");
        let grid = IndicatorGrid {
            avg_weekly_presence_hours: Some(11.6),
            ..Default::default()
        };
        assert_eq!(
            shown_value(spec("avg_weekly_presence_hours"), &grid),
            "11\u{a0}h\u{a0}36"
        );
    }
}
