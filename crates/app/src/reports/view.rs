//! The report as the API shows it: figures, computed indicators against their targets, validation results,
//! dates and timeliness.

use super::context::ReportContext;
use crate::error::FieldError;
use chrono::{DateTime, Utc};
use pilotage_domain::indicators::{wilson_interval, Unit, INDICATORS};
use pilotage_domain::submission::TargetCheck;
use pilotage_domain::target::applicable;
use pilotage_domain::validation::validate;
use pilotage_domain::{
    AcademicYear, CampusId, Direction, Gap, GapStatus, IndicatorGrid, Narrative, Progress,
    ReportStatus, TargetScope, Timeliness,
};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TargetView {
    pub direction: Direction,
    pub value: f64,
    /// Where the target comes from: the campus's own, its région's or the nation's.
    pub scope: TargetScope,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorView {
    pub name: String,
    /// French label.
    pub label: String,
    pub unit: Unit,
    /// `null` when undefined (a missing field or a zero denominator).
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// 95 % Wilson score interval, in percent, for shares of students.
    pub confidence_interval: Option<[f64; 2]>,
    pub target: Option<TargetView>,
    pub gap: Option<Gap>,
    /// The indicator misses its target: the report needs a gap explanation for it.
    pub explanation_required: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ValidationView {
    /// No error: the report can be submitted (gap explanations aside).
    pub submittable: bool,
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
    /// Grid fields not filled in yet.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportView {
    pub campus_id: CampusId,
    pub campus_name: String,
    pub academic_year: AcademicYear,
    pub status: ReportStatus,
    /// `false` for a report not started yet (shown empty, version 0).
    pub exists: bool,
    /// The indicator grid; money in integer cents.
    pub grid: IndicatorGrid,
    pub narrative: Narrative,
    pub gap_explanations: BTreeMap<String, String>,
    pub indicators: Vec<IndicatorView>,
    pub validation: ValidationView,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_comment: Option<String>,
    /// The deadline that applies to this campus (its lock exception if any).
    pub deadline: DateTime<Utc>,
    /// After this date the coordinator can no longer edit.
    pub closing_date: DateTime<Utc>,
    /// When the closing job locked this unsent report (lifted by a lock exception).
    pub locked_at: Option<DateTime<Utc>>,
    pub timeliness: Timeliness,
    /// Submitted after the deadline, or not submitted and the deadline has passed.
    pub late: bool,
    /// Where the campus stands: `upcoming`, `in_progress`, `late`, `missing` (the year's reporting closed
    /// without it), `on_time` or `submitted_late`.
    pub progress: Progress,
    /// The coordinator may still change the figures.
    pub editable: bool,
    /// Also sent as the `ETag` header; send it back in `If-Match`.
    pub version: i64,
    pub updated_at: Option<DateTime<Utc>>,
}

impl ReportView {
    pub fn build(ctx: &ReportContext, now: DateTime<Utc>) -> Self {
        let empty = IndicatorGrid::default();
        let report = ctx.report.as_ref();
        let grid = report.map_or(&empty, |r| &r.grid);
        let indicators = indicators(ctx, grid);
        let status = report.map_or(ReportStatus::Draft, |r| r.status);
        let submitted_at = report.and_then(|r| r.submitted_at);
        let timeliness = Timeliness::of(submitted_at, ctx.window.deadline, now);
        Self {
            campus_id: ctx.campus.id.clone(),
            campus_name: ctx.campus.name.clone(),
            academic_year: ctx.year,
            status,
            exists: report.is_some(),
            grid: grid.clone(),
            narrative: report.map(|r| r.narrative.clone()).unwrap_or_default(),
            gap_explanations: report
                .map(|r| r.gap_explanations.clone())
                .unwrap_or_default(),
            indicators,
            validation: validation(grid),
            submitted_at,
            reviewed_at: report.and_then(|r| r.reviewed_at),
            review_comment: report.and_then(|r| r.review_comment.clone()),
            deadline: ctx.window.deadline,
            closing_date: ctx.window.closing,
            locked_at: ctx.window.locked_at,
            timeliness,
            late: timeliness.is_late(),
            progress: Progress::of(
                report.is_some(),
                submitted_at,
                ctx.window.deadline,
                ctx.window.closing,
                now,
            ),
            editable: status.is_editable() && ctx.ensure_open(now).is_ok(),
            version: report.map_or(0, |r| r.version),
            updated_at: report.map(|r| r.updated_at),
        }
    }
}

fn indicators(ctx: &ReportContext, grid: &IndicatorGrid) -> Vec<IndicatorView> {
    INDICATORS
        .iter()
        .map(|ind| {
            let computed = ind.compute(grid);
            let interval = match (ind.proportion, computed.numerator, computed.denominator) {
                (true, Some(n), Some(d)) => wilson_interval(n, d).map(|(lo, hi)| [lo, hi]),
                _ => None,
            };
            let target = applicable(
                &ctx.targets,
                ind.name,
                ctx.year,
                &ctx.campus.id,
                ctx.campus.region_code,
            );
            let gap = target.map(|t| t.gap(computed.value));
            IndicatorView {
                name: ind.name.to_owned(),
                label: ind.label.to_owned(),
                unit: ind.unit,
                value: computed.value,
                numerator: computed.numerator,
                denominator: computed.denominator,
                confidence_interval: interval,
                target: target.map(|t| TargetView {
                    direction: t.direction,
                    value: t.value,
                    scope: t.scope.clone(),
                }),
                explanation_required: gap.is_some_and(|g| g.status == GapStatus::Missed),
                gap,
            }
        })
        .collect()
}

fn validation(grid: &IndicatorGrid) -> ValidationView {
    let report = validate(grid);
    let collect = |issues: Vec<&pilotage_domain::ValidationIssue>| {
        issues
            .into_iter()
            .flat_map(|i| FieldError::from_issue("grid.", i))
            .collect::<Vec<_>>()
    };
    ValidationView {
        submittable: report.is_submittable(),
        errors: collect(report.errors().collect()),
        warnings: collect(report.warnings().collect()),
        missing: report.missing.iter().map(|m| (*m).to_owned()).collect(),
    }
}

/// The report's indicators against their targets, as the submission rule reads them.
pub fn target_checks(view: &ReportView) -> impl Iterator<Item = TargetCheck<'_>> {
    view.indicators.iter().map(|i| TargetCheck {
        indicator: &i.name,
        label: &i.label,
        missed: i.explanation_required,
    })
}
