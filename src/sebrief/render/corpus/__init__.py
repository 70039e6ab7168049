"""Render stage, corpus report: one supplier across the questions of a corpus as a PDF
(``html.render_pdf``) and a workbook (``workbook.render_workbook``), from a ``CorpusReport``."""
