#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Request header values of the artifact routes, read as plain functions so the parsing of what
// a client sends can be fuzzed without a server.
namespace TusHeaders {

// X-Name: clients send padded base64 of UTF-8 (PROTOCOL.md §7.1), which is decoded as IVCAP
// does; the raw value is kept only when it is not base64 or does not decode to UTF-8 text.
// The decoded name is stored exactly as the user named the file: tabs, newlines and other
// control characters included (a file name may hold any of them). Only a NUL, which no file
// name holds, marks a decoding as accidental (a raw name that happens to be base64).
QString decodeName(const QByteArray &raw);
// A byte count header (Upload-Offset, Upload-Length): digits only, within 64 bits.
std::optional<qint64> byteCount(const QByteArray &value);
// X-Content-Length: a byte count, or -1 for a length deferred to the upload.
std::optional<qint64> declaredLength(const QByteArray &value);

// One range "bytes=FIRST-[LAST]" (RFC 9110 §14.1.2) of a blob of `total` bytes.
struct Range
{
    qint64 first = 0;
    qint64 length = 0;
};
std::optional<Range> byteRange(const QByteArray &header, qint64 total);

} // namespace TusHeaders
