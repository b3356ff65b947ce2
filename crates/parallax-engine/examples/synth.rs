//! Write a synthetic corpus for the benchmarks: N Markdown reports of L
//! sentences built from the sample corpus, plus `truth.json` (what the
//! generator changed, sentence by sentence). Deterministic for a seed.
//!
//! ```text
//! cargo run --release -p parallax-engine --example synth -- \
//!     --reports 10 --sentences 50 --seed 1 --out /tmp/corpus-10x50
//! ```
//! Options: `--sample DIR` (default `sample-articles/bolivia-2019`),
//! `--lexicon FILE` (default `bench/lexicon.toml`), both relative to the
//! repository root. The sample's `EXPECTED.json`, when present, says which
//! of its sentences tell one claim; the pool keeps one of each such pair,
//! and a report may tell the claim in the other's words.

use std::path::{Path, PathBuf};

use parallax_engine::synth::{annotation, claims_with, generate_with, Annotation, Lexicon, Spec};
use parallax_engine::{read_path, IngestOptions};

fn main() {
    if let Err(e) = run() {
        eprintln!("synth: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut reports = 10usize;
    let mut sentences = 50usize;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut sample = root.join("sample-articles/bolivia-2019");
    let mut lexicon = root.join("bench/lexicon.toml");
    let mut args = std::env::args();
    args.next(); // the program name
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--reports" => reports = val()?.parse().map_err(|e| format!("--reports: {e}"))?,
            "--sentences" => sentences = val()?.parse().map_err(|e| format!("--sentences: {e}"))?,
            "--seed" => seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = Some(PathBuf::from(val()?)),
            "--sample" => sample = PathBuf::from(val()?),
            "--lexicon" => lexicon = PathBuf::from(val()?),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    if reports < 2 || sentences == 0 {
        return Err("need at least 2 reports and 1 sentence".into());
    }
    let lex = Lexicon::from_toml(
        &std::fs::read_to_string(&lexicon).map_err(|e| format!("{}: {e}", lexicon.display()))?,
    )?;
    let texts = sample_texts(&sample)?;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    // The sample's annotation, when present, says which sentences tell one
    // claim (and which, however alike, do not); the pool keeps one sentence
    // of each claim, and the others are its retellings.
    let expected = sample.join("EXPECTED.json");
    let annotated = match std::fs::read_to_string(&expected) {
        Ok(json) => annotation(&json).map_err(|e| format!("{}: {e}", expected.display()))?,
        Err(_) => Annotation::default(),
    };
    let pool = claims_with(&refs, &annotated);
    let corpus = generate_with(
        &pool,
        &lex,
        Spec {
            reports,
            sentences,
            seed,
        },
    );
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for r in &corpus.reports {
        let p = out.join(format!("{}.md", r.id));
        std::fs::write(&p, r.markdown(seed)).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    let truth = serde_json::to_string(&corpus).map_err(|e| e.to_string())?;
    std::fs::write(out.join("truth.json"), truth).map_err(|e| e.to_string())?;
    println!(
        "{} reports x {} sentences (pool {} claims, {} true links) in {}",
        reports,
        sentences,
        pool.len(),
        corpus.true_links(),
        out.display()
    );
    Ok(())
}

/// The English reports of the sample corpus, as text.
fn sample_texts(dir: &Path) -> Result<Vec<String>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    for p in files {
        let r = read_path(&p, &IngestOptions::default()).map_err(|e| e.to_string())?;
        if r.meta.language.as_deref() == Some("en") {
            texts.push(r.text);
        }
    }
    Ok(texts)
}
