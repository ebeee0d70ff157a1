//! Figures that add up across centres, as ripgrep's `Stats` do: every count and every share
//! (numerator and base alike) is the sum of the centres', so a region's share is the share of
//! its families, not an average of the centres' percentages.
//!
//! The figures types live in `indicators::figures`; their addition lives here, with its only
//! user. A period, a version and a centre's name do not add: `region` checks that the periods
//! and versions agree before it sums, and names the region itself.

use std::ops::AddAssign;

use crate::indicators::{
    ByCategory, Children, ClosedByGround, CriteriaFigures, Figures, MovementFigures, Share,
    SocialEffect, StageCount, Timeliness,
};

impl AddAssign<&Share> for Share {
    fn add_assign(&mut self, other: &Share) {
        self.done += other.done;
        self.of += other.of;
    }
}

impl AddAssign<&ClosedByGround> for ClosedByGround {
    fn add_assign(&mut self, o: &ClosedByGround) {
        self.improvement += o.improvement;
        self.loss_of_parental_rights += o.loss_of_parental_rights;
        self.moved += o.moved;
        self.refusal += o.refusal;
        self.handed_to_kdn += o.handed_to_kdn;
        self.handed_to_guardianship += o.handed_to_guardianship;
        self.other += o.other;
    }
}

impl AddAssign<&MovementFigures> for MovementFigures {
    fn add_assign(&mut self, o: &MovementFigures) {
        self.start += o.start;
        self.opened += o.opened;
        self.closed += &o.closed;
        self.closed_total += o.closed_total;
        self.end += o.end;
    }
}

impl AddAssign<&ByCategory> for ByCategory {
    fn add_assign(&mut self, o: &ByCategory) {
        self.sop += o.sop;
        self.tzhs += o.tzhs;
        self.needs_support += o.needs_support;
    }
}

impl AddAssign<&Children> for Children {
    fn add_assign(&mut self, o: &Children) {
        self.at_end += o.at_end;
        self.by_category += &o.by_category;
        self.returned += o.returned;
    }
}

impl AddAssign<&CriteriaFigures> for CriteriaFigures {
    fn add_assign(&mut self, o: &CriteriaFigures) {
        self.families += o.families;
        self.compared += o.compared;
        self.first_inspection += o.first_inspection;
        self.not_inspected += o.not_inspected;
        // Criteria are matched by name: every centre counts the same eight (seed 000, п. 6.1.2),
        // and one that only some centre has is kept rather than dropped.
        for item in &o.items {
            match self.items.iter_mut().find(|mine| mine.name == item.name) {
                Some(mine) => {
                    mine.improved += item.improved;
                    mine.unchanged += item.unchanged;
                    mine.worse += item.worse;
                }
                None => self.items.push(item.clone()),
            }
        }
    }
}

impl AddAssign<&Timeliness> for Timeliness {
    fn add_assign(&mut self, o: &Timeliness) {
        self.programme_on_time += &o.programme_on_time;
        self.sent_on_time += &o.sent_on_time;
        self.visits_kept += &o.visits_kept;
        self.consilium_held += &o.consilium_held;
        self.caseload_within += &o.caseload_within;
    }
}

impl AddAssign<&SocialEffect> for SocialEffect {
    fn add_assign(&mut self, o: &SocialEffect) {
        self.families += o.families;
        self.closed_improvement += &o.closed_improvement;
        self.closed_loss_of_parental_rights += &o.closed_loss_of_parental_rights;
        self.children_returned += &o.children_returned;
    }
}

/// Adds stage counts by the stage's name, keeping the order first seen.
fn add_stages(mine: &mut Vec<StageCount>, other: &[StageCount]) {
    for stage in other {
        match mine.iter_mut().find(|s| s.stage == stage.stage) {
            Some(s) => s.families += stage.families,
            None => mine.push(stage.clone()),
        }
    }
}

impl AddAssign<&Figures> for Figures {
    /// Adds another centre's figures of the same period; curators are listed one after another
    /// (a person's caseload does not add), the name of the centre stays this one's.
    fn add_assign(&mut self, o: &Figures) {
        self.movement += &o.movement;
        self.curators.extend(o.curators.iter().cloned());
        self.children += &o.children;
        add_stages(&mut self.stages, &o.stages);
        self.criteria += &o.criteria;
        self.positive_dynamics += &o.positive_dynamics;
        self.timeliness += &o.timeliness;
        self.social_effect += &o.social_effect;
        self.previous_social_effect += &o.previous_social_effect;
    }
}
