//! The little URL handling this crate needs: checking that an address is a secure web address,
//! naming its host, hiding its secret path, and adding a query parameter.

use crate::LinkError;

/// The parts of an absolute `scheme://authority/...` address this crate looks at.
struct Parts<'a> {
    /// The scheme, as written (compare case-insensitively).
    scheme: &'a str,
    /// The host, with IPv6 brackets kept, as written.
    host: &'a str,
    /// The authority (host and port), as written.
    authority: &'a str,
}

fn parts(url: &str) -> Option<Parts<'_>> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // A user name (`https://trusted.example@other.example/`) would make the address look like
    // it points somewhere it does not.
    if authority.is_empty() || authority.contains(['@', '\\']) {
        return None;
    }
    let (host, port) = if let Some(after_bracket) = authority.strip_prefix('[') {
        let end = after_bracket.find(']')?;
        let host = &authority[..end + 2];
        (host, authority[end + 2..].strip_prefix(':'))
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() || host == "[]" || authority.len() > host.len() + port.map_or(0, |p| p.len() + 1) {
        return None;
    }
    if port.is_some_and(|p| p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    Some(Parts { scheme, host, authority })
}

/// Accepts `https://` addresses, and `http://` only to this machine (`localhost`, `127.0.0.1`,
/// `[::1]`) so that tests can run against a local server.
pub(crate) fn check_secure(url: &str) -> Result<(), LinkError> {
    let parts = parts(url).ok_or(LinkError::BadUrl)?;
    if parts.scheme.eq_ignore_ascii_case("https") {
        Ok(())
    } else if parts.scheme.eq_ignore_ascii_case("http") {
        let host = parts.host.to_ascii_lowercase();
        if matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") { Ok(()) } else { Err(LinkError::InsecureUrl) }
    } else {
        Err(LinkError::BadUrl)
    }
}

/// The host of an address already accepted by [`check_secure`] (empty otherwise).
pub(crate) fn host(url: &str) -> &str {
    parts(url).map_or("", |p| p.host)
}

/// `scheme://authority/…`: the address without its path, which in a SMART Health Link is a
/// secret (it grants access to the records). Used by the `Debug` implementations.
pub(crate) fn redacted(url: &str) -> String {
    match parts(url) {
        Some(p) => format!("{}://{}/…", p.scheme, p.authority),
        None => "…".to_owned(),
    }
}

/// `url` with `name=value` added to its query, the value percent-encoded (everything but
/// RFC 3986's unreserved characters). A fragment, if any, stays at the end.
pub(crate) fn with_query_param(url: &str, name: &str, value: &str) -> String {
    let (base, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let mut out = String::with_capacity(url.len() + name.len() + value.len() * 3 + 2);
    out.push_str(base);
    if !base.contains('?') {
        out.push('?');
    } else if !base.ends_with(['?', '&']) {
        out.push('&');
    }
    out.push_str(name);
    out.push('=');
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out.push_str(fragment);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_addresses() {
        assert_eq!(check_secure("https://ehr.example.org/qr/abc/m"), Ok(()));
        assert_eq!(check_secure("HTTPS://EHR.EXAMPLE.ORG"), Ok(()));
        assert_eq!(check_secure("https://ehr.example.org:8443/m?x=1"), Ok(()));
        assert_eq!(check_secure("https://[2001:db8::1]:443/m"), Ok(()));
        assert_eq!(check_secure("http://localhost:8080/m"), Ok(()));
        assert_eq!(check_secure("http://127.0.0.1/m"), Ok(()));
        assert_eq!(check_secure("http://[::1]:9000/m"), Ok(()));
        assert_eq!(check_secure("http://ehr.example.org/m"), Err(LinkError::InsecureUrl));
        assert_eq!(check_secure("http://localhost.example.org/m"), Err(LinkError::InsecureUrl));
        assert_eq!(check_secure("ftp://ehr.example.org/m"), Err(LinkError::BadUrl));
        assert_eq!(check_secure("ehr.example.org/m"), Err(LinkError::BadUrl));
        assert_eq!(check_secure("https:///m"), Err(LinkError::BadUrl));
        assert_eq!(check_secure("https://ehr.example.org@evil.example/m"), Err(LinkError::BadUrl));
        assert_eq!(check_secure("https://ehr.example.org/a b"), Err(LinkError::BadUrl));
        assert_eq!(check_secure("https://ehr.example.org:/m"), Err(LinkError::BadUrl));
        assert_eq!(check_secure("https://ehr.example.org:44x3/m"), Err(LinkError::BadUrl));
        assert_eq!(check_secure("https://[::1/m"), Err(LinkError::BadUrl));
        assert_eq!(check_secure("https://[::1]x/m"), Err(LinkError::BadUrl));
        assert_eq!(check_secure(""), Err(LinkError::BadUrl));
    }

    #[test]
    fn host_and_redaction() {
        assert_eq!(host("https://ehr.example.org:8443/qr/secret/m"), "ehr.example.org");
        assert_eq!(redacted("https://ehr.example.org:8443/qr/secret/m"), "https://ehr.example.org:8443/…");
        assert_eq!(redacted("not a url"), "…");
    }

    #[test]
    fn query_parameter_is_added_and_encoded() {
        assert_eq!(
            with_query_param("https://s.example/f", "recipient", "Dr. Ana Müller & Co"),
            "https://s.example/f?recipient=Dr.%20Ana%20M%C3%BCller%20%26%20Co"
        );
        assert_eq!(
            with_query_param("https://s.example/f?a=1", "recipient", "x"),
            "https://s.example/f?a=1&recipient=x"
        );
        assert_eq!(with_query_param("https://s.example/f?", "recipient", "x"), "https://s.example/f?recipient=x");
        assert_eq!(
            with_query_param("https://s.example/f#frag", "recipient", "x"),
            "https://s.example/f?recipient=x#frag"
        );
    }
}
