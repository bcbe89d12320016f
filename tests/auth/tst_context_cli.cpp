// ivcap-desktop as users start it: --context NAME from the IVCAP CLI's config, the SDK's
// environment variables, and a search of everything it printed and wrote for the token.
#include "sandboxprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray canary = "leak-canary-5f0c1e9a-refused-token";

struct Run
{
    int exitCode = -1;
    QByteArray output;
};
} // namespace

class TestContextCli : public QObject
{
    Q_OBJECT
private:
    SandboxProcess m_sandbox;
    std::unique_ptr<QTemporaryDir> m_home;
    QByteArrayList m_outputs;

    QString cliConfigPath() const
    {
        return m_home->filePath(QStringLiteral("config/ivcap-cli/config.yaml"));
    }

    void writeCliConfig(const QByteArray &token)
    {
        QDir().mkpath(QFileInfo(cliConfigPath()).path());
        QFile file(cliConfigPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("version: v1\nactive-context: sbx\ncontexts:\n- api-version: 1\n  name: sbx\n"
                   "  url: " +
                   m_sandbox.url().toString().toUtf8() +
                   "\n  account-id: urn:ivcap:account:4c65b865-df6a-4977-982a-f96b19c1fda0\n"
                   "  access-token: " +
                   token + "\n  access-token-expiry: 0001-01-01T00:00:00Z\n");
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // Runs the app in a private home, once the services page has loaded (or failed).
    Run run(const QStringList &args, const QHash<QString, QString> &extraEnv = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"IVCAP_URL", "IVCAP_BASE_URL", "IVCAP_JWT", "IVCAP_ACCOUNT_ID",
                                 "IVCAP_ACCESS_TOKEN", "DBUS_SESSION_BUS_ADDRESS"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("HOME"), m_home->path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home->filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("IVCAP_NO_KEYCHAIN"), QStringLiteral("1"));
        env.insert(QStringLiteral("IVCAP_SANDBOX_BIN"), SandboxProcess::binaryPath());
        for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
            env.insert(it.key(), it.value());
        QProcess app;
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(IVCAP_DESKTOP_BIN),
                  args + QStringList{QStringLiteral("--view"), QStringLiteral("services"),
                                     QStringLiteral("--screenshot"),
                                     m_home->filePath(QStringLiteral("shot.png"))});
        Run result;
        if (!app.waitForFinished(90000)) {
            app.kill();
            app.waitForFinished();
        }
        result.exitCode = app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
        result.output = app.readAll();
        m_outputs.append(result.output);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void contextFromCliConfig()
    {
        writeCliConfig(m_sandbox.token().toUtf8());
        const Run r = run({QStringLiteral("--context"), QStringLiteral("sbx")});
        QVERIFY2(r.exitCode == 0, r.output.constData());
        // Imported: the context is saved (without its token) and is the active one.
        QFile settings(m_home->filePath(QStringLiteral("config/CSIRO/ivcap-desktop.conf")));
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QByteArray saved = settings.readAll();
        QVERIFY2(saved.contains("name=sbx"), saved.constData());
        QVERIFY(saved.contains("active=sbx"));
        QVERIFY(saved.contains("from-cli=true"));
        // Known now, it starts again from the saved context with the CLI's token.
        QCOMPARE(run({QStringLiteral("--context"), QStringLiteral("sbx")}).exitCode, 0);
        // With no deployment named, it goes back to the active context: no private sandbox.
        const Run plain = run({});
        QVERIFY2(plain.exitCode == 0, plain.output.constData());
        // (Neither dialect's data directory: `sandbox-0.48` is the default's, `sandbox` 0.28's.)
        for (const char *dir : {"sandbox", "sandbox-0.48"})
            QVERIFY2(!QDir(m_home->filePath(QStringLiteral("data/CSIRO/ivcap-desktop/") +
                                            QLatin1String(dir)))
                          .exists(),
                     dir);
    }

    void unknownContextIsAnError()
    {
        const Run r = run({QStringLiteral("--context"), QStringLiteral("no-such-context")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.output.contains("no-such-context"), r.output.constData());
    }

    void environmentVariables()
    {
        const QString url = m_sandbox.url().toString();
        Run r =
            run({}, {{QStringLiteral("IVCAP_URL"), url},
                     {QStringLiteral("IVCAP_JWT"), m_sandbox.token()},
                     {QStringLiteral("IVCAP_ACCOUNT_ID"), QStringLiteral("urn:ivcap:account:x")}});
        QVERIFY2(r.exitCode == 0, r.output.constData());
        // The CLI's IVCAP_ACCESS_TOKEN wins over the SDK's IVCAP_JWT.
        r = run({}, {{QStringLiteral("IVCAP_URL"), url},
                     {QStringLiteral("IVCAP_JWT"), QString::fromLatin1(canary)},
                     {QStringLiteral("IVCAP_ACCESS_TOKEN"), m_sandbox.token()}});
        QVERIFY2(r.exitCode == 0, r.output.constData());
    }

    // A refused token takes the error paths: it must not show up in what is printed.
    void refusedTokenIsNotPrinted()
    {
        writeCliConfig(canary);
        Run r = run({QStringLiteral("--context"), QStringLiteral("sbx")});
        QVERIFY2(r.exitCode != 0, r.output.constData());
        r = run({QStringLiteral("--url"), m_sandbox.url().toString(), QStringLiteral("--token"),
                 QString::fromLatin1(canary)});
        QVERIFY2(r.exitCode != 0, r.output.constData());
        QVERIFY2(r.output.contains("401") || r.output.contains("refused") ||
                     r.output.contains("Loading failed"),
                 r.output.constData());
    }

    // Everything the runs above printed and wrote, except the CLI's own file (which holds
    // tokens by design), is free of both tokens.
    void noTokenInOutputOrFiles()
    {
        QVERIFY(!m_outputs.isEmpty());
        const QByteArrayList secrets{canary, m_sandbox.token().toUtf8()};
        for (const QByteArray &output : std::as_const(m_outputs)) {
            for (const QByteArray &secret : secrets)
                QVERIFY2(!output.contains(secret), output.constData());
        }
        QDirIterator it(m_home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (path == cliConfigPath())
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            for (const QByteArray &secret : secrets)
                QVERIFY2(!bytes.contains(secret), qPrintable(path));
            ++files;
        }
        QVERIFY(files > 0); // at least the settings were searched
    }
};

QTEST_GUILESS_MAIN(TestContextCli)
#include "tst_context_cli.moc"
