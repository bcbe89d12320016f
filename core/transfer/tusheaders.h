#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <utility>

namespace ivcap::tus {

// Header values of TUS uploads and ranged downloads, read as plain functions so the decoding of
// what a server sends can be tested and fuzzed without a network.

// An `Upload-Offset` value: a non-negative byte count, or -1 when it is not one.
qint64 uploadOffset(const QByteArray &value);
// First byte and total of "Content-Range: bytes FIRST-LAST/TOTAL"; -1 for a part that is absent,
// `*`, or not a number that fits in 64 bits.
std::pair<qint64, qint64> contentRange(const QByteArray &value);

} // namespace ivcap::tus
