"""The "Văn bản" area of the main window: the incoming and outgoing registers, a document's page
(history, signatures, links), the person's "Việc cần xử lý", and receive, assign and done."""
