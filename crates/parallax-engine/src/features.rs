//! Features of a sentence pair, for the matcher.
//!
//! Every feature is symmetric in its two sentences, so the score of (a, b)
//! equals the score of (b, a) and the order of reports cannot change a link.
//! Features fall in families (see [`FAMILIES`]), which the ablation in
//! BENCHMARKS.md removes one at a time.

use std::collections::{HashMap, HashSet};

use crate::analyse::SentenceAnalysis;

/// Inverse document frequency of keys.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    /// Key → idf.
    pub table: HashMap<String, f64>,
    /// Idf of a key not in the table (a rare word).
    pub default: f64,
}

impl Idf {
    /// Idf of a key.
    pub fn get(&self, k: &str) -> f64 {
        self.table.get(k).copied().unwrap_or(self.default)
    }
    /// Build from a list of key sets (one per sentence).
    pub fn from_sets<'a>(sets: impl IntoIterator<Item = &'a [String]>) -> Self {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut n = 0usize;
        for s in sets {
            n += 1;
            let uniq: HashSet<&String> = s.iter().collect();
            for k in uniq {
                *df.entry(k.clone()).or_default() += 1;
            }
        }
        let idf = |d: usize| ((n as f64 + 1.0) / (d as f64 + 1.0)).ln() + 1.0;
        Idf {
            default: idf(1),
            table: df.into_iter().map(|(k, d)| (k, idf(d))).collect(),
        }
    }
}

/// Feature names, in vector order.
pub const NAMES: &[&str] = &[
    "idf_dice",
    "key_jaccard",
    "coverage_min",
    "coverage_max",
    "char3_jaccard",
    "bigram_dice",
    "diff_ratio",
    "len_ratio",
    "residue",
    "max_unmatched_idf",
    "entities_shared",
    "entities_unmatched",
    "numbers_match",
    "numbers_conflict",
    "numbers_one_side",
    "dates_match",
    "dates_conflict",
    "negation_mismatch",
    "aligned_min",
    "aligned_max",
    "lcs_run",
    "stop_dice",
    "containment",
    "same_event",
];

/// Features that signal a conflicting detail. Alignment ("is this the same
/// claim at all?") neutralises them, so a contradiction still links.
pub const CONFLICT_FEATURES: &[&str] = &["numbers_conflict", "dates_conflict", "negation_mismatch"];

/// Feature families for ablation.
pub const FAMILIES: &[(&str, &[&str])] = &[
    (
        "word overlap",
        &[
            "idf_dice",
            "key_jaccard",
            "coverage_min",
            "coverage_max",
            "residue",
            "max_unmatched_idf",
        ],
    ),
    ("character n-grams", &["char3_jaccard"]),
    (
        "bigrams and order",
        &["bigram_dice", "lcs_run", "stop_dice"],
    ),
    ("word diff (similar)", &["diff_ratio"]),
    ("length", &["len_ratio"]),
    ("entities", &["entities_shared", "entities_unmatched"]),
    (
        "numbers",
        &["numbers_match", "numbers_conflict", "numbers_one_side"],
    ),
    ("dates", &["dates_match", "dates_conflict"]),
    ("negation", &["negation_mismatch"]),
    ("alignment", &["aligned_min", "aligned_max", "containment"]),
    ("event frames", &["same_event"]),
];

/// Compute the feature vector of a pair.
pub fn features(a: &SentenceAnalysis, b: &SentenceAnalysis, idf: &Idf) -> Vec<f64> {
    let ka: HashSet<&str> = a.keys.iter().map(String::as_str).collect();
    let kb: HashSet<&str> = b.keys.iter().map(String::as_str).collect();
    let shared: HashSet<&str> = ka.intersection(&kb).copied().collect();
    let w = |s: &HashSet<&str>| stable_sum(s.iter().map(|k| idf.get(k)));
    let (wa, wb, ws) = (w(&ka), w(&kb), w(&shared));
    let idf_dice = if wa + wb > 0.0 {
        2.0 * ws / (wa + wb)
    } else {
        0.0
    };
    let union = ka.union(&kb).count();
    let key_jaccard = if union > 0 {
        shared.len() as f64 / union as f64
    } else {
        0.0
    };
    let cov_a = if ka.is_empty() {
        0.0
    } else {
        shared.len() as f64 / ka.len() as f64
    };
    let cov_b = if kb.is_empty() {
        0.0
    } else {
        shared.len() as f64 / kb.len() as f64
    };
    let residue = if wa + wb > 0.0 {
        (wa + wb - 2.0 * ws) / (wa + wb)
    } else {
        1.0
    };
    let max_unmatched = ka
        .symmetric_difference(&kb)
        .map(|k| idf.get(k))
        .fold(0.0f64, f64::max)
        / idf.default.max(1.0);

    let char3 = jaccard(&char_ngrams(a), &char_ngrams(b));
    let fa: Vec<&str> = a.tokens.iter().map(|t| t.fold.as_str()).collect();
    let fb: Vec<&str> = b.tokens.iter().map(|t| t.fold.as_str()).collect();
    let bigrams = |f: &[&str]| {
        f.windows(2)
            .map(|w| (w[0].to_string(), w[1].to_string()))
            .collect::<HashSet<_>>()
    };
    let (ba, bb) = (bigrams(&fa), bigrams(&fb));
    let bigram_dice = dice(ba.len(), bb.len(), ba.intersection(&bb).count());
    let diff_ratio = similar::TextDiff::configure().diff_slices(&fa, &fb).ratio() as f64;
    let len_ratio = if fa.is_empty() || fb.is_empty() {
        0.0
    } else {
        fa.len().min(fb.len()) as f64 / fa.len().max(fb.len()) as f64
    };
    let lcs_run = longest_common_run(&fa, &fb) as f64 / (fa.len().min(fb.len()).max(1) as f64);
    let sa: HashSet<&str> = a
        .tokens
        .iter()
        .filter(|t| t.stop)
        .map(|t| t.fold.as_str())
        .collect();
    let sb: HashSet<&str> = b
        .tokens
        .iter()
        .filter(|t| t.stop)
        .map(|t| t.fold.as_str())
        .collect();
    let stop_dice = dice(sa.len(), sb.len(), sa.intersection(&sb).count());

    let ea: HashSet<&str> = a
        .entities
        .iter()
        .filter(|e| !e.weak)
        .map(|e| e.id.as_str())
        .collect();
    let eb: HashSet<&str> = b
        .entities
        .iter()
        .filter(|e| !e.weak)
        .map(|e| e.id.as_str())
        .collect();
    let ent_shared = (ea.intersection(&eb).count() as f64).min(3.0) / 3.0;
    let ent_unmatched = if ea.is_empty() && eb.is_empty() {
        0.0
    } else {
        ea.symmetric_difference(&eb).count() as f64 / ea.union(&eb).count() as f64
    };

    let (num_match, num_conflict, num_one) = number_features(a, b);
    let (date_match, date_conflict) = date_features(a, b);
    let neg_a: HashSet<&str> = a
        .negated
        .iter()
        .map(String::as_str)
        .filter(|k| kb.contains(k))
        .collect();
    let neg_b: HashSet<&str> = b
        .negated
        .iter()
        .map(String::as_str)
        .filter(|k| ka.contains(k))
        .collect();
    let negation_mismatch = if neg_a != neg_b || (a.negations.is_empty() != b.negations.is_empty())
    {
        1.0
    } else {
        0.0
    };

    // Alignment: content words of one side that find a partner in the other
    // by key, by character similarity (spelling variants), or as a number.
    let aligned = |x: &SentenceAnalysis, y: &SentenceAnalysis, ky: &HashSet<&str>| {
        let content: Vec<&crate::text::Token> = x.tokens.iter().filter(|t| !t.stop).collect();
        if content.is_empty() {
            return 0.0;
        }
        let yfolds: Vec<&str> = y
            .tokens
            .iter()
            .filter(|t| !t.stop)
            .map(|t| t.fold.as_str())
            .collect();
        let hit = content
            .iter()
            .filter(|t| {
                ky.contains(t.key.as_str()) || yfolds.iter().any(|f| near_spelling(&t.fold, f))
            })
            .count();
        hit as f64 / content.len() as f64
    };
    let al_a = aligned(a, b, &kb);
    let al_b = aligned(b, a, &ka);

    vec![
        idf_dice,
        key_jaccard,
        cov_a.min(cov_b),
        cov_a.max(cov_b),
        char3,
        bigram_dice,
        diff_ratio,
        len_ratio,
        residue,
        max_unmatched,
        ent_shared,
        ent_unmatched,
        num_match,
        num_conflict,
        num_one,
        date_match,
        date_conflict,
        negation_mismatch,
        al_a.min(al_b),
        al_a.max(al_b),
        lcs_run,
        stop_dice,
        containment(a, b, idf),
        if same_event(a, b) { 1.0 } else { 0.0 },
    ]
}

static EVENTS: &str = include_str!("../data/events.txt");

fn is_event(k: &str) -> bool {
    EVENTS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .any(|e| e == k)
}

/// Two sentences tell of the same event when they share an event word
/// (resign, die, clash...) and a participant: a named person or
/// organisation, a place, or a compatible date plus one more content word.
pub fn same_event(a: &SentenceAnalysis, b: &SentenceAnalysis) -> bool {
    let kb: HashSet<&str> = b.keys.iter().map(String::as_str).collect();
    let shared = a.keys.iter().filter(|k| kb.contains(k.as_str())).count();
    // The same act with polarity ("withdrew support") and more in common.
    let same_act = a
        .acts
        .iter()
        .any(|x| b.acts.iter().any(|y| x.concept == y.concept));
    if same_act && shared >= 3 {
        return true;
    }
    let events: Vec<&str> = a
        .keys
        .iter()
        .map(String::as_str)
        .filter(|k| kb.contains(k) && is_event(k))
        .collect();
    if events.is_empty() {
        return false;
    }
    // Violence is identified by where it happened; other events by who acted.
    let by_place = events
        .iter()
        .any(|e| matches!(*e, "die" | "injure" | "clash" | "blockade"));
    fn ids(s: &SentenceAnalysis, places: bool) -> HashSet<&str> {
        s.entities
            .iter()
            .filter(|e| !e.weak && !e.negated)
            .filter(|e| places || !matches!(e.kind, crate::model::MarkKind::Place))
            .map(|e| e.id.as_str())
            .collect()
    }
    if !ids(a, by_place).is_disjoint(&ids(b, by_place)) {
        return true;
    }
    let dates_ok = a.dates.iter().filter(|d| !d.reported).any(|x| {
        b.dates
            .iter()
            .filter(|d| !d.reported)
            .any(|y| x.compatible(y) == Some(true))
    });
    dates_ok && shared >= 3
}

/// How much of the lighter sentence's content (keys and named entities,
/// weighted by idf) the other sentence also has. A short claim inside a long
/// sentence scores high, which Dice-style overlap does not; a pair whose
/// sentences both name people or places but none in common is halved.
pub fn containment(a: &SentenceAnalysis, b: &SentenceAnalysis, idf: &Idf) -> f64 {
    let set = |s: &SentenceAnalysis| -> HashSet<String> {
        let mut k: HashSet<String> = s.keys.iter().cloned().collect();
        for e in s.entities.iter().filter(|e| !e.weak) {
            k.insert(format!("@{}", e.id));
        }
        k
    };
    let (sa, sb) = (set(a), set(b));
    let w = |k: &str| {
        if let Some(e) = k.strip_prefix('@') {
            idf.get(e).max(idf.default * 0.75)
        } else {
            idf.get(k)
        }
    };
    let mass = |s: &HashSet<String>| stable_sum(s.iter().map(|k| w(k)));
    let (small, large) = if mass(&sa) <= mass(&sb) {
        (&sa, &sb)
    } else {
        (&sb, &sa)
    };
    if small.len() < 3 {
        return 0.0;
    }
    let shared = stable_sum(small.iter().filter(|k| large.contains(*k)).map(|k| w(k)));
    let mut c = shared / mass(small).max(1e-9);
    let ents = |s: &HashSet<String>| {
        s.iter()
            .filter(|k| k.starts_with('@'))
            .cloned()
            .collect::<HashSet<_>>()
    };
    let (ea, eb) = (ents(&sa), ents(&sb));
    if !ea.is_empty() && !eb.is_empty() && ea.is_disjoint(&eb) {
        c *= 0.5;
    }
    c
}

/// Sum in sorted order: hash-set iteration order varies between runs, and a
/// float sum in another order can differ in the last bit, which must never
/// flip a link at a threshold.
fn stable_sum(it: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = it.collect();
    v.sort_by(f64::total_cmp);
    v.iter().sum()
}

fn near_spelling(a: &str, b: &str) -> bool {
    if a.len() < 5 || b.len() < 5 {
        return false;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= 5 && common * 10 >= a.len().max(b.len()) * 7
}

fn dice(a: usize, b: usize, both: usize) -> f64 {
    if a + b == 0 {
        0.0
    } else {
        2.0 * both as f64 / (a + b) as f64
    }
}

fn jaccard<T: std::hash::Hash + Eq>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let u = a.union(b).count();
    if u == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / u as f64
    }
}

fn char_ngrams(s: &SentenceAnalysis) -> HashSet<[u8; 3]> {
    let mut out = HashSet::new();
    for t in s.tokens.iter().filter(|t| !t.stop) {
        let b = format!(" {} ", t.fold);
        let b = b.as_bytes();
        for w in b.windows(3) {
            out.insert([w[0], w[1], w[2]]);
        }
    }
    out
}

fn longest_common_run(a: &[&str], b: &[&str]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// (all numbers matched, some counted number conflicts, numbers on one side only).
pub fn number_features(a: &SentenceAnalysis, b: &SentenceAnalysis) -> (f64, f64, f64) {
    if a.numbers.is_empty() && b.numbers.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    if a.numbers.is_empty() || b.numbers.is_empty() {
        return (0.0, 0.0, 1.0);
    }
    let mut conflict = false;
    let mut all_matched = true;
    for x in &a.numbers {
        let same_thing: Vec<_> = b
            .numbers
            .iter()
            .filter(|y| x.counted.is_some() && x.counted == y.counted)
            .collect();
        if !same_thing.is_empty() {
            if !same_thing.iter().any(|y| x.overlaps(y)) {
                conflict = true;
            }
            if !same_thing.iter().any(|y| x.same(y)) {
                all_matched = false;
            }
        } else if !b.numbers.iter().any(|y| x.same(y)) {
            all_matched = false;
        }
    }
    for y in &b.numbers {
        if !a
            .numbers
            .iter()
            .any(|x| x.same(y) || (x.counted.is_some() && x.counted == y.counted))
        {
            all_matched = false;
        }
    }
    (
        if all_matched { 1.0 } else { 0.0 },
        if conflict { 1.0 } else { 0.0 },
        0.0,
    )
}

/// (dates all compatible, some date conflicts).
pub fn date_features(a: &SentenceAnalysis, b: &SentenceAnalysis) -> (f64, f64) {
    let ad: Vec<&crate::analyse::DateMention> = a.dates.iter().filter(|d| !d.reported).collect();
    let bd: Vec<&crate::analyse::DateMention> = b.dates.iter().filter(|d| !d.reported).collect();
    if ad.is_empty() || bd.is_empty() {
        return (0.0, 0.0);
    }
    let mut any_ok = false;
    let mut a_unmatched = false;
    for x in &ad {
        let verdicts: Vec<Option<bool>> = bd.iter().map(|y| x.compatible(y)).collect();
        if verdicts.contains(&Some(true)) {
            any_ok = true;
        } else if verdicts.iter().all(|v| *v == Some(false)) {
            a_unmatched = true;
        }
    }
    let b_unmatched = bd
        .iter()
        .any(|y| ad.iter().all(|x| y.compatible(x) == Some(false)));
    let conflict = a_unmatched && b_unmatched;
    (
        if any_ok && !conflict { 1.0 } else { 0.0 },
        if conflict { 1.0 } else { 0.0 },
    )
}
