//! Time each stage of one comparison of a folder of reports and print the
//! times as JSON (seconds). The engine reports progress per stage (analyse,
//! align, classify); a stage ends at its last progress tick, and "model" is
//! what follows the last classify tick (clusters, internal contradictions,
//! quotes, framing). Ingest and the JSON export are timed around the call.
//!
//! ```text
//! cargo run --release -p parallax-engine --example stages -- DIR
//! ```

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use parallax_engine::{compare, export, read_path, IngestOptions, Options, Progress};

/// Remembers when each stage last advanced.
struct Clock {
    start: Instant,
    last: Mutex<Vec<(String, f64)>>,
}

impl Progress for Clock {
    fn stage(&self, stage: &str, _done: usize, _total: usize) {
        let t = self.start.elapsed().as_secs_f64();
        let mut last = self.last.lock().expect("clock");
        match last.iter_mut().find(|(s, _)| s == stage) {
            Some(entry) => entry.1 = t,
            None => last.push((stage.to_string(), t)),
        }
    }
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: stages DIR");
        std::process::exit(2);
    }));
    let t0 = Instant::now();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let reports: Vec<_> = files
        .iter()
        .map(|p| read_path(p, &IngestOptions::default()).expect("read report"))
        .collect();
    let ingest = t0.elapsed().as_secs_f64();
    let clock = Clock {
        start: Instant::now(),
        last: Mutex::new(Vec::new()),
    };
    let cmp = compare(reports, &Options::default(), &clock).expect("compare");
    let total = clock.start.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut sink = std::io::sink();
    export::write(export::Format::Json, &cmp, &mut sink, false).expect("export");
    let export_json = t1.elapsed().as_secs_f64();
    let last = clock.last.into_inner().expect("clock");
    let mut out = serde_json::Map::new();
    out.insert("ingest".into(), ingest.into());
    let mut prev = 0.0;
    for (stage, t) in &last {
        out.insert(stage.clone(), (t - prev).into());
        prev = *t;
    }
    out.insert("model".into(), (total - prev).into());
    out.insert("compare".into(), total.into());
    out.insert("export_json".into(), export_json.into());
    out.insert("links".into(), cmp.links.len().into());
    println!("{}", serde_json::Value::Object(out));
}
