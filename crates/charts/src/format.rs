//! Numbers as French readers write them: `85,3 %`, `4 850 €`, `1 942` (non-breaking spaces, decimal comma).

/// The non-breaking space that separates thousands and units.
pub const NBSP: char = '\u{a0}';

/// `value` with `decimals` decimals, a decimal comma and thousands separated by non-breaking spaces.
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

/// A percentage with one decimal: `85,3 %`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_french_way() {
        assert_eq!(percent(85.26), "85,3\u{a0}%");
        assert_eq!(percent(100.0), "100,0\u{a0}%");
        assert_eq!(euros(4850.4), "4\u{a0}850\u{a0}€");
        assert_eq!(euros(1_234_567.0), "1\u{a0}234\u{a0}567\u{a0}€");
        assert_eq!(euros(-2375.0), "−2\u{a0}375\u{a0}€");
        assert_eq!(count(942.0), "942");
        assert_eq!(number(-0.04, 1), "0,0");
        assert_eq!(number(f64::NAN, 1), "—");
    }
}
