//! Exporters: every format is a view of one [`Comparison`], written to any
//! `impl Write`.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
pub mod view;

use std::io::Write;

use crate::error::Result;
use crate::model::Comparison;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Terminal summary.
    Text,
    /// The versioned JSON model.
    Json,
    /// A Markdown digest.
    Markdown,
    /// One row per link.
    Csv,
    /// A self-contained HTML report.
    Html,
    /// A classroom worksheet (HTML) with the outlets hidden.
    Worksheet,
    /// The worksheet's answer key (HTML), revealing outlets and answers.
    AnswerKey,
}

/// Write a comparison in a format. `color` applies to `Text` only.
pub fn write(format: Format, cmp: &Comparison, out: &mut dyn Write, color: bool) -> Result<()> {
    match format {
        Format::Text => text::write(cmp, out, color),
        Format::Json => json::write(cmp, out),
        Format::Markdown => markdown::write(cmp, out),
        Format::Csv => csv::write(cmp, out),
        Format::Html => html::write_report(cmp, out),
        Format::Worksheet => html::write_worksheet(cmp, out, false),
        Format::AnswerKey => html::write_worksheet(cmp, out, true),
    }
}
