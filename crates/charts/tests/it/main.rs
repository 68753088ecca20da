//! The charts' integration tests, one binary: one module per subject.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing, in every module

mod charts;
mod faults;
mod funnel;
