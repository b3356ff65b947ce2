//! The shipped matcher is reproducible: refitting on the MSRP training split
//! gives the cross-validated figures and weights written in
//! `crates/parallax-engine/data/matcher.json`.

mod common;

use parallax_engine::matcher::Matcher;

#[test]
fn committed_weights_reproduce_the_reported_cross_validation() {
    let path = common::root().join("../shared/data/msrp/train.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pairs = parallax_engine::train::read_msrp(&text).expect("msrp");
    assert_eq!(pairs.len(), 4076);
    let shipped = Matcher::builtin();
    let lex = parallax_engine::lexicon::Lexicon::builtin();
    let t = parallax_engine::train::train(
        &pairs,
        &lex,
        shipped.provenance.folds,
        shipped.provenance.l2,
        false,
        "check",
    );
    println!(
        "cv accuracy {:.4} (shipped {:.4}), F1 {:.4} (shipped {:.4})",
        t.cv.accuracy, shipped.provenance.cv_accuracy, t.cv.f1, shipped.provenance.cv_f1
    );
    assert!((t.cv.accuracy - shipped.provenance.cv_accuracy).abs() < 0.005);
    assert!((t.cv.f1 - shipped.provenance.cv_f1).abs() < 0.005);
    for (a, b) in t.matcher.weights.iter().zip(&shipped.weights) {
        assert!(
            (a - b).abs() < 1e-3,
            "weights drifted: refit {a}, shipped {b}"
        );
    }
    // Better than the word-overlap baseline it is measured against.
    assert!(t.cv.accuracy > t.baseline.accuracy + 0.02);
}

/// The matcher's score counts only for pairs like those it was fitted on
/// (`features::fitted`). The bound is read off MSRP itself: all but three of
/// its 4,076 training pairs share at least `FITTED_SHARED_KEYS` content
/// keys, and those three are not paraphrases. Two sentences of one story sharing a single word
/// and a negation are far outside that, and the fitted weights, left to
/// themselves, call them a paraphrase.
#[test]
fn the_matcher_counts_only_for_pairs_like_those_it_was_fitted_on() {
    use parallax_engine::features::{profile, shared_content_keys, FITTED_SHARED_KEYS};
    let path = common::root().join("../shared/data/msrp/train.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pairs = parallax_engine::train::read_msrp(&text).expect("msrp");
    let lex = parallax_engine::lexicon::Lexicon::builtin();
    let idf = Matcher::builtin().idf();
    let analyse = |s: &str| {
        let a = parallax_engine::analyse::sentence(
            s,
            parallax_engine::train::detect_lang(s),
            None,
            &lex,
        );
        profile(&a, idf)
    };
    let mut by_shared = std::collections::BTreeMap::<usize, (usize, usize)>::new();
    for p in &pairs {
        let n = shared_content_keys(&analyse(&p.a), &analyse(&p.b));
        let e = by_shared.entry(n.min(5)).or_default();
        if p.label {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    println!("shared content keys: (paraphrases, not) {by_shared:?}");
    let below: Vec<(usize, usize)> = by_shared
        .range(..FITTED_SHARED_KEYS)
        .map(|(_, v)| *v)
        .collect();
    let paraphrases_below: usize = below.iter().map(|v| v.0).sum();
    let all_below: usize = below.iter().map(|v| v.0 + v.1).sum();
    assert_eq!(paraphrases_below, 0, "{by_shared:?}");
    // Fewer than one training pair in a thousand.
    assert!(all_below * 1000 < pairs.len(), "{by_shared:?}");
    // At the bound itself the training data does hold pairs of both kinds.
    let at = by_shared
        .get(&FITTED_SHARED_KEYS)
        .copied()
        .unwrap_or_default();
    assert!(at.0 > 0 && at.1 > 0, "{by_shared:?}");

    let scorer = parallax_engine::compare::PairScorer::new(&parallax_engine::Options::default())
        .expect("scorer");
    // One shared word ("calm") and a negation: outside the fit, not linked,
    // though the weights alone would have called it a paraphrase.
    let thin = scorer.score(
        "The offer did not calm the streets.",
        "The days since have not been calm.",
    );
    assert!(!thin.fitted, "{thin:?}");
    assert_eq!(thin.relation, "unique", "{thin:?}");
    assert_eq!(thin.paraphrase_score, 0.0, "{thin:?}");
    let weights_alone = {
        let a = |s: &str| parallax_engine::analyse::sentence(s, "en", None, &lex);
        let f = parallax_engine::features::features(
            &a("The offer did not calm the streets."),
            &a("The days since have not been calm."),
            idf,
        );
        Matcher::builtin().paraphrase(&f)
    };
    assert!(
        weights_alone >= Matcher::builtin().threshold,
        "{weights_alone}"
    );
    // One sentence edited: one content word shared, the rest of the wording
    // kept, so the matcher's score counts.
    let edited = scorer.score(
        "He was still there when this check was published.",
        "He was still there when this check was released.",
    );
    assert!(edited.fitted, "{edited:?}");
    assert_ne!(edited.relation, "unique", "{edited:?}");
}
