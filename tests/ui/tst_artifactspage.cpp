// The artifacts view against a real ivcap-sandbox, offscreen: previews per content type, the
// content head helper, and downloads that either write identical bytes or leave no file.
#include "api/apicalls.h"
#include "api/connection.h"
#include "api/contentrequest.h"
#include "artifactdownloadbar.h"
#include "artifactpreview.h"
#include "artifactspage.h"
#include "csvtablemodel.h"
#include "dialectwidgetstest.h"
#include "entitymetadatapanel.h"
#include "models/artifactdetails.h"
#include "models/artifactlistmodel.h"
#include "models/metadatalistmodel.h"
#include "sandboxprocess.h"
#include "transfer/uploadjob.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ivcap;
using namespace ivcap::ui;

Q_DECLARE_METATYPE(ArtifactPreview::Kind)

class TestArtifactsPage : public QObject
{
    Q_OBJECT
public:
    explicit TestArtifactsPage(const QString &api) : m_api(api), m_sandbox({}, api) {}

private:
    QString m_api;
    SandboxProcess m_sandbox;
    QTemporaryDir m_files;
    QHash<QString, QString> m_ids;      // fixture name → artifact id
    QHash<QString, QByteArray> m_bytes; // fixture name → content

    QString upload(const QString &name, const QByteArray &bytes, const QString &mimeType)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return QString();
        file.close();
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        UploadOptions options;
        options.contentType = mimeType;
        UploadJob job(&c, path, options);
        QSignalSpy finished(&job, &UploadJob::finished);
        job.start();
        if (!finished.wait(30000) || job.state() != TransferState::Done)
            return QString();
        m_bytes.insert(name, bytes);
        return job.artifactId();
    }

    static QByteArray pngBytes()
    {
        QImage image(40, 20, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    }

    static bool waitForPreview(const ArtifactPreview &preview)
    {
        return QTest::qWaitFor(
            [&] {
                return preview.kind() != ArtifactPreview::Kind::Loading &&
                       preview.kind() != ArtifactPreview::Kind::Empty;
            },
            20000);
    }

    struct Fixture
    {
        Connection connection;
        ArtifactListModel model;
        ArtifactsPage page;
        QAbstractItemModelTester modelTester;
        QAbstractItemModelTester csvTester;
        Fixture(const QUrl &url, const QString &token, const QString &api)
            : connection(url, token), page(&connection, &model),
              modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest),
              csvTester(page.preview()->csvModel(),
                        QAbstractItemModelTester::FailureReportingMode::QtTest)
        {
            connection.setApiVersion(api);
            page.resize(1200, 800);
            page.show();
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.errorString()));
        const QByteArray svg = "<svg xmlns='http://www.w3.org/2000/svg' width='120' height='60'>"
                               "<rect width='120' height='60' fill='#1f4e79'/>"
                               "<text x='10' y='35' fill='white'>hello</text></svg>";
        QByteArray binary(10000, Qt::Uninitialized);
        for (char &c : binary)
            c = char(QRandomGenerator::global()->bounded(256));
        binary[0] = '\x7f'; // no text type can claim it by its first byte
        binary[1] = '\0';
        const struct
        {
            const char *name;
            QByteArray bytes;
            const char *mime;
        } fixtures[] = {
            {"image.svg", svg, "image/svg+xml"},
            {"image.png", pngBytes(), "image/png"},
            {"report.json", R"({"title":"hello","values":[1,2,3],"nested":{"ok":true}})",
             "application/json"},
            {"stats.csv",
             "name,count,comment\r\nlines,3,\"plain\"\r\nwords,12,\"with, a comma\"\r\n"
             "bytes,64,\"say \"\"hi\"\"\nover two lines\"\r\n",
             "text/csv"},
            {"blob.bin", binary, "application/octet-stream"},
        };
        for (const auto &f : fixtures) {
            const QString id =
                upload(QString::fromLatin1(f.name), f.bytes, QString::fromLatin1(f.mime));
            QVERIFY2(!id.isEmpty(), f.name);
            m_ids.insert(QString::fromLatin1(f.name), id);
        }
    }

    void csvParserKeepsQuotedFields()
    {
        bool unterminated = true;
        const QList<QStringList> records = CsvTableModel::parse(
            QStringLiteral("a,b,c\n\"x, y\",\"he said \"\"hi\"\"\",\n\"two\r\nlines\",3,\"\"\n"),
            QLatin1Char(','), -1, &unterminated);
        QVERIFY(!unterminated);
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(1), (QStringList{"x, y", "he said \"hi\"", ""}));
        QCOMPARE(records.at(2), (QStringList{"two\r\nlines", "3", ""}));

        CsvTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The head of a longer file: the cut-off last record is not shown half.
        model.setCsv(QStringLiteral("h1,h2\n1,2\n3,\"unfinish"), false);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("h2"));
        QVERIFY(model.isTruncated());
        model.setMaxRows(2);
        model.setCsv(QStringLiteral("h\n1\n2\n3\n"));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.isTruncated());
    }

    void hexDumpShowsOffsetsBytesAndText()
    {
        const QString dump = ArtifactPreview::hexDump(QByteArray("ABC\x00\x01 xyz0123456789-", 20));
        const QStringList lines = dump.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).startsWith(QLatin1String("00000000  41 42 43 00 01 20 78 79  7a")),
                 qPrintable(lines.at(0)));
        QVERIFY(lines.at(0).endsWith(QLatin1String("|ABC.. xyz0123456|")));
        QVERIFY(lines.at(1).startsWith(QLatin1String("00000010  37 38 39 2d")));
    }

    void imagesAreShown_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QSize>("size");
        QTest::newRow("svg") << QStringLiteral("image.svg") << QSize(120, 60);
        QTest::newRow("png") << QStringLiteral("image.png") << QSize(40, 20);
    }

    void imagesAreShown()
    {
        QFETCH(QString, name);
        QFETCH(QSize, size);
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        f.page.showArtifact(m_ids.value(name));
        ArtifactPreview *preview = f.page.preview();
        QVERIFY(waitForPreview(*preview));
        QCOMPARE(preview->kind(), ArtifactPreview::Kind::Image);
        QCOMPARE(preview->image().size(), size);
        QCOMPARE(preview->details()->name(), name);
    }

    void jsonIsPrettyPrinted()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        f.page.showArtifact(m_ids.value("report.json"));
        QVERIFY(waitForPreview(*f.page.preview()));
        QCOMPARE(f.page.preview()->kind(), ArtifactPreview::Kind::Json);
        const QString text = f.page.preview()->text();
        QVERIFY2(text.contains(QLatin1String("\n    \"title\": \"hello\"")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("\n        \"ok\": true")));
    }

    void csvIsATable()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        f.page.showArtifact(m_ids.value("stats.csv"));
        QVERIFY(waitForPreview(*f.page.preview()));
        QCOMPARE(f.page.preview()->kind(), ArtifactPreview::Kind::Csv);
        CsvTableModel *csv = f.page.preview()->csvModel();
        QCOMPARE(csv->rowCount(), 3);
        QCOMPARE(csv->columnCount(), 3);
        QCOMPARE(csv->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("comment"));
        QCOMPARE(csv->index(1, 2).data().toString(), QStringLiteral("with, a comma"));
        QCOMPARE(csv->index(2, 2).data().toString(), QStringLiteral("say \"hi\"\nover two lines"));
    }

    void unknownBinaryIsAHexDumpOfItsHead()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        f.page.showArtifact(m_ids.value("blob.bin"));
        QVERIFY(waitForPreview(*f.page.preview()));
        QCOMPARE(f.page.preview()->kind(), ArtifactPreview::Kind::Hex);
        const QString text = f.page.preview()->text();
        QCOMPARE(text.count(QLatin1Char('\n')), int(ArtifactPreview::HexBytes / 16));
        QVERIFY(text.startsWith(QLatin1String("00000000  7f 00 ")));
        QVERIFY(!f.page.preview()->message().isEmpty()); // says only the head is shown
    }

    void selectingARowShowsItsPreviewAndMetadata()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        const QString id = m_ids.value("report.json");
        auto *add = Api::addMetadata(&f.connection, id, QStringLiteral("urn:test:schema:tag.1"),
                                     {{"tag", "preview"}}, QString(), this);
        QSignalSpy added(add, &ApiRequest::finished);
        add->start();
        QVERIFY(added.wait(10000));

        f.model.setConnection(&f.connection);
        QTRY_VERIFY_WITH_TIMEOUT(f.model.rowOfId(id) >= 0, 20000);
        f.page.showArtifact(id);
        const QModelIndexList selected = f.page.table()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), QStringLiteral("report.json"));
        QCOMPARE(f.page.currentArtifactId(), id);
        QVERIFY(waitForPreview(*f.page.preview()));
        QCOMPARE(f.page.preview()->kind(), ArtifactPreview::Kind::Json);

        // Selecting another row with the mouse follows it.
        const QString pngId = m_ids.value("image.png");
        QTRY_VERIFY_WITH_TIMEOUT(f.model.rowOfId(pngId) >= 0, 20000);
        QTableView *table = f.page.table();
        const QModelIndex pngRow = table->model()->index(
            [&] {
                for (int r = 0; r < table->model()->rowCount(); ++r)
                    if (table->model()->index(r, 0).data().toString() == QLatin1String("image.png"))
                        return r;
                return -1;
            }(),
            0);
        QVERIFY(pngRow.isValid());
        table->scrollTo(pngRow);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(pngRow).center());
        QCOMPARE(f.page.currentArtifactId(), pngId);
        QVERIFY(waitForPreview(*f.page.preview()));
        QCOMPARE(f.page.preview()->kind(), ArtifactPreview::Kind::Image);

        f.page.showArtifact(id);
        MetadataListModel *records = f.page.metadataPanel()->model();
        QAbstractItemModelTester recordsTester(
            records, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(!records->isLoading() && records->rowCount() == 1, 20000);
        QCOMPARE(records->index(0, MetadataListModel::SchemaColumn).data().toString(),
                 QStringLiteral("urn:test:schema:tag.1"));
        QSignalSpy recordActivated(&f.page, &ArtifactsPage::recordActivated);
        QTableView *recordsView = f.page.metadataPanel()->table();
        const QModelIndex record = recordsView->model()->index(0, MetadataListModel::SchemaColumn);
        QVERIFY(recordsView->isVisible());
        const QPoint centre = recordsView->visualRect(record).center();
        QVERIFY(recordsView->viewport()->rect().contains(centre));
        QTest::mouseClick(recordsView->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(recordsView->viewport(), Qt::LeftButton, {}, centre);
        QTRY_COMPARE(recordActivated.size(), 1);
        QCOMPARE(recordActivated.first().first().toString(), records->idAt(0));
    }

    void contentRequestReturnsOnlyTheHead()
    {
        Connection c(m_sandbox.url(), m_sandbox.token());
        c.setApiVersion(m_api);
        ArtifactDetails details(&c, m_ids.value("blob.bin"));
        details.load();
        QTRY_VERIFY_WITH_TIMEOUT(details.isLoaded(), 20000);
        auto *request = new ContentRequest(&c, details.dataUrl(), 100, this);
        QSignalSpy finished(request, &ContentRequest::finished);
        request->start();
        QVERIFY(finished.isEmpty()); // never synchronously
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toByteArray(), m_bytes.value("blob.bin").left(100));
        QCOMPARE(finished.first().at(1).toBool(), true);

        auto *whole = new ContentRequest(&c, details.dataUrl(), 1 << 20, this);
        QSignalSpy all(whole, &ContentRequest::finished);
        whole->start();
        QVERIFY(all.wait(20000));
        QCOMPARE(all.first().at(0).toByteArray(), m_bytes.value("blob.bin"));
        QCOMPARE(all.first().at(1).toBool(), false);
    }

    void downloadWritesIdenticalBytes()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        f.page.showArtifact(m_ids.value("blob.bin"));
        QVERIFY(waitForPreview(*f.page.preview()));
        ArtifactDownloadBar *bar = f.page.downloadBar();
        QVERIFY(bar->downloadButton()->isEnabled());
        const QString destination = m_files.filePath("downloaded.bin");
        QSignalSpy done(bar, &ArtifactDownloadBar::downloadFinished);
        QSignalSpy failed(bar, &ArtifactDownloadBar::downloadFailed);
        bar->downloadTo(destination);
        QVERIFY(bar->isDownloading());
        QVERIFY(!bar->downloadButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failed.isEmpty(), 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(bar->statusText()));
        QCOMPARE(done.first().first().toString(), destination);
        QFile file(destination);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_bytes.value("blob.bin"));
        QVERIFY(!bar->isDownloading());
        QVERIFY(bar->downloadButton()->isEnabled());
    }

    void failedDownloadLeavesNoFile()
    {
        Fixture f(m_sandbox.url(), m_sandbox.token(), m_api);
        // An artifact whose bytes never arrived: the sandbox answers 409 not-ready.
        auto *create = new ApiRequest(&f.connection, "POST",
                                      f.connection.apiUrl(QStringLiteral("/1/artifacts")), this);
        QSignalSpy created(create, &ApiRequest::finished);
        create->start();
        QVERIFY(created.wait(10000));
        const QString id =
            created.first().first().toJsonDocument().object().value(QLatin1String("id")).toString();
        QVERIFY(!id.isEmpty());

        f.page.showArtifact(id);
        QVERIFY(waitForPreview(*f.page.preview()));
        QCOMPARE(f.page.preview()->kind(), ArtifactPreview::Kind::Facts);
        ArtifactDownloadBar *bar = f.page.downloadBar();
        QVERIFY(!bar->downloadButton()->isEnabled()); // the UI offers no download of it

        const QString destination = m_files.filePath("never.bin");
        QSignalSpy done(bar, &ArtifactDownloadBar::downloadFinished);
        QSignalSpy failed(bar, &ArtifactDownloadBar::downloadFailed);
        bar->downloadTo(destination);
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failed.isEmpty(), 30000);
        QCOMPARE(done.size(), 0);
        QVERIFY(!bar->statusText().isEmpty());
        QCOMPARE(failed.first().first().toString(), bar->statusText());
        QVERIFY(!QFile::exists(destination));
        const QStringList leftovers = QDir(m_files.path()).entryList({"never.bin*"}, QDir::Files);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(", ")));
    }
};

IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestArtifactsPage)
#include "tst_artifactspage.moc"
