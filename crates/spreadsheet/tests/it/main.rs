//! The spreadsheet's integration tests, one binary: one module per subject, grids and workbooks in `common`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing, in every module

mod common;
mod hostile_uploads;
mod template;
mod upload;
