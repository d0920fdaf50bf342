//! A small static file server for the built site, sending the security headers the app
//! relies on. For local use and the end-to-end tests; a clinic serves `dist/` with any
//! web server configured with the same headers (see `_headers` in the built site).

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Scripts only from this origin, WebAssembly compilation allowed, nothing inline, and the
/// page may not be framed. `connect-src` lets the loader fetch the wasm module and the issuer
/// directory ('self'), and link intake fetch SMART Health Links and FHIR addresses (https: only).
/// The service worker (sw.js) and the web app manifest fall under default-src 'self'. In kiosk
/// mode www/loader.js adds a second policy, `connect-src 'self'`, which only narrows this one.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data: blob:; connect-src 'self' https:; object-src 'none'; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    // The camera is for scanning SMART Health Card QR codes; nothing else is needed.
    ("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"),
];

#[derive(Debug)]
pub struct StaticServer {
    listener: TcpListener,
    site: PathBuf,
}

impl StaticServer {
    pub fn bind(address: &str, site: PathBuf) -> std::io::Result<Self> {
        Ok(Self { listener: TcpListener::bind(address)?, site })
    }

    pub fn address(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.address())
    }

    /// Serves until the process ends, one thread per connection.
    pub fn run(self) {
        for stream in self.listener.incoming().flatten() {
            let site = self.site.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &site);
            });
        }
    }
}

fn respond(mut stream: TcpStream, site: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the response.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 && header.len() < 16 * 1024 {
        header.clear();
    }

    let mut words = request_line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let response = match method {
        "GET" | "HEAD" => match resolve(site, target) {
            Some(path) => match std::fs::read(&path) {
                Ok(body) => Response { status: "200 OK", content_type: content_type(&path), body },
                Err(_) => Response::not_found(),
            },
            None => Response::not_found(),
        },
        _ => Response {
            status: "405 Method Not Allowed",
            content_type: "text/plain; charset=utf-8",
            body: b"Only GET and HEAD are served.\n".to_vec(),
        },
    };
    response.write_to(&mut stream, method == "HEAD")
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Response {
    fn not_found() -> Self {
        Self { status: "404 Not Found", content_type: "text/plain; charset=utf-8", body: b"Not found.\n".to_vec() }
    }

    fn write_to(&self, stream: &mut TcpStream, head_only: bool) -> std::io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\
             Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n",
            self.status,
            self.content_type,
            self.body.len()
        );
        for (name, value) in SECURITY_HEADERS {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

/// Maps a request target to a file inside `site`, or None. Query strings are ignored, and
/// any `..`, backslash or NUL is refused so nothing outside the site can be read.
fn resolve(site: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?.strip_prefix('/')?;
    let decoded = percent_decode(path)?;
    if decoded.split('/').any(|segment| segment == ".." || segment.contains(['\\', '\0'])) {
        return None;
    }
    let file =
        site.join(if decoded.is_empty() || decoded.ends_with('/') { format!("{decoded}index.html") } else { decoded });
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "ttf" => "font/ttf",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn serve_temp_site() -> (SocketAddr, PathBuf) {
        let site = std::env::temp_dir().join(format!(
            "recdesk-server-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&site);
        std::fs::create_dir_all(site.join("sub")).expect("temp site");
        std::fs::write(site.join("index.html"), "<!doctype html><title>t</title>").expect("write");
        std::fs::write(site.join("app_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");
        std::fs::write(site.join("sub/a b.js"), "export {}").expect("write");
        std::fs::write(site.join("manifest.webmanifest"), "{}").expect("write");
        let server = StaticServer::bind("127.0.0.1:0", site.clone()).expect("bind");
        let address = server.address();
        std::thread::spawn(move || server.run());
        (address, site)
    }

    fn request(address: SocketAddr, raw: &str) -> String {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream.write_all(raw.as_bytes()).expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read");
        String::from_utf8_lossy(&response).into_owned()
    }

    #[test]
    fn serves_index_with_the_security_headers() {
        let (address, _) = serve_temp_site();
        let response = request(address, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
        assert!(response.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(response.contains(&format!("Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\n")));
        assert!(response.contains("X-Content-Type-Options: nosniff\r\n"));
        assert!(response.ends_with("<title>t</title>"));
    }

    #[test]
    fn the_policy_allows_wasm_and_nothing_inline() {
        assert!(CONTENT_SECURITY_POLICY.contains("'wasm-unsafe-eval'"));
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"));
        assert!(CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        let (address, _) = serve_temp_site();
        let response = request(address, "GET /app_bg.wasm?v=1 HTTP/1.1\r\n\r\n");
        assert!(response.contains("Content-Type: application/wasm\r\n"), "{response}");
    }

    #[test]
    fn the_web_app_manifest_has_its_own_type() {
        let (address, _) = serve_temp_site();
        let response = request(address, "GET /manifest.webmanifest HTTP/1.1\r\n\r\n");
        assert!(response.contains("Content-Type: application/manifest+json\r\n"), "{response}");
    }

    #[test]
    fn percent_encoded_names_are_found() {
        let (address, _) = serve_temp_site();
        let response = request(address, "GET /sub/a%20b.js HTTP/1.1\r\n\r\n");
        assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
        assert!(response.contains("Content-Type: text/javascript"));
    }

    #[test]
    fn nothing_outside_the_site_can_be_read() {
        let (address, site) = serve_temp_site();
        std::fs::write(site.parent().expect("a parent").join("recdesk-secret.txt"), "secret").expect("write");
        for target in [
            "/../recdesk-secret.txt",
            "/%2e%2e/recdesk-secret.txt",
            "/sub/..%2F..%2Frecdesk-secret.txt",
            "/missing.js",
            "/%zz",
        ] {
            let response = request(address, &format!("GET {target} HTTP/1.1\r\n\r\n"));
            assert!(response.starts_with("HTTP/1.1 404"), "{target}: {response}");
            assert!(!response.contains("secret"), "{target}");
        }
    }

    #[test]
    fn head_has_no_body_and_other_methods_are_refused() {
        let (address, _) = serve_temp_site();
        let head = request(address, "HEAD / HTTP/1.1\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK") && head.ends_with("\r\n\r\n"), "{head}");
        let post = request(address, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
    }
}
