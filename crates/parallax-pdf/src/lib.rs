//! PDF reports and classroom worksheets of a Parallax comparison.
//!
//! The model is turned into typst markup ([`report_markup`],
//! [`worksheet_markup`]) and typeset in-process by the typst compiler with the
//! fonts bundled in `typst-assets`, so no browser, no installed font and no
//! network is needed; the fonts are embedded and the text is selectable. The
//! content follows the printed HTML report (`parallax_engine::export::html`).
//!
//! typst is a large build (about 300 crates), which is why this is a crate of
//! its own: the CLI reaches it only with its `pdf` feature.
//!
//! Article text is never markup. Every string from the model reaches typst as
//! a string literal (`#"…";`), with `\` and `"` escaped, so `#set`, `*bold*`,
//! `$x$`, `<label>` or `@ref` in a report print as the characters they are.
//!
//! ```no_run
//! # fn demo(cmp: &parallax_engine::Comparison) -> Result<(), parallax_pdf::Error> {
//! let pdf: Vec<u8> = parallax_pdf::report(cmp)?;
//! std::fs::write("report.pdf", pdf).map_err(|e| parallax_pdf::Error::Typeset(e.to_string()))?;
//! # Ok(()) }
//! ```

mod markup;

pub use markup::{report_markup, typst_str, worksheet_markup};

use parallax_engine::Comparison;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// typst rejected the generated markup or could not lay it out. This is a
    /// bug in the markup generator, never in the user's text.
    #[error("cannot typeset the PDF: {0}")]
    Typeset(String),
}

/// Typeset the comparison report as PDF bytes.
pub fn report(cmp: &Comparison) -> Result<Vec<u8>, Error> {
    render(report_markup(cmp), &cmp.generator.created)
}

/// Typeset the classroom worksheet (outlets hidden) as PDF bytes.
pub fn worksheet(cmp: &Comparison) -> Result<Vec<u8>, Error> {
    render(worksheet_markup(cmp, false), &cmp.generator.created)
}

/// Typeset the worksheet's answer key (outlets and answers shown) as PDF bytes.
pub fn answer_key(cmp: &Comparison) -> Result<Vec<u8>, Error> {
    render(worksheet_markup(cmp, true), &cmp.generator.created)
}

/// A world with one source file, the bundled fonts, and no file system: the
/// markup cannot read anything from the machine it runs on.
struct OneFile {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    source: Source,
    today: Option<Datetime>,
}

impl World for OneFile {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.source.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.source.id() {
            Ok(Bytes::from_string(self.source.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// `YYYY-MM-DD…` to a typst date, for the PDF's metadata.
fn date_of(created: &str) -> Option<Datetime> {
    let y = created.get(0..4)?.parse().ok()?;
    let m = created.get(5..7)?.parse().ok()?;
    let d = created.get(8..10)?.parse().ok()?;
    Datetime::from_ymd(y, m, d)
}

fn fonts() -> &'static (Vec<Font>, LazyHash<FontBook>) {
    // Parsing the bundled fonts takes a few milliseconds: do it once a process.
    static FONTS: std::sync::OnceLock<(Vec<Font>, LazyHash<FontBook>)> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        (fonts, book)
    })
}

fn render(markup: String, created: &str) -> Result<Vec<u8>, Error> {
    let (fonts, book) = fonts();
    let world = OneFile {
        library: LazyHash::new(<Library as LibraryExt>::default()),
        book: book.clone(),
        fonts: fonts.clone(),
        source: Source::detached(markup),
        today: date_of(created),
    };
    let doc = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errs| {
            Error::Typeset(
                errs.iter()
                    .map(|e| e.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
    let timestamp = date_of(created).map(typst_pdf::Timestamp::new_utc);
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(format!("parallax {created}")),
        timestamp,
        ..Default::default()
    };
    typst_pdf::pdf(&doc, &options).map_err(|errs| {
        Error::Typeset(
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}
