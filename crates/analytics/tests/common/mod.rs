//! Builders shared by the analytics tests.

#![allow(dead_code, clippy::unwrap_used)] // each test file uses part of them; a failed parse is the test failing

use chrono::{DateTime, Utc};
use pilotage_domain::*;

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub fn campus(id: &str, region: RegionCode) -> Campus {
    Campus {
        id: id.parse().unwrap(),
        name: format!("Campus connecté de {id}"),
        commune: id.into(),
        department_code: "58".into(),
        region_code: region,
        latitude: 47.0,
        longitude: 3.0,
        local_authority: "Agglomération".into(),
        partner_establishment: Some("Université".into()),
        opening_year: 2019,
        wave: 1,
        premises: Premises {
            kind: PremisesKind::Shared,
            surface_m2: None,
            seats: None,
        },
        weekly_opening_hours: None,
        evening_opening: false,
        weekend_opening: false,
        status: CampusStatus::Active,
        convention: ConventionPeriod {
            start_year: 2024,
            end_year: 2027,
        },
    }
}
