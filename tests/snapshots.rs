//! Snapshot of the JSON model for a small set of reports: any change to the
//! contract or to the labels shows up as a reviewed diff.

use parallax_engine::export::{self, Format};

const WIRE: &str = "---\ntitle: Morales resigns\noutlet: Alpha Wire\ndate: 2019-11-11\nlanguage: en\n---\n\nBolivian President Evo Morales resigned on Sunday after the army chief suggested he step down. Nine people were killed in Sacaba on Friday, the Ombudsman said. Morales called it a “civic coup”.";
const RIVAL: &str = "---\ntitle: Morales out\noutlet: Beta Daily\ndate: 2019-11-12\nlanguage: en\n---\n\nEvo Morales resigned on Monday after the military withdrew its support. Three people were killed in Sacaba on Friday. Morales denounced a “coup” in a video. Markets were calm in Santa Cruz.";
const ES: &str = "---\ntitle: Renuncia\noutlet: Gamma Diario\ndate: 2019-11-11\nlanguage: es\n---\n\nEvo Morales renunció el domingo 10 de noviembre. Nueve personas murieron en Sacaba el viernes, según la Defensoría del Pueblo.";

#[test]
fn small_comparison_json() {
    let opts = parallax_engine::Options::default().created("2019-11-30T00:00:00Z");
    let cmp = parallax_engine::compare_texts(
        &[("wire.md", WIRE), ("rival.md", RIVAL), ("es.md", ES)],
        &opts,
    )
    .expect("compare");
    // Indented, so a change reads as a diff; the one-line form that files
    // get holds the same JSON.
    let mut out = Vec::new();
    export::json::write_pretty(&cmp, &mut out).expect("json");
    let json = String::from_utf8(out).expect("utf8");
    let mut line = Vec::new();
    export::write(Format::Json, &cmp, &mut line, false).expect("json");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&line).expect("one-line JSON"),
        serde_json::from_str::<serde_json::Value>(&json).expect("indented JSON")
    );
    assert_eq!(String::from_utf8(line).expect("utf8").lines().count(), 1);
    insta::with_settings!({filters => vec![(r#""version": "[^"]+""#, r#""version": "[version]""#)]}, {
        insta::assert_snapshot!(json);
    });
}

#[test]
fn small_comparison_markdown_and_csv() {
    let opts = parallax_engine::Options::default().created("2019-11-30T00:00:00Z");
    let cmp = parallax_engine::compare_texts(&[("wire.md", WIRE), ("rival.md", RIVAL)], &opts)
        .expect("compare");
    let mut md = Vec::new();
    export::write(Format::Markdown, &cmp, &mut md, false).expect("md");
    let mut csv = Vec::new();
    export::write(Format::Csv, &cmp, &mut csv, false).expect("csv");
    insta::with_settings!({filters => vec![(r"parallax \d+\.\d+\.\d+", "parallax [version]")]}, {
        insta::assert_snapshot!("markdown", String::from_utf8(md).expect("utf8"));
        insta::assert_snapshot!("csv", String::from_utf8(csv).expect("utf8"));
    });
}

/// The printable formats of the three-report comparison: the HTML report,
/// the worksheet and its answer key. The version is filtered out; the time
/// is fixed by `Options::created`.
#[test]
fn small_comparison_html_worksheet_answer_key() {
    let opts = parallax_engine::Options::default().created("2019-11-30T00:00:00Z");
    let cmp = parallax_engine::compare_texts(
        &[("wire.md", WIRE), ("rival.md", RIVAL), ("es.md", ES)],
        &opts,
    )
    .expect("compare");
    let render = |f: Format| {
        let mut out = Vec::new();
        export::write(f, &cmp, &mut out, false).expect("render");
        String::from_utf8(out).expect("utf8")
    };
    insta::with_settings!({filters => vec![(r"parallax \d+\.\d+\.\d+", "parallax [version]")]}, {
        insta::assert_snapshot!("html_report", render(Format::Html));
        insta::assert_snapshot!("html_worksheet", render(Format::Worksheet));
        insta::assert_snapshot!("html_answer_key", render(Format::AnswerKey));
    });
}
