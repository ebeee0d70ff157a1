//! What a case owes outside the deadlines of its stages: an agreement that must not run out
//! while support goes on, a draft programme the working group must approve, a withdrawn consent
//! that ends processing, and the notices the prevention system must receive.
//!
//! Conventions (documented in the README):
//! - agreement: due on its `срок_до`; «срок истекает» within 7 days before, overdue once the case
//!   is still open after it (Положение о кураторе семьи, п. 1.5.2);
//! - draft programme: the working group approves it within 10 working days of the draft being
//!   presented — the cycle п. 1.5.2 gives the working group for a draft, applied to its second
//!   reading when the first returned it for revision;
//! - withdrawn consent: processing stops and the data are destroyed within 30 days of the
//!   withdrawal (152-ФЗ, ст. 21 ч. 5), so a case still open 30 days after it is overdue;
//! - threat to a child: «незамедлительно» (120-ФЗ, ст. 9 п. 2) is read as the day the threat is
//!   found or the next working day; an urgent notice dated in between meets it;
//! - hand-over: a case closed on the ground «передача в КДН и ЗП» or «передача в органы опеки»
//!   needs a «передача случая» notice to that body dated no later than the closure (Положение о
//!   кураторе семьи, п. 1.5.4; Положение о кураторе случая, пп. 4.6, 6.4): the letter is the
//!   hand-over. This finding stays on the agenda after closure until the letter is recorded.

use chrono::Days;

use super::{CaseCheck, DRAFT_WORKING_DAYS, DUE_SOON_DAYS, Status, days, deadline_status};
use crate::calendar::MissingYear;
use crate::model::{Addressee, ClosureGround, Date, NoticeKind};

const AGREEMENT: &str = "Положение о кураторе семьи, п. 1.5.2; Положение о социальном сопровождении семей с детьми, п. 5.5";
const APPROVAL: &str = "Положение о кураторе семьи, пп. 1.5.2, 3.1";
const CONSENT: &str = "152-ФЗ, ст. 9 ч. 2, ст. 21 ч. 5";
const URGENT: &str = "120-ФЗ, ст. 9 п. 2";
const HANDOVER: &str =
    "Положение о кураторе семьи, п. 1.5.4; Положение о кураторе случая, пп. 4.6, 6.4";

/// The rule of the hand-over letter: the one finding the agenda keeps for a closed case.
pub const HANDOVER_RULE: &str = "handover-notice";

/// Days after a withdrawal by which processing stops (152-ФЗ, ст. 21 ч. 5).
const CONSENT_DAYS: u64 = 30;

impl CaseCheck<'_> {
    /// Every rule of this module.
    pub(super) fn obligations(&mut self) -> Result<(), MissingYear> {
        self.agreement_expiry();
        self.programme_approval()?;
        self.consent_withdrawn();
        self.member_consents_withdrawn();
        self.urgent_notices()?;
        self.handover_notice();
        Ok(())
    }

    /// An agreement that runs out while the case is open.
    fn agreement_expiry(&mut self) {
        let Some(agreement) = self.data().agreement.as_ref() else {
            return;
        };
        if agreement.date > self.as_of {
            return;
        }
        // Extended by the supplements signed by then (the agreement, п. 8.2).
        let (due, number) = (agreement.ends(self.as_of), agreement.number.clone());
        let status = match self.closed() {
            Some(closed) if closed > due => Status::DoneLate,
            Some(_) => return,
            None if self.as_of > due => Status::Overdue,
            None if days(self.as_of, due) <= DUE_SOON_DAYS => Status::DueSoon,
            None => return,
        };
        let message = match status {
            Status::DoneLate => format!(
                "случай закрыт {}, а договор № {number} действовал до {}",
                self.end().short_ru(),
                due.short_ru()
            ),
            Status::Overdue => format!(
                "договор № {number} истёк {}, а сопровождение продолжается: заключите дополнительное соглашение о продлении или закройте случай",
                due.short_ru()
            ),
            _ => format!(
                "договор № {number} действует до {}: продлите его дополнительным соглашением или завершите сопровождение",
                due.short_ru()
            ),
        };
        self.push(
            "agreement-expiry",
            AGREEMENT,
            status,
            due,
            &["договор", "срок_до"],
            message,
        );
    }

    /// A draft put before the working group and not approved within 10 working days.
    fn programme_approval(&mut self) -> Result<(), MissingYear> {
        let Some(programme) = self.data().programme.as_ref() else {
            return Ok(());
        };
        let Some(draft) = programme.draft_presented.filter(|d| *d <= self.as_of) else {
            return Ok(());
        };
        let approved = programme.approved;
        let due = self.calendar.add_working_days(draft, DRAFT_WORKING_DAYS)?;
        if let Some(status) = deadline_status(due, approved, self.as_of, self.closed()) {
            let message = match status {
                Status::DoneLate => format!(
                    "программа утверждена {} — позже срока {} ({DRAFT_WORKING_DAYS} рабочих дней после представления проекта {})",
                    approved.unwrap_or(due).short_ru(),
                    due.short_ru(),
                    draft.short_ru()
                ),
                _ => format!(
                    "проект программы, представленный рабочей группе {}, не утверждён ({DRAFT_WORKING_DAYS} рабочих дней)",
                    draft.short_ru()
                ),
            };
            let field = if approved.is_some() {
                "утверждена"
            } else {
                "проект_представлен"
            };
            self.push(
                "programme-approval",
                APPROVAL,
                status,
                due,
                &["программа", field],
                message,
            );
        }
        Ok(())
    }

    /// A consent withdrawn while the case stays open: processing must stop within 30 days.
    fn consent_withdrawn(&mut self) {
        let Some(withdrawn) = self
            .data()
            .consent
            .as_ref()
            .and_then(|c| c.withdrawn)
            .filter(|d| *d <= self.as_of)
        else {
            return;
        };
        let due = Date::from(withdrawn.naive() + Days::new(CONSENT_DAYS));
        if let Some(status) = deadline_status(due, self.closed(), self.as_of, None) {
            let message = match status {
                Status::DoneLate => format!(
                    "согласие отозвано {}, а случай закрыт только {}",
                    withdrawn.short_ru(),
                    self.end().short_ru()
                ),
                _ => format!(
                    "согласие на обработку персональных данных отозвано {}, а сопровождение продолжается: прекратите обработку и закройте случай до {} или получите новое согласие",
                    withdrawn.short_ru(),
                    due.short_ru()
                ),
            };
            self.push(
                "consent-withdrawn",
                CONSENT,
                status,
                due,
                &["согласие_пдн", "отозвано"],
                message,
            );
        }
    }

    /// A family member's own consent withdrawn while the case stays open: that member's data
    /// stop being processed within the same 30 days. Removing the member from the case file, or
    /// a consent given again (a new `дата`, no `отозвано`), ends the finding; the case itself
    /// goes on under the signer's consent.
    fn member_consents_withdrawn(&mut self) {
        let withdrawn: Vec<(usize, Date, crate::grammar::Person)> = self
            .data()
            .family
            .members
            .iter()
            .enumerate()
            .filter_map(|(n, m)| {
                let date = m.consent.as_ref()?.withdrawn?;
                (date <= self.as_of).then_some((n, date, m.person()))
            })
            .collect();
        for (n, withdrawn, person) in withdrawn {
            let whose = person.declined(crate::grammar::Case::Genitive);
            let due = Date::from(withdrawn.naive() + Days::new(CONSENT_DAYS));
            let Some(status) = deadline_status(due, self.closed(), self.as_of, None) else {
                continue;
            };
            let message = match status {
                Status::DoneLate => format!(
                    "согласие {whose} отозвано {}, а случай закрыт только {}",
                    withdrawn.short_ru(),
                    self.end().short_ru()
                ),
                _ => format!(
                    "согласие {whose} на обработку персональных данных отозвано {}: до {} прекратите обработку {} данных — удалите их из файла случая — или получите новое согласие",
                    withdrawn.short_ru(),
                    due.short_ru(),
                    person.agree("его", "её"),
                ),
            };
            let n = n.to_string();
            self.push(
                "consent-withdrawn",
                CONSENT,
                status,
                due,
                &["семья", "члены", &n, "согласие_пдн", "отозвано"],
                message,
            );
        }
    }

    /// Each threat found needs an urgent notice the same or the next working day.
    fn urgent_notices(&mut self) -> Result<(), MissingYear> {
        let threats: Vec<(usize, Date)> = self
            .data()
            .threats
            .iter()
            .enumerate()
            .map(|(n, t)| (n, t.date))
            .filter(|(_, d)| *d <= self.as_of)
            .collect();
        for (n, found) in threats {
            let due = self.calendar.add_working_days(found, 1)?;
            let sent = self
                .data()
                .notices
                .iter()
                .filter(|x| x.kind == NoticeKind::Urgent && x.date >= found)
                .map(|x| x.date)
                .min();
            // The notice is owed even after closure: a threat is never stale.
            if let Some(status) = deadline_status(due, sent, self.as_of, None) {
                let message = match status {
                    Status::DoneLate => format!(
                        "срочное сообщение об угрозе, выявленной {}, направлено {} — позже следующего рабочего дня",
                        found.short_ru(),
                        sent.unwrap_or(due).short_ru()
                    ),
                    _ => format!(
                        "об угрозе ребёнку, выявленной {}, не направлено срочное сообщение в КДН и ЗП, органы опеки, прокуратуру или полицию (незамедлительно)",
                        found.short_ru()
                    ),
                };
                self.push(
                    "urgent-notice",
                    URGENT,
                    status,
                    due,
                    &["угрозы", &n.to_string(), "дата"],
                    message,
                );
            }
        }
        Ok(())
    }

    /// A hand-over closure needs the letter handing the case over, by the closure date.
    fn handover_notice(&mut self) {
        let Some(closure) = self
            .data()
            .closure
            .as_ref()
            .filter(|c| c.date <= self.as_of)
        else {
            return;
        };
        let (addressee, body) = match closure.ground {
            Some(ClosureGround::HandedToKdn) => (Addressee::Kdn, "КДН и ЗП"),
            Some(ClosureGround::HandedToGuardianship) => (Addressee::Guardianship, "органы опеки"),
            _ => return,
        };
        let due = closure.date;
        let sent = self
            .data()
            .notices
            .iter()
            .filter(|x| x.kind == NoticeKind::HandOver && x.addressee == addressee)
            .map(|x| x.date)
            .filter(|d| *d <= self.as_of)
            .min();
        if let Some(status) = deadline_status(due, sent, self.as_of, None) {
            let message = match status {
                Status::DoneLate => format!(
                    "письмо о передаче случая в {body} направлено {} — после закрытия {}",
                    sent.unwrap_or(due).short_ru(),
                    due.short_ru()
                ),
                _ => format!(
                    "случай закрыт {} с передачей в {body}, а письмо о передаче (сообщения: вид «передача случая») не записано",
                    due.short_ru()
                ),
            };
            self.push(
                HANDOVER_RULE,
                HANDOVER,
                status,
                due,
                &["закрытие", "основание"],
                message,
            );
        }
    }
}
