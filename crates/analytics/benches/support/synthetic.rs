//! A synthetic network for benchmarks: `campuses` campuses spread over the 18 régions académiques, each with ten
//! academic years (2015-2016 to 2024-2025) of complete, valid indicator grids, a flash survey per year, national
//! brand-criteria targets and one enrolment target per campus. About one report in eight and one survey in six
//! are handed in late. Deterministic: the same size always gives the same network.
//!
//! Shared by `benches/recompute.rs`, `examples/recompute.rs` and `tests/it/synthetic.rs` through `#[path]`, so that
//! it needs no cargo feature and stays out of the library.

use chrono::{DateTime, Duration, Utc};
use pilotage_domain::*;

pub const FIRST_YEAR: i32 = 2015;
pub const YEARS: i32 = 10;

/// The last academic year of the synthetic network (2024-2025).
pub fn last_year() -> AcademicYear {
    AcademicYear::starting(FIRST_YEAR + YEARS - 1).unwrap_or_else(|_| unreachable!())
}

/// splitmix64: a tiny deterministic generator, enough for plausible figures.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }

    /// Splits `total` into `parts` non-negative counts summing to it.
    fn split(&mut self, total: i64, parts: usize) -> Vec<i64> {
        let mut left = total;
        let mut out = Vec::with_capacity(parts);
        for i in 0..parts {
            let v = if i + 1 == parts {
                left
            } else {
                self.between(0, left / 2 + 1).min(left)
            };
            out.push(v);
            left -= v;
        }
        out
    }
}

fn campus(i: usize, rng: &mut Random) -> Campus {
    let region = Region::ALL[i % Region::ALL.len()].code;
    Campus {
        id: format!("campus-{i:05}")
            .parse()
            .unwrap_or_else(|_| unreachable!()),
        name: format!("Campus connecté n° {i}"),
        commune: format!("Commune {i}"),
        department_code: "58".into(),
        region_code: region,
        latitude: 43.0 + (rng.next() % 700) as f64 / 100.0,
        longitude: -1.0 + (rng.next() % 800) as f64 / 100.0,
        local_authority: "Communauté de communes".into(),
        partner_establishment: (i % 23 != 0).then(|| "Université".into()),
        opening_year: FIRST_YEAR,
        wave: 1 + (i % 3) as i32,
        premises: Premises {
            kind: PremisesKind::Shared,
            surface_m2: Some(120.0),
            seats: Some(20),
        },
        weekly_opening_hours: Some(40.0),
        evening_opening: false,
        weekend_opening: false,
        status: CampusStatus::Active,
        convention: ConventionPeriod {
            start_year: FIRST_YEAR,
            end_year: FIRST_YEAR + YEARS + 2,
        },
    }
}

fn grid(rng: &mut Random) -> IndicatorGrid {
    // A few tiny campuses, so that disclosure control has something to do.
    let enrolled = if rng.between(0, 40) == 0 {
        rng.between(1, 4)
    } else {
        rng.between(5, 60)
    };
    let p = rng.split(enrolled, 7);
    let sex = rng.split(enrolled, 3);
    let age = rng.split(enrolled, 3);
    let success = enrolled * rng.between(50, 95) / 100;
    let rest = rng.split(enrolled - success, 4);
    let respondents = rng.between(0, enrolled);
    let expenses = enrolled * rng.between(2_000, 8_000) * 100;
    let state = (expenses / 2).min(5_000_000);
    let part = |share: i64| expenses * share / 100;
    let (local, region, partners) = (part(20), part(10), part(5));
    let in_kind = expenses - state - local - region - partners;
    IndicatorGrid {
        students_enrolled: Some(enrolled),
        students_new: Some(rng.between(0, enrolled)),
        prog_licence: Some(p[0]),
        prog_master: Some(p[1]),
        prog_doctorate: Some(p[2]),
        prog_daeu: Some(p[3]),
        prog_bts: Some(p[4]),
        prog_other_public: Some(p[5]),
        prog_private: Some(p[6]),
        women: Some(sex[0]),
        men: Some(sex[1]),
        sex_unreported: Some(sex[2]),
        age_under_21: Some(age[0]),
        age_21_25: Some(age[1]),
        age_26_plus: Some(age[2]),
        scholarship_holders: Some(rng.between(0, enrolled)),
        with_disability: Some(rng.between(0, enrolled / 5)),
        top_athletes: Some(0),
        with_family_duties: Some(rng.between(0, enrolled / 3)),
        employed: Some(rng.between(0, enrolled / 2)),
        resuming_studies: Some(rng.between(0, enrolled / 2)),
        outcome_success: Some(success),
        outcome_dropout: Some(rest[0]),
        outcome_reorientation: Some(rest[1]),
        outcome_failure: Some(rest[2]),
        outcome_pending: Some(rest[3]),
        tutors_fte: Some(0.5 + rng.between(0, 6) as f64 * 0.5),
        coordinator_fte: Some(1.0),
        workshops_count: Some(rng.between(1, 20)),
        workshop_themes: Some(vec!["Gestion du stress".into(), "Examens".into()]),
        individual_interviews_count: Some(rng.between(0, 100)),
        exams_in_situ_count: Some(rng.between(0, 30)),
        copil_meetings_count: Some(rng.between(0, 3)),
        communication_actions_count: Some(rng.between(0, 10)),
        high_school_interventions_count: Some(rng.between(0, 10)),
        student_life_actions_count: Some(rng.between(0, 10)),
        avg_weekly_presence_hours: Some(8.0 + rng.between(0, 80) as f64 / 10.0),
        survey_respondents: Some(respondents),
        survey_would_not_have_studied: Some(rng.between(0, respondents)),
        exp_staff: Some(part(60)),
        exp_premises: Some(part(20)),
        exp_equipment: Some(part(5)),
        exp_operations: Some(part(10)),
        exp_communication: Some(part(3)),
        exp_other: Some(expenses - part(60) - part(20) - part(5) - part(10) - part(3)),
        rev_state: Some(state),
        rev_local_authority: Some(local),
        rev_region: Some(region),
        rev_partners: Some(partners),
        rev_in_kind: Some(in_kind),
        rev_other: Some(0),
        establishment_grant: Some(1_000_000),
    }
}

fn target(
    indicator: &str,
    scope: TargetScope,
    year: AcademicYear,
    at_least: bool,
    value: f64,
) -> Target {
    Target {
        indicator: indicator.into(),
        scope,
        academic_year: year,
        direction: if at_least {
            Direction::AtLeast
        } else {
            Direction::AtMost
        },
        value,
    }
}

/// The network of `campuses` campuses over ten years.
pub fn network(campuses: usize) -> pilotage_analytics::Dataset {
    let mut rng = Random(0x5eed ^ campuses as u64);
    let mut data = pilotage_analytics::Dataset {
        campuses: (0..campuses).map(|i| campus(i, &mut rng)).collect(),
        ..Default::default()
    };
    let late = |rng: &mut Random, one_in: i64| rng.between(1, one_in) == 1;
    // Last year's outcomes of each campus, which its flash survey confirms as final.
    let mut previous: Vec<Option<[i64; 5]>> = vec![None; campuses];
    for start in FIRST_YEAR..FIRST_YEAR + YEARS {
        let year = AcademicYear::starting(start).unwrap_or_else(|_| unreachable!());
        let due = year.annual_report_deadline();
        let survey_due = year.flash_survey_deadline();
        for (default_indicator, at_least, value) in [
            ("students_per_tutor", false, 20.0),
            ("public_share", true, 70.0),
            ("cofinancing_share", true, 50.0),
            ("success_rate", true, 85.0),
            ("enrolment", true, 15.0),
            ("presence_hours", true, 12.0),
            ("copil_meetings", true, 1.0),
        ] {
            data.targets.push(target(
                default_indicator,
                TargetScope::Nation,
                year,
                at_least,
                value,
            ));
        }
        for (i, c) in data.campuses.iter().enumerate() {
            let submitted: DateTime<Utc> = if late(&mut rng, 8) {
                due + Duration::days(rng.between(1, 30))
            } else {
                due - Duration::days(rng.between(1, 30))
            };
            let grid = grid(&mut rng);
            let outcomes = [
                grid.outcome_success,
                grid.outcome_dropout,
                grid.outcome_reorientation,
                grid.outcome_failure,
                grid.outcome_pending,
            ]
            .map(Option::unwrap_or_default);
            data.reports.push(AnnualReport {
                campus_id: c.id.clone(),
                academic_year: year,
                status: if rng.between(0, 3) == 0 {
                    ReportStatus::Submitted
                } else {
                    ReportStatus::Accepted
                },
                grid,
                narrative: Narrative::default(),
                gap_explanations: Default::default(),
                submitted_at: Some(submitted),
                reviewed_at: None,
                review_comment: None,
                version: 1,
                updated_at: submitted,
            });
            let answered = if late(&mut rng, 6) {
                survey_due + Duration::days(rng.between(1, 20))
            } else {
                survey_due - Duration::days(rng.between(1, 40))
            };
            let forecast = rng.between(5, 60);
            let split = rng.split(forecast, 7);
            data.flash_surveys.push(FlashSurveyRecord {
                campus_id: c.id.clone(),
                academic_year: year,
                status: FlashSurveyStatus::Submitted,
                submitted_at: Some(answered),
                version: 1,
                survey: FlashSurvey {
                    forecast_students_enrolled: Some(forecast),
                    forecast_prog_licence: Some(split[0]),
                    forecast_prog_master: Some(split[1]),
                    forecast_prog_doctorate: Some(split[2]),
                    forecast_prog_daeu: Some(split[3]),
                    forecast_prog_bts: Some(split[4]),
                    forecast_prog_other_public: Some(split[5]),
                    forecast_prog_private: Some(split[6]),
                    final_outcome_success: previous[i].map(|o| o[0]),
                    final_outcome_dropout: previous[i].map(|o| o[1]),
                    final_outcome_reorientation: previous[i].map(|o| o[2]),
                    final_outcome_failure: previous[i].map(|o| o[3]),
                    final_outcome_pending: previous[i].map(|o| o[4]),
                },
            });
            previous[i] = Some(outcomes);
            data.targets.push(target(
                "enrolment",
                TargetScope::Campus(c.id.clone()),
                year,
                true,
                rng.between(15, 40) as f64,
            ));
        }
    }
    data
}
