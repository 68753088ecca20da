//! The figures of each kind of panel, taken from the statistics of the network for the dashboard's context, as
//! the chart that draws them.

use super::context::{short, unit, Context};
use super::drawing::Panel;
use crate::bar_chart::{BarChart, BarItem, BarReference};
use crate::canvas::ChartError;
use crate::dashboard_spec::{PanelKind, PanelSpec, Submissions, Tile as TileKind};
use crate::diverging_chart::{DivergingChart, GapItem};
use crate::funnel_chart::{FunnelChart, FunnelPoint};
use crate::map_chart::{MapChart, MapPoint, MapStatus};
use crate::scorecard_chart::{Criterion, CriterionStatus, ScorecardChart};
use crate::series_chart::{SeriesChart, SeriesLine};
use crate::stacked_chart::{StackedChart, StackedRow};
use crate::tiles::{Tile, Tiles};
use crate::units::Unit;
use pilotage_analytics::{completeness, gap_analysis, scorecard, series, CampusValue, Scope};
use pilotage_domain::criteria::CriterionStatus as Status;
use pilotage_domain::indicators::{indicator, Indicator};
use pilotage_domain::{AcademicYear, DeadlineKind, Progress, Region};

/// Bars shown before « Autres ».
const MAX_BARS: usize = 20;

fn tiles(ctx: &Context<'_>, spec: &PanelSpec) -> Panel {
    let campuses = ctx
        .data
        .campuses
        .iter()
        .filter(|c| ctx.in_scope(&c.id))
        .count() as f64;
    let value = |name: &str| ctx.aggregate(&ctx.scope, name).and_then(|a| a.value);
    let completeness_rate = completeness(ctx.data, ctx.year, ctx.now)
        .ok()
        .and_then(|c| {
            let key = match &ctx.scope {
                Scope::Region(r) => format!("region:{r}"),
                _ => "national".to_owned(),
            };
            let s = c.scopes.into_iter().find(|s| s.scope == key)?;
            (s.annual_reports.expected > 0).then(|| {
                f64::from(s.annual_reports.submitted) / f64::from(s.annual_reports.expected) * 100.0
            })
        });
    let tiles = spec
        .tiles
        .iter()
        .map(|t| match t {
            TileKind::Campuses => Tile {
                value: Some(campuses),
                unit: Unit::Count,
                label: "campus".into(),
            },
            TileKind::Students => Tile {
                value: value("enrolment"),
                unit: Unit::Count,
                label: "étudiants accueillis".into(),
            },
            TileKind::SuccessRate => Tile {
                value: value("success_rate"),
                unit: Unit::Percent,
                label: "de réussite".into(),
            },
            TileKind::CostPerStudent => Tile {
                value: value("cost_per_student"),
                unit: Unit::Euros,
                label: "par étudiant".into(),
            },
            TileKind::Completeness => Tile {
                value: completeness_rate,
                unit: Unit::Percent,
                label: "des rapports reçus".into(),
            },
        })
        .collect();
    Panel::Tiles(Tiles {
        title: format!("{} — {}", spec.title, ctx.year),
        tiles,
        footer: ctx.footer.clone(),
    })
}

fn series_panel(
    ctx: &Context<'_>,
    spec: &PanelSpec,
    ind: &'static Indicator,
) -> Result<Panel, ChartError> {
    let fail = ChartError::from_display;
    let mut own = series(ctx.data, ind.name, &ctx.scope, None, Some(ctx.year)).map_err(fail)?;
    let mut national = if ctx.scope == Scope::Nation {
        Vec::new()
    } else {
        series(ctx.data, ind.name, &Scope::Nation, None, Some(ctx.year)).map_err(fail)?
    };
    for (points, scope) in [(&mut own, &ctx.scope), (&mut national, &Scope::Nation)] {
        for p in points.iter_mut() {
            if (ctx.withheld)(ind.name, scope, p.academic_year) {
                p.value = None;
            }
        }
    }
    let mut years: Vec<AcademicYear> = own
        .iter()
        .chain(&national)
        .map(|p| p.academic_year)
        .collect();
    years.sort();
    years.dedup();
    let at = |points: &[pilotage_analytics::SeriesPoint],
              f: &dyn Fn(&pilotage_analytics::SeriesPoint) -> Option<f64>|
     -> Vec<Option<f64>> {
        years
            .iter()
            .map(|y| points.iter().find(|p| p.academic_year == *y).and_then(f))
            .collect()
    };
    let targets = at(&own, &|p| p.target.as_ref().map(|t| t.value));
    Ok(Panel::Series(SeriesChart {
        title: format!("{} — {}", spec.title, short(&ctx.scope_name)),
        y_label: ind.label.to_owned(),
        unit: unit(ind),
        years: years.iter().map(ToString::to_string).collect(),
        scope: SeriesLine {
            name: short(&ctx.scope_name),
            values: at(&own, &|p| p.value),
        },
        national: (!national.is_empty()).then(|| SeriesLine {
            name: "National".into(),
            values: at(&national, &|p| p.value),
        }),
        target: targets.iter().any(Option::is_some).then(|| SeriesLine {
            name: "Cible".into(),
            values: targets,
        }),
        footer: ctx.footer.clone(),
    }))
}

fn regions_panel(ctx: &Context<'_>, spec: &PanelSpec, ind: &'static Indicator) -> Panel {
    let items = Region::ALL
        .iter()
        .filter_map(|r| {
            let value = ctx.aggregate(&Scope::Region(r.code), ind.name)?.value?;
            Some(BarItem {
                label: r.name.to_owned(),
                value,
            })
        })
        .collect();
    let reference = ctx
        .aggregate(&Scope::Nation, ind.name)
        .and_then(|a| a.value)
        .map(|value| BarReference {
            label: "national".into(),
            value,
        });
    Panel::Bars(BarChart {
        title: format!("{} — {}", spec.title, ctx.year),
        x_label: ind.label.to_owned(),
        unit: unit(ind),
        items,
        reference,
        max_bars: MAX_BARS,
        others: None,
        footer: ctx.footer.clone(),
    })
}

fn campuses_panel(ctx: &Context<'_>, spec: &PanelSpec, ind: &'static Indicator) -> Panel {
    let mut values: Vec<&CampusValue> = ctx
        .values
        .iter()
        .filter(|v| {
            v.academic_year == ctx.year && v.indicator == ind.name && ctx.in_scope(&v.campus_id)
        })
        .collect();
    values.sort_by(|a, b| {
        b.value
            .unwrap_or(f64::MIN)
            .total_cmp(&a.value.unwrap_or(f64::MIN))
    });
    // « Autres » pools the campuses beyond the first bars, as the scope's own figure pools them all.
    let rest: Vec<_> = values.iter().skip(MAX_BARS).collect();
    let sum = |f: fn(&CampusValue) -> Option<f64>| rest.iter().map(|v| f(v)).sum::<Option<f64>>();
    let others = (!rest.is_empty())
        .then(|| {
            ind.from_sums(
                sum(|v| v.numerator),
                ind.denominator.and(sum(|v| v.denominator)),
            )
            .value
        })
        .flatten();
    let items = values
        .iter()
        .filter_map(|v| {
            Some(BarItem {
                label: ctx.campus_name(&v.campus_id),
                value: v.value?,
            })
        })
        .collect();
    let reference = ctx
        .aggregate(&ctx.scope, ind.name)
        .and_then(|a| a.value)
        .map(|value| BarReference {
            label: short(&ctx.scope_name),
            value,
        });
    Panel::Bars(BarChart {
        title: format!("{} — {}", spec.title, ctx.year),
        x_label: ind.label.to_owned(),
        unit: unit(ind),
        items,
        reference,
        max_bars: MAX_BARS,
        others,
        footer: ctx.footer.clone(),
    })
}

fn funnel_panel(ctx: &Context<'_>, spec: &PanelSpec, ind: &'static Indicator) -> Panel {
    let points = ctx
        .values
        .iter()
        .filter(|v| {
            v.academic_year == ctx.year && v.indicator == ind.name && ctx.in_scope(&v.campus_id)
        })
        .filter_map(|v| {
            Some(FunnelPoint {
                label: ctx.campus_name(&v.campus_id),
                n: v.denominator?,
                rate: v.value?,
            })
        })
        .collect();
    Panel::Funnel(FunnelChart {
        title: format!("{} — {}", spec.title, ctx.year),
        x_label: "Étudiants (dénominateur)".into(),
        y_label: ind.label.to_owned(),
        p0: ctx
            .aggregate(&Scope::Nation, ind.name)
            .and_then(|a| a.value),
        points,
        footer: ctx.footer.clone(),
    })
}

fn map_panel(ctx: &Context<'_>, spec: &PanelSpec) -> Result<Panel, ChartError> {
    let progress = pilotage_analytics::progress(ctx.data, ctx.year, ctx.now)
        .map_err(ChartError::from_display)?;
    let points = ctx
        .data
        .campuses
        .iter()
        .filter(|c| ctx.in_scope(&c.id) && pilotage_analytics::expected(c, ctx.year))
        .map(|c| {
            let state = progress
                .iter()
                .find(|f| f.campus_id == c.id && f.kind == DeadlineKind::AnnualReport)
                .map(|f| f.state);
            let status = match state {
                Some(Progress::OnTime) => MapStatus::OnTime,
                Some(Progress::SubmittedLate | Progress::Late) => MapStatus::Late,
                Some(Progress::Missing) => MapStatus::Missing,
                Some(Progress::Upcoming | Progress::InProgress) | None => MapStatus::NotDue,
            };
            MapPoint {
                label: short(&c.name),
                lon: c.longitude,
                lat: c.latitude,
                status,
            }
        })
        .collect();
    Ok(Panel::Map(MapChart {
        title: format!("{} — {}", spec.title, ctx.year),
        points,
        footer: ctx.footer.clone(),
    }))
}

/// A campus against its target as the gaps chart reads it: a negative gap is a shortfall. For an « at most »
/// target (students per tutor ≤ 20) the value is mirrored around the target, so that exceeding it reads as a
/// shortfall of the same size.
fn gap_item(label: String, entry: &pilotage_analytics::GapEntry) -> Option<GapItem> {
    let actual = entry.gap.actual?;
    let target = entry.target.value;
    let value = match entry.target.direction {
        pilotage_domain::Direction::AtLeast => actual,
        pilotage_domain::Direction::AtMost => 2.0 * target - actual,
    };
    Some(GapItem {
        label,
        value,
        target,
    })
}

fn gaps_panel(ctx: &Context<'_>, spec: &PanelSpec) -> Result<Panel, ChartError> {
    let gaps = gap_analysis(ctx.data, ctx.year).map_err(ChartError::from_display)?;
    let (items, ind) = match (&ctx.scope, spec.indicator.as_deref().and_then(indicator)) {
        // One campus: each indicator against its target.
        (Scope::Campus(_), _) => {
            let items = gaps
                .iter()
                .flat_map(|g| {
                    g.campuses
                        .iter()
                        .filter(|e| {
                            e.scope == ctx.scope && !(ctx.withheld)(g.indicator, &e.scope, ctx.year)
                        })
                        .map(move |e| (g.label, e))
                })
                .filter_map(|(label, e)| gap_item(label.to_owned(), e))
                .collect();
            (items, None)
        }
        (_, Some(ind)) => {
            let items = gaps
                .iter()
                .filter(|g| g.indicator == ind.name)
                .flat_map(|g| g.campuses.iter())
                .filter_map(|e| match &e.scope {
                    Scope::Campus(c)
                        if ctx.in_scope(c) && !(ctx.withheld)(ind.name, &e.scope, ctx.year) =>
                    {
                        gap_item(ctx.campus_name(c), e)
                    }
                    _ => None,
                })
                .collect();
            (items, Some(ind))
        }
        (_, None) => (Vec::new(), None),
    };
    Ok(Panel::Gaps(DivergingChart {
        title: format!("{} — {}", spec.title, ctx.year),
        x_label: ind.map_or_else(
            || "Écart à la cible".to_owned(),
            |i| format!("Écart à la cible — {}", i.label),
        ),
        unit: ind.map_or(Unit::Ratio, unit),
        items,
        max_bars: MAX_BARS,
        footer: ctx.footer.clone(),
    }))
}

fn completeness_panel(ctx: &Context<'_>, spec: &PanelSpec) -> Result<Panel, ChartError> {
    let state = completeness(ctx.data, ctx.year, ctx.now).map_err(ChartError::from_display)?;
    let rows = state
        .scopes
        .iter()
        .filter_map(|s| {
            let code: pilotage_domain::RegionCode =
                s.scope.strip_prefix("region:")?.parse().ok()?;
            let counts = match spec.what {
                Some(Submissions::FlashSurveys) => &s.flash_surveys,
                _ => &s.annual_reports,
            };
            Some(StackedRow {
                label: code.name().to_owned(),
                values: vec![
                    f64::from(counts.on_time),
                    f64::from(counts.late),
                    f64::from(counts.missing),
                ],
            })
        })
        .collect();
    Ok(Panel::Stacked(StackedChart {
        title: format!("{} — {}", spec.title, ctx.year),
        x_label: "Campus attendus".into(),
        segments: vec!["à temps".into(), "en retard".into(), "manquant".into()],
        rows,
        footer: ctx.footer.clone(),
    }))
}

fn scorecard_panel(ctx: &Context<'_>, spec: &PanelSpec) -> Result<Panel, ChartError> {
    let summary = scorecard(ctx.data, ctx.year).map_err(ChartError::from_display)?;
    let card = summary
        .scorecards
        .into_iter()
        .find(|s| Scope::Campus(s.campus_id.clone()) == ctx.scope);
    let criteria = card
        .map(|c| c.criteria)
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let measured = pilotage_domain::criteria::BRAND_CRITERIA
                .iter()
                .find(|b| b.name == c.criterion)
                .and_then(|b| match b.measure {
                    pilotage_domain::criteria::Measure::Indicator(name) => Some(name),
                    _ => None,
                });
            let hidden = measured.is_some_and(|name| (ctx.withheld)(name, &ctx.scope, ctx.year));
            (c, hidden)
        })
        .map(|(c, hidden)| Criterion {
            label: c.label.to_owned(),
            status: match c.status {
                Status::Met => CriterionStatus::Met,
                Status::NotMet => CriterionStatus::NotMet,
                Status::Unknown => CriterionStatus::Unknown,
            },
            figure: c
                .figure
                .filter(|_| !hidden)
                .map(|f| pilotage_domain::french::number(f, 1))
                .unwrap_or_else(|| "—".into()),
        })
        .collect();
    Ok(Panel::Scorecard(ScorecardChart {
        title: format!("{} — {}", spec.title, ctx.year),
        criteria,
        footer: ctx.footer.clone(),
    }))
}

pub(super) fn panel(ctx: &Context<'_>, spec: &PanelSpec) -> Result<Panel, ChartError> {
    let ind = spec.indicator.as_deref().and_then(indicator);
    Ok(match (spec.kind, ind) {
        (PanelKind::Tiles, _) => tiles(ctx, spec),
        (PanelKind::Series, Some(ind)) => series_panel(ctx, spec, ind)?,
        (PanelKind::Regions, Some(ind)) => regions_panel(ctx, spec, ind),
        (PanelKind::Campuses, Some(ind)) => campuses_panel(ctx, spec, ind),
        (PanelKind::Funnel, Some(ind)) => funnel_panel(ctx, spec, ind),
        (PanelKind::Map, _) => map_panel(ctx, spec)?,
        (PanelKind::Gaps, _) => gaps_panel(ctx, spec)?,
        (PanelKind::Completeness, _) => completeness_panel(ctx, spec)?,
        (PanelKind::Scorecard, _) => scorecard_panel(ctx, spec)?,
        // The spec's check guarantees an indicator for these kinds.
        (_, None) => {
            return Err(ChartError(format!(
                "panneau « {} » sans indicateur",
                spec.title
            )))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pilotage_domain::{Direction, Gap, Target, TargetScope};

    fn entry(direction: Direction, target: f64, actual: f64) -> pilotage_analytics::GapEntry {
        pilotage_analytics::GapEntry {
            scope: Scope::Nation,
            target: Target {
                indicator: "students_per_tutor".into(),
                scope: TargetScope::Nation,
                academic_year: "2025-2026".parse().unwrap(),
                direction,
                value: target,
            },
            gap: Gap::of(Some(actual), target, direction),
        }
    }

    #[test]
    fn exceeding_an_at_most_target_reads_as_a_shortfall() {
        assert_eq!(
            gap_item("a".into(), &entry(Direction::AtMost, 20.0, 23.0))
                .unwrap()
                .gap(),
            -3.0
        );
        assert_eq!(
            gap_item("b".into(), &entry(Direction::AtMost, 20.0, 12.0))
                .unwrap()
                .gap(),
            8.0
        );
        assert_eq!(
            gap_item("c".into(), &entry(Direction::AtLeast, 80.0, 75.0))
                .unwrap()
                .gap(),
            -5.0
        );
    }
}
