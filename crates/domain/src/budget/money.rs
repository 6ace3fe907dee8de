//! An item's money as of a date: planned (its approved estimate), contracted, paid and
//! settled. The one summing rule: the item's page, the plan's budget, the dashboard and
//! the results report all ask [`MoneyFacts::as_of`], so they say the same figures for
//! the same day.
//!
//! Each fact counts from its own day in Hanoi: an estimate from the day the Board approved
//! it, a contract from its signing date (else the day it was recorded), a payment from
//! its `paid_on`.

use super::PaymentKind;
use chrono::NaiveDate;
use serde::Serialize;

/// Planned, contracted, paid (every payment, the settlement included) and settled (the
/// settlement payments), in whole đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct MoneyFigures {
    pub planned: i64,
    pub contracted: i64,
    pub paid: i64,
    pub settled: i64,
}

impl MoneyFigures {
    /// Adds another item's (or unit's) figures. Each amount is bounded by `MAX_AMOUNT`
    /// (10^15), so a plan's sum stays far inside i64; saturating all the same.
    pub fn add(&mut self, o: &MoneyFigures) {
        self.planned = self.planned.saturating_add(o.planned);
        self.contracted = self.contracted.saturating_add(o.contracted);
        self.paid = self.paid.saturating_add(o.paid);
        self.settled = self.settled.saturating_add(o.settled);
    }

    /// The sum of many.
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a MoneyFigures>) -> MoneyFigures {
        let mut out = MoneyFigures::default();
        all.into_iter().for_each(|f| out.add(f));
        out
    }
}

/// An approved revision of the item's estimate: the day (Hanoi) it was approved, its
/// number and total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovedTotal {
    pub approved_on: NaiveDate,
    pub revision: i64,
    pub total: i64,
}

/// A contract: the day it counts from and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractValue {
    pub counts_from: NaiveDate,
    pub value: i64,
}

/// A payment of one of the item's contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentAmount {
    pub kind: PaymentKind,
    pub paid_on: NaiveDate,
    pub amount: i64,
}

/// Everything an item's money is made of, in any order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MoneyFacts {
    pub approved: Vec<ApprovedTotal>,
    pub contracts: Vec<ContractValue>,
    pub payments: Vec<PaymentAmount>,
}

impl MoneyFacts {
    /// The figures at the end of `day`: planned is the latest revision approved by then
    /// (a revision approved later does not change an earlier day's figure); contracts
    /// signed and payments made on or before it.
    pub fn as_of(&self, day: NaiveDate) -> MoneyFigures {
        let planned = self
            .approved
            .iter()
            .filter(|a| a.approved_on <= day)
            .max_by_key(|a| a.revision)
            .map_or(0, |a| a.total);
        let sum = |it: &mut dyn Iterator<Item = i64>| it.fold(0i64, i64::saturating_add);
        let payments = || self.payments.iter().filter(|p| p.paid_on <= day);
        MoneyFigures {
            planned,
            contracted: sum(&mut self
                .contracts
                .iter()
                .filter(|c| c.counts_from <= day)
                .map(|c| c.value)),
            paid: sum(&mut payments().map(|p| p.amount)),
            settled: sum(&mut payments()
                .filter(|p| p.kind == PaymentKind::Settlement)
                .map(|p| p.amount)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn facts() -> MoneyFacts {
        MoneyFacts {
            approved: vec![
                ApprovedTotal {
                    approved_on: d("2025-04-01"),
                    revision: 1,
                    total: 32_000_000,
                },
                ApprovedTotal {
                    approved_on: d("2025-08-01"),
                    revision: 2,
                    total: 40_000_000,
                },
            ],
            contracts: vec![ContractValue {
                counts_from: d("2025-05-02"),
                value: 20_000_000,
            }],
            payments: vec![
                PaymentAmount {
                    kind: PaymentKind::Advance,
                    paid_on: d("2025-05-10"),
                    amount: 6_000_000,
                },
                PaymentAmount {
                    kind: PaymentKind::Settlement,
                    paid_on: d("2025-06-30"),
                    amount: 4_000_000,
                },
                PaymentAmount {
                    kind: PaymentKind::Acceptance,
                    paid_on: d("2025-07-01"),
                    amount: 10_000_000,
                },
            ],
        }
    }

    #[test]
    fn each_fact_counts_from_its_own_day() {
        let f = facts();
        assert_eq!(f.as_of(d("2025-03-31")), MoneyFigures::default());
        let at = |p, c, paid, s| MoneyFigures {
            planned: p,
            contracted: c,
            paid,
            settled: s,
        };
        assert_eq!(f.as_of(d("2025-04-01")), at(32_000_000, 0, 0, 0));
        assert_eq!(f.as_of(d("2025-05-02")), at(32_000_000, 20_000_000, 0, 0));
        // The period's last day counts; the payment of the day after does not.
        assert_eq!(
            f.as_of(d("2025-06-30")),
            at(32_000_000, 20_000_000, 10_000_000, 4_000_000)
        );
        assert_eq!(
            f.as_of(d("2025-07-31")),
            at(32_000_000, 20_000_000, 20_000_000, 4_000_000)
        );
        // The revision approved in August is planned from then on.
        assert_eq!(f.as_of(d("2025-08-01")).planned, 40_000_000);
    }

    #[test]
    fn sums_add_every_figure() {
        let f = facts().as_of(d("2025-12-31"));
        let s = MoneyFigures::sum([&f, &f]);
        assert_eq!(s.planned, 80_000_000);
        assert_eq!(s.paid, 40_000_000);
        assert_eq!(s.settled, 8_000_000);
        assert_eq!(s.contracted, 40_000_000);
    }
}
