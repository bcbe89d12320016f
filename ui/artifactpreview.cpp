#include "artifactpreview.h"

#include "api/apirequest.h"
#include "api/connection.h"
#include "api/contentrequest.h"
#include "csvtablemodel.h"
#include "models/artifactdetails.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTableView>
#include <QVBoxLayout>

namespace ivcap::ui {

namespace {

QLabel *factLabel(const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setAccessibleName(accessibleName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QPlainTextEdit *textView(const QString &accessibleName, bool monospace, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setAccessibleName(accessibleName);
    view->setLineWrapMode(monospace ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    if (monospace)
        view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

// Decodes UTF-8 without failing on a multi-byte character cut off at the end of a head.
QString decodeText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    return decoder.decode(bytes);
}

bool isTextMime(const QMimeType &mime)
{
    return mime.isValid() && (mime.inherits(QStringLiteral("text/plain")) ||
                              mime.name().startsWith(QLatin1String("text/")));
}

enum { MessagePage, ImagePage, TextPage, CsvPage, HexPage };

} // namespace

ArtifactPreview::ArtifactPreview(Connection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection), m_maxBytes(ContentRequest::DefaultMaxBytes),
      m_name(factLabel(tr("Artifact name"), this)), m_id(factLabel(tr("Artifact ID"), this)),
      m_type(factLabel(tr("Content type"), this)), m_size(factLabel(tr("Size"), this)),
      m_status(factLabel(tr("Artifact status"), this)), m_created(factLabel(tr("Created"), this)),
      m_note(new QLabel(this)), m_stack(new QStackedWidget(this)), m_message(new QLabel(this)),
      m_imageLabel(new QLabel(this)), m_textView(textView(tr("Text preview"), false, this)),
      m_csvView(new QTableView(this)), m_csvModel(new CsvTableModel(this)),
      m_hexView(textView(tr("Hex preview"), true, this))
{
    m_note->setWordWrap(true);
    m_note->setAccessibleName(tr("Preview note"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Preview message"));
    m_imageLabel->setAlignment(Qt::AlignCenter);
    m_imageLabel->setAccessibleName(tr("Image preview"));
    // Ignored: the label must not grow with its pixmap, or rescaling to its size would loop.
    m_imageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_imageLabel->setMinimumSize(32, 32);
    m_csvView->setModel(m_csvModel);
    m_csvView->setAccessibleName(tr("Table preview"));
    m_csvView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_csvView->setWordWrap(false);

    m_stack->insertWidget(MessagePage, m_message);
    m_stack->insertWidget(ImagePage, m_imageLabel);
    m_stack->insertWidget(TextPage, m_textView);
    m_stack->insertWidget(CsvPage, m_csvView);
    m_stack->insertWidget(HexPage, m_hexView);

    auto *facts = new QFormLayout;
    facts->addRow(tr("Name:"), m_name);
    facts->addRow(tr("ID:"), m_id);
    facts->addRow(tr("Type:"), m_type);
    facts->addRow(tr("Size:"), m_size);
    facts->addRow(tr("Status:"), m_status);
    facts->addRow(tr("Created:"), m_created);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(facts);
    layout->addWidget(m_note);
    layout->addWidget(m_stack, 1);
    clear();
}

ArtifactPreview::~ArtifactPreview() = default;

ArtifactDetails *ArtifactPreview::details() const
{
    return m_details;
}

QString ArtifactPreview::artifactId() const
{
    return m_details ? m_details->id() : QString();
}

QString ArtifactPreview::text() const
{
    switch (m_kind) {
    case Kind::Text:
    case Kind::Json:
        return m_textView->toPlainText();
    case Kind::Hex:
        return m_hexView->toPlainText();
    default:
        return QString();
    }
}

QString ArtifactPreview::message() const
{
    return m_stack->currentIndex() == MessagePage ? m_message->text() : m_note->text();
}

void ArtifactPreview::clear()
{
    if (m_request)
        m_request->cancel();
    m_request = nullptr;
    if (m_details)
        m_details->deleteLater();
    m_details = nullptr;
    m_fetched = false;
    m_image = QImage();
    m_imageLabel->clear();
    m_textView->clear();
    m_hexView->clear();
    m_csvModel->clear();
    m_note->hide();
    updateFacts();
    showMessage(Kind::Empty, tr("Select an artifact to preview it."));
}

void ArtifactPreview::showArtifact(const QString &artifactId)
{
    if (artifactId.isEmpty()) {
        clear();
        return;
    }
    if (artifactId == this->artifactId())
        return;
    clear();
    m_details = new ArtifactDetails(m_connection, artifactId, this);
    connect(m_details, &EntityDetails::changed, this, &ArtifactPreview::onDetailsChanged);
    connect(m_details, &EntityDetails::errorOccurred, this, &ArtifactPreview::onDetailsFailed);
    updateFacts();
    showMessage(Kind::Loading, tr("Loading…"));
    m_details->load();
}

void ArtifactPreview::updateFacts()
{
    const ArtifactDetails *d = m_details;
    const bool loaded = d && d->isLoaded();
    m_name->setText(loaded ? d->name() : QString());
    m_id->setText(d ? d->id() : QString());
    m_type->setText(loaded ? d->mimeType() : QString());
    m_size->setText(loaded && d->size() >= 0 ? tr("%1 (%2 bytes)")
                                                   .arg(QLocale().formattedDataSize(d->size()),
                                                        QLocale().toString(d->size()))
                                             : QString());
    m_status->setText(loaded ? d->status() : QString());
    m_created->setText(loaded && d->createdAt().isValid()
                           ? QLocale().toString(d->createdAt().toLocalTime(), QLocale::LongFormat)
                           : QString());
}

void ArtifactPreview::onDetailsChanged()
{
    updateFacts();
    if (!m_fetched)
        fetchContent();
}

void ArtifactPreview::onDetailsFailed(const ApiError &error)
{
    showMessage(Kind::Failed, tr("Could not read the artifact: %1").arg(error.message));
}

ArtifactPreview::Kind ArtifactPreview::contentKind() const
{
    const QString mimeName = m_details->mimeType().section(QLatin1Char(';'), 0, 0).trimmed();
    QMimeDatabase db;
    QMimeType mime = db.mimeTypeForName(mimeName);
    // A missing or generic type says nothing: the file name's extension may.
    if (!mime.isValid() || mime.isDefault())
        mime = db.mimeTypeForFile(m_details->name(), QMimeDatabase::MatchExtension);
    const QString name = mime.name();
    if (name.startsWith(QLatin1String("image/")))
        return Kind::Image;
    if (mime.inherits(QStringLiteral("application/json")) || name.endsWith(QLatin1String("+json")))
        return Kind::Json;
    if (mime.inherits(QStringLiteral("text/csv")) ||
        mime.inherits(QStringLiteral("text/tab-separated-values")))
        return Kind::Csv;
    if (isTextMime(mime))
        return Kind::Text;
    return Kind::Hex;
}

void ArtifactPreview::fetchContent()
{
    ArtifactDetails *d = m_details;
    if (!d || !d->isLoaded())
        return;
    if (!d->isReady()) {
        showMessage(
            Kind::Facts,
            tr("The artifact is “%1”: there is no content to preview yet.").arg(d->status()));
        return;
    }
    const Kind kind = contentKind();
    if (kind == Kind::Image && d->size() > m_maxBytes) {
        showMessage(Kind::Facts, tr("The image is too large to preview; download it instead."));
        return;
    }
    m_fetched = true;
    const qint64 limit = kind == Kind::Hex ? HexBytes : m_maxBytes;
    m_request = new ContentRequest(m_connection, d->dataUrl(), limit, this);
    connect(m_request, &ContentRequest::finished, this, &ArtifactPreview::onContent);
    connect(m_request, &ContentRequest::failed, this, [this](const ApiError &error) {
        showMessage(Kind::Failed, tr("Could not load the content: %1").arg(error.message));
    });
    m_request->start();
}

void ArtifactPreview::onContent(const QByteArray &data, bool truncated)
{
    m_request = nullptr;
    Kind kind = contentKind();
    if (kind == Kind::Hex) {
        // The declared type may be generic although the bytes are plain text.
        const QMimeType sniffed = QMimeDatabase().mimeTypeForData(data);
        if (isTextMime(sniffed) && !data.contains('\0'))
            kind = Kind::Text;
    }
    QString note;
    if (truncated)
        note = tr("Showing the first %1 only.").arg(QLocale().formattedDataSize(data.size()));

    switch (kind) {
    case Kind::Image: {
        QBuffer buffer;
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        m_image = reader.read();
        if (m_image.isNull()) {
            note = tr("The image could not be decoded (%1); its first bytes follow.")
                       .arg(reader.errorString());
            m_hexView->setPlainText(hexDump(data.left(HexBytes)));
            m_stack->setCurrentIndex(HexPage);
            kind = Kind::Hex;
            break;
        }
        m_stack->setCurrentIndex(ImagePage);
        rescaleImage();
        break;
    }
    case Kind::Json: {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
        if (error.error == QJsonParseError::NoError) {
            showText(kind, QString::fromUtf8(doc.toJson(QJsonDocument::Indented)), m_textView);
        } else {
            // A head of a large document, or not JSON at all: the text is still worth showing.
            if (!truncated)
                note = tr("This is not valid JSON: %1").arg(error.errorString());
            kind = Kind::Text;
            showText(kind, decodeText(data), m_textView);
        }
        break;
    }
    case Kind::Csv: {
        const bool tabs = m_details && (m_details->mimeType().contains(QLatin1String("tab")) ||
                                        m_details->name().endsWith(QLatin1String(".tsv")));
        m_csvModel->setCsv(decodeText(data), !truncated,
                           tabs ? QLatin1Char('\t') : QLatin1Char(','));
        if (m_csvModel->isTruncated() && note.isEmpty())
            note = tr("Showing the first %n row(s) only.", nullptr, m_csvModel->rowCount());
        m_stack->setCurrentIndex(CsvPage);
        break;
    }
    case Kind::Text:
        showText(kind, decodeText(data), m_textView);
        break;
    default:
        m_hexView->setPlainText(hexDump(data.left(HexBytes)));
        m_stack->setCurrentIndex(HexPage);
        if (m_details && m_details->size() > HexBytes)
            note = tr("Showing the first %1 bytes.").arg(HexBytes);
        kind = Kind::Hex;
        break;
    }
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    setKind(kind);
}

void ArtifactPreview::showText(Kind, const QString &text, QPlainTextEdit *view)
{
    view->setPlainText(text);
    m_stack->setCurrentWidget(view);
}

void ArtifactPreview::showMessage(Kind kind, const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentIndex(MessagePage);
    setKind(kind);
}

void ArtifactPreview::setKind(Kind kind)
{
    if (kind == m_kind && kind != Kind::Failed)
        return;
    m_kind = kind;
    Q_EMIT kindChanged(kind);
}

void ArtifactPreview::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    rescaleImage();
}

void ArtifactPreview::rescaleImage()
{
    if (m_image.isNull() || m_kind == Kind::Empty)
        return;
    const QSize target = m_imageLabel->size().boundedTo(m_image.size()).expandedTo(QSize(1, 1));
    // Only ever scale down: a small icon blown up to the pane is no preview.
    m_imageLabel->setPixmap(
        QPixmap::fromImage(m_image.scaled(target, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

QString ArtifactPreview::hexDump(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() * 5);
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        const QByteArray line = bytes.mid(offset, 16);
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        for (int i = 0; i < 16; ++i) {
            if (i < line.size())
                out += QStringLiteral("%1 ").arg(uchar(line.at(i)), 2, 16, QLatin1Char('0'));
            else
                out += QStringLiteral("   ");
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QStringLiteral(" |");
        for (char c : line)
            out += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        out += QStringLiteral("|\n");
    }
    return out;
}

} // namespace ivcap::ui
