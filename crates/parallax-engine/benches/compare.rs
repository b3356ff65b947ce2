//! Benchmarks of the pipeline (divan): each stage on the sample corpus and on
//! the generated corpora of issue 7 (`parallax_engine::synth`), and the whole
//! comparison on the sample corpus and the two smaller generated corpora.
//! Run: `cargo bench -p parallax-engine`. Results are written up in
//! BENCHMARKS.md; no test times anything.
#![allow(missing_docs)]

use std::path::PathBuf;

use parallax_engine::{compare, ingest, synth, IngestOptions, NoProgress, Options, Report};

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample() -> Vec<Report> {
    let dir = root().join("sample-articles/bolivia-2019");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("sample corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| ingest::read_path(p, &IngestOptions::default()).expect("read"))
        .collect()
}

fn options() -> Options {
    Options::default()
        .topic(root().join("topics/bolivia-2019"))
        .created("2019-11-30T00:00:00Z")
}

/// The benchmark corpus generator's Markdown files for `n` reports of `l`
/// sentences (`parallax_engine::synth`, the corpora `scripts/bench.sh` uses).
fn synthetic_markdown(n: usize, l: usize) -> Vec<(String, String)> {
    let lexicon = std::fs::read_to_string(root().join("bench/lexicon.toml")).expect("lexicon");
    let lex = synth::Lexicon::from_toml(&lexicon).expect("lexicon");
    let texts: Vec<String> = sample()
        .into_iter()
        .filter(|r| r.meta.language.as_deref() == Some("en"))
        .map(|r| r.text)
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let expected =
        std::fs::read_to_string(root().join("sample-articles/bolivia-2019/EXPECTED.json"))
            .expect("annotation");
    let annotation = synth::annotation(&expected).expect("annotation");
    let pool = synth::claims_with(&refs, &annotation);
    let spec = synth::Spec {
        reports: n,
        sentences: l,
        seed: 1,
    };
    synth::generate_with(&pool, &lex, spec)
        .reports
        .iter()
        .map(|r| (format!("{}.md", r.id), r.markdown(1)))
        .collect()
}

fn synthetic(n: usize, l: usize) -> Vec<Report> {
    synthetic_markdown(n, l)
        .iter()
        .map(|(name, md)| {
            ingest::from_bytes(name, md.as_bytes(), None, &IngestOptions::default()).expect("read")
        })
        .collect()
}

/// The sizes of issue 7 (reports × sentences per report).
const SIZES: [(usize, usize); 5] = [(10, 50), (50, 100), (100, 100), (200, 200), (1000, 50)];

#[divan::bench(args = SIZES, sample_count = 3)]
fn synthetic_ingest(bencher: divan::Bencher, (n, l): (usize, usize)) {
    let files = synthetic_markdown(n, l);
    bencher.bench(|| {
        files
            .iter()
            .map(|(name, md)| {
                ingest::from_bytes(name, md.as_bytes(), None, &IngestOptions::default())
                    .expect("read")
                    .text
                    .len()
            })
            .sum::<usize>()
    });
}

#[divan::bench(args = SIZES, sample_count = 3)]
fn synthetic_segment(bencher: divan::Bencher, (n, l): (usize, usize)) {
    let reports = synthetic(n, l);
    bencher.bench(|| {
        reports
            .iter()
            .map(|r| parallax_engine::segment::segment(&r.text, "en").len())
            .sum::<usize>()
    });
}

#[divan::bench(args = SIZES, sample_count = 3)]
fn synthetic_analyse(bencher: divan::Bencher, (n, l): (usize, usize)) {
    let reports = synthetic(n, l);
    let (lex, _) = parallax_engine::compare::lexicon(&Options::default()).expect("lexicon");
    bencher.bench(|| {
        let mut k = 0;
        for r in &reports {
            for s in parallax_engine::segment::segment(&r.text, "en") {
                k += parallax_engine::analyse::sentence(
                    &r.text[s.span.start..s.span.end],
                    "en",
                    None,
                    &lex,
                )
                .tokens
                .len();
            }
        }
        k
    });
}

#[divan::bench]
fn ingest_sample(bencher: divan::Bencher) {
    bencher.bench(sample);
}

#[divan::bench]
fn segment_sample(bencher: divan::Bencher) {
    let reports = sample();
    bencher.bench(|| {
        reports
            .iter()
            .map(|r| parallax_engine::segment::segment(&r.text, "en").len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn analyse_sample(bencher: divan::Bencher) {
    let reports = sample();
    let (lex, _) = parallax_engine::compare::lexicon(&options()).expect("lexicon");
    bencher.bench(|| {
        let mut n = 0;
        for r in &reports {
            for s in parallax_engine::segment::segment(&r.text, "en") {
                n += parallax_engine::analyse::sentence(
                    &r.text[s.span.start..s.span.end],
                    "en",
                    None,
                    &lex,
                )
                .tokens
                .len();
            }
        }
        n
    });
}

#[divan::bench]
fn compare_sample(bencher: divan::Bencher) {
    let reports = sample();
    let opts = options();
    bencher.bench(|| {
        compare(reports.clone(), &opts, &NoProgress)
            .expect("compare")
            .links
            .len()
    });
}

#[divan::bench]
fn export_json_sample(bencher: divan::Bencher) {
    let cmp = compare(sample(), &options(), &NoProgress).expect("compare");
    bencher.bench(|| {
        let mut out = Vec::new();
        parallax_engine::export::write(
            parallax_engine::export::Format::Json,
            &cmp,
            &mut out,
            false,
        )
        .expect("json");
        out.len()
    });
}

/// End to end at the two sizes that finish in seconds; the larger sizes take
/// minutes and gigabytes (scripts/bench.sh measures them as whole processes).
#[divan::bench(args = [(10, 50), (50, 100)], sample_count = 3)]
fn compare_synthetic(bencher: divan::Bencher, (n, l): (usize, usize)) {
    let reports = synthetic(n, l);
    let opts = Options::default().created("2019-11-30T00:00:00Z");
    bencher.bench(|| {
        compare(reports.clone(), &opts, &NoProgress)
            .expect("compare")
            .links
            .len()
    });
}
