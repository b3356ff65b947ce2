//! The sample corpus against its annotations: precision and recall of links
//! and of contradictions, and the seed report's known errors.
//!
//! Floors are set a little below what the engine measures now (see
//! BENCHMARKS.md), so a change that makes alignment or contradiction
//! detection worse fails here.

mod common;

use common::*;
use parallax_engine::model::{ReasonKind, Relation};

const LINK_RECALL_FLOOR: f64 = 0.90;
const LINK_PRECISION_FLOOR: f64 = 0.92;
const CONTRA_RECALL_FLOOR: f64 = 0.89;
const CONTRA_PRECISION_FLOOR: f64 = 0.90;

#[test]
fn corpus_quality_meets_the_floors() {
    let cmp = compare_corpus();
    let exp = expected();
    let all = score(&cmp, &exp, false);
    let same = score(&cmp, &exp, true);
    println!("{}", report("all pairs", &all));
    println!("{}", report("same-language pairs", &same));
    for m in &all.misses {
        println!("  {m}");
    }
    assert_floors("all", &all, LINK_RECALL_FLOOR, CONTRA_RECALL_FLOOR);
}

/// The floors a run must meet (skipped with `PARALLAX_PRINT_ONLY`, for
/// exploring by hand); the precision floors are the same with or without a
/// topic.
fn assert_floors(name: &str, q: &Quality, link_recall: f64, contra_recall: f64) {
    if std::env::var("PARALLAX_PRINT_ONLY").is_ok() {
        return;
    }
    assert!(q.links.recall() >= link_recall, "{}", report(name, q));
    assert!(
        q.links.precision() >= LINK_PRECISION_FLOOR,
        "{}",
        report(name, q)
    );
    assert!(
        q.contradictions.recall() >= contra_recall,
        "{}",
        report(name, q)
    );
    assert!(
        q.contradictions.precision() >= CONTRA_PRECISION_FLOOR,
        "{}",
        report(name, q)
    );
}

/// Floors for the same corpus compared with no topic file: no aliases
/// ("Áñez" = "Jeanine Áñez", Kaliman = the armed forces commander), framing
/// terms or bilingual event words beyond the built-in lexicon.
const NO_TOPIC_LINK_RECALL_FLOOR: f64 = 0.90;
const NO_TOPIC_CONTRA_RECALL_FLOOR: f64 = 0.85;

#[test]
fn corpus_quality_without_a_topic_file_meets_its_floors() {
    let cmp = compare_corpus_with(false);
    let q = score(&cmp, &expected(), false);
    println!("{}", report("no topic file", &q));
    for m in &q.misses {
        println!("  {m}");
    }
    assert_floors(
        "no topic",
        &q,
        NO_TOPIC_LINK_RECALL_FLOOR,
        NO_TOPIC_CONTRA_RECALL_FLOOR,
    );
}

#[test]
fn every_annotated_sentence_exists() {
    let cmp = compare_corpus();
    let exp = expected();
    for l in exp.links.iter().chain(&exp.not_links) {
        for r in [&l.a, &l.b] {
            assert!(
                !find(&cmp, &r.doc, &r.text).is_empty(),
                "not found: {} {}",
                r.doc,
                r.text
            );
        }
    }
    for u in &exp.unique {
        assert!(
            !find(&cmp, &u.doc, &u.text).is_empty(),
            "not found: {} {}",
            u.doc,
            u.text
        );
    }
}

fn seed_link(
    cmp: &parallax_engine::Comparison,
    seed: &str,
    counter: &Ref,
) -> Option<parallax_engine::model::Link> {
    link_between(cmp, ("00-seed", seed), (&counter.doc, &counter.text))
}

/// The link between two annotated sentences, in either order.
fn link_between(
    cmp: &parallax_engine::Comparison,
    a: (&str, &str),
    b: (&str, &str),
) -> Option<parallax_engine::model::Link> {
    let a = find(cmp, a.0, a.1);
    let b = find(cmp, b.0, b.1);
    cmp.links
        .iter()
        .find(|l| {
            (a.iter().any(|x| *x == *l.a) && b.iter().any(|x| *x == *l.b))
                || (a.iter().any(|x| *x == *l.b) && b.iter().any(|x| *x == *l.a))
        })
        .cloned()
}

#[test]
fn seed_puts_the_friday_deaths_in_la_paz_not_sacaba() {
    let cmp = compare_corpus();
    let e = expected()
        .seed_errors
        .into_iter()
        .find(|e| e.reason == "place")
        .expect("annotated");
    let l = seed_link(&cmp, &e.seed, &e.counter)
        .expect("the seed's La Paz sentence links to the Sacaba correction");
    assert_eq!(l.relation, Relation::Contradict);
    let r = l
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Place && r.conflict)
        .expect("a place reason");
    let (da, _) = cmp.sentence(&l.a).expect("a");
    let (db, _) = cmp.sentence(&l.b).expect("b");
    let words: Vec<&str> = r
        .a_spans
        .iter()
        .map(|s| da.slice(*s))
        .chain(r.b_spans.iter().map(|s| db.slice(*s)))
        .collect();
    assert!(words.contains(&"La Paz"), "{words:?}: {}", r.explanation);
}

#[test]
fn seed_resignation_last_week_is_shown_against_sunday_10_november() {
    let cmp = compare_corpus();
    let e = expected()
        .seed_errors
        .into_iter()
        .find(|e| e.reason == "date")
        .expect("annotated");
    let l = seed_link(&cmp, &e.seed, &e.counter)
        .expect("the seed's resignation sentence links to the fact-check's date");
    let r = l
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Date)
        .expect("a date reason");
    assert!(r.explanation.contains("last week"), "{}", r.explanation);
    assert!(r.explanation.contains("10 Nov 2019"), "{}", r.explanation);
}

#[test]
fn seed_contradicts_itself_on_when_the_coup_attempt_began() {
    // The seed is undated. Its Kaliman announcement "on Sunday" and the
    // resignation "last week" are both dated 10 Nov by other reports; no
    // publication date makes both expressions right.
    let cmp = compare_corpus();
    let e = expected()
        .internal
        .into_iter()
        .find(|e| e.reason == "date")
        .expect("annotated");
    let a = find(&cmp, &e.doc, &e.a);
    let b = find(&cmp, &e.doc, &e.b);
    let l = cmp
        .internal
        .iter()
        .find(|l| a.iter().any(|x| *x == *l.a) && b.iter().any(|x| *x == *l.b))
        .unwrap_or_else(|| panic!("not flagged: {:#?}", cmp.internal));
    assert_eq!(l.relation, Relation::Contradict);
    let r = l
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Date && r.conflict)
        .expect("a date reason");
    let doc = cmp.document(&e.doc).expect("seed");
    let words: Vec<&str> = r
        .a_spans
        .iter()
        .chain(&r.b_spans)
        .map(|s| doc.slice(*s))
        .collect();
    assert_eq!(words, ["Sunday", "last week"], "{}", r.explanation);
    assert!(r.explanation.contains("10 Nov 2019"), "{}", r.explanation);
    // Nothing else in the seed is flagged against itself.
    let seed = cmp.internal.iter().filter(|l| l.a.starts_with("00-seed:"));
    assert_eq!(seed.count(), 1, "{:#?}", cmp.internal);
}

#[test]
fn an_altered_quote_is_a_contradiction_even_between_loosely_matched_sentences() {
    // The two sentences share little besides the quotation, which is enough.
    let cmp = compare_corpus();
    let l = link_between(&cmp, ("03-broadsheet-analysis", "From there he called Áñez’s move “the sneakiest, most nefarious coup in history”."), ("04-coup-voice", "Morales, from his asylum in Mexico, called it “the most treacherous and nefarious coup in history”.")).expect("linked");
    assert_eq!(l.relation, Relation::Contradict);
    assert!(l
        .reasons
        .iter()
        .any(|r| r.kind == ReasonKind::QuoteWording && r.conflict));
}

#[test]
fn the_same_framing_terms_on_both_sides_are_no_divergence() {
    // Both say "declared herself interim president": two terms of one
    // framing family, used by both in their own voice.
    let cmp = compare_corpus();
    let l = link_between(&cmp, ("03-broadsheet-analysis", "On Tuesday 12 November, Jeanine Áñez, the opposition second vice-president of the Senate, declared herself interim president."), ("06-early-errors", "Jeanine Áñez declared herself interim president on Tuesday.")).expect("linked");
    assert!(
        !l.reasons.iter().any(|r| r.kind == ReasonKind::FramingTerm),
        "{:?}",
        l.reasons
    );
    assert_eq!(l.relation, Relation::Agree, "{:?}", l.reasons);
}

#[test]
fn seed_reversed_withdrawal_of_support_is_an_actor_contradiction() {
    let cmp = compare_corpus();
    let e = expected()
        .seed_errors
        .into_iter()
        .find(|e| e.claim == 1)
        .expect("annotated");
    let l = seed_link(&cmp, &e.seed, &e.counter)
        .expect("the seed's first sentence links to the fact-check");
    assert_eq!(l.relation, Relation::Contradict, "{:?}", l.reasons);
    let r = l
        .reasons
        .iter()
        .find(|r| r.conflict)
        .expect("a conflicting reason");
    assert!(
        matches!(r.kind, ReasonKind::Actor | ReasonKind::Polarity),
        "{:?}",
        r
    );
}

#[test]
fn every_label_explains_itself_with_spans_inside_its_sentences() {
    let cmp = compare_corpus();
    for l in cmp.links.iter().chain(&cmp.internal) {
        assert!(!l.reasons.is_empty(), "{} {} has no reason", l.a, l.b);
        let (_, sa) = cmp.sentence(&l.a).expect("a");
        let (_, sb) = cmp.sentence(&l.b).expect("b");
        for r in &l.reasons {
            assert!(!r.explanation.is_empty());
            assert!(!r.a_spans.is_empty() || !r.b_spans.is_empty(), "{r:?}");
            for s in &r.a_spans {
                assert!(
                    sa.start <= s.start && s.end <= sa.end,
                    "{r:?} outside {}",
                    l.a
                );
            }
            for s in &r.b_spans {
                assert!(
                    sb.start <= s.start && s.end <= sb.end,
                    "{r:?} outside {}",
                    l.b
                );
            }
        }
        if l.relation == Relation::Contradict {
            assert!(
                l.reasons.iter().any(|r| r.conflict),
                "contradict without a conflicting reason"
            );
        }
    }
}

#[test]
fn shared_wire_copy_is_verbatim() {
    let cmp = compare_corpus();
    let verbatim = cmp
        .links
        .iter()
        .filter(|l| {
            l.relation == Relation::Verbatim
                && l.a.starts_with("01-wire:")
                && l.b.starts_with("02-shared-copy:")
        })
        .count();
    assert!(
        verbatim >= 5,
        "only {verbatim} verbatim links between the wire and its copy"
    );
}

#[test]
fn input_order_does_not_change_the_result() {
    let a = compare_corpus();
    let mut files = corpus_files();
    files.reverse();
    let reports = files
        .iter()
        .map(|p| parallax_engine::read_path(p, &Default::default()).expect("read"))
        .collect();
    let opts = parallax_engine::Options::default()
        .topic(root().join("topics/bolivia-2019"))
        .created("2019-11-30T00:00:00Z");
    let b =
        parallax_engine::compare(reports, &opts, &parallax_engine::NoProgress).expect("compare");
    assert_eq!(a.links, b.links);
    assert_eq!(a.unique.len(), b.unique.len());
    assert_eq!(a.internal, b.internal);
}
