#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace ivcap {

// An HTTP/1.1 response read incrementally from whatever pieces a socket delivers: status line,
// headers, then a body framed by Content-Length, chunked encoding, or the end of the
// connection. Anything that is not valid HTTP ends in Error with a reason, never in a crash,
// and memory stays bounded whatever the server sends.
class HttpResponseParser
{
    Q_DECLARE_TR_FUNCTIONS(HttpResponseParser)

public:
    enum class Result { Incomplete, Complete, Error };

    void reset();
    Result feed(QByteArrayView data);
    // The connection ended: completes a body that runs until the close, fails anything else.
    Result finishAtClose();

    Result result() const { return m_result; }
    bool hasStarted() const { return m_started; }
    int statusCode() const { return m_status; }
    QByteArray reasonPhrase() const { return m_reason; }
    // The first value of a header, names compared case-insensitively; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // At most kMaxBody bytes: the answers to a PATCH are short; the rest is read and dropped.
    QByteArray body() const { return m_body; }
    // Whether the connection can carry another request after this response.
    bool keepAlive() const;
    QString errorString() const { return m_error; }

    static constexpr qsizetype kMaxBody = 1 << 20;

private:
    enum class Stage { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done };

    bool takeLine(QByteArray *line);
    bool parseStatusLine(const QByteArray &line);
    bool parseHeader(const QByteArray &line);
    bool startBody();
    bool parseChunkSize(const QByteArray &line);
    void appendBody(QByteArrayView data);
    Result fail(const QString &why);

    Result m_result = Result::Incomplete;
    Stage m_stage = Stage::StatusLine;
    QByteArray m_buffer; // bytes received and not yet parsed
    bool m_started = false;
    bool m_http10 = false;
    bool m_untilClose = false;
    int m_status = 0;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    qint64 m_remaining = 0; // of the Content-Length body or of the current chunk
    QString m_error;
};

} // namespace ivcap
