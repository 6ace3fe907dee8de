//! A delegation takes its estimate from the budget (issue 17) over HTTP, on both
//! databases: its form offers the items that have an estimate (any other is refused beside
//! the field, what was typed kept); its page shows the estimate's approved total and,
//! once the delegation is back, the settlement from the item's payments.

use super::budget::fx;
use super::common::{self, TestApp, spawn_app};
use domain::Role;
use reqwest::StatusCode;

/// Posts the delegation's next status as `who`.
async fn status(who: &TestApp, path: &str, to: &str, version: &str) -> reqwest::Response {
    let csrf = who.csrf_from("/delegations").await;
    let form = [
        ("_csrf", csrf.as_str()),
        ("status", to),
        ("version", version),
    ];
    who.post(&format!("{path}/status"), &form).await
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, x)| (k.as_str(), x.as_str())).collect()
}

#[tokio::test]
async fn a_delegation_shows_its_estimate_and_its_settlement_after_the_return() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        let office_unit = f.app.unit_id("Văn phòng Sở").await;
        let office = TestApp::user_browser(&f.app, "office", &[Role::Office], &[office_unit]).await;
        f.approved().await;
        let c = f.contracted(&office, "20.000.000").await;
        f.paid(&c, "settlement", "14.000.000", "30/06/2025").await;
        let owned = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(k, x)| (k.to_string(), x.to_string()))
                .collect()
        };

        let qlds = f.app.unit_id("Phòng Quản lý Di sản").await.0.to_string();
        let csrf = f.lead.csrf_from("/delegations/new").await;
        let item = f.item.0.to_string();
        let form = |budget: &str| {
            owned(&[
                ("_csrf", &csrf),
                ("title", "Đoàn dự Hội nghị thường niên"),
                ("depart", "01/07/2025"),
                ("back", "06/07/2025"),
                ("cost", ""),
                ("unit", &qlds),
                ("budget_item", budget),
            ])
        };
        // The form offers the item; another is refused beside the field.
        let html = f.lead.get("/delegations/new").await.text().await.unwrap();
        assert!(
            html.contains(&format!("<option value=\"{item}\">")),
            "{html}"
        );
        let r = f.lead.post("/delegations", &pairs(&form("999999"))).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"g-budget-error\"")
                && html.contains("Chọn một nhiệm vụ đã có dự toán")
                && html.contains("value=\"Đoàn dự Hội nghị thường niên\""),
            "{html}"
        );
        let r = f.lead.post("/delegations", &pairs(&form(&item))).await;
        let path = r.url().path().to_string();
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"delegation-planned\">32.000.000 ₫"),
            "{html}"
        );
        assert!(!html.contains("id=\"delegation-settled\""), "not back yet");
        // A partner of the unit reads the delegation, not the budget.
        let qlds_id = f.app.unit_id("Phòng Quản lý Di sản").await;
        let partner = TestApp::user_browser(&f.app, "partner", &[Role::Partner], &[qlds_id]).await;
        let r = partner.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            !r.text()
                .await
                .unwrap()
                .contains("id=\"delegation-planned\"")
        );
        let d = f.app.store.list_delegations(None).await.unwrap();
        assert_eq!(d[0].budget_item, Some(f.item));

        // Submitted, approved by the Board, back: the settlement shows.
        status(&f.lead, &path, "submitted", "1").await;
        status(&f.board, &path, "approved", "2").await;
        let html = status(&f.lead, &path, "travelled", "3")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("id=\"delegation-settled\">14.000.000 ₫"),
            "{html}"
        );
    }
}
