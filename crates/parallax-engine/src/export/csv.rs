//! One row per link, for spreadsheets (RFC 4180 quoting, CRLF line ends).
//!
//! Provenance travels in the same file as leading `#` comment lines (the
//! generator, then one line per report with its SHA-256), because a second
//! file gets separated from the first the moment someone mails the CSV.
//! pandas (`comment="#"`), R (`comment.char = "#"`) and most CSV readers skip
//! them; a spreadsheet shows them as a few rows above the header, where a
//! reader will look for them anyway.

use std::io::Write;

use crate::error::Result;
use crate::model::Comparison;

fn field(s: &str) -> String {
    // A leading = + - @ would be a formula in a spreadsheet: neutralise it.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Write the CSV.
pub fn write(cmp: &Comparison, out: &mut dyn Write) -> Result<()> {
    // Comment lines hold free text too: keep each on one line.
    let line = |s: &str| s.replace(['\r', '\n'], " ");
    write!(
        out,
        "# {} {} comparison made {}\r\n",
        line(&cmp.generator.name),
        line(&cmp.generator.version),
        line(&cmp.generator.created)
    )?;
    for p in crate::export::view::provenance(cmp) {
        write!(
            out,
            "# report: {} | title: {} | date: {} | source: {} | sha256: {}\r\n",
            line(&p.outlet),
            line(&p.title),
            line(&p.date),
            line(&p.location),
            p.sha256
        )?;
    }
    write!(
        out,
        "report_a,sentence_a,text_a,report_b,sentence_b,text_b,relation,score,reasons,evidence\r\n"
    )?;
    for l in &cmp.links {
        let (Some((da, sa)), Some((db, sb))) = (cmp.sentence(&l.a), cmp.sentence(&l.b)) else {
            continue;
        };
        let reasons: Vec<String> = l
            .reasons
            .iter()
            .map(|r| format!("{}: {}", r.kind.as_str(), r.explanation))
            .collect();
        let row = [
            field(&da.display_name()),
            field(&l.a),
            field(&sa.text),
            field(&db.display_name()),
            field(&l.b),
            field(&sb.text),
            l.relation.as_str().to_string(),
            format!("{:.3}", l.score),
            field(&reasons.join(" | ")),
            field(&crate::export::view::evidence_line(l)),
        ];
        write!(out, "{}\r\n", row.join(","))?;
    }
    Ok(())
}
