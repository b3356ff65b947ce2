//! A time set for something against a report that says none was set: "talks
//! within 30 days" against "gave no date for the talks" is a contradiction,
//! and two reports that both say no date was set agree.

use parallax_engine::model::{ReasonKind, Relation};
use parallax_engine::Comparison;

mod common;

fn compare(reports: &[(&str, &str, &str, &str)]) -> Comparison {
    common::compare_stories(reports, "2023-03-14")
}

fn link<'c>(cmp: &'c Comparison, a: &str, b: &str) -> &'c parallax_engine::model::Link {
    cmp.links
        .iter()
        .find(|l| (&*l.a, &*l.b) == (a, b) || (&*l.a, &*l.b) == (b, a))
        .unwrap_or_else(|| panic!("{a} and {b} link: {:#?}", cmp.links))
}

const STORY: [(&str, &str, &str, &str); 4] = [
    (
        "a.md",
        "Harbour Wire",
        "en",
        "Mayor Ilse Brandt has called for talks with the dockers' union to be held within 30 days, to end the strike at the port.",
    ),
    (
        "b.md",
        "Coast Daily",
        "en",
        "Brandt gave no date for the talks with the dockers' union, saying only that they would come soon.",
    ),
    (
        "c.md",
        "Valmora Courier",
        "en",
        "Brandt, a former harbour pilot, has promised talks with the dockers' union but has not set a date.",
    ),
    (
        "d.md",
        "Diario del Puerto",
        "es",
        "La alcaldesa Ilse Brandt convocó a negociaciones con el sindicato de estibadores dentro de 30 días.",
    ),
];

#[test]
fn a_time_bound_contradicts_a_report_that_no_date_was_set() {
    let cmp = compare(&STORY);
    for other in ["b:0", "c:0"] {
        let l = link(&cmp, "a:0", other);
        assert_eq!(l.relation, Relation::Contradict, "{l:#?}");
        let r = l
            .reasons
            .iter()
            .find(|r| r.kind == ReasonKind::Polarity && r.conflict)
            .unwrap_or_else(|| panic!("a polarity reason: {l:#?}"));
        // The reason points at the time bound and at the denial, and says
        // which report sets the time.
        let (a_side, b_side) = if &*l.a == "a:0" {
            (&r.a_spans, &r.b_spans)
        } else {
            (&r.b_spans, &r.a_spans)
        };
        let text = |id: &str, spans: &[parallax_engine::model::Span]| {
            let (d, _) = cmp.sentence(id).expect("sentence");
            spans
                .iter()
                .map(|s| d.slice(*s).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(text("a:0", a_side), ["within 30 days"], "{r:#?}");
        let denial = text(other, b_side);
        assert!(
            denial == ["gave no date"] || denial == ["not set a date"],
            "{denial:?}"
        );
        assert!(
            r.explanation
                .starts_with("Harbour Wire sets a time ('within 30 days')"),
            "{}",
            r.explanation
        );
    }
}

/// The two sentences link, and nothing between them conflicts.
fn linked_without_conflict(a: &str, b: &str) {
    let cmp = compare(&STORY);
    let l = link(&cmp, a, b);
    assert_ne!(l.relation, Relation::Contradict, "{l:#?}");
    assert!(!l.reasons.iter().any(|r| r.conflict), "{l:#?}");
}

#[test]
fn two_reports_that_no_date_was_set_agree_on_it() {
    linked_without_conflict("b:0", "c:0");
}

#[test]
fn the_same_time_bound_in_two_languages_is_no_conflict() {
    linked_without_conflict("a:0", "d:0");
}
