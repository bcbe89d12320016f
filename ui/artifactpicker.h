#pragma once

#include "artifactchooser.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ivcap {
class ArtifactListModel;
class Connection;
class UploadJob;
} // namespace ivcap

namespace ivcap::ui {

class ArtifactChooser;

// An artifact reference field: type a URN or URL, or part of a name to get a popup of the
// deployment's matching artifacts (filtered by the server, so it scales to many artifacts), or
// drop a local file to upload it and get the new artifact's URN filled in.
class ArtifactPicker : public QWidget
{
    Q_OBJECT
public:
    explicit ArtifactPicker(Connection *connection, QWidget *parent = nullptr);
    ~ArtifactPicker() override;

    QString text() const;
    void setText(const QString &text);
    QLineEdit *lineEdit() const { return m_edit; }
    // Created on first use, so a form that is never searched never lists artifacts.
    ArtifactListModel *artifactModel();
    bool isUploading() const;
    // Delay between the last keystroke and the server query.
    void setSearchDelay(int ms) { m_searchTimer.setInterval(ms); }

public Q_SLOTS:
    // Uploads a local file as a new artifact; on success its URN becomes the text.
    void uploadFile(const QString &path);
    // Opens the artifact chooser (window-modal, answered by a signal); returns it.
    ArtifactChooser *browse();
    void cancelUpload();

Q_SIGNALS:
    // The user changed the reference: typed, picked from the popup, or an upload finished.
    void textEdited(const QString &text);
    void uploadFinished(const QString &artifactId);
    void uploadFailed(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void search();
    void onUploadFinished();
    void setStatus(const QString &text);
    // Says which artifact the field's URN names ("Artifact “photo.jpg”"), once its name is known.
    void showArtifactName();

    QPointer<Connection> m_connection;
    QLineEdit *m_edit;
    QPushButton *m_cancel;
    QPushButton *m_browse;
    QPointer<ArtifactChooser> m_chooser;
    QProgressBar *m_progress;
    QLabel *m_status;
    QCompleter *m_completer = nullptr;
    ArtifactListModel *m_model = nullptr;
    QPointer<UploadJob> m_upload;
    QTimer m_searchTimer;
};

} // namespace ivcap::ui
