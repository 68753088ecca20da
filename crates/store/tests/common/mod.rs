//! Helpers shared by the store's integration tests.

use chrono::{DateTime, Utc};
use pilotage_domain::{Campus, CampusStatus, ConventionPeriod, Premises, PremisesKind, RegionCode};
use pilotage_store::testing::TestDatabase;
use pilotage_store::DbConnection;

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("timestamp")
}

pub fn campus(id: &str, region: RegionCode) -> Campus {
    Campus {
        id: id.parse().expect("id"),
        name: format!("Campus connecté de {id}"),
        commune: id.to_owned(),
        department_code: "58".into(),
        region_code: region,
        latitude: 46.9908,
        longitude: 3.159,
        local_authority: "Communauté d'agglomération".into(),
        partner_establishment: Some("Université Bourgogne Europe".into()),
        opening_year: 2020,
        wave: 2,
        premises: Premises {
            kind: PremisesKind::Shared,
            surface_m2: Some(95.5),
            seats: Some(18),
        },
        weekly_opening_hours: Some(38.5),
        evening_opening: true,
        weekend_opening: false,
        status: CampusStatus::Active,
        convention: ConventionPeriod {
            start_year: 2025,
            end_year: 2028,
        },
    }
}

/// A migrated test database with one campus, and a connection to it.
pub fn database_with_campus(id: &str) -> (TestDatabase, DbConnection) {
    let db = TestDatabase::new().expect("test database");
    let mut conn = db.connect().expect("connection");
    pilotage_store::campuses::upsert(
        &mut conn,
        &campus(id, RegionCode::BFC),
        at("2025-01-01T00:00:00Z"),
    )
    .expect("campus");
    (db, conn)
}
