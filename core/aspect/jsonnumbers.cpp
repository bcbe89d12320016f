#include "jsonnumbers.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ivcap::jsonnumbers {

namespace {
class Walker
{
public:
    explicit Walker(const QByteArray &in) : m_in(in) {}
    QList<Number> numbers;

    void value(const QStringList &path, int depth)
    {
        skip();
        if (m_pos >= m_in.size() || depth > 512)
            return;
        const char c = m_in.at(m_pos);
        if (c == '{') {
            ++m_pos;
            while (true) {
                skip();
                if (m_pos >= m_in.size() || m_in.at(m_pos) == '}') {
                    ++m_pos;
                    return;
                }
                if (m_in.at(m_pos) == ',') {
                    ++m_pos;
                    continue;
                }
                const QString key = string();
                skip();
                ++m_pos; // ':'
                value(path + QStringList{key}, depth + 1);
            }
        }
        if (c == '[') {
            ++m_pos;
            int index = 0;
            while (true) {
                skip();
                if (m_pos >= m_in.size() || m_in.at(m_pos) == ']') {
                    ++m_pos;
                    return;
                }
                if (m_in.at(m_pos) == ',') {
                    ++m_pos;
                    continue;
                }
                value(path + QStringList{QString::number(index++)}, depth + 1);
            }
        }
        if (c == '"') {
            string();
            return;
        }
        const qsizetype start = m_pos;
        while (m_pos < m_in.size() && !QByteArrayView(",]} \t\r\n").contains(m_in.at(m_pos)))
            ++m_pos;
        const QByteArray token = m_in.mid(start, m_pos - start);
        if (!token.isEmpty() && (token.at(0) == '-' || (token.at(0) >= '0' && token.at(0) <= '9')))
            numbers.append({path, QString::fromLatin1(token)});
    }

private:
    void skip()
    {
        while (m_pos < m_in.size() && QByteArrayView(" \t\r\n").contains(m_in.at(m_pos)))
            ++m_pos;
    }
    // Reads a string token and returns its value (escapes decoded).
    QString string()
    {
        const qsizetype start = m_pos;
        ++m_pos;
        while (m_pos < m_in.size() && m_in.at(m_pos) != '"')
            m_pos += m_in.at(m_pos) == '\\' ? 2 : 1;
        ++m_pos;
        const QByteArray token = m_in.mid(start, m_pos - start);
        if (token.size() >= 2 && !token.contains('\\'))
            return QString::fromUtf8(token.mid(1, token.size() - 2));
        // A one-element array lets QJsonDocument decode the escapes.
        return QJsonDocument::fromJson("[" + token + "]").array().first().toString();
    }

    const QByteArray &m_in;
    qsizetype m_pos = 0;
};
} // namespace

QList<Number> numbersIn(const QByteArray &json)
{
    Walker walker(json);
    walker.value({}, 0);
    return walker.numbers;
}

QByteArray splice(const QByteArray &json, const QHash<QByteArray, QByteArray> &texts)
{
    QByteArray out = json;
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        out.replace(QByteArray('"' + it.key() + '"'), it.value());
    return out;
}

} // namespace ivcap::jsonnumbers
