//! Password and API-key hashing with argon2 (PHC strings); the clear text is never stored.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::{StoreError, StoreResult};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

pub fn hash(secret: &str) -> StoreResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Corrupt(format!("hachage impossible : {e}")))
}

/// Whether `secret` matches `stored`; a malformed stored hash never matches.
pub fn verify(secret: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok()
    })
}

/// How many times `verify_absent` has run (for tests: the unknown-account path does hash).
static DUMMY_VERIFICATIONS: AtomicU64 = AtomicU64::new(0);

/// A hash of a random secret with the same parameters as real ones, made once.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(salt.as_str().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// For a login that matches no account: verifies `secret` against a dummy hash of the same cost, so that an unknown
/// account takes as long as a wrong password; always `false`.
pub fn verify_absent(secret: &str) -> bool {
    DUMMY_VERIFICATIONS.fetch_add(1, Ordering::Relaxed);
    let _ = verify(secret, dummy_hash());
    false
}

/// How many dummy verifications have run in this process.
pub fn dummy_verifications() -> u64 {
    DUMMY_VERIFICATIONS.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_right_secret() {
        let h = hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse", &h));
        assert!(!verify("wrong horse", &h));
        assert!(!verify("correct horse", "not a hash"));
    }

    #[test]
    fn an_absent_account_costs_one_argon2_verification_and_never_matches() {
        let before = dummy_verifications();
        assert!(dummy_hash().starts_with("$argon2id$"));
        assert!(PasswordHash::new(dummy_hash()).is_ok());
        assert!(!verify_absent("anything"));
        assert!(!verify_absent(""));
        assert!(dummy_verifications() >= before + 2);
        // Same parameters as a real hash.
        let real = hash("x").unwrap();
        let params = |h: &str| h.split('$').nth(3).unwrap().to_owned();
        assert_eq!(params(dummy_hash()), params(&real));
    }
}
