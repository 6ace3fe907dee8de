### Giao diện tiếng Việt (mặc định). Mỗi thông điệp phải có trong en.ftl; khóa trong mã là tên thông điệp với dấu chấm thay cho dấu gạch ngang (nav.plans → nav-plans).

## app
app-name = Sáng tạo Hà Nội
app-tagline = Theo dõi kế hoạch Thành phố sáng tạo UNESCO
app-footer = Sở Văn hóa và Thể thao Hà Nội · Hệ thống theo dõi kế hoạch

## nav
nav-menu = Danh mục
nav-items = Nhiệm vụ
nav-plans = Kế hoạch
nav-units = Đơn vị
nav-notifications = Thông báo
nav-home = Việc của tôi
nav-users = Người dùng
nav-abbreviations = Tên viết tắt
nav-budget_categories = Khoản mục dự toán
nav-department = Thông tin cơ quan
nav-signout = Đăng xuất

## notice
notice-password_changed = Đã đổi mật khẩu. Từ nay hãy đăng nhập bằng mật khẩu mới.
notice-user_updated = Đã lưu họ tên, thư điện tử, vai trò và đơn vị của người dùng.
notice-abbreviation_saved = Đã lưu tên viết tắt.
notice-budget_category_saved = Đã lưu khoản mục.
notice-abbreviation_deleted = Đã xóa tên viết tắt.
notice-department_saved = Đã lưu thông tin cơ quan.
notice-item_saved = Đã lưu thay đổi.
notice-item_added = Đã thêm nhiệm vụ (đánh dấu bổ sung ngoài văn bản).
notice-item_split = Đã tách nhiệm vụ.
notice-item_moved = Đã sắp xếp lại.
notice-item_reparented = Đã chuyển nhiệm vụ (cùng các mục con) sang mục cấp trên mới; đơn vị thực hiện theo mục cấp trên đã được cập nhật ở mọi trang.
notice-report_filed = Đã gửi báo cáo tiến độ.
notice-report_saved = Đã lưu phiên bản mới của báo cáo.
notice-report_accepted = Đã duyệt báo cáo.
notice-report_returned = Đã trả lại báo cáo; đơn vị đã nhận được thông báo kèm ý kiến.
notice-direction_saved = Đã lưu văn bản, cuộc kiểm tra hoặc cuộc họp.
notice-direction_deleted = Đã xóa bản ghi chỉ đạo, điều hành.

## error
error-back = Quay lại trang trước
error-home = Về danh sách kế hoạch

## error.not_found
error-not_found-title = Không tìm thấy trang
error-not_found-message = Địa chỉ này không có trong hệ thống, hoặc nội dung đã bị xóa.
error-not_found-next = Hãy kiểm tra lại địa chỉ, hoặc quay về danh sách kế hoạch.

## error.forbidden
error-forbidden-title = Bạn không có quyền xem trang này
error-forbidden-message = Trang này chỉ dành cho người có vai trò phù hợp (ví dụ: Quản trị).
error-forbidden-next = Nếu cần truy cập, hãy liên hệ quản trị viên của Sở để được cấp quyền.

## error.csrf_missing
error-csrf_missing-title = Biểu mẫu đã hết hạn
error-csrf_missing-message = Yêu cầu gửi đi thiếu mã bảo mật của biểu mẫu nên không được thực hiện. Không có thay đổi nào được lưu.
error-csrf_missing-next = Hãy tải lại trang (F5) rồi thực hiện lại thao tác.

## error.csrf_stale
error-csrf_stale-title = Biểu mẫu đã cũ
error-csrf_stale-message = Biểu mẫu này được mở trong một phiên làm việc trước đó (có thể bạn đã đăng xuất hoặc đăng nhập lại). Không có thay đổi nào được lưu.
error-csrf_stale-next = Hãy tải lại trang (F5) để lấy biểu mẫu mới, rồi thực hiện lại thao tác.

## error.bad_request
error-bad_request-title = Yêu cầu không hợp lệ
error-bad_request-message = Dữ liệu gửi lên không đúng định dạng nên không được xử lý.
error-bad_request-next = Hãy quay lại, kiểm tra các ô đã nhập rồi gửi lại.

## error.internal
error-internal-title = Đã có lỗi xảy ra
error-internal-message = Hệ thống gặp sự cố khi xử lý yêu cầu. Không có thay đổi nào bị mất một nửa: thao tác hoặc đã hoàn tất, hoặc chưa được thực hiện.
error-internal-next = Hãy thử lại sau ít phút. Nếu lỗi còn tiếp diễn, hãy báo cho quản trị viên kèm thời điểm xảy ra lỗi.

error-busy-title = Máy chủ đang bận
error-busy-message = Máy chủ đang bận, vui lòng thử lại sau ít giây. Yêu cầu của bạn chưa được thực hiện.
error-busy-next = Hãy đợi vài giây rồi gửi lại biểu mẫu.

## error.refused
error-refused-title = Không thể thực hiện thao tác
error-refused-message = Thao tác không được thực hiện vì dữ liệu chưa đúng quy định.
error-refused-next = Hãy quay lại trang trước, sửa theo hướng dẫn trên rồi thử lại.
error-refused-invalid = Dữ liệu không hợp lệ. Vui lòng kiểm tra lại các trường đã nhập.

## error.storage (the server's disk failed a write: 507)
error-storage-title = Chưa lưu được: ổ đĩa máy chủ có sự cố
error-storage-message = Ổ đĩa của máy chủ không ghi được nên thay đổi của bạn chưa được lưu. Không có gì được lưu một nửa.
error-storage-next = Những gì bạn nhập vẫn còn nếu bạn quay lại trang trước. Hãy báo quản trị viên hệ thống, rồi gửi lại khi ổ đĩa đã được xử lý.
error-storage-full = Ổ đĩa máy chủ đã đầy, chưa lưu được. Những gì bạn nhập vẫn còn trên trang này: hãy báo quản trị viên hệ thống giải phóng dung lượng, rồi bấm lưu lại.
error-storage-io = Ổ đĩa máy chủ báo lỗi khi ghi, chưa lưu được. Những gì bạn nhập vẫn còn trên trang này: hãy báo quản trị viên hệ thống, rồi bấm lưu lại sau.

## error.conflict
error-conflict-title = Nội dung vừa được người khác cập nhật
error-conflict-message = Nội dung này vừa được người khác lưu một phiên bản mới hơn; thay đổi của bạn chưa được lưu.
error-conflict-next = Hãy tải lại trang để xem bản mới nhất, rồi thực hiện lại thay đổi của bạn.

## signin
signin-title = Đăng nhập
signin-intro = Dành cho cán bộ Sở Văn hóa và Thể thao và các đơn vị phối hợp.
signin-expired = Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại để tiếp tục.
signin-signed_out = Bạn đã đăng xuất.
signin-required = Vui lòng đăng nhập để xem trang này.
signin-login = Tên đăng nhập
signin-password = Mật khẩu
signin-submit = Đăng nhập
signin-help = Quên mật khẩu? Hãy liên hệ quản trị viên để được cấp mật khẩu dùng một lần.
signin-wrong = Tên đăng nhập hoặc mật khẩu không đúng. Bạn còn { $left } lần thử trước khi bị tạm khóa 15 phút.
signin-throttled = Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau { $time } (khoảng { $minutes } phút nữa).
signin-throttled_address = Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng thử lại sau { $time } (khoảng { $minutes } phút nữa). Nếu bạn quên mật khẩu, hãy liên hệ quản trị viên.

## password
password-title = Đổi mật khẩu
password-forced = Đây là lần đăng nhập đầu tiên bằng mật khẩu dùng một lần. Bạn cần đặt mật khẩu mới trước khi tiếp tục.
password-current = Mật khẩu hiện tại
password-new = Mật khẩu mới
password-confirm = Nhập lại mật khẩu mới
password-rule = Ít nhất { $n } ký tự. Nên dùng một câu ngắn dễ nhớ.
password-submit = Lưu mật khẩu mới
password-wrong_current = Mật khẩu hiện tại không đúng.
password-too_short = Mật khẩu mới phải có ít nhất { $n } ký tự.
password-mismatch = Hai lần nhập mật khẩu mới không khớp nhau.
password-same = Mật khẩu mới phải khác mật khẩu hiện tại.
password-is_login = Mật khẩu mới không được trùng với tên đăng nhập. Hãy chọn một câu ngắn mà chỉ bạn biết.
password-one_character = Mật khẩu mới không được chỉ lặp lại một ký tự. Hãy dùng một câu ngắn gồm nhiều từ, có thể thêm số.
password-only_spaces = Mật khẩu mới không được chỉ gồm dấu cách. Hãy nhập chữ, số hoặc ký hiệu.
password-common = Mật khẩu này quá phổ biến và dễ bị đoán (ví dụ: 1234567890, matkhau123). Hãy chọn một câu ngắn dễ nhớ mà người khác khó đoán.

## plans
plans-title = Danh sách kế hoạch
plans-page_summary = Kế hoạch { $from }–{ $to } trong { $total } · trang { $page }/{ $pages }
plans-empty = Chưa có kế hoạch nào. Quản trị viên có thể nhập kế hoạch bằng lệnh sangtao import.
plans-reference = Số, ký hiệu
plans-name = Tên kế hoạch
plans-date = Ngày ban hành
plans-items = Số nội dung

## plan
plan-issuer = Cơ quan ban hành
plan-byline_number = Số { $reference }
plan-no_number_symbol = Chưa ghi số (ký hiệu { $symbol })
plan-no_number = Chưa ghi số văn bản
plan-byline_date = ngày { $date }
plan-no_date = chưa ghi ngày ban hành
plan-no_signer = chưa ghi người ký
plan-source = Tệp nguồn
plan-warnings = Lưu ý khi đọc văn bản ({ $n })
plan-content = Nội dung kế hoạch
plan-no_items = Không đọc được nội dung nào từ văn bản này.

## item
item-lead = Đơn vị chủ trì
item-coordinating = Đơn vị phối hợp
item-target = Chỉ tiêu
item-deadline = Thời gian
item-targets = Chỉ tiêu
item-deadlines = Thời gian thực hiện
item-none = Không ghi
item-inherited = Theo mục cấp trên
item-children = Nội dung con
item-due = Hạn { $date }
item-from_to = Từ { $start } đến { $due }

## units
units-title = Đơn vị
units-name = Tên đơn vị
units-kind = Loại
units-external = Đối tác bên ngoài
units-internal = Đơn vị thuộc Sở
units-aliases = Tên khác
units-leads = Nội dung chủ trì
units-coordinates = Nội dung phối hợp
units-leads_heading = { $count ->
        [0] Nội dung chủ trì
       *[other] Nội dung chủ trì: { $n }
    }
units-coordinates_heading = { $count ->
        [0] Nội dung phối hợp
       *[other] Nội dung phối hợp: { $n }
    }
units-no_leads = Đơn vị chưa chủ trì nội dung nào. Khi kế hoạch giao nhiệm vụ cho đơn vị, nhiệm vụ sẽ hiện ở đây; có thể gán đơn vị chủ trì trên trang của từng nhiệm vụ.
units-no_coordinates = Đơn vị chưa phối hợp nội dung nào.

## users
users-title = Người dùng
users-otp = Mật khẩu dùng một lần
users-otp_once = Mật khẩu này chỉ hiện một lần. Hãy chuyển cho người dùng; họ sẽ phải đổi mật khẩu khi đăng nhập lần đầu.
users-login = Tên đăng nhập
users-name = Họ và tên
users-roles = Vai trò
users-units = Đơn vị
users-pending = chưa đổi mật khẩu
users-new = Thêm người dùng
users-login_rule = Chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (2–64 ký tự).
users-units_help = Đánh dấu các đơn vị của người dùng; gõ vào ô lọc để tìm nhanh.
users-create = Tạo tài khoản
users-created = Đã tạo tài khoản { $login }.
users-access = Họ tên, thư điện tử, vai trò và đơn vị
users-save = Lưu
users-reset = Cấp lại mật khẩu
users-reset_help = Tạo mật khẩu dùng một lần mới. Mật khẩu cũ hết hiệu lực và mọi phiên đăng nhập của người này kết thúc.
users-reset_button = Cấp mật khẩu mới
users-reset_done = Đã cấp mật khẩu mới.
users-login_taken = Tên đăng nhập này đã có người dùng.
users-login_invalid = Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới (2–64 ký tự).
users-name_required = Hãy nhập họ và tên.
users-no_role = Hãy chọn ít nhất một vai trò.

## abbr
abbr-title = Bảng tên viết tắt
abbr-intro = Tên viết tắt giúp gộp các cách gọi khác nhau của cùng một đơn vị, ví dụ “Phòng QLDSVH” là “Phòng Quản lý Di sản văn hóa”. Bảng này được dùng khi nhập kế hoạch mới.
abbr-alias = Tên viết tắt
abbr-unit = Tên đầy đủ của đơn vị
abbr-delete = Xóa
abbr-add = Thêm hoặc sửa
abbr-save = Lưu
abbr-invalid = Hãy nhập cả tên viết tắt và tên đầy đủ.
budget_categories-title = Khoản mục dự toán
budget_categories-intro = Các khoản mục để phân loại dòng dự toán. Khoản mục ngừng sử dụng vẫn hiện tên trên các dòng cũ nhưng không chọn được cho dòng mới.
budget_categories-code = Mã
budget_categories-code_hint = Để trống thì mã được tạo từ tên, ví dụ “Thuê thiết bị” → thue_thiet_bi.
budget_categories-name_vi = Tên tiếng Việt
budget_categories-name_en = Tên tiếng Anh
budget_categories-status = Trạng thái
budget_categories-active = Đang dùng
budget_categories-inactive = Ngừng sử dụng
budget_categories-rename = Đổi tên
budget_categories-deactivate = Ngừng sử dụng
budget_categories-reactivate = Dùng lại
budget_categories-add = Thêm khoản mục
department-title = Thông tin cơ quan
department-intro = Các thông tin này đứng đầu báo cáo kết quả (theo Nghị định 30/2020): cơ quan chủ quản, cơ quan ban hành, địa danh ở dòng ngày tháng và ký hiệu văn bản.
department-derived = Chưa lưu thông tin cơ quan: báo cáo đang dùng thông tin suy ra từ kế hoạch, như dưới đây. Hãy kiểm tra rồi bấm Lưu.
department-parent = Cơ quan chủ quản
department-parent_hint = Dòng trên cùng của tiêu đề, chữ in hoa, ví dụ: UBND THÀNH PHỐ HÀ NỘI. Để trống nếu cơ quan không có cơ quan chủ quản.
department-issuer = Cơ quan ban hành
department-issuer_hint = Dòng in đậm dưới cơ quan chủ quản, không lặp lại địa danh, ví dụ: SỞ VĂN HÓA VÀ THỂ THAO.
department-full_name = Tên đầy đủ dùng trong câu
department-full_name_hint = Ví dụ: Sở Văn hóa và Thể thao Hà Nội (trong câu “Trên đây là báo cáo của …”).
department-place = Địa danh
department-place_hint = Ở dòng “Hà Nội, ngày … tháng … năm …”, ví dụ: Hà Nội.
department-code = Mã ký hiệu văn bản
department-code_hint = Phần sau loại văn bản trong số, ký hiệu: SVHTT cho “Số: …/BC-SVHTT”.
department-save = Lưu
department-missing = Chưa nhập “{ $field }”. Hãy điền mục này rồi lưu lại.
department-too_long = “{ $field }” dài quá { $limit } ký tự. Hãy rút gọn rồi lưu lại.
department-bad_code = Mã ký hiệu văn bản chỉ gồm chữ cái và chữ số, các phần nối bằng dấu “-”, không có dấu cách (ví dụ: SVHTT). Hãy sửa rồi lưu lại.
department-conflict = Người khác vừa lưu thông tin cơ quan trước bạn. Bản họ lưu ở dưới, nội dung bạn nhập vẫn còn trong biểu mẫu; hãy xem lại rồi lưu lần nữa.
department-theirs = Thông tin cơ quan người khác vừa lưu

## track
track-add_top = Thêm nhiệm vụ ngoài văn bản
track-added = Bổ sung ngoài văn bản
track-dates = Thời gian (bắt đầu – hạn)
track-people = Người phụ trách
track-people_hint = Mỗi dòng một người: Họ tên, chức vụ.
track-history = Lịch sử thay đổi
track-actual = Thực hiện
track-no_figures = Chưa có số liệu
# A counted target whose units reported another figure: both, never one picked silently.
track-discrepancy = Báo cáo: { $reported } · Hồ sơ: { $counted } · chênh lệch { $difference }
track-source_entered = Số liệu các đơn vị báo cáo
track-source_counted = Đếm từ hồ sơ (sự kiện, sản phẩm truyền thông)
track-change_source = Đổi cách tính
track-kinds = Loại hồ sơ được đếm
track-sum = Cách tính
track-count = Đếm số lượng
track-sum_pages = Cộng số trang
track-sum_minutes = Cộng số phút
track-save = Lưu
track-manage = Cập nhật tiến độ
track-new_status = Trạng thái mới
track-reason = Lý do
track-reason_hint = Bắt buộc khi tạm dừng/hủy
track-change_status = Đổi trạng thái
track-confirm_done = Báo cáo mới nhất ghi đã hoàn thành 100%. Đơn vị chủ trì xác nhận nhiệm vụ đã hoàn thành?
track-confirm_done_button = Xác nhận hoàn thành
track-status = Trạng thái
track-edit_details = Sửa tên, nội dung, thời gian
track-title = Tên nhiệm vụ
track-text = Nội dung
track-start = Ngày bắt đầu (dd/mm/yyyy)
track-due = Hạn hoàn thành (dd/mm/yyyy)
track-structure = Thêm, tách, sắp xếp nhiệm vụ
track-add_child = Thêm nhiệm vụ con
track-add = Thêm
track-split = Tách nhiệm vụ (mỗi dòng một phần; dòng đầu giữ lại cho nhiệm vụ này)
track-split_hint =
    Phần 1
    Phần 2
track-split_button = Tách
track-move_up = Lên trên
track-parent = Chuyển sang mục cấp trên khác
track-parent_top = (Cấp cao nhất của kế hoạch)
track-parent_hint = Nhiệm vụ chuyển đi cùng các mục con. Nếu nhiệm vụ không tự nêu đơn vị, nó nhận đơn vị của mục cấp trên mới.
track-parent_button = Chuyển
track-move_down = Xuống dưới
track-change_units = Đổi đơn vị chủ trì, phối hợp
track-invalid = Dữ liệu không hợp lệ. Vui lòng kiểm tra lại các trường đã nhập.
track-pick_status = Hãy chọn trạng thái mới.
track-bad_date = Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 30/06/2025.
track-title_required = Tên nhiệm vụ không được để trống.
track-start_after_due = Ngày bắt đầu phải trước hạn hoàn thành.
track-split_two = Để tách, hãy nhập ít nhất hai dòng.
track-split_too_many = Mỗi lần tách được tối đa 200 phần. Hãy tách thành nhiều lần, hoặc gộp các dòng.
track-title_too_long = Mỗi tên nhiệm vụ tối đa 1.000 ký tự. Hãy rút gọn tên, phần mô tả để ở nội dung.
track-pick_kind = Hãy chọn ít nhất một loại hồ sơ để đếm.

## report
report-title = Báo cáo tiến độ
report-none = Chưa có báo cáo tiến độ cho nhiệm vụ này.
report-new = Gửi báo cáo tiến độ
report-edit = Cập nhật báo cáo (tạo phiên bản mới)
report-unit = Đơn vị báo cáo
report-period = Kỳ báo cáo
report-text = Nội dung đã thực hiện
report-difficulties = Khó khăn, vướng mắc
report-proposals = Đề xuất, kiến nghị
report-notes_hint = Khó khăn và đề xuất được tổng hợp vào báo cáo kết quả thực hiện Kế hoạch (mục Nguyên nhân và mục Đề xuất, kiến nghị).
report-percent = Tỷ lệ hoàn thành (%)
report-figure = Số liệu lũy kế
report-files = Tệp minh chứng (ảnh, PDF, Word, Excel, video)
report-files_hint = Có thể chọn nhiều tệp. Dung lượng tối đa mỗi tệp:
report-attached = Minh chứng đã tải lên (bỏ chọn để không đính kèm):
report-files_again = Các tệp vừa chọn chưa được lưu: hãy chọn lại khi gửi lại báo cáo.
report-submit = Gửi báo cáo
report-save_version = Lưu phiên bản mới
report-version = Phiên bản
report-versions = Các phiên bản
report-history = Lịch sử báo cáo
report-pick_unit = Hãy chọn đơn vị báo cáo.
report-too_many_files = Mỗi lần chỉ gửi được tối đa 10 tệp.
report-cut_off = Việc tải lên bị gián đoạn. Vui lòng gửi lại.
report-text_too_long = Nội dung quá dài.
report-not_utf8 = Nội dung không đọc được (không phải UTF-8).
upload-too_many_fields = Biểu mẫu có quá nhiều trường. Hãy tải lại trang và gửi lại biểu mẫu.

## conflict
conflict-title = Đã có người cập nhật trước bạn
conflict-current = Phiên bản hiện tại
conflict-yours = Nội dung bạn vừa gửi
conflict-next = Hãy so sánh hai phiên bản. Bạn có thể lưu nội dung của mình thành phiên bản mới nhất, hoặc bỏ qua và giữ phiên bản hiện tại.
conflict-save_mine = Lưu nội dung của tôi
conflict-discard = Giữ phiên bản hiện tại

## list
list-title = Danh sách nhiệm vụ
list-of_plan = Danh sách nhiệm vụ của kế hoạch (lọc, xuất Excel)
list-search = Tìm kiếm
list-search_hint = Gõ có hoặc không dấu, ví dụ: hoi thao
list-plan = Kế hoạch
list-unit = Đơn vị
list-relation = Vai trò của đơn vị
list-any_relation = Chủ trì hoặc phối hợp
picker-more_plans = Tất cả kế hoạch (còn { $n } kế hoạch cũ hơn) →
list-all = Tất cả
list-due_from = Hạn từ ngày
list-due_to = Hạn đến ngày
list-apply = Lọc
list-clear = Bỏ lọc
list-export = Xuất danh sách theo bộ lọc
list-summary = { $count ->
        [0] Không có nhiệm vụ nào · trang { $page }/{ $pages }
       *[other] { $total } nhiệm vụ · trang { $page }/{ $pages }
    }
list-summary_capped = Hơn { $total } nhiệm vụ · trang { $page }/{ $pages } · hãy lọc thêm để xem các nhiệm vụ sau
list-empty = Không có nhiệm vụ nào khớp với bộ lọc. Hãy bỏ bớt điều kiện lọc.
list-pages = Phân trang
list-prev = Trang trước
list-next = Trang sau
list-bad_due_from = “Hạn từ ngày” không đọc được: nhập theo dạng dd/mm/yyyy, ví dụ 01/01/2025. Điều kiện này chưa được áp dụng.
list-bad_due_to = “Hạn đến ngày” không đọc được: nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2025. Điều kiện này chưa được áp dụng.
list-from_after_to = “Hạn từ ngày” đang sau “Hạn đến ngày”, nên không có nhiệm vụ nào khớp.
list-truncated = Danh sách bị cắt bớt vì quá dài. Hãy lọc hẹp hơn rồi xuất lại.
list-col_id = Mã
list-col_plan = Kế hoạch
list-col_numbering = Số thứ tự
list-col_title = Nhiệm vụ
list-col_start = Ngày bắt đầu
list-col_due = Hạn hoàn thành
list-col_added = Bổ sung ngoài văn bản
list-yes = Có
state-latest = Báo cáo gần nhất: { $date }
state-rollup = { $done }/{ $total } việc hoàn thành · trung bình { $percent }%
state-rollup_overdue = { $n } việc quá hạn
list-overdue_only = Chỉ việc quá hạn
list-unreported_only = Chỉ việc chưa báo cáo { $period }
list-bad_unreported = Kỳ báo cáo trong điều kiện “chưa báo cáo” không đọc được (dùng dạng 2025-Q4, 2025-H1 hoặc 2025). Điều kiện này chưa được áp dụng.
list-overdue = Quá hạn
list-inherited = theo mục cấp trên
list-col_percent = Tiến độ (%)
list-col_latest_report = Báo cáo gần nhất
list-col_overdue = Quá hạn
list-col_inherited = Đơn vị theo mục cấp trên
list-no_report = Chưa báo cáo

## audit
audit-item_heading = Lịch sử thay đổi: { $title }
audit-plan_heading = Lịch sử thay đổi của kế hoạch { $title }
audit-back = Quay lại
audit-empty = Chưa có thay đổi nào được ghi lại.
audit-older = Các thay đổi cũ hơn
audit-system = Hệ thống
audit-field = Trường
audit-before = Trước
audit-after = Sau
audit-col_id = Mã
audit-col_at = Thời điểm
audit-col_actor = Người thực hiện
audit-col_action = Thao tác
audit-col_entity = Đối tượng
audit-col_entity_id = Mã đối tượng
audit-col_before = Trước khi đổi
audit-col_after = Sau khi đổi

## audit.action.plan
audit-action-plan-import = Nhập kế hoạch
audit-action-plan-metadata = Sửa số, ký hiệu, ngày ban hành, người ký

## audit.action.item
audit-action-item-add = Thêm nhiệm vụ
audit-action-item-move = Sắp xếp lại
audit-action-item-people = Đổi người phụ trách
audit-action-item-split = Tách nhiệm vụ
audit-action-item-status = Đổi trạng thái
audit-action-item-status-auto = Tự chuyển trạng thái theo báo cáo tiến độ
audit-action-item-units = Đổi đơn vị chủ trì, phối hợp
audit-action-item-update = Sửa nhiệm vụ

## audit.action.report
audit-action-report-file = Gửi báo cáo tiến độ
audit-action-report-edit = Sửa báo cáo (phiên bản mới)
audit-action-report-review = Duyệt hoặc trả lại báo cáo

## audit.action.evidence
audit-action-evidence-add = Tải lên minh chứng

## audit.action.target
audit-action-target-source = Đổi cách tính chỉ tiêu

## event
event-nav = Sự kiện
event-title = Sự kiện
event-calendar = Lịch tháng
event-list = Danh sách sự kiện
event-new = Thêm sự kiện
event-edit = Sửa sự kiện
event-kind = Loại
event-status = Trạng thái
event-scope = Phạm vi
event-unit = Đơn vị
event-month = Tháng
event-show_deadlines = Hiện hạn nhiệm vụ
event-deadline = Hạn nhiệm vụ
event-deadline_mark = Hạn
event-all = Tất cả
event-filter = Lọc
event-prev = Tháng trước
event-next = Tháng sau
event-month_label = Tháng { $m }/{ $y }
event-wd1 = Thứ Hai
event-wd2 = Thứ Ba
event-wd3 = Thứ Tư
event-wd4 = Thứ Năm
event-wd5 = Thứ Sáu
event-wd6 = Thứ Bảy
event-wd7 = Chủ nhật
event-wd1_short = T2
event-wd2_short = T3
event-wd3_short = T4
event-wd4_short = T5
event-wd5_short = T6
event-wd6_short = T7
event-wd7_short = CN
event-hanoi_note = Lịch tháng hiển thị theo giờ Hà Nội (Asia/Ho_Chi_Minh).
event-none = Không có sự kiện nào khớp bộ lọc.
event-clear_filters = Bỏ lọc, xem mọi sự kiện
event-none_in_month = Chưa có sự kiện nào trong tháng { $m }/{ $y }.
event-none_yet = Chưa có sự kiện nào.
event-none_next = Hội nghị, diễn đàn, phiên họp trực tuyến của đơn vị được ghi ở đây:
event-none_next_other = Các đơn vị ghi hội nghị, diễn đàn, phiên họp của mình tại đây; sự kiện liên quan đến bạn sẽ hiện khi được thêm.
event-name = Tên sự kiện
event-when = Thời gian (giờ địa phương)
event-when_hanoi = Thời gian (giờ Hà Nội)
event-organiser = Đơn vị tổ chức
event-organiser_name = Tên thành phố thành viên (nếu có)
event-topic = Chủ đề
event-venue = Địa điểm
event-online_url = Đường dẫn họp trực tuyến
event-items = Nhiệm vụ trong kế hoạch
event-items_hint = Sự kiện được đếm vào chỉ tiêu của các nhiệm vụ đã chọn khi đã diễn ra. Đánh dấu từng nhiệm vụ; gõ vào ô lọc để tìm nhanh.
event-download_ics = Tải về lịch (.ics)
event-change_status = Chuyển trạng thái
event-save = Lưu
event-interpreters = Phiên dịch viên
event-no_interpreters = Chưa đặt phiên dịch viên.
event-clash = ⚠ Phiên dịch viên này đã được đặt cho sự kiện khác trùng thời gian:
event-remove = Bỏ
event-interpreter = Phiên dịch viên
event-language_pair = Cặp ngôn ngữ
event-book = Đặt phiên dịch
event-invitations = Khách mời
event-invitation_total = { $count ->
        [0] chưa mời ai
       *[other] { $n } khách mời
    }
event-more_invitations = Chỉ hiển thị 200 khách mời đầu tiên; số lượng theo trạng thái tính trên toàn bộ danh sách.
event-invite_people = Mời từ danh bạ (chuyên gia, cán bộ)
event-guests = Khách mời khác (mỗi dòng một người)
event-guests_hint = Họ tên; Cơ quan; Email
event-invite = Thêm khách mời
event-checklist = Công tác chuẩn bị
event-no_checklist = Chưa có đầu việc chuẩn bị.
event-due = Hạn
event-check_kind = Đầu việc
event-check_title = Mô tả
event-owner = Người/đơn vị phụ trách
event-add = Thêm
event-documents = Tài liệu
event-no_documents = Chưa có tài liệu.
event-doc_kind = Loại tài liệu
event-doc_speech = Bài phát biểu
event-doc_slides = Trình chiếu
event-doc_clip = Clip
event-doc_photo = Ảnh
event-doc_other = Tài liệu khác
event-file = Tệp (ảnh, PDF, Word, Excel, video)
event-upload = Tải lên
event-outcome = Kết quả
event-outcome_notes = Ghi chú kết quả sau sự kiện
event-follow_ups = Việc cần làm tiếp
event-in_plan = Đã đưa vào kế hoạch
event-parent = Thuộc nhiệm vụ
event-to_plan = Đưa vào kế hoạch
event-follow_up = Việc cần làm tiếp
event-format = Hình thức
event-zone = Múi giờ nơi diễn ra
event-zone_hint = Giờ bắt đầu và kết thúc nhập theo giờ địa phương nơi diễn ra sự kiện. Múi giờ của các thành phố sáng tạo UNESCO đứng đầu danh sách; gõ vào ô lọc để tìm (ví dụ Paris).
event-start_date = Ngày bắt đầu
event-start_time = Giờ bắt đầu
event-end_date = Ngày kết thúc (để trống nếu cùng ngày)
event-end_time = Giờ kết thúc
event-lead = Đơn vị chủ trì
event-coordinating = Đơn vị phối hợp, đối tác được chia sẻ
event-invalid = Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.
event-pick_status = Hãy chọn trạng thái.
event-pick_kind = Hãy chọn loại sự kiện.
event-pick_check_kind = Hãy chọn loại việc chuẩn bị (tham luận, phiên dịch, kết nối trực tuyến, clip, phát biểu hoặc việc khác).
event-pick_scope = Hãy chọn phạm vi.
event-pick_format = Hãy chọn hình thức.
event-pick_organiser = Hãy chọn đơn vị tổ chức.
event-pick_lead = Hãy chọn đơn vị chủ trì.
event-pick_coord = Một đơn vị phối hợp đã chọn không hợp lệ. Hãy tải lại trang và chọn lại.
event-pick_items = Một nhiệm vụ đã chọn không hợp lệ. Hãy tải lại trang và chọn lại.
event-no_guests = Hãy chọn hoặc nhập ít nhất một khách mời.
event-pick_interpreter = Hãy chọn phiên dịch viên.
event-follow_up_text = Hãy nhập nội dung việc cần làm tiếp.
event-pick_parent = Hãy chọn nhiệm vụ để đưa vào kế hoạch.
event-pick_file = Hãy chọn một tệp.
event-notice_saved = Đã lưu.
event-notice_created = Đã tạo sự kiện.
event-notice_invited = Đã thêm khách mời.
event-notice_booked = Đã đặt phiên dịch viên.
event-notice_booked_clash = ⚠ Đã đặt phiên dịch viên, nhưng người này trùng lịch với sự kiện khác (xem bên dưới).

## people
people-title = Danh bạ
people-new = Thêm người
people-edit = Thông tin người trong danh bạ
people-kind = Loại
people-search = Tìm theo tên
people-none = Không có ai trong danh bạ khớp với lựa chọn này. Bấm “Thêm người” để ghi chuyên gia, phiên dịch viên hay đầu mối liên hệ.
people-name = Họ tên
people-detail = Lĩnh vực, cơ quan, ngôn ngữ
people-contact = Liên hệ
people-job = Chức vụ, học hàm
people-organisation = Cơ quan
people-field = Lĩnh vực chuyên môn
people-email = Email
people-phone = Điện thoại
people-pairs = Cặp ngôn ngữ (phiên dịch viên)
people-notes = Ghi chú
people-pick_kind = Hãy chọn loại: chuyên gia, phiên dịch viên hoặc cán bộ.

## delegation
delegation-title = Đoàn ra
delegation-new = Đề xuất đoàn ra
delegation-none = Chưa có đoàn ra nào. Đơn vị lập đoàn bằng nút “Đề xuất đoàn ra”; Ban Giám đốc duyệt trên trang của đoàn.
delegation-name = Tên đoàn
delegation-destination = Nơi đến
delegation-dates = Thời gian
delegation-cost = Kinh phí dự kiến
delegation-budget_item = Dự toán theo nhiệm vụ
delegation-budget_none = — Không gắn dự toán —
delegation-budget_pick = Chọn một nhiệm vụ đã có dự toán trong danh sách.
delegation-purpose = Mục đích
delegation-members = Thành viên
delegation-members_hint = Mỗi dòng: Họ tên, chức vụ trong đoàn
delegation-report = Báo cáo sau chuyến đi
delegation-report_text = Nội dung báo cáo kết quả
delegation-file_report = Gửi báo cáo
delegation-report_after = Báo cáo được lập sau khi đoàn về.
delegation-edit = Sửa dự thảo
delegation-depart = Ngày đi
delegation-back = Ngày về
delegation-bad_dates = Hãy nhập ngày đi và ngày về theo dạng dd/mm/yyyy.

## feed
feed-title = Lịch đăng ký
feed-intro = Đăng ký lịch sự kiện vào Outlook, Google Calendar hoặc lịch điện thoại bằng một đường dẫn bí mật. Ai có đường dẫn đều xem được lịch; khi lộ, hãy thu hồi và tạo đường dẫn mới.
feed-created = Đường dẫn lịch mới (chỉ hiển thị một lần, hãy sao chép ngay):
feed-owner = Lịch của
feed-mine = Cá nhân tôi
feed-label = Ghi chú
feed-label_hint = Ví dụ: điện thoại công vụ
feed-create = Tạo đường dẫn lịch
feed-created_at = Tạo lúc
feed-revoke = Thu hồi
feed-revoked_at = Đã thu hồi lúc
feed-none = Bạn chưa tạo đường dẫn lịch nào. Tạo một đường dẫn ở trên, rồi dán vào Outlook, Google Calendar hoặc lịch điện thoại (mục “Thêm lịch từ URL”).
feed-unknown = Không tìm thấy lịch này. Hãy kiểm tra lại đường dẫn. / This calendar feed does not exist.
feed-revoked = Đường dẫn lịch này đã bị thu hồi. Hãy tạo đường dẫn mới trong sangtao (Sự kiện → Lịch đăng ký). / This calendar feed was revoked.

## dashboard
dashboard-nav = Tổng quan
dashboard-title = Tổng quan thực hiện kế hoạch
dashboard-unit_title = Tổng quan của { $unit }
dashboard-plan = Kế hoạch
dashboard-units = Đơn vị
dashboard-whole_plan = Toàn kế hoạch
dashboard-show = Xem
dashboard-period = Số liệu tính đến
dashboard-period_today = Hôm nay
dashboard-items = nhiệm vụ
dashboard-done = đã hoàn thành
dashboard-overdue = Quá hạn
dashboard-due_soon = Sắp đến hạn (14 ngày)
dashboard-none_overdue = Không có nhiệm vụ quá hạn.
dashboard-none_soon = Không có nhiệm vụ sắp đến hạn.
dashboard-by_status = Nhiệm vụ theo trạng thái
dashboard-bands = Chỉ tiêu theo mức đạt
dashboard-band_aria = { $item }: thực hiện { $actual }, chỉ tiêu { $target }
dashboard-targets = Chỉ tiêu: kế hoạch và thực hiện
dashboard-no_targets = Chưa có chỉ tiêu số.
dashboard-progress = Tiến độ theo nhiệm vụ
dashboard-item = Nhiệm vụ
dashboard-target = Chỉ tiêu
dashboard-actual = Thực hiện
dashboard-band = Mức đạt
dashboard-status = Trạng thái
dashboard-due = Hạn
dashboard-percent = Hoàn thành
dashboard-events = Sự kiện sắp tới
dashboard-recent_reports = Báo cáo tiến độ mới nhất
dashboard-no_reports = Chưa có báo cáo tiến độ. Đơn vị chủ trì gửi báo cáo trên trang của từng nhiệm vụ, mục “Báo cáo tiến độ”.
dashboard-print_status = Bản in tình hình thực hiện (1 trang)
dashboard-status_title = Tình hình thực hiện kế hoạch
dashboard-as_of = Tính đến ngày
dashboard-print = In
dashboard-more_items = { $count ->
        [0] Đã liệt kê đủ các nhiệm vụ.
       *[other] … và { $n } nhiệm vụ khác (xem trang kế hoạch).
    }
dashboard-overdue_heading = { $count ->
        [0] Quá hạn
       *[other] Quá hạn: { $n } nhiệm vụ
    }
dashboard-soon_heading = { $count ->
        [0] Sắp đến hạn trong 14 ngày
       *[other] Sắp đến hạn trong 14 ngày: { $n } nhiệm vụ
    }
dashboard-count_items = { $count ->
        [0] chưa có nhiệm vụ nào
       *[other] { $n } nhiệm vụ
    }
dashboard-count_overdue = { $count ->
        [0] không có nhiệm vụ quá hạn
       *[other] { $n } nhiệm vụ quá hạn
    }
dashboard-count_soon = { $count ->
        [0] không có nhiệm vụ sắp đến hạn trong 14 ngày
       *[other] { $n } nhiệm vụ sắp đến hạn trong 14 ngày
    }
dashboard-more_overdue = { $count ->
        [0] Đã liệt kê đủ các nhiệm vụ quá hạn.
       *[other] … và { $n } nhiệm vụ quá hạn khác: xem tất cả
    }

## reminder
reminder-notifications = Thông báo
reminder-unread = thông báo chưa đọc
reminder-none = Chưa có thông báo. Thông báo đến khi báo cáo của đơn vị được duyệt hay trả lại, khi nhiệm vụ sắp đến hạn hoặc quá hạn, và khi Ban Giám đốc đánh giá.
reminder-new = Mới
reminder-mark_read = Đánh dấu đã đọc tất cả
reminder-escalations = Nhiệm vụ chuyển Ban Giám đốc
reminder-escalations_intro = Nhiệm vụ quá hạn đã được đôn đốc 3 lần mà chưa hoàn thành.
reminder-no_escalations = Không có nhiệm vụ nào cần Ban Giám đốc xử lý.
reminder-reminders_count = { $count ->
        [0] chưa đôn đốc lần nào
       *[other] đã đôn đốc { $n } lần
    }
reminder-since = chuyển lúc
reminder-resolution = Ý kiến chỉ đạo, kết quả xử lý
reminder-resolve = Đã xử lý
reminder-resolved_notice = Đã ghi nhận kết quả xử lý.
reminder-closed = Đã xử lý
reminder-email_body =
    Nhiệm vụ: { $item }
    Hạn: { $due }
    Đơn vị chủ trì vui lòng cập nhật tiến độ và báo cáo kết quả trên hệ thống sangtao: { $link }
reminder-escalation_subject = [Chuyển Ban Giám đốc] Quá hạn, đã đôn đốc { $count } lần: { $item }
reminder-subject = { $when ->
        [before] [Đôn đốc] Còn { $days } ngày đến hạn ({ $due }): { $item }
        [today] [Đôn đốc] Hôm nay đến hạn ({ $due }): { $item }
       *[overdue] [Đôn đốc] Quá hạn { $days } ngày (hạn { $due }): { $item }
    }
reminder-emails_title = Địa chỉ e-mail nhận đôn đốc
reminder-emails_intro = Thư đôn đốc gửi tới hộp thư của đơn vị chủ trì và địa chỉ của từng thành viên (khi đã cấu hình SMTP). Để trống để không gửi.
reminder-emails_units = Hộp thư đơn vị
reminder-emails_users = Người dùng
reminder-emails_save = Lưu
reminder-emails_saved = Đã lưu địa chỉ e-mail.
reminder-bad_email = “{ $value }” không phải là một địa chỉ e-mail.

## evaluation
evaluation-link = Đánh giá
evaluation-title = Đánh giá: { $item }
evaluation-heading = Đánh giá chất lượng nhiệm vụ
evaluation-period = Kỳ đánh giá
evaluation-grade = Mức đánh giá
evaluation-comment = Nhận xét
evaluation-save = Lưu đánh giá
evaluation-saved = Đã lưu đánh giá.
evaluation-history = Lịch sử đánh giá
evaluation-none = Chưa có đánh giá.
evaluation-by = Người đánh giá
evaluation-notice = [Đánh giá] { $item } — { $period }: { $grade }
grades-title = Đánh giá của Ban Giám đốc
grades-earlier = Các lần đánh giá trước
grades-evaluate = Đánh giá nhiệm vụ này
grades-read_only = Đánh giá do Ban Giám đốc thực hiện; đơn vị xem để tiếp thu, không sửa được.

## work: "Việc của tôi", the home page
work-title = Việc của tôi
work-as_of = Tính đến ngày { $date }; kỳ báo cáo hiện tại: { $period }.
work-board = Ban Giám đốc
work-shared = Được chia sẻ với { $unit }
work-nobody = Tài khoản của bạn chưa thuộc đơn vị nào nên chưa có việc riêng. Hãy xem danh sách kế hoạch, hoặc đề nghị quản trị viên gán đơn vị cho bạn.
work-escalations = Nhiệm vụ chuyển Ban Giám đốc
work-awaiting = Báo cáo chờ duyệt
work-awaiting_detail = { $unit }, { $period }, phiên bản { $version }
work-at_risk = Chỉ tiêu chậm so với tiến độ của năm
work-at_risk_detail = đạt { $actual }, đến nay cần khoảng { $expected } (chỉ tiêu { $target })
work-answers = bổ sung theo ý kiến trả lại
work-not_reported = Chưa có báo cáo { $period }
work-overdue = Quá hạn
work-due_soon = Đến hạn trong 14 ngày
work-returned = Báo cáo bị trả lại, cần cập nhật
work-returned_detail = { $period }, phiên bản { $version }
work-grades = Đánh giá gần đây của Ban Giám đốc
work-events = Sự kiện sắp tới
work-none = Không có.
work-none_escalations = Không có nhiệm vụ nào được chuyển lên Ban Giám đốc.
work-none_at_risk = Không có chỉ tiêu nào chậm so với tiến độ.
work-none_awaiting = Không có báo cáo nào chờ duyệt.
work-none_not_reported = Mọi nhiệm vụ cần báo cáo kỳ này đều đã có báo cáo.
work-none_overdue = Không có nhiệm vụ quá hạn.
work-none_due_soon = Không có nhiệm vụ đến hạn trong 14 ngày tới.
work-none_returned = Không có báo cáo nào bị trả lại.
work-none_grades = Ban Giám đốc chưa đánh giá nhiệm vụ nào của đơn vị gần đây.
work-none_events = Chưa có sự kiện nào sắp diễn ra. Lịch sự kiện ở mục Sự kiện.
work-more = Xem tất cả
work-more_than = hơn { $count }
work-all_notifications = Xem các thông báo
work-due = hạn { $date }

## review: the Board accepts (duyệt) or returns (trả lại) a progress report
review-state_waiting = Chờ duyệt
review-state_answered = Đã bổ sung theo ý kiến, chờ duyệt
review-state_accepted = Đã duyệt
review-state_returned = Bị trả lại
review-decision_accepted = Đã duyệt
review-decision_returned = Trả lại
review-comment = Ý kiến (bắt buộc khi trả lại: đơn vị cần sửa, bổ sung gì)
review-accept = Duyệt
review-return = Trả lại
review-answers = Bổ sung theo ý kiến trả lại
review-returned_to_you = Báo cáo bị trả lại, đơn vị cần cập nhật:
review-answer_link = Cập nhật báo cáo theo ý kiến (tạo phiên bản mới)
review-returned_notice = [Trả lại báo cáo] { $item } — { $period }

## official_report
official_report-title = Báo cáo kết quả thực hiện Kế hoạch
official_report-period = Kỳ báo cáo
official_report-choose = Chọn kỳ
official_report-data = { $reports ->
        [0] Dữ liệu: { $items_n } nhiệm vụ; chưa có báo cáo tiến độ nào trong kỳ.
       *[other] Dữ liệu: { $items_n } nhiệm vụ, { $reports_n } báo cáo tiến độ trong kỳ.
    }
official_report-saved_at = Bản nháp lưu lúc
official_report-version = phiên bản
official_report-saved = Đã lưu bản nháp.
official_report-save = Lưu bản nháp
official_report-prefill = Tạo lại từ số liệu
official_report-regen_notice = { $count } phần đã thay đổi số liệu kể từ khi bạn sửa. Với mỗi phần, hãy chọn giữ bản của bạn hay lấy bản mới từ số liệu, rồi bấm “Áp dụng lựa chọn”.
official_report-regen_mine = Bản của tôi
official_report-regen_new = Bản mới từ số liệu
official_report-regen_keep = Giữ bản của tôi
official_report-regen_take = Lấy bản mới
official_report-regen_apply = Áp dụng lựa chọn
official_report-regen_bad_choice = Lựa chọn không hợp lệ: mỗi phần chỉ chọn “Giữ bản của tôi” hoặc “Lấy bản mới”. Hãy tải lại trang và chọn lại.
official_report-prefill_note = Thay mọi phần bằng nội dung tạo từ số liệu hiện tại (giữ số và ngày văn bản) và lưu thành phiên bản mới.
official_report-export_docx = Tải báo cáo (DOCX)
official_report-export_xlsx = Tải phụ lục số liệu (XLSX)
official_report-export_note = Tệp tải về dùng bản nháp đã lưu (chưa lưu thì dùng nội dung điền sẵn); phần bạn chưa sửa luôn theo số liệu mới nhất. Hãy lưu trước khi tải.
official_report-theirs = Bản nháp người khác vừa lưu
official_report-conflict = Đã có người lưu bản nháp trước bạn. Nội dung của bạn vẫn ở dưới; lưu lần nữa sẽ thay bản của họ.
official_report-too_long = Một mục quá dài (tối đa 20.000 ký tự).
official_report-bad_date = Ngày ban hành phải theo dạng dd/mm/yyyy.
official_report-bad_version = Biểu mẫu không hợp lệ, vui lòng tải lại trang.
official_report-field_number = Số văn bản (để trống nếu chưa cấp số)
official_report-field_date = Ngày ban hành (dd/mm/yyyy, để trống nếu chưa ký)
official_report-field_subject = Trích yếu
official_report-field_direction = I. Công tác chỉ đạo, điều hành
official_report-field_results_intro = II. Kết quả thực hiện (đoạn mở đầu; kết quả từng nội dung tổng hợp từ báo cáo tiến độ, chỉ tiêu, sự kiện và đoàn công tác trong kỳ)
official_report-field_achievements = III.1. Kết quả đạt được
official_report-field_difficulties = III.2. Khó khăn, hạn chế
official_report-field_causes = III.3. Nguyên nhân (khó khăn, vướng mắc các đơn vị nêu trong kỳ)
official_report-field_next_tasks = IV. Phương hướng, nhiệm vụ thời gian tới
official_report-field_proposals = V. Đề xuất, kiến nghị (tổng hợp từ báo cáo của các đơn vị)
official_report-field_closing = Câu kết (“Trên đây là …”)
official_report-field_recipients = Nơi nhận (mỗi dòng một nơi)
official_report-field_signer_authority = Thẩm quyền ký (vd. KT. GIÁM ĐỐC)
official_report-field_signer_title = Chức vụ người ký
official_report-field_signer_name = Họ tên người ký

## oversight
oversight-forbidden = Bạn không có quyền thực hiện thao tác này.
oversight-report_period = Báo cáo kết quả lập cho 6 tháng, 9 tháng hoặc cả năm; kỳ đã chọn không hợp lệ.
oversight-report_period_outside = Kỳ báo cáo nằm ngoài thời gian của kế hoạch. Hãy chọn một kỳ trong danh sách bên dưới; trang đang mở kỳ mặc định.
oversight-bad_grade = Mức đánh giá không hợp lệ.
oversight-comment_too_long = Nhận xét quá dài.

## refusal: why the rules refused a change, worded from the error's typed fields
## (crates/web/src/i18n/worded.rs); the key after "refusal-" is the error's own key().
refusal-tracking-forbidden = Bạn không có quyền thực hiện thao tác này.
refusal-tracking-transition = Không được chuyển trạng thái từ “{ $from }” sang “{ $to }”.
refusal-tracking-same_status = Nhiệm vụ đã ở trạng thái “{ $status }”.
refusal-tracking-reason_required = Tạm dừng/hủy nhiệm vụ phải nêu lý do.
refusal-tracking-bad_period = Kỳ báo cáo “{ $period }” không hợp lệ: dùng 2025, 2025-H1, 2025-Q2 hoặc 2025-06.
refusal-tracking-period_outside_plan = Kỳ báo cáo { $period } nằm ngoài thời gian của kế hoạch ({ $single ->
        [yes] năm { $first }
       *[no] các năm { $first }–{ $last }
    }).
refusal-tracking-percent_range = Tỷ lệ hoàn thành phải từ 0 đến 100 (nhận được: { $value }).
refusal-tracking-negative_figure = Số liệu phải là số không âm và không quá 1.000.000.000.000 (nhận được: { $value }).
refusal-tracking-unknown_target = Chỉ tiêu { $target } không thuộc nhiệm vụ này.
refusal-tracking-empty_report = Báo cáo cần có nội dung, khó khăn, đề xuất, tỷ lệ hoàn thành hoặc số liệu.
refusal-tracking-move_under_itself = Không thể chuyển một mục vào chính nó hoặc vào một mục con của nó. Hãy chọn mục cấp trên khác.
refusal-tracking-parent_in_other_plan = Mục cấp trên mới thuộc kế hoạch khác. Hãy chọn một mục trong cùng kế hoạch.
refusal-tracking-removed = Nhiệm vụ này đã bỏ trong kế hoạch điều chỉnh: hồ sơ của nó vẫn xem được, nhưng không báo cáo hay sửa được nữa. Hãy báo cáo ở nhiệm vụ thay thế trong kế hoạch.
refusal-conflict = Xung đột chỉnh sửa: bạn sửa phiên bản { $attempted }, nhưng đã có phiên bản { $current } mới hơn. Hãy xem lại cả hai trước khi lưu.
refusal-event-forbidden = Bạn không có quyền thực hiện thao tác này.
refusal-event-unknown_zone = Không có múi giờ “{ $zone }”: dùng tên IANA như Asia/Ho_Chi_Minh hoặc Europe/Paris.
refusal-event-nonexistent_time = Giờ { $local } không tồn tại ở múi giờ { $zone } (lúc đó đồng hồ được vặn lên). Hãy chọn giờ khác.
refusal-event-ambiguous_time = Giờ { $local } xảy ra hai lần ở múi giờ { $zone } (lúc đó đồng hồ được vặn lùi, { $first } và { $second }). Hãy chọn giờ khác.
refusal-event-end_before_start = Thời gian kết thúc ({ $end }) trước thời gian bắt đầu ({ $start }).
refusal-event-bad_datetime = Không đọc được ngày giờ “{ $value }”: nhập ngày dd/mm/yyyy và giờ HH:MM.
refusal-event-title_required = Cần nhập tên sự kiện.
refusal-event-name_required = Cần nhập họ tên.
refusal-event-transition = Không được chuyển trạng thái từ “{ $from }” sang “{ $to }”.
refusal-event-held_before_start = Sự kiện chưa bắt đầu ({ $start }) nên chưa thể ghi là đã diễn ra.
refusal-event-bad_initial_status = Sự kiện mới chỉ có thể ở trạng thái dự kiến, đã xác nhận, hoặc đã diễn ra (nếu đã kết thúc).
refusal-event-bad_language_pair = Không đọc được cặp ngôn ngữ “{ $value }”: viết như vi-en, vi↔fr.
refusal-event-bad_cost = Kinh phí dự kiến phải là số đồng nguyên, không âm và không quá 1.000.000.000.000.000 ₫ (nhận được: “{ $value }”).
refusal-event-bad_link = Đường dẫn trực tuyến “{ $value }” không hợp lệ: hãy dán địa chỉ bắt đầu bằng https:// hoặc http://, ví dụ https://zoom.us/j/123.
refusal-event-too_long = Nội dung nhập quá dài (tối đa { $max } ký tự mỗi ô). Hãy rút gọn rồi lưu lại.
refusal-event-parent_not_linked = Việc cần làm tiếp chỉ đưa vào kế hoạch dưới một nhiệm vụ mà sự kiện gắn với. Hãy chọn trong danh sách của sự kiện.
refusal-event-return_before_departure = Ngày về trước ngày đi.
refusal-event-report_required = Báo cáo sau chuyến đi cần có nội dung.
refusal-event-report_too_early = Chỉ báo cáo được sau khi đoàn đã đi.
refusal-event-not_an_interpreter = Người này không phải phiên dịch viên.
refusal-oversight-forbidden = Bạn không có quyền thực hiện thao tác này.
refusal-oversight-report_period = Báo cáo kết quả lập cho 6 tháng, 9 tháng hoặc cả năm, không cho kỳ “{ $period }”.
refusal-oversight-bad_grade = Mức đánh giá “{ $grade }” không hợp lệ.
refusal-oversight-comment_too_long = Nhận xét dài quá { $max } ký tự.
refusal-review-forbidden = Chỉ Ban Giám đốc hoặc quản trị viên duyệt báo cáo tiến độ, và không duyệt phiên bản do chính mình gửi.
refusal-review-bad_decision = Không rõ ý kiến “{ $decision }”: hãy bấm “Duyệt” hoặc “Trả lại”.
refusal-review-comment_required = Trả lại báo cáo cần ghi ý kiến: đơn vị cần sửa hoặc bổ sung gì. Hãy nhập ý kiến rồi bấm “Trả lại”.
refusal-review-comment_too_long = Ý kiến dài quá { $max } ký tự; hãy rút gọn.
refusal-review-stale = Đơn vị đã gửi phiên bản { $latest } sau khi bạn mở trang (bạn đang xem phiên bản { $opened }); ý kiến của bạn chưa được lưu. Hãy đọc phiên bản mới bên dưới rồi duyệt hoặc trả lại.
refusal-review-already_reviewed = Phiên bản { $version } đã được { $decision ->
        [accepted] duyệt
       *[returned] trả lại
    } trước đó; ý kiến của bạn chưa được lưu. Kết quả đang hiển thị bên dưới.
refusal-evidence-too_large = Tệp vượt quá dung lượng cho phép ({ $megabytes } MB).
refusal-evidence-mismatch = Nội dung tệp “{ $name }” không khớp với phần mở rộng của tên tệp (ví dụ tệp Word đổi tên thành .pdf). Chỉ nhận ảnh, PDF, Word, Excel, video.
refusal-evidence-unsupported = Không nhận tệp “{ $extension }”. Chỉ nhận ảnh, PDF, Word, Excel, video.
refusal-evidence-empty = Tệp rỗng.
refusal-evidence-disk_full = Ổ đĩa máy chủ đã đầy nên tệp chưa được lưu. Hãy báo quản trị viên hệ thống giải phóng dung lượng, rồi gửi lại.
refusal-evidence-io = Tải tệp lên không thành công, không có gì được lưu.
refusal-reader-io = Không đọc được tệp “{ $name }”: { $detail }.
refusal-reader-empty = Tệp “{ $name }” rỗng hoặc không có chữ.
refusal-reader-binary = Tệp “{ $name }” không phải văn bản: hãy dùng tệp .docx, .pdf, .txt hoặc .md.
refusal-reader-encoding = Tệp “{ $name }” không được lưu bằng bảng mã Unicode (UTF-8 hoặc UTF-16): hãy mở tệp rồi lưu lại với bảng mã UTF-8, hoặc dùng bản .docx.
refusal-reader-legacy_word = Tệp Word cũ (.doc): hãy lưu lại dưới dạng .docx (trong Word chọn Tệp › Lưu thành › Tài liệu Word .docx) rồi nhập lại.
refusal-reader-legacy_word_renamed = Tệp “{ $name }” là tệp Word cũ (.doc) bị đổi tên thành .docx: đổi tên không đổi được định dạng. Hãy mở bằng Word rồi lưu lại dưới dạng .docx.
refusal-reader-not_word = Tệp “{ $name }” không phải văn bản Word: { $kind ->
    [spreadsheet] đây là bảng tính Excel.
    [presentation] đây là bài trình chiếu PowerPoint.
    [opendocument] đây là tệp OpenDocument (LibreOffice); hãy lưu lại dưới dạng .docx.
   *[other] đây là tệp nén (.zip) không chứa văn bản Word.
} Hãy dùng bản .docx hoặc .pdf của kế hoạch.
refusal-reader-encrypted = Tệp “{ $name }” được đặt mật khẩu: hãy bỏ mật khẩu (hoặc in lại ra PDF không mật khẩu) rồi nhập lại.
refusal-reader-no_text_layer = PDF không có lớp chữ (bản quét); cần OCR, hãy cài tesseract-ocr-vie hoặc dùng bản .docx.
refusal-reader-docx = Tệp “{ $name }” hỏng hoặc không phải tệp .docx đúng chuẩn: hãy mở bằng Word, lưu lại rồi nhập lại.
refusal-reader-pdf = Không đọc được tệp PDF “{ $name }” (tệp hỏng hoặc không đúng chuẩn): hãy dùng bản .docx hoặc xuất lại PDF.

## rule: a counting rule in words (crates/web/src/i18n/rule.rs), e.g. "Đếm: phiên họp
## trực tuyến đã diễn ra trong năm 2025 gắn với mục này"
rule-count = Đếm: { $kinds }
rule-sum = Tổng { $field } của: { $kinds }
rule-and = và
rule-or = hoặc
rule-year = trong năm { $year }
rule-range = từ { $from } đến { $to }
rule-linked = gắn với mục này
# Appended for kinds sangtao cannot record yet (clips, magazine features, documentaries, publications).

## form
form-unreadable = Biểu mẫu gửi lên thiếu thông tin bắt buộc hoặc có ô không đọc được (thường do trang đã cũ). Không có thay đổi nào được lưu.
form-gone_choice = Một lựa chọn trong biểu mẫu (đơn vị, nhiệm vụ, người…) không tồn tại hoặc vừa bị xóa. Hãy tải lại trang rồi chọn lại.
form-unknown_direction = Hướng sắp xếp không hợp lệ: chỉ có thể chuyển lên hoặc xuống.
form-unknown_parent = Mục cấp trên đã chọn không hợp lệ. Hãy chọn lại trong danh sách.
form-unknown_source = Hãy chọn cách lấy số liệu: nhập tay hoặc đếm từ hồ sơ.
form-unknown_kind = Có loại hồ sơ không có trong danh sách. Hãy chọn lại các loại cần đếm.
form-bad_year = Năm không hợp lệ; hãy nhập năm gồm 4 chữ số (vd. 2025) hoặc để trống.
form-unknown_invitation_status = Trạng thái lời mời không có trong danh sách. Hãy chọn lại.
form-unknown_role = Có vai trò không có trong danh sách. Hãy chọn lại vai trò.
form-unknown_relation = Vai trò đơn vị không có trong danh sách (chủ trì hoặc phối hợp); bộ lọc này chưa được áp dụng.
form-unknown_status = Có trạng thái không có trong danh sách; bộ lọc trạng thái chưa được áp dụng.

## Chỉ đạo, điều hành (issue 12, section I)
direction-title = Chỉ đạo, điều hành
direction-intro = Văn bản chỉ đạo, triển khai Kế hoạch (công văn, quyết định, kế hoạch chi tiết…), các cuộc kiểm tra và các cuộc họp, giao ban của Ban Giám đốc. Mục I của báo cáo kết quả nêu những gì có ngày trong kỳ báo cáo.
direction-none = Chưa ghi nhận văn bản, cuộc kiểm tra hay cuộc họp nào. Ban Giám đốc và quản trị viên ghi nhận bằng mẫu “Ghi nhận văn bản, cuộc kiểm tra, cuộc họp”; các đơn vị xem tại đây.
direction-add = Ghi nhận văn bản, cuộc kiểm tra, cuộc họp
direction-kind = Loại
direction-date = Ngày (dd/mm/yyyy)
direction-number = Số, ký hiệu
direction-summary = Trích yếu
direction-files = Tệp đính kèm
direction-file_hint = Bản scan văn bản, biên bản, ảnh: PDF, DOCX, XLSX, ảnh hoặc video; tối đa 10 tệp mỗi lần.
direction-choose_again = Nếu đã chọn tệp, hãy chọn lại tệp trước khi bấm “Lưu”: tệp chưa được lưu.
direction-save = Lưu
direction-edit = Sửa, đính kèm, xóa
direction-attach = Đính kèm thêm tệp
direction-delete = Xóa bản ghi này
direction-pick_file = Hãy chọn ít nhất một tệp rồi bấm “Đính kèm thêm tệp”.
direction-conflict = Người khác đã sửa bản ghi này sau khi bạn mở trang. Nội dung hiện tại ở trên, nội dung bạn nhập ở trong mẫu bên dưới: kiểm tra rồi bấm “Lưu” để lưu đè, hoặc tải lại trang để bỏ.
direction-export_csv = Tải danh sách (CSV)
direction-export_xlsx = Tải danh sách (XLSX)
direction-from_report = Mục I lấy từ trang “Chỉ đạo, điều hành”: văn bản chỉ đạo, kiểm tra, họp giao ban trong kỳ. Ghi nhận thêm tại đây.
refusal-direction-unknown_kind = Loại “{ $kind }” không có trong danh sách: hãy chọn “Văn bản chỉ đạo, triển khai”, “Kiểm tra” hoặc “Họp, giao ban”.
refusal-direction-date_required = Hãy nhập ngày của văn bản, cuộc kiểm tra hoặc cuộc họp, theo dạng ngày/tháng/năm (ví dụ 12/03/2025).
refusal-direction-date_unreadable = Ngày “{ $date }” không đọc được. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 12/03/2025.
refusal-direction-date_out_of_range = Ngày { $date } nằm ngoài khoảng cho phép (từ năm { $first } đến năm { $last }). Hãy kiểm tra lại năm.
refusal-direction-summary_required = Hãy nhập trích yếu: văn bản về việc gì, kiểm tra hoặc họp về nội dung gì.
refusal-direction-summary_too_long = Trích yếu dài quá { $max } ký tự; hãy rút gọn, nội dung chi tiết để trong tệp đính kèm.
refusal-direction-number_too_long = Số, ký hiệu dài quá { $max } ký tự; hãy nhập như trên văn bản, ví dụ 285/SVHTT-QLDS.

## The header search (issue 16)
search-title = Tìm kiếm
search-label = Tìm nhiệm vụ, sự kiện, người, báo cáo
search-placeholder = Tìm kiếm…
search-go = Tìm
search-hint = Không cần gõ dấu: “hoi thao” tìm được “Hội thảo”, “da lat” tìm được “Đà Lạt”.
search-too_short = Gõ ít nhất 2 chữ hoặc số để tìm.
search-too_long = Nội dung tìm kiếm dài quá 200 ký tự: hãy rút gọn.
search-summary = { $n ->
    [0] Không tìm thấy gì cho “{ $q }”. Thử gõ ít chữ hơn, hoặc một từ khác.
   *[other] { $n } kết quả cho “{ $q }”.
}
search-none_here = Không có kết quả ở mục này.
search-items = { $n ->
    [0] Nhiệm vụ
   *[other] Nhiệm vụ ({ $n })
}
search-events = { $n ->
    [0] Sự kiện
   *[other] Sự kiện ({ $n })
}
search-people = { $n ->
    [0] Người
   *[other] Người ({ $n })
}
search-reports = { $n ->
    [0] Báo cáo tiến độ
   *[other] Báo cáo tiến độ ({ $n })
}
search-reports_many = Báo cáo tiến độ (10 mới nhất)
search-all_items = Xem cả { $n } nhiệm vụ trong danh sách
search-all_people = Xem cả { $n } người trong danh bạ

## Forms that guide (issue 16): errors beside their fields, pickers, time zones.
form-bad_date = { $field } không hợp lệ: { $value } — nhập dd/mm/yyyy, ví dụ 30/06/2025.
form-bad_time = { $field } không hợp lệ: { $value } — nhập HH:MM, ví dụ 08:30.
form-required = Cần nhập { $field }.
form-fix_these = Chưa lưu được. Hãy sửa các ô sau:
form-filter = Lọc danh sách…
form-zones_uccn = Thành phố sáng tạo UNESCO
form-zones_other = Các múi giờ khác
event-end_date_short = Ngày kết thúc
event-notice_unchanged = Trạng thái không đổi.
event-counted_hint = Sự kiện đã diễn ra đang được đếm vào chỉ tiêu của các nhiệm vụ gắn với nó.
event-confirm_uncount = Tôi hiểu: chuyển sang trạng thái khác sẽ bỏ sự kiện khỏi số đếm chỉ tiêu.
event-confirm_uncount_needed = Chuyển sang “{ $to }” sẽ bỏ sự kiện khỏi số đếm chỉ tiêu. Hãy đánh dấu ô xác nhận rồi bấm Lưu, hoặc giữ trạng thái hiện tại.
people-pairs_hint = Đánh dấu các cặp ngôn ngữ người này phiên dịch.
report-percent_hint = Số từ 0 đến 100; có thể có phần thập phân (50,5 hoặc 50.5), được làm tròn đến số nguyên.
oversight-grade_required = Chọn một mức đánh giá.
refusal-oversight-grade_required = Chọn một mức đánh giá.
track-start_short = Ngày bắt đầu
track-due_short = Hạn hoàn thành

## Nhập kế hoạch từ trình duyệt (issue 13)
notice-draft_saved = Đã lưu bản nháp. Kiểm tra lại rồi bấm "Đưa vào theo dõi".
notice-draft_discarded = Đã bỏ bản nháp.
notice-draft_gone = Bản nháp không còn: có thể nó đã được đưa vào theo dõi hoặc đã bị bỏ.
notice-plan_imported = Đã đưa kế hoạch vào theo dõi.
import-title = Nhập kế hoạch
import-intro = Tải lên văn bản kế hoạch (.docx, .pdf, .txt hoặc .md). Chương trình đọc văn bản thành các nhiệm vụ, chỉ tiêu, thời hạn và đơn vị; anh/chị kiểm tra, sửa nếu cần, rồi mới đưa vào theo dõi.
import-file = Tệp văn bản kế hoạch
import-file_hint = Word (.docx), PDF có lớp chữ, văn bản (.txt, .md); tối đa { $mb } MB.
import-read = Đọc văn bản
import-pick_file = Hãy chọn tệp văn bản kế hoạch.
import-too_large = Tệp lớn hơn { $mb } MB. Văn bản kế hoạch thường nhỏ hơn nhiều: hãy bỏ ảnh khỏi tệp hoặc tải bản .docx.
import-drafts = Bản nháp đang chờ kiểm tra
import-no_drafts = Chưa có bản nháp nào. Tải lên một văn bản kế hoạch để bắt đầu.
import-doc_title = Tên kế hoạch
import-source = Tệp
import-by = Người tải lên
import-when = Lần sửa cuối
import-review_title = Kiểm tra trước khi đưa vào theo dõi
import-review_intro = Bên trái là cây nhiệm vụ chương trình đọc được, bên phải là văn bản gốc theo từng dòng. Sửa những chỗ đọc sai, rồi bấm "Đưa vào theo dõi". Chưa bấm thì chưa có gì được tính.
import-count_items = { $count ->
        [0] không có nhiệm vụ nào
       *[other] { $n } nhiệm vụ
    }
import-count_targets = { $count ->
        [0] không có chỉ tiêu
       *[other] { $n } chỉ tiêu
    }
import-count_units = { $count ->
        [0] không có đơn vị
       *[other] { $n } đơn vị
    }
import-count_warnings = { $count ->
        [0] không có cảnh báo
       *[other] { $n } cảnh báo
    }
import-commit = Đưa vào theo dõi
import-discard = Bỏ bản nháp
import-commit_hint = Khi đưa vào theo dõi, kế hoạch, nhiệm vụ, chỉ tiêu, thời hạn và đơn vị mới được lưu cùng một lúc; bản nháp được xóa.
import-duplicate = Kế hoạch này đã có trong chương trình (cùng tệp hoặc cùng số, ký hiệu và tên), nên không nhập lần nữa.
import-open_plan = Mở kế hoạch đã có
import-stale = Bản nháp vừa được người khác sửa. Trang đã hiện bản mới nhất; hãy làm lại thay đổi của anh/chị nếu vẫn cần.
import-warnings = Cảnh báo của chương trình đọc
import-line = Dòng
import-header = Thông tin văn bản
import-issuer = Cơ quan ban hành
import-doc_number = Số
import-doc_symbol = Ký hiệu
import-doc_date = Ngày ban hành
import-doc_signer = Người ký
import-save = Lưu
import-units = Đơn vị trong văn bản
import-units_hint = Mỗi tên đơn vị trong văn bản được khớp với một đơn vị đã có; tên chưa khớp sẽ thành đơn vị mới. Chọn đơn vị đã có nếu văn bản viết tắt hoặc viết khác.
import-unit_written = Tên trong văn bản
import-unit_uses = Số lần nêu
import-unit_becomes = Khi nhập
import-unit_new = (tạo đơn vị mới)
import-tree = Nhiệm vụ đọc được
import-item_title = Tên nhiệm vụ
import-source_text = Văn bản gốc
import-not_a_plan = “{ $name }” đọc ra là { $kind }, không phải kế hoạch, nên không nhập. Hãy chọn văn bản kế hoạch (KH).
import-unknown_kind = một văn bản không rõ loại
import-save_items = Lưu nhiệm vụ và chỉ tiêu
import-target = Chỉ tiêu
import-target_min = Từ
import-target_max = Đến
import-target_unit = Đơn vị tính
import-bad_number = “{ $value }” không phải là số. Nhập số, ví dụ 20 hoặc 12,5.
import-target_no_figure = Chỉ tiêu cần ít nhất một con số (từ hoặc đến).
import-target_negative = Chỉ tiêu không được là số âm.
import-target_min_above_max = Số “từ” lớn hơn số “đến”. Hãy sửa lại, ví dụ từ 20 đến 30.
import-target_no_unit = Hãy nhập đơn vị tính của chỉ tiêu, ví dụ cuộc, trang, %.
## Department setup (issue 13): units, accounts and a plan's document details.
nav-unit_admin = Quản lý đơn vị
notice-user_deactivated = Đã khóa tài khoản. Mọi phiên đăng nhập của người này đã kết thúc và lịch cá nhân của họ ngừng cập nhật.
notice-user_reactivated = Đã mở lại tài khoản. Người này có thể đăng nhập lại bằng mật khẩu cũ.
notice-unit_saved = Đã lưu đơn vị.
notice-unit_merged = Đã gộp đơn vị trùng vào đơn vị này.
notice-plan_metadata_saved = Đã lưu số, ký hiệu, ngày ban hành và người ký của kế hoạch.
setup-conflict = Người khác vừa lưu thay đổi trước bạn. Thông tin đã lưu hiện ở đầu trang; những gì bạn nhập vẫn còn trong biểu mẫu — hãy xem lại rồi lưu lần nữa.
setup-saved_now = Thông tin đang được lưu
unit_admin-title = Quản lý đơn vị
unit_admin-intro = Thêm, đổi tên, gộp hoặc ngừng sử dụng đơn vị. Tên cũ được giữ làm tên khác để khi nhập lại văn bản, đơn vị vẫn được nhận ra.
unit_admin-parent = Cơ quan cấp trên
unit_admin-status = Tình trạng
unit_admin-active = Đang hoạt động
unit_admin-inactive = Ngừng hoạt động
unit_admin-new = Thêm đơn vị
unit_admin-add = Thêm đơn vị
unit_admin-external = Đối tác bên ngoài Sở
unit_admin-no_parent = (không có)
unit_admin-parent_help = Đơn vị mà đơn vị này trực thuộc, nếu có (ví dụ: Bảo tàng thuộc Sở).
unit_admin-items_link = Nhiệm vụ của đơn vị
unit_admin-manage = Quản lý đơn vị này
unit_admin-edit = Tên và cơ quan cấp trên
unit_admin-rename_help = Khi đổi tên, tên cũ được thêm vào bảng tên viết tắt, trỏ tới tên mới.
unit_admin-deactivate = Ngừng hoạt động đơn vị
unit_admin-reactivate = Cho đơn vị hoạt động trở lại
unit_admin-deactivate_help = Đơn vị không còn được đưa ra để chọn khi giao việc mới hoặc thêm người dùng; nhiệm vụ, báo cáo và lịch sử của đơn vị được giữ nguyên.
unit_admin-reactivate_help = Đơn vị lại được đưa ra để chọn khi giao việc và thêm người dùng.
unit_admin-merge = Gộp đơn vị trùng
unit_admin-merge_help = Dùng khi đơn vị này là bản trùng của một đơn vị khác: nhiệm vụ, người dùng và sự kiện chuyển sang đơn vị được chọn, rồi đơn vị này bị xóa. Đơn vị đã gửi báo cáo tiến độ thì không gộp đi được.
unit_admin-merge_into = Gộp vào đơn vị
unit_admin-merge_choose = — Chọn đơn vị —
unit_admin-merge_button = Gộp đơn vị
unit_admin-merge_pick = Hãy chọn đơn vị sẽ nhận (khác đơn vị này).
unit_admin-merge_reported = Đơn vị này đã gửi báo cáo tiến độ, báo cáo phải giữ dưới tên đơn vị. Hãy mở đơn vị kia và gộp nó vào đơn vị này.
users-active = Đang hoạt động
users-inactive = Đã khóa
users-email = Thư điện tử
users-email_help = Địa chỉ nhận thư đôn đốc; để trống nếu không dùng.
users-deactivate = Khóa tài khoản
users-reactivate = Mở lại tài khoản
users-deactivate_help = Người này không đăng nhập được nữa, mọi phiên đăng nhập kết thúc ngay và lịch cá nhân (địa chỉ .ics) ngừng trả lời. Báo cáo và lịch sử của họ được giữ nguyên.
users-reactivate_help = Người này đăng nhập lại được bằng mật khẩu hiện có; lịch cá nhân hoạt động lại.
signin-deactivated = Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên nếu bạn cần dùng lại.
plans-no_number = Chưa có số
plans-no_date = Chưa có ngày
plans-missing_details = Văn bản được nhập không ghi số, ký hiệu hoặc ngày ban hành.
plan_meta-title = Số, ngày ban hành và người ký
plan_meta-intro = Sửa những gì văn bản gốc ghi mà bản được nhập thiếu hoặc đọc sai. Để trống ô nào văn bản không ghi.
plan_meta-link = Sửa số, ngày, người ký
plan_meta-back = Quay lại kế hoạch
plan_meta-number = Số
plan_meta-number_hint = Phần số của “Số: 102/KH-UBND”, ví dụ 102.
plan_meta-symbol = Ký hiệu
plan_meta-symbol_hint = Phần sau dấu “/”, ví dụ KH-SVHTT.
plan_meta-date = Ngày ban hành
plan_meta-date_hint = Ngày ghi ở dòng “Hà Nội, ngày …”, dạng dd/mm/yyyy, ví dụ 15/01/2025.
plan_meta-signer_title = Chức vụ người ký
plan_meta-signer_title_hint = Ví dụ GIÁM ĐỐC hoặc PHÓ GIÁM ĐỐC.
plan_meta-signer_name = Người ký
plan_meta-signer_name_hint = Họ và tên người ký, ví dụ Đỗ Đình Hồng.
plan_meta-parent_issuer = Cơ quan chủ quản
plan_meta-parent_issuer_hint = Dòng trên tên cơ quan ban hành, ví dụ UBND thành phố Hà Nội.
refusal-setup-name_missing = Hãy nhập tên.
refusal-setup-name_too_long = Tên dài quá { $limit } ký tự.
refusal-setup-unit_name_taken = Đã có đơn vị “{ $name }” mang tên này (hoặc tên này là tên viết tắt của đơn vị đó). Hãy chọn tên khác, hoặc gộp hai đơn vị.
refusal-setup-parent_cycle = Một đơn vị không thể trực thuộc chính nó hoặc một đơn vị cấp dưới của nó.
refusal-setup-unit_inactive = Đơn vị “{ $name }” đã ngừng hoạt động, không nhận thêm người dùng.
refusal-setup-staff_without_unit = Cán bộ phải thuộc ít nhất một đơn vị: hãy đánh dấu đơn vị của người này.
refusal-setup-plan_field_too_long = { $field } dài quá { $limit } ký tự.
refusal-setup-self_lockout = Bạn không thể tự bỏ vai trò Quản trị hoặc tự khóa tài khoản của chính mình.
refusal-setup-plan_identity_taken = Đã có một kế hoạch khác của cùng cơ quan ban hành mang số, ký hiệu và tên này. Hãy kiểm tra lại số, ký hiệu.
## Kinh phí, dự toán (issue 17)
notice-budget_saved = Đã lưu dự toán.
budget-nav = Kinh phí
budget-title = Dự toán kinh phí
budget-link = Dự toán kinh phí
budget-intro = Đơn vị chủ trì lập dự toán và trình; Phòng Kế hoạch Tài chính thẩm tra hoặc trả lại kèm ý kiến; Ban Giám đốc phê duyệt hoặc không phê duyệt. Dự toán đã phê duyệt bị khóa: muốn thay đổi thì mở lần điều chỉnh mới.
budget-none = Nhiệm vụ này chưa có dự toán.
budget-revision = Lần { $revision }
budget-status = Trạng thái
budget-planned = Kinh phí được duyệt
budget-planned_none = chưa có
budget-col_stt = STT
budget-col_content = Nội dung
budget-col_unit = Đơn vị tính
budget-col_quantity = Số lượng
budget-col_price = Đơn giá
budget-col_amount = Thành tiền
budget-col_note = Ghi chú
budget-total = Tổng cộng
budget-in_words = Bằng chữ
budget-add_line = Thêm dòng dự toán
budget-category = Khoản mục
budget-description = Nội dung
budget-unit = Đơn vị tính
budget-quantity = Số lượng
budget-unit_price = Đơn giá (₫)
budget-note = Ghi chú
budget-add = Thêm dòng
budget-remove = Xóa dòng
budget-comment = Ý kiến
budget-comment_hint = Bắt buộc khi trả lại hoặc không phê duyệt.
budget-steps = Xử lý dự toán
budget-revise_hint = Dự toán đã khóa. Muốn thay đổi, hãy mở lần điều chỉnh mới (các dòng được chép sang, trình duyệt lại từ đầu).
budget-history = Lịch sử xử lý
budget-history_none = Chưa có bước xử lý nào.
budget-when = Thời gian
budget-who = Người thực hiện
budget-step = Bước
budget-export_xlsx = Tải dự toán (XLSX)
budget-conflict = Người khác đã thay đổi dự toán này sau khi bạn mở trang; thay đổi của bạn chưa được lưu. Dự toán hiện tại ở bên dưới: hãy kiểm tra rồi làm lại.
budget-queues = Dự toán chờ xử lý
budget-queue_finance = Chờ thẩm tra (Phòng Kế hoạch Tài chính)
budget-queue_board = Chờ phê duyệt (Ban Giám đốc)
budget-queue_empty = Không có dự toán nào đang chờ.
budget-queue_none = Hàng chờ dự toán dành cho Phòng Kế hoạch Tài chính (thẩm tra) và Ban Giám đốc (phê duyệt). Dự toán của từng nhiệm vụ xem tại trang nhiệm vụ, mục “Dự toán kinh phí”.
budget-item = Nhiệm vụ
budget-updated = Cập nhật
budget-xlsx_title = DỰ TOÁN KINH PHÍ
refusal-budget-forbidden = Bạn không có quyền “{ $action }” dự toán này: đơn vị chủ trì lập và trình, Phòng Kế hoạch Tài chính thẩm tra hoặc trả lại, Ban Giám đốc phê duyệt.
refusal-budget-funding_forbidden = Chỉ Phòng Kế hoạch Tài chính hoặc quản trị viên ghi nguồn kinh phí.
refusal-budget-own_submission = Bạn không thể “{ $action }” dự toán do chính mình trình hoặc thẩm tra: việc này cần một người khác xem xét.
refusal-budget-transition = Dự toán đang ở trạng thái “{ $from }” nên không thể “{ $action }”. Hãy tải lại trang để xem trạng thái hiện tại.
refusal-budget-locked = Dự toán đang ở trạng thái “{ $status }” nên các dòng đã khóa. Dự toán đã phê duyệt muốn thay đổi thì mở lần điều chỉnh mới.
refusal-budget-not_latest = Chỉ lần điều chỉnh mới nhất của dự toán mới thay đổi được.
refusal-budget-no_lines = Dự toán chưa có dòng nào: hãy thêm ít nhất một dòng trước khi trình.
refusal-budget-comment_required = Cần ghi ý kiến khi trả lại hoặc không phê duyệt dự toán: nêu rõ cần sửa hoặc bổ sung gì.
refusal-budget-too_long = Nội dung dài quá { $max } ký tự; hãy rút gọn.
refusal-budget-bad_category = Hãy chọn một khoản mục trong danh sách.
refusal-budget-category_inactive = Khoản mục “{ $value }” đã ngừng sử dụng: hãy chọn một khoản mục khác trong danh sách.
refusal-budget-category_code_bad = Mã khoản mục “{ $value }” không hợp lệ: dùng 1 đến 40 ký tự a–z, 0–9 hoặc dấu gạch dưới, ví dụ thue_thiet_bi.
refusal-budget-category_code_taken = Mã khoản mục “{ $value }” đã có: hãy chọn mã khác hoặc đổi tên khoản mục đó.
refusal-budget-category_name_required = Cần nhập tên khoản mục bằng tiếng Việt.
refusal-budget-category_forbidden = Chỉ quản trị viên cấu hình các khoản mục dự toán.
refusal-budget-name_required = Cần nhập tên nguồn kinh phí.
refusal-budget-description_required = Cần nhập nội dung của dòng dự toán.
refusal-budget-negative_amount = Số tiền không được âm: “{ $value }”. Hãy nhập số đồng từ 0 trở lên, ví dụ 5.000.000.
refusal-budget-amount_too_large = Số tiền “{ $value }” quá lớn: tối đa { $max }. Hãy kiểm tra lại số chữ số.
refusal-budget-bad_amount = “{ $value }” không phải số tiền: hãy nhập số đồng nguyên, dấu chấm ngăn cách hàng nghìn, ví dụ 5.000.000.
refusal-budget-bad_quantity = Số lượng “{ $value }” không hợp lệ: hãy nhập số nguyên từ 1 đến 1.000.000.
refusal-budget-line_too_large = Thành tiền (số lượng × đơn giá) vượt quá { $max }: hãy kiểm tra số lượng và đơn giá.
refusal-budget-total_too_large = Tổng dự toán sẽ vượt quá { $max }: hãy kiểm tra các dòng.
refusal-budget-contract_forbidden = Chỉ Văn phòng Sở ghi nhận hợp đồng.
refusal-budget-payment_forbidden = Chỉ Phòng Kế hoạch Tài chính hoặc đơn vị chủ trì ghi nhận thanh toán.
refusal-budget-contract_above_estimate = Giá trị hợp đồng { $value } vượt các dòng dự toán đã chọn ({ $estimate }). Hãy ghi lý do vượt dự toán, hoặc chọn thêm dòng dự toán.
refusal-budget-payment_above_contract = Khoản chi { $amount } (đã chi { $paid }) vượt giá trị hợp đồng { $value }. Hãy ghi lý do chi vượt hợp đồng.
refusal-budget-no_approved_lines = Hãy chọn ít nhất một dòng của dự toán đã phê duyệt mà hợp đồng này thực hiện.
refusal-budget-bad_date = Ngày “{ $value }” không hợp lệ: nhập dd/mm/yyyy, ví dụ 30/06/2025.
refusal-budget-term_before_signing = Thời hạn hợp đồng kết thúc trước ngày ký.
budget-money = Kinh phí: dự toán, hợp đồng, thanh toán
budget-contracted = Đã ký hợp đồng
budget-paid = Đã chi
budget-settled = Đã quyết toán
budget-contracts = Hợp đồng
budget-contracts_none = Chưa có hợp đồng nào.
budget-contract_add = Ghi nhận hợp đồng (Văn phòng Sở)
budget-vendor = Bên thực hiện
budget-vendor_kind = Loại
budget-subject = Nội dung hợp đồng
budget-value = Giá trị hợp đồng (₫)
budget-signed_on = Ngày ký (dd/mm/yyyy)
budget-term_end = Thời hạn đến (dd/mm/yyyy)
budget-contract_lines = Các dòng dự toán hợp đồng thực hiện
budget-override_reason = Lý do vượt dự toán (bắt buộc nếu giá trị vượt các dòng đã chọn)
budget-save_contract = Lưu hợp đồng
budget-payment_add = Ghi nhận thanh toán
budget-payment_kind = Loại thanh toán
budget-amount = Số tiền (₫)
budget-paid_on = Ngày chi (dd/mm/yyyy)
budget-over_reason = Lý do chi vượt hợp đồng (bắt buộc nếu tổng chi vượt giá trị hợp đồng)
budget-save_payment = Lưu thanh toán
budget-payments_none = Chưa có khoản chi nào.
budget-contract_needs_approval = Hợp đồng được ghi nhận sau khi dự toán được phê duyệt.
budget-changes = Thay đổi so với lần { $revision }
budget-plan_title = Kinh phí của kế hoạch
budget-plan_intro = Kinh phí được duyệt (dự toán đã phê duyệt), đã ký hợp đồng, đã chi và đã quyết toán của từng nhiệm vụ có dự toán, và theo đơn vị chủ trì.
budget-plan_link = Kinh phí của kế hoạch
budget-funding = Nguồn kinh phí
budget-funding_none = Chưa ghi nhận nguồn kinh phí.
budget-per_item = Theo nhiệm vụ
budget-per_unit = Theo đơn vị chủ trì
budget-per_unit_note = Nhiệm vụ có nhiều đơn vị chủ trì được tính cho mỗi đơn vị, nên tổng các đơn vị có thể lớn hơn tổng của kế hoạch.
budget-plan_none = Chưa có nhiệm vụ nào có dự toán.
budget-unit_col = Đơn vị
budget-chart = Kinh phí được duyệt và đã chi theo đơn vị chủ trì
budget-funding_add = Ghi nhận nguồn kinh phí (Phòng Kế hoạch Tài chính)
budget-funding_name = Tên nguồn kinh phí
budget-funding_basis = Căn cứ (quyết định giao kinh phí)
budget-funding_year = Năm
budget-funding_save = Lưu nguồn kinh phí
budget-funding_no_amount = Chưa có số tiền
budget-funding_unit = Giao cho
work-finance = Phòng Kế hoạch Tài chính
work-none_estimates = Không có dự toán nào đang chờ. Dự toán của từng nhiệm vụ ở trang nhiệm vụ, mục “Dự toán kinh phí”.
budget-settlement_sheet = Tổng hợp quyết toán
budget-settlement_xlsx = Tải tổng hợp quyết toán (XLSX)
budget-from_document = Theo văn bản (mục Kinh phí)
budget-files = Hồ sơ
budget-attach = Đính kèm hợp đồng đã ký, chứng từ thanh toán

import-compare = So với kế hoạch đã có (kế hoạch điều chỉnh, bổ sung)
import-compare_with = Kế hoạch đã có
import-compare_button = Xem khác biệt
import-diff_added = { $count ->
        [0] không thêm nhiệm vụ nào
       *[other] thêm { $n } nhiệm vụ
    }
import-diff_changed = { $count ->
        [0] không sửa nhiệm vụ nào
       *[other] sửa { $n } nhiệm vụ
    }
import-diff_removed = { $count ->
        [0] không bỏ nhiệm vụ nào
       *[other] bỏ { $n } nhiệm vụ
    }
import-diff_same = { $count ->
        [0] không nhiệm vụ nào giữ nguyên
       *[other] { $n } nhiệm vụ giữ nguyên
    }
import-diff_added_heading = Nhiệm vụ thêm mới
import-diff_changed_heading = Nhiệm vụ thay đổi (tên, đơn vị chủ trì, chỉ tiêu hoặc thời hạn)
import-diff_removed_heading = Nhiệm vụ không còn trong văn bản mới
import-diff_hint = Nhiệm vụ được khớp theo số thứ tự và tên (không phân biệt dấu). Đưa vào làm kế hoạch điều chỉnh sẽ áp dụng đúng những khác biệt này.
import-deadline = Thời hạn
import-deadline_due = Hạn của nhiệm vụ

# Revised plans applied over a stored one; the review's split, merge, move (issue 13).
import-revise = Đưa vào làm kế hoạch điều chỉnh
import-revise_hint = Áp dụng văn bản này lên kế hoạch đã có: nhiệm vụ khớp giữ nguyên báo cáo, minh chứng và lịch sử, nhận tên, đơn vị, chỉ tiêu, thời hạn mới; nhiệm vụ thêm mới được thêm vào đúng chỗ; nhiệm vụ không còn được đánh dấu "đã bỏ", không bị xóa.
import-revise_changed = Khác biệt đã thay đổi từ khi trang được mở (kế hoạch hoặc bản nháp vừa được sửa). Trang đã hiện khác biệt mới nhất; hãy xem lại rồi bấm lần nữa.
import-shape = Tách, gộp, chuyển nhiệm vụ
import-shape_hint = Chọn một nhiệm vụ: chuyển lên, xuống trong cùng cấp, gộp vào nhiệm vụ ngay trước nó (tên nối bằng dấu chấm phẩy, nhiệm vụ con và chỉ tiêu chuyển theo), tách thành hai nhiệm vụ cùng cấp, hoặc chuyển vào dưới nhiệm vụ khác.
import-shape_item = Nhiệm vụ
import-shape_up = Lên
import-shape_down = Xuống
import-shape_merge = Gộp vào nhiệm vụ trước
import-shape_split = Tách thành hai nhiệm vụ
import-shape_first = Tên nhiệm vụ thứ nhất
import-shape_second = Tên nhiệm vụ thứ hai
import-shape_split_button = Tách
import-shape_move = Chuyển vào dưới nhiệm vụ khác
import-shape_parent = Nhiệm vụ cha mới
import-shape_top = (cấp cao nhất)
import-shape_under = Chuyển
import-shape_empty_title = Hãy nhập tên cho cả hai nhiệm vụ.
import-shape_no_neighbour = Nhiệm vụ này không có nhiệm vụ cùng cấp ở phía đó.
import-shape_under_itself = Không thể chuyển một nhiệm vụ vào dưới chính nó hoặc nhiệm vụ con của nó.
import-shape_no_item = Không còn nhiệm vụ này trong bản nháp. Trang đã hiện bản mới nhất.
import-funding = Kinh phí theo văn bản
import-funding_hint = Nguồn kinh phí đọc từ mục “Kinh phí” của văn bản. Sửa tên, căn cứ, số tiền, năm, đơn vị được giao hoặc bỏ dòng không phải nguồn kinh phí rồi lưu; khi nhập kế hoạch, các dòng này thành nguồn kinh phí của kế hoạch.
import-funding_none = Văn bản không nêu nguồn kinh phí đọc được; Phòng Kế hoạch Tài chính ghi nhận sau ở trang kinh phí của kế hoạch.
import-funding_section = Mục “Kinh phí” của văn bản
import-funding_line = Nguồn
import-funding_amount = Số tiền (đồng)
import-funding_amount_hint = Để trống nếu văn bản chưa ghi
import-funding_year = Năm (để trống: năm của kế hoạch)
import-funding_unit = Đơn vị được giao
import-funding_drop = Bỏ dòng này
import-funding_save = Lưu nguồn kinh phí
import-funding_total = Văn bản ghi tổng kinh phí { $total }.
import-funding_mismatch = Văn bản ghi tổng kinh phí { $total } nhưng các nguồn cộng lại { $sum }; hãy kiểm tra số tiền từng nguồn.
import-funding_too_long = “{ $field }” tối đa { $max } ký tự; hãy rút gọn.
revision-title = Điều chỉnh, bổ sung kế hoạch
revision-line = Kế hoạch điều chỉnh { $reference } ngày { $date }: thêm { $added }, bỏ { $removed }, thay đổi { $changed } nhiệm vụ. Áp dụng bởi { $by } lúc { $when }.
revision-no_number = (không số)
revision-no_date = (không rõ ngày)
revision-removed = Nhiệm vụ đã bỏ
revision-removed_note = Đã bỏ trong kế hoạch điều chỉnh số { $reference } ngày { $date }. Báo cáo và hồ sơ của nhiệm vụ vẫn xem được; nhiệm vụ không còn được tính.
notice-plan_revised = Đã áp dụng kế hoạch điều chỉnh, bổ sung.
## cities: danh bạ Mạng lưới các Thành phố sáng tạo UNESCO (issue 19)
cities-nav = Thành phố
cities-title = Thành phố sáng tạo
cities-directory = Danh bạ
cities-last_contact = Liên hệ gần nhất
cities-last_contact_hint = Các thành phố đã có sự kiện hoặc công văn, thư; thành phố lâu nhất chưa liên hệ đứng đầu.
cities-no_contact = Chưa có sự kiện hay công văn, thư nào.
cities-map = Bản đồ
cities-map_title = Các thành phố thành viên trên bản đồ thế giới, tô màu theo lĩnh vực
cities-map_source = Đường bờ biển: world-atlas (Natural Earth, phạm vi công cộng), giấy phép ISC.
cities-map_unplaced = { $n } thành phố thành viên chưa có tọa độ nên chưa hiện trên bản đồ.
cities-fields = Lĩnh vực sáng tạo
cities-new = Thêm thành phố
cities-edit = Sửa thành phố
cities-import = Nhập danh sách thành phố
cities-search = Tìm theo tên
cities-field = Lĩnh vực
cities-region = Khu vực
cities-country = Quốc gia
cities-status = Tư cách
cities-none = Không có thành phố nào khớp bộ lọc.
cities-name = Thành phố
cities-year = Năm công nhận
cities-summary = { $total } thành phố · trang { $page }/{ $pages }
cities-last = Liên hệ gần nhất
cities-unesco_url = Trang UNESCO
cities-point = Tọa độ
cities-notes = Ghi chú
cities-timeline = Dòng thời gian
cities-add_letter = Ghi công văn, thư, biên bản ghi nhớ
cities-letter_kind = Loại
cities-letter_direction = Chiều
cities-letter_number = Số, ký hiệu
cities-letter_date = Ngày (dd/mm/yyyy)
cities-letter_title = Trích yếu
cities-no_field = (chưa chọn)
cities-slug = Mã trang UNESCO
cities-slug_hint = Phần cuối địa chỉ trang UNESCO của thành phố (vd. da-lat); để trống thì lấy từ tên.
cities-lat = Vĩ độ
cities-lon = Kinh độ
cities-field_vi = Tên tiếng Việt
cities-field_en = Tên tiếng Anh
cities-colour = Màu trên bản đồ
cities-edit_field = Sửa lĩnh vực
cities-new_field = Thêm lĩnh vực
cities-import_hint = Nhập lại nhiều lần cũng không tạo bản trùng: mỗi thành phố được nhận theo mã trang UNESCO. Tên, lĩnh vực, trang UNESCO và tọa độ lấy theo tệp; quốc gia, khu vực, ghi chú đã nhập được giữ nguyên. Các thành phố Việt Nam được bổ sung thông tin chính thức.
cities-import_bundled_hint = Tệp có sẵn trong thư mục
cities-import_bundled = Nhập từ tệp có sẵn
cities-import_cities_file = Tệp danh sách thành phố (CSV: city, creative_field, unesco_slug, unesco_url)
cities-import_points_file = Tệp tọa độ (CSV, không bắt buộc)
cities-import_upload = Tải lên và nhập
cities-import_no_file = Hãy chọn tệp danh sách thành phố.
cities-import_done = Đã nhập: thêm { $added }, sửa { $changed }, giữ nguyên { $unchanged } thành phố.
cities-import_bad_csv = Tệp { $file }, dòng { $line }: { $problem }. Chưa nhập gì.
cities-import_unreadable = Không đọc được { $path }. Chưa nhập gì.
cities-event_cities = Thành phố tham gia
cities-event_cities_save = Lưu thành phố
cities-item_cities = Thành phố của các sự kiện, đoàn ra
refusal-city-forbidden = Bạn không có quyền sửa danh bạ thành phố.
refusal-city-name_required = Hãy nhập tên.
refusal-city-too_long = Nội dung dài quá { $limit } ký tự.
refusal-city-bad_year = Năm công nhận “{ $value }” phải là một năm từ 2004 đến 2100.
refusal-city-bad_latitude = Vĩ độ “{ $value }” phải là một số từ -90 đến 90.
refusal-city-bad_longitude = Kinh độ “{ $value }” phải là một số từ -180 đến 180.
refusal-city-half_point = Hãy nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.
refusal-city-bad_slug = Mã trang UNESCO “{ $value }” chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.
refusal-city-slug_taken = Mã trang UNESCO “{ $value }” đã thuộc về một thành phố khác.
refusal-city-field_taken = Đã có lĩnh vực mang tên tiếng Anh này ({ $value }).
refusal-city-bad_colour = Màu “{ $value }” phải có dạng #rrggbb.
refusal-city-unknown_field = Không có lĩnh vực “{ $value }”: hãy thêm lĩnh vực này trước.
refusal-city-bad_link = Trang UNESCO “{ $value }” phải là một địa chỉ http(s).
refusal-city-bad_choice = Hãy chọn một giá trị trong danh sách.
refusal-city-bad_date = Ngày “{ $value }” không đọc được: hãy viết dd/mm/yyyy.
refusal-city-role_mismatch = Vai trò này dành cho một thành phố, hoặc cho UNESCO (không gắn thành phố).
refusal-city-contact_twice = Người này đã có vai trò này ở đây.
refusal-city-step_in_use = Bước “{ $value }” đang được dùng trong hồ sơ ứng cử nên không xóa được: hãy xóa ngày, ghi chú, tài liệu và hoạt động hỗ trợ của bước này trong các hồ sơ trước, hoặc đổi tên bước.
refusal-city-dossier_twice = Thành phố này đã có hồ sơ ứng cử cho lĩnh vực đó: hãy mở hồ sơ đã có trong danh sách.
cities-contacts = Đầu mối liên hệ
cities-no_contacts = Chưa có đầu mối nào.
cities-add_contact = Thêm đầu mối từ danh bạ người
cities-contact_person = Người (trong danh bạ)
cities-contact_role = Vai trò
cities-remove = Bỏ
cities-unesco = UNESCO
cities-unesco_hint = Ban Thư ký UNESCO tại Paris và Văn phòng UNESCO tại Hà Nội: người trong danh bạ người với vai trò của họ.
cities-newer = Mới hơn
cities-older = Cũ hơn

## Thành phố: hồ sơ (issue 19: tệp công văn, đoàn ra, dự án chung, hồ sơ ứng cử)
cities-letter_file = Tệp (bản scan, PDF…)
cities-optional = không bắt buộc
cities-attach_file = Đính kèm tệp
cities-replace_file = Thay tệp
cities-pick_file = Hãy chọn một tệp.
cities-delegation_cities = Thành phố đến thăm
cities-subnetwork = Mạng lưới lĩnh vực
candidacies-title = Hồ sơ ứng cử
candidacies-intro = Hồ sơ của các thành phố ứng cử tham gia Mạng lưới các thành phố sáng tạo UNESCO theo các bước của đợt xét; Hà Nội hỗ trợ bằng các mục kế hoạch và sự kiện (hội thảo, chuyên gia đến làm việc).
candidacies-dossiers = hồ sơ
candidacies-dossier = Hồ sơ ứng cử
candidacies-none = Chưa có hồ sơ nào. Nhập danh sách thành phố để có sẵn hồ sơ của Huế, Quảng Ninh, Đà Nẵng, hoặc mở hồ sơ ở dưới.
candidacies-status = Tình trạng
candidacies-progress = Tiến độ
candidacies-steps_done = bước đã xong
candidacies-overdue = quá hạn
candidacies-new = Mở hồ sơ
candidacies-pick_city = Hãy chọn thành phố trong danh bạ.
candidacies-pick_step = Hãy chọn bước của hồ sơ.
candidacies-pick_support = Hãy chọn một mục kế hoạch hoặc một sự kiện (chỉ một trong hai).
candidacies-steps = Các bước ứng cử
candidacies-steps_intro = Các bước của đợt xét UNESCO, theo thứ tự. Mỗi đợt có thể đổi: thêm, đổi tên, đổi thứ tự; chỉ xóa được bước chưa hồ sơ nào dùng.
candidacies-step = Bước
candidacies-step_used = Đang dùng trong hồ sơ: không xóa được.
candidacies-add_step = Thêm bước
candidacies-rename = Đổi tên
candidacies-up = Lên
candidacies-down = Xuống
candidacies-remove = Xóa
candidacies-edit = Sửa lĩnh vực, tình trạng
candidacies-save = Lưu
candidacies-planned = Ngày dự kiến (dd/mm/yyyy)
candidacies-done = Ngày hoàn thành (dd/mm/yyyy)
candidacies-documents = Tài liệu
candidacies-support = Hoạt động hỗ trợ của Hà Nội
candidacies-add_document = Thêm tài liệu
candidacies-add_support = Thêm hoạt động hỗ trợ
candidacies-support_hint = Chọn một mục kế hoạch hoặc một sự kiện (hội thảo, chuyên gia đến làm việc) đã có.
candidacies-item = Mục kế hoạch
candidacies-event = Sự kiện
candidacies-search = Thành phố
candidacies-search_hint = ví dụ: hue, da nang
candidacies-overdue_only = Chỉ hồ sơ có bước quá hạn
candidacies-none_match = Không có hồ sơ nào khớp với bộ lọc. Hãy bỏ bớt điều kiện lọc.

## network: Mạng lưới các thành phố sáng tạo Việt Nam (issue 19, phần 2)
network-nav = Mạng lưới
network-title = Mạng lưới thành phố sáng tạo Việt Nam
network-home = Tổng quan
network-calendar = Lịch chung
network-library = Thư viện chung
network-members = Thành viên
network-password = Đổi mật khẩu
network-hanoi = Hà Nội
network-intro_department = Không gian chung của Mạng lưới: lịch, thư viện tài liệu và thực hành tốt, và tài khoản của đầu mối các thành phố.
network-intro_city = Không gian chung của Mạng lưới các thành phố sáng tạo Việt Nam. Bạn là đầu mối của
network-next_events = Sự kiện sắp tới
network-no_events = Chưa có sự kiện nào.
network-open_calendar = Xem lịch chung
network-latest_documents = Tài liệu mới
network-no_documents = Chưa có tài liệu nào.
network-open_library = Xem thư viện chung
network-invite_someone = Mời đầu mối các thành phố
network-members_hint = Các thành phố thành viên và ứng viên của Việt Nam. Ban Giám đốc mời đầu mối của thành phố (người liên hệ có vai trò "đầu mối" trên trang thành phố) vào không gian chung; thư mời có đường dẫn đăng ký dùng một lần.
network-invite_sent = Đã gửi thư mời tới
network-invite_link = Chưa cấu hình máy chủ thư: hãy chuyển đường dẫn đăng ký này cho đầu mối (dùng một lần, hết hạn sau 7 ngày)
network-focal_points = Đầu mối
network-no_focal_point = Chưa có đầu mối: thêm người liên hệ có vai trò "đầu mối" trên trang thành phố.
network-invite = Mời vào Mạng lưới
network-accounts = Tài khoản
network-pending = Thư mời chưa dùng
network-expires = hết hạn
network-join_title = Đăng ký tài khoản Mạng lưới
network-join_intro = Bạn được mời vào không gian chung của Mạng lưới với tư cách đầu mối của
network-login = Tên đăng nhập
network-password_new = Mật khẩu
network-password_confirm = Nhập lại mật khẩu
network-join_submit = Tạo tài khoản
network-join_ask_again = Hãy đề nghị Sở Văn hóa và Thể thao Hà Nội gửi lại thư mời.
network-invite_subject = Mời tham gia không gian chung của Mạng lưới các thành phố sáng tạo Việt Nam
network-invite_body = Kính gửi đầu mối của thành phố,

    Sở Văn hóa và Thể thao Hà Nội trân trọng mời quý vị tham gia không gian chung của Mạng lưới các thành phố sáng tạo Việt Nam (lịch chung, thư viện tài liệu và thực hành tốt).

    Để tạo tài khoản, vui lòng mở đường dẫn sau (dùng một lần, hết hạn sau { $days } ngày):
    { $link }

    Trân trọng.
network-mail_failed = Không gửi được thư mời (máy chủ thư không trả lời). Hãy chuyển đường dẫn dưới đây cho đầu mối.
network-bad_login = Tên đăng nhập không được để trống, không có dấu cách và dài tối đa 60 ký tự.
network-login_taken = Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.
network-month_view = Theo tháng
network-list_view = Danh sách
network-prev_month = Tháng trước
network-next_month = Tháng sau
network-month = Tháng
network-month_events = Sự kiện trong tháng
network-shared_by_hanoi = sự kiện của Hà Nội chia sẻ
network-post_event = Đăng sự kiện lên lịch chung
network-event_title = Tên sự kiện
network-date = Ngày (dd/mm/yyyy)
network-place = Địa điểm
network-start = Bắt đầu (hh:mm)
network-end = Kết thúc (hh:mm)
network-notes = Ghi chú
network-post = Đăng sự kiện
network-share_event = Chia sẻ sự kiện của Hà Nội với Mạng lưới
network-nothing_to_share = Không có sự kiện sắp tới nào chưa chia sẻ.
network-hanoi_event = Sự kiện
network-share = Chia sẻ
network-feed = Lịch trên điện thoại, Outlook, Google Calendar
network-feed_hint = Tạo một địa chỉ lịch (.ics) riêng cho tài khoản của bạn; tạo địa chỉ mới thì địa chỉ cũ hết hiệu lực.
network-feed_made = Địa chỉ lịch của bạn (chỉ hiện một lần):
network-feed_make = Tạo địa chỉ lịch
network-feed_unknown = Địa chỉ lịch này không tồn tại hoặc đã được thay.
network-kind_document = Tài liệu
network-kind_practice = Thực hành tốt
network-all_cities = tất cả các thành phố
network-for = dành cho
network-add_document = Thêm tài liệu hoặc thực hành tốt
network-kind = Loại
network-doc_title = Tiêu đề
network-description = Mô tả
network-audience = Dành cho
network-chosen_cities = các thành phố được chọn
network-file = Tệp
network-file_limit = tối đa
network-add = Thêm vào thư viện
network-download = Tải về
network-edit_document = Sửa mục này
network-remove_document = Xoá khỏi thư viện
network-remove_confirm = Mục này sẽ bị xoá khỏi thư viện chung; các thành phố sẽ không còn thấy nó. Nhật ký thay đổi vẫn giữ bản ghi.
network-remove_yes = Xoá
network-remove_no = Giữ lại
network-save = Lưu
network-updated = sửa lần cuối
network-file_stays = Tệp giữ nguyên; muốn thay tệp, hãy thêm mục mới rồi xoá mục này.
network-conflict = Mục này vừa được người khác sửa. Trang đang hiện nội dung bạn nhập; hãy xem lại rồi lưu lần nữa nếu vẫn muốn ghi đè.
network-conflict_remove = Mục này vừa được sửa sau khi trang xác nhận hiện ra. Hãy xem lại nội dung dưới đây rồi xác nhận lần nữa.
network-invite_again = Gửi lại thư mời
network-expired = đã hết hạn
network-export_date = Ngày đăng
network-export_by = Đăng bởi
network-export_size = Dung lượng (byte)
network-export_updated = Sửa lần cuối
network-export_city = Thành phố
network-export_status = Tình trạng
notice-document_removed = Đã xoá mục khỏi thư viện chung.
notice-network_joined = Đã tạo tài khoản Mạng lưới. Hãy đăng nhập bằng tên và mật khẩu vừa chọn.
refusal-network-forbidden = Bạn không có quyền làm việc này trong không gian Mạng lưới.
refusal-network-link_expired = Đường dẫn đăng ký này đã hết hạn.
refusal-network-link_used = Đường dẫn đăng ký này đã được dùng.
refusal-network-link_unknown = Đường dẫn đăng ký này không tồn tại.
refusal-network-not_a_contact = Người này không phải đầu mối của thành phố.
refusal-network-no_email = Đầu mối này chưa có địa chỉ thư điện tử: hãy bổ sung trong danh bạ người.
refusal-network-not_vietnamese = Chỉ các thành phố thành viên và ứng viên của Việt Nam tham gia không gian Mạng lưới.
refusal-network-title_required = Hãy nhập tiêu đề.
refusal-network-too_long = Nội dung dài quá { $limit } ký tự.
refusal-network-bad_date = Ngày không hợp lệ: { $value } — nhập dd/mm/yyyy.
refusal-network-bad_time = Giờ không hợp lệ: { $value } — nhập hh:mm.
refusal-network-end_before_start = Giờ kết thúc trước giờ bắt đầu.
refusal-network-no_city = Hãy chọn ít nhất một thành phố, hoặc tất cả các thành phố.
refusal-network-bad_choice = Hãy chọn một trong các giá trị có sẵn.
refusal-network-file_required = Hãy chọn tệp.
network-board = Trao đổi
network-board_hint = Diễn đàn chung của Mạng lưới: mỗi chủ đề một luồng trao đổi. Khi có người trả lời, những ai đã viết trong luồng nhận thư báo.
network-board_topic = Chủ đề
network-board_all_topics = Tất cả chủ đề
network-board_empty = Chưa có luồng trao đổi nào.
network-board_replies = trả lời
network-board_last = mới nhất
network-board_threads = luồng trao đổi
network-board_new = Mở luồng trao đổi mới
network-board_title = Tiêu đề
network-board_message = Nội dung
network-board_start = Đăng
network-board_reply = Trả lời
network-board_reply_hint = Những người đã viết trong luồng này sẽ nhận thư báo có đường dẫn tới đây.
network-board_send = Gửi trả lời
network-board_author = Người viết
network-board_replies_col = Số trả lời
network-board_last_col = Lần viết cuối
network-dossier_open = Hồ sơ ứng cử của thành phố: tiến độ, các bước và tài liệu
network-dossier_intro = Hồ sơ ứng cử của thành phố bạn do Sở Văn hóa và Thể thao Hà Nội theo dõi: tình trạng, tiến độ theo các bước của đợt xét UNESCO, tài liệu và các hoạt động hỗ trợ của Hà Nội.
network-dossier_no_field = Hồ sơ ứng cử (chưa chọn lĩnh vực)
network-dossier_none = Hà Nội chưa mở hồ sơ ứng cử nào cho { $city }. Nếu thành phố đang chuẩn bị ứng cử vào Mạng lưới các thành phố sáng tạo UNESCO, hãy liên hệ { $department } để được hỗ trợ.
network-dossier_write = Nhắn cho Hà Nội qua mục Trao đổi
network-dossier_read_only = Trang này chỉ để xem; Hà Nội cập nhật hồ sơ. Cần sửa hoặc bổ sung?
network-reply_subject = [Mạng lưới] Trả lời mới: { $title }
network-reply_body = Có trả lời mới trong luồng trao đổi "{ $title }" của Mạng lưới các thành phố sáng tạo Việt Nam:

    { $body }

    Xem và trả lời tại: { $link }
refusal-network-message_required = Hãy viết nội dung trao đổi.

## Invitations between cities (issue 19)
network-posted_by = Đăng bởi
network-hanoi_event_page = Trang sự kiện của Hà Nội
network-event_edit = Sửa sự kiện
network-event_save = Lưu thay đổi
network-event_remove = Gỡ sự kiện khỏi lịch chung
network-event_remove_confirm = Gỡ sự kiện này khỏi lịch chung? Các lời mời và câu trả lời của nó cũng bị gỡ (vẫn còn trong nhật ký).
network-event_remove_yes = Gỡ sự kiện
network-event_remove_no = Giữ lại
network-stop_sharing = Thôi chia sẻ với Mạng lưới
network-stop_sharing_confirm = Thôi chia sẻ sự kiện này với Mạng lưới? Sự kiện vẫn còn trong kế hoạch của Hà Nội; các lời mời gắn với nó bị gỡ.
network-cities_invited = thành phố được mời
network-event_conflict = Sự kiện vừa được người khác sửa. Thông tin hiện tại ở trên; những gì bạn nhập vẫn ở trong mẫu — lưu lại nếu vẫn muốn thay.
network-event_conflict_remove = Sự kiện vừa được sửa sau khi trang xác nhận hiện ra. Hãy xem lại trước khi gỡ.
network-your_answer = Lời mời gửi thành phố của bạn
network-your_answer_now = Trả lời hiện tại
network-answer_pending = Chưa trả lời
network-answer_accepted = Tham dự
network-answer_declined = Không tham dự
network-answer_note = Ghi chú (không bắt buộc, tối đa 500 ký tự)
network-accept = Nhận lời
network-decline = Từ chối
network-answers_closed = Sự kiện đã kết thúc: không trả lời được nữa.
network-invitations = Các thành phố được mời
network-no_invitations = Chưa mời thành phố nào.
network-invite_city = Thành phố
network-invite_answer = Trả lời
network-invite_note = Ghi chú
network-invite_by = Người trả lời
network-invite_at = Lúc trả lời
network-invite_cities = Mời các thành phố tham dự
network-invite_hint = Mỗi thành phố được mời nhận thư báo và trả lời trên trang của sự kiện.
network-no_city_left = Đã mời tất cả các thành phố của Mạng lưới.
network-invite_send = Gửi lời mời
network-invitations_box = Lời mời tham dự
network-col_date = Ngày
network-col_start = Bắt đầu
network-col_end = Kết thúc
network-col_event_title = Sự kiện
network-col_place = Địa điểm
network-col_posted_by = Đăng bởi
network-col_invited = Số thành phố được mời
network-col_accepted = Nhận lời
network-col_declined = Từ chối
network-event_invite_subject = [Mạng lưới] Lời mời tham dự: { $title }
network-event_invite_body = { $host } mời thành phố của bạn tham dự sự kiện "{ $title }" trên lịch chung của Mạng lưới các thành phố sáng tạo Việt Nam.

    Thời gian: { $when }
    Địa điểm: { $place }

    Xem và trả lời (nhận lời hoặc từ chối) tại: { $link }
network-event_answer_subject = [Mạng lưới] { $city } trả lời: { $answer } — { $title }
network-event_answer_body = { $city } đã trả lời lời mời tham dự "{ $title }": { $answer }.

    Xem các câu trả lời tại: { $link }
notice-network_event_saved = Đã lưu sự kiện.
notice-network_event_removed = Đã gỡ sự kiện khỏi lịch chung.
notice-network_invited = Đã gửi lời mời.
notice-network_answered = Đã ghi nhận câu trả lời của thành phố.
refusal-network-invite_self = Thành phố không tự mời chính mình.
refusal-network-invited_twice = Thành phố này đã được mời.
refusal-network-answer_closed = Sự kiện đã kết thúc: không trả lời lời mời được nữa.
refusal-network-shared_event = Sự kiện của Hà Nội được sửa trên trang sự kiện của Hà Nội; ở đây chỉ có thể thôi chia sẻ.

## Joint projects (issue 19)
projects-nav = Dự án hợp tác
projects-title = Dự án hợp tác
projects-new = Thêm dự án hợp tác
projects-edit = Sửa dự án
projects-search = Tìm theo tên dự án
projects-status = Tình trạng
projects-city = Thành phố
projects-cities = Thành phố tham gia
projects-cities_hint = Giữ Ctrl (trên điện thoại: chạm từng tên) để chọn nhiều thành phố.
projects-name = Tên dự án
projects-dates = Thời gian
projects-start = Ngày bắt đầu (dd/mm/yyyy)
projects-end = Ngày kết thúc (dd/mm/yyyy, để trống nếu chưa định)
projects-unit = Đơn vị chủ trì
projects-item = Nhiệm vụ trong kế hoạch
projects-description = Mô tả
projects-none = Chưa có dự án hợp tác nào khớp bộ lọc.
projects-summary = { $total } dự án · trang { $page }/{ $pages }
projects-back = Về danh sách dự án
projects-remove = Xóa dự án
projects-remove_confirm = Xóa dự án này? Dự án sẽ không còn trên dòng thời gian của các thành phố; nhật ký hệ thống vẫn giữ bản ghi.
projects-remove_yes = Xóa dự án
projects-remove_no = Không xóa
projects-conflict = Người khác vừa lưu dự án này trước bạn. Thông tin đang lưu ở trên, nội dung bạn nhập vẫn còn trong biểu mẫu; hãy xem lại rồi lưu lần nữa.
projects-conflict_remove = Dự án vừa được người khác sửa. Hãy xem lại thông tin dưới đây rồi xác nhận xóa lần nữa.
projects-item_projects = Dự án hợp tác với các thành phố
notice-project_saved = Đã lưu dự án hợp tác.
notice-project_removed = Đã xóa dự án hợp tác.
refusal-city-date_required = Hãy nhập ngày theo dạng dd/mm/yyyy.
refusal-city-end_before_start = Ngày kết thúc phải cùng ngày hoặc sau ngày bắt đầu; hãy sửa một trong hai ngày.
refusal-city-no_city = Hãy chọn ít nhất một thành phố trong danh bạ.
budget-page_items = Nhiệm vụ { $from }–{ $to } trong { $total } · trang { $page }/{ $pages }
budget-page_queue = Dự toán { $from }–{ $to } trong { $total } đang chờ · trang { $page }/{ $pages }
budget-page_bad = Số trang “{ $typed }” không đọc được nên đang hiện trang 1. Hãy nhập số trang là số nguyên từ 1 đến { $pages }.
budget-page_past = Danh sách chỉ có { $pages } trang nên đang hiện trang cuối.
budget-total_whole = Tổng cộng cả kế hoạch

## Publishing and creative spaces, internal pages (issue 18)
nav-publishing = Công bố
nav-spaces = Không gian sáng tạo
notice-publication_saved = Đã lưu nội dung công bố.
notice-publication_moved = Đã chuyển trạng thái nội dung công bố.
notice-space_saved = Đã lưu không gian sáng tạo.
publishing-title = Công bố lên trang công khai
publishing-new = Đề xuất công bố
publishing-intro_reviewer = Mọi đề xuất công bố. Văn phòng Sở và Lãnh đạo Sở duyệt, công bố, trả lại hoặc gỡ xuống.
publishing-intro_mine = Các đề xuất công bố của bạn. Văn phòng Sở hoặc Lãnh đạo Sở sẽ duyệt trước khi công bố.
publishing-open_site = Xem trang công khai
publishing-filter = Lọc theo trạng thái
publishing-none = Chưa có đề xuất công bố nào.
publishing-kind = Loại
publishing-subject = Nội dung
publishing-state = Trạng thái
publishing-embargo = Công bố từ (giờ Hà Nội)
publishing-embargo_hint = Để trống nếu công bố ngay khi duyệt. Nhập dd/mm/yyyy HH:MM, ví dụ 01/12/2026 08:00: trước thời điểm này trang công khai chưa hiện nội dung.
publishing-updated = Cập nhật
publishing-public_page = Trang công khai
publishing-choose_intro = Chọn loại nội dung rồi chọn sản phẩm, sự kiện, không gian hoặc kế hoạch cần công bố.
publishing-no_subjects = Chưa có nội dung nào thuộc loại này.
publishing-next = Tiếp tục
publishing-back = Quay lại
publishing-pick_subject = Hãy chọn nội dung cần công bố.
publishing-pick_move = Hãy chọn một thao tác có trong danh sách.
publishing-texts_hint = Tiêu đề và tóm tắt này là những gì công chúng đọc được. Bản tiếng Anh có thể để trống: trang tiếng Anh sẽ hiện bản tiếng Việt kèm ghi chú “(tiếng Việt)”.
publishing-field_title = Tiêu đề
publishing-field_title_en = Tiêu đề tiếng Anh
publishing-field_summary = Tóm tắt
publishing-field_summary_en = Tóm tắt tiếng Anh
publishing-targets = Chỉ tiêu hiện trên trang công khai
publishing-save = Lưu
publishing-propose = Tạo đề xuất
publishing-move_draft_review = Gửi duyệt
publishing-move_review_published = Duyệt và công bố
publishing-move_review_draft = Trả lại
publishing-move_published_withdrawn = Gỡ xuống
publishing-move_withdrawn_draft = Đưa về bản nháp
spaces-title = Không gian sáng tạo
spaces-intro = Danh mục các không gian sáng tạo của Hà Nội. Một không gian chỉ hiện trên trang công khai sau khi được đề xuất và duyệt công bố.
spaces-new = Thêm không gian
spaces-edit = Sửa không gian
spaces-none = Chưa có không gian nào.
spaces-name = Tên
spaces-name_en = Tên tiếng Anh
spaces-kind = Loại
spaces-pick_kind = Hãy chọn loại không gian trong danh sách.
spaces-address = Địa chỉ
spaces-lat = Vĩ độ
spaces-lon = Kinh độ
spaces-point_hint = Tọa độ trong Hà Nội, ví dụ vĩ độ 21,0285 và kinh độ 105,8542 (Hồ Hoàn Kiếm).
spaces-hours = Giờ mở cửa
spaces-hours_en = Giờ mở cửa (tiếng Anh)
spaces-description = Giới thiệu
spaces-description_en = Giới thiệu (tiếng Anh)
spaces-links = Liên kết
spaces-links_hint = Mỗi dòng một địa chỉ https://…
spaces-photo_set = Bộ ảnh
spaces-no_photo_set = Không có
spaces-public = Trang công khai
spaces-propose = Đề xuất công bố

## The public site (issue 18)
public-site = Hà Nội – Thành phố Sáng tạo về Thiết kế
public-publisher = Sở Văn hóa và Thể thao Hà Nội
public-description = Tin tức, sự kiện, sản phẩm truyền thông và không gian sáng tạo của Hà Nội, thành viên Mạng lưới các Thành phố Sáng tạo UNESCO về Thiết kế.
public-welcome = Hà Nội là thành viên Mạng lưới các Thành phố Sáng tạo của UNESCO trong lĩnh vực Thiết kế. Trang này giới thiệu những gì Sở Văn hóa và Thể thao Hà Nội thực hiện: tin tức, sự kiện, sản phẩm truyền thông và các không gian sáng tạo của Thủ đô.
public-skip = Bỏ qua, đến nội dung chính
public-nav = Mục chính
public-home = Trang chủ
public-news = Tin tức
public-news_intro = Tin bài mới nhất về hoạt động Thành phố Sáng tạo về Thiết kế.
public-news_empty = Chưa có tin bài nào được công bố.
public-events = Sự kiện
public-events_intro = Các sự kiện sắp diễn ra và đã diễn ra. Giờ được ghi theo giờ Hà Nội.
public-media = Truyền thông
public-media_intro = Clip, phóng sự, chuyên đề tạp chí, ấn phẩm và bộ ảnh đã phát hành.
public-media_empty = Chưa có sản phẩm truyền thông nào được công bố.
public-spaces = Không gian sáng tạo
public-spaces_intro = Bảo tàng, phòng trưng bày, không gian sáng tạo, làng nghề và các địa điểm văn hóa của Hà Nội.
public-spaces_empty = Chưa có không gian sáng tạo nào được công bố.
public-plan = Kế hoạch năm
public-latest_news = Tin mới
public-latest_media = Sản phẩm truyền thông mới
public-upcoming = Sắp diễn ra
public-upcoming_empty = Chưa có sự kiện sắp diễn ra.
public-past = Đã diễn ra
public-past_empty = Chưa có sự kiện nào đã diễn ra.
public-all_news = Xem tất cả tin tức
public-all_events = Xem tất cả sự kiện
public-all_media = Xem tất cả sản phẩm truyền thông
public-all_spaces = Xem tất cả không gian sáng tạo
public-in_vietnamese = (tiếng Việt)
public-hanoi_time = giờ Hà Nội
public-feed = Nguồn tin Atom
public-calendar = Lịch sự kiện (.ics)
public-calendar_name = Sự kiện – Hà Nội Thành phố Sáng tạo về Thiết kế
public-footer = Sở Văn hóa và Thể thao Hà Nội · Thành phố Sáng tạo của UNESCO về Thiết kế.
public-image_of = Ảnh { $n }: { $title }
public-cover = Ảnh bìa
public-photos = Hình ảnh
public-download_video = Tải video
public-read_document = Đọc tài liệu
public-published_on = Ngày phát hành
public-duration = Thời lượng
public-pages = Số trang
public-languages = Ngôn ngữ
public-targets = Kết quả các chỉ tiêu
public-targets_empty = Chưa có chỉ tiêu nào được công bố.
public-target = Chỉ tiêu
public-result = Đã đạt / chỉ tiêu
public-standing = Đánh giá
public-targets_note = Số liệu được cập nhật theo tình hình thực hiện, giống số liệu trên bảng tổng quan của Sở.
public-address = Địa chỉ
public-hours = Giờ mở cửa
public-links = Liên kết
public-map_title = Bản đồ Hà Nội với vị trí các không gian sáng tạo
public-map_centre = Trung tâm thành phố (phóng to khung đỏ)
public-map_lake = Hồ Hoàn Kiếm
public-map_caption = Mỗi số trên bản đồ ứng với một không gian trong danh sách. Ranh giới: Natural Earth.
public-back_home = Về trang chủ
public-error_not_found = Trang này không có, hoặc nội dung chưa được công bố hay đã được gỡ xuống.
public-error_internal = Hệ thống gặp sự cố. Hãy thử lại sau ít phút.
public-error_bad_request = Địa chỉ này không đúng.

## Media works (issue 18)
refusal-media-forbidden = Bạn không có quyền thực hiện thao tác này với sản phẩm truyền thông.
refusal-media-title_required = Hãy nhập tên sản phẩm.
refusal-media-too_long = Nội dung dài quá { $max } ký tự: hãy rút gọn.
refusal-media-bad_duration = Không đọc được thời lượng “{ $value }”: hãy viết phút:giây (14:30) hoặc số phút (14).
refusal-media-bad_count = Không đọc được số “{ $value }”: hãy nhập số nguyên từ 1 đến { $max }.
refusal-media-bad_date = Không đọc được ngày “{ $value }”: hãy nhập theo dạng dd/mm/yyyy.
refusal-media-transition = Không thể chuyển từ “{ $from }” sang “{ $to }”: mỗi lần chỉ tiến hoặc lùi một bước.
refusal-media-approval_is_boards = Việc duyệt sản phẩm do Lãnh đạo Sở quyết định: hãy đề nghị Lãnh đạo Sở duyệt.
refusal-media-duration_required = Clip và phóng sự cần có thời lượng trước khi phát hành: hãy sửa sản phẩm và nhập thời lượng.
refusal-media-pages_required = Chuyên đề tạp chí và ấn phẩm cần có số trang trước khi phát hành: hãy sửa sản phẩm và nhập số trang.
refusal-media-published_on_required = Hãy nhập ngày phát hành.
refusal-media-published_in_future = Ngày phát hành { $date } chưa đến: hãy chuyển sang “đã phát hành” vào ngày đó.
refusal-media-unknown_link = Nhiệm vụ, sự kiện hoặc hợp đồng đã chọn không còn tồn tại: hãy chọn lại.
refusal-media-unit_required = Hãy chọn đơn vị thực hiện.
media-nav = Truyền thông
media-title = Sản phẩm truyền thông
media-new = Thêm sản phẩm
media-propose_public = Đưa lên trang công khai →
media-edit = Sửa sản phẩm
media-cancel = Hủy, quay lại sản phẩm
media-kind = Loại sản phẩm
media-stage = Giai đoạn
media-unit = Đơn vị thực hiện
media-plan = Kế hoạch
media-item = Nhiệm vụ
media-item_hint = Sản phẩm đã phát hành được đếm vào chỉ tiêu của nhiệm vụ này (số clip, số phút phóng sự, số trang chuyên đề…).
media-event = Sự kiện
media-contract = Hợp đồng
media-contract_id = Mã hợp đồng (nếu có)
media-name = Tên sản phẩm
media-name_en = Tên tiếng Anh
media-summary = Tóm tắt nội dung
media-summary_en = Tóm tắt tiếng Anh
media-specs = Thông số
media-duration = Thời lượng
media-duration_hint = Phút:giây, ví dụ 14:30, hoặc số phút, ví dụ 14. Bắt buộc với clip và phóng sự trước khi phát hành.
media-pages = Số trang
media-pages_count = { $count ->
    [one] { $n } trang
   *[other] { $n } trang
}
media-languages = Ngôn ngữ
media-print_run = Số lượng in
media-format = Định dạng
media-format_hint = Ví dụ: MP4 1080p; A4, 40 trang màu
media-measure = Thời lượng, số trang
media-published_on = Ngày phát hành
media-all = Tất cả
media-none_choice = — Không chọn —
media-filter = Lọc
media-none = Không có sản phẩm nào khớp bộ lọc.
media-clear_filters = Bỏ lọc
media-none_yet = Chưa có sản phẩm truyền thông nào.
media-none_next = Clip, phóng sự, chuyên đề tạp chí, ấn phẩm mà kế hoạch giao được theo dõi ở đây, từ đề cương đến khi phát hành:
media-none_next_other = Các đơn vị ghi sản phẩm truyền thông của mình tại đây; sản phẩm của đơn vị bạn sẽ hiện khi được thêm.
media-count = { $count ->
    [one] { $n } sản phẩm
   *[other] { $n } sản phẩm
}
media-save = Lưu
media-stages = Các giai đoạn
media-stage_plan_hint = Người phụ trách và hạn hoàn thành của từng giai đoạn (không bắt buộc).
media-owner = Người phụ trách
media-due = Hạn
media-due_of = Hạn giai đoạn { $stage }
media-overdue = Quá hạn
media-move_next = Chuyển sang “{ $stage }”
media-move_back = Trả về “{ $stage }”
media-approve_hint = Việc duyệt do Lãnh đạo Sở quyết định.
media-publish_needs_duration = Cần nhập thời lượng trước khi phát hành:
media-publish_needs_pages = Cần nhập số trang trước khi phát hành:
media-counted_hint = Sản phẩm đã phát hành đang được đếm vào chỉ tiêu của nhiệm vụ gắn với nó.
media-confirm_uncount = Tôi hiểu: đưa sản phẩm về giai đoạn trước sẽ bỏ nó khỏi số đếm chỉ tiêu.
media-confirm_uncount_needed = Chuyển sang “{ $to }” sẽ bỏ sản phẩm khỏi số đếm chỉ tiêu: hãy đánh dấu ô xác nhận rồi bấm lại.
media-files = Tệp
media-no_files = Chưa có tệp nào.
media-upload_stage = Giai đoạn của tệp
media-pick_files = Tệp (chọn được nhiều tệp)
media-upload_hint = Ảnh JPG, PNG, WebP được tạo ảnh thu nhỏ; video, PDF và các tệp khác được lưu nguyên. Mỗi lần tối đa 10 tệp.
media-upload = Tải lên
media-pick_kind = Hãy chọn loại sản phẩm.
media-pick_unit = Hãy chọn đơn vị thực hiện.
media-pick_item = Nhiệm vụ đã chọn không đọc được: hãy chọn lại trong danh sách.
media-pick_event = Sự kiện đã chọn không đọc được: hãy chọn lại trong danh sách.
media-bad_contract = Mã hợp đồng là một số nguyên dương (xem ở trang kinh phí của nhiệm vụ), hoặc để trống.
media-pick_stage = Hãy chọn giai đoạn trong danh sách.
media-pick_file = Hãy chọn ít nhất một tệp để tải lên.
media-too_many_files = Mỗi lần chỉ tải lên được tối đa 10 tệp: hãy chia thành nhiều lần.
media-notice_created = Đã thêm sản phẩm. Hãy tải lên đề cương hoặc kịch bản khi có.
media-notice_saved = Đã lưu thay đổi.
media-notice_moved = Đã chuyển giai đoạn.
media-notice_uploaded = Đã tải tệp lên.
media-section = Sản phẩm truyền thông
media-add_for_item = Thêm sản phẩm truyền thông cho nhiệm vụ này
media-event_section = Sản phẩm truyền thông của sự kiện

## The public site (issue 18)
refusal-publish-forbidden = Bạn không có quyền thực hiện thao tác này với nội dung công bố.
refusal-publish-transition = Không thể chuyển từ “{ $from }” sang “{ $to }”.
refusal-publish-title_required = Hãy nhập tiêu đề (hoặc tên) bằng tiếng Việt.
refusal-publish-too_long = Nội dung dài quá { $max } ký tự: hãy rút gọn.
refusal-publish-outside_hanoi = Tọa độ { $lat }, { $lon } không nằm trong Hà Nội: hãy kiểm tra lại vĩ độ (khoảng 20,5–21,4) và kinh độ (khoảng 105,3–106,0), có thể đã nhập ngược.
refusal-publish-bad_link = Liên kết “{ $value }” không phải địa chỉ http(s): hãy dán đầy đủ, ví dụ https://…
refusal-publish-bad_embargo = Không đọc được thời điểm “{ $value }”: hãy nhập theo dạng dd/mm/yyyy HH:MM.
refusal-publish-not_ready = Chưa thể công bố { $kind } này: sản phẩm phải ở bước “đã phát hành”, sự kiện không bị hủy.
refusal-publish-unknown_subject = Không tìm thấy { $kind } cần công bố: hãy chọn lại.
refusal-publish-already_proposed = { $kind } này đã có đề nghị công bố: hãy mở đề nghị đó trong mục Công bố.
