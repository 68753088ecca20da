//! Tokens signed out before their expiry: the id (`jti`) of each, kept until the token expires (a row is then
//! useless, and is purged at the next revocation). Revocations do not bump the data version: every authenticated
//! request reads its own token's row, in the same statement as the data version.

use crate::audit::{self, Written};
use crate::connection::{insert_unique, DbConnection};
use crate::error::{StoreError, StoreResult};
use crate::schema::{data_version, revoked_tokens};
use crate::time::to_db;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// Revokes the token `jti` of `subject`, valid until `expires_at`, with an audit entry naming `subject` (its
/// author: one signs out one's own session); rows of tokens expired at `now` are purged on the way. `false` when
/// the token was already revoked (nothing written).
pub fn revoke(
    conn: &mut DbConnection,
    jti: &str,
    subject: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    crate::atomically(conn, |conn| {
        purge(conn, now)?;
        let revoked = insert_unique(conn, |conn| {
            diesel::insert_into(revoked_tokens::table)
                .values((
                    revoked_tokens::jti.eq(jti),
                    revoked_tokens::subject.eq(subject),
                    revoked_tokens::expires_at.eq(to_db(expires_at)),
                    revoked_tokens::revoked_at.eq(to_db(now)),
                ))
                .execute(conn)
        })?;
        if revoked {
            audit::record_write(conn, subject, now, "signed_out", Written::Session(jti))?;
        }
        Ok(revoked)
    })
}

/// Forgets the revocations of tokens expired at `now` (they are refused for their expiry anyway); how many.
pub fn purge(conn: &mut DbConnection, now: DateTime<Utc>) -> StoreResult<usize> {
    Ok(
        diesel::delete(revoked_tokens::table.filter(revoked_tokens::expires_at.le(to_db(now))))
            .execute(conn)?,
    )
}

/// The data version and whether the token `jti` is revoked: one statement, two primary-key look-ups, which is what
/// every authenticated request reads.
pub fn version_and_revoked(conn: &mut DbConnection, jti: &str) -> StoreResult<(i64, bool)> {
    let version = data_version::table
        .find(1)
        .select(data_version::version)
        .single_value();
    let revoked = diesel::dsl::exists(revoked_tokens::table.find(jti));
    let (version, revoked): (Option<i64>, bool) =
        diesel::select((version, revoked)).get_result(conn)?;
    let version = version.ok_or_else(|| StoreError::corrupt("version des données absente"))?;
    Ok((version, revoked))
}

/// How many revocations are kept (tests, and an operator's curiosity).
pub fn count(conn: &mut DbConnection) -> StoreResult<i64> {
    Ok(revoked_tokens::table.count().get_result(conn)?)
}
