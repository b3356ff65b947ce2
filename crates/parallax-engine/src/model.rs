//! The comparison model: the one result type that the CLI, the app and every
//! exporter consume.
//!
//! Everything here is plain data. Positions are indexes and byte spans into
//! [`Document::text`], never references, so the model serialises to the
//! versioned JSON contract ([`SCHEMA`]) and back without loss. Links
//! between copies of the same two sentences share one list of reasons and
//! one word diff ([`Reasons`], [`WordDiff`]), placed for each link when it
//! is read or written, so every reader sees each link's own spans.
//!
//! Identifiers are stable: a document's id comes from its file name (or title),
//! a sentence's id is `"{document id}:{sentence index}"`. Links are stored with
//! `a < b` (by id), so the order in which reports were given does not change
//! the result.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The schema tag written into every serialised comparison.
pub const SCHEMA: &str = "parallax.comparison/1";

/// A whole comparison of several reports.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Which program made this, and when.
    pub generator: Generator,
    /// The reports compared, in the order the user gave them.
    pub documents: Vec<Document>,
    /// Links between sentences of different reports.
    #[serde(with = "shared_links")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<Link>"))]
    pub links: Vec<Link>,
    /// Links between two sentences of the same report that contradict each other.
    #[serde(with = "shared_links")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<Link>"))]
    pub internal: Vec<Link>,
    /// Story points: groups of linked sentences across reports.
    pub clusters: Vec<Cluster>,
    /// Sentences that no other report matches.
    pub unique: Vec<String>,
    /// Direct quotes matched across reports.
    pub quotes: Vec<QuoteMatch>,
    /// Framing and loaded terms, per use.
    pub framing: Vec<FramingUse>,
    /// Topic data files that were loaded (names only).
    pub topics: Vec<String>,
}

/// Provenance of a comparison.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generator {
    /// Program name, `parallax`.
    pub name: String,
    /// Program version.
    pub version: String,
    /// When the comparison was made (RFC 3339, UTC).
    pub created: String,
}

/// Where a report came from.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// Plain text.
    Text,
    /// Markdown (with optional YAML front matter).
    Markdown,
    /// An HTML page (main content extracted).
    Html,
    /// Text pasted by the user.
    Pasted,
}

/// What is known about a report besides its text.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Headline.
    pub title: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Language code (`en`, `es`).
    pub language: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Author line, when known.
    pub byline: Option<String>,
}

/// One report, with its text and its sentences.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier (from the file name).
    pub id: String,
    /// File name or URL it was read from.
    pub path: String,
    /// What kind of input it was.
    pub source: SourceKind,
    /// Metadata from front matter, HTML meta tags or the user.
    pub meta: Metadata,
    /// Language actually used for analysis (`en` or `es`).
    pub language: String,
    /// The text shown to the user; every span indexes into it.
    pub text: String,
    /// SHA-256 of `text`, hex.
    pub sha256: String,
    /// How the report was fetched from the web, when it was: the frozen
    /// copy's provenance. Absent for files and pasted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub fetch: Option<FetchRecord>,
    /// Sentences in reading order.
    pub sentences: Vec<Sentence>,
}

/// The provenance of a report fetched from the web. With the report's text
/// and its SHA-256 this is the frozen copy: a saved comparison never needs
/// the network again, and a later re-fetch can show whether the article was
/// edited since.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchRecord {
    /// The URL the user gave.
    pub requested_url: String,
    /// The URL after redirects: where the text actually came from.
    pub final_url: String,
    /// When it was fetched, RFC 3339 in UTC.
    pub fetched_at: String,
    /// The HTTP status of the final response.
    pub status: u16,
    /// The response's `Content-Type` header, as sent.
    pub content_type: String,
    /// The size of the response body, in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// SHA-256 of the raw response body, hex (the document's own `sha256` is
    /// of the extracted text).
    pub body_sha256: String,
}

/// A sentence of a report.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// `"{document id}:{index}"`.
    pub id: String,
    /// Position in the document, from 0.
    pub index: usize,
    /// Paragraph number, from 0.
    pub paragraph: usize,
    /// Byte offset of the first byte in [`Document::text`].
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The sentence text, exactly `text[start..end]`.
    pub text: String,
    /// What the analysis found in it, for highlighting.
    pub marks: Vec<Mark>,
}

/// Something the analysis found in a sentence (an entity, a number, a date...).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// What it is.
    pub kind: MarkKind,
    /// Where it is (document byte offsets).
    pub span: Span,
    /// A normalised value: the canonical entity, the number range, the resolved date.
    pub value: String,
}

/// Kinds of [`Mark`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkKind {
    /// A person.
    Person,
    /// An organisation.
    Organisation,
    /// A place.
    Place,
    /// A name found by capitalisation, not listed in any topic file.
    Name,
    /// A count or amount.
    Number,
    /// A date or time expression.
    Date,
    /// A direct quote.
    Quote,
    /// A negation cue.
    Negation,
    /// A hedge ("apparent", "reportedly").
    Hedge,
    /// A framing or loaded term.
    Framing,
    /// An ordinal rank ("second", "runner-up").
    Rank,
}

/// A byte range in a document's text.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Shift by `offset` bytes.
    pub fn offset(self, offset: usize) -> Self {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// How two linked sentences relate. The product's vocabulary.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// Shared wording.
    Verbatim,
    /// Same claim in other words.
    Agree,
    /// Same claim with different or missing detail, and no conflict.
    Diverge,
    /// Incompatible values for the same claim.
    Contradict,
}

impl Relation {
    /// The word used everywhere for this relation.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Verbatim => "verbatim",
            Relation::Agree => "agree",
            Relation::Diverge => "diverge",
            Relation::Contradict => "contradict",
        }
    }
}

/// Why a link has its relation.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    /// Different counts or amounts.
    Number,
    /// Different dates or days.
    Date,
    /// Different places.
    Place,
    /// Different people or groups doing or receiving the action.
    Actor,
    /// One says it happened, the other that it did not (or the opposite act).
    Polarity,
    /// Different ordinal ranks.
    Rank,
    /// The same quote in different words.
    QuoteWording,
    /// A loaded or framing term that the other does not use.
    FramingTerm,
    /// Detail only this side (b) gives.
    AddedDetail,
    /// Detail only the other side (a) gives.
    MissingDetail,
    /// Shared wording or content (why they were linked at all).
    Shared,
}

impl ReasonKind {
    /// The word used everywhere for this reason.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::Number => "number",
            ReasonKind::Date => "date",
            ReasonKind::Place => "place",
            ReasonKind::Actor => "actor",
            ReasonKind::Polarity => "polarity",
            ReasonKind::Rank => "rank",
            ReasonKind::QuoteWording => "quote-wording",
            ReasonKind::FramingTerm => "framing-term",
            ReasonKind::AddedDetail => "added-detail",
            ReasonKind::MissingDetail => "missing-detail",
            ReasonKind::Shared => "shared",
        }
    }
}

/// One piece of evidence for a link's relation, with the exact words on both sides.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reason {
    /// What kind of difference or agreement.
    pub kind: ReasonKind,
    /// Whether this reason makes the link a contradiction.
    pub conflict: bool,
    /// Spans in sentence `a`'s document.
    pub a_spans: Vec<Span>,
    /// Spans in sentence `b`'s document.
    pub b_spans: Vec<Span>,
    /// A one-line explanation a person can read.
    pub explanation: String,
}

/// How much one feature of the sentence matcher added to a link's score.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Feature name.
    pub feature: String,
    /// What it means in words, for this pair.
    pub description: String,
    /// Contribution to the log-odds.
    pub weight: f64,
}

/// One step of a word diff between two linked sentences.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DiffOp {
    /// `equal`, `delete` (only in a) or `insert` (only in b).
    pub op: DiffTag,
    /// Span in a's document, for `equal` and `delete`.
    pub a: Option<Span>,
    /// Span in b's document, for `equal` and `insert`.
    pub b: Option<Span>,
}

/// Kinds of [`DiffOp`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    /// Same words.
    Equal,
    /// Words only in a.
    Delete,
    /// Words only in b.
    Insert,
}

/// A link between two sentences that state the same claim.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Sentence id of one side (the smaller id). Shared with every other
    /// link of the sentence: a large comparison holds hundreds of thousands
    /// of links and only thousands of sentences.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub a: Arc<str>,
    /// Sentence id of the other side.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub b: Arc<str>,
    /// The relation.
    pub relation: Relation,
    /// Probability (0..1) that both sentences state the same claim.
    pub score: f64,
    /// Probability (0..1) that they state it with no material difference:
    /// the sentence matcher's, 0 for a pair unlike those it was fitted on
    /// (two sentences that share fewer than two content words, linked by
    /// containment or by their event).
    pub paraphrase: f64,
    /// Typed reasons with spans on both sides.
    #[cfg_attr(feature = "ts", ts(as = "Vec<Reason>"))]
    pub reasons: Reasons,
    /// The matcher's strongest feature contributions, in words. They depend
    /// on the two sentences' analyses alone, so every link between copies
    /// of the same two sentences (wire copy) shares one list.
    pub evidence: Arc<[Contribution]>,
    /// Word diff of the two sentences.
    #[cfg_attr(feature = "ts", ts(as = "Vec<DiffOp>"))]
    pub diff: WordDiff,
}

/// The stand-in for side a's report name in [`Reasons::shared`]
/// explanations (a private-use character).
pub const NAME_A: char = '\u{E000}';
/// The stand-in for side b's report name.
pub const NAME_B: char = '\u{E001}';

/// A link's reasons, in the JSON an array of [`Reason`].
///
/// The links between copies of the same two sentences (wire copy in many
/// reports) give the same reasons but for where the sentences sit and
/// what their reports are called. They share one list, with spans relative
/// to each sentence and [`NAME_A`] and [`NAME_B`] in the explanations; each
/// link keeps only where its sentences start and its two report names,
/// and a reason is placed when it is read or written. At 100 reports of
/// 100 sentences (282,013 links, 50,614 distinct pairs of copies) the
/// reasons and diffs held apart were 140 MB of a 390 MB peak.
#[derive(Clone, Default)]
pub struct Reasons {
    items: Arc<[Reason]>,
    /// Where each side's sentence starts in its document.
    starts: (usize, usize),
    /// The report names for the stand-ins, when the list has them.
    names: Option<(Arc<str>, Arc<str>)>,
}

impl Reasons {
    /// A list made for a pair of sentences with spans relative to each and
    /// the stand-ins for the report names, placed for sentences starting
    /// at `starts` in reports called `names`.
    pub fn shared(
        items: Arc<[Reason]>,
        starts: (usize, usize),
        names: (Arc<str>, Arc<str>),
    ) -> Self {
        Reasons {
            items,
            starts,
            names: Some(names),
        }
    }
    /// How many reasons.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// No reason at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Reason `i`, placed.
    pub fn get(&self, i: usize) -> Option<Reason> {
        self.items.get(i).map(|r| self.place(r))
    }
    /// The reasons, placed: spans in each document, names filled in.
    pub fn iter(&self) -> ReasonIter<'_> {
        ReasonIter {
            reasons: self,
            items: self.items.iter(),
        }
    }
    fn place(&self, r: &Reason) -> Reason {
        let (a, b) = self.starts;
        let shift = |v: &[Span], by: usize| v.iter().map(|s| s.offset(by)).collect();
        Reason {
            kind: r.kind,
            conflict: r.conflict,
            a_spans: shift(&r.a_spans, a),
            b_spans: shift(&r.b_spans, b),
            explanation: match &self.names {
                Some((na, nb)) => named(&r.explanation, na, nb),
                None => r.explanation.clone(),
            },
        }
    }
}

/// `text` with the stand-ins replaced by the names, in one pass (a name
/// may itself hold a stand-in character).
fn named(text: &str, a: &str, b: &str) -> String {
    Named(text, a, b).to_string()
}

/// The placed reasons of a [`Reasons`].
pub struct ReasonIter<'a> {
    reasons: &'a Reasons,
    items: std::slice::Iter<'a, Reason>,
}

impl Iterator for ReasonIter<'_> {
    type Item = Reason;
    fn next(&mut self) -> Option<Reason> {
        self.items.next().map(|r| self.reasons.place(r))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl ExactSizeIterator for ReasonIter<'_> {}

impl<'a> IntoIterator for &'a Reasons {
    type Item = Reason;
    type IntoIter = ReasonIter<'a>;
    fn into_iter(self) -> ReasonIter<'a> {
        self.iter()
    }
}

impl From<Vec<Reason>> for Reasons {
    /// Reasons already placed (spans in each document, real names).
    fn from(items: Vec<Reason>) -> Self {
        Reasons {
            items: items.into(),
            starts: (0, 0),
            names: None,
        }
    }
}

impl FromIterator<Reason> for Reasons {
    fn from_iter<I: IntoIterator<Item = Reason>>(iter: I) -> Self {
        Reasons::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl Serialize for Reasons {
    /// Each reason as [`Reason`] writes it once placed, without building it.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.items.iter().map(|r| PlacedReason { r, at: self }))
    }
}

/// A shared reason as its link reads it, for writing (see [`Reasons::place`]).
struct PlacedReason<'a> {
    r: &'a Reason,
    at: &'a Reasons,
}

impl Serialize for PlacedReason<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (a, b) = self.at.starts;
        let mut st = s.serialize_struct("Reason", 5)?;
        st.serialize_field("kind", &self.r.kind)?;
        st.serialize_field("conflict", &self.r.conflict)?;
        st.serialize_field("a_spans", &Shifted(&self.r.a_spans, a))?;
        st.serialize_field("b_spans", &Shifted(&self.r.b_spans, b))?;
        match &self.at.names {
            Some((na, nb)) => {
                st.serialize_field("explanation", &Named(&self.r.explanation, na, nb))?
            }
            None => st.serialize_field("explanation", &self.r.explanation)?,
        }
        st.end()
    }
}

/// Spans written shifted by an offset.
struct Shifted<'a>(&'a [Span], usize);

impl Serialize for Shifted<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|x| x.offset(self.1)))
    }
}

/// An explanation with its stand-ins filled in as it is written.
struct Named<'a>(&'a str, &'a str, &'a str);

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Named(text, a, b) = *self;
        let mut rest = text;
        while let Some(at) = rest.find([NAME_A, NAME_B]) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or(NAME_A);
            f.write_str(if c == NAME_A { a } else { b })?;
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

impl Serialize for Named<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A link's word diff, in the JSON an array of [`DiffOp`]. Shared like
/// [`Reasons`] by the links between copies of the same two sentences,
/// with spans relative to each sentence.
#[derive(Clone, Default)]
pub struct WordDiff {
    ops: Arc<[DiffOp]>,
    /// Where each side's sentence starts in its document.
    starts: (usize, usize),
}

impl WordDiff {
    /// A diff with spans relative to each sentence, placed for sentences
    /// starting at `starts`.
    pub fn shared(ops: Arc<[DiffOp]>, starts: (usize, usize)) -> Self {
        WordDiff { ops, starts }
    }
    /// How many steps.
    pub fn len(&self) -> usize {
        self.ops.len()
    }
    /// No step at all.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
    /// The steps, with spans in each document.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = DiffOp> + '_ {
        let (a, b) = self.starts;
        self.ops.iter().map(move |d| DiffOp {
            op: d.op,
            a: d.a.map(|s| s.offset(a)),
            b: d.b.map(|s| s.offset(b)),
        })
    }
}

impl From<Vec<DiffOp>> for WordDiff {
    /// Steps already placed (spans in each document).
    fn from(ops: Vec<DiffOp>) -> Self {
        WordDiff::shared(ops.into(), (0, 0))
    }
}

impl Serialize for WordDiff {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// What a shared list is to its readers: equal, printed and read back as
/// the placed list it stands for (`iter`), which `From<Vec<_>>` makes.
macro_rules! read_as_placed {
    ($list:ty, $item:ty) => {
        impl PartialEq for $list {
            fn eq(&self, other: &Self) -> bool {
                self.len() == other.len() && self.iter().eq(other.iter())
            }
        }

        impl std::fmt::Debug for $list {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_list().entries(self.iter()).finish()
            }
        }

        impl<'de> Deserialize<'de> for $list {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Vec::<$item>::deserialize(d).map(<$list>::from)
            }
        }
    };
}

read_as_placed!(Reasons, Reason);
read_as_placed!(WordDiff, DiffOp);

/// Links read back from JSON (a saved file, an exported comparison) share
/// much of what the links of a fresh comparison share: sentence ids,
/// evidence lists, the word diffs of links between copies of the same two
/// sentences, held once with their spans made relative to where the link's
/// spans begin, and so the reasons, where their explanations are the same
/// (they name the two reports, so that is between the same two reports).
/// Read without it, the 263 MB file of a 100-report comparison became a
/// model of 369 MB, each link with its own copies; with it, 87 MB. The
/// links are shared as they are read, so the copies are never all held at
/// once. Every link still reads, compares and writes exactly as it was
/// read.
mod shared_links {
    use super::{Link, Sharing};

    /// Links are written as they are.
    pub(super) fn serialize<S: serde::Serializer>(links: &[Link], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(links)
    }

    /// Links are read one by one, each sharing the lists of those before.
    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Link>, D::Error> {
        struct Links;
        impl<'de> serde::de::Visitor<'de> for Links {
            type Value = Vec<Link>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of links")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Vec<Link>, A::Error> {
                let mut sharing = Sharing::default();
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
                while let Some(link) = seq.next_element::<Link>()? {
                    out.push(sharing.share(link));
                }
                Ok(out)
            }
        }
        d.deserialize_seq(Links)
    }
}

/// The lists already read, for [`shared_links`].
#[derive(Default)]
struct Sharing {
    ids: rustc_hash::FxHashSet<Arc<str>>,
    evidence: rustc_hash::FxHashSet<Evidence>,
    reasons: rustc_hash::FxHashSet<Arc<[Reason]>>,
    diffs: rustc_hash::FxHashSet<Arc<[DiffOp]>>,
}

/// An evidence list as a set member: equal when every contribution is,
/// weights compared bit for bit (`f64` has no `Eq`).
#[derive(Clone)]
struct Evidence(Arc<[Contribution]>);

impl PartialEq for Evidence {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(other.0.iter()).all(|(x, y)| {
                x.feature == y.feature
                    && x.description == y.description
                    && x.weight.to_bits() == y.weight.to_bits()
            })
    }
}

impl Eq for Evidence {}

impl std::hash::Hash for Evidence {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        for c in self.0.iter() {
            c.feature.hash(h);
            c.description.hash(h);
            c.weight.to_bits().hash(h);
        }
    }
}

/// The member of `set` equal to `item`, which joins the set if none is.
fn held<T: std::hash::Hash + Eq + Clone>(set: &mut rustc_hash::FxHashSet<T>, item: T) -> T {
    match set.get(&item) {
        Some(held) => held.clone(),
        None => {
            set.insert(item.clone());
            item
        }
    }
}

/// Where a link's spans begin on one side: the start or end of any span
/// that comes first (so no span, even a reversed one in a damaged file,
/// ends up before it).
fn first(spans: impl Iterator<Item = Span>) -> usize {
    spans.map(|s| s.start.min(s.end)).min().unwrap_or(0)
}

impl Sharing {
    fn share(&mut self, link: Link) -> Link {
        let a = held(&mut self.ids, link.a);
        let b = held(&mut self.ids, link.b);
        let evidence = held(&mut self.evidence, Evidence(link.evidence)).0;
        let reasons: Vec<Reason> = link.reasons.iter().collect();
        let diff: Vec<DiffOp> = link.diff.iter().collect();
        let from_a = first(
            reasons
                .iter()
                .flat_map(|r| r.a_spans.iter().copied())
                .chain(diff.iter().filter_map(|d| d.a)),
        );
        let from_b = first(
            reasons
                .iter()
                .flat_map(|r| r.b_spans.iter().copied())
                .chain(diff.iter().filter_map(|d| d.b)),
        );
        let back = |s: Span, by: usize| Span {
            start: s.start - by,
            end: s.end - by,
        };
        let reasons: Arc<[Reason]> = reasons
            .into_iter()
            .map(|r| Reason {
                a_spans: r.a_spans.iter().map(|&s| back(s, from_a)).collect(),
                b_spans: r.b_spans.iter().map(|&s| back(s, from_b)).collect(),
                ..r
            })
            .collect();
        let diff: Arc<[DiffOp]> = diff
            .into_iter()
            .map(|d| DiffOp {
                op: d.op,
                a: d.a.map(|s| back(s, from_a)),
                b: d.b.map(|s| back(s, from_b)),
            })
            .collect();
        let reasons = held(&mut self.reasons, reasons);
        let diff = held(&mut self.diffs, diff);
        Link {
            a,
            b,
            evidence,
            reasons: Reasons {
                items: reasons,
                starts: (from_a, from_b),
                names: None,
            },
            diff: WordDiff::shared(diff, (from_a, from_b)),
            ..link
        }
    }
}

/// A story point: sentences across reports that tell the same thing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// `c1`, `c2`, ... in order of first appearance.
    pub id: String,
    /// Sentence ids in the cluster.
    pub sentences: Vec<String>,
    /// Document ids that tell it.
    pub documents: Vec<String>,
    /// How many reports tell it (k of N).
    pub coverage: usize,
    /// The worst relation inside the cluster.
    pub relation: Relation,
    /// A short label: the most central sentence.
    pub label: String,
}

/// A direct quote in one sentence.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRef {
    /// Sentence id.
    pub sentence: String,
    /// The quoted words (without quote marks).
    pub span: Span,
    /// Who is quoted, when the sentence says.
    pub speaker: Option<String>,
}

/// The same quote in two reports, with a character diff.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMatch {
    /// One side.
    pub a: QuoteRef,
    /// The other side.
    pub b: QuoteRef,
    /// Whether the quoted words are identical (after folding quote marks and case).
    pub identical: bool,
    /// Character diff of the quoted words.
    pub diff: Vec<DiffOp>,
}

/// A framing or loaded term used in a report.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FramingUse {
    /// Sentence id.
    pub sentence: String,
    /// Where the term is.
    pub span: Span,
    /// The framing concept (`coup`, `resignation`, `massacre`...).
    pub concept: String,
    /// The family of concepts it belongs to (`what happened to Morales`...).
    pub family: String,
    /// `own` when the outlet says it in its own voice; `attributed` when it
    /// quotes or attributes it to someone.
    pub voice: Voice,
}

/// Whose words a term is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The outlet's own voice.
    Own,
    /// Quoted or attributed to someone else.
    Attributed,
}

impl Comparison {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The document and sentence for a sentence id.
    pub fn sentence(&self, id: &str) -> Option<(&Document, &Sentence)> {
        let (doc, idx) = split_sentence_id(id)?;
        let d = self.document(doc)?;
        d.sentences.get(idx).map(|s| (d, s))
    }

    /// Links (cross-report) that touch a sentence.
    pub fn links_of<'a>(&'a self, sentence: &'a str) -> impl Iterator<Item = &'a Link> + 'a {
        self.links
            .iter()
            .filter(move |l| &*l.a == sentence || &*l.b == sentence)
    }

    /// A display name for a document: outlet, else title, else id.
    pub fn display_name(&self, doc_id: &str) -> String {
        self.document(doc_id)
            .map(Document::display_name)
            .unwrap_or_else(|| doc_id.to_string())
    }
}

impl Document {
    /// Outlet, else title, else id.
    pub fn display_name(&self) -> String {
        self.meta
            .outlet
            .clone()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| self.meta.title.clone().filter(|s| !s.trim().is_empty()))
            .unwrap_or_else(|| self.id.clone())
    }

    /// The text under a span (empty if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

/// Split `"doc:12"` into `("doc", 12)`.
pub fn split_sentence_id(id: &str) -> Option<(&str, usize)> {
    let (doc, idx) = id.rsplit_once(':')?;
    Some((doc, idx.parse().ok()?))
}

/// Build a sentence id.
pub fn sentence_id(doc: &str, index: usize) -> String {
    format!("{doc}:{index}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(a: Span, b: Span, explanation: &str) -> Reason {
        Reason {
            kind: ReasonKind::Number,
            conflict: true,
            a_spans: vec![a],
            b_spans: vec![b],
            explanation: explanation.into(),
        }
    }

    #[test]
    fn shared_reasons_and_diffs_read_and_write_as_their_placed_lists() {
        let items = vec![reason(
            Span::new(0, 4),
            Span::new(2, 6),
            "\u{E000} says \"nine\", \u{E001} says 'five'",
        )];
        let ops = vec![
            DiffOp {
                op: DiffTag::Equal,
                a: Some(Span::new(5, 9)),
                b: Some(Span::new(0, 4)),
            },
            DiffOp {
                op: DiffTag::Insert,
                a: None,
                b: Some(Span::new(4, 8)),
            },
        ];
        let names: (Arc<str>, Arc<str>) = ("The \"Wire\"\n".into(), "El Diario".into());
        let reasons = Reasons::shared(items.into(), (100, 30), names);
        let diff = WordDiff::shared(ops.into(), (100, 30));
        let placed_reasons = vec![reason(
            Span::new(100, 104),
            Span::new(32, 36),
            "The \"Wire\"\n says \"nine\", El Diario says 'five'",
        )];
        let placed_diff = vec![
            DiffOp {
                op: DiffTag::Equal,
                a: Some(Span::new(105, 109)),
                b: Some(Span::new(30, 34)),
            },
            DiffOp {
                op: DiffTag::Insert,
                a: None,
                b: Some(Span::new(34, 38)),
            },
        ];
        assert_eq!(reasons.iter().collect::<Vec<_>>(), placed_reasons);
        assert_eq!(reasons.get(0), placed_reasons.first().cloned());
        assert_eq!(diff.iter().collect::<Vec<_>>(), placed_diff);
        assert_eq!(json(&reasons), json(&placed_reasons));
        assert_eq!(json(&diff), json(&placed_diff));
        // Read back, they are the placed lists, equal to the shared ones.
        let back: Reasons = serde_json::from_str(&json(&reasons)).unwrap();
        assert_eq!(back, reasons);
        assert_eq!(back, Reasons::from(placed_reasons));
        let back: WordDiff = serde_json::from_str(&json(&diff)).unwrap();
        assert_eq!(back, diff);
    }

    #[test]
    fn stand_ins_are_filled_once_and_only_in_shared_lists() {
        let text = "\u{E000} says 'nine', \u{E001} says 'five'";
        let span = Span::new(0, 1);
        // A report name that itself holds a stand-in is written as it is.
        let shared = Reasons::shared(
            vec![reason(span, span, text)].into(),
            (0, 0),
            ("Odd\u{E001}".into(), "B".into()),
        );
        assert_eq!(
            shared.get(0).unwrap().explanation,
            "Odd\u{E001} says 'nine', B says 'five'"
        );
        // Reasons made with the real names keep every character.
        let own = Reasons::from(vec![reason(span, span, text)]);
        assert_eq!(own.get(0).unwrap().explanation, text);
    }

    #[test]
    fn links_read_back_share_their_lists_and_read_as_they_were_written() {
        // The wire's sentence copied into two reports and told with
        // another number in two more, each after different sentences, so
        // the four links between the copies sit at different places.
        let wire = "Officials said nine people died in the clashes near the bridge on Friday.";
        let other = "Officials said five people died in the clashes near the bridge on Friday.";
        let texts = [
            ("a.txt", format!("The port reopened at dawn. {wire}")),
            (
                "b.txt",
                format!("Traffic was light. Shops stayed closed all week. {wire}"),
            ),
            ("c.txt", format!("{other} The river rose overnight.")),
            (
                "d.txt",
                format!("Schools reopened on Monday. Buses ran late. Rain fell. {other}"),
            ),
        ];
        let texts: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let cmp = crate::compare::compare_texts(&texts, &crate::compare::Options::default())
            .expect("compare");
        let copies: Vec<&Link> = cmp
            .links
            .iter()
            .filter(|l| l.relation == Relation::Contradict)
            .collect();
        assert_eq!(copies.len(), 4, "{:#?}", cmp.links);
        let written = json(&cmp);
        let back: Comparison = serde_json::from_str(&written).expect("read back");
        assert_eq!(back, cmp);
        assert_eq!(json(&back), written);
        let back: Vec<&Link> = back
            .links
            .iter()
            .filter(|l| l.relation == Relation::Contradict)
            .collect();
        // One evidence list and one word diff for the four links, each
        // placed apart.
        for l in &back[1..] {
            assert!(Arc::ptr_eq(&l.evidence, &back[0].evidence));
            assert!(Arc::ptr_eq(&l.diff.ops, &back[0].diff.ops));
        }
        let spans: std::collections::BTreeSet<Vec<Span>> = back
            .iter()
            .map(|l| l.diff.iter().find_map(|d| d.a).into_iter().collect())
            .collect();
        assert_eq!(spans.len(), 2, "two places of the nine: {spans:?}");
        // Sentence ids are held once.
        let a: Vec<&Link> = back
            .iter()
            .filter(|l| l.a.starts_with('a'))
            .copied()
            .collect();
        assert!(Arc::ptr_eq(&a[0].a, &a[1].a));
        // Reasons name the two reports, so links share them when they are
        // between the same two reports: each link here written twice.
        let mut twice = cmp.clone();
        twice.links.extend(cmp.links.iter().cloned());
        let back: Comparison = serde_json::from_str(&json(&twice)).expect("read back");
        assert_eq!(back, twice);
        let n = cmp.links.len();
        for (l, again) in back.links[..n].iter().zip(&back.links[n..]) {
            assert!(Arc::ptr_eq(&l.reasons.items, &again.reasons.items));
        }
    }

    fn json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap()
    }
}
