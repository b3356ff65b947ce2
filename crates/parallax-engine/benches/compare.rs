//! Benchmarks of the pipeline (divan): each stage on the sample corpus, and
//! the whole comparison on the sample corpus and on generated corpora.
//! Run: `cargo bench -p parallax-engine`. Results are written up in
//! BENCHMARKS.md; no test times anything.
#![allow(missing_docs)]

use std::path::PathBuf;

use parallax_engine::{compare, ingest, IngestOptions, NoProgress, Options, Report};

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

/// A deterministic synthetic corpus: `n` reports of `l` sentences drawn from
/// the sample sentences, each sentence rewritten with small changes (a
/// number, a weekday, a synonym) one time in three.
fn synthetic(n: usize, l: usize) -> Vec<Report> {
    let mut pool = Vec::new();
    for r in sample() {
        for s in parallax_engine::segment::segment(&r.text, "en") {
            let t = &r.text[s.span.start..s.span.end];
            if t.split_whitespace().count() > 5 {
                pool.push(t.to_string());
            }
        }
    }
    let swaps = [
        ("killed", "died"),
        ("Sunday", "Monday"),
        ("nine", "seven"),
        ("police", "officers"),
        ("said", "stated"),
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let mut text = String::new();
            for _ in 0..l {
                let mut s = pool[(next() % pool.len() as u64) as usize].clone();
                if next() % 3 == 0 {
                    let (a, b) = swaps[(next() % swaps.len() as u64) as usize];
                    s = s.replace(a, b);
                }
                text.push_str(&s);
                text.push(' ');
            }
            Report {
                path: format!("gen-{i:03}.txt"),
                source: parallax_engine::model::SourceKind::Text,
                meta: Default::default(),
                text,
                fetch: None,
            }
        })
        .collect()
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

#[divan::bench(args = [(10, 50), (20, 50), (50, 50)], sample_count = 3)]
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
