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
/// content as [`write`].
pub fn write_pretty(cmp: &Comparison, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, cmp)?;
    writeln!(out)?;
    Ok(())
}

/// Read a comparison from JSON, checking its schema tag first so that a file
/// from a newer Parallax gets a clear message, not a parse error.
pub fn read(name: &str, text: &str) -> Result<Comparison> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::Saved {
        name: name.into(),
        message: format!("not a Parallax comparison (invalid JSON: {e})"),
    })?;
    let schema = v.get("schema").and_then(|s| s.as_str()).unwrap_or("");
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
    serde_json::from_value(v).map_err(|e| Error::Saved {
        name: name.into(),
        message: format!("damaged comparison: {e}"),
    })
}
