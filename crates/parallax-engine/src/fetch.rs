//! Fetch: reports from the web, with `reqwest` on `tokio` (rustls, no C TLS).
//!
//! A fetched page goes through the same ingest path as a local file (charset
//! detection, main-content extraction, metadata), and keeps a
//! [`FetchRecord`]: the final URL after redirects, the fetch time, the status,
//! the content type and a SHA-256 of the raw body. With the extracted text
//! (and its own SHA-256 in the [`crate::model::Document`]) that is the frozen
//! copy: a saved comparison never needs the network again, and
//! [`check_for_edits`] can later fetch the page anew and compare the two
//! versions with the same engine.
//!
//! What is refused, and why each refusal is a clear error rather than a
//! surprise: schemes other than `http`/`https` (a `file:` or `javascript:`
//! address is not a report and must not read local files); bodies over the
//! size cap (streamed and aborted, never buffered whole); more than
//! [`FetchOptions::max_redirects`] redirects, a redirect loop, or a redirect
//! to another scheme; content types other than HTML and plain text. Each
//! failure names the URL and a cause a person can act on (DNS, refused,
//! timeout, HTTP status, too large, not an article).
//!
//! Several URLs are fetched concurrently, at most
//! [`FetchOptions::concurrency`] at a time; one failing URL never stops the
//! others, and the results come back in the order the URLs were given.

use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::error::{Error, FetchFailure, Result};
use crate::ingest::{self, IngestOptions, Report};
use crate::model::{Document, FetchRecord, SourceKind};

/// Options for fetching, with the defaults a desktop app wants.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Time allowed to open the connection (default 10 s).
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included (default 30 s).
    pub timeout: Duration,
    /// Redirects followed before giving up (default 10).
    pub max_redirects: usize,
    /// Largest body accepted, in bytes (default [`ingest::DEFAULT_MAX_BYTES`]).
    pub max_bytes: u64,
    /// How many URLs are fetched at once (default 4).
    pub concurrency: usize,
    /// The `User-Agent` header: names Parallax, so sites know who asks.
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 10,
            max_bytes: ingest::DEFAULT_MAX_BYTES,
            concurrency: 4,
            user_agent: format!(
                "Parallax/{} (news report comparison; +https://example.org/parallax)",
                crate::VERSION
            ),
        }
    }
}

impl FetchOptions {
    /// Set the total timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// Set the body size cap.
    pub fn max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }
    /// Set the redirect limit.
    pub fn max_redirects(mut self, max_redirects: usize) -> Self {
        self.max_redirects = max_redirects;
        self
    }
    /// Set how many URLs are fetched at once (at least one).
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }
}

/// What happened to one URL, for progress displays.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchEvent {
    /// The request was sent.
    Started,
    /// Part of the body arrived: bytes so far, and the total when the server
    /// said it.
    Received {
        /// Bytes received so far.
        bytes: u64,
        /// `Content-Length`, when sent.
        total: Option<u64>,
    },
    /// The report was fetched and extracted.
    Done,
    /// It failed; the message says why.
    Failed(String),
}

/// Receives progress per URL. Implementations must be cheap: they are called
/// from the fetching tasks.
pub trait FetchProgress: Send + Sync {
    /// `index` is the URL's position in the list given to [`fetch_all`].
    fn event(&self, index: usize, url: &str, event: FetchEvent);
    /// Return true to abandon the fetches still running.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Progress that goes nowhere.
pub struct NoFetchProgress;

impl FetchProgress for NoFetchProgress {
    fn event(&self, _: usize, _: &str, _: FetchEvent) {}
}

/// Does this argument look like an address (`scheme://...`) rather than a
/// file name? Any scheme counts, so `file://` or `ftp://` reach the fetcher
/// and are refused with a clear message instead of "no such file".
pub fn is_url(arg: &str) -> bool {
    let arg = arg.trim();
    match arg.split_once("://") {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Why a redirect was refused, carried through reqwest's error chain.
#[derive(Debug)]
enum RedirectRefusal {
    Loop(String),
    TooMany(usize),
    Scheme(String),
}

impl std::fmt::Display for RedirectRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RedirectRefusal::Loop(u) => write!(f, "redirect loop back to {u}"),
            RedirectRefusal::TooMany(n) => write!(f, "more than {n} redirects"),
            RedirectRefusal::Scheme(s) => write!(f, "redirect to a {s}: address"),
        }
    }
}

impl std::error::Error for RedirectRefusal {}

/// A fetcher: one HTTP client (connection pool, TLS set-up) for many URLs.
pub struct Fetcher {
    client: reqwest::Client,
    opts: FetchOptions,
}

impl Fetcher {
    /// Build a fetcher. Fails only if the TLS stack cannot be set up.
    pub fn new(opts: FetchOptions) -> Result<Self> {
        // reqwest is built without a bundled crypto provider (the default
        // one compiles C); ring is ours. Installing twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let max = opts.max_redirects;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            let scheme = attempt.url().scheme().to_string();
            if scheme != "http" && scheme != "https" {
                return attempt.error(RedirectRefusal::Scheme(scheme));
            }
            if attempt.previous().iter().any(|u| u == attempt.url()) {
                let url = attempt.url().to_string();
                return attempt.error(RedirectRefusal::Loop(url));
            }
            // `previous` holds the original request too.
            if attempt.previous().len() > max {
                return attempt.error(RedirectRefusal::TooMany(max));
            }
            attempt.follow()
        });
        let client = reqwest::Client::builder()
            .user_agent(opts.user_agent.clone())
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            .redirect(policy)
            .build()
            .map_err(|e| Error::Fetch {
                url: String::new(),
                failure: FetchFailure::Other(format!("cannot set up HTTP: {e}")),
            })?;
        Ok(Fetcher { client, opts })
    }

    /// The options in use.
    pub fn options(&self) -> &FetchOptions {
        &self.opts
    }

    /// Fetch one URL and extract its report.
    pub async fn fetch(&self, url: &str) -> Result<Report> {
        self.fetch_with(0, url, &NoFetchProgress).await
    }

    async fn fetch_with(
        &self,
        index: usize,
        url: &str,
        progress: &dyn FetchProgress,
    ) -> Result<Report> {
        let fail = |failure| Error::Fetch {
            url: url.to_string(),
            failure,
        };
        let parsed = reqwest::Url::parse(url.trim())
            .map_err(|e| fail(FetchFailure::InvalidUrl(e.to_string())))?;
        match parsed.scheme() {
            "http" | "https" => {}
            other => return Err(fail(FetchFailure::Scheme(other.to_string()))),
        }
        progress.event(index, url, FetchEvent::Started);
        let response = self
            .client
            .get(parsed.clone())
            .header(
                reqwest::header::ACCEPT,
                "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            )
            .send()
            .await
            .map_err(|e| fail(self.classify(&e)))?;
        let status = response.status();
        if status.is_redirection() {
            // reqwest hands back a redirect it cannot follow (a `file:` or
            // `data:` location) without asking the policy.
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| response.url().join(l).ok());
            return Err(fail(match location {
                Some(l) if !matches!(l.scheme(), "http" | "https") => {
                    FetchFailure::Scheme(l.scheme().to_string())
                }
                _ => FetchFailure::Status(status.as_u16()),
            }));
        }
        if !status.is_success() {
            return Err(fail(FetchFailure::Status(status.as_u16())));
        }
        let final_url = response.url().to_string();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let (kind, charset) = content_kind(&content_type).map_err(fail)?;
        let total = response.content_length();
        if total.is_some_and(|n| n > self.opts.max_bytes) {
            return Err(fail(FetchFailure::TooLarge(self.opts.max_bytes)));
        }
        let mut body: Vec<u8> =
            Vec::with_capacity(total.unwrap_or(64 * 1024).min(1 << 20) as usize);
        let mut response = response;
        loop {
            if progress.cancelled() {
                return Err(Error::Cancelled);
            }
            let chunk = response
                .chunk()
                .await
                .map_err(|e| fail(self.classify(&e)))?;
            let Some(chunk) = chunk else { break };
            if body.len() as u64 + chunk.len() as u64 > self.opts.max_bytes {
                return Err(fail(FetchFailure::TooLarge(self.opts.max_bytes)));
            }
            body.extend_from_slice(&chunk);
            progress.event(
                index,
                url,
                FetchEvent::Received {
                    bytes: body.len() as u64,
                    total,
                },
            );
        }
        let ingest_opts = IngestOptions {
            max_bytes: self.opts.max_bytes,
        };
        let mut report = ingest::from_bytes_in(&final_url, &body, kind, charset, &ingest_opts)
            .map_err(|e| fail(FetchFailure::Unreadable(unreadable(e))))?;
        if report.meta.url.is_none() {
            report.meta.url = Some(final_url.clone());
        }
        report.fetch = Some(FetchRecord {
            requested_url: url.to_string(),
            final_url,
            fetched_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            status: status.as_u16(),
            content_type,
            bytes: body.len() as u64,
            body_sha256: hex(&Sha256::digest(&body)),
        });
        Ok(report)
    }

    /// Turn reqwest's error into a cause a person can act on.
    fn classify(&self, e: &reqwest::Error) -> FetchFailure {
        // Walk the source chain: the redirect refusal, the DNS failure and
        // the refused connection are nested inside hyper's errors.
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
        let mut chain = Vec::new();
        while let Some(err) = source {
            if let Some(r) = err.downcast_ref::<RedirectRefusal>() {
                return match r {
                    RedirectRefusal::Loop(u) => FetchFailure::RedirectLoop(u.clone()),
                    RedirectRefusal::TooMany(n) => FetchFailure::TooManyRedirects(*n),
                    RedirectRefusal::Scheme(s) => FetchFailure::Scheme(s.clone()),
                };
            }
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::ConnectionRefused {
                    return FetchFailure::Refused;
                }
            }
            chain.push(err.to_string());
            source = err.source();
        }
        if e.is_timeout() {
            return FetchFailure::Timeout(self.opts.timeout.as_secs().max(1));
        }
        let text = chain.join(": ");
        if text.contains("dns error") || text.contains("failed to lookup address") {
            let host = e
                .url()
                .and_then(|u| u.host_str())
                .unwrap_or("the host")
                .to_string();
            return FetchFailure::Dns(host);
        }
        if e.is_connect() {
            return FetchFailure::Connect(last_cause(&chain));
        }
        if e.is_redirect() {
            return FetchFailure::TooManyRedirects(self.opts.max_redirects);
        }
        FetchFailure::Other(last_cause(&chain))
    }
}

/// The innermost, most specific cause in an error chain.
fn last_cause(chain: &[String]) -> String {
    chain.last().cloned().unwrap_or_default()
}

/// The engine's ingest error, without the name (the URL is said already).
fn unreadable(e: Error) -> String {
    match e {
        Error::Empty { .. } => "the page holds no article text".to_string(),
        Error::Binary { detail, .. } => format!("the page is not text ({detail})"),
        Error::TooLarge { limit, .. } => format!("the page is larger than {limit} bytes"),
        other => other.to_string(),
    }
}

/// What a `Content-Type` says: the report kind (None: sniff) and the charset.
fn content_kind(
    content_type: &str,
) -> std::result::Result<(Option<SourceKind>, Option<&'static encoding_rs::Encoding>), FetchFailure>
{
    let mut parts = content_type.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            encoding_rs::Encoding::for_label(v.trim().trim_matches(['"', '\'']).as_bytes())
        } else {
            None
        }
    });
    let kind = match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(SourceKind::Html),
        "text/plain" => Some(SourceKind::Text),
        "text/markdown" | "text/x-markdown" => Some(SourceKind::Markdown),
        // No type at all: sniff the body (binary signatures are still refused).
        "" => None,
        other => {
            let what = match other {
                "application/pdf" => "a PDF document (application/pdf)".to_string(),
                o if o.starts_with("image/") => format!("an image ({o})"),
                o if o.starts_with("video/") || o.starts_with("audio/") => {
                    format!("a media file ({o})")
                }
                o => format!("a file of type {o}"),
            };
            return Err(FetchFailure::NotAnArticle(what));
        }
    };
    Ok((kind, charset))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Fetch several URLs concurrently (at most `concurrency` at once). The
/// results come back in the order of `urls`; a failure never stops the others.
pub async fn fetch_all(
    urls: &[String],
    opts: &FetchOptions,
    progress: Arc<dyn FetchProgress>,
) -> Vec<Result<Report>> {
    let fetcher = match Fetcher::new(opts.clone()) {
        Ok(f) => Arc::new(f),
        Err(e) => {
            let msg = e.to_string();
            return urls
                .iter()
                .map(|u| {
                    Err(Error::Fetch {
                        url: u.clone(),
                        failure: FetchFailure::Other(msg.clone()),
                    })
                })
                .collect();
        }
    };
    let limit = Arc::new(tokio::sync::Semaphore::new(opts.concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for (i, url) in urls.iter().enumerate() {
        let fetcher = Arc::clone(&fetcher);
        let limit = Arc::clone(&limit);
        let progress = Arc::clone(&progress);
        let url = url.clone();
        tasks.spawn(async move {
            // The semaphore is never closed, so acquire cannot fail.
            let _permit = limit.acquire_owned().await.ok();
            let result = fetcher.fetch_with(i, &url, progress.as_ref()).await;
            match &result {
                Ok(_) => progress.event(i, &url, FetchEvent::Done),
                Err(e) => progress.event(i, &url, FetchEvent::Failed(e.to_string())),
            }
            (i, result)
        });
    }
    let mut results: Vec<Option<Result<Report>>> = urls.iter().map(|_| None).collect();
    while let Some(joined) = tasks.join_next().await {
        if let Ok((i, r)) = joined {
            results[i] = Some(r);
        }
    }
    results
        .into_iter()
        .zip(urls)
        .map(|(r, url)| {
            r.unwrap_or_else(|| {
                Err(Error::Fetch {
                    url: url.clone(),
                    failure: FetchFailure::Other("the fetch task stopped unexpectedly".into()),
                })
            })
        })
        .collect()
}

/// [`fetch_all`] for callers without an async runtime (the CLI): runs a
/// small multi-threaded tokio runtime for the duration.
pub fn fetch_all_blocking(
    urls: &[String],
    opts: &FetchOptions,
    progress: Arc<dyn FetchProgress>,
) -> Vec<Result<Report>> {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(fetch_all(urls, opts, progress)),
        Err(e) => urls
            .iter()
            .map(|u| {
                Err(Error::Fetch {
                    url: u.clone(),
                    failure: FetchFailure::Other(format!("cannot start the network runtime: {e}")),
                })
            })
            .collect(),
    }
}

/// The frozen copy of a fetched document, as a report again (for comparing
/// it with a fresh fetch, or re-running a comparison offline).
pub fn frozen_report(doc: &Document) -> Report {
    Report {
        path: doc.path.clone(),
        source: doc.source,
        meta: doc.meta.clone(),
        text: doc.text.clone(),
        fetch: doc.fetch.clone(),
    }
}

/// The result of fetching a saved report's page again.
#[derive(Debug)]
pub struct Revision {
    /// The document's id in the saved comparison.
    pub document: String,
    /// The frozen copy's fetch record.
    pub before: FetchRecord,
    /// The fresh copy's fetch record.
    pub after: FetchRecord,
    /// Whether the article's extracted text changed (SHA-256 of the text).
    pub changed: bool,
    /// The two versions compared with the engine: `earlier` against `now`.
    /// What was edited shows as diverging, contradicting or unique sentences.
    pub comparison: crate::model::Comparison,
}

/// Fetch a saved, fetched document's page again and compare the two
/// versions. `opts` are the comparison options (topics, threshold).
pub async fn check_for_edits(
    doc: &Document,
    fetcher: &Fetcher,
    opts: &crate::Options,
) -> Result<Revision> {
    let Some(before) = doc.fetch.clone() else {
        return Err(Error::Fetch {
            url: doc.path.clone(),
            failure: FetchFailure::Other(
                "this report was not fetched from the web, so there is nothing to re-fetch".into(),
            ),
        });
    };
    let mut now = fetcher.fetch(&before.requested_url).await?;
    let Some(after) = now.fetch.clone() else {
        return Err(Error::Fetch {
            url: before.requested_url.clone(),
            failure: FetchFailure::Other("the fresh copy has no fetch record".into()),
        });
    };
    let changed = crate::compare::sha256(&now.text) != doc.sha256;
    let mut earlier = frozen_report(doc);
    earlier.path = format!("as fetched {}", before.fetched_at);
    now.path = format!("as fetched {}", after.fetched_at);
    if now.path == earlier.path {
        now.path.push_str(" (again)");
    }
    // Both versions come from the same outlet: name each by when it was
    // fetched, so every view of the revision tells them apart.
    let name = doc.display_name();
    earlier.meta.outlet = Some(format!("{name} (first fetched {})", before.fetched_at));
    now.meta.outlet = Some(format!("{name} (fetched again {})", after.fetched_at));
    let comparison = crate::compare::compare(vec![earlier, now], opts, &crate::NoProgress)?;
    Ok(Revision {
        document: doc.id.clone(),
        before,
        after,
        changed,
        comparison,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn content_types_map_to_kinds_and_charsets() {
        let (k, c) = content_kind("text/html; charset=ISO-8859-1").unwrap();
        assert_eq!(k, Some(SourceKind::Html));
        assert_eq!(c.map(|e| e.name()), Some("windows-1252"));
        let (k, c) = content_kind("text/plain").unwrap();
        assert_eq!((k, c), (Some(SourceKind::Text), None));
        assert_eq!(content_kind("").unwrap().0, None);
        let err = content_kind("application/pdf").unwrap_err();
        assert!(err.to_string().contains("PDF"), "{err}");
        assert!(matches!(
            content_kind("image/png"),
            Err(FetchFailure::NotAnArticle(_))
        ));
    }

    #[test]
    fn urls_are_told_from_file_names() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org/a"));
        assert!(!is_url("reports/a.html"));
        assert!(!is_url("odd name://x.txt"));
        // Other schemes are addresses too, refused later with a clear reason.
        assert!(is_url("file:///etc/passwd"));
    }
}
