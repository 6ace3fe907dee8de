//! The units' quarterly progress reports in the demo year (`script`): what each unit
//! wrote, its percent, its difficulties and proposals, and the figure toward the item's
//! target, cumulative to the quarter's end as units report it; and the items the lead unit
//! confirms done.

use super::script::{Act, Report, Step, Who, items};

#[allow(clippy::too_many_arguments)]
fn report(
    item: &'static str,
    unit: Who,
    quarter: u8,
    percent: i64,
    text: &'static str,
    difficulties: &'static str,
    proposals: &'static str,
    figure: Option<f64>,
) -> Act {
    Act::Report(Report {
        item,
        unit,
        quarter,
        percent,
        text,
        difficulties,
        proposals,
        figure,
    })
}

/// The units' progress reports, quarter by quarter, and the items confirmed done.
pub(super) fn reports() -> Vec<Step> {
    use Who::*;
    use items::*;
    let at = |month, day, act| Step { month, day, act };
    vec![
        // Quý 1, filed in the first days of April.
        at(
            4,
            3,
            report(
                SESSIONS,
                Heritage,
                1,
                25,
                "Tham gia 5 phiên họp trực tuyến của Mạng lưới khu vực Đông Nam Á và nhóm các Thành phố Thiết kế.",
                "",
                "",
                Some(5.0),
            ),
        ),
        at(
            4,
            3,
            report(
                PROGRAMS,
                Heritage,
                1,
                30,
                "Dự thảo chương trình giao lưu, kết nối với các Thành phố Thiết kế trong khu vực, trình UBND Thành phố.",
                "",
                "",
                None,
            ),
        ),
        at(
            4,
            4,
            report(
                MAGAZINE,
                Magazine,
                1,
                10,
                "Thống nhất đề cương hai số chuyên đề về không gian sáng tạo với Phòng Quản lý Di sản văn hóa.",
                "",
                "",
                None,
            ),
        ),
        at(
            4,
            4,
            report(
                NETWORK,
                Office,
                1,
                20,
                "Làm việc với Sở Văn hóa và Thể thao Thành phố Hồ Chí Minh và Thành phố Huế về trao đổi kinh nghiệm.",
                "",
                "",
                None,
            ),
        ),
        // Quý 2.
        at(
            7,
            3,
            report(
                SESSIONS,
                Heritage,
                2,
                50,
                "Tham gia thêm 7 phiên họp trực tuyến; lũy kế 12 phiên.",
                "Một số phiên họp diễn ra ngoài giờ hành chính do lệch múi giờ; thiếu phiên dịch viên tiếng Anh chuyên ngành thiết kế.",
                "Bố trí kinh phí thuê phiên dịch viên theo từng phiên họp.",
                Some(12.0),
            ),
        ),
        at(
            7,
            3,
            report(
                CLIPS,
                Heritage,
                2,
                50,
                "Hoàn thành và giới thiệu clip \"Hà Nội – Thành phố Thiết kế sáng tạo\" tại phiên họp khu vực.",
                "",
                "",
                Some(1.0),
            ),
        ),
        at(
            7,
            3,
            report(
                SHOWS,
                Heritage,
                2,
                30,
                "Tổ chức tọa đàm \"Không gian sáng tạo trong lòng phố cổ\" ngày 22/04 tại Bảo tàng Hà Nội.",
                "",
                "",
                Some(1.0),
            ),
        ),
        at(
            7,
            4,
            report(
                PREPARATION,
                Heritage,
                2,
                50,
                "Chuẩn bị chuyên đề, thuê phiên dịch và đường truyền cho các phiên họp trực tuyến.",
                "",
                "",
                None,
            ),
        ),
        at(
            7,
            4,
            report(
                SHARING,
                Museum,
                2,
                40,
                "Đăng 12 tin, bài về hoạt động của Hà Nội trên trang của Trung tâm điều phối các hoạt động sáng tạo.",
                "",
                "",
                None,
            ),
        ),
        at(
            7,
            5,
            report(
                DOCUMENTARY,
                Heritage,
                2,
                20,
                "Xây dựng kịch bản phóng sự.",
                "Dự toán kinh phí xây dựng phóng sự chưa được thẩm tra.",
                "Phòng Kế hoạch Tài chính sớm thẩm tra dự toán kinh phí xây dựng phóng sự.",
                None,
            ),
        ),
        // Quý 3.
        at(
            10,
            3,
            report(
                SESSIONS,
                Heritage,
                3,
                75,
                "Tham gia thêm 7 phiên họp trực tuyến; lũy kế 19 phiên.",
                "",
                "",
                Some(19.0),
            ),
        ),
        at(
            10,
            3,
            report(
                TRIP,
                Heritage,
                3,
                100,
                "Đoàn công tác của Thành phố tham dự Hội nghị thường niên Mạng lưới các thành phố sáng tạo của UNESCO tại Pháp (15–18/9) và trình bày tham luận.",
                "",
                "",
                None,
            ),
        ),
        at(
            10,
            3,
            report(
                SHOWS,
                Heritage,
                3,
                60,
                "Tổ chức workshop \"Thiết kế sáng tạo từ di sản đô thị\" ngày 16/08.",
                "",
                "",
                Some(2.0),
            ),
        ),
        at(
            10,
            4,
            report(
                MAGAZINE,
                Magazine,
                3,
                60,
                "Phát hành số chuyên đề thứ nhất (16 trang) trên Tạp chí Kiến trúc số 8/2025.",
                "",
                "",
                Some(16.0),
            ),
        ),
        at(
            10,
            4,
            report(
                EXPERTS,
                Heritage,
                3,
                100,
                "Mời 4 chuyên gia về thiết kế và di sản đô thị tư vấn nội dung tham luận tại Hội nghị thường niên.",
                "",
                "",
                None,
            ),
        ),
        at(10, 6, Act::Done(TRIP)),
        at(10, 6, Act::Done(EXPERTS)),
        // Quý 4, before the year closes.
        at(
            12,
            18,
            report(
                SESSIONS,
                Heritage,
                4,
                100,
                "Tham gia thêm 6 phiên họp trực tuyến; lũy kế 25 phiên trong năm.",
                "",
                "",
                Some(25.0),
            ),
        ),
        at(
            12,
            18,
            report(
                CLIPS,
                Heritage,
                4,
                100,
                "Hoàn thành clip thứ hai \"Không gian sáng tạo Hà Nội\".",
                "",
                "",
                Some(2.0),
            ),
        ),
        at(
            12,
            18,
            report(
                SHOWS,
                Heritage,
                4,
                100,
                "Tổ chức triển lãm \"Hà Nội – Thành phố sáng tạo\" ngày 18/11 tại Bảo tàng Hà Nội.",
                "",
                "",
                Some(3.0),
            ),
        ),
        at(
            12,
            19,
            report(
                MAGAZINE,
                Magazine,
                4,
                100,
                "Phát hành số chuyên đề thứ hai (16 trang); tổng cộng 32 trang trong năm.",
                "",
                "",
                Some(32.0),
            ),
        ),
        at(
            12,
            19,
            report(
                DOCUMENTARY,
                Heritage,
                4,
                100,
                "Hoàn thành phóng sự dài 14 phút, phát sóng trên kênh truyền hình Hà Nội.",
                "",
                "",
                Some(14.0),
            ),
        ),
        at(
            12,
            19,
            report(
                NETWORK,
                Office,
                4,
                70,
                "Kết nối, hỗ trợ Thành phố Hồ Chí Minh, Huế và Đà Nẵng trao đổi kinh nghiệm tham gia Mạng lưới.",
                "Chưa có cơ chế phối hợp chính thức giữa các thành phố sáng tạo của Việt Nam.",
                "UBND Thành phố chủ trì hội nghị kết nối các thành phố sáng tạo của Việt Nam năm 2026.",
                None,
            ),
        ),
        at(12, 22, Act::Done(SESSIONS)),
        at(12, 22, Act::Done(CLIPS)),
        at(12, 22, Act::Done(SHOWS)),
        at(12, 22, Act::Done(MAGAZINE)),
        at(12, 22, Act::Done(DOCUMENTARY)),
    ]
}
