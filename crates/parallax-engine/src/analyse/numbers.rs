//! Numbers as ranges, with what they count.
//!
//! News gives counts in digits ("1,200"), words ("five", "nueve"), vague
//! quantifiers ("several", "dozens", "decenas") and with modifiers ("at
//! least five", "more than 100", "casi 14"). Each becomes a closed range
//! `[low, high]` (high may be infinite) so that two counts conflict only when
//! their ranges are disjoint: "at least five" and "nine" overlap (a rolling
//! toll: diverge), "three" and "at least six" do not (contradict).
//!
//! Written by hand: `text2num` turns words into digits, but gives no ranges,
//! no vague quantifiers and no counted noun, which is what comparison needs.

use crate::model::Span;
use crate::text::Token;

/// A count or amount in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte span in the sentence (modifier included).
    pub span: Span,
    /// Lowest value the words allow.
    pub low: f64,
    /// Highest value the words allow (may be infinite).
    pub high: f64,
    /// What is counted: a concept (`die`, `injure`, `arrest`, `percent`) or a word key.
    pub counted: Option<String>,
    /// A bare number with no modifier.
    pub exact: bool,
    /// A vague quantifier ("several", "dozens").
    pub vague: bool,
    /// Token indexes covered.
    pub tokens: (usize, usize),
}

impl Quantity {
    /// Whether two ranges share any value.
    pub fn overlaps(&self, other: &Quantity) -> bool {
        self.low <= other.high && other.low <= self.high
    }
    /// Same range.
    pub fn same(&self, other: &Quantity) -> bool {
        // Exact equality first: "over 10" reaches infinity, and inf - inf is NaN.
        let close = |x: f64, y: f64| x == y || (x - y).abs() < 1e-9;
        close(self.low, other.low) && close(self.high, other.high)
    }
    /// Width of the range (smaller is more specific).
    pub fn width(&self) -> f64 {
        self.high - self.low
    }
    /// A short human rendering of the range.
    pub fn describe(&self) -> String {
        let f = |x: f64| {
            if x.fract().abs() < 1e-9 {
                format!("{}", x as i64)
            } else {
                format!("{x:.2}")
            }
        };
        if self.high.is_infinite() {
            format!("≥ {}", f(self.low))
        } else if (self.high - self.low).abs() < 1e-9 {
            f(self.low)
        } else {
            format!("{}–{}", f(self.low), f(self.high))
        }
    }
}

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("cero", 0.0),
    ("uno", 1.0),
    ("una", 1.0),
    ("dos", 2.0),
    ("tres", 3.0),
    ("cuatro", 4.0),
    ("cinco", 5.0),
    ("seis", 6.0),
    ("siete", 7.0),
    ("ocho", 8.0),
    ("nueve", 9.0),
    ("diez", 10.0),
    ("once", 11.0),
    ("doce", 12.0),
    ("trece", 13.0),
    ("catorce", 14.0),
    ("quince", 15.0),
    ("dieciseis", 16.0),
    ("diecisiete", 17.0),
    ("dieciocho", 18.0),
    ("diecinueve", 19.0),
    ("veinte", 20.0),
    ("veintiuno", 21.0),
    ("veintidos", 22.0),
    ("veintitres", 23.0),
    ("veinticuatro", 24.0),
    ("veinticinco", 25.0),
    ("treinta", 30.0),
    ("cuarenta", 40.0),
    ("cincuenta", 50.0),
    ("sesenta", 60.0),
    ("setenta", 70.0),
    ("ochenta", 80.0),
    ("noventa", 90.0),
    ("cien", 100.0),
    ("ciento", 100.0),
];
const SCALES: &[(&str, f64)] = &[
    ("hundred", 100.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("mil", 1e3),
    ("millon", 1e6),
    ("millones", 1e6),
];
/// Vague quantifiers as ranges.
const VAGUE: &[(&str, f64, f64)] = &[
    ("several", 3.0, 9.0),
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 99.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2000.0, 9999.0),
    ("few", 2.0, 5.0),
    ("handful", 2.0, 6.0),
    ("dozen", 12.0, 12.0),
    ("varios", 3.0, 9.0),
    ("varias", 3.0, 9.0),
    ("decenas", 24.0, 99.0),
    ("centenares", 200.0, 999.0),
    ("cientos", 200.0, 999.0),
    ("miles", 2000.0, 9999.0),
    ("docena", 12.0, 12.0),
];

#[derive(Clone, Copy, PartialEq)]
enum Modifier {
    AtLeast,
    MoreThan,
    Nearly,
    About,
    UpTo,
    LessThan,
}

/// Modifiers before a number, folded words, longest first.
const MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["at", "least"], Modifier::AtLeast),
    (&["no", "fewer", "than"], Modifier::AtLeast),
    (&["por", "lo", "menos"], Modifier::AtLeast),
    (&["al", "menos"], Modifier::AtLeast),
    (&["como", "minimo"], Modifier::AtLeast),
    (&["more", "than"], Modifier::MoreThan),
    (&["mas", "de"], Modifier::MoreThan),
    (&["over"], Modifier::MoreThan),
    (&["upwards", "of"], Modifier::MoreThan),
    (&["nearly"], Modifier::Nearly),
    (&["almost"], Modifier::Nearly),
    (&["casi"], Modifier::Nearly),
    (&["about"], Modifier::About),
    (&["around"], Modifier::About),
    (&["some"], Modifier::About),
    (&["roughly"], Modifier::About),
    (&["approximately"], Modifier::About),
    (&["cerca", "de"], Modifier::About),
    (&["alrededor", "de"], Modifier::About),
    (&["unos"], Modifier::About),
    (&["unas"], Modifier::About),
    (&["aproximadamente"], Modifier::About),
    (&["up", "to"], Modifier::UpTo),
    (&["as", "many", "as"], Modifier::UpTo),
    (&["hasta"], Modifier::UpTo),
    (&["fewer", "than"], Modifier::LessThan),
    (&["less", "than"], Modifier::LessThan),
    (&["menos", "de"], Modifier::LessThan),
];

/// Concepts that name what a toll counts; they win over a plain next word.
const COUNT_CONCEPTS: &[&str] = &["die", "injure", "arrest"];

fn word_value(w: &str) -> Option<f64> {
    UNITS.iter().find(|(k, _)| *k == w).map(|x| x.1)
}
fn scale_value(w: &str) -> Option<f64> {
    SCALES.iter().find(|(k, _)| *k == w).map(|x| x.1)
}

/// Parse a digits token in English or Spanish style.
pub fn parse_digits(s: &str, lang: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    // Decide which separator is the decimal mark.
    let normalised = if commas > 0 && dots > 0 {
        if s.rfind(',') > s.rfind('.') {
            s.replace('.', "").replace(',', ".")
        } else {
            s.replace(',', "")
        }
    } else if commas > 0 {
        let last = s.rsplit(',').next().unwrap_or("");
        if commas == 1 && last.len() != 3 || (lang == "es" && commas == 1 && last.len() != 3) {
            s.replace(',', ".")
        } else {
            s.replace(',', "")
        }
    } else if dots > 0 {
        let last = s.rsplit('.').next().unwrap_or("");
        if dots > 1 || (lang == "es" && last.len() == 3) {
            s.replace('.', "")
        } else {
            s.to_string()
        }
    } else {
        s.to_string()
    };
    normalised.parse().ok()
}

fn decimals(s: &str) -> usize {
    s.rsplit(['.', ','])
        .next()
        .filter(|_| s.contains(['.', ',']))
        .map_or(0, |d| d.len())
}

/// Find quantities in a tokenised sentence. `skip[i]` marks tokens already
/// used by dates (day numbers, years).
pub fn find(sentence: &str, toks: &[Token], skip: &[bool], lang: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if skip.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        let Some((value, end, vague, precision)) = read_number(sentence, toks, i, lang) else {
            i += 1;
            continue;
        };
        // A bare year-like number is a date, not a count.
        if !vague
            && (1900.0..=2100.0).contains(&value)
            && value.fract() == 0.0
            && toks[i].numeric
            && end == i + 1
        {
            let next_is_noun = toks.get(end).is_some_and(|t| !t.stop && !t.numeric);
            if !next_is_noun || toks.get(end).is_some_and(|t| t.key == "elect") {
                i = end;
                continue;
            }
        }
        // Modifier before.
        let mut start = i;
        let mut modifier = None;
        for (words, m) in MODIFIERS {
            let n = words.len();
            if i >= n
                && toks[i - n..i]
                    .iter()
                    .zip(words.iter())
                    .all(|(t, w)| t.fold == *w)
            {
                modifier = Some(*m);
                start = i - n;
                break;
            }
        }
        let after = &sentence[toks[end - 1].span.end..];
        let percent = after.trim_start().starts_with('%')
            || toks
                .get(end)
                .is_some_and(|t| t.fold == "percent" || t.fold == "per")
            || (toks.get(end).is_some_and(|t| t.fold == "por")
                && toks.get(end + 1).is_some_and(|t| t.fold == "ciento"));
        let (mut low, mut high) = if vague {
            vague_range(&toks[i].fold).unwrap_or((value, value))
        } else if percent && precision > 0.0 {
            (value - precision / 2.0, value + precision / 2.0)
        } else {
            (value, value)
        };
        if let Some(m) = modifier {
            let v = value;
            (low, high) = match m {
                Modifier::AtLeast => (low, f64::INFINITY),
                Modifier::MoreThan => (if vague { low } else { v + 0.5 }, f64::INFINITY),
                Modifier::Nearly => ((v * 0.9).floor(), v),
                Modifier::About => ((v * 0.85).floor(), (v * 1.15).ceil()),
                Modifier::UpTo => (0.0, high),
                Modifier::LessThan => (0.0, (v - 0.5).max(0.0)),
            };
        }
        let lone_one = !vague && value == 1.0 && end == i + 1 && !toks[i].numeric;
        let counted = if percent {
            Some("percent".to_string())
        } else if lone_one {
            // "una capilla", "one plane": the word right after is what is counted.
            toks.get(end).map(|t| t.key.clone())
        } else {
            counted_key(toks, start, end)
        };
        let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
        out.push(Quantity {
            span,
            low,
            high,
            counted,
            exact: modifier.is_none() && !vague,
            vague,
            tokens: (start, end),
        });
        i = end;
    }
    out
}

fn vague_range(w: &str) -> Option<(f64, f64)> {
    VAGUE
        .iter()
        .find(|(k, _, _)| *k == w)
        .map(|(_, a, b)| (*a, *b))
}

/// Read a number starting at token `i`: value, end index, vague flag, precision.
fn read_number(
    sentence: &str,
    toks: &[Token],
    i: usize,
    lang: &str,
) -> Option<(f64, usize, bool, f64)> {
    let t = &toks[i];
    if t.numeric {
        let v = parse_digits(&t.text, lang)?;
        let d = decimals(&t.text);
        let precision = if d > 0 && !(lang != "es" && t.text.contains(',') && !t.text.contains('.'))
        {
            10f64.powi(-(d as i32))
        } else {
            1.0
        };
        let mut v = v;
        let mut end = i + 1;
        if let Some(s) = toks.get(end).and_then(|n| scale_value(&n.fold)) {
            v *= s;
            end += 1;
        }
        let _ = sentence;
        return Some((v, end, false, precision));
    }
    if let Some((lo, _)) = vague_range(&t.fold) {
        // "a dozen" / "una docena" is exact; "dozens of" is vague.
        let exact = t.fold == "dozen" || t.fold == "docena";
        return Some((lo, i + 1, !exact, 1.0));
    }
    // Number words: "twenty five", "one hundred", "dos mil", "veinte y cinco".
    let mut total = 0.0;
    let mut current = 0.0;
    let mut j = i;
    let mut any = false;
    while j < toks.len() {
        let f = toks[j].fold.as_str();
        if let Some(v) = word_value(f) {
            // "one" alone is too often a pronoun ("one of the"); need a noun after.
            current += v;
            any = true;
        } else if let Some(s) = scale_value(f) {
            if !any {
                break;
            }
            if s >= 1000.0 {
                total += current.max(1.0) * s;
                current = 0.0;
            } else {
                current = current.max(1.0) * s;
            }
        } else if (f == "y" || f == "and")
            && any
            && toks
                .get(j + 1)
                .is_some_and(|n| word_value(&n.fold).is_some())
        {
            // "ciento y dos", "one hundred and five"
        } else {
            break;
        }
        j += 1;
    }
    if !any {
        return None;
    }
    let v = total + current;
    if (v == 1.0) && j == i + 1 {
        // "one", "una", "uno": only a count when a counted word follows directly.
        let next = toks.get(j)?;
        if next.stop || next.numeric {
            return None;
        }
    }
    Some((v, j, false, 1.0))
}

/// What a number counts: the nearest toll concept (dead, injured, arrested)
/// within a small window, else the next content word.
fn counted_key(toks: &[Token], start: usize, end: usize) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for (dist, j) in (end..toks.len().min(end + 6)).enumerate() {
        if toks[j].numeric {
            break;
        }
        if COUNT_CONCEPTS.contains(&toks[j].key.as_str()) {
            best = Some((dist, toks[j].key.clone()));
            break;
        }
    }
    for (dist, j) in (start.saturating_sub(4)..start).rev().enumerate() {
        if COUNT_CONCEPTS.contains(&toks[j].key.as_str())
            && best.as_ref().is_none_or(|(d, _)| dist < *d)
        {
            best = Some((dist, toks[j].key.clone()));
            break;
        }
    }
    if let Some((_, k)) = best {
        return Some(k);
    }
    toks[end..toks.len().min(end + 3)]
        .iter()
        .find(|t| !t.stop && !t.numeric)
        .map(|t| t.key.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn q(s: &str, lang: &str) -> Vec<(f64, f64, Option<String>)> {
        let lex = Lexicon::builtin();
        let toks = crate::text::tokens(s, lang, &lex);
        let skip = vec![false; toks.len()];
        find(s, &toks, &skip, lang)
            .into_iter()
            .map(|q| (q.low, q.high, q.counted))
            .collect()
    }

    #[test]
    fn digits_in_both_styles() {
        assert_eq!(parse_digits("1,200", "en"), Some(1200.0));
        assert_eq!(parse_digits("1.200", "es"), Some(1200.0));
        assert_eq!(parse_digits("47,08", "es"), Some(47.08));
        assert_eq!(parse_digits("47.08", "en"), Some(47.08));
        assert_eq!(parse_digits("1,234,567", "en"), Some(1_234_567.0));
    }

    #[test]
    fn tolls_as_ranges_with_what_they_count() {
        let inf = f64::INFINITY;
        assert_eq!(
            q("At least five people were killed.", "en"),
            vec![(5.0, inf, Some("die".into()))]
        );
        assert_eq!(
            q("The Ombudsman said nine died.", "en"),
            vec![(9.0, 9.0, Some("die".into()))]
        );
        assert_eq!(
            q("Hubo nueve muertos y más de 100 detenidos.", "es"),
            vec![
                (9.0, 9.0, Some("die".into())),
                (100.5, inf, Some("arrest".into()))
            ]
        );
        assert_eq!(
            q("Several deaths were reported.", "en"),
            vec![(3.0, 9.0, Some("die".into()))]
        );
        assert_eq!(q("Dozens of protesters were injured.", "en")[0].0, 24.0);
    }

    #[test]
    fn number_words_compose() {
        assert_eq!(q("twenty five soldiers", "en")[0].0, 25.0);
        assert_eq!(q("one hundred and five soldiers", "en")[0].0, 105.0);
        assert_eq!(q("dos mil soldados", "es")[0].0, 2000.0);
        assert_eq!(q("$1.2 billion in aid", "en")[0].0, 1.2e9);
    }

    #[test]
    fn percentages_carry_their_precision() {
        let r = q("Morales won 47.08% against 36.51 percent.", "en");
        assert_eq!(r[0].2.as_deref(), Some("percent"));
        assert!(r[0].0 < 47.08 && r[0].1 > 47.08);
        let r47 = q("Morales won 47%.", "en");
        assert!(r47[0].0 <= 47.08 && r47[0].1 >= 47.08);
    }

    #[test]
    fn years_and_lone_one_are_not_counts() {
        assert!(q("He was appointed in 2018.", "en").is_empty());
        assert!(q("One of the generals spoke.", "en").is_empty());
    }

    #[test]
    fn overlap_decides_conflict() {
        let lex = Lexicon::builtin();
        let get = |s: &str| {
            let t = crate::text::tokens(s, "en", &lex);
            find(s, &t, &vec![false; t.len()], "en").remove(0)
        };
        assert!(get("at least five dead").overlaps(&get("nine dead")));
        assert!(!get("three dead").overlaps(&get("at least six dead")));
        assert!(get("about 30 injured").overlaps(&get("28 injured")));
    }

    #[test]
    fn an_open_ended_range_is_the_same_as_itself() {
        // Found by comparing 200 copies of one report: "over 10 points" ran to
        // infinity, inf - inf is NaN, so identical sentences diverged.
        let lex = Lexicon::builtin();
        let s = "The margin of just over 10 points allowed him to avoid a runoff.";
        let toks = crate::text::tokens(s, "en", &lex);
        let found = find(s, &toks, &vec![false; toks.len()], "en");
        let over = found
            .iter()
            .find(|q| q.high.is_infinite())
            .expect("an open range");
        assert!(over.same(over));
    }
}
