"""Published documents (TXT, HTML, DOCX, PDF) to report YAML.

Each format reader (`text_reader`, `html_reader`, `docx_reader`, `pdf_reader`) turns a document
into one ordered stream of `Block`s; `assemble.build` finds the title, preamble, sections,
tables and signature in that stream, whatever the format, and writes the YAML.
"""
