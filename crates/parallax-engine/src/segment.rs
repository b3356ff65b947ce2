//! Segment: a report's text becomes paragraphs and sentences with exact byte
//! spans.
//!
//! Sentence boundaries come from `sentencex` (Wikimedia), which was the only
//! segmenter tried here that keeps "Gen. Williams Kaliman", "Nov. 10",
//! "U.S.", "Gral." and "EE. UU." inside their sentences. Around it we split
//! paragraphs first (blank lines, list items, headings, and a line break after
//! a sentence's final mark), because a heading has no full stop and must not
//! be glued to the next sentence. Spans are trimmed of white space, so
//! `text[start..end]` is exactly the sentence.

use crate::model::Span;

/// A sentence's place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte span in the document text.
    pub span: Span,
    /// Paragraph number.
    pub paragraph: usize,
}

/// Split a text into sentences. `lang` is `en` or `es`.
pub fn segment(text: &str, lang: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for (p, para) in paragraphs(text).into_iter().enumerate() {
        let chunk = &text[para.start..para.end];
        for b in sentencex::get_sentence_boundaries(lang, chunk) {
            let (s, e) = (b.start_byte, b.end_byte);
            if s >= e || e > chunk.len() || !chunk.is_char_boundary(s) || !chunk.is_char_boundary(e)
            {
                continue;
            }
            push_trimmed(&mut out, text, para.start + s, para.start + e, p);
        }
    }
    // sentencex already splits at every real boundary; we only make sure a
    // boundary inside a long paragraph was not lost when its output had a gap.
    out
}

fn push_trimmed(out: &mut Vec<Segment>, text: &str, start: usize, end: usize, paragraph: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if s < e {
        out.push(Segment {
            span: Span::new(s, e),
            paragraph,
        });
    }
}

/// Paragraph spans: blank lines, list items and headings always break; a
/// single line break breaks when the line before ends a sentence or is short
/// and unpunctuated (a heading), else it is wrapping inside a paragraph.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_line: &str = "";
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                spans.push(Span::new(s, line_start));
            }
            prev_line = "";
            continue;
        }
        let list_item = is_list_item(content);
        let breaks = start.is_some()
            && (list_item
                || ends_sentence(prev_line)
                || is_heading_like(prev_line)
                || is_list_item(prev_line));
        if breaks {
            if let Some(s) = start.take() {
                spans.push(Span::new(s, line_start));
            }
        }
        if start.is_none() {
            start = Some(line_start);
        }
        prev_line = content;
    }
    if let Some(s) = start {
        spans.push(Span::new(s, text.len()));
    }
    spans
}

fn ends_sentence(line: &str) -> bool {
    let l = line.trim_end();
    l.ends_with(['.', '!', '?', '…', ':'])
        || l.ends_with(['"', '”', '»', ')']) && {
            let inner = l.trim_end_matches(['"', '”', '»', ')']);
            inner.ends_with(['.', '!', '?', '…'])
        }
}

fn is_heading_like(line: &str) -> bool {
    let l = line.trim();
    !l.is_empty()
        && l.chars().count() < 90
        && !l.ends_with([',', ';', '-'])
        && !ends_sentence(l)
        && l.split_whitespace().count() <= 14
        && l.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '#')
}

fn is_list_item(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("- ") || l.starts_with("* ") || l.starts_with("• ") || {
        let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty()
            && digits.len() <= 3
            && l[digits.len()..].starts_with([')', '.'])
            && l[digits.len() + 1..].starts_with(' ')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn sents<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
        segment(text, lang)
            .into_iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn abbreviations_titles_and_initials_do_not_split() {
        assert_eq!(
            sents("Gen. Williams Kaliman spoke on Nov. 10, 2019 in La Paz. U.S. officials said nothing. Dr. J. R. Smith agreed.", "en"),
            vec!["Gen. Williams Kaliman spoke on Nov. 10, 2019 in La Paz.", "U.S. officials said nothing.", "Dr. J. R. Smith agreed."]
        );
    }

    #[test]
    fn decimals_thousands_and_money() {
        assert_eq!(
            sents("Morales had 47.08% of 6,137,000 votes. Aid of $1.2 billion followed at 3 p.m. on Monday.", "en"),
            vec!["Morales had 47.08% of 6,137,000 votes.", "Aid of $1.2 billion followed at 3 p.m. on Monday."]
        );
    }

    #[test]
    fn quotes_closing_after_the_full_stop() {
        assert_eq!(
            sents(
                "He said: “The coup has been consummated.” Then he left.",
                "en"
            ),
            vec!["He said: “The coup has been consummated.”", "Then he left."]
        );
    }

    #[test]
    fn spanish_abbreviations_and_inverted_marks() {
        assert_eq!(
            sents("El Gral. Kaliman habló el 10 de nov. de 2019. ¿Fue un golpe? ¡No! La Sra. Áñez juró.", "es"),
            vec!["El Gral. Kaliman habló el 10 de nov. de 2019.", "¿Fue un golpe?", "¡No!", "La Sra. Áñez juró."]
        );
    }

    #[test]
    fn datelines_stay_with_their_sentence() {
        assert_eq!(
            sents(
                "LA PAZ, Nov 10 (AWS) - Bolivia's president resigned. Crowds cheered.",
                "en"
            ),
            vec![
                "LA PAZ, Nov 10 (AWS) - Bolivia's president resigned.",
                "Crowds cheered."
            ]
        );
    }

    #[test]
    fn headings_lists_and_single_newline_paragraphs() {
        let t = "A heading without a stop\nFirst sentence here.\nSecond line paragraph.\n\n- item one\n- item two\nwrapped line that\ncontinues here.";
        assert_eq!(
            sents(t, "en"),
            vec![
                "A heading without a stop",
                "First sentence here.",
                "Second line paragraph.",
                "- item one",
                "- item two",
                "wrapped line that\ncontinues here."
            ]
        );
        let paras = segment(t, "en")
            .iter()
            .map(|s| s.paragraph)
            .collect::<Vec<_>>();
        assert_eq!(paras, vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn spans_cover_exact_text_and_lose_nothing_but_space() {
        let t = "  One. Two!  Three?\n\nFour… five.  ";
        let segs = segment(t, "en");
        let joined: String = segs
            .iter()
            .map(|s| &t[s.span.start..s.span.end])
            .collect::<Vec<_>>()
            .join("");
        let squeezed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(
            joined
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>(),
            squeezed
        );
    }
}
