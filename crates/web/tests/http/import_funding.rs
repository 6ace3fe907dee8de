//! The funding a plan document names, on the import's review page (issue 17), over HTTP on
//! SQLite and PostgreSQL: the "Kinh phí" section's sources and amounts proposed as lines;
//! a negative, overflowing or non-number amount, an empty name, a bad year and a stale
//! page each said beside its field (what was typed kept); a line corrected, one dropped;
//! committed with the plan, they are its funding sources on `/plans/{id}/budget`.

use super::import::{draft_of, send, upload, version_of};
use crate::common::{self, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;

/// A small plan whose section III states a total and its two parts, one assigned to a unit.
const PLAN: &str = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSỞ VĂN HÓA VÀ THỂ THAO\n\
    Số: 21/KH-SVHTT\nHà Nội, ngày 12 tháng 3 năm 2026\n\nKẾ HOẠCH\n\
    Tổ chức Tuần lễ Thiết kế Hà Nội năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n\
    1. Mục đích\nQuảng bá Thành phố sáng tạo về thiết kế.\n\nII. NỘI DUNG\n\
    1. Tổ chức 02 triển lãm thiết kế\n- Đơn vị chủ trì: Bảo tàng Hà Nội\n\
    - Thời gian: Quý IV/2026\n\nIII. KINH PHÍ\n\
    Tổng kinh phí thực hiện: 500.000.000 đồng, trong đó: ngân sách thành phố 300 triệu \
    đồng giao Bảo tàng Hà Nội; nguồn xã hội hóa 200.000.000 đồng.\n\n\
    IV. TỔ CHỨC THỰC HIỆN\n1. Bảo tàng Hà Nội\nChủ trì tổ chức triển lãm.\n\n\
    Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n";

fn error_of<'h>(html: &'h str, field: &str) -> &'h str {
    let start = format!(r#"id="{field}-error">"#);
    html.split(start.as_str())
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or_else(|| panic!("no message beside {field}: {html}"))
}

#[tokio::test]
async fn the_documents_funding_is_reviewed_corrected_and_committed_with_the_plan() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let r = upload(&board, "tuan-le-thiet-ke.txt", PLAN.as_bytes()).await;
        assert_eq!(r.status(), StatusCode::OK);
        let id = draft_of(&r);
        let html = r.text().await.unwrap();
        // Proposed: each part with its amount, the unit it is assigned to, the plan as
        // the legal basis; the total agrees with its parts.
        for shown in [
            r#"id="fname-0" name="fname_0" value="Ngân sách thành phố""#,
            r#"id="famount-0" name="famount_0" inputmode="numeric""#,
            r#"value="300.000.000""#,
            r#"id="funit-0" name="funit_0" value="Bảo tàng Hà Nội""#,
            r#"id="fname-1" name="fname_1" value="Nguồn xã hội hóa""#,
            r#"value="200.000.000""#,
            r#"value="Kế hoạch số 21/KH-SVHTT""#,
            "Văn bản ghi tổng kinh phí 500.000.000 ₫.",
        ] {
            assert!(html.contains(shown), "{shown} in {html}");
        }
        let path = format!("/plans/import/{id}/funding");
        let csrf = csrf_of(&html);
        let v = version_of(&html);

        // Bad input, each beside its field, what was typed kept, nothing saved.
        let bad = [
            ("fname_0", " "),
            ("famount_0", "-5.000"),
            ("fname_1", "Nguồn xã hội hóa"),
            ("famount_1", "năm trăm"),
            ("fyear_1", "20x6"),
        ];
        let r = send(&board, &path, &csrf, &v, &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(error_of(&html, "fname-0").contains("Tên nguồn kinh phí"));
        assert!(error_of(&html, "famount-0").contains("không được âm"));
        assert!(error_of(&html, "famount-1").contains("không phải số tiền"));
        assert!(error_of(&html, "fyear-1").contains("Năm"), "{html}");
        assert!(html.contains(r#"value="năm trăm""#), "typed kept");
        let r = send(
            &board,
            &path,
            &csrf,
            &v,
            &[
                ("fname_0", "Ngân sách thành phố"),
                ("famount_0", "99.999.999.999.999.999.999"),
                ("fname_1", "Nguồn xã hội hóa"),
            ],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(error_of(&html, "famount-0").contains("quá lớn"), "{html}");
        assert_eq!(
            app.store.plan_draft(id).await.unwrap().unwrap().version,
            v.parse::<i64>().unwrap(),
            "nothing saved"
        );

        // Corrected: a new amount and legal basis, the second line dropped.
        let good = [
            ("fname_0", "Ngân sách thành phố năm 2026"),
            ("fbasis_0", "Quyết định số 6012/QĐ-UBND"),
            ("famount_0", "350.000.000"),
            ("funit_0", "Bảo tàng Hà Nội"),
            ("fname_1", "Nguồn xã hội hóa"),
            ("famount_1", "200.000.000"),
            ("fdrop_1", "1"),
        ];
        let r = send(&board, &path, &csrf, &v, &good).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(!html.contains(r#"id="fname-1""#), "dropped");
        assert!(
            html.contains("nhưng các nguồn cộng lại 350.000.000 ₫"),
            "the total no longer agrees: {html}"
        );
        // The same form again, from the page before: stale.
        let r = send(&board, &path, &csrf, &v, &good).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Bản nháp vừa được người khác sửa")
        );

        // Committed: the plan's funding sources, on its budget page.
        let v = version_of(&html);
        let r = send(
            &board,
            &format!("/plans/import/{id}/commit"),
            &csrf,
            &v,
            &[],
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let plan = r
            .url()
            .path()
            .strip_prefix("/plans/")
            .and_then(|p| p.parse::<i64>().ok())
            .expect("the plan's page");
        let sources = app
            .store
            .funding_sources(domain::PlanId(plan))
            .await
            .unwrap();
        assert_eq!(sources.len(), 1);
        assert_eq!(
            (sources[0].amount, sources[0].year),
            (Some(350_000_000), 2026)
        );
        let html = board
            .get(&format!("/plans/{plan}/budget"))
            .await
            .text()
            .await
            .unwrap();
        for shown in [
            "Ngân sách thành phố năm 2026",
            "(Quyết định số 6012/QĐ-UBND)",
            "Giao cho: Bảo tàng Hà Nội",
            "350.000.000 ₫",
        ] {
            assert!(html.contains(shown), "{shown} in {html}");
        }
        assert!(!html.contains("Nguồn xã hội hóa"));
    }
}

/// A section that names a source and no amount: one line without an amount, shown so on
/// the plan's budget page; staff may not post the funding form.
#[tokio::test]
async fn a_source_without_an_amount_is_kept_without_one_and_staff_are_refused() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let text = PLAN.replace(
            "Tổng kinh phí thực hiện: 500.000.000 đồng, trong đó: ngân sách thành phố 300 \
             triệu đồng giao Bảo tàng Hà Nội; nguồn xã hội hóa 200.000.000 đồng.",
            "Kinh phí tổ chức thực hiện từ nguồn kinh phí sự nghiệp văn hóa năm 2026 giao \
             Bảo tàng Hà Nội.",
        );
        let r = upload(&board, "khong-so-tien.txt", text.as_bytes()).await;
        let id = draft_of(&r);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"value="Kinh phí sự nghiệp văn hóa""#),
            "{html}"
        );
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[]).await;
        let csrf = staff.csrf_from("/").await;
        let r = send(
            &staff,
            &format!("/plans/import/{id}/funding"),
            &csrf,
            "1",
            &[("fname_0", "X")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let v = version_of(&html);
        let csrf = csrf_of(&html);
        let r = send(
            &board,
            &format!("/plans/import/{id}/commit"),
            &csrf,
            &v,
            &[],
        )
        .await;
        let plan = r
            .url()
            .path()
            .strip_prefix("/plans/")
            .and_then(|p| p.parse::<i64>().ok())
            .expect("the plan's page");
        let html = board
            .get(&format!("/plans/{plan}/budget"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Kinh phí sự nghiệp văn hóa"), "{html}");
        assert!(html.contains("Chưa có số tiền"), "{html}");
    }
}
