//! The estimate line categories (issue 17) on both backends: seeded with the eight
//! headings; the admin adds, renames, deactivates and reactivates one, each audited; a
//! taken code, another role, a stale form and a line under an inactive category are
//! refused; an old line keeps its category's (new) name.

use super::budget::{budget_err, is_conflict, line};
use super::oversight::fx;
use super::*;
use domain::budget::{BudgetError, CategoryInput, ParsedCategory};

conformance!(
    budget_categories_are_seeded_and_configured,
    budget_categories_refuse_taken_codes_and_other_roles,
);

fn category(code: &str, name_vi: &str) -> ParsedCategory {
    CategoryInput {
        code: code.into(),
        name_vi: name_vi.into(),
        name_en: String::new(),
    }
    .parse()
    .unwrap()
}

async fn budget_categories_are_seeded_and_configured(store: &Store) {
    let f = fx(store).await;
    let seeded = store.budget_categories().await.unwrap();
    let codes: Vec<&str> = seeded.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "interpretation",
            "experts",
            "travel",
            "printing",
            "production",
            "equipment_rental",
            "venue",
            "other"
        ]
    );
    assert!(seeded.iter().all(|c| c.active && c.version == 1));

    store
        .add_budget_category(&category("", "Hậu cần"), &f.admin)
        .await
        .unwrap();
    let all = store.budget_categories().await.unwrap();
    let added = all.last().unwrap();
    assert_eq!((added.code.as_str(), added.position), ("hau_can", 9));

    // A line under it, then it is renamed and deactivated: the line keeps its new name.
    store
        .add_estimate_line(f.item1, 0, &line("hau_can", "2", "1.000.000"), &f.lead)
        .await
        .unwrap();
    store
        .rename_budget_category("hau_can", 1, ("Hậu cần sự kiện", "Logistics"), &f.admin)
        .await
        .unwrap();
    store
        .set_budget_category_active("hau_can", 2, false, &f.admin)
        .await
        .unwrap();
    let e = store.item_budget(f.item1).await.unwrap().estimate.unwrap();
    assert_eq!(e.lines[0].category_vi, "Hậu cần sự kiện");
    assert_eq!(e.lines[0].category_label(domain::Language::En), "Logistics");

    // No new line under an inactive category, nor an unknown one.
    let refused = store
        .add_estimate_line(f.item1, e.version, &line("hau_can", "1", "1"), &f.lead)
        .await;
    assert_eq!(
        budget_err(refused),
        BudgetError::CategoryInactive("hau_can".into())
    );
    let unknown = store
        .add_estimate_line(f.item1, e.version, &line("catering", "1", "1"), &f.lead)
        .await;
    assert_eq!(budget_err(unknown), BudgetError::BadCategory);

    store
        .set_budget_category_active("hau_can", 3, true, &f.admin)
        .await
        .unwrap();
    store
        .add_estimate_line(f.item1, e.version, &line("hau_can", "1", "1"), &f.lead)
        .await
        .unwrap();

    let log = store.audit_recent(50).await.unwrap();
    let actions: Vec<&str> = log
        .iter()
        .filter(|a| a.entity == "budget_category")
        .map(|a| a.action.as_str())
        .collect();
    for a in [
        "budget_category.add",
        "budget_category.rename",
        "budget_category.deactivate",
        "budget_category.reactivate",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
}

async fn budget_categories_refuse_taken_codes_and_other_roles(store: &Store) {
    let f = fx(store).await;
    let taken = store
        .add_budget_category(&category("venue", "Hội trường"), &f.admin)
        .await;
    assert_eq!(
        budget_err(taken),
        BudgetError::CategoryCodeTaken("venue".into())
    );
    let lead = store
        .add_budget_category(&category("", "Hậu cần"), &f.lead)
        .await;
    assert_eq!(budget_err(lead), BudgetError::CategoryForbidden);
    let board = store
        .set_budget_category_active("venue", 1, false, &f.board)
        .await;
    assert_eq!(budget_err(board), BudgetError::CategoryForbidden);
    let stale = store
        .rename_budget_category("venue", 7, ("Địa điểm tổ chức", ""), &f.admin)
        .await;
    assert_eq!(is_conflict(stale).current, 1);
    let missing = store
        .set_budget_category_active("nowhere", 1, false, &f.admin)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound(_))));
    assert_eq!(store.budget_categories().await.unwrap().len(), 8);
}
