//! When an undated report was written, and whether its own time words agree.
//!
//! A report without a date still dates itself: "on Sunday" is the last
//! Sunday before it was written, "last week" the calendar week before, and
//! "yesterday" the day before. Once other, dated reports give the day of the
//! same event (a link), each such expression narrows the days on which the
//! report can have been written. Two expressions of one report that need
//! publication days with nothing in common cannot both be right: the report
//! contradicts itself about when things happened, even though neither
//! sentence names a date.
//!
//! Only a sentence with exactly one unresolved time expression is used, and
//! only a counterpart whose event date is unambiguous (one resolved date, not
//! the date of a statement, not explained by an absolute date of our own
//! sentence). A counterpart whose day the expression can never name ("on
//! Sunday" against a Monday) is a plain date contradiction between the two
//! reports, shown there, and dates nothing here.
//!
//! Written by hand: this is reasoning over the comparison's own links, which
//! no crate does.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};

use crate::analyse::SentenceAnalysis;

/// A sentence address: (document index, sentence index).
pub type Addr = (usize, usize);

/// How far after an event a report may be written and still use "last
/// week" or a bare weekday for it: two weeks and a week's slack.
const REACH_DAYS: i64 = 21;

/// One time expression of an undated report, dated through a counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    /// The sentence in the undated report.
    pub at: Addr,
    /// Index of the expression in that sentence's dates.
    pub mention: usize,
    /// Publication days that let the expression name its counterparts' day.
    pub days: BTreeSet<NaiveDate>,
    /// The strongest counterpart: its address, the index of its date, and
    /// the link's same-claim score.
    pub witness: (Addr, usize, f64),
}

impl Dated {
    /// First and last possible publication day.
    pub fn range(&self) -> (NaiveDate, NaiveDate) {
        let first = self.days.first().copied().unwrap_or(NaiveDate::MIN);
        let last = self.days.last().copied().unwrap_or(NaiveDate::MIN);
        (first, last)
    }
}

/// Two time expressions of one undated report that no publication day fits.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The earlier sentence's expression.
    pub a: Dated,
    /// The later sentence's expression.
    pub b: Dated,
}

/// Find the time conflicts inside undated reports.
///
/// `dates[d]` is report `d`'s publication date, `langs[d]` its language,
/// `links` the cross-report links (two addresses and the same-claim score),
/// and `usable` says whether a counterpart sentence states the event in the
/// report's own voice (a fact-check quoting "last week" from another report
/// dates nothing).
pub fn undated_conflicts(
    dates: &[Option<NaiveDate>],
    langs: &[String],
    analyses: &[Vec<SentenceAnalysis>],
    links: &[(Addr, Addr, f64)],
    usable: impl Fn(Addr) -> bool,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    for d in (0..analyses.len()).filter(|&d| dates[d].is_none()) {
        let dated: Vec<Dated> = (0..analyses[d].len())
            .filter_map(|s| date_sentence((d, s), &langs[d], dates, analyses, links, &usable))
            .collect();
        for (i, x) in dated.iter().enumerate() {
            for y in &dated[i + 1..] {
                if x.at != y.at && x.days.is_disjoint(&y.days) {
                    out.push(Conflict {
                        a: x.clone(),
                        b: y.clone(),
                    });
                }
            }
        }
    }
    out
}

/// The publication days one sentence's time expression allows, from every
/// dated counterpart it is linked to.
fn date_sentence(
    at: Addr,
    lang: &str,
    dates: &[Option<NaiveDate>],
    analyses: &[Vec<SentenceAnalysis>],
    links: &[(Addr, Addr, f64)],
    usable: &impl Fn(Addr) -> bool,
) -> Option<Dated> {
    let s = &analyses[at.0][at.1];
    let moving: Vec<usize> = (0..s.dates.len())
        .filter(|&i| {
            let m = &s.dates[i];
            !m.reported && m.start.is_none() && m.moves()
        })
        .collect();
    let [mention] = moving[..] else {
        return None;
    };
    let m = &s.dates[mention];
    let fixed: Vec<&crate::analyse::DateMention> =
        s.dates.iter().filter(|x| x.start.is_some()).collect();
    let mut days = BTreeSet::new();
    let mut witness: Option<(Addr, usize, f64)> = None;
    for &(p, q, score) in links {
        let other = if p == at {
            q
        } else if q == at {
            p
        } else {
            continue;
        };
        if other.0 == at.0 || dates[other.0].is_none() || !usable(other) {
            continue;
        }
        // The counterpart's event date, unless our own absolute date already
        // accounts for it ("appointed in 2018" against "December 2018").
        let theirs: Vec<(usize, NaiveDate, NaiveDate)> = analyses[other.0][other.1]
            .dates
            .iter()
            .enumerate()
            .filter(|(_, y)| !y.reported)
            .filter(|(_, y)| !fixed.iter().any(|x| x.compatible(y) == Some(true)))
            .filter_map(|(j, y)| Some((j, y.start?, y.end?)))
            .collect();
        let [(j, e0, e1)] = theirs[..] else {
            continue;
        };
        let fits: BTreeSet<NaiveDate> = (0..=(e1 - e0).num_days() + REACH_DAYS)
            .map(|k| e0 + Duration::days(k))
            .filter(|&day| {
                m.resolve_at(day, lang)
                    .is_some_and(|(r0, r1)| r0 <= e1 && e0 <= r1)
            })
            .collect();
        if fits.is_empty() {
            continue;
        }
        days.extend(fits);
        if witness.is_none_or(|w| score > w.2) {
            witness = Some((other, j, score));
        }
    }
    Some(Dated {
        at,
        mention,
        days,
        witness: witness?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn analyse(text: &str, date: Option<&str>) -> SentenceAnalysis {
        let lex = Lexicon::builtin();
        let anchor = date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
        crate::analyse::sentence(text, "en", anchor, &lex)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// An undated report of two sentences, each linked to a sentence of one
    /// dated report.
    fn run(undated: [&str; 2], dated: [&str; 2], date: &str) -> Vec<Conflict> {
        let analyses = vec![
            undated.iter().map(|t| analyse(t, None)).collect(),
            dated.iter().map(|t| analyse(t, Some(date))).collect(),
        ];
        let links = vec![((0, 0), (1, 0), 0.8), ((0, 1), (1, 1), 0.9)];
        undated_conflicts(
            &[None, Some(day(date))],
            &["en".into(), "en".into()],
            &analyses,
            &links,
            |_| true,
        )
    }

    #[test]
    fn sunday_and_last_week_for_one_sunday_cannot_both_hold() {
        // 10 Nov 2019 was a Sunday; the dated report is of 12 Nov.
        let c = run(
            [
                "The general spoke on Sunday.",
                "The president resigned last week.",
            ],
            [
                "The general spoke on Sunday.",
                "The president resigned on Sunday, Nov 10.",
            ],
            "2019-11-12",
        );
        assert_eq!(c.len(), 1, "{c:?}");
        // "on Sunday" fits a report of 10-16 Nov, "last week" one of 17-23 Nov.
        assert_eq!(c[0].a.range(), (day("2019-11-10"), day("2019-11-16")));
        assert_eq!(c[0].b.range(), (day("2019-11-17"), day("2019-11-23")));
        assert_eq!(c[0].b.witness, ((1, 1), 0, 0.9));
    }

    #[test]
    fn expressions_that_one_day_satisfies_agree() {
        // Friday 15 Nov and Sunday 10 Nov: a report of 15 or 16 Nov says both.
        let c = run(
            [
                "Nine people died on Friday.",
                "The president resigned on Sunday.",
            ],
            [
                "Nine people died on Friday.",
                "The president resigned on Sunday.",
            ],
            "2019-11-16",
        );
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn a_weekday_that_cannot_name_the_day_dates_nothing() {
        // "on Sunday" against Monday 11 Nov is a date contradiction between
        // the reports, not a constraint on the undated one.
        let c = run(
            [
                "The president resigned on Sunday.",
                "Nine people died last week.",
            ],
            [
                "The president resigned on Monday, Nov 11.",
                "Nine people died on Friday, Nov 22.",
            ],
            "2019-11-25",
        );
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn an_absolute_date_of_our_own_accounts_for_the_counterpart() {
        // "in 2018" explains the counterpart's December 2018; "on Sunday"
        // is not dated by it.
        let c = run(
            [
                "Appointed in 2018, the general spoke on Sunday.",
                "The president resigned last week.",
            ],
            [
                "He was appointed in December 2018.",
                "The president resigned on Sunday, Nov 10.",
            ],
            "2019-11-12",
        );
        assert!(c.is_empty(), "{c:?}");
    }
}
