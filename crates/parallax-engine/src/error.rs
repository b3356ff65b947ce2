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
            Error::Cancelled => "cancelled",
            Error::Io(_) => "io",
            Error::Json(_) => "json",
        }
    }
}

/// The engine's result type.
pub type Result<T> = std::result::Result<T, Error>;
