//! One cell of an upload as read from XLSX or CSV, and its conversion into a grid value of a given kind.

use pilotage_domain::grid::{FieldKind, FieldValue};

/// The content of one uploaded cell, whatever the file format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawCell {
    /// Nothing, or only spaces.
    Empty,
    /// Text, as typed (CSV cells are always text).
    Text(String),
    /// A whole number stored as such.
    Int(i64),
    /// A spreadsheet number.
    Float(f64),
    /// A true/false cell.
    Bool(bool),
    /// A number formatted as a date, time or duration.
    DateTime,
    /// A calculation error such as "#DIV/0!".
    Error(String),
}

impl RawCell {
    /// A text cell, or `Empty` when it holds only spaces.
    pub(crate) fn text(text: impl Into<String>) -> Self {
        let text = text.into();
        if text.trim().is_empty() {
            Self::Empty
        } else {
            Self::Text(text)
        }
    }

    /// Whether the cell holds nothing.
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Self::Empty)
    }

    /// The cell as quoted back in French messages: "12,5", "douze", "VRAI".
    pub(crate) fn shown(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(text) => text.trim().to_owned(),
            Self::Int(n) => n.to_string(),
            Self::Float(x) => french_number(*x),
            Self::Bool(true) => "VRAI".to_owned(),
            Self::Bool(false) => "FAUX".to_owned(),
            Self::DateTime => "date".to_owned(),
            Self::Error(error) => error.clone(),
        }
    }
}

/// A float written the French way, with a decimal comma and no exponent: 12.5 → "12,5".
fn french_number(x: f64) -> String {
    format!("{x}").replace('.', ",")
}

/// What a field of this kind expects, for messages: "saisissez un nombre entier".
fn expected(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Count => "un nombre entier",
        FieldKind::Money => "un montant en euros",
        FieldKind::Decimal => "un nombre décimal",
        FieldKind::Texts => "du texte",
    }
}

/// The value of a cell for a field of `kind`: `None` when empty, a French message when it does not fit.
pub(crate) fn to_value(kind: FieldKind, cell: &RawCell) -> Result<Option<FieldValue>, String> {
    match cell {
        RawCell::Empty => return Ok(None),
        RawCell::Bool(_) => {
            return Err(format!(
                "« {} » : une valeur vrai/faux n'est pas acceptée, saisissez {}",
                cell.shown(),
                expected(kind)
            ))
        }
        RawCell::DateTime => {
            return Err(format!(
                "une date ou une heure n'est pas acceptée, saisissez {}",
                expected(kind)
            ))
        }
        RawCell::Error(error) => {
            return Err(format!(
                "la cellule contient une erreur ({error}), saisissez {}",
                expected(kind)
            ))
        }
        RawCell::Text(_) | RawCell::Int(_) | RawCell::Float(_) => {}
    }
    let value = match kind {
        FieldKind::Count => FieldValue::Count(count(cell)?),
        FieldKind::Money => FieldValue::Money(money(cell)?),
        FieldKind::Decimal => FieldValue::Decimal(decimal(cell)?),
        FieldKind::Texts => {
            let texts = texts(cell);
            if texts.is_empty() {
                return Ok(None);
            }
            FieldValue::Texts(texts)
        }
    };
    Ok(Some(value))
}

/// A value typed in a form field of `kind`, read by the same rules as a spreadsheet cell typed as text (French or
/// English decimals, thousands spaces, euros with 2 decimals at most): `None` when blank.
pub fn parse_typed(kind: FieldKind, text: &str) -> Result<Option<FieldValue>, String> {
    to_value(kind, &RawCell::text(text))
}

/// Bounds of the floats that convert to an i64 without saturating: [-2^63, 2^63).
/// -2^63, the smallest i64.
const I64_LOW: f64 = -9_223_372_036_854_775_808.0;
/// 2^63, one past the largest i64.
const I64_HIGH: f64 = 9_223_372_036_854_775_808.0;

/// A whole number: 12, 12.0, "12", " 1 234 ", "12,0".
fn count(cell: &RawCell) -> Result<i64, String> {
    let not_integer = || format!("« {} » n'est pas un nombre entier", cell.shown());
    match cell {
        RawCell::Int(n) => Ok(*n),
        RawCell::Float(x) => {
            if x.is_finite() && x.fract() == 0.0 && (I64_LOW..I64_HIGH).contains(x) {
                // Whole and in range: the conversion is exact.
                Ok(*x as i64)
            } else {
                Err(not_integer())
            }
        }
        RawCell::Text(text) => {
            let number = DecimalText::parse(text, false).ok_or_else(not_integer)?;
            if number.frac.bytes().any(|b| b != b'0') {
                return Err(not_integer());
            }
            number.signed_integer().ok_or_else(not_integer)
        }
        _ => Err(not_integer()),
    }
}

/// Euros as exact integer cents: 1234.56, "1 234,56 €", "1234.56".
fn money(cell: &RawCell) -> Result<i64, String> {
    let not_money = || format!("« {} » n'est pas un montant en euros", cell.shown());
    let too_precise = || {
        format!(
            "« {} » : 2 décimales au plus pour un montant en euros",
            cell.shown()
        )
    };
    let too_big = || format!("« {} » : montant trop grand", cell.shown());
    match cell {
        RawCell::Int(euros) => euros.checked_mul(100).ok_or_else(too_big),
        RawCell::Float(euros) => {
            if !euros.is_finite() {
                return Err(not_money());
            }
            let cents = euros * 100.0;
            let rounded = cents.round();
            // A typed amount like 76543.21 is not exact in binary: allow the representation error,
            // which grows with the magnitude, but not a third decimal.
            let tolerance = 1e-6_f64.max(cents.abs() * 4.0 * f64::EPSILON);
            if (cents - rounded).abs() > tolerance {
                return Err(too_precise());
            }
            if !(I64_LOW..I64_HIGH).contains(&rounded) {
                return Err(too_big());
            }
            Ok(rounded as i64)
        }
        RawCell::Text(text) => {
            let number = DecimalText::parse(text, true).ok_or_else(not_money)?;
            if number.frac.len() > 2 {
                return Err(too_precise());
            }
            number.cents().ok_or_else(too_big)
        }
        _ => Err(not_money()),
    }
}

/// A finite decimal number: 1.35, "1,35", "1.35".
fn decimal(cell: &RawCell) -> Result<f64, String> {
    let not_decimal = || format!("« {} » n'est pas un nombre décimal", cell.shown());
    let value = match cell {
        RawCell::Int(n) => *n as f64,
        RawCell::Float(x) => *x,
        RawCell::Text(text) => DecimalText::parse(text, false)
            .and_then(|number| number.to_f64())
            .ok_or_else(not_decimal)?,
        _ => return Err(not_decimal()),
    };
    if value.is_finite() {
        Ok(value)
    } else {
        Err(not_decimal())
    }
}

/// Texts separated by semicolons, trimmed, without empty ones.
fn texts(cell: &RawCell) -> Vec<String> {
    cell.shown()
        .split(';')
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A number typed as text, split into exact decimal digits.
#[derive(Debug, PartialEq, Eq)]
struct DecimalText {
    negative: bool,
    /// Digits before the decimal separator, without thousands separators (may be empty: ",5").
    int: String,
    /// Digits after the decimal separator (may be empty).
    frac: String,
}

impl DecimalText {
    /// Reads "-1 234,56", "1234.56", "+12" (and "1 234,56 €" when `euros`); thousands may be separated by
    /// ordinary, non-breaking or narrow non-breaking spaces, in groups of three.
    fn parse(text: &str, euros: bool) -> Option<Self> {
        let mut rest = text.trim();
        if euros {
            rest = rest.strip_suffix('€').unwrap_or(rest).trim_end();
            rest = rest.strip_prefix('€').unwrap_or(rest).trim_start();
        }
        let (negative, unsigned) = if let Some(r) = rest.strip_prefix(['-', '\u{2212}']) {
            (true, r)
        } else if let Some(r) = rest.strip_prefix('+') {
            (false, r)
        } else {
            (false, rest)
        };
        let unsigned = unsigned.trim_start();
        let mut parts = unsigned.split([',', '.']);
        let int_part = parts.next().unwrap_or_default();
        let frac = parts.next().unwrap_or_default();
        if parts.next().is_some() {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let int = Self::integer_digits(int_part)?;
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        Some(Self {
            negative,
            int,
            frac: frac.to_owned(),
        })
    }

    /// "1 234" → "1234"; groups after the first must have three digits; "" stays "".
    fn integer_digits(part: &str) -> Option<String> {
        if part.is_empty() {
            return Some(String::new());
        }
        let groups: Vec<&str> = part.split(char::is_whitespace).collect();
        let digits_only = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        if !groups.iter().all(|g| digits_only(g)) {
            return None;
        }
        if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
            return None;
        }
        Some(groups.concat())
    }

    /// The integer part with its sign, if it fits an i64.
    fn signed_integer(&self) -> Option<i64> {
        let digits = if self.int.is_empty() { "0" } else { &self.int };
        let sign = if self.negative { "-" } else { "" };
        format!("{sign}{digits}").parse().ok()
    }

    /// The amount in cents (at most two decimals, checked by the caller), if it fits an i64.
    fn cents(&self) -> Option<i64> {
        let euros: i64 = if self.int.is_empty() {
            0
        } else {
            self.int.parse().ok()?
        };
        let mut frac = self.frac.clone();
        while frac.len() < 2 {
            frac.push('0');
        }
        let cents = euros.checked_mul(100)?.checked_add(frac.parse().ok()?)?;
        Some(if self.negative { -cents } else { cents })
    }

    /// The number as a float (finite or not: checked by the caller).
    fn to_f64(&self) -> Option<f64> {
        let int = if self.int.is_empty() { "0" } else { &self.int };
        let frac = if self.frac.is_empty() {
            "0"
        } else {
            &self.frac
        };
        let sign = if self.negative { "-" } else { "" };
        format!("{sign}{int}.{frac}").parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> RawCell {
        RawCell::text(s)
    }

    #[test]
    fn counts_accept_whole_numbers_only() {
        assert_eq!(count(&RawCell::Int(12)), Ok(12));
        assert_eq!(count(&RawCell::Float(12.0)), Ok(12));
        assert_eq!(count(&text(" 12 ")), Ok(12));
        assert_eq!(count(&text("1 234")), Ok(1234));
        assert_eq!(count(&text("1\u{202f}234")), Ok(1234));
        assert_eq!(count(&text("12,0")), Ok(12));
        assert_eq!(count(&text("-3")), Ok(-3));
        assert_eq!(
            count(&RawCell::Float(12.5)),
            Err("« 12,5 » n'est pas un nombre entier".to_owned())
        );
        assert_eq!(
            count(&text("douze")),
            Err("« douze » n'est pas un nombre entier".to_owned())
        );
        assert_eq!(
            count(&text("12,5")),
            Err("« 12,5 » n'est pas un nombre entier".to_owned())
        );
        assert!(count(&text("12 5")).is_err());
        assert!(count(&text("99999999999999999999")).is_err());
        assert!(count(&RawCell::Float(1e30)).is_err());
    }

    #[test]
    fn money_is_converted_exactly_to_cents() {
        assert_eq!(money(&text("1 234,56")), Ok(123_456));
        assert_eq!(money(&text("1234.56")), Ok(123_456));
        assert_eq!(money(&text("1 234,56 €")), Ok(123_456));
        assert_eq!(money(&text("1\u{a0}234,56\u{a0}€")), Ok(123_456));
        assert_eq!(money(&text("1\u{202f}234\u{202f}567,5")), Ok(123_456_750));
        assert_eq!(money(&text("0,01")), Ok(1));
        assert_eq!(money(&text(",5")), Ok(50));
        assert_eq!(money(&text("-12")), Ok(-1200));
        assert_eq!(money(&RawCell::Int(50_000)), Ok(5_000_000));
        assert_eq!(money(&RawCell::Float(76_543.21)), Ok(7_654_321));
        assert_eq!(money(&RawCell::Float(0.01)), Ok(1));
        assert_eq!(money(&RawCell::Float(0.1 + 0.2)), Ok(30));
        assert_eq!(
            money(&text("12,345")),
            Err("« 12,345 » : 2 décimales au plus pour un montant en euros".to_owned())
        );
        assert_eq!(
            money(&RawCell::Float(12.345)),
            Err("« 12,345 » : 2 décimales au plus pour un montant en euros".to_owned())
        );
        assert_eq!(
            money(&text("cent euros")),
            Err("« cent euros » n'est pas un montant en euros".to_owned())
        );
        assert!(money(&text("1,234.56")).is_err());
        assert!(money(&text("99999999999999999999")).is_err());
    }

    #[test]
    fn decimals_take_a_comma_or_a_point() {
        assert_eq!(decimal(&text("1,35")), Ok(1.35));
        assert_eq!(decimal(&text("1.35")), Ok(1.35));
        assert_eq!(decimal(&RawCell::Float(1.35)), Ok(1.35));
        assert_eq!(decimal(&RawCell::Int(2)), Ok(2.0));
        assert!(decimal(&text("un et demi")).is_err());
        assert!(decimal(&RawCell::Float(f64::INFINITY)).is_err());
    }

    #[test]
    fn texts_are_split_on_semicolons() {
        assert_eq!(
            texts(&text(" Gestion du stress ;; Prise de parole; ")),
            vec!["Gestion du stress".to_owned(), "Prise de parole".to_owned()]
        );
        assert_eq!(to_value(FieldKind::Texts, &text(" ; ")), Ok(None));
    }

    #[test]
    fn booleans_dates_and_errors_are_refused() {
        assert_eq!(
            to_value(FieldKind::Count, &RawCell::Bool(true)),
            Err(
                "« VRAI » : une valeur vrai/faux n'est pas acceptée, saisissez un nombre entier"
                    .to_owned()
            )
        );
        assert!(to_value(FieldKind::Money, &RawCell::DateTime).is_err());
        assert_eq!(
            to_value(FieldKind::Decimal, &RawCell::Error("#DIV/0!".into())),
            Err("la cellule contient une erreur (#DIV/0!), saisissez un nombre décimal".to_owned())
        );
        assert_eq!(to_value(FieldKind::Count, &RawCell::Empty), Ok(None));
        assert_eq!(RawCell::text("   "), RawCell::Empty);
    }
}
