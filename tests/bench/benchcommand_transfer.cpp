// ivcap-bench upload / download: one transfer through the core's jobs, measured the same way
// bench_transfer.sh measures curl, printed as one JSON line.
#include "benchcommand.h"

#include "api/connection.h"
#include "transfer/downloadjob.h"
#include "transfer/uploadjob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace ivcap;

namespace {

struct Options
{
    QStringList positional;
    QString url;
    QString token;
    qint64 chunk = 10000000;
};

bool parse(const QStringList &args, Options *out)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        const bool hasValue = i + 1 < args.size();
        if (arg == QLatin1String("--url") && hasValue)
            out->url = args.at(++i);
        else if (arg == QLatin1String("--token") && hasValue)
            out->token = args.at(++i);
        else if (arg == QLatin1String("--chunk") && hasValue)
            out->chunk = args.at(++i).toLongLong();
        else if (arg.startsWith(QLatin1String("--")))
            return false;
        else
            out->positional << arg;
    }
    return !out->url.isEmpty();
}

int report(qint64 bytes, const QElapsedTimer &timer, const QString &artifact)
{
    const QJsonObject line{{QStringLiteral("bytes"), bytes},
                           {QStringLiteral("seconds"), double(timer.nsecsElapsed()) / 1e9},
                           {QStringLiteral("artifact"), artifact},
                           {QStringLiteral("peak_rss_bytes"), peakRssBytes()}};
    QTextStream(stdout) << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
    return 0;
}

int runUpload(const QStringList &args)
{
    Options opt;
    if (!parse(args, &opt) || opt.positional.size() != 1) {
        QTextStream(stderr) << "usage: ivcap-bench upload FILE --url U --token T [--chunk N]\n";
        return 2;
    }
    Connection connection(QUrl(opt.url), opt.token);
    connection.setTimeoutMs(120000);
    UploadOptions options;
    options.chunkSize = opt.chunk;
    UploadJob job(&connection, opt.positional.first(), options);
    QObject::connect(&job, &UploadJob::finished, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    QElapsedTimer timer;
    timer.start();
    job.start();
    if (!TransferState::isFinal(job.state()))
        QCoreApplication::exec();
    if (job.state() != TransferState::Done) {
        QTextStream(stderr) << "upload failed: " << job.errorMessage() << "\n";
        return 1;
    }
    return report(job.totalBytes(), timer, job.artifactId());
}

int runDownload(const QStringList &args)
{
    Options opt;
    if (!parse(args, &opt) || opt.positional.size() != 2) {
        QTextStream(stderr) << "usage: ivcap-bench download ARTIFACT_URN FILE --url U --token T\n";
        return 2;
    }
    Connection connection(QUrl(opt.url), opt.token);
    connection.setTimeoutMs(120000);
    DownloadJob job(&connection, opt.positional.at(0), opt.positional.at(1));
    QObject::connect(&job, &DownloadJob::finished, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    QElapsedTimer timer;
    timer.start();
    job.start();
    if (!TransferState::isFinal(job.state()))
        QCoreApplication::exec();
    if (job.state() != TransferState::Done) {
        QTextStream(stderr) << "download failed: " << job.errorMessage() << "\n";
        return 1;
    }
    return report(job.receivedBytes(), timer, job.artifactId());
}

static BenchCommand uploadCmd("upload", "upload FILE --url U --token T [--chunk BYTES]", runUpload);
static BenchCommand downloadCmd("download", "download ARTIFACT_URN FILE --url U --token T",
                                runDownload);

} // namespace
