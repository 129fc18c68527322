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
        <source>Kho dữ liệu còn trống: đang tạo dữ liệu mẫu tỉnh Quảng Trị (đơn vị, cán bộ, cuộc họp và tài liệu)…</source>
        <translation>The store is empty: creating the Quảng Trị demo (units, officials, meetings and documents)…</translation>
    </message>
    <message>
        <source>Tạo dữ liệu mẫu</source>
        <translation>Creating demo data</translation>
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
        <source>{n} điểm cầu đã kết nối</source>
        <translation>{n} sites connected</translation>
    </message>
    <message>
        <source>Chọn một đại biểu trong danh sách trước.</source>
        <translation>First choose a participant in the list.</translation>
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
</context>
</TS>