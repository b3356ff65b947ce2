//! Hostile input through `parallax compare`: every case of
//! `tests/hostile/README.md`, generated here (nothing large is committed),
//! run by the real binary under `/usr/bin/time` so each case's wall time and
//! peak resident memory are measured and held to the bounds in that table.
//! A case either gets a clear, named error on standard error (and the other
//! report is still read) or a correct comparison, checked below; never a
//! panic, never a hang.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use parallax_engine::model::{Comparison, Relation};

/// Bounds for an ordinary case: generous, so a busy CI machine does not flake
/// (measured: every ordinary case under 1 s and 130 MB in a debug build).
const SECS: u64 = 60;
const MB: u64 = 1024;

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    secs: f64,
    rss_mb: u64,
}

/// Run `parallax compare --no-auto-topic ARGS` under `/usr/bin/time`, killing
/// it past `limit` seconds, and check the resource bounds.
fn compare(dir: &Path, args: &[&str], files: &[PathBuf], limit: u64, max_mb: u64) -> Run {
    let time = Path::new("/usr/bin/time");
    assert!(
        time.exists(),
        "/usr/bin/time is needed to measure memory (apt-get install time; scripts/test.sh does)"
    );
    let report = dir.join(format!("time-{}.txt", unique()));
    let mut child = Command::new(time)
        .arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(&report)
        .arg(env!("CARGO_BIN_EXE_parallax"))
        .args(["compare", "--no-auto-topic"])
        .args(args)
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run parallax under /usr/bin/time");
    // Read the pipes on threads so a large output cannot block the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut s).map(|_| s)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > Duration::from_secs(limit) {
            let _ = child.kill();
            panic!("parallax {files:?} ran past {limit} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&out.join().expect("join").expect("read")).into_owned();
    let stderr = String::from_utf8_lossy(&err.join().expect("join").expect("read")).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "parallax panicked on {files:?}: {stderr}"
    );
    // GNU time may write "Command exited with non-zero status N" first.
    let measured = std::fs::read_to_string(&report).expect("time's report");
    let last = measured.lines().last().unwrap_or_default();
    let mut parts = last.split_whitespace();
    let secs: f64 = parts.next().and_then(|s| s.parse().ok()).expect("seconds");
    let kb: u64 = parts.next().and_then(|s| s.parse().ok()).expect("max RSS");
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
        secs,
        rss_mb: kb / 1024,
    };
    eprintln!(
        "{:?} and {} more: exit {} in {:.2} s, peak {} MB",
        files[0].file_name().unwrap_or_default(),
        files.len() - 1,
        run.code,
        run.secs,
        run.rss_mb
    );
    assert!(
        run.rss_mb <= max_mb,
        "peak memory {} MB over {max_mb} MB",
        run.rss_mb
    );
    run
}

fn unique() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// A clean report to compare every hostile one with.
fn clean(dir: &Path) -> PathBuf {
    let p = dir.join("clean.md");
    std::fs::copy(corpus_dir().join("01-wire.md"), &p).expect("copy the wire report");
    p
}

fn seed_text() -> String {
    std::fs::read_to_string(corpus_dir().join("01-wire.md")).expect("wire report")
}

/// A rejected input: exit 1, its named error on standard error, and the
/// comparison refused only because one report is too few.
fn refused(dir: &Path, name: &str, bytes: &[u8], message: &str) {
    let f = dir.join(name);
    std::fs::write(&f, bytes).expect("write case");
    let run = compare(dir, &[], &[f, clean(dir)], SECS, MB);
    assert_eq!(run.code, 1, "{name}: {}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("skipped: {}", dir.join(name).display()))
            && run.stderr.contains(message),
        "{name}: expected {message:?} in {:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains("at least two reports; 1 could be read"),
        "{}",
        run.stderr
    );
}

/// An accepted input: exit 0 and a valid two-report comparison.
fn accepted(dir: &Path, name: &str, bytes: &[u8]) -> Comparison {
    let f = dir.join(name);
    std::fs::write(&f, bytes).expect("write case");
    let run = compare(dir, &["--format", "json"], &[f, clean(dir)], SECS, MB);
    assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    let cmp: Comparison = serde_json::from_str(&run.stdout).expect("the JSON model");
    assert_eq!(cmp.documents.len(), 2);
    assert_eq!(parallax_engine::saved::validate(&cmp), Ok(()), "{name}");
    cmp
}

fn doc<'a>(cmp: &'a Comparison, id: &str) -> &'a parallax_engine::model::Document {
    cmp.documents
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no document {id}"))
}

/// Every sentence of the clean report links, verbatim, to the sentence at the
/// same place in the other one.
fn mirrors_clean(cmp: &Comparison, other: &str) {
    let relations: HashMap<(&str, &str), Relation> = cmp
        .links
        .iter()
        .map(|l| ((&*l.a, &*l.b), l.relation))
        .collect();
    let clean = doc(cmp, "clean");
    let twin = doc(cmp, other);
    assert_eq!(clean.sentences.len(), twin.sentences.len());
    for (c, t) in clean.sentences.iter().zip(&twin.sentences) {
        let key = if c.id < t.id {
            (c.id.as_str(), t.id.as_str())
        } else {
            (t.id.as_str(), c.id.as_str())
        };
        assert_eq!(
            relations.get(&key),
            Some(&Relation::Verbatim),
            "{:?} ~ {:?}",
            c.text,
            t.text
        );
    }
}

/// A small deterministic generator, so the random case is the same every run.
fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn empty_and_white_space_only_are_refused_as_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    refused(dir.path(), "empty.txt", b"", "the report is empty");
    refused(
        dir.path(),
        "blank.txt",
        " \n\t\r\n  \u{a0}\n".repeat(200).as_bytes(),
        "the report is empty",
    );
}

#[test]
fn fifty_megabytes_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("huge.txt");
    let line = "Evo Morales resigned on Sunday after the army suggested it. ";
    let text = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    std::fs::write(&f, &text).expect("write 50 MB");
    let run = compare(dir.path(), &[], &[f, clean(dir.path())], SECS, MB);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("over the limit of 5242880 bytes"),
        "{}",
        run.stderr
    );
    // Refused from its size alone: it was never loaded.
    assert!(run.rss_mb < 50, "{} MB", run.rss_mb);
}

#[test]
fn random_bytes_are_refused_as_binary() {
    let dir = tempfile::tempdir().expect("temp dir");
    refused(
        dir.path(),
        "noise.txt",
        &noise(100_000),
        "looks like a binary file",
    );
}

#[test]
fn a_page_of_only_scripts_has_no_article_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = format!(
        "<html><head><script>alert(1)</script></head><body>{}</body></html>",
        "<script>document.write('<p>Morales resigned.</p>')</script><style>p{}</style>".repeat(300)
    );
    refused(
        dir.path(),
        "scripts.html",
        page.as_bytes(),
        "no article text found",
    );
}

#[test]
fn one_sentence_of_200_000_characters_is_one_long_sentence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut long = "Morales said that the army and the police ".repeat(4800);
    long.truncate(199_999);
    long.push('.');
    assert_eq!(long.chars().count(), 200_000);
    let cmp = accepted(dir.path(), "long.txt", long.as_bytes());
    let d = doc(&cmp, "long");
    let longest = d.sentences.iter().map(|s| s.end - s.start).max();
    assert!(longest >= Some(100_000), "{longest:?}");
    let covered: usize = d.sentences.iter().map(|s| s.end - s.start).sum();
    assert!(covered + d.sentences.len() >= long.trim().len() - 1);
}

#[test]
fn nul_bytes_inside_text_are_dropped_and_the_rest_matches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = seed_text();
    // A NUL after every sentence's full stop.
    let with_nuls = seed.replace(". ", ".\0 ");
    let cmp = accepted(dir.path(), "nuls.md", with_nuls.as_bytes());
    assert!(!doc(&cmp, "nuls").text.contains('\0'));
    mirrors_clean(&cmp, "nuls");
}

#[test]
fn invalid_utf8_is_decoded_by_guess_not_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = seed_text().into_bytes();
    // Stray bytes no UTF-8 decoder accepts, inside and between words.
    // (Not FF FE first: that is a UTF-16 byte order mark, and is obeyed.)
    bytes.splice(0..0, b"\xc3\x28 \xa0\xa1 \xfe ".iter().copied());
    bytes.extend_from_slice(b"\n\nA closing line \xed\xa0\x80 with a lone surrogate.");
    let cmp = accepted(dir.path(), "bad-utf8.md", &bytes);
    let text = &doc(&cmp, "bad-utf8").text;
    assert!(text.contains("Evo Morales resigned on Sunday"), "{text}");
}

#[test]
fn utf16_without_a_bom_decodes_to_the_same_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = seed_text();
    let le: Vec<u8> = seed.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let cmp = accepted(dir.path(), "utf16.md", &le);
    mirrors_clean(&cmp, "utf16");
}

#[test]
fn mixed_encodings_are_decoded_as_one_guess() {
    let dir = tempfile::tempdir().expect("temp dir");
    // UTF-8 lines around one Windows-1252 line: no single encoding is right.
    let mut bytes = "Jeanine Áñez took office in La Paz on Tuesday.\n\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"A\xf1ez jur\xf3 como presidenta interina el martes.\n\n");
    bytes.extend_from_slice("Morales flew to México on Monday night.".as_bytes());
    let cmp = accepted(dir.path(), "mixed.txt", &bytes);
    let text = &doc(&cmp, "mixed").text;
    // Windows-1252 wins; the ASCII words and the sentence structure survive,
    // the UTF-8 accents come out as two characters each (mojibake).
    assert!(
        text.contains("Añez juró como presidenta interina"),
        "{text}"
    );
    assert!(text.contains("took office in La Paz on Tuesday"), "{text}");
    assert_eq!(doc(&cmp, "mixed").sentences.len(), 3);
}

#[test]
fn ten_thousand_nested_elements_keep_their_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let para = "Bolivian President Evo Morales resigned on Sunday after nearly 14 years in power.";
    let page = format!(
        "<html><body>{}<p>{para}</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let cmp = accepted(dir.path(), "nested.html", page.as_bytes());
    assert_eq!(doc(&cmp, "nested").text, para);
    // 800,000 unclosed elements (4.8 MB): no stack overflow, no quadratic parse.
    let deeper = format!("<body>{}<p>{para}</p>", "<span>".repeat(800_000));
    let cmp = accepted(dir.path(), "deeper.html", deeper.as_bytes());
    assert_eq!(doc(&cmp, "deeper").text, para);
}

#[test]
fn a_report_of_one_sentence_repeated_to_the_size_limit_is_bounded() {
    // The text-file equivalent of a zip bomb: a small idea repeated until the
    // size limit, so that every stage has the most work a report can give.
    let dir = tempfile::tempdir().expect("temp dir");
    let line = "Evo Morales resigned on Sunday after the army suggested it. ";
    let n = 5_000_000 / line.len();
    let f = dir.path().join("repeat.txt");
    std::fs::write(&f, line.repeat(n)).expect("write");
    let run = compare(
        dir.path(),
        &["--format", "csv"],
        &[f, clean(dir.path())],
        240,
        3 * MB,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A key found in more than 400 sentences does not discriminate and is not
    // looked up (that keeps alignment linear), so a sentence repeated 81,967
    // times links to nothing, not even to the same sentence in the other
    // report: everything is unique. A decided limit, see the README.
    let rows: Vec<Vec<String>> = csv_rows(&run.stdout);
    assert_eq!(rows.len(), 1, "only the header: {:?}", rows.get(1));
    assert_eq!(rows[0][0], "report_a");
}

#[test]
fn invisible_characters_and_homoglyphs_in_names_still_match() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = seed_text();
    // A zero-width space inside the name, a right-to-left override around
    // another, a zero-width joiner and a soft hyphen.
    let hidden = seed
        .replace("Morales", "Mor\u{200b}ales")
        .replace("Bolivia", "\u{202e}Bolivia\u{202c}")
        .replace("Kaliman", "Kali\u{200d}man")
        .replace("Áñez", "Áñ\u{ad}ez");
    let cmp = accepted(dir.path(), "hidden.md", hidden.as_bytes());
    // Shown as the source has it, so a reader can see the tampering...
    assert!(doc(&cmp, "hidden").text.contains("Mor\u{200b}ales"));
    // ...and matched as if it were not there.
    mirrors_clean(&cmp, "hidden");

    // A Cyrillic а (U+0430) in place of the Latin a.
    let homoglyph = seed.replace("Morales", "Mor\u{430}les");
    let cmp = accepted(dir.path(), "homoglyph.md", homoglyph.as_bytes());
    assert!(doc(&cmp, "homoglyph").text.contains("Mor\u{430}les"));
    mirrors_clean(&cmp, "homoglyph");
}

#[test]
fn five_thousand_one_word_sentences() {
    let dir = tempfile::tempdir().expect("temp dir");
    let words = [
        "Yes.", "No!", "Morales?", "Coup.", "Fraud.", "Áñez.", "Why?",
    ];
    let text: Vec<&str> = (0..5000).map(|i| words[i % words.len()]).collect();
    let cmp = accepted(dir.path(), "words.txt", text.join(" ").as_bytes());
    let d = doc(&cmp, "words");
    assert_eq!(d.sentences.len(), 5000);
    for (s, w) in d.sentences.iter().zip(&text) {
        assert_eq!(&s.text, w);
    }
}

#[test]
fn two_hundred_copies_of_one_report_are_all_verbatim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = seed_text();
    let files: Vec<PathBuf> = (0..200)
        .map(|i| {
            let p = dir.path().join(format!("copy-{i:03}.md"));
            std::fs::write(&p, &seed).expect("write copy");
            p
        })
        .collect();
    // CSV keeps the output small enough to check (the JSON is ~850 MB).
    let run = compare(dir.path(), &["--format", "csv"], &files, 600, 4 * MB);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    let sentences = parallax_engine::segment::segment(
        &parallax_engine::ingest::from_bytes("s.md", seed.as_bytes(), None, &Default::default())
            .expect("seed")
            .text,
        "en",
    )
    .len();
    // Every sentence links to its copy in every other report, and nothing else.
    assert_eq!(rows.len() - 1, sentences * 200 * 199 / 2);
    for r in &rows[1..] {
        assert_eq!(r[6], "verbatim", "{r:?}");
        assert_eq!(r[2], r[5], "{r:?}");
        let index = |id: &str| id.rsplit(':').next().map(str::to_string);
        assert_eq!(index(&r[1]), index(&r[4]), "{r:?}");
    }
}

#[test]
fn sample_reports_cut_at_byte_boundaries_never_break() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = clean(dir.path());
    // Through the command line: every sample report cut at 24 places, some
    // inside a multi-byte character.
    for file in corpus_files() {
        let bytes = std::fs::read(&file).expect("read sample");
        let name = file.file_name().expect("name").to_string_lossy();
        let mut cuts: Vec<usize> = (1..24).map(|k| k * bytes.len() / 24).collect();
        cuts.extend(bytes.iter().position(|&b| b >= 0x80).map(|p| p + 1));
        for cut in cuts {
            let f = dir.path().join(format!("cut-{cut}-{name}"));
            std::fs::write(&f, &bytes[..cut]).expect("write cut");
            let run = compare(
                dir.path(),
                &["--format", "json"],
                &[f, whole.clone()],
                SECS,
                MB,
            );
            match run.code {
                0 => {
                    let cmp: Comparison = serde_json::from_str(&run.stdout).expect("model");
                    assert_eq!(parallax_engine::saved::validate(&cmp), Ok(()));
                }
                1 => assert!(run.stderr.contains("skipped:"), "{}", run.stderr),
                c => panic!("exit {c}: {}", run.stderr),
            }
        }
    }
    // Through the engine: the shortest report cut at every byte.
    let shortest = corpus_files()
        .into_iter()
        .min_by_key(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(u64::MAX))
        .expect("a sample");
    let bytes = std::fs::read(&shortest).expect("read");
    let other = parallax_engine::read_path(&whole, &Default::default()).expect("clean");
    let opts = parallax_engine::Options::default();
    let mut compared = 0;
    for cut in 0..=bytes.len() {
        let Ok(r) =
            parallax_engine::ingest::from_bytes("cut.md", &bytes[..cut], None, &Default::default())
        else {
            continue;
        };
        let cmp =
            parallax_engine::compare(vec![r, other.clone()], &opts, &parallax_engine::NoProgress)
                .expect("two readable reports compare");
        assert_eq!(
            parallax_engine::saved::validate(&cmp),
            Ok(()),
            "cut at {cut}"
        );
        compared += 1;
    }
    assert!(compared > bytes.len() / 2, "{compared} of {}", bytes.len());
}

/// Parse RFC 4180 CSV (quoted fields may hold commas, quotes and newlines),
/// after the exporter's leading `#` provenance lines.
fn csv_rows(s: &str) -> Vec<Vec<String>> {
    let mut s = s;
    while s.starts_with('#') {
        s = s.split_once('\n').map_or("", |(_, rest)| rest);
    }
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
