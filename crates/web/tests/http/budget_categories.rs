//! The estimate categories (issue 17) over HTTP, on both databases: the admin adds,
//! renames, deactivates and reactivates one; an empty name, a taken code and a too long
//! name come back beside their field with what was typed; a deactivated category is not
//! offered in the line form, is refused when posted, and still names its old line on the
//! page and in the XLSX.

use super::budget::{fx, saved};
use super::common::{self, TestApp, spawn_app};
use domain::Role;
use reqwest::StatusCode;

const PAGE: &str = "/admin/budget-categories";

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let csrf = app.csrf_from("/").await;
    let mut form = vec![("_csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    app.post(path, &form).await
}

async fn version(app: &TestApp, code: &str) -> String {
    let all = app.store.budget_categories().await.unwrap();
    let c = all.iter().find(|c| c.code == code).unwrap();
    c.version.to_string()
}

#[tokio::test]
async fn categories_are_configured_by_the_admin_and_bad_input_is_refused_beside_its_field() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        let admin = TestApp::user_browser(&f.app, "quantri", &[Role::Admin], &[]).await;
        let app = &admin;
        let html = app.get(PAGE).await.text().await.unwrap();
        assert!(
            html.contains("Thuê thiết bị") && html.contains("id=\"category-venue\""),
            "{html}"
        );

        // Bad input: each beside its field, what was typed kept.
        let r = post(app, PAGE, &[("name_vi", "  "), ("name_en", "Logistics")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("id=\"name_vi-error\"") && html.contains("Cần nhập tên khoản mục"));
        assert!(html.contains("value=\"Logistics\""));
        let r = post(app, PAGE, &[("name_vi", "Hội trường"), ("code", "venue")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"code-error\"") && html.contains("“venue” đã có"),
            "{html}"
        );
        assert!(html.contains("value=\"Hội trường\""));
        let long = "Hậu cần ".repeat(20);
        let r = post(app, PAGE, &[("name_vi", long.as_str())]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("id=\"name_vi-error\"") && html.contains("dài quá 100 ký tự"));
        let r = post(app, PAGE, &[("name_vi", "Hậu cần"), ("code", "Hậu cần!")]).await;
        assert!(r.text().await.unwrap().contains("id=\"code-error\""));
        assert_eq!(app.store.budget_categories().await.unwrap().len(), 8);

        // Added (code from the name), renamed, used on a line, then deactivated.
        let r = post(app, PAGE, &[("name_vi", "Hậu cần")]).await;
        assert!(
            r.url()
                .query()
                .unwrap_or("")
                .contains("budget_category_saved")
        );
        let v = version(app, "hau_can").await;
        let path = format!("{PAGE}/hau_can");
        let r = post(
            app,
            &path,
            &[("version", &v), ("name_vi", ""), ("name_en", "")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("id=\"name_vi-hau_can-error\"")
        );
        let fields = [
            ("version", v.as_str()),
            ("name_vi", "Hậu cần sự kiện"),
            ("name_en", ""),
        ];
        let r = post(app, &path, &fields).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(saved(
            &f.add_line(&f.lead, "hau_can", "2", "1.000.000").await
        ));
        let html = f.lead.get(&f.page()).await.text().await.unwrap();
        assert!(html.contains("<option value=\"hau_can\">Hậu cần sự kiện</option>"));

        let v = version(app, "hau_can").await;
        let r = post(
            app,
            &format!("{path}/active"),
            &[("version", &v), ("active", "0")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = f.lead.get(&f.page()).await.text().await.unwrap();
        assert!(!html.contains("<option value=\"hau_can\""), "not offered");
        assert!(html.contains("Hậu cần sự kiện"), "still names the old line");
        let r = f.add_line(&f.lead, "hau_can", "1", "1.000").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"line-category-error\"") && html.contains("đã ngừng sử dụng"),
            "{html}"
        );
        // The XLSX names the line by the category's name from the table.
        let r = f.lead.get(&format!("{}.xlsx", f.page())).await;
        let bytes = r.bytes().await.unwrap().to_vec();
        use calamine::{Data, Reader};
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Dự toán").unwrap();
        let named = range
            .used_cells()
            .any(|(_, _, v)| matches!(v, Data::String(s) if s.starts_with("Hậu cần sự kiện: ")));
        assert!(named, "{range:?}");

        // Others may not configure them.
        let r = post(&f.lead, PAGE, &[("name_vi", "Khác nữa")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
}
