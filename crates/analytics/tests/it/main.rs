//! The analytics' integration tests, one binary: one module per subject, builders in `common`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing, in every module

mod attacker;
mod common;
mod exports;
mod statistics;
mod synthetic;
