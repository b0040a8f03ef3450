//! The HTTP client deliveries are posted with: a timeout per call, and redirects followed (up
//! to five) only to `http(s)` URLs, and not to private, loopback or link-local addresses or
//! local names unless `webhook_allow_private` is set.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use reqwest::redirect::{Attempt, Policy};
use url::{Host, Url};

/// The most redirects one delivery follows.
const MAX_REDIRECTS: usize = 5;

/// The client for webhook deliveries.
pub fn client(timeout: Duration, allow_private: bool) -> reqwest::Result<reqwest::Client> {
    let policy = Policy::custom(move |attempt: Attempt<'_>| {
        if attempt.previous().len() >= MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else if !matches!(attempt.url().scheme(), "http" | "https") {
            attempt.error("redirect to a URL that is not http(s)")
        } else if !allow_private && is_private(attempt.url()) {
            attempt.error("redirect to a private address")
        } else {
            attempt.follow()
        }
    });
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(policy)
        .user_agent(concat!("threadesk/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// Whether the URL names a private, loopback, link-local or unspecified address, or a local
/// name (`localhost`, `*.localhost`, `*.local`, `*.internal`).
pub fn is_private(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => private_v4(ip),
        Some(Host::Ipv6(ip)) => private_v6(ip),
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost"
                || [".localhost", ".local", ".internal"]
                    .iter()
                    .any(|suffix| name.ends_with(suffix))
                || name
                    .parse::<IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
        }
        None => true,
    }
}

fn private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || (a == 100 && (64..128).contains(&b))
}

fn private_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || ip.to_ipv4_mapped().is_some_and(private_v4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_loopback_and_local_addresses_are_recognised() {
        for private in [
            "http://127.0.0.1/",
            "http://10.1.2.3/",
            "http://192.168.0.1/",
            "http://172.16.5.5/",
            "http://169.254.169.254/latest",
            "http://100.64.0.1/",
            "http://0.0.0.0/",
            "http://[::1]/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://[::ffff:10.0.0.1]/",
            "http://localhost:8080/",
            "http://db.internal/",
            "http://printer.local/",
        ] {
            assert!(is_private(&Url::parse(private).unwrap()), "{private}");
        }
        for public in [
            "https://example.com/hook",
            "http://8.8.8.8/",
            "http://[2001:db8::1]/",
        ] {
            assert!(!is_private(&Url::parse(public).unwrap()), "{public}");
        }
    }
}
