//! Academic years (`2024-2025`): parsing, printing, and the dates and deadlines they carry.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The first and last academic start years the service accepts; outside them a year is a typing error.
const FIRST_START_YEAR: i32 = 2000;
const LAST_START_YEAR: i32 = 2100;

/// An academic year, from 1 September of `start` to 31 August of `start + 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AcademicYear {
    start: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcademicYearError {
    #[error("année universitaire « {0} » invalide : le format attendu est AAAA-AAAA, par exemple 2024-2025")]
    Format(String),
    #[error("année universitaire « {0} » invalide : la seconde année doit suivre la première (par exemple 2024-2025)")]
    NotConsecutive(String),
    #[error("année universitaire « {0} » hors de la plage acceptée (2000-2001 à 2100-2101)")]
    OutOfRange(String),
}

impl AcademicYear {
    /// The academic year starting in September of `start`.
    pub fn starting(start: i32) -> Result<Self, AcademicYearError> {
        if !(FIRST_START_YEAR..=LAST_START_YEAR).contains(&start) {
            return Err(AcademicYearError::OutOfRange(format!(
                "{}-{}",
                start,
                start + 1
            )));
        }
        Ok(Self { start })
    }

    /// The academic year in progress at `at` (a year turns on 1 September, Paris time).
    pub fn containing(at: DateTime<Utc>) -> Result<Self, AcademicYearError> {
        let local = at.with_timezone(&Paris).date_naive();
        let start = if chrono::Datelike::month(&local) >= 9 {
            chrono::Datelike::year(&local)
        } else {
            chrono::Datelike::year(&local) - 1
        };
        Self::starting(start)
    }

    pub fn start_year(self) -> i32 {
        self.start
    }

    pub fn end_year(self) -> i32 {
        self.start + 1
    }

    pub fn previous(self) -> Result<Self, AcademicYearError> {
        Self::starting(self.start - 1)
    }

    pub fn next(self) -> Result<Self, AcademicYearError> {
        Self::starting(self.start + 1)
    }

    /// 1 September of the start year.
    pub fn start_date(self) -> NaiveDate {
        date(self.start, 9, 1)
    }

    /// 31 August of the end year.
    pub fn end_date(self) -> NaiveDate {
        date(self.start + 1, 8, 31)
    }

    /// The default deadline of this year's annual report: 1 September of the end year, 23:59:59 Paris time.
    pub fn annual_report_deadline(self) -> DateTime<Utc> {
        paris_end_of_day(date(self.start + 1, 9, 1))
    }

    /// The default closing of this year's annual report, after which coordinators can no longer edit it:
    /// 30 September of the end year, 23:59:59 Paris time (four weeks after the deadline).
    pub fn annual_report_closing(self) -> DateTime<Utc> {
        paris_end_of_day(date(self.start + 1, 9, 30))
    }

    /// The default opening of this year's flash survey: 1 September of the start year, 00:00 Paris time.
    pub fn flash_survey_opening(self) -> DateTime<Utc> {
        paris_midnight(date(self.start, 9, 1))
    }

    /// The default deadline of this year's flash survey: 15 October of the start year, 23:59:59 Paris time.
    pub fn flash_survey_deadline(self) -> DateTime<Utc> {
        paris_end_of_day(date(self.start, 10, 15))
    }
}

/// A calendar date known to exist (the callers only build 1 September, 15 October and 31 August).
fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// 23:59:59 Paris time on `day`, in UTC.
pub fn paris_end_of_day(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_hms_opt(23, 59, 59).unwrap_or_default();
    // Paris never skips or repeats 23:59:59 (changes happen at 02:00/03:00), so the mapping is single.
    Paris
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| local.and_utc())
}

/// 00:00 Paris time on `day`, in UTC.
pub fn paris_midnight(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Paris
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| local.and_utc())
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.start + 1)
    }
}

impl FromStr for AcademicYear {
    type Err = AcademicYearError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let (first, second) = text
            .split_once('-')
            .ok_or_else(|| AcademicYearError::Format(s.to_owned()))?;
        let four_digits = |p: &str| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit());
        if !four_digits(first) || !four_digits(second) {
            return Err(AcademicYearError::Format(s.to_owned()));
        }
        let start: i32 = first
            .parse()
            .map_err(|_| AcademicYearError::Format(s.to_owned()))?;
        let end: i32 = second
            .parse()
            .map_err(|_| AcademicYearError::Format(s.to_owned()))?;
        if end != start + 1 {
            return Err(AcademicYearError::NotConsecutive(s.to_owned()));
        }
        Self::starting(start).map_err(|_| AcademicYearError::OutOfRange(s.to_owned()))
    }
}

impl Serialize for AcademicYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AcademicYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(s: &str) -> AcademicYear {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_and_prints_a_year() {
        let y = year("2024-2025");
        assert_eq!(y.start_year(), 2024);
        assert_eq!(y.end_year(), 2025);
        assert_eq!(y.to_string(), "2024-2025");
        assert_eq!(year(" 2025-2026 ").to_string(), "2025-2026");
    }

    #[test]
    fn rejects_non_consecutive_years() {
        assert_eq!(
            "2024-2026".parse::<AcademicYear>(),
            Err(AcademicYearError::NotConsecutive("2024-2026".into()))
        );
        assert!(matches!(
            "2025-2024".parse::<AcademicYear>(),
            Err(AcademicYearError::NotConsecutive(_))
        ));
    }

    #[test]
    fn rejects_short_and_slashed_forms_with_the_expected_format() {
        for bad in [
            "24-25",
            "2024/2025",
            "2024",
            "",
            "2024-",
            "-2025",
            "2O24-2025",
            "+2024-2025",
            "2024-2025-2026",
        ] {
            let err = bad.parse::<AcademicYear>().expect_err(bad);
            assert!(
                matches!(err, AcademicYearError::Format(_)),
                "{bad}: {err:?}"
            );
            assert!(err.to_string().contains("AAAA-AAAA"), "{bad}: {err}");
        }
    }

    #[test]
    fn rejects_years_out_of_range() {
        assert!(matches!(
            "1999-2000".parse::<AcademicYear>(),
            Err(AcademicYearError::OutOfRange(_))
        ));
        assert!(matches!(
            "2101-2102".parse::<AcademicYear>(),
            Err(AcademicYearError::OutOfRange(_))
        ));
    }

    #[test]
    fn knows_its_dates() {
        let y = year("2024-2025");
        assert_eq!(y.start_date(), date(2024, 9, 1));
        assert_eq!(y.end_date(), date(2025, 8, 31));
        assert_eq!(
            y.previous().map(|p| p.to_string()),
            Ok("2023-2024".to_string())
        );
    }

    #[test]
    fn annual_report_deadline_is_paris_end_of_day_on_1_september() {
        // 1 September 2025 is summer time (UTC+2): 23:59:59 Paris is 21:59:59 UTC.
        assert_eq!(
            year("2024-2025").annual_report_deadline().to_rfc3339(),
            "2025-09-01T21:59:59+00:00"
        );
    }

    #[test]
    fn flash_survey_deadline_is_15_october_in_the_start_year() {
        assert_eq!(
            year("2025-2026").flash_survey_deadline().to_rfc3339(),
            "2025-10-15T21:59:59+00:00"
        );
        assert_eq!(
            year("2025-2026").flash_survey_opening().to_rfc3339(),
            "2025-08-31T22:00:00+00:00"
        );
    }

    #[test]
    fn the_year_turns_on_1_september_paris_time() {
        let before = "2025-08-31T21:59:59Z"
            .parse::<DateTime<Utc>>()
            .unwrap_or_default();
        let after = "2025-08-31T22:00:00Z"
            .parse::<DateTime<Utc>>()
            .unwrap_or_default();
        assert_eq!(
            AcademicYear::containing(before).map(|y| y.to_string()),
            Ok("2024-2025".into())
        );
        assert_eq!(
            AcademicYear::containing(after).map(|y| y.to_string()),
            Ok("2025-2026".into())
        );
    }

    #[test]
    fn serde_uses_the_written_form_and_rejects_bad_ones() {
        assert_eq!(
            serde_json::to_string(&year("2024-2025")).unwrap_or_default(),
            "\"2024-2025\""
        );
        let err = serde_json::from_str::<AcademicYear>("\"2024/2025\"").expect_err("slash");
        assert!(err.to_string().contains("AAAA-AAAA"));
    }
}
