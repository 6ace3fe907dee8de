//! What synthetic plans say (`sql/synthetic.rs` loads them): a seeded random generator,
//! real Hanoi unit names, plan and report phrasing, and the item rows of a plan. No
//! database here, so it is compiled once.

use domain::Period;
use sha2::{Digest, Sha256};

/// splitmix64: small, fast and the same everywhere.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub(crate) const UNITS: &[&str] = &[
    "Phòng Quản lý Di sản văn hóa",
    "Văn phòng Sở",
    "Phòng Kế hoạch Tài chính",
    "Phòng Quản lý Nghệ thuật",
    "Phòng Quản lý Văn hóa",
    "Phòng Xây dựng nếp sống văn hóa và Gia đình",
    "Phòng Quản lý Thể dục thể thao",
    "Bảo tàng Hà Nội",
    "Thư viện Hà Nội",
    "Trung tâm Văn hóa Nghệ thuật Hà Nội",
    "Trung tâm Bảo tồn Di sản Thăng Long - Hà Nội",
    "Ban Quản lý Di tích Nhà tù Hỏa Lò",
    "Ban Quản lý Di tích và Danh thắng Hà Nội",
    "Ban Quản lý Phố cổ Hà Nội",
    "Nhà hát Múa rối Thăng Long",
    "Nhà hát Chèo Hà Nội",
    "Nhà hát Cải lương Hà Nội",
    "Trung tâm Phát triển Điện ảnh Hà Nội",
    "Trung tâm Thông tin Xúc tiến Du lịch Hà Nội",
    "Ủy ban nhân dân quận Hoàn Kiếm",
    "Ủy ban nhân dân quận Ba Đình",
    "Ủy ban nhân dân quận Tây Hồ",
    "Ủy ban nhân dân huyện Bát Tràng",
    "Sở Du lịch Hà Nội",
    "Sở Ngoại vụ Hà Nội",
    "Sở Quy hoạch - Kiến trúc Hà Nội",
    "Tạp chí Kiến trúc",
    "Văn phòng UNESCO tại Hà Nội",
    "Hội Kiến trúc sư Hà Nội",
    "Trường Đại học Mỹ thuật Công nghiệp",
];

pub(crate) const CITIES: &[(&str, &str)] = &[
    ("Hà Nội", "Sở Văn hóa và Thể thao Hà Nội"),
    ("Hội An", "Ủy ban nhân dân thành phố Hội An"),
    ("Đà Lạt", "Ủy ban nhân dân thành phố Đà Lạt"),
    (
        "TP Hồ Chí Minh",
        "Sở Văn hóa và Thể thao Thành phố Hồ Chí Minh",
    ),
    ("Huế", "Sở Văn hóa và Thể thao tỉnh Thừa Thiên Huế"),
];

pub(crate) const PLAN_TITLES: &[&str] = &[
    "Kế hoạch triển khai các hoạt động thành viên Mạng lưới các thành phố sáng tạo của UNESCO năm {year}",
    "Kế hoạch thực hiện các nhiệm vụ phát triển công nghiệp văn hóa trên địa bàn {city} năm {year}",
    "Kế hoạch tổ chức các hoạt động hưởng ứng Ngày Di sản văn hóa Việt Nam năm {year}",
    "Kế hoạch bảo tồn và phát huy giá trị di sản văn hóa {city} năm {year}",
    "Kế hoạch xây dựng {city} trở thành thành phố sáng tạo trong lĩnh vực thiết kế năm {year}",
];

const SECTIONS: &[&str] = &[
    "Công tác tuyên truyền, quảng bá",
    "Tham gia các hoạt động của Mạng lưới",
    "Hợp tác quốc tế và trao đổi kinh nghiệm",
    "Phát triển không gian sáng tạo",
    "Bảo tồn và phát huy giá trị di sản",
    "Nâng cao năng lực đội ngũ",
    "Công tác kiểm tra, đánh giá, báo cáo",
];

const ACTIVITIES: &[(&str, &str, &str)] = &[
    ("Tổ chức", "hội nghị", "cuộc"),
    ("Tham gia", "phiên họp trực tuyến của Mạng lưới", "cuộc"),
    ("Tổ chức", "tọa đàm chuyên đề về thiết kế sáng tạo", "cuộc"),
    ("Phối hợp tổ chức", "hội thảo quốc tế", "cuộc"),
    ("Tổ chức", "triển lãm ảnh về di sản", "cuộc"),
    (
        "Xây dựng",
        "phóng sự truyền hình giới thiệu thành phố sáng tạo",
        "phóng sự",
    ),
    ("Sản xuất", "clip quảng bá", "clip"),
    (
        "Xuất bản",
        "ấn phẩm giới thiệu không gian sáng tạo",
        "ấn phẩm",
    ),
    ("Cử", "đoàn công tác tham dự Hội nghị thường niên", "đoàn"),
    ("Mời", "chuyên gia quốc tế chia sẻ kinh nghiệm", "lượt"),
    ("Tổ chức", "lớp tập huấn cho cán bộ", "lớp"),
    (
        "Cập nhật",
        "tin, bài trên Cổng thông tin điện tử",
        "tin, bài",
    ),
];

const TOPICS: &[&str] = &[
    "gắn với Lễ hội Thiết kế sáng tạo Hà Nội",
    "tại khu vực phố cổ",
    "với các thành phố thành viên khu vực Đông Nam Á",
    "về bảo tồn làng nghề truyền thống",
    "nhân dịp kỷ niệm Ngày Giải phóng Thủ đô",
    "về phát triển du lịch văn hóa",
    "trong khuôn khổ Mạng lưới các thành phố sáng tạo",
];

pub(crate) const REPORT_TEXTS: &[&str] = &[
    "Đơn vị đã chủ động xây dựng kế hoạch chi tiết, phối hợp với các đơn vị liên quan triển khai",
    "Đã tổ chức thành công, thu hút đông đảo người dân và du khách tham gia",
    "Đang hoàn thiện hồ sơ, dự toán kinh phí trình Sở phê duyệt",
    "Đã phối hợp với Văn phòng UNESCO tại Hà Nội chuẩn bị nội dung",
    "Tiến độ chậm do chưa bố trí được kinh phí, đề xuất điều chỉnh thời gian thực hiện",
    "Đã gửi báo cáo kết quả về Phòng Quản lý Di sản văn hóa tổng hợp",
];

pub(crate) fn sha_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(crate) struct SyntheticItem {
    pub(crate) parent_seq: Option<i64>,
    pub(crate) seq: i64,
    pub(crate) position: i64,
    pub(crate) depth: i64,
    pub(crate) numbering: String,
    pub(crate) title: String,
    pub(crate) body: String,
    pub(crate) status: &'static str,
    pub(crate) start: String,
    pub(crate) due: String,
    pub(crate) target: Option<(f64, f64, &'static str)>,
}

const ROMAN: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

pub(crate) fn plan_items(rng: &mut Rng, n: usize, year: i32, city: &str) -> Vec<SyntheticItem> {
    let mut rows = Vec::with_capacity(n);
    let sections = n.div_ceil(12).max(1);
    let mut seq = 0i64;
    let mut left = n;
    for s in 0..sections {
        if left == 0 {
            break;
        }
        let numbering = ROMAN
            .get(s)
            .map_or_else(|| format!("{}.", s + 1), |r| format!("{r}."));
        let title = SECTIONS[s % SECTIONS.len()].to_string();
        rows.push(SyntheticItem {
            parent_seq: None,
            seq,
            position: s as i64,
            depth: 0,
            numbering,
            body: title.clone(),
            title,
            status: "in_progress",
            start: format!("{year}-01-01"),
            due: format!("{year}-12-31"),
            target: None,
        });
        let parent = seq;
        seq += 1;
        left -= 1;
        let kids = left.min(11);
        for k in 0..kids {
            let (verb, what, unit) = *rng.pick(ACTIVITIES);
            let topic = rng.pick(TOPICS);
            let min = 1 + rng.below(20) as i64;
            let max = min + rng.below(10) as i64;
            let title = format!("{verb} {what} {topic}");
            let due_month = 3 + rng.below(10) as u32;
            let due = Period::Month(year, due_month as u8).end();
            let status = *rng.pick(&[
                "not_started",
                "in_progress",
                "in_progress",
                "done",
                "done",
                "late",
                "suspended",
            ]);
            rows.push(SyntheticItem {
                parent_seq: Some(parent),
                seq,
                position: k as i64,
                depth: 1,
                numbering: format!("{}.", k + 1),
                body: format!(
                    "{title} tại {city}. Số lượng: {min:02}-{max:02} {unit}/năm. Thời gian: trong năm {year}."
                ),
                title,
                status,
                start: format!("{year}-{:02}-01", 1 + rng.below(due_month as usize) as u32),
                due: due.to_string(),
                target: rng
                    .chance(40)
                    .then_some((min as f64, max as f64, unit)),
            });
            seq += 1;
            left -= 1;
        }
    }
    rows
}
