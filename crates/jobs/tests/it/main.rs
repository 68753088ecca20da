//! The jobs' integration tests, one binary: one module per subject, the test network and receivers in `common`.

mod common;
mod delivery;
mod schedule;
