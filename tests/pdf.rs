//! `parallax compare --format pdf|worksheet-pdf|answer-key-pdf`. Built
//! without the `pdf` feature, the command must say how to get PDF output;
//! built with it (`cargo test --features pdf --test pdf`), it must write a
//! real PDF whose text reads back with `pdftotext`.

mod common;

use assert_cmd::Command;

fn parallax() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

fn corpus_args(cmd: &mut Command) -> &mut Command {
    cmd.arg("compare");
    for f in common::corpus_files().iter().take(4) {
        cmd.arg(f);
    }
    cmd
}

/// The text of a PDF, through poppler's pdftotext.
#[cfg(feature = "pdf")]
fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils; scripts/test.sh installs it)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf8")
}

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_without_the_feature_names_how_to_build_it() {
    let dir = tempfile::tempdir().expect("tmp");
    for fmt in ["pdf", "worksheet-pdf", "answer-key-pdf"] {
        let out = dir.path().join("r.pdf");
        let assert = corpus_args(&mut parallax())
            .args(["--format", fmt, "--out"])
            .arg(&out)
            .assert()
            .code(1);
        let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(err.contains("--features pdf"), "{fmt}: {err}");
        assert!(!out.exists(), "{fmt}: no file written");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_formats_write_real_pdfs() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut texts = Vec::new();
    for fmt in ["pdf", "worksheet-pdf", "answer-key-pdf"] {
        let out = dir.path().join(format!("{fmt}.pdf"));
        corpus_args(&mut parallax())
            .args(["--format", fmt, "--out"])
            .arg(&out)
            .assert()
            .success();
        let bytes = std::fs::read(&out).expect("written");
        assert!(bytes.starts_with(b"%PDF-"), "{fmt}");
        texts.push(pdf_text(&out));
    }
    let cmp = {
        let reports = common::corpus_files()
            .iter()
            .take(4)
            .map(|p| parallax_engine::read_path(p, &Default::default()).expect("read"))
            .collect::<Vec<_>>();
        reports
    };
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (report, sheet, key) = (squash(&texts[0]), squash(&texts[1]), squash(&texts[2]));
    for r in &cmp {
        let outlet = r.meta.outlet.as_deref().expect("corpus outlets");
        assert!(report.contains(outlet), "report names {outlet}");
        assert!(key.contains(outlet), "key names {outlet}");
        assert!(!sheet.contains(outlet), "worksheet hides {outlet}");
    }
    assert!(report.contains("Contradictions"));
    // Each contradiction carries the sentence matcher's evidence in words.
    assert!(
        report.contains("matcher: for:"),
        "matcher evidence in the report"
    );
    assert!(report.contains("Story points"));
    assert!(sheet.contains("Source A") && sheet.contains("Questions"));
}
