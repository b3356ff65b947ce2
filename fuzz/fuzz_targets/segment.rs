//! Segment arbitrary text in both languages: spans are ordered, inside the
//! text, on character boundaries, trimmed, never overlap, and together hold
//! every character that is not white space.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax_engine::segment::segment;

fuzz_target!(|text: &str| {
    for lang in ["en", "es"] {
        let mut last = 0;
        let mut joined = String::new();
        for s in segment(text, lang) {
            let (a, b) = (s.span.start, s.span.end);
            assert!(
                last <= a && a < b && b <= text.len(),
                "{a}..{b} after {last}"
            );
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            let piece = &text[a..b];
            assert_eq!(piece, piece.trim(), "spans are trimmed");
            joined.push_str(piece);
            last = b;
        }
        // Only white space may fall between sentences: nothing is lost.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&joined), squeeze(text), "text was lost");
    }
});
