//! Helpers shared by the store's integration tests.

use chrono::{DateTime, Utc};
use pilotage_domain::RegionCode;
use pilotage_store::testing::TestDatabase;
use pilotage_store::DbConnection;

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("timestamp")
}

pub use pilotage_domain::testing::sample_campus as campus;

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
