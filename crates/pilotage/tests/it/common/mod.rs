//! Running the `pilotage` binary from the tests: the command on a test database, and a server stopped whatever
//! happens.

#![allow(dead_code)] // each test file uses its own part of the helpers

use pilotage_store::testing::TestDatabase;
use pilotage_store::Backend;
use std::process::{Child, Command};

/// The binary on `database_url`, with none of the operator's settings.
pub fn pilotage(database_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pilotage"));
    cmd.env("DATABASE_URL", database_url)
        .env_remove("PILOTAGE_JWT_SECRET")
        .env_remove("PILOTAGE_CONFIG")
        .env_remove("PILOTAGE_BIND")
        .env("RUST_LOG", "warn");
    cmd
}

/// The `DATABASE_URL` of a test database.
pub fn url(db: &TestDatabase) -> String {
    match db.url.backend() {
        Backend::Sqlite => format!("sqlite://{}", db.url.target()),
        Backend::Postgres => db.url.target().to_owned(),
    }
}

/// Stops the server when the test ends, whatever happens.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
