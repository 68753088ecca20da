//! Access tokens (JWT, HS256) carrying the caller's role and scope: campus ids for a coordinator, a région
//! académique for a regional client, and an id of their own (`jti`) by which one token is revoked. Only HS256 is
//! accepted: `alg: none` and other algorithms are refused.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use pilotage_domain::{CampusId, RegionCode, Role};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

const ISSUER: &str = "pilotage";
/// Longest token id accepted (ours are 32 hexadecimal digits).
const MAX_ID_BYTES: usize = 64;
/// Shortest secret accepted: 32 bytes, the size of the HMAC-SHA256 key.
pub const MIN_SECRET_BYTES: usize = 32;

/// What a token says about its bearer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Who: a user's e-mail address or an API client's id.
    pub sub: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub campus_ids: Vec<CampusId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<RegionCode>,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    /// The token's own id: 128 random bits in hexadecimal, what signing out records (`revoked_tokens`). Empty
    /// when the token has none (signed before tokens had one): such a token is refused.
    #[serde(default)]
    pub jti: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("le secret de signature doit compter au moins {MIN_SECRET_BYTES} octets")]
    WeakSecret,
    #[error("un jeton « coordinator » doit nommer au moins un campus")]
    CoordinatorWithoutCampus,
    #[error("un jeton « regional » doit nommer une région académique")]
    RegionalWithoutRegion,
    #[error("seul un jeton « coordinator » porte des campus, seul un jeton « regional » porte une région")]
    UnexpectedScope,
    #[error("durée de validité invalide : elle doit être positive et d'un an au plus")]
    BadTtl,
    #[error("jeton expiré")]
    Expired,
    #[error("jeton sans identifiant (jti), émis avant que les jetons puissent être révoqués : reconnectez-vous ou demandez un nouveau jeton")]
    WithoutId,
    #[error("jeton invalide : {0}")]
    Invalid(String),
}

/// The keys that sign and check tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: Arc<EncodingKey>,
    decoding: Arc<DecodingKey>,
    /// Derives the anti-forgery token of a web session from the session's own token.
    csrf: Arc<ring::hmac::Key>,
}

impl TokenKeys {
    pub fn from_secret(secret: &[u8]) -> Result<Self, TokenError> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(TokenError::WeakSecret);
        }
        Ok(Self {
            encoding: Arc::new(EncodingKey::from_secret(secret)),
            decoding: Arc::new(DecodingKey::from_secret(secret)),
            csrf: Arc::new(ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret)),
        })
    }

    /// Signs a token for this role and scope, valid for `ttl` from `now`.
    pub fn issue(
        &self,
        subject: &str,
        role: Role,
        campus_ids: Vec<CampusId>,
        region: Option<RegionCode>,
        ttl: Duration,
        now: DateTime<Utc>,
    ) -> Result<String, TokenError> {
        check_scope(role, &campus_ids, region)?;
        if ttl <= Duration::zero() || ttl > Duration::days(366) {
            return Err(TokenError::BadTtl);
        }
        let claims = Claims {
            sub: subject.to_owned(),
            role,
            campus_ids,
            region,
            iat: now.timestamp(),
            exp: (now + ttl).timestamp(),
            iss: ISSUER.to_owned(),
            jti: new_id(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| TokenError::Invalid(e.to_string()))
    }

    /// The anti-forgery token of the web session whose cookie holds `session_token`: an HMAC of that token, so
    /// that it cannot be guessed without the secret, and a page of one session is useless to another.
    pub fn csrf_token(&self, session_token: &str) -> String {
        let tag = ring::hmac::sign(&self.csrf, &csrf_message(session_token));
        tag.as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `given` is the anti-forgery token of this session (compared in constant time).
    pub fn csrf_matches(&self, session_token: &str, given: &str) -> bool {
        let Some(tag) = hex_bytes(given) else {
            return false;
        };
        ring::hmac::verify(&self.csrf, &csrf_message(session_token), &tag).is_ok()
    }

    /// Checks signature, algorithm, issuer and expiry against the system clock.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        self.verify_at(token, Utc::now())
    }

    /// Checks signature, algorithm and issuer, expiry against `now` (the service's clock), that the scope fits
    /// the role exactly as [`TokenKeys::issue`] demands (a validly signed token whose claims are inconsistent, a
    /// regional token without a région, a coordinator's without campuses, staff with a scope, is refused), and that
    /// the token has an id, without which it could not be revoked.
    pub fn verify_at(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.validate_exp = false;
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .map(|d| d.claims)
            .map_err(|e| TokenError::Invalid(e.to_string()))?;
        if claims.exp <= now.timestamp() {
            return Err(TokenError::Expired);
        }
        check_scope(claims.role, &claims.campus_ids, claims.region)?;
        if claims.jti.is_empty() {
            return Err(TokenError::WithoutId);
        }
        if claims.jti.len() > MAX_ID_BYTES {
            return Err(TokenError::Invalid("identifiant (jti) trop long".into()));
        }
        Ok(claims)
    }
}

/// A new token id: 128 bits from the system's random source, in hexadecimal.
fn new_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The one rule of scopes, applied when a token is signed and when it is verified: a coordinator names at least one
/// campus and no région, a regional client one région and no campus, analysts, the ministry and admins neither.
pub fn check_scope(
    role: Role,
    campus_ids: &[CampusId],
    region: Option<RegionCode>,
) -> Result<(), TokenError> {
    match role {
        Role::Coordinator if campus_ids.is_empty() => Err(TokenError::CoordinatorWithoutCampus),
        Role::Coordinator if region.is_some() => Err(TokenError::UnexpectedScope),
        Role::Regional if region.is_none() => Err(TokenError::RegionalWithoutRegion),
        Role::Regional if !campus_ids.is_empty() => Err(TokenError::UnexpectedScope),
        Role::Analyst | Role::Ministry | Role::Admin
            if region.is_some() || !campus_ids.is_empty() =>
        {
            Err(TokenError::UnexpectedScope)
        }
        _ => Ok(()),
    }
}

fn csrf_message(session_token: &str) -> Vec<u8> {
    [b"csrf|".as_slice(), session_token.as_bytes()].concat()
}

/// Lower-case hexadecimal to bytes; `None` for anything else.
fn hex_bytes(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64_free::b64;

    fn keys() -> TokenKeys {
        TokenKeys::from_secret(&[7u8; 32]).unwrap()
    }

    fn nevers() -> Vec<CampusId> {
        vec!["nevers".parse().unwrap()]
    }

    /// Base64url without padding, enough to forge test tokens.
    mod base64_free {
        pub fn b64(bytes: &[u8]) -> String {
            const ALPHABET: &[u8; 64] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let mut out = String::new();
            for chunk in bytes.chunks(3) {
                let n = chunk
                    .iter()
                    .enumerate()
                    .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
                for i in 0..=chunk.len() {
                    out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
                }
            }
            out
        }
    }

    #[test]
    fn a_token_carries_role_and_scope() {
        let token = keys()
            .issue(
                "c@x.fr",
                Role::Coordinator,
                nevers(),
                None,
                Duration::hours(1),
                Utc::now(),
            )
            .unwrap();
        let claims = keys().verify(&token).unwrap();
        assert_eq!(
            (claims.role, claims.campus_ids, claims.region),
            (Role::Coordinator, nevers(), None)
        );
        let token = keys()
            .issue(
                "rectorat-bfc",
                Role::Regional,
                vec![],
                Some(RegionCode::BFC),
                Duration::minutes(15),
                Utc::now(),
            )
            .unwrap();
        assert_eq!(keys().verify(&token).unwrap().region, Some(RegionCode::BFC));
    }

    #[test]
    fn scopes_must_fit_the_role() {
        let k = keys();
        let now = Utc::now();
        let h = Duration::hours(1);
        assert_eq!(
            k.issue("a", Role::Coordinator, vec![], None, h, now),
            Err(TokenError::CoordinatorWithoutCampus)
        );
        assert_eq!(
            k.issue("a", Role::Regional, vec![], None, h, now),
            Err(TokenError::RegionalWithoutRegion)
        );
        assert_eq!(
            k.issue("a", Role::Analyst, nevers(), None, h, now),
            Err(TokenError::UnexpectedScope)
        );
        assert_eq!(
            k.issue("a", Role::Analyst, vec![], None, Duration::zero(), now),
            Err(TokenError::BadTtl)
        );
    }

    #[test]
    fn expired_tokens_are_refused() {
        let token = keys()
            .issue(
                "a",
                Role::Analyst,
                vec![],
                None,
                Duration::hours(1),
                Utc::now() - Duration::hours(2),
            )
            .unwrap();
        assert_eq!(keys().verify(&token), Err(TokenError::Expired));
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let other = TokenKeys::from_secret(&[8u8; 32]).unwrap();
        let token = other
            .issue(
                "a",
                Role::Admin,
                vec![],
                None,
                Duration::hours(1),
                Utc::now(),
            )
            .unwrap();
        assert!(matches!(keys().verify(&token), Err(TokenError::Invalid(_))));
    }

    #[test]
    fn unsigned_alg_none_tokens_are_refused() {
        let exp = (Utc::now() + Duration::hours(1)).timestamp();
        let header = b64(br#"{"alg":"none","typ":"JWT"}"#);
        let payload = b64(format!(
            r#"{{"sub":"x","role":"admin","iat":0,"exp":{exp},"iss":"pilotage"}}"#
        )
        .as_bytes());
        for token in [
            format!("{header}.{payload}."),
            format!("{header}.{payload}"),
        ] {
            assert!(
                matches!(keys().verify(&token), Err(TokenError::Invalid(_))),
                "{token}"
            );
        }
    }

    /// Signs `claims` with the test secret as any holder of the secret could, bypassing `issue`'s checks.
    fn hand_signed(claims: &serde_json::Value) -> String {
        encode(
            &Header::new(Algorithm::HS256),
            claims,
            &EncodingKey::from_secret(&[7u8; 32]),
        )
        .unwrap()
    }

    #[test]
    fn validly_signed_tokens_with_a_scope_that_does_not_fit_the_role_are_refused() {
        let exp = (Utc::now() + Duration::hours(1)).timestamp();
        let claims = |role: &str, extra: serde_json::Value| {
            let mut c = serde_json::json!({"sub": "x", "role": role, "iat": 0, "exp": exp, "iss": "pilotage", "jti": "j1"});
            if let (Some(c), Some(extra)) = (c.as_object_mut(), extra.as_object()) {
                c.extend(extra.clone());
            }
            c
        };
        let none = serde_json::json!({});
        for (claims, expected) in [
            (
                claims("regional", none.clone()),
                TokenError::RegionalWithoutRegion,
            ),
            (
                claims(
                    "regional",
                    serde_json::json!({"region": "BFC", "campus_ids": ["nevers"]}),
                ),
                TokenError::UnexpectedScope,
            ),
            (
                claims("coordinator", none.clone()),
                TokenError::CoordinatorWithoutCampus,
            ),
            (
                claims(
                    "coordinator",
                    serde_json::json!({"campus_ids": ["nevers"], "region": "BFC"}),
                ),
                TokenError::UnexpectedScope,
            ),
            (
                claims("analyst", serde_json::json!({"region": "BFC"})),
                TokenError::UnexpectedScope,
            ),
            (
                claims("ministry", serde_json::json!({"campus_ids": ["nevers"]})),
                TokenError::UnexpectedScope,
            ),
            (
                claims("admin", serde_json::json!({"region": "ARA"})),
                TokenError::UnexpectedScope,
            ),
        ] {
            assert_eq!(
                keys().verify(&hand_signed(&claims)),
                Err(expected),
                "{claims}"
            );
        }
        // The same hand-signing with a consistent scope is accepted: the refusals above are the scope's.
        let fine = claims("regional", serde_json::json!({"region": "BFC"}));
        assert_eq!(
            keys().verify(&hand_signed(&fine)).unwrap().region,
            Some(RegionCode::BFC)
        );
        let fine = claims("coordinator", serde_json::json!({"campus_ids": ["nevers"]}));
        assert_eq!(
            keys().verify(&hand_signed(&fine)).unwrap().campus_ids,
            nevers()
        );
        assert!(keys()
            .verify(&hand_signed(&claims("analyst", none)))
            .is_ok());
    }

    #[test]
    fn every_token_has_an_id_of_its_own_and_one_without_is_refused() {
        let k = keys();
        let issue = || {
            k.issue(
                "a",
                Role::Analyst,
                vec![],
                None,
                Duration::hours(1),
                Utc::now(),
            )
            .unwrap()
        };
        let (first, second) = (k.verify(&issue()).unwrap(), k.verify(&issue()).unwrap());
        assert_eq!(first.jti.len(), 32);
        assert_ne!(first.jti, second.jti);
        let exp = (Utc::now() + Duration::hours(1)).timestamp();
        let without = serde_json::json!({"sub": "a", "role": "analyst", "iat": 0, "exp": exp, "iss": "pilotage"});
        assert_eq!(k.verify(&hand_signed(&without)), Err(TokenError::WithoutId));
        let mut long = without.clone();
        long["jti"] = serde_json::json!("x".repeat(65));
        assert!(matches!(
            k.verify(&hand_signed(&long)),
            Err(TokenError::Invalid(_))
        ));
    }

    #[test]
    fn a_csrf_token_belongs_to_one_session() {
        let k = keys();
        let token = k.csrf_token("session-a");
        assert_eq!(token.len(), 64);
        assert!(k.csrf_matches("session-a", &token));
        assert!(!k.csrf_matches("session-b", &token));
        assert!(!k.csrf_matches("session-a", ""));
        assert!(!k.csrf_matches("session-a", "zz"));
        let other = TokenKeys::from_secret(&[8u8; 32]).unwrap();
        assert!(!other.csrf_matches("session-a", &token));
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(matches!(
            TokenKeys::from_secret(b"short"),
            Err(TokenError::WeakSecret)
        ));
    }
}
