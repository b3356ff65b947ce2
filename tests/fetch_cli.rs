//! `parallax compare URL...` and `parallax refetch` against a server on
//! 127.0.0.1 started by the test. No other network is touched.

mod common;

use std::process::Output;

use assert_cmd::Command;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A news page built from one of the sample reports' paragraphs.
fn page(report: &str, edit: Option<(&str, &str)>) -> String {
    let md = std::fs::read_to_string(common::corpus_dir().join(report)).expect("sample report");
    let mut body = md.splitn(3, "---").nth(2).unwrap_or(&md).to_string();
    if let Some((from, to)) = edit {
        assert!(body.contains(from), "the edit must apply");
        body = body.replace(from, to);
    }
    let paras: String = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    format!(
        "<!doctype html><html><head><title>Report</title>\
         <meta property=\"og:site_name\" content=\"Served Wire\">\
         <meta property=\"article:published_time\" content=\"2019-11-11T08:00:00Z\">\
         </head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article>{paras}</article><footer>All rights reserved.</footer></body></html>"
    )
}

fn html(body: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.into_bytes(), "text/html; charset=utf-8")
}

/// Run the CLI off the async runtime, so the server keeps answering.
async fn run(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        Command::cargo_bin("parallax")
            .unwrap()
            .args(&args)
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn urls_and_files_compare_together_and_the_frozen_copy_is_saved() {
    let server = MockServer::start().await;
    Mock::given(path("/wire"))
        .respond_with(html(page("01-wire.md", None)))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("cmp.parallax");
    let url = format!("{}/wire", server.uri());
    let shared = common::corpus_dir().join("02-shared-copy.md");
    let out = run(vec![
        "compare".into(),
        url.clone(),
        shared.display().to_string(),
        format!("{}/missing", server.uri()),
        "--format".into(),
        "json".into(),
        "--save".into(),
        saved.display().to_string(),
    ])
    .await;
    // One input failed: exit 1, named with its cause; the rest compared.
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/missing") && stderr.contains("HTTP 404"),
        "{stderr}"
    );
    let cmp: parallax_engine::Comparison = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cmp.documents.len(), 2);
    // The order given is kept: the URL first.
    let web = &cmp.documents[0];
    let rec = web.fetch.as_ref().expect("fetch record in the JSON");
    assert_eq!(rec.requested_url, url);
    assert_eq!(web.meta.outlet.as_deref(), Some("Served Wire"));
    assert!(!web.text.contains("All rights reserved"));
    // The wire and the outlet that reuses its copy share sentences verbatim.
    assert!(cmp
        .links
        .iter()
        .any(|l| l.relation == parallax_engine::model::Relation::Verbatim));
    // The saved file holds the same frozen copy, readable with no network.
    let back = parallax_engine::saved::load(&saved).unwrap();
    assert_eq!(back.documents[0].fetch, cmp.documents[0].fetch);
    assert_eq!(back.documents[0].text, cmp.documents[0].text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refetch_says_unchanged_then_shows_the_edit() {
    let server = MockServer::start().await;
    let original = page("01-wire.md", None);
    let edited = page(
        "01-wire.md",
        Some(("resigned on Sunday after", "resigned on Monday after")),
    );
    // Served twice as first written (the compare, the first refetch), then edited.
    Mock::given(path("/wire"))
        .respond_with(html(original))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(path("/wire"))
        .respond_with(html(edited))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("cmp.parallax");
    let out = run(vec![
        "compare".into(),
        format!("{}/wire", server.uri()),
        common::corpus_dir()
            .join("06-early-errors.md")
            .display()
            .to_string(),
        "--save".into(),
        saved.display().to_string(),
    ])
    .await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = run(vec!["refetch".into(), saved.display().to_string()]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("unchanged"), "{stdout}");

    let out = run(vec![
        "refetch".into(),
        saved.display().to_string(),
        "--format".into(),
        "json".into(),
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{stdout}");
    let (head, json) = stdout.split_once('\n').unwrap();
    assert!(head.starts_with("CHANGED"), "{head}");
    let cmp: parallax_engine::Comparison = serde_json::from_str(json.trim()).unwrap();
    let edit = cmp
        .links
        .iter()
        .find(|l| l.relation == parallax_engine::model::Relation::Contradict)
        .expect("the edit shows as a contradiction between the versions");
    assert!(edit
        .reasons
        .iter()
        .any(|r| r.explanation.contains("'Sunday'") && r.explanation.contains("'Monday'")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_article_url_is_refused_by_name() {
    let server = MockServer::start().await;
    Mock::given(path("/doc.pdf"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"%PDF-1.4".to_vec(), "application/pdf"),
        )
        .mount(&server)
        .await;
    let out = run(vec![
        "compare".into(),
        format!("{}/doc.pdf", server.uri()),
        "file:///etc/passwd".into(),
        common::corpus_dir()
            .join("01-wire.md")
            .display()
            .to_string(),
    ])
    .await;
    // Fewer than two reports could be read.
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("application/pdf"), "{stderr}");
    assert!(stderr.contains("only http and https"), "{stderr}");
}
