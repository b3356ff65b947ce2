//! Typed errors of the engine.

use std::path::PathBuf;

/// Everything that can go wrong in the engine. Each variant names the input it
/// concerns, so a message can say which report failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input has no text.
    #[error("{name}: the report is empty")]
    Empty {
        /// File name or label.
        name: String,
    },
    /// The input looks like a binary file, not text.
    #[error(
        "{name}: this looks like a binary file ({detail}), not a text, Markdown or HTML report"
    )]
    Binary {
        /// File name or label.
        name: String,
        /// What gave it away.
        detail: String,
    },
    /// The input is larger than the configured limit.
    #[error("{name}: the report is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// File name or label.
        name: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The YAML front matter could not be read.
    #[error("{name}: the front matter is not valid YAML: {message}")]
    FrontMatter {
        /// File name or label.
        name: String,
        /// What the parser said.
        message: String,
    },
    /// A topic data file could not be found or parsed.
    #[error("topic {name}: {message}")]
    Topic {
        /// Topic name or path.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// Fewer than two reports could be read.
    #[error("a comparison needs at least two reports; {0} could be read")]
    TooFew(usize),
    /// A saved comparison could not be read.
    #[error("{name}: {message}")]
    Saved {
        /// File name.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// The matcher weights could not be read.
    #[error("matcher weights: {0}")]
    Weights(String),
    /// A report could not be fetched from the web.
    #[error("{url}: {failure}")]
    Fetch {
        /// The URL as the user gave it.
        url: String,
        /// What went wrong.
        failure: FetchFailure,
    },
    /// The user cancelled the comparison.
    #[error("the comparison was cancelled")]
    Cancelled,
    /// Writing output failed.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    /// JSON serialisation failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// A short machine-readable kind, for the app boundary (`{kind, message}`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Read { .. } => "read",
            Error::Empty { .. } => "empty",
            Error::Binary { .. } => "binary",
            Error::TooLarge { .. } => "too-large",
            Error::FrontMatter { .. } => "front-matter",
            Error::Topic { .. } => "topic",
            Error::TooFew(_) => "too-few",
            Error::Saved { .. } => "saved-file",
            Error::Weights(_) => "weights",
            Error::Fetch { failure, .. } => failure.kind(),
            Error::Cancelled => "cancelled",
            Error::Io(_) => "io",
            Error::Json(_) => "json",
        }
    }
}

/// Why a URL could not be fetched: each names the cause a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchFailure {
    /// Not a URL at all.
    #[error("not a valid URL ({0})")]
    InvalidUrl(String),
    /// A scheme other than http or https (file:, javascript:, data:, ftp:...).
    #[error("only http and https addresses can be fetched, not {0}:")]
    Scheme(String),
    /// The host name does not resolve.
    #[error("the host name could not be found (DNS): {0}")]
    Dns(String),
    /// Nothing listens at that address.
    #[error("the server refused the connection")]
    Refused,
    /// Another connection failure (TLS, reset, unreachable network).
    #[error("could not connect: {0}")]
    Connect(String),
    /// The server took too long.
    #[error("no complete answer within {0} seconds (timeout)")]
    Timeout(u64),
    /// The server answered with an error status.
    #[error("the server answered HTTP {0}")]
    Status(u16),
    /// The body is larger than the limit.
    #[error("the page is larger than the limit of {0} bytes")]
    TooLarge(u64),
    /// More redirects than allowed.
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    /// A redirect back to an address already visited.
    #[error("a redirect loop (back to {0})")]
    RedirectLoop(String),
    /// The content type is not a web page or text.
    #[error("this is {0}, not an article (only HTML and plain text can be compared)")]
    NotAnArticle(String),
    /// The page arrived but holds no report (empty, binary, no article text).
    #[error("{0}")]
    Unreadable(String),
    /// Anything else from the HTTP stack.
    #[error("{0}")]
    Other(String),
}

impl FetchFailure {
    /// A short machine-readable kind, for the app boundary.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchFailure::InvalidUrl(_) => "fetch-invalid-url",
            FetchFailure::Scheme(_) => "fetch-scheme",
            FetchFailure::Dns(_) => "fetch-dns",
            FetchFailure::Refused => "fetch-refused",
            FetchFailure::Connect(_) => "fetch-connect",
            FetchFailure::Timeout(_) => "fetch-timeout",
            FetchFailure::Status(_) => "fetch-status",
            FetchFailure::TooLarge(_) => "fetch-too-large",
            FetchFailure::TooManyRedirects(_) => "fetch-redirects",
            FetchFailure::RedirectLoop(_) => "fetch-redirect-loop",
            FetchFailure::NotAnArticle(_) => "fetch-not-an-article",
            FetchFailure::Unreadable(_) => "fetch-unreadable",
            FetchFailure::Other(_) => "fetch",
        }
    }
}

/// The engine's result type.
pub type Result<T> = std::result::Result<T, Error>;
