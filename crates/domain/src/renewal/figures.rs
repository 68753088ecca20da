//! The figures behind the measurable renewal criteria: one value per academic year of the span (a missing year is
//! `None` with a note, never 0), with the span's total, mean, progression or pooled share.

use crate::academic_year::AcademicYear;
use crate::grid::{field, IndicatorGrid};
use serde::Serialize;

/// One academic year of the span, as the reports hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanYear {
    pub academic_year: AcademicYear,
    /// The grid of the year's handed-in report; `None` when the year is missing.
    pub grid: Option<IndicatorGrid>,
    /// Why the year is missing (`None` when it is reported).
    pub note: Option<&'static str>,
}

/// What a figure counts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureUnit {
    Count,
    Percent,
    Euros,
    /// A list of texts (workshop themes); the value is how many.
    Texts,
}

/// A figure for one academic year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearValue {
    pub academic_year: AcademicYear,
    /// `null` when the year is missing or the field not filled in (never 0 in their place).
    pub value: Option<f64>,
    /// Why the value is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
    /// For text figures: the texts of the year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Vec<String>>,
}

/// One figure over the span.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub name: &'static str,
    /// French label.
    pub label: &'static str,
    pub unit: FigureUnit,
    pub values: Vec<YearValue>,
    /// Years of the span with a value.
    pub known_years: usize,
    /// Counts and euros: the sum over the years with a value.
    pub total: Option<f64>,
    /// Counts and euros: the mean over the years with a value.
    pub mean: Option<f64>,
    /// Counts and euros: last known value − first known value (two known years at least).
    pub change: Option<f64>,
    /// Counts and euros: that change in percent of the first known value (undefined from 0).
    pub progression: Option<f64>,
    /// Shares: Σ numerators / Σ denominators × 100 over the years where both are known (never a mean of rates).
    pub pooled: Option<f64>,
    /// The grid fields the figure is computed from (for disclosure control).
    #[serde(skip)]
    pub sources: Vec<&'static str>,
}

/// The note of a field left empty in a handed-in report.
pub const NOT_FILLED: &str = "non renseigné dans le rapport";

fn label_of(name: &'static str) -> &'static str {
    field(name).map_or(name, |f| f.label)
}

/// Σ of integer fields of a grid, `None` when one is missing.
fn sum(grid: &IndicatorGrid, fields: &[&str]) -> Option<f64> {
    grid.total(fields).map(|t| t as f64)
}

impl Figure {
    fn new(
        name: &'static str,
        label: &'static str,
        unit: FigureUnit,
        sources: Vec<&'static str>,
        years: &[SpanYear],
        value: impl Fn(&IndicatorGrid) -> Option<f64>,
    ) -> Self {
        let values: Vec<YearValue> = years
            .iter()
            .map(|y| {
                let value = y.grid.as_ref().and_then(&value).filter(|v| v.is_finite());
                YearValue {
                    academic_year: y.academic_year,
                    value,
                    note: match (&y.grid, value) {
                        (None, _) => y.note,
                        (Some(_), None) => Some(NOT_FILLED),
                        (Some(_), Some(_)) => None,
                    },
                    texts: None,
                }
            })
            .collect();
        let known: Vec<f64> = values.iter().filter_map(|v| v.value).collect();
        let additive = matches!(unit, FigureUnit::Count | FigureUnit::Euros);
        let total = (additive && !known.is_empty()).then(|| known.iter().sum::<f64>());
        let mean = total.map(|t| t / known.len() as f64);
        let (change, progression) = match (additive, known.first(), known.last()) {
            (true, Some(first), Some(last)) if known.len() >= 2 => (
                Some(last - first),
                (*first != 0.0).then(|| (last - first) / first * 100.0),
            ),
            _ => (None, None),
        };
        Self {
            name,
            label,
            unit,
            values,
            known_years: known.len(),
            total,
            mean,
            change,
            progression,
            pooled: None,
            sources,
        }
    }

    /// One integer field of the grid.
    pub fn count(name: &'static str, years: &[SpanYear]) -> Self {
        Self::new(
            name,
            label_of(name),
            FigureUnit::Count,
            vec![name],
            years,
            |g| sum(g, &[name]),
        )
    }

    /// The sum of integer fields.
    pub fn count_of(
        name: &'static str,
        label: &'static str,
        fields: &'static [&'static str],
        years: &[SpanYear],
    ) -> Self {
        Self::new(
            name,
            label,
            FigureUnit::Count,
            fields.to_vec(),
            years,
            |g| sum(g, fields),
        )
    }

    /// The sum of money fields, in euros.
    pub fn euros_of(
        name: &'static str,
        label: &'static str,
        fields: &'static [&'static str],
        years: &[SpanYear],
    ) -> Self {
        Self::new(
            name,
            label,
            FigureUnit::Euros,
            fields.to_vec(),
            years,
            |g| sum(g, fields).map(|cents| cents / 100.0),
        )
    }

    /// One money field, in euros.
    pub fn euros(name: &'static str, years: &[SpanYear]) -> Self {
        Self::new(
            name,
            label_of(name),
            FigureUnit::Euros,
            vec![name],
            years,
            |g| sum(g, &[name]).map(|cents| cents / 100.0),
        )
    }

    /// `Σ numerator / Σ denominator × 100` each year (undefined over 0), pooled over the span.
    pub fn share(
        name: &'static str,
        label: &'static str,
        numerator: &'static [&'static str],
        denominator: &'static [&'static str],
        years: &[SpanYear],
    ) -> Self {
        let ratio = |g: &IndicatorGrid| {
            let (n, d) = (sum(g, numerator)?, sum(g, denominator)?);
            (d != 0.0).then(|| n / d * 100.0)
        };
        let sources = numerator.iter().chain(denominator).copied().collect();
        let mut figure = Self::new(name, label, FigureUnit::Percent, sources, years, ratio);
        let (n, d) = years
            .iter()
            .filter_map(|y| {
                let g = y.grid.as_ref()?;
                Some((sum(g, numerator)?, sum(g, denominator)?))
            })
            .fold((0.0, 0.0), |(n, d), (yn, yd)| (n + yn, d + yd));
        figure.pooled = (d != 0.0).then(|| n / d * 100.0);
        figure
    }

    /// The share of enrolled students that one field counts.
    pub fn share_of_enrolled(
        name: &'static str,
        fields: &'static [&'static str],
        label: &'static str,
        years: &[SpanYear],
    ) -> Self {
        Self::share(name, label, fields, &["students_enrolled"], years)
    }

    /// The workshop themes of each year, the value being how many.
    pub fn workshop_themes(years: &[SpanYear]) -> Self {
        let name = "workshop_themes";
        let mut figure = Self::new(
            name,
            label_of(name),
            FigureUnit::Texts,
            vec![name],
            years,
            |g| g.workshop_themes.as_ref().map(|t| t.len() as f64),
        );
        for (value, year) in figure.values.iter_mut().zip(years) {
            value.texts = year.grid.as_ref().and_then(|g| g.workshop_themes.clone());
        }
        figure
    }

    /// The smallest known value.
    pub fn min(&self) -> Option<f64> {
        self.values.iter().filter_map(|v| v.value).reduce(f64::min)
    }
}
