#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

namespace ivcap {

class Connection;

// What the app itself changed on a deployment, announced once so that every list and pane that
// shows it can refresh in place instead of waiting for the user to press F5.
//
// There is one notifier per Connection (of() creates it as the connection's child). Requests and
// jobs announce: every successful POST/PUT/PATCH/DELETE through ApiRequest announces its
// collection, a finished upload announces its artifact, a watched order announces its status
// changes and products. Models and panes subscribe to changed() and decide for themselves
// whether the change concerns them.
class ChangeNotifier : public QObject
{
    Q_OBJECT
public:
    // The notifier of `connection`, created on first use; nullptr for a null connection.
    static ChangeNotifier *of(Connection *connection);

    // Announces a change in `collection` ("services", "orders", "artifacts", "metadata").
    // `id` is the changed entity (may be empty when unknown); `entityId` is, for metadata,
    // the entity the record is about (empty when unknown: every metadata view refreshes).
    void announce(const QString &collection, const QString &id = {}, const QString &entityId = {});
    // Announces the change a successful request made, read from its method and URL (IVCAP
    // paths /1/<collection>[/<id>], metadata's entity-id query item); GETs announce nothing.
    void announceRequest(const QByteArray &method, const QUrl &url, const QString &idFromAnswer);
    // The connection now points at another deployment (or account): everything shown is stale.
    void announceDeploymentChanged();

    // The collection of an IVCAP API path ("/1/orders/urn:…" → "orders"), or empty.
    static QString collectionOf(const QUrl &url);

Q_SIGNALS:
    void changed(const QString &collection, const QString &id, const QString &entityId);
    void deploymentChanged();

private:
    explicit ChangeNotifier(Connection *connection);
};

} // namespace ivcap
