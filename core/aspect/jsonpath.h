#pragma once

#include <QString>
#include <QStringList>

namespace ivcap::jsonpath {

// Path helpers shared by the aspect editor and validation results.
// Splits a JSON pointer ("/a/0", "#/a/0", "" = root) or a dotted/bracketed path
// ("a.items[0].b", "$.a['x y']") into unescaped tokens.
QStringList tokens(const QString &path);
// Escapes one token for a JSON pointer (RFC 6901: "~" -> "~0", "/" -> "~1").
QString escapeToken(QString token);

} // namespace ivcap::jsonpath
