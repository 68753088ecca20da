//! The unit an indicator is expressed in, and how its values, axis ticks and gaps are written in French.

use pilotage_domain::french::{self as format, NBSP};

/// The unit of an indicator's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A percentage, already multiplied by 100: `85,3 %`.
    Percent,
    /// Whole euros: `4 850 €`.
    Euros,
    /// A head count or a number of campuses: `1 942`.
    Count,
    /// Hours, to the minute: `14 h 30`, `1 200 h`.
    Hours,
    /// A plain ratio: `0,85`.
    Ratio,
}

/// The decimals needed to write multiples of `step` exactly (at most 4).
fn decimals_for(step: f64) -> usize {
    let mut decimals = 0;
    let mut scaled = step.abs();
    while decimals < 4 && scaled.is_finite() && (scaled - scaled.round()).abs() > 1e-6 {
        decimals += 1;
        scaled *= 10.0;
    }
    decimals
}

impl Unit {
    /// A value in full: `85,3 %`, `4 850 €`, `1 942`, `14 h 30`, `0,85`.
    pub fn format(self, value: f64) -> String {
        match self {
            Self::Percent => format::percent(value),
            Self::Euros => format::euros(value),
            Self::Count => format::count(value),
            Self::Hours => format::hours(value),
            Self::Ratio => format::number(value, 2),
        }
    }

    /// A value for a headline: as [`Unit::format`], but a percentage with a zero decimal loses it (`95 %`).
    pub fn format_short(self, value: f64) -> String {
        match self {
            Self::Percent if ((value * 10.0).round() / 10.0).fract() == 0.0 => {
                format!("{}{NBSP}%", format::number(value, 0))
            }
            _ => self.format(value),
        }
    }

    /// An axis tick of an axis graduated every `step`: `80 %`, `2 500 €`, `0,25`.
    pub fn format_axis(self, value: f64, step: f64) -> String {
        let decimals = decimals_for(step);
        let number = format::number(value, decimals);
        match self {
            Self::Percent => format!("{number}{NBSP}%"),
            Self::Euros => format!("{number}{NBSP}€"),
            // Hours and minutes, not decimal hours: a tick every 0,5 h reads « 12 h 30 ».
            Self::Hours => format::hours(value),
            Self::Count | Self::Ratio => number,
        }
    }

    /// A signed gap to a target: `−8,0 pts` for percentages (percentage points), `−350 €`, `+2`.
    pub fn format_gap(self, gap: f64) -> String {
        let text = match self {
            Self::Percent => format!("{}{NBSP}pts", format::number(gap, 1)),
            _ => self.format(gap),
        };
        if gap > 0.0 && !text.starts_with('−') {
            format!("+{text}")
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_written_the_french_way() {
        assert_eq!(Unit::Percent.format(85.26), "85,3\u{a0}%");
        assert_eq!(Unit::Percent.format_short(95.0), "95\u{a0}%");
        assert_eq!(Unit::Percent.format_short(85.4), "85,4\u{a0}%");
        assert_eq!(Unit::Euros.format(4701.0), "4\u{a0}701\u{a0}€");
        assert_eq!(Unit::Hours.format(1200.0), "1\u{a0}200\u{a0}h");
        // 14,5 h is « 14 h 30 », not « 14 h »; 11,6 h is « 11 h 36 », not « 12 h » (which would meet 12 h).
        assert_eq!(Unit::Hours.format(14.5), "14\u{a0}h\u{a0}30");
        assert_eq!(Unit::Hours.format(11.6), "11\u{a0}h\u{a0}36");
        assert_eq!(Unit::Hours.format(12.0), "12\u{a0}h");
        assert_eq!(Unit::Hours.format_short(14.5), "14\u{a0}h\u{a0}30");
        assert_eq!(Unit::Hours.format_axis(12.5, 0.5), "12\u{a0}h\u{a0}30");
        assert_eq!(Unit::Hours.format_axis(10.0, 2.0), "10\u{a0}h");
        assert_eq!(Unit::Hours.format_gap(-0.4), "−0\u{a0}h\u{a0}24");
        assert_eq!(Unit::Hours.format_gap(2.5), "+2\u{a0}h\u{a0}30");
        assert_eq!(Unit::Ratio.format(0.851), "0,85");
        assert_eq!(Unit::Percent.format_axis(80.0, 10.0), "80\u{a0}%");
        assert_eq!(Unit::Ratio.format_axis(0.25, 0.25), "0,25");
        assert_eq!(Unit::Percent.format_gap(-8.0), "−8,0\u{a0}pts");
        assert_eq!(Unit::Count.format_gap(2.0), "+2");
    }
}
