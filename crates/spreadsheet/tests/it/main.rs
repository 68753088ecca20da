//! The spreadsheet's integration tests, one binary: one module per subject, grids and workbooks in `common`.

mod common;
mod hostile_uploads;
mod template;
mod upload;
