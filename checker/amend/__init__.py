"""Amendments: records, diffs between two versions, approvals, history and point in time.

`fwdoc amend` (checker/cli/amend.py) compares two versions of a document and judges the
amendment; `checker.amend.history` gives the publication its history table and the
document as it stood on a date.
"""
