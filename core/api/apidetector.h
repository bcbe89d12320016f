#pragma once

#include <QObject>
#include <QPointer>

#include <memory>

namespace ivcap {
namespace net {
class CurlRequest;
}

class Connection;
class Dialect;

// Finds out which API a deployment speaks (PROTOCOL-0.48 §3): reads
// `GET /1/openapi/openapi3.json`, the one operation without security in every version, without
// a token, on the connection's one HTTP stack (Connection::newRequest: its timeout, CA file and
// Host override). `info.version` below 0.30 is the v0.28 dialect, 0.30 and later the new shapes;
// `/1/services2` among the `paths` means jobs, `/1/aspects` the datafabric.
// Connection::detectApi() runs it; it reports once and deletes itself.
class ApiDetector : public QObject
{
    Q_OBJECT
public:
    ApiDetector(Connection *connection, QObject *parent = nullptr);
    ~ApiDetector() override;

    // Sends the request; finished() follows from the event loop. Deleting the detector cancels
    // the request and reports nothing.
    void start();

    // The dialect an OpenAPI document describes, or nullptr with `why` saying what was
    // missing (not JSON, no `info.version`, a version that is no "major.minor").
    static std::shared_ptr<const Dialect> fromOpenApi(const QByteArray &document, QString *why);

    // The document is the API's full description, a few hundred KiB; anything far bigger is
    // not it (bytes, after decoding).
    static constexpr qint64 MaxDocumentBytes = 16 * 1024 * 1024;

Q_SIGNALS:
    // The detected dialect, or nullptr when the document could not be read or understood
    // (then the first list answer decides; see Connection::adoptDialect).
    void finished(std::shared_ptr<const ivcap::Dialect> dialect);

private:
    void onFinished();
    void report(std::shared_ptr<const Dialect> dialect);

    QPointer<Connection> m_connection;
    QPointer<net::CurlRequest> m_request;
};

} // namespace ivcap
