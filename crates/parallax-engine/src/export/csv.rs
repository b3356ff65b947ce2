//! One row per link, for spreadsheets (RFC 4180 quoting).

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
    writeln!(
        out,
        "report_a,sentence_a,text_a,report_b,sentence_b,text_b,relation,score,reasons"
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
        ];
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}
