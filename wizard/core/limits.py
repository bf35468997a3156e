"""What Vigie accepts, declared once: lengths of texts, the range of dates, the form of ids.

The answers file, the .vigie exchange file, the attachment of a PDF, the command line and the
application's fields all ask here, so that a value one door lets in is never refused (or
worse, crashes) behind another. The limits are generous: far above anything a real
assessment holds, low enough that no text can stall the report's layout.
"""

from __future__ import annotations

import re
from datetime import date

# Lengths, in characters.
ORGANISATION_NAME = 200
NAME = 200  # assessor, participant's name and role, who answered, action owner, SIRET
ADDRESS = 1_000
ACTION_TITLE = 300
TEXT = 20_000  # note, justification, evidence, action description, reason for a priority change
POSITION = 200  # the question or section shown last

# How many entries a list may hold.
PARTICIPANTS = 100
CUSTOM_ACTIONS = 500
PROCESSORS = 1_000  # a laboratory's register of processors
CLIENTS = 10_000  # a processor's register of clients
TERMS = 100  # services, data categories or sub-processors of one entry
EXCHANGES = 500  # requests of one client, or assessments received from one processor

# Dates: the assessment's date, every due date and every moment of the audit trail. Far enough
# on both sides for any real use; a due date computed from the last day stays a valid date.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)

# Files read whole before they are checked (answers file, .vigie, PDF attachment).
FILE_BYTES = 50 * 1024 * 1024
JSON_DEPTH = 20  # the formats nest 5 levels deep; deeper is a broken or hostile file
SHEET_ROWS = 5_000  # rows of a spreadsheet read back (a plan has a few hundred actions at most)

# Ids. An assessment's id is a UUID as Vigie makes it (lower-case, with hyphens); an action's id
# is the questionnaire's (t.act.contract) or a custom action's (custom-1a2b3c4d5e6f).
_ASSESSMENT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ACTION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# An entry of a register (a processor, a client): 12 lower-case hexadecimal digits.
_ENTRY_ID = re.compile(r"[0-9a-f]{12}")


def is_assessment_id(text: str) -> bool:
    return isinstance(text, str) and _ASSESSMENT_ID.fullmatch(text) is not None


def is_action_id(text: str) -> bool:
    return isinstance(text, str) and _ACTION_ID.fullmatch(text) is not None


def is_entry_id(text: str) -> bool:
    return isinstance(text, str) and _ENTRY_ID.fullmatch(text) is not None
