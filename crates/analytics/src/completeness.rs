//! Completeness and timeliness of a year, for the nation and each région: expected reports (active campuses under
//! convention), submitted, on time, late, missing — from submission times and deadlines (lock exceptions
//! included), not from a flag; the same for flash surveys; and the follow-up list of late and missing campuses.

use crate::dataset::{Dataset, Deadlines};
use crate::error::Result;
use crate::values::{f64s, strings};
use chrono::{DateTime, Utc};
use pilotage_domain::deadline::last_instant;
use pilotage_domain::{AcademicYear, CampusId, DeadlineKind, RegionCode};
use polars::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Counts for one kind (annual report or flash survey) and one scope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CompletenessCount {
    pub expected: u32,
    pub submitted: u32,
    pub on_time: u32,
    pub late: u32,
    /// Expected and not submitted (whether or not the deadline has passed).
    pub missing: u32,
    /// Missing and past the deadline.
    pub overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeCompleteness {
    /// `national` or `region:CODE`.
    pub scope: String,
    pub annual_reports: CompletenessCount,
    pub flash_surveys: CompletenessCount,
}

/// A campus to follow up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub campus_id: CampusId,
    pub campus_name: String,
    pub region_code: RegionCode,
    /// `annual_report` or `flash_survey`.
    pub kind: DeadlineKind,
    /// `late` (submitted after the deadline), `overdue` (not submitted, deadline passed) or `missing` (not yet due).
    pub state: &'static str,
    pub deadline: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub academic_year: AcademicYear,
    pub scopes: Vec<ScopeCompleteness>,
    pub follow_up: Vec<FollowUp>,
}

/// Whether a campus is expected to report for `year`: active, open by then, and its convention not ended.
pub fn expected(campus: &pilotage_domain::Campus, year: AcademicYear) -> bool {
    campus.expected_to_report(year)
}

fn millis(at: Option<DateTime<Utc>>) -> Option<f64> {
    at.map(|t| t.timestamp_millis() as f64)
}

/// Counts per scope from a frame of expected campuses with their submission times and deadlines.
fn counts(
    frame: &DataFrame,
    now: DateTime<Utc>,
    submitted: &str,
    due: &str,
) -> Result<Vec<(Option<String>, CompletenessCount)>> {
    let now = lit(now.timestamp_millis() as f64);
    let is_submitted = col(submitted).is_not_null();
    let stats = |lf: LazyFrame, keys: Vec<Expr>| {
        lf.group_by(keys).agg([
            col(submitted).count().alias("submitted"),
            len().alias("expected"),
            is_submitted
                .clone()
                .and(col(submitted).lt_eq(col(due)))
                .cast(DataType::UInt32)
                .sum()
                .alias("on_time"),
            is_submitted
                .clone()
                .and(col(submitted).gt(col(due)))
                .cast(DataType::UInt32)
                .sum()
                .alias("late"),
            is_submitted
                .clone()
                .not()
                .cast(DataType::UInt32)
                .sum()
                .alias("missing"),
            is_submitted
                .clone()
                .not()
                .and(now.clone().gt(col(due)))
                .cast(DataType::UInt32)
                .sum()
                .alias("overdue"),
        ])
    };
    let lf = frame.clone().lazy();
    let national = stats(
        lf.clone()
            .with_column(lit(NULL).cast(DataType::String).alias("region")),
        vec![col("region")],
    );
    let regional = stats(lf, vec![col("region")]);
    let order = [
        "region",
        "submitted",
        "expected",
        "on_time",
        "late",
        "missing",
        "overdue",
    ]
    .map(col);
    let (national, regional) = (national.select(order.clone()), regional.select(order));
    let df = concat([national, regional], UnionArgs::default())?.collect()?;
    let regions = strings(&df, "region")?;
    let get = |n: &str| f64s(&df, n);
    let (exp, sub, on, late, miss, over) = (
        get("expected")?,
        get("submitted")?,
        get("on_time")?,
        get("late")?,
        get("missing")?,
        get("overdue")?,
    );
    let n = |v: Option<f64>| v.map_or(0, |x| x as u32);
    Ok((0..df.height())
        .map(|i| {
            let count = CompletenessCount {
                expected: n(exp[i]),
                submitted: n(sub[i]),
                on_time: n(on[i]),
                late: n(late[i]),
                missing: n(miss[i]),
                overdue: n(over[i]),
            };
            (regions[i].clone(), count)
        })
        .collect())
}

pub fn completeness(
    data: &Dataset,
    year: AcademicYear,
    now: DateTime<Utc>,
) -> Result<Completeness> {
    let campuses: Vec<_> = data.campuses.iter().filter(|c| expected(c, year)).collect();
    // The first report and survey of each campus for the year, as a linear search would find them.
    let mut reports: HashMap<&CampusId, Option<DateTime<Utc>>> = HashMap::new();
    for r in data.reports.iter().filter(|r| r.academic_year == year) {
        reports.entry(&r.campus_id).or_insert(r.submitted_at);
    }
    let mut surveys: HashMap<&CampusId, Option<DateTime<Utc>>> = HashMap::new();
    for s in data
        .flash_surveys
        .iter()
        .filter(|s| s.academic_year == year)
    {
        surveys.entry(&s.campus_id).or_insert(s.submitted_at);
    }
    let report_at = |c: &CampusId| reports.get(c).copied().flatten();
    let survey_at = |c: &CampusId| surveys.get(c).copied().flatten();
    let deadlines = Deadlines::of(data, year);
    let frame = DataFrame::new(
        campuses.len(),
        vec![
            Column::new(
                "region".into(),
                campuses
                    .iter()
                    .map(|c| c.region_code.to_string())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "report_at".into(),
                campuses
                    .iter()
                    .map(|c| millis(report_at(&c.id)))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "report_due".into(),
                campuses
                    .iter()
                    .map(|c| {
                        millis(Some(last_instant(
                            deadlines.due(&c.id, DeadlineKind::AnnualReport),
                        )))
                    })
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "survey_at".into(),
                campuses
                    .iter()
                    .map(|c| millis(survey_at(&c.id)))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "survey_due".into(),
                campuses
                    .iter()
                    .map(|c| {
                        millis(Some(last_instant(
                            deadlines.due(&c.id, DeadlineKind::FlashSurvey),
                        )))
                    })
                    .collect::<Vec<_>>(),
            ),
        ],
    )?;
    let reports = counts(&frame, now, "report_at", "report_due")?;
    let surveys = counts(&frame, now, "survey_at", "survey_due")?;
    let mut scopes: Vec<ScopeCompleteness> = reports
        .into_iter()
        .map(|(region, annual_reports)| {
            let flash_surveys = surveys
                .iter()
                .find(|(r, _)| *r == region)
                .map(|(_, c)| c.clone())
                .unwrap_or_default();
            let scope = region.map_or_else(|| "national".to_owned(), |r| format!("region:{r}"));
            ScopeCompleteness {
                scope,
                annual_reports,
                flash_surveys,
            }
        })
        .collect();
    scopes
        .sort_by(|a, b| (a.scope != "national", &a.scope).cmp(&(b.scope != "national", &b.scope)));
    if !scopes.iter().any(|s| s.scope == "national") {
        scopes.insert(
            0,
            ScopeCompleteness {
                scope: "national".into(),
                annual_reports: Default::default(),
                flash_surveys: Default::default(),
            },
        );
    }
    let mut follow_up = Vec::new();
    for c in &campuses {
        for (kind, at) in [
            (DeadlineKind::AnnualReport, report_at(&c.id)),
            (DeadlineKind::FlashSurvey, survey_at(&c.id)),
        ] {
            let deadline = last_instant(deadlines.due(&c.id, kind));
            let state = match at {
                Some(t) if t > deadline => "late",
                Some(_) => continue,
                None if now > deadline => "overdue",
                None => "missing",
            };
            follow_up.push(FollowUp {
                campus_id: c.id.clone(),
                campus_name: c.name.clone(),
                region_code: c.region_code,
                kind,
                state,
                deadline,
                submitted_at: at,
            });
        }
    }
    follow_up.sort_by(|a, b| {
        (a.region_code, &a.campus_id, a.kind.as_str()).cmp(&(
            b.region_code,
            &b.campus_id,
            b.kind.as_str(),
        ))
    });
    Ok(Completeness {
        academic_year: year,
        scopes,
        follow_up,
    })
}
