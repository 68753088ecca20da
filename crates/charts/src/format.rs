//! Numbers as French readers write them, for the crates that still import them from here: the functions live in
//! `pilotage_domain::french`.

pub use pilotage_domain::french::{count, euros, number, percent, NBSP};
