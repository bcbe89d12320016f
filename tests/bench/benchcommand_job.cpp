// `ivcap-bench job SERVICE REQUEST.json`: requests a job from a service (v0.48), follows it to
// its end over its event stream (or by polling where there is none) and prints the final job
// as JSON. Exit status 0 when the job succeeded, 1 when it failed or could not be followed,
// 2 for a usage error.
#include "benchcommand.h"

#include "api/connection.h"
#include "api/jobsubmission.h"
#include "models/jobdetails.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <memory>

using namespace ivcap;

namespace {
const char *const usage = "job SERVICE REQUEST.json --url U --token T [--api VERSION] "
                          "[--give-up-after SECONDS]";

QString option(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

int run(const QStringList &args)
{
    QTextStream err(stderr);
    const QString service = args.value(0);
    const QString requestFile = args.value(1);
    const QUrl url(option(args, QStringLiteral("--url")));
    if (service.isEmpty() || service.startsWith(QLatin1String("--")) || requestFile.isEmpty() ||
        !url.isValid()) {
        err << "usage: ivcap-bench " << usage << "\n";
        return 2;
    }
    QFile file(requestFile);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "ivcap-bench job: cannot read " << requestFile << ": " << file.errorString() << "\n";
        return 2;
    }
    QJsonParseError parseError;
    const QJsonDocument request = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!request.isObject()) {
        err << "ivcap-bench job: " << requestFile << " is not a JSON object"
            << (parseError.error ? QStringLiteral(" (%1 at offset %2)")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset)
                                 : QString())
            << "\n";
        return 2;
    }

    Connection connection(url, option(args, QStringLiteral("--token")));
    const QString api = option(args, QStringLiteral("--api"));
    if (!api.isEmpty() && !connection.setApiVersion(api)) {
        err << "ivcap-bench job: --api " << api << " is no API version\n";
        return 2;
    }
    int exitCode = 1;
    std::unique_ptr<JobDetails> job;
    JobSubmission submission(&connection, service, request.object());
    const auto finish = [&](int code) {
        exitCode = code;
        QCoreApplication::quit();
    };
    const auto followJob = [&](const QString &jobId) {
        job = std::make_unique<JobDetails>(&connection, service, jobId);
        const QString giveUp = option(args, QStringLiteral("--give-up-after"));
        if (!giveUp.isEmpty())
            job->setGiveUpAfter(giveUp.toLongLong() * 1000);
        QObject::connect(
            job.get(), &JobDetails::terminalReached, job.get(), [&](const QString &status) {
                QTextStream(stdout) << QJsonDocument(job->raw()).toJson(QJsonDocument::Indented);
                finish(status == QLatin1String("succeeded") ? 0 : 1);
            });
        QObject::connect(job.get(), &EntityDetails::errorOccurred, job.get(),
                         [&](const ApiError &error) {
                             err << "ivcap-bench job: " << error.toString() << "\n";
                             if (!job->isFollowing())
                                 finish(1);
                         });
        job->follow();
    };
    QObject::connect(&submission, &JobSubmission::accepted, &submission,
                     [&](const QString &jobId) { followJob(jobId); });
    QObject::connect(&submission, &JobSubmission::completed, &submission,
                     [&](const QString &jobId) { followJob(jobId); });
    QObject::connect(&submission, &JobSubmission::failed, &submission, [&](const ApiError &error) {
        err << "ivcap-bench job: " << error.toString() << "\n";
        finish(1);
    });
    if (api.isEmpty()) {
        QObject::connect(&connection, &Connection::apiDetectionFinished, &submission,
                         [&] { submission.start(); });
        connection.detectApi();
    } else {
        submission.start();
    }
    QCoreApplication::exec();
    return exitCode;
}

static BenchCommand cmd("job", usage, run);
} // namespace
