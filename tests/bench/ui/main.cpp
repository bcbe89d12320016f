// ivcap-ui-bench form: see formbench.cpp.
// ivcap-ui-bench paging: pages a whole artifact collection into a visible QTableView the way a
// user scrolling to the bottom would, and measures how long the event loop was blocked. A 1 ms
// heartbeat timer records the gap between its ticks; a gap far above 1 ms is a frame the user
// could not get (input, paint) because model updates held the loop.
#include "api/connection.h"
#include "entitytableview.h"
#include "formbench.h"
#include "models/artifactlistmodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

using namespace ivcap;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("paging"), QStringLiteral("The measurement."));
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("Sandbox URL."),
                                 QStringLiteral("URL"));
    const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("Bearer token."),
                                   QStringLiteral("TOKEN"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Page size."),
                                   QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption fields(QStringLiteral("fields"), QStringLiteral("Form fields."),
                                    QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Repetitions."),
                                  QStringLiteral("N"), QStringLiteral("7"));
    parser.addOptions({url, token, limit, fields, runs});
    parser.addHelpOption();
    parser.process(app);
    if (parser.positionalArguments() == QStringList{QStringLiteral("form")})
        return runFormBench(parser.value(fields).toInt(), qMax(1, parser.value(runs).toInt()));
    if (parser.positionalArguments() != QStringList{QStringLiteral("paging")} ||
        !parser.isSet(url)) {
        QTextStream(stderr) << "usage: ivcap-ui-bench paging --url U --token T [--limit N]\n"
                               "       ivcap-ui-bench form [--fields N] [--runs N]\n";
        return 2;
    }

    Connection connection(QUrl(parser.value(url)), parser.value(token));
    ArtifactListModel model;
    model.setPageSize(parser.value(limit).toInt());
    ui::EntityTableView view(QStringLiteral("Artifacts"));
    view.setModel(&model);
    view.resize(1000, 700);
    view.show();

    QList<qint64> gapsUs;
    QElapsedTimer sinceTick;
    QTimer heartbeat;
    heartbeat.setInterval(1);
    heartbeat.setTimerType(Qt::PreciseTimer);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        gapsUs.append(sinceTick.nsecsElapsed() / 1000);
        sinceTick.restart();
    });

    int exitCode = 0;
    QElapsedTimer total;
    // Scroll to the bottom after each page, as a user holding End would; the view then asks
    // the model for more through canFetchMore/fetchMore.
    QObject::connect(&model, &EntityListModel::pageLoaded, &view, [&] {
        if (model.atEnd()) {
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
            return;
        }
        QTimer::singleShot(0, &view, [&] {
            view.table()->scrollToBottom();
            if (model.canFetchMore({}) && !model.isLoading())
                model.fetchMore({});
        });
    });
    QObject::connect(&model, &EntityListModel::errorOccurred, &app, [&](const ApiError &error) {
        QTextStream(stderr) << "ivcap-ui-bench: " << error.toString() << '\n';
        exitCode = 1;
        QCoreApplication::quit();
    });
    total.start();
    sinceTick.start();
    heartbeat.start();
    model.setConnection(&connection);
    app.exec();
    heartbeat.stop();

    std::sort(gapsUs.begin(), gapsUs.end());
    const auto percentile = [&](double p) {
        return gapsUs.isEmpty()
                   ? 0.0
                   : gapsUs.at(qMin(gapsUs.size() - 1, qsizetype(p * double(gapsUs.size())))) /
                         1000.0;
    };
    const QJsonObject result{
        {QStringLiteral("rows"), model.rowCount()},
        {QStringLiteral("pages"), model.pagesLoaded()},
        {QStringLiteral("seconds"), total.nsecsElapsed() / 1e9},
        {QStringLiteral("ticks"), gapsUs.size()},
        {QStringLiteral("max_block_ms"), percentile(1.0)},
        {QStringLiteral("p99_block_ms"), percentile(0.99)},
        {QStringLiteral("over_50ms"),
         int(std::count_if(gapsUs.cbegin(), gapsUs.cend(), [](qint64 g) { return g > 50000; }))},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return exitCode;
}
