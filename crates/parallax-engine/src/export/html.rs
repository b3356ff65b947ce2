//! Self-contained HTML: the comparison report, the classroom worksheet and
//! its answer key. One file each, CSS and a small script inline, no request
//! to anything outside the file, so a report opens from `file://` years later.
//!
//! Article text is hostile: every piece of it goes through [`esc`], and the
//! script only ever sets `textContent` and classes. The model data the script
//! needs is embedded as JSON with `<`, `>` and `&` written as `\u003c`...,
//! so no text can close the `<script>` element. Without scripts the page
//! still reads: every sentence carries its relation marker and story-point
//! tag, and the matrix links to the sentences.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use crate::error::Result;
use crate::export::view::{self, Standing, Worksheet, LEGEND};
use crate::model::{Comparison, DiffTag, Relation, Voice};

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An id usable in `id=` and `#fragment` for a sentence id (which comes from
/// a file name and may hold anything).
fn anchor(sentence_id: &str) -> String {
    let mut out = String::from("s-");
    for b in sentence_id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            let _ = write!(out, ".{b:02x}");
        }
    }
    out
}

/// The key the page's script uses for a sentence: `{document index}.{sentence index}`.
fn short_key(cmp: &Comparison, sentence_id: &str) -> Option<String> {
    let (doc, idx) = crate::model::split_sentence_id(sentence_id)?;
    let d = cmp.documents.iter().position(|d| d.id == doc)?;
    Some(format!("{d}.{idx}"))
}

/// JSON that is safe inside `<script type="application/json">`.
fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

const STYLE: &str = r#"
:root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#d6d6d6;--paper:#fff;--soft:#f5f5f2;
--verbatim:#009E73;--agree:#0072B2;--diverge:#E69F00;--contradict:#D55E00;--unique:#6b6b6b}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 Georgia,"Times New Roman",serif;color:var(--ink);background:var(--paper)}
main{max-width:1200px;margin:0 auto;padding:1.5rem 2rem 4rem}
h1,h2,h3{font-family:system-ui,"Segoe UI",Helvetica,Arial,sans-serif;line-height:1.25}
h1{font-size:1.7rem;margin:.2rem 0 .4rem}h2{font-size:1.25rem;margin:2.2rem 0 .6rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
.meta,.small{color:var(--muted);font-size:.85rem}
nav{font:14px system-ui,sans-serif;margin:.6rem 0 1rem}nav a{margin-right:1rem;color:var(--agree)}
table{border-collapse:collapse;width:100%;font:13px/1.4 system-ui,sans-serif}
th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
code,.hash{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;font-family:system-ui,sans-serif}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;min-width:9rem}
.card b{display:block;font-size:1.4rem}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.4rem;font:13px system-ui,sans-serif;list-style:none;padding:0}
.sym{font:bold 12px system-ui,sans-serif;display:inline-block;min-width:1.3em;text-align:center;border-radius:3px;color:#fff;padding:0 .2em;margin-right:.2em}
.st-verbatim .sym,.sym.st-verbatim{background:var(--verbatim)}
.st-agree .sym,.sym.st-agree{background:var(--agree)}
.st-diverge .sym,.sym.st-diverge{background:var(--diverge);color:#000}
.st-contradict .sym,.sym.st-contradict{background:var(--contradict)}
.st-unique .sym,.sym.st-unique{background:var(--unique)}
.s{text-decoration-thickness:2px;text-underline-offset:3px;cursor:pointer;border-radius:2px}
.s.st-verbatim{text-decoration:underline double var(--verbatim)}
.s.st-agree{text-decoration:underline solid var(--agree)}
.s.st-diverge{text-decoration:underline dashed var(--diverge)}
.s.st-contradict{text-decoration:underline wavy var(--contradict)}
.s.st-unique{text-decoration:underline dotted var(--unique)}
.tag{font:11px system-ui,sans-serif;color:var(--muted);vertical-align:super;margin-left:.15em}
.s.on{background:#fff3b0}.s.peer{background:#d8ecff;outline:2px solid var(--agree)}
.columns{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(20rem,1fr);gap:1.2rem;overflow-x:auto;padding-bottom:.6rem}
.col{border-top:4px solid var(--ink);padding-top:.3rem}.col p{margin:.3rem 0 .7rem}
.pair{border:1px solid var(--line);border-left:6px solid var(--contradict);border-radius:4px;padding:.5rem .8rem;margin:.7rem 0;break-inside:avoid}
.div-list{font:13px/1.45 system-ui,sans-serif;padding-left:1.2rem}.div-list li{margin:.25rem 0;break-inside:avoid}
.pair .who{font:bold 13px system-ui,sans-serif}
mark{background:#ffd9c2;color:inherit;border-bottom:2px solid var(--contradict);padding:0 .1em}
mark.num{font-weight:bold}
del{background:#fde2e2;text-decoration:line-through}ins{background:#dff3e4;text-decoration:underline}
.reasons{margin:.3rem 0 0 1.2rem;padding:0;font:13px system-ui,sans-serif}
.m td.c{text-align:center;white-space:nowrap}.m td.c a{text-decoration:none;color:inherit}
.m td.label{max-width:28rem}
#detail{position:fixed;right:1rem;bottom:1rem;width:min(32rem,90vw);max-height:45vh;overflow:auto;background:#fff;border:1px solid var(--ink);border-radius:6px;padding:.6rem .9rem;box-shadow:0 4px 18px rgba(0,0,0,.2);font-size:14px}
#detail[hidden]{display:none}#detail button{float:right}
.q{break-inside:avoid;margin:.9rem 0}.q .lines{border-bottom:1px solid var(--line);height:1.8rem}
ol.sn{padding-left:2.4rem}ol.sn li{margin:.2rem 0}
.answer{margin:.3rem 0 0 1.2rem}
@media print{
 @page{margin:16mm 14mm}
 body{font-size:10.5pt}main{max-width:none;padding:0}
 nav,#detail,.noprint{display:none!important}
 .columns{display:block;overflow:visible}.col{break-before:page}
 .s.on,.s.peer{background:none;outline:none}
 a{color:inherit;text-decoration:none}
 h2{break-after:avoid}tr,.pair,.q{break-inside:avoid}
 .sym{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 mark,del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"#;

// The hover/click behaviour, as in the app: hovering a sentence lights its
// counterparts; clicking pins them and lists them with relation and reasons.
// Only textContent and classList are touched.
const SCRIPT: &str = r#"
(function(){
var data=JSON.parse(document.getElementById('px-data').textContent);
var byId={};document.querySelectorAll('.s[data-k]').forEach(function(e){byId[e.dataset.k]=e;});
var peers={};data.links.forEach(function(l,i){(peers[l[0]]=peers[l[0]]||[]).push([l[1],i]);(peers[l[1]]=peers[l[1]]||[]).push([l[0],i]);});
function clear(c){document.querySelectorAll('.'+c).forEach(function(e){e.classList.remove(c);});}
function light(id){clear('on');clear('peer');var e=byId[id];if(e)e.classList.add('on');(peers[id]||[]).forEach(function(p){var t=byId[p[0]];if(t)t.classList.add('peer');});}
var box=document.getElementById('detail'),pinned=null;
function txt(id){var e=byId[id];var t=e&&e.querySelector('.t');return t?t.textContent:'';}
function el(tag,text,cls){var e=document.createElement(tag);if(text)e.textContent=text;if(cls)e.className=cls;return e;}
function show(id){var body=document.getElementById('detail-body');body.textContent='';
 body.appendChild(el('p',(data.names[+id.split('.')[0]]||'')+': '+(txt(id)),'small'));
 var ps=peers[id]||[];if(!ps.length)body.appendChild(el('p','No other report matches this sentence.'));
 ps.forEach(function(p){var l=data.links[p[1]];var d=el('div');
  d.appendChild(el('p',l[2]+' — '+(data.names[+p[0].split('.')[0]]||''),'who st-'+l[2]));
  d.appendChild(el('p',txt(p[0])));
  var ul=el('ul',null,'reasons');l[3].forEach(function(r){ul.appendChild(el('li',r));});d.appendChild(ul);body.appendChild(d);
  var t=byId[p[0]];if(t&&t.scrollIntoView)t.scrollIntoView({block:'nearest',inline:'nearest'});});
 box.hidden=false;}
Object.keys(byId).forEach(function(id){var e=byId[id];
 e.addEventListener('mouseenter',function(){if(!pinned)light(id);});
 e.addEventListener('mouseleave',function(){if(!pinned){clear('on');clear('peer');}});
 e.addEventListener('click',function(){pinned=id;light(id);show(id);});});
document.getElementById('detail-close').addEventListener('click',function(){pinned=null;box.hidden=true;clear('on');clear('peer');});
})();
"#;

fn head(out: &mut String, title: &str, with_script: bool) {
    // The CSP makes the promise checkable: nothing may be fetched from anywhere.
    let script = if with_script {
        " script-src 'unsafe-inline';"
    } else {
        ""
    };
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';{script} img-src data:\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(title)
    );
}

fn made_by(out: &mut String, cmp: &Comparison) {
    let _ = writeln!(
        out,
        "<p class=\"meta\">Made by {} {} on {} (UTC). Every report below is identified by the SHA-256 of the exact text compared.</p>",
        esc(&cmp.generator.name),
        esc(&cmp.generator.version),
        esc(&cmp.generator.created)
    );
}

fn legend(out: &mut String) {
    out.push_str("<ul class=\"legend\" aria-label=\"Legend\">");
    for (st, text) in LEGEND {
        let _ = write!(
            out,
            "<li><span class=\"s st-{0}\"><span class=\"sym\" aria-hidden=\"true\">{1}</span>{2}</span></li>",
            st.as_str(),
            st.symbol(),
            esc(text)
        );
    }
    out.push_str("</ul>\n<p class=\"small\">Each relation has its own symbol and underline (double, solid, dashed, wavy, dotted), so the page reads without colour. The small tag after a sentence names its story point (for example <span class=\"tag\">c3</span>); sentences with the same tag tell the same thing.</p>\n");
}

fn provenance_table(out: &mut String, cmp: &Comparison) {
    out.push_str("<table>\n<thead><tr><th>Source</th><th>Title</th><th>Date</th><th>URL or file</th><th>SHA-256 of the text compared</th></tr></thead>\n<tbody>\n");
    for p in view::provenance(cmp) {
        // The location is printed as text, never as a link: a `javascript:`
        // URL in metadata must not become clickable.
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td class=\"hash\">{}</td></tr>",
            esc(&p.outlet),
            esc(&p.title),
            esc(&p.date),
            esc(&p.location),
            esc(&p.sha256)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A sentence with some document spans highlighted.
fn marked(cmp: &Comparison, id: &str, spans: &[crate::model::Span], class: &str) -> String {
    let Some((_, s)) = cmp.sentence(id) else {
        return String::new();
    };
    let mut o = String::new();
    for (piece, hi) in view::pieces(s, spans) {
        if hi {
            let _ = write!(o, "<mark class=\"{class}\">{}</mark>", esc(piece));
        } else {
            o.push_str(&esc(piece));
        }
    }
    o
}

fn link_pair(out: &mut String, cmp: &Comparison, l: &crate::model::Link) {
    let (Some((da, _)), Some((db, _))) = (cmp.sentence(&l.a), cmp.sentence(&l.b)) else {
        return;
    };
    let shown: Vec<crate::model::Reason> = l.reasons.iter().filter(|r| r.conflict).collect();
    let a_sp: Vec<_> = shown
        .iter()
        .flat_map(|r| r.a_spans.iter().copied())
        .collect();
    let b_sp: Vec<_> = shown
        .iter()
        .flat_map(|r| r.b_spans.iter().copied())
        .collect();
    let _ = write!(
        out,
        "<div class=\"pair\">\n<p><span class=\"who\">{}</span> <a class=\"small\" href=\"#{}\">sentence {}</a><br>{}</p>\n<p><span class=\"who\">{}</span> <a class=\"small\" href=\"#{}\">sentence {}</a><br>{}</p>\n<ul class=\"reasons\">",
        esc(&da.display_name()),
        anchor(&l.a),
        cmp.sentence(&l.a).map_or(0, |(_, s)| s.index + 1),
        marked(cmp, &l.a, &a_sp, "r"),
        esc(&db.display_name()),
        anchor(&l.b),
        cmp.sentence(&l.b).map_or(0, |(_, s)| s.index + 1),
        marked(cmp, &l.b, &b_sp, "r"),
    );
    for r in &shown {
        let _ = write!(
            out,
            "<li><b>{}</b>: {}</li>",
            esc(r.kind.as_str()),
            esc(&r.explanation)
        );
    }
    let evidence = view::evidence_line(l);
    if !evidence.is_empty() {
        let _ = write!(
            out,
            "<li class=\"evidence\"><b>matcher</b>: {}</li>",
            esc(&evidence)
        );
    }
    out.push_str("</ul>\n</div>\n");
}

/// Write the comparison report.
pub fn write_report(cmp: &Comparison, w: &mut dyn Write) -> Result<()> {
    let mut out = String::new();
    let n = cmp.documents.len();
    head(
        &mut out,
        &format!("Parallax: comparison of {n} reports"),
        true,
    );
    let _ = writeln!(out, "<h1>Comparison of {n} reports</h1>");
    made_by(&mut out, cmp);
    out.push_str("<nav class=\"noprint\"><a href=\"#summary\">Summary</a><a href=\"#contradictions\">Contradictions</a><a href=\"#matrix\">Story points</a><a href=\"#text\">Side by side</a><a href=\"#quotes\">Quotes</a><a href=\"#framing\">Framing</a><a href=\"#divergences\">Divergences</a><a href=\"#sources\">Sources</a></nav>\n");

    // Summary.
    let s = view::summary(cmp);
    out.push_str("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">");
    let cards: [(usize, &str); 8] = [
        (s.reports, "reports"),
        (s.clusters, "story points"),
        (s.told_by_all, "told by every report"),
        (s.by_relation[3], "contradictions"),
        (s.by_relation[2], "divergences"),
        (
            s.by_relation[0] + s.by_relation[1],
            "agreements (verbatim or reworded)",
        ),
        (s.unique, "sentences only one report has"),
        (s.quotes_differing, "quotes worded differently"),
    ];
    for (k, what) in cards {
        let _ = write!(out, "<div class=\"card\"><b>{k}</b>{}</div>", esc(what));
    }
    out.push_str("</div>\n");
    let _ = writeln!(
        out,
        "<p>{} sentences in {} reports; {} links between reports; {} contradictions inside a single report.</p>",
        s.sentences,
        s.reports,
        cmp.links.len(),
        s.internal
    );
    legend(&mut out);
    out.push_str("</section>\n");

    // Contradictions first: they are why people open a report.
    let contra: Vec<_> = cmp
        .links
        .iter()
        .filter(|l| l.relation == Relation::Contradict)
        .collect();
    let _ = writeln!(
        out,
        "<section id=\"contradictions\"><h2>Contradictions ({})</h2>\n<p class=\"small\">The words each reason rests on are highlighted in both sentences.</p>",
        contra.len()
    );
    if contra.is_empty() {
        out.push_str("<p>No two reports contradict each other.</p>\n");
    }
    for l in &contra {
        link_pair(&mut out, cmp, l);
    }
    if !cmp.internal.is_empty() {
        let _ = writeln!(out, "<h3>Inside one report ({})</h3>", cmp.internal.len());
        for l in &cmp.internal {
            link_pair(&mut out, cmp, l);
        }
    }
    out.push_str("</section>\n");

    // Matrix: story points × reports.
    let standing = view::standings(cmp);
    let _ = writeln!(
        out,
        "<section id=\"matrix\"><h2>Story points × reports ({})</h2>\n<p class=\"small\">Each row is one story point; a cell shows the relation symbol and the sentence numbers that tell it in that report (a link to the sentence). An empty cell: that report does not tell it.</p>\n<div style=\"overflow-x:auto\"><table class=\"m\"><thead><tr><th>#</th><th>Story point</th><th>k/N</th>",
        cmp.clusters.len()
    );
    for d in &cmp.documents {
        let _ = write!(out, "<th>{}</th>", esc(&d.display_name()));
    }
    out.push_str("</tr></thead><tbody>\n");
    for c in &cmp.clusters {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"label\">{}</td><td>{}/{}</td>",
            esc(&c.id),
            esc(&c.label),
            c.coverage,
            n
        );
        for d in &cmp.documents {
            let sents: Vec<&crate::model::Sentence> = c
                .sentences
                .iter()
                .filter_map(|id| cmp.sentence(id))
                .filter(|(dd, _)| dd.id == d.id)
                .map(|(_, s)| s)
                .collect();
            if sents.is_empty() {
                out.push_str("<td class=\"c\"></td>");
                continue;
            }
            let worst = sents
                .iter()
                .filter_map(|s| standing.get(s.id.as_str()).copied())
                .max()
                .unwrap_or(Standing::Plain);
            let _ = write!(
                out,
                "<td class=\"c st-{}\"><span class=\"sym\" title=\"{}\">{}</span>",
                worst.as_str(),
                worst.as_str(),
                worst.symbol()
            );
            for s in sents {
                let _ = write!(out, " <a href=\"#{}\">{}</a>", anchor(&s.id), s.index + 1);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div></section>\n");

    // Side by side.
    let mut cluster_of: BTreeMap<&str, &str> = BTreeMap::new();
    for c in &cmp.clusters {
        for s in &c.sentences {
            cluster_of.insert(s.as_str(), c.id.as_str());
        }
    }
    out.push_str("<section id=\"text\"><h2>Side by side</h2>\n<p class=\"small noprint\">Hover a sentence to light up what other reports say about it; click to pin it and read the relations and reasons.</p>\n<div class=\"columns\">\n");
    for (di, d) in cmp.documents.iter().enumerate() {
        let _ = write!(
            out,
            "<div class=\"col\"><h3>{}</h3><p class=\"small\">{} · {}</p>\n<ol class=\"sn\">",
            esc(&d.display_name()),
            esc(d.meta.title.as_deref().unwrap_or("untitled")),
            esc(d.meta.date.as_deref().unwrap_or("undated"))
        );
        for sent in &d.sentences {
            let st = standing
                .get(sent.id.as_str())
                .copied()
                .unwrap_or(Standing::Plain);
            let tag = cluster_of
                .get(sent.id.as_str())
                .map(|c| format!("<span class=\"tag\">{}</span>", esc(c)))
                .unwrap_or_default();
            let sym = if st.symbol().is_empty() {
                String::new()
            } else {
                format!(
                    "<span class=\"sym\" title=\"{0}\" aria-label=\"{0}\">{1}</span>",
                    st.as_str(),
                    st.symbol()
                )
            };
            let _ = write!(
                out,
                "<li value=\"{}\"><span class=\"s st-{}\" id=\"{}\" data-k=\"{di}.{}\">{sym}<span class=\"t\">{}</span></span>{tag}</li>",
                sent.index + 1,
                st.as_str(),
                anchor(&sent.id),
                sent.index,
                esc(&sent.text)
            );
        }
        out.push_str("</ol></div>\n");
    }
    out.push_str("</div></section>\n");

    // Quotes.
    let _ = writeln!(
        out,
        "<section id=\"quotes\"><h2>Quotes ({})</h2>\n<p class=\"small\">The same quote in two reports: words only the first has are <del>struck through</del>, words only the second has are <ins>underlined</ins>.</p>",
        cmp.quotes.len()
    );
    if cmp.quotes.is_empty() {
        out.push_str("<p>No quote appears in more than one report.</p>\n");
    }
    out.push_str("<table><thead><tr><th>First report</th><th>Second report</th><th>Difference</th></tr></thead><tbody>\n");
    for q in &cmp.quotes {
        let (Some((da, _)), Some((db, _))) =
            (cmp.sentence(&q.a.sentence), cmp.sentence(&q.b.sentence))
        else {
            continue;
        };
        let who = |d: &crate::model::Document, r: &crate::model::QuoteRef| {
            format!(
                "<b>{}</b>{}<br>“{}”",
                esc(&d.display_name()),
                r.speaker
                    .as_deref()
                    .map(|s| format!(" quoting {}", esc(s)))
                    .unwrap_or_default(),
                esc(d.slice(r.span))
            )
        };
        let mut diff = String::new();
        if q.identical {
            diff.push_str("identical");
        } else {
            for op in &q.diff {
                let (text, tag) = match op.op {
                    DiffTag::Equal => (op.a.map(|s| da.slice(s)).unwrap_or(""), ""),
                    DiffTag::Delete => (op.a.map(|s| da.slice(s)).unwrap_or(""), "del"),
                    DiffTag::Insert => (op.b.map(|s| db.slice(s)).unwrap_or(""), "ins"),
                };
                if tag.is_empty() {
                    diff.push_str(&esc(text));
                } else {
                    let _ = write!(diff, "<{tag}>{}</{tag}>", esc(text));
                }
            }
        }
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{diff}</td></tr>",
            who(da, &q.a),
            who(db, &q.b)
        );
    }
    out.push_str("</tbody></table></section>\n");

    // Framing per report.
    out.push_str("<section id=\"framing\"><h2>Framing terms</h2>\n<p class=\"small\"><b>own</b>: the outlet says it in its own voice; <b>attributed</b>: it quotes or attributes the word to someone.</p>\n<table><thead><tr><th>Report</th><th>Terms</th></tr></thead><tbody>\n");
    for d in &cmp.documents {
        let uses: Vec<String> = cmp
            .framing
            .iter()
            .filter(|f| {
                cmp.sentence(&f.sentence)
                    .is_some_and(|(dd, _)| dd.id == d.id)
            })
            .map(|f| {
                format!(
                    "<a href=\"#{}\">“{}”</a> ({}, {})",
                    anchor(&f.sentence),
                    esc(d.slice(f.span)),
                    esc(&f.concept),
                    match f.voice {
                        Voice::Own => "own",
                        Voice::Attributed => "attributed",
                    }
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&d.display_name()),
            if uses.is_empty() {
                "none found".to_string()
            } else {
                uses.join("; ")
            }
        );
    }
    out.push_str("</tbody></table></section>\n");

    // Divergences: one line each. The sentences are a click away in the
    // side-by-side text, so a long comparison does not repeat them per link.
    let div: Vec<_> = cmp
        .links
        .iter()
        .filter(|l| l.relation == Relation::Diverge)
        .collect();
    let _ = writeln!(
        out,
        "<section id=\"divergences\"><h2>Divergences ({})</h2>\n<p class=\"small\">Same claim, different or missing detail; each line links to the two sentences.</p>\n<ul class=\"div-list\">",
        div.len()
    );
    for l in &div {
        let (Some((da, sa)), Some((db, sb))) = (cmp.sentence(&l.a), cmp.sentence(&l.b)) else {
            continue;
        };
        let mut reasons: Vec<String> = l
            .reasons
            .iter()
            .filter(|r| r.kind != crate::model::ReasonKind::Shared)
            .map(|r| format!("<b>{}</b>: {}", esc(r.kind.as_str()), esc(&r.explanation)))
            .collect();
        let evidence = view::evidence_line(l);
        if !evidence.is_empty() {
            reasons.push(format!(
                "<span class=\"evidence\"><b>matcher</b>: {}</span>",
                esc(&evidence)
            ));
        }
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{} {}</a> ↔ <a href=\"#{}\">{} {}</a>: {}</li>",
            anchor(&l.a),
            esc(&da.display_name()),
            sa.index + 1,
            anchor(&l.b),
            esc(&db.display_name()),
            sb.index + 1,
            reasons.join("; ")
        );
    }
    out.push_str("</ul></section>\n");

    out.push_str("<section id=\"sources\"><h2>Sources</h2>\n");
    provenance_table(&mut out, cmp);
    made_by(&mut out, cmp);
    out.push_str("</section>\n");

    // Data for the script: display names and links with short sentence keys,
    // nothing else (the text is in the page already).
    let names: Vec<String> = cmp.documents.iter().map(|d| d.display_name()).collect();
    let links: Vec<serde_json::Value> = cmp
        .links
        .iter()
        .filter_map(|l| Some((l, short_key(cmp, &l.a)?, short_key(cmp, &l.b)?)))
        .map(|(l, a, b)| {
            serde_json::json!([
                a,
                b,
                l.relation.as_str(),
                l.reasons
                    .iter()
                    .filter(|r| r.kind != crate::model::ReasonKind::Shared)
                    .map(|r| format!("{}: {}", r.kind.as_str(), r.explanation))
                    // A verbatim link explains itself (the same words);
                    // the others carry the matcher's reasons for the link.
                    .chain(
                        Some(l)
                            .filter(|l| l.relation != Relation::Verbatim)
                            .map(view::evidence_line)
                            .filter(|e| !e.is_empty())
                            .map(|e| format!("matcher: {e}"))
                    )
                    .collect::<Vec<_>>()
            ])
        })
        .collect();
    let data = serde_json::json!({"names": names, "links": links});
    let _ = write!(
        out,
        "<aside id=\"detail\" hidden aria-live=\"polite\"><button id=\"detail-close\" type=\"button\">Close</button><div id=\"detail-body\"></div></aside>\n</main>\n<script type=\"application/json\" id=\"px-data\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        script_json(&data)
    );
    w.write_all(out.as_bytes())?;
    Ok(())
}

/// Write the classroom worksheet (`answers == false`) or its answer key.
pub fn write_worksheet(cmp: &Comparison, w: &mut dyn Write, answers: bool) -> Result<()> {
    let sheet: Worksheet = view::worksheet(cmp);
    let mut out = String::new();
    let title = if answers {
        "Answer key: comparing news reports"
    } else {
        "Worksheet: comparing news reports"
    };
    head(&mut out, title, false);
    let _ = writeln!(out, "<h1>{}</h1>", esc(title));
    if answers {
        out.push_str("<p class=\"meta\">For the teacher. Which outlet is which source:</p>\n<table><thead><tr><th>Source</th><th>Outlet</th><th>Title</th><th>Date</th><th>URL or file</th><th>SHA-256</th></tr></thead><tbody>\n");
        for (src, p) in sheet.sources.iter().zip(view::provenance(cmp)) {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td class=\"hash\">{}</td></tr>",
                esc(&src.label),
                esc(&p.outlet),
                esc(&p.title),
                esc(&p.date),
                esc(&p.location),
                esc(&p.sha256)
            );
        }
        out.push_str("</tbody></table>\n");
        made_by(&mut out, cmp);
    } else {
        let _ = writeln!(
            out,
            "<p>Name: ____________________ Date: __________</p>\n<p>{} news reports of the same events follow. The outlets are hidden: each is called Source A, B, C… Read them, then answer the questions. Give the sentence numbers that support each answer.</p>",
            sheet.sources.len()
        );
    }

    out.push_str("<h2>Questions</h2>\n<ol>\n");
    for q in &sheet.questions {
        let _ = write!(out, "<li class=\"q\">{}", esc(&q.text));
        if answers {
            out.push_str("<ul class=\"answer\">");
            for a in &q.answer {
                let label = sheet.sources.get(a.source).map_or("", |s| s.label.as_str());
                let name = sheet.sources.get(a.source).map_or("", |s| s.name.as_str());
                let at = a
                    .sentence
                    .map(|n| format!(", sentence {n}"))
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    "<li><b>{} ({}){}</b>: {}</li>",
                    esc(label),
                    esc(name),
                    at,
                    esc(&a.text)
                );
            }
            out.push_str("</ul>");
        } else {
            out.push_str(
                "<div class=\"lines\"></div><div class=\"lines\"></div><div class=\"lines\"></div>",
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
    if sheet.questions.is_empty() {
        out.push_str("<p>These reports agree too closely for generated questions: compare their wording instead.</p>\n");
    }

    if !answers {
        out.push_str("<h2>The sources</h2>\n");
        for src in &sheet.sources {
            let _ = write!(
                out,
                "<section class=\"col\"><h3>{}</h3>\n<ol class=\"sn\">",
                esc(&src.label)
            );
            for s in &src.sentences {
                let _ = write!(out, "<li>{}</li>", esc(s));
            }
            out.push_str("</ol></section>\n");
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    w.write_all(out.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<img src=x onerror="alert(1)">&'"#),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn anchors_keep_only_safe_bytes() {
        assert_eq!(anchor("wire:3"), "s-wire.3a3");
        assert_eq!(anchor("a\"b:1"), "s-a.22b.3a1");
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let v = serde_json::json!({"t": "</script><script>alert(1)</script>&"});
        let s = script_json(&v);
        assert!(!s.contains("</"), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back, v);
    }
}
