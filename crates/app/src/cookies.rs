//! When the cookies of the web pages (the session's, the sign-in form's) get `Secure`: always, never, or (`auto`,
//! the default) when the request came over HTTPS, that is over TLS served by this process, or through a trusted
//! reverse proxy that says `X-Forwarded-Proto: https`. Forwarding headers are believed only from the addresses
//! configured as trusted proxies (actix's `connection_info` believes them from anyone, so it is not used).

use actix_web::http::header::HeaderName;
use actix_web::HttpRequest;
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// `PILOTAGE_SECURE_COOKIES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecureCookies {
    /// `Secure` over HTTPS only (TLS here, or a trusted proxy's `X-Forwarded-Proto: https`).
    #[default]
    Auto,
    /// Always `Secure` (a service reached over HTTPS only).
    On,
    /// Never (plain HTTP development).
    Off,
}

impl FromStr for SecureCookies {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "auto" => Ok(Self::Auto),
            "on" => Ok(Self::On),
            "off" => Ok(Self::Off),
            other => Err(format!("auto, on or off expected, not {other:?}")),
        }
    }
}

/// One trusted proxy: an address, or a network in CIDR notation (`10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy {
    network: IpAddr,
    prefix: u8,
}

impl TrustedProxy {
    /// Whether `address` is this proxy (an IPv4-mapped IPv6 address counts as its IPv4 address).
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, address.to_canonical()) {
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(network) & mask == u32::from(address) & mask
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(network) & mask == u128::from(address) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for TrustedProxy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let bad = || format!("{s:?} is neither an IP address nor a network such as 10.0.0.0/8");
        let (address, prefix) = match s.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (s, None),
        };
        let network = address.parse::<IpAddr>().map_err(|_| bad())?.to_canonical();
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?,
            None => max,
        };
        Ok(Self { network, prefix })
    }
}

impl fmt::Display for TrustedProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// Parses `PILOTAGE_TRUSTED_PROXIES`: addresses or networks separated by commas or spaces.
pub fn parse_trusted_proxies(list: &str) -> Result<Vec<TrustedProxy>, String> {
    list.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|item| !item.is_empty())
        .map(str::parse)
        .collect()
}

/// The cookie policy of the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CookiePolicy {
    pub secure: SecureCookies,
    /// Whose `X-Forwarded-Proto` is believed (`PILOTAGE_TRUSTED_PROXIES`); nobody's by default.
    pub trusted_proxies: Vec<TrustedProxy>,
}

const FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");

impl CookiePolicy {
    /// Whether the cookies set in answer to `req` get `Secure`.
    pub fn secure_for(&self, req: &HttpRequest) -> bool {
        match self.secure {
            SecureCookies::On => true,
            SecureCookies::Off => false,
            SecureCookies::Auto => req.app_config().secure() || self.forwarded_https(req),
        }
    }

    /// Whether the peer is a trusted proxy whose `X-Forwarded-Proto` says `https` (its first value: the scheme the
    /// client used with the first proxy).
    fn forwarded_https(&self, req: &HttpRequest) -> bool {
        let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
            return false;
        };
        if !self.trusted_proxies.iter().any(|p| p.contains(peer)) {
            return false;
        }
        req.headers()
            .get(FORWARDED_PROTO)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy(s: &str) -> TrustedProxy {
        s.parse().unwrap()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        assert!(proxy("10.0.0.7").contains(ip("10.0.0.7")));
        assert!(!proxy("10.0.0.7").contains(ip("10.0.0.8")));
        assert!(proxy("10.0.0.0/8").contains(ip("10.200.3.4")));
        assert!(!proxy("10.0.0.0/8").contains(ip("11.0.0.1")));
        assert!(proxy("0.0.0.0/0").contains(ip("203.0.113.9")));
        assert!(proxy("10.0.0.7").contains(ip("::ffff:10.0.0.7")));
        assert!(proxy("::ffff:10.0.0.7").contains(ip("10.0.0.7")));
        assert!(proxy("fd00::/8").contains(ip("fd12::1")));
        assert!(!proxy("fd00::/8").contains(ip("10.0.0.7")));
        assert!(proxy("::1").contains(ip("::1")));
        for bad in ["", "proxy.example", "10.0.0.0/33", "10.0.0.0/x", "::/129"] {
            assert!(bad.parse::<TrustedProxy>().is_err(), "{bad}");
        }
        assert_eq!(
            parse_trusted_proxies("10.0.0.1, 192.168.0.0/16 ::1").unwrap(),
            vec![proxy("10.0.0.1"), proxy("192.168.0.0/16"), proxy("::1")]
        );
        assert!(parse_trusted_proxies("10.0.0.1,nope").is_err());
        assert_eq!(parse_trusted_proxies("  ").unwrap(), vec![]);
    }

    #[test]
    fn secure_cookies_read_auto_on_off() {
        assert_eq!("auto".parse(), Ok(SecureCookies::Auto));
        assert_eq!(" on".parse(), Ok(SecureCookies::On));
        assert_eq!("off".parse(), Ok(SecureCookies::Off));
        assert!("yes".parse::<SecureCookies>().is_err());
    }
}
