"""Renderers: the document as Markdown, HTML and PDF, and the pieces the website reuses.

prose.py turns a clause's Markdown into safe HTML with cross-references and glossary terms
linked; english.py writes each rule as an English sentence; markdown.py, html.py and pdf.py
build the publications.
"""
