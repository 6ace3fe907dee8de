use super::*;
use crate::ids::{UnitId, UserId};
use crate::permissions::{Actor, ItemUnit};
use crate::vocab::{Role, UnitRelation};

const LEAD: UnitId = UnitId(1);
const COORD: UnitId = UnitId(2);
const OTHER: UnitId = UnitId(3);

fn actor(id: i64, roles: &[Role], units: &[UnitId]) -> Actor {
    Actor {
        user_id: UserId(id),
        roles: roles.to_vec(),
        unit_ids: units.to_vec(),
        active: true,
    }
}

fn lead_staff() -> Actor {
    actor(1, &[Role::Staff], &[LEAD])
}
fn finance() -> Actor {
    actor(2, &[Role::Finance], &[UnitId(9)])
}
fn board() -> Actor {
    actor(3, &[Role::Board], &[])
}

fn subject(status: EstimateStatus) -> EstimateSubject {
    EstimateSubject {
        status,
        item_units: vec![
            ItemUnit {
                unit_id: LEAD,
                relation: UnitRelation::Lead,
            },
            ItemUnit {
                unit_id: COORD,
                relation: UnitRelation::Coordinating,
            },
        ],
        submitted_by: (status != EstimateStatus::Draft).then_some(UserId(1)),
        verified_by: matches!(
            status,
            EstimateStatus::Verified | EstimateStatus::Approved | EstimateStatus::Rejected
        )
        .then_some(UserId(2)),
        line_count: 2,
        latest: true,
    }
}

// ---- amounts ----------------------------------------------------------------------------

#[test]
fn amounts_read_as_people_type_them() {
    let ok = |s: &str| Amount::parse(s).map(Amount::get);
    assert_eq!(ok("1.500.000"), Ok(1_500_000));
    assert_eq!(ok("1 500 000 ₫"), Ok(1_500_000));
    assert_eq!(ok("1500000đ"), Ok(1_500_000));
    assert_eq!(ok("  0 "), Ok(0));
    assert_eq!(ok("1.000.000.000.000.000"), Ok(MAX_AMOUNT));
    // Exact past 2^53, where a float would round.
    assert_eq!(
        ok("900.719.925.474.099.3"),
        Err(BudgetError::BadAmount("900.719.925.474.099.3".into()))
    );
    assert_eq!(ok("900719925474099"), Ok(900_719_925_474_099));
}

#[test]
fn negative_overflowing_and_unreadable_amounts_are_refused_each_with_its_reason() {
    assert_eq!(
        Amount::parse("-5.000"),
        Err(BudgetError::NegativeAmount("-5.000".into()))
    );
    assert_eq!(
        Amount::parse("−5000"),
        Err(BudgetError::NegativeAmount("−5000".into()))
    );
    assert_eq!(
        Amount::parse("99999999999999999999999"),
        Err(BudgetError::AmountTooLarge(
            "99999999999999999999999".into()
        ))
    );
    assert_eq!(
        Amount::parse("1.000.000.000.000.001"),
        Err(BudgetError::AmountTooLarge("1.000.000.000.000.001".into()))
    );
    for bad in ["", "abc", "1,5", "1.5", "1.50.000", "12a", "1..000"] {
        assert_eq!(
            Amount::parse(bad),
            Err(BudgetError::BadAmount(bad.trim().into())),
            "{bad:?}"
        );
    }
    assert_eq!(Amount::new(-1).unwrap_err().key(), "budget.negative_amount");
    assert_eq!(
        Amount::new(MAX_AMOUNT + 1).unwrap_err().key(),
        "budget.amount_too_large"
    );
}

#[test]
fn a_line_amount_is_checked_for_overflow() {
    let price = Amount::new(MAX_AMOUNT).unwrap();
    assert_eq!(price.times(1), Ok(price));
    assert_eq!(price.times(2), Err(BudgetError::LineTooLarge));
    assert_eq!(
        Amount::new(i64::MAX / 2 + 1).map(|_| ()),
        Err(BudgetError::AmountTooLarge(
            vntext::format::group_thousands(i64::MAX / 2 + 1)
        ))
    );
    assert_eq!(
        Amount::new(5_000_000).unwrap().times(3).unwrap().get(),
        15_000_000
    );
    let big = Amount::new(MAX_AMOUNT / 2 + 1).unwrap();
    assert_eq!(total([big, big]), Err(BudgetError::TotalTooLarge));
    assert_eq!(total([]).unwrap(), Amount::ZERO);
}

#[test]
fn quantities_are_whole_and_positive() {
    assert_eq!(parse_quantity("3"), Ok(3));
    assert_eq!(parse_quantity("1.000"), Ok(1000));
    for bad in ["0", "-2", "2,5", "", "x", "1.000.001"] {
        assert!(parse_quantity(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn a_line_reads_with_every_problem_beside_its_field() {
    let good = LineInput {
        category: "interpretation".into(),
        description: "Phiên dịch Anh – Việt".into(),
        unit: "buổi".into(),
        quantity: "4".into(),
        unit_price: "5.000.000".into(),
        note: String::new(),
    };
    let line = good.parse().unwrap();
    assert_eq!(line.category, "interpretation");
    assert_eq!(line.amount.get(), 20_000_000);

    let bad = LineInput {
        category: "Catering!".into(),
        description: "  ".into(),
        quantity: "0".into(),
        unit_price: "-1".into(),
        ..good.clone()
    };
    let errs = bad.parse().unwrap_err();
    let fields: Vec<LineField> = errs.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [
            LineField::Category,
            LineField::Description,
            LineField::Quantity,
            LineField::UnitPrice
        ]
    );
    let overflow = LineInput {
        quantity: "1.000".into(),
        unit_price: "1.000.000.000.000.000".into(),
        ..good
    };
    assert_eq!(
        overflow.parse().unwrap_err(),
        [(LineField::UnitPrice, BudgetError::LineTooLarge)]
    );
}

#[test]
fn a_category_reads_with_a_code_derived_from_its_name() {
    let c = CategoryInput {
        name_vi: "  Thuê thiết bị, Đường truyền ".into(),
        ..Default::default()
    };
    let c = c.parse().unwrap();
    assert_eq!(c.code, "thue_thiet_bi_duong_truyen");
    assert_eq!(c.name_en, "");
    assert_eq!(derive_code("Khác"), "khac");
    assert_eq!(derive_code(&"ă".repeat(60)).len(), MAX_CATEGORY_CODE);
    let typed = CategoryInput {
        code: "catering".into(),
        name_vi: "Hậu cần".into(),
        name_en: "Catering".into(),
    };
    assert_eq!(typed.parse().unwrap().code, "catering");
}

#[test]
fn a_bad_category_is_refused_beside_its_field() {
    let empty = CategoryInput::default().parse().unwrap_err();
    assert_eq!(
        empty,
        [(CategoryField::NameVi, BudgetError::CategoryNameRequired)]
    );
    let long = CategoryInput {
        code: "Bad Code".into(),
        name_vi: "x".repeat(MAX_CATEGORY_NAME + 1),
        name_en: "y".repeat(MAX_CATEGORY_NAME + 1),
    };
    let fields: Vec<CategoryField> = long.parse().unwrap_err().iter().map(|e| e.0).collect();
    assert_eq!(
        fields,
        [
            CategoryField::NameVi,
            CategoryField::NameEn,
            CategoryField::Code
        ]
    );
    assert!(check_code(&"a".repeat(MAX_CATEGORY_CODE + 1)).is_err());
    assert!(check_code("ok_2").is_ok());
    // Only punctuation: nothing to derive a code from.
    let dots = CategoryInput {
        name_vi: "…".into(),
        ..Default::default()
    };
    assert_eq!(dots.parse().unwrap_err()[0].0, CategoryField::Code);
}

// ---- workflow ---------------------------------------------------------------------------

#[test]
fn the_happy_path() {
    use EstimateAction as A;
    use EstimateStatus as S;
    assert_eq!(
        check_step(&lead_staff(), &subject(S::Draft), A::Submit, ""),
        Ok(S::Submitted)
    );
    assert_eq!(
        check_step(&finance(), &subject(S::Submitted), A::Verify, ""),
        Ok(S::Verified)
    );
    assert_eq!(
        check_step(&board(), &subject(S::Verified), A::Approve, ""),
        Ok(S::Approved)
    );
}

#[test]
fn finance_returns_to_draft_and_the_board_rejects_each_with_a_comment() {
    use EstimateAction as A;
    use EstimateStatus as S;
    assert_eq!(
        check_step(&finance(), &subject(S::Submitted), A::Return, " "),
        Err(BudgetError::CommentRequired)
    );
    assert_eq!(
        check_step(
            &finance(),
            &subject(S::Submitted),
            A::Return,
            "thiếu báo giá"
        ),
        Ok(S::Draft)
    );
    assert_eq!(
        check_step(&board(), &subject(S::Verified), A::Reject, ""),
        Err(BudgetError::CommentRequired)
    );
    assert_eq!(
        check_step(&board(), &subject(S::Verified), A::Reject, "vượt nguồn"),
        Ok(S::Rejected)
    );
    let long = "x".repeat(crate::oversight::MAX_COMMENT_CHARS + 1);
    assert!(matches!(
        check_step(&board(), &subject(S::Verified), A::Approve, &long),
        Err(BudgetError::TooLong { .. })
    ));
}

#[test]
fn only_the_lead_units_people_draft_and_submit() {
    use EstimateAction as A;
    let s = subject(EstimateStatus::Draft);
    let refused = |a: &Actor| check_step(a, &s, A::Submit, "");
    let forbidden = Err(BudgetError::Forbidden { action: A::Submit });
    assert_eq!(refused(&actor(5, &[Role::Staff], &[COORD])), forbidden);
    assert_eq!(refused(&actor(5, &[Role::Staff], &[OTHER])), forbidden);
    assert_eq!(refused(&actor(5, &[Role::Partner], &[LEAD])), forbidden);
    assert_eq!(refused(&board()), forbidden);
    assert_eq!(refused(&actor(5, &[Role::Admin], &[LEAD])), forbidden);
    let mut inactive = lead_staff();
    inactive.active = false;
    assert_eq!(refused(&inactive), forbidden);
    assert!(check_edit_lines(&lead_staff(), &s).is_ok());
    assert!(check_edit_lines(&actor(5, &[Role::Staff], &[COORD]), &s).is_err());
}

#[test]
fn only_finance_verifies_and_only_the_board_approves() {
    use EstimateAction as A;
    use EstimateStatus as S;
    for a in [lead_staff(), board(), actor(5, &[Role::Office], &[OTHER])] {
        assert_eq!(
            check_step(&a, &subject(S::Submitted), A::Verify, ""),
            Err(BudgetError::Forbidden { action: A::Verify }),
            "{a:?}"
        );
    }
    for a in [lead_staff(), finance(), actor(5, &[Role::Admin], &[])] {
        assert_eq!(
            check_step(&a, &subject(S::Verified), A::Approve, ""),
            Err(BudgetError::Forbidden { action: A::Approve }),
            "{a:?}"
        );
    }
}

#[test]
fn nobody_verifies_or_approves_their_own_submission() {
    use EstimateAction as A;
    use EstimateStatus as S;
    // A Finance officer of the lead unit drafts and submits; they cannot verify it.
    let both = actor(1, &[Role::Staff, Role::Finance, Role::Board], &[LEAD]);
    assert_eq!(
        check_step(&both, &subject(S::Submitted), A::Verify, ""),
        Err(BudgetError::OwnSubmission { action: A::Verify })
    );
    assert_eq!(
        check_step(&both, &subject(S::Verified), A::Approve, ""),
        Err(BudgetError::OwnSubmission { action: A::Approve })
    );
    // Nor does the Board member who verified it approve it.
    let verifier = actor(2, &[Role::Finance, Role::Board], &[]);
    assert_eq!(
        check_step(&verifier, &subject(S::Verified), A::Approve, ""),
        Err(BudgetError::OwnSubmission { action: A::Approve })
    );
}

#[test]
fn steps_only_from_their_status() {
    use EstimateAction as A;
    use EstimateStatus as S;
    assert_eq!(
        check_step(&board(), &subject(S::Submitted), A::Approve, ""),
        Err(BudgetError::Transition {
            from: S::Submitted,
            action: A::Approve
        })
    );
    assert_eq!(
        check_step(&finance(), &subject(S::Verified), A::Verify, ""),
        Err(BudgetError::Transition {
            from: S::Verified,
            action: A::Verify
        })
    );
    assert_eq!(
        check_step(&lead_staff(), &subject(S::Submitted), A::Submit, ""),
        Err(BudgetError::Transition {
            from: S::Submitted,
            action: A::Submit
        })
    );
    let mut empty = subject(S::Draft);
    empty.line_count = 0;
    assert_eq!(
        check_step(&lead_staff(), &empty, A::Submit, ""),
        Err(BudgetError::NoLines)
    );
}

#[test]
fn an_approved_estimate_is_locked_and_a_change_opens_a_revision() {
    use EstimateStatus as S;
    for s in [S::Submitted, S::Verified, S::Approved, S::Rejected] {
        assert_eq!(
            check_edit_lines(&lead_staff(), &subject(s)),
            Err(BudgetError::Locked { status: s })
        );
    }
    assert!(check_revise(&lead_staff(), &subject(S::Approved)).is_ok());
    assert!(check_revise(&lead_staff(), &subject(S::Rejected)).is_ok());
    assert!(check_revise(&lead_staff(), &subject(S::Draft)).is_err());
    assert!(check_revise(&finance(), &subject(S::Approved)).is_err());
    let mut old = subject(S::Approved);
    old.latest = false;
    assert_eq!(
        check_revise(&lead_staff(), &old),
        Err(BudgetError::NotLatest)
    );
    assert_eq!(
        check_edit_lines(
            &lead_staff(),
            &EstimateSubject {
                latest: false,
                ..subject(S::Draft)
            }
        ),
        Err(BudgetError::NotLatest)
    );
}

#[test]
fn the_page_offers_only_the_steps_one_may_take() {
    use EstimateAction as A;
    use EstimateStatus as S;
    let offered = |a: &Actor, s: S| -> Vec<A> {
        A::STEPS
            .iter()
            .copied()
            .filter(|x| may_take(a, &subject(s), *x))
            .collect()
    };
    assert_eq!(offered(&lead_staff(), S::Draft), [A::Submit]);
    assert_eq!(offered(&finance(), S::Submitted), [A::Verify, A::Return]);
    assert_eq!(offered(&board(), S::Verified), [A::Approve, A::Reject]);
    assert!(offered(&board(), S::Submitted).is_empty());
    assert!(offered(&actor(7, &[Role::Partner], &[LEAD]), S::Draft).is_empty());
}

#[test]
fn codes_round_trip() {
    for s in EstimateStatus::ALL {
        assert_eq!(s.as_str().parse::<EstimateStatus>().unwrap(), *s);
    }
    for a in EstimateAction::ALL {
        assert_eq!(a.as_str().parse::<EstimateAction>().unwrap(), *a);
    }
}

#[test]
fn partners_do_not_read_budgets() {
    assert!(can_view_budget(&lead_staff()));
    assert!(can_view_budget(&finance()));
    assert!(can_view_budget(&board()));
    assert!(can_view_budget(&actor(5, &[Role::Office], &[])));
    assert!(!can_view_budget(&actor(5, &[Role::Partner], &[LEAD])));
    assert!(can_manage_funding(&finance()));
    assert!(!can_manage_funding(&lead_staff()));
}

// ---- contracts and payments -------------------------------------------------------------

fn dong(v: i64) -> Amount {
    Amount::new(v).unwrap()
}

#[test]
fn a_contract_above_its_estimate_lines_needs_a_reason() {
    assert_eq!(
        check_contract(dong(20_000_000), dong(20_000_000), " "),
        Ok(None)
    );
    assert_eq!(
        check_contract(dong(21_000_000), dong(20_000_000), ""),
        Err(BudgetError::ContractAboveEstimate {
            value: 21_000_000,
            estimate: 20_000_000
        })
    );
    assert_eq!(
        check_contract(dong(21_000_000), dong(20_000_000), " giá thị trường tăng "),
        Ok(Some("giá thị trường tăng".into()))
    );
}

#[test]
fn nothing_is_paid_beyond_the_contract_without_a_reason() {
    let value = dong(20_000_000);
    assert_eq!(
        check_payment(value, dong(10_000_000), dong(10_000_000), ""),
        Ok(None)
    );
    assert_eq!(
        check_payment(value, dong(10_000_000), dong(10_000_001), ""),
        Err(BudgetError::PaymentAboveContract {
            value: 20_000_000,
            paid: 10_000_000,
            amount: 10_000_001
        })
    );
    assert!(check_payment(value, dong(10_000_000), dong(10_000_001), "phát sinh").is_ok());
    assert_eq!(
        check_payment(value, dong(MAX_AMOUNT), dong(1), "x"),
        Err(BudgetError::TotalTooLarge)
    );
}

#[test]
fn the_office_signs_and_finance_or_the_lead_unit_pays() {
    let office = actor(6, &[Role::Office], &[OTHER]);
    assert!(can_record_contract(&office));
    assert!(!can_record_contract(&finance()) && !can_record_contract(&board()));
    let s = subject(EstimateStatus::Approved);
    assert!(can_record_payment(&finance(), &s.item_units));
    assert!(can_record_payment(&lead_staff(), &s.item_units));
    assert!(!can_record_payment(&office, &s.item_units));
    assert!(!can_record_payment(&board(), &s.item_units));
    assert!(!can_record_payment(
        &actor(7, &[Role::Partner], &[LEAD]),
        &s.item_units
    ));
}
