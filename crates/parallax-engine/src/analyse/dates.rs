//! Dates as intervals, resolved against the report's own date.
//!
//! News reports the recent past: "on Sunday" in a report dated Monday
//! 11 Nov 2019 means 10 Nov, never the next Sunday. Weekdays resolve to the
//! most recent such day on or before the report's date; "yesterday", "last
//! week", "la semana pasada" likewise. An absolute date without a year takes
//! the report's year. An undated report keeps the weekday or the relative
//! words unresolved, and comparison falls back to comparing those.
//!
//! Weeks start on Sunday in English and on Monday in Spanish, following each
//! press's calendar convention; this only matters for "last week".
//!
//! Narrative time words that point back at a day already named ("that
//! afternoon", "later that day", "hours later", "esa misma noche") take the
//! last day the report named before them, as temporal taggers do for
//! narrative text. They are only found when the caller passes that day (see
//! [`find`]); a sentence read alone keeps them as plain words.
//!
//! Written by hand: no crate handled "Nov." with a period, "10 de
//! noviembre", "el domingo", or resolved weekdays into the past.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::model::Span;
use crate::text::Token;

/// A date or time expression.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte span in the sentence.
    pub span: Span,
    /// First day of the interval, when resolved.
    pub start: Option<NaiveDate>,
    /// Last day of the interval, when resolved.
    pub end: Option<NaiveDate>,
    /// The weekday named, if any.
    pub weekday: Option<Weekday>,
    /// For unresolved relative expressions: `last-week`, `yesterday`...
    pub relative: Option<String>,
    /// Token indexes covered.
    pub tokens: (usize, usize),
    /// The date of a statement about the event ("said on Saturday"), not of the event.
    pub reported: bool,
    /// Points back at an earlier day of the report ("that afternoon"); its
    /// value is that day's.
    pub anaphoric: bool,
}

impl DateMention {
    /// Whether two mentions can refer to the same time.
    /// `None` when they cannot be compared.
    pub fn compatible(&self, other: &DateMention) -> Option<bool> {
        if let (Some(a0), Some(a1), Some(b0), Some(b1)) =
            (self.start, self.end, other.start, other.end)
        {
            return Some(a0 <= b1 && b0 <= a1);
        }
        // A named weekday against a resolved single day, or two weekdays.
        let wd = |m: &DateMention| {
            m.weekday.or_else(|| match (m.start, m.end) {
                (Some(s), Some(e)) if s == e => Some(s.weekday()),
                _ => None,
            })
        };
        if self.relative.is_none() && other.relative.is_none() {
            if let (Some(a), Some(b)) = (wd(self), wd(other)) {
                let single = |m: &DateMention| m.weekday.is_some() || m.start == m.end;
                if single(self) && single(other) {
                    return Some(a == b);
                }
            }
        }
        None
    }

    /// Whether this names one day (resolved or not), so that "that
    /// afternoon" after it can mean that day.
    pub fn is_day(&self) -> bool {
        match (self.start, self.end) {
            (Some(s), Some(e)) => s == e,
            _ => {
                self.weekday.is_some()
                    || matches!(self.relative.as_deref(), Some("yesterday" | "today"))
            }
        }
    }

    /// Whether what this names depends on the report's date ("on Sunday",
    /// "last week"), as opposed to an absolute date or "since".
    pub fn moves(&self) -> bool {
        match self.relative.as_deref() {
            Some(r) => matches!(r, "yesterday" | "today" | "last week" | "this week"),
            None => self.weekday.is_some(),
        }
    }

    /// The interval this mention would name in a report dated `anchor`:
    /// how an undated report's relative words are tried against possible
    /// publication dates. `None` for what does not move with the report's
    /// date (an absolute date) or cannot be resolved ("since").
    pub fn resolve_at(&self, anchor: NaiveDate, lang: &str) -> Option<(NaiveDate, NaiveDate)> {
        match self.relative.as_deref() {
            Some("yesterday") => Some((anchor - Duration::days(1), anchor - Duration::days(1))),
            Some("today") => Some((anchor, anchor)),
            Some("last week") => {
                let ws = week_start(anchor, lang) - Duration::days(7);
                Some((ws, ws + Duration::days(6)))
            }
            Some("this week") => {
                let ws = week_start(anchor, lang);
                Some((ws, ws + Duration::days(6)))
            }
            Some(_) => None,
            None => {
                let d = last_weekday(anchor, self.weekday?);
                Some((d, d))
            }
        }
    }

    /// A short rendering: `Sun 10 Nov 2019`, `4–10 Nov 2019`, `Sunday`.
    pub fn describe(&self) -> String {
        match (self.start, self.end) {
            (Some(s), Some(e)) if s == e => s.format("%a %-d %b %Y").to_string(),
            (Some(s), Some(e)) => day_range(s, e),
            _ => self
                .weekday
                .map(|w| format!("{w:?}"))
                .or_else(|| self.relative.clone())
                .unwrap_or_else(|| "an unresolved date".into()),
        }
    }
}

/// Verbs of saying: a date next to one dates the statement, not the event.
const SPEECH_DATE: &[&str] = &[
    "said",
    "says",
    "announced",
    "confirmed",
    "reported",
    "told",
    "stated",
    "added",
    "published",
    "dijo",
    "confirmo",
    "informo",
    "reporto",
    "anuncio",
    "senalo",
    "afirmo",
    "declaro",
    "publico",
];

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("abr", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("ago", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
];
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("lunes", Weekday::Mon),
    ("martes", Weekday::Tue),
    ("miercoles", Weekday::Wed),
    ("jueves", Weekday::Thu),
    ("viernes", Weekday::Fri),
    ("sabado", Weekday::Sat),
    ("domingo", Weekday::Sun),
];

fn month(t: &Token) -> Option<u32> {
    // "may" and "mar" are words too: require a capital for short forms.
    let f = t.fold.as_str();
    let m = MONTHS.iter().find(|(k, _)| *k == f)?.1;
    if (f == "may" || f == "mar" || f == "jun" || f == "dec" || f == "sep") && !t.cap {
        return None;
    }
    Some(m)
}
fn weekday(t: &Token) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(k, _)| *k == t.fold).map(|x| x.1)
}
fn day_num(t: &Token) -> Option<u32> {
    if !t.numeric || t.text.len() > 2 {
        return None;
    }
    t.text.parse().ok().filter(|d| (1..=31).contains(d))
}
fn year_num(t: &Token) -> Option<i32> {
    if !t.numeric || t.text.len() != 4 {
        return None;
    }
    t.text.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// Several days, as `4–10 Nov 2019`.
pub fn day_range(first: NaiveDate, last: NaiveDate) -> String {
    format!("{}–{}", first.format("%-d %b"), last.format("%-d %b %Y"))
}

/// The most recent `wd` on or before `anchor`.
pub fn last_weekday(anchor: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (anchor.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    anchor - Duration::days(back as i64)
}

fn week_start(d: NaiveDate, lang: &str) -> NaiveDate {
    let from = if lang == "es" {
        d.weekday().num_days_from_monday()
    } else {
        d.weekday().num_days_from_sunday()
    };
    d - Duration::days(from as i64)
}

/// Find date expressions. Returns mentions and marks the tokens they use.
///
/// `context` is the last day the report named before this sentence, if
/// any: words such as "that afternoon" take its value. Without it they are
/// not dates.
pub fn find(
    toks: &[Token],
    anchor: Option<NaiveDate>,
    lang: &str,
    context: Option<&DateMention>,
    used: &mut [bool],
) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let day = out.iter().rev().find(|m| m.is_day()).or(context);
        if let Some(mut m) = parse_at(toks, i, anchor, lang, day) {
            // "since 10 November", "desde el 10 de noviembre": open until the report.
            let before: Vec<&str> = toks[m.tokens.0.saturating_sub(2)..m.tokens.0]
                .iter()
                .map(|t| t.fold.as_str())
                .collect();
            if before.iter().any(|w| matches!(*w, "since" | "desde")) {
                m.end = anchor.or(m.end.map(|_| NaiveDate::MAX));
                m.relative = m.relative.or(Some("since".into()));
            }
            let near = |r: std::ops::Range<usize>| {
                toks[r]
                    .iter()
                    .any(|t| SPEECH_DATE.contains(&t.fold.as_str()))
            };
            m.reported = near(m.tokens.0.saturating_sub(3)..m.tokens.0)
                || near(m.tokens.1..toks.len().min(m.tokens.1 + 2));
            for u in used.iter_mut().take(m.tokens.1).skip(m.tokens.0) {
                *u = true;
            }
            i = m.tokens.1;
            out.push(m);
        } else {
            i += 1;
        }
    }
    out
}

fn mention(toks: &[Token], a: usize, b: usize) -> DateMention {
    DateMention {
        span: Span::new(toks[a].span.start, toks[b - 1].span.end),
        start: None,
        end: None,
        weekday: None,
        relative: None,
        tokens: (a, b),
        reported: false,
        anaphoric: false,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn parse_at(
    toks: &[Token],
    i: usize,
    anchor: Option<NaiveDate>,
    lang: &str,
    context: Option<&DateMention>,
) -> Option<DateMention> {
    let t = &toks[i];
    let f = t.fold.as_str();
    let at = |k: usize| toks.get(k);
    // Weekday, optionally followed by an absolute date: "Sunday, Nov. 10", "domingo 10 de noviembre".
    if let Some(wd) = weekday(t) {
        if let Some(mut abs) = parse_absolute(toks, i + 1, anchor) {
            abs.tokens.0 = i;
            abs.span.start = t.span.start;
            abs.weekday = Some(wd);
            return Some(abs);
        }
        let mut m = mention(toks, i, i + 1);
        // "Sunday night", "el domingo por la noche": the same day.
        m.weekday = Some(wd);
        if let Some(a) = anchor {
            let d = last_weekday(a, wd);
            m.start = Some(d);
            m.end = Some(d);
        }
        return Some(m);
    }
    if let Some(abs) = parse_absolute(toks, i, anchor) {
        return Some(abs);
    }
    // Relative expressions.
    let two = |a: &str, b: &str| f == a && at(i + 1).is_some_and(|n| n.fold == b);
    let three = |a: &str, b: &str, c: &str| two(a, b) && at(i + 2).is_some_and(|n| n.fold == c);
    let rel = |len: usize, label: &str| {
        let mut m = mention(toks, i, i + len);
        m.relative = Some(label.to_string());
        if let Some((s, e)) = anchor.and_then(|a| m.resolve_at(a, lang)) {
            m.start = Some(s);
            m.end = Some(e);
        }
        Some(m)
    };
    if f == "yesterday" || f == "ayer" {
        return rel(1, "yesterday");
    }
    if f == "today"
        || f == "hoy"
        || two("this", "morning")
        || two("esta", "manana")
        || f == "tonight"
    {
        return rel(
            if f == "today" || f == "hoy" || f == "tonight" {
                1
            } else {
                2
            },
            "today",
        );
    }
    if two("last", "week") {
        return rel(2, "last week");
    }
    if three("la", "semana", "pasada") {
        return rel(3, "last week");
    }
    if two("semana", "pasada") {
        return rel(2, "last week");
    }
    if two("this", "week") || two("esta", "semana") {
        return rel(2, "this week");
    }
    if let (Some(day), Some(len)) = (context, anaphor(toks, i)) {
        let mut m = mention(toks, i, i + len);
        m.start = day.start;
        m.end = day.end;
        m.weekday = day.weekday;
        m.relative = day.relative.clone();
        m.anaphoric = true;
        return Some(m);
    }
    // A year alone: "in 2018", "en 2018".
    if let Some(y) = year_num(t) {
        let prev = i
            .checked_sub(1)
            .and_then(|k| toks.get(k))
            .map(|p| p.fold.as_str());
        if matches!(
            prev,
            Some("in" | "en" | "since" | "desde" | "of" | "de" | "until" | "hasta" | "by")
        ) {
            let mut m = mention(toks, i, i + 1);
            m.start = ymd(y, 1, 1);
            m.end = ymd(y, 12, 31);
            return Some(m);
        }
    }
    None
}

/// "Nov. 10", "November 10, 2019", "10 Nov", "10 de noviembre de 2019", "November 2019".
fn parse_absolute(toks: &[Token], i: usize, anchor: Option<NaiveDate>) -> Option<DateMention> {
    let t = toks.get(i)?;
    let year_after = |k: usize| -> Option<(i32, usize)> {
        let mut k = k;
        if toks
            .get(k)
            .is_some_and(|x| x.fold == "de" || x.fold == "del")
        {
            k += 1;
        }
        toks.get(k).and_then(year_num).map(|y| (y, k + 1))
    };
    let default_year = anchor.map(|a| a.year());
    // Month first.
    if let Some(mo) = month(t) {
        if let Some(d) = toks.get(i + 1).and_then(day_num) {
            let (y, end) = year_after(i + 2).map_or((default_year, i + 2), |(y, e)| (Some(y), e));
            let mut m = mention(toks, i, end);
            if let Some(y) = y {
                m.start = ymd(y, mo, d);
                m.end = m.start;
            }
            return m.start.map(|_| m).or_else(|| Some(mention(toks, i, end)));
        }
        if let Some((y, end)) = year_after(i + 1) {
            let mut m = mention(toks, i, end);
            m.start = ymd(y, mo, 1);
            m.end = month_end(y, mo);
            return Some(m);
        }
        // "in November": month of the report's year.
        let prev = i
            .checked_sub(1)
            .and_then(|k| toks.get(k))
            .map(|p| p.fold.as_str());
        if matches!(
            prev,
            Some("in" | "en" | "de" | "since" | "desde" | "early" | "late" | "mid")
        ) && t.fold.len() > 3
        {
            let mut m = mention(toks, i, i + 1);
            if let Some(y) = default_year {
                m.start = ymd(y, mo, 1);
                m.end = month_end(y, mo);
            }
            return Some(m);
        }
        return None;
    }
    // Day first: "10 Nov", "10 de noviembre".
    if let Some(d) = day_num(t) {
        let mut k = i + 1;
        if toks.get(k).is_some_and(|x| x.fold == "de") {
            k += 1;
        }
        if let Some(mo) = toks.get(k).and_then(month) {
            let (y, end) = year_after(k + 1).map_or((default_year, k + 1), |(y, e)| (Some(y), e));
            let mut m = mention(toks, i, end);
            if let Some(y) = y {
                m.start = ymd(y, mo, d);
                m.end = m.start;
            }
            return Some(m);
        }
    }
    None
}

/// Parts of a day, which "that ..." and "esa ..." point back with.
const DAY_PARTS: &[&str] = &[
    "day",
    "morning",
    "afternoon",
    "evening",
    "night",
    "dia",
    "manana",
    "tarde",
    "noche",
];

/// Length in tokens of a phrase at `i` that points back at a day already
/// named: "that afternoon", "the same day", "later that day", "earlier in
/// the afternoon", "hours later", "esa misma noche", "horas después".
fn anaphor(toks: &[Token], i: usize) -> Option<usize> {
    let w = |k: usize| toks.get(i + k).map_or("", |t| t.fold.as_str());
    let part = |k: usize| DAY_PARTS.contains(&w(k));
    let demonstrative = |k: usize| matches!(w(k), "that" | "esa" | "ese" | "aquella" | "aquel");
    // "that afternoon", "esa noche", "esa misma noche", "ese mismo día".
    if demonstrative(0) {
        if part(1) {
            return Some(2);
        }
        if matches!(w(1), "misma" | "mismo") && part(2) {
            return Some(3);
        }
    }
    // "the same day", "el mismo día", "la misma noche".
    if matches!(w(0), "the" | "el" | "la") && matches!(w(1), "same" | "mismo" | "misma") && part(2)
    {
        return Some(3);
    }
    // "later that day", "earlier the same day", "earlier in the afternoon".
    if matches!(w(0), "later" | "earlier") {
        if demonstrative(1) && part(2) {
            return Some(3);
        }
        if w(1) == "the" && w(2) == "same" && part(3) {
            return Some(4);
        }
        if w(1) == "in" && w(2) == "the" && part(3) {
            return Some(4);
        }
    }
    // "hours later", "hours earlier", "horas después", "horas más tarde".
    if matches!(w(0), "hours" | "horas") {
        if matches!(w(1), "later" | "earlier" | "despues" | "antes") {
            return Some(2);
        }
        if w(1) == "mas" && w(2) == "tarde" {
            return Some(3);
        }
    }
    None
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// Month and weekday names (folded), which are not people's names.
pub fn is_calendar_word(folded: &str) -> bool {
    MONTHS.iter().any(|(k, _)| *k == folded) || WEEKDAYS.iter().any(|(k, _)| *k == folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use pretty_assertions::assert_eq;

    fn dates(s: &str, anchor: Option<&str>, lang: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let toks = crate::text::tokens(s, lang, &lex);
        let a = anchor.map(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap());
        let mut used = vec![false; toks.len()];
        find(&toks, a, lang, None, &mut used)
            .iter()
            .map(DateMention::describe)
            .collect()
    }

    #[test]
    fn weekdays_resolve_into_the_past() {
        // 2019-11-11 was a Monday.
        assert_eq!(
            dates("Morales resigned on Sunday.", Some("2019-11-11"), "en"),
            vec!["Sun 10 Nov 2019"]
        );
        assert_eq!(
            dates("It happened on Friday night.", Some("2019-11-16"), "en"),
            vec!["Fri 15 Nov 2019"]
        );
        assert_eq!(
            dates("Renunció el domingo.", Some("2019-11-11"), "es"),
            vec!["Sun 10 Nov 2019"]
        );
        // Same weekday as the report: that day.
        assert_eq!(
            dates("on Sunday", Some("2019-11-10"), "en"),
            vec!["Sun 10 Nov 2019"]
        );
    }

    #[test]
    fn absolute_dates_with_abbreviations_and_spanish() {
        assert_eq!(
            dates(
                "LA PAZ, Nov. 10 (AWS) - It began.",
                Some("2019-11-11"),
                "en"
            ),
            vec!["Sun 10 Nov 2019"]
        );
        assert_eq!(
            dates("on November 24, 2019", None, "en"),
            vec!["Sun 24 Nov 2019"]
        );
        assert_eq!(
            dates("el 15 de noviembre de 2019", None, "es"),
            vec!["Fri 15 Nov 2019"]
        );
        assert_eq!(
            dates("el domingo 10 de noviembre", Some("2019-11-12"), "es"),
            vec!["Sun 10 Nov 2019"]
        );
        assert_eq!(
            dates("on 12 Nov", Some("2019-11-20"), "en"),
            vec!["Tue 12 Nov 2019"]
        );
    }

    #[test]
    fn relative_expressions_and_years() {
        assert_eq!(
            dates("yesterday", Some("2019-11-16"), "en"),
            vec!["Fri 15 Nov 2019"]
        );
        // English weeks start on Sunday: the week before 20 Nov is 10-16 Nov.
        assert_eq!(
            dates("last week", Some("2019-11-20"), "en"),
            vec!["10 Nov–16 Nov 2019"]
        );
        assert_eq!(
            dates("la semana pasada", Some("2019-11-20"), "es"),
            vec!["11 Nov–17 Nov 2019"]
        );
        assert_eq!(
            dates("appointed in 2018", None, "en"),
            vec!["1 Jan–31 Dec 2018"]
        );
        assert_eq!(dates("in May 2020", None, "en"), vec!["1 May–31 May 2020"]);
        assert!(dates("Morales may run", None, "en").is_empty());
    }

    #[test]
    fn narrative_time_words_take_the_last_day_named() {
        let lex = Lexicon::builtin();
        let with = |s: &str, context: Option<&DateMention>, anchor: Option<&str>| {
            let toks = crate::text::tokens(s, "en", &lex);
            let mut used = vec![false; toks.len()];
            let a = anchor.map(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap());
            find(&toks, a, "en", context, &mut used)
        };
        let sunday = with("on Sunday", None, Some("2019-11-11")).remove(0);
        for phrase in [
            "That afternoon the general spoke.",
            "Later that day the general spoke.",
            "Earlier in the afternoon the general spoke.",
            "Hours later the general spoke.",
            "The general spoke the same day.",
        ] {
            let m = with(phrase, Some(&sunday), Some("2019-11-11"));
            assert_eq!(m.len(), 1, "{phrase}");
            assert!(m[0].anaphoric, "{phrase}");
            assert_eq!(m[0].describe(), "Sun 10 Nov 2019", "{phrase}");
        }
        // Within one sentence the day just named is used, before the context.
        let m = with(
            "Police fired on Friday and that night the march ended.",
            Some(&sunday),
            Some("2019-11-16"),
        );
        assert_eq!(m[1].describe(), "Fri 15 Nov 2019");
        // Without a day to point at, or as plain words, they are not dates.
        assert!(with(
            "That afternoon the general spoke.",
            None,
            Some("2019-11-11")
        )
        .is_empty());
        assert!(with("He said that days of unrest followed.", Some(&sunday), None).is_empty());
        // Spanish, and an undated report: the weekday is carried unresolved.
        let toks =
            crate::text::tokens("Horas antes, el general habló. Esa misma noche", "es", &lex);
        let mut used = vec![false; toks.len()];
        let domingo = with("on Sunday", None, None).remove(0);
        let m = find(&toks, None, "es", Some(&domingo), &mut used);
        assert_eq!(m.len(), 2);
        assert!(m
            .iter()
            .all(|x| x.weekday == Some(Weekday::Sun) && x.start.is_none()));
    }

    #[test]
    fn relative_words_resolve_at_any_publication_date() {
        let lex = Lexicon::builtin();
        let one = |s: &str, lang: &str| {
            let toks = crate::text::tokens(s, lang, &lex);
            let mut used = vec![false; toks.len()];
            find(&toks, None, lang, None, &mut used).remove(0)
        };
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Wednesday 20 Nov 2019.
        assert_eq!(
            one("on Sunday", "en").resolve_at(d("2019-11-20"), "en"),
            Some((d("2019-11-17"), d("2019-11-17")))
        );
        assert_eq!(
            one("last week", "en").resolve_at(d("2019-11-20"), "en"),
            Some((d("2019-11-10"), d("2019-11-16")))
        );
        assert_eq!(
            one("la semana pasada", "es").resolve_at(d("2019-11-20"), "es"),
            Some((d("2019-11-11"), d("2019-11-17")))
        );
        assert_eq!(
            one("yesterday", "en").resolve_at(d("2019-11-20"), "en"),
            Some((d("2019-11-19"), d("2019-11-19")))
        );
        assert!(one("on Sunday", "en").moves());
        assert!(!one("in 2018", "en").moves());
        assert_eq!(one("in 2018", "en").resolve_at(d("2019-11-20"), "en"), None);
    }

    #[test]
    fn undated_reports_keep_weekdays_unresolved() {
        assert_eq!(dates("on Sunday", None, "en"), vec!["Sun"]);
        assert_eq!(dates("last week", None, "en"), vec!["last week"]);
    }

    #[test]
    fn compatibility_of_intervals_and_weekdays() {
        let lex = Lexicon::builtin();
        let one = |s: &str, a: Option<&str>| {
            let toks = crate::text::tokens(s, "en", &lex);
            let mut used = vec![false; toks.len()];
            find(
                &toks,
                a.map(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap()),
                "en",
                None,
                &mut used,
            )
            .remove(0)
        };
        let sun = one("on Sunday", Some("2019-11-11"));
        let mon = one("on Monday", Some("2019-11-12"));
        assert_eq!(sun.compatible(&mon), Some(false));
        assert_eq!(
            sun.compatible(&one("Nov 10", Some("2019-11-20"))),
            Some(true)
        );
        // Undated weekday against a resolved day compares weekdays.
        assert_eq!(
            one("on Friday", None).compatible(&one("Nov 15", Some("2019-11-16"))),
            Some(true)
        );
        assert_eq!(
            one("on Friday", None).compatible(&one("Nov 19", Some("2019-11-20"))),
            Some(false)
        );
    }
}
