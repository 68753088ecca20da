//! Numbers, amounts, dates and durations as French readers write them: `85,3 %`, `4 850 €`, `1 942`,
//! `01/09/2026 23:59` (Paris time), « dans 12 jours ». Thousands and units are separated by non-breaking spaces,
//! decimals by a comma, negatives carry a real minus sign (`−`); what cannot be written (NaN, infinities) is « — ».

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;

/// The non-breaking space that separates thousands and units.
pub const NBSP: char = '\u{a0}';

/// `value` with `decimals` decimals, a decimal comma and thousands separated by non-breaking spaces: `1 234,5`,
/// `−2 375`. A value that rounds to zero has no sign; a non-finite one is « — ».
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (integer, fraction) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(NBSP);
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    match fraction {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A percentage (already multiplied by 100) with one decimal: `85,3 %`.
pub fn percent(value: f64) -> String {
    format!("{}{NBSP}%", number(value, 1))
}

/// Whole euros: `4 850 €`.
pub fn euros(value: f64) -> String {
    format!("{}{NBSP}€", number(value, 0))
}

/// A head count: `1 942`.
pub fn count(value: f64) -> String {
    number(value, 0)
}

/// The coverage of a year still being reported: « 1 rapport sur 82 — chiffres provisoires ».
pub fn provisional(received: u32, expected: u32) -> String {
    let noun = if received > 1 { "rapports" } else { "rapport" };
    format!(
        "{} {noun} sur {} — chiffres provisoires",
        count(f64::from(received)),
        count(f64::from(expected))
    )
}

/// An amount in cents, in euros with both decimals: `1 234,56 €`, `12,00 €`.
pub fn euros_cents(cents: i64) -> String {
    format!("{}{NBSP}€", number(cents as f64 / 100.0, 2))
}

/// A decimal for reading: whole numbers without decimals (`14`), others with two (`14,50`).
pub fn decimal(value: f64) -> String {
    number(value, if value.fract() == 0.0 { 0 } else { 2 })
}

/// An amount in cents as typed in a form: euros with a decimal comma and no grouping, the cents only when there
/// are some: `1234,56`, `1234`, `-12,05` (an ASCII minus, which the form reads back).
pub fn cents_input(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let (euros, rest) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    if rest == 0 {
        format!("{sign}{euros}")
    } else {
        format!("{sign}{euros},{rest:02}")
    }
}

/// A decimal as typed in a form: all its digits, with a decimal comma: `1,5`, `14`.
pub fn decimal_input(value: f64) -> String {
    format!("{value}").replace('.', ",")
}

/// A duration in hours as people read it, to the nearest minute: `14 h 30` (14.5), `11 h 36` (11.6), `12 h`,
/// `1 200 h`, `−2 h 30`; spaces are non-breaking; a non-finite value is « — ».
pub fn hours(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let minutes = (value.abs() * 60.0).round();
    let whole = (minutes / 60.0).floor();
    let rest = minutes - whole * 60.0;
    let sign = if value < 0.0 && minutes > 0.0 {
        "−"
    } else {
        ""
    };
    let whole = number(whole, 0);
    if rest == 0.0 {
        format!("{sign}{whole}{NBSP}h")
    } else {
        format!("{sign}{whole}{NBSP}h{NBSP}{rest:02}")
    }
}

/// « de » and a commune's name, contracted the French way: « de Nevers », « des Andelys » (Les Andelys),
/// « du Vigan » (Le Vigan), « d'Autun », « d'Évreux », « de La Rochelle », « de L'Isle-Adam ». Names starting
/// with an H keep « de » (« de Hendaye »), whether the h is mute or not being a matter of usage. The name is
/// trimmed; an empty one gives « de ».
pub fn of_place(commune: &str) -> String {
    let name = commune.trim();
    let article = |prefix: &str| {
        name.get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| name[prefix.len()..].trim_start())
            .filter(|rest| !rest.is_empty())
    };
    if let Some(rest) = article("les ") {
        return format!("des {rest}");
    }
    if let Some(rest) = article("le ") {
        return format!("du {rest}");
    }
    match name.chars().next() {
        None => "de".to_owned(),
        Some(first) if starts_with_vowel(first) => format!("d'{name}"),
        Some(_) => format!("de {name}"),
    }
}

/// Whether a name starting with this letter takes « d' » rather than « de ».
fn starts_with_vowel(first: char) -> bool {
    first
        .to_lowercase()
        .all(|c| "aeiouyàâäéèêëîïôöùûüÿœæ".contains(c))
}

/// The calendar date in Paris of `at`.
pub fn paris_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Paris).date_naive()
}

/// A date as people in Paris read it: `01/09/2026`.
pub fn date(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris).format("%d/%m/%Y").to_string()
}

/// A time as people in Paris read it: `01/09/2026 23:59`.
pub fn date_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// The time of day as people in Paris say it: `14 h 32`, `9 h 05`.
pub fn clock_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris).format("%-H h %M").to_string()
}

/// The time left before `deadline` (or since it passed): « dans 12 jours », « échéance dépassée depuis 3 jours ».
/// Whole days from two days on, « 1 jour » from 24 hours, whole hours from two hours, else « moins de 2 heures ».
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn the_time_of_day_is_paris_time_in_hours_and_minutes() {
        // 12:32 UTC is 14 h 32 in Paris in summer, 13 h 32 in winter.
        assert_eq!(clock_time(at("2026-06-01T12:32:00Z")), "14 h 32");
        assert_eq!(clock_time(at("2026-12-01T08:05:00Z")), "9 h 05");
    }

    #[test]
    fn numbers_have_a_decimal_comma_and_grouped_thousands() {
        assert_eq!(number(0.0, 0), "0");
        assert_eq!(number(942.0, 0), "942");
        assert_eq!(number(1942.0, 0), "1\u{a0}942");
        assert_eq!(number(1_234_567.891, 2), "1\u{a0}234\u{a0}567,89");
        assert_eq!(number(123_456.0, 1), "123\u{a0}456,0");
        assert_eq!(number(0.851, 2), "0,85");
        assert_eq!(number(2.5, 3), "2,500");
    }

    #[test]
    fn negatives_take_a_minus_sign_unless_they_round_to_zero() {
        assert_eq!(number(-2375.0, 0), "−2\u{a0}375");
        assert_eq!(number(-0.5, 1), "−0,5");
        assert_eq!(number(-0.04, 1), "0,0");
        assert_eq!(number(-0.0, 0), "0");
        assert_eq!(number(-0.4, 0), "0");
    }

    #[test]
    fn rounding_follows_the_decimals() {
        assert_eq!(number(2.46, 1), "2,5");
        assert_eq!(number(999.96, 1), "1\u{a0}000,0");
        assert_eq!(number(999_999.6, 0), "1\u{a0}000\u{a0}000");
        assert_eq!(percent(85.26), "85,3\u{a0}%");
        assert_eq!(euros(4850.4), "4\u{a0}850\u{a0}€");
        assert_eq!(count(1941.6), "1\u{a0}942");
    }

    #[test]
    fn what_is_not_a_number_is_a_dash() {
        assert_eq!(number(f64::NAN, 1), "—");
        assert_eq!(number(f64::INFINITY, 0), "—");
        assert_eq!(number(f64::NEG_INFINITY, 0), "—");
        assert_eq!(percent(f64::NAN), "—\u{a0}%");
        assert_eq!(euros(f64::INFINITY), "—\u{a0}€");
        assert_eq!(count(f64::NAN), "—");
        assert_eq!(decimal(f64::NAN), "—");
    }

    #[test]
    fn percents_euros_and_counts() {
        assert_eq!(percent(100.0), "100,0\u{a0}%");
        assert_eq!(percent(-3.26), "−3,3\u{a0}%");
        assert_eq!(euros(1_234_567.0), "1\u{a0}234\u{a0}567\u{a0}€");
        assert_eq!(euros(-2375.0), "−2\u{a0}375\u{a0}€");
        assert_eq!(count(942.0), "942");
    }

    #[test]
    fn amounts_in_cents_and_decimals_for_reading() {
        assert_eq!(euros_cents(123_456), "1\u{a0}234,56\u{a0}€");
        assert_eq!(euros_cents(1200), "12,00\u{a0}€");
        assert_eq!(euros_cents(-5), "−0,05\u{a0}€");
        assert_eq!(euros_cents(0), "0,00\u{a0}€");
        assert_eq!(decimal(14.0), "14");
        assert_eq!(decimal(14.5), "14,50");
        assert_eq!(decimal(1234.567), "1\u{a0}234,57");
        assert_eq!(decimal(-1.5), "−1,50");
    }

    #[test]
    fn amounts_and_decimals_as_typed_in_a_form() {
        assert_eq!(cents_input(123_456), "1234,56");
        assert_eq!(cents_input(123_400), "1234");
        assert_eq!(cents_input(-1205), "-12,05");
        assert_eq!(cents_input(-5), "-0,05");
        assert_eq!(cents_input(0), "0");
        assert_eq!(decimal_input(1.5), "1,5");
        assert_eq!(decimal_input(14.0), "14");
        assert_eq!(decimal_input(-0.25), "-0,25");
    }

    #[test]
    fn dates_are_read_in_paris() {
        // Summer time (UTC+2) and winter time (UTC+1).
        assert_eq!(date_time(at("2026-09-01T21:59:00Z")), "01/09/2026 23:59");
        assert_eq!(date_time(at("2026-12-31T23:30:00Z")), "01/01/2027 00:30");
        assert_eq!(date(at("2026-12-31T23:30:00Z")), "01/01/2027");
        assert_eq!(date(at("2026-03-01T12:00:00Z")), "01/03/2026");
        assert_eq!(
            paris_date(at("2026-06-30T22:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        assert_eq!(
            paris_date(at("2026-06-30T21:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
        );
    }

    #[test]
    fn time_left_is_written_in_french() {
        let now = at("2026-08-20T10:00:00Z");
        assert_eq!(time_left(now + Duration::days(12), now), "dans 12 jours");
        assert_eq!(time_left(now + Duration::hours(48), now), "dans 2 jours");
        assert_eq!(time_left(now + Duration::hours(30), now), "dans 1 jour");
        assert_eq!(time_left(now + Duration::hours(23), now), "dans 23 heures");
        assert_eq!(
            time_left(now + Duration::minutes(119), now),
            "dans moins de 2 heures"
        );
        assert_eq!(time_left(now, now), "dans moins de 2 heures");
        assert_eq!(
            time_left(now - Duration::hours(5), now),
            "échéance dépassée depuis 5 heures"
        );
        assert_eq!(
            time_left(now - Duration::days(3), now),
            "échéance dépassée depuis 3 jours"
        );
        assert_eq!(
            time_left(now - Duration::seconds(1), now),
            "échéance dépassée depuis moins de 2 heures"
        );
    }

    #[test]
    fn a_year_still_being_reported_says_how_many_reports_its_figures_rest_on() {
        assert_eq!(
            provisional(1, 82),
            "1 rapport sur 82 — chiffres provisoires"
        );
        assert_eq!(
            provisional(0, 82),
            "0 rapport sur 82 — chiffres provisoires"
        );
        assert_eq!(
            provisional(1200, 1500),
            "1\u{a0}200 rapports sur 1\u{a0}500 — chiffres provisoires"
        );
    }

    #[test]
    fn hours_are_written_in_hours_and_minutes() {
        let nb = NBSP;
        assert_eq!(hours(14.5), format!("14{nb}h{nb}30"));
        assert_eq!(hours(11.6), format!("11{nb}h{nb}36"));
        assert_eq!(hours(12.0), format!("12{nb}h"));
        assert_eq!(hours(0.0), format!("0{nb}h"));
        assert_eq!(hours(9.05), format!("9{nb}h{nb}03"));
        // 11.999 h is 11 h 59.94 min: the nearest minute carries over to 12 h, never « 11 h 60 ».
        assert_eq!(hours(11.999), format!("12{nb}h"));
        assert_eq!(hours(1200.0), format!("1{nb}200{nb}h"));
        assert_eq!(hours(-2.5), format!("−2{nb}h{nb}30"));
        assert_eq!(hours(-0.001), format!("0{nb}h"));
        assert_eq!(hours(f64::NAN), "—");
        assert_eq!(hours(f64::INFINITY), "—");
    }

    #[test]
    fn of_place_contracts_the_article_of_the_commune() {
        assert_eq!(of_place("Nevers"), "de Nevers");
        assert_eq!(of_place("Les Andelys"), "des Andelys");
        assert_eq!(of_place("Le Vigan"), "du Vigan");
        assert_eq!(of_place("Autun"), "d'Autun");
        assert_eq!(of_place("Évreux"), "d'Évreux");
        assert_eq!(of_place("Yssingeaux"), "d'Yssingeaux");
        assert_eq!(of_place("La Rochelle"), "de La Rochelle");
        assert_eq!(of_place("L'Isle-Adam"), "de L'Isle-Adam");
        assert_eq!(of_place("  Le Puy-en-Velay "), "du Puy-en-Velay");
        assert_eq!(of_place("LES MUREAUX"), "des MUREAUX");
        assert_eq!(of_place("Hendaye"), "de Hendaye");
        // Names that only start like an article keep « de ».
        assert_eq!(of_place("Lesparre-Médoc"), "de Lesparre-Médoc");
        assert_eq!(of_place("Lens"), "de Lens");
        assert_eq!(of_place("Le"), "de Le");
        assert_eq!(of_place(""), "de");
    }
}
