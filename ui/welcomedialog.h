#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QSettings;

namespace ivcap::ui {

// The first screen of an app that has no deployment yet: it explains the three ways in
// (connect to a deployment, import the IVCAP CLI's contexts, try the built-in sandbox), reports
// the one the user takes as a signal, and remembers it. It starts nothing itself, so the
// session decides what each choice means and the dialog stays testable without a network.
class WelcomeDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Choice { None, Sandbox, Connect, Import };
    Q_ENUM(Choice)

    // `settings` is where the choice and "Don't show again" are kept; it must outlive the
    // dialog. Without one the application's default QSettings is used.
    explicit WelcomeDialog(QSettings *settings = nullptr, QWidget *parent = nullptr);
    ~WelcomeDialog() override;

    // Whether the app should show the welcome: false once the user ticked "Don't show again".
    static bool shouldShow(const QSettings &settings);
    // The way in the user took last time, so a start without the welcome can take it again.
    static Choice rememberedChoice(const QSettings &settings);

    Choice choice() const { return m_choice; }

    void done(int result) override;

Q_SIGNALS:
    void sandboxChosen();
    // `token` is only handed on: it is never written to the settings.
    void connectChosen(const QUrl &url, const QString &token);
    void importChosen();

private:
    QUrl deploymentUrl() const;
    void updateConnectButton();
    void choose(Choice choice);

    QSettings *m_settings;
    bool m_ownsSettings = false;
    Choice m_choice = Choice::None;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QPushButton *m_connect;
    QCheckBox *m_dontShowAgain;
};

} // namespace ivcap::ui
