"""The application's operations: the only door of the UI and the command line to the stored
assessments, the reports and the signatures.

workspace.Workspace  the data folder: list, create, re-assess, delete, backups, exchange, passphrase
session.Session      one open assessment: answers and plan edits, under the core's rules
plans                the signed PDF action plan: write, sign, verify, read back
comparing            two assessments compared, an organisation's trend, a re-assessment's evolution
merging              .vigie copies of one assessment merged into the stored one
spreadsheets         the plan and the answers as XLSX, CSV and .ics; an edited plan taken back
paper                the questionnaire on paper: blank, or pre-filled with an assessment
processors, requests the lab's register of processors; a request out, a signed response in
clients, responses   the vendor's register of clients; a request in, a signed response out, exports
"""
