//! Topic data: the story-specific knowledge a user can add for any story, in
//! TOML files, loaded at run time.
//!
//! A topic is a folder (`topics/bolivia-2019/`) of `.toml` files, or a single
//! `.toml` file. Each file may hold any of these tables:
//!
//! ```toml
//! [[entity]]
//! id = "anez"
//! kind = "person"            # person | organisation | place
//! name = "Jeanine Áñez"
//! aliases = ["Áñez", "Añez", "Anez"]
//! roles = ["the interim president"]   # weak: descriptions that point to it
//! within = "beni"            # places only: the place that contains it
//!
//! [[framing]]
//! family = "how the fall of a government is named"
//! concept = "coup"
//! terms = ["coup", "golpe"]
//!
//! [[lexicon]]
//! concept = "resign"
//! terms = ["stepped down", "renunció"]
//! ```
//!
//! The engine works without any topic; a topic only sharpens entities, places
//! and framing.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::lexicon::{EntityDef, Lexicon};
use crate::model::MarkKind;

/// One parsed topic file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicFile {
    /// Entities.
    #[serde(default)]
    pub entity: Vec<EntityEntry>,
    /// Framing terms.
    #[serde(default)]
    pub framing: Vec<FramingEntry>,
    /// Synonym concepts.
    #[serde(default)]
    pub lexicon: Vec<LexiconEntry>,
    /// Opposite acts.
    #[serde(default)]
    pub polarity: Vec<PolarityEntry>,
    /// Free description.
    #[serde(default)]
    pub description: Option<String>,
}

/// An `[[entity]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityEntry {
    /// Canonical id.
    pub id: String,
    /// `person`, `organisation` or `place`.
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Descriptions that refer to it.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Containing place.
    #[serde(default)]
    pub within: Option<String>,
}

/// A `[[framing]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FramingEntry {
    /// Family of competing terms.
    pub family: String,
    /// Concept.
    pub concept: String,
    /// Terms.
    pub terms: Vec<String>,
    /// The event word (one of the engine's `data/events.txt`; any other is
    /// an error when the file is read) that every
    /// term of this concept names, if they name an event: a coup and an
    /// ouster name what a resignation names, the head of a government
    /// leaving office (`event = "resign"`). Two sentences that name one
    /// event in two framings can then be told as one event.
    #[serde(default)]
    pub event: Option<String>,
}

/// A `[[lexicon]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconEntry {
    /// Concept.
    pub concept: String,
    /// Terms.
    pub terms: Vec<String>,
}

/// A `[[polarity]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolarityEntry {
    /// The act.
    pub concept: String,
    /// Phrases stating it.
    pub positive: Vec<String>,
    /// Phrases stating its opposite.
    pub negative: Vec<String>,
}

impl TopicFile {
    /// Parse TOML text.
    pub fn parse(name: &str, text: &str) -> Result<Self> {
        let file: TopicFile = toml::from_str(text).map_err(|e| Error::Topic {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        // An event the engine does not know would match nothing but itself:
        // say so instead of ignoring the user's data.
        if let Some(f) = file.framing.iter().find(|f| {
            f.event
                .as_deref()
                .is_some_and(|e| !crate::features::is_event(e))
        }) {
            return Err(Error::Topic {
                name: name.to_string(),
                message: format!(
                    "framing concept '{}': event '{}' is not one of the engine's event words ({})",
                    f.concept,
                    f.event.as_deref().unwrap_or_default(),
                    crate::features::event_word_list().join(", ")
                ),
            });
        }
        Ok(file)
    }

    /// Add this file's knowledge to a lexicon.
    pub fn apply(&self, lex: &mut Lexicon) {
        for l in &self.lexicon {
            lex.add_concept(&l.concept, l.terms.iter().map(String::as_str));
        }
        for p in &self.polarity {
            lex.add_polarity(&p.concept, true, p.positive.iter().map(String::as_str));
            lex.add_polarity(&p.concept, false, p.negative.iter().map(String::as_str));
        }
        for f in &self.framing {
            lex.add_framing(
                &f.family,
                &f.concept,
                f.event.as_deref(),
                f.terms.iter().map(String::as_str),
            );
        }
        for e in &self.entity {
            let kind = match e.kind.as_str() {
                "place" | "location" => MarkKind::Place,
                "organisation" | "organization" | "org" => MarkKind::Organisation,
                _ => MarkKind::Person,
            };
            lex.add_entity(
                EntityDef {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    kind,
                    within: e.within.clone(),
                },
                e.aliases.iter().map(String::as_str),
                e.roles.iter().map(String::as_str),
            );
        }
    }
}

/// Resolve a `--topic` argument: an existing path, or a name looked up in the
/// `topics/` folders given.
pub fn resolve(name_or_path: &str, search: &[PathBuf]) -> Result<PathBuf> {
    let p = Path::new(name_or_path);
    if p.exists() {
        return Ok(p.to_path_buf());
    }
    for dir in search {
        let cand = dir.join(name_or_path);
        if cand.exists() {
            return Ok(cand);
        }
        let toml = dir.join(format!("{name_or_path}.toml"));
        if toml.exists() {
            return Ok(toml);
        }
    }
    Err(Error::Topic {
        name: name_or_path.to_string(),
        message: format!(
            "no such topic file or folder (looked in: {})",
            search
                .iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

/// Load a topic folder or file into a lexicon. Returns the topic's name.
pub fn load(path: &Path, lex: &mut Lexicon) -> Result<String> {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("topic")
        .to_string();
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::Topic {
                name: name.clone(),
                message: e.to_string(),
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    if files.is_empty() {
        return Err(Error::Topic {
            name,
            message: "the folder has no .toml files".into(),
        });
    }
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| Error::Topic {
            name: f.display().to_string(),
            message: e.to_string(),
        })?;
        TopicFile::parse(&f.display().to_string(), &text)?.apply(lex);
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_framing_file_parses() {
        let t = TopicFile::parse("framing", include_str!("../data/framing.toml")).unwrap();
        assert!(t.framing.len() >= 10);
    }

    #[test]
    fn unknown_fields_are_errors_that_name_the_file() {
        let err = TopicFile::parse(
            "x.toml",
            "[[entity]]\nid='a'\nkind='person'\nname='A'\nalias=['b']",
        )
        .unwrap_err();
        assert!(err.to_string().contains("x.toml"));
    }

    #[test]
    fn a_framing_event_must_be_an_event_word() {
        let ok = "[[framing]]\nfamily='f'\nconcept='ouster'\nevent='resign'\nterms=['ousted']\n";
        assert!(TopicFile::parse("t.toml", ok).is_ok());
        let err = TopicFile::parse("t.toml", &ok.replace("'resign'", "'resignation'"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("t.toml") && err.contains("'resignation'"),
            "{err}"
        );
        assert!(err.contains("resign,") || err.contains("resign)"), "{err}");
    }

    #[test]
    fn places_nest() {
        let mut lex = Lexicon::default();
        TopicFile::parse(
            "t",
            "[[entity]]\nid='bo'\nkind='place'\nname='Bolivia'\n[[entity]]\nid='cbba'\nkind='place'\nname='Cochabamba'\nwithin='bo'\n[[entity]]\nid='sacaba'\nkind='place'\nname='Sacaba'\nwithin='cbba'\n",
        )
        .unwrap()
        .apply(&mut lex);
        assert!(lex.place_within("sacaba", "bo"));
        assert!(!lex.place_within("bo", "sacaba"));
    }
}
