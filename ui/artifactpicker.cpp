#include "artifactpicker.h"

#include "api/connection.h"
#include "api/entitynames.h"
#include "artifactchooser.h"
#include "models/artifactlistmodel.h"
#include "transfer/uploadjob.h"

#include <QCompleter>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {
// Text that already is a reference is not searched for by name.
bool looksLikeReference(const QString &text)
{
    return text.startsWith(QLatin1String("urn:")) || text.startsWith(QLatin1String("http://")) ||
           text.startsWith(QLatin1String("https://"));
}

QString localFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().constFirst();
    return url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile() ? url.toLocalFile()
                                                                      : QString();
}
} // namespace

ArtifactPicker::ArtifactPicker(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_edit(new QLineEdit),
      m_cancel(new QPushButton(tr("Cancel upload"))), m_browse(new QPushButton(tr("&Browse…"))),
      m_progress(new QProgressBar), m_status(new QLabel)
{
    m_edit->setPlaceholderText(tr("urn:ivcap:artifact:…, a name to search, or drop a file"));
    // Drops go to the picker, which uploads files, rather than pasting the file's URL.
    m_edit->setAcceptDrops(false);
    setAcceptDrops(true);
    setFocusProxy(m_edit);
    m_progress->setAccessibleName(tr("Upload progress"));
    m_progress->hide();
    m_cancel->setAccessibleName(tr("Cancel upload"));
    m_cancel->hide();
    m_status->setAccessibleName(tr("Artifact status"));
    m_status->setWordWrap(true);
    m_status->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_browse);
    row->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(250);
    connect(&m_searchTimer, &QTimer::timeout, this, &ArtifactPicker::search);
    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString &text) {
        Q_EMIT textEdited(text);
        if (!looksLikeReference(text) && !text.trimmed().isEmpty())
            m_searchTimer.start();
    });
    connect(m_cancel, &QPushButton::clicked, this, &ArtifactPicker::cancelUpload);
    m_browse->setAccessibleName(tr("Browse the deployment's artifacts"));
    connect(m_browse, &QPushButton::clicked, this, &ArtifactPicker::browse);
    connect(m_edit, &QLineEdit::textChanged, this, &ArtifactPicker::showArtifactName);
    if (EntityNames *names = EntityNames::of(connection))
        connect(names, &EntityNames::resolved, this, [this](const QString &urn) {
            if (urn == m_edit->text().trimmed())
                showArtifactName();
        });
}

ArtifactChooser *ArtifactPicker::browse()
{
    if (m_chooser) {
        m_chooser->raise();
        return m_chooser;
    }
    m_chooser = new ArtifactChooser(m_connection, this);
    m_chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_chooser, &ArtifactChooser::artifactChosen, this, [this](const QString &id) {
        m_edit->setText(id);
        Q_EMIT textEdited(id);
    });
    m_chooser->open();
    return m_chooser;
}

void ArtifactPicker::showArtifactName()
{
    const QString urn = m_edit->text().trimmed();
    m_edit->setToolTip(urn.startsWith(QLatin1String("urn:")) ? urn : QString());
    if (m_upload || !urn.startsWith(QLatin1String("urn:ivcap:artifact:")))
        return;
    EntityNames *names = EntityNames::of(m_connection);
    const QString name = names ? names->nameOf(urn) : QString();
    if (!name.isEmpty())
        setStatus(tr("Artifact “%1”").arg(name));
}

ArtifactPicker::~ArtifactPicker()
{
    // An upload the form no longer waits for would leave a half-written artifact behind.
    cancelUpload();
}

QString ArtifactPicker::text() const
{
    return m_edit->text();
}

void ArtifactPicker::setText(const QString &text)
{
    m_edit->setText(text);
}

bool ArtifactPicker::isUploading() const
{
    return !m_upload.isNull();
}

ArtifactListModel *ArtifactPicker::artifactModel()
{
    if (m_model)
        return m_model;
    m_model = new ArtifactListModel(this);
    m_model->setPageSize(20);
    m_completer = new QCompleter(m_model, this);
    // The server already filtered the rows; the completer must not filter them again by prefix.
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCompletionColumn(ArtifactListModel::IdColumn);
    // The completer fills the field from this role: its default (EditRole) is empty in the
    // entity models, which emptied the field when a suggestion was picked.
    m_completer->setCompletionRole(EntityListModel::IdRole);
    auto *popup = new QTreeView;
    popup->setRootIsDecorated(false);
    popup->setUniformRowHeights(true);
    popup->setAccessibleName(tr("Matching artifacts"));
    m_completer->setPopup(popup);
    // The popup shows the completer's own view of the model: given the model directly, the
    // completer would map a picked row through the wrong model and empty the field.
    popup->header()->hide();
    for (int column = 0; column < ArtifactListModel::ColumnCount; ++column) {
        popup->setColumnHidden(column, column != ArtifactListModel::NameColumn &&
                                           column != ArtifactListModel::IdColumn);
    }
    m_edit->setCompleter(m_completer);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &id) { Q_EMIT textEdited(id); });
    connect(m_model, &ArtifactListModel::pageLoaded, this, [this] {
        if (m_edit->hasFocus() && m_model->rowCount() > 0)
            m_completer->complete();
    });
    return m_model;
}

void ArtifactPicker::search()
{
    QString needle = m_edit->text().trimmed();
    // Typing a URN passes through "u", "ur", "urn": by the time the query would go out the
    // text may be a reference, which is not a name to search for.
    if (needle.isEmpty() || looksLikeReference(needle))
        return;
    ArtifactListModel *model = artifactModel();
    // The filter grammar has no escapes: quote with whichever quote the text does not contain.
    needle.remove(QLatin1Char('%'));
    const QChar quote = needle.contains(QLatin1Char('\'')) ? QLatin1Char('"') : QLatin1Char('\'');
    needle.remove(quote);
    model->setFilter(QStringLiteral("name ~= %1%%2%%1").arg(quote, needle));
    if (!model->connection())
        model->setConnection(m_connection);
}

void ArtifactPicker::uploadFile(const QString &path)
{
    if (m_upload || !m_connection)
        return;
    m_upload = new UploadJob(m_connection, path, UploadOptions{}, this);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    setStatus(tr("Uploading %1…").arg(QFileInfo(path).fileName()));
    connect(m_upload, &UploadJob::progress, this, [this](qint64 confirmed, qint64 total) {
        // Per mille keeps the range inside int for files over 2 GiB.
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(confirmed * 1000 / total) : 0);
    });
    connect(m_upload, &UploadJob::finished, this, &ArtifactPicker::onUploadFinished);
    m_upload->start();
}

void ArtifactPicker::cancelUpload()
{
    if (!m_upload)
        return;
    UploadJob *job = m_upload;
    m_upload = nullptr;
    job->disconnect(this);
    job->cancel();
    job->deleteLater();
    m_progress->hide();
    m_cancel->hide();
    setStatus(tr("Upload cancelled."));
}

void ArtifactPicker::onUploadFinished()
{
    UploadJob *job = m_upload;
    m_upload = nullptr;
    job->deleteLater();
    m_progress->hide();
    m_cancel->hide();
    if (job->state() != TransferState::Done || job->artifactId().isEmpty()) {
        const QString message =
            job->errorMessage().isEmpty() ? tr("The upload failed.") : job->errorMessage();
        setStatus(tr("Upload failed: %1").arg(message));
        Q_EMIT uploadFailed(message);
        return;
    }
    // The artifact is named after the file unless the options said otherwise.
    const QString name =
        job->options().name.isEmpty() ? QFileInfo(job->filePath()).fileName() : job->options().name;
    if (EntityNames *names = EntityNames::of(m_connection))
        names->remember(job->artifactId(), name);
    m_edit->setText(job->artifactId());
    setStatus(tr("Uploaded %1 as artifact “%2”.").arg(QFileInfo(job->filePath()).fileName(), name));
    Q_EMIT textEdited(job->artifactId());
    Q_EMIT uploadFinished(job->artifactId());
}

void ArtifactPicker::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void ArtifactPicker::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_upload && !localFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ArtifactPicker::dropEvent(QDropEvent *event)
{
    const QString path = localFile(event->mimeData());
    if (path.isEmpty() || m_upload)
        return;
    event->acceptProposedAction();
    uploadFile(path);
}

} // namespace ivcap::ui
