//! Reduce a `parallax compare --format json` output to the benchmark's common
//! link shape (`bench/score.py` reads it):
//! `{"tool", "documents": {id: [sentence text, …]}, "links": [[doc, i, doc, j, relation], …]}`.
//! Reasons, evidence and diffs are skipped without being kept in memory, so
//! a comparison of a gigabyte or more converts in a few seconds.
//!
//! ```text
//! cargo run --release -p parallax-engine --example links -- comparison.json > links.json
//! ```

use std::collections::BTreeMap;
use std::io::Write;

use serde::Deserialize;

#[derive(Deserialize)]
struct Cmp {
    documents: Vec<Doc>,
    links: Vec<Link>,
}

#[derive(Deserialize)]
struct Doc {
    id: String,
    sentences: Vec<Sent>,
}

#[derive(Deserialize)]
struct Sent {
    index: usize,
    text: String,
}

#[derive(Deserialize)]
struct Link {
    a: String,
    b: String,
    relation: String,
}

/// `doc:index` → (doc, index).
fn split_id(id: &str) -> Option<(&str, usize)> {
    let (d, i) = id.rsplit_once(':')?;
    Some((d, i.parse().ok()?))
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: links COMPARISON.json");
        std::process::exit(2);
    });
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        eprintln!("links: {path}: {e}");
        std::process::exit(2);
    });
    let cmp: Cmp = serde_json::from_reader(std::io::BufReader::new(file)).unwrap_or_else(|e| {
        eprintln!("links: {path}: {e}");
        std::process::exit(2);
    });
    let mut documents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in cmp.documents {
        let mut s = d.sentences;
        s.sort_by_key(|s| s.index);
        documents.insert(d.id, s.into_iter().map(|s| s.text).collect());
    }
    let mut links = Vec::with_capacity(cmp.links.len());
    for l in &cmp.links {
        if let (Some((da, ia)), Some((db, ib))) = (split_id(&l.a), split_id(&l.b)) {
            links.push(serde_json::json!([da, ia, db, ib, l.relation]));
        }
    }
    let out = serde_json::json!({"tool": "parallax", "documents": documents, "links": links});
    let stdout = std::io::stdout();
    let mut lock = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer(&mut lock, &out).expect("write");
    lock.write_all(b"\n").expect("write");
}
