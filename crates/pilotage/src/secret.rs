//! The token-signing secret: `PILOTAGE_JWT_SECRET` if set, else one generated at first start and kept in the
//! database, so that the server and `pilotage token` agree for the same `DATABASE_URL`.

use anyhow::{Context, Result};
use pilotage_app::auth::{TokenKeys, MIN_SECRET_BYTES};
use pilotage_store::{settings, DbConnection};
use rand::RngCore;

const SETTING: &str = "jwt_secret";

/// The token keys for this configuration.
pub fn token_keys(conn: &mut DbConnection, configured: Option<&str>) -> Result<TokenKeys> {
    let secret = match configured {
        Some(secret) => {
            if secret.len() < MIN_SECRET_BYTES {
                anyhow::bail!("PILOTAGE_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long");
            }
            secret.to_owned()
        }
        None => settings::get_or_init(conn, SETTING, || random_hex(32))
            .context("cannot read or store the token secret")?,
    };
    TokenKeys::from_secret(secret.as_bytes()).map_err(anyhow::Error::from)
}

/// `n` random bytes from the operating system, hex-encoded.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
