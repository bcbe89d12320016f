// What `ivcap-desktop --help` and its man page tell a user: every option, and the IVCAP SDK's
// environment variables the app reads.
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

class TestDesktopHelp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helpAndManPageDocumentContextAndEnvironment_data()
    {
        QTest::addColumn<QString>("help");
        QTest::addColumn<QString>("man");
        QTest::newRow("--context") << "--context"
                                   << "\\-\\-context";
        QTest::newRow("--request-job") << "--request-job <SERVICE>"
                                       << "\\-\\-request\\-job \" SERVICE\"";
        // The Aspects view, and the name it had before (still accepted).
        QTest::newRow("--view aspects") << "artifacts, aspects"
                                        << "\" aspects \", \" uploads";
        QTest::newRow("--view metadata") << "old name metadata"
                                         << "is accepted as the old name of";
        QTest::newRow("--sandbox-api") << "--sandbox-api <VERSION>"
                                       << "\\-\\-sandbox\\-api \" VERSION\"";
        QTest::newRow("IVCAP_URL") << "IVCAP_URL"
                                   << "IVCAP_URL";
        QTest::newRow("IVCAP_JWT") << "IVCAP_JWT"
                                   << "IVCAP_JWT";
        QTest::newRow("IVCAP_ACCOUNT_ID") << "IVCAP_ACCOUNT_ID"
                                          << "IVCAP_ACCOUNT_ID";
        QTest::newRow("IVCAP_ACCESS_TOKEN") << "IVCAP_ACCESS_TOKEN"
                                            << "IVCAP_ACCESS_TOKEN";
    }

    void helpAndManPageDocumentContextAndEnvironment()
    {
        QFETCH(QString, help);
        QFETCH(QString, man);
        QProcess desktop;
        desktop.setProcessChannelMode(QProcess::MergedChannels);
        desktop.start(QStringLiteral(IVCAP_DESKTOP_BIN), {QStringLiteral("--help")});
        QVERIFY(desktop.waitForFinished(30000));
        QCOMPARE(desktop.exitCode(), 0);
        const QString output = QString::fromUtf8(desktop.readAll());
        QVERIFY2(output.contains(help), qPrintable(output));

        QFile page(QStringLiteral(IVCAP_MAN_PAGE));
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString source = QString::fromUtf8(page.readAll());
        QVERIFY2(source.contains(QStringLiteral(".SH ENVIRONMENT")), "no ENVIRONMENT section");
        QVERIFY2(source.contains(man), qPrintable(man));
    }

    // Only the dialects the sandbox speaks; anything else is refused before a window or a
    // sandbox starts, with the value and the choices in the message.
    void unknownSandboxApiIsRefused()
    {
        QProcess desktop;
        desktop.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        desktop.setProcessEnvironment(env);
        desktop.start(QStringLiteral(IVCAP_DESKTOP_BIN),
                      {QStringLiteral("--sandbox-api"), QStringLiteral("0.44")});
        QVERIFY(desktop.waitForFinished(30000));
        QCOMPARE(desktop.exitStatus(), QProcess::NormalExit);
        QCOMPARE(desktop.exitCode(), 1);
        const QString output = QString::fromUtf8(desktop.readAll());
        QVERIFY2(output.contains(QStringLiteral("--sandbox-api")) &&
                     output.contains(QStringLiteral("0.44")) &&
                     output.contains(QStringLiteral("0.48, 0.28")),
                 qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestDesktopHelp)
#include "tst_desktop_help.moc"
