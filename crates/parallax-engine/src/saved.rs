//! Saved comparisons (`.parallax` files): the whole model, reports' text
//! included, so a file reopens identically without the original files or the
//! network. Written atomically: a temporary file beside the target, synced,
//! then renamed over it, so a crash mid-save leaves the old file intact.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Comparison, Span};

/// Schema tag of a saved file.
pub const FILE_SCHEMA: &str = "parallax.file/1";

/// What a `.parallax` file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedFile {
    /// Always [`FILE_SCHEMA`].
    pub schema: String,
    /// The comparison, with every report's text.
    pub comparison: Comparison,
}

/// Save atomically. The file is streamed to disk as it is serialised: no
/// copy of the comparison and no in-memory image of the file, which for a
/// large comparison would double or triple the memory a save needs.
///
/// The bytes are `serde_json`'s for a [`SavedFile`] holding `cmp`, one
/// line; the comparison inside is written by the JSON export's writer,
/// which serialises the links on every core: at 100 reports of 100
/// sentences a save took 1.8–2.3 s with `serde_json` alone, 0.6–0.8 s so.
pub fn save(path: &Path, cmp: &Comparison) -> Result<()> {
    write_atomic_with(path, |w| {
        // (A field added to `SavedFile` and not written here fails the
        // test `a_saved_file_is_the_bytes_of_serde_json`.)
        w.write_all(b"{\"schema\":")?;
        serde_json::to_writer(&mut *w, FILE_SCHEMA)?;
        w.write_all(b",\"comparison\":")?;
        crate::export::json::write_object(cmp, w)?;
        w.write_all(b"}")?;
        Ok(())
    })
}

/// Write bytes to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| Ok(w.write_all(bytes)?))
}

/// Write to `path` through a temporary file beside it (buffered, synced) and
/// a rename, so a crash or an error midway leaves any old file intact and no
/// partial file behind. `write` streams the content.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("comparison");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let res = (|| -> Result<()> {
        let file = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::new(EarlySync::new(file));
        write(&mut w)?;
        let f = w
            .into_inner()
            .map_err(|e| Error::Io(e.into_error()))?
            .finish();
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}

/// Bytes written between two early syncs of a large file.
const SYNC_EVERY: u64 = 32 << 20;

/// A file being written that asks the disk to catch up as it grows: every
/// [`SYNC_EVERY`] bytes a second thread syncs what has been written so far,
/// while writing goes on, so the sync before the rename only waits for the
/// last stretch. (Databases do the same, RocksDB's `bytes_per_sync`, to
/// spread the cost of syncing a large file; at 100 reports the JSON is
/// 320 MB and its one sync at the end took about 0.12 s.) The early syncs
/// only start the work sooner: the final `sync_all` still decides whether
/// the file is safe, and reports any error. A small file never starts the
/// thread.
struct EarlySync {
    file: std::fs::File,
    since: u64,
    syncer: Option<(std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>)>,
}

impl EarlySync {
    fn new(file: std::fs::File) -> Self {
        EarlySync {
            file,
            since: 0,
            syncer: None,
        }
    }

    /// Ask for a sync of what is written so far, starting the thread the
    /// first time. A file handle that cannot be cloned just means no early
    /// sync.
    fn request(&mut self) {
        if self.syncer.is_none() {
            let Ok(early) = self.file.try_clone() else {
                return;
            };
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            let thread = std::thread::spawn(move || {
                while rx.recv().is_ok() {
                    // Requests that came in meanwhile are served by this one.
                    while rx.try_recv().is_ok() {}
                    let _ = early.sync_data();
                }
            });
            self.syncer = Some((tx, thread));
        }
        if let Some((tx, _)) = &self.syncer {
            let _ = tx.send(());
        }
    }

    /// The file, once any early sync has finished.
    fn finish(mut self) -> std::fs::File {
        if let Some((tx, thread)) = self.syncer.take() {
            drop(tx);
            let _ = thread.join();
        }
        self.file
    }
}

impl Write for EarlySync {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.since += n as u64;
        if self.since >= SYNC_EVERY {
            self.since = 0;
            self.request();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// The `schema` field of a JSON object, every other field skipped unread.
#[derive(Deserialize)]
pub(crate) struct SchemaTag {
    /// The tag, when it is a string.
    pub(crate) schema: Option<String>,
}

impl SchemaTag {
    /// Read the tag of `text`. Parallax writes it first, so a text that
    /// opens with `{"schema":"` gives its tag at once; any other text
    /// (indented, or from another program) is read whole, skipping every
    /// other field. Skipping them was a pass over the whole file before
    /// the real one: opening the 263 MB file of a 100-report comparison
    /// took a median 3.85 s with it and 3.32 s without (six loads each).
    /// The full parse that follows checks the rest either way.
    pub(crate) fn read(text: &str) -> serde_json::Result<Self> {
        match Self::opening(text) {
            Some(tag) => Ok(SchemaTag { schema: Some(tag) }),
            None => serde_json::from_str(text),
        }
    }

    /// The tag of a text that opens with it, as Parallax writes it; `text`
    /// may be only the opening bytes of a file.
    fn opening(text: &str) -> Option<String> {
        // The string from its opening quote; what follows it is the full
        // parse's to check.
        let string = text
            .strip_prefix("{\"schema\":")
            .filter(|rest| rest.starts_with('"'))?;
        let mut de = serde_json::Deserializer::from_str(string);
        String::deserialize(&mut de).ok()
    }
}

/// The message for a file whose full parse failed.
fn damaged(e: &serde_json::Error) -> String {
    if e.is_eof() {
        format!("the file is damaged or truncated ({e})")
    } else {
        format!("the file is damaged ({e})")
    }
}

/// A saved file's tag is the one this version opens, or an error that says
/// what the file is.
fn known(name: &str, tag: Option<&str>) -> Result<()> {
    match tag {
        Some(FILE_SCHEMA) => Ok(()),
        Some(s) if s.starts_with("parallax.file/") => Err(Error::Saved {
            name: name.into(),
            message: format!("saved by a newer Parallax ({s}); this version opens {FILE_SCHEMA}"),
        }),
        _ => Err(Error::Saved {
            name: name.into(),
            message: "not a Parallax file".into(),
        }),
    }
}

/// Open a saved file, with a clear message for damaged or newer files.
///
/// A file that opens with its tag, as Parallax writes it, is parsed as it
/// is read, never held whole: the 263 MB file of a 100-report comparison
/// peaked at 344 MB read whole (its text and the model) and at 88 MB
/// streamed, for about 0.4 s more (0.82 against 1.17–1.27 s). Any other
/// file (indented, or written by another program) is read whole first, to
/// find its tag wherever it is.
pub fn load(path: &Path) -> Result<Comparison> {
    let name = path.display().to_string();
    let unreadable = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut reader =
        std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(unreadable)?);
    let head = std::io::BufRead::fill_buf(&mut reader).map_err(unreadable)?;
    // A short read is fine: the tag of a file Parallax wrote is in its
    // first few dozen bytes, and without it the file is read whole.
    let opening = match std::str::from_utf8(head) {
        Ok(text) => SchemaTag::opening(text),
        Err(e) => SchemaTag::opening(std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")),
    };
    let file: SavedFile = match opening {
        Some(tag) => {
            known(&name, Some(&tag))?;
            serde_json::from_reader(reader).map_err(|e| Error::Saved {
                name: name.clone(),
                message: damaged(&e),
            })?
        }
        None => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut reader, &mut bytes).map_err(unreadable)?;
            let text = std::str::from_utf8(&bytes).map_err(|_| Error::Saved {
                name: name.clone(),
                message: "not a Parallax file (not UTF-8 text)".into(),
            })?;
            let head = SchemaTag::read(text).map_err(|e| Error::Saved {
                name: name.clone(),
                message: if e.is_data() {
                    "not a Parallax file".into()
                } else {
                    format!("the file is damaged or truncated ({e})")
                },
            })?;
            known(&name, head.schema.as_deref())?;
            serde_json::from_str(text).map_err(|e| Error::Saved {
                name: name.clone(),
                message: damaged(&e),
            })?
        }
    };
    if file.comparison.schema != crate::model::SCHEMA {
        return Err(Error::Saved {
            name,
            message: format!("unsupported comparison schema {}", file.comparison.schema),
        });
    }
    // A damaged or hand-edited file must not reach the window with spans
    // that point past (or into the middle of a character of) their text.
    validate(&file.comparison).map_err(|problem| Error::Saved {
        name,
        message: format!("the file is damaged ({problem})"),
    })?;
    Ok(file.comparison)
}

/// Check that every position in a comparison is usable: each sentence's span
/// lies in its report's text, on character boundaries, and matches its text;
/// every link, cluster, quote and framing use names sentences that exist; and
/// every reason, diff, quote and framing span lies in the right report's text
/// on character boundaries. [`load`] refuses a file that fails this, and the
/// tests hold every comparison the engine makes to it.
pub fn validate(cmp: &Comparison) -> std::result::Result<(), String> {
    // Sentence id → its report's text.
    let mut texts: HashMap<&str, &str> = HashMap::new();
    for d in &cmp.documents {
        for s in &d.sentences {
            if d.text.get(s.start..s.end) != Some(s.text.as_str()) {
                return Err(format!(
                    "sentence {} does not match its report's text",
                    s.id
                ));
            }
            texts.insert(s.id.as_str(), d.text.as_str());
        }
    }
    let text_of = |id: &str| {
        texts
            .get(id)
            .copied()
            .ok_or_else(|| format!("sentence {id} is not in any report"))
    };
    let span_in = |text: &str, sp: &Span, what: &str| {
        if sp.start <= sp.end && text.get(sp.start..sp.end).is_some() {
            Ok(())
        } else {
            Err(format!(
                "{what} span {}..{} is outside its report's text",
                sp.start, sp.end
            ))
        }
    };
    for l in cmp.links.iter().chain(&cmp.internal) {
        let (ta, tb) = (text_of(&l.a)?, text_of(&l.b)?);
        for r in &l.reasons {
            for sp in &r.a_spans {
                span_in(ta, sp, "a reason")?;
            }
            for sp in &r.b_spans {
                span_in(tb, sp, "a reason")?;
            }
        }
        for op in l.diff.iter() {
            if let Some(sp) = &op.a {
                span_in(ta, sp, "a diff")?;
            }
            if let Some(sp) = &op.b {
                span_in(tb, sp, "a diff")?;
            }
        }
    }
    for c in &cmp.clusters {
        for id in &c.sentences {
            text_of(id)?;
        }
    }
    for id in &cmp.unique {
        text_of(id)?;
    }
    for q in &cmp.quotes {
        for side in [&q.a, &q.b] {
            span_in(text_of(&side.sentence)?, &side.span, "a quote")?;
        }
    }
    for f in &cmp.framing {
        span_in(text_of(&f.sentence)?, &f.span, "a framing")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_file_is_the_bytes_of_serde_json() {
        let texts = [
            ("a.txt", "Morales resigned on Sunday after the army urged him to go. Nine people died in Sacaba on Friday."),
            ("b.txt", "Morales resigned on Sunday after the army suggested he step down. Five people died in Sacaba on Friday."),
            ("c.txt", "Morales resigned on Sunday. At least nine people were killed in Sacaba on Friday."),
        ];
        let mut cmp = crate::compare::compare_texts(
            &texts,
            &crate::Options::default().created("2019-11-20T00:00:00Z"),
        )
        .expect("compare");
        // Links that share their evidence lists, in more than one piece of
        // the writer.
        let seed = cmp.links.clone();
        assert!(!seed.is_empty());
        cmp.links = seed.iter().cycle().take(1_500).cloned().collect();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.parallax");
        save(&path, &cmp).expect("save");
        let written = std::fs::read(&path).expect("read");
        let file = SavedFile {
            schema: FILE_SCHEMA.into(),
            comparison: cmp,
        };
        assert_eq!(written, serde_json::to_vec(&file).expect("serde_json"));
        let back = load(&path).expect("load");
        assert_eq!(back.links.len(), 1_500);
    }

    #[test]
    fn a_file_synced_early_as_it_grows_is_written_whole() {
        // Past two early syncs, in pieces of an odd size, so that syncs
        // run while later pieces are written.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.json");
        let total = 2 * SYNC_EVERY as usize + 12_345;
        let byte = |i: usize| (i % 251) as u8;
        write_atomic_with(&path, |w| {
            let mut done = 0;
            while done < total {
                let n = 100_003.min(total - done);
                let piece: Vec<u8> = (done..done + n).map(byte).collect();
                w.write_all(&piece)?;
                done += n;
            }
            Ok(())
        })
        .expect("write");
        let back = std::fs::read(&path).expect("read");
        assert_eq!(back.len(), total);
        assert!(back.iter().enumerate().all(|(i, &b)| b == byte(i)));
        // Nothing left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("big.json")]);
    }
}
