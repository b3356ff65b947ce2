//! Reports that travel: the HTML report and worksheet are self-contained and
//! escape hostile text, the worksheet hides the outlets and its answers point
//! at the right sentences, the CSV is RFC 4180 with provenance, the JSON
//! validates against the committed schema, and every format carries the
//! provenance of every report.

mod common;

use parallax_engine::export::view::{self, QuestionKind};
use parallax_engine::export::{self, Format};
use parallax_engine::model::{Comparison, Metadata, SourceKind};
use parallax_engine::Report;

fn render(cmp: &Comparison, f: Format) -> String {
    let mut out = Vec::new();
    export::write(f, cmp, &mut out, false).expect("render");
    String::from_utf8(out).expect("utf8")
}

/// Two reports whose text and metadata try to inject markup and script.
fn hostile() -> Comparison {
    let a = Report {
        path: "evil.txt".into(),
        source: SourceKind::Text,
        meta: Metadata {
            title: Some("<script>alert('title')</script>".into()),
            outlet: Some("Evil <b>Outlet</b>".into()),
            date: Some("2019-11-11".into()),
            language: Some("en".into()),
            url: Some("javascript:alert(1)".into()),
            byline: None,
        },
        text: "Nine people were killed in Sacaba on Friday <script>alert(1)</script>, the Ombudsman said. \
The army chief <img src=x onerror=alert(1)> asked Morales to step down. \
A link [x](javascript:alert(2)) and </script><script>alert(3)</script> closes nothing."
            .into(),
        fetch: None,
    };
    let b = Report {
        path: "plain.txt".into(),
        source: SourceKind::Text,
        meta: Metadata {
            title: Some("Morales out".into()),
            outlet: Some("Beta Daily".into()),
            date: Some("2019-11-12".into()),
            language: Some("en".into()),
            url: Some("https://example.org/a?x=1&y=<2>".into()),
            byline: None,
        },
        text: "Three people were killed in Sacaba on Friday. The army chief asked Morales to step down."
            .into(),
        fetch: None,
    };
    let opts = parallax_engine::Options::default().created("2019-11-30T00:00:00Z");
    parallax_engine::compare(vec![a, b], &opts, &parallax_engine::NoProgress).expect("compare")
}

/// Everything in an HTML page that would make a browser fetch something or
/// leave the file: remote or protocol-relative URLs and `src` in tags,
/// `@import` and `url(` in the style sheet, network calls in the script.
/// Escaped article text (a URL printed as provenance) is text, not a reference.
fn external_references(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    // Tags: everything between `<` and `>`. Escaped text has no raw `<`.
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        let Some(len) = rest[open..].find('>') else {
            found.push("unterminated tag".into());
            break;
        };
        let tag = &rest[open..open + len + 1];
        for bad in [
            "http:",
            "https:",
            "=\"//",
            "='//",
            "src=",
            "srcset",
            "javascript:",
            "<link",
            "<iframe",
            "<object",
            "<embed",
            "<img",
            "<base",
        ] {
            if tag.contains(bad) {
                found.push(format!("{bad} in {tag}"));
            }
        }
        rest = &rest[open + len + 1..];
    }
    let block = |name: &str| -> String {
        let mut out = String::new();
        let mut at = 0;
        while let Some(i) = lower[at..].find(&format!("<{name}")) {
            let s = at + i;
            let body = s + lower[s..].find('>').map_or(0, |k| k + 1);
            let e = body + lower[body..].find(&format!("</{name}>")).unwrap_or(0);
            out.push_str(&lower[body..e]);
            at = e + 1;
        }
        out
    };
    let css = block("style");
    for bad in ["@import", "url(", "http:", "https:", "//"] {
        if css.contains(bad) {
            found.push(format!("{bad} in the style sheet"));
        }
    }
    let js = block("script");
    for bad in [
        "fetch(",
        "xmlhttprequest",
        "import(",
        "http:",
        "https:",
        "websocket",
        "sendbeacon",
        ".src=",
        "innerhtml",
        "document.write",
    ] {
        if js.contains(bad) {
            found.push(format!("{bad} in a script"));
        }
    }
    found
}

#[test]
fn html_report_and_worksheets_have_no_external_references() {
    let cmp = common::compare_corpus();
    for f in [Format::Html, Format::Worksheet, Format::AnswerKey] {
        let html = render(&cmp, f);
        let ext = external_references(&html);
        assert!(ext.is_empty(), "{f:?}: {ext:#?}");
        assert!(html.contains("default-src 'none'"), "{f:?} has its CSP");
    }
}

#[test]
fn hostile_article_text_and_metadata_stay_text() {
    let cmp = hostile();
    for f in [Format::Html, Format::Worksheet, Format::AnswerKey] {
        let html = render(&cmp, f);
        // Exactly the page's own script elements, and no element from the text.
        let scripts = html.matches("<script").count();
        let expected = if f == Format::Html { 2 } else { 0 };
        assert_eq!(scripts, expected, "{f:?}: injected script element");
        assert!(!html.contains("<img"), "{f:?}: injected img");
        assert!(!html.contains("<b>Outlet"), "{f:?}: injected b");
        assert!(
            !html.contains("href=\"javascript"),
            "{f:?}: clickable javascript: URL"
        );
        let ext = external_references(&html);
        assert!(ext.is_empty(), "{f:?}: {ext:#?}");
    }
    let html = render(&cmp, Format::Html);
    // The hostile text is shown as text, literally.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        html.contains("<code>javascript:alert(1)</code>"),
        "url printed as text"
    );
    assert!(html.contains("Evil &lt;b&gt;Outlet&lt;/b&gt;"));
    // The embedded JSON cannot end its script element early.
    let data_start = html.find("id=\"px-data\">").expect("data") + 13;
    let data_end = data_start + html[data_start..].find("</script>").expect("end");
    let data: serde_json::Value =
        serde_json::from_str(&html[data_start..data_end]).expect("embedded JSON parses");
    assert!(data["names"]
        .as_array()
        .expect("names")
        .iter()
        .any(|n| n == "Evil <b>Outlet</b>"));
    let answer_key = render(&cmp, Format::AnswerKey);
    assert!(answer_key.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"));
}

#[test]
fn html_report_shows_every_section_with_provenance() {
    let cmp = common::compare_corpus();
    let html = render(&cmp, Format::Html);
    for id in [
        "summary",
        "contradictions",
        "matrix",
        "text",
        "quotes",
        "framing",
        "divergences",
        "sources",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\">")),
            "section {id}"
        );
    }
    for d in &cmp.documents {
        assert!(html.contains(&d.sha256), "sha256 of {}", d.id);
        for s in &d.sentences {
            assert!(
                html.contains(&parallax_engine::export::html::esc(&s.text)),
                "sentence {} shown",
                s.id
            );
        }
    }
    assert!(html.contains(&cmp.generator.version));
    assert!(html.contains(&cmp.generator.created));
    // Every relation in the legend has a symbol and a word, not only a colour.
    for (st, text) in view::LEGEND {
        assert!(html.contains(st.symbol()));
        assert!(html.contains(&parallax_engine::export::html::esc(text)));
    }
    // Every matrix cell links to a sentence anchor that exists.
    let mut checked = 0;
    for (i, _) in html.match_indices("href=\"#s-") {
        let rest = &html[i + 7..];
        let id = &rest[..rest.find('"').expect("quote")];
        assert!(html.contains(&format!("id=\"{id}\"")), "anchor {id} exists");
        checked += 1;
    }
    assert!(checked > 50, "only {checked} sentence links");
    // Text is not repeated per link: the most linked sentences (each in a
    // dozen links or more) appear in full once or twice in the whole report,
    // not once per link.
    let mut degree: std::collections::HashMap<&str, usize> = Default::default();
    for l in &cmp.links {
        *degree.entry(&l.a).or_default() += 1;
        *degree.entry(&l.b).or_default() += 1;
    }
    let mut busiest: Vec<(&str, usize)> = degree.into_iter().collect();
    busiest.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    for (id, links) in busiest.iter().take(5) {
        assert!(*links >= 12, "{id} has only {links} links");
        let (doc, idx) = id.rsplit_once(':').expect("sentence id");
        let idx: usize = idx.parse().expect("sentence index");
        let d = cmp
            .documents
            .iter()
            .find(|d| d.id == doc)
            .expect("document");
        let text = parallax_engine::export::html::esc(&d.sentences[idx].text);
        let shown = html.matches(text.as_str()).count();
        assert!(
            (1..=2).contains(&shown),
            "{id} ({links} links) is shown {shown} times"
        );
    }
    // And twelve reports stay a few hundred KB. Measured on 2026-12-06: about
    // 350 bytes per link (its reasons and the matcher's evidence) over a
    // fixed part of about ten times the text (each sentence in the text
    // view, the matrix, the divergence and framing lists).
    let text: usize = cmp.documents.iter().map(|d| d.text.len()).sum();
    assert!(
        html.len() < 12 * text + 500 * cmp.links.len(),
        "HTML is {} bytes for {} bytes of text and {} links",
        html.len(),
        text,
        cmp.links.len()
    );
}

#[test]
fn worksheet_hides_outlets_and_answers_point_at_the_right_sentences() {
    let cmp = common::compare_corpus();
    let sheet = view::worksheet(&cmp);
    let html = render(&cmp, Format::Worksheet);
    for d in &cmp.documents {
        for name in [&d.meta.outlet, &d.meta.title, &d.meta.url, &d.meta.byline]
            .into_iter()
            .flatten()
        {
            assert!(
                !html.contains(&parallax_engine::export::html::esc(name)),
                "worksheet names {name}"
            );
        }
        assert!(!html.contains(&d.sha256));
    }
    let key = render(&cmp, Format::AnswerKey);
    for d in &cmp.documents {
        if let Some(o) = &d.meta.outlet {
            assert!(
                key.contains(&parallax_engine::export::html::esc(o)),
                "key names {o}"
            );
        }
    }
    // Every kind of question comes out of the sample corpus.
    for kind in [
        QuestionKind::Numbers,
        QuestionKind::Voice,
        QuestionKind::Omission,
        QuestionKind::Contradiction,
    ] {
        assert!(
            sheet.questions.iter().any(|q| q.kind == kind),
            "no {kind:?} question"
        );
    }
    for q in &sheet.questions {
        assert!(!q.answer.is_empty(), "{} has no answer", q.text);
        assert!(html.contains(&parallax_engine::export::html::esc(&q.text)));
        for a in &q.answer {
            let src = &sheet.sources[a.source];
            let Some(n) = a.sentence else { continue };
            let sentence = &src.sentences[n - 1];
            match q.kind {
                // The numbers quoted are in the sentence cited.
                QuestionKind::Numbers => {
                    for num in a.text.split(", ") {
                        assert!(sentence.contains(num), "{num} not in {sentence}");
                    }
                }
                // The framing words are in the sentence cited.
                QuestionKind::Voice => {
                    let words = a.text.split('“').nth(1).and_then(|w| w.split('”').next());
                    let words = words.expect("quoted words");
                    assert!(sentence.contains(words), "{words} not in {sentence}");
                }
                QuestionKind::Contradiction => {
                    let words = a.text.split('“').nth(1).and_then(|w| w.split('”').next());
                    for w in words.expect("quoted words").split(", ") {
                        assert!(sentence.contains(w), "{w} not in {sentence}");
                    }
                }
                QuestionKind::Omission => {}
            }
        }
        // An omission question's source really does not tell the story point.
        if q.kind == QuestionKind::Omission {
            let who = sheet
                .sources
                .iter()
                .position(|s| q.text.contains(&format!("{} ", s.label)))
                .expect("names a source");
            assert!(q.answer.iter().all(|a| a.source != who));
        }
    }
    // The voice question asks about a concept one source says in its own voice.
    let coup = sheet
        .questions
        .iter()
        .find(|q| q.kind == QuestionKind::Voice && q.text.contains("coup"))
        .expect("a question about calling it a coup");
    assert!(coup.answer.iter().any(|a| a.text.contains("own voice")));
    assert!(coup.answer.iter().any(|a| a.text.contains("only quotes")));
}

/// A strict RFC 4180 reader, enough to check what the exporter writes.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            '"' => panic!("bare quote in an unquoted field: {field}"),
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\n' => panic!("LF without CR"),
            c => field.push(c),
        }
    }
    assert!(
        row.is_empty() && field.is_empty(),
        "last line not terminated"
    );
    rows
}

#[test]
fn csv_is_rfc4180_with_provenance_lines() {
    let cmp = common::compare_corpus();
    let csv = render(&cmp, Format::Csv);
    let comments: Vec<&str> = csv.lines().take_while(|l| l.starts_with('#')).collect();
    assert_eq!(comments.len(), 1 + cmp.documents.len());
    assert!(
        comments[0].contains(&cmp.generator.version)
            && comments[0].contains(&cmp.generator.created)
    );
    for (d, line) in cmp.documents.iter().zip(&comments[1..]) {
        assert!(line.contains(&d.sha256), "{line}");
        assert!(line.contains(&d.path) || d.meta.url.as_deref().is_some_and(|u| line.contains(u)));
    }
    let body: String = csv
        .split_inclusive("\r\n")
        .filter(|l| !l.starts_with('#'))
        .collect();
    let rows = parse_csv(&body);
    assert_eq!(
        rows[0],
        [
            "report_a",
            "sentence_a",
            "text_a",
            "report_b",
            "sentence_b",
            "text_b",
            "relation",
            "score",
            "reasons",
            "evidence"
        ]
    );
    assert_eq!(rows.len(), 1 + cmp.links.len());
    for (row, link) in rows[1..].iter().zip(&cmp.links) {
        assert_eq!(row.len(), 10);
        assert_eq!(row[9], view::evidence_line(link));
        assert_eq!(row[1], *link.a);
        assert_eq!(row[4], *link.b);
        assert_eq!(row[6], link.relation.as_str());
        let text_a = &cmp.sentence(&link.a).expect("a").1.text;
        // Text round-trips exactly unless it had to be defused as a formula.
        assert!(row[2] == *text_a || row[2] == format!("'{text_a}"));
    }
    // Commas and quotes inside the text come back intact.
    assert!(rows
        .iter()
        .any(|r| r[2].contains(',') || r[5].contains(',')));
}

#[test]
fn json_validates_against_the_committed_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("schema/parallax.comparison-1.schema.json"))
            .expect("schema file"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema is valid");
    for cmp in [common::compare_corpus(), hostile()] {
        let json: serde_json::Value =
            serde_json::from_str(&render(&cmp, Format::Json)).expect("json");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");

        // The schema is not a rubber stamp: damage is caught.
        let mut bad = json.clone();
        bad["documents"][0]["sha256"] = "not a hash".into();
        assert!(!validator.is_valid(&bad));
        let mut bad = json.clone();
        bad["links"][0]["relation"] = "maybe".into();
        assert!(!validator.is_valid(&bad));
        let mut bad = json.clone();
        bad["documents"][0]["sentences"][0]
            .as_object_mut()
            .expect("object")
            .remove("end");
        assert!(!validator.is_valid(&bad));
        let mut bad = json;
        bad["schema"] = "parallax.comparison/2".into();
        assert!(!validator.is_valid(&bad));
    }
}

#[test]
fn every_report_format_shows_the_matchers_evidence_for_its_contradictions() {
    let cmp = common::compare_corpus();
    let contradictions: Vec<_> = cmp
        .links
        .iter()
        .filter(|l| l.relation == parallax_engine::model::Relation::Contradict)
        .collect();
    assert!(contradictions.len() > 10);
    let md = render(&cmp, Format::Markdown);
    let html = render(&cmp, Format::Html);
    let text = render(&cmp, Format::Text);
    for l in contradictions {
        let line = view::evidence_line(l);
        // Each contribution is in the line, on the side its weight points to.
        for c in l.evidence.iter() {
            let side = if c.weight >= 0.0 {
                "for: "
            } else {
                "against: "
            };
            let at = line.find(&c.description).expect("contribution listed");
            assert!(line[..at].contains(side), "{line}");
        }
        if line.is_empty() {
            continue;
        }
        assert!(
            md.contains(&format!(
                "*matcher*: {}",
                parallax_engine::export::markdown::escape(&line)
            )),
            "Markdown digest lacks {line}"
        );
        assert!(
            html.contains(&parallax_engine::export::html::esc(&line)),
            "HTML report lacks {line}"
        );
        assert!(text.contains(&line), "terminal summary lacks {line}");
    }
}

#[test]
fn markdown_digest_orders_sections_and_carries_provenance() {
    let cmp = common::compare_corpus();
    let md = render(&cmp, Format::Markdown);
    let at = |h: &str| md.find(h).unwrap_or_else(|| panic!("no {h}"));
    assert!(at("## Contradictions") < at("## Divergences"));
    assert!(at("## Divergences") < at("## Said by one source only"));
    assert!(at("## Said by one source only") < at("## Sources"));
    for d in &cmp.documents {
        assert!(md.contains(&d.sha256), "full sha256 of {}", d.id);
    }
    assert!(md.contains(&cmp.generator.created));
    let md = render(&hostile(), Format::Markdown);
    assert!(!md.contains("<script>") && !md.contains("<img"));
    assert!(!md.contains("[x](javascript"), "no live Markdown link");
}

#[test]
fn a_fetched_report_carries_its_frozen_copy_provenance_everywhere() {
    let mut cmp = common::compare_corpus();
    cmp.documents[0].fetch = Some(parallax_engine::model::FetchRecord {
        requested_url: "https://example.org/short/abc".into(),
        final_url: "https://example.org/andean-wire/2019/11/11/morales".into(),
        fetched_at: "2026-11-28T16:44:23Z".into(),
        status: 200,
        content_type: "text/html; charset=utf-8".into(),
        bytes: 48_211,
        body_sha256: "ab".repeat(32),
    });
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("schema/parallax.comparison-1.schema.json"))
            .expect("schema file"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema is valid");
    let json: serde_json::Value = serde_json::from_str(&render(&cmp, Format::Json)).expect("json");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut bad = json;
    bad["documents"][0]["fetch"]["status"] = "ok".into();
    assert!(!validator.is_valid(&bad));
    for format in [Format::Html, Format::Markdown, Format::Csv] {
        let out = render(&cmp, format);
        for needle in [
            "https://example.org/short/abc",
            "https://example.org/andean-wire/2019/11/11/morales",
            "2026-11-28T16:44:23Z",
            &"ab".repeat(32),
        ] {
            assert!(out.contains(needle), "{format:?} lacks {needle}");
        }
    }
}
