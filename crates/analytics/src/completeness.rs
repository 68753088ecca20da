//! Completeness and timeliness of a year, for the nation and each région: expected reports (active campuses under
//! convention), and how many are à venir, en cours, en retard, manquants, handed in on time or late — the domain's
//! `Progress` of each campus, from submission times, deadlines (lock exceptions included) and the closing date, not
//! from a flag; the same for flash surveys; and the follow-up list of what is past its deadline.

use crate::dataset::{Dataset, Deadlines};
use crate::error::Result;
use crate::values::{f64s, strings};
use chrono::{DateTime, Utc};
use pilotage_domain::deadline::last_instant;
use pilotage_domain::{AcademicYear, CampusId, DeadlineKind, Progress, RegionCode};
use polars::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Counts for one kind (annual report or flash survey) and one scope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CompletenessCount {
    pub expected: u32,
    pub submitted: u32,
    pub on_time: u32,
    /// Handed in after the deadline.
    pub late: u32,
    /// Expected and not handed in (whether or not the deadline has passed): `upcoming + in_progress + overdue`.
    pub missing: u32,
    /// Not handed in and past the deadline: « en retard » while the year is open, « manquant » after
    /// (`unsent_after_closing`).
    pub overdue: u32,
    /// Not due yet and nothing saved (« à venir »).
    pub upcoming: u32,
    /// Not due yet, a draft saved (« en cours »).
    pub in_progress: u32,
    /// Not handed in and the year's reporting closed (« manquant »), part of `overdue`.
    pub unsent_after_closing: u32,
    /// Some expected documents may still come in (à venir, en cours or en retard): the year's figures are
    /// provisional.
    pub provisional: bool,
}

impl CompletenessCount {
    /// The count of expected documents in `progress`.
    pub fn of(&self, progress: Progress) -> u32 {
        match progress {
            Progress::Upcoming => self.upcoming,
            Progress::InProgress => self.in_progress,
            Progress::Late => self.overdue - self.unsent_after_closing,
            Progress::Missing => self.unsent_after_closing,
            Progress::OnTime => self.on_time,
            Progress::SubmittedLate => self.late,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeCompleteness {
    /// `national` or `region:CODE`.
    pub scope: String,
    pub annual_reports: CompletenessCount,
    pub flash_surveys: CompletenessCount,
}

/// A campus to follow up: its document is past its deadline, handed in late or not at all (a document not yet due
/// is not followed up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub campus_id: CampusId,
    pub campus_name: String,
    pub region_code: RegionCode,
    /// `annual_report` or `flash_survey`.
    pub kind: DeadlineKind,
    /// `submitted_late`, `late` (not handed in, still open) or `missing` (not handed in, reporting closed).
    pub state: Progress,
    pub deadline: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    pub academic_year: AcademicYear,
    pub scopes: Vec<ScopeCompleteness>,
    pub follow_up: Vec<FollowUp>,
}

impl Completeness {
    /// The annual reports' counts of `scope` (`national`, `region:CODE`) while its figures are provisional.
    pub fn provisional(&self, scope: &str) -> Option<&CompletenessCount> {
        self.scopes
            .iter()
            .find(|s| s.scope == scope)
            .map(|s| &s.annual_reports)
            .filter(|c| c.provisional)
    }
}

/// Whether a campus is expected to report for `year`: active, open by then, and its convention not ended.
pub fn expected(campus: &pilotage_domain::Campus, year: AcademicYear) -> bool {
    campus.expected_to_report(year)
}

/// Counts per scope (national, then each région) from a frame of expected campuses with the progress of their
/// document in column `progress`.
fn counts(frame: &DataFrame, progress: &str) -> Result<Vec<(Option<String>, CompletenessCount)>> {
    let is = |p: Progress| {
        col(progress)
            .eq(lit(p.as_str()))
            .cast(DataType::UInt32)
            .sum()
            .alias(p.as_str())
    };
    let stats = |lf: LazyFrame| {
        let mut aggs = vec![len().cast(DataType::UInt32).alias("expected")];
        aggs.extend(Progress::ALL.map(is));
        lf.group_by([col("region")]).agg(aggs)
    };
    let lf = frame.clone().lazy();
    let national = stats(
        lf.clone()
            .with_column(lit(NULL).cast(DataType::String).alias("region")),
    );
    let mut order = vec![col("region"), col("expected")];
    order.extend(Progress::ALL.map(|p| col(p.as_str())));
    let (national, regional) = (national.select(order.clone()), stats(lf).select(order));
    let df = concat([national, regional], UnionArgs::default())?.collect()?;
    let regions = strings(&df, "region")?;
    let expected = f64s(&df, "expected")?;
    let by = Progress::ALL
        .iter()
        .map(|p| Ok((*p, f64s(&df, p.as_str())?)))
        .collect::<Result<HashMap<_, _>>>()?;
    let n = |v: Option<f64>| v.map_or(0, |x| x as u32);
    Ok((0..df.height())
        .map(|i| {
            let of = |p: Progress| by.get(&p).map_or(0, |v| n(v[i]));
            let (late, missing) = (of(Progress::Late), of(Progress::Missing));
            let (upcoming, in_progress) = (of(Progress::Upcoming), of(Progress::InProgress));
            let count = CompletenessCount {
                expected: n(expected[i]),
                submitted: of(Progress::OnTime) + of(Progress::SubmittedLate),
                on_time: of(Progress::OnTime),
                late: of(Progress::SubmittedLate),
                missing: upcoming + in_progress + late + missing,
                overdue: late + missing,
                upcoming,
                in_progress,
                unsent_after_closing: missing,
                provisional: upcoming + in_progress + late > 0,
            };
            (regions[i].clone(), count)
        })
        .collect())
}

/// Where every expected campus stands with its annual report and its flash survey of `year` at `now`, campus by
/// campus in the dataset's order (the report first).
pub fn progress(data: &Dataset, year: AcademicYear, now: DateTime<Utc>) -> Result<Vec<FollowUp>> {
    // The first report and survey of each campus for the year, as a linear search would find them: whether one
    // exists (a draft is « en cours ») and when it was first handed in.
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
    let deadlines = Deadlines::of(data, year);
    let mut rows = Vec::new();
    for c in data.campuses.iter().filter(|c| expected(c, year)) {
        for (kind, first) in [
            (DeadlineKind::AnnualReport, reports.get(&c.id)),
            (DeadlineKind::FlashSurvey, surveys.get(&c.id)),
        ] {
            let submitted_at = first.copied().flatten();
            let deadline = last_instant(deadlines.due(&c.id, kind));
            let closing = last_instant(deadlines.closing(&c.id, kind));
            rows.push(FollowUp {
                campus_id: c.id.clone(),
                campus_name: c.name.clone(),
                region_code: c.region_code,
                kind,
                state: Progress::of(first.is_some(), submitted_at, deadline, closing, now),
                deadline,
                submitted_at,
            });
        }
    }
    Ok(rows)
}

pub fn completeness(
    data: &Dataset,
    year: AcademicYear,
    now: DateTime<Utc>,
) -> Result<Completeness> {
    let rows = progress(data, year, now)?;
    let of = |kind: DeadlineKind| {
        rows.iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.state.as_str())
            .collect::<Vec<_>>()
    };
    let reports = of(DeadlineKind::AnnualReport);
    let frame = DataFrame::new(
        reports.len(),
        vec![
            Column::new(
                "region".into(),
                rows.iter()
                    .filter(|r| r.kind == DeadlineKind::AnnualReport)
                    .map(|r| r.region_code.to_string())
                    .collect::<Vec<_>>(),
            ),
            Column::new("report".into(), reports),
            Column::new("survey".into(), of(DeadlineKind::FlashSurvey)),
        ],
    )?;
    let reports = counts(&frame, "report")?;
    let surveys = counts(&frame, "survey")?;
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
    let mut follow_up: Vec<FollowUp> = rows
        .into_iter()
        .filter(|r| r.state.needs_follow_up())
        .collect();
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
