#pragma once

#include "api/connection.h"
#include "net/curlrequest.h"

#include <QByteArray>
#include <QSignalSpy>
#include <QUrl>

#include <memory>

namespace test {

// The outcome of one raw HTTP exchange a test makes beside the code under test (to set up or
// inspect the server's state).
struct Exchange
{
    int status = 0; // 0: no answer (transport error, or no answer within the wait)
    ivcap::net::CurlRequest::Headers headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[n, value] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// Sends `method` to `url` with the connection's headers (token, Host override) plus `extra`
// and `body`, and waits up to `waitMs` for the whole answer.
inline Exchange exchange(ivcap::Connection *connection, const QByteArray &method, const QUrl &url,
                         const ivcap::net::CurlRequest::Headers &extra = {},
                         const QByteArray &body = {}, int waitMs = 15000)
{
    std::unique_ptr<ivcap::net::CurlRequest> request(connection->newRequest(method, url, nullptr));
    for (const auto &[name, value] : extra)
        request->replaceHeader(name, value);
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        request->setBody(body);
    Exchange result;
    QSignalSpy finished(request.get(), &ivcap::net::CurlRequest::finished);
    QObject::connect(request.get(), &ivcap::net::CurlRequest::readyRead, request.get(),
                     [&result, r = request.get()] { result.body += r->readAll(); });
    request->start();
    if (!finished.wait(waitMs) || request->errorKind() != ivcap::ApiError::Kind::None)
        return result;
    result.body += request->readAll();
    result.status = request->status();
    result.headers = request->headers();
    return result;
}

} // namespace test
