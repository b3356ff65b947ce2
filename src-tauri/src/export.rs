//! Export from the window: the same exporters as `parallax compare --format`,
//! written atomically to the path the user chose in the save dialog.
//!
//! PDF comes from `parallax-pdf` (typst), compiled in only with the app's
//! `pdf` feature, because typst is a large build; `scripts/run.sh` and the
//! E2E build turn it on. Without it the menu shows the PDF entries as
//! unavailable and the command refuses them with a clear error.

use std::path::{Path, PathBuf};

use parallax_engine::export::{self, Format};
use parallax_engine::model::Comparison;
use parallax_engine::saved;

use crate::types::{AppError, CmdResult, ExportKind, ExportOption};

/// Whether this build can typeset PDF.
pub const PDF: bool = cfg!(feature = "pdf");

impl ExportKind {
    /// Every kind, in menu order.
    pub const ALL: [ExportKind; 9] = [
        ExportKind::Html,
        ExportKind::Pdf,
        ExportKind::Markdown,
        ExportKind::Csv,
        ExportKind::Json,
        ExportKind::Worksheet,
        ExportKind::WorksheetPdf,
        ExportKind::AnswerKey,
        ExportKind::AnswerKeyPdf,
    ];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Html | ExportKind::Worksheet | ExportKind::AnswerKey => "html",
            ExportKind::Pdf | ExportKind::WorksheetPdf | ExportKind::AnswerKeyPdf => "pdf",
            ExportKind::Markdown => "md",
            ExportKind::Json => "json",
            ExportKind::Csv => "csv",
        }
    }

    fn is_pdf(self) -> bool {
        self.extension() == "pdf"
    }

    fn label(self) -> &'static str {
        match self {
            ExportKind::Html => "Report (HTML)",
            ExportKind::Pdf => "Report (PDF)",
            ExportKind::Markdown => "Digest (Markdown)",
            ExportKind::Csv => "Links (CSV)",
            ExportKind::Json => "Model (JSON)",
            ExportKind::Worksheet => "Worksheet (HTML)",
            ExportKind::WorksheetPdf => "Worksheet (PDF)",
            ExportKind::AnswerKey => "Answer key (HTML)",
            ExportKind::AnswerKeyPdf => "Answer key (PDF)",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            ExportKind::Html => "one self-contained file that opens offline in any browser",
            ExportKind::Pdf => "the printed report, fonts embedded, text selectable",
            ExportKind::Markdown => "contradictions first, for newsletters and notes",
            ExportKind::Csv => "one row per link, for spreadsheets",
            ExportKind::Json => "the versioned model, parallax.comparison/1",
            ExportKind::Worksheet | ExportKind::WorksheetPdf => {
                "for students: outlets hidden, numbered sentences, questions"
            }
            ExportKind::AnswerKey | ExportKind::AnswerKeyPdf => {
                "for the teacher: outlets revealed, answers with sentence numbers"
            }
        }
    }

    /// The engine's exporter, or `None` for the PDF kinds.
    fn format(self) -> Option<Format> {
        Some(match self {
            ExportKind::Html => Format::Html,
            ExportKind::Markdown => Format::Markdown,
            ExportKind::Json => Format::Json,
            ExportKind::Csv => Format::Csv,
            ExportKind::Worksheet => Format::Worksheet,
            ExportKind::AnswerKey => Format::AnswerKey,
            ExportKind::Pdf | ExportKind::WorksheetPdf | ExportKind::AnswerKeyPdf => return None,
        })
    }
}

/// The Export menu of this build.
pub fn options() -> Vec<ExportOption> {
    ExportKind::ALL
        .iter()
        .map(|&kind| ExportOption {
            kind,
            label: kind.label().to_string(),
            hint: kind.hint().to_string(),
            extension: kind.extension().to_string(),
            available: PDF || !kind.is_pdf(),
        })
        .collect()
}

/// `path` with the kind's extension added when it has none.
pub fn target_path(path: &Path, kind: ExportKind) -> PathBuf {
    let mut path = path.to_path_buf();
    if path.extension().is_none() {
        path.set_extension(kind.extension());
    }
    path
}

/// The bytes of one export.
pub fn render(cmp: &Comparison, kind: ExportKind) -> CmdResult<Vec<u8>> {
    match kind.format() {
        Some(format) => {
            let mut buf = Vec::new();
            export::write(format, cmp, &mut buf, false)
                .map_err(|e| AppError::new("export", format!("cannot write the export: {e}")))?;
            Ok(buf)
        }
        None => pdf(cmp, kind),
    }
}

#[cfg(feature = "pdf")]
fn pdf(cmp: &Comparison, kind: ExportKind) -> CmdResult<Vec<u8>> {
    let made = match kind {
        ExportKind::WorksheetPdf => parallax_pdf::worksheet(cmp),
        ExportKind::AnswerKeyPdf => parallax_pdf::answer_key(cmp),
        _ => parallax_pdf::report(cmp),
    };
    made.map_err(|e| AppError::new("export", e.to_string()))
}

#[cfg(not(feature = "pdf"))]
fn pdf(_cmp: &Comparison, _kind: ExportKind) -> CmdResult<Vec<u8>> {
    Err(AppError::new(
        "unsupported",
        "this build of Parallax has no PDF output (build it with `--features pdf`, as scripts/run.sh does); export HTML and print it instead",
    ))
}

/// Render and write atomically (a temporary file beside the target, then a
/// rename), so a failed export never leaves half a file. Returns the path.
pub fn write(cmp: &Comparison, kind: ExportKind, path: &Path) -> CmdResult<PathBuf> {
    let bytes = render(cmp, kind)?;
    let path = target_path(path, kind);
    saved::write_atomic(&path, &bytes).map_err(AppError::from)?;
    Ok(path)
}
