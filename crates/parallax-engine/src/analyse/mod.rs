//! Analyse: what each sentence says, in a form that can be compared.
//!
//! Per sentence: tokens and their keys, entities (from topic files, plus
//! capitalised spans no file lists), numbers as ranges with what they count,
//! dates resolved against the report's date, places, direct quotes and their
//! speakers, negation, opposite acts ("withdrew support" / "support") with
//! who did them to whom, ordinal ranks, hedges and framing terms with the
//! voice they are said in.
//!
//! All spans here are byte offsets within the sentence; the model adds the
//! sentence's start to make them document offsets.

pub mod dates;
pub mod numbers;

use chrono::NaiveDate;

use crate::lexicon::Lexicon;
use crate::model::{MarkKind, Span, Voice};
use crate::text::Token;

pub use dates::DateMention;
pub use numbers::Quantity;

/// A named entity mention.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMention {
    /// Byte span in the sentence.
    pub span: Span,
    /// Canonical id: a topic entity id, or `name:<folded name>` for names no file lists.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Person, organisation, place, or name (unknown kind).
    pub kind: MarkKind,
    /// A role description ("the armed forces commander"), not a name.
    pub weak: bool,
    /// Preceded by a locative preposition ("in", "en", "near").
    pub locative: bool,
    /// Denied: "not in La Paz", "no en La Paz".
    pub negated: bool,
    /// Token indexes covered.
    pub tokens: (usize, usize),
}

impl EntityMention {
    /// Whether the sentence gives this name as where something happened:
    /// after a locative preposition, and a place or a name of unknown kind
    /// (with no topic file, "in Senkata" is all that says Senkata is a place).
    pub fn is_where(&self) -> bool {
        self.locative && matches!(self.kind, MarkKind::Place | MarkKind::Name)
    }
}

/// A direct quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without the marks.
    pub span: Span,
    /// The speaker's entity id and name, when the sentence names one.
    pub speaker: Option<(String, String)>,
}

/// An act stated with its polarity: "withdrew support" is `support`, negative.
#[derive(Debug, Clone, PartialEq)]
pub struct Act {
    /// The act.
    pub concept: String,
    /// Stated (true) or its opposite/negated (false).
    pub positive: bool,
    /// Where it is said.
    pub span: Span,
    /// Who does it (entity id), when named before it.
    pub agent: Option<String>,
    /// To or for whom (entity id, `frame:<concept>`, or
    /// [`PROPOSAL_OBJECT`] for a call or demand it takes), when named after it.
    pub object: Option<(String, Span)>,
}

/// The object of an act aimed at a proposal (see [`Act::object`]).
pub const PROPOSAL_OBJECT: &str = "proposal";

/// A framing term.
#[derive(Debug, Clone, PartialEq)]
pub struct FramingHit {
    /// Where.
    pub span: Span,
    /// Concept.
    pub concept: String,
    /// Family.
    pub family: String,
    /// Own or attributed voice.
    pub voice: Voice,
    /// The event word the term names, if its concept names one (a coup
    /// names the resignation's event; see [`crate::topic::FramingEntry`]).
    pub event: Option<String>,
    /// Token indexes covered.
    pub tokens: (usize, usize),
}

/// An ordinal rank.
#[derive(Debug, Clone, PartialEq)]
pub struct Rank {
    /// Where.
    pub span: Span,
    /// 1 for first, 2 for second or runner-up...
    pub rank: u8,
    /// What is ranked (key of the next content word).
    pub of: Option<String>,
}

/// Everything found in one sentence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SentenceAnalysis {
    /// The sentence text.
    pub text: String,
    /// Its language.
    pub lang: String,
    /// Tokens.
    pub tokens: Vec<Token>,
    /// Distinct content keys (no function words), in order of appearance.
    pub keys: Vec<String>,
    /// Entities.
    pub entities: Vec<EntityMention>,
    /// Counts and amounts.
    pub numbers: Vec<Quantity>,
    /// Dates.
    pub dates: Vec<DateMention>,
    /// Direct quotes.
    pub quotes: Vec<Quote>,
    /// Negation cues.
    pub negations: Vec<Span>,
    /// Keys of content words in the scope of a negation.
    pub negated: Vec<String>,
    /// Acts with polarity.
    pub acts: Vec<Act>,
    /// Framing terms.
    pub framing: Vec<FramingHit>,
    /// Hedges.
    pub hedges: Vec<Span>,
    /// Ranks.
    pub ranks: Vec<Rank>,
}

const NEGATION: &[&str] = &[
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot",
    "nunca", "jamas", "ni", "ningun", "ninguna", "ninguno", "tampoco", "sin", "nadie", "nada",
];
/// Verbs that turn an act into its opposite: "withdrew (its) support".
const REVERSAL: &[&str] = &[
    "withdraw",
    "withdrew",
    "withdrawn",
    "withdrawing",
    "withdraws",
    "pull",
    "pulled",
    "pulling",
    "drop",
    "dropped",
    "dropping",
    "lose",
    "lost",
    "losing",
    "loses",
    "end",
    "ended",
    "revoke",
    "revoked",
    "retiro",
    "retiraron",
    "retirar",
    "retira",
    "quito",
    "quitaron",
    "quitar",
    "perdio",
    "perdieron",
    "perder",
];
const HEDGES: &[&str] = &[
    "apparent",
    "apparently",
    "reportedly",
    "allegedly",
    "alleged",
    "purported",
    "purportedly",
    "supposedly",
    "seemingly",
    "appears",
    "appeared",
    "presunto",
    "presunta",
    "presuntamente",
    "supuesto",
    "supuesta",
    "supuestamente",
    "aparente",
    "aparentemente",
];
const ATTRIBUTION: &[&str] = &[
    "called",
    "calls",
    "call",
    "calling",
    "described",
    "describes",
    "denounced",
    "denounces",
    "termed",
    "labelled",
    "labeled",
    "accused",
    "accuses",
    "said",
    "says",
    "stated",
    "states",
    "according",
    "claimed",
    "claims",
    "alleged",
    "branded",
    "decried",
    "dubbed",
    "what",
    "califico",
    "calificaron",
    "denuncio",
    "denunciaron",
    "segun",
    "dijo",
    "afirmo",
    "llamo",
    "tildo",
    "acuso",
    "acusaron",
    "considero",
    "describio",
    "sostuvo",
    "aseguro",
    "declaro",
];
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "called",
    "declared",
    "wrote",
    "added",
    "stated",
    "announced",
    "asked",
    "urged",
    "dijo",
    "afirmo",
    "declaro",
    "senalo",
    "anuncio",
    "escribio",
    "agrego",
    "sostuvo",
    "aseguro",
    "expreso",
    "pidio",
    "califico",
];
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "outside", "en", "cerca", "afueras", "around", "into",
];
const ORDINALS: &[(&str, u8)] = &[
    ("first", 1),
    ("second", 2),
    ("runner-up", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("primer", 1),
    ("primero", 1),
    ("primera", 1),
    ("segundo", 2),
    ("segunda", 2),
    ("tercer", 3),
    ("tercero", 3),
    ("tercera", 3),
    ("cuarto", 4),
    ("cuarta", 4),
];
/// The act of setting a time for something: stated by a time bound ("within
/// 90 days"), denied by the phrases `polarity.tsv` lists for it ("gave no
/// date", "has not set a date", "sin fecha").
pub const SCHEDULE: &str = "schedule";

/// Words that open a time bound before a count of days, weeks, months or
/// years: "within 90 days", "dentro de 90 días", "en un plazo de 90 días".
const TIME_BOUND: &[&str] = &["within", "dentro", "plazo"];

/// Units of a time bound (folded).
const TIME_UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "dia", "dias", "semana",
    "semanas", "mes", "meses", "ano", "anos",
];

const NAME_CONNECTORS: &[&str] = &["de", "del", "la", "las", "los", "y", "of"];
/// Articles that begin place and personal names ("La Paz", "El Alto", "Los
/// Angeles") when capitalised before a capitalised word.
const NAME_ARTICLES: &[&str] = &["el", "la", "las", "los"];
const PREPOSITIONS: &[&str] = &[
    "for", "from", "to", "of", "with", "de", "del", "a", "al", "hacia", "para", "con", "on",
];

/// Analyse one sentence, read alone.
pub fn sentence(
    text: &str,
    lang: &str,
    anchor: Option<NaiveDate>,
    lex: &Lexicon,
) -> SentenceAnalysis {
    sentence_in_context(text, lang, anchor, None, lex)
}

/// Analyse one sentence of a report, given the last day the report named
/// before it (see [`dates::find`]).
pub fn sentence_in_context(
    text: &str,
    lang: &str,
    anchor: Option<NaiveDate>,
    day: Option<&DateMention>,
    lex: &Lexicon,
) -> SentenceAnalysis {
    let mut tokens = crate::text::tokens(text, lang, lex);
    let n = tokens.len();

    // Phrases from the lexicon, longest first.
    let mut entities = Vec::new();
    let mut framing_raw: Vec<(usize, usize, String, String)> = Vec::new();
    // The event each of `framing_raw` names, in step with it.
    let mut framing_events: Vec<Option<String>> = Vec::new();
    let mut acts_raw: Vec<(usize, usize, String, bool)> = Vec::new();
    let mut entity_used = vec![false; n];
    let mut polarity_used = vec![false; n];
    let maxw = lex.max_words.max(1);
    let folds: Vec<String> = tokens.iter().map(|t| t.fold.clone()).collect();
    for len in (1..=maxw.min(n)).rev() {
        for i in 0..=n - len {
            let key = folds[i..i + len].join(" ");
            let Some(m) = lex.phrase(&key) else { continue };
            if let Some((idx, weak)) = m.entity {
                if !entity_used[i..i + len].iter().any(|u| *u) {
                    if let Some(def) = lex.entity(idx) {
                        entities.push(EntityMention {
                            span: Span::new(tokens[i].span.start, tokens[i + len - 1].span.end),
                            id: def.id.clone(),
                            name: def.name.clone(),
                            kind: def.kind,
                            weak,
                            locative: false,
                            negated: false,
                            tokens: (i, i + len),
                        });
                        entity_used[i..i + len].iter_mut().for_each(|u| *u = true);
                    }
                }
            }
            if let Some(f) = &m.framing {
                if !framing_raw
                    .iter()
                    .any(|(a, b, _, _)| i < *b && *a < i + len)
                {
                    framing_raw.push((i, i + len, f.concept.clone(), f.family.clone()));
                    framing_events.push(f.event.clone());
                }
            }
            if let Some(p) = &m.polarity {
                if !polarity_used[i..i + len].iter().any(|u| *u) {
                    acts_raw.push((i, i + len, p.concept.clone(), p.positive));
                    polarity_used[i..i + len].iter_mut().for_each(|u| *u = true);
                }
            }
            if len > 1 {
                if let Some(c) = &m.concept {
                    // The phrase's first token carries its concept, and is
                    // content even when that word alone is a function word
                    // ("se autoproclamó": "se" is one).
                    tokens[i].key = c.clone();
                    tokens[i].stop = false;
                    for t in &mut tokens[i + 1..i + len] {
                        t.stop = true;
                    }
                }
            }
        }
    }

    // Capitalised spans that no topic file lists. A capitalised Spanish
    // article opens one when a capitalised word follows ("La Paz", "El
    // Alto"): the article is part of the name, and without it "in the city
    // of La Paz" and "not in La Paz" would name only "Paz", too far from
    // "in" and "not" to read as a place or a denial.
    let mut i = 0;
    while i < n {
        let article = tokens[i].stop
            && NAME_ARTICLES.contains(&tokens[i].fold.as_str())
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.cap && !t.stop && !t.numeric && !entity_used[i + 1]);
        if entity_used[i] || !tokens[i].cap || tokens[i].numeric || (tokens[i].stop && !article) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && !entity_used[j] {
            if tokens[j].cap
                && !tokens[j].numeric
                && (!tokens[j].stop || NAME_CONNECTORS.contains(&tokens[j].fold.as_str()))
            {
                j += 1;
            } else if NAME_CONNECTORS.contains(&tokens[j].fold.as_str())
                && j + 1 < n
                && tokens[j + 1].cap
                && !entity_used[j + 1]
                && !tokens[j + 1].stop
            {
                j += 2;
            } else {
                break;
            }
        }
        // Gap-free in the text: a comma or full stop ends a name.
        let mut k = i + 1;
        while k < j {
            let gap = &text[tokens[k - 1].span.end..tokens[k].span.start];
            if gap.chars().any(|c| !c.is_whitespace()) {
                break;
            }
            k += 1;
        }
        let j = k;
        let at_start = i == 0
            || text[..tokens[i].span.start]
                .trim_end()
                .ends_with(['.', '"', '“', '¿', '¡', ':']);
        let single_common = j == i + 1
            && (lex.concept(&tokens[i].fold).is_some() || at_start || tokens[i].fold.len() < 3);
        let is_month_or_day =
            (i..j).all(|x| crate::analyse::dates::is_calendar_word(&tokens[x].fold));
        if !(single_common || is_month_or_day || (at_start && j == i + 1)) {
            let name = text[tokens[i].span.start..tokens[j - 1].span.end].to_string();
            let folded: Vec<&str> = tokens[i..j].iter().map(|t| t.fold.as_str()).collect();
            entities.push(EntityMention {
                span: Span::new(tokens[i].span.start, tokens[j - 1].span.end),
                id: format!("name:{}", folded.join(" ")),
                name,
                kind: MarkKind::Name,
                weak: false,
                locative: false,
                negated: false,
                tokens: (i, j),
            });
            entity_used[i..j].iter_mut().for_each(|u| *u = true);
        }
        i = j.max(i + 1);
    }
    entities.sort_by_key(|e| e.tokens.0);
    for e in &mut entities {
        let from = e.tokens.0.saturating_sub(5);
        e.locative = (from..e.tokens.0)
            .rev()
            .take_while(|&k| !entity_used[k])
            .any(|k| LOCATIVE.contains(&tokens[k].fold.as_str()));
        e.negated = (e.tokens.0.saturating_sub(2)..e.tokens.0)
            .any(|k| matches!(tokens[k].fold.as_str(), "not" | "no" | "nor" | "ni"));
    }

    // Dates first, so day numbers and years are not counted.
    let mut used = vec![false; n];
    let dates = dates::find(&tokens, anchor, lang, day, &mut used);
    let numbers = numbers::find(text, &tokens, &used, lang);

    // Quotes.
    let quote_spans = find_quotes(text);
    let quotes: Vec<Quote> = quote_spans
        .iter()
        .map(|&span| Quote {
            span,
            speaker: speaker_for(span, &entities, &tokens),
        })
        .collect();
    let in_quote = |s: Span| {
        quote_spans
            .iter()
            .any(|q| q.start <= s.start && s.end <= q.end)
    };

    // Negation and its scope (the next content word).
    let mut negations = Vec::new();
    let mut negated = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let neg = NEGATION.contains(&t.fold.as_str())
            || t.fold.ends_with("n't")
            || t.fold.ends_with("nt")
                && [
                    "didnt", "wasnt", "werent", "doesnt", "dont", "isnt", "hasnt", "havent",
                    "wont", "couldnt", "wouldnt",
                ]
                .contains(&t.fold.as_str());
        if neg {
            negations.push(t.span);
            for u in tokens[k + 1..]
                .iter()
                .filter(|u| !u.stop && !u.numeric)
                .take(1)
            {
                negated.push(u.key.clone());
            }
        }
    }

    // A time bound set for something states the schedule act: no lexicon
    // phrase can hold its number ("within 90 days" against "gave no date").
    for q in &numbers {
        let (start, end) = q.tokens;
        if !tokens
            .get(end)
            .is_some_and(|t| TIME_UNITS.contains(&t.fold.as_str()))
        {
            continue;
        }
        let Some(k) = (start.saturating_sub(3)..start)
            .rev()
            .find(|&k| TIME_BOUND.contains(&tokens[k].fold.as_str()))
        else {
            continue;
        };
        if !polarity_used[k..=end].iter().any(|u| *u) {
            acts_raw.push((k, end + 1, SCHEDULE.to_string(), true));
        }
    }

    // Acts: polarity phrases, flipped by a negation or a reversal verb
    // ("withdrew its support", "retiró su respaldo") just before them.
    let mut acts = Vec::new();
    for (mut a, b, concept, positive) in acts_raw {
        let negated_here = (a.saturating_sub(3)..a).any(|k| negations.contains(&tokens[k].span));
        let reversal = (a.saturating_sub(3)..a)
            .rev()
            .find(|&k| REVERSAL.contains(&tokens[k].fold.as_str()));
        let flipped = negated_here != (positive && reversal.is_some());
        if let Some(k) = reversal.filter(|_| positive) {
            a = k;
        }
        let agent = entities
            .iter()
            .rev()
            .find(|e| e.tokens.1 <= a && !e.locative)
            .map(|e| e.id.clone());
        let object = object_after(b, &tokens, &entities, &framing_raw);
        acts.push(Act {
            concept,
            positive: positive != flipped,
            span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
            agent,
            object,
        });
    }

    // Framing terms and whose voice they are in.
    let framing = framing_raw
        .iter()
        .zip(framing_events)
        .map(|((a, b, concept, family), event)| {
            let span = Span::new(tokens[*a].span.start, tokens[*b - 1].span.end);
            let attributed = in_quote(span)
                || tokens[..*a]
                    .iter()
                    .any(|t| ATTRIBUTION.contains(&t.fold.as_str()));
            FramingHit {
                span,
                concept: concept.clone(),
                family: family.clone(),
                voice: if attributed {
                    Voice::Attributed
                } else {
                    Voice::Own
                },
                event,
                tokens: (*a, *b),
            }
        })
        .collect();

    let hedges = tokens
        .iter()
        .filter(|t| HEDGES.contains(&t.fold.as_str()))
        .map(|t| t.span)
        .collect();
    let ranks = tokens
        .iter()
        .enumerate()
        .filter_map(|(k, t)| {
            let r = ORDINALS.iter().find(|(w, _)| *w == t.fold)?.1;
            let of = tokens[k + 1..]
                .iter()
                .find(|u| !u.stop)
                .map(|u| u.key.clone());
            Some(Rank {
                span: t.span,
                rank: r,
                of,
            })
        })
        .collect();

    let mut keys: Vec<String> = Vec::new();
    for t in &tokens {
        if !t.stop && !keys.contains(&t.key) && t.fold.chars().count() > 1 {
            keys.push(t.key.clone());
        }
    }
    SentenceAnalysis {
        text: text.to_string(),
        lang: lang.to_string(),
        tokens,
        keys,
        entities,
        numbers,
        dates,
        quotes,
        negations,
        negated,
        acts,
        framing,
        hedges,
        ranks,
    }
}

/// Nouns that name a proposal: an act aimed at one ("backed the public's
/// call for the president to step down") is aimed at the proposal, not at
/// whoever the proposal names.
const PROPOSAL_NOUNS: &[&str] = &[
    "call",
    "calls",
    "demand",
    "demands",
    "request",
    "requests",
    "proposal",
    "proposals",
    "petition",
    "appeal",
    "llamado",
    "llamamiento",
    "pedido",
    "exigencia",
    "demanda",
    "propuesta",
    "peticion",
];

/// The object of an act: a proposal it takes directly ("backed the call"),
/// else an entity or framing concept shortly after a preposition.
fn object_after(
    b: usize,
    tokens: &[Token],
    entities: &[EntityMention],
    framing: &[(usize, usize, String, String)],
) -> Option<(String, Span)> {
    // A direct object within four words, before any preposition.
    let direct = (b..tokens.len().min(b + 4))
        .take_while(|&k| !PREPOSITIONS.contains(&tokens[k].fold.as_str()))
        .find(|&k| PROPOSAL_NOUNS.contains(&tokens[k].fold.as_str()));
    if let Some(k) = direct {
        return Some((PROPOSAL_OBJECT.to_string(), tokens[k].span));
    }
    let prep =
        (b..tokens.len().min(b + 3)).find(|&k| PREPOSITIONS.contains(&tokens[k].fold.as_str()))?;
    let window = prep + 1..tokens.len().min(prep + 8);
    let ent = entities
        .iter()
        .find(|e| window.contains(&e.tokens.0))
        .map(|e| (e.tokens.0, e.id.clone(), e.span));
    let fr = framing.iter().find(|f| window.contains(&f.0)).map(|f| {
        (
            f.0,
            format!("frame:{}", f.2),
            Span::new(tokens[f.0].span.start, tokens[f.1 - 1].span.end),
        )
    });
    match (ent, fr) {
        (Some(e), Some(f)) => Some(if e.0 <= f.0 { (e.1, e.2) } else { (f.1, f.2) }),
        (Some(e), None) => Some((e.1, e.2)),
        (None, Some(f)) => Some((f.1, f.2)),
        (None, None) => None,
    }
}

/// Nouns for a piece of journalism that another text can restate.
const REPORT_NOUNS: &[&str] = &[
    "report",
    "article",
    "story",
    "piece",
    "post",
    "informe",
    "articulo",
    "nota",
    "reportaje",
    "cronica",
];

/// Determiners before such a noun when it stands alone ("the report", "a
/// report about Bolivia"), not named ("an OAS report", "the UN report").
const REPORT_DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "its", "el", "un", "la", "una", "este", "esta", "ese", "esa",
];

/// Verbs by which a text says what a report says or does: "the report
/// says", "a report ... claims", "the report places the deaths in La Paz",
/// "the report contradicts itself".
const RESTATING_VERBS: &[&str] = &[
    "says",
    "said",
    "claims",
    "claimed",
    "states",
    "stated",
    "asserts",
    "alleges",
    "places",
    "placed",
    "puts",
    "dates",
    "describes",
    "calls",
    "quotes",
    "attributes",
    "reports",
    "writes",
    "contradicts",
    "dice",
    "afirma",
    "asegura",
    "sostiene",
    "senala",
    "atribuye",
    "ubica",
    "situa",
];

/// Verbs only a text does to an event ("the report places the deaths in La
/// Paz", "it dated the resignation to last week"; unlike "says", which a
/// ministry does too): with "it" for subject, the sentence restates a report
/// named before it.
const TEXT_ONLY_VERBS: &[&str] = &["places", "placed", "dates", "dated", "quotes", "quoted"];

/// How far after a sentence's opening "it" (in tokens) a verb of
/// [`TEXT_ONLY_VERBS`] may come: "It also places".
const PRONOUN_REACH: usize = 2;

/// How far after the noun (in tokens, before a colon, semicolon or full
/// stop) its verb may come:
/// "a report about Bolivia that has circulated online since last week says".
const RESTATING_REACH: usize = 12;

/// Whether a sentence tells what a report (the one a fact check or a media
/// critic is reading) says, rather than making the claim itself: "The report
/// says Morales remains in exile in Mexico." Such a sentence does not agree
/// with the claim it restates, nor contradict it: it describes it. A report
/// named by who made it ("the OAS report said") is a source like any other,
/// and is not counted.
pub fn restates_a_report(s: &SentenceAnalysis) -> bool {
    let t = &s.tokens;
    // "It also places deadly violence in La Paz": a pronoun for the report
    // of the sentence before, doing what only a text does to an event (a
    // ministry "says" things too; it does not "place" violence anywhere).
    let pronoun_restates = t.first().is_some_and(|x| x.fold == "it")
        && t.iter()
            .skip(1)
            .take(PRONOUN_REACH)
            .any(|x| TEXT_ONLY_VERBS.contains(&x.fold.as_str()));
    pronoun_restates
        || t.iter().enumerate().any(|(i, tok)| {
            let bare = i > 0
                && REPORT_DETERMINERS.contains(&t[i - 1].fold.as_str())
                && REPORT_NOUNS.contains(&tok.fold.as_str())
                && !t.get(i + 1).is_some_and(|n| {
                    matches!(n.fold.as_str(), "by" | "of" | "from" | "de" | "del")
                });
            bare && t
                .iter()
                .enumerate()
                .skip(i + 1)
                .take(RESTATING_REACH)
                .take_while(|(_, x)| {
                    !s.text
                        .get(tok.span.end..x.span.start)
                        .unwrap_or("")
                        .contains([';', ':', '.', '?', '!'])
                })
                .any(|(_, x)| RESTATING_VERBS.contains(&x.fold.as_str()))
        })
}

/// Spans of quoted words inside matching quote marks.
pub fn find_quotes(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let pairs = [('“', '”'), ('«', '»'), ('"', '"'), ('„', '“')];
    for (open, close) in pairs {
        let mut search = 0;
        while let Some(o) = text[search..].find(open) {
            let start = search + o + open.len_utf8();
            let Some(c) = text[start..].find(close) else {
                break;
            };
            let end = start + c;
            let inner = &text[start..end];
            // Scare quotes of one word still count: "suggestion" is a quote too.
            if !inner.trim().is_empty()
                && !out.iter().any(|s: &Span| s.start < end && start < s.end)
            {
                out.push(Span::new(start, end));
            }
            search = end + close.len_utf8();
        }
    }
    out.sort();
    out
}

fn speaker_for(q: Span, entities: &[EntityMention], tokens: &[Token]) -> Option<(String, String)> {
    let outside = |e: &&EntityMention| e.span.end <= q.start || e.span.start >= q.end;
    let persons = |e: &&EntityMention| {
        matches!(
            e.kind,
            MarkKind::Person | MarkKind::Name | MarkKind::Organisation
        ) && !e.locative
    };
    let has_speech = tokens.iter().any(|t| SPEECH.contains(&t.fold.as_str()));
    let cands: Vec<&EntityMention> = entities.iter().filter(outside).filter(persons).collect();
    if cands.is_empty() || !has_speech && cands.len() > 1 {
        return cands.first().map(|e| (e.id.clone(), e.name.clone()));
    }
    // Prefer the subject before the quote, else the nearest after.
    let before = cands
        .iter()
        .filter(|e| e.span.end <= q.start)
        .min_by_key(|e| e.span.start);
    let after = cands
        .iter()
        .filter(|e| e.span.start >= q.end)
        .min_by_key(|e| e.span.start);
    before.or(after).map(|e| (e.id.clone(), e.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_opened_by_a_function_word_keeps_its_concept() {
        // "se" alone is a function word; "se autoproclamó" is taking office.
        let lex = Lexicon::builtin();
        let s = sentence(
            "La senadora se autoproclamó presidenta el martes.",
            "es",
            None,
            &lex,
        );
        assert!(s.keys.iter().any(|k| k == "take-office"), "{:?}", s.keys);
    }

    #[test]
    fn a_sentence_about_what_a_report_says_restates_it() {
        let lex = Lexicon::builtin();
        let restates = |t: &str| restates_a_report(&sentence(t, "en", None, &lex));
        for t in [
            "The report says the bridge was closed on Monday.",
            "A report that has circulated online since last week says that the mayor resigned.",
            "By putting the flood in March, the report contradicts itself.",
            "The article places the fire in the old town.",
            // "It", the report of the sentence before, doing what a text does.
            "It also places the fire in the old town and says the mayor resigned.",
        ] {
            assert!(restates(t), "{t}");
        }
        for t in [
            "The bridge was closed on Monday.",
            "The inspectors' report said the bridge was unsafe.",
            "A report by the ombudsman says nine people died.",
            "Police said the report was false; the mayor says otherwise.",
            "She read the report. The mayor says it is wrong.",
            // An organisation says things too.
            "It said nine people had died in the fire.",
        ] {
            assert!(!restates(t), "{t}");
        }
        let es = |t: &str| restates_a_report(&sentence(t, "es", None, &lex));
        assert!(es("El informe dice que el puente se cerró el lunes."));
        assert!(!es(
            "El informe de la Defensoría dice que murieron nueve personas."
        ));
    }

    fn lex() -> Lexicon {
        let mut l = Lexicon::builtin();
        crate::topic::TopicFile::parse(
            "t",
            r#"
[[entity]]
id = "kaliman"
kind = "person"
name = "Williams Kaliman"
aliases = ["Gen. Williams Kaliman", "Kaliman", "General Kaliman"]
roles = ["the armed forces commander"]
[[entity]]
id = "morales"
kind = "person"
name = "Evo Morales"
aliases = ["Morales"]
[[entity]]
id = "anez"
kind = "person"
name = "Jeanine Áñez"
aliases = ["Áñez", "Añez", "Anez"]
"#,
        )
        .unwrap()
        .apply(&mut l);
        l
    }

    #[test]
    fn entity_aliases_fold_to_one_id() {
        let l = lex();
        for s in [
            "Jeanine Áñez spoke.",
            "Then Añez spoke.",
            "Then Anez spoke.",
        ] {
            let a = sentence(s, "en", None, &l);
            assert_eq!(a.entities[0].id, "anez", "{s}");
        }
        let a = sentence(
            "The armed forces commander spoke to Gen. Williams Kaliman.",
            "en",
            None,
            &l,
        );
        let ids: Vec<_> = a.entities.iter().map(|e| (e.id.as_str(), e.weak)).collect();
        assert_eq!(ids, vec![("kaliman", true), ("kaliman", false)]);
    }

    #[test]
    fn capitalised_names_no_file_lists() {
        let a = sentence(
            "Defence minister Luis Fernando López said the army fired nothing.",
            "en",
            None,
            &Lexicon::builtin(),
        );
        assert!(
            a.entities
                .iter()
                .any(|e| e.id == "name:luis fernando lopez"),
            "{:?}",
            a.entities
        );
        let b = sentence(
            "The march reached the Huayllani bridge in Sacaba.",
            "en",
            None,
            &Lexicon::builtin(),
        );
        let sac = b.entities.iter().find(|e| e.name == "Sacaba").unwrap();
        assert!(sac.locative);
    }

    #[test]
    fn a_capitalised_article_opens_the_name_it_precedes() {
        let lex = Lexicon::builtin();
        let a = sentence(
            "Police clashed with marchers in the capital city of La Paz.",
            "en",
            None,
            &lex,
        );
        let paz = a.entities.iter().find(|e| e.id == "name:la paz");
        assert!(
            paz.is_some_and(|e| e.name == "La Paz" && e.locative),
            "{:?}",
            a.entities
        );
        let b = sentence(
            "The clash took place in Sacaba, not in La Paz.",
            "en",
            None,
            &lex,
        );
        let paz = b.entities.iter().find(|e| e.id == "name:la paz");
        assert!(paz.is_some_and(|e| e.negated), "{:?}", b.entities);
        // A lower-case article, or one before a lower-case word, opens nothing.
        let c = sentence(
            "Según la Defensoría, La policía detuvo a cien personas.",
            "es",
            None,
            &lex,
        );
        assert!(
            c.entities
                .iter()
                .all(|e| !e.name.starts_with("la ") && e.name != "La policía"),
            "{:?}",
            c.entities
        );
    }

    #[test]
    fn quotes_and_speakers() {
        let l = lex();
        let a = sentence(
            "Morales called it a “civic coup” in a video.",
            "en",
            None,
            &l,
        );
        assert_eq!(a.quotes.len(), 1);
        assert_eq!(
            &a.text[a.quotes[0].span.start..a.quotes[0].span.end],
            "civic coup"
        );
        assert_eq!(
            a.quotes[0].speaker.as_ref().map(|s| s.0.as_str()),
            Some("morales")
        );
        assert_eq!(a.framing[0].voice, Voice::Attributed);
        let own = sentence("The coup forced Morales out.", "en", None, &l);
        assert_eq!(own.framing[0].voice, Voice::Own);
    }

    #[test]
    fn a_time_bound_sets_a_schedule_and_no_date_denies_it() {
        let l = Lexicon::builtin();
        let act = |text: &str, lang: &str| {
            let s = sentence(text, lang, None, &l);
            s.acts
                .iter()
                .find(|a| a.concept == SCHEDULE)
                .map(|a| (a.positive, s.text[a.span.start..a.span.end].to_string()))
        };
        let set = |t: &str| Some((true, t.to_string()));
        let unset = |t: &str| Some((false, t.to_string()));
        assert_eq!(
            act(
                "The council called for talks to be held within 30 days.",
                "en"
            ),
            set("within 30 days")
        );
        assert_eq!(
            act("The mayor wants a vote within the next two weeks.", "en"),
            set("within the next two weeks")
        );
        assert_eq!(
            act("El consejo convocó a elecciones dentro de 90 días.", "es"),
            set("dentro de 90 días")
        );
        assert_eq!(
            act("Habrá elecciones en un plazo de tres meses.", "es"),
            set("plazo de tres meses")
        );
        assert_eq!(
            act("The council gave no date for the talks.", "en"),
            unset("gave no date")
        );
        assert_eq!(
            act("She has promised talks but has not set a date.", "en"),
            unset("not set a date")
        );
        assert_eq!(
            act("El alcalde no ha fijado una fecha para la consulta.", "es"),
            unset("no ha fijado una fecha")
        );
        // A count of days that no bound opens, a date still to be set, and
        // "within" before something other than time are no schedule.
        assert_eq!(act("The strike lasted 30 days.", "en"), None);
        assert_eq!(
            act(
                "The board will then have two days to set a date for the vote.",
                "en"
            ),
            None
        );
        assert_eq!(act("Within 30 minutes the hall was full.", "en"), None);
        assert_eq!(act("Tensions grew within the party.", "en"), None);
    }

    #[test]
    fn acts_keep_polarity_agent_and_object() {
        let l = lex();
        let a = sentence("Kaliman and his men have withdrawn their support for what appears to be an attempted coup.", "en", None, &l);
        let act = &a.acts[0];
        assert_eq!((act.concept.as_str(), act.positive), ("support", false));
        assert_eq!(act.agent.as_deref(), Some("kaliman"));
        assert_eq!(
            act.object.as_ref().map(|o| o.0.as_str()),
            Some("frame:coup")
        );
        let b = sentence(
            "The military withdrew its support from Morales.",
            "en",
            None,
            &l,
        );
        assert_eq!(
            b.acts[0].object.as_ref().map(|o| o.0.as_str()),
            Some("morales")
        );
        let c = sentence("The army did not support the president.", "en", None, &l);
        assert!(!c.acts[0].positive);
        // A call or demand taken directly is the object, not the person it names.
        let d = sentence(
            "The force backed the public's call for Morales to step down.",
            "en",
            None,
            &l,
        );
        assert_eq!(
            d.acts[0].object.as_ref().map(|o| o.0.as_str()),
            Some(PROPOSAL_OBJECT)
        );
    }

    #[test]
    fn negation_scope_and_hedges() {
        let a = sentence(
            "The audit found no irregularities in the apparent count.",
            "en",
            None,
            &Lexicon::builtin(),
        );
        assert!(
            a.negated.contains(&"irregular".to_string()),
            "{:?}",
            a.negated
        );
        assert_eq!(a.hedges.len(), 1);
    }

    #[test]
    fn ranks_with_what_they_rank() {
        let a = sentence(
            "Mesa came second in the vote.",
            "en",
            None,
            &Lexicon::builtin(),
        );
        assert_eq!(a.ranks[0].rank, 2);
    }
}
