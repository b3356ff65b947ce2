//! Features of a sentence pair, for the matcher.
//!
//! Every feature is symmetric in its two sentences, so the score of (a, b)
//! equals the score of (b, a) and the order of reports cannot change a link.
//! Features fall in families (see [`FAMILIES`]), which the ablation in
//! BENCHMARKS.md removes one at a time.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use crate::analyse::SentenceAnalysis;

/// Inverse document frequency of keys.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    /// Key → idf.
    pub table: FxHashMap<String, f64>,
    /// Idf of a key not in the table (a rare word).
    pub default: f64,
    /// How well each word or pair of words tells paraphrases apart.
    pub telling: Telling,
}

/// Telling weights of words and adjacent word pairs (see [`units`]): how
/// much more often a unit one sentence has is also in the other when the
/// two are paraphrases than when they are not, as the Kullback-Leibler
/// divergence between the two rates (TF-KLD, Ji and Eisenstein 2013,
/// "Discriminative improvements to distributional sentence similarity").
/// "said" is in both sentences of most pairs of either kind and weighs
/// little; a figure or a verb that only a paraphrase repeats weighs much.
/// Fitted on the training pairs by [`crate::train`], never on held-out ones.
#[derive(Debug, Clone, Default)]
pub struct Telling {
    /// Hash of a unit ([`unit_hash`]) → weight. The keys are already
    /// hashes and the table is fixed once fitted (lookups never grow it, so
    /// no input can lengthen its probes): the cheap Fx hash serves.
    pub table: rustc_hash::FxHashMap<u64, f64>,
    /// Weight of a unit not in the table (one seen too rarely to tell).
    pub default: f64,
}

impl Telling {
    /// Weight of a unit, by its hash.
    pub fn get(&self, h: u64) -> f64 {
        self.table.get(&h).copied().unwrap_or(self.default)
    }
}

/// A unit of [`units`]: (hash, index of its first token, whether it is a
/// pair).
pub type Unit = (u64, usize, bool);

/// The units telling weights are fitted over: a sentence's distinct folded
/// words and pairs of adjacent words ("morales", "morales resigned"),
/// function words included (a pair such as "did not" tells much). Each is
/// (hash, index of its first token, whether it is a pair), sorted by hash;
/// [`unit_text`] spells one out.
pub fn units(s: &SentenceAnalysis) -> Vec<Unit> {
    let t = &s.tokens;
    let mut v: Vec<Unit> = (0..t.len())
        .map(|i| (unit_hash(&t[i].fold, None), i, false))
        .chain((1..t.len()).map(|i| (unit_hash(&t[i - 1].fold, Some(&t[i].fold)), i - 1, true)))
        .collect();
    v.sort_unstable_by_key(|x| x.0);
    v.dedup_by_key(|x| x.0);
    v
}

/// Hash of a unit: one folded word, or two. Hashed as the words themselves
/// (a word hashes as `hash_str` hashes it): no string is built per pair.
pub fn unit_hash(first: &str, second: Option<&str>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    first.hash(&mut h);
    if let Some(w) = second {
        w.hash(&mut h);
    }
    h.finish()
}

/// The text of a unit of [`units`]: "morales" or "morales resigned".
pub fn unit_text(s: &SentenceAnalysis, first: usize, pair: bool) -> String {
    match (
        s.tokens.get(first),
        pair.then(|| s.tokens.get(first + 1)).flatten(),
    ) {
        (Some(a), Some(b)) => format!("{} {}", a.fold, b.fold),
        (Some(a), None) => a.fold.clone(),
        _ => String::new(),
    }
}

/// Hash of a unit as written in a table ("morales resigned"): see
/// [`unit_hash`].
pub fn unit_text_hash(u: &str) -> u64 {
    match u.split_once(' ') {
        Some((a, b)) => unit_hash(a, Some(b)),
        None => unit_hash(u, None),
    }
}

/// The two telling-word features of a pair, from each side's units as
/// (hash, weight) sorted by hash: the cosine of the two weighted unit
/// vectors, and the larger weight either side has that the other lacks.
/// Symmetric in its two sides.
pub fn telling_pair(a: &[(u64, f64)], b: &[(u64, f64)]) -> (f64, f64) {
    telling_pair_with((a, unit_masses(a)), (b, unit_masses(b)))
}

/// The sum of a sentence's unit weights and of their squares, summed in
/// hash order (the same whichever side the sentence is on).
fn unit_masses(v: &[(u64, f64)]) -> (f64, f64) {
    (
        v.iter().map(|x| x.1).sum::<f64>(),
        v.iter().map(|x| x.1 * x.1).sum::<f64>(),
    )
}

/// [`telling_pair`] given each side's [`unit_masses`] (a profile holds
/// them, so a candidate pair only merges the two lists).
fn telling_pair_with(
    (a, (ma, ma2)): (&[(u64, f64)], (f64, f64)),
    (b, (mb, mb2)): (&[(u64, f64)], (f64, f64)),
) -> (f64, f64) {
    let (mut shared, mut shared2) = (0.0, 0.0);
    for_common(
        a,
        b,
        |x| x.0,
        |x| {
            shared += x.1;
            shared2 += x.1 * x.1;
        },
    );
    let cosine = if ma2 > 0.0 && mb2 > 0.0 {
        shared2 / (ma2 * mb2).sqrt()
    } else {
        0.0
    };
    let unshared = |m: f64| {
        if m > 0.0 {
            (1.0 - shared / m).max(0.0)
        } else {
            1.0
        }
    };
    let residue = unshared(ma).max(unshared(mb));
    (cosine, residue)
}

/// A sentence's units as (hash, telling weight), sorted by hash.
pub fn weighted_units(s: &SentenceAnalysis, telling: &Telling) -> Vec<(u64, f64)> {
    units(s)
        .into_iter()
        .map(|(h, _, _)| (h, telling.get(h)))
        .collect()
}

impl Idf {
    /// Idf of a key.
    pub fn get(&self, k: &str) -> f64 {
        self.table.get(k).copied().unwrap_or(self.default)
    }
    /// Build from a list of key sets (one per sentence).
    pub fn from_sets<'a>(sets: impl IntoIterator<Item = &'a [String]>) -> Self {
        let mut df: FxHashMap<String, usize> = FxHashMap::default();
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
            telling: Telling::default(),
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
    "telling_cosine",
    "telling_residue",
];

/// Whether a pair's features show more than wording pinning both sentences
/// to one event: a name both give, a date or a count they agree on, or the
/// same event frame. Two sentences that place what they tell in two
/// different places, share none of these and differ in more than the place
/// tell of two events ("a retired fisherman in Portwell queued for fuel at
/// dawn" and "a school caretaker in Dunsby queued for fuel at dawn"), as de
/// Marneffe et al. (2008) found of most apparent contradictions; compare
/// keeps no link between them (see `compare`, where the word diff tells
/// whether the place is all that differs).
pub fn anchored(f: &[f64]) -> bool {
    let at = |name: &str| {
        NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(0.0, |i| f.get(i).copied().unwrap_or(0.0))
    };
    at("entities_shared") > 0.0
        || at("dates_match") > 0.0
        || at("numbers_match") > 0.0
        || at("same_event") > 0.0
}

/// The fewest content keys, negation words aside, that a pair the matcher
/// was fitted on shares. Counted with this engine's analysis over MSRP's
/// 4,076 training pairs (`tests/matcher.rs` counts them again): none shares
/// no key, three share one (none of them a paraphrase), and 35 share two (17
/// of them paraphrases).
pub const FITTED_SHARED_KEYS: usize = 2;

/// The share of the wording a word diff keeps ([`NAMES`]' `diff_ratio`) at
/// which two sentences are one sentence edited, whatever content words the
/// edit swapped: "He was still there when this check was published" and
/// "… was released" share one content key and most of their words.
pub const EDITED_COPY: f64 = 2.0 / 3.0;

/// Whether the matcher's score says anything about a pair: it does for a
/// pair like those it was fitted on, which share at least
/// [`FITTED_SHARED_KEYS`] content keys, or for one sentence edited
/// ([`EDITED_COPY`]). Outside that, the fitted weights extrapolate: MSRP's
/// pairs were drawn because they share many words, so its overlap features
/// move together and the fit plays them against each other (shared pairs
/// of adjacent words weigh against a paraphrase, shared content words for
/// it). Two short sentences sharing one word are far from any training
/// pair, and "The offer did not calm the streets" against "The days since
/// have not been calm", which share only "calm" and a negation, scored 0.89
/// for "0% shared pairs of adjacent words". Such a pair can still link by
/// containment or by its event (see `align::same_claim`).
pub fn fitted(shared_keys: usize, diff_ratio: f64) -> bool {
    shared_keys >= FITTED_SHARED_KEYS || diff_ratio >= EDITED_COPY
}

/// [`fitted`] for two analysed sentences and their features `f` (the
/// comparison asks it of the few pairs where it decides something; the
/// candidates' scoring counts the shared keys on the profiles it holds).
pub fn fitted_pair(a: &SentenceAnalysis, b: &SentenceAnalysis, idf: &Idf, f: &[f64]) -> bool {
    let shared = shared_content_keys(&profile(a, idf), &profile(b, idf));
    fitted(shared, f.get(DIFF_RATIO).copied().unwrap_or(0.0))
}

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
    ("telling words", &["telling_cosine", "telling_residue"]),
];

/// What the features need from one sentence, computed once per sentence so
/// that scoring a pair is merges of sorted lists, not allocation.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Hash of the sentence's language: pairs across languages are scored
    /// apart, and comparing this read no string for every candidate pair.
    pub(crate) lang: u64,
    /// Distinct content keys as (hash, idf), sorted by hash. Pairs are
    /// compared millions of times at scale: merging hashes with the idf at
    /// hand replaced string comparisons and a table lookup per key per pair,
    /// the top of the profile.
    keys: Vec<(u64, f64)>,
    /// Sum of the keys' idf, in sorted order.
    key_mass: f64,
    /// Hashes of the keys of the sentence's negation words ("not",
    /// "never"), sorted: [`shared_content_keys`] leaves them out.
    negation_keys: Vec<u64>,
    /// Keys and named entities weighed together, in sorted order (the
    /// containment denominator).
    mass: f64,
    /// Event words among the keys (hashes, sorted): no shared one and no
    /// shared act means not the same event, without building any set.
    events: Vec<u64>,
    /// Event words the sentence tells as having happened (neither proposed
    /// nor told in passing), and every event word it gives in any way: both
    /// plain key hashes, sorted. Containment reads them (see
    /// [`containment_with`]).
    told_events: Vec<u64>,
    /// See `told_events`.
    any_events: Vec<u64>,
    /// The sentence's event words (see [`event_words`]) as the token that
    /// first gives each, with whether it is only proposed: read for every
    /// pair that may share an event, found once per sentence.
    event_tokens: Vec<(usize, bool)>,
    /// Character trigrams of content words (with word boundaries), sorted.
    char3: Vec<u32>,
    /// Hashes of adjacent folded-token pairs, sorted.
    bigrams: Vec<u64>,
    /// Hashes of function words, sorted.
    stops: Vec<u64>,
    /// Hash of every folded token, in order (for the diff and the longest run).
    folds: Vec<u64>,
    /// The same hashes, sorted (duplicates kept), for a cheap bound on both.
    folds_sorted: Vec<u64>,
    /// Named (not role) entity ids as (hash, containment weight), sorted by hash.
    entities: Vec<(u64, f64)>,
    /// The entities the sentence names only as where it happened ("in
    /// Potosí"), as hashes, sorted, and the keys of their words: the
    /// setting, which containment does not count as what pins a claim down.
    settings: Vec<u64>,
    /// See `settings`.
    setting_keys: Vec<u64>,
    /// Content tokens: (key hash, fold).
    content: Vec<(u64, String)>,
    /// Content folds long enough for spelling variants, each after its
    /// first five bytes and sorted by them: a variant shares those (see
    /// [`near_spelling`]), so a word looks only at its run of this list
    /// instead of comparing itself with every long word of the other
    /// sentence (that scan was most of the feature vector's byte
    /// comparisons).
    long_folds: Vec<([u8; 5], String)>,
    /// Words and adjacent word pairs as (hash, telling weight), sorted.
    units: Vec<(u64, f64)>,
    /// The units' [`unit_masses`].
    unit_masses: (f64, f64),
}

impl Profile {
    /// The event words of `s`, the sentence this profile was made from.
    fn event_words<'s>(&self, s: &'s SentenceAnalysis) -> Vec<(&'s str, bool)> {
        self.event_tokens
            .iter()
            .map(|&(i, proposed)| (event_key(s, i), proposed))
            .collect()
    }
}

/// How many content keys two sentences share, their negation words aside
/// (see [`fitted`]); a key either sentence negates with is left out, so the
/// count is the same whichever sentence comes first.
pub fn shared_content_keys(pa: &Profile, pb: &Profile) -> usize {
    let negation = |h: &u64| {
        pa.negation_keys.binary_search(h).is_ok() || pb.negation_keys.binary_search(h).is_ok()
    };
    let mut n = 0;
    for_common(
        &pa.keys,
        &pb.keys,
        |k| k.0,
        |k| {
            if !negation(&k.0) {
                n += 1;
            }
        },
    );
    n
}

pub(crate) fn hash_str(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same on every run.
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn sorted_dedup<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v.dedup();
    v
}

/// Precompute a sentence's profile, with the comparison's idf.
pub fn profile(s: &SentenceAnalysis, idf: &Idf) -> Profile {
    let mut char3 = Vec::new();
    for t in s.tokens.iter().filter(|t| !t.stop) {
        let b: Vec<u8> = std::iter::once(b' ')
            .chain(t.fold.bytes())
            .chain(std::iter::once(b' '))
            .collect();
        for w in b.windows(3) {
            char3.push(u32::from_be_bytes([0, w[0], w[1], w[2]]));
        }
    }
    let folds: Vec<u64> = s.tokens.iter().map(|t| hash_str(&t.fold)).collect();
    let bigrams = s
        .tokens
        .windows(2)
        .map(|w| hash_str(&format!("{} {}", w[0].fold, w[1].fold)))
        .collect();
    let keys: Vec<(u64, f64)> = {
        let mut v: Vec<(u64, f64)> = sorted_dedup(s.keys.iter().map(String::as_str).collect())
            .into_iter()
            .map(|k| (hash_str(k), idf.get(k)))
            .collect();
        v.sort_by_key(|x| x.0);
        v
    };
    let entities: Vec<(u64, f64)> = {
        let ids: Vec<&str> = s
            .entities
            .iter()
            .filter(|e| !e.weak)
            .map(|e| e.id.as_str())
            .collect();
        let mut v: Vec<(u64, f64)> = sorted_dedup(ids)
            .into_iter()
            .map(|e| (hash_str(e), entity_weight(idf, e)))
            .collect();
        v.sort_by_key(|x| x.0);
        v
    };
    let (settings, setting_keys) = settings(s);
    let units = weighted_units(s, &idf.telling);
    let event_tokens = event_tokens(s);
    let events = sorted_dedup(
        event_tokens
            .iter()
            .map(|&(i, proposed)| hash_str(event_key(s, i)) ^ u64::from(proposed))
            .collect(),
    );
    let told_events = sorted_dedup(
        event_tokens
            .iter()
            .filter(|&&(i, proposed)| {
                (!proposed || wished(s, i))
                    && !in_passing(s, i)
                    && !SPOKEN_EVENTS.contains(&event_key(s, i))
            })
            .map(|&(i, _)| hash_str(event_key(s, i)))
            .collect(),
    );
    let any_events = sorted_dedup(
        event_tokens
            .iter()
            .map(|&(i, _)| hash_str(event_key(s, i)))
            .collect(),
    );
    let negation_keys = sorted_dedup(
        s.tokens
            .iter()
            .filter(|t| s.negations.contains(&t.span))
            .map(|t| hash_str(&t.key))
            .collect(),
    );
    Profile {
        negation_keys,
        lang: hash_str(&s.lang),
        told_events,
        any_events,
        key_mass: stable_sum(keys.iter().map(|k| k.1)),
        mass: stable_sum(keys.iter().chain(&entities).map(|k| k.1)),
        keys,
        events,
        event_tokens,
        char3: sorted_dedup(char3),
        bigrams: sorted_dedup(bigrams),
        stops: sorted_dedup(
            s.tokens
                .iter()
                .filter(|t| t.stop)
                .map(|t| hash_str(&t.fold))
                .collect(),
        ),
        folds_sorted: {
            let mut v = folds.clone();
            v.sort_unstable();
            v
        },
        folds,
        entities,
        settings,
        setting_keys,
        content: s
            .tokens
            .iter()
            .filter(|t| !t.stop)
            .map(|t| (hash_str(&t.key), t.fold.clone()))
            .collect(),
        long_folds: {
            let mut v: Vec<([u8; 5], String)> = s
                .tokens
                .iter()
                .filter_map(|t| {
                    Some((
                        spelling_prefix(&t.fold).filter(|_| !t.stop)?,
                        t.fold.clone(),
                    ))
                })
                .collect();
            v.sort_unstable_by_key(|x| x.0);
            v
        },
        unit_masses: unit_masses(&units),
        units,
    }
}

/// The named entities a sentence gives only as the place where it
/// happened (every mention locative: "in Potosí", not "Potosí's mayor"),
/// as sorted id hashes, and the sorted key hashes of their words.
fn settings(s: &SentenceAnalysis) -> (Vec<u64>, Vec<u64>) {
    let place = |e: &crate::analyse::EntityMention| e.is_where() && !e.weak;
    let only_place =
        |e: &crate::analyse::EntityMention| s.entities.iter().filter(|x| x.id == e.id).all(&place);
    let setting: Vec<&crate::analyse::EntityMention> = s
        .entities
        .iter()
        .filter(|e| place(e) && only_place(e))
        .collect();
    let ids = sorted_dedup(setting.iter().map(|e| hash_str(&e.id)).collect());
    let keys = sorted_dedup(
        setting
            .iter()
            .flat_map(|e| s.tokens.get(e.tokens.0..e.tokens.1).unwrap_or(&[]))
            .filter(|t| !t.stop && !t.key.is_empty())
            .map(|t| hash_str(&t.key))
            .collect(),
    );
    (ids, keys)
}

/// Event words that name a statement: many verbs tell one ("announced",
/// "said", "called for", "urged", "suggested") and the event list names
/// only these of them, so another sentence that lacks the word may still
/// tell the same statement. Containment does not read them as the claim's
/// event.
const SPOKEN_EVENTS: &[&str] = &["suggest"];

/// A named entity's weight in containment: at least three quarters of a
/// rare word's.
fn entity_weight(idf: &Idf, e: &str) -> f64 {
    idf.get(e).max(idf.default * 0.75)
}

/// Call `f` with each item of `a` whose key `b` also has; both lists are
/// sorted by that key and hold it once.
///
/// The merge steps both sides by comparison results instead of branching
/// three ways: which side is behind is a coin toss the processor cannot
/// predict, and these merges were the most of the feature vector's time
/// (at 100 reports, 300,000 pairs each merge keys, trigrams, word pairs and
/// function words).
fn for_common<T, K: Ord>(a: &[T], b: &[T], key: impl Fn(&T) -> K, mut f: impl FnMut(&T)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (key(&a[i]), key(&b[j]));
        if x == y {
            f(&a[i]);
        }
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
}

/// The weights of items in both lists (sorted by hash), taken from `a`.
fn common_weights(a: &[(u64, f64)], b: &[(u64, f64)]) -> Vec<f64> {
    let mut out = Vec::new();
    for_common(a, b, |x| x.0, |x| out.push(x.1));
    out
}

/// Whether a hash is among the (hash, weight) items, sorted by hash.
fn has_hash(v: &[(u64, f64)], h: u64) -> bool {
    v.binary_search_by_key(&h, |x| x.0).is_ok()
}

/// How many items two sorted, deduplicated lists share (counted without
/// collecting them: this runs several times for every candidate pair).
fn count_common<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Compute the feature vector of a pair.
pub fn features(a: &SentenceAnalysis, b: &SentenceAnalysis, idf: &Idf) -> Vec<f64> {
    features_with(a, &profile(a, idf), b, &profile(b, idf), idf)
}

/// Compute the feature vector of a pair whose profiles are already known.
pub fn features_with(
    a: &SentenceAnalysis,
    pa: &Profile,
    b: &SentenceAnalysis,
    pb: &Profile,
    idf: &Idf,
) -> Vec<f64> {
    let mut f = features_without_sequence(a, pa, b, pb, idf);
    let (diff, run) = sequence_features(pa, pb);
    f[DIFF_RATIO] = diff;
    f[LCS_RUN] = run;
    f
}

/// Index of `diff_ratio` in [`NAMES`].
pub const DIFF_RATIO: usize = 6;
/// Index of `lcs_run` in [`NAMES`].
pub const LCS_RUN: usize = 20;
/// Index of `same_event` in [`NAMES`].
pub const SAME_EVENT_AT: usize = 23;

/// The two features that compare word sequences (the word-diff ratio from
/// `similar` and the longest common run), which cost the most: quadratic in
/// sentence length where the others are linear. Both lie in 0..=1, so
/// alignment can bound a pair's score without them and skip the pairs that
/// could not link whatever they turned out to be.
pub fn sequence_features(pa: &Profile, pb: &Profile) -> (f64, f64) {
    let (na, nb) = (pa.folds.len(), pb.folds.len());
    // The ratio needs only how many words the longest common subsequence
    // holds: rapidfuzz counts it bit-parallel (a machine word covers 64
    // words of a sentence), where a diff also builds the edit script.
    let lcs = rapidfuzz::distance::lcs_seq::similarity(
        pa.folds.iter().copied(),
        pb.folds.iter().copied(),
    );
    // `similar::diff_ratio`'s formula, in its single precision: the
    // matcher's weights were fitted on that feature.
    let diff_ratio = if na + nb == 0 {
        1.0
    } else {
        f64::from(2.0 * lcs as f32 / (na + nb) as f32)
    };
    let lcs_run = longest_common_run(&pa.folds, &pb.folds) as f64 / (na.min(nb).max(1) as f64);
    (diff_ratio, lcs_run)
}

/// Upper bounds of the two [`sequence_features`], from the words the
/// sentences share counted with repetition (a common subsequence or run
/// cannot be longer): linear where the features are quadratic.
pub fn sequence_bounds(pa: &Profile, pb: &Profile) -> (f64, f64) {
    let (x, y) = (&pa.folds_sorted, &pb.folds_sorted);
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let (na, nb) = (x.len(), y.len());
    if na + nb == 0 {
        return (1.0, 1.0);
    }
    // `similar` reports the ratio as f32: leave room for its rounding.
    let diff = (2.0 * shared as f64 / (na + nb) as f64 + 1e-6).min(1.0);
    let run = (shared as f64 / na.min(nb).max(1) as f64).min(1.0);
    (diff, run)
}

/// Every feature but the two of [`sequence_features`], which are left at 0.
pub fn features_without_sequence(
    a: &SentenceAnalysis,
    pa: &Profile,
    b: &SentenceAnalysis,
    pb: &Profile,
    idf: &Idf,
) -> Vec<f64> {
    let shared = common_weights(&pa.keys, &pb.keys);
    let (wa, wb, ws) = (pa.key_mass, pb.key_mass, stable_sum(shared.iter().copied()));
    let idf_dice = if wa + wb > 0.0 {
        2.0 * ws / (wa + wb)
    } else {
        0.0
    };
    let union = pa.keys.len() + pb.keys.len() - shared.len();
    let key_jaccard = ratio(shared.len(), union);
    let cov_a = ratio(shared.len(), pa.keys.len());
    let cov_b = ratio(shared.len(), pb.keys.len());
    let residue = if wa + wb > 0.0 {
        (wa + wb - 2.0 * ws) / (wa + wb)
    } else {
        1.0
    };
    let max_unmatched = pa
        .keys
        .iter()
        .filter(|k| !has_hash(&pb.keys, k.0))
        .chain(pb.keys.iter().filter(|k| !has_hash(&pa.keys, k.0)))
        .map(|k| k.1)
        .fold(0.0f64, f64::max)
        / idf.default.max(1.0);

    let c3 = count_common(&pa.char3, &pb.char3);
    let char3 = ratio(c3, pa.char3.len() + pb.char3.len() - c3);
    let bigram_dice = dice(
        pa.bigrams.len(),
        pb.bigrams.len(),
        count_common(&pa.bigrams, &pb.bigrams),
    );
    let (diff_ratio, lcs_run) = (0.0, 0.0);
    let (na, nb) = (pa.folds.len(), pb.folds.len());
    let len_ratio = if na == 0 || nb == 0 {
        0.0
    } else {
        na.min(nb) as f64 / na.max(nb) as f64
    };
    let stop_dice = dice(
        pa.stops.len(),
        pb.stops.len(),
        count_common(&pa.stops, &pb.stops),
    );

    let e_shared = common_weights(&pa.entities, &pb.entities).len();
    let ent_shared = (e_shared as f64).min(3.0) / 3.0;
    let e_union = pa.entities.len() + pb.entities.len() - e_shared;
    let ent_unmatched = if e_union == 0 {
        0.0
    } else {
        (e_union - e_shared) as f64 / e_union as f64
    };

    let (num_match, num_conflict, num_one) = number_features(a, b);
    let (date_match, date_conflict) = date_features(a, b);
    fn neg<'s>(x: &'s SentenceAnalysis, other: &Profile) -> Vec<&'s str> {
        sorted_dedup(
            x.negated
                .iter()
                .map(String::as_str)
                .filter(|k| has_hash(&other.keys, hash_str(k)))
                .collect(),
        )
    }
    let negation_mismatch =
        if neg(a, pb) != neg(b, pa) || (a.negations.is_empty() != b.negations.is_empty()) {
            1.0
        } else {
            0.0
        };

    // Alignment: content words of one side that find a partner in the other
    // by key or by spelling (a shared long prefix: "Áñez"/"Añez" variants).
    let aligned = |x: &Profile, y: &Profile| {
        if x.content.is_empty() {
            return 0.0;
        }
        let hit = x
            .content
            .iter()
            .filter(|(k, f)| {
                has_hash(&y.keys, *k)
                    || spelling_prefix(f).is_some_and(|p| {
                        let from = y.long_folds.partition_point(|g| g.0 < p);
                        y.long_folds[from..]
                            .iter()
                            .take_while(|g| g.0 == p)
                            .any(|g| near_spelling(f, &g.1))
                    })
            })
            .count();
        hit as f64 / x.content.len() as f64
    };
    let (al_a, al_b) = (aligned(pa, pb), aligned(pb, pa));
    let telling = telling_pair_with((&pa.units, pa.unit_masses), (&pb.units, pb.unit_masses));

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
        containment_with(pa, pb),
        match may_share_event(a, pa, b, pb)
            .then(|| told(a, &pa.event_words(a), b, &pb.event_words(b), shared.len()))
            .flatten()
        {
            Some(Told::Told) => EVENT_TOLD,
            Some(Told::InPassing) => EVENT_IN_PASSING,
            None => 0.0,
        },
        telling.0,
        telling.1,
    ]
}

static EVENTS: &str = include_str!("../data/events.txt");

/// The event words, read once (this is asked for every shared key of every
/// candidate pair: scanning the file each time was the top of the profile).
/// The event words, sorted. A dozen or so: a binary search of a short list
/// beats hashing every token of every sentence.
static EVENT_WORDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<&str> = EVENTS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// Whether a key is an event word (`data/events.txt`).
pub(crate) fn is_event(k: &str) -> bool {
    EVENT_WORDS.binary_search(&k).is_ok()
}

/// The event words, sorted (for messages about topic data).
pub(crate) fn event_word_list() -> &'static [&'static str] {
    &EVENT_WORDS
}

/// Whether [`same_event`] can hold at all: it needs a shared act or a
/// shared event word. Checked on the profiles first, so most pairs skip the
/// sets `same_event` builds.
fn may_share_event(a: &SentenceAnalysis, pa: &Profile, b: &SentenceAnalysis, pb: &Profile) -> bool {
    count_common(&pa.events, &pb.events) > 0
        || a.acts
            .iter()
            .any(|x| b.acts.iter().any(|y| x.concept == y.concept))
}

/// Two sentences tell of the same event when they share an event word
/// (resign, die, clash...) and enough to pin that event down: violence at
/// the same place; two shared anchors (two named people, organisations or
/// places, or one of them and a compatible date, the same count of the same
/// thing or the same act); a compatible date and three shared content words;
/// or the same actor named right beside the event word in both. One shared
/// name is not enough: in a comparison of one story every sentence names the
/// protagonist ("after his resignation, Áñez declared herself..." and
/// "Morales's resignation ended 14 years of rule" share "resign" and Morales,
/// and are two claims). A detail that conflicts is not an anchor, so two
/// accounts of one event that differ in date must agree on what else pins it
/// down before they can contradict.
pub fn same_event(a: &SentenceAnalysis, b: &SentenceAnalysis) -> bool {
    event_told(a, b).is_some()
}

/// How two sentences share an event (see [`same_event`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    /// The event is what at least one binding tells in both sentences, or
    /// something besides its actor pins it down (a place, a date, a count).
    Told,
    /// Only the actor beside the event word ties them, and in one sentence
    /// the event is told in passing, as the time of something else ("most
    /// of them died after Morales left office", "the crisis began when
    /// Morales resigned"): a mention, not the claim.
    InPassing,
}

/// Value of the `same_event` feature for a pair: 1 when the event is told,
/// a half when it is only mentioned in passing (see [`Told`]), 0 when the
/// sentences share no event. The matcher gives the feature no weight; the
/// value is read by alignment and by the classifier's link rule.
pub const EVENT_TOLD: f64 = 1.0;
/// See [`EVENT_TOLD`].
pub const EVENT_IN_PASSING: f64 = 0.5;

/// Whether, and how, two sentences tell of the same event (see
/// [`same_event`] and [`Told`]).
pub fn event_told(a: &SentenceAnalysis, b: &SentenceAnalysis) -> Option<Told> {
    let kb: HashSet<&str> = b.keys.iter().map(String::as_str).collect();
    let shared = a.keys.iter().filter(|k| kb.contains(k.as_str())).count();
    told(a, &event_words(a), b, &event_words(b), shared)
}

/// [`event_told`] given each sentence's event words and how many keys
/// they share (a candidate pair has both at hand from its profiles).
fn told(
    a: &SentenceAnalysis,
    ea: &[(&str, bool)],
    b: &SentenceAnalysis,
    eb: &[(&str, bool)],
    shared: usize,
) -> Option<Told> {
    // The same act with polarity ("withdrew support") and more in common.
    let same_act = a
        .acts
        .iter()
        .any(|x| b.acts.iter().any(|y| x.concept == y.concept));
    if same_act && shared >= 3 {
        return Some(Told::Told);
    }
    let events: Vec<&str> = ea.iter().filter(|x| eb.contains(x)).map(|x| x.0).collect();
    if events.is_empty() {
        return None;
    }
    // Violence is identified by where it happened, when both sentences
    // tell it: "tear gas, not deaths" in La Paz is no account of deaths
    // near La Paz.
    let violent = events.iter().any(|e| {
        matches!(*e, "die" | "injure" | "clash" | "blockade")
            && !a.negated.iter().any(|k| k == e)
            && !b.negated.iter().any(|k| k == e)
    });
    let anchors = event_anchors(a, b);
    if anchors.place && violent || anchors.count() >= 2 || anchors.date && shared >= 3 {
        // Pinned down by names alone, and perhaps only as the time of
        // something else in one of them ("clashes broke out in La Paz after
        // the resignation" against the wire's "Morales resigned" under its
        // La Paz dateline). A day or a count both give pins the event itself
        // ("four days after nine people died in clashes in Sacaba").
        let passing = !anchors.date
            && !anchors.count
            && events
                .iter()
                .all(|e| only_in_passing(a, e) || only_in_passing(b, e));
        return Some(if passing { Told::InPassing } else { Told::Told });
    }
    same_agent(a, b, &events)
}

/// Words that put the event after them forward as a proposal, not as what
/// happened: "suggested that Morales resign", "demand the president's
/// resignation", "le pidió renunciar". ("call" counts only before "for" or
/// "on": "what he called a coup" reports a coup.)
const PROPOSALS: &[&str] = &[
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "urge",
    "urges",
    "urged",
    "urging",
    "demand",
    "demands",
    "demanded",
    "demanding",
    "ask",
    "asks",
    "asked",
    "asking",
    "propose",
    "proposes",
    "proposed",
    "proposing",
    "sugerir",
    "sugiere",
    "sugirio",
    "sugerido",
    "pedir",
    "pide",
    "pidio",
    "pedido",
    "exigir",
    "exige",
    "exigio",
    "exigido",
    "exigen",
    "exigieron",
    "piden",
    "pidieron",
    "solicito",
    "insto",
    "propuso",
    "proponer",
];

/// Words that put the event after them forward as an offer or a wish, not
/// as what happened: "would offer Morales asylum", "want the interim
/// president to step down", "quieren su renuncia" (see [`wished`]).
const WISHES: &[&str] = &[
    "offer", "offers", "offered", "offering", "want", "wants", "wanted", "wanting", "ofrece",
    "ofrecio", "ofrecer", "quiere", "quieren",
];

/// How far after a proposal word (in tokens, within one clause) the event
/// it proposes may come: "suggested in a televised statement that Morales
/// resign".
const PROPOSAL_REACH: usize = 8;

/// A sentence's event words, each with whether it is only proposed
/// ("suggested that he resign") rather than told as having happened. A
/// proposed resignation and a resignation are two events: the general's
/// suggestion on Sunday does not contradict a report of the resignation on
/// Monday.
fn event_words(s: &SentenceAnalysis) -> Vec<(&str, bool)> {
    event_tokens(s)
        .into_iter()
        .map(|(i, proposed)| (event_key(s, i), proposed))
        .collect()
}

/// The event word token `i` of `s` gives, if any: its own key when that is
/// an event word, else the event a framing term that starts there names
/// ("the coup against Evo Morales" names the event of "Morales resigned":
/// a framing difference over one event, not two events).
fn event_at(s: &SentenceAnalysis, i: usize) -> Option<&str> {
    let t = &s.tokens[i];
    if !t.stop && is_event(&t.key) {
        return Some(&t.key);
    }
    // Only in the outlet's own voice and not denied: "what he called a
    // coup" and "the word 'coup'" report a name for it, and "not from a
    // coup" denies one.
    let denied = |a: usize| {
        s.tokens[a.saturating_sub(3)..a]
            .iter()
            .any(|t| s.negations.contains(&t.span))
    };
    s.framing
        .iter()
        .find(|f| f.tokens.0 == i)
        .filter(|f| f.voice == crate::model::Voice::Own && !denied(i))
        .and_then(|f| f.event.as_deref())
}

/// [`event_at`] for a token known to give an event word.
fn event_key(s: &SentenceAnalysis, i: usize) -> &str {
    event_at(s, i).unwrap_or_default()
}

/// [`event_words`] as the token that first gives each.
fn event_tokens(s: &SentenceAnalysis) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    for i in (0..s.tokens.len()).filter(|&i| event_at(s, i).is_some()) {
        let proposed = proposal_cue(s, i).is_some();
        if !out
            .iter()
            .any(|&(k, p)| p == proposed && event_key(s, k) == event_key(s, i))
        {
            out.push((i, proposed));
        }
    }
    out
}

/// The word that puts the event word at token `i` forward as a proposal
/// (see [`PROPOSALS`]), if any: the nearest before it within one clause (no
/// semicolon or colon between, and commas only in pairs, around a name set
/// beside another: "want the interim president, Jeanine Áñez, to step
/// down").
fn proposal_cue(s: &SentenceAnalysis, i: usize) -> Option<usize> {
    let t = &s.tokens;
    let cue = |j: usize| {
        let f = t[j].fold.as_str();
        PROPOSALS.contains(&f)
            || WISHES.contains(&f)
            || (matches!(f, "call" | "calls" | "called" | "calling")
                && t.get(j + 1)
                    .is_some_and(|n| matches!(n.fold.as_str(), "for" | "on")))
    };
    (i.saturating_sub(PROPOSAL_REACH)..i).rev().find(|&j| {
        let between = s.text.get(t[j].span.end..t[i].span.start).unwrap_or("");
        cue(j) && !between.contains([';', ':']) && between.matches(',').count() % 2 == 0
    })
}

/// Whether the event word at token `i` is put forward by an offer or a wish
/// ("would offer Morales asylum", "want Áñez to step down"), not by
/// something said ("suggested that Morales resign"). A suggestion is a
/// statement, which another sentence may tell in other words ("announced
/// the decision"); an offer of asylum or a wish for a resignation is about
/// that asylum or resignation, and a sentence that never names it does not
/// hold the claim (see [`containment_with`]).
fn wished(s: &SentenceAnalysis, i: usize) -> bool {
    proposal_cue(s, i).is_some_and(|j| WISHES.contains(&s.tokens[j].fold.as_str()))
}

/// The anchors two sentences share (see [`same_event`]).
struct Anchors {
    /// Distinct named entities both give (people, organisations, places, or
    /// names of unknown kind when no topic file says what they are).
    named: usize,
    /// One of them is a place a topic file lists as one. (A name of unknown
    /// kind may be a place or a person: it counts only as a named anchor.)
    place: bool,
    date: bool,
    count: bool,
    act: bool,
}

impl Anchors {
    fn count(&self) -> usize {
        self.named.min(2)
            + [self.date, self.count, self.act]
                .into_iter()
                .filter(|x| *x)
                .count()
    }
}

/// Both sentences name the same person or organisation right beside the same
/// event word ("Morales resigned on Monday", "Evo Morales's resignation on
/// Sunday"): the event is told of that actor in both, not merely mentioned
/// next to them ("after his resignation, Áñez declared herself...").
fn same_agent(a: &SentenceAnalysis, b: &SentenceAnalysis, events: &[&str]) -> Option<Told> {
    const NEAR: usize = 4;
    // (actor, event word) -> whether every such binding is told in passing.
    fn bound<'s>(s: &'s SentenceAnalysis, events: &[&str]) -> FxHashMap<(&'s str, &'s str), bool> {
        let mut out: FxHashMap<(&str, &str), bool> = FxHashMap::default();
        for e in s
            .entities
            .iter()
            .filter(|e| !e.weak && !e.negated)
            // A name the sentence puts something in ("a nurse in Senkata
            // cancelled ...") is where the event happened, not who did it,
            // even when no topic file says it is a place: two cancellations
            // in one town by two people are two events.
            .filter(|e| !matches!(e.kind, crate::model::MarkKind::Place) && !e.locative)
        {
            let near = e.tokens.0.saturating_sub(NEAR)..(e.tokens.1 + NEAR).min(s.tokens.len());
            for i in near {
                if let Some(k) = event_at(s, i).filter(|k| events.contains(k)) {
                    let passing = in_passing(s, i);
                    let at = out.entry((e.id.as_str(), k)).or_insert(true);
                    *at &= passing;
                }
            }
        }
        out
    }
    let (ba, bb) = (bound(a, events), bound(b, events));
    let shared: Vec<bool> = ba
        .iter()
        .filter_map(|(k, pa)| bb.get(k).map(|pb| *pa || *pb))
        .collect();
    if shared.is_empty() {
        None
    } else if shared.iter().any(|passing| !passing) {
        Some(Told::Told)
    } else {
        Some(Told::InPassing)
    }
}

/// Words that make the event after them the time of something else: "died
/// after Morales resigned", "began when he stepped down", "following his
/// resignation", "which led to the resignation of". Spanish too.
const IN_PASSING: &[&str] = &[
    "after",
    "following",
    "since",
    "before",
    "until",
    "when",
    "amid",
    "led",
    "tras",
    "despues",
    "desde",
    "antes",
    "cuando",
    "hasta",
];

/// Whether every mention of the event word `event` in `s` is in passing
/// (see [`in_passing`]).
fn only_in_passing(s: &SentenceAnalysis, event: &str) -> bool {
    s.tokens
        .iter()
        .enumerate()
        .filter(|&(i, _)| event_at(s, i) == Some(event))
        .all(|(i, _)| in_passing(s, i))
}

/// How far before an event word (in tokens, within one clause) a word of
/// [`IN_PASSING`] puts it in passing.
const IN_PASSING_REACH: usize = 4;

/// Whether the event word at token `i` is told in passing (see
/// [`IN_PASSING`]).
fn in_passing(s: &SentenceAnalysis, i: usize) -> bool {
    let t = &s.tokens;
    // "He has since been granted asylum": an adverb, not a clause.
    let adverb = |j: usize| {
        t[j].fold == "since"
            && j > 0
            && matches!(t[j - 1].fold.as_str(), "has" | "have" | "had" | "having")
    };
    (i.saturating_sub(IN_PASSING_REACH)..i).rev().any(|j| {
        let between = s.text.get(t[j].span.end..t[i].span.start).unwrap_or("");
        IN_PASSING.contains(&t[j].fold.as_str()) && !adverb(j) && !between.contains([',', ';', ':'])
    })
}

/// Which anchors two sentences share.
fn event_anchors(a: &SentenceAnalysis, b: &SentenceAnalysis) -> Anchors {
    use crate::model::MarkKind;
    // Each entity's kind, and whether the sentence puts something there
    // ("in Senkata", "en Senkata").
    fn ids(s: &SentenceAnalysis) -> FxHashMap<&str, (MarkKind, bool)> {
        let mut out: FxHashMap<&str, (MarkKind, bool)> = FxHashMap::default();
        for e in s.entities.iter().filter(|e| !e.weak && !e.negated) {
            let at = out.entry(e.id.as_str()).or_insert((e.kind, false));
            at.1 |= e.locative;
        }
        out
    }
    let (ia, ib) = (ids(a), ids(b));
    let shared: Vec<(MarkKind, bool, bool)> = ia
        .iter()
        .filter_map(|(id, (k, la))| ib.get(id).map(|(_, lb)| (*k, *la, *lb)))
        .collect();
    // A place a topic lists, or a name no file lists that both sentences
    // use as a place: without a topic file "killed in Senkata" and "hubo
    // seis muertos en Senkata" are still violence at one place.
    let place = shared.iter().any(|(k, la, lb)| {
        matches!(k, MarkKind::Place) || (matches!(k, MarkKind::Name) && *la && *lb)
    });
    // A day taken from an earlier sentence ("that afternoon") is shown and
    // compared, but does not pin an event: within a report every sentence
    // near the dated one would share it.
    let pins = |d: &&crate::analyse::DateMention| !d.reported && !d.anaphoric;
    let date = a.dates.iter().filter(pins).any(|x| {
        b.dates
            .iter()
            .filter(pins)
            .any(|y| x.compatible(y) == Some(true))
    });
    let count = a.numbers.iter().filter(|n| !n.vague).any(|x| {
        b.numbers.iter().filter(|n| !n.vague).any(|y| {
            x.counted.is_some() && x.counted == y.counted && x.low <= y.high && y.low <= x.high
        })
    });
    let act = a
        .acts
        .iter()
        .any(|x| b.acts.iter().any(|y| x.concept == y.concept));
    Anchors {
        named: shared.len(),
        place,
        date,
        count,
        act,
    }
}

/// How much of the lighter sentence's content (keys and named entities,
/// weighted by idf) the other sentence also has. A short claim inside a long
/// sentence scores high, which Dice-style overlap does not; a pair whose
/// sentences both name people or places but none in common is halved, and
/// a pair sharing fewer than three keys scores 0 (a place both give as
/// where it happened, the setting, does not count among the three).
pub fn containment(a: &SentenceAnalysis, b: &SentenceAnalysis, idf: &Idf) -> f64 {
    containment_with(&profile(a, idf), &profile(b, idf))
}

fn containment_with(pa: &Profile, pb: &Profile) -> f64 {
    let mass = |p: &Profile| p.mass;
    let (small, large) = if mass(pa) <= mass(pb) {
        (pa, pb)
    } else {
        (pb, pa)
    };
    if small.keys.len() + small.entities.len() < 3 {
        return 0.0;
    }
    // A claim is its event: when the lighter sentence tells something as
    // having happened ("most of them died after Morales left office") and
    // the other never names that event, the other does not hold the claim,
    // however many of its names and words it shares ("the turmoil ... which
    // led to the resignation of former President Evo Morales").
    if !small.told_events.is_empty() && count_common(&small.told_events, &large.any_events) == 0 {
        return 0.0;
    }
    // Two shared words are a topic, not a claim ("Morales" and "support"
    // inside a sentence about something else): containment needs three,
    // and three only when one of them is a name both give. Three common
    // words alone are still a topic ("soldiers … to restore order" inside
    // "the armed forces are needed to restore order"); with a shared name
    // they pin the claim down ("the coup against Evo Morales … on Sunday"
    // inside "Evo Morales's resignation on Sunday …").
    // (A name is counted once: its words are keys already.)
    let keys = common_weights(&small.keys, &large.keys);
    let entities = common_weights(&small.entities, &large.entities);
    if keys.len() < 3 || (keys.len() == 3 && entities.is_empty()) {
        return 0.0;
    }
    // A place both give as where it happened is the setting, not the claim
    // ("a hotel manager in Senkata collected blankets" and "parents in
    // Senkata collected blankets for a shelter" share what was done; "a
    // retired miner in Senkata cancelled the classes" and "a retired miner in
    // Senkata sold out of candles" share only who and where): its name and
    // words do not count towards the three. An event word both give still
    // pins a claim down as a name does ("He has since been granted asylum in
    // Mexico" inside "Morales has been in Mexico since 12 November, when ...
    // the Mexican government granted him asylum").
    let both =
        |h: u64, a: &[u64], b: &[u64]| a.binary_search(&h).is_ok() && b.binary_search(&h).is_ok();
    // An event word is one word of the claim only when both sentences give
    // the same event by it: a resignation someone demands ("the coca
    // growers have demanded Áñez's resignation") is not the resignation
    // another sentence tells ("following his resignation, Áñez declared
    // herself president"), though both say "resignation".
    let same_event_word =
        |h: u64| both(h, &small.events, &large.events) || both(h ^ 1, &small.events, &large.events);
    let mut words = 0;
    for_common(
        &small.keys,
        &large.keys,
        |x| x.0,
        |x| {
            let setting = both(x.0, &small.setting_keys, &large.setting_keys);
            let other_event =
                both(x.0, &small.any_events, &large.any_events) && !same_event_word(x.0);
            words += usize::from(!setting && !other_event);
        },
    );
    let mut names = 0;
    for_common(
        &small.entities,
        &large.entities,
        |x| x.0,
        |x| {
            names += usize::from(!both(x.0, &small.settings, &large.settings));
        },
    );
    let event = small.any_events.iter().any(|&h| same_event_word(h));
    if words < 3 || (words == 3 && names == 0 && !event) {
        return 0.0;
    }
    let no_entity_shared = entities.is_empty();
    let shared = stable_sum(keys.into_iter().chain(entities));
    let mut c = shared / mass(small).max(1e-9);
    if !pa.entities.is_empty() && !pb.entities.is_empty() && no_entity_shared {
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

/// The first five bytes of a word of five bytes or more: two spellings of
/// one word share them (see [`near_spelling`]).
fn spelling_prefix(w: &str) -> Option<[u8; 5]> {
    w.as_bytes().get(..5)?.try_into().ok()
}

fn near_spelling(a: &str, b: &str) -> bool {
    if a.len() < 5 || b.len() < 5 {
        return false;
    }
    // Bytes that differ among the first five put a differing character among
    // the first five: the prefix cannot reach five characters. (Candidates
    // already share them, see `Profile::long_folds`; the check keeps this
    // function right on its own.)
    if a.as_bytes()[..5] != b.as_bytes()[..5] {
        return false;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= 5 && common * 10 >= a.len().max(b.len()) * 7
}

/// A sentence's content words' keys, in sentence order: what sentences in
/// two languages are compared on.
fn content_keys(s: &SentenceAnalysis) -> Vec<&str> {
    s.tokens
        .iter()
        .filter(|t| !t.stop && !t.key.is_empty())
        .map(|t| t.key.as_str())
        .collect()
}

/// The surface features of two sentences in different languages, measured
/// over their content words' keys (the lexicon's concept for a word it
/// knows, else the stem) in sentence order, instead of over the spelled
/// words: (character trigrams, adjacent pairs, word diff ratio, longest
/// run). "Decreto Supremo 4078 … operativos" against "Decree 4078 …
/// operations" then shares its decree, number and operations as an English
/// paraphrase would, and two sentences that share one word across languages
/// score as low as they would in one language.
pub fn content_surface(a: &SentenceAnalysis, b: &SentenceAnalysis) -> (f64, f64, f64, f64) {
    let (ka, kb) = (content_keys(a), content_keys(b));
    if ka.is_empty() || kb.is_empty() {
        return (0.0, 0.0, 0.0, 0.0);
    }
    let trigrams = |k: &[&str]| -> HashSet<String> {
        k.iter()
            .flat_map(|w| {
                let c: Vec<char> = format!(" {w} ").chars().collect();
                c.windows(3)
                    .map(|x| x.iter().collect::<String>())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let (ta, tb) = (trigrams(&ka), trigrams(&kb));
    let c3 = ta.intersection(&tb).count();
    let char3 = ratio(c3, ta.len() + tb.len() - c3);
    let pairs = |k: &[&str]| -> HashSet<(String, String)> {
        k.windows(2)
            .map(|w| (w[0].to_string(), w[1].to_string()))
            .collect()
    };
    let (ba, bb) = (pairs(&ka), pairs(&kb));
    let bigram = dice(ba.len(), bb.len(), ba.intersection(&bb).count());
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &ka, &kb);
    let diff = similar::diff_ratio(&ops, ka.len(), kb.len()) as f64;
    let run = longest_common_run(&ka, &kb) as f64 / ka.len().min(kb.len()) as f64;
    (char3, bigram, diff, run)
}

/// The telling-word features of two sentences in different languages: the
/// units are the content words' keys and pairs of adjacent keys, all of the
/// default weight (the fitted weights are of English words), so the two
/// features measure how much of the claim's words both give.
pub fn telling_across(a: &SentenceAnalysis, b: &SentenceAnalysis, weight: f64) -> (f64, f64) {
    let units = |s: &SentenceAnalysis| -> Vec<(u64, f64)> {
        let k = content_keys(s);
        let mut v: Vec<(u64, f64)> = k
            .iter()
            .map(|w| hash_str(w))
            .chain(
                k.windows(2)
                    .map(|w| hash_str(&format!("{} {}", w[0], w[1]))),
            )
            .map(|h| (h, weight))
            .collect();
        v.sort_by_key(|x| x.0);
        v.dedup_by_key(|x| x.0);
        v
    };
    telling_pair(&units(a), &units(b))
}

fn dice(a: usize, b: usize, both: usize) -> f64 {
    if a + b == 0 {
        0.0
    } else {
        2.0 * both as f64 / (a + b) as f64
    }
}

fn longest_common_run<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
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
    let (any_ok, conflict) = date_conflict(a, b);
    (
        if any_ok && conflict.is_none() {
            1.0
        } else {
            0.0
        },
        if conflict.is_some() { 1.0 } else { 0.0 },
    )
}

/// Whether any date agrees, and the pair of dates in conflict, if any.
///
/// Date mentions are paired one to one: each compatible pair is settled, and
/// a conflict is two leftover mentions, one on each side, that cannot be the
/// same day. One-to-one matters for copy edits: "Nov 10 ... on Sunday" and
/// "Nov 10 ... on Monday" share "Nov 10", but Monday is then left over
/// against Sunday, which is the change.
pub fn date_conflict<'s>(
    a: &'s SentenceAnalysis,
    b: &'s SentenceAnalysis,
) -> (
    bool,
    Option<(
        &'s crate::analyse::DateMention,
        &'s crate::analyse::DateMention,
    )>,
) {
    let ad: Vec<&crate::analyse::DateMention> = a.dates.iter().filter(|d| !d.reported).collect();
    let bd: Vec<&crate::analyse::DateMention> = b.dates.iter().filter(|d| !d.reported).collect();
    if ad.is_empty() || bd.is_empty() {
        return (false, None);
    }
    // A mention that no date on the other side can be: a conflict as it was
    // always judged, whatever the pairing.
    let a_unmatched = ad
        .iter()
        .find(|x| bd.iter().all(|y| x.compatible(y) == Some(false)));
    let b_unmatched = bd
        .iter()
        .find(|y| ad.iter().all(|x| y.compatible(x) == Some(false)));
    let mut used = vec![false; bd.len()];
    let mut left_a = Vec::new();
    for x in &ad {
        match (0..bd.len()).find(|&j| !used[j] && x.compatible(bd[j]) == Some(true)) {
            Some(j) => used[j] = true,
            None => left_a.push(*x),
        }
    }
    let any_ok = used.iter().any(|u| *u);
    if let (Some(x), Some(y)) = (a_unmatched, b_unmatched) {
        return (any_ok, Some((x, y)));
    }
    let left_b: Vec<&crate::analyse::DateMention> = bd
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(y, _)| *y)
        .collect();
    let all_conflict = !left_a.is_empty()
        && !left_b.is_empty()
        && left_a
            .iter()
            .all(|x| left_b.iter().all(|y| x.compatible(y) == Some(false)));
    if all_conflict {
        (any_ok, Some((left_a[0], left_b[0])))
    } else {
        (any_ok, None)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn shared_content_keys_leave_out_negations_whichever_sentence_is_first() {
        let lex = Lexicon::builtin();
        let idf = crate::matcher::Matcher::builtin().idf();
        let p = |x: &str| profile(&crate::analyse::sentence(x, "en", None, &lex), idf);
        // "calm" alone: the negation both give is no content they share.
        let (offer, days) = (
            p("The offer did not calm the streets."),
            p("The days since have not been calm."),
        );
        assert_eq!(shared_content_keys(&offer, &days), 1);
        assert_eq!(shared_content_keys(&days, &offer), 1);
        // Two content words and the negation: inside the fit.
        let streets = p("The streets have not been calm since the offer.");
        assert_eq!(shared_content_keys(&offer, &streets), 3);
        assert_eq!(shared_content_keys(&streets, &offer), 3);
        assert!(!fitted(1, 0.4) && fitted(2, 0.0) && fitted(1, EDITED_COPY));
    }

    #[test]
    fn a_claim_is_contained_only_where_its_event_is_told() {
        let lex = Lexicon::builtin();
        let idf = crate::matcher::Matcher::builtin().idf();
        let s = |x: &str| crate::analyse::sentence(x, "en", None, &lex);
        let long = s(
            "The strike followed months of unrest over the disputed harbour contract, \
                      which led to the resignation of the port director Anna Lindqvist.",
        );
        // The short sentence's own event (deaths) is nowhere in the long one:
        // the director's name and her resignation, told in passing, are not
        // its claim.
        let other = s("Most of the victims died after Anna Lindqvist left office.");
        assert_eq!(containment(&other, &long, idf), 0.0);
        // Where the long sentence tells the short one's event, it holds it.
        let same = s("Port director Anna Lindqvist resigned over the harbour contract.");
        assert!(containment(&same, &long, idf) > 0.5);
        // A statement is told with many verbs: "suggested" lacking from the
        // other sentence does not make another event of it.
        let said = s(
            "On Monday the harbour commander, Admiral Jonas Berg, suggested in a \
                      televised statement that Lindqvist resign.",
        );
        let announced = s(
            "Admiral Jonas Berg, the harbour commander appointed by Lindqvist in \
                           2018, announced on Monday that the navy would withdraw its support.",
        );
        assert!(containment(&said, &announced, idf) > 0.0);
    }

    #[test]
    fn a_resignation_demanded_is_not_the_resignation_told() {
        let lex = Lexicon::builtin();
        let idf = crate::matcher::Matcher::builtin().idf();
        let s = |x: &str| crate::analyse::sentence(x, "en", None, &lex);
        let took_over = s(
            "Following his resignation, councillor Quispe declared herself acting \
                       harbour master, prompting Vargas's supporters to block the docks.",
        );
        // "Resignation" in both, but one sentence demands a resignation and
        // the other tells one in passing: what they share is two names.
        let demanded = s("The fishermen's cooperatives have demanded Quispe's resignation and the return of Vargas.");
        assert_eq!(containment(&demanded, &took_over, idf), 0.0);
        // Told as what happened on both sides, the word holds the claim.
        let resigned = s("Vargas resigned on Friday, leaving Quispe in charge of the docks.");
        assert!(containment(&resigned, &took_over, idf) > 0.5);
    }

    #[test]
    fn an_offer_or_a_wish_is_about_what_it_puts_forward() {
        let lex = Lexicon::builtin();
        let idf = crate::matcher::Matcher::builtin().idf();
        let s = |x: &str| crate::analyse::sentence(x, "en", None, &lex);
        // The offer's claim is the asylum, which the flight never names.
        let offer = s("The Norland government said on Monday that it would offer Vargas asylum.");
        let flight = s(
            "Vargas flew to Norland on Monday night aboard a plane the Norland government sent.",
        );
        assert_eq!(containment(&offer, &flight, idf), 0.0);
        // A wish for a resignation is not held by a sentence about something
        // else the same person did.
        let wish = s("Vargas's supporters want the acting harbour master, Quispe, to step down.");
        let law = s("The acting harbour master, Quispe, signed a decree on Wednesday that reopens the docks.");
        assert_eq!(containment(&wish, &law, idf), 0.0);
        // The wish set beside a name in commas is still a wish: it and a
        // demand tell one proposed resignation.
        let demand = s("The fishermen's cooperatives have called for Quispe's resignation and the return of Vargas.");
        assert_eq!(event_told(&wish, &demand), Some(Told::Told));
        // The same offer told in other words is the same claim.
        let offered = s("Vargas was offered asylum by Norland on Monday, its government said.");
        assert!(containment(&offered, &offer, idf) > 0.5);
    }

    #[test]
    fn a_place_both_give_as_the_setting_does_not_pin_a_claim_down() {
        let lex = Lexicon::builtin();
        let idf = crate::matcher::Matcher::builtin().idf();
        let s = |x: &str| crate::analyse::sentence(x, "en", None, &lex);
        // No topic file: "Ostervik" is a name of unknown kind, the place in
        // both. The two share who and where, not what was done.
        let repainted =
            s("The harbour master's deputy in Ostervik repainted the lighthouse steps.");
        let sold =
            s("The harbour master's deputy in Ostervik sold the last ferry tickets before noon.");
        assert_eq!(containment(&repainted, &sold, idf), 0.0);
        // The same words with the town as the deputy's own (not where it
        // happened) still pin the two to one person.
        let own = s("Ostervik's harbour master's deputy sold the last ferry tickets before noon.");
        let named = s("Ostervik's harbour master's deputy repainted the lighthouse steps.");
        assert!(containment(&named, &own, idf) > 0.0);
        // What was done, shared, is a claim wherever it happened.
        let held = s("He has since been granted asylum in Ostervik.");
        let told = s(
            "Per Dahl has lived in Ostervik since March, when he arrived after \
                      the council granted him asylum.",
        );
        assert!(containment(&held, &told, idf) > 0.0);
    }

    #[test]
    fn telling_words_weigh_what_they_tell() {
        let t = Telling {
            table: [
                (unit_hash("resigned", None), 2.0),
                (unit_hash("said", None), 0.1),
            ]
            .into_iter()
            .collect(),
            default: 0.5,
        };
        let lex = Lexicon::builtin();
        let s = |x: &str| crate::analyse::sentence(x, "en", None, &lex);
        let w = |x: &str| weighted_units(&s(x), &t);
        let base = w("Morales resigned, officials said.");
        let telling = w("Morales resigned, aides reported.");
        let weak = w("Morales stayed, officials said.");
        let (c1, r1) = telling_pair(&base, &telling);
        let (c2, r2) = telling_pair(&base, &weak);
        assert!(c1 > c2, "sharing 'resigned' {c1} vs sharing 'said' {c2}");
        assert!(r1 < r2, "{r1} vs {r2}");
        // Symmetric, and a sentence against itself shares everything.
        assert_eq!(telling_pair(&telling, &base), (c1, r1));
        let (c, r) = telling_pair(&base, &base);
        assert!((c - 1.0).abs() < 1e-12 && r.abs() < 1e-12);
        // Pairs of words are units of their own, hashed as the two words.
        let u = units(&s("did not resign"));
        let did_not = unit_text_hash("did not");
        let (_, first, pair) = u.iter().find(|x| x.0 == did_not).copied().expect("pair");
        assert_eq!(unit_text(&s("did not resign"), first, pair), "did not");
    }

    use super::*;

    proptest::proptest! {
        /// The branch-free merges find exactly the items both sorted lists
        /// hold.
        #[test]
        fn merges_find_exactly_the_shared_items(
            a in proptest::collection::btree_set(0u32..200, 0..80),
            b in proptest::collection::btree_set(0u32..200, 0..80),
        ) {
            let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
            let shared: Vec<u32> = a.iter().copied().filter(|x| b.contains(x)).collect();
            proptest::prop_assert_eq!(count_common(&a, &b), shared.len());
            let mut seen = Vec::new();
            for_common(&a, &b, |x| *x, |x| seen.push(*x));
            proptest::prop_assert_eq!(seen, shared);
        }
    }
    use crate::lexicon::Lexicon;
    use chrono::NaiveDate;

    fn event(a: &str, b: &str) -> bool {
        let lex = Lexicon::builtin();
        let day = NaiveDate::from_ymd_opt(2019, 11, 16);
        same_event(
            &crate::analyse::sentence(a, "en", day, &lex),
            &crate::analyse::sentence(b, "en", day, &lex),
        )
    }

    #[test]
    fn sequence_feature_indices_name_them() {
        assert_eq!(NAMES[DIFF_RATIO], "diff_ratio");
        assert_eq!(NAMES[LCS_RUN], "lcs_run");
        assert_eq!(NAMES[SAME_EVENT_AT], "same_event");
        let lex = Lexicon::builtin();
        let a = crate::analyse::sentence("Nine people died in Sacaba on Friday.", "en", None, &lex);
        let b = crate::analyse::sentence("On Friday nine people died in Sacaba.", "en", None, &lex);
        let idf = crate::matcher::Matcher::builtin().idf();
        let full = features(&a, &b, idf);
        let (diff, run) = sequence_features(&profile(&a, idf), &profile(&b, idf));
        assert_eq!((full[DIFF_RATIO], full[LCS_RUN]), (diff, run));
        // "nine people died in sacaba" is a run of 5 in the shorter sentence of 7.
        assert!((run - 5.0 / 7.0).abs() < 1e-9, "{run}");
        assert!(diff > 0.5 && diff < 1.0, "{diff}");
        let (bd, br) = sequence_bounds(&profile(&a, idf), &profile(&b, idf));
        assert!(
            bd >= diff && br >= run,
            "bounds {bd} {br} under {diff} {run}"
        );
        // Same words, another order: the bound is the full overlap.
        assert!((br - 1.0).abs() < 1e-9, "{br}");
    }

    #[test]
    fn one_shared_protagonist_is_not_one_event() {
        assert!(!event(
            "After his resignation, opposition senator Jeanine Añez declared herself interim president.",
            "Evo Morales’s resignation on Sunday ended almost 14 years of ever more personal rule.",
        ));
        assert!(!event(
            "Earlier in the afternoon, General Williams Kaliman suggested in a televised statement that Morales resign.",
            "Clashes between Morales supporters and the police broke out in La Paz after the resignation.",
        ));
    }

    #[test]
    fn a_proposed_resignation_is_not_the_resignation() {
        // The general's suggestion on Sunday and the resignation on Monday
        // are two events: no date contradiction between them.
        assert!(!event(
            "On Sunday 10 November, General Kaliman publicly suggested that President Evo Morales resign.",
            "Evo Morales resigned on Monday, November 11, after losing the support of the army.",
        ));
        // Two reports of the suggestion are one event, in other words.
        assert!(event(
            "On Sunday, General Williams Kaliman suggested in a televised statement that Morales resign.",
            "That Sunday General Williams Kaliman went on television to demand the resignation of Morales.",
        ));
        // A comma ends the proposal: the resignation after it happened.
        let lex = Lexicon::builtin();
        let s = crate::analyse::sentence(
            "After the general suggested it, Morales resigned.",
            "en",
            None,
            &lex,
        );
        assert!(event_words(&s).contains(&("resign", false)));
        assert!(!event_words(&s).contains(&("resign", true)));
        let s = crate::analyse::sentence("He called for Morales to resign.", "en", None, &lex);
        assert!(event_words(&s).contains(&("resign", true)));
        assert!(!event_words(&s).contains(&("resign", false)));
    }

    #[test]
    fn the_same_actor_beside_the_event_word_is_one_event() {
        // The dates conflict: that is what makes this pair a contradiction,
        // so it must still count as one event.
        assert!(event(
            "Evo Morales resigned on Monday, November 11, after losing the support of the army.",
            "Evo Morales’s resignation on Sunday ended almost 14 years of ever more personal rule.",
        ));
    }

    fn told(a: &str, b: &str) -> Option<Told> {
        let lex = Lexicon::builtin();
        event_told(
            &crate::analyse::sentence(a, "en", None, &lex),
            &crate::analyse::sentence(b, "en", None, &lex),
        )
    }

    #[test]
    fn an_event_told_as_the_time_of_something_else_is_told_in_passing() {
        let main = "Anna Hallström resigned on Thursday in a short statement.";
        assert_eq!(
            told(
                main,
                "Anna Hallström stepped down that afternoon, blaming the council."
            ),
            Some(Told::Told)
        );
        for passing in [
            "Most of the contracts were signed after Anna Hallström resigned.",
            "The inquiry began when Anna Hallström resigned.",
            "Weeks of protest over the budget led to the resignation of Anna Hallström.",
        ] {
            assert_eq!(told(main, passing), Some(Told::InPassing), "{passing}");
        }
        assert_eq!(
            told(main, "Anna Hallström has since resigned."),
            Some(Told::Told)
        );
        // A clause boundary ends the reach of the word before it.
        assert_eq!(
            told(main, "After the vote, Anna Hallström resigned."),
            Some(Told::Told)
        );
    }

    #[test]
    fn a_framing_term_names_the_event_its_data_gives() {
        // The built-in framing data says a coup names what a resignation
        // names: one event, told in two framings, pinned by a name and a day.
        assert_eq!(
            told(
                "The coup against Lena Ostervik was consummated on Sunday 12 March.",
                "Lena Ostervik resigned on Sunday 12 March, hours after the army's statement.",
            ),
            Some(Told::Told)
        );
        // Framing terms that give no event: one whose concept names none (a
        // new leader called interim), and a name for the event that the
        // outlet reports ("stated the coup had been consummated") or denies
        // ("not from a coup") rather than gives in its own voice.
        let lex = Lexicon::builtin();
        for other in [
            "Per Dahl, the interim president, visited the port on Sunday 12 March.",
            "Speaking beside her, Per Dahl stated the coup had been consummated.",
            "In effect, the army withdrew its backing from Lena Ostervik, not from a coup.",
        ] {
            let s = crate::analyse::sentence(other, "en", None, &lex);
            assert!(!s.framing.is_empty(), "{other}");
            assert!(event_words(&s).is_empty(), "{other}: {:?}", event_words(&s));
        }
    }

    #[test]
    fn a_name_used_as_a_place_is_not_the_actor_beside_the_event() {
        // No topic file: "Ostervik" is a name of unknown kind, used as a
        // place in both. Two people cancelling two things there share the
        // event word and the place, and nothing else pins one event.
        assert_eq!(
            told(
                "A nurse in Ostervik cancelled the evening classes.",
                "A retired miner in Ostervik cancelled the bookings for the hall."
            ),
            None
        );
        // A named person who acts still binds the event.
        assert_eq!(
            told(
                "The mayor, Lena Ostervik, cancelled the evening classes.",
                "Lena Ostervik cancelled the classes, the council said."
            ),
            Some(Told::Told)
        );
    }

    #[test]
    fn an_event_pinned_by_names_alone_is_told_in_passing_where_it_is_a_time() {
        let main = "Anna Lindqvist resigned in Malmö on Sunday.";
        // Two names pin the resignation, but the second sentence tells it
        // only as the time of the clashes.
        assert_eq!(
            told(
                main,
                "Clashes between supporters of Anna Lindqvist and the police broke out in Malmö after the resignation.",
            ),
            Some(Told::InPassing)
        );
        // A count both give pins the event itself, even in passing.
        assert_eq!(
            told(
                "Nine people died in Malmö on Friday when police stopped a march.",
                "The strike came four days after nine people died in clashes in Malmö.",
            ),
            Some(Told::Told)
        );
    }

    #[test]
    fn violence_denied_is_not_violence_told() {
        // "Not deaths" in a place is no account of deaths there.
        assert_eq!(
            told(
                "There were protests in Malmö that day, but the reports mention tear gas, not deaths.",
                "The deaths in Malmö came on Tuesday.",
            ),
            None
        );
        assert_eq!(
            told(
                "There were protests in Malmö that day, and the reports mention deaths.",
                "The deaths in Malmö came on Tuesday.",
            ),
            Some(Told::Told)
        );
    }

    #[test]
    fn violence_is_pinned_by_place_and_day_or_by_day_and_what_happened() {
        assert!(event(
            "Three people were killed on Tuesday when soldiers cleared a blockade at the Senkata fuel plant.",
            "Eight people died in Senkata on Tuesday, the ombudsman said.",
        ));
        // A place no file lists, named as a place on both sides.
        assert!(event(
            "Six people died on Tuesday night during the operation in Senkata.",
            "Soldiers killed three people at the fuel plant in Senkata, residents said.",
        ));
        // Named on one side as a place and on the other as a neighbourhood's
        // people: that alone does not pin the event.
        assert!(!event(
            "Six people died on Tuesday night during the operation in Senkata.",
            "Senkata residents said the soldiers had killed three people.",
        ));
        // The place conflicts; the day and the clash itself pin it down.
        assert!(event(
            "The situation escalated on Friday, when police and military forces clashed with Morales’ supporters in La Paz.",
            "At least five people were killed on Friday when police and soldiers clashed with coca growers in Sacaba.",
        ));
    }
}
