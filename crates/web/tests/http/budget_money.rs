//! Budget (issue 17) over HTTP, on both databases: the money after the estimate. The
//! Office's contract and the payments stay within their bounds unless a reason is given,
//! beside its field; the plan's budget page, its settlement summary (XLSX) and the
//! dashboard say the same figures as the item's page; Finance records funding sources.

use super::budget::{Fx, fx, saved};
use super::common::{self, TestApp, spawn_app};
use domain::Role;
use reqwest::StatusCode;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

impl Fx {
    /// Drafted, submitted, verified and approved.
    pub(super) async fn approved(&self) {
        self.drafted().await;
        assert!(saved(&self.step(&self.lead, "submit", "").await));
        assert!(saved(&self.step(&self.finance, "verify", "").await));
        assert!(saved(&self.step(&self.board, "approve", "").await));
    }

    /// The Office's contract (Lê Thu Hà, `value`, signed 02/05/2025) for the approved
    /// estimate's first line; its id.
    pub(super) async fn contracted(&self, office: &TestApp, value: &str) -> String {
        let e = self.app.store.item_budget(self.item).await.unwrap();
        let line = e.estimate.unwrap().lines[0].id.to_string();
        let fields = [
            ("vendor", "Lê Thu Hà"),
            ("vendor_kind", "person"),
            ("subject", "Phiên dịch các phiên họp trực tuyến"),
            ("value", value),
            ("signed_on", "02/05/2025"),
            ("term_end", "31/12/2025"),
            ("override_reason", ""),
            ("lines", &line),
        ];
        let owned = fields.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        let r = self.post_money(office, "contracts", owned.collect()).await;
        assert!(saved(&r), "contracted");
        let contracts = self.app.store.item_contracts(self.item).await.unwrap();
        contracts.last().unwrap().id.to_string()
    }

    /// Finance records a payment of the contract, paid on `on` (dd/mm/yyyy).
    pub(super) async fn paid(&self, contract: &str, kind: &str, amount: &str, on: &str) {
        let fields = [
            ("contract", contract),
            ("kind", kind),
            ("amount", amount),
            ("paid_on", on),
            ("note", "Chứng từ"),
            ("over_reason", ""),
        ];
        let owned = fields.iter().map(|(k, v)| (k.to_string(), v.to_string()));
        let r = self
            .post_money(&self.finance, "payments", owned.collect())
            .await;
        assert!(saved(&r), "{kind} {amount} paid");
    }

    pub(super) async fn post_money(
        &self,
        who: &TestApp,
        path: &str,
        fields: Vec<(String, String)>,
    ) -> reqwest::Response {
        let csrf = who.csrf_from("/").await;
        let mut form = vec![("_csrf", csrf.as_str())];
        form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        who.post(&format!("/items/{}/{path}", self.item.0), &form)
            .await
    }
}

#[tokio::test]
async fn the_office_contracts_and_payments_stay_within_their_bounds() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        let office_unit = f.app.unit_id("Văn phòng Sở").await;
        let office = TestApp::user_browser(&f.app, "office", &[Role::Office], &[office_unit]).await;
        f.approved().await;
        let e = f
            .app
            .store
            .item_budget(f.item)
            .await
            .unwrap()
            .estimate
            .unwrap();
        let line = e.lines[0].id.to_string(); // 4 × 5.000.000 interpretation
        let contract = |value: &'static str, reason: &'static str| {
            vec![
                ("vendor", "Lê Thu Hà"),
                ("vendor_kind", "person"),
                ("subject", "Phiên dịch các phiên họp trực tuyến"),
                ("value", value),
                ("signed_on", "02/05/2025"),
                ("term_end", "31/12/2025"),
                ("override_reason", reason),
            ]
        };
        let with_line = |mut v: Vec<(&'static str, &'static str)>, line: &str| {
            let mut owned: Vec<(String, String)> = v
                .drain(..)
                .map(|(k, x)| (k.to_string(), x.to_string()))
                .collect();
            owned.push(("lines".into(), line.to_string()));
            owned
        };
        // Finance does not sign contracts.
        let r = f
            .post_money(
                &f.finance,
                "contracts",
                with_line(contract("20.000.000", ""), &line),
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // Above its estimate line without a reason: the message beside the reason.
        let r = f
            .post_money(
                &office,
                "contracts",
                with_line(contract("21.000.000", ""), &line),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("vượt các dòng dự toán đã chọn (20.000.000 ₫)"),
            "{html}"
        );
        assert!(html.contains("id=\"c-reason-error\"") && html.contains("value=\"Lê Thu Hà\""));
        let r = f
            .post_money(&office, "contracts", with_line(contract("-1", ""), &line))
            .await;
        assert!(r.text().await.unwrap().contains("id=\"c-value-error\""));
        let r = f
            .post_money(
                &office,
                "contracts",
                with_line(contract("20.000.000", ""), &line),
            )
            .await;
        assert!(saved(&r));
        let c = f.app.store.item_contracts(f.item).await.unwrap()[0]
            .id
            .to_string();

        // The signed contract, attached by the Office, read by Finance; the Board does not
        // attach.
        let attach = |who: &TestApp, name: &'static str| {
            let url = format!("/contracts/{c}/files");
            let form = reqwest::multipart::Form::new().part(
                "files",
                reqwest::multipart::Part::bytes(PDF.to_vec()).file_name(name),
            );
            let client = who.client.clone();
            let full = who.url(&url);
            async move {
                let csrf = client
                    .get(full.replace(&url, "/"))
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                let csrf = common::csrf_of(&csrf);
                client
                    .post(format!("{full}?_csrf={csrf}"))
                    .multipart(form)
                    .send()
                    .await
                    .unwrap()
            }
        };
        assert_eq!(
            attach(&f.board, "hd.pdf").await.status(),
            StatusCode::FORBIDDEN
        );
        assert!(saved(&attach(&office, "Hợp đồng phiên dịch.pdf").await));
        let html = f.finance.get(&f.page()).await.text().await.unwrap();
        assert!(html.contains("Hợp đồng phiên dịch.pdf"), "{html}");
        let file = f.app.store.item_contracts(f.item).await.unwrap()[0].files[0].id;
        let r = f.finance.get(&format!("/contract-files/{file}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);

        let pay = |kind: &'static str, amount: &'static str, reason: &'static str| {
            vec![
                ("contract".to_string(), c.clone()),
                ("kind".into(), kind.into()),
                ("amount".into(), amount.into()),
                ("paid_on".into(), "30/06/2025".into()),
                ("note".into(), "Chứng từ".into()),
                ("over_reason".into(), reason.into()),
            ]
        };
        for (name, who) in [("office", &office), ("board", &f.board)] {
            let r = f
                .post_money(who, "payments", pay("advance", "1.000", ""))
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name} pays");
        }
        assert!(saved(
            &f.post_money(&f.lead, "payments", pay("advance", "6.000.000", ""))
                .await
        ));
        assert!(saved(
            &f.post_money(&f.finance, "payments", pay("acceptance", "10.000.000", ""))
                .await
        ));
        let r = f
            .post_money(&f.finance, "payments", pay("settlement", "4.500.000", ""))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("vượt giá trị hợp đồng 20.000.000 ₫")
                && html.contains("id=\"p-reason-error\"")
        );
        let r = f
            .post_money(
                &f.finance,
                "payments",
                pay("settlement", "99999999999999999999", ""),
            )
            .await;
        assert!(r.text().await.unwrap().contains("id=\"p-amount-error\""));
        let r = f
            .post_money(
                &f.finance,
                "payments",
                pay("settlement", "4.500.000", "Phát sinh 1 buổi"),
            )
            .await;
        assert!(saved(&r));

        let html = f.board.get(&f.page()).await.text().await.unwrap();
        for (id, figure) in [
            ("money-planned", "32.000.000 ₫"),
            ("money-contracted", "20.000.000 ₫"),
            ("money-paid", "20.500.000 ₫"),
            ("money-settled", "4.500.000 ₫"),
        ] {
            assert!(
                html.contains(&format!("id=\"{id}\">{figure}")),
                "{id}: {figure}"
            );
        }
    }
}

#[tokio::test]
async fn the_plans_budget_agrees_with_the_items_page() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        let plan = f.app.plan_id().await;
        let page = format!("/plans/{plan}/budget");
        let html = f.finance.get(&page).await.text().await.unwrap();
        assert!(html.contains("id=\"no-estimates\"") && html.contains("id=\"no-funding\""));
        // The document's "Kinh phí" section is shown and proposed as the funding source.
        assert!(html.contains("id=\"budget-text\""));
        assert!(
            html.contains("value=\"Kinh phí tổ chức thực hiện từ nguồn kinh phí"),
            "{html}"
        );
        assert!(html.contains("name=\"year\" value=\"2025\""));
        f.approved().await;
        // Finance records the funding source; the lead unit may not; a bad amount comes
        // back beside its field.
        let funding = format!("/plans/{plan}/funding");
        for (who, amount, status) in [
            (&f.lead, "1.000", StatusCode::FORBIDDEN),
            (&f.finance, "-1.000", StatusCode::UNPROCESSABLE_ENTITY),
            (&f.finance, "1.000.000.000", StatusCode::OK),
        ] {
            let csrf = who.csrf_from("/").await;
            let form = [
                ("_csrf", csrf.as_str()),
                ("name", "Ngân sách thành phố"),
                ("legal_basis", "Quyết định 6466/QĐ-UBND"),
                ("year", "2025"),
                ("amount", amount),
            ];
            let r = who.post(&funding, &form).await;
            assert_eq!(r.status(), status, "{amount}");
            if status == StatusCode::UNPROCESSABLE_ENTITY {
                let html = r.text().await.unwrap();
                assert!(
                    html.contains("id=\"f-amount-error\"")
                        && html.contains("Số tiền không được âm")
                );
            }
        }
        let html = f.board.get(&page).await.text().await.unwrap();
        assert!(
            html.contains("id=\"funding-total\"><strong>1.000.000.000 ₫"),
            "{html}"
        );
        assert!(html.contains(&format!("href=\"/items/{}/budget\"", f.item.0)));
        let total = html.split("id=\"plan-money-total\"").nth(1).unwrap_or("");
        assert!(
            total.contains("32.000.000 ₫"),
            "the plan's total is the item's planned"
        );
        assert!(
            html.contains("<svg")
                && html.contains("Phòng Quản lý Di sản văn hóa: Kinh phí được duyệt: 32.000.000 ₫")
        );
        // A partner reads no budget.
        let magazine = f.app.unit_id("Tạp chí Kiến trúc").await;
        let partner = TestApp::user_browser(&f.app, "partner", &[Role::Partner], &[magazine]).await;
        assert_eq!(partner.get(&page).await.status(), StatusCode::FORBIDDEN);
        // The settlement summary: the same figures as numbers, with the total row.
        let r = f.finance.get(&format!("{page}.xlsx")).await;
        assert_eq!(r.status(), StatusCode::OK);
        use calamine::{Data, Reader};
        let bytes = r.bytes().await.unwrap().to_vec();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Tổng hợp quyết toán").unwrap();
        assert_eq!(
            range.get_value((0, 2)),
            Some(&Data::String("Kinh phí được duyệt".into()))
        );
        assert_eq!(range.get_value((1, 2)), Some(&Data::Float(32_000_000.0)));
        assert_eq!(
            range.get_value((2, 1)),
            Some(&Data::String("Tổng cộng".into()))
        );
        assert_eq!(range.get_value((2, 2)), Some(&Data::Float(32_000_000.0)));
        // The dashboard's tile and chart say the same.
        let html = f.board.get("/dashboard").await.text().await.unwrap();
        assert!(
            html.contains("id=\"budget-planned\">32.000.000 ₫"),
            "{html}"
        );
        assert!(html.contains("id=\"chart-budget\""));
        // The queues page links every plan's budget.
        let html = f.finance.get("/budget").await.text().await.unwrap();
        assert!(html.contains(&format!("href=\"{page}\"")));
    }
}
