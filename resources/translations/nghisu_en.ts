<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AgendaItemDialog</name>
    <message>
        <source>Thêm mục con vào “{title}”</source>
        <translation>Add a sub-item to “{title}”</translation>
    </message>
    <message>
        <source>Thêm mục chương trình</source>
        <translation>Add an agenda item</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Nội dung:</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>Người trình bày:</source>
        <translation>Presenter:</translation>
    </message>
    <message>
        <source>Thời lượng dự kiến:</source>
        <translation>Planned time:</translation>
    </message>
    <message>
        <source>Ghi chú:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>Mục</source>
        <extracomment>item id, new parent id (None: top level), index among the new siblings (None: at the end) item id the files were dropped on, list of paths</extracomment>
        <translation>Item</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Người trình bày</source>
        <translation>Presenter</translation>
    </message>
    <message>
        <source>Phút</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Lũy kế</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Tài liệu</source>
        <translation>Documents</translation>
    </message>
</context>
<context>
    <name>AgendaTab</name>
    <message>
        <source>Thêm mục</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>Thêm mục con</source>
        <translation>Add sub-item</translation>
    </message>
    <message>
        <source>Xóa mục</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <source>Chuyển lên</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Chuyển xuống</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Đính kèm PDF…</source>
        <translation>Attach PDF…</translation>
    </message>
    <message>
        <source>Chọn tệp PDF đính kèm vào mục đang chọn (Ctrl+O); cũng có thể kéo tệp từ thư mục thả vào mục</source>
        <translation>Choose PDF files to attach to the selected item (Ctrl+O); you can also drag files from a folder onto an item</translation>
    </message>
    <message>
        <source>Kéo một mục để đổi thứ tự; thả lên một mục khác để thành mục con. Kéo tệp PDF từ thư mục thả vào một mục để đính kèm.</source>
        <translation>Drag an item to change the order; drop it onto another item to make it a sub-item. Drag PDF files from a folder onto an item to attach them.</translation>
    </message>
    <message>
        <source>Mục đang chọn</source>
        <translation>Selected item</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lưu thay đổi</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Mục số:</source>
        <translation>Item number:</translation>
    </message>
    <message>
        <source>Nội dung:</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>Người trình bày:</source>
        <translation>Presenter:</translation>
    </message>
    <message>
        <source>Thời lượng:</source>
        <translation>Planned time:</translation>
    </message>
    <message>
        <source>Ghi chú:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>Tổng thời lượng dự kiến: {n} phút ({h} giờ {m} phút) — bắt đầu {start}, dự kiến xong lúc {end}</source>
        <translation>Total planned time: {n} min ({h} h {m} min) — starts {start}, expected to end at {end}</translation>
    </message>
    <message>
        <source>Chọn một mục trong chương trình để sửa.</source>
        <translation>Choose an agenda item to edit it.</translation>
    </message>
    <message>
        <source>Có thay đổi chưa lưu.</source>
        <translation>There are unsaved changes.</translation>
    </message>
    <message>
        <source>Mục {n} có thay đổi chưa lưu: bấm “Lưu thay đổi” hoặc “Hoàn tác” trước khi sửa mục khác.</source>
        <translation>Item {n} has unsaved changes: press “Save changes” or “Undo” before editing another item.</translation>
    </message>
    <message>
        <source>Mục đang sửa đã bị xóa ở máy khác.</source>
        <translation>The item you were editing was removed on another computer.</translation>
    </message>
    <message>
        <source>Đã tải bản mới nhất; nội dung bạn đã gõ vẫn được giữ. Bấm “Lưu thay đổi” để áp dụng.</source>
        <translation>The newest version is loaded; what you typed is kept. Press “Save changes” to apply it.</translation>
    </message>
    <message>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Chọn mục cha trước khi thêm mục con.</source>
        <translation>Choose the parent item before adding a sub-item.</translation>
    </message>
    <message>
        <source> và {n} mục con</source>
        <translation> and its {n} sub-items</translation>
    </message>
    <message>
        <source>Xóa mục chương trình</source>
        <translation>Remove agenda item</translation>
    </message>
    <message>
        <source>Xóa mục {n} “{title}”{extra}? Các mục sau sẽ được đánh số lại.</source>
        <translation>Remove item {n} “{title}”{extra}? The items after it will be renumbered.</translation>
    </message>
    <message>
        <source>Chọn mục chương trình cần đính kèm tài liệu trước.</source>
        <translation>First choose the agenda item to attach documents to.</translation>
    </message>
    <message>
        <source>Chọn tệp PDF cho mục {n}</source>
        <translation>Choose PDF files for item {n}</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>BookTab</name>
    <message>
        <source>Tập tài liệu gộp toàn bộ cuộc họp vào một tệp PDF: trang bìa, chương trình, rồi tài liệu của từng mục theo thứ tự, có mục lục và số trang.</source>
        <translation>The meeting book puts the whole meeting into one PDF: cover, agenda, then each item's documents in order, with bookmarks and page numbers.</translation>
    </message>
    <message>
        <source>Tạo tập tài liệu</source>
        <translation>Make the meeting book</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Chưa tạo tập tài liệu.</source>
        <translation>No meeting book made yet.</translation>
    </message>
    <message>
        <source>Mở tập tài liệu</source>
        <translation>Open the book</translation>
    </message>
    <message>
        <source>Lưu bản sao…</source>
        <translation>Save a copy…</translation>
    </message>
    <message>
        <source>Phát hành cuộc họp…</source>
        <translation>Publish the meeting…</translation>
    </message>
    <message>
        <source>Đang tạo tập tài liệu…</source>
        <translation>Making the meeting book…</translation>
    </message>
    <message>
        <source>Đang hủy…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Đã tạo tập tài liệu: {pages} trang, {docs} tài liệu, {size:.1f} MB.</source>
        <translation>Meeting book made: {pages} pages, {docs} documents, {size:.1f} MB.</translation>
    </message>
    <message>
        <source>Đã hủy; chưa có tệp nào được ghi.</source>
        <translation>Cancelled; no file was written.</translation>
    </message>
    <message>
        <source>Không tạo được tập tài liệu.</source>
        <translation>The meeting book could not be made.</translation>
    </message>
    <message>
        <source>Tập tài liệu — {title}</source>
        <translation>Meeting book — {title}</translation>
    </message>
    <message>
        <source>Lưu bản sao tập tài liệu</source>
        <translation>Save a copy of the meeting book</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>CertificateList</name>
    <message>
        <source>Không thực hiện được: {detail}</source>
        <translation>Could not be done: {detail}</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư số</source>
        <translation>Choose a certificate file</translation>
    </message>
    <message>
        <source>Mật khẩu chứng thư số</source>
        <translation>Certificate password</translation>
    </message>
    <message>
        <source>Mật khẩu của “{name}”:</source>
        <translation>Password of “{name}”:</translation>
    </message>
    <message>
        <source>Hãy chọn “Tôi là” trước khi thêm chứng thư số.</source>
        <translation>Choose “I am” before adding a certificate.</translation>
    </message>
    <message>
        <source>Đã đăng ký chứng thư “{name}” cho người dùng đã chọn.</source>
        <translation>Certificate “{name}” registered to the chosen person.</translation>
    </message>
</context>
<context>
    <name>ConflictBar</name>
    <message>
        <source>Tải lại</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Ẩn thông báo</source>
        <translation>Hide this message</translation>
    </message>
    <message>
        <source>Người khác</source>
        <translation>Someone else</translation>
    </message>
    <message>
        <source>{who} đã {what} lúc {when}.</source>
        <translation>{who}: {what} at {when}.</translation>
    </message>
    <message>
        <source>(và {n} thay đổi khác)</source>
        <translation>(and {n} other changes)</translation>
    </message>
    <message>
        <source>Bấm “Tải lại” để xem bản mới nhất.</source>
        <translation>Press “Reload” to see the newest version.</translation>
    </message>
    <message>
        <source>{who} đã lưu trước bạn lúc {when}; thay đổi của bạn chưa được lưu. Nội dung bạn đã gõ vẫn còn trong ô soạn: bấm “Tải lại” rồi “Lưu” lại.</source>
        <translation>{who} saved before you at {when}; your change was not saved. What you typed is still in the editor: press “Reload”, then save again.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Đã lưu thiết lập. Kho dữ liệu mới có hiệu lực khi mở lại chương trình.</source>
        <translation>Set-up saved. A new store is used from the next start.</translation>
    </message>
    <message>
        <source>Trợ lý thiết lập…</source>
        <translation>Set-up assistant…</translation>
    </message>
    <message>
        <source>Lịch họp</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>Lịch họp theo ngày, tuần, tháng của mọi đơn vị; tìm cuộc họp</source>
        <translation>Meetings of every unit by day, week or month; find a meeting</translation>
    </message>
    <message>
        <source>&amp;Trợ giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Giới thiệu Nghị Sự</source>
        <translation>About Nghị Sự</translation>
    </message>
    <message>
        <source>Nghị Sự — Họp không giấy</source>
        <translation>Nghị Sự — Paperless meetings</translation>
    </message>
    <message>
        <source>Đang mở kho dữ liệu…</source>
        <translation>Opening the store…</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Lọc theo tên, ngày hoặc trạng thái…</source>
        <translation>Filter by title, date or status…</translation>
    </message>
    <message>
        <source>Cuộc họp mới</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <source>Mở cuộc họp</source>
        <translation>Open meeting</translation>
    </message>
    <message>
        <source>Danh sách cuộc họp</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Tìm trong mọi tài liệu (có dấu hoặc không dấu)…</source>
        <translation>Search every document (with or without diacritics)…</translation>
    </message>
    <message>
        <source>Tạo cuộc họp mới cho đơn vị đang chọn</source>
        <translation>Create a meeting for the selected unit</translation>
    </message>
    <message>
        <source>Tìm</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Tìm trong mọi tài liệu</source>
        <translation>Search every document</translation>
    </message>
    <message>
        <source>Đính kèm PDF</source>
        <translation>Attach PDF</translation>
    </message>
    <message>
        <source>Đính kèm tệp PDF vào mục chương trình đang chọn</source>
        <translation>Attach PDF files to the selected agenda item</translation>
    </message>
    <message>
        <source>Tạo tập tài liệu</source>
        <translation>Make the meeting book</translation>
    </message>
    <message>
        <source>Tải lại</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Xem</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Chưa mở được kho dữ liệu — xem Cài đặt</source>
        <translation>The store could not be opened — see Settings</translation>
    </message>
    <message>
        <source>Kho: {where}</source>
        <translation>Store: {where}</translation>
    </message>
    <message>
        <source>Chưa chọn người dùng (Cài đặt)</source>
        <translation>No user chosen (Settings)</translation>
    </message>
    <message>
        <source>Người dùng: {name}</source>
        <translation>User: {name}</translation>
    </message>
    <message>
        <source>Người dùng không còn trong danh bạ</source>
        <translation>The user is no longer in the directory</translation>
    </message>
    <message>
        <source>Đơn vị này chưa có cuộc họp nào. Bấm “Cuộc họp mới” (Ctrl+N) để tạo.</source>
        <translation>This unit has no meetings yet. Press “New meeting” (Ctrl+N) to create one.</translation>
    </message>
    <message>
        <source>Cuộc họp</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Chọn đơn vị chủ trì ở cột bên trái trước.</source>
        <translation>First choose the host unit in the left column.</translation>
    </message>
    <message>
        <source>Mở một cuộc họp, chọn mục chương trình rồi đính kèm tệp PDF.</source>
        <translation>Open a meeting, choose an agenda item, then attach PDF files.</translation>
    </message>
    <message>
        <source>Mở một cuộc họp trước khi tạo tập tài liệu.</source>
        <translation>Open a meeting before making its book.</translation>
    </message>
    <message>
        <source>Kết quả tìm kiếm “{q}”: {n} trang</source>
        <translation>Search results for “{q}”: {n} pages</translation>
    </message>
    <message>
        <source>Trình xem PDF</source>
        <translation>PDF viewer</translation>
    </message>
    <message>
        <source>Trình xem PDF chưa có trong bản cài đặt này.</source>
        <translation>The PDF viewer is not part of this installation.</translation>
    </message>
    <message>
        <source>Đã có lỗi không mong đợi; thao tác chưa hoàn thành. Hãy thử lại; nếu lỗi lặp lại, báo cho bộ phận kỹ thuật (chi tiết đã được ghi vào nhật ký).</source>
        <translation>Something unexpected went wrong; the action was not completed. Try again; if it happens again, tell technical support (the details were written to the log).</translation>
    </message>
    <message>
        <source>Không thực hiện được</source>
        <translation>Could not do that</translation>
    </message>
    <message>
        <source>Đang làm việc…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Đã lưu cài đặt. Kho dữ liệu và ngôn ngữ mới có hiệu lực khi mở lại chương trình.</source>
        <translation>Settings saved. A new store or language takes effect when the program is opened again.</translation>
    </message>
</context>
<context>
    <name>MaterialsModel</name>
    <message>
        <source>(chưa xếp mục)</source>
        <translation>(no item)</translation>
    </message>
    <message>
        <source>đã thu hồi</source>
        <translation>recalled</translation>
    </message>
    <message>
        <source>chưa gửi</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>{opened}/{delivered} đã mở</source>
        <translation>{opened}/{delivered} opened</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Tên tài liệu</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Số, ký hiệu</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Độ mật</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Phiên bản</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Lưu hành</source>
        <translation>Circulation</translation>
    </message>
</context>
<context>
    <name>MaterialsTab</name>
    <message>
        <source>Mở để đọc</source>
        <translation>Open to read</translation>
    </message>
    <message>
        <source>Thay phiên bản mới…</source>
        <translation>Replace with a new version…</translation>
    </message>
    <message>
        <source>Đính kèm tài liệu ở thẻ Chương trình: chọn mục rồi bấm “Đính kèm PDF…”, hoặc kéo tệp PDF thả vào mục. “Lưu hành” cho biết bao nhiêu người nhận đã mở tài liệu.</source>
        <translation>Attach documents on the Agenda tab: choose an item and press “Attach PDF…”, or drop PDF files onto the item. “Circulation” says how many recipients opened each document.</translation>
    </message>
    <message>
        <source>{n} tài liệu, {p} trang</source>
        <translation>{n} documents, {p} pages</translation>
    </message>
    <message>
        <source>Chọn một tài liệu trong danh sách trước.</source>
        <translation>First choose a document in the list.</translation>
    </message>
    <message>
        <source>Chọn phiên bản mới của “{title}”</source>
        <translation>Choose the new version of “{title}”</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Đã thay “{title}” bằng phiên bản {v}.</source>
        <translation>“{title}” replaced by version {v}.</translation>
    </message>
</context>
<context>
    <name>MeetingTableModel</name>
    <message>
        <source>Ngày họp</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tên cuộc họp</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Điểm cầu</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>Tài liệu</source>
        <translation>Documents</translation>
    </message>
</context>
<context>
    <name>MeetingWorkspace</name>
    <message>
        <source>Đang tải cuộc họp…</source>
        <translation>Loading the meeting…</translation>
    </message>
    <message>
        <source>{unit} · Họp {kind} · {when} · {place}</source>
        <translation>{unit} · {kind} meeting · {when} · {place}</translation>
    </message>
    <message>
        <source>(chưa có địa điểm)</source>
        <translation>(no place yet)</translation>
    </message>
    <message>
        <source>Xem điều sẽ xảy ra rồi xác nhận</source>
        <translation>See what will happen, then confirm</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cuộc họp đã chuyển sang “{s}”.</source>
        <translation>The meeting is now “{s}”.</translation>
    </message>
    <message>
        <source>Đã đính kèm {n} tệp.</source>
        <translation>{n} files attached.</translation>
    </message>
    <message>
        <source>Đã dừng theo yêu cầu; các tệp còn lại chưa được nhập.</source>
        <translation>Stopped as asked; the remaining files were not imported.</translation>
    </message>
</context>
<context>
    <name>NewMeetingDialog</name>
    <message>
        <source>Cuộc họp mới — {unit}</source>
        <translation>New meeting — {unit}</translation>
    </message>
    <message>
        <source>Ví dụ: Phiên họp UBND thường kỳ tháng 1 năm 2027</source>
        <translation>For example: Regular People's Committee meeting, January 2027</translation>
    </message>
    <message>
        <source>Phòng họp, địa chỉ</source>
        <translation>Meeting room, address</translation>
    </message>
    <message>
        <source>Tên cuộc họp:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>Hình thức:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Bắt đầu:</source>
        <translation>Starts:</translation>
    </message>
    <message>
        <source>Kết thúc:</source>
        <translation>Ends:</translation>
    </message>
    <message>
        <source>Địa điểm:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>Tạo cuộc họp</source>
        <translation>Create meeting</translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <source>Mời đại biểu</source>
        <translation>Invite a participant</translation>
    </message>
    <message>
        <source>Hội trường chính ({host})</source>
        <translation>Main hall ({host})</translation>
    </message>
    <message>
        <source>Đại biểu:</source>
        <translation>Participant:</translation>
    </message>
    <message>
        <source>Vai trò:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Dự tại:</source>
        <translation>Attends from:</translation>
    </message>
    <message>
        <source>Mời</source>
        <translation>Invite</translation>
    </message>
</context>
<context>
    <name>ParticipantsModel</name>
    <message>
        <source>Hội trường chính ({host})</source>
        <translation>Main hall ({host})</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Chức vụ</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Dự tại</source>
        <translation>Attends from</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Giao lại việc của người đã thôi nhiệm vụ</source>
        <translation>Reassign the work of someone who left</translation>
    </message>
    <message>
        <source>Việc của</source>
        <translation>Work of</translation>
    </message>
    <message>
        <source>Giao cho</source>
        <translation>Give to</translation>
    </message>
</context>
<context>
    <name>RequestSignaturesDialog</name>
    <message>
        <source>Yêu cầu ký số</source>
        <translation>Request signatures</translation>
    </message>
    <message>
        <source>Chọn người ký “{title}” theo thứ tự ký: người thứ nhất ký trước, người sau ký khi người trước đã ký.</source>
        <translation>Choose who signs “{title}”, in signing order: the first signs first, each next one after the previous has signed.</translation>
    </message>
    <message>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Bỏ</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Lên</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Xuống</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>Thành phần dự họp:</source>
        <translation>Participants:</translation>
    </message>
    <message>
        <source>Người ký, theo thứ tự:</source>
        <translation>Signers, in order:</translation>
    </message>
    <message>
        <source>Chữ ký thứ nhất chứng nhận tài liệu (sau đó chỉ được ký tiếp, không được sửa nội dung)</source>
        <translation>The first signature certifies the document (afterwards only signatures may be added, no content changes)</translation>
    </message>
    <message>
        <source>Ví dụ: Xác nhận biên bản phiên họp</source>
        <translation>For example: Confirming the meeting minutes</translation>
    </message>
    <message>
        <source>Lý do ký:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Tạo yêu cầu ký</source>
        <translation>Create the request</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SearchHitsModel</name>
    <message>
        <source>Tài liệu</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Đoạn có từ khóa</source>
        <translation>Passage</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Kho dữ liệu</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>Tự động (biến môi trường hoặc thư mục mặc định trên máy này)</source>
        <translation>Automatic (environment variables or the default folder on this computer)</translation>
    </message>
    <message>
        <source>Thư mục trên máy này</source>
        <translation>A folder on this computer</translation>
    </message>
    <message>
        <source>Kho dùng chung PostgreSQL</source>
        <translation>A shared PostgreSQL store</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Kiểm tra kết nối</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Người dùng và chữ ký số</source>
        <translation>User and digital signatures</translation>
    </message>
    <message>
        <source>(chưa chọn)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Tôi là:</source>
        <translation>I am:</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư số</source>
        <translation>Choose certificate files</translation>
    </message>
    <message>
        <source>Chứng thư số của tôi:</source>
        <translation>My certificates:</translation>
    </message>
    <message>
        <source>Thư viện USB ký số (PKCS#11):</source>
        <translation>Signing token library (PKCS#11):</translation>
    </message>
    <message>
        <source>Chứng thư gốc (*.pem *.crt *.cer *.der)</source>
        <translation>Root certificates (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Chọn chứng thư gốc tin cậy</source>
        <translation>Choose trusted root certificates</translation>
    </message>
    <message>
        <source>Chứng thư gốc tin cậy:</source>
        <translation>Trusted roots:</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện (có hiệu lực khi mở lại):</source>
        <translation>Interface language (takes effect on restart):</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Chọn thư mục kho dữ liệu</source>
        <translation>Choose the store folder</translation>
    </message>
    <message>
        <source>Chọn thư viện PKCS#11</source>
        <translation>Choose the PKCS#11 library</translation>
    </message>
    <message>
        <source>Đang kết nối…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Kết nối được; kho có {n} đơn vị.</source>
        <translation>Connected; the store has {n} units.</translation>
    </message>
    <message>
        <source>Không kết nối được: {detail}</source>
        <translation>Could not connect: {detail}</translation>
    </message>
    <message>
        <source>Không kết nối được.</source>
        <translation>Could not connect.</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Ký số tài liệu</source>
        <translation>Sign the document</translation>
    </message>
    <message>
        <source>Ký “{title}” với tư cách &lt;b&gt;{signer}&lt;/b&gt;.</source>
        <translation>Sign “{title}” as &lt;b&gt;{signer}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Tệp chứng thư số (.p12, .pfx)</source>
        <translation>Certificate file (.p12, .pfx)</translation>
    </message>
    <message>
        <source>USB ký số (token PKCS#11)</source>
        <translation>USB signing token (PKCS#11)</translation>
    </message>
    <message>
        <source>Đường dẫn tệp .p12 của bạn</source>
        <translation>Path of your .p12 file</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Tệp:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Thư viện PKCS#11:</source>
        <translation>PKCS#11 library:</translation>
    </message>
    <message>
        <source>Tên token:</source>
        <translation>Token label:</translation>
    </message>
    <message>
        <source>Tên khóa trên token:</source>
        <translation>Key label on the token:</translation>
    </message>
    <message>
        <source>Mã PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>Mật khẩu và mã PIN chỉ dùng cho lần ký này, không được lưu lại.</source>
        <translation>The password and PIN are used for this signature only and are never saved.</translation>
    </message>
    <message>
        <source>Ký</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư số</source>
        <translation>Choose a certificate file</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
</context>
<context>
    <name>SignerSlotsModel</name>
    <message>
        <source>đã ký</source>
        <translation>signed</translation>
    </message>
    <message>
        <source>đến lượt bạn</source>
        <translation>your turn</translation>
    </message>
    <message>
        <source>đến lượt</source>
        <translation>their turn</translation>
    </message>
    <message>
        <source>đã hủy</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>chờ người trước</source>
        <translation>waiting for the previous signer</translation>
    </message>
    <message>
        <source>Thứ tự</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Người ký</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Chức vụ</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ký lúc</source>
        <translation>Signed at</translation>
    </message>
</context>
<context>
    <name>SigningDocumentsModel</name>
    <message>
        <source>chưa có yêu cầu ký</source>
        <translation>no signing request</translation>
    </message>
    <message>
        <source>đủ chữ ký ({done}/{total})</source>
        <translation>fully signed ({done}/{total})</translation>
    </message>
    <message>
        <source>đang ký ({done}/{total})</source>
        <translation>signing ({done}/{total})</translation>
    </message>
    <message>
        <source>Bạn ({name})</source>
        <translation>You ({name})</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Tài liệu</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Phiên bản</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Yêu cầu ký</source>
        <translation>Signing request</translation>
    </message>
    <message>
        <source>Đến lượt ký</source>
        <translation>Whose turn</translation>
    </message>
    <message>
        <source>Chữ ký số</source>
        <translation>Signatures</translation>
    </message>
</context>
<context>
    <name>SigningTab</name>
    <message>
        <source>Yêu cầu ký…</source>
        <translation>Request signatures…</translation>
    </message>
    <message>
        <source>Chọn người ký tài liệu đang chọn, theo thứ tự ký</source>
        <translation>Choose who signs the selected document, in signing order</translation>
    </message>
    <message>
        <source>Ký…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <source>Ký số tài liệu đang chọn khi đến lượt bạn (Ctrl+K)</source>
        <translation>Sign the selected document when it is your turn (Ctrl+K)</translation>
    </message>
    <message>
        <source>Kiểm tra chữ ký</source>
        <translation>Verify signatures</translation>
    </message>
    <message>
        <source>Kiểm tra lại mọi chữ ký của phiên bản hiện tại</source>
        <translation>Verify every signature of the current version again</translation>
    </message>
    <message>
        <source>Mở tài liệu</source>
        <translation>Open document</translation>
    </message>
    <message>
        <source>Mở tài liệu trong trình xem, kèm bảng chữ ký</source>
        <translation>Open the document in the viewer, with the signature panel</translation>
    </message>
    <message>
        <source>Ký lại trên phiên bản mới…</source>
        <translation>Sign the new version…</translation>
    </message>
    <message>
        <source>Ẩn thông báo</source>
        <translation>Hide this message</translation>
    </message>
    <message>
        <source>Chọn một tài liệu ở bảng trên.</source>
        <translation>Choose a document in the table above.</translation>
    </message>
    <message>
        <source>Yêu cầu ký số {id}, tạo lúc {when}.</source>
        <translation>Signing request {id}, made at {when}.</translation>
    </message>
    <message>
        <source>Lý do: {reason}.</source>
        <translation>Reason: {reason}.</translation>
    </message>
    <message>
        <source>Chữ ký thứ nhất chứng nhận tài liệu.</source>
        <translation>The first signature certifies the document.</translation>
    </message>
    <message>
        <source>Tài liệu đã có chữ ký số nhưng không có yêu cầu ký trong chương trình.</source>
        <translation>The document carries digital signatures but no signing request was made in the app.</translation>
    </message>
    <message>
        <source>Tài liệu chưa có yêu cầu ký. Bấm “Yêu cầu ký…” để chọn người ký theo thứ tự.</source>
        <translation>The document has no signing request. Press “Request signatures…” to choose the signers in order.</translation>
    </message>
    <message>
        <source>Đã đủ chữ ký.</source>
        <translation>All signatures are given.</translation>
    </message>
    <message>
        <source>Yêu cầu ký này đã bị hủy.</source>
        <translation>This signing request was cancelled.</translation>
    </message>
    <message>
        <source>Chưa chọn “Tôi là” trong Cài đặt nên chưa ký được.</source>
        <translation>“I am” is not set in Settings, so you cannot sign yet.</translation>
    </message>
    <message>
        <source>Đến lượt bạn ký. Bấm “Ký…” (Ctrl+K).</source>
        <translation>It is your turn to sign. Press “Sign…” (Ctrl+K).</translation>
    </message>
    <message>
        <source>Đang chờ {name} ký (người ký thứ {n}).</source>
        <translation>Waiting for {name} to sign (signer {n}).</translation>
    </message>
    <message>
        <source>Bạn ký sau, ở lượt thứ {n}.</source>
        <translation>You sign later, as signer {n}.</translation>
    </message>
    <message>
        <source>Chọn một tài liệu trong danh sách trước.</source>
        <translation>Choose a document in the list first.</translation>
    </message>
    <message>
        <source>Đã tạo yêu cầu ký: {names}.</source>
        <translation>Signing request made: {names}.</translation>
    </message>
    <message>
        <source>Đang mở khóa ký…</source>
        <translation>Opening the signing key…</translation>
    </message>
    <message>
        <source>Đang ký số và lưu phiên bản mới…</source>
        <translation>Signing and storing the new version…</translation>
    </message>
    <message>
        <source>Đã ký “{title}” (phiên bản {v}); đang kiểm tra chữ ký.</source>
        <translation>Signed “{title}” (version {v}); verifying the signatures.</translation>
    </message>
    <message>
        <source>Tài liệu vừa có phiên bản mới; chữ ký của bạn chưa được lưu. Danh sách đã được tải lại: bạn có thể ký trên phiên bản mới.</source>
        <translation>The document just got a new version; your signature was not stored. The list was reloaded: you can sign the new version.</translation>
    </message>
</context>
<context>
    <name>SiteTreeModel</name>
    <message>
        <source>Đơn vị cấp dưới (đánh dấu để kết nối điểm cầu)</source>
        <translation>Units below (tick to connect as a site)</translation>
    </message>
</context>
<context>
    <name>SitesTab</name>
    <message>
        <source>Điểm cầu</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>Đánh dấu các đơn vị cấp dưới tham dự qua điểm cầu trực tuyến.</source>
        <translation>Tick the units below that join through an online site.</translation>
    </message>
    <message>
        <source>Mời đại biểu…</source>
        <translation>Invite…</translation>
    </message>
    <message>
        <source>Bỏ khỏi thành phần</source>
        <translation>Remove from participants</translation>
    </message>
    <message>
        <source>Thành phần dự họp</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>{n} điểm cầu tham dự</source>
        <translation>{n} sites taking part</translation>
    </message>
    <message>
        <source>Chọn một đại biểu trong danh sách trước.</source>
        <translation>First choose a participant in the list.</translation>
    </message>
</context>
<context>
    <name>TrustRootsBox</name>
    <message>
        <source>Thêm tệp…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>Bỏ</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Thay đổi có hiệu lực ngay cho mọi máy dùng chung kho dữ liệu.</source>
        <translation>Changes take effect at once for every computer sharing the store.</translation>
    </message>
    <message>
        <source>Chưa mở kho dữ liệu: danh sách chứng thư gốc nằm trong kho.</source>
        <translation>No store is open: the list of trusted roots is kept in the store.</translation>
    </message>
    <message>
        <source>{name}
hết hạn {date} · SHA-256 {sha}…</source>
        <translation>{name}
expires {date} · SHA-256 {sha}…</translation>
    </message>
    <message>
        <source>Chọn chứng thư gốc tin cậy</source>
        <translation>Choose a trusted root certificate</translation>
    </message>
    <message>
        <source>Chứng thư gốc (*.pem *.crt *.cer *.der)</source>
        <translation>Root certificates (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Đã thêm {n} chứng thư gốc; {m} chứng thư đã có sẵn.</source>
        <translation>Added {n} root certificate(s); {m} were already trusted.</translation>
    </message>
    <message>
        <source>Bỏ chứng thư gốc</source>
        <translation>Remove root certificate</translation>
    </message>
    <message>
        <source>Không tin cậy “{name}” nữa? Chữ ký chỉ dựa vào chứng thư này sẽ thành “không kiểm tra được” ở các lần kiểm tra sau.</source>
        <translation>Stop trusting “{name}”? Signatures that rely only on it will read “cannot verify” from the next verification on.</translation>
    </message>
    <message>
        <source>Đã bỏ “{name}”.</source>
        <translation>Removed “{name}”.</translation>
    </message>
</context>
<context>
    <name>UnitTreeModel</name>
    <message>
        <source>{name} (cấp {level}): {n} cuộc họp sắp tới</source>
        <translation>{name} ({level}): {n} upcoming meetings</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Sắp họp</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>kết thúc hoạt động từ {day}</source>
        <translation>ended on {day}</translation>
    </message>
</context>
<context>
    <name>VerificationBadge</name>
    <message>
        <source>Hợp lệ</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Không hợp lệ</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>Không kiểm tra được</source>
        <translation>Cannot verify</translation>
    </message>
    <message>
        <source>Chưa ký</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>Chưa kiểm tra</source>
        <translation>Not verified yet</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Mọi chữ ký đều hợp lệ: tài liệu không bị sửa sau khi ký và người ký đúng danh sách.</source>
        <translation>Every signature is valid: the document was not changed after signing and the signers match the list.</translation>
    </message>
    <message>
        <source>Có chữ ký không hợp lệ: không dùng bản này như bản đã ký; xem lý do bên dưới.</source>
        <translation>A signature is invalid: do not use this copy as the signed one; see the reasons below.</translation>
    </message>
    <message>
        <source>Không kiểm tra được chữ ký: chưa thể nói tài liệu còn nguyên vẹn; xem lý do bên dưới.</source>
        <translation>The signatures cannot be verified: it cannot be said that the document is intact; see the reasons below.</translation>
    </message>
    <message>
        <source>Phiên bản hiện tại không có chữ ký số.</source>
        <translation>The current version carries no digital signature.</translation>
    </message>
    <message>
        <source>Xem báo cáo kiểm tra chữ ký</source>
        <translation>See the signature verification report</translation>
    </message>
    <message>
        <source>Phiên bản {v} · kiểm tra lúc {when}</source>
        <translation>Version {v} · verified at {when}</translation>
    </message>
    <message>
        <source>Tài liệu không có yêu cầu ký nên không đối chiếu được người ký với danh sách người ký.</source>
        <translation>The document has no signing request, so the signers could not be checked against a list of signers.</translation>
    </message>
    <message>
        <source>Dấu thời gian</source>
        <translation>Timestamp</translation>
    </message>
    <message>
        <source>Chữ ký</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>(không rõ người ký)</source>
        <translation>(unknown signer)</translation>
    </message>
    <message>
        <source>Ký lúc {time} (giờ Việt Nam)</source>
        <translation>Signed at {time} (Vietnam time)</translation>
    </message>
    <message>
        <source>Ô ký: {field}</source>
        <translation>Field: {field}</translation>
    </message>
</context>
<context>
    <name>VerificationReportDialog</name>
    <message>
        <source>Kết quả kiểm tra chữ ký số</source>
        <translation>Signature verification report</translation>
    </message>
    <message>
        <source>Báo cáo này được lưu cùng tài liệu. Kiểm tra lại sau khi thay đổi danh sách chứng thư gốc tin cậy.</source>
        <translation>This report is stored with the document. Verify again after changing the trusted root certificates.</translation>
    </message>
    <message>
        <source>Mở tài liệu</source>
        <translation>Open document</translation>
    </message>
    <message>
        <source>Kiểm tra lại</source>
        <translation>Verify again</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>_PathList</name>
    <message>
        <source>Thêm tệp…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Bỏ</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>attach</name>
    <message>
        <source>Đang nhập {n} tệp PDF…</source>
        <translation>Importing {n} PDF files…</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đính kèm tài liệu</source>
        <translation>Attach documents</translation>
    </message>
    <message>
        <source>Đang nhập tệp {i}/{total}: {name}</source>
        <translation>Importing file {i}/{total}: {name}</translation>
    </message>
</context>
<context>
    <name>conflicts</name>
    <message>
        <source>thêm mục chương trình</source>
        <extracomment>How the bar names what changed, by audit action (prefix match, first wins).</extracomment>
        <translation>added an agenda item</translation>
    </message>
    <message>
        <source>sửa mục chương trình</source>
        <translation>edited an agenda item</translation>
    </message>
    <message>
        <source>xóa mục chương trình</source>
        <translation>removed an agenda item</translation>
    </message>
    <message>
        <source>chuyển mục chương trình</source>
        <translation>moved an agenda item</translation>
    </message>
    <message>
        <source>sửa chương trình</source>
        <translation>changed the agenda</translation>
    </message>
    <message>
        <source>sửa thông tin cuộc họp</source>
        <translation>edited the meeting's details</translation>
    </message>
    <message>
        <source>thay đổi điểm cầu</source>
        <translation>changed the sites</translation>
    </message>
    <message>
        <source>thay đổi thành phần dự họp</source>
        <translation>changed the participants</translation>
    </message>
    <message>
        <source>chuyển trạng thái cuộc họp</source>
        <translation>changed the meeting's status</translation>
    </message>
    <message>
        <source>thay đổi tài liệu</source>
        <translation>changed a document</translation>
    </message>
    <message>
        <source>thay đổi cuộc họp</source>
        <translation>changed the meeting</translation>
    </message>
</context>
<context>
    <name>counters</name>
    <message>
        <source>Chờ ký</source>
        <extracomment>The signing workflow replaces the function of "signatures_waiting" when its API lands.</extracomment>
        <translation>To sign</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>dự thảo</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>đã phát hành</source>
        <translation>published</translation>
    </message>
    <message>
        <source>đang họp</source>
        <translation>in progress</translation>
    </message>
    <message>
        <source>đã kết thúc</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>đã lưu trữ</source>
        <translation>archived</translation>
    </message>
    <message>
        <source>thường kỳ</source>
        <translation>regular</translation>
    </message>
    <message>
        <source>chuyên đề</source>
        <translation>thematic</translation>
    </message>
    <message>
        <source>trực tuyến có điểm cầu</source>
        <translation>online with sites</translation>
    </message>
    <message>
        <source>chủ trì</source>
        <translation>chair</translation>
    </message>
    <message>
        <source>thư ký</source>
        <translation>secretary</translation>
    </message>
    <message>
        <source>thành viên</source>
        <translation>member</translation>
    </message>
    <message>
        <source>khách mời</source>
        <translation>guest</translation>
    </message>
    <message>
        <source>tỉnh</source>
        <translation>province</translation>
    </message>
    <message>
        <source>huyện</source>
        <translation>district</translation>
    </message>
    <message>
        <source>xã</source>
        <translation>commune</translation>
    </message>
    <message>
        <source>thường</source>
        <translation>ordinary</translation>
    </message>
    <message>
        <source>mật</source>
        <translation>confidential</translation>
    </message>
    <message>
        <source>tối mật</source>
        <translation>secret</translation>
    </message>
    <message>
        <source>Tờ trình</source>
        <translation>Submission</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Dự thảo Nghị quyết</source>
        <translation>Draft resolution</translation>
    </message>
    <message>
        <source>Nghị quyết</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>Quyết định</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Dự thảo Quyết định</source>
        <translation>Draft decision</translation>
    </message>
    <message>
        <source>Kế hoạch</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Chương trình</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Đề án</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <source>Công văn</source>
        <translation>Official letter</translation>
    </message>
    <message>
        <source>Thông báo</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>Biên bản</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Giấy mời</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <source>Phụ lục</source>
        <translation>Annex</translation>
    </message>
    <message>
        <source>Tài liệu khác</source>
        <translation>Other document</translation>
    </message>
    <message>
        <source>Chỉ thị</source>
        <translation>Directive</translation>
    </message>
    <message>
        <source>Quy chế</source>
        <translation>Regulations</translation>
    </message>
    <message>
        <source>Quy định</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>Thông cáo</source>
        <translation>Communiqué</translation>
    </message>
    <message>
        <source>Hướng dẫn</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>Phương án</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <source>Dự án</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Hợp đồng</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>Công điện</source>
        <translation>Official dispatch</translation>
    </message>
    <message>
        <source>Bản ghi nhớ</source>
        <translation>Memorandum of understanding</translation>
    </message>
    <message>
        <source>Bản thỏa thuận</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Giấy ủy quyền</source>
        <translation>Letter of authorisation</translation>
    </message>
    <message>
        <source>Giấy giới thiệu</source>
        <translation>Letter of introduction</translation>
    </message>
    <message>
        <source>Giấy nghỉ phép</source>
        <translation>Leave permit</translation>
    </message>
    <message>
        <source>Phiếu gửi</source>
        <translation>Dispatch slip</translation>
    </message>
    <message>
        <source>Phiếu chuyển</source>
        <translation>Transfer slip</translation>
    </message>
    <message>
        <source>Phiếu báo</source>
        <translation>Notice slip</translation>
    </message>
    <message>
        <source>Thư công</source>
        <translation>Official letter (thư công)</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Phát hành</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Phát hành cuộc họp “{title}”:
• gửi {docs} tài liệu tới {people} đại biểu, tại hội trường chính và {sites} điểm cầu;
• đại biểu thấy cuộc họp và đọc được tài liệu;
• vẫn thêm hoặc thay tài liệu được, người nhận sẽ được báo.</source>
        <translation>Publish the meeting “{title}”:
• send {docs} documents to {people} participants, in the main hall and at {sites} sites;
• participants see the meeting and can read its documents;
• documents can still be added or replaced; recipients are told.</translation>
    </message>
    <message>
        <source>Bắt đầu họp</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Bắt đầu cuộc họp “{title}”: trạng thái chuyển sang “đang họp”. Chương trình và tài liệu vẫn sửa được trong lúc họp.</source>
        <translation>Start the meeting “{title}”: its status becomes “in progress”. The agenda and documents can still change during the meeting.</translation>
    </message>
    <message>
        <source>Kết thúc</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Kết thúc cuộc họp “{title}”:
• chương trình, điểm cầu và thành phần không sửa được nữa;
• không đính kèm thêm tài liệu;
• thư ký có thể thu hồi tài liệu mật.</source>
        <translation>Close the meeting “{title}”:
• the agenda, sites and participants can no longer change;
• no more documents can be attached;
• the secretary can recall classified papers.</translation>
    </message>
    <message>
        <source>Lưu trữ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Lưu trữ cuộc họp “{title}”: hồ sơ được giữ nguyên, không sửa và không thay tài liệu được nữa.</source>
        <translation>Archive the meeting “{title}”: its record is kept as it is; nothing can be edited or replaced any more.</translation>
    </message>
</context>
<context>
    <name>workspace</name>
    <message>
        <source>Lấy ý kiến</source>
        <translation>Written opinions</translation>
    </message>
    <message>
        <source>Văn bản cuộc họp</source>
        <translation>Meeting papers</translation>
    </message>
    <message>
        <source>Chương trình</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Điểm cầu và thành phần</source>
        <translation>Sites and participants</translation>
    </message>
    <message>
        <source>Tài liệu</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Tập tài liệu</source>
        <translation>Meeting book</translation>
    </message>
    <message>
        <source>Điều hành phiên họp</source>
        <translation>Live meeting</translation>
    </message>
    <message>
        <source>Ký số</source>
        <translation>Signing</translation>
    </message>
</context>
<context>
    <name>AgendaPanel</name>
    <message>
        <source>Bạn chưa có cuộc họp nào đã phát hành tài liệu.</source>
        <translation>You have no meetings with materials sent yet.</translation>
    </message>
    <message>
        <source>Chương trình</source>
        <translation>Agenda</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Chức vụ</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Lý do / người dự thay</source>
        <translation>Reason / deputy</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>chưa điểm danh</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <source>có mặt</source>
        <translation>present</translation>
    </message>
    <message>
        <source>cử người dự thay</source>
        <translation>sent a deputy</translation>
    </message>
    <message>
        <source>vắng mặt</source>
        <translation>absent</translation>
    </message>
    <message>
        <source>Điểm cầu</source>
        <translation>Site</translation>
    </message>
</context>
<context>
    <name>AttendancePanel</name>
    <message>
        <source>Ai dự họp thay?</source>
        <translation>Who attends instead?</translation>
    </message>
    <message>
        <source>CHƯA ĐỦ TÚC SỐ</source>
        <translation>NO QUORUM</translation>
    </message>
    <message>
        <source>Chọn một điểm cầu trước.</source>
        <translation>Choose a site first.</translation>
    </message>
    <message>
        <source>Chọn người trong danh sách trước.</source>
        <translation>Choose people in the list first.</translation>
    </message>
    <message>
        <source>Chọn đúng một người để ghi người dự thay.</source>
        <translation>Choose exactly one person to record a deputy.</translation>
    </message>
    <message>
        <source>Có mặt</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Cả điểm cầu có mặt</source>
        <translation>Whole site present</translation>
    </message>
    <message>
        <source>Cử người dự thay…</source>
        <translation>Deputy…</translation>
    </message>
    <message>
        <source>Lý do vắng mặt:</source>
        <translation>Reason for the absence:</translation>
    </message>
    <message>
        <source>Người dự thay</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>Quy tắc túc số:</source>
        <translation>Quorum rule:</translation>
    </message>
    <message>
        <source>Quá nửa số thành viên</source>
        <translation>More than half of the members</translation>
    </message>
    <message>
        <source>Toàn bộ thành viên</source>
        <translation>All members</translation>
    </message>
    <message>
        <source>Túc số: {present}/{members} thành viên có mặt, cần {required} — {state}</source>
        <translation>Quorum: {present}/{members} members present, {required} needed — {state}</translation>
    </message>
    <message>
        <source>Tất cả điểm cầu ({p}/{n} có mặt)</source>
        <translation>All sites ({p}/{n} present)</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Vắng mặt…</source>
        <translation>Absent…</translation>
    </message>
    <message>
        <source>{site} ({p}/{n} có mặt)</source>
        <translation>{site} ({p}/{n} present)</translation>
    </message>
    <message>
        <source>Ít nhất ba phần tư</source>
        <translation>At least three quarters</translation>
    </message>
    <message>
        <source>Ít nhất hai phần ba</source>
        <translation>At least two thirds</translation>
    </message>
    <message>
        <source>Điểm cầu:</source>
        <translation>Site:</translation>
    </message>
    <message>
        <source>ĐỦ TÚC SỐ</source>
        <translation>QUORUM REACHED</translation>
    </message>
</context>
<context>
    <name>ConsoleTab</name>
    <message>
        <source>Biểu quyết</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Cập nhật</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Dẫn dắt tài liệu</source>
        <translation>Lead the documents</translation>
    </message>
    <message>
        <source>Ghi nhận trực tiếp phiên họp: mọi thay đổi được lưu ngay và ghi vào nhật ký kiểm tra.</source>
        <translation>Recording the live meeting: every change is saved at once and written to the audit log.</translation>
    </message>
    <message>
        <source>Phát biểu</source>
        <translation>Speakers</translation>
    </message>
    <message>
        <source>Điểm danh và túc số</source>
        <translation>Attendance and quorum</translation>
    </message>
    <message>
        <source>Điểm danh, phát biểu và biểu quyết được ghi khi cuộc họp đã phát hành hoặc đang họp.</source>
        <translation>Attendance, speakers and votes are recorded once the meeting is published or under way.</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>Ghi chú chữ</source>
        <translation>Text note</translation>
    </message>
    <message>
        <source>Nét vẽ</source>
        <translation>Ink</translation>
    </message>
    <message>
        <source>Trang {page} · {kind}</source>
        <translation>Page {page} · {kind}</translation>
    </message>
    <message>
        <source>Tô sáng</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <source>của người khác</source>
        <translation>someone else's</translation>
    </message>
    <message>
        <source>đã chia sẻ</source>
        <translation>shared</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Chia sẻ với cuộc họp</source>
        <translation>Share with the meeting</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Ghi chú là của riêng bạn, không làm thay đổi tài liệu; chỉ ghi chú bạn chọn chia sẻ mới hiện cho người khác trong cuộc họp.</source>
        <translation>Your notes are your own and never change the document; only the notes you choose to share are shown to others in the meeting.</translation>
    </message>
    <message>
        <source>Thôi chia sẻ</source>
        <translation>Stop sharing</translation>
    </message>
    <message>
        <source>Xuất ghi chú của tôi (PDF)…</source>
        <translation>Export my notes (PDF)…</translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <source>Chọn một tài liệu trong chương trình để đọc.</source>
        <translation>Choose a document in the agenda to read it.</translation>
    </message>
    <message>
        <source>Đang hiển thị trang {n}…</source>
        <translation>Showing page {n}…</translation>
    </message>
</context>
<context>
    <name>PresenterPanel</name>
    <message>
        <source>Chưa dẫn dắt tài liệu nào.</source>
        <translation>No document is being led yet.</translation>
    </message>
    <message>
        <source>Khi chủ tọa hoặc thư ký lật trang trong trình xem mở từ đây, máy tính bảng của các thành viên đang theo dõi sẽ chuyển theo.</source>
        <translation>When the chair or the secretary turns pages in the viewer opened from here, the tablets of the members who follow turn with them.</translation>
    </message>
    <message>
        <source>Mọi người đang theo: {title}, trang {page} (lần chuyển thứ {seq}).</source>
        <translation>Everyone follows: {title}, page {page} (move {seq}).</translation>
    </message>
    <message>
        <source>Mở và dẫn dắt</source>
        <translation>Open and lead</translation>
    </message>
    <message>
        <source>Trang:</source>
        <translation>Page:</translation>
    </message>
    <message>
        <source>Tài liệu:</source>
        <translation>Document:</translation>
    </message>
    <message>
        <source>Đưa mọi người tới trang này</source>
        <translation>Bring everyone to this page</translation>
    </message>
</context>
<context>
    <name>ReaderAgendaModel</name>
    <message>
        <source>MẬT</source>
        <translation>CLASSIFIED</translation>
    </message>
    <message>
        <source>Tài liệu khác</source>
        <translation>Other documents</translation>
    </message>
    <message>
        <source>{n} trang</source>
        <translation>{n} pages</translation>
    </message>
</context>
<context>
    <name>ReaderMode</name>
    <message>
        <source>Chế độ đọc</source>
        <translation>Reading mode</translation>
    </message>
    <message>
        <source>Kho dữ liệu chưa mở xong; hãy thử lại sau giây lát.</source>
        <translation>The store is still opening; try again in a moment.</translation>
    </message>
    <message>
        <source>Đọc tài liệu toàn màn hình, ghi chú và theo dõi chủ tọa (F11)</source>
        <translation>Read full screen, take notes and follow the chair (F11)</translation>
    </message>
</context>
<context>
    <name>ReaderWindow</name>
    <message>
        <source>Ban đêm</source>
        <translation>Night</translation>
    </message>
    <message>
        <source>Bút</source>
        <translation>Pen</translation>
    </message>
    <message>
        <source>Bạn đang tự đọc; bấm “Theo dõi lại” để về trang chủ tọa đang trình bày.</source>
        <translation>You are reading on your own; press “Follow again” to go to the chair's page.</translation>
    </message>
    <message>
        <source>Chưa chọn người dùng: vào Cài đặt để chọn bạn là ai, hoặc chạy nghisu reader --as SỐ.</source>
        <translation>No user chosen: choose who you are in Settings, or run nghisu reader --as NUMBER.</translation>
    </message>
    <message>
        <source>Chương trình</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Chế độ đọc</source>
        <translation>Reading mode</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Ghi chú chữ</source>
        <translation>Text note</translation>
    </message>
    <message>
        <source>Ghi chú đã trở lại riêng tư.</source>
        <translation>The note is private again.</translation>
    </message>
    <message>
        <source>Ghi chữ</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Không hiển thị được tài liệu này.</source>
        <translation>This document cannot be shown.</translation>
    </message>
    <message>
        <source>Không kết nối được kho dữ liệu, và máy này chưa lưu tài liệu nào để đọc ngoại tuyến.</source>
        <translation>The store cannot be reached, and this device has no documents saved for offline reading.</translation>
    </message>
    <message>
        <source>Lưu để đọc ngoại tuyến…</source>
        <translation>Save for offline reading…</translation>
    </message>
    <message>
        <source>Nghị Sự — Chế độ đọc</source>
        <translation>Nghị Sự — Reading mode</translation>
    </message>
    <message>
        <source>Nghị Sự — Chế độ đọc — {name}</source>
        <translation>Nghị Sự — Reading mode — {name}</translation>
    </message>
    <message>
        <source>Nhập cụm mật khẩu bộ nhớ đọc ngoại tuyến:</source>
        <translation>Enter the passphrase of the offline reading cache:</translation>
    </message>
    <message>
        <source>Nhập cụm mật khẩu khóa giải mã của bạn để mở tài liệu mật:</source>
        <translation>Enter your key's passphrase to open the classified paper:</translation>
    </message>
    <message>
        <source>Nội dung ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Phóng to</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Theo dõi lại</source>
        <translation>Follow again</translation>
    </message>
    <message>
        <source>Theo trang chủ tọa đang trình bày, hoặc thôi để tự đọc</source>
        <translation>Follow the page the chair presents, or stop to read on your own</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Thoát chế độ đọc</source>
        <translation>Leave reading mode</translation>
    </message>
    <message>
        <source>Thu nhỏ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Thôi theo dõi</source>
        <translation>Stop following</translation>
    </message>
    <message>
        <source>Trang sau</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Trang trước</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Trang {n}/{total}</source>
        <translation>Page {n}/{total}</translation>
    </message>
    <message>
        <source>Tài liệu mật</source>
        <translation>Classified paper</translation>
    </message>
    <message>
        <source>Tài liệu này không có trong các tài liệu đã gửi tới bạn.</source>
        <translation>This document is not among the documents sent to you.</translation>
    </message>
    <message>
        <source>Tài liệu đã lưu trên máy (ngoại tuyến)</source>
        <translation>Documents saved on this device (offline)</translation>
    </message>
    <message>
        <source>Tô sáng</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Tự đọc</source>
        <translation>Reading alone</translation>
    </message>
    <message>
        <source>Xuất ghi chú của tôi</source>
        <translation>Export my notes</translation>
    </message>
    <message>
        <source>Đang mở “{title}”…</source>
        <translation>Opening “{title}”…</translation>
    </message>
    <message>
        <source>Đang theo chủ tọa</source>
        <translation>Following the chair</translation>
    </message>
    <message>
        <source>Đang theo chủ tọa: trang {n}</source>
        <translation>Following the chair: page {n}</translation>
    </message>
    <message>
        <source>Đang đọc ngoại tuyến: không kết nối được kho dữ liệu. Ghi chú mới sẽ được đồng bộ khi có mạng.</source>
        <translation>Reading offline: the store cannot be reached. New notes will be synced when the network is back.</translation>
    </message>
    <message>
        <source>Đã chia sẻ ghi chú với cuộc họp.</source>
        <translation>The note is shared with the meeting.</translation>
    </message>
    <message>
        <source>Đã có lỗi không mong đợi; hãy thử lại.</source>
        <translation>Something unexpected went wrong; please try again.</translation>
    </message>
    <message>
        <source>Đã lưu ghi chú trên máy; sẽ đồng bộ khi có mạng.</source>
        <translation>Note saved on this device; it will sync when the network is back.</translation>
    </message>
    <message>
        <source>Đã lưu {n} tài liệu để đọc ngoại tuyến; đã gửi {s} ghi chú làm khi mất mạng.</source>
        <translation>Saved {n} documents for offline reading; sent {s} notes made offline.</translation>
    </message>
    <message>
        <source>Đã gửi {n} trang đã đọc khi ngoại tuyến.</source>
        <translation>Sent {n} pages read offline.</translation>
    </message>
    <message>
        <source>Đã gửi {n} trang đã đọc khi ngoại tuyến; {k} lượt đọc không được ghi nhận (tài liệu đã bị thu hồi hoặc không còn gửi tới bạn).</source>
        <translation>Sent {n} pages read offline; {k} reads were not recorded (the document was recalled or is no longer sent to you).</translation>
    </message>
    <message>
        <source>Các trang đã đọc khi ngoại tuyến sẽ được gửi khi bạn mở khóa bộ nhớ đọc ngoại tuyến (nút “Ngoại tuyến…”).</source>
        <translation>Pages read offline will be sent once you unlock the offline reading cache (the “Offline…” button).</translation>
    </message>
    <message>
        <source>Đã xuất ghi chú vào {path}</source>
        <translation>Notes exported to {path}</translation>
    </message>
    <message>
        <source>Đặt cụm mật khẩu cho bộ nhớ đọc ngoại tuyến trên máy này (không được lưu lại; hãy ghi nhớ):</source>
        <translation>Choose a passphrase for offline reading on this device (it is not saved; remember it):</translation>
    </message>
    <message>
        <source>Đọc</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Đọc ngoại tuyến</source>
        <translation>Offline reading</translation>
    </message>
    <message>
        <source>Ngoại tuyến…</source>
        <translation>Offline…</translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <source>Phương án</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Số phiếu</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Tỷ lệ</source>
        <translation>Share</translation>
    </message>
</context>
<context>
    <name>SpeakerModel</name>
    <message>
        <source>Người phát biểu</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>còn {t}</source>
        <translation>{t} left</translation>
    </message>
    <message>
        <source>{m} phút</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>đang chờ</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>đang phát biểu</source>
        <translation>speaking</translation>
    </message>
    <message>
        <source>đã nói {t}</source>
        <translation>spoke {t}</translation>
    </message>
    <message>
        <source>đã phát biểu</source>
        <translation>spoke</translation>
    </message>
    <message>
        <source>đã rút</source>
        <translation>withdrawn</translation>
    </message>
</context>
<context>
    <name>SpeakersPanel</name>
    <message>
        <source> ({m} phút)</source>
        <translation> ({m} min)</translation>
    </message>
    <message>
        <source>Ai xin phát biểu?</source>
        <translation>Who asks to speak?</translation>
    </message>
    <message>
        <source>Chưa có ai đang phát biểu</source>
        <translation>Nobody is speaking</translation>
    </message>
    <message>
        <source>Chọn một người trong hàng chờ trước.</source>
        <translation>Choose someone in the queue first.</translation>
    </message>
    <message>
        <source>Kết thúc lượt</source>
        <translation>End the turn</translation>
    </message>
    <message>
        <source>Mời phát biểu</source>
        <translation>Give the floor</translation>
    </message>
    <message>
        <source>Mục chương trình:</source>
        <translation>Agenda item:</translation>
    </message>
    <message>
        <source>Rút đăng ký</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>Đăng ký phát biểu</source>
        <translation>Request to speak</translation>
    </message>
    <message>
        <source>Đăng ký phát biểu…</source>
        <translation>Request to speak…</translation>
    </message>
</context>
<context>
    <name>VoteDialog</name>
    <message>
        <source>(không gắn với mục nào)</source>
        <translation>(no agenda item)</translation>
    </message>
    <message>
        <source>Biểu quyết mới</source>
        <translation>New vote</translation>
    </message>
    <message>
        <source>Bỏ phiếu kín</source>
        <translation>Secret ballot</translation>
    </message>
    <message>
        <source>Các phương án (cách nhau bởi dấu phẩy):</source>
        <translation>Options (separated by commas):</translation>
    </message>
    <message>
        <source>Giơ tay (đếm theo điểm cầu)</source>
        <translation>Show of hands (counted per site)</translation>
    </message>
    <message>
        <source>Hình thức:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Mục chương trình:</source>
        <translation>Agenda item:</translation>
    </message>
    <message>
        <source>Nội dung:</source>
        <translation>Question:</translation>
    </message>
    <message>
        <source>Điểm danh từng người</source>
        <translation>Roll-call</translation>
    </message>
</context>
<context>
    <name>VotesModel</name>
    <message>
        <source>Hình thức</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Nội dung biểu quyết</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>bỏ phiếu kín</source>
        <translation>secret ballot</translation>
    </message>
    <message>
        <source>giơ tay</source>
        <translation>show of hands</translation>
    </message>
    <message>
        <source>Đã biểu quyết</source>
        <translation>Voted</translation>
    </message>
    <message>
        <source>đang mở</source>
        <translation>open</translation>
    </message>
    <message>
        <source>điểm danh từng người</source>
        <translation>roll-call</translation>
    </message>
    <message>
        <source>đã kết thúc</source>
        <translation>closed</translation>
    </message>
</context>
<context>
    <name>VotesPanel</name>
    <message>
        <source>Biểu quyết mới…</source>
        <translation>New vote…</translation>
    </message>
    <message>
        <source>Bỏ phiếu kín đang mở: {voted}/{eligible} đã bỏ phiếu; kết quả chỉ hiện khi kết thúc.</source>
        <translation>Secret ballot open: {voted}/{eligible} have voted; the result is shown only after the close.</translation>
    </message>
    <message>
        <source>Chưa có cuộc biểu quyết nào. Bấm “Biểu quyết mới…”.</source>
        <translation>No votes yet. Press “New vote…”.</translation>
    </message>
    <message>
        <source>Chọn thành viên biểu quyết trước.</source>
        <translation>Choose the member who votes first.</translation>
    </message>
    <message>
        <source>Ghi số phiếu của điểm cầu</source>
        <translation>Record the site's counts</translation>
    </message>
    <message>
        <source>Kết thúc biểu quyết</source>
        <translation>Close the vote</translation>
    </message>
    <message>
        <source>Mã biên nhận (chỉ hiện một lần, người bỏ phiếu giữ riêng để tự kiểm tra sau khi kết thúc): {code}</source>
        <translation>Receipt code (shown once; the voter keeps it to check their ballot after the close): {code}</translation>
    </message>
    <message>
        <source>Mã biên nhận phiếu kín</source>
        <translation>Secret ballot receipt</translation>
    </message>
    <message>
        <source>Thành viên:</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>Tệp CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Xuất CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Xuất kết quả biểu quyết</source>
        <translation>Export vote results</translation>
    </message>
    <message>
        <source>{question}: {voted}/{eligible} thành viên đã biểu quyết</source>
        <translation>{question}: {voted}/{eligible} members have voted</translation>
    </message>
    <message>
        <source>{site} ({n} thành viên)</source>
        <translation>{site} ({n} members)</translation>
    </message>
    <message>
        <source>Điểm cầu:</source>
        <translation>Site:</translation>
    </message>
    <message>
        <source>Đã xuất kết quả biểu quyết vào {path}</source>
        <translation>Vote results exported to {path}</translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>bản phát triển</source>
        <translation>development build</translation>
    </message>
    <message>
        <source>Họp không giấy và quản lý văn bản cho Ủy ban nhân dân các cấp.</source>
        <translation>Paperless meetings and document management for People's Committees at every level.</translation>
    </message>
    <message>
        <source>Bản dựng: {build}</source>
        <translation>Build: {build}</translation>
    </message>
    <message>
        <source>Cấu trúc kho dữ liệu: {schema}</source>
        <translation>Store schema: {schema}</translation>
    </message>
    <message>
        <source>Nền tảng: {runtime}</source>
        <translation>Platform: {runtime}</translation>
    </message>
    <message>
        <source>Giới thiệu Nghị Sự</source>
        <translation>About Nghị Sự</translation>
    </message>
</context>
<context>
    <name>CalendarModel</name>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Giờ</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Cuộc họp</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Địa điểm</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Tuần</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Trước</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Sau</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Tìm cuộc họp theo tên, ngày (10/12), đơn vị hoặc nơi họp…</source>
        <translation>Find a meeting by title, date (10/12), unit or place…</translation>
    </message>
    <message>
        <source>Kết quả tìm “{q}”</source>
        <translation>Results for “{q}”</translation>
    </message>
    <message>
        <source>{n} cuộc họp.</source>
        <translation>{n} meetings.</translation>
    </message>
    <message>
        <source>Không tìm thấy cuộc họp nào. Thử ngày (10/12), tên đơn vị hoặc vài chữ trong tên cuộc họp, có dấu hoặc không dấu.</source>
        <translation>No meeting found. Try a date (10/12), a unit name or a few words of the title, with or without accents.</translation>
    </message>
    <message>
        <source>Không có cuộc họp nào trong khoảng này.</source>
        <translation>No meetings in this period.</translation>
    </message>
</context>
<context>
    <name>FirstStartWizard</name>
    <message>
        <source>Thiết lập Nghị Sự</source>
        <translation>Set up Nghị Sự</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Chữ ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <source>Tệp chứng thư số (.p12, .pfx) hoặc USB ký số; có thể để trống và thêm sau.</source>
        <translation>A certificate file (.p12, .pfx) or a signing USB token; you may leave it empty and add it later.</translation>
    </message>
    <message>
        <source>(chưa có)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Tệp chứng thư số:</source>
        <translation>Certificate file:</translation>
    </message>
    <message>
        <source>Thư viện USB ký số (PKCS#11):</source>
        <translation>Signing token library (PKCS#11):</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư số</source>
        <translation>Choose a certificate file</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <source>Bạn là ai</source>
        <translation>Who you are</translation>
    </message>
    <message>
        <source>Mọi việc bạn làm được ghi vào nhật ký kiểm tra dưới tên này.</source>
        <translation>Everything you do is recorded in the audit log under this name.</translation>
    </message>
    <message>
        <source>Nạp dữ liệu mẫu (UBND tỉnh Quảng Trị sau sắp xếp năm 2025) để dùng thử</source>
        <translation>Load the demo data (the Quảng Trị provincial committee after the 2025 reorganisation) to try it out</translation>
    </message>
    <message>
        <source>Tôi là:</source>
        <translation>I am:</translation>
    </message>
    <message>
        <source>Đang đọc danh sách cán bộ của kho…</source>
        <translation>Reading the store's people…</translation>
    </message>
    <message>
        <source>(chọn sau, trong Cài đặt)</source>
        <translation>(choose later, in Settings)</translation>
    </message>
    <message>
        <source>Với dữ liệu mẫu, bạn là chuyên viên Văn phòng UBND tỉnh của dữ liệu mẫu; đổi trong Cài đặt → Tôi là.</source>
        <translation>With the demo data you are the demo's provincial office clerk; change it in Settings → I am.</translation>
    </message>
    <message>
        <source>Chọn đúng tên mình: kho dùng chung kiểm tra quyền theo tên đăng nhập và người được chọn.</source>
        <translation>Choose your own name: the shared store checks rights by your login and the person chosen.</translation>
    </message>
    <message>
        <source>Tài khoản máy này ({account})</source>
        <translation>This computer's account ({account})</translation>
    </message>
    <message>
        <source>Mã PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>ít nhất 6 chữ số</source>
        <translation>at least 6 digits</translation>
    </message>
    <message>
        <source>Tài khoản máy: ai đăng nhập máy bằng tài khoản này là bạn, không phải gõ gì thêm. Mã PIN (gõ hai lần, chỉ lưu dạng băm): chọn khi nhiều người dùng chung một tài khoản máy.</source>
        <translation>Computer account: whoever logs in to the computer under this account is you, with nothing more to type. PIN (typed twice, kept only as a hash): choose it when several people share one computer account.</translation>
    </message>
    <message>
        <source>Chứng minh bằng:</source>
        <translation>Prove it with:</translation>
    </message>
    <message>
        <source>Mã PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>Nhập lại mã PIN:</source>
        <translation>PIN again:</translation>
    </message>
    <message>
        <source>Mã PIN hay tài khoản máy của bạn: Tệp → Tôi là… trong kho đang mở.</source>
        <translation>Your PIN or computer account: File → I am… in the store that is open.</translation>
    </message>
    <message>
        <source>Với dữ liệu mẫu, bạn là chuyên viên Văn phòng UBND tỉnh của dữ liệu mẫu; đổi trong Tệp → Tôi là…</source>
        <translation>With the demo, you are the demo's officer of the provincial People's Committee Office; change it in File → I am…</translation>
    </message>
    <message>
        <source>Kho mới chưa có ai: thêm mình vào danh bạ, rồi chọn Tệp → Tôi là… để đặt mã PIN hoặc gắn tài khoản máy.</source>
        <translation>A new store has nobody in it yet: add yourself to the directory, then choose File → I am… to set a PIN or bind your computer account.</translation>
    </message>
</context>
<context>
    <name>StorePage</name>
    <message>
        <source>Kho dữ liệu</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>Nơi lưu cuộc họp, tài liệu và chữ ký của cơ quan.</source>
        <translation>Where the office's meetings, documents and signatures are kept.</translation>
    </message>
    <message>
        <source>Trên máy này (một cơ quan, một máy)</source>
        <translation>On this computer (one office, one machine)</translation>
    </message>
    <message>
        <source>Kho dùng chung của tỉnh (PostgreSQL, do bộ phận CNTT cấp)</source>
        <translation>The province's shared store (PostgreSQL, from the IT department)</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Kiểm tra kết nối</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <source>Chọn thư mục kho dữ liệu</source>
        <translation>Choose the store folder</translation>
    </message>
    <message>
        <source>Đang kết nối…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Kết nối được; kho có {n} đơn vị.</source>
        <translation>Connected; the store has {n} units.</translation>
    </message>
    <message>
        <source>Không kết nối được: {detail}</source>
        <translation>Could not connect: {detail}</translation>
    </message>
    <message>
        <source>Không kết nối được.</source>
        <translation>Could not connect.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Giao xử lý văn bản đến</source>
        <translation>Assign an incoming document</translation>
    </message>
    <message>
        <source>Người xử lý chính</source>
        <translation>Main handler</translation>
    </message>
    <message>
        <source>Người phối hợp</source>
        <translation>Co-handlers</translation>
    </message>
    <message>
        <source>Hạn xử lý</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Ý kiến chỉ đạo (bút phê)</source>
        <translation>The leader's instruction (bút phê)</translation>
    </message>
    <message>
        <source>Bút phê</source>
        <translation>Instruction</translation>
    </message>
</context>
<context>
    <name>DoneDialog</name>
    <message>
        <source>Hoàn thành xử lý</source>
        <translation>Close as done</translation>
    </message>
    <message>
        <source>(không có văn bản trả lời)</source>
        <translation>(no reply document)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Văn bản đi trả lời</source>
        <translation>Outgoing reply</translation>
    </message>
    <message>
        <source>Số hiệu văn bản đi</source>
        <translation>Outgoing document id</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>Nhận văn bản đến</source>
        <translation>Receive an incoming document</translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Tệp PDF</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <source>Ví dụ: Sở Nội vụ tỉnh Quảng Trị</source>
        <translation>E.g. Sở Nội vụ tỉnh Quảng Trị</translation>
    </message>
    <message>
        <source>Nơi gửi (tác giả)</source>
        <translation>Sender (author)</translation>
    </message>
    <message>
        <source>Số, ký hiệu</source>
        <translation>Number and symbol</translation>
    </message>
    <message>
        <source>(chưa rõ)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>Loại văn bản</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Có ngày tháng</source>
        <translation>Dated</translation>
    </message>
    <message>
        <source>Ngày văn bản</source>
        <translation>Document's date</translation>
    </message>
    <message>
        <source>Trích yếu</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Độ mật</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Độ khẩn</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Chọn văn bản đến</source>
        <translation>Choose the incoming document</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RegisterArea</name>
    <message>
        <source>Cần giao lại</source>
        <translation>To reassign</translation>
    </message>
    <message>
        <source>Văn bản có người xử lý đã thôi nhiệm vụ ở đơn vị</source>
        <translation>Documents whose handler no longer works in the unit</translation>
    </message>
    <message>
        <source>Giao lại việc…</source>
        <translation>Reassign work…</translation>
    </message>
    <message>
        <source>Văn thư giao mọi văn bản đang xử lý của người đã thôi nhiệm vụ cho người khác của đơn vị</source>
        <translation>The clerk gives all open documents of someone who left to another person of the unit</translation>
    </message>
    <message>
        <source>Cần giao lại ({n})</source>
        <translation>To reassign ({n})</translation>
    </message>
    <message>
        <source>Đã giao lại việc.</source>
        <translation>Work reassigned.</translation>
    </message>
    <message>
        <source>người xử lý đã thôi nhiệm vụ — cần giao lại</source>
        <translation>handler no longer in the unit — reassign</translation>
    </message>
    <message>
        <source>Hạn báo cáo, trả lời: {d}</source>
        <translation>Reply by: {d}</translation>
    </message>
    <message>
        <source>quá hạn {n} đơn vị</source>
        <translation>{n} unit(s) late</translation>
    </message>
    <message>
        <source>trả lời muộn {n} ngày</source>
        <translation>answered {n} day(s) late</translation>
    </message>
    <message>
        <source>trả lời muộn {n} đơn vị</source>
        <translation>{n} unit(s) answered late</translation>
    </message>
    <message>
        <source>Sổ văn bản của:</source>
        <translation>Register of:</translation>
    </message>
    <message>
        <source>Các danh sách, nhận văn bản đến và soạn văn bản đi làm việc với sổ đang chọn</source>
        <translation>The lists, receiving incoming documents and drafting outgoing ones work with the register chosen here</translation>
    </message>
    <message>
        <source>Văn bản</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Tìm theo số ký hiệu, nơi gửi, trích yếu, nội dung…</source>
        <translation>Search by symbol, sender, subject, text…</translation>
    </message>
    <message>
        <source>Mọi năm</source>
        <translation>Every year</translation>
    </message>
    <message>
        <source>Mọi trạng thái</source>
        <translation>Every status</translation>
    </message>
    <message>
        <source>Chỉ quá hạn</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>Nhận văn bản…</source>
        <translation>Receive…</translation>
    </message>
    <message>
        <source>Vào sổ</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Giao xử lý…</source>
        <translation>Assign…</translation>
    </message>
    <message>
        <source>Ghi tiến độ…</source>
        <translation>Record progress…</translation>
    </message>
    <message>
        <source>Hoàn thành…</source>
        <translation>Done…</translation>
    </message>
    <message>
        <source>Văn bản đến</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <source>Việc cần xử lý</source>
        <translation>My work</translation>
    </message>
    <message>
        <source>Văn bản đi</source>
        <translation>Outgoing</translation>
    </message>
    <message>
        <source>Văn bản — {unit}</source>
        <translation>Documents — {unit}</translation>
    </message>
    <message>
        <source>Việc cần xử lý ({n})</source>
        <translation>My work ({n})</translation>
    </message>
    <message>
        <source>Chọn người dùng (Cài đặt) để xem sổ văn bản của đơn vị mình.</source>
        <translation>Choose the user (Settings) to see your unit's register.</translation>
    </message>
    <message>
        <source>Không có văn bản đến nào khớp.</source>
        <translation>No incoming document matches.</translation>
    </message>
    <message>
        <source>{n} văn bản đến</source>
        <translation>{n} incoming documents</translation>
    </message>
    <message>
        <source>Văn bản ({n} quá hạn)</source>
        <translation>Documents ({n} overdue)</translation>
    </message>
    <message>
        <source>{n} văn bản đến quá hạn xử lý</source>
        <translation>{n} incoming documents past their deadline</translation>
    </message>
    <message>
        <source>Đã nhận văn bản; chữ ký số đã được kiểm tra và văn bản đã vào sổ.</source>
        <translation>Received: the signatures were verified and the document registered.</translation>
    </message>
    <message>
        <source>Đã vào sổ.</source>
        <translation>Registered.</translation>
    </message>
    <message>
        <source>Đã giao xử lý.</source>
        <translation>Assigned.</translation>
    </message>
    <message>
        <source>Ghi tiến độ</source>
        <translation>Record progress</translation>
    </message>
    <message>
        <source>Tiến độ xử lý:</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <source>Đã ghi tiến độ.</source>
        <translation>Progress recorded.</translation>
    </message>
    <message>
        <source>Đã hoàn thành xử lý.</source>
        <translation>Closed as done.</translation>
    </message>
    <message>
        <source>Số đến</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Ngày đến</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>Nơi gửi</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Số, ký hiệu</source>
        <translation>Number and symbol</translation>
    </message>
    <message>
        <source>Ngày văn bản</source>
        <translation>Document's date</translation>
    </message>
    <message>
        <source>Độ mật, độ khẩn</source>
        <translation>Classification, urgency</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Người xử lý</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Phối hợp</source>
        <translation>Co-handlers</translation>
    </message>
    <message>
        <source>Hạn xử lý</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source> (quá hạn)</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>Bút phê</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <source>chưa vào sổ</source>
        <translation>not registered yet</translation>
    </message>
    <message>
        <source>Văn bản đi #{n} của đơn vị gửi</source>
        <translation>The sender's outgoing document #{n}</translation>
    </message>
    <message>
        <source>Đơn vị gửi đề nghị trả lời trước {d}</source>
        <translation>The sender asks for an answer by {d}</translation>
    </message>
    <message>
        <source>Trả lời bằng văn bản đi #{n}</source>
        <translation>Answered by outgoing document #{n}</translation>
    </message>
    <message>
        <source>Chữ ký số khi nhận</source>
        <translation>Signatures on receipt</translation>
    </message>
    <message>
        <source>Liên kết</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Lịch sử xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Văn bản này chưa gửi tới đơn vị nào trong kho.</source>
        <translation>Not sent to any unit of this store yet.</translation>
    </message>
    <message>
        <source>Gửi {u} đơn vị: vào sổ {r}, đã giao {a}, đã trả lời {n}</source>
        <translation>Sent to {u} units: registered {r}, assigned {a}, answered {n}</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Giao</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Trả lời</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>quá hạn</source>
        <translation>late</translation>
    </message>
    <message>
        <source>Chưa trả lời</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <source>hợp lệ</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>KHÔNG hợp lệ</source>
        <translation>NOT valid</translation>
    </message>
    <message>
        <source>chưa kiểm tra được</source>
        <translation>could not be verified</translation>
    </message>
    <message>
        <source>không có chữ ký số</source>
        <translation>not signed</translation>
    </message>
    <message>
        <source>chờ vào sổ</source>
        <translation>to be registered</translation>
    </message>
    <message>
        <source>đã vào sổ, chưa giao</source>
        <translation>registered, not assigned</translation>
    </message>
    <message>
        <source>đang xử lý</source>
        <translation>in hand</translation>
    </message>
    <message>
        <source>đã xử lý xong</source>
        <translation>done</translation>
    </message>
    <message>
        <source>Trích yếu</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Quá hạn xử lý</source>
        <translation>Past its deadline</translation>
    </message>
    <message>
        <source>Ngày ban hành</source>
        <translation>Released</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>đang soạn trả lời</source>
        <translation>reply being drafted</translation>
    </message>
</context>
<context>
    <name>TabletLayout</name>
    <message>
        <source>Thêm</source>
        <translation>More</translation>
    </message>
</context>
<context>
    <name>PapersTab</name>
    <message>
        <source>Trước phiên họp: giấy mời, chương trình, danh sách đại biểu</source>
        <translation>Before the meeting: invitation, programme, list of delegates</translation>
    </message>
    <message>
        <source>tài liệu họp đã gửi trên Nghị Sự</source>
        <translation>the meeting papers sent on Nghị Sự</translation>
    </message>
    <message>
        <source>mặc định: thư ký cuộc họp</source>
        <translation>default: the meeting's secretary</translation>
    </message>
    <message>
        <source>Đề nghị mang theo:</source>
        <translation>Please bring:</translation>
    </message>
    <message>
        <source>Người liên hệ:</source>
        <translation>Contact person:</translation>
    </message>
    <message>
        <source>Ghi chú trên giấy mời:</source>
        <translation>Note on the invitation:</translation>
    </message>
    <message>
        <source>Lưu nội dung giấy mời</source>
        <translation>Save the invitation text</translation>
    </message>
    <message>
        <source>Xem giấy mời</source>
        <translation>View the invitation</translation>
    </message>
    <message>
        <source>Xem chương trình</source>
        <translation>View the programme</translation>
    </message>
    <message>
        <source>Danh sách đại biểu</source>
        <translation>List of delegates</translation>
    </message>
    <message>
        <source>Phát hành giấy mời…</source>
        <translation>Release the invitation…</translation>
    </message>
    <message>
        <source>Phát hành chương trình…</source>
        <translation>Release the programme…</translation>
    </message>
    <message>
        <source>Biên bản cuộc họp</source>
        <translation>Minutes of the meeting</translation>
    </message>
    <message>
        <source>Soạn từ diễn biến cuộc họp</source>
        <translation>Draft from the meeting's record</translation>
    </message>
    <message>
        <source>Lưu biên bản</source>
        <translation>Save the minutes</translation>
    </message>
    <message>
        <source>Xem bản PDF</source>
        <translation>View the PDF</translation>
    </message>
    <message>
        <source>Hoàn tất, cấp số và gửi ký…</source>
        <translation>Finalise, number and send for signing…</translation>
    </message>
    <message>
        <source>(Câu kết thúc)</source>
        <translation>(Closing sentence)</translation>
    </message>
    <message>
        <source>Chưa có dự thảo biên bản. Sau khi cuộc họp bắt đầu, bấm “Soạn từ diễn biến cuộc họp”: điểm danh, người phát biểu, biểu quyết và kết luận được ghi vào, rồi sửa từng phần.</source>
        <translation>No draft minutes yet. Once the meeting has started, press “Draft from the meeting's record”: attendance, speakers, votes and conclusions are written in; then edit each part.</translation>
    </message>
    <message>
        <source>Biên bản đã hoàn tất (tài liệu #{doc}): đã cấp số và gửi ký; xem và ký ở thẻ Ký số.</source>
        <translation>The minutes are final (document #{doc}): numbered and sent for signing; view and sign them in the Signing tab.</translation>
    </message>
    <message>
        <source>Dự thảo biên bản, phiên bản {v}: chọn một phần bên trái để sửa; “Hoàn tất” cấp số từ sổ văn bản đi rồi gửi thư ký, chủ tọa ký lần lượt.</source>
        <translation>Draft minutes, version {v}: choose a part on the left to edit; “Finalise” takes a number from the outgoing register, then the secretary and the chair sign in turn.</translation>
    </message>
    <message>
        <source>Soạn lại biên bản</source>
        <translation>Redraft the minutes</translation>
    </message>
    <message>
        <source>Soạn lại từ diễn biến cuộc họp sẽ bỏ mọi chỉnh sửa trong dự thảo hiện tại. Tiếp tục?</source>
        <translation>Redrafting from the meeting's record discards every edit in the current draft. Continue?</translation>
    </message>
    <message>
        <source>Hoàn tất biên bản</source>
        <translation>Finalise the minutes</translation>
    </message>
    <message>
        <source>Còn chỉnh sửa chưa lưu: bấm “Lưu biên bản” trước.</source>
        <translation>There are unsaved edits: press “Save the minutes” first.</translation>
    </message>
    <message>
        <source>Biên bản sẽ được cấp số từ sổ văn bản đi, lưu vào cuộc họp và gửi thư ký rồi chủ tọa ký số. Sau đó không sửa được nữa. Tiếp tục?</source>
        <translation>The minutes will be numbered from the outgoing register, kept with the meeting and sent to the secretary, then the chair, to sign. They cannot be edited afterwards. Continue?</translation>
    </message>
    <message>
        <source>Đã hoàn tất biên bản số {n}; đã gửi thư ký, chủ tọa ký.</source>
        <translation>Minutes no. {n} are final; sent to the secretary and the chair to sign.</translation>
    </message>
    <message>
        <source>giấy mời</source>
        <translation>the invitation</translation>
    </message>
    <message>
        <source>chương trình</source>
        <translation>the programme</translation>
    </message>
    <message>
        <source>Phát hành</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>Lấy số {what} từ sổ văn bản đi (văn thư), lưu vào cuộc họp và gửi người ký ký số?</source>
        <translation>Take a number for {what} from the outgoing register (the clerk), keep it with the meeting and send it to the signer?</translation>
    </message>
    <message>
        <source>Đã phát hành {what} số {n}; chờ người ký.</source>
        <translation>Released {what} no. {n}; waiting for the signer.</translation>
    </message>
    <message>
        <source>Giấy mời (dự thảo)</source>
        <translation>Invitation (draft)</translation>
    </message>
    <message>
        <source>Chương trình (dự thảo)</source>
        <translation>Programme (draft)</translation>
    </message>
    <message>
        <source>Biên bản</source>
        <translation>Minutes</translation>
    </message>
</context>
<context>
    <name>ConclusionsPanel</name>
    <message>
        <source>Kết luận và nhiệm vụ</source>
        <translation>Conclusions and tasks</translation>
    </message>
    <message>
        <source>Nội dung kết luận của chủ tọa</source>
        <translation>The chair's conclusion</translation>
    </message>
    <message>
        <source>Thêm kết luận</source>
        <translation>Add conclusion</translation>
    </message>
    <message>
        <source>Nhiệm vụ</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Đơn vị chủ trì</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>Thời hạn</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nhiệm vụ giao</source>
        <translation>Task to give</translation>
    </message>
    <message>
        <source>Giao nhiệm vụ</source>
        <translation>Give task</translation>
    </message>
    <message>
        <source>Đánh dấu hoàn thành</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>Xem thông báo kết luận</source>
        <translation>View the conclusion notice</translation>
    </message>
    <message>
        <source>Phát hành thông báo kết luận…</source>
        <translation>Issue the conclusion notice…</translation>
    </message>
    <message>
        <source>thông báo đã phát hành số {n}</source>
        <translation>notice issued as {n}</translation>
    </message>
    <message>
        <source>thông báo chưa phát hành</source>
        <translation>notice not issued yet</translation>
    </message>
    <message>
        <source>{c} kết luận, {t} nhiệm vụ ({o} quá hạn); {notice}.</source>
        <translation>{c} conclusions, {t} tasks ({o} overdue); {notice}.</translation>
    </message>
    <message>
        <source>Đã xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Đang thực hiện</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Thông báo kết luận (dự thảo)</source>
        <translation>Conclusion notice (draft)</translation>
    </message>
    <message>
        <source>Phát hành thông báo kết luận</source>
        <translation>Issue the conclusion notice</translation>
    </message>
    <message>
        <source>Cấp số từ sổ văn bản đi, đính kèm cuộc họp và gửi người ký ký số? Sau đó thông báo không sửa được nữa.</source>
        <translation>Take its number from the outgoing register, attach it to the meeting and send it to the signer? The notice cannot be changed afterwards.</translation>
    </message>
    <message>
        <source>Đã phát hành thông báo kết luận số {n}.</source>
        <translation>Conclusion notice {n} issued.</translation>
    </message>
</context>
<context>
    <name>OpinionsPanel</name>
    <message>
        <source>Nội dung xin ý kiến</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Hạn trả lời</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Đã trả lời</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Gửi phiếu lấy ý kiến</source>
        <translation>Send the poll</translation>
    </message>
    <message>
        <source>Nội dung xin ý kiến:</source>
        <translation>Question:</translation>
    </message>
    <message>
        <source>Các phương án:</source>
        <translation>Options:</translation>
    </message>
    <message>
        <source>Hạn trả lời:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>Ý kiến kèm theo (nếu có)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <source>Trả lời</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Xem kết quả</source>
        <translation>Show the tally</translation>
    </message>
    <message>
        <source>Kết thúc lấy ý kiến</source>
        <translation>Close the poll</translation>
    </message>
    <message>
        <source>Đang lấy ý kiến</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Đã kết thúc</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Đã ghi ý kiến của bạn; sửa được đến hạn trả lời.</source>
        <translation>Your answer is recorded; it can be changed until the deadline.</translation>
    </message>
    <message>
        <source>không ai</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>Kết quả: {counts}. Chưa trả lời: {missing}.</source>
        <translation>Tally: {counts}. Not answered: {missing}.</translation>
    </message>
</context>
<context>
    <name>Mail</name>
    <message>
        <source>Thư công vụ…</source>
        <translation>Official mail…</translation>
    </message>
    <message>
        <source>Hộp thư đi, gửi và lấy thư, tài khoản thư của đơn vị</source>
        <translation>The unit's outbox, sending and fetching mail, its mail account</translation>
    </message>
    <message>
        <source>Xác nhận tham dự…</source>
        <translation>Confirm attendance…</translation>
    </message>
    <message>
        <source>Trả lời giấy mời của cuộc họp đang mở: dự họp, vắng mặt hoặc cử người dự thay</source>
        <translation>Answer the open meeting's invitation: attending, absent, or sending a deputy</translation>
    </message>
    <message>
        <source>Hãy chọn một đơn vị trước.</source>
        <translation>Choose a unit first.</translation>
    </message>
    <message>
        <source>Hãy mở cuộc họp trước (nhấp đúp trong danh sách cuộc họp).</source>
        <translation>Open the meeting first (double-click it in the meetings list).</translation>
    </message>
</context>
<context>
    <name>MailAccountForm</name>
    <message>
        <source>Văn phòng UBND tỉnh Quảng Trị</source>
        <translation>Office of the Quảng Trị People's Committee</translation>
    </message>
    <message>
        <source>(như địa chỉ thư)</source>
        <translation>(as the mail address)</translation>
    </message>
    <message>
        <source>(chỉ khi máy chủ dùng chứng thư của CA riêng)</source>
        <translation>(only when the server uses its own CA's certificate)</translation>
    </message>
    <message>
        <source>Lưu mật khẩu trong kho khoá của hệ điều hành (nếu không: tệp riêng trên máy này)</source>
        <translation>Keep the password in the operating system's keyring (otherwise: a private file on this computer)</translation>
    </message>
    <message>
        <source>Địa chỉ gửi</source>
        <translation>From address</translation>
    </message>
    <message>
        <source>Tên hiển thị</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Máy chủ SMTP</source>
        <translation>SMTP server</translation>
    </message>
    <message>
        <source>Máy chủ IMAP</source>
        <translation>IMAP server</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Hộp thư lấy văn bản đến</source>
        <translation>Mailbox for incoming documents</translation>
    </message>
    <message>
        <source>Tệp CA riêng</source>
        <translation>Own CA file</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Máy này đã có mật khẩu (để trống nếu không đổi).</source>
        <translation>This computer has the password (leave empty to keep it).</translation>
    </message>
    <message>
        <source>Máy này chưa có mật khẩu thư.</source>
        <translation>This computer has no mail password yet.</translation>
    </message>
</context>
<context>
    <name>MailDialog</name>
    <message>
        <source>Thư công vụ — {unit}</source>
        <translation>Official mail — {unit}</translation>
    </message>
    <message>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>Lấy thư về sổ văn bản đến</source>
        <translation>Fetch mail into the incoming register</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Hộp thư đi</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>Lưu tài khoản</source>
        <translation>Save the account</translation>
    </message>
    <message>
        <source>Thử kết nối</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <source>Tài khoản thư</source>
        <translation>Mail account</translation>
    </message>
    <message>
        <source>Đơn vị chưa có tài khoản thư công vụ: hãy điền ở thẻ "Tài khoản thư".</source>
        <translation>The unit has no official mail account yet: fill it in on the "Mail account" tab.</translation>
    </message>
    <message>
        <source>Gửi từ {address}. Chờ gửi: {waiting}; bị từ chối: {refused} (lý do ở cột cuối).</source>
        <translation>Sending from {address}. Waiting: {waiting}; refused: {refused} (the reason is in the last column).</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi.</source>
        <translation>Unexpected error.</translation>
    </message>
    <message>
        <source>Đã gửi {sent}, bị từ chối {refused}, hẹn gửi lại {deferred}.</source>
        <translation>Sent {sent}, refused {refused}, to retry {deferred}.</translation>
    </message>
    <message>
        <source>{n} thư mới: vào sổ {reg}, đã có trong sổ {dup}, bỏ qua {skip}.</source>
        <translation>{n} new messages: registered {reg}, already in the register {dup}, skipped {skip}.</translation>
    </message>
    <message>
        <source>Đã lưu tài khoản thư.</source>
        <translation>Mail account saved.</translation>
    </message>
    <message>
        <source>Đang thử kết nối…</source>
        <translation>Testing the connection…</translation>
    </message>
</context>
<context>
    <name>MailQueue</name>
    <message>
        <source>Người nhận</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Tiêu đề</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Lần thử</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Lúc</source>
        <translation>At</translation>
    </message>
    <message>
        <source>Máy chủ trả lời</source>
        <translation>Server's answer</translation>
    </message>
    <message>
        <source>chờ gửi</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>đã gửi</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>bị từ chối</source>
        <translation>refused</translation>
    </message>
</context>
<context>
    <name>RsvpDialog</name>
    <message>
        <source>Xác nhận tham dự</source>
        <translation>Confirm attendance</translation>
    </message>
    <message>
        <source>Người được mời</source>
        <translation>Invitee</translation>
    </message>
    <message>
        <source>Dự họp</source>
        <translation>Attending</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Cử người dự thay</source>
        <translation>Send a deputy</translation>
    </message>
    <message>
        <source>Lý do vắng mặt, hoặc ghi chú</source>
        <translation>Reason for absence, or a note</translation>
    </message>
    <message>
        <source>Người dự thay</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>Lý do / ghi chú</source>
        <translation>Reason / note</translation>
    </message>
    <message>
        <source>Gửi xác nhận</source>
        <translation>Send the answer</translation>
    </message>
    <message>
        <source>Các câu trả lời đã nhận:</source>
        <translation>Answers received:</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Đã ghi: {line}</source>
        <translation>Recorded: {line}</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi.</source>
        <translation>Unexpected error.</translation>
    </message>
</context>
<context>
    <name>Stamps</name>
    <message>
        <source>Chữ ký và con dấu…</source>
        <translation>Signatures and seals…</translation>
    </message>
    <message>
        <source>Ảnh chữ ký của từng người và ảnh con dấu của từng đơn vị</source>
        <translation>Each person's signature image and each unit's seal image</translation>
    </message>
    <message>
        <source>Hãy mở kho dữ liệu trước.</source>
        <translation>Open a store first.</translation>
    </message>
</context>
<context>
    <name>StampPanel</name>
    <message>
        <source>Đặt ảnh…</source>
        <translation>Set image…</translation>
    </message>
    <message>
        <source>Xóa ảnh</source>
        <translation>Remove image</translation>
    </message>
    <message>
        <source>Thay ảnh…</source>
        <translation>Replace image…</translation>
    </message>
    <message>
        <source>(chưa có ảnh)</source>
        <translation>(no image)</translation>
    </message>
    <message>
        <source>Khi ký sẽ không có ảnh, chỉ có chữ ký số và dòng chữ.</source>
        <translation>Signatures will carry no image, only the digital signature and its text.</translation>
    </message>
    <message>
        <source>{w}×{h} điểm ảnh</source>
        <translation>{w}×{h} pixels</translation>
    </message>
    <message>
        <source>, {dpi:.0f} dpi, rộng {mm:.0f} mm</source>
        <translation>, {dpi:.0f} dpi, {mm:.0f} mm across</translation>
    </message>
    <message>
        <source>, {dpi:.0f} dpi</source>
        <translation>, {dpi:.0f} dpi</translation>
    </message>
    <message>
        <source>Chọn ảnh PNG nền trong suốt</source>
        <translation>Choose a PNG with a transparent background</translation>
    </message>
    <message>
        <source>Ảnh PNG (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Đã lưu {what} của {who}.</source>
        <translation>Saved the {what} of {who}.</translation>
    </message>
    <message>
        <source>Đã xóa {what} của {who}.</source>
        <translation>Removed the {what} of {who}.</translation>
    </message>
    <message>
        <source>ảnh chữ ký</source>
        <translation>signature image</translation>
    </message>
    <message>
        <source>ảnh con dấu</source>
        <translation>seal image</translation>
    </message>
    <message>
        <source>theo ảnh quét</source>
        <translation>from the scan</translation>
    </message>
    <message>
        <source>Đo trên con dấu thật; dùng khi ảnh PNG không ghi độ phân giải (ảnh quét ở 100 % thì đã ghi). Không nhập: {mm:g} mm.</source>
        <translation>Measured on the real seal; used when the PNG does not record its resolution (a scan at 100 % does). Not given: {mm:g} mm.</translation>
    </message>
    <message>
        <source>Đường kính con dấu:</source>
        <translation>Seal diameter:</translation>
    </message>
    <message>
        <source>Đóng dấu rộng {mm:g} mm (mặc định: ảnh không ghi độ phân giải, chưa nhập đường kính).</source>
        <translation>Stamped {mm:g} mm across (the default: the image records no resolution and no diameter was given).</translation>
    </message>
    <message>
        <source>Đóng dấu rộng {mm:.1f} mm (đường kính đã nhập).</source>
        <translation>Stamped {mm:.1f} mm across (the diameter given).</translation>
    </message>
    <message>
        <source>Đóng dấu rộng {mm:.1f} mm (theo độ phân giải của ảnh quét).</source>
        <translation>Stamped {mm:.1f} mm across (from the scan's resolution).</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi.</source>
        <translation>Unexpected error.</translation>
    </message>
</context>
<context>
    <name>StampsDialog</name>
    <message>
        <source>Chữ ký và con dấu</source>
        <translation>Signatures and seals</translation>
    </message>
    <message>
        <source>Ảnh chữ ký của người ký</source>
        <translation>Signer's signature image</translation>
    </message>
    <message>
        <source>Người</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Ảnh con dấu của đơn vị</source>
        <translation>Unit's seal image</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Ảnh PNG nền trong suốt, quét ở 300 dpi. Ảnh chữ ký được đặt giữa chức vụ và họ tên khi người đó ký; ảnh con dấu được đóng đúng kích thước thật khi văn thư phát hành.</source>
        <translation>A PNG with a transparent background, scanned at 300 dpi. The signature image is placed between the title and the name when that person signs; the seal image is stamped at its real size when the clerk releases a document.</translation>
    </message>
</context>
<context>
    <name>OpinionsSheet</name>
    <message>
        <source>Phiếu lấy ý kiến</source>
        <translation>Written opinions</translation>
    </message>
    <message>
        <source>Ý kiến thêm (không bắt buộc)</source>
        <translation>Further comment (optional)</translation>
    </message>
    <message>
        <source>Gửi ý kiến</source>
        <translation>Send my answer</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đã trả lời: {option}</source>
        <translation>Answered: {option}</translation>
    </message>
    <message>
        <source>Chưa trả lời</source>
        <translation>Not answered yet</translation>
    </message>
    <message>
        <source>Không có phiếu lấy ý kiến nào đang chờ bạn.</source>
        <translation>No written opinion is waiting for you.</translation>
    </message>
    <message>
        <source>{unit} · hạn trả lời {when}</source>
        <translation>{unit} · answer by {when}</translation>
    </message>
    <message>
        <source>Sửa ý kiến</source>
        <translation>Change my answer</translation>
    </message>
    <message>
        <source>Hãy chọn một phương án trước khi gửi.</source>
        <translation>Choose an option before sending.</translation>
    </message>
    <message>
        <source>Đã ghi ý kiến của bạn: {option}.</source>
        <translation>Your answer was recorded: {option}.</translation>
    </message>
</context>
<context>
    <name>OpinionsLink</name>
    <message>
        <source>{n} phiếu lấy ý kiến chờ bạn trả lời</source>
        <translation>{n} written opinion(s) waiting for your answer</translation>
    </message>
    <message>
        <source>Phiếu lấy ý kiến ({n})</source>
        <translation>Written opinions ({n})</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Hủy văn bản đã phát hành</source>
        <translation>Cancel a released document</translation>
    </message>
    <message>
        <source>Số {symbol} vẫn giữ trong sổ, ghi là đã hủy, và không cấp lại cho văn bản khác.</source>
        <translation>Number {symbol} stays in the register, marked cancelled, and is never given to another document.</translation>
    </message>
    <message>
        <source>Lý do hủy</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>Góp ý dự thảo</source>
        <translation>Comment on the draft</translation>
    </message>
    <message>
        <source>Ý kiến về phiên bản {n} (phiên bản hiện tại).</source>
        <translation>Comment on version {n} (the current version).</translation>
    </message>
    <message>
        <source>Nội dung góp ý</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Nhất trí với dự thảo này</source>
        <translation>I agree with this draft</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <source>Đề nghị trả lời trước</source>
        <translation>Ask for a reply by</translation>
    </message>
    <message>
        <source>Đơn vị nhận trong kho nhận văn bản với hạn xử lý là ngày này</source>
        <translation>Recipient units in the store receive the document with this date as its deadline</translation>
    </message>
    <message>
        <source>Độ mật; hạn báo cáo</source>
        <translation>Classification; reply by</translation>
    </message>
    <message>
        <source>Soạn văn bản đi</source>
        <translation>Draft an outgoing document</translation>
    </message>
    <message>
        <source>Tệp PDF dự thảo</source>
        <translation>Draft PDF</translation>
    </message>
    <message>
        <source>Chọn dự thảo</source>
        <translation>Choose the draft</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Loại văn bản</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Trích yếu nội dung, ví dụ: Về việc ban hành Kế hoạch…</source>
        <translation>Subject, e.g. On issuing the plan…</translation>
    </message>
    <message>
        <source>Trích yếu</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Đơn vị soạn thảo</source>
        <translation>Drafting unit</translation>
    </message>
    <message>
        <source>Người ký, hình thức ký</source>
        <translation>Signer, signing form</translation>
    </message>
    <message>
        <source>Mã đơn vị hoặc tên, cách nhau bằng dấu ;</source>
        <translation>Unit codes or names, separated by ;</translation>
    </message>
    <message>
        <source>Nơi nhận</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Xin ý kiến của</source>
        <translation>Ask for comments from</translation>
    </message>
    <message>
        <source>Cơ quan của đơn vị soạn thảo</source>
        <translation>The drafting unit’s body</translation>
    </message>
    <message>
        <source>Ban, hội đồng tư vấn ban hành văn bản có sổ và số riêng</source>
        <translation>An advisory board or council issuing documents has its own register and numbers</translation>
    </message>
    <message>
        <source>Cơ quan ban hành</source>
        <translation>Issuing body</translation>
    </message>
</context>
<context>
    <name>OutgoingActions</name>
    <message>
        <source>Soạn văn bản đi…</source>
        <translation>Draft outgoing…</translation>
    </message>
    <message>
        <source>Xin ý kiến…</source>
        <translation>Ask for review…</translation>
    </message>
    <message>
        <source>Góp ý…</source>
        <translation>Comment…</translation>
    </message>
    <message>
        <source>Sửa dự thảo…</source>
        <translation>Revise draft…</translation>
    </message>
    <message>
        <source>Duyệt</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Ký số…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <source>Cấp số, phát hành…</source>
        <translation>Number and release…</translation>
    </message>
    <message>
        <source>Hủy phát hành…</source>
        <translation>Cancel release…</translation>
    </message>
    <message>
        <source>Xuất tệp…</source>
        <translation>Export file…</translation>
    </message>
    <message>
        <source>Mở tệp</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <source>Đang kiểm tra tệp PDF…</source>
        <translation>Checking the PDF…</translation>
    </message>
    <message>
        <source>Đang lưu dự thảo…</source>
        <translation>Storing the draft…</translation>
    </message>
    <message>
        <source>Đã tạo dự thảo “{subject}”.</source>
        <translation>Draft “{subject}” created.</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Đã gửi dự thảo xin ý kiến.</source>
        <translation>The draft was sent for review.</translation>
    </message>
    <message>
        <source>Đã ghi ý kiến góp ý.</source>
        <translation>Comment recorded.</translation>
    </message>
    <message>
        <source>Đang lưu phiên bản mới…</source>
        <translation>Storing the new version…</translation>
    </message>
    <message>
        <source>Đã lưu phiên bản mới của dự thảo.</source>
        <translation>The new version of the draft was stored.</translation>
    </message>
    <message>
        <source>Đang tìm khối chữ ký…</source>
        <translation>Finding the signature block…</translation>
    </message>
    <message>
        <source>Đang duyệt và thêm ô ký…</source>
        <translation>Approving and adding the signature fields…</translation>
    </message>
    <message>
        <source>Đã duyệt “{subject}”; văn bản chờ người có thẩm quyền ký.</source>
        <translation>“{subject}” approved; it waits for the competent signer.</translation>
    </message>
    <message>
        <source>Văn thư (chữ ký số của cơ quan)</source>
        <translation>Records clerk (the organisation’s signature)</translation>
    </message>
    <message>
        <source>Đang mở khóa ký…</source>
        <translation>Opening the signing key…</translation>
    </message>
    <message>
        <source>Đang ký số và lưu phiên bản mới…</source>
        <translation>Signing and storing the new version…</translation>
    </message>
    <message>
        <source>Đã ký số “{subject}”; văn bản chờ văn thư phát hành.</source>
        <translation>“{subject}” signed; it waits for the records clerk to release it.</translation>
    </message>
    <message>
        <source>Đang cấp số, ký số của cơ quan và gửi đi…</source>
        <translation>Numbering, signing as the organisation and dispatching…</translation>
    </message>
    <message>
        <source>Đã phát hành văn bản số {symbol}.</source>
        <translation>Document {symbol} released.</translation>
    </message>
    <message>
        <source>Đã hủy văn bản số {symbol}; số này không cấp lại.</source>
        <translation>Document {symbol} cancelled; the number is never given again.</translation>
    </message>
    <message>
        <source>Xuất văn bản đã phát hành</source>
        <translation>Export the released document</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Đã ghi {path}, đúng như đã phát hành.</source>
        <translation>Wrote {path}, exactly as released.</translation>
    </message>
</context>
<context>
    <name>OutgoingDialogs</name>
    <message>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
</context>
<context>
    <name>OutgoingPage</name>
    <message>
        <source>sửa hạn báo cáo, trả lời</source>
        <translation>reply deadline changed</translation>
    </message>
    <message>
        <source>Hạn báo cáo, trả lời</source>
        <translation>Reply deadline</translation>
    </message>
    <message>
        <source>dự thảo</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>đang xin ý kiến</source>
        <translation>in review</translation>
    </message>
    <message>
        <source>đã duyệt, chờ ký</source>
        <translation>approved, waiting for signature</translation>
    </message>
    <message>
        <source>đã ký, chờ phát hành</source>
        <translation>signed, waiting for release</translation>
    </message>
    <message>
        <source>đã phát hành</source>
        <translation>released</translation>
    </message>
    <message>
        <source>đã hủy phát hành</source>
        <translation>release cancelled</translation>
    </message>
    <message>
        <source>dự thảo sửa theo ý kiến</source>
        <translation>draft revised after comments</translation>
    </message>
    <message>
        <source>ô ký, ô số và ngày</source>
        <translation>signature, number and date fields</translation>
    </message>
    <message>
        <source>chữ ký của người có thẩm quyền</source>
        <translation>the competent signer’s signature</translation>
    </message>
    <message>
        <source>số và ngày ban hành</source>
        <translation>number and release date</translation>
    </message>
    <message>
        <source>chữ ký số của cơ quan</source>
        <translation>the organisation’s digital signature</translation>
    </message>
    <message>
        <source>soạn dự thảo</source>
        <translation>drafted</translation>
    </message>
    <message>
        <source>xin ý kiến</source>
        <translation>asked for review</translation>
    </message>
    <message>
        <source>góp ý</source>
        <translation>commented</translation>
    </message>
    <message>
        <source>sửa dự thảo</source>
        <translation>revised the draft</translation>
    </message>
    <message>
        <source>duyệt, thêm ô ký</source>
        <translation>approved, signature fields added</translation>
    </message>
    <message>
        <source>ký số</source>
        <translation>signed</translation>
    </message>
    <message>
        <source>cấp số, phát hành</source>
        <translation>numbered and released</translation>
    </message>
    <message>
        <source>gửi tới nơi nhận</source>
        <translation>dispatched to the recipients</translation>
    </message>
    <message>
        <source>đã chuyển vào sổ đến của đơn vị nhận</source>
        <translation>delivered to the recipients’ incoming registers</translation>
    </message>
    <message>
        <source>chuyển tới đơn vị nhận không thành</source>
        <translation>delivery to the recipient units failed</translation>
    </message>
    <message>
        <source>hủy phát hành</source>
        <translation>release cancelled</translation>
    </message>
    <message>
        <source>Số, ký hiệu</source>
        <translation>Number, symbol</translation>
    </message>
    <message>
        <source>chưa cấp số</source>
        <translation>not numbered yet</translation>
    </message>
    <message>
        <source>Ngày ban hành</source>
        <translation>Release date</translation>
    </message>
    <message>
        <source>Loại văn bản</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cơ quan ban hành</source>
        <translation>Issuing body</translation>
    </message>
    <message>
        <source>Đơn vị soạn thảo</source>
        <translation>Drafting unit</translation>
    </message>
    <message>
        <source>Người soạn thảo</source>
        <translation>Drafter</translation>
    </message>
    <message>
        <source>Người ký</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Độ mật</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Người góp ý</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <source>Nơi nhận</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Các phiên bản</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Ý kiến góp ý</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Về phiên bản {n}</source>
        <translation>On version {n}</translation>
    </message>
    <message>
        <source>nhất trí</source>
        <translation>agrees</translation>
    </message>
    <message>
        <source>đã tiếp thu ở phiên bản {n}: {answer}</source>
        <translation>answered in version {n}: {answer}</translation>
    </message>
    <message>
        <source>chưa tiếp thu</source>
        <translation>not answered yet</translation>
    </message>
    <message>
        <source>Chưa có ý kiến nào.</source>
        <translation>No comments yet.</translation>
    </message>
    <message>
        <source>Gửi đi</source>
        <translation>Sent to</translation>
    </message>
    <message>
        <source>trong kho</source>
        <translation>in this store</translation>
    </message>
    <message>
        <source>ngoài kho (bưu chính, thư điện tử)</source>
        <translation>outside the store (post, e-mail)</translation>
    </message>
    <message>
        <source>chờ gửi</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <source>đã vào sổ đến của đơn vị nhận</source>
        <translation>in the recipient’s incoming register</translation>
    </message>
    <message>
        <source>Ở các đơn vị nhận: vào sổ {r}/{u}, đã giao {a}, đã trả lời {n}</source>
        <translation>At the recipient units: registered {r}/{u}, assigned {a}, answered {n}</translation>
    </message>
    <message>
        <source>Lịch sử</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Bước tiếp theo</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>người soạn thảo xin ý kiến, hoặc người ký/lãnh đạo duyệt</source>
        <translation>the drafter asks for review, or the signer or a leader approves</translation>
    </message>
    <message>
        <source>người được mời góp ý; người soạn thảo tiếp thu bằng phiên bản mới</source>
        <translation>the reviewers comment; the drafter answers with a new version</translation>
    </message>
    <message>
        <source>{signer} ký số</source>
        <translation>{signer} signs</translation>
    </message>
    <message>
        <source>văn thư cấp số, ký số của cơ quan và phát hành</source>
        <translation>the records clerk numbers it, signs as the organisation and releases it</translation>
    </message>
    <message>
        <source>không còn (có thể xuất tệp đã phát hành)</source>
        <translation>none (the released file can be exported)</translation>
    </message>
    <message>
        <source>không còn; số đã cấp không dùng lại</source>
        <translation>none; its number is never used again</translation>
    </message>
    <message>
        <source>Chữ ký số của phiên bản {n}</source>
        <translation>Digital signatures of version {n}</translation>
    </message>
    <message>
        <source>đang kiểm tra…</source>
        <translation>checking…</translation>
    </message>
    <message>
        <source>hợp lệ</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>KHÔNG hợp lệ</source>
        <translation>NOT valid</translation>
    </message>
    <message>
        <source>chưa kiểm tra được</source>
        <translation>could not be verified</translation>
    </message>
    <message>
        <source>không có chữ ký số</source>
        <translation>no digital signature</translation>
    </message>
    <message>
        <source>{organisation} (văn thư {clerk})</source>
        <translation>{organisation} (clerk {clerk})</translation>
    </message>
    <message>
        <source>chữ ký số của cơ quan, kèm hình con dấu</source>
        <translation>the organisation's digital signature, with the seal image</translation>
    </message>
</context>
<context>
    <name>PlacementDialog</name>
    <message>
        <source>Chọn vị trí chữ ký</source>
        <translation>Place the signature</translation>
    </message>
    <message>
        <source>Không tự đặt được ô chữ ký: {problem}</source>
        <translation>The signature field could not be placed by itself: {problem}</translation>
    </message>
    <message>
        <source>Kéo chuột trên trang để vẽ ô chữ ký của người ký vào chỗ trống của khối chữ ký. Con dấu của cơ quan, đúng kích thước thật, đóng trùm lên một phần ba bên trái chữ ký (nét đứt) và không được che chữ.</source>
        <translation>Drag on the page to draw the signer’s field in the empty space of the signature block. The organisation’s seal, at its real size, goes over the left third of the signature (dashed) and must not cover any text.</translation>
    </message>
    <message>
        <source>Trang </source>
        <translation>Page </translation>
    </message>
    <message>
        <source> / {n}</source>
        <translation> / {n}</translation>
    </message>
    <message>
        <source>Duyệt với vị trí này</source>
        <translation>Approve with this place</translation>
    </message>
    <message>
        <source>Đang kiểm tra vị trí…</source>
        <translation>Checking the place…</translation>
    </message>
    <message>
        <source>Vị trí này không che chữ và đủ chỗ cho chữ ký.</source>
        <translation>This place covers no text and has room for the signature.</translation>
    </message>
</context>
<context>
    <name>ReviewersDialog</name>
    <message>
        <source>Xin ý kiến góp ý dự thảo</source>
        <translation>Ask for comments on the draft</translation>
    </message>
    <message>
        <source>Người góp ý</source>
        <translation>Reviewers</translation>
    </message>
</context>
<context>
    <name>ReviseDialog</name>
    <message>
        <source>Phiên bản mới của dự thảo</source>
        <translation>New version of the draft</translation>
    </message>
    <message>
        <source>Tệp PDF mới</source>
        <translation>New PDF</translation>
    </message>
    <message>
        <source>Chọn dự thảo đã sửa</source>
        <translation>Choose the revised draft</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Ý kiến chưa tiếp thu</source>
        <translation>Comments not yet answered</translation>
    </message>
    <message>
        <source>Đã tiếp thu, giải trình các ý kiến thế nào</source>
        <translation>How the comments were taken in or answered</translation>
    </message>
    <message>
        <source>Tiếp thu, giải trình</source>
        <translation>Answer to the comments</translation>
    </message>
</context>
<context>
    <name>StampKeyDialog</name>
    <message>
        <source>Ảnh con dấu (PNG nền trong, màu đỏ)</source>
        <translation>Seal image (PNG, transparent, red)</translation>
    </message>
    <message>
        <source>Ảnh chữ ký tay (PNG nền trong, màu xanh)</source>
        <translation>Handwritten signature image (PNG, transparent, blue)</translation>
    </message>
    <message>
        <source>Chọn ảnh</source>
        <translation>Choose the image</translation>
    </message>
    <message>
        <source>Ảnh PNG (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Ảnh con dấu:</source>
        <translation>Seal image:</translation>
    </message>
    <message>
        <source>Ảnh chữ ký:</source>
        <translation>Signature image:</translation>
    </message>
</context>
<context>
    <name>ErrorLine</name>
    <message>
        <source>Đã có lỗi không mong đợi; thao tác chưa hoàn thành. Hãy thử lại; nếu lỗi lặp lại, báo cho bộ phận kỹ thuật (chi tiết đã được ghi vào nhật ký).</source>
        <translation>Something unexpected went wrong; the action was not completed. Try again; if it happens again, tell the technical staff (the details were written to the log).</translation>
    </message>
    <message>
        <source>Chi tiết…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>InvitationMailButton</name>
    <message>
        <source>Gửi giấy mời qua thư…</source>
        <translation>Mail the invitation…</translation>
    </message>
    <message>
        <source>Gửi giấy mời đã ký tới từng người được mời có địa chỉ thư, kèm lịch họp (.ics)</source>
        <translation>Send the signed invitation to every invitee with an e-mail address, with the meeting as a calendar event (.ics)</translation>
    </message>
    <message>
        <source>Gửi giấy mời qua thư</source>
        <translation>Mail the invitation</translation>
    </message>
    <message>
        <source>Xếp giấy mời đã ký vào hộp thư đi của đơn vị: mỗi người được mời có địa chỉ thư nhận một thư kèm tệp PDF đã ký và lịch họp (.ics). Tiếp tục?</source>
        <translation>Put the signed invitation in the unit's outgoing mail: every invitee with an e-mail address gets a message with the signed PDF and the meeting as a calendar event (.ics). Continue?</translation>
    </message>
    <message>
        <source>Đã xếp {n} thư giấy mời vào hộp thư đi; gửi ở Tệp → Thư công vụ… → “Gửi ngay”.</source>
        <translation>Queued {n} invitation message(s); send them in File → Official mail… → “Send now”.</translation>
    </message>
    <message>
        <source>Không gửi được cho: {who}.</source>
        <translation>Not sent to: {who}.</translation>
    </message>
</context>
<context>
    <name>WhoAmI</name>
    <message>
        <source>Tôi là…</source>
        <translation>I am…</translation>
    </message>
    <message>
        <source>Chọn mình và chứng minh bằng mã PIN hoặc tài khoản máy</source>
        <translation>Choose yourself and prove it with your PIN or this computer's account</translation>
    </message>
</context>
<context>
    <name>WhoAmIDialog</name>
    <message>
        <source>Tôi là</source>
        <translation>I am</translation>
    </message>
    <message>
        <source>Mã PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Tài khoản máy này ({account})</source>
        <translation>This computer's account ({account})</translation>
    </message>
    <message>
        <source>Nhập lại mã PIN:</source>
        <translation>PIN again:</translation>
    </message>
    <message>
        <source>Tôi là:</source>
        <translation>I am:</translation>
    </message>
    <message>
        <source>Chứng minh bằng:</source>
        <translation>Prove it with:</translation>
    </message>
    <message>
        <source>Mã PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>Nhập mã PIN của mình.</source>
        <translation>Enter your PIN.</translation>
    </message>
    <message>
        <source>Lần đầu: đặt mã PIN ít nhất 6 chữ số; chỉ lưu dạng băm, không ai đọc được.</source>
        <translation>First time: set a PIN of at least 6 digits; only its hash is kept, nobody can read it.</translation>
    </message>
    <message>
        <source>Tài khoản máy này đã gắn với bạn.</source>
        <translation>This computer's account is already bound to you.</translation>
    </message>
    <message>
        <source>Từ nay ai đăng nhập máy bằng tài khoản này là bạn, không cần mã PIN{pin}.</source>
        <translation>From now on whoever logs in to this computer with this account is you, with no PIN{pin}.</translation>
    </message>
    <message>
        <source> (nhập mã PIN hiện có để xác nhận)</source>
        <translation> (enter your current PIN to confirm)</translation>
    </message>
    <message>
        <source>Hãy chọn mình trong danh sách.</source>
        <translation>Choose yourself in the list.</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Chức vụ</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Roles</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <source>Cán bộ và vai trò…</source>
        <translation>People and roles…</translation>
    </message>
    <message>
        <source>Cán bộ và vai trò</source>
        <translation>People and roles</translation>
    </message>
    <message>
        <source>Thêm cán bộ</source>
        <translation>Add a person</translation>
    </message>
    <message>
        <source>Giao vai trò cho người đang chọn</source>
        <translation>Give the role to the selected person</translation>
    </message>
    <message>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <source>Chức vụ:</source>
        <translation>Position:</translation>
    </message>
    <message>
        <source>Đơn vị công tác:</source>
        <translation>Works in:</translation>
    </message>
    <message>
        <source>Thư điện tử:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>tại</source>
        <translation>in</translation>
    </message>
    <message>
        <source>Hãy chọn một người trong bảng trước.</source>
        <translation>Select a person in the table first.</translation>
    </message>
    <message>
        <source>Sửa người đang chọn…</source>
        <translation>Edit the selected person…</translation>
    </message>
</context>
<context>
    <name>UnitsModel</name>
    <message>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Cấp</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Địa danh</source>
        <translation>Place name</translation>
    </message>
    <message>
        <source>Kết thúc</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Đã kết thúc hoạt động từ {day}.</source>
        <translation>Ended on {day}.</translation>
    </message>
    <message>
        <source>Đơn vị kế thừa: {name}.</source>
        <translation>Successor: {name}.</translation>
    </message>
</context>
<context>
    <name>UnitsDialog</name>
    <message>
        <source>Đơn vị…</source>
        <translation>Units…</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Thêm đơn vị</source>
        <translation>Add a unit</translation>
    </message>
    <message>
        <source>Mã:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Tên:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Loại:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Đơn vị cấp trên:</source>
        <translation>Parent unit:</translation>
    </message>
    <message>
        <source>Cấp:</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>Tên chính thức:</source>
        <translation>Official name:</translation>
    </message>
    <message>
        <source>Địa danh (dòng ngày tháng):</source>
        <translation>Place name (date line):</translation>
    </message>
    <message>
        <source>Chữ viết tắt:</source>
        <translation>Abbreviation:</translation>
    </message>
    <message>
        <source>(không có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>(theo đơn vị cấp trên)</source>
        <translation>(from the parent unit)</translation>
    </message>
    <message>
        <source>Sửa…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Chuyển…</source>
        <translation>Move…</translation>
    </message>
    <message>
        <source>Hợp nhất…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <source>Giải thể…</source>
        <translation>Dissolve…</translation>
    </message>
    <message>
        <source>Hãy chọn một đơn vị trong bảng trước.</source>
        <translation>Choose a unit in the table first.</translation>
    </message>
    <message>
        <source>'{name}' đã kết thúc hoạt động từ {day}; chỉ xem được, không sửa hay sắp xếp được nữa.</source>
        <translation>'{name}' ended on {day}; it can be viewed, no longer edited or reorganised.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Đổi người trong Tệp → Tôi là… (cần mã PIN hoặc tài khoản máy)</source>
        <translation>Change the person under File → I am… (needs their PIN or computer account)</translation>
    </message>
</context>
<context>
    <name>DecisionFields</name>
    <message>
        <source>Nghị quyết số 1680/NQ-UBTVQH15 ngày 16/6/2025</source>
        <translation>Resolution No. 1680/NQ-UBTVQH15 of 16/6/2025</translation>
    </message>
    <message>
        <source>Có hiệu lực từ ngày:</source>
        <translation>Effective from:</translation>
    </message>
    <message>
        <source>Theo quyết định:</source>
        <translation>Under decision:</translation>
    </message>
</context>
<context>
    <name>DissolveDialog</name>
    <message>
        <source>Giải thể đơn vị: {name}</source>
        <translation>Dissolve unit: {name}</translation>
    </message>
    <message>
        <source>(không có)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Đơn vị kế thừa:</source>
        <translation>Successor unit:</translation>
    </message>
    <message>
        <source>Xác nhận giải thể</source>
        <translation>Confirm dissolution</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Hợp nhất đơn vị</source>
        <translation>Merge units</translation>
    </message>
    <message>
        <source>Các đơn vị được hợp nhất:</source>
        <translation>Units merged:</translation>
    </message>
    <message>
        <source>Đơn vị kế thừa:</source>
        <translation>Successor unit:</translation>
    </message>
    <message>
        <source>Xác nhận hợp nhất</source>
        <translation>Confirm merge</translation>
    </message>
    <message>
        <source>Các đơn vị được chọn kết thúc hoạt động; đơn vị kế thừa nhận cán bộ và công việc. Nếu đơn vị kế thừa là đơn vị mới, hãy thêm nó trước ở biểu mẫu 'Thêm đơn vị'.</source>
        <translation>The units ticked end; the successor takes over their people and work. If the successor is a new unit, add it first with the 'Add unit' form.</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Chuyển đơn vị: {name}</source>
        <translation>Move unit: {name}</translation>
    </message>
    <message>
        <source>(giữ cấp hiện tại)</source>
        <translation>(keep its level)</translation>
    </message>
    <message>
        <source>Cấp mới:</source>
        <translation>New level:</translation>
    </message>
    <message>
        <source>Đơn vị cấp trên mới:</source>
        <translation>New parent unit:</translation>
    </message>
    <message>
        <source>Chuyển</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Chỉ có các đơn vị mà hệ thống cấp cho phép làm cấp trên.</source>
        <translation>Only the units the level scheme allows as parent are offered.</translation>
    </message>
    <message>
        <source>(không có đơn vị cấp trên phù hợp)</source>
        <translation>(no suitable parent unit)</translation>
    </message>
</context>
<context>
    <name>PersonEditDialog</name>
    <message>
        <source>Sửa cán bộ: {name}</source>
        <translation>Edit person: {name}</translation>
    </message>
    <message>
        <source>Đang công tác</source>
        <translation>Currently working</translation>
    </message>
    <message>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <source>Chức vụ:</source>
        <translation>Position:</translation>
    </message>
    <message>
        <source>Đơn vị công tác:</source>
        <translation>Works in:</translation>
    </message>
    <message>
        <source>Thư điện tử:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <source>Kết thúc vai trò đang chọn</source>
        <translation>End the selected role</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>Kết thúc từ ngày:</source>
        <translation>Ends on:</translation>
    </message>
    <message>
        <source>(đến {day})</source>
        <translation>(until {day})</translation>
    </message>
    <message>
        <source>Hãy chọn một vai trò đang giữ trong danh sách trước.</source>
        <translation>Choose a role still held in the list first.</translation>
    </message>
</context>
<context>
    <name>ReorganiseDialog</name>
    <message>
        <source>Xem trước…</source>
        <translation>Preview…</translation>
    </message>
    <message>
        <source>{people} cán bộ ({roles} vai trò), {units} đơn vị trực thuộc, {meetings} cuộc họp chưa diễn ra, {tasks} nhiệm vụ đang mở</source>
        <translation>{people} people ({roles} roles), {units} units beneath, {meetings} meetings not yet held, {tasks} open tasks</translation>
    </message>
    <message>
        <source>Từ ngày {day}, {names} kết thúc hoạt động, không có đơn vị kế thừa. Đơn vị này còn: {what}.</source>
        <translation>From {day}, {names} ends, with no successor. It still holds: {what}.</translation>
    </message>
    <message>
        <source>Từ ngày {day}, {names} kết thúc hoạt động. Chuyển sang {successor}: {what}.</source>
        <translation>From {day}, {names} end. Moving to {successor}: {what}.</translation>
    </message>
    <message>
        <source>Cuộc họp, văn bản và chữ ký đã có vẫn thuộc đơn vị cũ và giữ tên cũ như lúc đó; lịch sử không bị xóa. Nhấn “{ok}” để thực hiện.</source>
        <translation>Meetings, papers and signatures made so far stay with the old unit under its name as it was; history is not erased. Press “{ok}” to go ahead.</translation>
    </message>
</context>
<context>
    <name>UnitEditDialog</name>
    <message>
        <source>Sửa đơn vị: {name}</source>
        <translation>Edit unit: {name}</translation>
    </message>
    <message>
        <source>Mã:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Tên:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Tên chính thức:</source>
        <translation>Official name:</translation>
    </message>
    <message>
        <source>Tên viết gọn:</source>
        <translation>Short name:</translation>
    </message>
    <message>
        <source>Địa danh (dòng ngày tháng):</source>
        <translation>Place name (date line):</translation>
    </message>
    <message>
        <source>Chữ viết tắt:</source>
        <translation>Abbreviation:</translation>
    </message>
    <message>
        <source>Mã định danh:</source>
        <translation>Identifier code:</translation>
    </message>
    <message>
        <source>Đổi tên theo quyết định (văn bản trước ngày hiệu lực giữ tên cũ)</source>
        <translation>Rename by decision (papers before the effective date keep the old names)</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Chưa biết bạn là ai trong kho này: chọn Tệp → Tôi là… để đặt mã PIN hoặc gắn tài khoản máy.</source>
        <translation>Who you are in this store is not known yet: choose File → I am… to set a PIN or bind your computer account.</translation>
    </message>
</context>
<context>
    <name>DemoProgressDialog</name>
    <message>
        <source>Tạo dữ liệu mẫu</source>
        <translation>Creating demo data</translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu mẫu Quảng Trị: đơn vị, cán bộ, cuộc họp, một năm văn bản đi và sổ văn bản đến của tỉnh và hai phường. Việc này mất khoảng một phút.</source>
        <translation>Making the Quảng Trị demo data: units, officials, meetings, a year of outgoing documents and the incoming registers of the province and two wards. This takes about a minute.</translation>
    </message>
    <message>
        <source>Đang chuẩn bị…</source>
        <translation>Getting ready…</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đơn vị hành chính và cán bộ…</source>
        <translation>Administrative units and officials…</translation>
    </message>
    <message>
        <source>Tạo cuộc họp mẫu…</source>
        <translation>Creating the sample meetings…</translation>
    </message>
    <message>
        <source>Ghi phiên họp tháng 11: điểm danh, biểu quyết, kết luận…</source>
        <translation>Recording the November session: attendance, votes, conclusions…</translation>
    </message>
    <message>
        <source>Tài liệu cuộc họp, khóa ký và khóa mã hóa…</source>
        <translation>Meeting papers, signing keys and encryption keys…</translation>
    </message>
    <message>
        <source>Phát hành văn bản đi của {unit}…</source>
        <translation>Releasing the outgoing documents of {unit}…</translation>
    </message>
    <message>
        <source>Ký biên bản phiên họp tháng 11…</source>
        <translation>Signing the November session's minutes…</translation>
    </message>
    <message>
        <source>Sổ văn bản đến và đi của {unit}…</source>
        <translation>Incoming and outgoing registers of {unit}…</translation>
    </message>
    <message>
        <source>Sổ văn bản đến của {unit}…</source>
        <translation>Incoming register of {unit}…</translation>
    </message>
    <message>
        <source>Đặt kho dữ liệu vào thư mục…</source>
        <translation>Putting the store into its folder…</translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu mẫu…</source>
        <translation>Making the demo data…</translation>
    </message>
    <message>
        <source>Đang dừng; phần đã tạo sẽ được xóa…</source>
        <translation>Stopping; what was made will be removed…</translation>
    </message>
    <message>
        <source>Đã hủy tạo dữ liệu mẫu: không phần nào được ghi vào {folder}; kho dữ liệu được mở, còn trống. Muốn có dữ liệu mẫu sau này: lệnh nghisu demo.</source>
        <translation>Making the demo data was cancelled: nothing of it was written to {folder}; the store is open and empty. For the demo data later: the nghisu demo command.</translation>
    </message>
</context>
</TS>
