//! The integration tests of the JSON API and of the service as a whole (API and pages, in process and over real
//! HTTP with a browser): one test binary, one module per subject, the shared test app in `common`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

#[macro_use]
mod common;
mod admin_pages;
mod audience;
mod authorization;
mod browser;
mod dashboards;
mod default_targets;
mod design_system;
mod emails;
mod errors;
mod health;
mod hostile_input;
mod jobs;
mod legal_pages;
mod login;
mod network_table;
mod openapi;
mod pages;
mod progress;
mod renewal;
mod reports;
mod security;
mod settings_pages;
mod stats;
mod survey_pages;
