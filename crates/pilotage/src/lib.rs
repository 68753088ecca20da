//! The Pilotage binary's library: configuration, the demo network loader, and the commands of the CLI.

pub mod cli;
pub mod commands;
pub mod config;
pub mod fixtures;
pub mod secret;
pub mod seed;
pub mod snapshot;
