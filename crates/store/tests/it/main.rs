//! The store's integration tests, one binary: one module per subject, helpers in `common`.

mod common;
mod renewal;
mod storage;
