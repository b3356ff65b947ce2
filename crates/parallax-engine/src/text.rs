//! Words: tokens with byte spans, folded forms for matching, stems, stopwords.
//!
//! Folding is for matching keys only, never for display: `Áñez` and `Anez`
//! both fold to `anez`, curly and straight quotes fold alike, `Morales’s`
//! folds to `morales`. Stems come from Snowball (`rust-stemmers`) in the
//! report's language; a token that a lexicon lists gets the lexicon's concept
//! as its key instead, so `resigned`, `stepped down` and `renunció` can meet.

use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::model::Span;

/// A word or number in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte span in the sentence.
    pub span: Span,
    /// The original characters.
    pub text: String,
    /// Accent- and case-folded form, possessive stripped.
    pub fold: String,
    /// Matching key: a lexicon concept or the stem.
    pub key: String,
    /// A function word.
    pub stop: bool,
    /// Starts with a capital letter.
    pub cap: bool,
    /// Made of digits (possibly with separators).
    pub numeric: bool,
}

/// Fold a string for matching: ASCII transliteration, lower case.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' | '`' | '´' => out.push('\''),
            '“' | '”' | '„' | '«' | '»' => out.push('"'),
            '–' | '—' | '‒' | '−' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => {
                let mut buf = [0u8; 4];
                let t = deunicode::deunicode(c.encode_utf8(&mut buf));
                out.push_str(&t.to_ascii_lowercase());
            }
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that are invisible or direction controls: never part of a word,
/// and never a word break (so `Mor\u{200b}ales` is one token).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

/// Split a sentence into raw word tokens with byte spans. Digits keep their
/// separators (`1,200`, `47.08`), words keep inner apostrophes (`didn't`),
/// hyphens split words.
pub fn raw_tokens(s: &str) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_word_char(c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if is_word_char(c) || is_invisible(c) {
                j += 1;
                continue;
            }
            // Inner separator: apostrophe between letters, . or , between digits.
            let prev = chars[j - 1].1;
            let next = chars.get(j + 1).map(|x| x.1);
            let inner_apos = matches!(c, '\'' | '’')
                && prev.is_alphabetic()
                && next.is_some_and(|n| n.is_alphabetic());
            let inner_num = matches!(c, '.' | ',')
                && prev.is_ascii_digit()
                && next.is_some_and(|n| n.is_ascii_digit());
            if inner_apos || inner_num {
                j += 2;
                continue;
            }
            break;
        }
        let end = chars.get(j).map_or(s.len(), |x| x.0);
        out.push((Span::new(start, end), &s[start..end]));
        i = j;
    }
    out
}

/// Tokenise and key a sentence in a language (`en` or `es`).
pub fn tokens(s: &str, lang: &str, lexicon: &crate::lexicon::Lexicon) -> Vec<Token> {
    let stemmer = stemmer(lang);
    raw_tokens(s)
        .into_iter()
        .map(|(span, text)| {
            let clean: String = text.chars().filter(|c| !is_invisible(*c)).collect();
            let mut f = fold(&clean);
            for suffix in ["'s", "'"] {
                if f.len() > suffix.len() + 1 && f.ends_with(suffix) {
                    f.truncate(f.len() - suffix.len());
                }
            }
            let numeric = f.chars().next().is_some_and(|c| c.is_ascii_digit());
            let stop = !numeric && is_stopword(&f, lang);
            let key = if numeric {
                f.replace(',', "")
            } else if let Some(c) = lexicon.concept(&f) {
                c.to_string()
            } else {
                let st = stemmer.stem(&f).into_owned();
                lexicon.concept(&st).map(str::to_string).unwrap_or(st)
            };
            Token {
                span,
                cap: clean.chars().next().is_some_and(char::is_uppercase),
                text: text.to_string(),
                fold: f,
                key,
                stop,
                numeric,
            }
        })
        .collect()
}

/// The Snowball stem of a folded word in a language (`en` or `es`).
pub fn stem(word: &str, lang: &str) -> String {
    stemmer(lang).stem(word).into_owned()
}

fn stemmer(lang: &str) -> &'static Stemmer {
    static EN: OnceLock<Stemmer> = OnceLock::new();
    static ES: OnceLock<Stemmer> = OnceLock::new();
    if lang == "es" {
        ES.get_or_init(|| Stemmer::create(Algorithm::Spanish))
    } else {
        EN.get_or_init(|| Stemmer::create(Algorithm::English))
    }
}

static STOP_EN: &str = include_str!("../data/stopwords-en.txt");
static STOP_ES: &str = include_str!("../data/stopwords-es.txt");

fn stopset(lang: &str) -> &'static HashSet<&'static str> {
    static EN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    static ES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let build = |src: &'static str| {
        src.split_whitespace()
            .filter(|w| !w.starts_with('#'))
            .collect()
    };
    if lang == "es" {
        ES.get_or_init(|| build(STOP_ES))
    } else {
        EN.get_or_init(|| build(STOP_EN))
    }
}

/// Whether a folded word is a function word in either language. Checking both
/// keeps quoted Spanish in English reports (and the reverse) from counting.
pub fn is_stopword(folded: &str, lang: &str) -> bool {
    stopset(lang).contains(folded)
        || stopset(if lang == "es" { "en" } else { "es" }).contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn folding_strips_accents_case_and_quote_styles() {
        assert_eq!(fold("Áñez"), "anez");
        assert_eq!(fold("Añez"), "anez");
        assert_eq!(fold("“Golpe”—sí"), "\"golpe\"-si");
    }

    #[test]
    fn numbers_keep_separators_and_words_keep_apostrophes() {
        let t: Vec<&str> = raw_tokens("It's 1,200 or 47.08%, didn't it? Morales’ men.")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(
            t,
            vec!["It's", "1,200", "or", "47.08", "didn't", "it", "Morales", "men"]
        );
    }

    #[test]
    fn zero_width_characters_do_not_split_names() {
        let lex = crate::lexicon::Lexicon::default();
        let t = tokens("Mor\u{200b}ales spoke", "en", &lex);
        assert_eq!(t[0].fold, "morales");
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn possessives_fold_to_the_name() {
        let lex = crate::lexicon::Lexicon::default();
        let t = tokens("Morales’s allies and Morales' supporters", "en", &lex);
        assert_eq!(t[0].fold, "morales");
        assert_eq!(t[3].fold, "morales");
    }
}
