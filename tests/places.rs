//! Two sentences that place what they tell in two different places are two
//! events unless something else pins them to one: a name both give, a date
//! or a count they agree on, the same event frame, or wording so close that
//! only the place was changed. An invented flood story, compared with no
//! topic file (no data says whether any two of its towns overlap).

use parallax_engine::model::{ReasonKind, Relation};
use parallax_engine::Comparison;

mod common;

fn compare(reports: &[(&str, &str, &str, &str)]) -> Comparison {
    common::compare_stories(reports, "2023-03-15")
}

const STORY: [(&str, &str, &str, &str); 2] = [
    (
        "a.md",
        "Riverside Gazette",
        "en",
        "A retired fisherman in Portwell queued for fuel at dawn before the morning traffic returned. \
         Volunteers stacked sandbags along the river wall in Marrow. \
         Police clashed with looters outside the grain store in Marrow on Tuesday.",
    ),
    (
        "b.md",
        "Valley Courier",
        "en",
        "A school caretaker in Dunsby queued for fuel at dawn before the morning traffic returned. \
         Volunteers stacked sandbags along the river wall in Kelby. \
         Police clashed with looters outside the grain store in Kelby on Tuesday.",
    ),
];

/// The link between the sentences of `a.md` and `b.md` holding `a` and `b`.
fn link<'c>(cmp: &'c Comparison, a: &str, b: &str) -> Option<&'c parallax_engine::model::Link> {
    let id = |doc: &str, words: &str| {
        let d = &cmp.documents[usize::from(doc == "b.md")];
        d.sentences
            .iter()
            .find(|s| s.text.contains(words))
            .unwrap_or_else(|| panic!("{doc}: no sentence with {words:?}"))
            .id
            .clone()
    };
    let (x, y) = (id("a.md", a), id("b.md", b));
    cmp.links
        .iter()
        .find(|l| (&*l.a, &*l.b) == (&*x, &*y) || (&*l.a, &*l.b) == (&*y, &*x))
}

#[test]
fn two_people_in_two_towns_doing_one_thing_are_two_events() {
    let cmp = compare(&STORY);
    // Most of the words are shared, but a different person in a different
    // town, and nothing else in common: not one claim told twice.
    assert!(
        link(&cmp, "fisherman", "caretaker").is_none(),
        "{:#?}",
        link(&cmp, "fisherman", "caretaker")
    );
    // Nothing else tells it: both sentences are each report's own.
    let fisherman = cmp.documents[0]
        .sentences
        .iter()
        .find(|s| s.text.contains("fisherman"))
        .expect("sentence");
    assert!(cmp.unique.contains(&fisherman.id), "{:?}", cmp.unique);
}

#[test]
fn a_copy_with_only_the_place_changed_still_links_and_says_so() {
    let cmp = compare(&STORY);
    let l = link(&cmp, "sandbags", "sandbags").expect("the edited copy links");
    assert_eq!(l.relation, Relation::Diverge, "{l:#?}");
    let place = l
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Place)
        .expect("a place reason");
    let text = |doc: &str, span: &parallax_engine::model::Span| {
        let d = &cmp.documents[usize::from(doc == "b.md")];
        d.text[span.start..span.end].to_string()
    };
    assert_eq!(text("a.md", &place.a_spans[0]), "Marrow");
    assert_eq!(text("b.md", &place.b_spans[0]), "Kelby");
}

#[test]
fn a_shared_day_pins_two_places_to_one_event() {
    let cmp = compare(&STORY);
    let l = link(&cmp, "looters", "looters").expect("one clash on one Tuesday links");
    assert!(
        l.reasons.iter().any(|r| r.kind == ReasonKind::Place),
        "{l:#?}"
    );
}

#[test]
fn a_place_changed_with_what_was_done_is_not_an_edited_copy() {
    // The wording differs in one run, but the run holds what was done as
    // well as the place: two things done in two towns, not one copy with
    // its place edited.
    let cmp = compare(&[
        (
            "a.md",
            "Riverside Gazette",
            "en",
            "A ferry clerk we spoke to near the old quay in Portwell sold out of candles by noon \
             as the power came and went.",
        ),
        (
            "b.md",
            "Valley Courier",
            "en",
            "A ferry clerk we spoke to near the old quay in Dunsby queued for fuel at dawn \
             as the power came and went.",
        ),
    ]);
    assert!(
        link(&cmp, "candles", "fuel").is_none(),
        "{:#?}",
        link(&cmp, "candles", "fuel")
    );
}
