//! Deterministic synthetic corpora for benchmarks, with the ground truth of
//! every change made.
//!
//! A corpus is `N` reports of `L` sentences built from a pool of source
//! sentences (the sample corpus): each report draws a subset of the pool's
//! claims (the rest are dropped), keeps their story order with a few local
//! swaps, and writes each claim either as a verbatim copy of the wire text or
//! with one edit: a paraphrase from the [`Lexicon`], a retelling in another
//! outlet's words where the sample's annotation gives one ([`Claim`]), a
//! changed number, a changed date word or a changed place. Each report also
//! adds sentences no other report has. [`Corpus`] records, for every
//! sentence, which claim it tells (or none) and the edit with its exact
//! words, so a benchmark can score any aligner's sentence links: two
//! sentences of different reports should be linked exactly when they tell
//! the same claim.
//!
//! Everything is driven by one seed through [`Rng`] (splitmix64), so a seed
//! and a size always give the same bytes.

use serde::{Deserialize, Serialize};

/// A small deterministic random number generator (splitmix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }
}

/// Word lists the generator edits with (`bench/lexicon.toml`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Lexicon {
    /// Swaps that keep the claim, applied in either direction.
    pub paraphrase: Vec<[String; 2]>,
    /// Spelled-out counts a number edit may replace with one another.
    pub number_words: Vec<String>,
    /// Groups of date words (weekdays, months); an edit stays in its group.
    pub date_groups: Vec<Vec<String>>,
    /// Place names a place edit swaps for one another.
    pub places: Vec<String>,
    /// Subjects of added sentences.
    pub added_subjects: Vec<String>,
    /// Verb phrases of added sentences.
    pub added_actions: Vec<String>,
    /// Closing phrases of added sentences.
    pub added_tails: Vec<String>,
}

impl Lexicon {
    /// Parse a lexicon from TOML.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

/// What the generator did to a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edit {
    /// Byte-identical copy of the source sentence (wire text).
    Copy,
    /// Words swapped for others from the lexicon; the claim is unchanged.
    Paraphrase,
    /// One number replaced by another value.
    Number,
    /// One date word (weekday or month) replaced by another.
    Date,
    /// One place name replaced by another.
    Place,
    /// The claim in another outlet's words: a sentence of the source texts
    /// that the annotation says tells the same claim (see [`Claim`]). Its one
    /// [`Change`] replaces the whole source sentence.
    Retold,
    /// A sentence only this report has.
    Added,
}

/// One replacement made by an edit: `from` in the source became `to` at byte
/// `at` of the generated sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The words of the source sentence.
    pub from: String,
    /// The words written instead.
    pub to: String,
    /// Byte offset of `to` in the generated sentence.
    pub at: usize,
}

/// One generated sentence and the truth about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynthSentence {
    /// The sentence as written in the report.
    pub text: String,
    /// Index of the pool claim it tells; `None` for an added sentence.
    pub claim: Option<usize>,
    /// What was done to the source sentence.
    pub edit: Edit,
    /// The replacements made (empty for copies and added sentences).
    pub changes: Vec<Change>,
}

/// One generated report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynthReport {
    /// Identifier and file stem, e.g. `r0007`.
    pub id: String,
    /// Outlet name written in the front matter.
    pub outlet: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Sentences in report order.
    pub sentences: Vec<SynthSentence>,
    /// Sentence count of each paragraph, in order.
    pub paragraphs: Vec<usize>,
}

impl SynthReport {
    /// The report as Markdown with YAML front matter (title, outlet, date,
    /// language, url under example.org).
    pub fn markdown(&self, seed: u64) -> String {
        let mut out = format!(
            "---\ntitle: \"Synthetic report {id}\"\noutlet: \"{outlet}\"\ndate: {date}\nlanguage: en\nurl: https://example.org/synth/{seed}/{id}\n---\n",
            id = self.id,
            outlet = self.outlet,
            date = self.date,
        );
        let mut i = 0;
        for &n in &self.paragraphs {
            out.push('\n');
            let para: Vec<&str> = self.sentences[i..i + n]
                .iter()
                .map(|s| s.text.as_str())
                .collect();
            out.push_str(&para.join(" "));
            out.push('\n');
            i += n;
        }
        out
    }
}

/// The size and seed of a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    /// Number of reports.
    pub reports: usize,
    /// Sentences per report.
    pub sentences: usize,
    /// Seed of the random choices.
    pub seed: u64,
}

/// A generated corpus and its ground truth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corpus {
    /// Schema tag of the truth file: `parallax.synth-truth/1`.
    pub schema: String,
    /// What was asked for.
    pub spec: Spec,
    /// The source claims, by index (what [`SynthSentence::claim`] points at).
    pub pool: Vec<String>,
    /// The reports.
    pub reports: Vec<SynthReport>,
}

impl Corpus {
    /// Number of true links: pairs of sentences in different reports that
    /// tell the same claim.
    pub fn true_links(&self) -> u64 {
        let mut per_claim: Vec<Vec<usize>> = vec![Vec::new(); self.pool.len()];
        for (r, rep) in self.reports.iter().enumerate() {
            for s in &rep.sentences {
                if let Some(c) = s.claim {
                    per_claim[c].push(r);
                }
            }
        }
        let mut total = 0u64;
        for reps in per_claim {
            let k = reps.len() as u64;
            let mut same = 0u64;
            let mut sorted = reps;
            sorted.sort_unstable();
            let mut i = 0;
            while i < sorted.len() {
                let j = sorted[i..].iter().take_while(|&&x| x == sorted[i]).count();
                same += (j as u64) * (j as u64 - 1) / 2;
                i += j;
            }
            total += k * k.saturating_sub(1) / 2 - same;
        }
        total
    }
}

/// The source claims: sentences of the given texts with 6 to 60 words and no
/// Markdown marks, keeping only the first of any two that share most of their
/// longer words (so that two pool claims are not secretly the same claim).
pub fn sentence_pool(texts: &[&str]) -> Vec<String> {
    sentence_pool_with(texts, &Annotation::default())
}

/// [`sentence_pool`], also keeping only the first of any two sentences that
/// a human annotation says tell the same claim (`same`: pairs of sentence
/// texts, such as the links of the sample corpus's `EXPECTED.json`). Two
/// outlets' words for one fact ("five people died in clashes in Sacaba",
/// "the Ombudsman's Office said nine had died in Sacaba") can share few
/// words; without the annotation they would be two claims, and every tool
/// that links them would be counted wrong.
pub fn sentence_pool_with(texts: &[&str], annotation: &Annotation) -> Vec<String> {
    claims_with(texts, annotation)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// A claim of the pool: the sentence that stands for it and the other
/// sentences of the source texts that, by the annotation, tell it in
/// another outlet's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The pool sentence.
    pub text: String,
    /// Hand-written retellings of the same claim ("Morales stepped down
    /// that afternoon" for "Morales resigned on Sunday"): the sentences the
    /// annotation links to this one directly, which may differ in a detail
    /// as annotated contradictions do; no near copies.
    pub retellings: Vec<String>,
}

/// [`sentence_pool_with`], each claim with its retellings (see [`Claim`]).
pub fn claims_with(texts: &[&str], annotation: &Annotation) -> Vec<Claim> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // "Tells the same claim" is closed over the annotation's chains: when
    // the wire's sentence is linked to the seed's and to a third outlet's,
    // the seed's and the third's tell one claim too, though no link joins
    // them directly. A sentence can tell two claims, so a chain through it
    // may join two claims: a link that would put a trap's two sentences in
    // one claim joins nothing. (A hand-rolled union-find: a few hundred
    // sentences.)
    let mut id: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut parent: Vec<usize> = Vec::new();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut node = |s: String, parent: &mut Vec<usize>| {
        let next = parent.len();
        let at = *id.entry(s).or_insert(next);
        if at == next {
            parent.push(next);
        }
        at
    };
    let direct: std::collections::HashSet<(String, String)> = annotation
        .same
        .iter()
        .map(|(a, b)| (norm(a), norm(b)))
        .collect();
    let apart: Vec<(usize, usize)> = annotation
        .apart
        .iter()
        .map(|(a, b)| (node(norm(a), &mut parent), node(norm(b), &mut parent)))
        .collect();
    for (a, b) in &annotation.same {
        let (x, y) = (node(norm(a), &mut parent), node(norm(b), &mut parent));
        let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
        let joins_a_trap = apart.iter().any(|&(p, q)| {
            let (rp, rq) = (root(&mut parent, p), root(&mut parent, q));
            (rp, rq) == (rx, ry) || (rp, rq) == (ry, rx)
        });
        if !joins_a_trap {
            parent[rx] = ry;
        }
    }
    // The components that already have a sentence in the pool, and which.
    let mut told: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut pool: Vec<Claim> = Vec::new();
    let mut keys: Vec<Vec<String>> = Vec::new();
    for text in texts {
        for seg in crate::segment::segment(text, "en") {
            let s = text[seg.span.start..seg.span.end].trim();
            let words = s.split_whitespace().count();
            if !(6..=60).contains(&words)
                || s.contains(['\n', '*', '_', '`', '[', ']', '|', '#', '>'])
            {
                continue;
            }
            let key = content_words(s);
            let x = node(norm(s), &mut parent);
            let component = root(&mut parent, x);
            if let Some(k) = keys.iter().position(|k| jaccard(k, &key) >= 0.35) {
                // A near copy of a pool claim: its annotated partners tell
                // that claim too.
                let kept = node(norm(&pool[k].text), &mut parent);
                let rk = root(&mut parent, kept);
                if !told.contains_key(&component) {
                    parent[component] = rk;
                }
                continue;
            }
            if let Some(&c) = told.get(&component) {
                // Another outlet's words for a claim the pool has, when the
                // annotation links the two directly: a chain of links can
                // join two sentences that share little but the event ("the
                // situation escalated on Friday … in La Paz" and "the
                // Ombudsman's Office said on Saturday that nine had died in
                // Sacaba", each linked to the early report's account).
                let claim = &mut pool[c];
                let pair = (norm(&claim.text), norm(s));
                if pair.0 != pair.1
                    && (direct.contains(&pair)
                        || direct.contains(&(pair.1.clone(), pair.0.clone())))
                    && !claim.retellings.iter().any(|r| norm(r) == pair.1)
                {
                    claim.retellings.push(s.to_string());
                }
                continue;
            }
            told.insert(component, pool.len());
            keys.push(key);
            pool.push(Claim {
                text: s.to_string(),
                retellings: Vec::new(),
            });
        }
    }
    pool
}

/// What an annotation file (the sample corpus's `EXPECTED.json`) says of
/// pairs of sentences, by their texts. For [`sentence_pool_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    /// One claim told twice: its `links`, whatever their relation.
    pub same: Vec<(String, String)>,
    /// Two claims however alike: its `not_links` (traps).
    pub apart: Vec<(String, String)>,
}

/// Read an annotation file (see [`Annotation`]).
pub fn annotation(expected_json: &str) -> Result<Annotation, String> {
    let v: serde_json::Value = serde_json::from_str(expected_json).map_err(|e| e.to_string())?;
    let text_of = |side: &serde_json::Value| side["text"].as_str().map(str::to_string);
    let pairs = |key: &str| -> Vec<(String, String)> {
        v[key]
            .as_array()
            .map(|links| {
                links
                    .iter()
                    .filter_map(|l| Some((text_of(&l["a"])?, text_of(&l["b"])?)))
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Annotation {
        same: pairs("links"),
        apart: pairs("not_links"),
    })
}

fn content_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.to_lowercase())
        .collect();
    w.sort();
    w.dedup();
    w
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// Byte offsets where `word` occurs in `s` as a whole word (not inside a
/// longer word).
fn word_positions(s: &str, word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if word.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(i) = s[from..].find(word) {
        let at = from + i;
        let end = at + word.len();
        let before = s[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            out.push(at);
        }
        from = at + word.len().max(1);
    }
    out
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A candidate replacement: byte range in the source and the new words.
struct Site {
    at: usize,
    from: String,
    to: String,
}

/// Apply non-overlapping replacements (sorted by position) and record them
/// with their offsets in the result.
fn apply(src: &str, mut sites: Vec<Site>) -> (String, Vec<Change>) {
    sites.sort_by_key(|s| s.at);
    let mut out = String::new();
    let mut changes = Vec::new();
    let mut pos = 0;
    for s in sites {
        if s.at < pos {
            continue;
        }
        out.push_str(&src[pos..s.at]);
        changes.push(Change {
            from: s.from.clone(),
            to: s.to.clone(),
            at: out.len(),
        });
        out.push_str(&s.to);
        pos = s.at + s.from.len();
    }
    out.push_str(&src[pos..]);
    (out, changes)
}

fn paraphrase_sites(src: &str, lex: &Lexicon) -> Vec<Site> {
    let mut sites = Vec::new();
    for [a, b] in &lex.paraphrase {
        for (from, to) in [(a, b), (b, a)] {
            for at in word_positions(src, from) {
                sites.push(Site {
                    at,
                    from: from.clone(),
                    to: to.clone(),
                });
            }
            let (cf, ct) = (capitalise(from), capitalise(to));
            if cf != *from {
                for at in word_positions(src, &cf) {
                    sites.push(Site {
                        at,
                        from: cf.clone(),
                        to: ct.clone(),
                    });
                }
            }
        }
    }
    // A longer phrase wins over a word inside it ("more than" over "than").
    sites.sort_by(|x, y| x.at.cmp(&y.at).then(y.from.len().cmp(&x.from.len())));
    let mut kept: Vec<Site> = Vec::new();
    for s in sites {
        if kept.last().is_some_and(|k| s.at < k.at + k.from.len()) {
            continue;
        }
        kept.push(s);
    }
    kept
}

/// Runs of digits (with `.` or `,` between digits) that are not years.
fn digit_runs(src: &str) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || ((b[i] == b'.' || b[i] == b',')
                        && i + 1 < b.len()
                        && b[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            let run = &src[start..i];
            let year =
                run.len() == 4 && run.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
            let glued = i < b.len() && b[i].is_ascii_alphabetic();
            if !year && !glued {
                out.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// A different number written like `run` (same decimals, same separators).
fn other_number(run: &str, rng: &mut Rng) -> String {
    let digits: String = run.chars().filter(|c| c.is_ascii_digit()).collect();
    let value: u64 = digits.parse().unwrap_or(0);
    let spread = value / 3 + 3;
    let mut new = value;
    while new == value {
        let delta = 1 + rng.below(spread as usize) as u64;
        new = if rng.chance(50) && value > delta {
            value - delta
        } else {
            value + delta
        };
    }
    // Keep the shape: the decimal part keeps its width.
    if let Some(dot) = run.find('.') {
        let decimals = run.len() - dot - 1;
        let s = format!("{:0width$}", new, width = decimals + 1);
        let (int, frac) = s.split_at(s.len() - decimals);
        format!("{int}.{frac}")
    } else {
        new.to_string()
    }
}

fn number_edit(src: &str, lex: &Lexicon, rng: &mut Rng) -> Option<(String, Vec<Change>)> {
    let mut sites: Vec<Site> = Vec::new();
    for (s, e) in digit_runs(src) {
        let from = src[s..e].to_string();
        let to = other_number(&from, rng);
        sites.push(Site { at: s, from, to });
    }
    for w in &lex.number_words {
        for cand in [w.clone(), capitalise(w)] {
            for at in word_positions(src, &cand) {
                let others: Vec<&String> = lex.number_words.iter().filter(|o| *o != w).collect();
                if others.is_empty() {
                    continue;
                }
                let mut to = others[rng.below(others.len())].clone();
                if cand != *w {
                    to = capitalise(&to);
                }
                sites.push(Site {
                    at,
                    from: cand.clone(),
                    to,
                });
            }
        }
    }
    pick_one(src, sites, rng)
}

fn swap_edit(src: &str, groups: &[Vec<String>], rng: &mut Rng) -> Option<(String, Vec<Change>)> {
    let mut sites = Vec::new();
    for g in groups {
        for w in g {
            for at in word_positions(src, w) {
                let others: Vec<&String> = g.iter().filter(|o| *o != w).collect();
                if others.is_empty() {
                    continue;
                }
                sites.push(Site {
                    at,
                    from: w.clone(),
                    to: others[rng.below(others.len())].clone(),
                });
            }
        }
    }
    pick_one(src, sites, rng)
}

fn pick_one(src: &str, mut sites: Vec<Site>, rng: &mut Rng) -> Option<(String, Vec<Change>)> {
    if sites.is_empty() {
        return None;
    }
    sites.sort_by(|a, b| a.at.cmp(&b.at).then(a.from.cmp(&b.from)));
    let s = sites.swap_remove(rng.below(sites.len()));
    Some(apply(src, vec![s]))
}

/// Write one claim with an edit chosen at random: a copy (35%), a
/// paraphrase (30%) or a changed detail (35%: a number, a date word or a
/// place, whichever the sentence has, chosen at random). Falls back to a
/// paraphrase when the sentence has no detail to change, and to a copy when
/// no paraphrase applies either.
///
/// A claim with retellings (see [`Claim`]) is told in one of them instead
/// of a lexicon paraphrase half the time (15% in all): swapping words from
/// a list keeps most of a sentence, and the way two outlets really word one
/// fact seldom does (of the sample corpus's annotated pairs, 16 of 152
/// share 60% of their words in order).
fn render(claim: &Claim, lex: &Lexicon, rng: &mut Rng) -> (String, Edit, Vec<Change>) {
    let src = claim.text.as_str();
    let roll = rng.below(100);
    let wanted = match roll {
        0..=34 => Edit::Copy,
        35..=49 if !claim.retellings.is_empty() => Edit::Retold,
        35..=64 => Edit::Paraphrase,
        _ => Edit::Number,
    };
    if wanted == Edit::Retold {
        let to = claim.retellings[rng.below(claim.retellings.len())].clone();
        let change = Change {
            from: src.to_string(),
            to: to.clone(),
            at: 0,
        };
        return (to, Edit::Retold, vec![change]);
    }
    if wanted == Edit::Number {
        let mut options = Vec::new();
        if let Some(x) = number_edit(src, lex, rng) {
            options.push((Edit::Number, x));
        }
        if let Some(x) = swap_edit(src, &lex.date_groups, rng) {
            options.push((Edit::Date, x));
        }
        if let Some(x) = swap_edit(src, std::slice::from_ref(&lex.places), rng) {
            options.push((Edit::Place, x));
        }
        if !options.is_empty() {
            let (edit, (text, changes)) = options.swap_remove(rng.below(options.len()));
            return (text, edit, changes);
        }
    }
    if wanted != Edit::Copy {
        let mut sites = paraphrase_sites(src, lex);
        if !sites.is_empty() {
            // One to three swaps, chosen at random.
            let k = 1 + rng.below(3.min(sites.len()));
            let mut chosen = Vec::new();
            for _ in 0..k {
                chosen.push(sites.swap_remove(rng.below(sites.len())));
            }
            let (text, changes) = apply(src, chosen);
            return (text, Edit::Paraphrase, changes);
        }
    }
    (src.to_string(), Edit::Copy, Vec::new())
}

fn added_sentence(
    lex: &Lexicon,
    rng: &mut Rng,
    used: &mut std::collections::HashSet<String>,
) -> String {
    let pick = |v: &Vec<String>, rng: &mut Rng| -> String {
        if v.is_empty() {
            String::from("something")
        } else {
            v[rng.below(v.len())].clone()
        }
    };
    loop {
        let place = pick(&lex.places, rng);
        let s = format!(
            "{} in {} {} {}.",
            pick(&lex.added_subjects, rng),
            place,
            pick(&lex.added_actions, rng),
            pick(&lex.added_tails, rng),
        );
        if used.insert(s.clone()) || used.len() > 1_000_000 {
            return s;
        }
    }
}

/// Generate a corpus from a pool of source claims (see [`sentence_pool`]).
///
/// Each report keeps about 85% of its sentences from the pool (drawn without
/// replacement, in story order with a swap per five sentences) and adds the
/// rest; when `L` exceeds what the pool can give, more sentences are added.
pub fn generate(pool: &[String], lex: &Lexicon, spec: Spec) -> Corpus {
    let claims: Vec<Claim> = pool
        .iter()
        .map(|t| Claim {
            text: t.clone(),
            retellings: Vec::new(),
        })
        .collect();
    generate_with(&claims, lex, spec)
}

/// [`generate`] from claims with their retellings (see [`claims_with`]):
/// some claims are told in another outlet's words ([`Edit::Retold`]).
pub fn generate_with(pool: &[Claim], lex: &Lexicon, spec: Spec) -> Corpus {
    let mut rng = Rng::new(spec.seed);
    let mut used = std::collections::HashSet::new();
    let mut reports = Vec::with_capacity(spec.reports);
    for r in 0..spec.reports {
        let l = spec.sentences;
        let from_pool = (l * 85 / 100).min(pool.len());
        // A partial Fisher–Yates shuffle picks `from_pool` distinct claims.
        let mut idx: Vec<usize> = (0..pool.len()).collect();
        for i in 0..from_pool {
            let j = i + rng.below(idx.len() - i);
            idx.swap(i, j);
        }
        let mut claims: Vec<usize> = idx[..from_pool].to_vec();
        claims.sort_unstable();
        for _ in 0..claims.len() / 5 {
            if claims.len() > 1 {
                let i = rng.below(claims.len() - 1);
                claims.swap(i, i + 1);
            }
        }
        let mut sentences: Vec<SynthSentence> = claims
            .iter()
            .map(|&c| {
                let (text, edit, changes) = render(&pool[c], lex, &mut rng);
                SynthSentence {
                    text,
                    claim: Some(c),
                    edit,
                    changes,
                }
            })
            .collect();
        while sentences.len() < l {
            let at = rng.below(sentences.len() + 1);
            sentences.insert(
                at,
                SynthSentence {
                    text: added_sentence(lex, &mut rng, &mut used),
                    claim: None,
                    edit: Edit::Added,
                    changes: Vec::new(),
                },
            );
        }
        let mut paragraphs = Vec::new();
        let mut left = sentences.len();
        while left > 0 {
            let n = (2 + rng.below(4)).min(left);
            paragraphs.push(n);
            left -= n;
        }
        reports.push(SynthReport {
            id: format!("r{:04}", r + 1),
            outlet: format!("Synthetic Outlet {}", r + 1),
            date: format!("2019-11-{:02}", 11 + r % 10),
            sentences,
            paragraphs,
        });
    }
    Corpus {
        schema: "parallax.synth-truth/1".into(),
        spec,
        pool: pool.iter().map(|c| c.text.clone()).collect(),
        reports,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/lexicon.toml");
        Lexicon::from_toml(&std::fs::read_to_string(path).expect("lexicon")).expect("parse")
    }

    #[test]
    fn an_annotated_restatement_is_one_claim_in_the_pool() {
        let text = "At least five people died in clashes in Sacaba on Friday afternoon. \
                    The Ombudsman's Office said nine had been killed at the bridge. \
                    Schools in the city stayed closed for the rest of the week.";
        // Different enough in words to be two claims without the annotation.
        assert_eq!(sentence_pool(&[text]).len(), 3);
        let same = vec![(
            "The Ombudsman's Office said nine had been killed at the bridge.".to_string(),
            "At least five people died in clashes in Sacaba on Friday afternoon.".to_string(),
        )];
        let pool = sentence_pool_with(
            &[text],
            &Annotation {
                same,
                apart: Vec::new(),
            },
        );
        assert_eq!(
            pool,
            vec![
                "At least five people died in clashes in Sacaba on Friday afternoon.",
                "Schools in the city stayed closed for the rest of the week.",
            ]
        );
    }

    /// Three claims of one report, for the annotation tests.
    const STORY: &str = "At least five people died in clashes in Sacaba on Friday afternoon. \
                         Schools in the city stayed closed for the rest of the week. \
                         The Ombudsman's Office said nine had been killed at the bridge.";
    /// Another outlet's sentence, linked to one or two of the story's.
    const ELSEWHERE: &str =
        "Security forces fired on coca growers marching toward the regional capital.";

    #[test]
    fn a_chain_of_annotated_links_is_one_claim() {
        let text = STORY;
        let other = ELSEWHERE;
        // The first and the last are each linked to the other outlet's
        // sentence, never to each other.
        let same = vec![
            (
                "At least five people died in clashes in Sacaba on Friday afternoon.".to_string(),
                other.to_string(),
            ),
            (
                other.to_string(),
                "The Ombudsman's Office said nine had been killed at the bridge.".to_string(),
            ),
        ];
        let mut annotation = Annotation {
            same,
            apart: Vec::new(),
        };
        assert_eq!(
            sentence_pool_with(&[text, other], &annotation),
            vec![
                "At least five people died in clashes in Sacaba on Friday afternoon.",
                "Schools in the city stayed closed for the rest of the week.",
            ]
        );
        // A trap between the two ends: the other outlet's sentence tells
        // two claims, and the chain through it joins nothing.
        annotation.apart.push((
            "The Ombudsman's Office said nine had been killed at the bridge.".to_string(),
            "At least five people died in clashes in Sacaba on Friday afternoon.".to_string(),
        ));
        assert_eq!(sentence_pool_with(&[text, other], &annotation).len(), 3);
    }

    #[test]
    fn the_annotated_partners_of_a_claim_are_its_retellings() {
        let text = STORY;
        let copy = "At least five people died in clashes in Sacaba on Friday afternoon.";
        let far = ELSEWHERE;
        let same = vec![
            (
                "The Ombudsman's Office said nine had been killed at the bridge.".to_string(),
                copy.to_string(),
            ),
            // The same sentence in a second report is no retelling.
            (copy.to_string(), copy.to_string()),
            // One claim by the chain, but linked to the pool's sentence
            // only through the Ombudsman's: not a retelling of it.
            (
                "The Ombudsman's Office said nine had been killed at the bridge.".to_string(),
                far.to_string(),
            ),
        ];
        let claims = claims_with(
            &[text, copy, far],
            &Annotation {
                same,
                apart: Vec::new(),
            },
        );
        assert_eq!(
            claims,
            vec![
                Claim {
                    text: copy.to_string(),
                    retellings: vec![
                        "The Ombudsman's Office said nine had been killed at the bridge."
                            .to_string()
                    ],
                },
                Claim {
                    text: "Schools in the city stayed closed for the rest of the week.".to_string(),
                    retellings: Vec::new(),
                },
            ]
        );
    }

    #[test]
    fn the_sample_annotation_gives_claims_retellings() {
        let claims = claims();
        let retold = claims.iter().filter(|c| !c.retellings.is_empty()).count();
        // The resignation on Sunday alone is told by seven English reports.
        assert!(retold >= 5, "{retold} claims with retellings");
        for c in &claims {
            assert!(!c.retellings.contains(&c.text));
        }
    }

    #[test]
    fn the_annotation_gives_its_links_as_one_claim_and_not_its_traps() {
        let json = r#"{"links": [{"a": {"doc": "x", "text": "One."}, "b": {"doc": "y", "text": "Uno."}, "relation": "agree"}],
                       "not_links": [{"a": {"doc": "x", "text": "Two."}, "b": {"doc": "y", "text": "Dos."}}]}"#;
        assert_eq!(
            annotation(json).unwrap(),
            Annotation {
                same: vec![("One.".to_string(), "Uno.".to_string())],
                apart: vec![("Two.".to_string(), "Dos.".to_string())],
            }
        );
        assert!(annotation("{ not json").is_err());
    }

    fn pool() -> Vec<String> {
        let texts = sample_texts();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        sentence_pool(&refs)
    }

    /// The pool as the benchmarks build it: with the sample's annotation.
    fn claims() -> Vec<Claim> {
        let texts = sample_texts();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let json = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../sample-articles/bolivia-2019/EXPECTED.json"
        ))
        .unwrap();
        claims_with(&refs, &annotation(&json).unwrap())
    }

    fn sample_texts() -> Vec<String> {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../sample-articles/bolivia-2019"
        );
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| crate::ingest::read_path(p, &Default::default()).unwrap())
            .filter(|r| r.meta.language.as_deref() == Some("en"))
            .map(|r| r.text)
            .collect()
    }

    fn spec(seed: u64) -> Spec {
        Spec {
            reports: 12,
            sentences: 40,
            seed,
        }
    }

    #[test]
    fn synth_same_seed_same_corpus() {
        let (p, l) = (pool(), lexicon());
        let a = generate(&p, &l, spec(7));
        let b = generate(&p, &l, spec(7));
        assert_eq!(a, b);
        assert_eq!(
            a.reports[3].markdown(7),
            b.reports[3].markdown(7),
            "same bytes"
        );
        let c = generate(&p, &l, spec(8));
        assert_ne!(a.reports, c.reports);
    }

    #[test]
    fn synth_sizes_and_every_edit_kind() {
        let (p, l) = (claims(), lexicon());
        assert!(p.len() > 100, "pool of {}", p.len());
        let c = generate_with(&p, &l, spec(1));
        assert_eq!(c.reports.len(), 12);
        let mut seen = std::collections::HashSet::new();
        for r in &c.reports {
            assert_eq!(r.sentences.len(), 40);
            assert_eq!(r.paragraphs.iter().sum::<usize>(), 40);
            for s in &r.sentences {
                seen.insert(s.edit);
            }
        }
        for e in [
            Edit::Copy,
            Edit::Paraphrase,
            Edit::Number,
            Edit::Date,
            Edit::Place,
            Edit::Retold,
            Edit::Added,
        ] {
            assert!(seen.contains(&e), "{e:?} never made");
        }
        assert!(c.true_links() > 0);
    }

    #[test]
    fn synth_truth_matches_the_text() {
        let (claims, l) = (claims(), lexicon());
        let p: Vec<String> = claims.iter().map(|c| c.text.clone()).collect();
        let c = generate_with(&claims, &l, spec(3));
        assert_eq!(c.pool, p);
        for r in &c.reports {
            let md = r.markdown(3);
            for s in &r.sentences {
                assert!(md.contains(&s.text), "sentence written to the file");
                match (s.edit, s.claim) {
                    (Edit::Added, None) => {
                        assert!(!p.contains(&s.text));
                        assert!(s.changes.is_empty());
                    }
                    (Edit::Copy, Some(k)) => assert_eq!(s.text, p[k], "copy is byte-identical"),
                    (_, Some(k)) => {
                        let src = &p[k];
                        assert_ne!(&s.text, src, "{:?} changed nothing", s.edit);
                        if s.edit != Edit::Paraphrase {
                            assert_eq!(s.changes.len(), 1);
                        }
                        // Undo the recorded changes: the source comes back.
                        let mut undone = s.text.clone();
                        for ch in s.changes.iter().rev() {
                            assert_eq!(&undone[ch.at..ch.at + ch.to.len()], ch.to);
                            assert_ne!(ch.from, ch.to);
                            undone.replace_range(ch.at..ch.at + ch.to.len(), &ch.from);
                        }
                        assert_eq!(&undone, src);
                        let ch = &s.changes[0];
                        match s.edit {
                            Edit::Number => assert!(
                                ch.from.chars().any(|c| c.is_ascii_digit())
                                    || l.number_words
                                        .iter()
                                        .any(|w| w.eq_ignore_ascii_case(&ch.from))
                            ),
                            Edit::Place => {
                                assert!(l.places.contains(&ch.from) && l.places.contains(&ch.to))
                            }
                            Edit::Date => assert!(l
                                .date_groups
                                .iter()
                                .any(|g| g.contains(&ch.from) && g.contains(&ch.to))),
                            Edit::Retold => {
                                assert_eq!((ch.at, &ch.from), (0, src));
                                assert!(claims[k].retellings.contains(&s.text));
                            }
                            _ => {}
                        }
                    }
                    (e, k) => panic!("inconsistent truth: {e:?} with claim {k:?}"),
                }
            }
        }
    }

    #[test]
    fn synth_true_links_count_pairs_across_reports() {
        let c = Corpus {
            schema: String::new(),
            spec: spec(0),
            pool: vec!["a".into(), "b".into()],
            reports: (0..3)
                .map(|i| SynthReport {
                    id: format!("r{i}"),
                    outlet: String::new(),
                    date: String::new(),
                    sentences: vec![SynthSentence {
                        text: "a".into(),
                        claim: Some(0),
                        edit: Edit::Copy,
                        changes: vec![],
                    }],
                    paragraphs: vec![1],
                })
                .collect(),
        };
        assert_eq!(c.true_links(), 3);
    }

    #[test]
    fn synth_numbers_keep_their_shape() {
        let mut rng = Rng::new(5);
        for run in ["47.08", "9", "14", "1,000"] {
            let n = other_number(run, &mut rng);
            assert_ne!(n, run);
            assert_eq!(n.contains('.'), run.contains('.'));
        }
        assert_eq!(
            digit_runs("In 2019, 47.08% of 9 voters"),
            vec![(9, 14), (19, 20)]
        );
    }
}
