//! The terminal summary: per report, what it shares, what it alone says, what
//! it contradicts; then every contradiction with its reasons.

use std::io::Write;

use crate::error::Result;
use crate::model::{Comparison, Relation};

/// Counts of a report's sentences by their strongest relation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportCounts {
    /// Sentences.
    pub sentences: usize,
    /// Linked to at least one other report.
    pub shared: usize,
    /// Linked to none.
    pub unique: usize,
    /// In at least one contradiction.
    pub contradicted: usize,
    /// In at least one divergence (and no contradiction).
    pub diverging: usize,
}

/// Per-document counts, in document order.
pub fn counts(cmp: &Comparison) -> Vec<(String, ReportCounts)> {
    cmp.documents
        .iter()
        .map(|d| {
            let mut c = ReportCounts {
                sentences: d.sentences.len(),
                ..Default::default()
            };
            for s in &d.sentences {
                let worst = cmp.links_of(&s.id).map(|l| l.relation).max();
                match worst {
                    None => c.unique += 1,
                    Some(r) => {
                        c.shared += 1;
                        match r {
                            Relation::Contradict => c.contradicted += 1,
                            Relation::Diverge => c.diverging += 1,
                            _ => {}
                        }
                    }
                }
            }
            (d.id.clone(), c)
        })
        .collect()
}

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// Write the summary.
pub fn write(cmp: &Comparison, out: &mut dyn Write, color: bool) -> Result<()> {
    let n = cmp.documents.len();
    writeln!(
        out,
        "{}",
        paint(
            color,
            "1",
            &format!(
                "Parallax: {n} reports, {} links, {} story points",
                cmp.links.len(),
                cmp.clusters.len()
            )
        )
    )?;
    let by = |r: Relation| cmp.links.iter().filter(|l| l.relation == r).count();
    writeln!(
        out,
        "  verbatim {}  agree {}  diverge {}  contradict {}  unique sentences {}",
        by(Relation::Verbatim),
        by(Relation::Agree),
        by(Relation::Diverge),
        paint(color, "31;1", &by(Relation::Contradict).to_string()),
        cmp.unique.len()
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<34} {:>9} {:>7} {:>7} {:>9} {:>13}",
        "report", "sentences", "shared", "unique", "diverging", "contradicted"
    )?;
    for (id, c) in counts(cmp) {
        let name = cmp.display_name(&id);
        let name: String = name.chars().take(33).collect();
        writeln!(
            out,
            "{:<34} {:>9} {:>7} {:>7} {:>9} {:>13}",
            name, c.sentences, c.shared, c.unique, c.diverging, c.contradicted
        )?;
    }
    let contra: Vec<_> = cmp
        .links
        .iter()
        .filter(|l| l.relation == Relation::Contradict)
        .collect();
    if !contra.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint(color, "1", "Contradictions"))?;
    }
    for l in contra {
        let (Some((da, sa)), Some((db, sb))) = (cmp.sentence(&l.a), cmp.sentence(&l.b)) else {
            continue;
        };
        writeln!(out)?;
        writeln!(
            out,
            "  {} {}",
            paint(color, "36", &format!("[{}]", da.display_name())),
            sa.text
        )?;
        writeln!(
            out,
            "  {} {}",
            paint(color, "35", &format!("[{}]", db.display_name())),
            sb.text
        )?;
        for r in l.reasons.iter().filter(|r| r.conflict) {
            writeln!(
                out,
                "    {} {}",
                paint(color, "31", &format!("{}:", r.kind.as_str())),
                r.explanation
            )?;
        }
        let evidence = crate::export::view::evidence_line(l);
        if !evidence.is_empty() {
            writeln!(out, "    {} {}", paint(color, "2", "matcher:"), evidence)?;
        }
    }
    if !cmp.internal.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint(color, "1", "Inside one report"))?;
        for l in &cmp.internal {
            let (Some((d, sa)), Some((_, sb))) = (cmp.sentence(&l.a), cmp.sentence(&l.b)) else {
                continue;
            };
            writeln!(
                out,
                "  [{}] {}\n  [{}] {}",
                d.display_name(),
                sa.text,
                d.display_name(),
                sb.text
            )?;
            for r in l.reasons.iter().filter(|r| r.conflict) {
                writeln!(out, "    {}: {}", r.kind.as_str(), r.explanation)?;
            }
        }
    }
    Ok(())
}
