//! Ingest arbitrary bytes as text, Markdown, HTML and sniffed input: every
//! outcome must be a report or a typed error, and a report's text must be
//! non-empty, NFC and free of carriage returns and NULs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax_engine::ingest::{from_bytes, IngestOptions};
use parallax_engine::model::SourceKind;

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions::default();
    for kind in [
        None,
        Some(SourceKind::Text),
        Some(SourceKind::Markdown),
        Some(SourceKind::Html),
    ] {
        if let Ok(r) = from_bytes("fuzz", data, kind, &opts) {
            assert!(!r.text.trim().is_empty(), "an accepted report has text");
            assert!(!r.text.contains('\r') && !r.text.contains('\0'));
        }
    }
});
