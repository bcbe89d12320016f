#include "jobdetails.h"

#include "api/apirequest.h"
#include "api/connection.h"
#include "api/dialect.h"
#include "api/jobeventstream.h"
#include "jsonfields.h"
#include "productlistmodel.h"

namespace ivcap {

namespace {
// Consecutive stream failures after which the job is followed by polling.
constexpr int maxStreamFailures = 3;
} // namespace

JobDetails::JobDetails(Connection *connection, const QString &serviceId, const QString &jobId,
                       QObject *parent)
    : EntityDetails(connection, jobId, parent), m_serviceId(serviceId),
      m_products(new ProductListModel(this))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_following)
            return;
        if (m_polling)
            load();
        else
            openStream();
    });
    m_giveUp.setSingleShot(true);
    connect(&m_giveUp, &QTimer::timeout, this, &JobDetails::giveUp);
}

JobDetails::~JobDetails()
{
    delete m_stream;
}

QString JobDetails::orderId() const
{
    return Dialect::reference(raw(), QLatin1String("order"));
}

QDateTime JobDetails::requestedAt() const
{
    return json::time(raw(), QLatin1String("requested-at"));
}

QDateTime JobDetails::startedAt() const
{
    return json::time(raw(), QLatin1String("started-at"));
}

QDateTime JobDetails::finishedAt() const
{
    return json::time(raw(), QLatin1String("finished-at"));
}

QJsonArray JobDetails::products() const
{
    return Dialect::products(raw());
}

QUrl JobDetails::outputUrl() const
{
    if (!connection())
        return QUrl();
    return connection()->apiUrl(
        connection()->dialect().entityPath(EntityKind::Jobs, id(), m_serviceId) +
        QStringLiteral("/output"));
}

bool JobDetails::isTerminal(const QString &status)
{
    return status == QLatin1String("succeeded") || status == QLatin1String("failed") ||
           status == QLatin1String("error");
}

void JobDetails::setPollIntervals(int firstMs, int maxMs)
{
    m_firstMs = qMax(1, firstMs);
    m_maxMs = qMax(m_firstMs, maxMs);
    m_intervalMs = m_firstMs;
}

ApiRequest *JobDetails::makeRequest()
{
    const QString path = connection()->dialect().entityPath(EntityKind::Jobs, id(), m_serviceId);
    const QUrl url = connection()->apiUrl(
        path, {{QStringLiteral("with-request-content"), QStringLiteral("true")},
               {QStringLiteral("with-result-content"), QStringLiteral("true")}});
    return new ApiRequest(connection(), "GET", url, this);
}

void JobDetails::recordChanged()
{
    m_products->setProducts(products());
}

void JobDetails::follow()
{
    if (m_following)
        return;
    setFollowing(true);
    m_intervalMs = m_firstMs;
    m_streamFailures = 0;
    m_giveUp.start(int(qMin<qint64>(m_giveUpMs, std::numeric_limits<int>::max())));
    load();
}

void JobDetails::stop()
{
    m_timer.stop();
    m_giveUp.stop();
    if (m_stream) {
        m_stream->cancel();
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    cancel();
    setFollowing(false);
}

void JobDetails::readFinished(bool changedRecord)
{
    if (isTerminal()) {
        const bool following = m_following;
        stop();
        if (!m_wasTerminal && (following || changedRecord)) {
            m_wasTerminal = true;
            Q_EMIT terminalReached(status());
        }
        return;
    }
    if (!m_following)
        return;
    if (m_polling) {
        scheduleNext(changedRecord);
        return;
    }
    if (!m_stream && !m_timer.isActive())
        openStream();
}

void JobDetails::readFailed(const ApiError &error)
{
    // Reading the job is what a poll does; a transient failure waits for the next one.
    if (m_following && m_polling && error.isTransient())
        scheduleNext(false);
    else if (m_following && !error.isTransient() && !m_stream)
        stop();
}

void JobDetails::openStream()
{
    if (!m_following || m_stream || !connection())
        return;
    m_stream = new JobEventStream(connection(), m_serviceId, id(), this);
    m_stream->setLastEventId(m_lastEventId);
    connect(m_stream, &JobEventStream::eventReceived, this,
            [this](const SseEvent &, const QJsonObject &jobEvent) { onStreamEvent(jobEvent); });
    connect(m_stream, &JobEventStream::malformedEvent, this, [this](const ApiError &error) {
        if (!m_reportedMalformed) {
            m_reportedMalformed = true;
            report(error);
        }
    });
    connect(m_stream, &JobEventStream::ended, this, &JobDetails::onStreamEnded);
    connect(m_stream, &JobEventStream::unavailable, this,
            [this](const ApiError &) { startPolling(); });
    connect(m_stream, &JobEventStream::failed, this, &JobDetails::onStreamBroken);
    m_stream->start();
}

void JobDetails::onStreamEvent(const QJsonObject &jobEvent)
{
    ++m_eventCount;
    m_streamFailures = 0;
    if (m_stream)
        m_lastEventId = m_stream->lastEventId();
    Q_EMIT eventReceived(jobEvent);
    // A status event changes the record: read it whole (result, products, times).
    const QString status = JobEventStream::statusOf(jobEvent);
    if (!status.isEmpty() && status != this->status())
        load();
}

void JobDetails::onStreamEnded()
{
    const bool quiet = m_stream && m_stream->eventsReceived() == 0;
    if (m_stream) {
        m_lastEventId = m_stream->lastEventId();
        const qint64 retry = m_stream->retryMs();
        m_stream->deleteLater();
        m_stream = nullptr;
        if (retry >= 0 && !quiet)
            m_intervalMs = int(qBound(qint64(m_firstMs), retry, qint64(m_maxMs)));
    }
    if (!m_following)
        return;
    // The stream ends when the job does: read the final record. Otherwise reconnect, at once
    // after a stream that brought events, after a growing pause after a quiet one.
    load();
    if (quiet) {
        m_timer.start(m_intervalMs);
        m_intervalMs = qMin(m_maxMs, m_intervalMs * 2);
    } else {
        m_intervalMs = m_firstMs;
        m_timer.start(0);
    }
}

void JobDetails::onStreamBroken(const ApiError &error)
{
    if (m_stream) {
        m_lastEventId = m_stream->lastEventId();
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    if (!m_following)
        return;
    if (++m_streamFailures >= maxStreamFailures) {
        ApiError broken = error;
        broken.message = tr("The job's event stream broke off (%1); following the job by "
                            "polling instead.")
                             .arg(error.message);
        report(broken);
        startPolling();
        return;
    }
    m_timer.start(m_intervalMs);
    m_intervalMs = qMin(m_maxMs, m_intervalMs * 2);
}

void JobDetails::startPolling()
{
    if (m_stream) {
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    m_polling = true;
    m_intervalMs = m_firstMs;
    if (m_following)
        load();
}

void JobDetails::scheduleNext(bool moved)
{
    // Something moved: look again soon; otherwise back off.
    m_intervalMs = moved ? m_firstMs : qMin(m_maxMs, m_intervalMs * 2);
    m_timer.start(m_intervalMs);
}

void JobDetails::giveUp()
{
    if (!m_following)
        return;
    stop();
    report(ApiError::local(tr("The job %1 did not end within %2 s; it is no longer followed.")
                               .arg(id())
                               .arg(m_giveUpMs / 1000)));
}

void JobDetails::setFollowing(bool on)
{
    if (on == m_following)
        return;
    m_following = on;
    Q_EMIT followingChanged(on);
}

void JobDetails::report(const ApiError &error)
{
    Q_EMIT errorOccurred(error);
}

} // namespace ivcap
