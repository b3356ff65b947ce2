//! Classify: give an aligned pair its relation and the reasons for it.
//!
//! Alignment has already decided that both sentences state the same claim;
//! here we compare details, following de Marneffe et al. (2008): numbers as
//! ranges (disjoint ranges conflict, overlapping ones diverge), dates as
//! intervals, places with containment from topic data, the act and its
//! polarity, who acts on whom, ranks, and quoted words. Framing terms are
//! always a divergence, never a contradiction. Every reason carries the spans
//! of its evidence on both sides; a relation is never given without one.
//!
//! The relation is the strongest the reasons allow: any conflicting reason →
//! **contradict**; else any detail reason → **diverge**; else near-identical
//! wording → **verbatim**; else **agree**.

use std::sync::Arc;

// Sets of a few words per pair, built for every pair classified: Fx hashing
// (not SipHash); every set that is iterated is sorted after.
use rustc_hash::FxHashSet as HashSet;

use crate::analyse::SentenceAnalysis;
use crate::lexicon::Lexicon;
use crate::model::{
    DiffOp, DiffTag, Reason, ReasonKind, Reasons, Relation, Span, WordDiff, NAME_A, NAME_B,
};

/// A sentence with where it sits in its document.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The analysis.
    pub s: &'a SentenceAnalysis,
    /// Byte offset of the sentence in its document.
    pub offset: usize,
    /// Display name of the report.
    pub name: &'a str,
    /// The report's date, when known: read through [`Side::date`], so that
    /// a [`Template`] knows whether its classification depended on it.
    date: Option<chrono::NaiveDate>,
    /// Set when the date is read.
    date_read: Option<&'a std::cell::Cell<bool>>,
}

impl<'a> Side<'a> {
    /// A sentence of a report named `name` dated `date`, `offset` bytes into
    /// its document.
    pub fn new(
        s: &'a SentenceAnalysis,
        offset: usize,
        name: &'a str,
        date: Option<chrono::NaiveDate>,
    ) -> Self {
        Side {
            s,
            offset,
            name,
            date,
            date_read: None,
        }
    }
    /// The report's date (noted, when a template is being made).
    fn date(&self) -> Option<chrono::NaiveDate> {
        if let Some(read) = self.date_read {
            read.set(true);
        }
        self.date
    }
    fn span(&self, s: Span) -> Span {
        s.offset(self.offset)
    }
    fn text(&self, s: Span) -> &str {
        self.s.text.get(s.start..s.end).unwrap_or("")
    }
}

/// A pair's classification with its spans relative to each sentence and the
/// report names left as stand-ins. Links between copies of the same two
/// sentences (wire copy in many reports) differ only in where the sentences
/// sit and what their reports are called, so the classification is made
/// once per pair of copies, and its reasons and diff are shared by every
/// such link ([`Reasons`], [`WordDiff`]), which places them when they are
/// read. At 100 reports the 282,013 links held 50,614 distinct pairs of
/// copies; classifying every link was a third of the comparison, and
/// holding every link's own reasons and diff 140 MB.
pub struct Template {
    relation: Relation,
    reasons: Arc<[Reason]>,
    diff: Arc<[DiffOp]>,
}

impl Template {
    /// The classification of `a` against `b`, for reports dated `date_a`
    /// and `date_b`, when it holds for every pair of copies of the two
    /// sentences: `None` when it depended on the reports' dates (a relative
    /// date, a running total), or when a sentence holds a stand-in
    /// character; such links are classified one by one.
    pub fn new(
        a: &SentenceAnalysis,
        date_a: Option<chrono::NaiveDate>,
        b: &SentenceAnalysis,
        date_b: Option<chrono::NaiveDate>,
        lex: &Lexicon,
        tokens: &TokenDiff,
    ) -> Option<Template> {
        // The report names are stand-ins, placed with each link.
        let stand_in = |s: &SentenceAnalysis| s.text.contains([NAME_A, NAME_B]);
        if stand_in(a) || stand_in(b) {
            return None;
        }
        let read = std::cell::Cell::new(false);
        let side = |s, name, date| Side {
            s,
            offset: 0,
            name,
            date,
            date_read: Some(&read),
        };
        let (relation, reasons, diff) = classify_with(
            side(a, NAME_A.encode_utf8(&mut [0; 4]), date_a),
            side(b, NAME_B.encode_utf8(&mut [0; 4]), date_b),
            lex,
            tokens,
        );
        (!read.get()).then(|| Template {
            relation,
            reasons: reasons.into(),
            diff: diff.into(),
        })
    }

    /// The classification for copies whose sentences start at `starts` in
    /// reports called `names`: what [`classify_with`] gives for them, with
    /// the reasons and the diff shared by every such link.
    pub fn place(&self, starts: (usize, usize), names: (Arc<str>, Arc<str>)) -> Placed {
        (
            self.relation,
            Reasons::shared(self.reasons.clone(), starts, names),
            WordDiff::shared(self.diff.clone(), starts),
        )
    }
}

/// A link's relation, reasons and word diff.
pub type Placed = (Relation, Reasons, WordDiff);

/// Word diff ratio above which two sentences count as shared wording.
pub const VERBATIM_RATIO: f64 = 0.9;

/// Relation and reasons for an aligned pair.
pub fn classify(a: Side, b: Side, lex: &Lexicon) -> (Relation, Vec<Reason>, Vec<DiffOp>) {
    classify_with(a, b, lex, &token_diff(a.s, b.s))
}

/// [`classify`] with the two sentences' [`token_diff`] already computed
/// (it depends only on the two analyses, so sentences copied word for word
/// into several reports share it).
pub fn classify_with(
    a: Side,
    b: Side,
    lex: &Lexicon,
    tokens: &TokenDiff,
) -> (Relation, Vec<Reason>, Vec<DiffOp>) {
    let mut reasons = Vec::new();
    numbers(a, b, &mut reasons);
    dates(a, b, &mut reasons);
    places(a, b, lex, &mut reasons);
    acts(a, b, &mut reasons);
    negation(a, b, &mut reasons);
    ranks(a, b, &mut reasons);
    quotes(a, b, &mut reasons);
    quote_denial(a, b, &mut reasons);
    framing(a, b, &mut reasons);
    let (diff, ratio) = (diff_spans(a, b, tokens), tokens.ratio);
    let relation = if reasons.iter().any(|r| r.conflict) {
        Relation::Contradict
    } else if reasons.iter().any(|r| r.kind != ReasonKind::Shared) {
        Relation::Diverge
    } else if ratio >= VERBATIM_RATIO {
        Relation::Verbatim
    } else {
        Relation::Agree
    };
    // Agreement and shared wording are explained by what is shared.
    if matches!(relation, Relation::Agree | Relation::Verbatim) {
        reasons.push(shared_reason(a, b, &diff, tokens));
    }
    // A comparison keeps hundreds of thousands of these lists: no spare
    // capacity (a vector grown by pushing holds up to twice its length).
    reasons.shrink_to_fit();
    for r in &mut reasons {
        r.a_spans.shrink_to_fit();
        r.b_spans.shrink_to_fit();
    }
    (relation, reasons, diff)
}

fn reason(
    kind: ReasonKind,
    conflict: bool,
    a: Vec<Span>,
    b: Vec<Span>,
    explanation: String,
) -> Reason {
    Reason {
        kind,
        conflict,
        a_spans: a,
        b_spans: b,
        explanation,
    }
}

fn numbers(a: Side, b: Side, out: &mut Vec<Reason>) {
    use crate::analyse::Quantity;
    let counted = |q: &Quantity| q.counted.clone();
    // Numbers counting the same thing on both sides.
    let kinds: HashSet<String> =
        a.s.numbers
            .iter()
            .filter_map(counted)
            .filter(|k| b.s.numbers.iter().any(|y| y.counted.as_ref() == Some(k)))
            .collect();
    let mut kinds: Vec<String> = kinds.into_iter().collect();
    kinds.sort();
    for what in &kinds {
        let xs: Vec<&Quantity> =
            a.s.numbers
                .iter()
                .filter(|q| q.counted.as_ref() == Some(what))
                .collect();
        let ys: Vec<&Quantity> =
            b.s.numbers
                .iter()
                .filter(|q| q.counted.as_ref() == Some(what))
                .collect();
        // A number with a same-range partner on the other side is settled.
        let open_x: Vec<&&Quantity> = xs
            .iter()
            .filter(|x| !ys.iter().any(|y| x.same(y)))
            .collect();
        let open_y: Vec<&&Quantity> = ys
            .iter()
            .filter(|y| !xs.iter().any(|x| x.same(y)))
            .collect();
        if open_x.is_empty() || open_y.is_empty() {
            continue;
        }
        let what_words = counted_words(what);
        // Prefer an overlapping pair (a divergence) over a disjoint one.
        let overlapping = open_x
            .iter()
            .flat_map(|x| open_y.iter().map(move |y| (*x, *y)))
            .find(|(x, y)| x.overlaps(y));
        // Two counts of the same thing in one sentence ("nine in Sacaba, 27 in
        // all") cannot be paired reliably: show the difference, claim no conflict.
        let single = xs.len() == 1 && ys.len() == 1;
        if !single && overlapping.is_none() {
            let (x, y) = (open_x[0], open_y[0]);
            out.push(reason(
                ReasonKind::Number,
                false,
                open_x.iter().map(|q| a.span(q.span)).collect(),
                open_y.iter().map(|q| b.span(q.span)).collect(),
                format!(
                    "{} gives '{}' {what_words}, {} gives '{}', among several counts: compare them by hand",
                    a.name,
                    a.text(x.span),
                    b.name,
                    b.text(y.span)
                ),
            ));
            continue;
        }
        let conflict_all = open_x.iter().all(|x| !ys.iter().any(|y| x.overlaps(y)))
            && open_y.iter().all(|y| !xs.iter().any(|x| x.overlaps(y)));
        if let (Some((x, y)), false) = (overlapping, conflict_all) {
            let (ta, tb) = (a.text(x.span), b.text(y.span));
            let specific = if x.width() < y.width() {
                a.name
            } else {
                b.name
            };
            out.push(reason(
                ReasonKind::Number,
                false,
                vec![a.span(x.span)],
                vec![b.span(y.span)],
                format!("{} says '{ta}' {what_words}, {} says '{tb}': the ranges overlap; {specific} is more specific", a.name, b.name),
            ));
        } else if conflict_all {
            let (x, y) = (open_x[0], open_y[0]);
            let (ta, tb) = (a.text(x.span), b.text(y.span));
            let update = cumulative_update(a, b, x, y);
            out.push(reason(
                ReasonKind::Number,
                update.is_none(),
                vec![a.span(x.span)],
                vec![b.span(y.span)],
                match update {
                    Some(note) => format!("{} says '{ta}' {what_words}, {} says '{tb}': {note}", a.name, b.name),
                    None => format!("{} says '{ta}' {what_words} ({}), {} says '{tb}' ({}): the counts cannot both be right", a.name, x.describe(), b.name, y.describe()),
                },
            ));
        }
    }
    // A toll only one side gives.
    let counted_a: HashSet<&str> =
        a.s.numbers
            .iter()
            .filter_map(|q| q.counted.as_deref())
            .collect();
    let counted_b: HashSet<&str> =
        b.s.numbers
            .iter()
            .filter_map(|q| q.counted.as_deref())
            .collect();
    for y in &b.s.numbers {
        if let Some(w) = &y.counted {
            if !counted_a.contains(w.as_str()) && TOLLS.contains(&w.as_str()) {
                out.push(reason(
                    ReasonKind::AddedDetail,
                    false,
                    vec![],
                    vec![b.span(y.span)],
                    format!(
                        "only {} gives a figure: '{}' {}",
                        b.name,
                        b.text(y.span),
                        counted_words(w)
                    ),
                ));
            }
        }
    }
    for x in &a.s.numbers {
        if let Some(w) = &x.counted {
            if !counted_b.contains(w.as_str()) && TOLLS.contains(&w.as_str()) {
                out.push(reason(
                    ReasonKind::MissingDetail,
                    false,
                    vec![a.span(x.span)],
                    vec![],
                    format!(
                        "only {} gives a figure: '{}' {}",
                        a.name,
                        a.text(x.span),
                        counted_words(w)
                    ),
                ));
            }
        }
    }
}

const TOLLS: &[&str] = &["die", "injure", "arrest"];

/// A running total ("since the vote", "so far") that is higher in the later
/// report is an update, not an error (judgement.md: numbers in time).
fn cumulative_update(
    a: Side,
    b: Side,
    x: &crate::analyse::Quantity,
    y: &crate::analyse::Quantity,
) -> Option<String> {
    let cumulative = |s: &SentenceAnalysis| {
        s.tokens.iter().any(|t| {
            matches!(
                t.fold.as_str(),
                "since" | "desde" | "so" | "total" | "toll" | "cumulative" | "overall" | "balance"
            )
        })
    };
    if !(cumulative(a.s) && cumulative(b.s)) {
        return None;
    }
    let (da, db) = (a.date()?, b.date()?);
    let (later, earlier_name, later_name) = if da > db {
        (x, b.name, a.name)
    } else if db > da {
        (y, a.name, b.name)
    } else {
        return None;
    };
    let other = if std::ptr::eq(later, x) { y } else { x };
    (later.low > other.high).then(|| format!("a running total: {later_name}, the later report, gives the higher count, an update on {earlier_name}"))
}

fn counted_words(k: &str) -> String {
    match k {
        "die" => "dead".into(),
        "injure" => "injured".into(),
        "arrest" => "arrested".into(),
        "percent" => "per cent".into(),
        other => format!("({other})"),
    }
}

/// Words that open a relative clause when a comma (and, in Spanish, an
/// article: ", lo que", ", la cual") comes before them.
const RELATIVES: &[&str] = &[
    "which", "who", "whom", "whose", "que", "quien", "quienes", "cual", "cuales",
];

/// How many words before a relative clause's comma its event may stand:
/// "the resignation of President Velkova, which came on Monday".
const DESCRIBED_REACH: usize = 4;

/// A relative clause set off by commas (see [`relative_clauses`]).
struct Clause {
    /// What it describes, just before the comma: the last word, or back to
    /// an event word among the last few when no date comes between ("the
    /// resignation of Velkova, which came on Monday").
    described: std::ops::Range<usize>,
    /// From the relative word to the next comma or the end of the sentence.
    within: std::ops::Range<usize>,
}

/// The relative clauses set off by commas in `s` ("the disputed
/// presidential election in October, which led to the resignation").
fn relative_clauses(s: &crate::analyse::SentenceAnalysis) -> Vec<Clause> {
    let t = &s.tokens;
    let comma_before = |i: usize| {
        i > 0
            && s.text
                .get(t[i - 1].span.end..t[i].span.start)
                .is_some_and(|g| g.contains(','))
    };
    let mut out = Vec::new();
    for i in 1..t.len() {
        if !RELATIVES.contains(&t[i].fold.as_str()) {
            continue;
        }
        let article = matches!(t[i - 1].fold.as_str(), "el" | "la" | "lo" | "los" | "las");
        let opens = if comma_before(i) {
            i
        } else if article && comma_before(i - 1) {
            i - 1
        } else {
            continue;
        };
        let end = s
            .text
            .get(t[i].span.end..)
            .and_then(|rest| rest.find(','))
            .map_or(s.text.len(), |k| t[i].span.end + k);
        let before = t[opens - 1].span.start;
        let dated = |k: usize| {
            s.dates
                .iter()
                .any(|d| d.span.start <= t[k].span.start && t[k].span.start < d.span.end)
        };
        let from = (opens.saturating_sub(DESCRIBED_REACH)..opens)
            .rev()
            .take_while(|&k| !dated(k))
            .filter(|&k| !t[k].stop && crate::features::is_event(&t[k].key))
            .last()
            .map_or(before, |k| t[k].span.start);
        out.push(Clause {
            described: from.min(before)..t[opens].span.start,
            within: t[opens].span.start..end,
        });
    }
    out
}

/// What a date in a sentence dates: the event word or the act nearest to
/// it (by bytes), if the sentence has one. A relative clause set off by
/// commas is its own time: a date outside it does not date an event told
/// inside it, nor the other way round ("the election in October, which led
/// to the resignation" dates the election, not the resignation). When every
/// event the sentence tells is on the other side of such a clause, the date
/// dates something else, which no event word of another sentence matches
/// (the empty string).
fn dated_event<'s>(
    s: &'s crate::analyse::SentenceAnalysis,
    d: &crate::analyse::DateMention,
) -> Option<&'s str> {
    let gap = |sp: Span| {
        if sp.end <= d.span.start {
            d.span.start - sp.end
        } else {
            sp.start.saturating_sub(d.span.end)
        }
    };
    let clauses = relative_clauses(s);
    // The word a clause describes is its event too: "the resignation,
    // which came on Monday" dates the resignation.
    let together = |sp: Span| {
        clauses.iter().all(|c| {
            let event_in = c.within.contains(&sp.start) || c.described.contains(&sp.start);
            event_in == c.within.contains(&d.span.start)
        })
    };
    let events = s
        .tokens
        .iter()
        .filter(|t| !t.stop && crate::features::is_event(&t.key))
        .map(|t| (t.span, t.key.as_str()));
    let acts = s.acts.iter().map(|x| (x.span, x.concept.as_str()));
    let all: Vec<(Span, &str)> = events.chain(acts).collect();
    if all.is_empty() {
        return None;
    }
    Some(
        all.iter()
            .filter(|(sp, _)| together(*sp))
            .map(|&(sp, what)| (gap(sp), what))
            .min()
            .map_or("", |(_, what)| what),
    )
}

fn dates(a: Side, b: Side, out: &mut Vec<Reason>) {
    // A date only one side gives is not a divergence: reports routinely
    // leave out the day. Only dates on both sides are compared.
    if a.s.dates.iter().all(|d| d.reported) || b.s.dates.iter().all(|d| d.reported) {
        return;
    }
    if let (_, Some((x, y))) = crate::features::date_conflict(a.s, b.s) {
        // Each day belongs to what is told nearest to it; two different
        // things told on two days are two events ("withdraw its support …
        // on Sunday" against "resigned on Monday after losing the support").
        if let (Some(p), Some(q)) = (dated_event(a.s, x), dated_event(b.s, y)) {
            if p != q {
                return;
            }
        }
        out.push(reason(
            ReasonKind::Date,
            true,
            vec![a.span(x.span)],
            vec![b.span(y.span)],
            format!(
                "{} says '{}' ({}), {} says '{}' ({})",
                a.name,
                a.text(x.span),
                x.describe(),
                b.name,
                b.text(y.span),
                y.describe()
            ),
        ));
        return;
    }
    // The same words for a date name the same day when nothing can move it:
    // an absolute date, or a relative one ("on Sunday") in reports of the
    // same date. (Found comparing a report with its copy: "November 19" in
    // two undated reports was "cannot be compared".)
    let same_words = |x: &crate::analyse::DateMention, y: &crate::analyse::DateMention| {
        crate::text::fold(a.text(x.span)) == crate::text::fold(b.text(y.span))
            && (x.relative.is_none() || a.date() == b.date())
    };
    // Comparable but not resolvable: show it as a difference to check.
    for x in a.s.dates.iter().filter(|d| !d.reported) {
        let any_known =
            b.s.dates
                .iter()
                .any(|y| x.compatible(y).is_some() || same_words(x, y));
        if !any_known && (x.relative.is_some() || x.start.is_none()) {
            let Some(y) = b.s.dates.iter().find(|d| !d.reported) else {
                return;
            };
            out.push(reason(
                ReasonKind::Date,
                false,
                vec![a.span(x.span)],
                vec![b.span(y.span)],
                format!(
                    "{} says '{}', {} says '{}' ({}): cannot be compared without {}'s date",
                    a.name,
                    a.text(x.span),
                    b.name,
                    b.text(y.span),
                    y.describe(),
                    a.name
                ),
            ));
            return;
        }
    }
    for y in b.s.dates.iter().filter(|d| !d.reported) {
        let any_known =
            a.s.dates
                .iter()
                .any(|x| y.compatible(x).is_some() || same_words(x, y));
        if !any_known && (y.relative.is_some() || y.start.is_none()) {
            let Some(x) = a.s.dates.iter().find(|d| !d.reported) else {
                return;
            };
            out.push(reason(
                ReasonKind::Date,
                false,
                vec![a.span(x.span)],
                vec![b.span(y.span)],
                format!(
                    "{} says '{}' ({}), {} says '{}': cannot be compared without {}'s date",
                    a.name,
                    a.text(x.span),
                    x.describe(),
                    b.name,
                    b.text(y.span),
                    b.name
                ),
            ));
            return;
        }
    }
}

fn places(a: Side, b: Side, lex: &Lexicon, out: &mut Vec<Reason>) {
    let locs = |s: &SentenceAnalysis| -> Vec<crate::analyse::EntityMention> {
        s.entities
            .iter()
            .filter(|e| e.is_where() && !e.negated)
            .cloned()
            .collect()
    };
    let (la, lb) = (locs(a.s), locs(b.s));
    // One side places it where the other says it did not happen.
    for (x_side, y_side, xs, x_is_a) in [(a, b, &la, true), (b, a, &lb, false)] {
        for x in xs.iter() {
            if let Some(y) = y_side.s.entities.iter().find(|e| e.negated && e.id == x.id) {
                let (sa, sb) = if x_is_a {
                    (vec![a.span(x.span)], vec![b.span(y.span)])
                } else {
                    (vec![a.span(y.span)], vec![b.span(x.span)])
                };
                out.push(reason(
                    ReasonKind::Place,
                    true,
                    sa,
                    sb,
                    format!(
                        "{} places it in '{}', {} says it was not there",
                        x_side.name,
                        x_side.text(x.span),
                        y_side.name
                    ),
                ));
                return;
            }
        }
    }
    if la.is_empty() || lb.is_empty() {
        return;
    }
    let related = |x: &str, y: &str| x == y || lex.place_within(x, y) || lex.place_within(y, x);
    // Places mentioned anywhere on the other side (not only locatives) still
    // count as agreement: "near Cochabamba" vs "Sacaba, in Cochabamba".
    let all_b: Vec<&str> =
        b.s.entities
            .iter()
            .filter(|e| !e.negated)
            .map(|e| e.id.as_str())
            .collect();
    let all_a: Vec<&str> =
        a.s.entities
            .iter()
            .filter(|e| !e.negated)
            .map(|e| e.id.as_str())
            .collect();
    let a_alone: Vec<&crate::analyse::EntityMention> = la
        .iter()
        .filter(|x| !all_b.iter().any(|y| related(&x.id, y)))
        .collect();
    let b_alone: Vec<&crate::analyse::EntityMention> = lb
        .iter()
        .filter(|y| !all_a.iter().any(|x| related(x, &y.id)))
        .collect();
    if a_alone.is_empty() || b_alone.is_empty() {
        return;
    }
    let (x, y) = (a_alone[0], b_alone[0]);
    let proven = lex.knows_place(&x.id) && lex.knows_place(&y.id);
    let (ta, tb) = (a.text(x.span), b.text(y.span));
    out.push(reason(
        ReasonKind::Place,
        proven,
        vec![a.span(x.span)],
        vec![b.span(y.span)],
        if proven {
            format!(
                "{} places it in '{ta}', {} in '{tb}': neither contains the other",
                a.name, b.name
            )
        } else {
            format!(
                "{} places it in '{ta}', {} in '{tb}' (no topic data says whether they overlap)",
                a.name, b.name
            )
        },
    ));
}

/// Words that open a question a sentence leaves open: "whether Morales will
/// be allowed to run" asserts neither that he will nor that he will not.
const OPEN_QUESTION: &[&str] = &["whether", "if", "si"];

/// How far back (in tokens) an open-question word reaches to the act.
const OPEN_QUESTION_REACH: usize = 12;

/// Whether the act at `span` sits in an open question ("it is unclear whether
/// he will be allowed to run"): such an act is not claimed, so it cannot
/// conflict with anything.
fn in_open_question(s: &crate::analyse::SentenceAnalysis, span: Span) -> bool {
    s.tokens
        .iter()
        .rev()
        .filter(|t| t.span.end <= span.start)
        .take(OPEN_QUESTION_REACH)
        .any(|t| OPEN_QUESTION.contains(&t.fold.as_str()))
}

fn acts(a: Side, b: Side, out: &mut Vec<Reason>) {
    let claimed = |s: &Side, x: &crate::analyse::Act| !in_open_question(s.s, x.span);
    for x in a.s.acts.iter().filter(|x| claimed(&a, x)) {
        for y in
            b.s.acts
                .iter()
                .filter(|y| y.concept == x.concept && claimed(&b, y))
        {
            if x.positive != y.positive {
                // Opposite acts by the same agent on the same object: polarity.
                // An act aimed at a proposal ("backed the call for the
                // president to step down") is not aimed at whoever an act
                // without a named object concerns ("losing the support").
                let proposal = |o: &Option<(String, Span)>| {
                    o.as_ref()
                        .is_some_and(|o| o.0 == crate::analyse::PROPOSAL_OBJECT)
                };
                let same_object = match (&x.object, &y.object) {
                    (Some(o1), Some(o2)) => o1.0 == o2.0,
                    _ => !proposal(&x.object) && !proposal(&y.object),
                };
                if same_object {
                    let (ta, tb) = (a.text(x.span), b.text(y.span));
                    let why = if x.concept == crate::analyse::SCHEDULE {
                        // Say which side sets the time.
                        let ((set, st), (unset, ut)) = if x.positive {
                            ((a.name, ta), (b.name, tb))
                        } else {
                            ((b.name, tb), (a.name, ta))
                        };
                        format!("{set} sets a time ('{st}'), {unset} says none was set ('{ut}')")
                    } else {
                        format!(
                            "{} says '{ta}', {} says '{tb}': opposite acts",
                            a.name, b.name
                        )
                    };
                    out.push(reason(
                        ReasonKind::Polarity,
                        true,
                        vec![a.span(x.span)],
                        vec![b.span(y.span)],
                        why,
                    ));
                    return;
                }
            }
            if let (Some(o1), Some(o2)) = (&x.object, &y.object) {
                if o1.0 != o2.0 && x.positive == y.positive {
                    out.push(reason(
                        ReasonKind::Actor,
                        true,
                        vec![a.span(x.span), a.span(o1.1)],
                        vec![b.span(y.span), b.span(o2.1)],
                        format!(
                            "{} says '{}' … '{}', {} says '{}' … '{}': the same act aimed at someone else",
                            a.name, a.text(x.span), a.text(o1.1), b.name, b.text(y.span), b.text(o2.1)
                        ),
                    ));
                    return;
                }
            }
            if let (Some(g1), Some(g2)) = (&x.agent, &y.agent) {
                if let (Some(o1), Some(o2)) = (&x.object, &y.object) {
                    if g1 == &o2.0 && g2 == &o1.0 && g1 != g2 {
                        out.push(reason(
                            ReasonKind::Actor,
                            true,
                            vec![a.span(x.span)],
                            vec![b.span(y.span)],
                            format!("{} and {} swap who does it to whom", a.name, b.name),
                        ));
                        return;
                    }
                }
            }
        }
    }
}

fn negation(a: Side, b: Side, out: &mut Vec<Reason>) {
    if out.iter().any(|r| r.kind == ReasonKind::Polarity) {
        return;
    }
    // Only when one side negates and the other does not, and the rest of the
    // two sentences says the same thing.
    if a.s.negations.is_empty() == b.s.negations.is_empty() {
        return;
    }
    let kb: HashSet<&str> = b.s.keys.iter().map(String::as_str).collect();
    let ka: HashSet<&str> = a.s.keys.iter().map(String::as_str).collect();
    let na: HashSet<&str> =
        a.s.negated
            .iter()
            .map(String::as_str)
            .filter(|k| kb.contains(k))
            .collect();
    let nb: HashSet<&str> =
        b.s.negated
            .iter()
            .map(String::as_str)
            .filter(|k| ka.contains(k))
            .collect();
    let shared = ka.intersection(&kb).count();
    if (shared as f64) < 0.6 * (ka.len().min(kb.len()) as f64) {
        return;
    }
    // A word the other side states only inside an open question ("whether
    // he will be allowed to run") is not stated.
    let stated = |s: &Side, k: &str| {
        s.s.tokens
            .iter()
            .filter(|t| t.key == k)
            .any(|t| !in_open_question(s.s, t.span))
    };
    let mut diff: Vec<&str> = na.symmetric_difference(&nb).copied().collect();
    diff.sort_unstable();
    diff.retain(|k| {
        if na.contains(k) {
            stated(&b, k)
        } else {
            stated(&a, k)
        }
    });
    if diff.is_empty() {
        return;
    }
    let word_span = |s: Side, k: &str| {
        s.s.tokens
            .iter()
            .find(|t| t.key == k)
            .map(|t| s.span(t.span))
    };
    let k = diff[0];
    let (neg_side, _) = if na.contains(k) { (a, b) } else { (b, a) };
    let cue = neg_side.s.negations.first().map(|c| neg_side.span(*c));
    let mut sa: Vec<Span> = word_span(a, k).into_iter().collect();
    let mut sb: Vec<Span> = word_span(b, k).into_iter().collect();
    if let Some(c) = cue {
        if na.contains(k) {
            sa.insert(0, c)
        } else {
            sb.insert(0, c)
        }
    }
    let word =
        a.s.tokens
            .iter()
            .find(|t| t.key == k)
            .map(|t| t.text.clone())
            .unwrap_or_default();
    out.push(reason(
        ReasonKind::Polarity,
        true,
        sa,
        sb,
        format!(
            "{} negates '{word}', {} states it",
            neg_side.name,
            if na.contains(k) { b.name } else { a.name }
        ),
    ));
}

fn ranks(a: Side, b: Side, out: &mut Vec<Reason>) {
    for x in &a.s.ranks {
        if let Some(y) = b.s.ranks.iter().find(|y| y.of == x.of && x.of.is_some()) {
            if x.rank != y.rank {
                out.push(reason(
                    ReasonKind::Rank,
                    true,
                    vec![a.span(x.span)],
                    vec![b.span(y.span)],
                    format!(
                        "{} says '{}', {} says '{}'",
                        a.name,
                        a.text(x.span),
                        b.name,
                        b.text(y.span)
                    ),
                ));
            }
        }
    }
}

fn quote_words(s: &str) -> Vec<String> {
    crate::text::raw_tokens(s)
        .into_iter()
        .map(|(_, w)| crate::text::fold(w))
        .collect()
}

fn quotes(a: Side, b: Side, out: &mut Vec<Reason>) {
    for x in &a.s.quotes {
        let wa = quote_words(a.text(x.span));
        for y in &b.s.quotes {
            let wb = quote_words(b.text(y.span));
            if wa == wb {
                continue;
            }
            let sa: HashSet<&String> = wa.iter().collect();
            let sb: HashSet<&String> = wb.iter().collect();
            // One quotation in two versions shares most of its words; a
            // short quote inside a long one ("civic coup") is contained (below);
            // anything else is two different quotations.
            let shared = sa.intersection(&sb).count();
            let contains_all = shared == sa.len().min(sb.len());
            if shared == 0 || (!contains_all && (shared < 2 || shared * 2 < sa.len().max(sb.len())))
            {
                continue;
            }
            let contained = |p: &[String], q: &[String]| q.windows(p.len().max(1)).any(|w| w == p);
            let (ta, tb) = (a.text(x.span), b.text(y.span));
            if contained(&wa, &wb) || contained(&wb, &wa) {
                out.push(reason(
                    ReasonKind::QuoteWording,
                    false,
                    vec![a.span(x.span)],
                    vec![b.span(y.span)],
                    format!(
                        "{} quotes “{ta}”, {} quotes more or less of it: “{tb}”",
                        a.name, b.name
                    ),
                ));
            } else {
                out.push(reason(
                    ReasonKind::QuoteWording,
                    true,
                    vec![a.span(x.span)],
                    vec![b.span(y.span)],
                    format!(
                        "the quote differs: {} has “{ta}”, {} has “{tb}”",
                        a.name, b.name
                    ),
                ));
            }
        }
    }
}

/// Words that, right after a negation, deny that words were said: "no
/// record of him saying", "never said", "did not say", "no hay registro de".
const DENIED_SAYING: &[&str] = &[
    "record",
    "records",
    "evidence",
    "trace",
    "sign",
    "say",
    "said",
    "saying",
    "says",
    "tell",
    "told",
    "utter",
    "uttered",
    "registro",
    "constancia",
    "prueba",
    "rastro",
    "dijo",
    "decir",
    "dicho",
    "pronuncio",
];

/// The negation cue before a quote that denies it was said, if any.
fn denial_of(s: &crate::analyse::SentenceAnalysis, quote: Span) -> Option<Span> {
    s.negations.iter().copied().find(|cue| {
        cue.end <= quote.start
            && s.tokens
                .iter()
                .filter(|t| t.span.start >= cue.end && t.span.end <= quote.start && !t.stop)
                .take(2)
                .any(|t| DENIED_SAYING.contains(&t.fold.as_str()))
    })
}

/// The same quote given as said on one side and denied on the other ("he
/// cited the need to 'avoid further bloodshed'" against "we found no record
/// of him saying 'avoid further bloodshed'"): a contradiction about the quote.
fn quote_denial(a: Side, b: Side, out: &mut Vec<Reason>) {
    for x in &a.s.quotes {
        let wa = quote_words(a.text(x.span));
        for y in &b.s.quotes {
            if quote_words(b.text(y.span)) != wa {
                continue;
            }
            let (da, db) = (denial_of(a.s, x.span), denial_of(b.s, y.span));
            let (sa, sb, explanation) = match (da, db) {
                (Some(cue), None) => (
                    vec![a.span(cue), a.span(x.span)],
                    vec![b.span(y.span)],
                    format!(
                        "{} denies that “{}” was said, {} reports it as said",
                        a.name,
                        a.text(x.span),
                        b.name
                    ),
                ),
                (None, Some(cue)) => (
                    vec![a.span(x.span)],
                    vec![b.span(cue), b.span(y.span)],
                    format!(
                        "{} reports “{}” as said, {} denies it was said",
                        a.name,
                        a.text(x.span),
                        b.name
                    ),
                ),
                _ => continue,
            };
            out.push(reason(ReasonKind::Polarity, true, sa, sb, explanation));
            return;
        }
    }
}

fn framing(a: Side, b: Side, out: &mut Vec<Reason>) {
    use crate::model::Voice;
    for x in a.s.framing.iter().filter(|f| f.voice == Voice::Own) {
        let same_family: Vec<_> =
            b.s.framing
                .iter()
                .filter(|y| y.family == x.family)
                .collect();
        if same_family
            .iter()
            .any(|y| y.concept == x.concept && y.voice == Voice::Own)
        {
            continue;
        }
        if let Some(y) = same_family
            .iter()
            .find(|y| y.concept != x.concept || y.voice != Voice::Own)
        {
            let how = if y.voice == Voice::Attributed && y.concept == x.concept {
                " only as someone else's word"
            } else {
                ""
            };
            out.push(reason(
                ReasonKind::FramingTerm,
                false,
                vec![a.span(x.span)],
                vec![b.span(y.span)],
                format!(
                    "{} says '{}' in its own voice, {} says '{}'{how} ({})",
                    a.name,
                    a.text(x.span),
                    b.name,
                    b.text(y.span),
                    x.family
                ),
            ));
            return;
        }
    }
    for y in b.s.framing.iter().filter(|f| f.voice == Voice::Own) {
        let same_family: Vec<_> =
            a.s.framing
                .iter()
                .filter(|x| x.family == y.family)
                .collect();
        // As above: the other side using the same term in its own voice is
        // no difference, whatever else of the family it also uses
        // ("declared herself interim president" on both sides).
        if same_family
            .iter()
            .any(|x| x.concept == y.concept && x.voice == Voice::Own)
        {
            continue;
        }
        if let Some(x) = same_family
            .iter()
            .find(|x| x.concept != y.concept || x.voice != Voice::Own)
        {
            out.push(reason(
                ReasonKind::FramingTerm,
                false,
                vec![a.span(x.span)],
                vec![b.span(y.span)],
                format!(
                    "{} says '{}' in its own voice, {} says '{}' ({})",
                    b.name,
                    b.text(y.span),
                    a.name,
                    a.text(x.span),
                    y.family
                ),
            ));
            return;
        }
    }
}

fn shared_reason(a: Side, b: Side, diff: &[DiffOp], tokens: &TokenDiff) -> Reason {
    let sa: Vec<Span> = diff
        .iter()
        .filter(|d| d.op == DiffTag::Equal)
        .filter_map(|d| d.a)
        .collect();
    let sb: Vec<Span> = diff
        .iter()
        .filter(|d| d.op == DiffTag::Equal)
        .filter_map(|d| d.b)
        .collect();
    // Shared content words by key, for sentences that share few exact words.
    let (sa, sb) = if sa.is_empty() {
        let kb: HashSet<&str> = b.s.keys.iter().map(String::as_str).collect();
        (
            a.s.tokens
                .iter()
                .filter(|t| !t.stop && kb.contains(t.key.as_str()))
                .map(|t| a.span(t.span))
                .collect(),
            b.s.tokens
                .iter()
                .filter(|t| !t.stop && a.s.keys.contains(&t.key))
                .map(|t| b.span(t.span))
                .collect(),
        )
    } else {
        (sa, sb)
    };
    reason(
        ReasonKind::Shared,
        false,
        sa,
        sb,
        format!(
            "{:.0}% of the wording is shared; same content: {}",
            tokens.ratio * 100.0,
            tokens.shared_words
        ),
    )
}

/// The content words of `a` whose keys `b` has, in `a`'s order, the first
/// six of them (or "(by meaning)" when there are none): the words a shared
/// reason names. They depend on the two analyses alone, so they are worked
/// out with the [`TokenDiff`], once for all copies of the two sentences.
fn shared_words(a: &SentenceAnalysis, b: &SentenceAnalysis) -> String {
    let kb: HashSet<&str> = b.keys.iter().map(String::as_str).collect();
    let mut words: Vec<&str> = Vec::new();
    for t in a
        .tokens
        .iter()
        .filter(|t| !t.stop && kb.contains(t.key.as_str()))
    {
        if !words.contains(&t.text.as_str()) {
            words.push(&t.text);
        }
    }
    if words.is_empty() {
        "(by meaning)".to_string()
    } else {
        words.into_iter().take(6).collect::<Vec<_>>().join(", ")
    }
}

/// Sentences longer than this (in tokens) get a time limit on their word
/// diff; shorter ones finish in microseconds.
const LONG_DIFF_TOKENS: usize = 400;

/// A word diff in token positions, before it is mapped to either text.
#[derive(Debug, Clone)]
pub struct TokenDiff {
    ops: Vec<similar::DiffOp>,
    /// Share of the two token sequences that is equal (0..1).
    pub ratio: f64,
    /// The content words both share, as a shared reason names them.
    shared_words: String,
}

/// The word diff of two analysed sentences, over their folded tokens.
pub fn token_diff(a: &SentenceAnalysis, b: &SentenceAnalysis) -> TokenDiff {
    // Folded tokens as 64-bit hashes: `similar` hashes and compares every
    // token many times, and integers are far cheaper than strings there.
    // Only their equality matters here, so the cheaper Fx hash serves.
    let fold = |t: &crate::text::Token| {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        t.fold.hash(&mut h);
        h.finish()
    };
    let fa: Vec<u64> = a.tokens.iter().map(fold).collect();
    let fb: Vec<u64> = b.tokens.iter().map(fold).collect();
    // The diff checks its deadline often (a clock read each time): only a
    // sentence long enough to be slow needs one.
    let long = fa.len().max(fb.len()) > LONG_DIFF_TOKENS;
    let deadline = long.then(|| std::time::Instant::now() + std::time::Duration::from_millis(50));
    // Copied wording (a third of all links when outlets reuse wire copy) is
    // one equal run; the diff would find the same after its setup.
    let ops = if fa == fb {
        vec![similar::DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: fa.len(),
        }]
    } else {
        similar::capture_diff_slices_deadline(similar::Algorithm::Patience, &fa, &fb, deadline)
    };
    let ratio = similar::diff_ratio(&ops, fa.len(), fb.len()) as f64;
    TokenDiff {
        ops,
        ratio,
        shared_words: shared_words(a, b),
    }
}

impl TokenDiff {
    /// How many separate places the wording differs in: runs of inserted,
    /// deleted or replaced words between equal ones. A copy with one detail
    /// edited differs in one.
    pub fn changed_runs(&self) -> usize {
        let mut runs = 0;
        let mut in_change = false;
        for op in &self.ops {
            let equal = matches!(op, similar::DiffOp::Equal { .. });
            if !equal && !in_change {
                runs += 1;
            }
            in_change = !equal;
        }
        runs
    }

    /// Whether the wording differs in one place only, and there in nothing
    /// but the names of places (and function words): a copy with its place
    /// edited. "A retired miner in Sucre queued for fuel at dawn" against
    /// "A retired miner in Potosí painted over slogans at dawn" differs in
    /// one run too, but the run holds what was done: a place is not all
    /// that changed.
    pub fn only_place_edited(&self, a: &SentenceAnalysis, b: &SentenceAnalysis) -> bool {
        let in_place = |s: &SentenceAnalysis, i: usize| {
            let t = &s.tokens[i];
            t.stop
                || t.key.is_empty()
                || s.entities.iter().any(|e| {
                    e.is_where() && e.span.start <= t.span.start && t.span.end <= e.span.end
                })
        };
        self.changed_runs() <= 1
            && self.ops.iter().all(|op| {
                op.old_range()
                    .all(|i| matches!(op, similar::DiffOp::Equal { .. }) || in_place(a, i))
                    && op
                        .new_range()
                        .all(|i| matches!(op, similar::DiffOp::Equal { .. }) || in_place(b, i))
            })
    }
}

/// Word diff with `similar` over folded tokens, mapped back to document spans.
/// Returns the ops and the diff ratio.
pub fn word_diff(a: Side, b: Side) -> (Vec<DiffOp>, f64) {
    let t = token_diff(a.s, b.s);
    (diff_spans(a, b, &t), t.ratio)
}

/// A token diff as spans of the two documents.
fn diff_spans(a: Side, b: Side, t: &TokenDiff) -> Vec<DiffOp> {
    let span_of = |s: Side, r: std::ops::Range<usize>| -> Option<Span> {
        if r.is_empty() {
            return None;
        }
        Some(s.span(Span::new(
            s.s.tokens[r.start].span.start,
            s.s.tokens[r.end - 1].span.end,
        )))
    };
    // Exactly as many entries as the diff has steps (a replacement is two).
    let replaced = t
        .ops
        .iter()
        .filter(|op| op.tag() == similar::DiffTag::Replace)
        .count();
    let mut out = Vec::with_capacity(t.ops.len() + replaced);
    for op in &t.ops {
        let (first, second) = match op.tag() {
            similar::DiffTag::Replace => (
                (DiffTag::Delete, op.old_range(), 0..0),
                Some((DiffTag::Insert, 0..0, op.new_range())),
            ),
            similar::DiffTag::Equal => ((DiffTag::Equal, op.old_range(), op.new_range()), None),
            similar::DiffTag::Delete => ((DiffTag::Delete, op.old_range(), op.new_range()), None),
            similar::DiffTag::Insert => ((DiffTag::Insert, op.old_range(), op.new_range()), None),
        };
        let parts = std::iter::once(first).chain(second);
        for (tag, ra, rb) in parts {
            let a_span = if tag == DiffTag::Insert {
                None
            } else {
                span_of(a, ra)
            };
            let b_span = if tag == DiffTag::Delete {
                None
            } else {
                span_of(b, rb)
            };
            if a_span.is_some() || b_span.is_some() {
                out.push(DiffOp {
                    op: tag,
                    a: a_span,
                    b: b_span,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    /// The template placed for a link, and the link classified on its own.
    fn both(a: &str, b: &str, dates: [Option<chrono::NaiveDate>; 2]) -> Option<bool> {
        let lex = Lexicon::builtin();
        let (sa, sb) = (
            crate::analyse::sentence(a, "en", dates[0], &lex),
            crate::analyse::sentence(b, "en", dates[1], &lex),
        );
        let tokens = token_diff(&sa, &sb);
        let t = Template::new(&sa, dates[0], &sb, dates[1], &lex, &tokens)?;
        let (x, y) = (
            Side::new(&sa, 120, "The Wire (Nov 11)", dates[0]),
            Side::new(&sb, 7, "El Diario", dates[1]),
        );
        let placed = t.place((120, 7), ("The Wire (Nov 11)".into(), "El Diario".into()));
        let own = classify_with(x, y, &lex, &tokens);
        assert!(!own.1.is_empty());
        Some(placed == (own.0, own.1.into(), own.2.into()))
    }

    #[test]
    fn a_placed_template_is_the_links_own_classification() {
        let day = chrono::NaiveDate::from_ymd_opt(2019, 11, 16);
        for (a, b) in [
            (
                "Nine people died in Sacaba when troops opened fire on the march.",
                "Five people died in Sacaba when soldiers fired on the march.",
            ),
            (
                "Morales resigned after the army suggested he step down.",
                "Morales resigned after the army suggested he step down.",
            ),
            (
                "Áñez declared herself interim president in an empty Senate.",
                "Áñez proclaimed herself interim president before a Senate without a quorum.",
            ),
        ] {
            assert_eq!(both(a, b, [day, day]), Some(true), "{a} / {b}");
        }
    }

    #[test]
    fn no_template_when_the_reports_dates_decide() {
        // In undated reports "yesterday" cannot be resolved, and names the
        // same day only if the reports' dates are the same: that pair is
        // classified link by link.
        let (u, v) = (
            "Nine people died in Sacaba yesterday when troops opened fire.",
            "Nine people died in Sacaba yesterday when troops opened fire on the march.",
        );
        assert_eq!(both(u, v, [None, None]), None);
        let (a, b) = (
            "Nine people died in Sacaba on Friday when troops opened fire.",
            "Nine people died in Sacaba on Friday when troops opened fire on the march.",
        );
        let (d1, d2) = (
            chrono::NaiveDate::from_ymd_opt(2019, 11, 16),
            chrono::NaiveDate::from_ymd_opt(2019, 11, 23),
        );
        // Resolved dates do not need the reports' dates.
        assert_eq!(both(a, b, [d1, d2]), Some(true));
        // A sentence holding a stand-in character gets none either.
        let c = "Nine people died in Sacaba \u{E000} when troops opened fire.";
        assert_eq!(both(c, a, [d1, d1]), None);
    }

    fn relation(a: &str, b: &str) -> (Relation, Vec<Reason>) {
        let lex = Lexicon::builtin();
        let day = chrono::NaiveDate::from_ymd_opt(2019, 11, 25);
        let (sa, sb) = (
            crate::analyse::sentence(a, "en", day, &lex),
            crate::analyse::sentence(b, "en", day, &lex),
        );
        let side = |s| Side::new(s, 0, "A", day);
        let (r, reasons, _) = classify(side(&sa), side(&sb), &lex);
        (r, reasons)
    }

    #[test]
    fn a_quote_given_as_said_and_denied_is_a_contradiction() {
        let said = "The minister said the army would “restore order within days” in the capital.";
        let (r, reasons) = relation(
            said,
            "We found no record of the minister saying “restore order within days”.",
        );
        assert_eq!(r, Relation::Contradict, "{reasons:?}");
        let p = reasons
            .iter()
            .find(|r| r.kind == ReasonKind::Polarity && r.conflict)
            .expect("a polarity reason");
        assert!(
            p.explanation.contains("denies it was said"),
            "{}",
            p.explanation
        );
        // Repeated, not denied: no conflict.
        let (r, reasons) = relation(
            said,
            "The minister repeated that the army would “restore order within days”.",
        );
        assert_ne!(r, Relation::Contradict, "{reasons:?}");
    }

    #[test]
    fn an_altered_quotation_conflicts_and_a_different_one_does_not() {
        let altered = relation(
            "He called the move “the sneakiest, most nefarious coup in history”.",
            "He called it “the most treacherous and nefarious coup in history”.",
        );
        assert!(
            altered
                .1
                .iter()
                .any(|r| r.kind == ReasonKind::QuoteWording && r.conflict),
            "{:?}",
            altered.1
        );
        // Two different quotations that share a word are not one quote altered.
        let different = relation(
            "He said he was stepping down in the face of a “civic coup”.",
            "He called it “the most treacherous and nefarious coup in history”.",
        );
        assert!(
            !different
                .1
                .iter()
                .any(|r| r.kind == ReasonKind::QuoteWording),
            "{:?}",
            different.1
        );
        // A shorter quote inside a longer one is the same quotation, cut.
        let cut = relation(
            "Morales denounced a “coup” in a video.",
            "Morales called it a “civic coup”.",
        );
        assert!(
            cut.1
                .iter()
                .any(|r| r.kind == ReasonKind::QuoteWording && !r.conflict),
            "{:?}",
            cut.1
        );
    }

    #[test]
    fn days_of_two_different_things_are_not_a_date_conflict() {
        let (r, reasons) = relation(
            "The army announced it would withdraw its support for the government on Sunday.",
            "Morales resigned on Monday after losing the support of the army.",
        );
        assert!(
            !reasons
                .iter()
                .any(|x| x.kind == ReasonKind::Date && x.conflict),
            "{r:?} {reasons:?}"
        );
        // The same thing on two days is.
        let (r, reasons) = relation(
            "Morales resigned on Sunday after losing the support of the army.",
            "Morales resigned on Monday after losing the support of the army.",
        );
        assert_eq!(r, Relation::Contradict, "{reasons:?}");
    }

    #[test]
    fn a_relative_clause_keeps_its_own_time() {
        let date_conflict = |a: &str, b: &str| {
            let (_, reasons) = relation(a, b);
            reasons
                .iter()
                .any(|x| x.kind == ReasonKind::Date && x.conflict)
        };
        // The month dates the vote, not the resignation the clause tells.
        assert!(!date_conflict(
            "The strike followed the disputed council vote in February, which led to the resignation of harbour master Velkova.",
            "Harbour master Velkova resigned on Monday, March 13, after the strike.",
        ));
        // Two months for that vote still conflict.
        assert!(date_conflict(
            "The strike followed the disputed council vote in February, which led to the resignation of harbour master Velkova.",
            "The strike followed the disputed council vote in April, which led to the resignation of harbour master Velkova.",
        ));
        // The word a clause describes takes its time: "the resignation,
        // which came on Monday".
        assert!(date_conflict(
            "The resignation of Velkova, which came on Monday, March 13, surprised the port.",
            "Velkova resigned on Sunday, March 12.",
        ));
        // The clause ends at its comma, and the sentence's own time goes on.
        assert!(date_conflict(
            "On Sunday, March 12, Velkova, who had run the port for ten years, resigned.",
            "Velkova resigned on Monday, March 13.",
        ));
        // In Spanish: ", lo que llevó a la renuncia".
        let lex = Lexicon::builtin();
        let s = crate::analyse::sentence(
            "La huelga siguió a la votación del consejo en febrero, lo que llevó a la renuncia de Velkova.",
            "es",
            None,
            &lex,
        );
        let d = s.dates.first().expect("a date");
        assert_eq!(dated_event(&s, d), Some(""));
    }

    #[test]
    fn an_act_in_an_open_question_is_not_claimed() {
        let (r, reasons) = relation(
            "It is unclear whether Morales will be allowed to run in the election.",
            "Morales cannot run in the election.",
        );
        assert_ne!(r, Relation::Contradict, "{reasons:?}");
        // Asserted, the same two acts conflict.
        let (r, reasons) = relation(
            "Morales will be allowed to run in the election.",
            "Morales cannot run in the election.",
        );
        assert_eq!(r, Relation::Contradict, "{reasons:?}");
    }

    #[test]
    fn backing_a_call_is_not_backing_the_person_it_names() {
        // The police backing the call for the president to go and the
        // president losing the police's support are the same stance.
        let (r, reasons) = relation(
            "Police commander Calderón said the force backed the public's call for the president to step down.",
            "Morales resigned after losing the support of the police.",
        );
        assert!(
            !reasons
                .iter()
                .any(|x| x.kind == ReasonKind::Polarity && x.conflict),
            "{r:?} {reasons:?}"
        );
        // Backing the president himself against losing his support still conflicts.
        let (_, reasons) = relation(
            "Police commander Calderón said the force backed the president.",
            "The president lost the support of the police.",
        );
        assert!(
            reasons
                .iter()
                .any(|x| x.kind == ReasonKind::Polarity && x.conflict),
            "{reasons:?}"
        );
    }
}
