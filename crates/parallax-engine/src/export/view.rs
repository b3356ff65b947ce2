//! What the printable formats (HTML here, PDF in `parallax-pdf`) have in
//! common, computed once from the model: each sentence's strongest relation,
//! the story-point matrix, the provenance lines, and the classroom worksheet.
//!
//! The worksheet questions are driven by the comparison, never by a story:
//! a cluster whose links carry `number` reasons asks which sources give a
//! number; a framing concept said in the outlet's own voice by one source and
//! only attributed by another asks who says it in its own voice; a story point
//! told by most sources but missing from one asks what that source leaves
//! out; a contradiction asks what the two sources disagree on.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Comparison, Document, MarkKind, ReasonKind, Relation, Sentence, Voice};

/// How a sentence stands in the comparison: its strongest link relation, or
/// unique when nothing else matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// The worst (most severe) relation among its links.
    Linked(Relation),
    /// No other report matches it.
    Unique,
    /// Neither linked nor listed as unique (e.g. a heading).
    Plain,
}

impl Standing {
    /// The word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Linked(r) => r.as_str(),
            Standing::Unique => "unique",
            Standing::Plain => "plain",
        }
    }

    /// A marker that does not rely on colour: printed next to the sentence
    /// and in the legend.
    pub fn symbol(self) -> &'static str {
        match self {
            Standing::Linked(Relation::Verbatim) => "≡",
            Standing::Linked(Relation::Agree) => "=",
            Standing::Linked(Relation::Diverge) => "≈",
            Standing::Linked(Relation::Contradict) => "≠",
            Standing::Unique => "◇",
            Standing::Plain => "",
        }
    }
}

/// Every standing with its legend text, in the order the legend shows them.
pub const LEGEND: [(Standing, &str); 5] = [
    (
        Standing::Linked(Relation::Contradict),
        "contradict: incompatible values for the same claim",
    ),
    (
        Standing::Linked(Relation::Diverge),
        "diverge: same claim, different or missing detail",
    ),
    (
        Standing::Linked(Relation::Agree),
        "agree: same claim in other words",
    ),
    (
        Standing::Linked(Relation::Verbatim),
        "verbatim: shared wording",
    ),
    (Standing::Unique, "unique: no other report says it"),
];

fn severity(r: Relation) -> u8 {
    match r {
        Relation::Verbatim => 0,
        Relation::Agree => 1,
        Relation::Diverge => 2,
        Relation::Contradict => 3,
    }
}

/// The standing of every sentence, by sentence id.
pub fn standings(cmp: &Comparison) -> BTreeMap<&str, Standing> {
    let mut out: BTreeMap<&str, Standing> = BTreeMap::new();
    for l in &cmp.links {
        for id in [&*l.a, &*l.b] {
            let e = out.entry(id).or_insert(Standing::Linked(l.relation));
            if let Standing::Linked(r) = *e {
                if severity(l.relation) > severity(r) {
                    *e = Standing::Linked(l.relation);
                }
            }
        }
    }
    for u in &cmp.unique {
        out.entry(u.as_str()).or_insert(Standing::Unique);
    }
    out
}

/// Counts for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Reports compared.
    pub reports: usize,
    /// Sentences in all reports.
    pub sentences: usize,
    /// Links by relation: verbatim, agree, diverge, contradict.
    pub by_relation: [usize; 4],
    /// Contradictions inside one report.
    pub internal: usize,
    /// Story points.
    pub clusters: usize,
    /// Story points told by every report.
    pub told_by_all: usize,
    /// Sentences no other report matches.
    pub unique: usize,
    /// Quotes matched across reports, and how many differ in wording.
    pub quotes: usize,
    /// Matched quotes whose words differ.
    pub quotes_differing: usize,
}

/// Count what the summary shows.
pub fn summary(cmp: &Comparison) -> Summary {
    let mut s = Summary {
        reports: cmp.documents.len(),
        sentences: cmp.documents.iter().map(|d| d.sentences.len()).sum(),
        internal: cmp.internal.len(),
        clusters: cmp.clusters.len(),
        told_by_all: cmp
            .clusters
            .iter()
            .filter(|c| c.coverage == cmp.documents.len())
            .count(),
        unique: cmp.unique.len(),
        quotes: cmp.quotes.len(),
        quotes_differing: cmp.quotes.iter().filter(|q| !q.identical).count(),
        ..Summary::default()
    };
    for l in &cmp.links {
        s.by_relation[severity(l.relation) as usize] += 1;
    }
    s
}

/// The sentence matcher's evidence for a link in one line, as the reports
/// print it: the contributions that raised the matcher's score, then those
/// that lowered it (a conflicting number or date among them), each in words ("for: word diff similarity 84%; against:
/// length ratio 40%"). Empty when the link carries no evidence (a link built
/// from dates alone).
pub fn evidence_line(link: &crate::model::Link) -> String {
    let side = |pos: bool| -> Vec<&str> {
        link.evidence
            .iter()
            .filter(|c| (c.weight >= 0.0) == pos)
            .map(|c| c.description.as_str())
            .collect()
    };
    let (for_, against) = (side(true), side(false));
    let mut parts = Vec::new();
    if !for_.is_empty() {
        parts.push(format!("for: {}", for_.join("; ")));
    }
    if !against.is_empty() {
        parts.push(format!("against: {}", against.join("; ")));
    }
    parts.join(" · ")
}

/// The words under spans of a document, clipped to one sentence, joined.
pub fn span_words(doc: &Document, sentence: &Sentence, spans: &[crate::model::Span]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for sp in spans {
        let start = sp.start.max(sentence.start);
        let end = sp.end.min(sentence.end);
        if start < end {
            let w = doc.slice(crate::model::Span::new(start, end)).trim();
            if !w.is_empty() && !words.contains(&w) {
                words.push(w);
            }
        }
    }
    words.join(", ")
}

/// A sentence split into plain and highlighted pieces by document spans.
/// Spans outside the sentence or off character boundaries are ignored, so
/// a damaged model never panics a renderer.
pub fn pieces<'a>(sentence: &'a Sentence, spans: &[crate::model::Span]) -> Vec<(&'a str, bool)> {
    let text = sentence.text.as_str();
    let mut cuts: Vec<(usize, usize)> = spans
        .iter()
        .filter_map(|sp| {
            let s = sp.start.max(sentence.start).checked_sub(sentence.start)?;
            let e = sp.end.min(sentence.end).checked_sub(sentence.start)?;
            (s < e && text.is_char_boundary(s) && text.is_char_boundary(e)).then_some((s, e))
        })
        .collect();
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in cuts {
        let s = s.max(at);
        if s >= e {
            continue;
        }
        if s > at {
            out.push((&text[at..s], false));
        }
        out.push((&text[s..e], true));
        at = e;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

/// Provenance of one report, as every format prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// Display name (outlet, else title, else id).
    pub name: String,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub outlet: String,
    /// Publication date.
    pub date: String,
    /// URL when known, else the file name it was read from. For a report
    /// fetched from the web: the address asked for, where redirects ended,
    /// when it was fetched, and the SHA-256 of the raw page (the frozen copy).
    pub location: String,
    /// SHA-256 of the exact text compared.
    pub sha256: String,
}

/// The provenance of every report, in the model's order.
pub fn provenance(cmp: &Comparison) -> Vec<Provenance> {
    cmp.documents
        .iter()
        .map(|d| Provenance {
            name: d.display_name(),
            title: d.meta.title.clone().unwrap_or_else(|| "untitled".into()),
            outlet: d.meta.outlet.clone().unwrap_or_else(|| "unknown".into()),
            date: d.meta.date.clone().unwrap_or_else(|| "undated".into()),
            location: match &d.fetch {
                Some(f) => {
                    let from = if f.final_url == f.requested_url {
                        f.final_url.clone()
                    } else {
                        format!("{} (redirected to {})", f.requested_url, f.final_url)
                    };
                    format!(
                        "{from}, fetched {} (HTTP {}, page SHA-256 {})",
                        f.fetched_at, f.status, f.body_sha256
                    )
                }
                None => d
                    .meta
                    .url
                    .clone()
                    .filter(|u| !u.trim().is_empty())
                    .unwrap_or_else(|| d.path.clone()),
            },
            sha256: d.sha256.clone(),
        })
        .collect()
}

// ---------------------------------------------------------------- worksheet

/// A report as a student sees it: a letter instead of the outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSource {
    /// `Source A`, `Source B`, ...
    pub label: String,
    /// The document's id in the model.
    pub doc: String,
    /// The outlet's display name, for the answer key only.
    pub name: String,
    /// Sentences, numbered from 1 by position, with any outlet or byline name redacted.
    pub sentences: Vec<String>,
}

/// What a question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// Which sources give a number, and which.
    Numbers,
    /// Who uses a framing term in its own voice, who only attributes it.
    Voice,
    /// What a source leaves out that most others tell.
    Omission,
    /// What two sources disagree on.
    Contradiction,
}

/// One line of an answer: a source, a sentence number and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLine {
    /// Index into [`Worksheet::sources`].
    pub source: usize,
    /// Sentence number in that source, from 1 (none when the answer is an absence).
    pub sentence: Option<usize>,
    /// The answer in words.
    pub text: String,
}

/// A question generated from the comparison, with its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// What it asks about.
    pub kind: QuestionKind,
    /// The question as printed.
    pub text: String,
    /// The answer, for the key.
    pub answer: Vec<AnswerLine>,
}

/// A classroom worksheet: anonymous sources and questions with answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worksheet {
    /// The sources, in the model's order.
    pub sources: Vec<SheetSource>,
    /// The questions, by kind: numbers, voice, omissions, contradictions.
    pub questions: Vec<Question>,
}

/// At most this many questions of one kind, so a long comparison still gives
/// a sheet a class can finish.
const PER_KIND: usize = 4;

/// `Source A` ... `Source Z`, then `Source AA`...
pub fn source_label(i: usize) -> String {
    let mut n = i;
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    format!("Source {}", letters.into_iter().collect::<String>())
}

/// Replace every occurrence of `needle` (ASCII case-insensitive) in `text`.
fn replace_ci(text: &str, needle: &str, with: &str) -> String {
    let n = needle.len();
    if n == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some(cand) = text.get(i..i + n) {
            if cand.eq_ignore_ascii_case(needle) {
                out.push_str(with);
                i += n;
                continue;
            }
        }
        // Advance one character.
        let ch = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + ch]);
        i += ch;
    }
    out
}

/// Names that would give a source away: every outlet and byline in the
/// comparison (a report may name another outlet too).
fn giveaways(cmp: &Comparison) -> Vec<(String, String)> {
    let mut names = Vec::new();
    for (i, d) in cmp.documents.iter().enumerate() {
        for n in [&d.meta.outlet, &d.meta.byline].into_iter().flatten() {
            let n = n.trim();
            // Very short names ("AP") would blank out ordinary words too.
            if n.chars().count() >= 3 {
                names.push((n.to_string(), format!("[{}]", source_label(i))));
            }
        }
    }
    // Longest first, so "Alpha Wire Weekly" goes before "Alpha Wire".
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    names
}

/// Build the worksheet and its answers from a comparison.
pub fn worksheet(cmp: &Comparison) -> Worksheet {
    let hide = giveaways(cmp);
    let redact = |s: &str| {
        hide.iter()
            .fold(s.to_string(), |acc, (n, w)| replace_ci(&acc, n, w))
    };
    let sources: Vec<SheetSource> = cmp
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| SheetSource {
            label: source_label(i),
            doc: d.id.clone(),
            name: d.display_name(),
            sentences: d.sentences.iter().map(|s| redact(&s.text)).collect(),
        })
        .collect();
    let index_of = |doc: &str| cmp.documents.iter().position(|d| d.id == doc);
    // (source index, sentence number from 1) for a sentence id.
    let locate = |id: &str| -> Option<(usize, usize, &Document, &Sentence)> {
        let (d, s) = cmp.sentence(id)?;
        Some((index_of(&d.id)?, s.index + 1, d, s))
    };
    let label = |i: usize| sources.get(i).map_or_else(String::new, |s| s.label.clone());
    let list = |set: &BTreeSet<usize>| -> String {
        let v: Vec<String> = set.iter().map(|&i| label(i)).collect();
        match v.len() {
            0 => String::new(),
            1 => v[0].clone(),
            n => format!("{} and {}", v[..n - 1].join(", "), v[n - 1]),
        }
    };
    let mut questions = Vec::new();

    // Numbers: clusters whose links carry number reasons.
    let mut asked = 0;
    for c in &cmp.clusters {
        if asked == PER_KIND {
            break;
        }
        let in_cluster = |id: &str| c.sentences.iter().any(|s| s == id);
        let has_number = cmp.links.iter().any(|l| {
            in_cluster(&l.a)
                && in_cluster(&l.b)
                && l.reasons.iter().any(|r| r.kind == ReasonKind::Number)
        });
        if !has_number {
            continue;
        }
        // What is counted and where, from the sentences' own marks.
        let mut counted: BTreeMap<String, usize> = BTreeMap::new();
        let mut places: BTreeSet<String> = BTreeSet::new();
        let mut answer = Vec::new();
        let mut giving: BTreeSet<usize> = BTreeSet::new();
        for id in &c.sentences {
            let Some((src, n, d, s)) = locate(id) else {
                continue;
            };
            let mut nums = Vec::new();
            for m in &s.marks {
                match m.kind {
                    MarkKind::Number => {
                        nums.push(d.slice(m.span).to_string());
                        // The value is "{range} {what is counted}"; the range may hold spaces ("≥ 5").
                        if let Some((_, what)) = m.value.rsplit_once(' ') {
                            if what.chars().any(char::is_alphabetic) {
                                *counted.entry(what.to_string()).or_default() += 1;
                            }
                        }
                    }
                    MarkKind::Place => {
                        places.insert(d.slice(m.span).to_string());
                    }
                    _ => {}
                }
            }
            if !nums.is_empty() {
                giving.insert(src);
                answer.push(AnswerLine {
                    source: src,
                    sentence: Some(n),
                    text: nums.join(", "),
                });
            }
        }
        if giving.len() < 2 {
            continue;
        }
        // Counted concepts come from the engine's number analysis; other
        // counted words are stems, not fit to print.
        let what = match counted
            .iter()
            .max_by_key(|(_, k)| **k)
            .map(|(w, _)| w.as_str())
        {
            Some("die") => "a death toll",
            Some("injure") => "a number of injured",
            Some("arrest") => "a number of arrests",
            Some("percent") => "a percentage",
            _ => "a number",
        };
        let place: Vec<String> = places.into_iter().take(2).collect();
        let about = if place.is_empty() {
            String::new()
        } else {
            format!(" for {}", place.join(" and "))
        };
        for (i, _) in sources.iter().enumerate() {
            if c.documents.iter().any(|d| index_of(d) == Some(i)) && !giving.contains(&i) {
                answer.push(AnswerLine {
                    source: i,
                    sentence: None,
                    text: "tells this story point without a number".into(),
                });
            }
        }
        questions.push(Question {
            kind: QuestionKind::Numbers,
            text: format!("Which sources give {what}{about}, and which numbers? Do they agree?"),
            answer,
        });
        asked += 1;
    }

    // Voice: framing concepts said in the own voice by some, only attributed by others.
    let mut by_concept: BTreeMap<&str, Vec<(usize, usize, Voice, String)>> = BTreeMap::new();
    for f in &cmp.framing {
        if let Some((src, n, d, _)) = locate(&f.sentence) {
            by_concept.entry(f.concept.as_str()).or_default().push((
                src,
                n,
                f.voice,
                d.slice(f.span).to_string(),
            ));
        }
    }
    let mut voice_qs: Vec<(usize, Question)> = Vec::new();
    for (concept, uses) in &by_concept {
        let own: BTreeSet<usize> = uses
            .iter()
            .filter(|u| u.2 == Voice::Own)
            .map(|u| u.0)
            .collect();
        let attributed_only: BTreeSet<usize> = uses
            .iter()
            .filter(|u| u.2 == Voice::Attributed && !own.contains(&u.0))
            .map(|u| u.0)
            .collect();
        if own.is_empty() || attributed_only.is_empty() {
            continue;
        }
        let mut answer = Vec::new();
        let mut seen = BTreeSet::new();
        for (src, n, voice, words) in uses {
            let keep = match voice {
                Voice::Own => true,
                Voice::Attributed => attributed_only.contains(src),
            };
            if keep && seen.insert((*src, *n)) {
                answer.push(AnswerLine {
                    source: *src,
                    sentence: Some(*n),
                    text: match voice {
                        Voice::Own => format!("says “{words}” in its own voice"),
                        Voice::Attributed => format!("only quotes or attributes “{words}”"),
                    },
                });
            }
        }
        answer.sort_by_key(|a| (a.source, a.sentence));
        voice_qs.push((
            own.len() + attributed_only.len(),
            Question {
                kind: QuestionKind::Voice,
                text: format!(
                    "Which sources call it “{concept}” in their own voice, and which only quote someone who does?"
                ),
                answer,
            },
        ));
    }
    // The concepts most sources touch make the best questions.
    voice_qs.sort_by_key(|(k, _)| std::cmp::Reverse(*k));
    questions.extend(voice_qs.into_iter().map(|(_, q)| q).take(PER_KIND));

    // Omissions: story points told by most sources but absent from one.
    let n = cmp.documents.len();
    if n >= 3 {
        let mut missing: BTreeMap<usize, Vec<&crate::model::Cluster>> = BTreeMap::new();
        for c in &cmp.clusters {
            if c.coverage * 2 > n && c.coverage < n {
                for i in 0..n {
                    let doc = &cmp.documents[i].id;
                    if !c.documents.contains(doc) {
                        missing.entry(i).or_default().push(c);
                    }
                }
            }
        }
        // Sources that leave out the most first.
        let mut order: Vec<(usize, Vec<&crate::model::Cluster>)> = missing.into_iter().collect();
        order.sort_by_key(|(i, cs)| (std::cmp::Reverse(cs.len()), *i));
        for (i, cs) in order.into_iter().take(PER_KIND) {
            let mut answer = Vec::new();
            for c in cs.iter().take(3) {
                // Point at the first sentence of each other source that tells it.
                let mut tellers: BTreeMap<usize, usize> = BTreeMap::new();
                for id in &c.sentences {
                    if let Some((src, num, _, _)) = locate(id) {
                        tellers.entry(src).or_insert(num);
                    }
                }
                let Some((&first, &num)) = tellers.iter().next() else {
                    continue;
                };
                let told: BTreeSet<usize> = tellers.keys().copied().collect();
                answer.push(AnswerLine {
                    source: first,
                    sentence: Some(num),
                    text: format!(
                        "“{}” (told by {} of {}: {})",
                        redact(&c.label),
                        c.coverage,
                        n,
                        list(&told)
                    ),
                });
            }
            questions.push(Question {
                kind: QuestionKind::Omission,
                text: format!(
                    "What does {} leave out that most of the other sources report?",
                    label(i)
                ),
                answer,
            });
        }
    }

    // Contradictions: two sources, one story point, incompatible values.
    let mut asked = BTreeSet::new();
    for l in cmp
        .links
        .iter()
        .filter(|l| l.relation == Relation::Contradict)
    {
        if asked.len() == PER_KIND {
            break;
        }
        let (Some((sa, na, da, a)), Some((sb, nb, db, b))) = (locate(&l.a), locate(&l.b)) else {
            continue;
        };
        let kinds: Vec<&str> = l
            .reasons
            .iter()
            .filter(|r| r.conflict)
            .map(|r| r.kind.as_str())
            .collect();
        if !asked.insert((sa.min(sb), sa.max(sb), kinds.clone())) {
            continue;
        }
        let mut answer = Vec::new();
        for r in l.reasons.iter().filter(|r| r.conflict) {
            answer.push(AnswerLine {
                source: sa,
                sentence: Some(na),
                text: format!("{}: “{}”", r.kind.as_str(), span_words(da, a, &r.a_spans)),
            });
            answer.push(AnswerLine {
                source: sb,
                sentence: Some(nb),
                text: format!("{}: “{}”", r.kind.as_str(), span_words(db, b, &r.b_spans)),
            });
        }
        questions.push(Question {
            kind: QuestionKind::Contradiction,
            text: format!(
                "{} (sentence {na}) and {} (sentence {nb}) tell the same story point. What do they disagree on, and can both be right?",
                label(sa),
                label(sb)
            ),
            answer,
        });
    }
    Worksheet { sources, questions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn source_labels_run_past_z() {
        assert_eq!(source_label(0), "Source A");
        assert_eq!(source_label(2), "Source C");
        assert_eq!(source_label(25), "Source Z");
        assert_eq!(source_label(26), "Source AA");
    }

    #[test]
    fn redaction_is_case_insensitive_and_keeps_other_text() {
        assert_eq!(
            replace_ci("As ALPHA wire said, Álvaro…", "Alpha Wire", "[Source A]"),
            "As [Source A] said, Álvaro…"
        );
        assert_eq!(replace_ci("naïve", "", "x"), "naïve");
    }
}
