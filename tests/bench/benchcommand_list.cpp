// `ivcap-bench list <collection>`: pages a whole collection into its core model and reports
// items, pages, wall time and peak RSS as one JSON line, for bench_list.sh to compare with curl.
#include "benchcommand.h"

#include "api/connection.h"
#include "api/dialect.h"
#include "models/artifactlistmodel.h"
#include "models/joblistmodel.h"
#include "models/metadatalistmodel.h"
#include "models/myjobsmodel.h"
#include "models/orderlistmodel.h"
#include "models/servicelistmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <memory>

#include <sys/resource.h>

using namespace ivcap;

namespace {
const char *const usage =
    "list <services|orders|artifacts|metadata|aspects|jobs> --url U --token T [--limit N] "
    "[--api VERSION] [--max-pages N] [--schema PREFIX (aspects)] [--service ID (jobs of one "
    "service)]";

QString option(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

std::unique_ptr<EntityListModel> makeModel(const QString &collection, const QStringList &args)
{
    if (collection == QLatin1String("jobs")) {
        // One service's jobs with --service, otherwise "my jobs" across services.
        const QString service = option(args, QStringLiteral("--service"));
        if (service.isEmpty())
            return std::make_unique<MyJobsModel>();
        auto model = std::make_unique<JobListModel>();
        model->setServiceId(service);
        return model;
    }
    if (collection == QLatin1String("aspects")) {
        auto model = std::make_unique<MetadataListModel>(EntityKind::Aspects, nullptr);
        model->setSchemaPrefix(option(args, QStringLiteral("--schema"), QStringLiteral("%")));
        return model;
    }
    if (collection == QLatin1String("services"))
        return std::make_unique<ServiceListModel>();
    if (collection == QLatin1String("orders"))
        return std::make_unique<OrderListModel>();
    if (collection == QLatin1String("artifacts"))
        return std::make_unique<ArtifactListModel>();
    if (collection == QLatin1String("metadata")) {
        auto model = std::make_unique<MetadataListModel>();
        model->setSchemaPrefix(QStringLiteral("%")); // the server needs entity or schema
        return model;
    }
    return nullptr;
}

int run(const QStringList &args)
{
    QTextStream err(stderr);
    std::unique_ptr<EntityListModel> model = makeModel(args.value(0), args);
    const QUrl url(option(args, QStringLiteral("--url")));
    if (!model || !url.isValid()) {
        err << "usage: ivcap-bench " << usage << "\n";
        return 2;
    }
    Connection connection(url, option(args, QStringLiteral("--token")));
    // The API version: pinned with --api, otherwise detected before the first page.
    const QString api = option(args, QStringLiteral("--api"));
    if (!api.isEmpty() && !connection.setApiVersion(api)) {
        err << "ivcap-bench list: --api " << api << " is no API version\n";
        return 2;
    }
    if (api.isEmpty())
        connection.detectApi();
    model->setPageSize(option(args, QStringLiteral("--limit"), QStringLiteral("50")).toInt());
    // --max-pages stops after that many pages (0: the whole collection), for slow links where
    // a whole large collection takes minutes; the clock stops when the last counted page is in.
    const int maxPages = option(args, QStringLiteral("--max-pages"), QStringLiteral("0")).toInt();

    int exitCode = 0;
    QElapsedTimer timer;
    const auto next = [&] {
        if (model->lastError().isError()) {
            err << "ivcap-bench list: " << model->lastError().toString() << "\n";
            exitCode = 1;
            QCoreApplication::quit();
        } else if (model->atEnd() || (maxPages > 0 && model->pagesLoaded() >= maxPages)) {
            QCoreApplication::quit();
        } else {
            model->fetchMore(QModelIndex());
        }
    };
    QObject::connect(model.get(), &EntityListModel::pageLoaded, model.get(), next,
                     Qt::QueuedConnection);
    QObject::connect(model.get(), &EntityListModel::errorOccurred, model.get(), next,
                     Qt::QueuedConnection);
    timer.start();
    model->setConnection(&connection); // starts the first page
    QCoreApplication::exec();
    const double seconds = timer.nsecsElapsed() / 1e9;
    // CPU time of the whole process (user + system, all threads), to tell on a loaded machine
    // whether the client's own work or the wait for the server sets the pace.
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                              double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;

    const QJsonObject result{{QStringLiteral("api"), connection.apiVersion()},
                             {QStringLiteral("items"), model->rowCount()},
                             {QStringLiteral("pages"), model->pagesLoaded()},
                             {QStringLiteral("seconds"), seconds},
                             {QStringLiteral("cpu_seconds"), cpuSeconds},
                             {QStringLiteral("peak_rss_bytes"), peakRssBytes()}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
    return exitCode;
}

static BenchCommand cmd("list", usage, run);
} // namespace
