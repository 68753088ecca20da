//! The signature of webhook deliveries: `X-Pilotage-Signature: sha256=HEX`, the HMAC-SHA256 with the webhook's
//! secret of `TIMESTAMP.BODY`, where TIMESTAMP is the `X-Pilotage-Timestamp` header (Unix seconds). Receivers
//! recompute it and compare in constant time, and refuse old timestamps (replays).

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

pub const SIGNATURE_HEADER: &str = "X-Pilotage-Signature";
pub const TIMESTAMP_HEADER: &str = "X-Pilotage-Timestamp";
pub const EVENT_HEADER: &str = "X-Pilotage-Event";
/// The same for every attempt of one notification: receivers use it to ignore a repeat.
pub const DELIVERY_HEADER: &str = "X-Pilotage-Delivery";

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> HmacSha256 {
    // HMAC takes a key of any length.
    let mut mac = match HmacSha256::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The header value for a body sent at `timestamp`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "sha256={}",
        hex::encode(mac(secret, timestamp, body).finalize().into_bytes())
    )
}

/// Whether `header` is the signature of `body` at `timestamp` (constant-time comparison).
pub fn verify(secret: &str, timestamp: i64, body: &[u8], header: &str) -> bool {
    let Some(hex_sig) = header.strip_prefix("sha256=") else {
        return false;
    };
    let Ok(expected) = hex::decode(hex_sig) else {
        return false;
    };
    mac(secret, timestamp, body).verify_slice(&expected).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_and_any_change_breaks_it() {
        let sig = sign("s3cret", 1_788_000_000, b"{\"a\":1}");
        assert!(verify("s3cret", 1_788_000_000, b"{\"a\":1}", &sig));
        assert!(!verify("other", 1_788_000_000, b"{\"a\":1}", &sig));
        assert!(!verify("s3cret", 1_788_000_001, b"{\"a\":1}", &sig));
        assert!(!verify("s3cret", 1_788_000_000, b"{\"a\":2}", &sig));
        assert!(!verify("s3cret", 1_788_000_000, b"{\"a\":1}", "md5=00"));
    }
}
