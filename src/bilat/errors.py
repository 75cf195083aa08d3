"""bilat's exceptions: one base, one subclass per stage, every message coded.

A message names what failed, the bad value and what to do, and starts with a
stable code, e.g. ``[BL-E003] data/a.txt is empty; give a file with the article's
text``. Codes never change meaning; new ones are appended. The tree, codes in order:

    BilatError                    BL-E000
    ├── IngestError               (ingest: an input could not be read into an Article)
    │   ├── MissingPath           BL-E001  path does not exist
    │   ├── UnknownExtension      BL-E002  unknown file extension
    │   ├── EmptyInput            BL-E003  empty input
    │   ├── BinaryInput           BL-E004  binary (not text) input
    │   ├── InvalidEncoding       BL-E005  invalid UTF-8
    │   ├── MalformedJson         BL-E006  malformed JSON line
    │   ├── MissingText           BL-E007  JSON record without usable text
    │   ├── NoMainText            BL-E008  HTML page without main text
    │   ├── InputTooLarge         BL-E009  input too large
    │   ├── UnreadableInput       BL-E010  input could not be read (permissions, I/O)
    │   └── IdTooLong             BL-E011  article id too long to store (over 200 chars)
    ├── RepairError               BL-E020  repair failed on an article
    ├── NlpError                  BL-E030  spaCy English model not installed
    ├── ExtractError              BL-E040  extraction failed on an article
    ├── StoreError                BL-E050  database cannot be opened or migrated
    │   ├── StoreWriteError       BL-E051  article could not be stored
    │   └── NoSuchStore           BL-E052  no store there (read commands never create one)
    ├── ConfigError               BL-E060  invalid setting
    ├── UsageError                BL-E070  invalid command-line value
    ├── ApiError                  BL-E080  invalid request (parameter or body)      400
    │   ├── NotFound              BL-E081  no such resource                         404
    │   ├── Unauthorized          BL-E082  bearer token missing                     401
    │   ├── Forbidden             BL-E083  bearer token wrong, or writes disabled   403
    │   ├── PayloadTooLarge       BL-E084  request body over the size limit         413
    │   ├── UriTooLong            BL-E085  request URL (path and query) too long    414
    │   └── InternalError         BL-E086  internal error (a bug; details in the log) 500
    ├── BatchError                BL-E090  a batch run failed (cluster, partition, output)
    │   └── BatchOutputError      BL-E091  directory is not a complete batch output
    └── WatchError                BL-E100  watching feeds failed
        ├── FeedListError         BL-E100  feed list unreadable, or a line not a URL
        ├── FeedFetchError        BL-E101  feed could not be fetched
        ├── NotAFeed              BL-E102  feed is not RSS or Atom
        ├── PageFetchError        BL-E103  page could not be fetched
        ├── NoUsableText          BL-E104  page and feed item have no usable text
        ├── WatchStateError       BL-E105  watch state cannot be read or written
        └── AddressNotAllowed     BL-E106  link not fetched (none, not http(s), internal)

The API answers each with problem JSON carrying its code and the status on the right.
"""

from __future__ import annotations


class BilatError(Exception):
    """Base of every error bilat raises on purpose."""

    code = "BL-E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(f"[{self.code}] {message}")


class IngestError(BilatError):
    """An input could not be read into an Article."""


class MissingPath(IngestError):
    """The path does not exist."""

    code = "BL-E001"


class UnknownExtension(IngestError):
    """No reader for the extension."""

    code = "BL-E002"


class EmptyInput(IngestError):
    """The input holds no text."""

    code = "BL-E003"


class BinaryInput(IngestError):
    """The input is not text."""

    code = "BL-E004"


class InvalidEncoding(IngestError):
    """The input is not UTF-8."""

    code = "BL-E005"


class MalformedJson(IngestError):
    """A JSON line does not parse."""

    code = "BL-E006"


class MissingText(IngestError):
    """A JSON record has no text."""

    code = "BL-E007"


class NoMainText(IngestError):
    """An HTML page has no main text."""

    code = "BL-E008"


class InputTooLarge(IngestError):
    """The input is over the size limit."""

    code = "BL-E009"


class UnreadableInput(IngestError):
    """The input cannot be read."""

    code = "BL-E010"


class IdTooLong(IngestError):
    """An article's id is longer than an id may be (record.MAX_ID_CHARS)."""

    code = "BL-E011"


class RepairError(BilatError):
    """The repair stage failed on an article."""

    code = "BL-E020"


class NlpError(BilatError):
    """The spaCy pipeline cannot be loaded (the English model is not installed)."""

    code = "BL-E030"


class ExtractError(BilatError):
    """Extraction failed on an article."""

    code = "BL-E040"


class StoreError(BilatError):
    """The database cannot be opened, migrated or reached."""

    code = "BL-E050"


class StoreWriteError(StoreError):
    """An article could not be stored."""

    code = "BL-E051"


class NoSuchStore(StoreError):
    """A command that only reads was pointed at a store that does not exist."""

    code = "BL-E052"


class ConfigError(BilatError):
    """A setting is not valid (bilat.toml or a BILAT_* variable)."""

    code = "BL-E060"


class UsageError(BilatError):
    """A command-line value is not valid."""

    code = "BL-E070"


class ApiError(BilatError):
    """A request the HTTP API cannot serve; ``status`` is its HTTP status."""

    code = "BL-E080"
    status = 400


class NotFound(ApiError):
    """No such article, entity or event."""

    code = "BL-E081"
    status = 404


class Unauthorized(ApiError):
    """No bearer token was given."""

    code = "BL-E082"
    status = 401


class Forbidden(ApiError):
    """The bearer token is wrong, or writes are off."""

    code = "BL-E083"
    status = 403


class PayloadTooLarge(ApiError):
    """The request body is too large."""

    code = "BL-E084"
    status = 413


class UriTooLong(ApiError):
    """The request's path and query are too long."""

    code = "BL-E085"
    status = 414


class InternalError(ApiError):
    """An unexpected failure while answering; the server log has the details."""

    code = "BL-E086"
    status = 500


class BatchError(BilatError):
    """A batch run could not finish: the cluster, a partition or the output failed."""

    code = "BL-E090"


class BatchOutputError(BatchError):
    """A directory is not a complete batch output."""

    code = "BL-E091"


class WatchError(BilatError):
    """Watching feeds: a feed, a page or the watch state failed (``bilat.watch``)."""

    code = "BL-E100"


class FeedListError(WatchError):
    """The feed list cannot be read, or a line is not an http(s) URL."""

    code = "BL-E100"


class FeedFetchError(WatchError):
    """A feed could not be fetched (network, timeout, HTTP status)."""

    code = "BL-E101"


class NotAFeed(WatchError):
    """A feed's body is not RSS or Atom."""

    code = "BL-E102"


class PageFetchError(WatchError):
    """An item's page could not be fetched (network, timeout, HTTP status)."""

    code = "BL-E103"


class NoUsableText(WatchError):
    """Neither an item's page nor its feed entry has usable text."""

    code = "BL-E104"


class WatchStateError(WatchError):
    """The watch state tables cannot be read or written."""

    code = "BL-E105"


class AddressNotAllowed(WatchError):
    """A link is not fetched: none, not http(s), too long, or an internal address."""

    code = "BL-E106"
