#pragma once

#include <QByteArray>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

// JSON text kept as the client wrote it, so numbers of any size and precision (integers beyond
// 64 bits, long decimals) come back byte-exact. QJsonDocument stores every number as a double,
// which rounds 2^53 + 1 and 0.1000000000000000055511151231257827; IVCAP stores what it was given
// (RFC 8259 §6 leaves number precision to the implementation, so a server must not round).
//
// Use: check and compact the client's text once with compact() and store the result; when
// answering, build the body as a QJsonObject as usual, put hold(storedText) where the raw JSON
// belongs (any depth, any number of times), and send reply(body) or toJson(body):
//
//     RawJson raw;
//     QJsonArray items;
//     for (const auto &row : rows)
//         items.append(QJsonObject{{"id", row.id}, {"aspect", raw.hold(row.aspectText)}});
//     return raw.reply(QJsonObject{{"items", items}});
//
// An instance is cheap, answers one response, and is not shared between threads.
class RawJson
{
public:
    RawJson();

    // Checks that `text` is exactly one JSON value (RFC 8259, UTF-8, nesting at most `maxDepth`)
    // and returns it without the whitespace outside strings; every other byte, numbers included,
    // is kept as written. Returns nullopt and sets `error` (with a byte offset) when it is not.
    static std::optional<QByteArray> compact(const QByteArray &text, QString *error = nullptr,
                                             int maxDepth = 256);
    // True for compact() output whose value is an object.
    static bool isObject(const QByteArray &compactText) { return compactText.startsWith('{'); }

    // A placeholder to put into a QJsonObject or QJsonArray where `fragment` goes. The fragment
    // must be compact() output (valid JSON); it is spliced in unchanged by toJson() and reply().
    QJsonValue hold(const QByteArray &fragment);

    // The compact serialisation of `body` with every held fragment spliced in.
    QByteArray toJson(const QJsonObject &body) const;
    QByteArray toJson(const QJsonArray &body) const;
    // An application/json response with toJson(body), like HttpReply::json.
    QHttpServerResponse reply(const QJsonObject &body, int status = 200) const;

private:
    QByteArray splice(const QByteArray &serialized) const;

    QByteArray m_tag; // random per instance, so no client string can look like a placeholder
    QList<QByteArray> m_fragments;
};
