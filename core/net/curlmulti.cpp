#include "curlmulti.h"

#include "curlrequest.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <mutex>
#include <utility>

namespace ivcap::net {

namespace {

thread_local CurlMulti *t_multi = nullptr;

// The main thread's handle goes before the event dispatcher does, while its notifiers can
// still be unregistered.
void deleteMainThreadMulti()
{
    delete t_multi;
    t_multi = nullptr;
}

} // namespace

CurlMulti *CurlMulti::forCurrentThread()
{
    if (t_multi)
        return t_multi;
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    t_multi = new CurlMulti;
    QThread *thread = QThread::currentThread();
    const QCoreApplication *app = QCoreApplication::instance();
    if (!app || app->thread() == thread) {
        qAddPostRoutine(deleteMainThreadMulti);
    } else {
        // QThread::finished is emitted by the finishing thread itself, before its event
        // dispatcher goes, so the handle is deleted in the thread that owns it.
        QObject::connect(
            thread, &QThread::finished, thread,
            [] {
                delete t_multi;
                t_multi = nullptr;
            },
            Qt::DirectConnection);
    }
    return t_multi;
}

CurlMulti::CurlMulti() : m_multi(curl_multi_init()), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &CurlMulti::onTimeout);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::socketCallback);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::timerCallback);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));
}

CurlMulti::~CurlMulti()
{
    const auto transfers = m_transfers.values();
    m_transfers.clear();
    for (CurlTransfer *t : transfers) {
        curl_multi_remove_handle(m_multi, t->easy);
        if (t->request)
            t->request->detach();
        destroyTransfer(t);
    }
    for (CurlTransfer *t : std::as_const(m_cancelled)) {
        curl_multi_remove_handle(m_multi, t->easy);
        destroyTransfer(t);
    }
    m_cancelled.clear();
    // Connections in the cache are closed here; their notifiers are children of this object.
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, nullptr);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, nullptr);
    curl_multi_cleanup(m_multi);
}

bool CurlMulti::add(CurlTransfer *transfer)
{
    if (m_inCurl > 0) {
        // libcurl refuses curl_multi_add_handle from inside its own callbacks (a request
        // started from a slot of another request's signal): the timer adds it right after.
        m_pendingAdd.append(transfer);
        m_timer->start(0);
        return true;
    }
    if (curl_multi_add_handle(m_multi, transfer->easy) != CURLM_OK)
        return false;
    m_transfers.insert(transfer->easy, transfer);
    return true;
}

void CurlMulti::kick()
{
    if (m_inCurl > 0 || !m_pendingAdd.isEmpty())
        return;
    int running = 0;
    ++m_inCurl;
    curl_multi_socket_action(m_multi, CURL_SOCKET_TIMEOUT, 0, &running);
    --m_inCurl;
    // drain() from the loop, so that no transfer reports from inside someone's start(). Not
    // through m_timer: libcurl has just set it to what it needs next, and tells it only once.
    if (!m_drainQueued) {
        m_drainQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_drainQueued = false;
            if (m_inCurl == 0)
                drain();
        });
    }
}

void CurlMulti::cancel(CurlTransfer *transfer)
{
    transfer->request = nullptr;
    if (m_pendingAdd.removeOne(transfer)) {
        destroyTransfer(transfer);
        return;
    }
    if (m_inCurl > 0) {
        m_cancelled.append(transfer);
        return;
    }
    m_transfers.remove(transfer->easy);
    curl_multi_remove_handle(m_multi, transfer->easy);
    destroyTransfer(transfer);
}

void CurlMulti::destroyTransfer(CurlTransfer *transfer)
{
    curl_easy_cleanup(transfer->easy);
    curl_slist_free_all(transfer->headers);
    delete transfer;
}

int CurlMulti::socketCallback(CURL *, curl_socket_t s, int what, void *userp, void *)
{
    auto *self = static_cast<CurlMulti *>(userp);
    if (what == CURL_POLL_REMOVE) {
        const SocketWatch watch = self->m_sockets.take(s);
        // The notifier may be the one whose signal is on the stack right now.
        for (QSocketNotifier *n : {watch.read, watch.write}) {
            if (n) {
                n->setEnabled(false);
                n->deleteLater();
            }
        }
        return 0;
    }
    SocketWatch &watch = self->m_sockets[s];
    const bool wantRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
    const bool wantWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
    if (wantRead && !watch.read) {
        watch.read = new QSocketNotifier(qintptr(s), QSocketNotifier::Read, self);
        connect(watch.read, &QSocketNotifier::activated, self,
                [self, s] { self->onSocketActivity(s, CURL_CSELECT_IN); });
    }
    if (wantWrite && !watch.write) {
        watch.write = new QSocketNotifier(qintptr(s), QSocketNotifier::Write, self);
        connect(watch.write, &QSocketNotifier::activated, self,
                [self, s] { self->onSocketActivity(s, CURL_CSELECT_OUT); });
    }
    if (watch.read)
        watch.read->setEnabled(wantRead);
    if (watch.write)
        watch.write->setEnabled(wantWrite);
    return 0;
}

int CurlMulti::timerCallback(CURLM *, long timeoutMs, void *userp)
{
    auto *self = static_cast<CurlMulti *>(userp);
    if (!self->m_pendingAdd.isEmpty())
        self->m_timer->start(0);
    else if (timeoutMs < 0)
        self->m_timer->stop();
    else
        self->m_timer->start(int(timeoutMs));
    return 0;
}

void CurlMulti::onSocketActivity(curl_socket_t s, int eventMask)
{
    int running = 0;
    ++m_inCurl;
    curl_multi_socket_action(m_multi, s, eventMask, &running);
    --m_inCurl;
    drain();
}

void CurlMulti::onTimeout()
{
    const auto pending = std::exchange(m_pendingAdd, {});
    for (CurlTransfer *t : pending) {
        if (!t->request) {
            destroyTransfer(t);
        } else if (!add(t)) {
            CurlRequest *r = t->request;
            destroyTransfer(t);
            r->failToStart();
        }
    }
    int running = 0;
    ++m_inCurl;
    curl_multi_socket_action(m_multi, CURL_SOCKET_TIMEOUT, 0, &running);
    --m_inCurl;
    drain();
}

void CurlMulti::drain()
{
    for (CurlTransfer *t : std::exchange(m_cancelled, {})) {
        m_transfers.remove(t->easy);
        curl_multi_remove_handle(m_multi, t->easy);
        destroyTransfer(t);
    }
    int queued = 0;
    while (CURLMsg *msg = curl_multi_info_read(m_multi, &queued)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        const CURLcode result = msg->data.result;
        CurlTransfer *t = m_transfers.take(easy);
        curl_multi_remove_handle(m_multi, easy);
        if (!t)
            continue;
        CurlRequest *r = t->request;
        if (r)
            r->takeResult(t, result);
        destroyTransfer(t);
        // A slot may delete other requests or start new ones: both are safe here, as libcurl
        // is not running.
        if (r)
            r->emitFinished();
    }
}

} // namespace ivcap::net
