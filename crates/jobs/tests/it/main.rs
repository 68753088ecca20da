//! The jobs' integration tests, one binary: one module per subject, the test network and receivers in `common`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing, in every module

mod common;
mod delivery;
mod schedule;
