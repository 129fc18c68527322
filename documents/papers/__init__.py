"""Drawing our own papers: Decree 30 typesetting for reportlab with the shipped Vietnamese font
(``typeset``), and the PDF/A-2b declaration the numbered papers carry before they are stored and
signed (``pdfa``)."""
