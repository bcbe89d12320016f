#pragma once

#include <QByteArray>
#include <QHash>
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
};
QList<Number> numbersIn(const QByteArray &json);

// Splices number texts into JSON written by QJsonDocument: every JSON string equal to a key of
// `texts` (quotes included in the match) is replaced by its value. Keys are placeholders the
// caller made unique (e.g. with a random tag).
QByteArray splice(const QByteArray &json, const QHash<QByteArray, QByteArray> &texts);

} // namespace ivcap::jsonnumbers
