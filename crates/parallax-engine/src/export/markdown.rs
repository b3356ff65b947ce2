//! A Markdown digest for newsletters and notes: contradictions first, then
//! divergences, what each source alone says, and the sources. Article text is
//! escaped so that it cannot become markup in whatever renders the digest.

use std::io::Write;

use crate::error::Result;
use crate::model::{Comparison, Relation};

/// Escape Markdown and HTML metacharacters in article text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Write the digest.
pub fn write(cmp: &Comparison, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "# Comparison of {} reports\n", cmp.documents.len())?;
    let sum = crate::export::view::summary(cmp);
    writeln!(
        out,
        "{} story points, {} told by every report; {} contradictions, {} divergences, {} agreements; {} sentences only one report has.\n",
        sum.clusters,
        sum.told_by_all,
        sum.by_relation[3],
        sum.by_relation[2],
        sum.by_relation[0] + sum.by_relation[1],
        sum.unique
    )?;
    for (title, rel) in [
        ("Contradictions", Relation::Contradict),
        ("Divergences", Relation::Diverge),
    ] {
        let links: Vec<_> = cmp.links.iter().filter(|l| l.relation == rel).collect();
        writeln!(out, "## {title} ({})\n", links.len())?;
        for l in links {
            let (Some((da, sa)), Some((db, sb))) = (cmp.sentence(&l.a), cmp.sentence(&l.b)) else {
                continue;
            };
            writeln!(
                out,
                "- **{}**: {}",
                escape(&da.display_name()),
                escape(&sa.text)
            )?;
            writeln!(
                out,
                "  **{}**: {}",
                escape(&db.display_name()),
                escape(&sb.text)
            )?;
            for r in &l.reasons {
                writeln!(out, "  - *{}*: {}", r.kind.as_str(), escape(&r.explanation))?;
            }
            let evidence = crate::export::view::evidence_line(l);
            if !evidence.is_empty() {
                writeln!(out, "  - *matcher*: {}", escape(&evidence))?;
            }
        }
        writeln!(out)?;
    }
    writeln!(out, "## Said by one source only\n")?;
    for d in &cmp.documents {
        let own: Vec<_> = d
            .sentences
            .iter()
            .filter(|s| cmp.unique.contains(&s.id))
            .collect();
        if own.is_empty() {
            continue;
        }
        writeln!(out, "### {}\n", escape(&d.display_name()))?;
        for s in own {
            writeln!(out, "- {}", escape(&s.text))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Sources\n")?;
    for p in crate::export::view::provenance(cmp) {
        writeln!(
            out,
            "- **{}**: {} ({}; {})  \n  sha256 `{}`",
            escape(&p.outlet),
            escape(&p.title),
            escape(&p.date),
            escape(&p.location),
            p.sha256
        )?;
    }
    writeln!(
        out,
        "\n_Made by {} {} on {} (UTC)._",
        escape(&cmp.generator.name),
        escape(&cmp.generator.version),
        escape(&cmp.generator.created)
    )?;
    Ok(())
}
