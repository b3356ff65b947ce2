//! Fetching against servers on 127.0.0.1 that the tests start themselves
//! (wiremock, plus a raw socket server for a body without a length). No test
//! touches any other network.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use parallax_engine::fetch::{
    check_for_edits, fetch_all, FetchEvent, FetchOptions, FetchProgress, Fetcher,
};
use parallax_engine::model::{Relation, SourceKind};
use parallax_engine::{Error, FetchFailure, Options};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Paragraphs of the wire report in the sample corpus, as a page body.
fn wire_paragraphs() -> Vec<String> {
    let md = include_str!("../../../sample-articles/bolivia-2019/01-wire.md");
    let body = md.splitn(3, "---").nth(2).unwrap_or(md);
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A news page: metadata in the head, the article among navigation, a
/// sidebar, a newsletter box and a footer.
fn article_page(self_url: &str, boilerplate: bool) -> String {
    let paras: String = wire_paragraphs()
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    let noise = if boilerplate {
        r#"<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
           <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
           <aside><h3>Most read</h3><ul><li><a href="/x">Ten recipes for a rainy Sunday</a></li>
           <li><a href="/y">Transfer rumours round-up, all the latest deals</a></li></ul></aside>
           <div class="newsletter"><form><p>Sign up for our morning briefing newsletter</p>
           <button>Subscribe</button></form></div>
           <script>window.tracking = {page: "article"};</script>"#
    } else {
        ""
    };
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Bolivia's Morales resigns | Andean Wire Service</title>
<meta property="og:title" content="Bolivia's Morales resigns after armed forces chief urges him to go">
<meta property="og:site_name" content="Andean Wire Service">
<meta property="article:published_time" content="2019-11-11T02:10:00Z">
<link rel="canonical" href="{self_url}">
</head><body>{noise}
<article><h1>Bolivia's Morales resigns after armed forces chief urges him to go</h1>
<p class="byline">By Staff</p>
{paras}<p>Read more: <a href="{self_url}">this article</a>.</p>
</article>
{footer}</body></html>"#,
        footer = if boilerplate {
            "<footer><p>Copyright Andean Wire Service. All rights reserved. Terms. Privacy. Cookies.</p></footer>"
        } else {
            ""
        }
    )
}

fn html(body: impl Into<String>) -> ResponseTemplate {
    // `set_body_raw` keeps our content type (`set_body_string` forces text/plain).
    ResponseTemplate::new(200).set_body_raw(body.into().into_bytes(), "text/html; charset=utf-8")
}

fn opts() -> FetchOptions {
    FetchOptions::default().timeout(Duration::from_secs(5))
}

fn failure(result: parallax_engine::Result<parallax_engine::Report>) -> FetchFailure {
    match result {
        Err(Error::Fetch { failure, .. }) => failure,
        Err(other) => panic!("expected a fetch error, got {other}"),
        Ok(r) => panic!("expected a fetch error, got a report from {}", r.path),
    }
}

#[tokio::test]
async fn a_normal_article_is_extracted_with_metadata_and_a_frozen_record() {
    let server = MockServer::start().await;
    let url = format!("{}/2019/11/11/morales", server.uri());
    Mock::given(method("GET"))
        .and(path("/2019/11/11/morales"))
        .respond_with(html(article_page(&url, false)))
        .mount(&server)
        .await;
    let fetcher = Fetcher::new(opts()).unwrap();
    let report = fetcher.fetch(&url).await.unwrap();
    assert_eq!(report.source, SourceKind::Html);
    assert!(report
        .text
        .contains("Bolivian President Evo Morales resigned on Sunday"));
    assert_eq!(report.meta.outlet.as_deref(), Some("Andean Wire Service"));
    assert_eq!(report.meta.date.as_deref(), Some("2019-11-11"));
    assert_eq!(report.meta.url.as_deref(), Some(url.as_str()));
    let rec = report.fetch.expect("a fetch record");
    assert_eq!(rec.requested_url, url);
    assert_eq!(rec.final_url, url);
    assert_eq!(rec.status, 200);
    assert!(rec.content_type.starts_with("text/html"));
    assert_eq!(rec.body_sha256.len(), 64);
    assert!(rec.bytes > 1000);
    // The request named Parallax.
    let requests = server.received_requests().await.unwrap();
    let ua = requests[0]
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(ua.starts_with("Parallax/"), "{ua}");
}

#[tokio::test]
async fn boilerplate_around_the_article_is_dropped() {
    let server = MockServer::start().await;
    let url = format!("{}/heavy", server.uri());
    Mock::given(path("/heavy"))
        .respond_with(html(article_page(&url, true)))
        .mount(&server)
        .await;
    let report = Fetcher::new(opts()).unwrap().fetch(&url).await.unwrap();
    for noise in [
        "Ten recipes",
        "Transfer rumours",
        "newsletter",
        "All rights reserved",
        "tracking",
        "Weather",
    ] {
        assert!(
            !report.text.contains(noise),
            "{noise:?} leaked into the text"
        );
    }
    // Every paragraph of the article survived.
    for p in wire_paragraphs() {
        let head: String = p.chars().take(40).collect();
        assert!(report.text.contains(&head), "lost {head:?}");
    }
}

#[tokio::test]
async fn latin1_pages_decode_from_the_header_or_the_meta_tag() {
    let server = MockServer::start().await;
    let text = "<html><head><title>Áñez asume</title>{meta}</head><body><article>\
                <p>La senadora Jeanine Áñez asumió la presidencia interina de Bolivia el martes 12 de noviembre.</p>\
                <p>El Tribunal Constitucional avaló la sucesión en un comunicado difundido esa misma noche.</p>\
                <p>Los seguidores de Morales marcharon desde El Alto hacia la sede de gobierno en La Paz.</p>\
                </article></body></html>";
    let encode = |s: &str| encoding_rs::WINDOWS_1252.encode(s).0.into_owned();
    Mock::given(path("/header"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html; charset=iso-8859-1")
                .set_body_bytes(encode(&text.replace("{meta}", ""))),
        )
        .mount(&server)
        .await;
    Mock::given(path("/meta"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .set_body_bytes(encode(
                    &text.replace("{meta}", r#"<meta charset="iso-8859-1">"#),
                )),
        )
        .mount(&server)
        .await;
    let fetcher = Fetcher::new(opts()).unwrap();
    for p in ["/header", "/meta"] {
        let r = fetcher
            .fetch(&format!("{}{p}", server.uri()))
            .await
            .unwrap();
        assert!(
            r.text.contains("Jeanine Áñez asumió la presidencia"),
            "{p}: {}",
            r.text
        );
        assert!(!r.text.contains('\u{FFFD}'), "{p}: replacement characters");
    }
}

#[tokio::test]
async fn a_redirect_chain_is_followed_and_the_final_url_kept() {
    let server = MockServer::start().await;
    let base = server.uri();
    for (from, to) in [("/r1", "/r2"), ("/r2", "/r3"), ("/r3", "/story")] {
        Mock::given(path(from))
            .respond_with(ResponseTemplate::new(301).insert_header("location", to))
            .mount(&server)
            .await;
    }
    let story = format!("{base}/story");
    Mock::given(path("/story"))
        .respond_with(html(article_page(&story, false)))
        .mount(&server)
        .await;
    let r = Fetcher::new(opts())
        .unwrap()
        .fetch(&format!("{base}/r1"))
        .await
        .unwrap();
    let rec = r.fetch.unwrap();
    assert_eq!(rec.requested_url, format!("{base}/r1"));
    assert_eq!(rec.final_url, story);
}

#[tokio::test]
async fn redirect_loops_and_long_chains_are_refused() {
    let server = MockServer::start().await;
    Mock::given(path("/a"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/b"))
        .mount(&server)
        .await;
    Mock::given(path("/b"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/a"))
        .mount(&server)
        .await;
    for i in 0..5 {
        Mock::given(path(format!("/hop{i}")))
            .respond_with(
                ResponseTemplate::new(302).insert_header("location", format!("/hop{}", i + 1)),
            )
            .mount(&server)
            .await;
    }
    Mock::given(path("/to-file"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "file:///etc/passwd"))
        .mount(&server)
        .await;
    let fetcher = Fetcher::new(opts().max_redirects(3)).unwrap();
    let base = server.uri();
    assert!(matches!(
        failure(fetcher.fetch(&format!("{base}/a")).await),
        FetchFailure::RedirectLoop(u) if u.ends_with("/a")
    ));
    assert_eq!(
        failure(fetcher.fetch(&format!("{base}/hop0")).await),
        FetchFailure::TooManyRedirects(3)
    );
    assert_eq!(
        failure(fetcher.fetch(&format!("{base}/to-file")).await),
        FetchFailure::Scheme("file".into())
    );
}

#[tokio::test]
async fn http_errors_timeouts_and_wrong_types_are_named() {
    let server = MockServer::start().await;
    Mock::given(path("/slow"))
        .respond_with(html("<p>late</p>").set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    Mock::given(path("/report.pdf"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/pdf")
                .set_body_bytes(b"%PDF-1.7 not really".to_vec()),
        )
        .mount(&server)
        .await;
    Mock::given(path("/empty"))
        .respond_with(html("<html><body><script>var a=1;</script></body></html>"))
        .mount(&server)
        .await;
    let base = server.uri();
    let fetcher = Fetcher::new(FetchOptions::default().timeout(Duration::from_secs(1))).unwrap();
    let f = failure(fetcher.fetch(&format!("{base}/missing")).await);
    assert_eq!(f, FetchFailure::Status(404));
    let f = failure(fetcher.fetch(&format!("{base}/slow")).await);
    assert_eq!(f, FetchFailure::Timeout(1));
    let f = failure(fetcher.fetch(&format!("{base}/report.pdf")).await);
    assert!(
        matches!(&f, FetchFailure::NotAnArticle(t) if t.contains("application/pdf")),
        "{f}"
    );
    let f = failure(fetcher.fetch(&format!("{base}/empty")).await);
    assert!(matches!(&f, FetchFailure::Unreadable(_)), "{f}");
    // The message names the URL and the cause.
    let e = fetcher.fetch(&format!("{base}/missing")).await.unwrap_err();
    assert_eq!(e.kind(), "fetch-status");
    assert!(e.to_string().contains("/missing") && e.to_string().contains("404"));
}

#[tokio::test]
async fn other_schemes_and_bad_addresses_never_touch_the_network() {
    let fetcher = Fetcher::new(opts()).unwrap();
    assert_eq!(
        failure(fetcher.fetch("file:///etc/passwd").await),
        FetchFailure::Scheme("file".into())
    );
    assert_eq!(
        failure(fetcher.fetch("javascript:alert(1)").await),
        FetchFailure::Scheme("javascript".into())
    );
    assert!(matches!(
        failure(fetcher.fetch("http://").await),
        FetchFailure::InvalidUrl(_)
    ));
}

#[tokio::test]
async fn a_refused_connection_is_named() {
    // Bind a port, then free it: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let f = failure(
        Fetcher::new(opts())
            .unwrap()
            .fetch(&format!("http://127.0.0.1:{port}/"))
            .await,
    );
    assert_eq!(f, FetchFailure::Refused);
}

#[tokio::test]
async fn oversized_bodies_are_refused_by_length_and_while_streaming() {
    // With a Content-Length: refused before reading.
    let server = MockServer::start().await;
    Mock::given(path("/big"))
        .respond_with(html("x".repeat(300_000)))
        .mount(&server)
        .await;
    let fetcher = Fetcher::new(opts().max_bytes(100_000)).unwrap();
    assert_eq!(
        failure(fetcher.fetch(&format!("{}/big", server.uri())).await),
        FetchFailure::TooLarge(100_000)
    );

    // Without a length (the body runs until the connection closes): the
    // stream is cut once past the cap, and the server sees us hang up.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let sent = Arc::new(Mutex::new(0usize));
    let counter = Arc::clone(&sent);
    std::thread::spawn(move || {
        if let Ok((mut sock, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf);
            let _ = sock.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n",
            );
            let chunk = vec![b'a'; 16 * 1024];
            // Up to 64 MB, unless the client hangs up first.
            for _ in 0..4096 {
                if sock.write_all(&chunk).is_err() {
                    break;
                }
                *counter.lock().unwrap() += chunk.len();
            }
        }
    });
    let f = failure(fetcher.fetch(&format!("http://{addr}/endless")).await);
    assert_eq!(f, FetchFailure::TooLarge(100_000));
    std::thread::sleep(Duration::from_millis(200));
    let sent = *sent.lock().unwrap();
    assert!(sent < 32 * 1024 * 1024, "read {sent} bytes before stopping");
}

#[tokio::test]
async fn a_page_linking_to_itself_is_fetched_once() {
    let server = MockServer::start().await;
    let url = format!("{}/self", server.uri());
    Mock::given(path("/self"))
        .respond_with(html(article_page(&url, true)))
        .expect(1)
        .mount(&server)
        .await;
    let r = Fetcher::new(opts()).unwrap().fetch(&url).await.unwrap();
    assert!(r.text.contains("Morales"));
    // `expect(1)` is verified when the server drops.
}

#[derive(Default)]
struct Events(Mutex<Vec<(usize, FetchEvent)>>);

impl FetchProgress for Events {
    fn event(&self, index: usize, _url: &str, event: FetchEvent) {
        self.0.lock().unwrap().push((index, event));
    }
}

#[tokio::test]
async fn many_urls_run_concurrently_and_one_failure_stops_nothing() {
    let server = MockServer::start().await;
    let base = server.uri();
    for i in 0..5 {
        let url = format!("{base}/ok{i}");
        Mock::given(path(format!("/ok{i}")))
            .respond_with(html(article_page(&url, false)).set_delay(Duration::from_millis(300)))
            .mount(&server)
            .await;
    }
    let mut urls: Vec<String> = (0..5).map(|i| format!("{base}/ok{i}")).collect();
    urls.insert(2, format!("{base}/gone"));
    urls.push("ftp://example.org/file".into());
    let events = Arc::new(Events::default());
    let started = std::time::Instant::now();
    let results = fetch_all(&urls, &opts().concurrency(3), events.clone()).await;
    let elapsed = started.elapsed();
    assert_eq!(results.len(), 7);
    for (i, r) in results.iter().enumerate() {
        match i {
            2 => assert_eq!(r.as_ref().unwrap_err().kind(), "fetch-status"),
            6 => assert_eq!(r.as_ref().unwrap_err().kind(), "fetch-scheme"),
            _ => {
                let rep = r.as_ref().unwrap();
                // In the order given, each from its own URL.
                assert_eq!(rep.fetch.as_ref().unwrap().requested_url, urls[i]);
            }
        }
    }
    // Five delayed pages, three at a time: two rounds, not five.
    assert!(elapsed < Duration::from_millis(1400), "{elapsed:?}");
    let events = events.0.lock().unwrap();
    for i in 0..7 {
        let last = events.iter().rev().find(|(j, _)| *j == i).map(|(_, e)| e);
        match i {
            2 | 6 => assert!(matches!(last, Some(FetchEvent::Failed(_))), "{i}: {last:?}"),
            _ => assert_eq!(last, Some(&FetchEvent::Done), "{i}"),
        }
    }
    assert!(events
        .iter()
        .any(|(_, e)| matches!(e, FetchEvent::Received { .. })));
}

#[tokio::test]
async fn a_refetch_shows_what_was_edited_since_the_frozen_copy() {
    let server = MockServer::start().await;
    let url = format!("{}/story", server.uri());
    let first = article_page(&url, false);
    let edited = first.replace(
        "resigned on Sunday after nearly 14 years in power",
        "resigned on Monday after nearly 14 years in power",
    );
    assert_ne!(first, edited, "the edit must apply to the page");
    Mock::given(path("/story"))
        .respond_with(html(first))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/story"))
        .respond_with(html(edited))
        .mount(&server)
        .await;
    let fetcher = Fetcher::new(opts()).unwrap();
    let report = fetcher.fetch(&url).await.unwrap();
    let other = parallax_engine::ingest::from_pasted(
        "other",
        "Evo Morales resigned on Sunday, bowing to weeks of protests over a disputed election.",
        Default::default(),
    )
    .unwrap();
    let cmp = parallax_engine::compare(
        vec![report, other],
        &Options::default(),
        &parallax_engine::NoProgress,
    )
    .unwrap();
    let doc = cmp
        .documents
        .iter()
        .find(|d| d.fetch.is_some())
        .expect("the fetched report keeps its record in the comparison");
    // The frozen copy survives a JSON round trip, as in a saved file.
    let json = serde_json::to_string(&cmp).unwrap();
    let back: parallax_engine::Comparison = serde_json::from_str(&json).unwrap();
    assert_eq!(back.documents[0].fetch, cmp.documents[0].fetch);

    let rev = check_for_edits(doc, &fetcher, &Options::default())
        .await
        .unwrap();
    assert!(rev.changed);
    assert_ne!(rev.before.body_sha256, rev.after.body_sha256);
    let edit = rev
        .comparison
        .links
        .iter()
        .find(|l| l.relation == Relation::Contradict)
        .expect("the changed weekday shows as a contradiction between the versions");
    assert!(edit
        .reasons
        .iter()
        .any(|r| r.explanation.contains("Sunday") && r.explanation.contains("Monday")));
    // Everything else is shared word for word.
    let verbatim = rev
        .comparison
        .links
        .iter()
        .filter(|l| l.relation == Relation::Verbatim)
        .count();
    assert!(verbatim >= 5, "{verbatim} verbatim links");
    // The two versions are told apart by name in every view.
    let names: Vec<String> = rev
        .comparison
        .documents
        .iter()
        .map(|d| d.display_name())
        .collect();
    assert_ne!(names[0], names[1]);
    assert!(names[0].contains("first fetched"), "{names:?}");
    assert!(names[1].contains("fetched again"), "{names:?}");
}
