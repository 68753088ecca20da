//! The unit an indicator is expressed in, and how its values, axis ticks and gaps are written in French.

use pilotage_domain::french::{self as format, NBSP};

/// The unit of an indicator's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A percentage, already multiplied by 100: `85,3 %`.
    Percent,
    /// Whole euros: `4 850 €`.
    Euros,
    /// A number of campuses or anything counted without a noun: `1 942`.
    Count,
    /// A number of students: `1 942`, in full `1 942 étudiants`.
    Students,
    /// A number of meetings: `2`, in full `2 réunions`.
    Meetings,
    /// Hours, to the minute: `14 h 30`, `1 200 h`.
    Hours,
    /// A plain ratio: `0,85`.
    Ratio,
    /// Students per full-time tutor: `18,50`, in full `18,50 étudiants par tuteur`.
    StudentsPerTutor,
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
            Self::Count | Self::Students | Self::Meetings => format::count(value),
            Self::Hours => format::hours(value),
            Self::Ratio | Self::StudentsPerTutor => format::number(value, 2),
        }
    }

    /// What follows a number of this unit that does not carry its own sign (%, €, h): « étudiants »,
    /// « réunion », « étudiants par tuteur »; singular below 2, as French writes it.
    pub fn noun(self, value: f64) -> Option<&'static str> {
        let plural = value.abs() >= 2.0;
        match (self, plural) {
            (Self::Students, true) => Some("étudiants"),
            (Self::Students, false) => Some("étudiant"),
            (Self::Meetings, true) => Some("réunions"),
            (Self::Meetings, false) => Some("réunion"),
            (Self::StudentsPerTutor, true) => Some("étudiants par tuteur"),
            (Self::StudentsPerTutor, false) => Some("étudiant par tuteur"),
            _ => None,
        }
    }

    /// The unit written after the numbers of an axis, for its description: « % », « € », « h », « étudiants »,
    /// « étudiants par tuteur »; `None` for plain counts and ratios.
    pub fn axis_unit(self) -> Option<&'static str> {
        match self {
            Self::Percent => Some("%"),
            Self::Euros => Some("€"),
            Self::Hours => Some("h"),
            Self::Count | Self::Ratio => None,
            other => other.noun(2.0),
        }
    }

    /// A value with its unit in words where it has no sign: `85,3 %`, `4 850 €`, `24 étudiants`,
    /// `18,50 étudiants par tuteur`, `1 réunion`, `14 h 30`.
    pub fn format_full(self, value: f64) -> String {
        let number = self.format(value);
        match self.noun(value) {
            Some(noun) if value.is_finite() => format!("{number}{NBSP}{noun}"),
            _ => number,
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
            Self::Count
            | Self::Ratio
            | Self::Students
            | Self::Meetings
            | Self::StudentsPerTutor => number,
        }
    }

    /// A signed gap to a target: `−8,0 pts` for percentages (percentage points), `−350 €`, `+2`, `−0 h 30`. A
    /// gap that is not zero never reads as zero: decimals are added until it shows (`−0,04 pts`, `−0,004 h`).
    pub fn format_gap(self, gap: f64) -> String {
        let mut text = match self {
            Self::Percent => format!("{}{NBSP}pts", format::number(gap, 1)),
            _ => self.format(gap),
        };
        if gap.is_finite() && gap != 0.0 && !text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            let decimals = (1..=4)
                .find(|d| {
                    format::number(gap, *d)
                        .chars()
                        .any(|c| c.is_ascii_digit() && c != '0')
                })
                .unwrap_or(4);
            let number = format::number(gap, decimals);
            text = match self {
                Self::Percent => format!("{number}{NBSP}pts"),
                Self::Euros => format!("{number}{NBSP}€"),
                Self::Hours => format!("{number}{NBSP}h"),
                _ => number,
            };
        }
        if gap > 0.0 && !text.starts_with('−') {
            format!("+{text}")
        } else {
            text
        }
    }

    /// A signed gap with its unit in words: `−3 étudiants`, `+3,27 étudiants par tuteur`, `−8,0 pts`.
    pub fn format_gap_full(self, gap: f64) -> String {
        let text = self.format_gap(gap);
        match self.noun(gap) {
            Some(noun) if gap.is_finite() => format!("{text}{NBSP}{noun}"),
            _ => text,
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

    #[test]
    fn a_gap_that_is_not_zero_never_reads_as_zero_and_keeps_its_sign() {
        // Half an hour short of 12 h: the sign and the minutes, never « 0 h ».
        assert_eq!(Unit::Hours.format_gap(-0.5), "−0\u{a0}h\u{a0}30");
        // Less than a minute short: decimals, still signed.
        assert_eq!(Unit::Hours.format_gap(-0.004), "−0,004\u{a0}h");
        assert_eq!(Unit::Percent.format_gap(-0.04), "−0,04\u{a0}pts");
        assert_eq!(Unit::Students.format_gap_full(-0.4), "−0,4\u{a0}étudiant");
        assert_eq!(Unit::Euros.format_gap(0.3), "+0,3\u{a0}€");
        assert_eq!(Unit::Hours.format_gap(0.0), "0\u{a0}h");
    }

    #[test]
    fn values_carry_their_unit_in_words() {
        assert_eq!(Unit::Students.format_full(24.0), "24\u{a0}étudiants");
        assert_eq!(Unit::Students.format_full(1.0), "1\u{a0}étudiant");
        assert_eq!(Unit::Meetings.format_full(1.0), "1\u{a0}réunion");
        assert_eq!(
            Unit::StudentsPerTutor.format_full(18.5),
            "18,50\u{a0}étudiants par tuteur"
        );
        assert_eq!(
            Unit::StudentsPerTutor.format_gap_full(3.27),
            "+3,27\u{a0}étudiants par tuteur"
        );
        assert_eq!(Unit::Percent.format_full(85.26), "85,3\u{a0}%");
        assert_eq!(Unit::Euros.format_full(0.0), "0\u{a0}€");
        // The short forms the web pages use are unchanged.
        assert_eq!(Unit::Students.format(24.0), "24");
        assert_eq!(Unit::StudentsPerTutor.format(18.5), "18,50");
    }
}
