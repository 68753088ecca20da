//! Where a webhook may point: an `https://` URL whose host is a public address, checked at registration and again
//! at delivery (against the addresses actually connected to). Plain `http://` and loopback only when the
//! development setting `PILOTAGE_WEBHOOK_ALLOW_LOOPBACK=on` allows it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::time::Duration;

/// What webhook deliveries may reach, and how long and how much they may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookPolicy {
    /// Plain `http://` to loopback (127.0.0.0/8, `::1`, `localhost`); off in production.
    pub allow_loopback: bool,
    /// Bound of one attempt: connection, and the whole request with its answer.
    pub timeout: Duration,
    /// Bytes of the answer read at most; a longer answer is a failed attempt.
    pub max_response_bytes: u64,
}

impl Default for WebhookPolicy {
    fn default() -> Self {
        Self {
            allow_loopback: false,
            timeout: Duration::from_secs(10),
            max_response_bytes: 64 * 1024,
        }
    }
}

/// Why a URL or an address is refused, in French (shown to the API client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

fn refuse<T>(why: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(why.into()))
}

/// What an address is, for a webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
    Public,
    Loopback,
    /// Private, link-local, multicast… (the reason).
    Forbidden(&'static str),
}

fn v4_kind(ip: Ipv4Addr) -> AddressKind {
    let [a, b, c, _] = ip.octets();
    use AddressKind::*;
    match (a, b, c) {
        (127, _, _) => Loopback,
        (0, _, _) => Forbidden("adresse non spécifiée (0.0.0.0/8)"),
        (10, _, _) => Forbidden("adresse privée (10.0.0.0/8)"),
        (172, 16..=31, _) => Forbidden("adresse privée (172.16.0.0/12)"),
        (192, 168, _) => Forbidden("adresse privée (192.168.0.0/16)"),
        (100, 64..=127, _) => Forbidden("adresse partagée (100.64.0.0/10)"),
        (169, 254, _) => Forbidden("adresse de lien local (169.254.0.0/16)"),
        (192, 0, 0) => Forbidden("adresse réservée (192.0.0.0/24)"),
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => Forbidden("adresse de documentation"),
        (198, 18..=19, _) => Forbidden("adresse de test (198.18.0.0/15)"),
        (192, 88, 99) => Forbidden("adresse de relais 6to4 (192.88.99.0/24)"),
        (224..=239, _, _) => Forbidden("adresse de multidiffusion"),
        (240..=255, _, _) => Forbidden("adresse réservée ou de diffusion (240.0.0.0/4)"),
        _ => Public,
    }
}

fn v6_kind(ip: Ipv6Addr) -> AddressKind {
    use AddressKind::*;
    let s = ip.segments();
    if ip.is_unspecified() {
        return Forbidden("adresse non spécifiée (::)");
    }
    if ip.is_loopback() {
        return Loopback;
    }
    // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): the IPv4 inside.
    let embedded = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if s[..5] == [0, 0, 0, 0, 0] && (s[5] == 0xffff || s[5] == 0) {
        return v4_kind(embedded);
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return v4_kind(embedded);
    }
    if s[0] == 0x2002 {
        // 6to4: the IPv4 in the next 32 bits.
        let inner = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
        return match v4_kind(inner) {
            Public => Public,
            _ => Forbidden("adresse 6to4 d'une adresse non publique"),
        };
    }
    match s[0] {
        0xfe80..=0xfebf => Forbidden("adresse de lien local (fe80::/10)"),
        0xfec0..=0xfeff => Forbidden("adresse de site (fec0::/10)"),
        0xfc00..=0xfdff => Forbidden("adresse locale unique (fc00::/7)"),
        0xff00..=0xffff => Forbidden("adresse de multidiffusion (ff00::/8)"),
        0x2001 if s[1] == 0x0db8 => Forbidden("adresse de documentation (2001:db8::/32)"),
        0x2001 if s[1] < 0x0200 => Forbidden("adresse réservée (2001::/23, Teredo…)"),
        0x3fff if s[1] < 0x1000 => Forbidden("adresse de documentation (3fff::/20)"),
        0x0100 if s[1..4] == [0, 0, 0] => Forbidden("adresse de rebut (100::/64)"),
        0x0000..=0x00ff => Forbidden("adresse réservée (::/8)"),
        _ => Public,
    }
}

/// The kind of an address.
pub fn address_kind(ip: IpAddr) -> AddressKind {
    match ip {
        IpAddr::V4(v4) => v4_kind(v4),
        IpAddr::V6(v6) => v6_kind(v6),
    }
}

/// Whether a webhook with `scheme` may reach `ip`.
pub fn check_address(ip: IpAddr, https: bool, policy: &WebhookPolicy) -> Result<(), Refusal> {
    match address_kind(ip) {
        AddressKind::Forbidden(why) => refuse(format!("{ip} : {why}")),
        AddressKind::Loopback if !policy.allow_loopback => {
            refuse(format!("{ip} : adresse de boucle locale"))
        }
        AddressKind::Loopback => Ok(()),
        AddressKind::Public if !https => refuse(format!(
            "une adresse https:// est attendue ({ip} : http:// seulement vers la boucle locale, en développement)"
        )),
        AddressKind::Public => Ok(()),
    }
}

/// The checks that need no name resolution: length, parsing, scheme, no user information, and a literal IP or a
/// reserved name (`localhost`, `*.localhost`, `*.internal`, `*.local`) judged at once. Returns the parsed URL.
pub fn check_syntax(raw: &str, policy: &WebhookPolicy) -> Result<url::Url, Refusal> {
    if raw.len() > 2000 {
        return refuse("2 000 caractères au plus");
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("une adresse https:// sans espace ni caractère de contrôle est attendue");
    }
    let url = match url::Url::parse(raw) {
        Ok(url) => url,
        Err(e) => {
            return refuse(format!(
                "adresse illisible ({e}) ; une adresse https:// est attendue"
            ))
        }
    };
    let https = match url.scheme() {
        "https" => true,
        "http" => false,
        _ => return refuse("une adresse https:// est attendue"),
    };
    if !url.username().is_empty() || url.password().is_some() {
        return refuse("l'adresse ne doit pas contenir d'identifiants (« utilisateur@ »)");
    }
    match url.host() {
        None => return refuse("une adresse https:// avec un nom d'hôte est attendue"),
        Some(url::Host::Ipv4(ip)) => check_address(IpAddr::V4(ip), https, policy)?,
        Some(url::Host::Ipv6(ip)) => check_address(IpAddr::V6(ip), https, policy)?,
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if name == "localhost" || name.ends_with(".localhost") {
                check_address(IpAddr::V4(Ipv4Addr::LOCALHOST), https, policy)?;
            } else if name.ends_with(".internal") || name.ends_with(".local") || !name.contains('.')
            {
                return refuse(format!("{name} : nom de réseau interne"));
            } else if !https {
                return refuse("une adresse https:// est attendue (http:// seulement vers la boucle locale, en développement)");
            }
        }
    }
    Ok(url)
}

/// Every check, the name resolved once: the addresses to connect to, each checked. A name that does not resolve
/// is refused too (at registration, see [`check_for_registration`]).
pub fn resolve_checked(raw: &str, policy: &WebhookPolicy) -> Result<Vec<SocketAddr>, Refusal> {
    let url = check_syntax(raw, policy)?;
    let addrs = url
        .socket_addrs(|| None)
        .map_err(|e| Refusal(format!("nom introuvable : {e}")))?;
    check_all(&addrs, url.scheme() == "https", policy)?;
    Ok(addrs)
}

fn check_all(addrs: &[SocketAddr], https: bool, policy: &WebhookPolicy) -> Result<(), Refusal> {
    if addrs.is_empty() {
        return refuse("nom introuvable");
    }
    for addr in addrs {
        check_address(addr.ip(), https, policy)?;
    }
    Ok(())
}

/// At registration: every check; a name that resolves must resolve to allowed addresses only. A name that does not
/// resolve now is accepted (each delivery resolves and checks again).
pub fn check_for_registration(raw: &str, policy: &WebhookPolicy) -> Result<(), Refusal> {
    let url = check_syntax(raw, policy)?;
    let https = url.scheme() == "https";
    let Some(host) = url.host_str() else {
        return refuse("une adresse https:// avec un nom d'hôte est attendue");
    };
    let port = url.port_or_known_default().unwrap_or(443);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(addrs) = (host, port).to_socket_addrs() {
        let addrs: Vec<SocketAddr> = addrs.collect();
        if !addrs.is_empty() {
            check_all(&addrs, https, policy)?;
        }
    }
    Ok(())
}

/// A ureq resolver that resolves once, checks every address and hands ureq only those: no DNS rebinding between
/// the check and the connection.
#[derive(Debug)]
pub(crate) struct CheckingResolver {
    pub policy: WebhookPolicy,
}

impl ureq::unversioned::resolver::Resolver for CheckingResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let addrs = ureq::unversioned::resolver::DefaultResolver::default()
            .resolve(uri, config, timeout)?;
        let https = uri.scheme_str() == Some("https");
        check_all(&addrs, https, &self.policy).map_err(|r| ureq::Error::Other(Box::new(r)))?;
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_urls_are_refused_and_public_https_accepted() {
        let off = WebhookPolicy::default();
        let on = WebhookPolicy {
            allow_loopback: true,
            ..off
        };
        for bad in [
            "http://127.0.0.1@127.0.0.3/",
            "https://user:pw@example.fr/",
            "ftp://example.fr/",
            "file:///etc/passwd",
            "gopher://example.fr/",
            "https://127.0.0.1/",
            "https://127.1/",
            "https://2130706433/",
            "https://0x7f000001/",
            "https://0177.0.0.1/",
            "https://localhost/",
            "https://LOCALHOST./",
            "https://a.localhost/",
            "https://metadata.google.internal/",
            "https://169.254.169.254/latest/meta-data",
            "https://10.0.0.1/",
            "https://172.16.0.1/",
            "https://172.31.255.255/",
            "https://192.168.1.1/",
            "https://100.64.0.1/",
            "https://0.0.0.0:5432/",
            "https://0/",
            "https://255.255.255.255/",
            "https://224.0.0.1/",
            "https://192.0.2.1/",
            "https://198.51.100.1/",
            "https://203.0.113.1/",
            "https://[::1]/",
            "https://[::]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:7f00:1]/",
            "https://[::127.0.0.1]/",
            "https://[::ffff:169.254.169.254]/",
            "https://[64:ff9b::a00:1]/",
            "https://[2002:7f00:1::]/",
            "https://[fe80::1]/",
            "https://[fc00::1]/",
            "https://[fd12:3456::1]/",
            "https://[ff02::1]/",
            "https://[2001:db8::1]/",
            "http://example.fr/",
            "https://exa mple.fr/",
            "https://example.fr/\n",
            "https://intranet/",
        ] {
            assert!(check_for_registration(bad, &off).is_err(), "{bad} accepted");
        }
        for bad in [
            "https://10.0.0.1/",
            "http://[::ffff:10.0.0.1]/",
            "http://example.fr/",
        ] {
            assert!(
                check_for_registration(bad, &on).is_err(),
                "{bad} accepted with loopback on"
            );
        }
        for good in [
            "https://sirh.ac-dijon.fr/hooks",
            "https://93.184.216.34/x",
            "https://[2606:4700::1111]/",
        ] {
            assert_eq!(check_for_registration(good, &off), Ok(()), "{good}");
        }
        for dev in [
            "http://127.0.0.1:9/x",
            "http://localhost:8080/",
            "http://[::1]:80/",
        ] {
            assert!(check_for_registration(dev, &off).is_err(), "{dev}");
            assert_eq!(check_for_registration(dev, &on), Ok(()), "{dev}");
        }
    }

    #[test]
    fn the_default_bounds_are_ten_seconds_and_64_kib() {
        let p = WebhookPolicy::default();
        assert!(!p.allow_loopback);
        assert_eq!(
            (p.timeout, p.max_response_bytes),
            (Duration::from_secs(10), 65536)
        );
    }
}
