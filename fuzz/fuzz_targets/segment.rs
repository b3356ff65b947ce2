//! Segment arbitrary text in both languages: spans are ordered, inside the
//! text, on character boundaries, trimmed, and never overlap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax_engine::segment::segment;

fuzz_target!(|text: &str| {
    for lang in ["en", "es"] {
        let mut last = 0;
        for s in segment(text, lang) {
            let (a, b) = (s.span.start, s.span.end);
            assert!(last <= a && a < b && b <= text.len(), "{a}..{b} after {last}");
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            let piece = &text[a..b];
            assert_eq!(piece, piece.trim(), "spans are trimmed");
            last = b;
        }
    }
});
