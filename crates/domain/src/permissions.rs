//! Who may do what. Pure functions over an [`Actor`] (the signed-in user's roles and
//! units) and the units attached to an item; every route asks these.
//!
//! | role | view plan | view item | edit item | report on item | view grades | change item units | admin |
//! |---|---|---|---|---|---|---|---|
//! | Admin | all | all | all | – | all | yes | yes |
//! | Board | all | all | all | – | all | yes | – |
//! | Staff, Finance, Office | all | all | items a unit of theirs leads | items a unit of theirs leads or coordinates | as report | – | – |
//! | Partner | plans naming a unit of theirs | items naming a unit of theirs | – | items a unit of theirs leads or coordinates | as report | – | – |
//!
//! Roles add up: a user holding Staff and Partner gets the union. An inactive user may
//! do nothing.

use crate::ids::{UnitId, UserId};
use crate::vocab::{Role, UnitRelation};
use serde::{Deserialize, Serialize};

/// The user on whose behalf something is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: UserId,
    pub roles: Vec<Role>,
    pub unit_ids: Vec<UnitId>,
    pub active: bool,
}

impl Actor {
    pub fn has_role(&self, role: Role) -> bool {
        self.active && self.roles.contains(&role)
    }

    /// The Board or an admin: they see everything, direct, evaluate and report. The one
    /// definition every crate asks.
    pub fn is_board_or_admin(&self) -> bool {
        self.has_role(Role::Admin) || self.has_role(Role::Board)
    }

    /// Staff, Finance and Office: the department's own people. The one definition every
    /// crate asks.
    pub fn is_internal_member(&self) -> bool {
        self.has_role(Role::Staff) || self.has_role(Role::Finance) || self.has_role(Role::Office)
    }

    fn belongs_to_any(&self, units: impl IntoIterator<Item = UnitId>) -> bool {
        self.active && units.into_iter().any(|u| self.unit_ids.contains(&u))
    }
}

/// A unit attached to an item, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemUnit {
    pub unit_id: UnitId,
    pub relation: UnitRelation,
}

impl ItemUnit {
    /// The units of a list of (unit, relation) pairs, as the permission checks take them.
    pub fn all(units: &[(UnitId, UnitRelation)]) -> Vec<ItemUnit> {
        units
            .iter()
            .map(|&(unit_id, relation)| ItemUnit { unit_id, relation })
            .collect()
    }
}

/// Users, units, settings.
pub fn can_admin(user: &Actor) -> bool {
    user.has_role(Role::Admin)
}

/// `plan_units`: every unit named anywhere in the plan (items and responsibilities).
pub fn can_view_plan(user: &Actor, plan_units: &[UnitId]) -> bool {
    user.is_board_or_admin()
        || user.is_internal_member()
        || (user.has_role(Role::Partner) && user.belongs_to_any(plan_units.iter().copied()))
}

pub fn can_view_item(user: &Actor, item_units: &[ItemUnit]) -> bool {
    user.is_board_or_admin()
        || user.is_internal_member()
        || (user.has_role(Role::Partner)
            && user.belongs_to_any(item_units.iter().map(|u| u.unit_id)))
}

/// Change an item's own fields (text, dates, status, targets). The lead unit's people,
/// the Board and admins; never a partner (partners report, they do not edit the plan).
pub fn can_edit_item(user: &Actor, item_units: &[ItemUnit]) -> bool {
    user.is_board_or_admin()
        || (user.is_internal_member()
            && user.belongs_to_any(
                item_units
                    .iter()
                    .filter(|u| u.relation == UnitRelation::Lead)
                    .map(|u| u.unit_id),
            ))
}

/// File a progress report on an item: people of a lead or coordinating unit, partners
/// included. The Board evaluates rather than reports, admins administer.
pub fn can_report_on_item(user: &Actor, item_units: &[ItemUnit]) -> bool {
    (user.is_internal_member() || user.has_role(Role::Partner))
        && user.belongs_to_any(item_units.iter().map(|u| u.unit_id))
}

/// Read the Board's grades of an item (read-only on the item page): the Board and admins,
/// and the people who report on it (its units in effect, partners included). Other units
/// read the plan but not how another unit's work was judged.
pub fn can_view_grades(user: &Actor, item_units: &[ItemUnit]) -> bool {
    user.is_board_or_admin() || can_report_on_item(user, item_units)
}

/// Change which units lead and coordinate an item: the Board or an admin.
pub fn can_change_item_units(user: &Actor) -> bool {
    user.is_board_or_admin()
}

/// Correct a plan's number, symbol, date, signer and parent body: the Board, who answer
/// for the plan, and admins, who set the department up.
pub fn can_edit_plan_metadata(user: &Actor) -> bool {
    user.is_board_or_admin()
}

/// Read the audit log (per item, per plan, and its CSV): the Board and admins, who answer
/// for the plan; units see their own items' history through the reports' versions.
pub fn can_view_audit(user: &Actor) -> bool {
    user.is_board_or_admin()
}

/// Which items a user's lists may show: `None` for every item, `Some(units)` for only
/// items naming one of these units (a partner sees what is shared with it).
pub fn item_list_scope(user: &Actor) -> Option<Vec<UnitId>> {
    if user.is_board_or_admin() || user.is_internal_member() {
        None
    } else if user.has_role(Role::Partner) {
        Some(user.unit_ids.clone())
    } else {
        Some(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_is_for_the_board_and_admins_lists_scope_partners() {
        let who = |roles: Vec<Role>, units: Vec<i64>| Actor {
            user_id: UserId(1),
            roles,
            unit_ids: units.into_iter().map(UnitId).collect(),
            active: true,
        };
        assert!(can_view_audit(&who(vec![Role::Board], vec![])));
        assert!(can_view_audit(&who(vec![Role::Admin], vec![])));
        assert!(!can_view_audit(&who(vec![Role::Staff], vec![1])));
        assert!(!can_view_audit(&who(vec![Role::Partner], vec![1])));
        assert_eq!(item_list_scope(&who(vec![Role::Staff], vec![1])), None);
        assert_eq!(
            item_list_scope(&who(vec![Role::Partner], vec![7])),
            Some(vec![UnitId(7)])
        );
        // Staff and Partner together: the union, i.e. everything.
        assert_eq!(
            item_list_scope(&who(vec![Role::Partner, Role::Staff], vec![7])),
            None
        );
        let mut gone = who(vec![Role::Board], vec![]);
        gone.active = false;
        assert!(!can_view_audit(&gone));
        assert_eq!(item_list_scope(&gone), Some(vec![]));
    }

    const QLDS: UnitId = UnitId(1);
    const VP: UnitId = UnitId(2);
    const TAP_CHI: UnitId = UnitId(3);
    const OTHER: UnitId = UnitId(9);

    fn actor(roles: &[Role], units: &[UnitId]) -> Actor {
        Actor {
            user_id: UserId(1),
            roles: roles.to_vec(),
            unit_ids: units.to_vec(),
            active: true,
        }
    }

    fn item() -> Vec<ItemUnit> {
        vec![
            ItemUnit {
                unit_id: QLDS,
                relation: UnitRelation::Lead,
            },
            ItemUnit {
                unit_id: TAP_CHI,
                relation: UnitRelation::Lead,
            },
            ItemUnit {
                unit_id: VP,
                relation: UnitRelation::Coordinating,
            },
        ]
    }

    fn plan_units() -> Vec<UnitId> {
        vec![QLDS, VP, TAP_CHI]
    }

    #[test]
    fn admin() {
        let a = actor(&[Role::Admin], &[]);
        assert!(can_admin(&a));
        assert!(can_view_plan(&a, &plan_units()));
        assert!(can_view_item(&a, &item()));
        assert!(can_edit_item(&a, &item()));
        assert!(!can_report_on_item(&a, &item()));
        assert!(can_change_item_units(&a));
    }

    #[test]
    fn board() {
        let b = actor(&[Role::Board], &[]);
        assert!(!can_admin(&b));
        assert!(can_view_plan(&b, &plan_units()));
        assert!(can_edit_item(&b, &item()));
        assert!(!can_report_on_item(&b, &item()));
        assert!(can_change_item_units(&b));
    }

    #[test]
    fn staff_of_lead_unit() {
        let s = actor(&[Role::Staff], &[QLDS]);
        assert!(!can_admin(&s));
        assert!(can_view_plan(&s, &plan_units()));
        assert!(can_edit_item(&s, &item()));
        assert!(can_report_on_item(&s, &item()));
        assert!(!can_change_item_units(&s));
    }

    #[test]
    fn staff_of_coordinating_unit_reports_but_does_not_edit() {
        for role in [Role::Staff, Role::Office] {
            let s = actor(&[role], &[VP]);
            assert!(can_view_item(&s, &item()));
            assert!(!can_edit_item(&s, &item()));
            assert!(can_report_on_item(&s, &item()));
        }
    }

    #[test]
    fn user_of_another_unit_only_reads() {
        for role in [Role::Staff, Role::Finance, Role::Office] {
            let s = actor(&[role], &[OTHER]);
            assert!(can_view_plan(&s, &plan_units()));
            assert!(can_view_item(&s, &item()));
            assert!(!can_edit_item(&s, &item()));
            assert!(!can_report_on_item(&s, &item()));
            assert!(!can_change_item_units(&s));
            assert!(!can_admin(&s));
        }
    }

    #[test]
    fn finance_of_lead_unit_edits() {
        let f = actor(&[Role::Finance], &[QLDS]);
        assert!(can_edit_item(&f, &item()));
    }

    #[test]
    fn partner_sees_and_reports_only_its_own() {
        let p = actor(&[Role::Partner], &[TAP_CHI]);
        assert!(can_view_plan(&p, &plan_units()));
        assert!(can_view_item(&p, &item()));
        assert!(can_report_on_item(&p, &item()));
        assert!(!can_edit_item(&p, &item()), "partners never edit the plan");
        let elsewhere = [ItemUnit {
            unit_id: QLDS,
            relation: UnitRelation::Lead,
        }];
        assert!(!can_view_item(&p, &elsewhere));
        assert!(!can_report_on_item(&p, &elsewhere));
        assert!(!can_view_plan(&p, &[QLDS, VP]));
        assert!(!can_admin(&p));
    }

    #[test]
    fn grades_are_read_by_the_board_and_the_items_own_units() {
        assert!(can_view_grades(&actor(&[Role::Board], &[]), &item()));
        assert!(can_view_grades(&actor(&[Role::Admin], &[]), &item()));
        assert!(can_view_grades(&actor(&[Role::Staff], &[QLDS]), &item()));
        assert!(can_view_grades(&actor(&[Role::Office], &[VP]), &item()));
        assert!(can_view_grades(
            &actor(&[Role::Partner], &[TAP_CHI]),
            &item()
        ));
        assert!(!can_view_grades(&actor(&[Role::Staff], &[OTHER]), &item()));
        assert!(!can_view_grades(
            &actor(&[Role::Finance], &[OTHER]),
            &item()
        ));
    }

    #[test]
    fn inactive_users_may_do_nothing() {
        let mut a = actor(&[Role::Admin, Role::Staff], &[QLDS]);
        a.active = false;
        assert!(!can_admin(&a));
        assert!(!can_view_plan(&a, &plan_units()));
        assert!(!can_view_item(&a, &item()));
        assert!(!can_edit_item(&a, &item()));
        assert!(!can_report_on_item(&a, &item()));
    }

    #[test]
    fn no_roles_no_rights() {
        let n = actor(&[], &[QLDS]);
        assert!(!can_view_plan(&n, &plan_units()));
        assert!(!can_edit_item(&n, &item()));
        assert!(!can_report_on_item(&n, &item()));
    }
}
