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
