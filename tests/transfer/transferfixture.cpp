#include "exchange.h"
#include "transferfixture.h"

#include "api/connection.h"
#include "api/dialect.h"
#include "transfer/downloadjob.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QUuid>

namespace transferfixture {

QByteArray writeRandomFile(const QString &path, qint64 size, quint32 seed)
{
    QRandomGenerator rng(seed);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block(1 << 16, Qt::Uninitialized);
    for (qint64 done = 0; done < size;) {
        const qint64 n = qMin<qint64>(block.size(), size - done);
        rng.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        file.write(block.constData(), n);
        hash.addData(QByteArrayView(block.constData(), n));
        done += n;
    }
    return hash.result();
}

QByteArray sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

int artifactCount(ivcap::Connection *connection)
{
    const QUrl url = connection->apiUrl(QStringLiteral("/1/artifacts"),
                                        {{QStringLiteral("limit"), QStringLiteral("50")}});
    const test::Exchange answer = test::exchange(connection, "GET", url);
    if (answer.status != 200)
        return -1;
    // Read in whichever dialect the answer is written (the connection may not have detected it).
    const QJsonObject obj = QJsonDocument::fromJson(answer.body).object();
    const auto dialect = ivcap::Dialect::sniff(ivcap::EntityKind::Artifacts, obj);
    if (!dialect)
        return -1;
    return int(dialect->pageItems(ivcap::EntityKind::Artifacts, obj, url, nullptr).size());
}

QByteArray downloadSha(ivcap::Connection *connection, const QString &artifactId, const QString &dir)
{
    const QString path = dir + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::Id128);
    ivcap::DownloadJob job(connection, artifactId, path);
    QSignalSpy finished(&job, &ivcap::DownloadJob::finished);
    job.start();
    if (finished.isEmpty() && !finished.wait(60000))
        return {};
    if (job.state() != ivcap::TransferState::Done)
        return {};
    return sha256OfFile(path);
}

} // namespace transferfixture
