#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QStringList>

namespace ivcap::jsonnumbers {

// The text of every number in a JSON document, by the path to it (object keys and array
// indices as text; the root is the empty list), for keeping digits a double cannot hold
// (RFC 8259 §6). `json` must be valid JSON (checked elsewhere, e.g. by QJsonDocument); a
// member that occurs twice gives the text of its last occurrence, as QJsonDocument keeps.
struct Number
{
    QStringList path;
    QString text;
    qsizetype offset = 0; // of the text in `json`, in bytes
};
QList<Number> numbersIn(const QByteArray &json);

// QJsonDocument::fromJson, except that numbers beyond a double's range (`1e400`, `-1e400`,
// `1e-400`), which Qt refuses as "illegal number" although RFC 8259 allows them, are read as the
// nearest finite double (±1.7976931348623157e308, or 0). Callers that need the exact value
// take its text from numbersIn(). Any other error is reported as QJsonDocument reports it.
QJsonDocument parse(const QByteArray &json, QJsonParseError *error = nullptr);

// The text of the value at `path` in `json` (same path form and validity rule as numbersIn),
// exactly as it appears there, or an empty array when there is no such value. Lets a caller
// keep one member of a server's answer (a record's aspect) as the server wrote it.
QByteArray valueText(const QByteArray &json, const QStringList &path);

// Splices number texts into JSON written by QJsonDocument: every JSON string equal to a key of
// `texts` (quotes included in the match) is replaced by its value. Keys are placeholders the
// caller made unique (e.g. with a random tag).
QByteArray splice(const QByteArray &json, const QHash<QByteArray, QByteArray> &texts);

// Writes any JSON value (a scalar too, which QJsonDocument cannot hold on its own) as text,
// indented or compact, then splices `texts` into it as splice() does. Scalars are always
// compact.
QByteArray write(const QJsonValue &value, bool indented,
                 const QHash<QByteArray, QByteArray> &texts);

} // namespace ivcap::jsonnumbers
