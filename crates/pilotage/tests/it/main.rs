//! The integration tests of the `pilotage` binary and its wiring, one binary: one module per subject, helpers
//! in `common`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing, in every module

mod cli;
mod common;
mod disclosure_scan;
mod hardening;
mod jobs;
mod render;
mod seed;
