//! Deadlines as iCalendar files (RFC 5545): one per curator and one for the centre, that staff
//! import into their mail client or subscribe to by URL when the site is served on the intranet.
//!
//! Written here, not with a crate: the calendars hold one kind of object (an all-day VEVENT with
//! a summary, a description and a category), and what RFC 5545 asks of such a writer is small —
//! CRLF lines folded at 75 octets (§3.1), TEXT escaped (§3.3.11), a DTSTAMP and a UID on every
//! event (§3.6.1). The `icalendar` crate, the maintained one, stamps each new event with the
//! machine's clock and a random UUID unless both are overridden, and brings a dependency tree
//! for parsing we do not need; kurator's outputs must be byte-identical for the same data, so
//! the few lines below are the safer choice. The files are checked by an independent parser
//! (Python's `icalendar`, tests/independent/check_ics.py).
//!
//! Stable identity: an event's UID is the case number, the rule and the item of the rule (the
//! month of a visit, the quarter of a consilium, the stage, the measure's place in the
//! programme) — never the due date — and the centre. A moved deadline (an agreement extended, a
//! stage begun later) keeps its UID, so a subscribed calendar moves the event instead of adding
//! a second one. DTSTAMP is the as-of date of the build, not the clock.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::what;
use crate::model::Date;
use crate::rules::{Finding, Status};

/// What the calendars may say about a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The case number, the first letter of the surname and what is due (the default).
    Initial,
    /// The surname and the agenda's own sentence (which may name people and numbers): only when
    /// kurator.yaml turns it on (`календари: {подробно: да}`).
    Full,
}

/// One calendar: a name and its events.
pub struct Calendar<'a> {
    /// The calendar's name as clients show it.
    pub name: String,
    /// The organisation (for the UIDs: the same case number in two centres is two events).
    pub centre: &'a str,
    /// The as-of date of the build (the DTSTAMP).
    pub as_of: Date,
    /// What events may say about a family.
    pub detail: Detail,
}

/// A family as the calendar may name it.
pub struct Family<'a> {
    /// The surname («Кудрявцевы»).
    pub surname: &'a str,
}

impl Calendar<'_> {
    /// The iCalendar text of the agenda items with a due date, each with its family (`None`
    /// for an item about no family).
    pub fn write<'f>(
        &self,
        items: impl IntoIterator<Item = (&'f Finding, Option<Family<'f>>)>,
    ) -> String {
        let mut out = String::new();
        let stamp = format!("{}T000000Z", compact(self.as_of));
        let centre = centre_key(self.centre);
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            concat!(
                "PRODID:-//kurator//kurator ",
                env!("CARGO_PKG_VERSION"),
                "//RU"
            ),
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ] {
            line_to(&mut out, line);
        }
        line_to(&mut out, &format!("NAME:{}", text(&self.name)));
        line_to(&mut out, &format!("X-WR-CALNAME:{}", text(&self.name)));
        line_to(&mut out, "REFRESH-INTERVAL;VALUE=DURATION:PT12H");
        for (f, family) in items {
            let (Some(due), Some(case)) = (f.due, f.case.as_deref()) else {
                continue;
            };
            let next = Date::from(due.naive() + chrono::Days::new(1));
            let uid = match f.item.as_str() {
                "" => format!("{case}.{}.{centre}@kurator", f.rule),
                item => format!("{case}.{}.{item}.{centre}@kurator", f.rule),
            };
            let who = family.map(|family| match self.detail {
                Detail::Initial => initial(family.surname),
                Detail::Full => family.surname.to_owned(),
            });
            let what = match self.detail {
                Detail::Initial => what(f),
                Detail::Full => f.message.clone(),
            };
            let late = match f.status {
                Status::Overdue => "Просрочено — ",
                _ => "",
            };
            let summary = match who {
                Some(who) => format!("{late}{case} {who}: {what}"),
                None => format!("{late}{case}: {what}"),
            };
            let description = [
                format!("Случай № {case}"),
                crate::model::capitalise(&what),
                format!("Срок: {}", due.short_ru()),
                format!("Состояние: {}", f.status.label()),
                format!("Куратор: {}", f.curator),
                format!("Основание: {}", f.clause),
            ]
            .join("\n");
            for line in [
                "BEGIN:VEVENT".to_owned(),
                format!("UID:{}", text(&uid)),
                format!("DTSTAMP:{stamp}"),
                format!("DTSTART;VALUE=DATE:{}", compact(due)),
                format!("DTEND;VALUE=DATE:{}", compact(next)),
                format!("SUMMARY:{}", text(&summary)),
                format!("DESCRIPTION:{}", text(&description)),
                format!("CATEGORIES:{}", text(f.rule)),
                "TRANSP:TRANSPARENT".to_owned(),
                "END:VEVENT".to_owned(),
            ] {
                line_to(&mut out, &line);
            }
        }
        line_to(&mut out, "END:VCALENDAR");
        out
    }
}

/// «Кудрявцевы» → «К.»: the family's initial, all the calendars say of it by default.
fn initial(surname: &str) -> String {
    surname
        .chars()
        .next()
        .map(|c| format!("{c}."))
        .unwrap_or_default()
}

/// A short, stable key of the centre for the UIDs (the hash of its full name).
fn centre_key(centre: &str) -> String {
    let hash = Sha256::digest(centre.as_bytes());
    hash[..4].iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A date as iCalendar's DATE value (§3.3.4): `20250331`.
fn compact(date: Date) -> String {
    date.to_string().replace('-', "")
}

/// TEXT escaped (§3.3.11): backslash, semicolon, comma and line breaks; other control
/// characters, which TEXT may not hold, become spaces.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded as §3.1 asks: no line longer than 75 octets without its CRLF,
/// each continuation starting with a space, never inside a UTF-8 character.
fn line_to(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "ж".repeat(100));
        line_to(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = out.trim_end().replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne\u{7}"), "a\\,b\\;c\\\\d\\ne ");
    }

    #[test]
    fn the_initial_is_one_letter() {
        assert_eq!(initial("Ёлкины"), "Ё.");
    }
}
