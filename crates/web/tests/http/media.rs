//! Media works over HTTP (issue 18): a documentary from its brief to publication moving
//! its item's target, the Board's approval, who may change and download what, bad input
//! kept in the form, stale versions and double submits, uploads with photo thumbnails and
//! refused or corrupt files, and the list's export. Each runs on SQLite and PostgreSQL.

use crate::common::{self, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const DOCUMENTARY_ITEM: &str = "Xây dựng phóng sự";

/// 17/11/2025, 10:00 in Hanoi: within the seed plan's year, whose targets count works
/// published in 2025 (the test clock otherwise stands in 2026).
fn in_2025() -> chrono::DateTime<chrono::Utc> {
    "2025-11-17T03:00:00Z".parse().unwrap()
}

struct Cast {
    lead: TestApp,
    outsider: TestApp,
    board: TestApp,
    partner: TestApp,
    qlds: domain::UnitId,
}

async fn cast(app: &TestApp) -> Cast {
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let khtc = app.unit_id("Phòng Kế hoạch").await;
    let tap_chi = app.unit_id("Tạp chí Kiến trúc").await;
    Cast {
        lead: TestApp::user_browser(app, "lead", &[Role::Staff], &[qlds]).await,
        outsider: TestApp::user_browser(app, "outsider", &[Role::Staff], &[khtc]).await,
        board: TestApp::user_browser(app, "board", &[Role::Board], &[]).await,
        partner: TestApp::user_browser(app, "partner", &[Role::Partner], &[tap_chi]).await,
        qlds,
    }
}

/// The work form's fields, with `over` replacing or adding to the defaults. The stages'
/// owners and due dates go in stage order (đề cương … đã phát hành).
fn work_form(csrf: &str, unit: domain::UnitId, over: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("_csrf", csrf),
        ("kind", "clip"),
        ("title", "Clip giới thiệu Hà Nội sáng tạo"),
        ("title_en", "Creative Hanoi"),
        ("summary", "Giới thiệu các hoạt động sáng tạo của Hà Nội."),
        ("summary_en", ""),
        ("unit", &unit.0.to_string()),
        ("item", ""),
        ("event", ""),
        ("contract", ""),
        ("duration", ""),
        ("pages", ""),
        ("languages", "vi, en"),
        ("print_run", ""),
        ("format", "MP4 1080p"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (k, v) in over {
        match f.iter_mut().find(|(n, _)| n == k) {
            Some(x) if *k != "owner" && *k != "due" => x.1 = v.to_string(),
            _ => f.push((k.to_string(), v.to_string())),
        }
    }
    f
}

async fn post_pairs(b: &TestApp, path: &str, pairs: &[(String, String)]) -> reqwest::Response {
    b.client.post(b.url(path)).form(pairs).send().await.unwrap()
}

/// Records a work through the form; its id.
async fn create_work(b: &TestApp, unit: domain::UnitId, over: &[(&str, &str)]) -> i64 {
    let page = b.get("/media/new").await.text().await.unwrap();
    let (csrf, once) = (csrf_of(&page), hidden(&page, "once"));
    let mut form = work_form(&csrf, unit, over);
    form.push(("once".into(), once));
    let r = post_pairs(b, "/media", &form).await;
    let path = r.url().path().to_string();
    let body = r.text().await.unwrap();
    assert!(body.contains("Đã thêm sản phẩm."), "{path}: {body}");
    path.strip_prefix("/media/")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("work created, got {path}"))
}

/// The value of the hidden input `name` on a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

async fn version(app: &TestApp, id: i64) -> String {
    let w = app.store.media_work(domain::media::MediaWorkId(id)).await;
    w.unwrap().unwrap().version.to_string()
}

/// Moves work `id` to `to` (with `more` fields); the response, redirects followed.
async fn move_to(
    app: &TestApp,
    b: &TestApp,
    id: i64,
    to: &str,
    more: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = b.csrf_from(&format!("/media/{id}")).await;
    let v = version(app, id).await;
    let mut form = vec![("_csrf", csrf.as_str()), ("version", &v), ("to", to)];
    form.extend_from_slice(more);
    b.post(&format!("/media/{id}/stage"), &form).await
}

/// Uploads `files` (name, bytes) under `stage`, the token first as the page sends it.
async fn upload(b: &TestApp, id: i64, stage: &str, files: &[(&str, Vec<u8>)]) -> reqwest::Response {
    let csrf = b.csrf_from("/media").await;
    let mut form = Form::new()
        .text("_csrf", csrf)
        .text("stage", stage.to_string());
    for (name, bytes) in files {
        form = form.part(
            "files",
            Part::bytes(bytes.clone()).file_name(name.to_string()),
        );
    }
    let url = b.url(&format!("/media/{id}/files"));
    b.client.post(url).multipart(form).send().await.unwrap()
}

/// A PNG photo of `w` × `h` pixels, made here.
fn photo(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn text_of(b: &TestApp, path: &str) -> String {
    b.get(path).await.text().await.unwrap()
}

#[tokio::test]
async fn a_documentary_goes_from_brief_to_published_and_its_minutes_count() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.clock.set(in_2025());
        let c = cast(&app).await;
        let item = app.item_id(DOCUMENTARY_ITEM).await;
        let item_path = format!("/items/{}", item.0);
        let page = text_of(&c.lead, &item_path).await;
        assert!(
            page.contains("Tổng phút của: phóng sự đã phát hành trong năm 2025"),
            "{page}"
        );
        assert!(page.contains("class=\"actual\">0<"));
        assert!(
            page.contains("id=\"add-media\""),
            "the lead unit may add a work"
        );

        // The form from the item chooses the item and its lead unit.
        let page = text_of(&c.lead, &format!("/media/new?item={}", item.0)).await;
        assert!(page.contains(&format!("<option value=\"{}\" selected>", item.0)));
        assert!(page.contains(&format!("<option value=\"{}\" selected>", c.qlds.0)));
        let item_s = item.0.to_string();
        let id = create_work(
            &c.lead,
            c.qlds,
            &[
                ("kind", "documentary"),
                ("title", "Phóng sự Hà Nội – Thành phố sáng tạo"),
                ("item", &item_s),
                ("owner", "Nguyễn Văn An"),
                ("owner", "Trần Thị Bình"),
                ("due", "30/09/2025"),
                ("due", "31/12/2025"),
            ],
        )
        .await;
        let path = format!("/media/{id}");
        let page = text_of(&c.lead, &path).await;
        assert!(page.contains("id=\"stage-bar\""));
        assert!(page.contains("Nguyễn Văn An") && page.contains("Hạn 31/12/2025"));
        // The brief's due date has passed (17/11/2025): marked overdue.
        assert!(
            page.contains("Hạn 30/09/2025 <strong class=\"overdue\">Quá hạn</strong>"),
            "{page}"
        );

        for to in ["script", "production", "review"] {
            let r = move_to(&app, &c.lead, id, to, &[]).await;
            assert_eq!(r.status(), StatusCode::OK, "{to}");
            assert!(r.text().await.unwrap().contains("Đã chuyển giai đoạn."));
        }
        // Approval is the Board's: the unit hears so, in Vietnamese.
        let r = move_to(&app, &c.lead, id, "approved", &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("Việc duyệt sản phẩm do Lãnh đạo Sở quyết định"),
            "{page}"
        );
        let r = move_to(&app, &c.board, id, "approved", &[]).await;
        assert_eq!(r.status(), StatusCode::OK);

        // No duration yet: publishing says to enter it.
        let today = "17/11/2025";
        let r = move_to(&app, &c.lead, id, "published", &[("published_on", today)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("hãy sửa sản phẩm và nhập thời lượng")
        );
        let page = text_of(&c.lead, &path).await;
        assert!(
            page.contains(&format!("name=\"published_on\" value=\"{today}\"")),
            "today by default"
        );
        let edit = text_of(&c.lead, &format!("{path}/edit")).await;
        let mut form = work_form(
            &csrf_of(&edit),
            c.qlds,
            &[
                ("kind", "documentary"),
                ("title", "Phóng sự Hà Nội – Thành phố sáng tạo"),
                ("item", &item_s),
                ("duration", "14:00"),
            ],
        );
        form.push(("version".into(), hidden(&edit, "version")));
        let r = post_pairs(&c.lead, &path, &form).await;
        assert!(r.text().await.unwrap().contains("Đã lưu thay đổi."));
        let r = move_to(&app, &c.lead, id, "published", &[("published_on", today)]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        assert!(page.contains("đã phát hành") && page.contains(today));

        // The item's target and the plan page count its 14 minutes.
        let page = text_of(&c.lead, &item_path).await;
        assert!(page.contains("class=\"actual\">14<"), "{page}");
        assert!(page.contains("Đã phát hành") || page.contains("đã phát hành"));
        let plan = text_of(&c.lead, &format!("/plans/{}", app.plan_id().await)).await;
        assert!(plan.contains("phút · Thực hiện: 14 ·"), "{plan}");

        // The list shows it with its duration and date; moving it back asks first.
        let list = text_of(&c.outsider, "/media?kind=documentary").await;
        assert!(list.contains("Phóng sự Hà Nội – Thành phố sáng tạo") && list.contains("14:00"));
        assert!(list.contains(today));
        let r = move_to(&app, &c.lead, id, "approved", &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("sẽ bỏ sản phẩm khỏi số đếm chỉ tiêu")
        );
        let r = move_to(&app, &c.lead, id, "approved", &[("confirm", "yes")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = text_of(&c.lead, &item_path).await;
        assert!(
            !page.contains("class=\"actual\">14<"),
            "out of the count again"
        );
    }
}

#[tokio::test]
async fn others_are_refused_and_files_are_served_to_those_who_may_see_the_work() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let id = create_work(&c.lead, c.qlds, &[]).await;
        let path = format!("/media/{id}");

        // A photo gets a 320-pixel thumbnail and a screen copy; the page offers both.
        let r = upload(
            &c.lead,
            id,
            "script",
            &[("Ảnh hiện trường.png", photo(1600, 1200))],
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        assert!(page.contains("Đã tải tệp lên.") && page.contains("Ảnh hiện trường.png"));
        let w = app
            .store
            .media_work(domain::media::MediaWorkId(id))
            .await
            .unwrap()
            .unwrap();
        let f = &w.files[0];
        assert_eq!((f.width, f.height), (Some(1600), Some(1200)));
        let file = f.id.0;
        assert!(page.contains(&format!(
            "srcset=\"/media-files/{file}/thumb 320w, /media-files/{file}/screen 1280w\""
        )));
        let thumb = c.lead.get(&format!("/media-files/{file}/thumb")).await;
        assert_eq!(thumb.headers()["content-type"], "image/jpeg");
        let thumb = image::load_from_memory(&thumb.bytes().await.unwrap()).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 240));
        let screen = c
            .lead
            .get(&format!("/media-files/{file}/screen"))
            .await
            .bytes()
            .await
            .unwrap();
        assert_eq!(image::load_from_memory(&screen).unwrap().width(), 1280);
        let original = c.outsider.get(&format!("/media-files/{file}")).await;
        assert_eq!(original.status(), StatusCode::OK, "the department reads it");
        assert_eq!(
            original.bytes().await.unwrap().len(),
            photo(1600, 1200).len()
        );

        // Another unit reads the work but changes nothing.
        assert_eq!(c.outsider.get(&path).await.status(), StatusCode::OK);
        assert_eq!(
            c.outsider.get(&format!("{path}/edit")).await.status(),
            StatusCode::FORBIDDEN
        );
        let csrf = c.outsider.csrf_from("/media").await;
        let v = version(&app, id).await;
        let form = work_form(&csrf, c.qlds, &[("version", &v)]);
        assert_eq!(
            post_pairs(&c.outsider, &path, &form).await.status(),
            StatusCode::FORBIDDEN
        );
        let r = move_to(&app, &c.outsider, id, "script", &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = upload(&c.outsider, id, "script", &[("a.png", photo(10, 10))]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // A partner of another unit sees neither the work nor its files.
        for p in [
            path.clone(),
            format!("/media-files/{file}"),
            format!("/media-files/{file}/thumb"),
        ] {
            assert_eq!(
                c.partner.get(&p).await.status(),
                StatusCode::FORBIDDEN,
                "{p}"
            );
        }
        assert!(
            !text_of(&c.partner, "/media")
                .await
                .contains(&format!("href=\"{path}\""))
        );
        assert_eq!(
            c.partner.get("/media/new").await.status(),
            StatusCode::FORBIDDEN
        );
        // Signed out: to the sign-in page.
        let anon = TestApp::new_browser(&app);
        for p in [
            "/media".to_string(),
            path.clone(),
            format!("/media-files/{file}"),
        ] {
            assert_eq!(anon.get(&p).await.url().path(), "/signin", "{p}");
        }

        // A file whose content is not what its name says is refused, in Vietnamese.
        let r = upload(
            &c.lead,
            id,
            "script",
            &[("gia.jpg", b"khong phai anh".to_vec())],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains("không khớp với phần mở rộng"), "{page}");
        // A corrupt photo is kept, without copies; the server goes on.
        let corrupt = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[7u8; 200][..]].concat();
        let r = upload(&c.lead, id, "production", &[("hong.jpg", corrupt)]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let w = app
            .store
            .media_work(domain::media::MediaWorkId(id))
            .await
            .unwrap()
            .unwrap();
        let kept = w
            .files
            .iter()
            .find(|f| f.original_name == "hong.jpg")
            .unwrap();
        assert_eq!((kept.thumb_path.as_ref(), kept.width), (None, None));
        let thumb = c
            .lead
            .get(&format!("/media-files/{}/thumb", kept.id.0))
            .await;
        assert_eq!(thumb.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            c.lead
                .get(&format!("/media-files/{}", kept.id.0))
                .await
                .status(),
            StatusCode::OK
        );
        // No file at all is said.
        let r = upload(&c.lead, id, "script", &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Hãy chọn ít nhất một tệp"));
    }
}

#[tokio::test]
async fn bad_input_is_said_beside_its_field_and_nothing_is_lost() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let page = text_of(&c.lead, "/media/new").await;
        let (csrf, once) = (csrf_of(&page), hidden(&page, "once"));
        let bad = work_form(
            &csrf,
            c.qlds,
            &[
                ("title", " "),
                ("duration", "abc"),
                ("pages", "-4"),
                ("owner", "Nguyễn Văn An"),
                ("due", ""),
                ("due", "31/02/2025"),
            ],
        );
        let r = post_pairs(&c.lead, "/media", &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        for said in [
            "Hãy nhập tên sản phẩm.",
            "Không đọc được thời lượng “abc”",
            "Không đọc được số “-4”: hãy nhập số nguyên từ 1 đến 10.000",
            "Hạn giai đoạn kịch bản không hợp lệ: 31/02/2025",
        ] {
            assert!(page.contains(said), "{said}: {page}");
        }
        for kept in [
            "value=\"abc\"",
            "value=\"-4\"",
            "value=\"31/02/2025\"",
            "value=\"Nguyễn Văn An\"",
            "value=\"MP4 1080p\"",
        ] {
            assert!(page.contains(kept), "{kept} kept");
        }
        assert!(page.contains("id=\"m-duration-error\""), "beside its field");
        let long = "x".repeat(501);
        let r = post_pairs(
            &c.lead,
            "/media",
            &work_form(&csrf, c.qlds, &[("title", &long)]),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("dài quá 500 ký tự"));

        // The same form sent twice records one work.
        let mut good = work_form(&csrf, c.qlds, &[("title", "Clip gửi hai lần")]);
        good.push(("once".into(), once));
        let first = post_pairs(&c.lead, "/media", &good)
            .await
            .url()
            .path()
            .to_string();
        let second = post_pairs(&c.lead, "/media", &good)
            .await
            .url()
            .path()
            .to_string();
        assert_eq!(first, second);
        let all = app
            .store
            .list_media_works(&Default::default())
            .await
            .unwrap();
        assert_eq!(
            all.iter().filter(|w| w.title == "Clip gửi hai lần").count(),
            1
        );
        let id: i64 = first.rsplit('/').next().unwrap().parse().unwrap();

        // A clip is published with its duration; a bad date is said.
        for to in ["script", "production", "review"] {
            move_to(&app, &c.lead, id, to, &[]).await;
        }
        move_to(&app, &c.board, id, "approved", &[]).await;
        let r = move_to(
            &app,
            &c.lead,
            id,
            "published",
            &[("published_on", "31/02/2025")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Không đọc được ngày “31/02/2025”")
        );
        let r = move_to(
            &app,
            &c.lead,
            id,
            "published",
            &[("published_on", "16/11/2026")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Clip và phóng sự cần có thời lượng trước khi phát hành")
        );

        // A stale form meets the newer version: the conflict page, nothing changed.
        let path = format!("/media/{id}");
        let edit = text_of(&c.lead, &format!("{path}/edit")).await;
        let old = hidden(&edit, "version");
        move_to(&app, &c.board, id, "review", &[]).await;
        let mut form = work_form(
            &csrf_of(&edit),
            c.qlds,
            &[("title", "Tên mới"), ("duration", "3:00")],
        );
        form.push(("version".into(), old.clone()));
        let r = post_pairs(&c.lead, &path, &form).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("id=\"save-mine\"") && page.contains("Tên mới"),
            "{page}"
        );
        let r = c
            .lead
            .post(
                &format!("{path}/stage"),
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", &old),
                    ("to", "approved"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let w = app
            .store
            .media_work(domain::media::MediaWorkId(id))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (w.title.as_str(), w.stage.as_str()),
            ("Clip gửi hai lần", "review")
        );
    }
}

#[tokio::test]
async fn the_export_has_the_rows_of_the_filter() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        create_work(
            &c.lead,
            c.qlds,
            &[("title", "Clip số một"), ("duration", "2:30")],
        )
        .await;
        create_work(
            &c.lead,
            c.qlds,
            &[
                ("kind", "publication"),
                ("title", "Sổ tay sáng tạo"),
                ("pages", "40"),
            ],
        )
        .await;
        let r = c.outsider.get("/media/export.csv?kind=clip").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let text = r.text().await.unwrap();
        let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1, "{text}");
        assert_eq!(&rows[0][1], "Clip số một");
        assert_eq!(&rows[0][8], "2.5", "minutes, as the targets count them");
        let all = c.outsider.get("/media/export.xlsx").await;
        assert_eq!(all.status(), StatusCode::OK);
        let list = text_of(&c.outsider, "/media?kind=publication").await;
        assert!(
            list.contains("Sổ tay sáng tạo")
                && list.contains("40 trang")
                && !list.contains("Clip số một")
        );
        let none = text_of(&c.outsider, "/media?kind=photo_set").await;
        assert!(none.contains("Không có sản phẩm nào khớp bộ lọc."));

        // A work made for an event is listed on the event's page.
        let event = crate::events::create_event(&c.lead, c.qlds, &[])
            .await
            .to_string();
        let over = [
            ("title", "Bộ ảnh phiên họp"),
            ("kind", "photo_set"),
            ("event", event.as_str()),
        ];
        create_work(&c.lead, c.qlds, &over).await;
        let page = text_of(&c.outsider, &format!("/events/{event}")).await;
        let media = page.split("id=\"event-media\"").nth(1).unwrap_or_default();
        assert!(
            media.contains("Bộ ảnh phiên họp") && !media.contains("Clip số một"),
            "{page}"
        );
    }
}
