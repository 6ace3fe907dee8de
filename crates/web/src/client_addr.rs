//! Whose request this is: the address that sign-in throttling counts and logs name.
//! The direct peer, unless it is one of the `trusted_proxies`; then `X-Forwarded-For`
//! is read from the right, and the first address that is not itself a trusted proxy is
//! the client (addresses to its left were written by the client and prove nothing).

use axum::http::HeaderMap;
pub use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The client's address: `peer`, or what trusted proxies say they forwarded for.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.to_canonical();
    if trusted.is_empty() {
        return peer;
    }
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    // Several headers count as one list, in order.
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        if !is_trusted(&client) {
            break;
        }
        match parse_hop(hop) {
            Some(ip) => client = ip,
            // A hop that does not read: the last trusted one is as far as we know.
            None => break,
        }
    }
    client
}

/// `1.2.3.4`, `2001:db8::1`, or with a port (`1.2.3.4:5678`, `[2001:db8::1]:5678`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The setting: CIDRs (`10.0.0.0/8`) or single addresses (`192.168.1.10`), separated by
/// commas or given one by one; an empty list trusts no proxy.
pub fn parse_trusted<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Vec<IpNet>, String> {
    let mut out = Vec::new();
    for item in items.into_iter().flat_map(|s| s.split(',')) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let net = item
            .parse::<IpNet>()
            .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
            .map_err(|_| format!("{item:?} is not an address or a CIDR range (10.0.0.0/8)"))?;
        out.push(net);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let h = xff(&["203.0.113.9"]);
        assert_eq!(client_address(ip("10.0.0.2"), &h, &[]), ip("10.0.0.2"));
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_peer() {
        let trusted = parse_trusted(["10.0.0.0/8"]).unwrap();
        let h = xff(&["203.0.113.9"]);
        assert_eq!(
            client_address(ip("10.1.2.3"), &h, &trusted),
            ip("203.0.113.9")
        );
        // Straight from the Internet: the peer itself, whatever it claims.
        assert_eq!(
            client_address(ip("198.51.100.7"), &h, &trusted),
            ip("198.51.100.7")
        );
        // No header from a trusted proxy: the proxy.
        assert_eq!(
            client_address(ip("10.1.2.3"), &HeaderMap::new(), &trusted),
            ip("10.1.2.3")
        );
    }

    #[test]
    fn the_right_most_untrusted_address_wins() {
        let trusted = parse_trusted(["10.0.0.0/8, 192.168.1.10"]).unwrap();
        // The client wrote "1.1.1.1" itself; 203.0.113.9 reached the first proxy.
        let h = xff(&["1.1.1.1, 203.0.113.9, 192.168.1.10"]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &h, &trusted),
            ip("203.0.113.9")
        );
        // Several headers make one list.
        let h = xff(&["1.1.1.1", "203.0.113.9", "192.168.1.10"]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &h, &trusted),
            ip("203.0.113.9")
        );
        // All trusted: the left-most.
        let h = xff(&["10.9.9.9, 192.168.1.10"]);
        assert_eq!(client_address(ip("10.0.0.1"), &h, &trusted), ip("10.9.9.9"));
        // Garbage stops the walk at the last trusted hop.
        let h = xff(&["203.0.113.9, not-an-ip"]);
        assert_eq!(client_address(ip("10.0.0.1"), &h, &trusted), ip("10.0.0.1"));
        // Ports and IPv6.
        let h = xff(&["[2001:db8::1]:4711, 203.0.113.9:80"]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &h, &trusted),
            ip("203.0.113.9")
        );
        let v6 = parse_trusted(["fd00::/8"]).unwrap();
        let h = xff(&["2001:db8::1"]);
        assert_eq!(client_address(ip("fd00::2"), &h, &v6), ip("2001:db8::1"));
        // An IPv4 peer seen through an IPv6 socket is the IPv4 address.
        assert_eq!(
            client_address(ip("::ffff:10.0.0.1"), &xff(&["203.0.113.9"]), &trusted),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn settings_read() {
        assert_eq!(parse_trusted(["", " "]).unwrap(), vec![]);
        assert_eq!(
            parse_trusted(["10.0.0.0/8,127.0.0.1", "::1"]).unwrap(),
            vec![
                "10.0.0.0/8".parse::<IpNet>().unwrap(),
                "127.0.0.1/32".parse().unwrap(),
                "::1/128".parse().unwrap()
            ]
        );
        assert!(parse_trusted(["10.0.0.0/33"]).is_err());
        assert!(parse_trusted(["proxy.local"]).is_err());
    }
}
