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
| BL-E011   | ingest  | article id too long to store (over 200 chars)   |
| BL-E020   | repair  | repair failed on an article                     |
| BL-E030   | nlp     | spaCy English model not installed               |
| BL-E040   | extract | extraction failed on an article                 |
| BL-E050   | store   | database cannot be opened or migrated           |
| BL-E051   | store   | article could not be stored                     |
| BL-E052   | store   | no store there (read commands never create one) |
| BL-E060   | config  | invalid setting                                 |
| BL-E070   | cli     | invalid command-line value                      |
| BL-E080   | api     | invalid request (parameter or body)             |
| BL-E081   | api     | no such resource                                |
| BL-E082   | api     | bearer token missing                            |
| BL-E083   | api     | bearer token wrong, or writes disabled          |
| BL-E084   | api     | request body over the size limit                |
| BL-E085   | api     | request URL (path and query) over the limit     |
| BL-E086   | api     | internal error (a bug; details in the log)      |
| BL-E090   | batch   | a batch run failed (cluster, partition, output) |
| BL-E091   | batch   | directory is not a complete batch output        |
| BL-E100   | watch   | feed list unreadable, or a line not a URL       |
| BL-E101   | watch   | feed could not be fetched                       |
| BL-E102   | watch   | feed is not RSS or Atom                         |
| BL-E103   | watch   | page could not be fetched                       |
| BL-E104   | watch   | page and feed item have no usable text          |
| BL-E105   | watch   | watch state cannot be read or written           |
| BL-E106   | watch   | link not fetched (none, not http(s), internal)  |
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
IdTooLong = _coded("IdTooLong", IngestError, "BL-E011",
                   "An article's id is longer than an id may be (record.MAX_ID_CHARS).")
StoreWriteError = _coded("StoreWriteError", StoreError, "BL-E051", "An article could not be stored.")
NoSuchStore = _coded("NoSuchStore", StoreError, "BL-E052",
                     "A command that only reads was pointed at a store that does not exist.")


class ApiError(BilatError):
    """A request the HTTP API cannot serve; ``status`` is its HTTP status."""

    code = "BL-E080"
    status = 400


def _api(name: str, code: str, status: int, doc: str) -> type[ApiError]:
    return type(name, (ApiError,), {"code": code, "status": status, "__doc__": doc})


NotFound = _api("NotFound", "BL-E081", 404, "No such article, entity or event.")
Unauthorized = _api("Unauthorized", "BL-E082", 401, "No bearer token was given.")
Forbidden = _api("Forbidden", "BL-E083", 403, "The bearer token is wrong, or writes are off.")
PayloadTooLarge = _api("PayloadTooLarge", "BL-E084", 413, "The request body is too large.")
UriTooLong = _api("UriTooLong", "BL-E085", 414, "The request's path and query are too long.")
InternalError = _api("InternalError", "BL-E086", 500,
                     "An unexpected failure while answering; the server log has the details.")


class BatchError(BilatError):
    """A batch run could not finish: the cluster, a partition or the output failed."""

    code = "BL-E090"


BatchOutputError = _coded("BatchOutputError", BatchError, "BL-E091",
                          "A directory is not a complete batch output.")


class WatchError(BilatError):
    """Watching feeds: a feed, a page or the watch state failed (``bilat.watch``)."""

    code = "BL-E100"


FeedListError = _coded("FeedListError", WatchError, "BL-E100",
                       "The feed list cannot be read, or a line is not an http(s) URL.")
FeedFetchError = _coded("FeedFetchError", WatchError, "BL-E101",
                        "A feed could not be fetched (network, timeout, HTTP status).")
NotAFeed = _coded("NotAFeed", WatchError, "BL-E102", "A feed's body is not RSS or Atom.")
PageFetchError = _coded("PageFetchError", WatchError, "BL-E103",
                        "An item's page could not be fetched (network, timeout, HTTP status).")
NoUsableText = _coded("NoUsableText", WatchError, "BL-E104",
                      "Neither an item's page nor its feed entry has usable text.")
WatchStateError = _coded("WatchStateError", WatchError, "BL-E105",
                         "The watch state tables cannot be read or written.")
AddressNotAllowed = _coded("AddressNotAllowed", WatchError, "BL-E106",
                           "A link is not fetched: none, not http(s), too long, or an "
                           "internal address (loopback, private, link-local, …) outside "
                           "the listed feeds' origins.")
