"""The PDF viewer (QtPdf): pages, zoom, thumbnails, outline, search, signatures, signed revisions.

``PdfViewer`` is the widget the main window embeds; ``RenderCache`` renders pages ahead for the
tablet reader. Import from the modules (``ui.viewer.viewer``) so importing the package stays cheap.
"""
