//! Main-content extraction from HTML pages, with `dom_smoothie` (a port of
//! Readability). Figures and captions are removed first (captions otherwise
//! leak into the text); metadata comes from `<title>`, Open Graph,
//! `article:published_time` and JSON-LD `NewsArticle`, which dom_smoothie reads.
//!
//! The page is never rendered and nothing in it runs: it is parsed, and only
//! its text is kept.
//!
//! Hostile pages: the HTML parser and Readability both spend time in
//! proportion to how deep an element sits (html5ever walks the stack of open
//! elements for every start tag; Readability measures each candidate's
//! descendants), so a page of 10,000 nested `<div>`s took over a minute and
//! 1,000,000 would take hours. Before parsing, tags nested deeper than
//! [`MAX_DEPTH`] are dropped and their text kept, which no real page notices
//! (news pages nest 20 to 60 deep).

use std::borrow::Cow;

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
    let doc = dom_query::Document::from(cap_nesting(html).as_ref());
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

/// Deepest element nesting passed on to the parser; deeper tags are dropped
/// (their text is kept).
pub const MAX_DEPTH: usize = 128;

/// Elements with no content, which never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: the parser closes them when a
/// sibling starts, so an unclosed run of them is not nesting.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
];

/// Elements whose content is raw text: tags inside them are not tags.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Drop start and end tags nested deeper than [`MAX_DEPTH`], keeping all
/// text. A linear scan of the source: comments and raw-text elements
/// (scripts, styles) are stepped over, and only the counted elements move the depth.
pub fn cap_nesting(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        if b[lt..].starts_with(b"<!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = lt + 1;
            continue;
        }
        let name_end = name_start + name_len;
        let Some(gt) = b[name_end..]
            .iter()
            .position(|&c| c == b'>')
            .map(|p| name_end + p)
        else {
            break;
        };
        i = gt + 1;
        let name = html[name_start..name_end].to_ascii_lowercase();
        let self_closing = b[gt - 1] == b'/';
        if RAW_TEXT.contains(&name.as_str()) {
            // Never nested and never dropped (dropping the tag would turn a
            // script into text): step over its content to its end tag.
            if !closing {
                let end = format!("</{name}");
                i = find_ignore_case(b, i, end.as_bytes()).unwrap_or(b.len());
            }
            continue;
        }
        if VOID.contains(&name.as_str())
            || OPTIONAL_END.contains(&name.as_str())
            || (self_closing && !closing)
        {
            continue;
        }
        let drop = if closing {
            let drop = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
            drop
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            copied = gt + 1;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ignore_case(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
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

    fn nested(depth: usize) -> String {
        format!(
            "<html><body>{}<p>Evo Morales resigned on Sunday after the army chief suggested it.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
    }

    #[test]
    fn ten_thousand_nested_divs_keep_their_text_and_parse_quickly() {
        let t = std::time::Instant::now();
        let r = extract("deep.html", &nested(10_000)).unwrap();
        assert_eq!(
            r.text,
            "Evo Morales resigned on Sunday after the army chief suggested it."
        );
        // It took 71 s before nesting was capped; now well under a second.
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
    }

    #[test]
    fn a_million_unclosed_divs_neither_hang_nor_overflow_the_stack() {
        let html = format!("<body>{}Morales left.", "<div>".repeat(1_000_000));
        let t = std::time::Instant::now();
        let r = extract("deeper.html", &html).unwrap();
        assert_eq!(r.text, "Morales left.");
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }

    #[test]
    fn nesting_is_capped_only_past_the_limit_and_text_is_kept() {
        let shallow = nested(MAX_DEPTH - 2);
        assert!(matches!(cap_nesting(&shallow), Cow::Borrowed(_)));
        let deep = format!(
            "{}x<br/><!-- <div> --><script>'<div><div>'</script>{}",
            "<div class=\"a\">".repeat(MAX_DEPTH + 5),
            "</div>".repeat(MAX_DEPTH + 5)
        );
        let capped = cap_nesting(&deep);
        assert_eq!(
            capped.matches("<div").count(),
            MAX_DEPTH + 3,
            "one in the comment, two in the script"
        );
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        assert!(capped.contains("x<br/>") && capped.contains("'<div><div>'"));
        // Unclosed paragraphs and list items are not nesting.
        let sloppy = "<p>one".repeat(1000);
        assert!(matches!(cap_nesting(&sloppy), Cow::Borrowed(_)));
    }
}
