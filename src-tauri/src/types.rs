//! Types that cross the boundary to the window, besides the engine's
//! [`Comparison`]. TypeScript versions are generated from these (ts-rs) into
//! `ui/src/generated/`; `tests/types.rs` fails when they drift.

use parallax_engine::model::{Comparison, FetchRecord, Metadata, SourceKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the window sees it: a short kind to branch on and a sentence
/// a person understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    /// `read`, `empty`, `binary`, `too-large`, `saved-file`, `cancelled`,
    /// `too-few`, `no-comparison`, `not-found`, `example-missing`...
    pub kind: String,
    /// What went wrong, in words.
    pub message: String,
}

impl AppError {
    /// An error of the app itself (not the engine).
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        AppError {
            kind: kind.to_string(),
            message: message.into(),
        }
    }
}

impl From<parallax_engine::Error> for AppError {
    fn from(e: parallax_engine::Error) -> Self {
        AppError {
            kind: e.kind().to_string(),
            message: e.to_string(),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.kind)
    }
}

/// A report waiting to be compared, as listed on the Start screen. Its text
/// stays in Rust; the window sees a preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Draft {
    /// Stable key for edits and removal.
    pub key: String,
    /// File name or paste label.
    pub path: String,
    /// What kind of input it was.
    pub source: SourceKind,
    /// Metadata (editable: outlet, date, language).
    pub meta: Metadata,
    /// Words in the text.
    pub words: usize,
    /// The first characters of the text.
    pub preview: String,
    /// For a report fetched from the web: where from and when (the frozen
    /// copy's provenance).
    pub fetch: Option<FetchRecord>,
}

/// The result of adding files: the drafts that were read, and one error per
/// file that was not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Added {
    /// Every draft now listed, in order.
    pub drafts: Vec<Draft>,
    /// Files that could not be read.
    pub errors: Vec<AppError>,
}

/// Progress of a running comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProgressEvent {
    /// `read`, `analyse`, `align`, `classify`, `done`.
    pub stage: String,
    /// Units done.
    pub done: usize,
    /// Units in the stage.
    pub total: usize,
}

/// Progress of one URL being fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FetchProgressEvent {
    /// The URL's position in the list the window sent.
    pub index: usize,
    /// The URL.
    pub url: String,
    /// `started`, `received`, `done` or `failed`.
    pub state: String,
    /// Bytes received so far.
    #[ts(type = "number")]
    pub bytes: u64,
    /// The size the server announced, if it did.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// Why it failed.
    pub message: Option<String>,
}

/// What re-fetching a web report found: whether the article changed since
/// its frozen copy, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EditCheck {
    /// The document in the current comparison.
    pub document: String,
    /// The URL fetched again.
    pub url: String,
    /// When the frozen copy was fetched.
    pub before: String,
    /// When it was fetched now.
    pub after: String,
    /// Whether the article's text changed.
    pub changed: bool,
    /// The edits, sentence by sentence: the frozen copy's sentence and the
    /// current one with the relation between them (`None` on one side for
    /// sentences removed or added).
    pub edits: Vec<Edit>,
}

/// One edited sentence of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Edit {
    /// The sentence as first fetched, if it was there.
    pub before: Option<String>,
    /// The sentence now, if it is still there.
    pub after: Option<String>,
    /// `verbatim`, `agree`, `diverge`, `contradict`, or `removed` / `added`.
    pub relation: String,
    /// The reasons' explanations.
    pub reasons: Vec<String>,
}

/// What the window needs to show the current work: on start-up, after
/// opening a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Session {
    /// Reports listed on the Start screen.
    pub drafts: Vec<Draft>,
    /// The comparison, when one has been made or opened.
    pub comparison: Option<Comparison>,
    /// The `.parallax` file it was saved to or opened from.
    pub path: Option<String>,
    /// Whether there is work that is not saved.
    pub dirty: bool,
}

/// A file in the recent files list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecentFile {
    /// Full path.
    pub path: String,
    /// File name, for display.
    pub name: String,
    /// When it was last saved or opened (seconds since 1970).
    #[ts(type = "number")]
    pub when: u64,
    /// Whether the file is still there.
    pub exists: bool,
}

/// Result type of every command.
pub type CmdResult<T> = Result<T, AppError>;

/// A format the window can export the comparison to: the CLI's `--format`
/// values that make a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// The self-contained HTML report.
    Html,
    /// The Markdown digest.
    Markdown,
    /// The versioned model, `parallax.comparison/1`.
    Json,
    /// One row per link.
    Csv,
    /// The PDF report.
    Pdf,
    /// The classroom worksheet, HTML (outlets hidden).
    Worksheet,
    /// The classroom worksheet, PDF.
    WorksheetPdf,
    /// The worksheet's answer key, HTML.
    AnswerKey,
    /// The worksheet's answer key, PDF.
    AnswerKeyPdf,
}

/// One entry of the Export menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportOption {
    /// What to ask `export_comparison` for.
    pub kind: ExportKind,
    /// The menu label.
    pub label: String,
    /// A line on what the file is for.
    pub hint: String,
    /// The file extension, without the dot.
    pub extension: String,
    /// False when this build cannot make it (PDF without the `pdf` feature).
    pub available: bool,
}
