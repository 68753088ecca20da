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

/// The national cost per student (training excluded) of the specification: « le coût par étudiant (hors coût de
/// formation) s'élève à 4 850 € ». pilotage-domain sets no target on the cost (the brand criteria and the default
/// targets leave it out), so the cost charts are read against this reference; a stored target is drawn instead
/// when there is one.
pub const SPECIFICATION_COST_PER_STUDENT: f64 = 4_850.0;

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
    let has_target = targets.iter().any(Option::is_some);
    let limit = own.iter().any(|p| {
        p.target
            .as_ref()
            .is_some_and(|t| t.direction == pilotage_domain::Direction::AtMost)
    });
    let reference = (ind.name == "cost_per_student" && !has_target).then(|| {
        (
            "Référence du cahier des charges".to_owned(),
            SPECIFICATION_COST_PER_STUDENT,
        )
    });
    // A total (head counts, meetings) of the nation dwarfs a campus's or a région's: its own scale.
    let national_apart = ind.pooling == pilotage_domain::indicators::Pooling::Sum;
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
            name: if national_apart {
                "Total national".into()
            } else {
                "National".into()
            },
            values: at(&national, &|p| p.value),
        }),
        target: has_target.then(|| SeriesLine {
            name: if limit {
                "Limite".into()
            } else {
                "Cible".into()
            },
            values: targets,
        }),
        national_apart,
        reference,
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
        x_label: crate::funnel_chart::X_LABEL.into(),
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
    let focus = match &ctx.scope {
        Scope::Region(r) => Region::ALL
            .iter()
            .find(|x| x.code == *r)
            .map(|x| x.insee_code.to_owned()),
        _ => None,
    };
    Ok(Panel::Map(MapChart {
        title: format!("{} — {}", spec.title, ctx.year),
        points,
        focus,
        footer: ctx.footer.clone(),
    }))
}

/// A campus (or one of its indicators) against its target, the way the target goes (at least, or at most: a
/// limit) kept from the target itself.
fn gap_item(label: String, unit: Unit, entry: &pilotage_analytics::GapEntry) -> Option<GapItem> {
    Some(GapItem {
        label,
        value: entry.gap.actual?,
        target: entry.target.value,
        direction: entry.target.direction,
        unit,
    })
}

fn gaps_panel(ctx: &Context<'_>, spec: &PanelSpec) -> Result<Panel, ChartError> {
    let gaps = gap_analysis(ctx.data, ctx.year).map_err(ChartError::from_display)?;
    let per_indicator = matches!(ctx.scope, Scope::Campus(_));
    let (items, ind): (Vec<GapItem>, _) =
        match (&ctx.scope, spec.indicator.as_deref().and_then(indicator)) {
            // One campus: each indicator against its target, in its own unit.
            (Scope::Campus(_), _) => {
                let items = gaps
                    .iter()
                    .flat_map(|g| {
                        g.campuses
                            .iter()
                            .filter(|e| {
                                e.scope == ctx.scope
                                    && !(ctx.withheld)(g.indicator, &e.scope, ctx.year)
                            })
                            .map(move |e| (g, e))
                    })
                    .filter_map(|(g, e)| {
                        let u = indicator(g.indicator).map_or(Unit::Ratio, unit);
                        gap_item(g.label.to_owned(), u, e)
                    })
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
                            gap_item(ctx.campus_name(c), unit(ind), e)
                        }
                        _ => None,
                    })
                    .collect();
                (items, Some(ind))
            }
            (_, None) => (Vec::new(), None),
        };
    let all_limits = !items.is_empty()
        && items
            .iter()
            .all(|i| i.direction == pilotage_domain::Direction::AtMost);
    let x_label = match ind {
        None => "Écart à la cible".to_owned(),
        Some(i) => {
            let u = unit(i);
            let in_unit = u.axis_unit().map_or_else(String::new, |w| {
                format!(" ({})", if w == "%" { "points" } else { w })
            });
            if all_limits {
                format!("Dépassement de la limite{in_unit} — {}", i.label)
            } else {
                format!("Écart sous la cible{in_unit} — {}", i.label)
            }
        }
    };
    Ok(Panel::Gaps(DivergingChart {
        title: format!("{} — {}", spec.title, ctx.year),
        x_label,
        unit: ind.map_or(Unit::Ratio, unit),
        items,
        max_bars: MAX_BARS,
        per_indicator,
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
        .collect::<Vec<StackedRow>>();
    // By French name, accents aside: Centre-Val de Loire before Corse, Île-de-France among the I.
    let mut rows = rows;
    rows.sort_by_key(|r| crate::common::collation_key(&r.label));
    Ok(Panel::Stacked(StackedChart {
        title: format!("{} — {}", spec.title, ctx.year),
        x_label: "Campus attendus".into(),
        segments: vec!["à temps".into(), "en retard".into(), "manquant".into()],
        rows,
        footer: ctx.footer.clone(),
    }))
}

/// The figure behind a criterion, in its unit: `24 étudiants`, `18,50 étudiants par tuteur`, `1 réunion`, `0 €`,
/// `85,3 %`; a yes/no fact (partnership, report on time) is « oui » or « non ».
fn criterion_figure(indicator_name: Option<&str>, figure: f64) -> String {
    match indicator_name.and_then(indicator) {
        Some(ind) => unit(ind).format_full(figure),
        None if figure >= 0.5 => "oui".to_owned(),
        None => "non".to_owned(),
    }
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
            let measure = pilotage_domain::criteria::BRAND_CRITERIA
                .iter()
                .find(|b| b.name == c.criterion)
                .map(|b| b.measure);
            let measured = match measure {
                Some(pilotage_domain::criteria::Measure::Indicator(name)) => Some(name),
                _ => None,
            };
            let hidden = measured.is_some_and(|name| (ctx.withheld)(name, &ctx.scope, ctx.year));
            let figure = c
                .figure
                .filter(|_| !hidden)
                .map(|f| criterion_figure(measured, f))
                .unwrap_or_else(|| "—".into());
            Criterion {
                label: c.label.to_owned(),
                status: match c.status {
                    Status::Met => CriterionStatus::Met,
                    Status::NotMet => CriterionStatus::NotMet,
                    Status::Unknown => CriterionStatus::Unknown,
                },
                figure,
            }
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
    fn criteria_figures_carry_their_unit() {
        assert_eq!(
            criterion_figure(Some("enrolment"), 24.0),
            "24\u{a0}étudiants"
        );
        assert_eq!(
            criterion_figure(Some("copil_meetings"), 1.0),
            "1\u{a0}réunion"
        );
        assert_eq!(criterion_figure(Some("budget_balance"), 0.0), "0\u{a0}€");
        assert_eq!(criterion_figure(Some("public_share"), 72.5), "72,5\u{a0}%");
        assert_eq!(
            criterion_figure(Some("presence_hours"), 14.5),
            "14\u{a0}h\u{a0}30"
        );
        assert_eq!(
            criterion_figure(Some("students_per_tutor"), 18.0),
            "18,00\u{a0}étudiants par tuteur"
        );
        assert_eq!(criterion_figure(None, 1.0), "oui");
        assert_eq!(criterion_figure(None, 0.0), "non");
    }

    #[test]
    fn exceeding_an_at_most_target_is_a_miss_written_as_it_is() {
        let over = gap_item(
            "a".into(),
            Unit::StudentsPerTutor,
            &entry(Direction::AtMost, 20.0, 23.27),
        )
        .unwrap();
        assert_eq!(over.direction, Direction::AtMost);
        assert!((over.gap() + 3.27).abs() < 1e-9, "a miss: {}", over.gap());
        assert_eq!(over.difference_text(), "+3,27\u{a0}étudiants par tuteur");
        let within = gap_item(
            "b".into(),
            Unit::StudentsPerTutor,
            &entry(Direction::AtMost, 20.0, 12.0),
        )
        .unwrap();
        assert_eq!(within.gap(), 8.0);
        let under = gap_item(
            "c".into(),
            Unit::Percent,
            &entry(Direction::AtLeast, 80.0, 75.0),
        )
        .unwrap();
        assert_eq!(under.gap(), -5.0);
    }
}
