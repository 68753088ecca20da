#![doc = include_str!("../README.md")]

pub mod cli;
pub mod commands;
pub mod config;
pub mod fixtures;
pub mod secret;
pub mod seed;
pub mod snapshot;
