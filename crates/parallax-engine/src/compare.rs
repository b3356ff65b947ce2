//! The whole pipeline: reports in, one [`Comparison`] out.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::align::{self, Addr, AlignOptions, Candidate};
use crate::analyse::{self, SentenceAnalysis};
use crate::classify::{self, Side};
use crate::error::{Error, Result};
use crate::ingest::{self, Report};
use crate::lexicon::Lexicon;
use crate::matcher::Matcher;
use crate::model::*;

/// How many sentences "that afternoon" may reach back for the day it means.
const DAY_CONTEXT_SENTENCES: usize = 3;

/// Receives progress; the app sends it to the window, the CLI to a bar.
pub trait Progress: Sync {
    /// A stage advanced: `done` of `total` units.
    fn stage(&self, stage: &str, done: usize, total: usize);
    /// Whether the user asked to stop.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Counts work done by parallel workers, tells `progress` about every
/// `step`-th unit (so a channel to a window is not flooded), and answers
/// whether the user cancelled, checked every 64 units: cancelling takes
/// effect inside a stage, not only between stages.
pub(crate) struct Ticker<'a> {
    progress: &'a dyn Progress,
    stage: &'static str,
    total: usize,
    step: usize,
    done: std::sync::atomic::AtomicUsize,
    stop: std::sync::atomic::AtomicBool,
}

impl<'a> Ticker<'a> {
    pub(crate) fn new(progress: &'a dyn Progress, stage: &'static str, total: usize) -> Self {
        Ticker {
            progress,
            stage,
            total,
            // About fifty updates a stage.
            step: (total / 50).max(1),
            done: Default::default(),
            stop: Default::default(),
        }
    }

    /// One unit done. Returns true when the work should stop.
    pub(crate) fn tick(&self) -> bool {
        self.tick_n(1)
    }

    /// `k` units done. Returns true when the work should stop.
    fn tick_n(&self, k: usize) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        if self.stop.load(Relaxed) {
            return true;
        }
        let n = self.done.fetch_add(k, Relaxed) + k;
        // Whether the count passed a multiple of `every` on its way to `n`.
        let passed = |every: usize| (n - k) / every != n / every;
        if passed(self.step) || n == self.total {
            self.progress
                .stage(self.stage, n.min(self.total), self.total);
        }
        if passed(64) && self.progress.cancelled() {
            self.stop.store(true, Relaxed);
            return true;
        }
        false
    }

    /// A counter for one worker's share of the units (rayon's `map_init`),
    /// which adds to the shared count every [`LocalTicker::BATCH`] units
    /// and when dropped. Hundreds of thousands of pairs each adding one to
    /// a counter that both cores write kept moving it between them.
    pub(crate) fn local(&self) -> LocalTicker<'_, 'a> {
        LocalTicker {
            ticker: self,
            pending: 0,
        }
    }
}

/// See [`Ticker::local`].
pub(crate) struct LocalTicker<'t, 'a> {
    ticker: &'t Ticker<'a>,
    pending: usize,
}

impl LocalTicker<'_, '_> {
    /// Units counted here before they are added to the shared count.
    const BATCH: usize = 32;

    /// One unit done. Returns true when the work should stop.
    pub(crate) fn tick(&mut self) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        self.pending += 1;
        if self.pending == Self::BATCH {
            self.pending = 0;
            return self.ticker.tick_n(Self::BATCH);
        }
        self.ticker.stop.load(Relaxed)
    }
}

impl Drop for LocalTicker<'_, '_> {
    fn drop(&mut self) {
        if self.pending > 0 {
            self.ticker.tick_n(self.pending);
        }
    }
}

/// Progress that goes nowhere.
pub struct NoProgress;
impl Progress for NoProgress {
    fn stage(&self, _: &str, _: usize, _: usize) {}
}

/// Comparison options, with documented defaults. Build with the methods.
#[derive(Debug, Clone)]
pub struct Options {
    /// Topic folders or files to load (default: none).
    pub topics: Vec<PathBuf>,
    /// Alignment settings (default: [`AlignOptions::default`]).
    pub align: AlignOptions,
    /// Look for contradictions inside each report (default: true).
    pub internal: bool,
    /// Soft deadline: past it, optional stages (internal contradictions,
    /// quote diffs) are skipped and the result is still valid. Default: none.
    pub deadline: Option<Duration>,
    /// Fixed creation time, for reproducible output (default: now).
    pub created: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            topics: Vec::new(),
            align: AlignOptions::default(),
            internal: true,
            deadline: None,
            created: None,
        }
    }
}

impl Options {
    /// Add a topic folder or file.
    pub fn topic(mut self, path: impl Into<PathBuf>) -> Self {
        self.topics.push(path.into());
        self
    }
    /// Set the same-claim threshold for links.
    pub fn threshold(mut self, t: f64) -> Self {
        self.align.threshold = t;
        self
    }
    /// Set a soft deadline.
    pub fn deadline(mut self, d: Duration) -> Self {
        self.deadline = Some(d);
        self
    }
    /// Fix the creation time (for snapshots and reproducible files).
    pub fn created(mut self, c: impl Into<String>) -> Self {
        self.created = Some(c.into());
        self
    }
}

/// Compare texts given as `(name, text)` pairs (plain text or Markdown with
/// front matter). Convenient for tests and examples.
pub fn compare_texts(texts: &[(&str, &str)], opts: &Options) -> Result<Comparison> {
    let reports = texts
        .iter()
        .map(|(n, t)| ingest::from_bytes(n, t.as_bytes(), None, &ingest::IngestOptions::default()))
        .collect::<Result<Vec<_>>>()?;
    compare(reports, opts, &NoProgress)
}

/// Load the lexicon: built-in data plus the option's topics.
pub fn lexicon(opts: &Options) -> Result<(Lexicon, Vec<String>)> {
    let mut lex = Lexicon::builtin();
    let mut names = Vec::new();
    for t in &opts.topics {
        names.push(crate::topic::load(t, &mut lex)?);
    }
    Ok((lex, names))
}

/// Language of a report: its metadata, else detected.
pub fn report_language(r: &Report) -> String {
    match r.meta.language.as_deref().map(|l| l.to_ascii_lowercase()) {
        Some(l) if l.starts_with("es") => "es".into(),
        Some(l) if l.starts_with("en") => "en".into(),
        _ => crate::train::detect_lang(&r.text.chars().take(4000).collect::<String>()).to_string(),
    }
}

struct Prepared {
    id: String,
    /// Place in the user's order of inputs.
    pos: usize,
    /// SHA-256 of the text, hex.
    sha256: String,
    report: Report,
    lang: String,
    sentences: Vec<(crate::segment::Segment, SentenceAnalysis)>,
}

/// Compare reports. At least two are needed.
pub fn compare(
    reports: Vec<Report>,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Comparison> {
    let started = Instant::now();
    if reports.len() < 2 {
        return Err(Error::TooFew(reports.len()));
    }
    let (lex, topic_names) = lexicon(opts)?;
    let matcher = Matcher::builtin();

    // Stable ids, independent of input order: reports sorted by name, then
    // by content. Each text is hashed once (it was hashed in every
    // comparison of the sort, and again for every report in the user's
    // order).
    let mut reports: Vec<(usize, String, Report)> = reports
        .into_iter()
        .enumerate()
        .map(|(pos, r)| (pos, sha256(&r.text), r))
        .collect();
    reports.sort_by_cached_key(|(_, hash, r)| (ingest::slug(&r.path), hash.clone()));
    let mut taken: HashSet<String> = HashSet::new();
    let mut prepared: Vec<(usize, String, String, Report)> = Vec::new();
    for (pos, hash, r) in reports {
        let base = ingest::slug(&r.path);
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        prepared.push((pos, hash, id, r));
    }

    // Segment and analyse.
    let total = prepared.len();
    let analysed = Ticker::new(progress, "analyse", total);
    let docs: Vec<Prepared> = prepared
        .into_par_iter()
        .map(|(pos, sha256, id, report)| {
            // Once cancelled, the remaining reports are not analysed.
            let skip = analysed.stop.load(std::sync::atomic::Ordering::Relaxed);
            let lang = report_language(&report);
            let anchor = doc_date(&report);
            let segs = if skip {
                Vec::new()
            } else {
                crate::segment::segment(&report.text, &lang)
            };
            // The last day named, for "that afternoon" in later sentences;
            // it lapses after a few sentences without a date.
            let mut day: Option<(usize, analyse::DateMention)> = None;
            let sentences = segs
                .into_iter()
                .enumerate()
                .map(|(i, seg)| {
                    let t = &report.text[seg.span.start..seg.span.end];
                    let context = day
                        .as_ref()
                        .filter(|(at, _)| i - at <= DAY_CONTEXT_SENTENCES)
                        .map(|(_, m)| m);
                    let a = analyse::sentence_in_context(t, &lang, anchor, context, &lex);
                    if let Some(m) = a.dates.iter().rev().find(|m| m.is_day()) {
                        day = Some((i, m.clone()));
                    }
                    (seg, a)
                })
                .collect();
            analysed.tick();
            Prepared {
                id,
                pos,
                sha256,
                report,
                lang,
                sentences,
            }
        })
        .collect();
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }
    // The analyses move out of the prepared reports (which keep the
    // segments): one copy of them, not two.
    let mut docs = docs;
    let mut analyses: Vec<Vec<SentenceAnalysis>> = docs
        .iter_mut()
        .map(|d| {
            d.sentences
                .iter_mut()
                .map(|s| std::mem::take(&mut s.1))
                .collect()
        })
        .collect();
    unify_names(&mut analyses);

    // Align and classify.
    let idf = matcher.idf();
    // Equal analyses (wire copy) share a class: align, classify and the
    // internal pass all work once per pair of classes.
    let class = align::classes(&analyses);
    let index = align::Index::new(&analyses, idf);
    let cands = align::candidates_watched(
        &analyses,
        &index,
        &class,
        idf,
        matcher,
        &opts.align,
        false,
        progress,
    );
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }
    let over = |opts: &Options| opts.deadline.is_some_and(|d| started.elapsed() > d);
    // Pairs within one report, for its contradictions with itself: found
    // now, while the index is at hand, and the index then freed before the
    // links are built (when memory peaks).
    let mut iopts = opts.align.clone();
    iopts.threshold = opts.align.threshold.max(0.5);
    let internal_cands = (opts.internal && !over(opts)).then(|| {
        align::candidates_watched(
            &analyses,
            &index,
            &class,
            idf,
            matcher,
            &iopts,
            true,
            &NoProgress,
        )
    });
    drop(index);
    // A sentence that restates what a report says describes that claim
    // without making it: it links only to other restatements (two fact
    // checks of one report), never to the claim (see
    // `analyse::restates_a_report`).
    let restating: Vec<Vec<bool>> = analyses
        .iter()
        .map(|d| d.iter().map(crate::analyse::restates_a_report).collect())
        .collect();
    let restates = |(d, s): Addr| restating[d][s];
    let mut cands = cands;
    cands.retain(|c| restates(c.a) == restates(c.b));
    // A pair only one side takes, whose other side has a better partner in
    // the taker's report that already gives what the two share, is dropped
    // (see `align::select_with`).
    let selected = align::select_with(cands, &opts.align, |c, other, taker, better| {
        align::explained_away(
            &c.features,
            &analyses[other.0][other.1],
            &analyses[taker.0][taker.1],
            &analyses[better.0][better.1],
            idf,
        )
    });
    // Each report's name, once: the links' shared reasons hold it.
    let names: Vec<std::sync::Arc<str>> = docs
        .iter()
        .map(|d| display_name(&d.id, &d.report.meta).into())
        .collect();
    // Each report's date, read once (every link's two sides need it).
    let doc_dates: Vec<Option<NaiveDate>> = docs.iter().map(|p| doc_date(&p.report)).collect();
    let start = |(d, s): (usize, usize)| docs[d].sentences[s].0.span.start;
    let side = |at: (usize, usize)| {
        Side::new(
            &analyses[at.0][at.1],
            start(at),
            &names[at.0],
            doc_dates[at.0],
        )
    };
    // Each sentence's id, once: every link of the sentence shares it.
    let ids: Vec<Vec<std::sync::Arc<str>>> = docs
        .iter()
        .map(|p| {
            (0..p.sentences.len())
                .map(|i| sentence_id(&p.id, i).into())
                .collect()
        })
        .collect();
    let make_link_with =
        |c: &Candidate, detail: &Detail, evidence: std::sync::Arc<[Contribution]>| {
            let (relation, reasons, diff) = match detail {
                Detail::Template(t) => t.place(
                    (start(c.a), start(c.b)),
                    (names[c.a.0].clone(), names[c.b.0].clone()),
                ),
                Detail::Tokens(tokens) => {
                    let (r, reasons, diff) =
                        classify::classify_with(side(c.a), side(c.b), &lex, tokens);
                    (r, reasons.into(), diff.into())
                }
            };
            Link {
                a: std::sync::Arc::clone(&ids[c.a.0][c.a.1]),
                b: std::sync::Arc::clone(&ids[c.b.0][c.b.1]),
                relation,
                score: round3(c.same),
                paraphrase: round3(c.paraphrase),
                reasons,
                evidence,
                diff,
            }
        };
    // Each sentence's telling units, which the evidence quotes: found once,
    // not once for each of the sentence's links.
    let units: Vec<Vec<Vec<crate::features::Unit>>> = analyses
        .par_iter()
        .map(|d| d.iter().map(crate::features::units).collect())
        .collect();
    // The word diff and the matcher's evidence depend on the two analyses
    // alone: computed once per pair of equal analyses (wire copy), shared by
    // every link between copies of the same two sentences.
    let shared_parts = |c: &Candidate| {
        let (a, b) = (&analyses[c.a.0][c.a.1], &analyses[c.b.0][c.b.1]);
        let evidence = matcher.explain_with(
            &c.features,
            (a, &units[c.a.0][c.a.1]),
            (b, &units[c.b.0][c.b.1]),
            4,
        );
        (
            classify::token_diff(a, b),
            std::sync::Arc::<[Contribution]>::from(evidence),
        )
    };
    let make_link = |c: &Candidate| -> Link {
        let (tokens, evidence) = shared_parts(c);
        make_link_with(c, &Detail::Tokens(tokens), evidence)
    };
    let bar = opts.align.contradiction;
    let (unique, of_pair) = align::unique_pairs(selected.iter().map(|c| (c.a, c.b)), &class);
    let classified = Ticker::new(progress, "classify", unique.len() + selected.len());
    // One entry per distinct pair, in order (`None` once cancelled). The
    // classification too depends on the two analyses alone, but for where
    // the sentences sit and what their reports are called (and, rarely, the
    // reports' dates): it is made once here as a template and placed for
    // each link.
    let parts: Vec<Option<_>> = unique
        .par_iter()
        .map_init(
            || classified.local(),
            |ticker, &i| {
                (!ticker.tick()).then(|| {
                    let c = &selected[i];
                    let (tokens, evidence) = shared_parts(c);
                    let template = classify::Template::new(
                        &analyses[c.a.0][c.a.1],
                        doc_dates[c.a.0],
                        &analyses[c.b.0][c.b.1],
                        doc_dates[c.b.0],
                        &lex,
                        &tokens,
                    );
                    // One event, whatever the places say: something else pins it,
                    // or the place is the one thing changed (a copy edited).
                    let anchored = crate::features::anchored(&c.features)
                        || tokens
                            .only_place_edited(&analyses[c.a.0][c.a.1], &analyses[c.b.0][c.b.1]);
                    let in_passing = align::event_in_passing_only(
                        matcher,
                        &c.features,
                        || {
                            crate::features::fitted_pair(
                                &analyses[c.a.0][c.a.1],
                                &analyses[c.b.0][c.b.1],
                                idf,
                                &c.features,
                            )
                        },
                        opts.align.threshold,
                    );
                    let detail = match template {
                        Some(t) => Detail::Template(t),
                        None => Detail::Tokens(tokens),
                    };
                    (detail, evidence, anchored, in_passing)
                })
            },
        )
        .collect();
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }
    // The feature vectors have served (scores and evidence are computed):
    // free them before the links are built, which is when memory peaks.
    // Every candidate then holds the one empty vector.
    let served: std::sync::Arc<[f64]> = std::sync::Arc::from(Vec::new());
    let selected: Vec<Candidate> = selected
        .into_iter()
        .map(|c| Candidate {
            features: std::sync::Arc::clone(&served),
            ..c
        })
        .collect();
    // Links in the order of their sentence ids (report id as text, then
    // sentence number), from each report's rank by id: one number per link
    // (reports and sentences number far fewer than 2^32 each).
    let mut by_id: Vec<usize> = (0..docs.len()).collect();
    by_id.sort_by(|&x, &y| docs[x].id.cmp(&docs[y].id));
    let mut id_rank = vec![0usize; docs.len()];
    for (r, &d) in by_id.iter().enumerate() {
        id_rank[d] = r;
    }
    let key = |a: Addr, b: Addr| {
        let n = |x: usize| x as u128 & 0xffff_ffff;
        n(id_rank[a.0]) << 96 | n(a.1) << 64 | n(id_rank[b.0]) << 32 | n(b.1)
    };
    let keys: Vec<u128> = selected.iter().map(|c| key(c.a, c.b)).collect();
    // One slot per selected pair, each written where it belongs (a filtered
    // parallel iterator gathers pieces and copies them into a second
    // vector: at 100 reports that held 300,000 links twice), then the
    // empty slots dropped.
    let slots: Vec<Option<Link>> = selected
        .par_iter()
        .zip(of_pair.par_iter())
        .map_init(
            || classified.local(),
            |ticker, (c, &u)| {
                if ticker.tick() {
                    return None;
                }
                let (detail, evidence, anchored, in_passing) = parts[u].as_ref()?;
                let l = make_link_with(c, detail, evidence.clone());
                // A conflict needs the same event first; a quotation both
                // sentences share for the most part is that evidence by itself
                // ("the sneakiest, most nefarious coup in history" against "the
                // most treacherous and nefarious coup in history").
                let kept = l.relation != Relation::Contradict
                    || c.same >= bar
                    || l.reasons
                        .iter()
                        .any(|r| r.kind == ReasonKind::QuoteWording && r.conflict);
                // Two places and nothing else pinning one event: two events
                // (see `features::anchored`).
                let two_places =
                    !*anchored && l.reasons.iter().any(|r| r.kind == ReasonKind::Place);
                // An event one sentence only mentions in passing ("after
                // Morales resigned"), and nothing else shared: linked only when
                // the two give a detail of it (a day, a count, a place) to set
                // side by side ("began last week, when Morales resigned").
                let detail = l.reasons.iter().any(|r| {
                    matches!(
                        r.kind,
                        ReasonKind::Date | ReasonKind::Number | ReasonKind::Place
                    )
                });
                let mention = *in_passing && !detail;
                (kept && !two_places && !mention).then_some(l)
            },
        )
        .collect();
    drop(parts);
    // Sorted in place, the empty slots last and cut off, then unwrapped in
    // place: no second vector of links at the moment memory peaks.
    let mut order: Vec<usize> = (0..slots.len()).collect();
    // (The keys are distinct, so the parallel sort's order is the only one.)
    order.par_sort_unstable_by_key(|&i| (slots[i].is_none(), keys[i]));
    let mut links = slots;
    permute(&mut links, &order);
    links.truncate(
        links
            .iter()
            .position(Option::is_none)
            .unwrap_or(links.len()),
    );
    if progress.cancelled() {
        return Err(Error::Cancelled);
    }
    let link_addrs: Vec<(Addr, Addr)> = order[..links.len()]
        .iter()
        .map(|&i| (selected[i].a, selected[i].b))
        .collect();
    drop((order, keys));
    // (All are `Some` now; `map_while` reuses the vector, where `flatten`
    // copied it.)
    let links: Vec<Link> = links.into_iter().map_while(|l| l).collect();
    // The scored pairs and the shared parts are in the links now.
    drop((of_pair, selected));

    // Contradictions inside one report.
    let mut internal = Vec::new();
    if let Some(cands) = internal_cands {
        // A report contradicts itself only when it says two incompatible
        // things about one event in its own voice: both sentences must be
        // about the same event, and neither may report what someone else
        // said (a fact-check restating a claim, or "X said... Y said...").
        let event = crate::features::NAMES
            .iter()
            .position(|n| *n == "same_event");
        let own_voice = |(d, s): (usize, usize)| !attributed(&analyses[d][s]);
        for c in cands.iter().filter(|c| {
            c.same >= iopts.threshold.max(bar)
                && event.is_some_and(|i| c.features[i] > 0.0)
                && own_voice(c.a)
                && own_voice(c.b)
        }) {
            let l = make_link(c);
            // A day the report itself carried over ("that day") is the
            // writer's own sequencing: against another of its dates it tells
            // of two events, not of one event on two days.
            let carried = |(d, s): (usize, usize), span: &Span| {
                let off = docs[d].sentences[s].0.span.start;
                analyses[d][s]
                    .dates
                    .iter()
                    .any(|m| m.anaphoric && m.span.offset(off) == *span)
            };
            let only_carried_days = l.reasons.iter().filter(|r| r.conflict).all(|r| {
                r.kind == ReasonKind::Date
                    && (r.a_spans.iter().any(|x| carried(c.a, x))
                        || r.b_spans.iter().any(|x| carried(c.b, x)))
            });
            if l.relation == Relation::Contradict && !only_carried_days {
                internal.push(l);
            }
        }
        // An undated report whose time words need two publication dates.
        let pairs: Vec<_> = link_addrs
            .iter()
            .zip(&links)
            .map(|(&(a, b), l)| (a, b, l.score))
            .collect();
        let langs: Vec<String> = docs.iter().map(|p| p.lang.clone()).collect();
        for c in crate::dating::undated_conflicts(&doc_dates, &langs, &analyses, &pairs, |a| {
            !attributed(&analyses[a.0][a.1])
        }) {
            let l = dating_link(&c, &docs, &analyses, &names);
            match internal.iter_mut().find(|x| x.a == l.a && x.b == l.b) {
                Some(x) => {
                    x.relation = Relation::Contradict;
                    x.reasons = x.reasons.iter().chain(l.reasons.iter()).collect();
                }
                None => internal.push(l),
            }
        }
        internal.sort_by_key(|l| sort_key(&l.a, &l.b));
    }

    // Build documents in the user's order.
    let mut documents: Vec<(usize, Document)> = docs
        .iter()
        .enumerate()
        .map(|(d, p)| {
            let sentences = p
                .sentences
                .iter()
                .enumerate()
                .map(|(i, (seg, _))| Sentence {
                    id: sentence_id(&p.id, i),
                    index: i,
                    paragraph: seg.paragraph,
                    start: seg.span.start,
                    end: seg.span.end,
                    text: p.report.text[seg.span.start..seg.span.end].to_string(),
                    marks: marks(&analyses[d][i], seg.span.start),
                })
                .collect();
            (
                p.pos,
                Document {
                    id: p.id.clone(),
                    path: p.report.path.clone(),
                    source: p.report.source,
                    meta: p.report.meta.clone(),
                    language: p.lang.clone(),
                    sha256: p.sha256.clone(),
                    text: p.report.text.clone(),
                    fetch: p.report.fetch.clone(),
                    sentences,
                },
            )
        })
        .collect();
    documents.sort_by_key(|(pos, _)| *pos);
    let documents: Vec<Document> = documents.into_iter().map(|(_, d)| d).collect();

    // Each link's two sentences by their dense number in the documents'
    // order (the user's: a report's place there is `pos`), from the
    // addresses the links were built from: no lookup of ids as text.
    let first: Vec<usize> = documents
        .iter()
        .scan(0, |n, doc| {
            let at = *n;
            *n += doc.sentences.len();
            Some(at)
        })
        .collect();
    let dense = |(d, s): Addr| first[docs[d].pos] + s;
    let ends: Vec<(usize, usize)> = link_addrs
        .iter()
        .map(|&(a, b)| (dense(a), dense(b)))
        .collect();
    let clusters = clusters(&documents, &links, &ends);
    drop(ends);
    let mut linked: Vec<Vec<bool>> = analyses.iter().map(|d| vec![false; d.len()]).collect();
    for &(a, b) in &link_addrs {
        linked[a.0][a.1] = true;
        linked[b.0][b.1] = true;
    }
    let doc_index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(d, p)| (p.id.as_str(), d))
        .collect();
    let mut unique: Vec<String> = Vec::new();
    for doc in &documents {
        let Some(&d) = doc_index.get(doc.id.as_str()) else {
            continue;
        };
        for s in &doc.sentences {
            if !linked[d].get(s.index).copied().unwrap_or(true) {
                unique.push(s.id.clone());
            }
        }
    }

    let quotes = if over(opts) {
        Vec::new()
    } else {
        quote_matches(&docs, &analyses, &links, &link_addrs)
    };
    let framing = docs
        .iter()
        .enumerate()
        .flat_map(|(d, p)| {
            let analyses = &analyses;
            p.sentences
                .iter()
                .enumerate()
                .flat_map(move |(i, (seg, _))| {
                    analyses[d][i].framing.iter().map(move |f| FramingUse {
                        sentence: sentence_id(&p.id, i),
                        span: f.span.offset(seg.span.start),
                        concept: f.concept.clone(),
                        family: f.family.clone(),
                        voice: f.voice,
                    })
                })
        })
        .collect();

    Ok(Comparison {
        schema: SCHEMA.to_string(),
        generator: Generator {
            name: "parallax".into(),
            version: crate::VERSION.into(),
            created: opts
                .created
                .clone()
                .unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        },
        documents,
        links,
        internal,
        clusters,
        unique,
        quotes,
        framing,
        topics: topic_names,
    })
}

/// Reorder `items` in place so that position `i` holds what was at
/// `order[i]` (`order` a permutation), cycle by cycle: no second vector.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// How the links between copies of one pair of sentences get their
/// relation, reasons and diff.
enum Detail {
    /// Placed from the classification made for the first of them.
    Template(classify::Template),
    /// Classified one by one from the pair's word diff (the classification
    /// depended on the reports' dates).
    Tokens(classify::TokenDiff),
}

/// A report's publication date, when it has a valid one.
fn doc_date(r: &Report) -> Option<NaiveDate> {
    r.meta
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// The internal link for two time expressions of an undated report that no
/// publication date fits, with the counterparts that date each one.
fn dating_link(
    c: &crate::dating::Conflict,
    docs: &[Prepared],
    analyses: &[Vec<SentenceAnalysis>],
    names: &[std::sync::Arc<str>],
) -> Link {
    let side = |(d, s): (usize, usize)| {
        Side::new(
            &analyses[d][s],
            docs[d].sentences[s].0.span.start,
            &names[d],
            None,
        )
    };
    let part = |x: &crate::dating::Dated| {
        let m = &analyses[x.at.0][x.at.1].dates[x.mention];
        let ((wd, ws), wj, _) = x.witness;
        let event = analyses[wd][ws].dates[wj].describe();
        let (first, last) = x.range();
        let when = if first == last {
            first.format("%-d %b %Y").to_string()
        } else {
            crate::analyse::dates::day_range(first, last)
        };
        let text = &analyses[x.at.0][x.at.1].text[m.span.start..m.span.end];
        (
            m.span.offset(docs[x.at.0].sentences[x.at.1].0.span.start),
            format!(
                "'{text}' fits a report written {when} ({} dates it {event})",
                names[wd]
            ),
        )
    };
    let (sa, ea) = part(&c.a);
    let (sb, eb) = part(&c.b);
    let (diff, _) = classify::word_diff(side(c.a.at), side(c.b.at));
    Link {
        a: sentence_id(&docs[c.a.at.0].id, c.a.at.1).into(),
        b: sentence_id(&docs[c.b.at.0].id, c.b.at.1).into(),
        relation: Relation::Contradict,
        score: round3(c.a.witness.2.min(c.b.witness.2)),
        paraphrase: 0.0,
        reasons: Reasons::from(vec![Reason {
            kind: ReasonKind::Date,
            conflict: true,
            a_spans: vec![sa],
            b_spans: vec![sb],
            explanation: format!(
                "{} has no date: {ea}; {eb}. No one date fits both.",
                names[c.a.at.0]
            ),
        }]),
        evidence: Default::default(),
        diff: diff.into(),
    }
}

/// Whether a sentence reports someone else's words.
fn attributed(s: &SentenceAnalysis) -> bool {
    const CUES: &[&str] = &[
        "said",
        "says",
        "say",
        "according",
        "told",
        "claimed",
        "claims",
        "alleged",
        "report",
        "dijo",
        "segun",
        "afirmo",
        "aseguro",
        "declaro",
        "denuncio",
        "senalo",
        "informo",
    ];
    !s.quotes.is_empty() || s.tokens.iter().any(|t| CUES.contains(&t.fold.as_str()))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn sort_key(a: &str, b: &str) -> (String, usize, String, usize) {
    let (da, ia) = split_sentence_id(a).unwrap_or((a, 0));
    let (db, ib) = split_sentence_id(b).unwrap_or((b, 0));
    (da.to_string(), ia, db.to_string(), ib)
}

/// SHA-256 of a text, hex.
pub fn sha256(text: &str) -> String {
    let h = Sha256::digest(text.as_bytes());
    h.iter().map(|b| format!("{b:02x}")).collect()
}

fn display_name(id: &str, meta: &Metadata) -> String {
    meta.outlet
        .clone()
        .filter(|o| !o.trim().is_empty() && o != "Unknown")
        .or_else(|| meta.title.clone().filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| id.to_string())
}

/// A one-word name ("Kaliman") that is the last word of exactly one longer
/// name in the corpus ("Williams Kaliman") is that person; so is a
/// capitalised word that opens a sentence ("Morales resigned on Monday") when
/// the corpus names it in mid-sentence (see [`opening_names`]).
fn unify_names(docs: &mut [Vec<SentenceAnalysis>]) {
    // Titles and demonyms before a name are not part of it:
    // "Bolivian President Evo Morales" is "Evo Morales".
    const TITLES: &[&str] = &[
        "president",
        "presidente",
        "presidenta",
        "general",
        "gen",
        "gral",
        "minister",
        "ministro",
        "ministra",
        "senator",
        "senador",
        "senadora",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sr",
        "sra",
        "former",
        "vice",
        "commander",
        "comandante",
        "chief",
        "judge",
        "juez",
        "mayor",
        "alcalde",
        "gov",
        "governor",
        "gobernador",
        "interim",
        "defence",
        "defense",
        "foreign",
        "police",
        "army",
    ];
    let core = |id: &str| -> String {
        let words: Vec<&str> = id[5..].split(' ').collect();
        let mut k = 0;
        while k + 2 <= words.len()
            && (TITLES.contains(&words[k])
                || (words[k].len() > 4
                    && (words[k].ends_with("ian")
                        || words[k].ends_with("ean")
                        || words[k].ends_with("ese"))))
        {
            k += 1;
        }
        format!("name:{}", words[k..].join(" "))
    };
    for e in docs
        .iter_mut()
        .flatten()
        .flat_map(|s| s.entities.iter_mut())
    {
        if e.id.starts_with("name:") {
            e.id = core(&e.id);
        }
    }
    // A one-word name ("Kaliman") that is the last word of exactly one longer
    // name in the corpus ("Williams Kaliman") is that person.
    let mut by_last: HashMap<String, HashSet<String>> = HashMap::new();
    for s in docs.iter().flatten() {
        for e in s.entities.iter().filter(|e| e.id.starts_with("name:")) {
            let words: Vec<&str> = e.id[5..].split(' ').collect();
            if words.len() > 1 {
                if let Some(last) = words.last() {
                    by_last
                        .entry((*last).to_string())
                        .or_default()
                        .insert(e.id.clone());
                }
            }
        }
    }
    for e in docs
        .iter_mut()
        .flatten()
        .flat_map(|s| s.entities.iter_mut())
    {
        if e.id.starts_with("name:") && !e.id[5..].contains(' ') {
            if let Some(full) = by_last
                .get(&e.id[5..])
                .filter(|v| v.len() == 1)
                .and_then(|v| v.iter().next())
            {
                e.id = full.clone();
            }
        }
    }
    opening_names(docs);
}

/// A sentence's first word is capitalised whatever it is, so the analysis of
/// one sentence does not take a single capitalised word there for a name
/// ("Police said...", "Nor did..."). The corpus can tell: a word it names in
/// mid-sentence, alone ("Morales") or as the last word of exactly one
/// longer name ("Evo Morales"), is that name where it opens a sentence too.
/// Without a topic file this is what makes "Morales resigned on Monday" and
/// "Evo Morales resigned on Sunday" name the same person.
fn opening_names(docs: &mut [Vec<SentenceAnalysis>]) {
    // Last word of each found name -> the names it ends.
    let mut ends: HashMap<String, HashSet<String>> = HashMap::new();
    for s in docs.iter().flatten() {
        for e in s.entities.iter().filter(|e| e.id.starts_with("name:")) {
            if let Some(t) = e.tokens.1.checked_sub(1).and_then(|i| s.tokens.get(i)) {
                ends.entry(t.fold.clone()).or_default().insert(e.id.clone());
            }
        }
    }
    for s in docs.iter_mut().flatten() {
        let mut found = Vec::new();
        for (i, t) in s.tokens.iter().enumerate() {
            let opens = i == 0
                || s.text[..t.span.start]
                    .trim_end()
                    .ends_with(['.', '"', '“', '¿', '¡', ':']);
            if !opens || !t.cap || t.stop || t.numeric {
                continue;
            }
            if s.entities.iter().any(|e| e.tokens.0 <= i && i < e.tokens.1) {
                continue;
            }
            let Some(id) = ends
                .get(&t.fold)
                .filter(|ids| ids.len() == 1)
                .and_then(|ids| ids.iter().next())
            else {
                continue;
            };
            found.push(crate::analyse::EntityMention {
                span: t.span,
                id: id.clone(),
                name: t.text.clone(),
                kind: crate::model::MarkKind::Name,
                weak: false,
                locative: false,
                negated: false,
                tokens: (i, i + 1),
            });
        }
        if !found.is_empty() {
            s.entities.extend(found);
            s.entities.sort_by_key(|e| e.tokens.0);
        }
    }
}

fn marks(a: &SentenceAnalysis, offset: usize) -> Vec<Mark> {
    let mut m = Vec::new();
    for e in &a.entities {
        m.push(Mark {
            kind: e.kind,
            span: e.span.offset(offset),
            value: e.name.clone(),
        });
    }
    for q in &a.numbers {
        m.push(Mark {
            kind: MarkKind::Number,
            span: q.span.offset(offset),
            value: format!(
                "{}{}",
                q.describe(),
                q.counted
                    .as_ref()
                    .map(|c| format!(" {c}"))
                    .unwrap_or_default()
            ),
        });
    }
    for d in &a.dates {
        m.push(Mark {
            kind: MarkKind::Date,
            span: d.span.offset(offset),
            value: d.describe(),
        });
    }
    for q in &a.quotes {
        m.push(Mark {
            kind: MarkKind::Quote,
            span: q.span.offset(offset),
            value: q.speaker.as_ref().map(|s| s.1.clone()).unwrap_or_default(),
        });
    }
    for n in &a.negations {
        m.push(Mark {
            kind: MarkKind::Negation,
            span: n.offset(offset),
            value: String::new(),
        });
    }
    for h in &a.hedges {
        m.push(Mark {
            kind: MarkKind::Hedge,
            span: h.offset(offset),
            value: String::new(),
        });
    }
    for f in &a.framing {
        m.push(Mark {
            kind: MarkKind::Framing,
            span: f.span.offset(offset),
            value: f.concept.clone(),
        });
    }
    for r in &a.ranks {
        m.push(Mark {
            kind: MarkKind::Rank,
            span: r.span.offset(offset),
            value: r.rank.to_string(),
        });
    }
    m.sort_by_key(|x| (x.span.start, x.span.end));
    m
}

/// Story points: groups of linked sentences, at most one per report. Each
/// link's two sentences are given by `ends`, their dense numbers (a
/// sentence's place among all the documents' sentences, in the documents'
/// order).
fn clusters(documents: &[Document], links: &[Link], ends: &[(usize, usize)]) -> Vec<Cluster> {
    // Story points: at most one sentence per report, grown greedily from the
    // strongest links down; two groups merge only when no report would then
    // appear twice. Plain union over links chains a whole story into one
    // group, because every report restates the last one a little.
    //
    // Every sentence has a dense number (its place in the documents), given
    // for each link end by the caller, so the work per link is array
    // indexing, not a lookup of two ids as text (at 100 reports this stage
    // handles about 300,000 links).
    let all: Vec<(usize, &Sentence)> = documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| doc.sentences.iter().map(move |s| (d, s)))
        .collect();
    // Ties between equally strong links are broken by the ids as text, as
    // they always were: each sentence's rank in that order.
    let mut by_text: Vec<usize> = (0..all.len()).collect();
    by_text.sort_by(|&x, &y| all[x].1.id.cmp(&all[y].1.id));
    let mut text_rank = vec![0usize; all.len()];
    for (r, &n) in by_text.iter().enumerate() {
        text_rank[n] = r;
    }
    // Sorted on both cores (a stable sort, so the order is the one a
    // single thread gives): about 300,000 links at 100 reports, and this
    // sort was the largest step the main thread took alone.
    let mut sorted: Vec<usize> = (0..links.len()).collect();
    sorted.par_sort_by(|&x, &y| {
        let (ex, ey) = (ends[x], ends[y]);
        links[y].score.total_cmp(&links[x].score).then_with(|| {
            (text_rank[ex.0], text_rank[ex.1]).cmp(&(text_rank[ey.0], text_rank[ey.1]))
        })
    });
    const NONE: usize = usize::MAX;
    let mut group_of: Vec<usize> = vec![NONE; all.len()];
    let mut groups_v: Vec<Vec<usize>> = Vec::new();
    // The documents of each group, sorted: at most one sentence per report.
    let mut docs_v: Vec<Vec<usize>> = Vec::new();
    let disjoint = |x: &[usize], y: &[usize]| {
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return false,
            }
        }
        true
    };
    for i in sorted {
        let (a, b) = ends[i];
        let (da, db) = (all[a].0, all[b].0);
        match (group_of[a], group_of[b]) {
            (NONE, NONE) => {
                let g = groups_v.len();
                groups_v.push(vec![a, b]);
                let mut ds = vec![da, db];
                ds.sort_unstable();
                ds.dedup();
                docs_v.push(ds);
                group_of[a] = g;
                group_of[b] = g;
            }
            (g, NONE) | (NONE, g) => {
                let (new, d) = if group_of[a] == NONE {
                    (a, da)
                } else {
                    (b, db)
                };
                if let Err(at) = docs_v[g].binary_search(&d) {
                    docs_v[g].insert(at, d);
                    groups_v[g].push(new);
                    group_of[new] = g;
                }
            }
            (x, y) if x != y && disjoint(&docs_v[x], &docs_v[y]) => {
                let (keep, gone) = (x.min(y), x.max(y));
                let moved = std::mem::take(&mut groups_v[gone]);
                let moved_docs = std::mem::take(&mut docs_v[gone]);
                for &m in &moved {
                    group_of[m] = keep;
                }
                groups_v[keep].extend(moved);
                docs_v[keep].extend(moved_docs);
                docs_v[keep].sort_unstable();
            }
            _ => {}
        }
    }
    // Groups of two or more, renumbered; each link filed under its group in
    // one pass.
    let mut renumber = vec![NONE; groups_v.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (g, members) in groups_v.into_iter().enumerate() {
        if members.len() > 1 {
            renumber[g] = groups.len();
            groups.push(members);
        }
    }
    let mut inner_of: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (i, &(a, _)) in ends.iter().enumerate() {
        if group_of[a] != NONE && renumber[group_of[a]] != NONE {
            inner_of[renumber[group_of[a]]].push(i);
        }
    }
    let mut degree = vec![0usize; all.len()];
    let mut out: Vec<(usize, Cluster)> = groups
        .into_iter()
        .zip(inner_of)
        .map(|(mut members, inner)| {
            // Dense numbers follow the documents' order and each sentence's
            // place in its report.
            members.sort_unstable();
            let relation = inner
                .iter()
                .map(|&i| links[i].relation)
                .max()
                .unwrap_or(Relation::Agree);
            for &i in &inner {
                let (a, b) = ends[i];
                degree[a] += 1;
                degree[b] += 1;
            }
            let central = members
                .iter()
                .copied()
                .max_by_key(|&m| (degree[m], std::cmp::Reverse(m)))
                .unwrap_or(members[0]);
            for &i in &inner {
                let (a, b) = ends[i];
                degree[a] = 0;
                degree[b] = 0;
            }
            let mut docs: Vec<String> = Vec::new();
            for &m in &members {
                let d = &documents[all[m].0].id;
                if !docs.iter().any(|x| x == d) {
                    docs.push(d.clone());
                }
            }
            (
                members[0],
                Cluster {
                    id: String::new(),
                    coverage: docs.len(),
                    documents: docs,
                    sentences: members.iter().map(|&m| all[m].1.id.clone()).collect(),
                    relation,
                    label: all[central].1.text.clone(),
                },
            )
        })
        .collect();
    out.sort_by_key(|(first, _)| *first);
    out.into_iter()
        .enumerate()
        .map(|(i, (_, mut c))| {
            c.id = format!("c{}", i + 1);
            c
        })
        .collect()
}

fn quote_matches(
    docs: &[Prepared],
    analyses: &[Vec<SentenceAnalysis>],
    links: &[Link],
    addrs: &[(Addr, Addr)],
) -> Vec<QuoteMatch> {
    // Link by link on both cores, in link order.
    links
        .par_iter()
        .zip(addrs)
        .flat_map_iter(|(l, &(a, b))| quote_matches_of(docs, analyses, l, a, b))
        .collect()
}

/// The quotations of one link's two sentences that are one quotation (see
/// [`quote_matches`]).
fn quote_matches_of(
    docs: &[Prepared],
    analyses: &[Vec<SentenceAnalysis>],
    l: &Link,
    a: Addr,
    b: Addr,
) -> Vec<QuoteMatch> {
    let mut out = Vec::new();
    let (sa, sb) = (&analyses[a.0][a.1], &analyses[b.0][b.1]);
    let (oa, ob) = (
        docs[a.0].sentences[a.1].0.span.start,
        docs[b.0].sentences[b.1].0.span.start,
    );
    for qa in &sa.quotes {
        for qb in &sb.quotes {
            let ta = &sa.text[qa.span.start..qa.span.end];
            let tb = &sb.text[qb.span.start..qb.span.end];
            let wa: HashSet<String> = crate::text::raw_tokens(ta)
                .into_iter()
                .map(|w| crate::text::fold(w.1))
                .collect();
            let wb: HashSet<String> = crate::text::raw_tokens(tb)
                .into_iter()
                .map(|w| crate::text::fold(w.1))
                .collect();
            let shared = wa.intersection(&wb).count();
            if shared == 0 || shared * 2 < wa.len().min(wb.len()) {
                continue;
            }
            let identical = crate::text::fold(ta).trim_matches(|c: char| !c.is_alphanumeric())
                == crate::text::fold(tb).trim_matches(|c: char| !c.is_alphanumeric());
            out.push(QuoteMatch {
                a: QuoteRef {
                    sentence: l.a.to_string(),
                    span: qa.span.offset(oa),
                    speaker: qa.speaker.as_ref().map(|s| s.1.clone()),
                },
                b: QuoteRef {
                    sentence: l.b.to_string(),
                    span: qb.span.offset(ob),
                    speaker: qb.speaker.as_ref().map(|s| s.1.clone()),
                },
                identical,
                diff: char_diff(ta, tb, qa.span.start + oa, qb.span.start + ob),
            });
        }
    }
    out
}

/// Character diff of two quotes, as document spans.
fn char_diff(a: &str, b: &str, oa: usize, ob: usize) -> Vec<DiffOp> {
    let diff = similar::TextDiff::configure()
        .timeout(Duration::from_millis(20))
        .diff_chars(a, b);
    let ca: Vec<usize> = a
        .char_indices()
        .map(|x| x.0)
        .chain(std::iter::once(a.len()))
        .collect();
    let cb: Vec<usize> = b
        .char_indices()
        .map(|x| x.0)
        .chain(std::iter::once(b.len()))
        .collect();
    let mut out = Vec::new();
    for op in diff.ops() {
        let (ra, rb) = (op.old_range(), op.new_range());
        let sa = (!ra.is_empty()).then(|| Span::new(oa + ca[ra.start], oa + ca[ra.end]));
        let sb = (!rb.is_empty()).then(|| Span::new(ob + cb[rb.start], ob + cb[rb.end]));
        match op.tag() {
            similar::DiffTag::Equal => out.push(DiffOp {
                op: DiffTag::Equal,
                a: sa,
                b: sb,
            }),
            similar::DiffTag::Delete => out.push(DiffOp {
                op: DiffTag::Delete,
                a: sa,
                b: None,
            }),
            similar::DiffTag::Insert => out.push(DiffOp {
                op: DiffTag::Insert,
                a: None,
                b: sb,
            }),
            similar::DiffTag::Replace => {
                out.push(DiffOp {
                    op: DiffTag::Delete,
                    a: sa,
                    b: None,
                });
                out.push(DiffOp {
                    op: DiffTag::Insert,
                    a: None,
                    b: sb,
                });
            }
        }
    }
    out
}

/// Scores single sentence pairs, for `parallax pairs` and paraphrase corpora.
pub struct PairScorer {
    lex: Lexicon,
    idf: &'static crate::features::Idf,
    threshold: f64,
}

/// The result for one pair.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PairResult {
    /// Same-claim probability.
    pub score: f64,
    /// Same claim with no material difference (the matcher's paraphrase decision).
    pub paraphrase: bool,
    /// Paraphrase probability (0 for a pair the matcher was not fitted for:
    /// see `fitted`).
    pub paraphrase_score: f64,
    /// Whether the pair is like those the matcher was fitted on, so that its
    /// probabilities count (see [`crate::features::fitted`]).
    pub fitted: bool,
    /// `verbatim`, `agree`, `diverge`, `contradict`, or `unique` when they are
    /// not the same claim.
    pub relation: String,
    /// Typed reasons.
    pub reasons: Vec<Reason>,
    /// The matcher's strongest feature contributions.
    pub evidence: Vec<Contribution>,
}

impl PairScorer {
    /// A scorer with the options' topics and threshold.
    pub fn new(opts: &Options) -> Result<Self> {
        let (lex, _) = lexicon(opts)?;
        Ok(PairScorer {
            lex,
            idf: Matcher::builtin().idf(),
            threshold: opts.align.threshold,
        })
    }

    /// Score one pair. Spans in reasons are offsets in `a` and `b`.
    pub fn score(&self, a: &str, b: &str) -> PairResult {
        let m = Matcher::builtin();
        let sa = analyse::sentence(a, crate::train::detect_lang(a), None, &self.lex);
        let sb = analyse::sentence(b, crate::train::detect_lang(b), None, &self.lex);
        let mut f = crate::features::features(&sa, &sb, self.idf);
        if sa.lang != sb.lang {
            m.across_languages(&sa, &sb, &mut f);
        }
        let fitted = crate::features::fitted_pair(&sa, &sb, self.idf, &f);
        let same = crate::align::same_claim(m, &f, fitted);
        let para = if fitted { m.paraphrase(&f) } else { 0.0 };
        let (relation, reasons) = if same >= self.threshold {
            let (r, reasons, _) = classify::classify(
                Side::new(&sa, 0, "A", None),
                Side::new(&sb, 0, "B", None),
                &self.lex,
            );
            (r.as_str().to_string(), reasons)
        } else {
            ("unique".to_string(), Vec::new())
        };
        PairResult {
            score: round3(same),
            // No material difference: the matcher says paraphrase and no
            // reason conflicts (MSRP annotators let 1,100 vs 1,200 pass; we do not).
            paraphrase: para >= m.threshold && !reasons.iter().any(|r| r.conflict),
            paraphrase_score: round3(para),
            fitted,
            relation,
            reasons,
            evidence: m.explain(&f, &sa, &sb, 4),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        // A cycle of four, a fixed point and a swap.
        let order = [3, 0, 1, 2, 4, 6, 5];
        let mut items: Vec<char> = "abcdefg".chars().collect();
        permute(&mut items, &order);
        let expected: Vec<char> = order.iter().map(|&i| (b'a' + i as u8) as char).collect();
        assert_eq!(items, expected);
        let mut none: Vec<u8> = Vec::new();
        permute(&mut none, &[]);
        assert!(none.is_empty());
    }
}
