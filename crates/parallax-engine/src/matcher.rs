//! The sentence matcher: a logistic regression over the hand-built features
//! of [`crate::features`], fitted on the MSRP training split by
//! `parallax train` (see [`crate::train`]) and shipped as
//! `data/matcher.json`.
//!
//! It gives two probabilities for a pair:
//! - **paraphrase**: the two sentences state the same claim with no material
//!   difference (what MSRP annotators judged);
//! - **same claim**: the same with the conflict features (numbers, dates,
//!   negation) set to their no-conflict value, which is what alignment
//!   needs: "three dead" and "nine dead" in Sacaba are the same claim, told
//!   differently.
//!
//! Its weights are explainable: [`Matcher::explain`] turns the strongest
//! contributions into words.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analyse::SentenceAnalysis;
use crate::error::{Error, Result};
use crate::features::{Idf, Telling, Unit, CONFLICT_FEATURES, NAMES};
use crate::model::Contribution;

/// A fitted matcher, as stored in `data/matcher.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Matcher {
    /// Feature names, in order.
    pub features: Vec<String>,
    /// Feature means (for standardising).
    pub mean: Vec<f64>,
    /// Feature standard deviations.
    pub std: Vec<f64>,
    /// Weights on standardised features.
    pub weights: Vec<f64>,
    /// Intercept.
    pub bias: f64,
    /// Decision threshold on the paraphrase probability.
    pub threshold: f64,
    /// Background idf of keys, from the training sentences.
    #[serde(deserialize_with = "map_in_bulk")]
    pub idf: std::collections::BTreeMap<String, f64>,
    /// Idf of unseen keys.
    pub idf_default: f64,
    /// Telling weights of words and word pairs seen often enough in the
    /// training pairs (see [`crate::features::Telling`]).
    #[serde(deserialize_with = "map_in_bulk")]
    pub telling: std::collections::BTreeMap<String, f64>,
    /// Telling weight of the others.
    pub telling_default: f64,
    /// The idf and telling tables as the features look them up, built once
    /// (every comparison used to copy them: 1.3 ms of a 10 ms run).
    #[serde(skip)]
    pub(crate) tables: OnceLock<Idf>,
    /// How it was made and how well it did.
    pub provenance: Provenance,
}

/// How a matcher was fitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Provenance {
    /// Data it was fitted on.
    pub data: String,
    /// Number of pairs.
    pub pairs: usize,
    /// L2 penalty.
    pub l2: f64,
    /// Cross-validated accuracy.
    pub cv_accuracy: f64,
    /// Cross-validated F1 of the paraphrase class.
    pub cv_f1: f64,
    /// Folds.
    pub folds: usize,
}

static BUILTIN: &str = include_str!("../data/matcher.json");

/// A JSON object of numbers read into a map in one bulk build. serde's own
/// map reading inserts key by key, each a walk down the tree with string
/// comparisons; collecting the entries first lets the standard library sort
/// them (the shipped file is already in order) and build the tree bottom
/// up. Reading the shipped matcher took 2.8 ms key by key and takes 1.3 ms
/// so.
fn map_in_bulk<'de, D>(
    d: D,
) -> std::result::Result<std::collections::BTreeMap<String, f64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Entries;
    impl<'de> serde::de::Visitor<'de> for Entries {
        type Value = Vec<(String, f64)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of numbers")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
            while let Some(entry) = map.next_entry()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    Ok(d.deserialize_map(Entries)?.into_iter().collect())
}

impl Matcher {
    /// The matcher shipped with the engine.
    pub fn builtin() -> &'static Matcher {
        static M: OnceLock<Matcher> = OnceLock::new();
        M.get_or_init(|| {
            // Tested in `builtin_weights_load`; a broken file is a build defect.
            Matcher::from_json(BUILTIN).unwrap_or_else(|e| panic!("data/matcher.json: {e}"))
        })
    }

    /// Read a matcher from JSON, checking it fits this engine's features.
    pub fn from_json(s: &str) -> Result<Matcher> {
        let m: Matcher = serde_json::from_str(s).map_err(|e| Error::Weights(e.to_string()))?;
        let names: Vec<&str> = m.features.iter().map(String::as_str).collect();
        let n = NAMES.len();
        if names != NAMES || m.mean.len() != n || m.std.len() != n || m.weights.len() != n {
            return Err(Error::Weights(format!(
                "the weights are for features {:?}, this engine computes {:?}",
                names, NAMES
            )));
        }
        Ok(m)
    }

    /// Background idf table, with the telling weights by unit hash.
    pub fn idf(&self) -> &Idf {
        self.tables.get_or_init(|| Idf {
            table: self.idf.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            default: self.idf_default,
            telling: Telling {
                table: self
                    .telling
                    .iter()
                    .map(|(u, w)| (crate::features::unit_text_hash(u), *w))
                    .collect(),
                default: self.telling_default,
            },
        })
    }

    /// The telling weights by unit hash.
    pub fn telling_table(&self) -> &Telling {
        &self.idf().telling
    }

    /// Log-odds of "paraphrase".
    pub fn logit(&self, f: &[f64]) -> f64 {
        self.bias
            + f.iter()
                .enumerate()
                .map(|(i, x)| self.weights[i] * (x - self.mean[i]) / self.std[i])
                .sum::<f64>()
    }

    /// Re-measure the features of shared surface wording for two sentences
    /// in different languages: "decreto" and "decree" share no spelling and
    /// the two languages no function words, so measured on the words those
    /// features would count against every translation (the weights were
    /// fitted on English pairs). Spelling, adjacent pairs, the word diff and
    /// the longest run are measured over the content words' keys instead
    /// (see [`crate::features::content_surface`]); shared function words,
    /// which have no counterpart, are set to their training mean, so they
    /// count neither for nor against. The telling words, whose weights are
    /// of English words and pairs, are measured over the content words'
    /// keys, each of the default weight (see
    /// [`crate::features::telling_across`]).
    pub fn across_languages(&self, a: &SentenceAnalysis, b: &SentenceAnalysis, f: &mut [f64]) {
        let (char3, bigram, diff, run) = crate::features::content_surface(a, b);
        let (cosine, residue) = crate::features::telling_across(a, b, self.telling_default);
        for (i, name) in NAMES.iter().enumerate() {
            match *name {
                "char3_jaccard" => f[i] = char3,
                "bigram_dice" => f[i] = bigram,
                "diff_ratio" => f[i] = diff,
                "lcs_run" => f[i] = run,
                "stop_dice" => f[i] = self.mean[i],
                "telling_cosine" => f[i] = cosine,
                "telling_residue" => f[i] = residue,
                _ => {}
            }
        }
    }

    /// Probability of "paraphrase".
    pub fn paraphrase(&self, f: &[f64]) -> f64 {
        sigmoid(self.logit(f))
    }

    /// Probability of "same claim": conflict features neutralised.
    pub fn same_claim(&self, f: &[f64]) -> f64 {
        let mut g = f.to_vec();
        for (i, name) in NAMES.iter().enumerate() {
            if CONFLICT_FEATURES.contains(name) {
                g[i] = 0.0;
            }
        }
        sigmoid(self.logit(&g))
    }

    /// The strongest contributions to the score, in words.
    pub fn explain(
        &self,
        f: &[f64],
        a: &SentenceAnalysis,
        b: &SentenceAnalysis,
        top: usize,
    ) -> Vec<Contribution> {
        let (ua, ub) = (crate::features::units(a), crate::features::units(b));
        self.explain_with(f, (a, &ua), (b, &ub), top)
    }

    /// [`Matcher::explain`] given each sentence with its
    /// [`crate::features::units`], for a caller that explains many pairs
    /// of the same sentences (a comparison finds each sentence's units
    /// once instead of once per link).
    pub fn explain_with(
        &self,
        f: &[f64],
        (a, ua): (&SentenceAnalysis, &[Unit]),
        (b, ub): (&SentenceAnalysis, &[Unit]),
        top: usize,
    ) -> Vec<Contribution> {
        let mut c: Vec<(usize, f64)> = (0..f.len())
            .map(|i| (i, self.weights[i] * (f[i] - self.mean[i]) / self.std[i]))
            .collect();
        c.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()));
        let (shared, telling) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
        c.into_iter()
            .take(top)
            .map(|(i, w)| Contribution {
                feature: NAMES[i].to_string(),
                description: describe(self, NAMES[i], f[i], (a, ua), (b, ub), &shared, &telling),
                weight: (w * 1000.0).round() / 1000.0,
            })
            .collect()
    }
}

/// The logistic function.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn list(v: Vec<String>) -> String {
    let mut v = v;
    v.dedup();
    if v.is_empty() {
        "none".into()
    } else {
        v.into_iter().take(4).collect::<Vec<_>>().join(", ")
    }
}

/// Telling units both sentences have, and those only one has, each as
/// (weight, sentence, first token, pair).
type TellingUnit<'s> = (f64, &'s SentenceAnalysis, usize, bool);
type TellingSplit<'s> = (Vec<TellingUnit<'s>>, Vec<TellingUnit<'s>>);

fn telling_split<'s>(
    m: &Matcher,
    (a, ua): (&'s SentenceAnalysis, &[Unit]),
    (b, ub): (&'s SentenceAnalysis, &[Unit]),
) -> TellingSplit<'s> {
    let table = m.telling_table();
    let (mut shared, mut only) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    // Both lists are sorted by hash: one merge.
    while i < ua.len() || j < ub.len() {
        let next = match (ua.get(i), ub.get(j)) {
            (Some(x), Some(y)) => x.0.cmp(&y.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (list, s, (h, first, pair)) = match next {
            std::cmp::Ordering::Equal => {
                j += 1;
                i += 1;
                (&mut shared, a, ua[i - 1])
            }
            std::cmp::Ordering::Less => {
                i += 1;
                (&mut only, a, ua[i - 1])
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                (&mut only, b, ub[j - 1])
            }
        };
        list.push((table.get(h), s, first, pair));
    }
    (shared, only)
}

/// The four most telling units, quoted.
fn most_telling(v: &[TellingUnit]) -> String {
    // Only the four heaviest are shown: spell out those and any tied with
    // the fourth, not every unit of both sentences.
    let mut weights: Vec<f64> = v.iter().map(|x| x.0).collect();
    let cut = if weights.len() > 4 {
        *weights.select_nth_unstable_by(3, |x, y| y.total_cmp(x)).1
    } else {
        f64::NEG_INFINITY
    };
    let mut v: Vec<(f64, String)> = v
        .iter()
        .filter(|x| x.0 >= cut)
        .map(|&(w, s, first, pair)| (w, crate::features::unit_text(s, first, pair)))
        .collect();
    v.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    list(
        v.into_iter()
            .take(4)
            .map(|(_, u)| format!("'{u}'"))
            .collect(),
    )
}

fn describe<'s>(
    m: &Matcher,
    name: &str,
    value: f64,
    (a, ua): (&'s SentenceAnalysis, &[Unit]),
    (b, ub): (&'s SentenceAnalysis, &[Unit]),
    shared: &std::cell::OnceCell<String>,
    telling: &std::cell::OnceCell<TellingSplit<'s>>,
) -> String {
    // Six features describe themselves by the shared words: listed once.
    let shared_words = || {
        shared
            .get_or_init(|| {
                let kb: rustc_hash::FxHashSet<&str> = b.keys.iter().map(String::as_str).collect();
                list(
                    a.tokens
                        .iter()
                        .filter(|t| !t.stop && kb.contains(t.key.as_str()))
                        .map(|t| t.text.clone())
                        .collect(),
                )
            })
            .clone()
    };
    // Content words whose key the other sentence lacks, both sides.
    let only_words = || {
        let kb: rustc_hash::FxHashSet<&str> = b.keys.iter().map(String::as_str).collect();
        let ka: rustc_hash::FxHashSet<&str> = a.keys.iter().map(String::as_str).collect();
        let mut only: Vec<String> = a
            .tokens
            .iter()
            .filter(|t| !t.stop && !kb.contains(t.key.as_str()))
            .map(|t| t.text.clone())
            .collect();
        only.extend(
            b.tokens
                .iter()
                .filter(|t| !t.stop && !ka.contains(t.key.as_str()))
                .map(|t| t.text.clone()),
        );
        list(only)
    };
    let pct = |v: f64| format!("{:.0}%", v * 100.0);
    // Across languages six surface features are measured on the content
    // words' keys (see `Matcher::across_languages`), and say so.
    let across = a.lang != b.lang
        && matches!(
            name,
            "char3_jaccard"
                | "bigram_dice"
                | "lcs_run"
                | "diff_ratio"
                | "telling_cosine"
                | "telling_residue"
        );
    // Each feature reads differently, so two of them in one explanation
    // never look like the same reason twice.
    let text = match name {
        "idf_dice" => format!(
            "shared content words, rare ones counting most ({}): {}",
            pct(value),
            shared_words()
        ),
        "key_jaccard" => format!(
            "shared content words ({} of both together): {}",
            pct(value),
            shared_words()
        ),
        "coverage_min" => format!(
            "the shorter sentence's content words found in the other ({}): {}",
            pct(value),
            shared_words()
        ),
        "coverage_max" => format!(
            "the longer sentence's content words found in the other ({}): {}",
            pct(value),
            shared_words()
        ),
        "aligned_min" => format!(
            "the shorter sentence's words aligned with the other's ({}): {}",
            pct(value),
            shared_words()
        ),
        "aligned_max" => format!(
            "the longer sentence's words aligned with the other's ({}): {}",
            pct(value),
            shared_words()
        ),
        "containment" => format!(
            "the shorter sentence's rarer words inside the other ({})",
            pct(value)
        ),
        "same_event" if value > 0.0 => {
            "the same event, pinned down by its actors, date or place".into()
        }
        "same_event" => "no event both tell".into(),
        "residue" | "max_unmatched_idf" => format!("words only one side has: {}", only_words()),
        // Across languages these two are measured on the content words'
        // keys (see `Matcher::across_languages`), and list those.
        "telling_cosine" if across => {
            format!("shared telling words ({}): {}", pct(value), shared_words())
        }
        "telling_residue" if across => format!(
            "telling words only one side has ({} of its weight): {}",
            pct(value),
            only_words()
        ),
        "telling_cosine" => format!(
            "shared telling words ({}): {}",
            pct(value),
            most_telling(&telling.get_or_init(|| telling_split(m, (a, ua), (b, ub))).0)
        ),
        "telling_residue" => format!(
            "telling words only one side has ({} of its weight): {}",
            pct(value),
            most_telling(&telling.get_or_init(|| telling_split(m, (a, ua), (b, ub))).1)
        ),
        "char3_jaccard" => format!("similar spelling ({})", pct(value)),
        "bigram_dice" => format!("shared pairs of adjacent words ({})", pct(value)),
        "lcs_run" => format!(
            "longest run of words in the same order ({} of the shorter)",
            pct(value)
        ),
        "stop_dice" => format!("shared small words: the, of, that… ({})", pct(value)),
        "diff_ratio" => format!("word diff similarity {}", pct(value)),
        "len_ratio" => format!("length ratio {}", pct(value)),
        "entities_shared" | "entities_unmatched" => {
            let eb: rustc_hash::FxHashSet<&str> =
                b.entities.iter().map(|e| e.id.as_str()).collect();
            let shared: Vec<String> = a
                .entities
                .iter()
                .filter(|e| eb.contains(e.id.as_str()))
                .map(|e| e.name.clone())
                .collect();
            let ea: rustc_hash::FxHashSet<&str> =
                a.entities.iter().map(|e| e.id.as_str()).collect();
            let mut only: Vec<String> = a
                .entities
                .iter()
                .filter(|e| !eb.contains(e.id.as_str()))
                .map(|e| e.name.clone())
                .collect();
            only.extend(
                b.entities
                    .iter()
                    .filter(|e| !ea.contains(e.id.as_str()))
                    .map(|e| e.name.clone()),
            );
            format!(
                "same entities: {}; only one side: {}",
                list(shared),
                list(only)
            )
        }
        "numbers_match" if value > 0.0 => "same numbers".into(),
        "numbers_conflict" if value > 0.0 => "conflicting numbers".into(),
        "numbers_one_side" if value > 0.0 => "a number only one side gives".into(),
        "numbers_match" | "numbers_conflict" | "numbers_one_side" => "numbers: no conflict".into(),
        "dates_match" if value > 0.0 => "same date".into(),
        "dates_conflict" if value > 0.0 => "conflicting dates".into(),
        "dates_match" | "dates_conflict" => "dates: none to compare".into(),
        "negation_mismatch" if value > 0.0 => "one side negates what the other states".into(),
        "negation_mismatch" => "same polarity".into(),
        _ => format!("{name} = {value:.2}"),
    };
    if across {
        format!("{text}, on the content words across languages")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_weights_load() {
        let m = Matcher::builtin();
        assert_eq!(m.features.len(), NAMES.len());
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
        assert!(
            m.idf.len() > 1000,
            "idf table is too small: {}",
            m.idf.len()
        );
    }

    #[test]
    fn a_table_is_read_whatever_the_order_of_its_keys() {
        let mut de = serde_json::Deserializer::from_str(
            r#"{"senkata": 7.5, "bolivia": 2, "morales": 3.25}"#,
        );
        let m = map_in_bulk(&mut de).expect("a map of numbers");
        let got: Vec<(&str, f64)> = m.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(got, [("bolivia", 2.0), ("morales", 3.25), ("senkata", 7.5)]);
        let mut de = serde_json::Deserializer::from_str(r#"{"bolivia": "two"}"#);
        assert!(map_in_bulk(&mut de).is_err());
        // The shipped matcher, written out and read back, has the same
        // tables and looks keys up the same.
        let m = Matcher::builtin();
        let back = Matcher::from_json(&serde_json::to_string(m).expect("json")).expect("read back");
        assert_eq!(back.idf, m.idf);
        assert_eq!(back.telling, m.telling);
        assert_eq!(back.idf().get("morales"), m.idf().get("morales"));
        assert_eq!(back.idf().table.len(), m.idf.len());
    }

    #[test]
    fn mismatched_weights_are_refused() {
        let mut m = Matcher::builtin().clone();
        m.features.pop();
        let s = serde_json::to_string(&m).unwrap();
        assert!(matches!(Matcher::from_json(&s), Err(Error::Weights(_))));
    }
}
