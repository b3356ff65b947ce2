//! Ingest: bytes from a file, a paste or the web become a [`Report`]: decoded,
//! normalised text plus metadata.
//!
//! The hard cases are encodings and HTML. Bytes are decoded by BOM first
//! (UTF-8, UTF-16 LE/BE), then UTF-16 without a BOM (by its zero bytes),
//! then as UTF-8, then by the HTML `<meta charset>`,
//! then by `chardetng`'s guess (in practice Windows-1252 for Latin-1 files).
//! The decoded text is put in Unicode NFC with `\n` line ends; that text is
//! what the user sees and what every span indexes into. Curly quotes and
//! dashes are kept here and folded only for matching (see [`crate::text`]).

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::model::{Metadata, SourceKind};

/// Default size limit for one report: 5 MB.
pub const DEFAULT_MAX_BYTES: u64 = 5 * 1024 * 1024;

/// A report ready to be segmented: its text and what is known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// A label for messages and the default id: the file name or URL.
    pub path: String,
    /// What kind of input it was.
    pub source: SourceKind,
    /// Metadata.
    pub meta: Metadata,
    /// The normalised text.
    pub text: String,
    /// How it was fetched, for reports from the web.
    pub fetch: Option<crate::model::FetchRecord>,
}

/// Options for ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Largest input accepted, in bytes (default [`DEFAULT_MAX_BYTES`]).
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Read a report from a file. The kind comes from the extension (`.md`,
/// `.markdown`, `.html`, `.htm`; anything else is text, unless it starts like HTML).
pub fn read_path(path: &Path, opts: &IngestOptions) -> Result<Report> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        return Err(Error::Read {
            path: path.to_path_buf(),
            source: std::io::Error::other("it is a folder, not a file"),
        });
    }
    if meta.len() > opts.max_bytes {
        return Err(Error::TooLarge {
            name,
            size: meta.len(),
            limit: opts.max_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let kind = match ext.as_str() {
        "md" | "markdown" => Some(SourceKind::Markdown),
        "html" | "htm" | "xhtml" => Some(SourceKind::Html),
        "txt" | "text" => Some(SourceKind::Text),
        _ => None,
    };
    from_bytes(&name, &bytes, kind, opts)
}

/// Read a report from bytes. `kind` may be `None` to sniff it.
pub fn from_bytes(
    name: &str,
    bytes: &[u8],
    kind: Option<SourceKind>,
    opts: &IngestOptions,
) -> Result<Report> {
    from_bytes_in(name, bytes, kind, None, opts)
}

/// Read a report from bytes whose charset a transport named (an HTTP
/// `Content-Type` header): a byte-order mark still wins, then `charset`, then
/// the usual detection of [`decode`].
pub fn from_bytes_in(
    name: &str,
    bytes: &[u8],
    kind: Option<SourceKind>,
    charset: Option<&'static encoding_rs::Encoding>,
    opts: &IngestOptions,
) -> Result<Report> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(Error::TooLarge {
            name: name.to_string(),
            size: bytes.len() as u64,
            limit: opts.max_bytes,
        });
    }
    if let Some(detail) = binary_signature(bytes) {
        return Err(Error::Binary {
            name: name.to_string(),
            detail,
        });
    }
    let text = match charset {
        Some(enc) if encoding_rs::Encoding::for_bom(bytes).is_none() => {
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
        _ => decode(bytes, kind == Some(SourceKind::Html)),
    };
    if let Some(detail) = looks_binary(&text) {
        return Err(Error::Binary {
            name: name.to_string(),
            detail,
        });
    }
    let text = normalise(&text);
    if text.trim().is_empty() {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    let kind = kind.unwrap_or_else(|| sniff_kind(&text));
    let report = match kind {
        SourceKind::Html => crate::html::extract(name, &text)?,
        SourceKind::Markdown => markdown(name, &text)?,
        SourceKind::Text | SourceKind::Pasted => {
            // Plain text may still carry front matter.
            let (meta, body) = split_front_matter(name, &text)?;
            Report {
                path: name.to_string(),
                source: kind,
                meta,
                text: trim_block(body),
                fetch: None,
            }
        }
    };
    if report.text.trim().is_empty() {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    Ok(report)
}

/// A report from text the user pasted, with metadata they typed.
pub fn from_pasted(label: &str, text: &str, meta: Metadata) -> Result<Report> {
    let opts = IngestOptions::default();
    let mut r = from_bytes(label, text.as_bytes(), Some(SourceKind::Pasted), &opts)?;
    merge_meta(&mut r.meta, meta);
    Ok(r)
}

/// Fill empty fields of `into` from `from`; values the user gave win.
pub fn merge_meta(into: &mut Metadata, from: Metadata) {
    let Metadata {
        title,
        outlet,
        date,
        language,
        url,
        byline,
    } = from;
    let set = |dst: &mut Option<String>, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            *dst = Some(v);
        }
    };
    set(&mut into.title, title);
    set(&mut into.outlet, outlet);
    set(&mut into.date, date);
    set(&mut into.language, language);
    set(&mut into.url, url);
    set(&mut into.byline, byline);
}

fn sniff_kind(text: &str) -> SourceKind {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") {
        SourceKind::Html
    } else {
        SourceKind::Text
    }
}

/// Known binary file signatures.
fn binary_signature(bytes: &[u8]) -> Option<String> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive or office document"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "an executable"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, what)| what.to_string())
}

/// Text that decoded but is mostly control characters is not a report.
fn looks_binary(text: &str) -> Option<String> {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c == '\0'
            || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
            || c == '\u{FFFD}'
        {
            bad += 1;
        }
    }
    if total > 0 && bad * 10 > total {
        Some(format!(
            "{bad} of the first {total} characters are control or undecodable bytes"
        ))
    } else {
        None
    }
}

/// Decode bytes to a string: BOM, then UTF-8, then HTML meta charset, then a guess.
pub fn decode(bytes: &[u8], html: bool) -> String {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (cow, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return cow.into_owned();
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (cow, _) = enc.decode_without_bom_handling(bytes);
        return cow.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    if html
        || bytes
            .windows(5)
            .take(4096)
            .any(|w| w.eq_ignore_ascii_case(b"<meta"))
    {
        if let Some(enc) = meta_charset(bytes) {
            let (cow, _, _) = enc.decode(bytes);
            return cow.into_owned();
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (cow, _, _) = enc.decode(bytes);
    cow.into_owned()
}

/// UTF-16 saved without a byte order mark: Latin-script text then has a zero
/// byte in every other position (odd positions for little-endian, even for
/// big-endian) and almost none in the others. Valid UTF-8 never looks like
/// that unless it is mostly NULs, which is refused as binary anyway.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros = |parity: usize| head.chunks_exact(2).filter(|p| p[parity] == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= pairs * 7 && even * 20 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 20 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// The charset named by a `<meta charset>` or `http-equiv` tag in the first 4 KB.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let idx = head.find("charset=")?;
    let rest = &head[idx + 8..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// NFC, `\n` line ends, no stray NULs.
pub fn normalise(text: &str) -> String {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\0', "");
    text.nfc().collect()
}

/// Split YAML front matter (`---` ... `---`) from the body.
pub fn split_front_matter<'a>(name: &str, text: &'a str) -> Result<(Metadata, &'a str)> {
    let t = text.trim_start_matches('\u{feff}');
    let Some(rest) = t.strip_prefix("---\n") else {
        return Ok((Metadata::default(), text));
    };
    let Some(end) = rest.find("\n---").filter(|&e| {
        let after = &rest[e + 4..];
        after.is_empty() || after.starts_with('\n')
    }) else {
        return Ok((Metadata::default(), text));
    };
    let yaml = &rest[..end];
    let body = rest[end + 4..]
        .strip_prefix('\n')
        .unwrap_or(&rest[end + 4..]);
    let value: serde_norway::Value =
        serde_norway::from_str(yaml).map_err(|e| Error::FrontMatter {
            name: name.to_string(),
            message: e.to_string(),
        })?;
    let get = |k: &str| -> Option<String> {
        let v = value.get(k)?;
        match v {
            serde_norway::Value::String(s) => Some(s.trim().to_string()),
            serde_norway::Value::Number(n) => Some(n.to_string()),
            serde_norway::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
        .filter(|s| !s.is_empty() && s != "~")
    };
    let meta = Metadata {
        title: get("title"),
        outlet: get("outlet")
            .or_else(|| get("source"))
            .or_else(|| get("publisher")),
        date: get("date").map(|d| d.chars().take(10).collect()),
        language: get("language").or_else(|| get("lang")),
        url: get("url"),
        byline: get("author").or_else(|| get("byline")),
    };
    Ok((meta, body))
}

fn trim_block(s: &str) -> String {
    s.trim_matches(|c: char| c == '\n' || c == ' ' || c == '\t')
        .to_string()
}

/// Markdown with optional front matter, rendered to plain text: paragraphs,
/// headings and list items each end with a blank line; inline markup and raw
/// HTML are dropped (raw HTML is never passed through).
fn markdown(name: &str, text: &str) -> Result<Report> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (meta, body) = split_front_matter(name, text)?;
    let mut out = String::with_capacity(body.len());
    let mut in_image = 0usize;
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_image == 0 => out.push_str(&t),
            // Keep the author's line structure: a soft break is a newline.
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock,
            ) => {
                while out.ends_with([' ', '\n']) {
                    out.pop();
                }
                out.push_str("\n\n");
            }
            _ => {}
        }
    }
    Ok(Report {
        path: name.to_string(),
        source: SourceKind::Markdown,
        meta,
        text: trim_block(&out),
        fetch: None,
    })
}

/// A stable id from a file name: lower-case letters, digits and dashes.
pub fn slug(path: &str) -> String {
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(path);
    let folded = deunicode::deunicode(stem).to_ascii_lowercase();
    let mut s = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() {
        "report".to_string()
    } else {
        s.chars().take(48).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn opts() -> IngestOptions {
        IngestOptions::default()
    }

    #[test]
    fn utf8_bom_and_utf16_boms_decode() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Áñez spoke.".as_bytes());
        assert_eq!(
            from_bytes("a", &b, None, &opts()).unwrap().text,
            "Áñez spoke."
        );
        let mut le = vec![0xFF, 0xFE];
        for u in "Áñez spoke.".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            from_bytes("b", &le, None, &opts()).unwrap().text,
            "Áñez spoke."
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "Añez".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(from_bytes("c", &be, None, &opts()).unwrap().text, "Añez");
    }

    #[test]
    fn utf16_without_a_bom_decodes() {
        let text = "Evo Morales resigned on Sunday; Áñez took office.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(from_bytes("le.txt", &le, None, &opts()).unwrap().text, text);
        assert_eq!(from_bytes("be.txt", &be, None, &opts()).unwrap().text, text);
        // Text with a few NULs inside is still UTF-8.
        let nuls = "Morales\0 resigned\0 on Sunday after the army suggested it.";
        assert_eq!(
            from_bytes("n.txt", nuls.as_bytes(), None, &opts())
                .unwrap()
                .text,
            "Morales resigned on Sunday after the army suggested it."
        );
    }

    #[test]
    fn latin1_falls_back_to_windows_1252() {
        // "Añez dijo “no”." in Windows-1252.
        let b = b"A\xf1ez dijo \x93no\x94 el domingo en La Paz y en Cochabamba.";
        let r = from_bytes("l1.txt", b, None, &opts()).unwrap();
        assert_eq!(
            r.text,
            "Añez dijo “no” el domingo en La Paz y en Cochabamba."
        );
    }

    #[test]
    fn nfc_normalises_decomposed_accents() {
        let decomposed = "A\u{0301}n\u{0303}ez";
        let r = from_bytes("n", decomposed.as_bytes(), None, &opts()).unwrap();
        assert_eq!(r.text, "Áñez");
    }

    #[test]
    fn empty_binary_and_large_inputs_are_named_errors() {
        assert!(matches!(
            from_bytes("e.txt", b"  \n\t ", None, &opts()),
            Err(Error::Empty { .. })
        ));
        let err = from_bytes("x.pdf", b"%PDF-1.7 ...", None, &opts()).unwrap_err();
        assert!(err.to_string().contains("x.pdf") && err.to_string().contains("PDF"));
        let noise: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(matches!(
            from_bytes("n.bin", &noise, None, &opts()),
            Err(Error::Binary { .. })
        ));
        let small = IngestOptions { max_bytes: 10 };
        assert!(matches!(
            from_bytes("big.txt", b"more than ten bytes", None, &small),
            Err(Error::TooLarge {
                size: 19,
                limit: 10,
                ..
            })
        ));
    }

    #[test]
    fn front_matter_and_markdown_render_to_plain_text() {
        let md = "---\ntitle: \"A title\"\noutlet: Andean Wire\ndate: 2019-11-11\nlanguage: en\n---\n\n# Head\n\nFirst *para*\nwraps. <b>x</b>\n\n- item one\n- item two\n";
        let r = from_bytes("r.md", md.as_bytes(), Some(SourceKind::Markdown), &opts()).unwrap();
        assert_eq!(r.meta.title.as_deref(), Some("A title"));
        assert_eq!(r.meta.outlet.as_deref(), Some("Andean Wire"));
        assert_eq!(r.meta.date.as_deref(), Some("2019-11-11"));
        assert_eq!(
            r.text,
            "Head\n\nFirst para\nwraps. x\n\nitem one\n\nitem two"
        );
    }

    #[test]
    fn bad_front_matter_is_a_clear_error() {
        let md = "---\ntitle: [unclosed\n---\nBody.";
        let err =
            from_bytes("bad.md", md.as_bytes(), Some(SourceKind::Markdown), &opts()).unwrap_err();
        assert!(err.to_string().starts_with("bad.md: the front matter"));
    }

    #[test]
    fn slugs_are_stable_ascii() {
        assert_eq!(slug("sample/01-Wire Report.md"), "01-wire-report");
        assert_eq!(slug("Áñez.txt"), "anez");
        assert_eq!(slug("???"), "report");
    }
}
