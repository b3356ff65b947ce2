//! The versioned JSON model (`parallax.comparison/1`).

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{Comparison, Contribution, Link, SCHEMA};

/// Write the JSON on one line: the form for files and programs. Indenting
/// doubles the size (100 reports of 100 sentences: 360 MB against 710 MB)
/// and adds a sixth to the time of the whole comparison.
///
/// The bytes are exactly `serde_json`'s for the whole model, but the links
/// (nine tenths of a large comparison's JSON) are written in batches, each
/// batch serialised on every core into buffers that are then written in
/// order while the next batch is serialised: one core wrote 330 MB in
/// 0.43 s at 100 reports, and overlapping the writes with the next batch
/// took the whole `compare --out` there from 2.07–2.10 s to 2.01–2.04 s.
/// Within a piece, an evidence list already written is copied rather than
/// serialised again.
pub fn write(cmp: &Comparison, out: &mut dyn Write) -> Result<()> {
    write_object(cmp, out)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The model's JSON object as [`write()`] writes it, with no line end: the
/// bytes of `serde_json::to_writer(out, cmp)`. A saved file holds it too.
pub(crate) fn write_object(cmp: &Comparison, out: &mut dyn Write) -> Result<()> {
    use rayon::prelude::*;
    // Every field, so that a new one cannot be left out here.
    let Comparison {
        schema,
        generator,
        documents,
        links,
        internal,
        clusters,
        unique,
        quotes,
        framing,
        topics,
    } = cmp;
    member(out, '{', "schema", schema)?;
    member(out, ',', "generator", generator)?;
    member(out, ',', "documents", documents)?;
    write!(out, ",\"links\":[")?;
    const BATCH: usize = 8192;
    const PIECE: usize = 512;
    let serialise = |batch: &[crate::model::Link]| -> Result<Vec<Vec<u8>>> {
        batch
            .par_chunks(PIECE)
            .map(|piece| -> Result<Vec<u8>> {
                let mut buf = Vec::with_capacity(piece.len() * 1024);
                let mut written = Written::default();
                for (i, l) in piece.iter().enumerate() {
                    if i > 0 {
                        buf.push(b',');
                    }
                    link(&mut buf, l, &mut written)?;
                }
                Ok(buf)
            })
            .collect()
    };
    // Each batch is written while the next is serialised on the pool: the
    // writes (about 0.13 s for the 320 MB of 100 reports) no longer leave a
    // core idle.
    let mut batches = links.chunks(BATCH);
    let mut ready = batches.next().map(serialise).transpose()?;
    let mut first = true;
    while let Some(pieces) = ready.take() {
        let mut next = None;
        let written = rayon::in_place_scope(|scope| -> Result<()> {
            if let Some(batch) = batches.next() {
                let next = &mut next;
                scope.spawn(move |_| *next = Some(serialise(batch)));
            }
            for piece in &pieces {
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                out.write_all(piece)?;
            }
            Ok(())
        });
        written?;
        ready = next.transpose()?;
    }
    out.write_all(b"]")?;
    member(out, ',', "internal", internal)?;
    member(out, ',', "clusters", clusters)?;
    member(out, ',', "unique", unique)?;
    member(out, ',', "quotes", quotes)?;
    member(out, ',', "framing", framing)?;
    member(out, ',', "topics", topics)?;
    out.write_all(b"}")?;
    Ok(())
}

/// Where in a piece's buffer each evidence list already written there sits,
/// by the list's address. Every link between copies of the same two
/// sentences (wire copy) shares one list (see [`Link::evidence`]), and the
/// links of one sentence to copies of another are neighbours in the
/// links' order, so most lists a piece needs it has already written once:
/// the bytes are copied from there instead of serialised again. (At 100
/// reports of 100 sentences the lists are 115 MB of the links' 256 MB, and
/// 25,058 distinct ones among 238,712 links.) Only a piece's own bytes are
/// reused: nothing is held beyond the piece.
#[derive(Default)]
struct Written(rustc_hash::FxHashMap<usize, std::ops::Range<usize>>);

/// One link: the bytes `serde_json` writes for it, its evidence copied
/// from earlier in `buf` when `written` has it there.
fn link(buf: &mut Vec<u8>, l: &Link, written: &mut Written) -> Result<()> {
    // Every field, in the order of the struct (which is the order its
    // derived `Serialize` writes them in), so that a new one cannot be
    // left out here. Each name is pushed as bytes: writing them through
    // `member` (a `write!` per field) took the export at 100 × 100 from
    // 0.36–0.41 s to 0.62–0.68 s.
    let Link {
        a,
        b,
        relation,
        score,
        paraphrase,
        reasons,
        evidence,
        diff,
    } = l;
    buf.extend_from_slice(b"{\"a\":");
    serde_json::to_writer(&mut *buf, a)?;
    buf.extend_from_slice(b",\"b\":");
    serde_json::to_writer(&mut *buf, b)?;
    buf.extend_from_slice(b",\"relation\":");
    serde_json::to_writer(&mut *buf, relation)?;
    buf.extend_from_slice(b",\"score\":");
    serde_json::to_writer(&mut *buf, score)?;
    buf.extend_from_slice(b",\"paraphrase\":");
    serde_json::to_writer(&mut *buf, paraphrase)?;
    buf.extend_from_slice(b",\"reasons\":");
    serde_json::to_writer(&mut *buf, reasons)?;
    buf.extend_from_slice(b",\"evidence\":");
    let key = std::sync::Arc::as_ptr(evidence).cast::<Contribution>() as usize;
    match written.0.get(&key) {
        Some(at) => buf.extend_from_within(at.clone()),
        None => {
            let start = buf.len();
            serde_json::to_writer(&mut *buf, &evidence[..])?;
            written.0.insert(key, start..buf.len());
        }
    }
    buf.extend_from_slice(b",\"diff\":");
    serde_json::to_writer(&mut *buf, diff)?;
    buf.push(b'}');
    Ok(())
}

/// One member of the model's object, after `sep` (`{` for the first).
fn member(out: &mut dyn Write, sep: char, name: &str, value: &impl serde::Serialize) -> Result<()> {
    write!(out, "{sep}\"{name}\":")?;
    serde_json::to_writer(&mut *out, value)?;
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
    let head = crate::saved::SchemaTag::read(text).map_err(|e| Error::Saved {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(cmp: &Comparison) -> Vec<u8> {
        let mut expected = serde_json::to_vec(cmp).expect("serde_json");
        expected.push(b'\n');
        expected
    }

    fn written(cmp: &Comparison) -> Vec<u8> {
        let mut out = Vec::new();
        write(cmp, &mut out).expect("write");
        out
    }

    fn sample() -> Comparison {
        let texts = [
            ("a.txt", "Morales resigned on Sunday after the army urged him to go. Nine people died in Sacaba on Friday. The capital was quiet."),
            ("b.txt", "Morales resigned on Sunday after the army suggested he step down. Five people died in Sacaba on Friday, officials said."),
            ("c.txt", "The president resigned on Sunday. At least nine people were killed in Sacaba on Friday. Schools stayed shut."),
        ];
        crate::compare::compare_texts(
            &texts,
            &crate::Options::default().created("2019-11-20T00:00:00Z"),
        )
        .expect("compare")
    }

    #[test]
    fn the_batched_links_are_the_bytes_of_the_whole_model() {
        let cmp = sample();
        assert!(!cmp.links.is_empty());
        assert_eq!(written(&cmp), whole(&cmp));
    }

    #[test]
    fn batches_and_pieces_join_without_a_seam() {
        // Enough links to fill several pieces and more than one batch, and a
        // last batch that is not full.
        let mut cmp = sample();
        let seed = cmp.links.clone();
        cmp.links = seed.iter().cycle().take(20_001).cloned().collect();
        let out = written(&cmp);
        assert_eq!(out, whole(&cmp));
        let back: Comparison = serde_json::from_slice(&out).expect("valid JSON");
        assert_eq!(back.links.len(), 20_001);
        cmp.links.clear();
        assert_eq!(written(&cmp), whole(&cmp));
    }
}
