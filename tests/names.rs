//! Names found without a topic file: a one-word name that opens a sentence.

use parallax_engine::model::{MarkKind, ReasonKind, Relation};
use parallax_engine::Comparison;

mod common;

fn compare(a: &str, b: &str) -> Comparison {
    common::compare_stories(
        &[
            ("a.md", "Harbour Wire", "en", a),
            ("b.md", "Coast Daily", "en", b),
        ],
        "2023-03-14",
    )
}

/// Whether sentence `id` carries a name mark on exactly `word`.
fn named(cmp: &Comparison, id: &str, word: &str) -> bool {
    let (d, s) = cmp.sentence(id).expect("sentence");
    s.marks
        .iter()
        .any(|m| m.kind == MarkKind::Name && d.slice(m.span) == word)
}

#[test]
fn a_name_that_opens_a_sentence_is_the_name_found_elsewhere() {
    let cmp = compare(
        "Port director Anna Velkova resigned on Sunday, March 12, after the dockers' strike. The terminal stayed shut.",
        "Velkova resigned on Monday, March 13, after losing the support of the board. Ships waited offshore.",
    );
    assert!(named(&cmp, "b:0", "Velkova"), "{:#?}", cmp.sentence("b:0"));
    let l = cmp
        .links
        .iter()
        .find(|l| (&*l.a, &*l.b) == ("a:0", "b:0"))
        .unwrap_or_else(|| panic!("the two resignations link: {:#?}", cmp.links));
    assert_eq!(l.relation, Relation::Contradict, "{l:#?}");
    assert!(
        l.reasons
            .iter()
            .any(|r| r.kind == ReasonKind::Date && r.conflict),
        "{l:#?}"
    );
}

#[test]
fn an_opening_word_that_ends_two_names_is_left_unnamed() {
    let cmp = compare(
        "Port director Anna Velkova met the union. Her deputy Petr Velkova stayed away.",
        "Velkova resigned on Monday, March 13, after losing the support of the board.",
    );
    assert!(!named(&cmp, "b:0", "Velkova"), "{:#?}", cmp.sentence("b:0"));
}

#[test]
fn a_capitalised_opening_word_named_nowhere_else_is_no_name() {
    let cmp = compare(
        "Dockers walked out at the port of Valmora on Sunday.",
        "Dockers returned to work on Monday, March 13.",
    );
    assert!(!named(&cmp, "b:0", "Dockers"), "{:#?}", cmp.sentence("b:0"));
}
