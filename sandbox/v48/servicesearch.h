#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The free-text `search` of GET /1/services2 (v0.48): a relevance score in (0, 1] for how well
// a service's name, tags and description match a query such as "services related to genomics".
// IVCAP ranks with a language model; the sandbox counts word matches, which is enough to give
// clients a score-ordered list.
namespace ServiceSearch {

// The query's significant words (lower case, stop words such as "services" or "related" dropped).
QStringList terms(const QString &text);

// 0 when no term matches. A term in the name weighs 3, in a tag 2, in the description 1; a
// word matches when it starts with the term.
double score(const QStringList &terms, const QJsonObject &service);

} // namespace ServiceSearch
