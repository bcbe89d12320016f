#pragma once

#include "entitydetails.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimer>

namespace ivcap {

class JobEventStream;
class ProductListModel;
struct SseEvent;

// One job of a service (v0.48, PROTOCOL-0.48 §2.2): `GET /1/services2/{service}/jobs/{id}`
// with the request and the result content. follow() then keeps it current until it ends:
// from the job's event stream (SSE, resumed with Last-Event-Id after the server closes it),
// or, where the deployment does not stream it, by polling with backoff. Products are kept in
// a ProductListModel updated in place.
//
// Errors, each reported once through errorOccurred() while the rest goes on: a stream that
// keeps breaking (following continues by polling), an event that is not JSON (skipped), and a
// job that does not end within giveUpAfter() (following stops).
class JobDetails : public EntityDetails
{
    Q_OBJECT
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(bool terminal READ isTerminal NOTIFY changed)
    Q_PROPERTY(bool following READ isFollowing NOTIFY followingChanged)
public:
    JobDetails(Connection *connection, const QString &serviceId, const QString &jobId,
               QObject *parent = nullptr);
    ~JobDetails() override;

    QString serviceId() const { return m_serviceId; }
    QString name() const { return field(QLatin1String("name")); }
    // unknown | pending | scheduled | executing | succeeded | failed | error, or anything else
    // the server says.
    QString status() const { return field(QLatin1String("status")); }
    QString orderId() const;
    QDateTime requestedAt() const;
    QDateTime startedAt() const;
    QDateTime finishedAt() const;
    QString errorMessage() const { return field(QLatin1String("error-message")); }
    QString requestContentType() const { return field(QLatin1String("request-content-type")); }
    // The request as sent (JSON where it is JSON, else a string).
    QJsonValue requestContent() const { return raw().value(QLatin1String("request-content")); }
    QString resultContentType() const { return field(QLatin1String("result-content-type")); }
    QJsonValue resultContent() const { return raw().value(QLatin1String("result-content")); }
    QString resultContentUrn() const { return field(QLatin1String("result-content-urn")); }
    QJsonArray products() const;
    ProductListModel *productModel() const { return m_products; }
    // `…/jobs/{id}/output`: the raw result, for a ContentRequest.
    QUrl outputUrl() const;

    bool isTerminal() const { return isTerminal(status()); }
    static bool isTerminal(const QString &status);

    // Backoff of polling and of reconnecting a stream, milliseconds.
    void setPollIntervals(int firstMs, int maxMs);
    // Following stops with an error when the job has not ended after this long (ms).
    void setGiveUpAfter(qint64 ms) { m_giveUpMs = ms; }
    qint64 giveUpAfter() const { return m_giveUpMs; }
    bool isFollowing() const { return m_following; }
    // True once the deployment turned out not to stream this job's events.
    bool isPolling() const { return m_polling; }
    int eventsReceived() const { return m_eventCount; }

public Q_SLOTS:
    // Reads the job and keeps it current until it ends.
    void follow();
    void stop();

Q_SIGNALS:
    void terminalReached(const QString &status);
    // Every event of the job's stream, as the server wrote it.
    void eventReceived(const QJsonObject &jobEvent);
    void followingChanged(bool following);

protected:
    ApiRequest *makeRequest() override;
    void recordChanged() override;
    void readFinished(bool changedRecord) override;
    void readFailed(const ApiError &error) override;

private:
    void openStream();
    void onStreamEvent(const QJsonObject &jobEvent);
    void onStreamEnded();
    void onStreamBroken(const ApiError &error);
    void startPolling();
    void scheduleNext(bool moved);
    void giveUp();
    void setFollowing(bool on);
    void report(const ApiError &error);

    QString m_serviceId;
    ProductListModel *m_products;
    JobEventStream *m_stream = nullptr;
    QString m_lastEventId;
    QTimer m_timer; // next poll or reconnect
    QTimer m_giveUp;
    int m_firstMs = 1000;
    int m_maxMs = 15000;
    int m_intervalMs = 1000;
    int m_streamFailures = 0;
    int m_eventCount = 0;
    qint64 m_giveUpMs = 24LL * 3600 * 1000;
    bool m_following = false;
    bool m_polling = false;
    bool m_wasTerminal = false;
    bool m_reportedMalformed = false;
};

} // namespace ivcap
