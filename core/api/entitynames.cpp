#include "entitynames.h"

#include "apicalls.h"
#include "changenotifier.h"
#include "connection.h"

#include <QJsonObject>

namespace ivcap {

EntityNames::EntityNames(Connection *connection) : QObject(connection), m_connection(connection)
{
    setObjectName(QStringLiteral("ivcap-entity-names"));
    connect(ChangeNotifier::of(connection), &ChangeNotifier::deploymentChanged, this, [this] {
        m_names.clear();
        m_tried.clear();
    });
    // A renamed entity (e.g. an order the app just created) is read again when next asked.
    connect(ChangeNotifier::of(connection), &ChangeNotifier::changed, this,
            [this](const QString &, const QString &id, const QString &) {
                if (!id.isEmpty() && !m_names.contains(id))
                    m_tried.remove(id);
            });
}

EntityNames *EntityNames::of(Connection *connection)
{
    if (!connection)
        return nullptr;
    auto *names = connection->findChild<EntityNames *>(QStringLiteral("ivcap-entity-names"),
                                                       Qt::FindDirectChildrenOnly);
    return names ? names : new EntityNames(connection);
}

QString EntityNames::collectionOf(const QString &urn)
{
    if (urn.startsWith(QLatin1String("urn:ivcap:service:")))
        return QStringLiteral("services");
    if (urn.startsWith(QLatin1String("urn:ivcap:order:")))
        return QStringLiteral("orders");
    if (urn.startsWith(QLatin1String("urn:ivcap:artifact:")))
        return QStringLiteral("artifacts");
    return QString();
}

QString EntityNames::nameOf(const QString &urn)
{
    const auto it = m_names.constFind(urn);
    if (it != m_names.constEnd())
        return it.value();
    if (!urn.isEmpty() && !m_tried.contains(urn) && !collectionOf(urn).isEmpty())
        read(urn);
    return QString();
}

QString EntityNames::displayName(const QString &urn)
{
    const QString name = nameOf(urn);
    return name.isEmpty() ? urn : name;
}

void EntityNames::remember(const QString &urn, const QString &name)
{
    if (urn.isEmpty() || name.isEmpty() || m_names.value(urn) == name)
        return;
    m_names.insert(urn, name);
    Q_EMIT resolved(urn, name);
}

void EntityNames::read(const QString &urn)
{
    m_tried.insert(urn);
    const QString collection = collectionOf(urn);
    ApiRequest *request =
        collection == QLatin1String("services") ? Api::readService(m_connection, urn, this)
        : collection == QLatin1String("orders") ? Api::readOrder(m_connection, urn, this)
                                                : Api::readArtifact(m_connection, urn, this);
    request->setMaxAttempts(1); // a name is a nicety: never queue retries for it
    connect(request, &ApiRequest::finished, this, [this, urn](const QJsonDocument &doc) {
        remember(urn, doc.object().value(QLatin1String("name")).toString());
    });
    request->start();
}

} // namespace ivcap
