//! A whole dashboard: its panels' figures taken from the statistics of the network (the same functions the API's
//! statistics endpoints answer with), laid out on a grid, and drawn to PNG or SVG. [`render`] puts the parts
//! together: the reader's context ([`context`]), the panels' figures ([`figures`]), the grid ([`layout`]) and the
//! drawing ([`drawing`]).

mod context;
mod drawing;
mod figures;
mod layout;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_campus_title_says_its_name_once() {
        let specs = DashboardSpec::built_in().unwrap();
        let year: AcademicYear = "2025-2026".parse().unwrap();
        let campus = specs.iter().find(|s| s.name == "campus").unwrap();
        let t = title(campus, "Campus connecté de Nevers", year);
        assert_eq!(
            t,
            "Tableau de bord du campus — Campus connecté de Nevers — 2025-2026"
        );
        assert_eq!(t.matches("Campus connecté").count(), 1, "{t}");
        let region = specs.iter().find(|s| s.name == "region").unwrap();
        assert_eq!(
            title(region, "Bourgogne-Franche-Comté", year),
            "Campus connectés — tableau de bord régional — Bourgogne-Franche-Comté — 2025-2026"
        );
        let national = specs.iter().find(|s| s.name == "national").unwrap();
        assert_eq!(
            title(national, "France", year),
            "Campus connectés — tableau de bord national — 2025-2026"
        );
    }
}

pub use context::unit;
pub use layout::{height, WIDTH};

use crate::canvas::{png, svg, ChartError};
use crate::dashboard_spec::{DashboardSpec, ScopeKind};
use chrono::{DateTime, Utc};
use context::{scope_name, Context};
use pilotage_analytics::{aggregates, campus_values, completeness, Dataset, Scope};
use pilotage_domain::{french, AcademicYear};

/// PNG or SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Svg => "image/svg+xml",
        }
    }
}

/// Renders the dashboard `spec` for `scope` and `year`, from `data`, as of `now`.
pub fn render(
    spec: &DashboardSpec,
    data: &Dataset,
    scope: &Scope,
    year: AcademicYear,
    now: DateTime<Utc>,
    format: Format,
) -> Result<Vec<u8>, ChartError> {
    render_withholding(spec, data, scope, year, now, format, &|_, _, _| false)
}

/// Renders the dashboard with the figures `withheld(indicator, scope, year)` left out (drawn as missing), for
/// readers under disclosure control.
pub fn render_withholding(
    spec: &DashboardSpec,
    data: &Dataset,
    scope: &Scope,
    year: AcademicYear,
    now: DateTime<Utc>,
    format: Format,
    withheld: &dyn Fn(&str, &Scope, AcademicYear) -> bool,
) -> Result<Vec<u8>, ChartError> {
    let fail = ChartError::from_display;
    let mut aggregates = aggregates(data).map_err(fail)?;
    for a in &mut aggregates {
        if withheld(a.indicator, &a.scope, a.academic_year) {
            (a.value, a.numerator, a.denominator) = (None, None, None);
        }
    }
    let mut values = campus_values(data).map_err(fail)?;
    for v in &mut values {
        if withheld(
            v.indicator,
            &Scope::Campus(v.campus_id.clone()),
            v.academic_year,
        ) {
            (v.value, v.numerator, v.denominator) = (None, None, None);
        }
    }
    let provisional = provisional(data, scope, year, now)?;
    let mut footer = format!(
        "Source : Pilotage, rapports annuels transmis — données au {}",
        french::date(now)
    );
    if let Some(note) = &provisional {
        footer = format!("{footer} — {note}");
    }
    let ctx = Context {
        data,
        scope: scope.clone(),
        scope_name: scope_name(data, scope),
        year,
        now,
        footer,
        aggregates,
        values,
        withheld,
    };
    let panels = spec
        .panels
        .iter()
        .map(|p| figures::panel(&ctx, p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut title = title(spec, &ctx.scope_name, year);
    if provisional.is_some() {
        title.push_str(" (chiffres provisoires)");
    }
    let h = height(spec);
    match format {
        Format::Png => png(WIDTH, h, |area| drawing::draw(area, spec, &title, &panels)),
        Format::Svg => {
            svg(WIDTH, h, |area| drawing::draw(area, spec, &title, &panels)).map(String::into_bytes)
        }
    }
}

/// The title of a dashboard: the spec's title, the scope's name (but for the nation) and the year, without saying
/// anything twice: a title « Campus connecté — tableau de bord » for « Campus connecté de Nevers » becomes
/// « Campus connecté de Nevers — tableau de bord — 2025-2026 », not « Campus connecté — tableau de bord — Campus
/// connecté de Nevers ». (The campus dashboard is titled « Tableau de bord du campus », which needs no such care.)
pub fn title(spec: &DashboardSpec, scope_name: &str, year: AcademicYear) -> String {
    if spec.scope == ScopeKind::National {
        return format!("{} — {year}", spec.title);
    }
    match spec.title.split_once(" — ") {
        Some((head, rest)) if scope_name.starts_with(head.trim()) => {
            format!("{scope_name} — {rest} — {year}")
        }
        _ => format!("{} — {scope_name} — {year}", spec.title),
    }
}

/// While reports of `year` may still come in for `scope` (a région's own, the nation's otherwise), the coverage
/// its figures rest on: « 1 rapport sur 82 — chiffres provisoires ».
fn provisional(
    data: &Dataset,
    scope: &Scope,
    year: AcademicYear,
    now: DateTime<Utc>,
) -> Result<Option<String>, ChartError> {
    let state = completeness(data, year, now).map_err(ChartError::from_display)?;
    let key = match scope {
        Scope::Region(r) => format!("region:{r}"),
        _ => "national".to_owned(),
    };
    Ok(state
        .provisional(&key)
        .map(|c| french::provisional(c.submitted, c.expected)))
}
