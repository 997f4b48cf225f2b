//! Shared by the e2e suite and the bench: a static server for `dist/` with SPA fallback, a
//! ChromeDriver process, a WebDriver session, and condition waits (never fixed sleeps).
#![allow(dead_code)]
use fantoccini::{Client, ClientBuilder, Locator};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The release bundle folder (built by `make release`).
pub fn dist_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dir.join("index.html").is_file(),
        "no dist/index.html: run `make release` first (make test does)"
    );
    dir
}

/// Serves `root` on 127.0.0.1 (random port). Unknown paths get index.html (SPA fallback), as a
/// static host configured per the README would. Returns the base URL.
pub async fn serve_dist(root: PathBuf) -> String {
    serve_dist_with(root, Vec::new()).await
}

/// [`serve_dist`] plus fixed routes `(path, content type, body)` answered before the files
/// (the bench serves its blank baseline page this way).
pub async fn serve_dist_with(
    root: PathBuf,
    routes: Vec<(&'static str, &'static str, Vec<u8>)>,
) -> String {
    serve(root, routes, "").await
}

/// Serves `root` under the path `prefix` (`/sub`), as GitHub Pages serves a project site: a
/// path under it with no file gets `404.html` with status 404, any other path a bare 404.
/// Returns the site's URL (without the prefix).
pub async fn serve_dist_under(root: PathBuf, prefix: &'static str) -> String {
    serve(root, Vec::new(), prefix).await
}

async fn serve(
    root: PathBuf,
    routes: Vec<(&'static str, &'static str, Vec<u8>)>,
    prefix: &'static str,
) -> String {
    let routes = std::sync::Arc::new(routes);
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind static server");
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                continue;
            };
            let root = root.clone();
            let routes = routes.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut len = 0;
                // Read the request head.
                loop {
                    match sock.read(&mut buf[len..]).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => len += n,
                    }
                    if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") || len == buf.len() {
                        break;
                    }
                }
                let head = String::from_utf8_lossy(&buf[..len]);
                let path = head.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split(['?', '#']).next().unwrap_or("/");
                if let Some((_, ctype, body)) = routes.iter().find(|(p, _, _)| *p == path) {
                    let header = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = sock.write_all(header.as_bytes()).await;
                    let _ = sock.write_all(body).await;
                    let _ = sock.shutdown().await;
                    return;
                }
                let Some(rel) = path.strip_prefix(prefix) else {
                    let _ = sock
                        .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .await;
                    return;
                };
                let rel = rel.trim_start_matches('/');
                let safe = !rel.split('/').any(|s| s == "..");
                let mut file = root.join(rel);
                let mut status = "200 OK";
                if !safe || rel.is_empty() || !file.is_file() {
                    // SPA fallback at the root; a project site's host answers 404.html.
                    file = root.join(if prefix.is_empty() || rel.is_empty() {
                        "index.html"
                    } else {
                        status = "404 Not Found";
                        "404.html"
                    });
                }
                let body = tokio::fs::read(&file).await.unwrap_or_default();
                let ctype = match file.extension().and_then(|e| e.to_str()) {
                    Some("wasm") => "application/wasm",
                    Some("js") => "text/javascript",
                    Some("css") => "text/css",
                    Some("html") => "text/html; charset=utf-8",
                    Some("json") => "application/json",
                    _ => "application/octet-stream",
                };
                let header = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = sock.write_all(header.as_bytes()).await;
                let _ = sock.write_all(&body).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

/// A running ChromeDriver in a process group of its own, with the Chromium it starts; the whole
/// group is killed on drop, so a test that panics before closing its session leaves no browser.
pub struct Driver {
    child: Child,
    /// Its URL.
    pub url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let killed = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        if !killed.is_ok_and(|s| s.success()) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts ChromeDriver (`$CHROMEDRIVER` or `chromedriver` on PATH) and waits until it listens.
/// The port is a free one when asked for, but another process may take it before ChromeDriver
/// does (a test audit): a driver that exits instead of listening is started again on another
/// port, and one that listens is known by still running.
pub async fn start_driver() -> Driver {
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    for _attempt in 0..3 {
        let port = free_port();
        let mut child = Command::new(&bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {bin}: {e} (run `make test`, which installs it)")
            });
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if child.try_wait().is_ok_and(|exited| exited.is_some()) {
                break;
            }
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                // Listening, and the listener is this driver if it did not exit on a port
                // already taken.
                if child.try_wait().is_ok_and(|exited| exited.is_none()) {
                    return Driver { child, url };
                }
                break;
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                panic!("chromedriver did not start listening within 20 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("{bin} exited three times instead of listening (each on a port that was free)");
}

/// A new headless Chromium session with a fresh profile.
pub async fn browser(driver: &Driver) -> Client {
    let mut args = vec![
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    args.push("--lang=zh-CN".into());
    let mut chrome = serde_json::json!({ "args": args });
    if let Ok(bin) = std::env::var("CHROME") {
        chrome["binary"] = bin.into();
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), chrome);
    caps.insert("unhandledPromptBehavior".into(), "accept".into());
    let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(caps);
    builder
        .connect(&driver.url)
        .await
        .expect("WebDriver session")
}

/// Waits until `js` (an expression) is truthy, polling every 25 ms, up to `timeout`.
/// Panics with `what` and the last value on timeout.
pub async fn wait_js(c: &Client, js: &str, what: &str, timeout: Duration) -> serde_json::Value {
    let deadline = Instant::now() + timeout;
    let script = format!("return ({js});");
    let mut last = serde_json::Value::Null;
    loop {
        if let Ok(v) = c.execute(&script, vec![]).await {
            let truthy = match &v {
                serde_json::Value::Null => false,
                serde_json::Value::Bool(b) => *b,
                serde_json::Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
                serde_json::Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return v;
            }
            last = v;
        }
        if Instant::now() >= deadline {
            panic!(
                "timed out after {timeout:?} waiting for {what}; last value: {last}\n{}",
                page_report(c).await
            );
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Waits for a CSS selector to match, returns the element.
pub async fn wait_css(c: &Client, css: &str) -> fantoccini::elements::Element {
    match c
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(el) => el,
        Err(e) => panic!(
            "element {css} did not appear: {e}\n{}",
            page_report(c).await
        ),
    }
}

/// Where the page is and what it shows (for failure messages); also saves a screenshot to
/// target/e2e-failure.png.
pub async fn page_report(c: &Client) -> String {
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/target/e2e-failure.png"),
            png,
        );
    }
    let v = c
        .execute(
            "return location.pathname + '\\n' + document.body.innerText.slice(0, 3000);",
            vec![],
        )
        .await
        .unwrap_or_default();
    format!(
        "--- page at failure (screenshot: target/e2e-failure.png) ---\n{}",
        v.as_str().unwrap_or("")
    )
}

/// Errors recorded by index.html's startup hooks (window.__errors).
pub async fn page_errors(c: &Client) -> Vec<String> {
    let v = c
        .execute("return window.__errors || [];", vec![])
        .await
        .expect("read window.__errors");
    serde_json::from_value(v).expect("window.__errors is a list of strings")
}
