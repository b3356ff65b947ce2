//! typst markup for a comparison. Only this file decides what the PDF says;
//! `lib.rs` typesets it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use parallax_engine::export::view::{self, Standing, LEGEND};
use parallax_engine::model::{
    Comparison, DiffTag, Document, Link, ReasonKind, Relation, Span, Voice,
};

/// A typst string literal holding `s` exactly: usable wherever typst expects
/// a value (function arguments, table cells).
pub fn typst_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as literal text in markup. The `;` ends the embedded expression, so a
/// following `.` or `(` in the document cannot extend it.
fn t(s: &str) -> String {
    format!("#{};", typst_str(s))
}

const PREAMBLE: &str = r##"
#set page(paper: "a4", margin: (x: 15mm, y: 17mm), numbering: "1 / 1")
#set text(font: ("Libertinus Serif", "New Computer Modern", "New Computer Modern Math", "DejaVu Sans Mono"), size: 10pt, lang: "en")
#set par(justify: false, leading: 0.6em)
#set table(stroke: 0.5pt + luma(190), inset: 4pt)
#show table.cell.where(y: 0): set text(weight: "bold")
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 2): it => block(above: 1.4em, below: 0.7em, width: 100%, stroke: (bottom: 1pt), inset: (bottom: 3pt), it)
#let rels = (
  verbatim: ("≡", rgb("#009E73"), white),
  agree: ("=", rgb("#0072B2"), white),
  diverge: ("≈", rgb("#E69F00"), black),
  contradict: ("≠", rgb("#D55E00"), white),
  unique: ("◇", rgb("#6b6b6b"), white),
)
#let sym(k) = if k in rels {
  let r = rels.at(k)
  box(fill: r.at(1), inset: (x: 2.5pt), outset: (y: 1.5pt), radius: 2pt, text(fill: r.at(2), weight: "bold", size: 8pt, r.at(0)))
}
#let hl(body) = highlight(fill: rgb("#ffd9c2"), underline(stroke: 1pt + rgb("#D55E00"), offset: 2pt, strong(body)))
#let del(body) = highlight(fill: rgb("#fde2e2"), strike(body))
#let ins(body) = highlight(fill: rgb("#dff3e4"), underline(body))
#let small(body) = text(size: 8.5pt, fill: luma(80), body)
#let tag(body) = text(size: 7pt, fill: luma(90), super(body))
#let num(n) = box(width: 2.2em, align(right, text(size: 8pt, fill: luma(80), str(n) + "  ")))
#let pair(kind, body) = block(width: 100%, breakable: false, stroke: (left: 3pt + rels.at(kind).at(1), rest: 0.5pt + luma(200)), inset: 7pt, radius: 2pt, below: 0.8em, body)
"##;

fn head(out: &mut String, title: &str, cmp: &Comparison) {
    let _ = writeln!(
        out,
        "#set document(title: {}, author: \"Parallax\")",
        typst_str(title)
    );
    out.push_str(PREAMBLE);
    let _ = writeln!(out, "= {}\n", t(title));
    let _ = writeln!(
        out,
        "#small[Made by {} {} on {} (UTC). Every report is identified by the SHA-256 of the exact text compared.]\n",
        t(&cmp.generator.name),
        t(&cmp.generator.version),
        t(&cmp.generator.created)
    );
}

fn sentence_with(id: &str, cmp: &Comparison, spans: &[Span]) -> String {
    let Some((_, s)) = cmp.sentence(id) else {
        return String::new();
    };
    view::pieces(s, spans)
        .into_iter()
        .map(|(piece, hi)| {
            if hi {
                format!("#hl({});", typst_str(piece))
            } else {
                t(piece)
            }
        })
        .collect()
}

fn pair(out: &mut String, cmp: &Comparison, l: &Link) {
    let (Some((da, sa)), Some((db, sb))) = (cmp.sentence(&l.a), cmp.sentence(&l.b)) else {
        return;
    };
    let shown: Vec<_> = l.reasons.iter().filter(|r| r.conflict).collect();
    let a_sp: Vec<Span> = shown
        .iter()
        .flat_map(|r| r.a_spans.iter().copied())
        .collect();
    let b_sp: Vec<Span> = shown
        .iter()
        .flat_map(|r| r.b_spans.iter().copied())
        .collect();
    let _ = write!(
        out,
        "#pair({})[*{}* #small[sentence {}] \\\n{}\n\n*{}* #small[sentence {}] \\\n{}\n\n",
        typst_str(l.relation.as_str()),
        t(&da.display_name()),
        sa.index + 1,
        sentence_with(&l.a, cmp, &a_sp),
        t(&db.display_name()),
        sb.index + 1,
        sentence_with(&l.b, cmp, &b_sp),
    );
    for r in shown {
        let _ = writeln!(out, "- *{}*: {}", t(r.kind.as_str()), t(&r.explanation));
    }
    let evidence = view::evidence_line(l);
    if !evidence.is_empty() {
        let _ = writeln!(out, "- _matcher_: {}", t(&evidence));
    }
    out.push_str("]\n");
}

fn provenance_table(out: &mut String, cmp: &Comparison, label: Option<&[String]>) {
    let lead = if label.is_some() { "auto, " } else { "" };
    let _ = writeln!(
        out,
        "#table(columns: ({lead}auto, 1fr, auto, 1fr), table.header({}[Outlet], [Title], [Date], [URL or file]),",
        if label.is_some() { "[Source], " } else { "" }
    );
    for (i, p) in view::provenance(cmp).iter().enumerate() {
        if let Some(l) = label {
            let _ = write!(out, "{}, ", typst_str(l.get(i).map_or("", String::as_str)));
        }
        let _ = writeln!(
            out,
            "{}, {}, {}, text(size: 8pt, {}),",
            typst_str(&p.outlet),
            typst_str(&p.title),
            typst_str(&p.date),
            typst_str(&p.location)
        );
        let _ = writeln!(
            out,
            "table.cell(colspan: {}, text(size: 7.5pt, font: \"DejaVu Sans Mono\", \"sha256 \" + {})),",
            if label.is_some() { 5 } else { 4 },
            typst_str(&p.sha256)
        );
    }
    out.push_str(")\n");
}

/// The report as typst markup: summary and legend, contradictions, the story
/// point matrix, each report's text with relation markers, quotes, framing,
/// divergences and sources, the order of the printed HTML report.
pub fn report_markup(cmp: &Comparison) -> String {
    let mut out = String::new();
    let n = cmp.documents.len();
    head(&mut out, &format!("Comparison of {n} reports"), cmp);

    let s = view::summary(cmp);
    out.push_str("== Summary\n\n#table(columns: (auto, 1fr), stroke: none, inset: 2pt,\n");
    for (k, what) in [
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
        (s.internal, "contradictions inside one report"),
    ] {
        let _ = writeln!(out, "[*{k}*], {},", typst_str(what));
    }
    out.push_str(")\n\n*Legend.* ");
    for (st, text) in LEGEND {
        let _ = write!(out, "#sym({}) {}  ", typst_str(st.as_str()), t(text));
    }
    out.push_str("\\\n#small[Each relation has its own symbol, so the page reads without colour. A small tag after a sentence names its story point; sentences with the same tag tell the same thing.]\n\n");

    let contra: Vec<&Link> = cmp
        .links
        .iter()
        .filter(|l| l.relation == Relation::Contradict)
        .collect();
    let _ = writeln!(out, "== Contradictions ({})\n", contra.len());
    if contra.is_empty() {
        out.push_str("No two reports contradict each other.\n\n");
    } else {
        out.push_str(
            "#small[The words each reason rests on are highlighted in both sentences.]\n\n",
        );
    }
    for l in contra {
        pair(&mut out, cmp, l);
    }
    if !cmp.internal.is_empty() {
        let _ = writeln!(out, "=== Inside one report ({})\n", cmp.internal.len());
        for l in &cmp.internal {
            pair(&mut out, cmp, l);
        }
    }

    // The matrix gets a landscape page: one column per report.
    let standing = view::standings(cmp);
    let _ = writeln!(
        out,
        "#page(flipped: true)[\n== Story points × reports ({})\n\n#small[A cell shows the relation symbol and the sentence numbers that tell the story point in that report; an empty cell: the report does not tell it. Report numbers:",
        cmp.clusters.len()
    );
    for (i, d) in cmp.documents.iter().enumerate() {
        let _ = write!(out, " *{}* {}", i + 1, t(&d.display_name()));
        if i + 1 < n {
            out.push(';');
        }
    }
    let _ = writeln!(
        out,
        "]\n\n#set text(size: 8pt)\n#table(columns: (auto, 1fr, auto{}), table.header([\\#], [Story point], [k/N]{}),",
        ", auto".repeat(n),
        (1..=n).map(|i| format!(", [{i}]")).collect::<String>()
    );
    for c in &cmp.clusters {
        let _ = write!(
            out,
            "{}, {}, [{}/{}]",
            typst_str(&c.id),
            typst_str(&c.label),
            c.coverage,
            n
        );
        for d in &cmp.documents {
            let sents: Vec<_> = c
                .sentences
                .iter()
                .filter_map(|id| cmp.sentence(id))
                .filter(|(dd, _)| dd.id == d.id)
                .map(|(_, s)| s)
                .collect();
            if sents.is_empty() {
                out.push_str(", []");
                continue;
            }
            let worst = sents
                .iter()
                .filter_map(|s| standing.get(s.id.as_str()).copied())
                .max()
                .unwrap_or(Standing::Plain);
            let nums: Vec<String> = sents.iter().map(|s| (s.index + 1).to_string()).collect();
            let _ = write!(
                out,
                ", [#sym({}) {}]",
                typst_str(worst.as_str()),
                nums.join(" ")
            );
        }
        out.push_str(",\n");
    }
    out.push_str(")\n]\n\n");

    // Each report's text, as the printed HTML stacks its columns.
    let mut cluster_of: BTreeMap<&str, &str> = BTreeMap::new();
    for c in &cmp.clusters {
        for s in &c.sentences {
            cluster_of.insert(s.as_str(), c.id.as_str());
        }
    }
    out.push_str("== The reports, sentence by sentence\n\n");
    for (i, d) in cmp.documents.iter().enumerate() {
        if i > 0 {
            out.push_str("#pagebreak(weak: true)\n");
        }
        let _ = writeln!(
            out,
            "=== {}\n#small[{} · {}]\n",
            t(&d.display_name()),
            t(d.meta.title.as_deref().unwrap_or("untitled")),
            t(d.meta.date.as_deref().unwrap_or("undated"))
        );
        for sent in &d.sentences {
            let st = standing
                .get(sent.id.as_str())
                .copied()
                .unwrap_or(Standing::Plain);
            let tag = cluster_of
                .get(sent.id.as_str())
                .map(|c| format!(" #tag({})", typst_str(c)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "#par(hanging-indent: 2.2em)[#num({}) #sym({}) {}{tag}]",
                sent.index + 1,
                typst_str(st.as_str()),
                t(&sent.text)
            );
        }
        out.push('\n');
    }

    let _ = writeln!(
        out,
        "#pagebreak(weak: true)\n== Quotes ({})\n\n#small[The same quote in two reports: words only the first has are struck through, words only the second has are underlined.]\n",
        cmp.quotes.len()
    );
    if cmp.quotes.is_empty() {
        out.push_str("No quote appears in more than one report.\n\n");
    } else {
        out.push_str("#table(columns: (1fr, 1fr, 1fr), table.header([First report], [Second report], [Difference]),\n");
        for q in &cmp.quotes {
            let (Some((da, _)), Some((db, _))) =
                (cmp.sentence(&q.a.sentence), cmp.sentence(&q.b.sentence))
            else {
                continue;
            };
            let who = |d: &Document, r: &parallax_engine::model::QuoteRef| {
                format!(
                    "[*{}*{} \\ “{}”]",
                    t(&d.display_name()),
                    r.speaker
                        .as_deref()
                        .map(|s| format!(" quoting {}", t(s)))
                        .unwrap_or_default(),
                    t(d.slice(r.span))
                )
            };
            let diff = if q.identical {
                "identical".to_string()
            } else {
                q.diff
                    .iter()
                    .map(|op| match op.op {
                        DiffTag::Equal => t(op.a.map(|s| da.slice(s)).unwrap_or("")),
                        DiffTag::Delete => format!(
                            "#del({});",
                            typst_str(op.a.map(|s| da.slice(s)).unwrap_or(""))
                        ),
                        DiffTag::Insert => format!(
                            "#ins({});",
                            typst_str(op.b.map(|s| db.slice(s)).unwrap_or(""))
                        ),
                    })
                    .collect()
            };
            let _ = writeln!(out, "{}, {}, [{diff}],", who(da, &q.a), who(db, &q.b));
        }
        out.push_str(")\n\n");
    }

    out.push_str("== Framing terms\n\n#small[*own*: the outlet says it in its own voice; *attributed*: it quotes or attributes the word to someone.]\n\n#table(columns: (auto, 1fr), table.header([Report], [Terms]),\n");
    for d in &cmp.documents {
        let uses: Vec<String> = cmp
            .framing
            .iter()
            .filter_map(|f| {
                let (dd, s) = cmp.sentence(&f.sentence)?;
                (dd.id == d.id).then(|| {
                    format!(
                        "“{}” ({}, {}, sentence {})",
                        t(d.slice(f.span)),
                        t(&f.concept),
                        match f.voice {
                            Voice::Own => "own",
                            Voice::Attributed => "attributed",
                        },
                        s.index + 1
                    )
                })
            })
            .collect();
        let _ = writeln!(
            out,
            "{}, [{}],",
            typst_str(&d.display_name()),
            if uses.is_empty() {
                "none found".to_string()
            } else {
                uses.join("; ")
            }
        );
    }
    out.push_str(")\n\n");

    let div: Vec<&Link> = cmp
        .links
        .iter()
        .filter(|l| l.relation == Relation::Diverge)
        .collect();
    let _ = writeln!(
        out,
        "== Divergences ({})\n\n#small[Same claim, different or missing detail. Report name and sentence number on each side; the sentences are in the reports above.]\n\n#set text(size: 9pt)",
        div.len()
    );
    for l in div {
        let (Some((da, sa)), Some((db, sb))) = (cmp.sentence(&l.a), cmp.sentence(&l.b)) else {
            continue;
        };
        let mut reasons: Vec<String> = l
            .reasons
            .iter()
            .filter(|r| r.kind != ReasonKind::Shared)
            .map(|r| format!("*{}*: {}", t(r.kind.as_str()), t(&r.explanation)))
            .collect();
        let evidence = view::evidence_line(l);
        if !evidence.is_empty() {
            reasons.push(format!("_matcher_: {}", t(&evidence)));
        }
        let _ = writeln!(
            out,
            "- {} {} ↔ {} {}: {}",
            t(&da.display_name()),
            sa.index + 1,
            t(&db.display_name()),
            sb.index + 1,
            reasons.join("; ")
        );
    }
    out.push_str("\n#set text(size: 10pt)\n");

    out.push_str("== Sources\n\n");
    provenance_table(&mut out, cmp, None);
    out
}

/// The worksheet (`answers == false`: outlets hidden, numbered sentences,
/// questions with room to answer) or its answer key (outlets and answers).
pub fn worksheet_markup(cmp: &Comparison, answers: bool) -> String {
    let sheet = view::worksheet(cmp);
    let mut out = String::new();
    let title = if answers {
        "Answer key: comparing news reports"
    } else {
        "Worksheet: comparing news reports"
    };
    if answers {
        head(&mut out, title, cmp);
        out.push_str("For the teacher. Which outlet is which source:\n\n");
        let labels: Vec<String> = sheet.sources.iter().map(|s| s.label.clone()).collect();
        provenance_table(&mut out, cmp, Some(&labels));
    } else {
        // No generator line either: nothing on the sheet may identify a source.
        let _ = writeln!(
            out,
            "#set document(title: {}, author: \"Parallax\")",
            typst_str(title)
        );
        out.push_str(PREAMBLE);
        let _ = writeln!(
            out,
            "= {}\n\nName: #box(width: 6cm, repeat[.]) #h(1em) Date: #box(width: 3cm, repeat[.])\n\n{} news reports of the same events follow. The outlets are hidden: each is called Source A, B, C… Read them, then answer the questions. Give the sentence numbers that support each answer.\n",
            t(title),
            sheet.sources.len()
        );
    }
    out.push_str("== Questions\n\n");
    if sheet.questions.is_empty() {
        out.push_str("These reports agree too closely for generated questions: compare their wording instead.\n\n");
    }
    for (i, q) in sheet.questions.iter().enumerate() {
        let _ = writeln!(
            out,
            "#block(breakable: false, below: 1em)[*{}.* {}",
            i + 1,
            t(&q.text)
        );
        if answers {
            for a in &q.answer {
                let src = sheet.sources.get(a.source);
                let at = a
                    .sentence
                    .map(|n| format!(", sentence {n}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "\n- *{} ({}){at}*: {}",
                    t(src.map_or("", |s| s.label.as_str())),
                    t(src.map_or("", |s| s.name.as_str())),
                    t(&a.text)
                );
            }
        } else {
            out.push_str("\n#v(0.4em)\n#for _ in range(3) { v(1.1em); line(length: 100%, stroke: 0.5pt + luma(150)) }\n");
        }
        out.push_str("]\n");
    }
    if !answers {
        out.push_str("#pagebreak(weak: true)\n== The sources\n\n");
        for src in &sheet.sources {
            let _ = writeln!(out, "=== {}\n", t(&src.label));
            for (i, s) in src.sentences.iter().enumerate() {
                let _ = writeln!(out, "#par(hanging-indent: 2.2em)[#num({}) {}]", i + 1, t(s));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn string_literals_escape_backslash_quote_and_newline() {
        assert_eq!(typst_str(r#"a\b"c"#), r#""a\\b\"c""#);
        assert_eq!(typst_str("x\ny"), r#""x\ny""#);
        assert_eq!(t("#set page(width: 1cm)"), "#\"#set page(width: 1cm)\";");
    }
}
