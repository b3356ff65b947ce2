//! The `parallax` command line: formats, exit codes, bad input, pairs.

mod common;

use assert_cmd::Command;
use common::*;

fn parallax() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

fn two_reports(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let a = dir.join("a.md");
    let b = dir.join("b.txt");
    std::fs::write(&a, "---\ntitle: A\noutlet: Alpha Wire\ndate: 2019-11-16\nlanguage: en\n---\n\nThree people were killed in Sacaba on Friday, officials said. The march was stopped at a bridge.").unwrap();
    std::fs::write(&b, "Nine people were killed in Sacaba on Friday, the Ombudsman said. Markets reopened in Sucre.").unwrap();
    (a, b)
}

#[test]
fn compare_prints_a_summary_with_contradictions_and_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reports(dir.path());
    let out = parallax()
        .args(["compare", "--no-auto-topic"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Parallax: 2 reports"), "{text}");
    assert!(text.contains("Contradictions"), "{text}");
    assert!(text.contains("number:"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn json_output_is_the_versioned_model() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reports(dir.path());
    let out = parallax()
        .args(["compare", "--no-auto-topic", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["schema"], "parallax.comparison/1");
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    let link = &v["links"][0];
    assert_eq!(link["relation"], "contradict");
    assert!(link["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kind"] == "number" && r["conflict"] == true));
    assert!(!link["diff"].as_array().unwrap().is_empty());
}

#[test]
fn out_writes_a_file_and_csv_and_markdown_work() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reports(dir.path());
    let csv = dir.path().join("links.csv");
    parallax()
        .args(["compare", "--no-auto-topic", "--format", "csv", "--out"])
        .arg(&csv)
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let body = std::fs::read_to_string(&csv).unwrap();
    // Provenance comment lines first, then the header.
    assert!(body.starts_with("# parallax "));
    let header = body.lines().find(|l| !l.starts_with('#')).unwrap();
    assert!(header.starts_with("report_a,sentence_a,text_a,"));
    assert!(body.contains(",contradict,"));
    let html = dir.path().join("report.html");
    parallax()
        .args(["compare", "--no-auto-topic", "--format", "html", "--out"])
        .arg(&html)
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!doctype html>") && page.contains("Sacaba"));
    let md = parallax()
        .args(["compare", "--no-auto-topic", "--format", "md"])
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let md = String::from_utf8(md.get_output().stdout.clone()).unwrap();
    assert!(md.starts_with("# Comparison of 2 reports"));
    assert!(md.contains("## Contradictions (1)"));
}

#[test]
fn a_bad_input_is_named_and_the_rest_still_compared() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_reports(dir.path());
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "   \n").unwrap();
    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 binary").unwrap();
    let missing = dir.path().join("missing.md");
    let out = parallax()
        .args(["compare", "--no-auto-topic"])
        .arg(&a)
        .arg(&empty)
        .arg(&pdf)
        .arg(&missing)
        .arg(&b)
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
    assert!(err.contains("scan.pdf") && err.contains("PDF"), "{err}");
    assert!(err.contains("missing.md"), "{err}");
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("Parallax: 2 reports"),
        "the two good reports are still compared: {text}"
    );
}

#[test]
fn fewer_than_two_readable_reports_is_an_error_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = two_reports(dir.path());
    parallax()
        .args(["compare", "--no-auto-topic"])
        .arg(&a)
        .assert()
        .code(1);
    parallax()
        .args(["compare", "--format", "nope"])
        .arg(&a)
        .assert()
        .code(2);
    parallax().arg("frobnicate").assert().code(2);
}

#[test]
fn pairs_scores_tab_separated_lines() {
    let input = "Nine people died in Sacaba on Friday.\tThree people died in Sacaba on Friday.\nThe cat sat on the mat.\tParliament passed the budget on Tuesday.\n";
    let out = parallax()
        .arg("pairs")
        .write_stdin(input)
        .assert()
        .success();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["relation"], "contradict");
    assert_eq!(lines[0]["paraphrase"], false);
    assert!(lines[0]["score"].as_f64().unwrap() > lines[1]["score"].as_f64().unwrap());
    assert_eq!(lines[1]["relation"], "unique");
}

#[test]
fn sample_corpus_picks_up_its_topic_by_itself() {
    let files = corpus_files();
    let out = parallax()
        .args(["compare", "--format", "json"])
        .args(&files)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["topics"][0], "bolivia-2019");
    assert_eq!(v["documents"].as_array().unwrap().len(), files.len());
}

#[test]
fn train_runs_end_to_end_on_a_small_subset() {
    let data = root().join("../shared/data/msrp/train.tsv");
    if !data.exists() {
        panic!("the MSRP training split is expected at {}", data.display());
    }
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("w.json");
    let out = parallax()
        .args(["train", "--limit", "400", "--folds", "5", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&w)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("5-fold cross-validation: accuracy"), "{text}");
    let m = parallax_engine::matcher::Matcher::from_json(&std::fs::read_to_string(&w).unwrap())
        .unwrap();
    assert_eq!(m.provenance.pairs, 400);
}
