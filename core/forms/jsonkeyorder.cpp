#include "jsonkeyorder.h"

#include "aspect/jsonpath.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace ivcap {

namespace {
struct Frame
{
    bool object = false;
    QString pointer;
    QString nameInParent;
    QStringList keys;
    QString key;         // object: the member whose value comes next
    bool wantKey = true; // object: a string now is a member name
    int index = 0;       // array: the next item's index
};

// Reads a JSON string starting at the quote `text[*pos]`; leaves *pos after the closing quote.
QString readString(const QByteArray &text, qsizetype *pos)
{
    const qsizetype start = *pos;
    bool escaped = false;
    qsizetype i = start + 1;
    for (; i < text.size(); ++i) {
        if (text.at(i) == '\\') {
            escaped = true;
            ++i;
        } else if (text.at(i) == '"') {
            break;
        }
    }
    *pos = i + 1;
    const QByteArray raw = text.mid(start, i + 1 - start);
    if (!escaped)
        return QString::fromUtf8(raw.mid(1, raw.size() - 2));
    return QJsonDocument::fromJson("[" + raw + "]").array().at(0).toString();
}

// Pointer of each object that has a `properties` member → the order of that member's keys.
QHash<QString, QStringList> scan(const QByteArray &text)
{
    QHash<QString, QStringList> orders;
    QList<Frame> stack;
    const auto childName = [&]() -> QString {
        if (stack.isEmpty())
            return QString();
        const Frame &top = stack.last();
        return top.object ? top.key : QString::number(top.index);
    };
    for (qsizetype i = 0; i < text.size();) {
        const char c = text.at(i);
        if (c == '{' || c == '[') {
            Frame frame;
            frame.object = c == '{';
            frame.nameInParent = childName();
            frame.pointer = stack.isEmpty() ? QString()
                                            : stack.last().pointer + QLatin1Char('/') +
                                                  jsonpath::escapeToken(frame.nameInParent);
            stack.append(frame);
            ++i;
        } else if (c == '}' || c == ']') {
            if (stack.isEmpty())
                break;
            const Frame done = stack.takeLast();
            if (done.object && done.nameInParent == QLatin1String("properties") &&
                stack.size() >= 1 && stack.last().object)
                orders.insert(stack.last().pointer, done.keys);
            ++i;
        } else if (c == '"') {
            const QString s = readString(text, &i);
            if (!stack.isEmpty() && stack.last().object && stack.last().wantKey) {
                stack.last().key = s;
                stack.last().keys.append(s);
                stack.last().wantKey = false;
            }
        } else if (c == ',') {
            if (!stack.isEmpty()) {
                if (stack.last().object)
                    stack.last().wantKey = true;
                else
                    ++stack.last().index;
            }
            ++i;
        } else {
            ++i;
        }
    }
    return orders;
}

QJsonValue annotate(const QJsonValue &value, const QString &pointer,
                    const QHash<QString, QStringList> &orders, int depth)
{
    if (depth > 1000)
        return value;
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = annotate(array.at(i), pointer + QLatin1Char('/') + QString::number(i),
                                orders, depth + 1);
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        it.value() =
            annotate(it.value(), pointer + QLatin1Char('/') + jsonpath::escapeToken(it.key()),
                     orders, depth + 1);
    const auto order = orders.constFind(pointer);
    if (order != orders.constEnd() && object.value(QLatin1String("properties")).isObject() &&
        !object.contains(QLatin1String("x-order")))
        object.insert(QLatin1String("x-order"), QJsonArray::fromStringList(*order));
    return object;
}
} // namespace

QJsonValue JsonKeyOrder::parseSchema(const QByteArray &json, QJsonParseError *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (error)
        *error = parseError;
    if (parseError.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    const QJsonValue value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    return annotate(value, QString(), scan(json), 0);
}

} // namespace ivcap
