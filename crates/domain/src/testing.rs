//! Builders of domain values for the tests of every crate (feature `testing`): a plausible campus and an annual
//! report, with setters for what a test varies, instead of a literal written out in each crate.

use crate::{
    AnnualReport, Campus, CampusStatus, ConventionPeriod, IndicatorGrid, Narrative, Premises,
    PremisesKind, RegionCode, ReportStatus,
};
use chrono::{DateTime, Utc};

/// A campus for tests. [`CampusBuilder::new`] starts from a plausible active campus (opened 2020 in wave 2,
/// convention 2025-2028, shared premises of 95.5 m² and 18 seats, 38.5 hours a week, in the Nièvre), each setter
/// changes one thing, [`CampusBuilder::build`] gives the campus.
#[derive(Debug, Clone)]
#[must_use]
pub struct CampusBuilder {
    campus: Campus,
}

impl CampusBuilder {
    /// The campus `id` (a valid slug: a bad one panics, the test failing) in `region`, named "Campus connecté de
    /// `id`" (contracted: « d'autun ») in the commune `id`.
    pub fn new(id: &str, region: RegionCode) -> Self {
        Self {
            campus: Campus {
                id: id.parse().unwrap_or_else(|e| panic!("campus id {id}: {e}")),
                name: format!("Campus connecté {}", crate::french::of_place(id)),
                commune: id.to_owned(),
                department_code: "58".into(),
                region_code: region,
                latitude: 46.9908,
                longitude: 3.159,
                local_authority: "Communauté d'agglomération".into(),
                partner_establishment: Some("Université Bourgogne Europe".into()),
                opening_year: 2020,
                wave: 2,
                premises: Premises {
                    kind: PremisesKind::Shared,
                    surface_m2: Some(95.5),
                    seats: Some(18),
                },
                weekly_opening_hours: Some(38.5),
                evening_opening: true,
                weekend_opening: false,
                status: CampusStatus::Active,
                convention: ConventionPeriod {
                    start_year: 2025,
                    end_year: 2028,
                },
            },
        }
    }

    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.campus.name = name.into();
        self
    }

    pub fn commune(mut self, commune: impl Into<String>) -> Self {
        self.campus.commune = commune.into();
        self
    }

    pub fn department(mut self, code: impl Into<String>) -> Self {
        self.campus.department_code = code.into();
        self
    }

    pub fn coordinates(mut self, latitude: f64, longitude: f64) -> Self {
        self.campus.latitude = latitude;
        self.campus.longitude = longitude;
        self
    }

    pub fn local_authority(mut self, name: impl Into<String>) -> Self {
        self.campus.local_authority = name.into();
        self
    }

    pub fn partner(mut self, establishment: Option<&str>) -> Self {
        self.campus.partner_establishment = establishment.map(str::to_owned);
        self
    }

    /// The year the campus opened and its wave.
    pub fn opening(mut self, year: i32, wave: i32) -> Self {
        self.campus.opening_year = year;
        self.campus.wave = wave;
        self
    }

    pub fn premises(
        mut self,
        kind: PremisesKind,
        surface_m2: Option<f64>,
        seats: Option<i32>,
    ) -> Self {
        self.campus.premises = Premises {
            kind,
            surface_m2,
            seats,
        };
        self
    }

    pub fn weekly_opening_hours(mut self, hours: Option<f64>) -> Self {
        self.campus.weekly_opening_hours = hours;
        self
    }

    /// Whether it opens in the evening, and at the weekend.
    pub fn opens(mut self, evening: bool, weekend: bool) -> Self {
        self.campus.evening_opening = evening;
        self.campus.weekend_opening = weekend;
        self
    }

    pub fn status(mut self, status: CampusStatus) -> Self {
        self.campus.status = status;
        self
    }

    /// The convention's first and last years.
    pub fn convention(mut self, start_year: i32, end_year: i32) -> Self {
        self.campus.convention = ConventionPeriod {
            start_year,
            end_year,
        };
        self
    }

    pub fn build(self) -> Campus {
        self.campus
    }
}

/// The default campus of [`CampusBuilder`]: `CampusBuilder::new(id, region).build()`.
pub fn sample_campus(id: &str, region: RegionCode) -> Campus {
    CampusBuilder::new(id, region).build()
}

/// An annual report for tests. [`ReportBuilder::new`] starts from a draft with an empty grid, no narrative, never
/// submitted nor reviewed, version 1, last changed on 2025-09-01 at midnight UTC; each setter changes one thing.
#[derive(Debug, Clone)]
#[must_use]
pub struct ReportBuilder {
    report: AnnualReport,
}

impl ReportBuilder {
    /// The report of campus `campus` for the academic year `year` ("2024-2025"); a bad one panics, the test
    /// failing.
    pub fn new(campus: &str, year: &str) -> Self {
        Self {
            report: AnnualReport {
                campus_id: campus
                    .parse()
                    .unwrap_or_else(|e| panic!("campus id {campus}: {e}")),
                academic_year: year
                    .parse()
                    .unwrap_or_else(|e| panic!("academic year {year}: {e}")),
                status: ReportStatus::Draft,
                grid: IndicatorGrid::default(),
                narrative: Narrative::default(),
                gap_explanations: Default::default(),
                submitted_at: None,
                reviewed_at: None,
                review_comment: None,
                version: 1,
                updated_at: DateTime::from_timestamp(1_756_684_800, 0).unwrap_or_default(),
            },
        }
    }

    pub fn status(mut self, status: ReportStatus) -> Self {
        self.report.status = status;
        self
    }

    pub fn grid(mut self, grid: IndicatorGrid) -> Self {
        self.report.grid = grid;
        self
    }

    pub fn narrative(mut self, narrative: Narrative) -> Self {
        self.report.narrative = narrative;
        self
    }

    pub fn submitted_at(mut self, at: Option<DateTime<Utc>>) -> Self {
        self.report.submitted_at = at;
        self
    }

    pub fn updated_at(mut self, at: DateTime<Utc>) -> Self {
        self.report.updated_at = at;
        self
    }

    pub fn version(mut self, version: i64) -> Self {
        self.report.version = version;
        self
    }

    pub fn build(self) -> AnnualReport {
        self.report
    }
}

/// A complete grid, as JSON, that breaks no rule (20 students, a balanced budget) and meets the usual national
/// targets: the starting point of tests that submit.
pub fn clean_grid_json() -> serde_json::Value {
    serde_json::from_str(
        r#"{
        "students_enrolled": 20, "students_new": 8,
        "prog_licence": 10, "prog_master": 2, "prog_doctorate": 0, "prog_daeu": 4, "prog_bts": 2, "prog_other_public": 1, "prog_private": 1,
        "women": 13, "men": 7, "sex_unreported": 0,
        "age_under_21": 6, "age_21_25": 5, "age_26_plus": 9,
        "scholarship_holders": 9, "with_disability": 1, "top_athletes": 0, "with_family_duties": 5, "employed": 7, "resuming_studies": 8,
        "outcome_success": 17, "outcome_dropout": 1, "outcome_reorientation": 1, "outcome_failure": 1, "outcome_pending": 0,
        "tutors_fte": 1.5, "coordinator_fte": 1.0, "workshops_count": 6, "workshop_themes": ["Gestion du stress", "Prise de parole"],
        "individual_interviews_count": 40, "exams_in_situ_count": 12, "copil_meetings_count": 2, "communication_actions_count": 5,
        "high_school_interventions_count": 3, "student_life_actions_count": 4, "avg_weekly_presence_hours": 14.5,
        "survey_respondents": 15, "survey_would_not_have_studied": 4,
        "exp_staff": 8000000, "exp_premises": 1000000, "exp_equipment": 300000, "exp_operations": 400000, "exp_communication": 50000, "exp_other": 0,
        "rev_state": 4700000, "rev_local_authority": 3500000, "rev_region": 1050000, "rev_partners": 0, "rev_in_kind": 500000, "rev_other": 0,
        "establishment_grant": 1000000
    }"#,
    )
    .unwrap_or_default()
}

/// [`clean_grid_json`] as a grid.
pub fn clean_grid() -> crate::IndicatorGrid {
    serde_json::from_value(clean_grid_json()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_campus_is_valid_and_a_setter_changes_only_its_field() {
        let sample = sample_campus("nevers", RegionCode::BFC);
        assert_eq!(sample.check(), vec![]);
        let changed = CampusBuilder::new("nevers", RegionCode::BFC)
            .coordinates(47.0, 3.0)
            .build();
        assert_eq!((changed.latitude, changed.longitude), (47.0, 3.0));
        assert_eq!(
            Campus {
                latitude: sample.latitude,
                longitude: sample.longitude,
                ..changed
            },
            sample
        );
    }

    #[test]
    fn the_sample_report_is_a_draft_changed_on_the_first_of_september_2025() {
        let report = ReportBuilder::new("nevers", "2024-2025").build();
        assert_eq!(report.status, ReportStatus::Draft);
        assert_eq!(report.academic_year.to_string(), "2024-2025");
        assert_eq!(report.updated_at.to_rfc3339(), "2025-09-01T00:00:00+00:00");
    }
}
