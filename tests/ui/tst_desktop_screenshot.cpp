#include "sandboxprocess.h"

#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

// Runs the real ivcap-desktop binary, as README's run command does, and checks what it renders.
class TestDesktopScreenshot : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home; // isolates settings and the private sandbox's data

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path() + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/config"));
        return env;
    }

    int runDesktop(const QStringList &args, QByteArray *output)
    {
        QProcess desktop;
        desktop.setProcessEnvironment(environment());
        desktop.setProcessChannelMode(QProcess::MergedChannels);
        desktop.start(QStringLiteral(IVCAP_DESKTOP_BIN), args);
        if (!desktop.waitForFinished(120000)) {
            desktop.kill();
            desktop.waitForFinished();
            return -1;
        }
        *output = desktop.readAll();
        return desktop.exitStatus() == QProcess::NormalExit ? desktop.exitCode() : -2;
    }

private Q_SLOTS:
    void screenshotOfEachViewOnTheSandbox_data()
    {
        QTest::addColumn<QStringList>("dialect"); // the options choosing the sandbox's dialect
        QTest::addColumn<QString>("view");
        // The private sandbox speaks 0.48 unless asked for 0.28; "metadata" is the Aspects
        // view's old name.
        for (const char *view :
             {"services", "jobs", "orders", "artifacts", "aspects", "metadata", "uploads"})
            QTest::addRow("0.48 %s", view) << QStringList() << QString::fromLatin1(view);
        for (const char *view : {"services", "orders", "artifacts", "aspects"})
            QTest::addRow("0.28 %s", view)
                << QStringList{QStringLiteral("--sandbox-api"), QStringLiteral("0.28")}
                << QString::fromLatin1(view);
    }

    void screenshotOfEachViewOnTheSandbox()
    {
        QFETCH(QStringList, dialect);
        QFETCH(QString, view);
        const QString file = m_home.filePath(QString::fromLatin1(QTest::currentDataTag())
                                                 .replace(QLatin1Char(' '), QLatin1Char('-')) +
                                             QStringLiteral(".png"));
        QByteArray output;
        const int code =
            runDesktop(QStringList{QStringLiteral("--sandbox"), QStringLiteral("--view"), view,
                                   QStringLiteral("--screenshot"), file} +
                           dialect,
                       &output);
        QVERIFY2(code == 0, output.constData());
        // Nothing on a first start is worth a warning or an error message.
        QVERIFY2(!output.contains("rror") && !output.contains("arning"), output.constData());
        const QImage image(file);
        QVERIFY2(!image.isNull(), "the screenshot is not a readable PNG");
        QVERIFY(image.width() > 200 && image.height() > 200);
    }

    // A data directory keeps its dialect, so each dialect has its own: the v0.28 one where
    // the app always kept it (an upgrade finds its data there), and a v0.48 one beside it.
    // Both keep working whichever ran first.
    void eachDialectKeepsItsOwnDataDirectory()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
        const QString dir = home.path() + QStringLiteral("/data/CSIRO/ivcap-desktop/");
        const auto run = [&](const QStringList &args) {
            QProcess desktop;
            desktop.setProcessEnvironment(env);
            desktop.setProcessChannelMode(QProcess::MergedChannels);
            desktop.start(QStringLiteral(IVCAP_DESKTOP_BIN),
                          args + QStringList{QStringLiteral("--screenshot"),
                                             home.filePath(QStringLiteral("s.png"))});
            if (!desktop.waitForFinished(120000)) {
                desktop.kill();
                desktop.waitForFinished();
            }
            return std::make_pair(desktop.exitCode(), desktop.readAll());
        };
        // As an earlier version left it: a v0.28 sandbox's data in sandbox/.
        auto [code, output] = run({QStringLiteral("--sandbox-api"), QStringLiteral("0.28")});
        QVERIFY2(code == 0, output.constData());
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("sandbox/sandbox.sqlite")));
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("sandbox-0.48")));
        // The upgrade's default (0.48) starts beside it, and the jobs view is there.
        std::tie(code, output) =
            run({QStringLiteral("--sandbox"), QStringLiteral("--view"), QStringLiteral("jobs")});
        QVERIFY2(code == 0, output.constData());
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("sandbox-0.48/sandbox.sqlite")));
        // And the v0.28 data still opens.
        std::tie(code, output) = run({QStringLiteral("--sandbox-api"), QStringLiteral("0.28"),
                                      QStringLiteral("--view"), QStringLiteral("orders")});
        QVERIFY2(code == 0, output.constData());
    }

    void unknownViewIsRefusedWithAMessage()
    {
        QByteArray output;
        const int code = runDesktop(
            {QStringLiteral("--sandbox"), QStringLiteral("--view"), QStringLiteral("nonsense")},
            &output);
        QCOMPARE(code, 2);
        QVERIFY2(output.contains("nonsense"), output.constData());
    }

    void requestJobFormIsRenderedOnAV048Sandbox()
    {
        SandboxProcess sandbox({}, QStringLiteral("0.48"));
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
        // text_statistics from the sandbox's demo catalogue; its form has a schema.
        const QString service =
            QStringLiteral("urn:ivcap:service:8cdeda15-4887-44bc-adeb-1244c81528cf");
        const QString file = m_home.filePath(QStringLiteral("request-job.png"));
        QByteArray output;
        const int code =
            runDesktop({QStringLiteral("--url"), sandbox.url().toString(),
                        QStringLiteral("--token"), sandbox.token(), QStringLiteral("--request-job"),
                        service, QStringLiteral("--screenshot"), file},
                       &output);
        QVERIFY2(code == 0, output.constData());
        const QImage image(file);
        QVERIFY2(!image.isNull(), "the screenshot is not a readable PNG");
        // The dialog (640 x 600 to start with), not the main window nor an empty grab.
        QVERIFY2(image.width() >= 400 && image.height() >= 400,
                 qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
        QVERIFY(QFileInfo(file).size() > 5000);
    }

    // The Aspects page against today's API (README's aspects.png is made this way): the
    // seeded datafabric's aspects, listed with their content.
    void aspectsViewOnAV048Sandbox()
    {
        SandboxProcess sandbox({}, QStringLiteral("0.48"));
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
        const QString file = m_home.filePath(QStringLiteral("aspects-048.png"));
        QByteArray output;
        const int code =
            runDesktop({QStringLiteral("--url"), sandbox.url().toString(),
                        QStringLiteral("--token"), sandbox.token(), QStringLiteral("--view"),
                        QStringLiteral("aspects"), QStringLiteral("--screenshot"), file},
                       &output);
        QVERIFY2(code == 0, output.constData());
        const QImage image(file);
        QVERIFY2(!image.isNull(), "the screenshot is not a readable PNG");
        QVERIFY(image.width() > 200 && image.height() > 200);
    }

    void requestJobFormIsRenderedOnThePrivateSandbox()
    {
        // The app's own sandbox speaks v0.48 by default, which has jobs.
        const QString file = m_home.filePath(QStringLiteral("request-job-sandbox.png"));
        QByteArray output;
        const int code =
            runDesktop({QStringLiteral("--sandbox"), QStringLiteral("--request-job"),
                        QStringLiteral("urn:ivcap:service:4fae103c-2a57-4c0c-810c-56b4dcc2eb7e"),
                        QStringLiteral("--screenshot"), file},
                       &output);
        QVERIFY2(code == 0, output.constData());
        const QImage image(file);
        QVERIFY2(!image.isNull(), "the screenshot is not a readable PNG");
        QVERIFY(image.width() >= 400 && image.height() >= 400);
    }

    void requestJobForAnUnknownServiceFailsWithAMessage()
    {
        SandboxProcess sandbox({}, QStringLiteral("0.48"));
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
        const QString file = m_home.filePath(QStringLiteral("unknown-service.png"));
        QByteArray output;
        const int code =
            runDesktop({QStringLiteral("--url"), sandbox.url().toString(),
                        QStringLiteral("--token"), sandbox.token(), QStringLiteral("--request-job"),
                        QStringLiteral("urn:ivcap:service:00000000-0000-0000-0000-000000000000"),
                        QStringLiteral("--screenshot"), file},
                       &output);
        QCOMPARE(code, 1);
        QVERIFY2(output.contains("Could not read the service"), output.constData());
        QVERIFY(!QFile::exists(file));
    }

    void requestJobOnADeploymentWithoutJobsFailsWithAMessage()
    {
        SandboxProcess sandbox({}, QStringLiteral("0.28"));
        QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
        const QString file = m_home.filePath(QStringLiteral("no-jobs.png"));
        QByteArray output;
        const int code =
            runDesktop({QStringLiteral("--url"), sandbox.url().toString(),
                        QStringLiteral("--token"), sandbox.token(), QStringLiteral("--request-job"),
                        QStringLiteral("urn:ivcap:service:8cdeda15-4887-44bc-adeb-1244c81528cf"),
                        QStringLiteral("--screenshot"), file},
                       &output);
        QCOMPARE(code, 2);
        QVERIFY2(output.contains("has no jobs"), output.constData());
        QCOMPARE(output.count("Cannot request a job"), 1);
        QVERIFY(!QFile::exists(file));
    }

    void unreachableDeploymentFailsTheScreenshotWithAMessage()
    {
        // Port 9 (discard) is not served on loopback, so the first page cannot load.
        QByteArray output;
        const int code = runDesktop({QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:9"),
                                     QStringLiteral("--token"), QStringLiteral("t"),
                                     QStringLiteral("--screenshot"), m_home.filePath("x.png")},
                                    &output);
        QCOMPARE(code, 1);
        QVERIFY2(!output.isEmpty(), "no message on failure");
        QVERIFY(!QFile::exists(m_home.filePath("x.png")));
    }
};

QTEST_GUILESS_MAIN(TestDesktopScreenshot)
#include "tst_desktop_screenshot.moc"
