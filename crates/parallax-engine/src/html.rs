//! Main-content extraction from HTML pages, with `dom_smoothie` (a port of
//! Readability). Figures and captions are removed first (captions otherwise
//! leak into the text); metadata comes from `<title>`, Open Graph,
//! `article:published_time` and JSON-LD `NewsArticle`, which dom_smoothie reads.
//!
//! The page is never rendered and nothing in it runs: it is parsed, and only
//! its text is kept.

use dom_smoothie::{Config, Readability, TextMode};

use crate::error::{Error, Result};
use crate::ingest::Report;
use crate::model::{Metadata, SourceKind};

/// Elements that are never part of an article's text.
const NOISE: &str = "script, style, noscript, template, iframe, object, embed, svg, canvas, \
                     figure, figcaption, nav, aside, footer, form, button, [role=navigation], \
                     [role=complementary], [aria-hidden=true]";

/// Extract the article from an HTML page.
pub fn extract(name: &str, html: &str) -> Result<Report> {
    let doc = dom_query::Document::from(html);
    doc.select(NOISE).remove();
    let canonical = doc
        .select("link[rel=canonical]")
        .attr("href")
        .map(|s| s.to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let fallback_text = paragraphs_text(&doc);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let parsed = Readability::with_document(doc, None, Some(cfg)).and_then(|mut r| r.parse());
    let (text, meta) = match parsed {
        Ok(article) => {
            let meta = Metadata {
                title: non_empty(article.title.clone()),
                outlet: article.site_name.clone().and_then(non_empty),
                date: article.published_time.as_deref().and_then(iso_date),
                language: article
                    .lang
                    .clone()
                    .and_then(non_empty)
                    .map(|l| l.chars().take(2).collect()),
                url: article
                    .url
                    .clone()
                    .filter(|u| u.starts_with("http"))
                    .or(canonical),
                byline: article.byline.clone().and_then(non_empty),
            };
            let text = tidy(&article.text_content);
            if text.trim().is_empty() {
                (fallback_text, meta)
            } else {
                (text, meta)
            }
        }
        Err(_) => (
            fallback_text,
            Metadata {
                url: canonical,
                ..Metadata::default()
            },
        ),
    };
    if text.trim().is_empty() {
        return Err(Error::Empty {
            name: format!("{name} (no article text found in the page)"),
        });
    }
    Ok(Report {
        path: name.to_string(),
        source: SourceKind::Html,
        meta,
        text: crate::ingest::normalise(&text),
        fetch: None,
    })
}

/// Every `<p>` and heading's text, a paragraph each: the fallback when
/// Readability finds no article.
fn paragraphs_text(doc: &dom_query::Document) -> String {
    let mut out = Vec::new();
    for sel in doc.select("h1, h2, h3, p, li").iter() {
        let t = collapse(&sel.text());
        if !t.is_empty() {
            out.push(t);
        }
    }
    out.join("\n\n")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapse runs of spaces inside lines and keep paragraph breaks.
fn tidy(s: &str) -> String {
    let mut paras = Vec::new();
    for block in s.split("\n\n") {
        let t = collapse(block);
        if !t.is_empty() {
            paras.push(t);
        }
    }
    paras.join("\n\n")
}

fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// `2019-11-11T08:00:00Z` → `2019-11-11`.
fn iso_date(s: &str) -> Option<String> {
    let d: String = s.trim().chars().take(10).collect();
    chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
        .ok()
        .map(|_| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Morales resigns | Andean Wire</title>
<meta property="og:title" content="Morales resigns after army suggestion">
<meta property="og:site_name" content="Andean Wire Service">
<meta property="article:published_time" content="2019-11-11T02:10:00Z">
<script>alert(1)</script><style>p{color:red}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Morales resigns after army suggestion</h1>
<p>Bolivian President Evo Morales resigned on Sunday after the armed forces commander suggested that he step down, ending nearly 14 years in power.</p>
<figure><img src="x.jpg"><figcaption>Supporters gather in La Paz. Photo: Staff.</figcaption></figure>
<p>Gen. Williams Kaliman read a statement in the afternoon asking the president to give up his mandate to allow pacification.</p>
<p>Morales announced his resignation in a televised message from the Chapare region, calling it a civic coup.</p>
</article>
<aside>Read more: unrelated story about football transfers.</aside>
<footer>Copyright Andean Wire</footer>
</body></html>"#;

    #[test]
    fn extracts_article_text_and_metadata_without_boilerplate() {
        let r = extract("page.html", PAGE).unwrap();
        assert!(
            r.text.contains("Evo Morales resigned on Sunday"),
            "{}",
            r.text
        );
        assert!(r.text.contains("civic coup"));
        for junk in [
            "alert(1)",
            "color:red",
            "Home",
            "football",
            "Copyright",
            "Photo: Staff",
        ] {
            assert!(!r.text.contains(junk), "{junk} leaked into {:?}", r.text);
        }
        assert_eq!(r.meta.outlet.as_deref(), Some("Andean Wire Service"));
        assert_eq!(r.meta.date.as_deref(), Some("2019-11-11"));
        assert!(r
            .meta
            .title
            .as_deref()
            .unwrap_or("")
            .contains("Morales resigns"));
    }

    #[test]
    fn malformed_html_still_yields_text() {
        let r = extract("bad.html", "<html><body><p>Unclosed <b>bold <p>Second paragraph here that is long enough to count as text.</div></span>").unwrap();
        assert!(r.text.contains("Second paragraph"));
    }

    #[test]
    fn a_page_of_only_scripts_is_empty() {
        let err = extract(
            "s.html",
            "<html><head><script>var a=1;</script></head><body><script>x()</script></body></html>",
        )
        .unwrap_err();
        assert!(matches!(err, Error::Empty { .. }));
    }
}
