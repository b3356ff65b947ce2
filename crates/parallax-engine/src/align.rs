//! Align: find, for every sentence, its counterparts in every other report.
//!
//! Candidates come from an inverted index over content keys and entities
//! (never a scan of all sentence pairs): each sentence looks up the postings
//! of its rarer keys and keeps the best few candidates per other report by
//! shared idf mass. Each candidate pair is then scored by the matcher, and a
//! pair is linked when its same-claim probability clears the threshold and
//! either side takes it: a sentence takes its best partner in each other
//! report, and a second one only when it scores nearly as well. That rule is
//! symmetric, so the order of reports never changes the links, and it lets a
//! sentence that carries two claims link to both.

use std::collections::HashMap;
use std::sync::Arc;

use crate::analyse::SentenceAnalysis;
use crate::features::{
    features_without_sequence, fitted, profile, sequence_bounds, sequence_features,
    shared_content_keys, Idf, Profile, DIFF_RATIO, EVENT_TOLD, LCS_RUN, SAME_EVENT_AT,
};
use crate::matcher::Matcher;

/// Sentence address: (document index, sentence index).
pub type Addr = (usize, usize);

/// A scored candidate pair, `a < b`.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// One side.
    pub a: Addr,
    /// Other side.
    pub b: Addr,
    /// Feature vector, shared by every pair between copies of the same two
    /// sentences.
    pub features: Arc<[f64]>,
    /// Same-claim probability.
    pub same: f64,
    /// Paraphrase probability.
    pub paraphrase: f64,
}

/// Alignment settings.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    /// Same-claim probability needed for a link.
    pub threshold: f64,
    /// Best candidates kept per sentence per other report, before scoring.
    pub candidates: usize,
    /// At most this many links per sentence per other report (see also
    /// `near_best`).
    pub per_report: usize,
    /// A sentence takes a second or later partner in a report only when it
    /// scores within this of its best there: a far weaker second partner is
    /// another claim the two reports both tell (a story's claims share its
    /// names and words), while a near tie is the same claim told twice.
    /// Either side can take a pair, so a sentence that carries two claims
    /// still links to both (for the second, it is that sentence's best).
    pub near_best: f64,
    /// Postings longer than this are skipped (keys too common to discriminate).
    pub max_postings: usize,
    /// Same-claim probability needed before a conflict counts as a
    /// contradiction. Below it, sentences with conflicting details are taken
    /// to be about different events and are not linked (de Marneffe et al.
    /// 2008: most false contradictions are different events).
    pub contradiction: f64,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            threshold: 0.5,
            candidates: 8,
            per_report: 2,
            near_best: 0.05,
            max_postings: 400,
            contradiction: 0.7,
        }
    }
}

fn index_keys(s: &SentenceAnalysis) -> Vec<String> {
    let mut k: Vec<String> = s.keys.clone();
    for e in &s.entities {
        k.push(format!("@{}", e.id));
    }
    k.sort();
    k.dedup();
    k
}

/// Score candidate pairs across documents (or within one, for `internal`).
pub fn candidates(
    docs: &[Vec<SentenceAnalysis>],
    idf: &Idf,
    matcher: &Matcher,
    opts: &AlignOptions,
    internal: bool,
) -> Vec<Candidate> {
    candidates_watched(
        docs,
        &Index::new(docs, idf),
        &classes(docs),
        idf,
        matcher,
        opts,
        internal,
        &crate::compare::NoProgress,
    )
}

/// The sentences of a comparison as alignment looks them up: an inverted
/// index from content keys and entities to sentences, each sentence's keys
/// and index mass, and its [`Profile`]. Built once and used by both passes
/// (across reports, then within each one): at 100 reports the second build
/// was most of the second pass.
pub struct Index {
    postings: HashMap<String, Vec<Addr>>,
    keys: Vec<Vec<Vec<String>>>,
    /// Each sentence's own index mass, so that candidates are ranked by the
    /// share of the lighter sentence they cover (a short claim inside a long
    /// sentence ranks high), not by raw overlap, which favours long
    /// sentences.
    mass: Vec<Vec<f64>>,
    profiles: Vec<Vec<Profile>>,
}

/// An index key's weight: its idf, one more for an entity.
fn key_weight(idf: &Idf, k: &str) -> f64 {
    idf.get(k.strip_prefix('@').unwrap_or(k)) + if k.starts_with('@') { 1.0 } else { 0.0 }
}

impl Index {
    /// Index `docs`.
    pub fn new(docs: &[Vec<SentenceAnalysis>], idf: &Idf) -> Self {
        use rayon::prelude::*;
        let keys: Vec<Vec<Vec<String>>> = docs
            .par_iter()
            .map(|d| d.iter().map(index_keys).collect())
            .collect();
        // Postings are pushed in document order, which the pass within one
        // report relies on.
        let mut postings: HashMap<String, Vec<Addr>> = HashMap::new();
        for (d, dk) in keys.iter().enumerate() {
            for (s, k) in dk.iter().enumerate() {
                for key in k {
                    match postings.get_mut(key) {
                        Some(p) => p.push((d, s)),
                        None => {
                            postings.insert(key.clone(), vec![(d, s)]);
                        }
                    }
                }
            }
        }
        let mass = keys
            .iter()
            .map(|d| {
                d.iter()
                    .map(|k| {
                        let mut v: Vec<f64> = k.iter().map(|x| key_weight(idf, x)).collect();
                        v.sort_by(f64::total_cmp);
                        v.iter().sum::<f64>()
                    })
                    .collect()
            })
            .collect();
        let profiles = docs
            .par_iter()
            .map(|d| d.iter().map(|s| profile(s, idf)).collect())
            .collect();
        Index {
            postings,
            keys,
            mass,
            profiles,
        }
    }
}

/// [`candidates`] given the sentences' [`Index`] and [`classes`] (computed
/// once by the caller, which needs them again), reporting `align` progress
/// (pairs scored of pairs found) and stopping early when `progress` says the
/// user cancelled: the workers then skip their remaining pairs, and the
/// caller checks [`Progress::cancelled`](crate::Progress::cancelled) and
/// discards the result.
#[allow(clippy::too_many_arguments)]
pub fn candidates_watched(
    docs: &[Vec<SentenceAnalysis>],
    index: &Index,
    class: &[Vec<u32>],
    idf: &Idf,
    matcher: &Matcher,
    opts: &AlignOptions,
    internal: bool,
    progress: &dyn crate::Progress,
) -> Vec<Candidate> {
    use rayon::prelude::*;
    let Index {
        postings,
        keys,
        mass,
        profiles,
    } = index;
    // Keep the work per sentence from growing with the reports as long as
    // that costs no counterpart: the per-report candidate count shrinks so
    // each sentence scores about 200 pairs, down to two per report (from
    // 100 reports); past that it grows by two per report, since a claim
    // told in every report has that many counterparts. (The postings bound,
    // `opts.max_postings`, is what limits the largest corpora.) Up to 26
    // reports every sentence keeps its best `opts.candidates` per report.
    let per_doc = opts
        .candidates
        .min((200 / docs.len().saturating_sub(1).max(1)).max(2));
    let addrs: Vec<Addr> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, s)| (0..s.len()).map(move |i| (d, i)))
        .collect();
    // Global sentence numbers, so a sentence's candidates are summed in a
    // dense array (one per worker, reused) instead of a hash map: this loop
    // runs once per posting entry and was the largest share of hashing.
    let first: Vec<usize> = docs
        .iter()
        .scan(0, |n, d| {
            let at = *n;
            *n += d.len();
            Some(at)
        })
        .collect();
    let total = addrs.len();
    // Sentences of one class have the same keys, so their candidate sums
    // are the same: they are computed once per class (from its first
    // member), and each member then takes its best per other report. Within
    // one report (`internal`) each sentence keeps its own pass, since which
    // sentences count depends on where it sits.
    let mut members: Vec<Vec<Addr>> = Vec::new();
    if internal {
        members.extend(addrs.iter().map(|&a| vec![a]));
    } else {
        for &(d, s) in &addrs {
            let c = class[d][s] as usize;
            if members.len() <= c {
                members.resize_with(c + 1, Vec::new);
            }
            members[c].push((d, s));
        }
        members.retain(|m| !m.is_empty());
    }
    // A pair travels as one number, the two sentences' global numbers side
    // by side (smaller first), until it is sorted and deduplicated: a
    // quarter of the bytes of two addresses, and at 100 reports each
    // sentence proposes about 200 pairs. (A comparison holds far fewer than
    // 2^32 sentences: the input size limits see to that.)
    let global = |(d, s): Addr| (first[d] + s) as u64;
    let mut packed: Vec<u64> = members
        .par_iter()
        .map_init(
            || (vec![-1.0f64; total], Vec::<usize>::new()),
            |(acc, touched), group| {
                let (d, s) = group[0];
                for k in &keys[d][s] {
                    let Some(p) = postings.get(k) else { continue };
                    if p.len() > opts.max_postings {
                        continue;
                    }
                    let w = key_weight(idf, k);
                    // Postings are in document order: within one report
                    // only that report's run of them counts.
                    let p = if internal {
                        &p[p.partition_point(|x| x.0 < d)..p.partition_point(|x| x.0 <= d)]
                    } else {
                        &p[..]
                    };
                    for &(d2, s2) in p {
                        // Across reports every report is summed here and a
                        // member's own report is skipped when it picks.
                        let counts = if internal { d2 == d && s2 != s } else { true };
                        if counts {
                            let g = first[d2] + s2;
                            // -1 marks a sentence not reached yet (idf
                            // weights are never negative).
                            if acc[g] < 0.0 {
                                touched.push(g);
                                acc[g] = w;
                            } else {
                                acc[g] += w;
                            }
                        }
                    }
                }
                // Best few per other document.
                // Ties (every sentence that holds all of a short sentence's
                // rarer keys covers it fully) go to the sentence closest in
                // size, so a copy is never crowded out by longer sentences.
                let mut scored: Vec<(Addr, f64, f64)> = touched
                    .drain(..)
                    .map(|g| {
                        let d2 = first.partition_point(|&f| f <= g) - 1;
                        let addr = (d2, g - first[d2]);
                        let w = std::mem::replace(&mut acc[g], -1.0);
                        let other = mass[addr.0][addr.1];
                        let lighter = mass[d][s].min(other).max(1e-9);
                        let gap = (mass[d][s] - other).abs();
                        (addr, w / lighter, gap)
                    })
                    .collect();
                scored.sort_by(|x, y| {
                    x.0 .0
                        .cmp(&y.0 .0)
                        .then(y.1.total_cmp(&x.1))
                        .then(x.2.total_cmp(&y.2))
                        .then(x.0.cmp(&y.0))
                });
                let mut out = Vec::new();
                for &me in group {
                    for g in scored.chunk_by(|x, y| x.0 .0 == y.0 .0) {
                        if !internal && g[0].0 .0 == me.0 {
                            continue;
                        }
                        for &(addr, _, _) in g.iter().take(per_doc) {
                            let (x, y) = (global(me), global(addr));
                            out.push(x.min(y) << 32 | x.max(y));
                        }
                    }
                }
                out
            },
        )
        .flatten_iter()
        .collect();
    // Every pair is proposed from both sides: sorted on both cores, once each.
    packed.par_sort_unstable();
    packed.dedup();
    // Numbers in global order are addresses in (report, sentence) order.
    let pairs: Vec<(Addr, Addr)> = packed
        .iter()
        .map(|&p| (addrs[(p >> 32) as usize], addrs[(p & 0xffff_ffff) as usize]))
        .collect();
    drop(packed);
    // A pair of sentences analysed exactly like an earlier pair (wire copy
    // in several reports) gets that pair's score instead of a second one.
    let (unique, of_pair) = unique_pairs(pairs.iter().copied(), class);
    let ticker = crate::compare::Ticker::new(progress, "align", unique.len());
    let scored: Vec<Option<Scored>> = unique
        .par_iter()
        .map_init(
            || ticker.local(),
            |ticker, &i| {
                if ticker.tick() {
                    return None;
                }
                let (a, b) = pairs[i];
                let (pa, pb) = (&profiles[a.0][a.1], &profiles[b.0][b.1]);
                let (sa, sb) = (&docs[a.0][a.1], &docs[b.0][b.1]);
                let mut f = features_without_sequence(sa, pa, sb, pb, idf);
                let shared = shared_content_keys(pa, pb);
                let scored = |f: Vec<f64>, fit: bool| {
                    let same = same_claim(matcher, &f, fit);
                    // Pairs below the link threshold are dropped here, not kept in memory.
                    // The matcher's paraphrase probability, like its score, only
                    // where it counts.
                    let paraphrase = if fit { matcher.paraphrase(&f) } else { 0.0 };
                    (same >= opts.threshold).then(|| (same, paraphrase, Arc::from(f)))
                };
                if pa.lang != pb.lang {
                    matcher.across_languages(sa, sb, &mut f);
                    let fit = fitted(shared, f[DIFF_RATIO]);
                    return scored(f, fit);
                }
                // The word-sequence features cost the most. Each lies between 0
                // and a bound that is cheap to compute; the score is linear in
                // each, so its best is at the end its weight points to. A pair
                // that cannot reach the threshold there is dropped without
                // computing them, which changes no link.
                let (dmax, rmax) = sequence_bounds(pa, pb);
                let best_end =
                    |i: usize, max: f64| if matcher.weights[i] > 0.0 { max } else { 0.0 };
                f[DIFF_RATIO] = best_end(DIFF_RATIO, dmax);
                f[LCS_RUN] = best_end(LCS_RUN, rmax);
                if same_claim(matcher, &f, fitted(shared, dmax)) < opts.threshold {
                    return None;
                }
                let (d, r) = sequence_features(pa, pb);
                f[DIFF_RATIO] = d;
                f[LCS_RUN] = r;
                scored(f, fitted(shared, d))
            },
        )
        .collect();
    // On both cores, in pair order (rayon's collect keeps it).
    pairs
        .par_iter()
        .zip(of_pair)
        .filter_map(|(&(a, b), u)| {
            let (same, paraphrase, f) = scored[u].as_ref()?;
            Some(Candidate {
                a,
                b,
                same: *same,
                paraphrase: *paraphrase,
                features: Arc::clone(f),
            })
        })
        .collect()
}

/// A scored pair of classes: same-claim and paraphrase probabilities and
/// the feature vector.
type Scored = (f64, f64, Arc<[f64]>);

/// Sentences whose analyses are equal share a class number: the same
/// words, read the same way (a wire sentence copied into several reports
/// whose dates resolve its time words alike). Everything the matcher and
/// the word diff compute depends on the analyses alone, so one pair of
/// classes needs computing once.
pub fn classes(docs: &[Vec<SentenceAnalysis>]) -> Vec<Vec<u32>> {
    let mut seen: HashMap<&str, Vec<(u32, Addr)>> = HashMap::new();
    let mut next = 0u32;
    docs.iter()
        .enumerate()
        .map(|(d, sents)| {
            sents
                .iter()
                .enumerate()
                .map(|(s, a)| {
                    let bucket = seen.entry(a.text.as_str()).or_default();
                    if let Some((c, _)) = bucket.iter().find(|(_, (d2, s2))| docs[*d2][*s2] == *a) {
                        return *c;
                    }
                    bucket.push((next, (d, s)));
                    next += 1;
                    next - 1
                })
                .collect()
        })
        .collect()
}

/// The distinct pairs of classes among `pairs`, each given by the index of
/// its first pair, and for every pair the number of its distinct pair.
/// Order is kept: a class pair is (class of `a`, class of `b`), not sorted,
/// so that a pair's two sides are never swapped.
pub fn unique_pairs(
    pairs: impl Iterator<Item = (Addr, Addr)>,
    class: &[Vec<u32>],
) -> (Vec<usize>, Vec<usize>) {
    // Class numbers are ours, not words of the reports: a fast hash that
    // no input can steer into collisions.
    let mut first: rustc_hash::FxHashMap<(u32, u32), usize> = Default::default();
    let mut unique = Vec::new();
    let of_pair = pairs
        .enumerate()
        .map(|(i, (a, b))| {
            *first
                .entry((class[a.0][a.1], class[b.0][b.1]))
                .or_insert_with(|| {
                    unique.push(i);
                    unique.len() - 1
                })
        })
        .collect();
    (unique, of_pair)
}

/// Same-claim score: the matcher's probability with conflicts neutralised, or
/// containment (one sentence's content inside the other's) when that is
/// higher: a short claim restated inside a long sentence is still the claim.
/// The matcher's probability counts only for a pair it was `fitted` for (see
/// [`crate::features::fitted`]).
pub fn same_claim(matcher: &Matcher, f: &[f64], fitted: bool) -> f64 {
    let at = |name: &str| {
        crate::features::NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(0.0, |i| f[i])
    };
    let event = if at("same_event") > 0.0 {
        SAME_EVENT
    } else {
        0.0
    };
    let matched = if fitted { matcher.same_claim(f) } else { 0.0 };
    matched.max(at("containment")).max(event)
}

/// Whether a pair clears `threshold` only because its sentences share an
/// event that one of them tells only in passing (see
/// [`crate::features::Told`]): the matcher (where it counts: `fitted`, asked
/// only when the rest holds) and containment alone fall short.
pub fn event_in_passing_only(
    matcher: &Matcher,
    f: &[f64],
    fitted: impl FnOnce() -> bool,
    threshold: f64,
) -> bool {
    let at = |name: &str| {
        crate::features::NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(0.0, |i| f[i])
    };
    at("same_event") > 0.0
        && at("same_event") < crate::features::EVENT_TOLD
        && at("containment") < threshold
        && (matcher.same_claim(f) < threshold || !fitted())
}

/// Same-claim score given to two sentences about the same event (see
/// [`crate::features::same_event`]): enough to link them and to let a
/// conflict between them count.
pub const SAME_EVENT: f64 = 0.7;

/// Keep the candidates that become links: above threshold, and taken by
/// either side, which takes its best `per_report` in the other's report
/// that score within [`AlignOptions::near_best`] of its best there.
pub fn select(cands: Vec<Candidate>, opts: &AlignOptions) -> Vec<Candidate> {
    select_with(cands, opts, |_, _, _, _| false)
}

/// [`select`], except that a pair only one side takes is dropped when
/// `explained(pair, other, taker, better)` says so: `other`, the side that
/// did not take the pair, has a `better` partner in the taker's report, and
/// what the taker shares with `other` is already there (for the engine's
/// test, see [`explained_away`]).
///
/// "Either side takes it" lets a sentence that carries two claims link to
/// both ("Áñez declared herself president, prompting protests" takes one
/// report's account of the declaration; that report's account of the
/// protests takes it in turn). The same rule would let any sentence link
/// to the closest thing it finds in a report that lacks its claim: "The
/// mayor's offer did not calm the streets at night" takes "The nights on
/// the streets since have not been calm" for its streets not calm at night,
/// though the report it sits in has its own copy of that sentence, which
/// says all they share. In the first case the
/// taker brings words that the other's better partner lacks (the
/// protests); in the second it brings none, and the pair is explained away.
pub fn select_with(
    mut cands: Vec<Candidate>,
    opts: &AlignOptions,
    explained: impl Fn(&Candidate, Addr, Addr, Addr) -> bool + Sync,
) -> Vec<Candidate> {
    use rayon::prelude::*;
    if opts.per_report == 0 {
        return Vec::new();
    }
    cands.retain(|c| c.same >= opts.threshold);
    // Each candidate seen from both sides: (sentence, the other's report),
    // its score, and which candidate it is. Sorted, each group's scores run
    // from the best down, and a candidate is among the best `per_report` of
    // its group when it scores at least the last of them. (Sorting beats a
    // map of score lists here: it runs on both cores and allocates once.)
    let mut ends: Vec<((Addr, usize), f64, usize)> = cands
        .iter()
        .enumerate()
        .flat_map(|(i, c)| [((c.a, c.b.0), c.same, i), ((c.b, c.a.0), c.same, i)])
        .collect();
    ends.par_sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
    // For each candidate, whether side a takes it and whether side b does,
    // and each side's best partner in the other's report.
    let mut taken = vec![[false; 2]; cands.len()];
    let mut best = vec![[0usize; 2]; cands.len()];
    for group in ends.chunk_by(|x, y| x.0 == y.0) {
        let bar = group[group.len().min(opts.per_report) - 1]
            .1
            .max(group[0].1 - opts.near_best);
        let me = group[0].0 .0;
        for &(_, score, i) in group {
            let side = usize::from(cands[i].b == me);
            taken[i][side] |= score >= bar;
            best[i][side] = group[0].2;
        }
    }
    let other_end = |c: &Candidate, me: Addr| if c.a == me { c.b } else { c.a };
    let keep: Vec<bool> = (0..cands.len())
        .into_par_iter()
        .map(|i| {
            let c = &cands[i];
            match taken[i] {
                [true, true] => true,
                [false, false] => false,
                [by_a, _] => {
                    // The side that did not take the pair, the taker, and
                    // the other's best partner in the taker's report.
                    let (other, taker) = if by_a { (c.b, c.a) } else { (c.a, c.b) };
                    let better = other_end(&cands[best[i][usize::from(by_a)]], other);
                    !explained(c, other, taker, better)
                }
            }
        })
        .collect();
    let mut kept = keep.iter();
    cands.retain(|_| kept.next().copied().unwrap_or(false));
    cands.par_sort_unstable_by(|x, y| x.a.cmp(&y.a).then(x.b.cmp(&y.b)));
    cands
}

/// Share of what two sentences have in common (their shared keys, by idf)
/// that a third sentence must also give for it to explain their pair away
/// (see [`select_with`]).
pub const EXPLAINED: f64 = 0.8;

/// Whether the pair of `taker` and `other`, with features `f`, is explained
/// away by `better`, the best partner of `other` in the report of `taker`:
/// `better` gives at least [`EXPLAINED`] of the keys the pair shares (by
/// idf). Two sentences that tell one event, pinned down by what both give
/// (see [`crate::features::event_told`]), are never explained away: a
/// report that tells a resignation in its lead and again in its detail
/// ("Morales resigned on Sunday after nearly 14 years in power"; "Morales
/// announced his resignation on Sunday afternoon in a televised address")
/// tells one claim twice, and both tellings link to a third report's. Nor
/// is a pair that shares no key (two languages, matched through names and
/// numbers alone).
pub fn explained_away(
    f: &[f64],
    other: &SentenceAnalysis,
    taker: &SentenceAnalysis,
    better: &SentenceAnalysis,
    idf: &Idf,
) -> bool {
    if f.get(SAME_EVENT_AT).copied().unwrap_or(0.0) >= EVENT_TOLD {
        return false;
    }
    // A sentence's keys are distinct (see `analyse::sentence`).
    let mut shared = 0.0;
    let mut given = 0.0;
    for k in other.keys.iter().filter(|k| taker.keys.contains(k)) {
        let w = idf.get(k);
        shared += w;
        if better.keys.contains(k) {
            given += w;
        }
    }
    shared > 0.0 && given >= EXPLAINED * shared
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::sentence;
    use crate::lexicon::Lexicon;
    use chrono::NaiveDate;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2019, 11, d)
    }

    #[test]
    fn copies_read_alike_share_a_class_and_time_words_read_apart_do_not() {
        let lex = Lexicon::builtin();
        let copy = "Police fired tear gas at marchers in the city centre.";
        let sunday = "The strike began on Sunday at the northern port.";
        // Three reports: the first two dated the same week, the third a week
        // later, so its "on Sunday" is another day.
        let docs: Vec<Vec<SentenceAnalysis>> = [day(11), day(12), day(19)]
            .iter()
            .map(|&d| {
                vec![
                    sentence(copy, "en", d, &lex),
                    sentence(sunday, "en", d, &lex),
                ]
            })
            .collect();
        let class = classes(&docs);
        assert_eq!(class[0][0], class[1][0]);
        assert_eq!(class[0][0], class[2][0], "no time word: one reading");
        assert_eq!(
            class[0][1], class[1][1],
            "both reports put Sunday on 10 Nov"
        );
        assert_ne!(class[0][1], class[2][1], "a week later, Sunday is 17 Nov");
        assert_ne!(class[0][0], class[0][1]);
    }

    #[test]
    fn a_pair_of_classes_is_counted_once_and_never_swapped() {
        // Sentences 0 of both documents are copies; so are sentences 1.
        let class = vec![vec![0, 1], vec![0, 1], vec![2]];
        let pairs = [
            ((0, 0), (1, 1)),
            ((0, 1), (1, 0)),
            ((1, 0), (2, 0)),
            ((0, 0), (2, 0)),
            ((1, 1), (0, 0)),
        ];
        let (unique, of_pair) = unique_pairs(pairs.iter().copied(), &class);
        // Classes (0, 1), (1, 0), (0, 2), (0, 2), (1, 0): the first two are
        // different pairs (order is kept), the last two repeat earlier ones.
        assert_eq!(unique, vec![0, 1, 2]);
        assert_eq!(of_pair, vec![0, 1, 2, 2, 1]);
    }

    #[test]
    fn copied_sentences_link_as_if_each_pair_were_scored() {
        // The same comparison with and without the shared scoring gives the
        // same candidates: scoring every pair by hand must agree.
        let lex = Lexicon::builtin();
        let texts = [
            "Troops opened fire on protesters near the fuel plant, killing six people.",
            "The government said soldiers had not fired a single bullet.",
        ];
        let docs: Vec<Vec<SentenceAnalysis>> = (0..3)
            .map(|_| {
                texts
                    .iter()
                    .map(|t| sentence(t, "en", day(20), &lex))
                    .collect()
            })
            .collect();
        let matcher = Matcher::builtin();
        let idf = matcher.idf();
        let opts = AlignOptions::default();
        let cands = candidates(&docs, idf, matcher, &opts, false);
        assert!(!cands.is_empty());
        for c in &cands {
            let (pa, pb) = (
                profile(&docs[c.a.0][c.a.1], idf),
                profile(&docs[c.b.0][c.b.1], idf),
            );
            let mut f =
                features_without_sequence(&docs[c.a.0][c.a.1], &pa, &docs[c.b.0][c.b.1], &pb, idf);
            let (d, r) = sequence_features(&pa, &pb);
            f[DIFF_RATIO] = d;
            f[LCS_RUN] = r;
            assert_eq!(*c.features, f[..], "{:?} {:?}", c.a, c.b);
            let fit =
                crate::features::fitted_pair(&docs[c.a.0][c.a.1], &docs[c.b.0][c.b.1], idf, &f);
            assert_eq!(c.same, same_claim(matcher, &f, fit));
        }
    }

    #[test]
    fn a_class_proposes_what_each_of_its_copies_would_alone() {
        // Candidates are summed once per class; giving every sentence a
        // class of its own must propose and score the same pairs. Copies
        // sit in different reports and twice in one, where neither may
        // link to its own report.
        let lex = Lexicon::builtin();
        let wire =
            "Troops opened fire on protesters near the fuel plant in Senkata, killing six people.";
        let texts: [&[&str]; 4] = [
            &[
                wire,
                "The government said soldiers had not fired a single bullet.",
            ],
            &[
                wire,
                wire,
                "Residents said soldiers fired on the march near the plant.",
            ],
            &[
                "Soldiers opened fire near the Senkata fuel plant, killing eight people.",
                wire,
            ],
            &["The defence minister said no soldier had fired a single bullet at the plant."],
        ];
        let docs: Vec<Vec<SentenceAnalysis>> = texts
            .iter()
            .map(|d| d.iter().map(|t| sentence(t, "en", day(20), &lex)).collect())
            .collect();
        let matcher = Matcher::builtin();
        let idf = matcher.idf();
        let opts = AlignOptions::default();
        let shared = classes(&docs);
        // Eight sentences, four of them the wire's: five classes.
        let distinct: std::collections::HashSet<_> = shared.iter().flatten().collect();
        assert_eq!(distinct.len(), 5, "{shared:?}");
        let mut n = 0u32;
        let alone: Vec<Vec<u32>> = docs
            .iter()
            .map(|d| {
                d.iter()
                    .map(|_| {
                        n += 1;
                        n
                    })
                    .collect()
            })
            .collect();
        let index = Index::new(&docs, idf);
        let run = |class: &[Vec<u32>]| -> Vec<(Addr, Addr, f64)> {
            let np = crate::compare::NoProgress;
            candidates_watched(&docs, &index, class, idf, matcher, &opts, false, &np)
                .into_iter()
                .map(|c| (c.a, c.b, c.same))
                .collect()
        };
        let (by_class, by_sentence) = (run(&shared), run(&alone));
        assert!(by_class.iter().all(|(a, b, _)| a.0 != b.0), "{by_class:?}");
        assert!(by_class
            .iter()
            .any(|(a, b, _)| (*a, *b) == ((1, 0), (2, 1))));
        assert_eq!(by_class, by_sentence);
    }

    /// A scored pair with no feature vector, for the tests of `select`.
    fn cand(a: Addr, b: Addr, same: f64) -> Candidate {
        Candidate {
            a,
            b,
            features: Arc::from(Vec::new()),
            same,
            paraphrase: same,
        }
    }

    /// The pairs `select` keeps.
    fn pairs(cands: &[Candidate], opts: &AlignOptions) -> Vec<(Addr, Addr)> {
        select(cands.to_vec(), opts)
            .iter()
            .map(|c| (c.a, c.b))
            .collect()
    }

    #[test]
    fn select_keeps_the_best_per_report_from_either_side() {
        // Sentence (0, 0) against three sentences of report 1; (1, 2) has
        // nothing better than (0, 0) in report 0. One pair is below the bar.
        let cands = vec![
            cand((0, 0), (1, 2), 0.6),
            cand((0, 0), (1, 0), 0.9),
            cand((0, 1), (1, 2), 0.95),
            cand((0, 0), (1, 1), 0.8),
            cand((0, 2), (1, 3), 0.4),
        ];
        let ranks_only = AlignOptions {
            near_best: 1.0,
            ..AlignOptions::default()
        };
        // (0,0)-(1,2) is third for (0,0) and second for (1,2): kept.
        assert_eq!(
            pairs(&cands, &ranks_only),
            vec![
                ((0, 0), (1, 0)),
                ((0, 0), (1, 1)),
                ((0, 0), (1, 2)),
                ((0, 1), (1, 2))
            ]
        );
        let one = AlignOptions {
            per_report: 1,
            ..ranks_only
        };
        // Now (0,0)-(1,2) is nobody's best, and (0,0)-(1,1) is (1,1)'s only one.
        assert_eq!(
            pairs(&cands, &one),
            vec![((0, 0), (1, 0)), ((0, 0), (1, 1)), ((0, 1), (1, 2))]
        );
    }

    #[test]
    fn only_a_pair_one_side_takes_can_be_explained_away() {
        let cands = vec![
            // (0,0) and (1,0): each the other's best.
            cand((0, 0), (1, 0), 0.9),
            // (0,1) takes (1,0), its best in report 1, whose better partner
            // in report 0 is (0,0).
            cand((0, 1), (1, 0), 0.7),
            // (0,2) takes (1,1), whose best in report 0 is (0,3).
            cand((0, 2), (1, 1), 0.6),
            cand((0, 3), (1, 1), 0.8),
        ];
        let opts = AlignOptions::default();
        let mut asked = std::sync::Mutex::new(Vec::new());
        let kept: Vec<(Addr, Addr)> = select_with(cands, &opts, |_, other, taker, better| {
            asked.lock().unwrap().push((other, taker, better));
            // (0,0) explains (0,1)'s pair away; (0,3) does not explain (0,2)'s.
            better == (0, 0)
        })
        .iter()
        .map(|c| (c.a, c.b))
        .collect();
        assert_eq!(
            kept,
            vec![((0, 0), (1, 0)), ((0, 2), (1, 1)), ((0, 3), (1, 1))]
        );
        // Asked only about the pairs one side takes, with the side that did
        // not take it, the taker and the other's better partner.
        let mut asked = std::mem::take(asked.get_mut().unwrap());
        asked.sort();
        assert_eq!(
            asked,
            vec![((1, 0), (0, 1), (0, 0)), ((1, 1), (0, 2), (0, 3))]
        );
    }

    #[test]
    fn what_the_better_partner_gives_explains_a_pair_away() {
        let lex = Lexicon::builtin();
        let idf = Matcher::builtin().idf();
        let s = |t: &str| sentence(t, "en", None, &lex);
        let none = vec![0.0; crate::features::NAMES.len()];
        let offer = s("The mayor's offer did not calm the streets.");
        let nights = s("The nights since have not been calm.");
        // Its copy gives all that the offer shares with the nights.
        assert!(explained_away(&none, &nights, &offer, &nights, idf));
        // A sentence of another claim gives none of it.
        let shops = s("Shops in the old town stayed shut on Wednesday.");
        assert!(!explained_away(&none, &nights, &offer, &shops, idf));
        // One event told by both, pinned down: never explained away.
        let mut told = none.clone();
        told[SAME_EVENT_AT] = EVENT_TOLD;
        assert!(!explained_away(&told, &nights, &offer, &nights, idf));
    }

    #[test]
    fn a_far_weaker_second_partner_is_taken_by_neither_side() {
        let cands = vec![
            // (0,0) and (1,2) each have a far better partner in the other's
            // report: the pair between them joins two different claims.
            cand((0, 0), (1, 0), 0.9),
            cand((0, 1), (1, 2), 0.95),
            cand((0, 0), (1, 2), 0.6),
            // (0,3) carries a second claim of (1,0): far below (1,0)'s best,
            // but (1,0) is the best (0,3) has in report 1.
            cand((0, 3), (1, 0), 0.7),
            // Within 0.05 of the best on a side: a near tie, kept.
            cand((0, 1), (1, 4), 0.92),
            cand((0, 5), (1, 4), 0.95),
        ];
        assert_eq!(
            pairs(&cands, &AlignOptions::default()),
            vec![
                ((0, 0), (1, 0)),
                ((0, 1), (1, 2)),
                ((0, 1), (1, 4)),
                ((0, 3), (1, 0)),
                ((0, 5), (1, 4))
            ]
        );
    }

    #[test]
    fn a_translation_links_and_a_shared_word_across_languages_does_not() {
        let lex = Lexicon::builtin();
        let en = [
            "On Saturday the government published Decree 4078, which exempts soldiers from criminal liability when they act in legitimate defence or a state of necessity during operations to restore order.",
            "Protest leaders said the security forces had fired on them.",
        ];
        let es = [
            "Este sábado se conoció el Decreto Supremo 4078, que exime de responsabilidad penal a los miembros de las Fuerzas Armadas que participen en operativos para el restablecimiento del orden.",
            "Las Seis Federaciones del Trópico anunciaron que mantendrán las movilizaciones.",
        ];
        let docs = vec![
            en.iter()
                .map(|t| sentence(t, "en", day(17), &lex))
                .collect(),
            es.iter()
                .map(|t| sentence(t, "es", day(17), &lex))
                .collect(),
        ];
        let matcher = Matcher::builtin();
        let idf = matcher.idf();
        let opts = AlignOptions::default();
        let links = select(candidates(&docs, idf, matcher, &opts, false), &opts);
        let pairs: Vec<_> = links.iter().map(|c| (c.a, c.b)).collect();
        // The decree, its number, the exemption, the prosecution and the
        // operations to restore order carry across; spelling and function
        // words do not, and no longer count against the pair.
        assert_eq!(pairs, vec![((0, 0), (1, 0))], "{links:?}");
        // Measured on the spelled words, the matcher would call the same
        // pair unrelated: the reason for re-measuring across languages.
        let (pa, pb) = (profile(&docs[0][0], idf), profile(&docs[1][0], idf));
        let mut f = crate::features::features_with(&docs[0][0], &pa, &docs[1][0], &pb, idf);
        let spelled = matcher.same_claim(&f);
        matcher.across_languages(&docs[0][0], &docs[1][0], &mut f);
        let remeasured = matcher.same_claim(&f);
        assert!(spelled < 0.3 && remeasured > 0.6, "{spelled} {remeasured}");
    }
}
