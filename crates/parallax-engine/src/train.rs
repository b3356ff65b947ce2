//! Fitting the matcher: L2-regularised logistic regression by Newton's method
//! on standardised features, k-fold cross-validation, and feature-family
//! ablation. Pure Rust; a handful of features needs no linear-algebra crate.
//!
//! Used by `parallax train` on `../shared/data/msrp/train.tsv`; nothing but
//! that training split is used to choose weights or the threshold.

use std::collections::{BTreeMap, HashMap};

use crate::analyse::SentenceAnalysis;
use crate::error::{Error, Result};
use crate::features::{features, telling_pair, unit_text, units, Idf, Telling, FAMILIES, NAMES};
use crate::lexicon::Lexicon;
use crate::matcher::{sigmoid, Matcher, Provenance};

/// A labelled sentence pair.
#[derive(Debug, Clone)]
pub struct Pair {
    /// First sentence.
    pub a: String,
    /// Second sentence.
    pub b: String,
    /// Paraphrase or not.
    pub label: bool,
}

/// Read MSRP-style TSV: `Quality<TAB>id<TAB>id<TAB>s1<TAB>s2`, header line first.
pub fn read_msrp(text: &str) -> Result<Vec<Pair>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            return Err(Error::Weights(format!(
                "line {}: expected 5 tab-separated columns",
                n + 1
            )));
        }
        out.push(Pair {
            a: cols[3].to_string(),
            b: cols[4].to_string(),
            label: cols[0].trim() == "1",
        });
    }
    Ok(out)
}

/// Detect `en` or `es`.
pub fn detect_lang(s: &str) -> &'static str {
    let det = whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Spa]);
    match det.detect_lang(s) {
        Some(whatlang::Lang::Spa) => "es",
        _ => "en",
    }
}

/// Analysed pairs and their idf, ready for feature extraction.
pub struct Prepared {
    /// Analyses, two per pair.
    pub analyses: Vec<(SentenceAnalysis, SentenceAnalysis)>,
    /// Labels.
    pub labels: Vec<bool>,
    /// Idf over all sentences.
    pub idf: Idf,
    /// Each pair's two unit sets ([`units`]), as sorted hashes.
    pub units: Vec<(Vec<u64>, Vec<u64>)>,
    /// Hash → unit, for the shipped table.
    pub unit_names: HashMap<u64, String>,
}

/// Analyse every sentence of the pairs.
pub fn prepare(pairs: &[Pair], lex: &Lexicon) -> Prepared {
    use rayon::prelude::*;
    let analyses: Vec<(SentenceAnalysis, SentenceAnalysis)> = pairs
        .par_iter()
        .map(|p| {
            (
                crate::analyse::sentence(&p.a, detect_lang(&p.a), None, lex),
                crate::analyse::sentence(&p.b, detect_lang(&p.b), None, lex),
            )
        })
        .collect();
    let idf = Idf::from_sets(
        analyses
            .iter()
            .flat_map(|(a, b)| [a.keys.as_slice(), b.keys.as_slice()]),
    );
    let mut unit_names = HashMap::new();
    let mut hashed = |s: &SentenceAnalysis| {
        units(s)
            .into_iter()
            .map(|(h, first, pair)| {
                unit_names
                    .entry(h)
                    .or_insert_with(|| unit_text(s, first, pair));
                h
            })
            .collect::<Vec<u64>>()
    };
    let units = analyses
        .iter()
        .map(|(a, b)| (hashed(a), hashed(b)))
        .collect();
    Prepared {
        analyses,
        labels: pairs.iter().map(|p| p.label).collect(),
        idf,
        units,
        unit_names,
    }
}

/// Pseudo-count of the prior that pulls a unit's rates toward the rates of
/// all units: a unit seen in three pairs cannot tell much, however its three
/// fell. Chosen by cross-validation on the training split: 5 to 200 all
/// gave accuracy 0.763 to 0.766 (measured with the residue as a raw weight).
const TELLING_PRIOR: f64 = 50.0;
/// A unit seen on fewer sides than this gets the default weight, and is
/// left out of the shipped table. 2 and 3 gave accuracy 0.7672 and 0.7637
/// with tables of 944 and 416 KB, against 0.7659 and 257 KB at 5.
const TELLING_MIN_SIDES: usize = 5;
/// Inner folds: the telling columns of a training row come from weights
/// fitted without that row, as they will be for a pair never seen.
const TELLING_INNER_FOLDS: usize = 5;

/// Fit telling weights on the pairs `rows` (see [`Telling`]): for each unit,
/// the rate at which a sentence that has it finds it in its partner, among
/// paraphrases (p) and among the rest (q), each pulled toward the rate of
/// all units; the weight is the Bernoulli divergence KL(p ‖ q).
pub fn fit_telling(units: &[(Vec<u64>, Vec<u64>)], y: &[bool], rows: &[usize]) -> Telling {
    // Per unit: [sides with it, sides whose partner has it too] for each class.
    let mut counts: HashMap<u64, [[f64; 2]; 2]> = HashMap::new();
    let mut total = [[0.0f64; 2]; 2];
    for &r in rows {
        let (a, b) = &units[r];
        let class = usize::from(y[r]);
        for (x, other) in [(a, b), (b, a)] {
            for h in x {
                let both = other.binary_search(h).is_ok();
                let c = counts.entry(*h).or_default();
                c[class][0] += 1.0;
                total[class][0] += 1.0;
                if both {
                    c[class][1] += 1.0;
                    total[class][1] += 1.0;
                }
            }
        }
    }
    let rate = |class: usize| total[class][1] / total[class][0].max(1.0);
    let (p0, q0) = (rate(1), rate(0));
    let kl = |p: f64, q: f64| {
        let (p, q) = (p.clamp(1e-6, 1.0 - 1e-6), q.clamp(1e-6, 1.0 - 1e-6));
        p * (p / q).ln() + (1.0 - p) * ((1.0 - p) / (1.0 - q)).ln()
    };
    let default = kl(p0, q0);
    let table = counts
        .into_iter()
        .filter(|(_, c)| (c[0][0] + c[1][0]) as usize >= TELLING_MIN_SIDES)
        .map(|(h, c)| {
            let p = (c[1][1] + TELLING_PRIOR * p0) / (c[1][0] + TELLING_PRIOR);
            let q = (c[0][1] + TELLING_PRIOR * q0) / (c[0][0] + TELLING_PRIOR);
            (h, kl(p, q))
        })
        .collect();
    Telling { table, default }
}

/// The telling columns of pair `r` under weights `t`.
fn telling_of(units: &[(Vec<u64>, Vec<u64>)], r: usize, t: &Telling) -> (f64, f64) {
    let w = |v: &[u64]| v.iter().map(|&h| (h, t.get(h))).collect::<Vec<_>>();
    telling_pair(&w(&units[r].0), &w(&units[r].1))
}

/// `x` with the telling columns of `targets` computed from weights fitted on
/// `train` alone, and those of `train` from weights fitted on the other
/// inner folds of `train`: no row's columns ever saw its own label.
fn fill_telling(p: &Prepared, x: &mut [Vec<f64>], train: &[usize], targets: &[usize]) {
    let (ci, ri) = (
        telling_col("telling_cosine"),
        telling_col("telling_residue"),
    );
    let set = |rows: &[usize], t: &Telling, x: &mut [Vec<f64>]| {
        for &r in rows {
            let (c, res) = telling_of(&p.units, r, t);
            x[r][ci] = c;
            x[r][ri] = res;
        }
    };
    let k = TELLING_INNER_FOLDS;
    for inner in 0..k {
        let (fit_rows, rows): (Vec<usize>, Vec<usize>) =
            train
                .iter()
                .enumerate()
                .fold((vec![], vec![]), |mut acc, (j, &r)| {
                    if j % k == inner {
                        acc.1.push(r);
                    } else {
                        acc.0.push(r);
                    }
                    acc
                });
        set(&rows, &fit_telling(&p.units, &p.labels, &fit_rows), x);
    }
    set(targets, &fit_telling(&p.units, &p.labels, train), x);
}

fn telling_col(name: &str) -> usize {
    NAMES.iter().position(|n| *n == name).unwrap_or(0)
}

/// Feature matrix of prepared pairs.
pub fn matrix(p: &Prepared) -> Vec<Vec<f64>> {
    use rayon::prelude::*;
    p.analyses
        .par_iter()
        .map(|(a, b)| features(a, b, &p.idf))
        .collect()
}

/// A fitted linear model on standardised features.
#[derive(Debug, Clone)]
pub struct Fit {
    /// Means.
    pub mean: Vec<f64>,
    /// Standard deviations.
    pub std: Vec<f64>,
    /// Weights.
    pub w: Vec<f64>,
    /// Intercept.
    pub b: f64,
}

impl Fit {
    /// Probability for one row.
    pub fn prob(&self, x: &[f64]) -> f64 {
        sigmoid(
            self.b
                + x.iter()
                    .enumerate()
                    .map(|(i, v)| self.w[i] * (v - self.mean[i]) / self.std[i])
                    .sum::<f64>(),
        )
    }
}

/// Fit logistic regression with an L2 penalty, using only the columns in `cols`.
pub fn fit(x: &[Vec<f64>], y: &[bool], cols: &[usize], l2: f64) -> Fit {
    let d = x.first().map_or(0, Vec::len);
    let n = x.len().max(1) as f64;
    let mut mean = vec![0.0; d];
    let mut std = vec![1.0; d];
    for j in 0..d {
        mean[j] = x.iter().map(|r| r[j]).sum::<f64>() / n;
        let var = x.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / n;
        std[j] = if var > 1e-12 { var.sqrt() } else { 1.0 };
    }
    let k = cols.len();
    // Standardised design with intercept in column 0.
    let z: Vec<Vec<f64>> = x
        .iter()
        .map(|r| {
            std::iter::once(1.0)
                .chain(cols.iter().map(|&j| (r[j] - mean[j]) / std[j]))
                .collect()
        })
        .collect();
    let mut beta = vec![0.0; k + 1];
    for _ in 0..30 {
        let mut grad = vec![0.0; k + 1];
        let mut hess = vec![vec![0.0; k + 1]; k + 1];
        for (row, &label) in z.iter().zip(y) {
            let p = sigmoid(row.iter().zip(&beta).map(|(a, b)| a * b).sum());
            let err = p - if label { 1.0 } else { 0.0 };
            let wgt = (p * (1.0 - p)).max(1e-9);
            for i in 0..=k {
                grad[i] += err * row[i];
                for j in 0..=i {
                    hess[i][j] += wgt * row[i] * row[j];
                }
            }
        }
        for i in 0..=k {
            // Mirror the lower triangle into the upper one.
            let lower: Vec<f64> = hess[i][..i].to_vec();
            for (j, v) in lower.into_iter().enumerate() {
                hess[j][i] = v;
            }
            if i > 0 {
                grad[i] += l2 * beta[i];
                hess[i][i] += l2;
            }
        }
        let Some(step) = solve(hess, grad) else { break };
        let mut change = 0.0f64;
        for i in 0..=k {
            beta[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-8 {
            break;
        }
    }
    let mut w = vec![0.0; d];
    for (c, &j) in cols.iter().enumerate() {
        w[j] = beta[c + 1];
    }
    Fit {
        mean,
        std,
        w,
        b: beta[0],
    }
}

/// Solve `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, piv);
        b.swap(col, piv);
        for r in col + 1..n {
            let f = a[r][col] / a[col][col];
            // Borrow the pivot row and row r apart (r > col) instead of copying the pivot row.
            let (upper, lower) = a.split_at_mut(r);
            for (x, p) in lower[0][col..].iter_mut().zip(&upper[col][col..]) {
                *x -= f * p;
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

/// Accuracy and F1 of the positive class.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Accuracy.
    pub accuracy: f64,
    /// F1 of the positive class.
    pub f1: f64,
}

fn scores(pred: &[bool], y: &[bool]) -> Scores {
    let (mut tp, mut fp, mut fneg, mut ok) = (0.0, 0.0, 0.0, 0.0);
    for (&p, &t) in pred.iter().zip(y) {
        if p == t {
            ok += 1.0;
        }
        match (p, t) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let prec = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let rec = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    Scores {
        accuracy: ok / y.len().max(1) as f64,
        f1: if prec + rec > 0.0 {
            2.0 * prec * rec / (prec + rec)
        } else {
            0.0
        },
    }
}

/// Best threshold for accuracy on the given probabilities.
fn best_threshold(p: &[f64], y: &[bool]) -> f64 {
    let mut best = (0.5, 0.0);
    for t in (20..=80).map(|i| i as f64 / 100.0) {
        let acc = scores(&p.iter().map(|&x| x >= t).collect::<Vec<_>>(), y).accuracy;
        if acc > best.1 + 1e-12 {
            best = (t, acc);
        }
    }
    best.0
}

/// The feature matrix as each of `k` folds sees it: the telling columns
/// fitted on that fold's training rows only (see `fill_telling`).
pub fn fold_matrices(p: &Prepared, x: &[Vec<f64>], k: usize) -> Vec<Vec<Vec<f64>>> {
    use rayon::prelude::*;
    (0..k)
        .into_par_iter()
        .map(|fold| {
            let mut xf = x.to_vec();
            let n = x.len();
            let train: Vec<usize> = (0..n).filter(|i| i % k != fold).collect();
            let held: Vec<usize> = (0..n).filter(|i| i % k == fold).collect();
            fill_telling(p, &mut xf, &train, &held);
            xf
        })
        .collect()
}

/// k-fold cross-validation (deterministic folds by index) over the folds'
/// matrices of [`fold_matrices`]. The threshold is chosen on each training
/// fold, never on the held-out one.
pub fn cross_validate(folds: &[Vec<Vec<f64>>], y: &[bool], cols: &[usize], l2: f64) -> Scores {
    let k = folds.len();
    let mut pred = vec![false; y.len()];
    for (fold, x) in folds.iter().enumerate() {
        let (mut tx, mut ty) = (Vec::new(), Vec::new());
        for i in (0..y.len()).filter(|i| i % k != fold) {
            tx.push(x[i].clone());
            ty.push(y[i]);
        }
        let f = fit(&tx, &ty, cols, l2);
        let tp: Vec<f64> = tx.iter().map(|r| f.prob(r)).collect();
        let t = best_threshold(&tp, &ty);
        for i in (0..y.len()).filter(|i| i % k == fold) {
            pred[i] = f.prob(&x[i]) >= t;
        }
    }
    scores(&pred, y)
}

/// One row of the ablation table.
#[derive(Debug, Clone)]
pub struct Ablation {
    /// Feature family removed ("none" for the full model).
    pub removed: String,
    /// Scores without it.
    pub scores: Scores,
}

/// Train on all pairs, with cross-validation and ablation.
pub struct Trained {
    /// The matcher to ship.
    pub matcher: Matcher,
    /// Cross-validated scores of the full model.
    pub cv: Scores,
    /// Ablation rows.
    pub ablation: Vec<Ablation>,
    /// Baseline: word overlap alone.
    pub baseline: Scores,
}

/// Fit the shipped matcher from labelled pairs.
pub fn train(
    pairs: &[Pair],
    lex: &Lexicon,
    folds: usize,
    l2: f64,
    ablate: bool,
    data_name: &str,
) -> Trained {
    let prep = prepare(pairs, lex);
    let mut x = matrix(&prep);
    let y = &prep.labels;
    let per_fold = fold_matrices(&prep, &x, folds);
    let all: Vec<usize> = (0..NAMES.len()).collect();
    let cv = cross_validate(&per_fold, y, &all, l2);
    let idx = |n: &str| NAMES.iter().position(|x| *x == n).unwrap_or(0);
    let baseline = cross_validate(&per_fold, y, &[idx("key_jaccard")], l2);
    let mut ablation = vec![Ablation {
        removed: "none".into(),
        scores: cv,
    }];
    if ablate {
        for (fam, names) in FAMILIES {
            let cols: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&j| !names.contains(&NAMES[j]))
                .collect();
            ablation.push(Ablation {
                removed: (*fam).to_string(),
                scores: cross_validate(&per_fold, y, &cols, l2),
            });
        }
    }
    // The shipped fit: every row's telling columns out of its inner fold,
    // the shipped telling weights from all rows.
    let every: Vec<usize> = (0..y.len()).collect();
    fill_telling(&prep, &mut x, &every, &[]);
    let telling = fit_telling(&prep.units, y, &every);
    let f = fit(&x, y, &all, l2);
    let probs: Vec<f64> = x.iter().map(|r| f.prob(r)).collect();
    let threshold = best_threshold(&probs, y);
    // Keep the idf of keys seen at least twice: rarer keys get the default.
    let idf: BTreeMap<String, f64> = prep
        .idf
        .table
        .iter()
        .filter(|(_, v)| **v < prep.idf.default - 1e-9)
        .map(|(k, v)| (k.clone(), (v * 1000.0).round() / 1000.0))
        .collect();
    let matcher = Matcher {
        features: NAMES.iter().map(|s| s.to_string()).collect(),
        mean: f.mean,
        std: f.std,
        weights: f.w,
        bias: f.b,
        threshold,
        idf,
        idf_default: prep.idf.default,
        telling: telling
            .table
            .iter()
            .filter_map(|(h, w)| {
                let name = prep.unit_names.get(h)?;
                Some((name.clone(), (w * 1e4).round() / 1e4))
            })
            .collect(),
        telling_default: telling.default,
        provenance: Provenance {
            data: data_name.to_string(),
            pairs: pairs.len(),
            l2,
            cv_accuracy: cv.accuracy,
            cv_f1: cv.f1,
            folds,
        },
        tables: Default::default(),
    };
    Trained {
        matcher,
        cv,
        ablation,
        baseline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_only_paraphrases_repeat_tells_more_than_one_every_pair_repeats() {
        // Units 1 and 2: "said" (1) is in both sentences of every pair;
        // "resigned" (2) is repeated by the paraphrases only, and one
        // sentence of each other pair has it alone.
        let mut units = Vec::new();
        let mut y = Vec::new();
        for i in 0..60u64 {
            let extra = 100 + i;
            if i % 2 == 0 {
                units.push((vec![1, 2, extra], vec![1, 2]));
                y.push(true);
            } else {
                units.push((vec![1, 2, extra], vec![1]));
                y.push(false);
            }
        }
        let rows: Vec<usize> = (0..units.len()).collect();
        let t = fit_telling(&units, &y, &rows);
        assert!(t.get(2) > t.get(1) + 0.1, "{} vs {}", t.get(2), t.get(1));
        // A unit seen once is not in the table: it gets the default.
        assert!(!t.table.contains_key(&100));
        assert_eq!(t.get(100), t.default);
        // The held-out rows never shape the weights they are scored with.
        let half: Vec<usize> = (0..30).collect();
        let fitted = fit_telling(&units, &y, &half);
        let mut flipped = y.clone();
        for v in &mut flipped[30..] {
            *v = !*v;
        }
        assert_eq!(fit_telling(&units, &flipped, &half).table, fitted.table);
    }
}
