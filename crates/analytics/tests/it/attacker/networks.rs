//! The networks the attacker is tried on: the demo network of `fixtures/`, and a deterministic generated one of
//! many small campuses whose outcome breakdowns have 1 to 4 students in them.

use chrono::{DateTime, Utc};
use pilotage_analytics::Dataset;
use pilotage_domain::testing::{CampusBuilder, ReportBuilder};
use pilotage_domain::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct ReportFixture {
    campus_id: CampusId,
    academic_year: AcademicYear,
    status: ReportStatus,
    submitted_at: Option<DateTime<Utc>>,
    grid: IndicatorGrid,
}

fn report(
    campus_id: CampusId,
    academic_year: AcademicYear,
    status: ReportStatus,
    grid: IndicatorGrid,
    at: DateTime<Utc>,
) -> AnnualReport {
    ReportBuilder::new(&campus_id.to_string(), &academic_year.to_string())
        .status(status)
        .grid(grid)
        .submitted_at(Some(at))
        .updated_at(at)
        .build()
}

/// The demo network: its campuses and annual reports (drafts and returned reports included, as in the store:
/// the public figures count only the handed-in ones).
pub fn demo() -> Dataset {
    let campuses: Vec<Campus> =
        serde_json::from_str(include_str!("../../../../../fixtures/campuses.json")).unwrap();
    let reports: Vec<ReportFixture> =
        serde_json::from_str(include_str!("../../../../../fixtures/reports.json")).unwrap();
    let reports = reports
        .into_iter()
        .map(|r| {
            let at = r.submitted_at.unwrap_or_default();
            report(r.campus_id, r.academic_year, r.status, r.grid, at)
        })
        .collect();
    Dataset {
        campuses,
        reports,
        ..Default::default()
    }
}

/// splitmix64.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }

    /// `total` split into `parts` non-negative counts.
    fn split(&mut self, total: i64, parts: usize) -> Vec<i64> {
        let mut left = total;
        let mut out = Vec::with_capacity(parts);
        for i in 0..parts {
            let v = if i + 1 == parts {
                left
            } else {
                self.between(0, left.min(4))
            };
            out.push(v);
            left -= v;
        }
        out
    }
}

const CAMPUSES: usize = 60;
const REGIONS: usize = 6;
const FIRST_YEAR: i32 = 2022;
const YEARS: i32 = 3;

fn campus(i: usize) -> Campus {
    CampusBuilder::new(&format!("petit-{i:02}"), Region::ALL[i % REGIONS].code)
        .name(format!("Campus connecté n° {i}"))
        .commune(format!("Commune {i}"))
        .coordinates(46.0, 3.0)
        .local_authority("Communauté de communes")
        .partner(Some("Université"))
        .opening(FIRST_YEAR, 1)
        .premises(PremisesKind::Shared, Some(80.0), Some(12))
        .weekly_opening_hours(Some(35.0))
        .opens(false, false)
        .convention(FIRST_YEAR, FIRST_YEAR + YEARS + 2)
        .build()
}

fn grid(i: usize, rng: &mut Random) -> IndicatorGrid {
    // One campus in three has 1 to 4 students, most others 5 to 12.
    let enrolled = match (i % 3, rng.between(0, 4)) {
        (0, _) => rng.between(1, 4),
        (_, 0) => rng.between(13, 40),
        _ => rng.between(5, 12),
    };
    let success = rng.between(enrolled / 2, enrolled);
    let rest = rng.split(enrolled - success, 4);
    let private = rng.between(0, enrolled.min(4));
    let public = rng.split(enrolled - private, 6);
    let respondents = rng.between(0, enrolled);
    let expenses = enrolled * rng.between(2_000, 8_000) * 100;
    let state = expenses / 2;
    IndicatorGrid {
        students_enrolled: Some(enrolled),
        prog_licence: Some(public[0] + public[5]),
        prog_master: Some(public[1]),
        prog_doctorate: Some(public[2]),
        prog_daeu: Some(public[3]),
        prog_bts: Some(public[4]),
        prog_other_public: Some(0),
        prog_private: Some(private),
        outcome_success: Some(success),
        outcome_dropout: Some(rest[0]),
        outcome_reorientation: Some(rest[1]),
        outcome_failure: Some(rest[2]),
        outcome_pending: Some(rest[3]),
        tutors_fte: Some(0.5 + rng.between(0, 3) as f64 * 0.25),
        copil_meetings_count: Some(rng.between(0, 3)),
        avg_weekly_presence_hours: Some(8.0 + rng.between(0, 80) as f64 / 10.0),
        survey_respondents: Some(respondents),
        survey_would_not_have_studied: Some(rng.between(0, respondents)),
        exp_staff: Some(expenses * 6 / 10),
        exp_premises: Some(expenses - expenses * 6 / 10),
        exp_equipment: Some(0),
        exp_operations: Some(0),
        exp_communication: Some(0),
        exp_other: Some(0),
        rev_state: Some(state),
        rev_local_authority: Some(expenses - state),
        rev_region: Some(0),
        rev_partners: Some(0),
        rev_in_kind: Some(0),
        rev_other: Some(0),
        ..Default::default()
    }
}

/// 60 campuses over 6 régions and three years; deterministic.
pub fn small_campuses() -> Dataset {
    let mut rng = Random(0x05a1_1ca5);
    let campuses: Vec<Campus> = (0..CAMPUSES).map(campus).collect();
    let mut reports = Vec::new();
    for start in FIRST_YEAR..FIRST_YEAR + YEARS {
        let year = AcademicYear::starting(start).unwrap();
        let at = year.annual_report_deadline();
        for (i, c) in campuses.iter().enumerate() {
            let grid = grid(i, &mut rng);
            reports.push(report(c.id.clone(), year, ReportStatus::Accepted, grid, at));
        }
    }
    Dataset {
        campuses,
        reports,
        ..Default::default()
    }
}
