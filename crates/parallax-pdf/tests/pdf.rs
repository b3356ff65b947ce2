//! The PDFs, read back: their text (through poppler's `pdftotext`, installed
//! by scripts/test.sh), their fonts (`pdffonts`), and markup-like article
//! text printed literally.

use std::path::Path;
use std::process::Command;

use parallax_engine::model::{Comparison, Metadata, SourceKind};
use parallax_engine::Report;

const WIRE: &str = "Bolivian President Evo Morales resigned on Sunday after the army chief suggested he step down. Nine people were killed in Sacaba on Friday, the Ombudsman said. Morales called it a “civic coup”.";
const RIVAL: &str = "Evo Morales resigned on Monday after the military withdrew its support. Three people were killed in Sacaba on Friday. Morales denounced a “coup” in a video. Markets were calm in Santa Cruz.";
/// Text that would be markup if it reached typst as markup.
const TRICKY: &str = r#"#set page(width: 1cm) and *not bold* and _not italic_ cost $5 and $10 on <label> @ref \ back\slash "quoted" // not a comment /* nor this */ = not a heading. Three people were killed in Sacaba on Friday."#;

fn report(path: &str, outlet: &str, text: &str) -> Report {
    Report {
        path: path.into(),
        source: SourceKind::Text,
        meta: Metadata {
            title: Some(format!("{outlet} story")),
            outlet: Some(outlet.into()),
            date: Some("2019-11-11".into()),
            language: Some("en".into()),
            url: Some(format!("https://example.org/{path}")),
            byline: None,
        },
        text: text.into(),
        fetch: None,
    }
}

fn comparison() -> Comparison {
    let opts = parallax_engine::Options::default().created("2019-11-30T00:00:00Z");
    parallax_engine::compare(
        vec![
            report("wire.txt", "Alpha Wire", WIRE),
            report("rival.txt", "Beta Daily", RIVAL),
            report("tricky.txt", "Gamma #Post*", TRICKY),
        ],
        &opts,
        &parallax_engine::NoProgress,
    )
    .expect("compare")
}

fn tool(name: &str, pdf: &Path, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name} (Debian poppler-utils): {e}"));
    assert!(out.status.success(), "{name} failed");
    String::from_utf8(out.stdout).expect("utf8")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn report_pdf_text_reads_back_with_provenance_and_literal_markup() {
    let cmp = comparison();
    let dir = tempfile::tempdir().expect("tmp");
    let pdf = parallax_pdf::report(&cmp).expect("report");
    assert!(pdf.starts_with(b"%PDF-"));
    let path = write(dir.path(), "report.pdf", &pdf);
    let text = squash(&tool("pdftotext", &path, &[]));
    assert!(text.contains("Comparison of 3 reports"), "{text}");
    for d in &cmp.documents {
        // The hash may be broken across lines by layout: check its halves.
        assert!(
            text.contains(&d.sha256[..32]) || text.contains(&d.sha256[32..]),
            "sha of {}",
            d.id
        );
        assert!(text.contains(&d.display_name()), "{}", d.id);
    }
    assert!(text.contains("Alpha Wire") && text.contains("Beta Daily"));
    assert!(text.contains(&cmp.generator.created));
    // The tricky report's text, as characters, not markup.
    for literal in [
        "#set page(width: 1cm)",
        "*not bold*",
        "_not italic_",
        "$5 and $10",
        "<label>",
        "@ref",
        r"back\slash",
        "\"quoted\"",
        "// not a comment",
        "/* nor this */",
        "= not a heading",
        "Gamma #Post*",
    ] {
        assert!(text.contains(literal), "{literal} missing from {text}");
    }
    // The page size was not changed by the text.
    let info = tool("pdfinfo", &path, &[]);
    assert!(
        info.contains("595.276 x 841.89") || info.contains("A4"),
        "{info}"
    );
}

#[test]
fn fonts_are_embedded() {
    let cmp = comparison();
    let dir = tempfile::tempdir().expect("tmp");
    let path = write(
        dir.path(),
        "r.pdf",
        &parallax_pdf::report(&cmp).expect("pdf"),
    );
    let fonts = tool("pdffonts", &path, &[]);
    let rows: Vec<&str> = fonts
        .lines()
        .filter(|l| l.contains("CID") || l.contains("Type"))
        .collect();
    let rows: Vec<&str> = rows
        .into_iter()
        .filter(|l| !l.starts_with("name"))
        .collect();
    assert!(!rows.is_empty(), "{fonts}");
    for r in rows {
        // Columns: name type encoding emb sub uni object ID.
        let cols: Vec<&str> = r.split_whitespace().collect();
        let emb = cols.iter().rev().nth(4).copied();
        assert_eq!(emb, Some("yes"), "font not embedded: {r}");
    }
}

#[test]
fn worksheet_pdf_hides_outlets_and_answer_key_reveals_them() {
    let cmp = comparison();
    let dir = tempfile::tempdir().expect("tmp");
    let sheet = squash(&tool(
        "pdftotext",
        &write(
            dir.path(),
            "w.pdf",
            &parallax_pdf::worksheet(&cmp).expect("worksheet"),
        ),
        &[],
    ));
    let key = squash(&tool(
        "pdftotext",
        &write(
            dir.path(),
            "k.pdf",
            &parallax_pdf::answer_key(&cmp).expect("key"),
        ),
        &[],
    ));
    for outlet in ["Alpha Wire", "Beta Daily", "Gamma #Post*"] {
        assert!(!sheet.contains(outlet), "worksheet names {outlet}");
        assert!(key.contains(outlet), "key lacks {outlet}");
    }
    assert!(!sheet.contains("example.org"));
    assert!(sheet.contains("Source A") && sheet.contains("Source C"));
    // A number question from the Sacaba counts, answered with sentence numbers.
    assert!(sheet.contains("Which sources give a death toll"), "{sheet}");
    assert!(key.contains("sentence 2"), "{key}");
    assert!(key.contains("Nine") && key.contains("Three"));
}

#[test]
fn markup_escapes_every_article_string() {
    let cmp = comparison();
    let markup = parallax_pdf::report_markup(&cmp);
    // The tricky text only ever appears inside a string literal.
    assert!(markup.contains(&parallax_pdf::typst_str("Gamma #Post*")));
    assert!(!markup.contains("\n#set page(width: 1cm)"));
    assert!(markup.contains(r#"back\\slash \"quoted\""#));
}
