//! Drawing a dashboard: its title, then each row's panels in their cells, each panel with the chart of its kind.

use super::layout::{layout, HEADER, WIDTH};
use crate::bar_chart::BarChart;
use crate::canvas::ChartError;
use crate::dashboard_spec::DashboardSpec;
use crate::diverging_chart::DivergingChart;
use crate::funnel_chart::FunnelChart;
use crate::map_chart::MapChart;
use crate::scorecard_chart::ScorecardChart;
use crate::series_chart::SeriesChart;
use crate::stacked_chart::StackedChart;
use crate::tiles::Tiles;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One panel's chart, ready to draw.
pub(super) enum Panel {
    Tiles(Tiles),
    Series(SeriesChart),
    Bars(BarChart),
    Funnel(FunnelChart),
    Map(MapChart),
    Gaps(DivergingChart),
    Stacked(StackedChart),
    Scorecard(ScorecardChart),
}

impl Panel {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        match self {
            Self::Tiles(c) => crate::tiles::draw(area, c),
            Self::Series(c) => crate::series_chart::draw(area, c),
            Self::Bars(c) => crate::bar_chart::draw(area, c),
            Self::Funnel(c) => crate::funnel_chart::draw(area, c),
            Self::Map(c) => crate::map_chart::draw(area, c),
            Self::Gaps(c) => crate::diverging_chart::draw(area, c),
            Self::Stacked(c) => crate::stacked_chart::draw(area, c),
            Self::Scorecard(c) => crate::scorecard_chart::draw(area, c),
        }
    }
}

/// Draws the dashboard `spec` titled `title`, its `panels` in order, on `area`.
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &DashboardSpec,
    title: &str,
    panels: &[Panel],
) -> Result<(), ChartError> {
    area.fill(&WHITE).map_err(ChartError::from_display)?;
    let (header, mut rest) = area.split_vertically(HEADER);
    header
        .draw(&Text::new(
            title.to_owned(),
            (16, 18),
            FontDesc::new(FontFamily::Name("sans-serif"), 30.0, FontStyle::Bold),
        ))
        .map_err(ChartError::from_display)?;
    for (row, row_height) in layout(spec) {
        let (band, below) = rest.split_vertically(row_height);
        rest = below;
        let column = WIDTH / spec.columns.max(1);
        let mut cell_area = band;
        for i in row {
            let span = spec.panels.get(i).map_or(1, |p| p.span);
            let (cell, right) = cell_area.split_horizontally(column * span);
            cell_area = right;
            if let Some(panel) = panels.get(i) {
                panel.draw(&cell.margin(6, 6, 6, 6))?;
            }
        }
    }
    Ok(())
}
