#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

namespace ivcap {
class Connection;
class SandboxLauncher;
struct ApiError;
namespace ui {
class MainWindow;
}
} // namespace ivcap

class QAbstractItemModel;

namespace ivcap::app {

// Wires one run of the app: where to connect (a deployment or a private sandbox), which models
// feed which views, and the one-shot --screenshot mode.
class DesktopSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url;
        QString token;
        QString account;
        bool useSandbox = false;
        QString view = QStringLiteral("services");
        QString screenshotFile;
    };

    explicit DesktopSession(const Options &options, QObject *parent = nullptr);
    ~DesktopSession() override;

    bool start();
    QString errorString() const { return m_error; }

private:
    void connectTo(const QUrl &url, const QString &token);
    void buildViews();
    void watchForScreenshot(QAbstractItemModel *model);
    void takeScreenshot();
    void fail(const QString &message);
    void reportError(const ivcap::ApiError &error);

    Options m_options;
    QString m_error;
    Connection *m_connection;
    SandboxLauncher *m_sandbox = nullptr;
    ui::MainWindow *m_window = nullptr;
    bool m_screenshotTaken = false;
};

} // namespace ivcap::app
