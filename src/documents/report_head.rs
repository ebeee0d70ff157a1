//! The head's part of the centre's quarterly справка: what makes it a paper the head signs and
//! sends upward — its date and number and the «Исполнитель» requisite (ГОСТ Р 7.0.97), the
//! signer, and the head's written conclusions and proposals («аналитическая информация»,
//! Положение о кураторе случая, п. 2.3) — from `reports/<квартал>.yaml` and the `отчёты:`
//! section of kurator.yaml. What the head has not written prints as a blank to fill by hand.

use serde::Serialize;

use super::{OrgView, Signature, date_long};
use crate::indicators::Period;
use crate::load::{Repository, Source};
use crate::model::{Person, ReportNotes, ReportSettings};

/// The date and number under the header, and «Исполнитель» after the signature.
#[derive(Serialize)]
pub(super) struct Requisites {
    /// ««05» июля 2024 г.», or a blank to fill by hand.
    date: String,
    /// «№ 17/2024», or a blank to fill by hand.
    number: String,
    /// «Исполнитель: Ушакова М. Ю., …, тел. …», or empty when kurator.yaml names nobody.
    executor: String,
}

/// A section of the head's written part: an empty one prints as lines to write on by hand.
#[derive(Serialize)]
pub(super) struct AnalysisSection {
    /// «Выводы» or «Предложения».
    title: &'static str,
    /// Numbered paragraphs: «1. …», «2. …».
    items: Vec<String>,
}

/// What a date left for the head to write by hand looks like.
const BLANK_DATE: &str = "«___» ____________ 20__ г.";
/// What a number left for the registry to write by hand looks like.
const BLANK_NUMBER: &str = "№ ________";

/// The head's part of one quarter's centre справка.
pub(super) struct Head<'a> {
    /// The head's file for the quarter, if there is one.
    notes: Option<&'a Source<ReportNotes>>,
    /// The `отчёты:` section of kurator.yaml.
    settings: Option<&'a ReportSettings>,
}

impl<'a> Head<'a> {
    /// The head's part of the справка of `period`.
    pub(super) fn of(repo: &'a Repository, period: Period) -> Head<'a> {
        Head {
            notes: repo
                .report_notes
                .iter()
                .find(|n| crate::rules::quarter_of(n) == Some(period)),
            settings: repo.config.as_ref().and_then(|c| c.data.reports.as_ref()),
        }
    }

    /// Who signs: `отчёты.подписывает`, else the director.
    pub(super) fn signer(&self, org: &OrgView) -> Signature {
        match self.settings.and_then(|s| s.signer.as_ref()) {
            Some(Person { name, position, .. }) => Signature::of(position, name),
            None => Signature::of(org.director_position.clone(), &org.director_name),
        }
    }

    /// The head's file, a source of the справка: its commit is in the stamp.
    pub(super) fn source(&self) -> Option<String> {
        self.notes.map(Source::file)
    }

    /// Date, number and executor.
    pub(super) fn requisites(&self) -> Requisites {
        let notes = self.notes.map(|n| &n.data);
        let executor = self.settings.and_then(|s| s.executor.as_ref()).map(|e| {
            let position = e.position.as_ref().map(|p| format!(", {p}"));
            format!(
                "Исполнитель: {}{}, тел. {}",
                e.name,
                position.unwrap_or_default(),
                e.phone
            )
        });
        Requisites {
            date: notes
                .and_then(|n| n.date)
                .map_or_else(|| BLANK_DATE.to_owned(), date_long),
            number: notes
                .and_then(|n| n.number.as_ref())
                .map_or_else(|| BLANK_NUMBER.to_owned(), |n| format!("№ {n}")),
            executor: executor.unwrap_or_default(),
        }
    }

    /// The conclusions and the proposals, numbered.
    pub(super) fn analysis(&self) -> [AnalysisSection; 2] {
        let notes = self.notes.map(|n| &n.data);
        let section = |title, items: Option<&Vec<String>>| AnalysisSection {
            title,
            items: items
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(i, text)| format!("{}. {}", i + 1, text.trim()))
                .collect(),
        };
        [
            section("Выводы", notes.map(|n| &n.conclusions)),
            section("Предложения", notes.map(|n| &n.proposals)),
        ]
    }
}
