//! The store's integration tests, one binary: one module per subject, helpers in `common`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing, in every module

mod common;
mod renewal;
mod storage;
