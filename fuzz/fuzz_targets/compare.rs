//! Compare two reports cut from one input (split at the first 0xFF byte, or
//! in the middle): the result is a valid comparison whose spans index their
//! texts, or a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax_engine::ingest::{from_bytes, IngestOptions};
use parallax_engine::{compare, NoProgress, Options};

fuzz_target!(|data: &[u8]| {
    let cut = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (a, b) = (&data[..cut], &data[(cut + 1).min(data.len())..]);
    let opts = IngestOptions::default();
    let (Ok(ra), Ok(rb)) = (
        from_bytes("a.txt", a, None, &opts),
        from_bytes("b.txt", b, None, &opts),
    ) else {
        return;
    };
    let Ok(cmp) = compare(vec![ra, rb], &Options::default(), &NoProgress) else {
        return;
    };
    if let Err(e) = parallax_engine::saved::validate(&cmp) {
        panic!("compare produced an invalid comparison: {e}");
    }
});
