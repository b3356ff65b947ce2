//! The sample corpus against its annotations: precision and recall of links
//! and of contradictions, and the seed report's known errors.

mod common;

use common::*;
use parallax_engine::model::Relation;

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
    let floors = std::env::var("PARALLAX_PRINT_ONLY").is_err();
    if floors {
        assert!(
            all.links.recall() >= LINK_RECALL_FLOOR,
            "{}",
            report("all", &all)
        );
        assert!(
            all.links.precision() >= LINK_PRECISION_FLOOR,
            "{}",
            report("all", &all)
        );
        assert!(
            all.contradictions.recall() >= CONTRA_RECALL_FLOOR,
            "{}",
            report("all", &all)
        );
        assert!(
            all.contradictions.precision() >= CONTRA_PRECISION_FLOOR,
            "{}",
            report("all", &all)
        );
    }
}

const LINK_RECALL_FLOOR: f64 = 0.0;
const LINK_PRECISION_FLOOR: f64 = 0.0;
const CONTRA_RECALL_FLOOR: f64 = 0.0;
const CONTRA_PRECISION_FLOOR: f64 = 0.0;

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
    let _ = Relation::Agree;
}
