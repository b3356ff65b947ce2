//! # Parallax engine
//!
//! Compares several news reports of the same events, sentence by sentence and
//! claim by claim: where they share wording (**verbatim**), agree in other
//! words (**agree**), differ in detail (**diverge**), conflict
//! (**contradict**), and what each alone says (**unique**). Every label comes
//! with typed reasons that point at the exact words in both reports.
//!
//! One data flow: [`ingest`] → [`segment`] → [`analyse`] → [`align`] →
//! [`classify`] → [`model::Comparison`] → [`export`].
//!
//! ```
//! use parallax_engine::{compare_texts, Options, model::Relation};
//!
//! let cmp = compare_texts(
//!     &[
//!         ("wire", "Nine people were killed in Sacaba on Friday, the Ombudsman said."),
//!         ("early", "Three people were killed in Sacaba on Friday, officials said."),
//!     ],
//!     &Options::default(),
//! )
//! .unwrap();
//! assert_eq!(cmp.links.len(), 1);
//! assert_eq!(cmp.links[0].relation, Relation::Contradict);
//! ```
#![warn(missing_docs)]

pub mod align;
pub mod analyse;
pub mod classify;
pub mod compare;
pub mod dating;
pub mod error;
pub mod export;
pub mod features;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod html;
pub mod ingest;
pub mod lexicon;
pub mod matcher;
pub mod model;
pub mod saved;
pub mod segment;
pub mod synth;
pub mod text;
pub mod topic;
pub mod train;

pub use compare::{compare, compare_texts, NoProgress, Options, Progress};
pub use error::{Error, FetchFailure, Result};
pub use ingest::{read_path, IngestOptions, Report};
pub use model::Comparison;

/// The engine's version, written into every comparison.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
