COMMENT ON COLUMN report_versions.format IS 'pdf | html (a web page) | docx, doc, rtf, odt, xml, mht (a Word file)'
