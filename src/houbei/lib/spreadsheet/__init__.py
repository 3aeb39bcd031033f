"""Reading uploaded spreadsheets safely: checked before parsing (precheck), parsed in a child
process with memory and CPU limits (sandbox, child), rows streamed to the caller
(docs/decisions/0013-safe-reading.md). The child imports nothing but the parser, so this
package's __init__ stays empty of imports."""
