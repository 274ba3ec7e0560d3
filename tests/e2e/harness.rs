//! The end-to-end harness: a static server for `dist/`, a ChromeDriver, and a WebDriver session.
//!
//! Everything started here stops on drop, and [`Session::close`] is called before a test
//! asserts anything, so a failing test leaves no process behind.

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The built site the tests drive (set by `cargo xtask test`).
pub fn dist() -> PathBuf {
    PathBuf::from(
        std::env::var("S3PP_DIST").expect("run the e2e tests with `cargo xtask test --layer e2e`"),
    )
}

/// A tiny static file server on 127.0.0.1 with a chosen port, serving one folder.
pub struct StaticServer {
    pub addr: SocketAddr,
    /// Every request line the server received (`GET /index.html`), in order.
    pub requests: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl StaticServer {
    pub async fn start(root: &Path, extra_headers: &[(&str, &str)]) -> Result<StaticServer, Error> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let root = root.to_path_buf();
        let headers: String = extra_headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect();
        let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = requests.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let root = root.clone();
                let headers = headers.clone();
                let log = log.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 8192];
                    let Ok(n) = stream.read(&mut buf).await else {
                        return;
                    };
                    let request = String::from_utf8_lossy(&buf[..n]);
                    if let Some(line) = request.lines().next() {
                        let mut parts = line.split_whitespace();
                        let entry = format!(
                            "{} {}",
                            parts.next().unwrap_or(""),
                            parts.next().unwrap_or("")
                        );
                        log.lock().unwrap().push(entry);
                    }
                    let path = request
                        .lines()
                        .next()
                        .and_then(|line| line.split_whitespace().nth(1))
                        .unwrap_or("/")
                        .split(['?', '#'])
                        .next()
                        .unwrap_or("/")
                        .to_string();
                    let relative = path.trim_start_matches('/');
                    let relative = if relative.is_empty() || relative.ends_with('/') {
                        format!("{relative}index.html")
                    } else {
                        relative.to_string()
                    };
                    let file = root.join(&relative);
                    let safe = !relative.split('/').any(|part| part == "..");
                    let (status, body, kind) = match (safe, std::fs::read(&file)) {
                        (true, Ok(body)) => ("200 OK", body, content_type(&relative)),
                        _ => ("404 Not Found", b"not found".to_vec(), "text/plain"),
                    };
                    let head = format!(
                        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.write_all(&body).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Ok(StaticServer {
            addr,
            requests,
            task,
        })
    }

    pub fn url(&self, path_and_query: &str) -> String {
        format!(
            "http://{}/{}",
            self.addr,
            path_and_query.trim_start_matches('/')
        )
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// A ChromeDriver on a free loopback port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    async fn start() -> Result<Driver, Error> {
        let port = StdListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let program =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let driver = Driver { child, port };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Ok(driver);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("chromedriver did not start listening within 10 s".into())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser session against a served `dist/`.
pub struct Session {
    pub client: Client,
    pub server: StaticServer,
    _driver: Driver,
    _profile: TempDir,
}

/// A fresh Chromium profile folder, removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Session {
    /// Serves `dist/` (with `headers`) and opens headless Chromium at a window size.
    pub async fn start(
        headers: &[(&str, &str)],
        width: u32,
        height: u32,
    ) -> Result<Session, Error> {
        Session::start_with(headers, width, height, &[]).await
    }

    /// As [`Session::start`], with extra Chromium flags (e.g. `--force-dark-mode`).
    pub async fn start_with(
        headers: &[(&str, &str)],
        width: u32,
        height: u32,
        flags: &[&str],
    ) -> Result<Session, Error> {
        let server = StaticServer::start(&dist(), headers).await?;
        let driver = Driver::start().await?;
        let profile = std::env::temp_dir().join(format!(
            "s3pp-e2e-{}-{}",
            std::process::id(),
            server.addr.port()
        ));
        std::fs::create_dir_all(&profile)?;
        let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chrome,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let mut caps = caps;
        if let Some(args) = caps["goog:chromeOptions"]["args"].as_array_mut() {
            args.extend(flags.iter().map(|f| serde_json::Value::from(*f)));
        }
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await?;
        Ok(Session {
            client,
            server,
            _driver: driver,
            _profile: TempDir(profile),
        })
    }

    /// Opens a page of the site and waits until the app has rendered.
    pub async fn open(&self, path_and_query: &str) -> Result<(), Error> {
        self.client.goto(&self.server.url(path_and_query)).await?;
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(
                ".pg-app[data-live=true] [data-testid=bucket-name]",
            ))
            .await?;
        Ok(())
    }

    /// The text of the element with this `data-testid`.
    pub async fn text(&self, testid: &str) -> Result<String, Error> {
        let selector = format!("[data-testid={testid}]");
        Ok(self
            .client
            .find(Locator::Css(&selector))
            .await?
            .text()
            .await?)
    }

    /// The address, once the page has written its last change there (it lags the page by
    /// `URL_WRITE_DELAY_MS`, so a burst of changes makes one history write).
    pub async fn written_url(&self) -> Result<String, Error> {
        let lag = s3_policy_playground::ui::effects::URL_WRITE_DELAY_MS.unsigned_abs();
        tokio::time::sleep(Duration::from_millis(u64::from(lag) + 250)).await;
        Ok(self.client.current_url().await?.to_string())
    }

    pub async fn find(&self, testid: &str) -> Result<fantoccini::elements::Element, Error> {
        let selector = format!("[data-testid={testid}]");
        Ok(self.client.find(Locator::Css(&selector)).await?)
    }

    /// Ends the browser session; the driver and server stop when `self` drops.
    pub async fn close(self) -> Result<(), Error> {
        self.client.clone().close().await?;
        Ok(())
    }
}
