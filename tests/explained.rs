//! A sentence links to the closest sentence it finds in each other report,
//! and either side of a pair can take it. When a report lacks a sentence's
//! claim, its closest sentence there may tell another claim that shares a
//! few words; the rule that drops such a pair is that the other side has a
//! better partner in the first report, which already gives all they share.
//! An invented story, compared with no topic file.
mod common;

use common::link;

const STRIKE: [(&str, &str, &str, &str); 2] = [
    (
        "gazette.md",
        "Riverside Gazette",
        "en",
        "Mayor Anna Hallström offered the dockers a pay rise on Tuesday. \
         The mayor's offer did not calm the streets at night. \
         The nights on the streets since have not been calm.",
    ),
    (
        "courier.md",
        "Valley Courier",
        "en",
        "Shops in the old town stayed shut on Wednesday. \
         The nights on the streets since have not been calm.",
    ),
];

#[test]
fn a_pair_that_a_better_partner_explains_is_not_a_link() {
    let cmp = common::compare_stories(&STRIKE, "2024-05-10");
    // The courier's sentence has its copy in the gazette.
    let copy = link(
        &cmp,
        ("gazette", "streets since"),
        ("courier", "streets since"),
    )
    .expect("the copies link");
    assert!(!copy.reasons.is_empty(), "{copy:#?}");
    // The offer's calm streets at night are the closest thing the courier
    // has to it, but the courier's sentence tells another claim, whose copy
    // in the gazette gives all the two share. (The two share three content
    // words, so the matcher's score counts for them: with "calm" alone it
    // would not, see `features::fitted`, and nothing would be left to
    // explain away.)
    let l = link(
        &cmp,
        ("gazette", "offer did not"),
        ("courier", "streets since"),
    );
    assert!(l.is_none(), "{l:#?}");
}

const RESIGNATION: [(&str, &str, &str, &str); 2] = [
    (
        "wire.md",
        "Kelby Wire",
        "en",
        "Mayor Anna Hallström resigned on Thursday after nine years in office. \
         Hallström announced her resignation on Thursday afternoon in a short statement at the town hall.",
    ),
    (
        "herald.md",
        "Kelby Herald",
        "en",
        "Hallström announced her resignation on Thursday afternoon in a short statement at the town hall.",
    ),
];

#[test]
fn two_tellings_of_one_event_in_a_report_both_link() {
    let cmp = common::compare_stories(&RESIGNATION, "2024-05-10");
    link(&cmp, ("wire", "announced her"), ("herald", "announced her")).expect("the copies link");
    // The herald's sentence has a better partner in the wire (its copy),
    // which gives all it shares with the wire's lead; but the lead tells the
    // same resignation, pinned down by the mayor and the day.
    let l = link(
        &cmp,
        ("wire", "after nine years"),
        ("herald", "announced her"),
    )
    .expect("the lead links to the other report's telling");
    assert!(!l.reasons.is_empty(), "{l:#?}");
}

const CALM: [(&str, &str, &str, &str); 2] = [
    (
        "gazette.md",
        "Riverside Gazette",
        "en",
        "Mayor Anna Hallström offered the dockers a pay rise on Tuesday. \
         The mayor's offer did not calm the streets.",
    ),
    (
        "courier.md",
        "Valley Courier",
        "en",
        "Shops in the old town stayed shut on Wednesday. \
         The nights since have not been calm.",
    ),
];

#[test]
fn two_sentences_sharing_one_word_and_a_negation_do_not_link() {
    // Here no copy explains the pair away: the two share "calm" and a
    // negation, which is less than any pair the matcher was fitted on
    // shares, so its score does not count (`features::fitted`).
    let cmp = common::compare_stories(&CALM, "2024-05-10");
    let l = link(
        &cmp,
        ("gazette", "offer did not"),
        ("courier", "nights since"),
    );
    assert!(l.is_none(), "{l:#?}");
}
