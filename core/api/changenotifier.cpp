#include "changenotifier.h"

#include "connection.h"

#include <QUrlQuery>

namespace ivcap {

ChangeNotifier::ChangeNotifier(Connection *connection) : QObject(connection)
{
    setObjectName(QStringLiteral("ivcap-change-notifier"));
}

ChangeNotifier *ChangeNotifier::of(Connection *connection)
{
    if (!connection)
        return nullptr;
    auto *notifier = connection->findChild<ChangeNotifier *>(
        QStringLiteral("ivcap-change-notifier"), Qt::FindDirectChildrenOnly);
    return notifier ? notifier : new ChangeNotifier(connection);
}

void ChangeNotifier::announce(const QString &collection, const QString &id, const QString &entityId)
{
    if (!collection.isEmpty())
        Q_EMIT changed(collection, id, entityId);
}

QString ChangeNotifier::collectionOf(const QUrl &url)
{
    // The base URL may carry a path prefix: the collection follows the last "/1/".
    const QString path = url.path();
    const qsizetype at = path.lastIndexOf(QLatin1String("/1/"));
    if (at < 0)
        return QString();
    const QString rest = path.mid(at + 3);
    return rest.section(QLatin1Char('/'), 0, 0);
}

void ChangeNotifier::announceRequest(const QByteArray &method, const QUrl &url,
                                     const QString &idFromAnswer)
{
    if (method == "GET" || method == "HEAD" || method == "OPTIONS")
        return;
    QString collection = collectionOf(url);
    const QString path = url.path();
    QString id = idFromAnswer;
    if (id.isEmpty()) {
        const qsizetype at = path.lastIndexOf(QLatin1String("/1/"));
        id = QUrl::fromPercentEncoding(path.mid(at + 3).section(QLatin1Char('/'), 1, 1).toUtf8());
    }
    const QString entityId =
        QUrlQuery(url).queryItemValue(QStringLiteral("entity-id"), QUrl::FullyDecoded);
    announce(collection, id, entityId);
}

void ChangeNotifier::announceDeploymentChanged()
{
    Q_EMIT deploymentChanged();
}

} // namespace ivcap
