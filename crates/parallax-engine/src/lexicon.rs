//! Word knowledge: concepts (synonyms across English and Spanish), opposite
//! acts, framing terms and named entities, from the engine's built-in language
//! data plus any topic files (see [`crate::topic`]).
//!
//! Everything is keyed by folded text. Multi-word phrases are matched over
//! token sequences, longest first, so `withdrew their support` wins over
//! `support`.

use rustc_hash::FxHashMap as HashMap;

use crate::model::MarkKind;
use crate::text::fold;

/// A named entity from a topic file.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityDef {
    /// Canonical id (`morales`).
    pub id: String,
    /// Display name (`Evo Morales`).
    pub name: String,
    /// Person, organisation or place.
    pub kind: MarkKind,
    /// For places: the id of the place that contains it.
    pub within: Option<String>,
}

/// A framing term's meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct FramingDef {
    /// Concept (`coup`).
    pub concept: String,
    /// Family of competing concepts (`how the fall of a government is named`).
    pub family: String,
    /// The event word the term names, if any (`resign` for a coup).
    pub event: Option<String>,
}

/// One side of an opposite pair.
#[derive(Debug, Clone, PartialEq)]
pub struct PolarityDef {
    /// The act (`support`).
    pub concept: String,
    /// `true` for the act, `false` for its opposite.
    pub positive: bool,
}

/// What a phrase means; one phrase can carry several meanings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meaning {
    /// Synonym concept.
    pub concept: Option<String>,
    /// Entity, by index into [`Lexicon::entities`]; `weak` for roles.
    pub entity: Option<(usize, bool)>,
    /// Framing term.
    pub framing: Option<FramingDef>,
    /// Polarity phrase.
    pub polarity: Option<PolarityDef>,
}

/// All word knowledge the engine uses.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Folded phrase (words joined by one space) → meaning.
    phrases: HashMap<String, Meaning>,
    /// Single folded word or stem → concept.
    concepts: HashMap<String, String>,
    /// Entities known from topic files.
    pub entities: Vec<EntityDef>,
    /// Longest phrase, in words.
    pub max_words: usize,
}

static BUILTIN_LEXICON: &str = include_str!("../data/lexicon.tsv");
static BUILTIN_POLARITY: &str = include_str!("../data/polarity.tsv");
static BUILTIN_FRAMING: &str = include_str!("../data/framing.toml");

impl Lexicon {
    /// The built-in English and Spanish language data, with no topic.
    pub fn builtin() -> Self {
        let mut lex = Lexicon::default();
        for line in BUILTIN_LEXICON
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            if let Some((concept, words)) = line.split_once('\t') {
                lex.add_concept(concept, words.split(','));
            }
        }
        for line in BUILTIN_POLARITY
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() == 3 {
                lex.add_polarity(cols[0], true, cols[1].split(','));
                lex.add_polarity(cols[0], false, cols[2].split(','));
            }
        }
        // The built-in framing file is ours and is tested to parse.
        if let Ok(t) = crate::topic::TopicFile::parse("builtin framing", BUILTIN_FRAMING) {
            t.apply(&mut lex);
        }
        lex
    }

    fn meaning(&mut self, phrase: &str) -> Option<&mut Meaning> {
        let key = phrase_key(phrase);
        if key.is_empty() {
            return None;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        Some(self.phrases.entry(key).or_default())
    }

    /// Add synonyms of a concept.
    pub fn add_concept<'a>(&mut self, concept: &str, words: impl IntoIterator<Item = &'a str>) {
        for w in words {
            let key = phrase_key(w);
            if key.is_empty() {
                continue;
            }
            if key.contains(' ') {
                if let Some(m) = self.meaning(&key) {
                    m.concept = Some(concept.to_string());
                }
            } else {
                self.concepts.insert(key.clone(), concept.to_string());
                for lang in ["en", "es"] {
                    let st = crate::text::stem(&key, lang);
                    self.concepts
                        .entry(st)
                        .or_insert_with(|| concept.to_string());
                }
            }
        }
    }

    /// Add phrases for one side of an opposite pair.
    pub fn add_polarity<'a>(
        &mut self,
        concept: &str,
        positive: bool,
        words: impl IntoIterator<Item = &'a str>,
    ) {
        for w in words {
            if let Some(m) = self.meaning(w) {
                m.polarity = Some(PolarityDef {
                    concept: concept.to_string(),
                    positive,
                });
            }
        }
    }

    /// Add a framing term, with the event word its terms name, if any.
    pub fn add_framing<'a>(
        &mut self,
        family: &str,
        concept: &str,
        event: Option<&str>,
        words: impl IntoIterator<Item = &'a str>,
    ) {
        for w in words {
            if let Some(m) = self.meaning(w) {
                m.framing = Some(FramingDef {
                    concept: concept.to_string(),
                    family: family.to_string(),
                    event: event.map(str::to_string),
                });
            }
        }
    }

    /// Add an entity with its aliases (strong) and roles (weak descriptions).
    pub fn add_entity<'a>(
        &mut self,
        def: EntityDef,
        aliases: impl IntoIterator<Item = &'a str>,
        roles: impl IntoIterator<Item = &'a str>,
    ) {
        let idx = match self.entities.iter().position(|e| e.id == def.id) {
            Some(i) => {
                self.entities[i] = def;
                i
            }
            None => {
                self.entities.push(def);
                self.entities.len() - 1
            }
        };
        let name = self.entities[idx].name.clone();
        if let Some(m) = self.meaning(&name) {
            m.entity = Some((idx, false));
        }
        for a in aliases {
            if let Some(m) = self.meaning(a) {
                m.entity = Some((idx, false));
            }
        }
        for r in roles {
            if let Some(m) = self.meaning(r) {
                if m.entity.is_none() {
                    m.entity = Some((idx, true));
                }
            }
        }
    }

    /// The concept of a single folded word or stem.
    pub fn concept(&self, word: &str) -> Option<&str> {
        self.concepts.get(word).map(String::as_str)
    }

    /// The meaning of a folded phrase (words joined by single spaces).
    pub fn phrase(&self, key: &str) -> Option<&Meaning> {
        self.phrases.get(key)
    }

    /// The entity for an index.
    pub fn entity(&self, idx: usize) -> Option<&EntityDef> {
        self.entities.get(idx)
    }

    /// Whether place `inner` lies within place `outer` (or is it).
    pub fn place_within(&self, inner: &str, outer: &str) -> bool {
        let mut cur = Some(inner.to_string());
        let mut guard = 0;
        while let Some(c) = cur {
            if c == outer {
                return true;
            }
            guard += 1;
            if guard > 32 {
                return false;
            }
            cur = self
                .entities
                .iter()
                .find(|e| e.id == c)
                .and_then(|e| e.within.clone());
        }
        false
    }

    /// Whether a place id is known to a topic file (so containment can be judged).
    pub fn knows_place(&self, id: &str) -> bool {
        self.entities
            .iter()
            .any(|e| e.id == id && e.kind == MarkKind::Place)
    }
}

/// Fold a phrase and join its words with single spaces.
pub fn phrase_key(s: &str) -> String {
    crate::text::raw_tokens(s)
        .into_iter()
        .map(|(_, w)| {
            let f = fold(w);
            f.strip_suffix("'s").map(str::to_string).unwrap_or(f)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_loads_concepts_polarity_and_framing() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.concept("renuncio"), Some("resign"));
        assert_eq!(lex.concept("killed"), Some("die"));
        let p = lex
            .phrase("withdrew their support")
            .and_then(|m| m.polarity.clone())
            .unwrap();
        assert_eq!((p.concept.as_str(), p.positive), ("support", false));
        assert!(lex
            .phrase("massacre")
            .and_then(|m| m.framing.clone())
            .is_some());
    }
}
