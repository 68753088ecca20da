//! The grid of a dashboard: a header, then rows of panels (a row of tiles is lower than a row of charts), each
//! panel spanning some of the spec's columns.

use crate::dashboard_spec::{DashboardSpec, PanelKind};

pub const WIDTH: u32 = 1600;
pub(super) const HEADER: u32 = 70;
const ROW: u32 = 540;
const TILES_ROW: u32 = 200;
/// A row with a map: tall enough for France and its overseas insets to be read.
const MAP_ROW: u32 = 860;

/// Rows of panels: each row's panels with their span, and the row's height.
pub(super) fn layout(spec: &DashboardSpec) -> Vec<(Vec<usize>, u32)> {
    let mut rows: Vec<(Vec<usize>, u32)> = Vec::new();
    let mut used = spec.columns;
    for (i, p) in spec.panels.iter().enumerate() {
        if used + p.span > spec.columns {
            rows.push((Vec::new(), TILES_ROW));
            used = 0;
        }
        if let Some((row, height)) = rows.last_mut() {
            row.push(i);
            if p.kind == PanelKind::Map {
                *height = MAP_ROW;
            } else if p.kind != PanelKind::Tiles {
                *height = (*height).max(ROW);
            }
        }
        used += p.span;
    }
    rows
}

/// The height of a dashboard in pixels.
pub fn height(spec: &DashboardSpec) -> u32 {
    HEADER + layout(spec).iter().map(|(_, h)| h).sum::<u32>()
}
