"""bilat's exceptions: one base, one subclass per stage, every message coded.

A message names what failed, the bad value and what to do, and starts with a
stable code, e.g. ``[BL-E003] data/a.txt is empty; give a file with the article's
text``. Codes never change meaning; new ones are appended.

| code      | stage   | meaning                                         |
|-----------|---------|-------------------------------------------------|
| BL-E001   | ingest  | path does not exist                             |
| BL-E002   | ingest  | unknown file extension                          |
| BL-E003   | ingest  | empty input                                     |
| BL-E004   | ingest  | binary (not text) input                         |
| BL-E005   | ingest  | invalid UTF-8                                   |
| BL-E006   | ingest  | malformed JSON line                             |
| BL-E007   | ingest  | JSON record without usable text                 |
| BL-E008   | ingest  | HTML page without main text                     |
| BL-E009   | ingest  | input too large                                 |
| BL-E010   | ingest  | input could not be read (permissions, I/O)      |
| BL-E020   | repair  | repair failed on an article                     |
| BL-E030   | nlp     | spaCy English model not installed               |
| BL-E040   | extract | extraction failed on an article                 |
| BL-E050   | store   | database cannot be opened or migrated           |
| BL-E051   | store   | article could not be stored                     |
| BL-E060   | config  | invalid setting                                 |
| BL-E070   | cli     | invalid command-line value                      |
"""

from __future__ import annotations


class BilatError(Exception):
    """Base of every error bilat raises on purpose."""

    code = "BL-E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(f"[{self.code}] {message}")


def _coded(name: str, base: type[BilatError], code: str, doc: str) -> type[BilatError]:
    return type(name, (base,), {"code": code, "__doc__": doc})


class IngestError(BilatError):
    """An input could not be read into an Article."""


class RepairError(BilatError):
    code = "BL-E020"


class NlpError(BilatError):
    code = "BL-E030"


class ExtractError(BilatError):
    code = "BL-E040"


class StoreError(BilatError):
    code = "BL-E050"


class ConfigError(BilatError):
    code = "BL-E060"


class UsageError(BilatError):
    code = "BL-E070"


MissingPath = _coded("MissingPath", IngestError, "BL-E001", "The path does not exist.")
UnknownExtension = _coded("UnknownExtension", IngestError, "BL-E002", "No reader for the extension.")
EmptyInput = _coded("EmptyInput", IngestError, "BL-E003", "The input holds no text.")
BinaryInput = _coded("BinaryInput", IngestError, "BL-E004", "The input is not text.")
InvalidEncoding = _coded("InvalidEncoding", IngestError, "BL-E005", "The input is not UTF-8.")
MalformedJson = _coded("MalformedJson", IngestError, "BL-E006", "A JSON line does not parse.")
MissingText = _coded("MissingText", IngestError, "BL-E007", "A JSON record has no text.")
NoMainText = _coded("NoMainText", IngestError, "BL-E008", "An HTML page has no main text.")
InputTooLarge = _coded("InputTooLarge", IngestError, "BL-E009", "The input is over the size limit.")
UnreadableInput = _coded("UnreadableInput", IngestError, "BL-E010", "The input cannot be read.")
StoreWriteError = _coded("StoreWriteError", StoreError, "BL-E051", "An article could not be stored.")
