"""The register book (sổ đăng ký văn bản đi / đến) of a unit and year: its rows, as a Decree 30
PDF (landscape table under the office's heading) and as an Excel workbook for the yearly handover."""
