//! The analytics' integration tests, one binary: one module per subject, builders in `common`.

mod attacker;
mod common;
mod exports;
mod statistics;
mod synthetic;
