//! How the pages write dates, durations, statuses and figures in French.

use chrono::{DateTime, Utc};
use pilotage_charts::dashboard::unit;
use pilotage_domain::grid::{FieldKind, FieldSpec};
use pilotage_domain::indicators::Indicator;
use pilotage_domain::{FieldValue, GapStatus, IndicatorGrid, ReportStatus, Timeliness};

pub(crate) use pilotage_app::reports::paris as date;

/// The time left before `deadline` (or since it passed): « dans 12 jours », « échéance dépassée depuis 3 jours ».
pub fn time_left(deadline: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (deadline - now).num_seconds();
    let span = |s: i64| {
        let days = s / 86_400;
        let hours = s / 3_600;
        match (days, hours) {
            (d, _) if d >= 2 => format!("{d} jours"),
            (1, _) => "1 jour".to_owned(),
            (_, h) if h >= 2 => format!("{h} heures"),
            _ => "moins de 2 heures".to_owned(),
        }
    };
    if seconds >= 0 {
        format!("dans {}", span(seconds))
    } else {
        format!("échéance dépassée depuis {}", span(-seconds))
    }
}

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
        Some(FieldValue::Money(cents)) => {
            let sign = if cents < 0 { "-" } else { "" };
            let (euros, rest) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
            if rest == 0 {
                format!("{sign}{euros}")
            } else {
                format!("{sign}{euros},{rest:02}")
            }
        }
        Some(FieldValue::Decimal(x)) => format!("{x}").replace('.', ","),
        Some(FieldValue::Texts(texts)) => texts.join("; "),
    }
}

/// A grid field's value for reading: `1 234,56 €`, `14,5`, `Stress ; Anglais`; « — » when not filled in.
pub fn shown_value(spec: &FieldSpec, grid: &IndicatorGrid) -> String {
    use pilotage_charts::format::{number, NBSP};
    match grid.get(spec.name) {
        None => "—".to_owned(),
        Some(FieldValue::Count(n)) => number(n as f64, 0),
        Some(FieldValue::Money(cents)) => format!("{}{NBSP}€", number(cents as f64 / 100.0, 2)),
        Some(FieldValue::Decimal(x)) => number(x, if x.fract() == 0.0 { 0 } else { 2 }),
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

    #[test]
    fn time_left_is_written_in_french() {
        let now: DateTime<Utc> = "2026-08-20T10:00:00Z".parse().unwrap_or_default();
        let in_days = now + chrono::Duration::days(12);
        assert_eq!(time_left(in_days, now), "dans 12 jours");
        assert_eq!(
            time_left(now - chrono::Duration::hours(5), now),
            "échéance dépassée depuis 5 heures"
        );
        assert_eq!(
            time_left(now + chrono::Duration::hours(30), now),
            "dans 1 jour"
        );
    }
}
