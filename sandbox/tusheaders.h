#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Request header values of the artifact routes, read as plain functions so the parsing of what
// a client sends can be fuzzed without a server.
namespace TusHeaders {

// X-Name: clients send padded base64 of UTF-8, but a raw name can also happen to be valid
// base64; only a decoding that yields clean text is taken as intended.
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
