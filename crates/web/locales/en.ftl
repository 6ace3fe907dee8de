### English interface. Every message must also be in vi.ftl; code names a message with dots for its dashes (nav.plans → nav-plans).

## app
app-name = Creative Hanoi
app-tagline = UNESCO Creative City plan tracking
app-footer = Hanoi Department of Culture and Sports · Plan tracking system

## nav
nav-menu = Menu
nav-items = Items
nav-plans = Plans
nav-units = Units
nav-notifications = Notifications
nav-home = My work
nav-users = Users
nav-abbreviations = Abbreviations
nav-budget_categories = Estimate categories
nav-department = Department
nav-signout = Sign out

## notice
notice-password_changed = Your password has been changed. Use the new password from now on.
notice-user_updated = The user's name, e-mail, roles and units are saved.
notice-abbreviation_saved = The abbreviation has been saved.
notice-budget_category_saved = The category has been saved.
notice-abbreviation_deleted = The abbreviation has been deleted.
notice-department_saved = The department profile has been saved.
notice-item_saved = Your changes have been saved.
notice-item_added = The item has been added (marked as not in the document).
notice-item_split = The item has been split.
notice-item_moved = The order has been changed.
notice-item_reparented = The item (with its sub-items) is now under its new parent; the units it inherits are updated on every page.
notice-report_filed = The progress report has been filed.
notice-report_saved = A new version of the report has been saved.
notice-report_accepted = The report has been accepted.
notice-report_returned = The report has been returned; the unit has been notified with your comment.
notice-direction_saved = The document, inspection or meeting has been saved.
notice-direction_deleted = The direction record has been deleted.

## error
error-back = Go back
error-home = Back to the plans

## error.not_found
error-not_found-title = Page not found
error-not_found-message = This address does not exist in the system, or its content was removed.
error-not_found-next = Check the address, or go back to the list of plans.

## error.forbidden
error-forbidden-title = You may not see this page
error-forbidden-message = This page is only for people with a suitable role (for example Administrator).
error-forbidden-next = If you need access, ask the Department's administrator.

## error.csrf_missing
error-csrf_missing-title = The form has expired
error-csrf_missing-message = The request carried no form security code, so it was not carried out. Nothing was saved.
error-csrf_missing-next = Reload the page (F5) and do it again.

## error.csrf_stale
error-csrf_stale-title = This form is out of date
error-csrf_stale-message = The form was opened in an earlier session (you may have signed out or signed in again). Nothing was saved.
error-csrf_stale-next = Reload the page (F5) to get a fresh form, then do it again.

## error.bad_request
error-bad_request-title = Invalid request
error-bad_request-message = The data sent was not in the expected form, so it was not processed.
error-bad_request-next = Go back, check what you entered and send it again.

## error.internal
error-internal-title = Something went wrong
error-internal-message = The system failed while handling the request. Nothing is half-done: the action either completed or did not happen.
error-internal-next = Try again in a few minutes. If it keeps failing, tell the administrator when it happened.

error-busy-title = The server is busy
error-busy-message = The server is busy, please try again in a few seconds. Your request was not carried out.
error-busy-next = Wait a few seconds, then send the form again.

## error.refused
error-refused-title = This could not be done
error-refused-message = The change was not made: the data does not follow the rules.
error-refused-next = Go back, correct what the message says and try again.
error-refused-invalid = The data is not valid. Please check the fields you entered.

## error.storage (the server's disk failed a write: 507)
error-storage-title = Not saved: the server's disk has a problem
error-storage-message = The server's disk could not be written, so your change was not saved. Nothing was half saved.
error-storage-next = What you typed is still there if you go back. Tell the system administrator, then send it again once the disk is dealt with.
error-storage-full = The server's disk is full; nothing was saved. What you typed is still on this page: ask the system administrator to free some space, then save again.
error-storage-io = The server's disk reported an error while writing; nothing was saved. What you typed is still on this page: tell the system administrator, then save again later.

## error.conflict
error-conflict-title = Someone else has just saved a newer version
error-conflict-message = Someone else saved a newer version of this first; your change was not saved.
error-conflict-next = Reload the page to see the newest version, then make your change again.

## signin
signin-title = Sign in
signin-intro = For staff of the Department of Culture and Sports and its partner units.
signin-expired = Your session has expired. Please sign in again to continue.
signin-signed_out = You have signed out.
signin-required = Please sign in to see this page.
signin-login = Login
signin-password = Password
signin-submit = Sign in
signin-help = Forgot your password? Ask the administrator for a one-time password.
signin-wrong = Wrong login or password. { $left } attempts left before a 15-minute pause.
signin-throttled = Too many failed attempts. Please try again after { $time } (in about { $minutes } minutes).
signin-throttled_address = Too many failed sign-ins from this network address. Please try again after { $time } (in about { $minutes } minutes). If you forgot your password, ask the administrator.

## password
password-title = Change password
password-forced = This is your first sign-in with a one-time password. Set a new password before you continue.
password-current = Current password
password-new = New password
password-confirm = New password again
password-rule = At least { $n } characters. A short sentence is easy to remember.
password-submit = Save the new password
password-wrong_current = The current password is wrong.
password-too_short = The new password must have at least { $n } characters.
password-mismatch = The two new passwords do not match.
password-same = The new password must differ from the current one.
password-is_login = The new password may not be your login. Choose a short sentence only you know.
password-one_character = The new password may not repeat a single character. Use a short sentence of several words, numbers if you like.
password-only_spaces = The new password may not be only spaces. Type letters, digits or symbols.
password-common = This password is too common and easy to guess (for example 1234567890, matkhau123). Choose a short sentence that is easy to remember and hard to guess.

## plans
plans-title = Plans
plans-page_summary = Plans { $from }–{ $to } of { $total } · page { $page }/{ $pages }
plans-empty = No plans yet. An administrator can import one with sangtao import.
plans-reference = Number
plans-name = Title
plans-date = Issued
plans-items = Items

## plan
plan-issuer = Issued by
plan-byline_number = No. { $reference }
plan-no_number_symbol = No number yet (symbol { $symbol })
plan-no_number = No document number
plan-byline_date = dated { $date }
plan-no_date = no date of issue
plan-no_signer = no signer named
plan-source = Source file
plan-warnings = Notes from reading the document ({ $n })
plan-content = Plan content
plan-no_items = No items could be read from this document.

## item
item-lead = Lead unit
item-coordinating = Coordinating units
item-target = Target
item-deadline = Time
item-targets = Targets
item-deadlines = Timing
item-none = Not stated
item-inherited = As for the parent item
item-children = Sub-items
item-due = Due { $date }
item-from_to = From { $start } to { $due }

## units
units-title = Units
units-name = Unit
units-kind = Kind
units-external = External partner
units-internal = Department unit
units-aliases = Also written
units-leads = Items it leads
units-coordinates = Items it coordinates
units-leads_heading = { $count ->
        [0] Items it leads
        [one] Items it leads: 1
       *[other] Items it leads: { $n }
    }
units-coordinates_heading = { $count ->
        [0] Items it coordinates
        [one] Items it coordinates: 1
       *[other] Items it coordinates: { $n }
    }
units-no_leads = This unit leads no item yet. Items the plan gives it show here; a lead unit can be set on each item's page.
units-no_coordinates = This unit coordinates no item yet.

## users
users-title = Users
users-otp = One-time password
users-otp_once = This password is shown only once. Hand it to the user; they must change it at first sign-in.
users-login = Login
users-name = Full name
users-roles = Roles
users-units = Units
users-pending = password not yet changed
users-new = Add a user
users-login_rule = Lowercase letters without accents, digits, dot, hyphen or underscore (2–64 characters).
users-units_help = Tick the user's units; type in the filter box to find one quickly.
users-create = Create account
users-created = Account { $login } created.
users-access = Name, e-mail, roles and units
users-save = Save
users-reset = Reset password
users-reset_help = Makes a new one-time password. The old password stops working and all of this user's sessions end.
users-reset_button = Issue a new password
users-reset_done = A new password has been issued.
users-login_taken = This login is already taken.
users-login_invalid = A login has only lowercase letters without accents, digits, dot, hyphen or underscore (2–64 characters).
users-name_required = Enter the full name.
users-no_role = Choose at least one role.

## abbr
abbr-title = Abbreviations
abbr-intro = Abbreviations merge the different names of one unit, e.g. “Phòng QLDSVH” is “Phòng Quản lý Di sản văn hóa”. The table is used when new plans are imported.
abbr-alias = Abbreviation
abbr-unit = Full unit name
abbr-delete = Delete
abbr-add = Add or change
abbr-save = Save
abbr-invalid = Enter both the abbreviation and the full name.
budget_categories-title = Estimate categories
budget_categories-intro = The categories estimate lines are filed under. A category no longer in use still names old lines but cannot be chosen for a new one.
budget_categories-code = Code
budget_categories-code_hint = Left empty, the code is made from the name, e.g. “Thuê thiết bị” → thue_thiet_bi.
budget_categories-name_vi = Vietnamese name
budget_categories-name_en = English name
budget_categories-status = Status
budget_categories-active = In use
budget_categories-inactive = No longer in use
budget_categories-rename = Rename
budget_categories-deactivate = Stop using
budget_categories-reactivate = Use again
budget_categories-add = Add a category
department-title = Department profile
department-intro = These head the results report (Decree 30/2020): the parent body, the issuing body, the place on the date line and the document symbol.
department-derived = No department profile saved yet: the report uses what the plan implies, shown below. Check it and press Save.
department-parent = Parent body
department-parent_hint = The header's top line, in capitals, e.g. UBND THÀNH PHỐ HÀ NỘI. Leave empty if the department has no parent body.
department-issuer = Issuing body
department-issuer_hint = The bold line under the parent body, without repeating the place, e.g. SỞ VĂN HÓA VÀ THỂ THAO.
department-full_name = Full name used in sentences
department-full_name_hint = E.g. Sở Văn hóa và Thể thao Hà Nội (in “Trên đây là báo cáo của …”).
department-place = Place
department-place_hint = On the line “Hà Nội, ngày … tháng … năm …”, e.g. Hà Nội.
department-code = Document symbol code
department-code_hint = The part after the document type in the symbol: SVHTT for “Số: …/BC-SVHTT”.
department-save = Save
department-missing = “{ $field }” is empty. Fill it in and save again.
department-too_long = “{ $field }” is longer than { $limit } characters. Shorten it and save again.
department-bad_code = The document symbol code takes letters and digits only, parts joined by “-”, no spaces (e.g. SVHTT). Correct it and save again.
department-conflict = Someone else saved the department profile before you. Their version is below and what you typed is still in the form; check it and save again.
department-theirs = The profile someone else just saved

## track
track-add_top = Add an item not in the document
track-added = Added (not in the document)
track-dates = Dates (start – due)
track-people = Responsible people
track-people_hint = One person per line: Name, job title.
track-history = Change history
track-actual = Actual
track-no_figures = No figures yet
# A counted target whose units reported another figure: both, never one picked silently.
track-discrepancy = Reported: { $reported } · Records: { $counted } · difference { $difference }
track-source_entered = Figures reported by the units
track-source_counted = Counted from records (events, media works)
track-change_source = Change how it is counted
track-kinds = Record kinds to count
track-sum = Measure
track-count = Count records
track-sum_pages = Sum of pages
track-sum_minutes = Sum of minutes
track-save = Save
track-manage = Update progress
track-new_status = New status
track-reason = Reason
track-reason_hint = Required when suspending or cancelling
track-change_status = Change status
track-confirm_done = The latest report says 100% done. Does the lead unit confirm the item is completed?
track-confirm_done_button = Confirm completed
track-status = Status
track-edit_details = Edit title, text, dates
track-title = Title
track-text = Text
track-start = Start date (dd/mm/yyyy)
track-due = Due date (dd/mm/yyyy)
track-structure = Add, split, reorder items
track-add_child = Add a sub-item
track-add = Add
track-split = Split the item (one part per line; the first line stays on this item)
track-split_hint =
    Part 1
    Part 2
track-split_button = Split
track-move_up = Move up
track-parent = Move under another parent
track-parent_top = (Top level of the plan)
track-parent_hint = The item moves with its sub-items. If it names no units of its own, it takes the new parent's.
track-parent_button = Move
track-move_down = Move down
track-change_units = Change lead and coordinating units
track-invalid = Some input is not valid. Please check the fields.
track-pick_status = Choose the new status.
track-bad_date = That date is not valid: use dd/mm/yyyy, e.g. 30/06/2025.
track-title_required = The title cannot be empty.
track-start_after_due = The start date must come before the due date.
track-split_two = To split, enter at least two lines.
track-split_too_many = One split makes at most 200 parts. Split in several steps, or merge lines.
track-title_too_long = An item title is at most 1,000 characters. Shorten it and keep the description in the text.
track-pick_kind = Choose at least one record kind to count.

## report
report-title = Progress reports
report-none = No progress report on this item yet.
report-new = File a progress report
report-edit = Update the report (creates a new version)
report-unit = Reporting unit
report-period = Period
report-text = What was done
report-difficulties = Difficulties
report-proposals = Proposals
report-notes_hint = Difficulties and proposals go into the plan's results report (its causes and its proposals).
report-percent = Percent complete (%)
report-figure = Cumulative figure
report-files = Evidence files (images, PDF, Word, Excel, video)
report-files_hint = You may choose several files. Largest file:
report-attached = Evidence already uploaded (untick to leave out):
report-files_again = The files you chose were not kept: choose them again when you send the report again.
report-submit = File report
report-save_version = Save as a new version
report-version = Version
report-versions = Versions
report-history = Report history
report-pick_unit = Choose the reporting unit.
report-too_many_files = At most 10 files per submission.
report-cut_off = The upload was interrupted. Please send it again.
report-text_too_long = The text is too long.
report-not_utf8 = The text could not be read (not UTF-8).
upload-too_many_fields = The form has too many fields. Reload the page and send the form again.

## conflict
conflict-title = Someone saved a change before you
conflict-current = Current version
conflict-yours = What you submitted
conflict-next = Compare the two versions. You can save yours as the newest version, or discard it and keep the current one.
conflict-save_mine = Save mine
conflict-discard = Keep the current version

## list
list-title = Items
list-of_plan = This plan's items as a list (filter, export to Excel)
list-search = Search
list-search_hint = With or without diacritics, e.g. hoi thao
list-plan = Plan
list-unit = Unit
list-relation = Unit's role
list-any_relation = Lead or coordinating
picker-more_plans = All plans ({ $n } older) →
list-all = All
list-due_from = Due from
list-due_to = Due until
list-apply = Filter
list-clear = Clear filters
list-export = Export the filtered list
list-summary = { $count ->
        [0] No items · page { $page }/{ $pages }
        [one] 1 item · page { $page }/{ $pages }
       *[other] { $total } items · page { $page }/{ $pages }
    }
list-summary_capped = More than { $total } items · page { $page }/{ $pages } · filter further to see the rest
list-empty = No item matches these filters. Try removing some.
list-pages = Pages
list-prev = Previous page
list-next = Next page
list-bad_due_from = “Due from” could not be read: type dd/mm/yyyy, e.g. 01/01/2025. This filter was not applied.
list-bad_due_to = “Due until” could not be read: type dd/mm/yyyy, e.g. 31/12/2025. This filter was not applied.
list-from_after_to = “Due from” is after “Due until”, so nothing matches.
list-truncated = The list was cut because it is too long. Narrow the filters and export again.
list-col_id = Id
list-col_plan = Plan
list-col_numbering = Number
list-col_title = Item
list-col_start = Start
list-col_due = Due
list-col_added = Added outside the document
list-yes = Yes
state-latest = Latest report: { $date }
state-rollup = { $done }/{ $total } tasks completed · average { $percent }%
state-rollup_overdue = { $n } overdue
list-overdue_only = Overdue only
list-unreported_only = Only work not yet reported for { $period }
list-bad_unreported = The period of the “not reported” filter does not read (use 2025-Q4, 2025-H1 or 2025). That filter is not applied.
list-overdue = Overdue
list-inherited = from the parent item
list-col_percent = Progress (%)
list-col_latest_report = Latest report
list-col_overdue = Overdue
list-col_inherited = Units from the parent item
list-no_report = No report yet

## audit
audit-item_heading = Change history: { $title }
audit-plan_heading = Change history of plan { $title }
audit-back = Back
audit-empty = No change has been recorded yet.
audit-older = Older changes
audit-system = System
audit-field = Field
audit-before = Before
audit-after = After
audit-col_id = Id
audit-col_at = When
audit-col_actor = Who
audit-col_action = Action
audit-col_entity = Entity
audit-col_entity_id = Entity id
audit-col_before = Before
audit-col_after = After

## audit.action.plan
audit-action-plan-import = Plan imported
audit-action-plan-metadata = Number, date or signer corrected

## audit.action.item
audit-action-item-add = Item added
audit-action-item-move = Reordered
audit-action-item-people = Responsible people changed
audit-action-item-split = Item split
audit-action-item-status = Status changed
audit-action-item-status-auto = Status moved by a progress report
audit-action-item-units = Lead and coordinating units changed
audit-action-item-update = Item edited

## audit.action.report
audit-action-report-file = Progress report filed
audit-action-report-edit = Report edited (new version)
audit-action-report-review = Report accepted or returned

## audit.action.evidence
audit-action-evidence-add = Evidence uploaded

## audit.action.target
audit-action-target-source = Target's counting changed

## event
event-nav = Events
event-title = Events
event-calendar = Month
event-list = Event list
event-new = New event
event-edit = Edit event
event-kind = Kind
event-status = Status
event-scope = Scope
event-unit = Unit
event-month = Month
event-show_deadlines = Show item deadlines
event-deadline = Item deadline
event-deadline_mark = Due
event-all = All
event-filter = Filter
event-prev = Previous month
event-next = Next month
event-month_label = { $m }/{ $y }
event-wd1 = Mon
event-wd2 = Tue
event-wd3 = Wed
event-wd4 = Thu
event-wd5 = Fri
event-wd6 = Sat
event-wd7 = Sun
event-wd1_short = Mo
event-wd2_short = Tu
event-wd3_short = We
event-wd4_short = Th
event-wd5_short = Fr
event-wd6_short = Sa
event-wd7_short = Su
event-hanoi_note = The month view is in Hanoi time (Asia/Ho_Chi_Minh).
event-none = No event matches the filters.
event-clear_filters = Clear the filters and see every event
event-none_in_month = No events in { $m }/{ $y } yet.
event-none_yet = No events yet.
event-none_next = Your unit's conferences, forums and online sessions are recorded here:
event-none_next_other = Units record their conferences, forums and sessions here; those that concern you show once added.
event-name = Title
event-when = Time (local)
event-when_hanoi = Time (Hanoi)
event-organiser = Organiser
event-organiser_name = Network city's name (if any)
event-topic = Topic
event-venue = Venue
event-online_url = Online meeting link
event-items = Plan items
event-items_hint = Once held, the event counts toward the targets of the chosen items. Tick each item; type in the filter box to find one.
event-download_ics = Download to calendar (.ics)
event-change_status = Change status
event-save = Save
event-interpreters = Interpreters
event-no_interpreters = No interpreter booked.
event-clash = ⚠ This interpreter is booked on another event at the same time:
event-remove = Remove
event-interpreter = Interpreter
event-language_pair = Language pair
event-book = Book interpreter
event-invitations = Invitations
event-invitation_total = { $count ->
        [0] nobody invited yet
        [one] 1 guest
       *[other] { $n } guests
    }
event-more_invitations = Only the first 200 invitations are listed; the counts per status cover the whole list.
event-invite_people = Invite from the directory (experts, staff)
event-guests = Other guests (one per line)
event-guests_hint = Name; Organisation; E-mail
event-invite = Add invitations
event-checklist = Preparation
event-no_checklist = No preparation task yet.
event-due = Due
event-check_kind = Task
event-check_title = Description
event-owner = Owner
event-add = Add
event-documents = Documents
event-no_documents = No document yet.
event-doc_kind = Document kind
event-doc_speech = Speech
event-doc_slides = Slides
event-doc_clip = Clip
event-doc_photo = Photo
event-doc_other = Other document
event-file = File (image, PDF, Word, Excel, video)
event-upload = Upload
event-outcome = Outcome
event-outcome_notes = Outcome notes after the event
event-follow_ups = Follow-up actions
event-in_plan = In the plan
event-parent = Under item
event-to_plan = Add to plan
event-follow_up = Follow-up action
event-format = Format
event-zone = Time zone of the venue
event-zone_hint = Type start and end in the local time of the place where the event happens. The zones of UNESCO Creative Cities come first; type in the filter box to search (e.g. Paris).
event-start_date = Start date
event-start_time = Start time
event-end_date = End date (empty: same day)
event-end_time = End time
event-lead = Lead unit
event-coordinating = Coordinating units, partners it is shared with
event-invalid = Some input is not valid; please check it.
event-pick_status = Choose a status.
event-pick_kind = Choose the event's kind.
event-pick_check_kind = Choose the kind of preparation (topic paper, interpretation, online connection, clip, speech or other).
event-pick_scope = Choose the scope.
event-pick_format = Choose the format.
event-pick_organiser = Choose the organiser.
event-pick_lead = Choose the lead unit.
event-pick_coord = A coordinating unit chosen is not valid. Reload the page and choose again.
event-pick_items = A plan item chosen is not valid. Reload the page and choose again.
event-no_guests = Choose or type at least one guest.
event-pick_interpreter = Choose an interpreter.
event-follow_up_text = Type the follow-up action.
event-pick_parent = Choose the item to add it under.
event-pick_file = Choose a file.
event-notice_saved = Saved.
event-notice_created = Event created.
event-notice_invited = Invitations added.
event-notice_booked = Interpreter booked.
event-notice_booked_clash = ⚠ Interpreter booked, but they are booked on another event at the same time (see below).

## people
people-title = Directory
people-new = Add a person
people-edit = Person in the directory
people-kind = Kind
people-search = Search by name
people-none = Nobody in the directory matches. Use “Add a person” to record an expert, an interpreter or a focal point.
people-name = Name
people-detail = Field, organisation, languages
people-contact = Contact
people-job = Title
people-organisation = Organisation
people-field = Field
people-email = E-mail
people-phone = Phone
people-pairs = Language pairs (interpreters)
people-notes = Notes
people-pick_kind = Choose the kind: expert, interpreter or staff.

## delegation
delegation-title = Delegations
delegation-new = Propose a delegation
delegation-none = No delegation yet. A unit proposes one with “Propose a delegation”; the Board approves it on its page.
delegation-name = Delegation
delegation-destination = Destination
delegation-dates = Dates
delegation-cost = Estimated cost
delegation-budget_item = Estimate of the item
delegation-budget_none = — No estimate —
delegation-budget_pick = Choose an item that has an estimate from the list.
delegation-purpose = Purpose
delegation-members = Members
delegation-members_hint = One per line: Name, role in the delegation
delegation-report = Report after the return
delegation-report_text = Results report
delegation-file_report = File the report
delegation-report_after = The report is written after the delegation returns.
delegation-edit = Edit the draft
delegation-depart = Departure
delegation-back = Return
delegation-bad_dates = Type the departure and return dates as dd/mm/yyyy.

## feed
feed-title = Calendar feeds
feed-intro = Subscribe to the events in Outlook, Google Calendar or a phone's calendar through a secret address. Anyone with the address can read the calendar: if it leaks, revoke it and make a new one.
feed-created = The new feed address (shown only once, copy it now):
feed-owner = Calendar of
feed-mine = Myself
feed-label = Note
feed-label_hint = E.g. work phone
feed-create = Create a feed address
feed-created_at = Created
feed-revoke = Revoke
feed-revoked_at = Revoked
feed-none = You have no calendar address yet. Create one above, then paste it into Outlook, Google Calendar or your phone's calendar ("add calendar from URL").
feed-unknown = Không tìm thấy lịch này. Hãy kiểm tra lại đường dẫn. / This calendar feed does not exist.
feed-revoked = Đường dẫn lịch này đã bị thu hồi. Hãy tạo đường dẫn mới trong sangtao (Sự kiện → Lịch đăng ký). / This calendar feed was revoked.

## dashboard
dashboard-nav = Dashboard
dashboard-title = Plan dashboard
dashboard-unit_title = Dashboard of { $unit }
dashboard-plan = Plan
dashboard-units = Units
dashboard-whole_plan = Whole plan
dashboard-show = Show
dashboard-period = Figures as of
dashboard-period_today = Today
dashboard-items = items
dashboard-done = completed
dashboard-overdue = Overdue
dashboard-due_soon = Due soon (14 days)
dashboard-none_overdue = No overdue items.
dashboard-none_soon = Nothing due soon.
dashboard-by_status = Items by status
dashboard-bands = Targets by attainment
dashboard-band_aria = { $item }: actual { $actual }, target { $target }
dashboard-targets = Targets: planned and actual
dashboard-no_targets = No numeric targets.
dashboard-progress = Progress by item
dashboard-item = Item
dashboard-target = Target
dashboard-actual = Actual
dashboard-band = Attainment
dashboard-status = Status
dashboard-due = Due
dashboard-percent = Complete
dashboard-events = Upcoming events
dashboard-recent_reports = Latest progress reports
dashboard-no_reports = No progress reports yet. Lead units file them on each item’s page, under “Progress reports”.
dashboard-print_status = One-page plan status (print)
dashboard-status_title = Plan status
dashboard-as_of = As of
dashboard-print = Print
dashboard-more_items = { $count ->
        [0] Every item is listed.
        [one] … and 1 more item (see the plan page).
       *[other] … and { $n } more items (see the plan page).
    }
dashboard-overdue_heading = { $count ->
        [0] Overdue
        [one] Overdue: 1 item
       *[other] Overdue: { $n } items
    }
dashboard-soon_heading = { $count ->
        [0] Due in the next 14 days
        [one] Due in the next 14 days: 1 item
       *[other] Due in the next 14 days: { $n } items
    }
dashboard-count_items = { $count ->
        [0] no items yet
        [one] 1 item
       *[other] { $n } items
    }
dashboard-count_overdue = { $count ->
        [0] none overdue
        [one] 1 overdue
       *[other] { $n } overdue
    }
dashboard-count_soon = { $count ->
        [0] none due in the next 14 days
        [one] 1 due in the next 14 days
       *[other] { $n } due in the next 14 days
    }
dashboard-more_overdue = { $count ->
        [0] Every overdue item is listed.
        [one] … and 1 more overdue item: see them all
       *[other] … and { $n } more overdue items: see them all
    }

## reminder
reminder-notifications = Notifications
reminder-unread = unread notifications
reminder-none = No notifications yet. They come when a unit's report is accepted or returned, when an item is nearly due or overdue, and when the Board grades.
reminder-new = New
reminder-mark_read = Mark all as read
reminder-escalations = Escalated to the Board
reminder-escalations_intro = Overdue items reminded 3 times and still not completed.
reminder-no_escalations = Nothing needs the Board's attention.
reminder-reminders_count = { $count ->
        [0] not reminded yet
        [one] reminded once
       *[other] reminded { $n } times
    }
reminder-since = escalated
reminder-resolution = Direction given, outcome
reminder-resolve = Resolved
reminder-resolved_notice = The outcome was recorded.
reminder-closed = Resolved
reminder-email_body =
    Item: { $item }
    Due: { $due }
    The lead unit is asked to update the progress and report in sangtao: { $link }
reminder-escalation_subject = { $count ->
        [one] [Escalated] Overdue, reminded once: { $item }
       *[other] [Escalated] Overdue, reminded { $count } times: { $item }
    }
reminder-subject = { $when ->
        [before] [Reminder] Due in { $days } days ({ $due }): { $item }
        [today] [Reminder] Due today ({ $due }): { $item }
       *[overdue] [Reminder] { $days } days overdue (due { $due }): { $item }
    }
reminder-emails_title = Reminder e-mail addresses
reminder-emails_intro = Reminders go to the lead unit's mailbox and to each member's address (once SMTP is set). Leave empty for none.
reminder-emails_units = Unit mailboxes
reminder-emails_users = Users
reminder-emails_save = Save
reminder-emails_saved = E-mail address saved.
reminder-bad_email = “{ $value }” is not an e-mail address.

## evaluation
evaluation-link = Evaluate
evaluation-title = Evaluation: { $item }
evaluation-heading = Quality evaluation
evaluation-period = Period
evaluation-grade = Grade
evaluation-comment = Comment
evaluation-save = Save evaluation
evaluation-saved = Evaluation saved.
evaluation-history = Evaluation history
evaluation-none = No evaluations yet.
evaluation-by = Evaluated by
evaluation-notice = [Evaluation] { $item } — { $period }: { $grade }
grades-title = The Board's evaluation
grades-earlier = Earlier evaluations
grades-evaluate = Evaluate this item
grades-read_only = Evaluations are the Board's; units read them to act on them and cannot change them.

## work: "Việc của tôi", the home page
work-title = My work
work-as_of = As of { $date }; current reporting period: { $period }.
work-board = The Board
work-shared = Shared with { $unit }
work-nobody = Your account belongs to no unit yet, so there is no work of your own. See the plans, or ask an administrator to add you to your unit.
work-escalations = Items escalated to the Board
work-awaiting = Reports awaiting review
work-awaiting_detail = { $unit }, { $period }, version { $version }
work-at_risk = Targets behind the year's pace
work-at_risk_detail = { $actual } so far, about { $expected } due by today (target { $target })
work-answers = revised after a return
work-not_reported = No report for { $period }
work-overdue = Overdue
work-due_soon = Due within 14 days
work-returned = Reports returned, to update
work-returned_detail = { $period }, version { $version }
work-grades = The Board's recent evaluations
work-events = Upcoming events
work-none = None.
work-none_escalations = No item has been passed to the Board.
work-none_at_risk = No target is behind the year's pace.
work-none_awaiting = No report is waiting for review.
work-none_not_reported = Every item due for a report this period has one.
work-none_overdue = No item is overdue.
work-none_due_soon = No item is due in the next 14 days.
work-none_returned = No report was returned.
work-none_grades = The Board has not graded the unit's items recently.
work-none_events = No upcoming event. The calendar is under Events.
work-more = See all
work-more_than = more than { $count }
work-all_notifications = See the notifications
work-due = due { $date }

## review: the Board accepts (duyệt) or returns (trả lại) a progress report
review-state_waiting = Awaiting review
review-state_answered = Revised after a return, awaiting review
review-state_accepted = Accepted
review-state_returned = Returned
review-decision_accepted = Accepted
review-decision_returned = Returned
review-comment = Comment (required to return: what the unit should change or add)
review-accept = Accept
review-return = Return
review-answers = Revised in answer to the return of
review-returned_to_you = Report returned, your unit should update it:
review-answer_link = Update the report as asked (creates a new version)
review-returned_notice = [Report returned] { $item } — { $period }

## official_report
official_report-title = Results report on the plan
official_report-period = Reporting period
official_report-choose = Choose
official_report-data = { $reports ->
        [0] Data: { $items ->
            [one] 1 item
           *[other] { $items_n } items
        }; no progress report in the period yet.
        [one] Data: { $items ->
            [one] 1 item
           *[other] { $items_n } items
        }, 1 progress report in the period.
       *[other] Data: { $items ->
            [one] 1 item
           *[other] { $items_n } items
        }, { $reports_n } progress reports in the period.
    }
official_report-saved_at = Draft saved at
official_report-version = version
official_report-saved = Draft saved.
official_report-save = Save draft
official_report-prefill = Regenerate from the figures
official_report-regen_notice = { $count ->
        [one] One section has
       *[other] { $count } sections have
    } new figures since you edited them. For each, keep your text or take the new one from the figures, then press “Apply choices”.
official_report-regen_mine = My text
official_report-regen_new = New text from the figures
official_report-regen_keep = Keep mine
official_report-regen_take = Take the new text
official_report-regen_apply = Apply choices
official_report-regen_bad_choice = Invalid choice: each section takes “Keep mine” or “Take the new text”. Reload the page and choose again.
official_report-prefill_note = Replaces every section with the text generated from the current figures (keeping the document number and date) and saves it as a new version.
official_report-export_docx = Download the report (DOCX)
official_report-export_xlsx = Download the figures annex (XLSX)
official_report-export_note = Downloads use the saved draft (or the prefilled text if none); sections you have not edited follow the latest figures. Save before downloading.
official_report-theirs = The draft someone else just saved
official_report-conflict = Someone saved the draft before you. Your text is kept below; saving again replaces theirs.
official_report-too_long = A field is too long (at most 20,000 characters).
official_report-bad_date = The date must be dd/mm/yyyy.
official_report-bad_version = The form is not valid; please reload the page.
official_report-field_number = Document number (empty until assigned)
official_report-field_date = Date (dd/mm/yyyy, empty until signed)
official_report-field_subject = Abstract (trích yếu)
official_report-field_direction = I. Direction and deployment
official_report-field_results_intro = II. Results (introduction; each part is gathered from the period's progress reports, targets, events and delegations)
official_report-field_achievements = III.1. Results achieved
official_report-field_difficulties = III.2. Difficulties and shortcomings
official_report-field_causes = III.3. Causes (the difficulties the units reported in the period)
official_report-field_next_tasks = IV. Tasks ahead
official_report-field_proposals = V. Proposals (gathered from the units' reports)
official_report-field_closing = Closing sentence (“Trên đây là …”)
official_report-field_recipients = Recipients (one per line)
official_report-field_signer_authority = Signing authority (e.g. KT. GIÁM ĐỐC)
official_report-field_signer_title = Signer's title
official_report-field_signer_name = Signer's name

## oversight
oversight-forbidden = You are not allowed to do this.
oversight-report_period = A results report covers a half-year, nine months or a year; the period chosen is not valid.
oversight-report_period_outside = That report period is outside the plan’s years. Choose a period from the list below; the page shows the default one.
oversight-bad_grade = Unknown grade.
oversight-comment_too_long = The comment is too long.

## refusal: why the rules refused a change, worded from the error's typed fields
## (crates/web/src/i18n/worded.rs); the key after "refusal-" is the error's own key().
refusal-tracking-forbidden = You are not allowed to do this.
refusal-tracking-transition = The status cannot change from “{ $from }” to “{ $to }”.
refusal-tracking-same_status = The item already has the status “{ $status }”.
refusal-tracking-reason_required = Suspending or cancelling an item needs a reason.
refusal-tracking-bad_period = Unreadable period “{ $period }”: use 2025, 2025-H1, 2025-Q2 or 2025-06.
refusal-tracking-period_outside_plan = The period { $period } is outside the plan ({ $single ->
        [yes] { $first }
       *[no] { $first }–{ $last }
    }).
refusal-tracking-percent_range = The percent done must be between 0 and 100 (got { $value }).
refusal-tracking-negative_figure = A figure must be a number ≥ 0 and at most 1,000,000,000,000 (got { $value }).
refusal-tracking-unknown_target = Target { $target } is not on this item.
refusal-tracking-empty_report = The report needs text, difficulties, proposals, a percent done or a figure.
refusal-tracking-move_under_itself = An item cannot move under itself or one of its own sub-items. Choose another parent.
refusal-tracking-parent_in_other_plan = The new parent is in another plan. Choose an item of the same plan.
refusal-tracking-removed = A revision of the plan removed this item: its records stay readable, but it can no longer be reported on or changed. Report on the item that replaces it.
refusal-conflict = Edit conflict: you edited version { $attempted }, but version { $current } is newer. Review both before saving.
refusal-event-forbidden = You are not allowed to do this.
refusal-event-unknown_zone = Unknown time zone “{ $zone }”: use an IANA name such as Asia/Ho_Chi_Minh or Europe/Paris.
refusal-event-nonexistent_time = { $local } does not exist in { $zone } (the clocks move forward then). Choose another time.
refusal-event-ambiguous_time = { $local } happens twice in { $zone } (the clocks move back then, { $first } and { $second }). Choose another time.
refusal-event-end_before_start = The end ({ $end }) is before the start ({ $start }).
refusal-event-bad_datetime = Unreadable date and time “{ $value }”: use dd/mm/yyyy and HH:MM.
refusal-event-title_required = A title is required.
refusal-event-name_required = A name is required.
refusal-event-transition = The status cannot change from “{ $from }” to “{ $to }”.
refusal-event-held_before_start = The event has not started yet ({ $start }), so it cannot be marked as held.
refusal-event-bad_initial_status = A new event can only be planned, confirmed or, if it is over, held.
refusal-event-bad_language_pair = Unreadable language pair “{ $value }”: write it as vi-en, vi↔fr, …
refusal-event-bad_cost = The estimated cost must be a whole number of đồng, ≥ 0 and at most 1,000,000,000,000,000 ₫ (got “{ $value }”).
refusal-event-bad_link = The online link “{ $value }” is not valid: paste an address starting with https:// or http://, e.g. https://zoom.us/j/123.
refusal-event-too_long = A field is too long (at most { $max } characters). Shorten it and save again.
refusal-event-parent_not_linked = A follow-up goes into the plan under one of the items its event is linked to. Choose one from the event's list.
refusal-event-return_before_departure = The return date is before the departure date.
refusal-event-report_required = The report after the trip needs text.
refusal-event-report_too_early = A report can only be written after the delegation has travelled.
refusal-event-not_an_interpreter = This person is not an interpreter.
refusal-oversight-forbidden = You are not allowed to do this.
refusal-oversight-report_period = A results report covers a half-year, nine months or a year, not “{ $period }”.
refusal-oversight-bad_grade = Unknown grade “{ $grade }”.
refusal-oversight-comment_too_long = The comment is longer than { $max } characters.
refusal-review-forbidden = Only the Board or an administrator reviews progress reports, and never a version they filed.
refusal-review-bad_decision = Unknown decision “{ $decision }”: press “Accept” or “Return”.
refusal-review-comment_required = A returned report needs a comment saying what the unit should change or add. Type it, then press “Return”.
refusal-review-comment_too_long = The comment is longer than { $max } characters; please shorten it.
refusal-review-stale = The unit filed version { $latest } after you opened the page (you were looking at version { $opened }); your decision was not saved. Read the new version below, then accept or return it.
refusal-review-already_reviewed = Version { $version } was already { $decision ->
        [accepted] accepted
       *[returned] returned
    }; your decision was not saved. The result is shown below.
refusal-evidence-too_large = The file is larger than the limit ({ $megabytes } MB).
refusal-evidence-mismatch = The content of “{ $name }” does not match the file name's extension (e.g. a Word file renamed .pdf). Only images, PDF, Word, Excel and video are accepted.
refusal-evidence-unsupported = Files “{ $extension }” are not accepted. Only images, PDF, Word, Excel and video are accepted.
refusal-evidence-empty = The file is empty.
refusal-evidence-disk_full = The server's disk is full, so the file was not saved. Ask the system administrator to free some space, then send it again.
refusal-evidence-io = The upload failed; nothing was saved.
refusal-reader-io = Cannot read the file “{ $name }”: { $detail }.
refusal-reader-empty = The file “{ $name }” is empty or holds no text.
refusal-reader-binary = The file “{ $name }” is not a text document: use a .docx, .pdf, .txt or .md file.
refusal-reader-encoding = The file “{ $name }” is not saved as Unicode (UTF-8 or UTF-16): open it and save it again as UTF-8, or use the .docx.
refusal-reader-legacy_word = An old Word file (.doc): save it as .docx (in Word, File › Save As › Word Document .docx) and import it again.
refusal-reader-legacy_word_renamed = The file “{ $name }” is an old Word file (.doc) renamed .docx: renaming does not change the format. Open it in Word and save it as .docx.
refusal-reader-not_word = The file “{ $name }” is not a Word document: { $kind ->
    [spreadsheet] it is an Excel spreadsheet.
    [presentation] it is a PowerPoint presentation.
    [opendocument] it is an OpenDocument (LibreOffice) file; save it as .docx.
   *[other] it is a zip archive without a Word document.
} Use the plan's .docx or .pdf.
refusal-reader-encrypted = The file “{ $name }” is protected by a password: remove the password (or print it again to a PDF without one) and import it again.
refusal-reader-no_text_layer = The PDF has no text layer (a scan); it needs OCR: install tesseract-ocr-vie, or use the .docx.
refusal-reader-docx = The file “{ $name }” is damaged or not a valid .docx: open it in Word, save it again and import it again.
refusal-reader-pdf = Cannot read the PDF “{ $name }” (damaged or not standard): use the .docx, or export the PDF again.

## rule: a counting rule in words (crates/web/src/i18n/rule.rs), e.g. "Count: online
## session held in 2025 linked to this item"
rule-count = Count: { $kinds }
rule-sum = Sum of { $field } over: { $kinds }
rule-and = and
rule-or = or
rule-year = in { $year }
rule-range = from { $from } to { $to }
rule-linked = linked to this item
# Appended for kinds sangtao cannot record yet (clips, magazine features, documentaries, publications).

## form
form-unreadable = The form sent is missing a required field or has a field that cannot be read (usually because the page is out of date). Nothing was saved.
form-gone_choice = A choice in the form (a unit, an item, a person…) does not exist or was just removed. Reload the page and choose again.
form-unknown_direction = Unknown direction: an item can only move up or down.
form-unknown_parent = The parent chosen is not valid. Choose again from the list.
form-unknown_source = Choose where the figures come from: entered by hand or counted from records.
form-unknown_kind = A record kind is not in the list. Choose the kinds to count again.
form-bad_year = The year does not read; type four digits (e.g. 2025) or leave it empty.
form-unknown_invitation_status = That invitation status is not in the list. Choose again.
form-unknown_role = A role is not in the list. Choose the roles again.
form-unknown_relation = That unit role is not in the list (lead or coordinating); this filter was not applied.
form-unknown_status = A status is not in the list; the status filter was not applied.

## Direction (issue 12, section I)
direction-title = Direction and coordination
direction-intro = Documents issued to carry out the plan (official letters, decisions, detailed plans…), the Board's inspections and meetings. Section I of the results report tells those dated within the report's period.
direction-none = No document, inspection or meeting has been recorded yet. The Board and administrators record them with the “Record a document, inspection or meeting” form; units read them here.
direction-add = Record a document, inspection or meeting
direction-kind = Kind
direction-date = Date (dd/mm/yyyy)
direction-number = Number and symbol
direction-summary = Summary (trích yếu)
direction-files = Files
direction-file_hint = Scans, minutes, photos: PDF, DOCX, XLSX, images or video; at most 10 files at a time.
direction-choose_again = If you chose files, choose them again before pressing “Save”: they were not saved.
direction-save = Save
direction-edit = Edit, attach, delete
direction-attach = Attach more files
direction-delete = Delete this record
direction-pick_file = Choose at least one file, then press “Attach more files”.
direction-conflict = Someone else changed this record after you opened the page. The current record is shown above, what you typed is in the form below: check it and press “Save” to save over it, or reload the page to drop it.
direction-export_csv = Download the list (CSV)
direction-export_xlsx = Download the list (XLSX)
direction-from_report = Section I is written from the “Direction and coordination” page: the documents, inspections and meetings of the period. Record more there.
refusal-direction-unknown_kind = The kind “{ $kind }” is not in the list: choose “Directive or implementing document”, “Inspection” or “Meeting”.
refusal-direction-date_required = Enter the date of the document, inspection or meeting as day/month/year (for example 12/03/2025).
refusal-direction-date_unreadable = The date “{ $date }” does not read. Enter it as day/month/year, for example 12/03/2025.
refusal-direction-date_out_of_range = The date { $date } is outside the years { $first }–{ $last }. Check the year.
refusal-direction-summary_required = Enter the summary: what the document, inspection or meeting was about.
refusal-direction-summary_too_long = The summary is longer than { $max } characters; shorten it and keep the details in the attached file.
refusal-direction-number_too_long = The number and symbol are longer than { $max } characters; type them as on the document, for example 285/SVHTT-QLDS.

## The header search (issue 16)
search-title = Search
search-label = Search items, events, people, reports
search-placeholder = Search…
search-go = Search
search-hint = Diacritics are optional: “hoi thao” finds “Hội thảo”, “da lat” finds “Đà Lạt”.
search-too_short = Type at least 2 letters or digits to search.
search-too_long = The search is longer than 200 characters: shorten it.
search-summary = { $n ->
    [0] Nothing found for “{ $q }”. Try fewer words, or another one.
    [one] 1 result for “{ $q }”.
   *[other] { $n } results for “{ $q }”.
}
search-none_here = Nothing here.
search-items = { $n ->
    [0] Items
   *[other] Items ({ $n })
}
search-events = { $n ->
    [0] Events
   *[other] Events ({ $n })
}
search-people = { $n ->
    [0] People
   *[other] People ({ $n })
}
search-reports = { $n ->
    [0] Progress reports
   *[other] Progress reports ({ $n })
}
search-reports_many = Progress reports (the newest 10)
search-all_items = See all { $n } items in the list
search-all_people = See all { $n } people in the directory

## Forms that guide (issue 16): errors beside their fields, pickers, time zones.
form-bad_date = { $field } is not a valid date: { $value } — type dd/mm/yyyy, e.g. 30/06/2025.
form-bad_time = { $field } is not a valid time: { $value } — type HH:MM, e.g. 08:30.
form-required = { $field } is required.
form-fix_these = Not saved yet. Please correct these fields:
form-filter = Filter the list…
form-zones_uccn = UNESCO Creative Cities
form-zones_other = Other time zones
event-end_date_short = End date
event-notice_unchanged = The status did not change.
event-counted_hint = A held event counts toward the targets of the items it is linked to.
event-confirm_uncount = I understand: another status takes the event out of the target counts.
event-confirm_uncount_needed = Changing to “{ $to }” takes the event out of the target counts. Tick the confirmation box and save, or keep the current status.
people-pairs_hint = Tick the language pairs this person interprets.
report-percent_hint = A number from 0 to 100; a decimal (50,5 or 50.5) is rounded to a whole percent.
oversight-grade_required = Choose a grade.
refusal-oversight-grade_required = Choose a grade.
track-start_short = Start date
track-due_short = Due date

## Importing a plan in the browser (issue 13)
notice-draft_saved = Draft saved. Check it again, then press "Start tracking".
notice-draft_discarded = Draft discarded.
notice-draft_gone = The draft is gone: it may have been committed or discarded already.
notice-plan_imported = The plan is now tracked.
import-title = Import a plan
import-intro = Upload the plan document (.docx, .pdf, .txt or .md). It is read into items, targets, deadlines and units; you check and correct the reading before it is tracked.
import-file = Plan document
import-file_hint = Word (.docx), PDF with a text layer, text (.txt, .md); at most { $mb } MB.
import-read = Read the document
import-pick_file = Choose the plan document.
import-too_large = The file is larger than { $mb } MB. A plan document is usually much smaller: remove its pictures or upload the .docx.
import-drafts = Drafts waiting for review
import-no_drafts = No drafts yet. Upload a plan document to start.
import-doc_title = Plan title
import-source = File
import-by = Uploaded by
import-when = Last edited
import-review_title = Check before tracking
import-review_intro = On the left, the items as read; on the right, the document line by line. Correct what was misread, then press "Start tracking". Nothing counts until then.
import-count_items = { $count ->
        [0] no items
        [one] 1 item
       *[other] { $n } items
    }
import-count_targets = { $count ->
        [0] no targets
        [one] 1 target
       *[other] { $n } targets
    }
import-count_units = { $count ->
        [0] no units
        [one] 1 unit
       *[other] { $n } units
    }
import-count_warnings = { $count ->
        [0] no warnings
        [one] 1 warning
       *[other] { $n } warnings
    }
import-commit = Start tracking
import-discard = Discard the draft
import-commit_hint = Tracking stores the plan, its items, targets, deadlines and new units at once; the draft is removed.
import-duplicate = This plan is already stored (the same file, or the same number, symbol and title), so it is not imported again.
import-open_plan = Open the stored plan
import-stale = Someone else has just edited the draft. The page shows the latest version; make your change again if it is still needed.
import-warnings = The reader's warnings
import-line = Line
import-header = The document
import-issuer = Issued by
import-doc_number = Number
import-doc_symbol = Symbol
import-doc_date = Date issued
import-doc_signer = Signed by
import-save = Save
import-units = Units named in the document
import-units_hint = Each unit name in the document is matched to an existing unit; a name with no match becomes a new unit. Pick an existing unit where the document abbreviates or spells it differently.
import-unit_written = Name in the document
import-unit_uses = Mentions
import-unit_becomes = On import
import-unit_new = (create a new unit)
import-tree = Items read
import-item_title = Item title
import-source_text = The document
import-not_a_plan = “{ $name }” reads as { $kind }, not a plan, so it is not imported. Choose the plan document (KH).
import-unknown_kind = a document of unknown kind
import-save_items = Save items and targets
import-target = Target
import-target_min = From
import-target_max = To
import-target_unit = Counted in
import-bad_number = “{ $value }” is not a number. Type a number, such as 20 or 12.5.
import-target_no_figure = A target needs at least one figure (from or to).
import-target_negative = A target cannot be negative.
import-target_min_above_max = “From” is larger than “to”. Correct it, such as from 20 to 30.
import-target_no_unit = Type what the target counts, such as sessions, pages, %.
## Department setup (issue 13): units, accounts and a plan's document details.
nav-unit_admin = Manage units
notice-user_deactivated = The account is deactivated. All of this person's sessions have ended and their personal calendar no longer updates.
notice-user_reactivated = The account is active again. This person can sign in with their existing password.
notice-unit_saved = The unit is saved.
notice-unit_merged = The duplicate unit was merged into this one.
notice-plan_metadata_saved = The plan's number, symbol, date of issue and signer are saved.
setup-conflict = Someone else saved a change before you. What is saved now is shown at the top of the page; what you typed is still in the form — check it and save again.
setup-saved_now = What is saved now
unit_admin-title = Manage units
unit_admin-intro = Add, rename, merge or deactivate units. An old name is kept as another name, so that a re-imported document still finds the unit.
unit_admin-parent = Parent body
unit_admin-status = Status
unit_admin-active = Active
unit_admin-inactive = Deactivated
unit_admin-new = Add a unit
unit_admin-add = Add unit
unit_admin-external = Partner outside the Department
unit_admin-no_parent = (none)
unit_admin-parent_help = The unit this one belongs to, if any (for example a museum under the Department).
unit_admin-items_link = The unit's tasks
unit_admin-manage = Manage this unit
unit_admin-edit = Name and parent body
unit_admin-rename_help = On a rename, the old name is added to the abbreviation table, pointing to the new one.
unit_admin-deactivate = Deactivate the unit
unit_admin-reactivate = Reactivate the unit
unit_admin-deactivate_help = The unit is no longer offered for new assignments or new users; its tasks, reports and history stay as they are.
unit_admin-reactivate_help = The unit is offered again for assignments and users.
unit_admin-merge = Merge a duplicate unit
unit_admin-merge_help = Use this when this unit duplicates another: its tasks, users and events move to the unit chosen, then this unit is deleted. A unit that has filed progress reports cannot be merged away.
unit_admin-merge_into = Merge into
unit_admin-merge_choose = — Choose a unit —
unit_admin-merge_button = Merge unit
unit_admin-merge_pick = Choose the unit that takes this one over (not this unit itself).
unit_admin-merge_reported = This unit has filed progress reports, which must stay under its name. Open the other unit and merge it into this one.
users-active = Active
users-inactive = Deactivated
users-email = E-mail
users-email_help = Where reminders are sent; leave empty if none.
users-deactivate = Deactivate the account
users-reactivate = Reactivate the account
users-deactivate_help = This person can no longer sign in, all their sessions end at once and their personal calendar (.ics address) stops answering. Their reports and history stay.
users-reactivate_help = This person can sign in again with their existing password; their personal calendar works again.
signin-deactivated = This account is deactivated. Contact an administrator if you need it again.
plans-no_number = No number
plans-no_date = No date
plans-missing_details = The document imported carries no number, symbol or date of issue.
plan_meta-title = Number, date of issue and signer
plan_meta-intro = Correct what the original document says and the imported copy lacks or misread. Leave empty what the document does not say.
plan_meta-link = Correct number, date, signer
plan_meta-back = Back to the plan
plan_meta-number = Number
plan_meta-number_hint = The number of “Số: 102/KH-UBND”, for example 102.
plan_meta-symbol = Symbol
plan_meta-symbol_hint = The part after “/”, for example KH-SVHTT.
plan_meta-date = Date of issue
plan_meta-date_hint = The date of the line “Hà Nội, ngày …”, as dd/mm/yyyy, for example 15/01/2025.
plan_meta-signer_title = Signer's title
plan_meta-signer_title_hint = For example GIÁM ĐỐC or PHÓ GIÁM ĐỐC.
plan_meta-signer_name = Signer
plan_meta-signer_name_hint = The signer's full name, for example Đỗ Đình Hồng.
plan_meta-parent_issuer = Parent body
plan_meta-parent_issuer_hint = The line above the issuing body's name, for example UBND thành phố Hà Nội.
refusal-setup-name_missing = Enter a name.
refusal-setup-name_too_long = The name is longer than { $limit } characters.
refusal-setup-unit_name_taken = The unit “{ $name }” already has this name (or this name is its abbreviation). Choose another name, or merge the two units.
refusal-setup-parent_cycle = A unit cannot belong to itself or to one of its own units.
refusal-setup-unit_inactive = The unit “{ $name }” is deactivated and takes no new users.
refusal-setup-staff_without_unit = A staff member (Cán bộ) must belong to at least one unit: tick this person's unit.
refusal-setup-plan_field_too_long = { $field } is longer than { $limit } characters.
refusal-setup-self_lockout = You cannot remove your own Admin role or deactivate your own account.
refusal-setup-plan_identity_taken = Another plan of the same issuer already has this number, symbol and title. Check the number and symbol.
## Budget and estimates (issue 17)
notice-budget_saved = The estimate was saved.
budget-nav = Budget
budget-title = Budget estimate
budget-link = Budget estimate
budget-intro = The lead unit drafts the estimate and submits it; the Planning and Finance division verifies it or returns it with a comment; the Board approves or rejects it. An approved estimate is locked: to change it, open a new revision.
budget-none = This item has no estimate yet.
budget-revision = Revision { $revision }
budget-status = Status
budget-planned = Approved budget
budget-planned_none = none yet
budget-col_stt = No.
budget-col_content = Description
budget-col_unit = Unit
budget-col_quantity = Quantity
budget-col_price = Unit price
budget-col_amount = Amount
budget-col_note = Note
budget-total = Total
budget-in_words = In words
budget-add_line = Add an estimate line
budget-category = Category
budget-description = Description
budget-unit = Unit of measure
budget-quantity = Quantity
budget-unit_price = Unit price (₫)
budget-note = Note
budget-add = Add line
budget-remove = Remove line
budget-comment = Comment
budget-comment_hint = Required when returning or rejecting.
budget-steps = Act on the estimate
budget-revise_hint = The estimate is locked. To change it, open a new revision (the lines are copied over, and it goes through verification and approval again).
budget-history = History
budget-history_none = No step has been taken yet.
budget-when = When
budget-who = By
budget-step = Step
budget-export_xlsx = Download the estimate (XLSX)
budget-conflict = Someone changed this estimate after you opened the page; your change was not saved. The current estimate is below: check it and try again.
budget-queues = Estimates waiting
budget-queue_finance = Awaiting verification (Planning and Finance)
budget-queue_board = Awaiting approval (Board)
budget-queue_empty = No estimate is waiting.
budget-queue_none = The estimate queues are for the Planning and Finance division (verification) and the Board (approval). Each item's estimate is on its page, under "Budget estimate".
budget-item = Item
budget-updated = Updated
budget-xlsx_title = BUDGET ESTIMATE
refusal-budget-forbidden = You may not “{ $action }” this estimate: the lead unit drafts and submits, Planning and Finance verifies or returns, the Board approves.
refusal-budget-funding_forbidden = Only Planning and Finance or an administrator records funding sources.
refusal-budget-own_submission = You cannot “{ $action }” an estimate you submitted or verified yourself: someone else must review it.
refusal-budget-transition = The estimate is “{ $from }”, so it cannot be “{ $action }”. Reload the page to see where it stands.
refusal-budget-locked = The estimate is “{ $status }”, so its lines are locked. To change an approved estimate, open a new revision.
refusal-budget-not_latest = Only the latest revision of an estimate can change.
refusal-budget-no_lines = The estimate has no lines: add at least one before submitting it.
refusal-budget-comment_required = Returning or rejecting an estimate needs a comment saying what to change.
refusal-budget-too_long = The text is longer than { $max } characters; please shorten it.
refusal-budget-bad_category = Choose a category from the list.
refusal-budget-category_inactive = The category “{ $value }” is no longer in use: choose another one from the list.
refusal-budget-category_code_bad = The category code “{ $value }” is not valid: use 1 to 40 of a–z, 0–9 or underscore, for example equipment_rental.
refusal-budget-category_code_taken = The category code “{ $value }” is taken: choose another code, or rename that category.
refusal-budget-category_name_required = Enter the category's Vietnamese name.
refusal-budget-category_forbidden = Only an admin configures the estimate categories.
refusal-budget-name_required = A funding source needs a name.
refusal-budget-description_required = An estimate line needs a description.
refusal-budget-negative_amount = An amount cannot be negative: “{ $value }”. Enter whole đồng from 0, e.g. 5.000.000.
refusal-budget-amount_too_large = The amount “{ $value }” is too large: at most { $max }. Check the number of digits.
refusal-budget-bad_amount = “{ $value }” is not an amount: enter whole đồng, with dots between thousands, e.g. 5.000.000.
refusal-budget-bad_quantity = The quantity “{ $value }” is not valid: enter a whole number from 1 to 1.000.000.
refusal-budget-line_too_large = The amount (quantity × unit price) is above { $max }: check the quantity and the unit price.
refusal-budget-total_too_large = The estimate's total would be above { $max }: check its lines.
refusal-budget-contract_forbidden = Only the Office records contracts.
refusal-budget-payment_forbidden = Only Planning and Finance or the lead unit records payments.
refusal-budget-contract_above_estimate = The contract's value { $value } is above the estimate lines chosen ({ $estimate }). Give the reason for going above the estimate, or choose more lines.
refusal-budget-payment_above_contract = Paying { $amount } (after { $paid } already paid) goes beyond the contract's value { $value }. Give the reason for paying beyond the contract.
refusal-budget-no_approved_lines = Choose at least one line of the approved estimate that this contract carries out.
refusal-budget-bad_date = The date “{ $value }” is not valid: enter dd/mm/yyyy, e.g. 30/06/2025.
refusal-budget-term_before_signing = The contract's term ends before its signing date.
budget-money = Money: estimate, contracts, payments
budget-contracted = Contracted
budget-paid = Paid
budget-settled = Settled
budget-contracts = Contracts
budget-contracts_none = No contract yet.
budget-contract_add = Record a contract (Office)
budget-vendor = Vendor
budget-vendor_kind = Kind
budget-subject = What the contract buys
budget-value = Contract value (₫)
budget-signed_on = Signed on (dd/mm/yyyy)
budget-term_end = Term until (dd/mm/yyyy)
budget-contract_lines = Estimate lines the contract carries out
budget-override_reason = Reason for going above the estimate (required if the value is above the lines chosen)
budget-save_contract = Save contract
budget-payment_add = Record a payment
budget-payment_kind = Kind of payment
budget-amount = Amount (₫)
budget-paid_on = Paid on (dd/mm/yyyy)
budget-over_reason = Reason for paying beyond the contract (required if the payments exceed its value)
budget-save_payment = Save payment
budget-payments_none = No payment yet.
budget-contract_needs_approval = Contracts are recorded once the estimate is approved.
budget-changes = Changes since revision { $revision }
budget-plan_title = The plan's budget
budget-plan_intro = Approved budget (the approved estimate), contracted, paid and settled for each item with an estimate, and per lead unit.
budget-plan_link = The plan's budget
budget-funding = Funding sources
budget-funding_none = No funding source recorded yet.
budget-per_item = Per item
budget-per_unit = Per lead unit
budget-per_unit_note = An item led by several units counts for each of them, so the units' rows may add up to more than the plan's total.
budget-plan_none = No item has an estimate yet.
budget-unit_col = Unit
budget-chart = Approved budget and payments per lead unit
budget-funding_add = Record a funding source (Planning and Finance)
budget-funding_name = Funding source
budget-funding_basis = Legal basis (the decision assigning it)
budget-funding_year = Year
budget-funding_save = Save funding source
budget-funding_no_amount = No amount yet
budget-funding_unit = Assigned to
work-finance = Planning and Finance
work-none_estimates = No estimate is waiting. Each item's estimate is on its page, under "Budget estimate".
budget-settlement_sheet = Settlement summary
budget-settlement_xlsx = Download the settlement summary (XLSX)
budget-from_document = In the document (the Kinh phí section)
budget-files = Documents
budget-attach = Attach the signed contract, payment documents

import-compare = Against a stored plan (a revised plan)
import-compare_with = Stored plan
import-compare_button = Show the differences
import-diff_added = { $count ->
        [0] no items added
        [one] 1 item added
       *[other] { $n } items added
    }
import-diff_changed = { $count ->
        [0] no items changed
        [one] 1 item changed
       *[other] { $n } items changed
    }
import-diff_removed = { $count ->
        [0] no items removed
        [one] 1 item removed
       *[other] { $n } items removed
    }
import-diff_same = { $count ->
        [0] no items alike
        [one] 1 item alike
       *[other] { $n } items alike
    }
import-diff_added_heading = Items added
import-diff_changed_heading = Changed items (title, lead units, targets or deadlines)
import-diff_removed_heading = Items no longer in the new document
import-diff_hint = Items are matched by their numbering and title (ignoring diacritics). Applying the revision applies exactly these differences.
import-deadline = Deadline
import-deadline_due = The item's due date

# Revised plans applied over a stored one; the review's split, merge, move (issue 13).
import-revise = Apply as a revision of this plan
import-revise_hint = Applies this document over the stored plan: matched items keep their reports, evidence and history and take the new title, units, targets and deadlines; added items are inserted in their place; items no longer there are marked "removed", not deleted.
import-revise_changed = The differences changed since the page was opened (the plan or the draft was edited). The page shows the latest differences; check them, then press again.
import-shape = Split, merge, move items
import-shape_hint = Pick an item: move it up or down among its siblings, merge it into the item before it (titles joined with a semicolon, sub-items and targets moved), split it into two siblings, or move it under another item.
import-shape_item = Item
import-shape_up = Up
import-shape_down = Down
import-shape_merge = Merge into the previous item
import-shape_split = Split into two items
import-shape_first = First item's title
import-shape_second = Second item's title
import-shape_split_button = Split
import-shape_move = Move under another item
import-shape_parent = New parent item
import-shape_top = (top level)
import-shape_under = Move
import-shape_empty_title = Type a title for both items.
import-shape_no_neighbour = This item has no sibling on that side.
import-shape_under_itself = An item cannot go under itself or one of its sub-items.
import-shape_no_item = This item is no longer in the draft. The page shows the latest draft.
import-funding = Funding in the document
import-funding_hint = Funding sources read from the document's “Kinh phí” section. Correct the name, legal basis, amount, year or unit assigned, or drop a line that is not a funding source, then save; on import these lines become the plan's funding sources.
import-funding_none = The document names no funding source that could be read; Planning and Finance records it later on the plan's budget page.
import-funding_section = The document's “Kinh phí” section
import-funding_line = Source
import-funding_amount = Amount (đồng)
import-funding_amount_hint = Leave empty if the document gives none
import-funding_year = Year (empty: the plan's year)
import-funding_unit = Unit assigned
import-funding_drop = Drop this line
import-funding_save = Save funding sources
import-funding_total = The document states a total of { $total }.
import-funding_mismatch = The document states a total of { $total } but the sources add up to { $sum }; check each source's amount.
import-funding_too_long = “{ $field }” is at most { $max } characters; shorten it.
revision-title = Revisions of the plan
revision-line = Revised plan { $reference } of { $date }: { $added } added, { $removed } removed, { $changed } changed items. Applied by { $by } at { $when }.
revision-no_number = (no number)
revision-no_date = (date unknown)
revision-removed = Removed items
revision-removed_note = Removed by revised plan no. { $reference } of { $date }. Its reports and records can still be read; the item no longer counts.
notice-plan_revised = The revised plan was applied.
## cities: the UNESCO Creative Cities Network directory (issue 19)
cities-nav = Cities
cities-title = Creative cities
cities-directory = Directory
cities-last_contact = Last contact
cities-last_contact_hint = Cities with an event or a letter; the one without contact for longest comes first.
cities-no_contact = No event or letter yet.
cities-map = Map
cities-map_title = Member cities on a world map, coloured by field
cities-map_source = Coastlines: world-atlas (Natural Earth, public domain), ISC licence.
cities-map_unplaced = { $n } member cities have no coordinates yet and are not on the map.
cities-fields = Creative fields
cities-new = Add a city
cities-edit = Edit the city
cities-import = Import the city list
cities-search = Search by name
cities-field = Field
cities-region = Region
cities-country = Country
cities-status = Status
cities-none = No city matches the filters.
cities-name = City
cities-year = Designated
cities-summary = { $total } cities · page { $page }/{ $pages }
cities-last = Last contact
cities-unesco_url = UNESCO page
cities-point = Coordinates
cities-notes = Notes
cities-timeline = Timeline
cities-add_letter = Record a letter or MoU
cities-letter_kind = Kind
cities-letter_direction = Direction
cities-letter_number = Number
cities-letter_date = Date (dd/mm/yyyy)
cities-letter_title = Subject
cities-no_field = (not chosen)
cities-slug = UNESCO page slug
cities-slug_hint = The end of the city's UNESCO page address (e.g. da-lat); left empty, it is made from the name.
cities-lat = Latitude
cities-lon = Longitude
cities-field_vi = Vietnamese name
cities-field_en = English name
cities-colour = Colour on the map
cities-edit_field = Edit the field
cities-new_field = Add a field
cities-import_hint = Importing again makes no duplicates: each city is matched by its UNESCO page slug. Name, field, UNESCO page and coordinates come from the file; a country, region or notes typed here are kept. The Vietnamese cities get their official facts.
cities-import_bundled_hint = The files bundled in
cities-import_bundled = Import the bundled files
cities-import_cities_file = City list (CSV: city, creative_field, unesco_slug, unesco_url)
cities-import_points_file = Coordinates (CSV, optional)
cities-import_upload = Upload and import
cities-import_no_file = Choose the city list file.
cities-import_done = Imported: { $added } added, { $changed } changed, { $unchanged } unchanged.
cities-import_bad_csv = File { $file }, line { $line }: { $problem }. Nothing was imported.
cities-import_unreadable = Cannot read { $path }. Nothing was imported.
cities-event_cities = Cities taking part
cities-event_cities_save = Save the cities
cities-item_cities = Cities of its events and delegations
refusal-city-forbidden = You may not edit the city directory.
refusal-city-name_required = Enter a name.
refusal-city-too_long = The text is longer than { $limit } characters.
refusal-city-bad_year = The designation year “{ $value }” must be a year from 2004 to 2100.
refusal-city-bad_latitude = The latitude “{ $value }” must be a number from -90 to 90.
refusal-city-bad_longitude = The longitude “{ $value }” must be a number from -180 to 180.
refusal-city-half_point = Enter both latitude and longitude, or neither.
refusal-city-bad_slug = The UNESCO slug “{ $value }” may hold only lower-case letters, digits and dashes.
refusal-city-slug_taken = The UNESCO slug “{ $value }” belongs to another city.
refusal-city-field_taken = A field with this English name exists already ({ $value }).
refusal-city-bad_colour = The colour “{ $value }” must read #rrggbb.
refusal-city-unknown_field = There is no field “{ $value }”: add it first.
refusal-city-bad_link = The UNESCO page “{ $value }” must be an http(s) address.
refusal-city-bad_choice = Choose one of the offered values.
refusal-city-bad_date = The date “{ $value }” does not read: write dd/mm/yyyy.
refusal-city-role_mismatch = This role belongs to a city, or to UNESCO (with no city).
refusal-city-contact_twice = This person already has this role here.
refusal-city-step_in_use = The step “{ $value }” is used by a candidacy dossier, so it cannot be removed: clear its dates, notes, documents and support activities in the dossiers first, or rename the step.
refusal-city-dossier_twice = This city already has a dossier for that field: open it from the list.
cities-contacts = Contacts
cities-no_contacts = No contact yet.
cities-add_contact = Add a contact from the people directory
cities-contact_person = Person (from the directory)
cities-contact_role = Role
cities-remove = Remove
cities-unesco = UNESCO
cities-unesco_hint = The UNESCO Secretariat in Paris and the UNESCO Hanoi Office: people of the directory with their roles.
cities-newer = Newer
cities-older = Older

## Cities: records (issue 19: letters' files, delegations, joint projects, candidacy dossiers)
cities-letter_file = File (scan, PDF…)
cities-optional = optional
cities-attach_file = Attach a file
cities-replace_file = Replace the file
cities-pick_file = Pick a file.
cities-delegation_cities = Cities visited
cities-subnetwork = Subnetwork (creative field)
candidacies-title = Candidacy dossiers
candidacies-intro = The dossiers of the cities applying to the UNESCO Creative Cities Network, along the call's steps; Hanoi supports them with plan items and events (workshops, expert visits).
candidacies-dossiers = dossiers
candidacies-dossier = Candidacy dossier
candidacies-none = No dossier yet. Import the cities to get Huế's, Quảng Ninh's and Đà Nẵng's, or open one below.
candidacies-status = Status
candidacies-progress = Progress
candidacies-steps_done = steps done
candidacies-overdue = overdue
candidacies-new = Open a dossier
candidacies-pick_city = Choose a city from the directory.
candidacies-pick_step = Choose the dossier's step.
candidacies-pick_support = Choose a plan item or an event (one of the two).
candidacies-steps = Candidacy steps
candidacies-steps_intro = The UNESCO call's steps, in order. Each call may change them: add, rename, reorder; only a step no dossier uses can be removed.
candidacies-step = Step
candidacies-step_used = Used by a dossier: cannot be removed.
candidacies-add_step = Add a step
candidacies-rename = Rename
candidacies-up = Up
candidacies-down = Down
candidacies-remove = Remove
candidacies-edit = Change field, status
candidacies-save = Save
candidacies-planned = Planned (dd/mm/yyyy)
candidacies-done = Done (dd/mm/yyyy)
candidacies-documents = Documents
candidacies-support = Hanoi's support activities
candidacies-add_document = Add a document
candidacies-add_support = Add a support activity
candidacies-support_hint = Choose an existing plan item or event (workshop, expert visit).
candidacies-item = Plan item
candidacies-event = Event
candidacies-search = City
candidacies-search_hint = e.g. hue, da nang
candidacies-overdue_only = Only dossiers with an overdue step
candidacies-none_match = No dossier matches the filters. Remove some of them.

## network: the Vietnamese creative cities' network space (issue 19, part 2)
network-nav = Network
network-title = Vietnamese creative cities network
network-home = Overview
network-calendar = Shared calendar
network-library = Shared library
network-members = Members
network-password = Change password
network-hanoi = Hanoi
network-intro_department = The network's shared space: calendar, library of documents and good practices, and the cities' focal points' accounts.
network-intro_city = The shared space of the Vietnamese creative cities network. You are the focal point of
network-next_events = Coming events
network-no_events = No events yet.
network-open_calendar = Open the shared calendar
network-latest_documents = Latest documents
network-no_documents = No documents yet.
network-open_library = Open the shared library
network-invite_someone = Invite the cities' focal points
network-members_hint = Vietnam's member and candidate cities. The Board invites a city's focal point (a contact with the role "focal point" on the city's page) into the shared space; the invitation carries a one-time sign-up link.
network-invite_sent = Invitation sent to
network-invite_link = No mail server is configured: pass this sign-up link to the focal point (single use, expires after 7 days)
network-focal_points = Focal points
network-no_focal_point = No focal point yet: add a contact with the role "focal point" on the city's page.
network-invite = Invite into the network
network-accounts = Accounts
network-pending = Unused invitations
network-expires = expires
network-join_title = Network account sign-up
network-join_intro = You are invited into the network's shared space as the focal point of
network-login = Login
network-password_new = Password
network-password_confirm = Password again
network-join_submit = Create the account
network-join_ask_again = Ask the Hanoi Department of Culture and Sports to send the invitation again.
network-invite_subject = Invitation to the Vietnamese creative cities network's shared space
network-invite_body = Dear focal point,

    The Hanoi Department of Culture and Sports invites you into the shared space of the Vietnamese creative cities network (shared calendar, library of documents and good practices).

    To create your account, open this link (single use, expires after { $days } days):
    { $link }

    Best regards.
network-mail_failed = The invitation could not be sent (the mail server did not answer). Pass the link below to the focal point.
network-bad_login = A login is not empty, has no spaces and at most 60 characters.
network-login_taken = This login is taken. Choose another.
network-month_view = By month
network-list_view = List
network-prev_month = Previous month
network-next_month = Next month
network-month = Month
network-month_events = Events of the month
network-shared_by_hanoi = Hanoi's event, shared
network-post_event = Post an event on the shared calendar
network-event_title = Event
network-date = Date (dd/mm/yyyy)
network-place = Place
network-start = Start (hh:mm)
network-end = End (hh:mm)
network-notes = Notes
network-post = Post the event
network-share_event = Share a Hanoi event with the network
network-nothing_to_share = No coming event left to share.
network-hanoi_event = Event
network-share = Share
network-feed = Calendar on a phone, Outlook, Google Calendar
network-feed_hint = Make a calendar address (.ics) of your own; a new address ends the old one.
network-feed_made = Your calendar address (shown once):
network-feed_make = Make a calendar address
network-feed_unknown = This calendar address does not exist or was replaced.
network-kind_document = Document
network-kind_practice = Good practice
network-all_cities = all cities
network-for = for
network-add_document = Add a document or good practice
network-kind = Kind
network-doc_title = Title
network-description = Description
network-audience = For
network-chosen_cities = the cities chosen
network-file = File
network-file_limit = at most
network-add = Add to the library
network-download = Download
network-edit_document = Edit this entry
network-remove_document = Remove from the library
network-remove_confirm = This entry will be removed from the shared library; the cities will no longer see it. The audit log keeps its record.
network-remove_yes = Remove
network-remove_no = Keep it
network-save = Save
network-updated = last edited
network-file_stays = The file stays as it is; to replace it, add a new entry and remove this one.
network-conflict = Someone else has just edited this entry. The page shows what you typed; check it and save again if you still want to write over it.
network-conflict_remove = This entry was edited after the confirmation was shown. Check it below and confirm again.
network-invite_again = Send the invitation again
network-expired = expired
network-export_date = Posted on
network-export_by = Posted by
network-export_size = Size (bytes)
network-export_updated = Last edited
network-export_city = City
network-export_status = Status
notice-document_removed = The entry was removed from the shared library.
notice-network_joined = Network account created. Sign in with the login and password you chose.
refusal-network-forbidden = You may not do this in the network space.
refusal-network-link_expired = This sign-up link has expired.
refusal-network-link_used = This sign-up link has already been used.
refusal-network-link_unknown = This sign-up link does not exist.
refusal-network-not_a_contact = This person is not a focal point of the city.
refusal-network-no_email = This focal point has no e-mail address: add it in the people directory.
refusal-network-not_vietnamese = Only Vietnam's member and candidate cities join the network space.
refusal-network-title_required = Enter a title.
refusal-network-too_long = The text is longer than { $limit } characters.
refusal-network-bad_date = Unreadable date: { $value } — use dd/mm/yyyy.
refusal-network-bad_time = Unreadable time: { $value } — use hh:mm.
refusal-network-end_before_start = The end is before the start.
refusal-network-no_city = Choose at least one city, or all cities.
refusal-network-bad_choice = Choose one of the offered values.
refusal-network-file_required = Choose a file.
network-board = Message board
network-board_hint = The network's shared board: one thread per subject. When someone replies, everyone who wrote in the thread gets an e-mail.
network-board_topic = Topic
network-board_all_topics = All topics
network-board_empty = No thread yet.
network-board_replies = replies
network-board_last = latest
network-board_threads = threads
network-board_new = Start a thread
network-board_title = Title
network-board_message = Message
network-board_start = Post
network-board_reply = Reply
network-board_reply_hint = Everyone who wrote in this thread gets an e-mail with a link here.
network-board_send = Send the reply
network-board_author = Author
network-board_replies_col = Replies
network-board_last_col = Last message
network-dossier_open = Your city's candidacy dossier: progress, steps and documents
network-dossier_intro = Your city's candidacy dossier as the Hanoi Department of Culture and Sports follows it: status, progress along the UNESCO call's steps, documents and Hanoi's support activities.
network-dossier_no_field = Candidacy dossier (field not chosen yet)
network-dossier_none = Hanoi has opened no candidacy dossier for { $city }. If the city is preparing to apply to the UNESCO Creative Cities Network, contact { $department } for support.
network-dossier_write = Write to Hanoi on the message board
network-dossier_read_only = This page is read-only; Hanoi keeps the dossier up to date. Something to correct or add?
network-reply_subject = [Network] New reply: { $title }
network-reply_body = There is a new reply in the thread "{ $title }" of the Vietnam creative cities network:

    { $body }

    Read and reply at: { $link }
refusal-network-message_required = Write the message.

## Invitations between cities (issue 19)
network-posted_by = Posted by
network-hanoi_event_page = Hanoi's event page
network-event_edit = Edit the event
network-event_save = Save changes
network-event_remove = Remove from the shared calendar
network-event_remove_confirm = Remove this event from the shared calendar? Its invitations and answers go too (they stay in the audit log).
network-event_remove_yes = Remove the event
network-event_remove_no = Keep it
network-stop_sharing = Stop sharing with the network
network-stop_sharing_confirm = Stop sharing this event with the network? It stays in Hanoi's plan; its invitations are removed.
network-cities_invited = cities invited
network-event_conflict = Someone else has just changed this event. The current facts are above; what you typed is still in the form — save again to replace them.
network-event_conflict_remove = The event changed after this confirmation was shown. Check it before removing.
network-your_answer = Your city's invitation
network-your_answer_now = Current answer
network-answer_pending = Not answered
network-answer_accepted = Attending
network-answer_declined = Not attending
network-answer_note = Note (optional, at most 500 characters)
network-accept = Accept
network-decline = Decline
network-answers_closed = The event has ended: answers are closed.
network-invitations = Cities invited
network-no_invitations = No city invited yet.
network-invite_city = City
network-invite_answer = Answer
network-invite_note = Note
network-invite_by = Answered by
network-invite_at = Answered at
network-invite_cities = Invite cities to attend
network-invite_hint = Each city invited is told by e-mail and answers on the event's page.
network-no_city_left = Every city of the network is invited.
network-invite_send = Send the invitations
network-invitations_box = Invitations to attend
network-col_date = Date
network-col_start = Start
network-col_end = End
network-col_event_title = Event
network-col_place = Place
network-col_posted_by = Posted by
network-col_invited = Cities invited
network-col_accepted = Accepted
network-col_declined = Declined
network-event_invite_subject = [Network] Invitation: { $title }
network-event_invite_body = { $host } invites your city to "{ $title }" on the shared calendar of the Vietnam creative cities network.

    When: { $when }
    Where: { $place }

    See it and answer (accept or decline) at: { $link }
network-event_answer_subject = [Network] { $city } answered: { $answer } — { $title }
network-event_answer_body = { $city } answered the invitation to "{ $title }": { $answer }.

    See the answers at: { $link }
notice-network_event_saved = Event saved.
notice-network_event_removed = Event removed from the shared calendar.
notice-network_invited = Invitations sent.
notice-network_answered = Your city's answer is recorded.
refusal-network-invite_self = A city does not invite itself.
refusal-network-invited_twice = This city is invited already.
refusal-network-answer_closed = The event has ended: the invitation can no longer be answered.
refusal-network-shared_event = A Hanoi event is edited on Hanoi's event page; here it can only stop being shared.

## Joint projects (issue 19)
projects-nav = Joint projects
projects-title = Joint projects
projects-new = Add a joint project
projects-edit = Edit the project
projects-search = Search by project name
projects-status = Status
projects-city = City
projects-cities = Cities taking part
projects-cities_hint = Hold Ctrl (on a phone: tap each name) to choose several cities.
projects-name = Project name
projects-dates = Dates
projects-start = Start date (dd/mm/yyyy)
projects-end = End date (dd/mm/yyyy, empty if not yet set)
projects-unit = Lead unit
projects-item = Plan item
projects-description = Description
projects-none = No joint project matches the filters.
projects-summary = { $total } projects · page { $page }/{ $pages }
projects-back = Back to the projects
projects-remove = Remove the project
projects-remove_confirm = Remove this project? It will leave its cities' timelines; the audit log keeps its record.
projects-remove_yes = Remove the project
projects-remove_no = Keep it
projects-conflict = Someone saved this project before you. What is stored is shown above and what you typed is still in the form; check it, then save again.
projects-conflict_remove = The project was just edited by someone else. Check it below, then confirm the removal again.
projects-item_projects = Joint projects with cities
notice-project_saved = The joint project is saved.
notice-project_removed = The joint project is removed.
refusal-city-date_required = Enter the date as dd/mm/yyyy.
refusal-city-end_before_start = The end must be on or after the start; correct one of the two dates.
refusal-city-no_city = Choose at least one city of the directory.
budget-page_items = Items { $from }–{ $to } of { $total } · page { $page }/{ $pages }
budget-page_queue = Estimates { $from }–{ $to } of { $total } waiting · page { $page }/{ $pages }
budget-page_bad = The page number “{ $typed }” does not read, so page 1 is shown. Type a whole number from 1 to { $pages }.
budget-page_past = The list has only { $pages } pages, so the last one is shown.
budget-total_whole = Total for the whole plan

## Publishing and creative spaces, internal pages (issue 18)
nav-publishing = Publishing
nav-spaces = Creative spaces
notice-publication_saved = The publication was saved.
notice-publication_moved = The publication's state was changed.
notice-space_saved = The creative space was saved.
publishing-title = Publishing on the public site
publishing-new = Propose for publication
publishing-intro_reviewer = Every proposal. The Office and the Board review, publish, return or withdraw them.
publishing-intro_mine = Your proposals. The Office or the Board reviews them before they are published.
publishing-open_site = Open the public site
publishing-filter = Filter by state
publishing-none = No proposal yet.
publishing-kind = Kind
publishing-subject = Subject
publishing-state = State
publishing-embargo = Published from (Hà Nội time)
publishing-embargo_hint = Leave empty to publish as soon as it is approved. Type dd/mm/yyyy HH:MM, e.g. 01/12/2026 08:00: until then the public site does not show it.
publishing-updated = Updated
publishing-public_page = Public page
publishing-choose_intro = Choose a kind, then the work, event, space or plan to publish.
publishing-no_subjects = Nothing of this kind yet.
publishing-next = Continue
publishing-back = Back
publishing-pick_subject = Choose what to publish.
publishing-pick_move = Choose one of the actions offered.
publishing-texts_hint = This title and summary are what the public reads. The English ones may be left empty: the English page then shows the Vietnamese with “(tiếng Việt)”.
publishing-field_title = Title
publishing-field_title_en = English title
publishing-field_summary = Summary
publishing-field_summary_en = English summary
publishing-targets = Targets shown on the public site
publishing-save = Save
publishing-propose = Create the proposal
publishing-move_draft_review = Send for review
publishing-move_review_published = Approve and publish
publishing-move_review_draft = Return
publishing-move_published_withdrawn = Withdraw
publishing-move_withdrawn_draft = Back to draft
spaces-title = Creative spaces
spaces-intro = The catalogue of Hà Nội's creative spaces. A space appears on the public site only once proposed and approved for publication.
spaces-new = Add a space
spaces-edit = Edit the space
spaces-none = No space yet.
spaces-name = Name
spaces-name_en = English name
spaces-kind = Kind
spaces-pick_kind = Choose a kind of space from the list.
spaces-address = Address
spaces-lat = Latitude
spaces-lon = Longitude
spaces-point_hint = A point in Hà Nội, e.g. latitude 21.0285 and longitude 105.8542 (Hoàn Kiếm Lake).
spaces-hours = Opening hours
spaces-hours_en = Opening hours (English)
spaces-description = Description
spaces-description_en = Description (English)
spaces-links = Links
spaces-links_hint = One https://… address a line.
spaces-photo_set = Photo set
spaces-no_photo_set = None
spaces-public = Public site
spaces-propose = Propose for publication

## The public site (issue 18)
public-site = Hà Nội – UNESCO Creative City of Design
public-publisher = Hà Nội Department of Culture and Sports
public-description = News, events, media and creative spaces of Hà Nội, a member of the UNESCO Creative Cities Network in the field of Design.
public-welcome = Hà Nội is a member of the UNESCO Creative Cities Network in the field of Design. These pages show what the Hà Nội Department of Culture and Sports does: news, events, media and the capital's creative spaces.
public-skip = Skip to the main content
public-nav = Main sections
public-home = Home
public-news = News
public-news_intro = The latest news of the Creative City of Design.
public-news_empty = No news has been published yet.
public-events = Events
public-events_intro = Upcoming and past events. Times are in Hà Nội time.
public-media = Media
public-media_intro = Clips, documentaries, magazine features, printed materials and photo sets.
public-media_empty = No media has been published yet.
public-spaces = Creative spaces
public-spaces_intro = Museums, galleries, creative hubs, craft villages and cultural places of Hà Nội.
public-spaces_empty = No creative space has been published yet.
public-plan = This year's plan
public-latest_news = Latest news
public-latest_media = Latest media
public-upcoming = Upcoming
public-upcoming_empty = No upcoming events.
public-past = Past events
public-past_empty = No past events yet.
public-all_news = All news
public-all_events = All events
public-all_media = All media
public-all_spaces = All creative spaces
public-in_vietnamese = (tiếng Việt)
public-hanoi_time = Hà Nội time
public-feed = Atom feed
public-calendar = Events calendar (.ics)
public-calendar_name = Events – Hà Nội Creative City of Design
public-footer = Hà Nội Department of Culture and Sports · UNESCO Creative City of Design.
public-image_of = Photo { $n }: { $title }
public-cover = Cover
public-photos = Photos
public-download_video = Download the video
public-read_document = Read the document
public-published_on = Released on
public-duration = Length
public-pages = Pages
public-languages = Languages
public-targets = Targets and results
public-targets_empty = No target has been published yet.
public-target = Target
public-result = Achieved / target
public-standing = Standing
public-targets_note = Figures are updated as the work goes on; they are those of the Department's dashboard.
public-address = Address
public-hours = Opening hours
public-links = Links
public-map_title = Map of Hà Nội with the creative spaces
public-map_centre = The city centre (the red box, enlarged)
public-map_lake = Hoàn Kiếm Lake
public-map_caption = Each number on the map is a space of the list. Boundary: Natural Earth.
public-back_home = Back to the home page
public-error_not_found = This page does not exist, or its content is not published or has been withdrawn.
public-error_internal = Something went wrong. Please try again in a few minutes.
public-error_bad_request = This address is not right.

## Media works (issue 18)
refusal-media-forbidden = You may not do this to the media work.
refusal-media-title_required = Enter the work's title.
refusal-media-too_long = A text is longer than { $max } characters: shorten it.
refusal-media-bad_duration = Cannot read the duration “{ $value }”: write minutes:seconds (14:30) or minutes (14).
refusal-media-bad_count = Cannot read the number “{ $value }”: enter a whole number from 1 to { $max }.
refusal-media-bad_date = Cannot read the date “{ $value }”: use dd/mm/yyyy.
refusal-media-transition = A work cannot move from “{ $from }” to “{ $to }”: it moves one stage forward or back at a time.
refusal-media-approval_is_boards = Approving a work is the Board's decision: ask the Board to approve it.
refusal-media-duration_required = A clip or documentary needs its duration before it is published: edit the work and enter it.
refusal-media-pages_required = A magazine feature or printed material needs its pages before it is published: edit the work and enter them.
refusal-media-published_on_required = Enter the publication date.
refusal-media-published_in_future = The publication date { $date } has not come yet: mark the work published on that day.
refusal-media-unknown_link = The plan item, event or contract chosen no longer exists: choose again.
refusal-media-unit_required = Choose the unit making the work.
media-nav = Media
media-title = Media works
media-new = Add a work
media-propose_public = Put on the public site →
media-edit = Edit the work
media-cancel = Cancel, back to the work
media-kind = Kind
media-stage = Stage
media-unit = Unit
media-plan = Plan
media-item = Plan item
media-item_hint = Once published, the work counts toward this item's targets (clips, minutes of documentary, magazine pages…).
media-event = Event
media-contract = Contract
media-contract_id = Contract id (if any)
media-name = Title
media-name_en = English title
media-summary = Summary
media-summary_en = English summary
media-specs = Specifications
media-duration = Duration
media-duration_hint = Minutes:seconds, e.g. 14:30, or minutes, e.g. 14. Required for clips and documentaries before they are published.
media-pages = Pages
media-pages_count = { $count ->
    [one] { $n } page
   *[other] { $n } pages
}
media-languages = Languages
media-print_run = Print run
media-format = Format
media-format_hint = E.g. MP4 1080p; A4, 40 colour pages
media-measure = Duration, pages
media-published_on = Published on
media-all = All
media-none_choice = — None —
media-filter = Filter
media-none = No work matches the filters.
media-clear_filters = Clear the filters
media-none_yet = No media work yet.
media-none_next = The clips, documentaries, magazine features and printed materials the plan commissions are followed here, from brief to publication:
media-none_next_other = Units record their media works here; your unit's works will show once added.
media-count = { $count ->
    [one] { $n } work
   *[other] { $n } works
}
media-save = Save
media-stages = Stages
media-stage_plan_hint = Who carries each stage and by when (optional).
media-owner = Owner
media-due = Due
media-due_of = Due date of the { $stage } stage
media-overdue = Overdue
media-move_next = Move to “{ $stage }”
media-move_back = Back to “{ $stage }”
media-approve_hint = Approval is the Board's decision.
media-publish_needs_duration = Enter the duration before publishing:
media-publish_needs_pages = Enter the pages before publishing:
media-counted_hint = A published work counts toward the targets of its plan item.
media-confirm_uncount = I understand: moving the work back takes it out of the target counts.
media-confirm_uncount_needed = Moving to “{ $to }” takes the work out of the target counts: tick the confirmation and press again.
media-files = Files
media-no_files = No file yet.
media-upload_stage = Stage of the files
media-pick_files = Files (several at once)
media-upload_hint = JPG, PNG and WebP photos get thumbnails; videos, PDFs and other files are kept as they are. At most 10 files at a time.
media-upload = Upload
media-pick_kind = Choose the kind of work.
media-pick_unit = Choose the unit making the work.
media-pick_item = The plan item chosen does not read: choose it again from the list.
media-pick_event = The event chosen does not read: choose it again from the list.
media-bad_contract = A contract id is a positive whole number (see the item's budget page), or leave it empty.
media-pick_stage = Choose a stage from the list.
media-pick_file = Choose at least one file to upload.
media-too_many_files = At most 10 files can be uploaded at a time: send them in several goes.
media-notice_created = The work is added. Upload its brief or script when you have it.
media-notice_saved = Changes saved.
media-notice_moved = The stage is changed.
media-notice_uploaded = The files are uploaded.
media-section = Media works
media-add_for_item = Add a media work for this item
media-event_section = Media works of the event

## The public site (issue 18)
refusal-publish-forbidden = You may not do this to the publication.
refusal-publish-transition = A publication cannot move from “{ $from }” to “{ $to }”.
refusal-publish-title_required = Enter the title (or name) in Vietnamese.
refusal-publish-too_long = A text is longer than { $max } characters: shorten it.
refusal-publish-outside_hanoi = The point { $lat }, { $lon } is not in Hà Nội: check the latitude (about 20.5–21.4) and longitude (about 105.3–106.0); they may be swapped.
refusal-publish-bad_link = The link “{ $value }” is not an http(s) address: paste it whole, e.g. https://…
refusal-publish-bad_embargo = Cannot read the time “{ $value }”: use dd/mm/yyyy HH:MM.
refusal-publish-not_ready = This { $kind } cannot be published yet: a work must be at “published”, an event not cancelled.
refusal-publish-unknown_subject = The { $kind } to publish was not found: choose again.
refusal-publish-already_proposed = This { $kind } already has a publication: open it under Publishing.
