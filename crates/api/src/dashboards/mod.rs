//! Dashboards: the list, and one dashboard rendered as PNG or SVG for a scope and a year, scoped by role and
//! cached until the data changes.

mod cache;
mod list;
mod render;

pub use cache::RenderCache;
pub use list::{list_dashboards, DashboardInfo};
pub use render::render_dashboard;
