//! Shared helpers for the integration tests: the sample corpus, and scoring a
//! comparison against the corpus's annotated EXPECTED.json.
#![allow(dead_code, missing_docs)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use parallax_engine::model::{Comparison, Relation};
use serde::Deserialize;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn corpus_dir() -> PathBuf {
    root().join("sample-articles/bolivia-2019")
}

pub fn corpus_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("sample corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    v.sort();
    v
}

/// Compare invented reports, each given as (file name, outlet, language,
/// body), all dated `date`: the front matter a user's Markdown would carry.
pub fn compare_stories(reports: &[(&str, &str, &str, &str)], date: &str) -> Comparison {
    let texts: Vec<(String, String)> = reports
        .iter()
        .map(|(file, outlet, lang, body)| {
            (
                file.to_string(),
                format!("---\noutlet: {outlet}\ndate: {date}\nlanguage: {lang}\n---\n\n{body}"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(f, t)| (f.as_str(), t.as_str()))
        .collect();
    parallax_engine::compare_texts(&refs, &Default::default()).expect("compare")
}

/// The link between the sentence of report `da` (its file name without the
/// extension) holding the words `a` and that of `db` holding `b`, in either
/// order. Panics when a report or a sentence is missing: the test is wrong.
pub fn link<'c>(
    cmp: &'c Comparison,
    (da, a): (&str, &str),
    (db, b): (&str, &str),
) -> Option<&'c parallax_engine::model::Link> {
    let id = |doc: &str, words: &str| {
        cmp.document(doc)
            .unwrap_or_else(|| panic!("no report {doc}"))
            .sentences
            .iter()
            .find(|s| s.text.contains(words))
            .unwrap_or_else(|| panic!("{doc}: no sentence with {words:?}"))
            .id
            .clone()
    };
    let (x, y) = (id(da, a), id(db, b));
    cmp.links
        .iter()
        .find(|l| (&*l.a, &*l.b) == (&*x, &*y) || (&*l.a, &*l.b) == (&*y, &*x))
}

/// Compare the whole sample corpus with its topic.
pub fn compare_corpus() -> Comparison {
    compare_corpus_with(true)
}

/// Compare the whole sample corpus with its topic or with none (as most
/// stories a user brings have no topic file).
pub fn compare_corpus_with(topic: bool) -> Comparison {
    let reports = corpus_files()
        .iter()
        .map(|p| parallax_engine::read_path(p, &Default::default()).expect("read report"))
        .collect();
    let mut opts = parallax_engine::Options::default().created("2019-11-30T00:00:00Z");
    if topic {
        opts = opts.topic(root().join("topics/bolivia-2019"));
    }
    // A knob for exploring the threshold by hand; tests run with the default.
    if let Some(t) = std::env::var("PARALLAX_THRESHOLD")
        .ok()
        .and_then(|t| t.parse().ok())
    {
        opts = opts.threshold(t);
    }
    if let Some(t) = std::env::var("PARALLAX_CONTRA")
        .ok()
        .and_then(|t| t.parse().ok())
    {
        opts.align.contradiction = t;
    }
    parallax_engine::compare(reports, &opts, &parallax_engine::NoProgress).expect("compare")
}

#[derive(Deserialize, Clone)]
pub struct Ref {
    pub doc: String,
    pub text: String,
}

#[derive(Deserialize, Clone)]
pub struct ExpectedLink {
    pub a: Ref,
    pub b: Ref,
    #[serde(default)]
    pub relation: Option<String>,
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Deserialize, Clone)]
pub struct Internal {
    pub doc: String,
    pub a: String,
    pub b: String,
    pub reason: String,
}

#[derive(Deserialize, Clone)]
pub struct SeedError {
    pub claim: u32,
    pub seed: String,
    pub counter: Ref,
    pub reason: String,
}

#[derive(Deserialize, Clone)]
pub struct Expected {
    pub links: Vec<ExpectedLink>,
    pub not_links: Vec<ExpectedLink>,
    pub unique: Vec<Ref>,
    pub internal: Vec<Internal>,
    pub seed_errors: Vec<SeedError>,
}

pub fn expected() -> Expected {
    let text = std::fs::read_to_string(corpus_dir().join("EXPECTED.json")).expect("EXPECTED.json");
    serde_json::from_str(&text).expect("EXPECTED.json parses")
}

/// Ids of the sentences of `doc` that overlap the annotated text.
pub fn find(cmp: &Comparison, doc: &str, text: &str) -> Vec<String> {
    let Some(d) = cmp.document(doc) else {
        return vec![];
    };
    let Some(pos) = d.text.find(text) else {
        return vec![];
    };
    let (s, e) = (pos, pos + text.len());
    d.sentences
        .iter()
        .filter(|x| x.start < e && s < x.end)
        .map(|x| x.id.clone())
        .collect()
}

/// The relation our comparison gives between two annotated sentences.
pub fn relation(cmp: &Comparison, a: &Ref, b: &Ref) -> Option<Relation> {
    let ia: HashSet<String> = find(cmp, &a.doc, &a.text).into_iter().collect();
    let ib: HashSet<String> = find(cmp, &b.doc, &b.text).into_iter().collect();
    cmp.links
        .iter()
        .chain(cmp.internal.iter())
        .filter(|l| {
            (ia.contains(&*l.a) && ib.contains(&*l.b)) || (ia.contains(&*l.b) && ib.contains(&*l.a))
        })
        .map(|l| l.relation)
        .max()
}

pub fn parse_relation(s: &str) -> Relation {
    match s {
        "verbatim" => Relation::Verbatim,
        "agree" => Relation::Agree,
        "diverge" => Relation::Diverge,
        _ => Relation::Contradict,
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Pr {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Pr {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// Quality of a comparison against EXPECTED.
#[derive(Debug, Default)]
pub struct Quality {
    /// Links: expected links found (tp), missed (fn), traps linked (fp).
    pub links: Pr,
    /// Contradictions: expected contradictions labelled contradict (tp), missed
    /// (fn); fp = contradict labels on pairs annotated as anything else, plus
    /// contradict labels on pairs the annotation does not mention.
    pub contradictions: Pr,
    /// Expected links whose relation matches exactly.
    pub relation_exact: (usize, usize),
    /// Unique sentences that we also leave unlinked.
    pub unique: (usize, usize),
    pub misses: Vec<String>,
}

pub fn score(cmp: &Comparison, exp: &Expected, same_language_only: bool) -> Quality {
    let lang = |doc: &str| {
        cmp.document(doc)
            .map(|d| d.language.clone())
            .unwrap_or_default()
    };
    let keep = |l: &ExpectedLink| !same_language_only || lang(&l.a.doc) == lang(&l.b.doc);
    let mut q = Quality::default();
    let mut annotated: HashSet<(String, String)> = HashSet::new();
    for l in exp.links.iter().filter(|l| keep(l)) {
        let want = parse_relation(l.relation.as_deref().unwrap_or("agree"));
        for a in find(cmp, &l.a.doc, &l.a.text) {
            for b in find(cmp, &l.b.doc, &l.b.text) {
                annotated.insert((a.clone(), b.clone()));
                annotated.insert((b, a.clone()));
            }
        }
        let got = relation(cmp, &l.a, &l.b);
        match got {
            Some(_) => q.links.tp += 1,
            None => {
                q.links.fn_ += 1;
                q.misses.push(format!(
                    "MISSED {:?} {}: {} || {}: {}",
                    want, l.a.doc, l.a.text, l.b.doc, l.b.text
                ));
            }
        }
        q.relation_exact.1 += 1;
        if got == Some(want) {
            q.relation_exact.0 += 1;
        } else if got.is_some() {
            q.misses.push(format!(
                "RELATION want {:?} got {:?} {}: {} || {}: {}",
                want, got, l.a.doc, l.a.text, l.b.doc, l.b.text
            ));
        }
        if want == Relation::Contradict {
            if got == Some(Relation::Contradict) {
                q.contradictions.tp += 1
            } else {
                q.contradictions.fn_ += 1
            }
        } else if got == Some(Relation::Contradict) {
            q.contradictions.fp += 1;
        }
    }
    for l in exp.not_links.iter().filter(|l| keep(l)) {
        for a in find(cmp, &l.a.doc, &l.a.text) {
            for b in find(cmp, &l.b.doc, &l.b.text) {
                annotated.insert((a.clone(), b.clone()));
                annotated.insert((b, a.clone()));
            }
        }
        if let Some(r) = relation(cmp, &l.a, &l.b) {
            q.links.fp += 1;
            if r == Relation::Contradict {
                q.contradictions.fp += 1;
            }
            q.misses.push(format!(
                "TRAP linked as {:?}: {}: {} || {}: {}",
                r, l.a.doc, l.a.text, l.b.doc, l.b.text
            ));
        }
    }
    // Contradictions nobody annotated count against precision.
    for l in cmp
        .links
        .iter()
        .filter(|l| l.relation == Relation::Contradict)
    {
        if !annotated.contains(&(l.a.to_string(), l.b.to_string())) {
            let same_lang = {
                let da = parallax_engine::model::split_sentence_id(&l.a)
                    .map(|x| x.0)
                    .unwrap_or("");
                let db = parallax_engine::model::split_sentence_id(&l.b)
                    .map(|x| x.0)
                    .unwrap_or("");
                lang(da) == lang(db)
            };
            if !same_language_only || same_lang {
                q.contradictions.fp += 1;
                let (ta, tb) = (
                    cmp.sentence(&l.a).map(|x| x.1.text.clone()),
                    cmp.sentence(&l.b).map(|x| x.1.text.clone()),
                );
                q.misses.push(format!(
                    "UNANNOTATED CONTRADICTION {} {:?} || {} {:?} :: {}",
                    l.a,
                    ta,
                    l.b,
                    tb,
                    l.reasons
                        .iter()
                        .map(|r| r.explanation.clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
        }
    }
    for u in &exp.unique {
        q.unique.1 += 1;
        let ids = find(cmp, &u.doc, &u.text);
        if ids.iter().all(|id| cmp.unique.contains(id)) {
            q.unique.0 += 1;
        } else {
            q.misses.push(format!("NOT UNIQUE {}: {}", u.doc, u.text));
        }
    }
    q
}

pub fn report(name: &str, q: &Quality) -> String {
    format!(
        "{name}: links P {:.3} R {:.3} (tp {} fp {} fn {}); contradictions P {:.3} R {:.3} (tp {} fp {} fn {}); exact relation {}/{}; unique {}/{}",
        q.links.precision(), q.links.recall(), q.links.tp, q.links.fp, q.links.fn_,
        q.contradictions.precision(), q.contradictions.recall(), q.contradictions.tp, q.contradictions.fp, q.contradictions.fn_,
        q.relation_exact.0, q.relation_exact.1, q.unique.0, q.unique.1
    )
}

pub fn path_str(p: &Path) -> String {
    p.display().to_string()
}
