#pragma once

#include <QImage>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;

namespace ivcap {
class ArtifactDetails;
class Connection;
class ContentRequest;
struct ApiError;
} // namespace ivcap

namespace ivcap::ui {

class CsvTableModel;

// The facts of one artifact and a preview of its content: images scaled to fit (SVG included),
// text, pretty-printed JSON, CSV as a table, and anything else as a hex dump of its head. Only
// the head of a large artifact is fetched (ContentRequest), so a preview never loads gigabytes.
class ArtifactPreview : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Empty, Loading, Facts, Image, Text, Json, Csv, Hex, Failed };
    Q_ENUM(Kind)

    static constexpr qint64 HexBytes = 4096;

    explicit ArtifactPreview(Connection *connection, QWidget *parent = nullptr);
    ~ArtifactPreview() override;

    QString artifactId() const;
    // The record shown, or nullptr; replaced on every showArtifact().
    ArtifactDetails *details() const;
    Kind kind() const { return m_kind; }
    QImage image() const { return m_image; }
    // The text, JSON or hex dump on show.
    QString text() const;
    CsvTableModel *csvModel() const { return m_csvModel; }
    QString message() const;
    // Bytes fetched at most for a preview (8 MiB by default); larger images show their facts.
    void setMaxPreviewBytes(qint64 bytes) { m_maxBytes = bytes; }

    static QString hexDump(const QByteArray &bytes);

public Q_SLOTS:
    void showArtifact(const QString &artifactId);
    void clear();

Q_SIGNALS:
    // The preview reached a new state (content shown, facts only, or a failure).
    void kindChanged(ivcap::ui::ArtifactPreview::Kind kind);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void onDetailsChanged();
    void onDetailsFailed(const ApiError &error);
    void fetchContent();
    void onContent(const QByteArray &data, bool truncated);
    void showMessage(Kind kind, const QString &text);
    void showText(Kind kind, const QString &text, QPlainTextEdit *view);
    void setKind(Kind kind);
    void updateFacts();
    void rescaleImage();
    Kind contentKind() const;

    Connection *m_connection;
    QPointer<ArtifactDetails> m_details;
    QPointer<ContentRequest> m_request;
    qint64 m_maxBytes;
    bool m_fetched = false;
    Kind m_kind = Kind::Empty;
    QImage m_image;

    QLabel *m_name;
    QLabel *m_id;
    QLabel *m_type;
    QLabel *m_size;
    QLabel *m_status;
    QLabel *m_created;
    QLabel *m_note;
    QStackedWidget *m_stack;
    QLabel *m_message;
    QLabel *m_imageLabel;
    QPlainTextEdit *m_textView;
    QTableView *m_csvView;
    CsvTableModel *m_csvModel;
    QPlainTextEdit *m_hexView;
};

} // namespace ivcap::ui
