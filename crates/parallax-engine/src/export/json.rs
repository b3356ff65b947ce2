//! The versioned JSON model (`parallax.comparison/1`).

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{Comparison, SCHEMA};

/// Write the JSON on one line: the form for files and programs. Indenting
/// doubles the size (100 reports of 100 sentences: 360 MB against 710 MB)
/// and adds a sixth to the time of the whole comparison.
pub fn write(cmp: &Comparison, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer(&mut *out, cmp)?;
    writeln!(out)?;
    Ok(())
}

/// Write the JSON indented, for a person reading it at a terminal. Same
/// content as [`write()`].
pub fn write_pretty(cmp: &Comparison, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, cmp)?;
    writeln!(out)?;
    Ok(())
}

/// Read a comparison from JSON, checking its schema tag first so that a file
/// from a newer Parallax gets a clear message, not a parse error.
pub fn read(name: &str, text: &str) -> Result<Comparison> {
    // The tag alone first (the rest skipped unread), then the model itself:
    // no tree of JSON values several times the file's size.
    let head: crate::saved::SchemaTag = serde_json::from_str(text).map_err(|e| Error::Saved {
        name: name.into(),
        message: if e.is_data() {
            "not a Parallax comparison (no schema tag)".into()
        } else {
            format!("not a Parallax comparison (invalid JSON: {e})")
        },
    })?;
    let schema = head.schema.as_deref().unwrap_or("");
    if schema != SCHEMA {
        let msg = if schema.starts_with("parallax.comparison/") {
            format!("written by another version of Parallax (schema {schema}); this version reads {SCHEMA}")
        } else {
            "not a Parallax comparison (no schema tag)".to_string()
        };
        return Err(Error::Saved {
            name: name.into(),
            message: msg,
        });
    }
    serde_json::from_str(text).map_err(|e| Error::Saved {
        name: name.into(),
        message: format!("damaged comparison: {e}"),
    })
}
