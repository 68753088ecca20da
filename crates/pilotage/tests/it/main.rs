//! The integration tests of the `pilotage` binary and its wiring, one binary: one module per subject, helpers
//! in `common`.

mod cli;
mod common;
mod disclosure_scan;
mod hardening;
mod jobs;
mod render;
mod seed;
