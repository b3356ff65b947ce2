//! `parallax`: the command line. Glue over `parallax-engine`: parse
//! arguments, read inputs (files or URLs), call the engine, print. Exit
//! codes: 0 success, 3 `refetch` found edited articles,
//! 1 some input failed (the rest were still compared) or nothing could be
//! compared, 2 usage error.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::sync::Arc;

use parallax_engine::export::{self, Format};
use parallax_engine::fetch::{self, FetchOptions};
use parallax_engine::{compare, IngestOptions, Options};

/// jemalloc, not glibc's allocator: a large comparison makes and frees
/// millions of small strings and vectors on both cores (a link's reasons,
/// spans and word diff), and glibc's arenas spent about a tenth of the run
/// in `malloc`, `free` and their consolidation. At 100 reports of 100
/// sentences jemalloc took the whole `compare --out` from 2.16–2.38 s to
/// 1.94–2.09 s (five runs each, interleaved) for 8 MB more at the peak
/// (254 MB against 246 MB). mimalloc, tried earlier, was slower and larger
/// than glibc here (see BENCHMARKS.md, "Profile and fixes"). Its settings
/// are built in (`.cargo/config.toml`): huge pages for the heap and for
/// jemalloc's own metadata.
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(
    name = "parallax",
    version,
    about = "Compare news reports of the same events, sentence by sentence and claim by claim."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    /// A summary for the terminal.
    Text,
    /// The versioned model, `parallax.comparison/1`.
    Json,
    /// A Markdown digest: contradictions, divergences, unique claims, sources.
    Md,
    /// One row per link, provenance in leading `#` lines.
    Csv,
    /// A self-contained HTML report (opens offline from a file).
    Html,
    /// A classroom worksheet, HTML: outlets hidden, numbered sentences, questions.
    Worksheet,
    /// The worksheet's answer key, HTML: outlets and answers revealed.
    AnswerKey,
    /// The report as PDF (needs a build with `--features pdf`).
    Pdf,
    /// The worksheet as PDF (needs `--features pdf`).
    WorksheetPdf,
    /// The answer key as PDF (needs `--features pdf`).
    AnswerKeyPdf,
}

impl OutFormat {
    /// The engine's exporter for this format, or `None` for the PDF formats,
    /// which are typeset by `parallax-pdf`.
    fn engine(self) -> Option<Format> {
        Some(match self {
            OutFormat::Text => Format::Text,
            OutFormat::Json => Format::Json,
            OutFormat::Md => Format::Markdown,
            OutFormat::Csv => Format::Csv,
            OutFormat::Html => Format::Html,
            OutFormat::Worksheet => Format::Worksheet,
            OutFormat::AnswerKey => Format::AnswerKey,
            OutFormat::Pdf | OutFormat::WorksheetPdf | OutFormat::AnswerKeyPdf => return None,
        })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Compare reports (.txt, .md, .html files, or http(s) URLs) and print or
    /// write the comparison.
    Compare(CompareArgs),
    /// Fetch the web reports of a saved comparison again and show whether
    /// each article was edited since it was fetched (the two versions are
    /// compared with the engine). Exit code 0: none changed; 3: some changed;
    /// 1: some could not be fetched.
    Refetch {
        /// A `.parallax` file saved by `compare --save` or the app.
        file: PathBuf,
        /// Output format for the comparison of each changed article.
        #[arg(long, short, value_enum, default_value = "text")]
        format: OutFormat,
        /// Seconds allowed to fetch each URL.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Score sentence pairs: reads `sentence A<TAB>sentence B` lines on
    /// standard input, writes one JSON object per line.
    Pairs,
    /// Fit the sentence matcher on MSRP-style TSV and report cross-validation.
    Train {
        /// Training data (MSRP train.tsv).
        #[arg(long, default_value = "../shared/data/msrp/train.tsv")]
        data: PathBuf,
        /// Where to write the fitted weights (JSON).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Cross-validation folds.
        #[arg(long, default_value_t = 10)]
        folds: usize,
        /// Use only the first N pairs (for a quick run).
        #[arg(long)]
        limit: Option<usize>,
        /// L2 penalty.
        #[arg(long, default_value_t = 1.0)]
        l2: f64,
        /// Also run the feature-family ablation.
        #[arg(long)]
        ablation: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("parallax: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Compare(args) => compare_cmd(args),
        Command::Refetch {
            file,
            format,
            timeout,
        } => refetch_cmd(&file, format, timeout),
        Command::Pairs => pairs_cmd(),
        Command::Train {
            data,
            out,
            folds,
            limit,
            l2,
            ablation,
        } => train_cmd(&data, out.as_deref(), folds, limit, l2, ablation),
    }
}

/// Topic folders picked up by themselves: `topics/<name of the reports' folder>`
/// in that folder or any folder above it, and every topic in a `topics/`
/// folder right beside the reports.
fn auto_topics(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for f in files {
        let Some(dir) = f
            .canonicalize()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
        else {
            continue;
        };
        if let Ok(rd) = std::fs::read_dir(dir.join("topics")) {
            for e in rd.flatten() {
                found.push(e.path());
            }
        }
        if let Some(name) = dir.file_name() {
            for anc in dir.ancestors().skip(1) {
                let cand = anc.join("topics").join(name);
                if cand.is_dir() {
                    found.push(cand);
                    break;
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The arguments of `parallax compare`.
#[derive(Args)]
struct CompareArgs {
    /// Report files or http(s) URLs (at least two in all). URLs are
    /// fetched concurrently; the text compared is kept in the output.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format. The PDF formats need a parallax built with
    /// `cargo build --release --features pdf`.
    #[arg(long, short, value_enum, default_value = "text")]
    format: OutFormat,
    /// Write to this file instead of standard output (written atomically).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Topic data: a name under topics/ or a path (repeatable). A topic
    /// folder named like the reports' folder, in a `topics/` folder beside
    /// or above them, is picked up by itself.
    #[arg(long = "topic")]
    topics: Vec<String>,
    /// Do not pick up topic folders by themselves.
    #[arg(long)]
    no_auto_topic: bool,
    /// Largest report accepted, in bytes.
    #[arg(long, default_value_t = parallax_engine::ingest::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Same-claim probability needed to link two sentences.
    #[arg(long, default_value_t = 0.5)]
    threshold: f64,
    /// Colour: auto, always or never.
    #[arg(long, default_value = "auto")]
    color: String,
    /// Also save the comparison as a `.parallax` file (it reopens in the
    /// app, offline, with every report's text; written atomically).
    #[arg(long)]
    save: Option<PathBuf>,
    /// Seconds allowed to fetch each URL.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

/// Read the inputs in the order given: URLs fetched concurrently first, then
/// files. Failures are reported on standard error and counted.
fn read_inputs(
    inputs: &[PathBuf],
    max_bytes: u64,
    timeout: u64,
) -> (Vec<parallax_engine::Report>, usize) {
    let ingest = IngestOptions { max_bytes };
    let mut slots: Vec<Option<parallax_engine::Report>> = inputs.iter().map(|_| None).collect();
    let mut failed = 0;
    let urls: Vec<(usize, String)> = inputs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let s = p.to_string_lossy();
            fetch::is_url(&s).then(|| (i, s.into_owned()))
        })
        .collect();
    if !urls.is_empty() {
        let list: Vec<String> = urls.iter().map(|(_, u)| u.clone()).collect();
        let opts = FetchOptions::default()
            .timeout(std::time::Duration::from_secs(timeout.max(1)))
            .max_bytes(max_bytes);
        let results = fetch::fetch_all_blocking(&list, &opts, Arc::new(FetchLines::new()));
        for ((i, _), r) in urls.iter().zip(results) {
            match r {
                Ok(rep) => slots[*i] = Some(rep),
                Err(e) => {
                    failed += 1;
                    eprintln!("parallax: skipped: {e}");
                }
            }
        }
    }
    for (i, f) in inputs.iter().enumerate() {
        if urls.iter().any(|(j, _)| *j == i) {
            continue;
        }
        match parallax_engine::read_path(f, &ingest) {
            Ok(r) => slots[i] = Some(r),
            Err(e) => {
                failed += 1;
                eprintln!("parallax: skipped: {e}");
            }
        }
    }
    (slots.into_iter().flatten().collect(), failed)
}

/// Per-URL progress on standard error, when it is a terminal.
struct FetchLines {
    on: bool,
}

impl FetchLines {
    fn new() -> Self {
        FetchLines {
            on: std::io::stderr().is_terminal(),
        }
    }
}

impl fetch::FetchProgress for FetchLines {
    fn event(&self, _index: usize, url: &str, event: fetch::FetchEvent) {
        if !self.on {
            return;
        }
        match event {
            fetch::FetchEvent::Started => eprintln!("parallax: fetching {url}"),
            fetch::FetchEvent::Done => eprintln!("parallax: fetched {url}"),
            // Failures are reported once, with the reason, by the caller.
            fetch::FetchEvent::Received { .. } | fetch::FetchEvent::Failed(_) => {}
        }
    }
}

fn compare_cmd(args: CompareArgs) -> Result<ExitCode> {
    let CompareArgs {
        files,
        format,
        out,
        topics,
        no_auto_topic,
        max_bytes,
        threshold,
        color,
        save,
        timeout,
    } = args;
    let color = color.as_str();
    let (reports, failed) = read_inputs(&files, max_bytes, timeout);
    let search: Vec<PathBuf> = std::env::current_dir()
        .map(|d| vec![d.join("topics")])
        .unwrap_or_default();
    let mut opts = Options::default().threshold(threshold);
    for t in &topics {
        opts = opts.topic(parallax_engine::topic::resolve(t, &search)?);
    }
    if !no_auto_topic && topics.is_empty() {
        for t in auto_topics(&files) {
            opts = opts.topic(t);
        }
    }
    let bar = progress_bar(reports.iter().map(|r| r.text.len()).sum());
    let cmp = compare(reports, &opts, &bar).context("cannot compare")?;
    bar.finish();
    if let Some(path) = &save {
        parallax_engine::saved::save(path, &cmp)
            .with_context(|| format!("cannot save {}", path.display()))?;
    }
    let Some(fmt) = format.engine() else {
        let bytes = pdf(format, &cmp)?;
        write_bytes(out.as_deref(), &bytes)?;
        return Ok(ExitCode::from(if failed > 0 { 1 } else { 0 }));
    };
    match out {
        Some(path) => {
            // Streamed into the file: a large comparison's JSON is larger
            // than the comparison itself.
            parallax_engine::saved::write_atomic_with(&path, |w| {
                export::write(fmt, &cmp, w, false)
            })
            .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let use_color = match color {
                "always" => true,
                "never" => false,
                _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            // Standard output is line-buffered: without a buffer of our
            // own, every line of a large JSON output was a system call (a
            // 100-report comparison took twice as long piped as to --out).
            let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            if fmt == export::Format::Json && std::io::stdout().is_terminal() {
                // A person is reading: indented. Piped or to a file: one line.
                export::json::write_pretty(&cmp, &mut w)?;
            } else {
                export::write(fmt, &cmp, &mut w, use_color)?;
            }
            w.flush()?;
        }
    }
    // The process ends here: freeing a large comparison's millions of small
    // allocations one by one only delays the exit.
    std::mem::forget(cmp);
    Ok(ExitCode::from(if failed > 0 { 1 } else { 0 }))
}

/// Typeset a PDF format.
#[cfg(feature = "pdf")]
fn pdf(format: OutFormat, cmp: &parallax_engine::Comparison) -> Result<Vec<u8>> {
    let bytes = match format {
        OutFormat::WorksheetPdf => parallax_pdf::worksheet(cmp),
        OutFormat::AnswerKeyPdf => parallax_pdf::answer_key(cmp),
        _ => parallax_pdf::report(cmp),
    };
    Ok(bytes?)
}

/// Without the `pdf` feature: say how to get it.
#[cfg(not(feature = "pdf"))]
fn pdf(_format: OutFormat, _cmp: &parallax_engine::Comparison) -> Result<Vec<u8>> {
    anyhow::bail!(
        "this parallax was built without PDF output; build it with `cargo build --release --features pdf` (or `cargo install --path . --features pdf`), or use --format html and print it"
    )
}

/// Write binary output to a file (atomically) or to standard output, but
/// never raw PDF bytes onto a terminal.
fn write_bytes(out: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match out {
        Some(path) => parallax_engine::saved::write_atomic(path, bytes)
            .with_context(|| format!("cannot write {}", path.display())),
        None if std::io::stdout().is_terminal() => {
            anyhow::bail!("PDF output is binary: give --out FILE or redirect standard output")
        }
        None => {
            let mut lock = std::io::stdout().lock();
            lock.write_all(bytes)?;
            lock.flush()?;
            Ok(())
        }
    }
}

fn refetch_cmd(file: &Path, format: OutFormat, timeout: u64) -> Result<ExitCode> {
    let Some(fmt) = format.engine() else {
        anyhow::bail!("refetch prints to the terminal: use --format text, json, md, csv or html");
    };
    let saved = parallax_engine::saved::load(file)?;
    let fetched: Vec<&parallax_engine::model::Document> = saved
        .documents
        .iter()
        .filter(|d| d.fetch.is_some())
        .collect();
    if fetched.is_empty() {
        eprintln!(
            "parallax: {} holds no report fetched from the web; nothing to re-fetch",
            file.display()
        );
        return Ok(ExitCode::from(0));
    }
    let opts = FetchOptions::default().timeout(std::time::Duration::from_secs(timeout.max(1)));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the network runtime")?;
    let fetcher = fetch::Fetcher::new(opts)?;
    let cmp_opts = Options::default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut changed, mut failed) = (0, 0);
    for doc in fetched {
        let Some(rec) = doc.fetch.as_ref() else {
            continue;
        };
        match rt.block_on(fetch::check_for_edits(doc, &fetcher, &cmp_opts)) {
            Ok(rev) if !rev.changed => writeln!(
                out,
                "unchanged  {}  (text identical to the copy fetched {})",
                rec.requested_url, rec.fetched_at
            )?,
            Ok(rev) => {
                changed += 1;
                writeln!(
                    out,
                    "CHANGED    {}  (fetched {}, now {}); the two versions compared:",
                    rec.requested_url, rec.fetched_at, rev.after.fetched_at
                )?;
                export::write(fmt, &rev.comparison, &mut out, false)?;
                writeln!(out)?;
            }
            Err(e) => {
                failed += 1;
                eprintln!("parallax: {e}");
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::from(if failed > 0 {
        1
    } else if changed > 0 {
        3
    } else {
        0
    }))
}

/// A progress bar on standard error, shown only on a terminal for large work.
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl parallax_engine::Progress for Bar {
    fn stage(&self, stage: &str, done: usize, total: usize) {
        if let Some(b) = &self.0 {
            b.set_length(total as u64);
            b.set_position(done as u64);
            b.set_message(stage.to_string());
        }
    }
}

fn progress_bar(bytes: usize) -> Bar {
    if !std::io::stderr().is_terminal() || bytes < 200_000 {
        return Bar(None);
    }
    let b = indicatif::ProgressBar::new(1);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}")
    {
        b.set_style(style);
    }
    Bar(Some(b))
}

fn pairs_cmd() -> Result<ExitCode> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let scorer = parallax_engine::compare::PairScorer::new(&Options::default())?;
    let mut bad = 0;
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.context("cannot read standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let Some((a, b)) = line.split_once('\t') else {
            bad += 1;
            eprintln!(
                "parallax: line {}: expected 'sentence A<TAB>sentence B'",
                n + 1
            );
            continue;
        };
        let r = scorer.score(a, b);
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::from(if bad > 0 { 1 } else { 0 }))
}

fn train_cmd(
    data: &Path,
    out: Option<&Path>,
    folds: usize,
    limit: Option<usize>,
    l2: f64,
    ablation: bool,
) -> Result<ExitCode> {
    use parallax_engine::train;
    let text =
        std::fs::read_to_string(data).with_context(|| format!("cannot read {}", data.display()))?;
    let mut pairs = train::read_msrp(&text)?;
    if let Some(n) = limit {
        pairs.truncate(n);
    }
    let lex = parallax_engine::lexicon::Lexicon::builtin();
    let name = data.file_name().and_then(|n| n.to_str()).unwrap_or("data");
    let mut o = std::io::stdout().lock();
    let t = train::train(&pairs, &lex, folds, l2, ablation, &format!("MSRP {name}"));
    writeln!(o, "pairs: {}", pairs.len())?;
    writeln!(
        o,
        "{folds}-fold cross-validation: accuracy {:.4}, F1 {:.4}",
        t.cv.accuracy, t.cv.f1
    )?;
    writeln!(
        o,
        "baseline (word-overlap Jaccard alone): accuracy {:.4}, F1 {:.4}",
        t.baseline.accuracy, t.baseline.f1
    )?;
    if ablation {
        writeln!(
            o,
            "\n| feature family removed | accuracy | F1 | Δ accuracy |\n|---|---|---|---|"
        )?;
        let full = t.cv.accuracy;
        for a in &t.ablation {
            writeln!(
                o,
                "| {} | {:.4} | {:.4} | {:+.4} |",
                a.removed,
                a.scores.accuracy,
                a.scores.f1,
                a.scores.accuracy - full
            )?;
        }
    }
    if let Some(path) = out {
        let json = serde_json::to_string(&t.matcher)?;
        parallax_engine::saved::write_atomic(path, json.as_bytes())?;
        writeln!(o, "weights written to {}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
