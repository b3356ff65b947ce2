//! What a sentence links to depends on what it claims, not only on the words
//! it shares. A fact check's "the report says X" describes X without
//! claiming it; "after the mayor resigned" dates something else by the
//! resignation without telling it. An invented story, compared with no
//! topic file.

use parallax_engine::Comparison;

mod common;

fn compare(reports: &[(&str, &str, &str, &str)]) -> Comparison {
    common::compare_stories(reports, "2024-05-10")
}

use common::link;

const CHECKED: [(&str, &str, &str, &str); 3] = [
    (
        "news.md",
        "Riverside Gazette",
        "en",
        "The Kelby footbridge collapsed on Monday morning after days of heavy rain. \
         Two people were injured in the collapse, the fire service said.",
    ),
    (
        "check.md",
        "Check Desk",
        "en",
        "A post shared widely this week says the Kelby footbridge collapsed on Monday morning. \
         The report says two people were injured in the collapse.",
    ),
    (
        "recheck.md",
        "Second Look",
        "en",
        "The report says two people were injured in the collapse of the bridge.",
    ),
];

#[test]
fn a_fact_checks_restatement_does_not_agree_with_the_claim_it_checks() {
    let cmp = compare(&CHECKED);
    for (news, check) in [
        ("collapsed on Monday", "collapsed on Monday"),
        ("Two people", "two people"),
    ] {
        let l = link(&cmp, ("news", news), ("check", check));
        assert!(l.is_none(), "{l:#?}");
    }
    // Two checks restating the same report do tell the same thing.
    let l = link(&cmp, ("check", "two people"), ("recheck", "two people"))
        .expect("the two restatements link");
    assert!(!l.reasons.is_empty(), "{l:#?}");
}

const RESIGNED: [(&str, &str, &str, &str); 3] = [
    (
        "gazette.md",
        "Riverside Gazette",
        "en",
        "Mayor Anna Hallström resigned on Thursday in a short statement.",
    ),
    (
        "courier.md",
        "Valley Courier",
        "en",
        "Most of the repair contracts were signed after Hallström resigned.",
    ),
    (
        "herald.md",
        "Kelby Herald",
        "en",
        "Hallström stepped down on Thursday, blaming the council.",
    ),
];

#[test]
fn an_event_mentioned_in_passing_is_not_the_claim() {
    let cmp = compare(&RESIGNED);
    let l = link(&cmp, ("gazette", "resigned"), ("courier", "contracts"));
    assert!(l.is_none(), "{l:#?}");
    // Told as the claim on both sides, the resignation links.
    link(&cmp, ("gazette", "resigned"), ("herald", "stepped down"))
        .expect("two tellings of the resignation link");
}
