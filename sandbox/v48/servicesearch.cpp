#include "servicesearch.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace {
QStringList words(const QString &text)
{
    static const QRegularExpression separator(QStringLiteral("[^\\p{L}\\p{N}]+"));
    return text.toLower().split(separator, Qt::SkipEmptyParts);
}

bool matches(const QStringList &haystack, const QString &term)
{
    for (const QString &word : haystack) {
        if (word.startsWith(term))
            return true;
    }
    return false;
}
} // namespace

namespace ServiceSearch {

QStringList terms(const QString &text)
{
    static const QSet<QString> stop{
        "a",       "an",       "and",  "any",  "are",  "about", "all", "as",      "at",
        "by",      "can",      "do",   "find", "for",  "from",  "get", "i",       "in",
        "is",      "it",       "me",   "my",   "of",   "on",    "or",  "related", "relating",
        "service", "services", "show", "some", "that", "the",   "to",  "tool",    "tools",
        "what",    "which",    "with", "want", "need"};
    QStringList result;
    for (const QString &word : words(text)) {
        if (!stop.contains(word) && !result.contains(word))
            result << word;
    }
    return result;
}

double score(const QStringList &terms, const QJsonObject &service)
{
    if (terms.isEmpty())
        return 0;
    const QStringList name = words(service.value("name").toString());
    QStringList tags;
    for (const QJsonValue &tag : service.value("tags").toArray())
        tags += words(tag.toString());
    const QStringList description = words(service.value("description").toString());
    double total = 0;
    for (const QString &term : terms) {
        if (matches(name, term))
            total += 3;
        if (matches(tags, term))
            total += 2;
        if (matches(description, term))
            total += 1;
    }
    // Three decimals, so equal scores compare equal on the wire.
    return std::round(1000.0 * total / (6.0 * terms.size())) / 1000.0;
}

} // namespace ServiceSearch
