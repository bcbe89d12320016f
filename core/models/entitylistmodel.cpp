#include "entitylistmodel.h"

#include "api/apicalls.h"
#include "api/apirequest.h"
#include "api/changenotifier.h"
#include "api/connection.h"
#include "api/entitynames.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace ivcap {

namespace {
void appendJson(QByteArray &out, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    out += '"';
    const auto plain = [](char c) { return uchar(c) >= 0x20 && c != '"' && c != '\\'; };
    if (std::all_of(utf8.cbegin(), utf8.cend(), plain)) {
        out += utf8;
    } else {
        for (const char c : utf8) {
            if (plain(c)) {
                out += c;
            } else if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else {
                out += "\\u00";
                out += "0123456789abcdef"[(uchar(c) >> 4) & 0xf];
                out += "0123456789abcdef"[uchar(c) & 0xf];
            }
        }
    }
    out += '"';
}

// Compact JSON that QJsonDocument::fromJson reads back as the same value.
void appendJson(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        const qint64 i = value.toInteger();
        if (!qIsFinite(d))
            out += "null";
        else if (double(i) == d)
            out += QByteArray::number(i);
        else
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        break;
    }
    case QJsonValue::String:
        appendJson(out, value.toString());
        break;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            appendJson(out, array.at(i));
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        out += '{';
        for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
            if (it != object.constBegin())
                out += ',';
            appendJson(out, it.key());
            out += ':';
            appendJson(out, it.value());
        }
        out += '}';
        break;
    }
    default:
        out += "null";
        break;
    }
}
} // namespace

EntityListModel::EntityListModel(const QString &collection, const QString &itemsKey,
                                 QObject *parent)
    : EntityListModel(Api::kindOf(collection), parent)
{
    Q_UNUSED(itemsKey)
}

EntityListModel::EntityListModel(EntityKind kind, QObject *parent)
    : QAbstractTableModel(parent), m_kind(kind)
{
    // Several announcements in a row (a batch of uploads, a save that revokes and adds) make
    // one refresh.
    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(100);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_loading)
            m_refreshPending = true;
        else
            refresh();
    });
}

EntityListModel::~EntityListModel()
{
    QObject::disconnect(m_detectionWait);
    cancelRequest();
    dropReadAhead();
}

void EntityListModel::setScope(const QString &scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    restart();
}

const Dialect &EntityListModel::dialect() const
{
    if (m_pageDialect)
        return *m_pageDialect;
    if (m_connection)
        return m_connection->dialect();
    static const std::shared_ptr<const Dialect> fallback =
        Dialect::forVersion(QStringLiteral("0.28"));
    return *fallback;
}

void EntityListModel::setConnection(Connection *connection)
{
    if (m_connection == connection)
        return;
    m_connection = connection;
    disconnect(m_changeSubscription);
    if (ChangeNotifier *changes = ChangeNotifier::of(connection))
        m_changeSubscription =
            connect(changes, &ChangeNotifier::changed, this, &EntityListModel::onAnnouncedChange);
    disconnect(m_namesSubscription);
    if (EntityNames *names = EntityNames::of(connection); names && !nameColumns().isEmpty())
        m_namesSubscription =
            connect(names, &EntityNames::resolved, this, &EntityListModel::onNameResolved);
    restart();
}

bool EntityListModel::concernsChange(const QString &collection, const QString &id,
                                     const QString &entityId) const
{
    Q_UNUSED(id)
    Q_UNUSED(entityId)
    // Announcements name the path's collection, which differs between the dialects; metadata
    // and aspects are the same records, and a job is created under its service.
    switch (m_kind) {
    case EntityKind::Services:
        return collection == QLatin1String("services") || collection == QLatin1String("services2");
    case EntityKind::Orders:
        return collection == QLatin1String("orders");
    case EntityKind::Artifacts:
        return collection == QLatin1String("artifacts");
    case EntityKind::Metadata:
    case EntityKind::Aspects:
        return collection == QLatin1String("metadata") || collection == QLatin1String("aspects");
    case EntityKind::Jobs:
        return collection == QLatin1String("services2") || collection == QLatin1String("jobs");
    }
    return false;
}

void EntityListModel::onAnnouncedChange(const QString &collection, const QString &id,
                                        const QString &entityId)
{
    // A list "as of" a past time does not change; one that failed waits for the user.
    if (!m_live || !m_started || m_query.atTime.isValid() || m_lastError.isError() ||
        !concernsChange(collection, id, entityId))
        return;
    m_liveTimer.start();
}

void EntityListModel::setFilter(const QString &filter)
{
    if (filter == m_query.filter)
        return;
    m_query.filter = filter;
    restart();
}

void EntityListModel::setOrderBy(const QString &orderBy)
{
    if (orderBy == m_query.orderBy)
        return;
    m_query.orderBy = orderBy;
    restart();
}

void EntityListModel::setOrderDesc(bool desc)
{
    if (desc == m_query.orderDesc)
        return;
    m_query.orderDesc = desc;
    restart();
}

void EntityListModel::setAtTime(const QDateTime &time)
{
    if (time == m_query.atTime && time.isValid() == m_query.atTime.isValid())
        return;
    m_query.atTime = time;
    restart();
}

void EntityListModel::setPageSize(int limit)
{
    // The server accepts 1..50 and answers 400 outside it.
    limit = qBound(1, limit, 50);
    if (limit == m_query.limit)
        return;
    m_query.limit = limit;
    restart();
}

void EntityListModel::setQuery(const ListQuery &query)
{
    if (query == m_query)
        return;
    m_query = query;
    m_query.limit = qBound(1, m_query.limit, 50);
    restart();
}

QString EntityListModel::idAt(int row) const
{
    return row >= 0 && row < storedRows() ? rowId(row) : QString();
}

int EntityListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : storedRows();
}

int EntityListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(headers().size());
}

QVariant EntityListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int row = index.row();
    if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) &&
        nameColumns().contains(index.column())) {
        const QString urn = raw(row, index.column()).toString();
        EntityNames *names = EntityNames::of(m_connection);
        if (role == Qt::ToolTipRole || !names)
            return urn;
        return names->displayName(urn);
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return display(row, index.column());
    case IdRole:
        return rowId(row);
    case RawJsonRole:
        return rawJson(row);
    case RawValueRole:
        return raw(row, index.column());
    case StatusRole:
        return status(row);
    default:
        return extraData(row, index.column(), role);
    }
}

QVariant EntityListModel::extraData(int row, int column, int role) const
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    Q_UNUSED(role)
    return QVariant();
}

QVariant EntityListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const QStringList h = headers();
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < h.size())
        return h.at(section);
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section >= 0 &&
        section < h.size())
        return orderField(section).isEmpty()
                   ? QCoreApplication::translate("ivcap::EntityListModel",
                                                 "The deployment cannot sort by %1")
                         .arg(h.at(section))
                   : QCoreApplication::translate("ivcap::EntityListModel",
                                                 "Click to have the deployment sort by %1")
                         .arg(h.at(section));
    return QAbstractTableModel::headerData(section, orientation, role);
}

QString EntityListModel::orderField(int column) const
{
    Q_UNUSED(column)
    return QString();
}

int EntityListModel::sortColumn() const
{
    if (m_query.orderBy.isEmpty())
        return -1;
    for (int column = 0; column < columnCount(); ++column) {
        if (orderField(column) == m_query.orderBy)
            return column;
    }
    return -1;
}

void EntityListModel::sort(int column, Qt::SortOrder order)
{
    ListQuery query = m_query;
    if (column < 0) {
        query.orderBy.clear();
        query.orderDesc = false;
    } else {
        const QString field = orderField(column);
        if (field.isEmpty())
            return; // only the server knows the order of a paged list
        query.orderBy = field;
        query.orderDesc = order == Qt::DescendingOrder;
    }
    setQuery(query);
}

QHash<int, QByteArray> EntityListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "entityId");
    names.insert(RawJsonRole, "rawJson");
    names.insert(RawValueRole, "rawValue");
    names.insert(StatusRole, "status");
    return names;
}

QString EntityListModel::itemId(const QJsonObject &item) const
{
    return item.value(QLatin1String("id")).toString();
}

bool EntityListModel::canFetchMore(const QModelIndex &parent) const
{
    // After an error we wait for an explicit reload or query change: views call fetchMore
    // on every scroll, which would otherwise turn one failure into a retry storm.
    return !parent.isValid() && m_connection && !m_loading && !m_atEnd && !m_lastError.isError() &&
           (!m_started || !m_nextToken.isEmpty());
}

void EntityListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QString token = m_started ? m_nextToken : QString();
    m_started = true;
    ++m_fetchCalls;
    if (!token.isEmpty() && token == m_readAheadToken) {
        if (m_readAheadReady) {
            // Delivered from the event loop, as a network answer would be.
            const QJsonDocument page = m_readAheadPage;
            const quint64 generation = m_generation;
            dropReadAhead();
            setLoading(true);
            QMetaObject::invokeMethod(
                this, [this, generation, page] { onPage(generation, page); }, Qt::QueuedConnection);
            return;
        }
        if (m_readAhead) {
            m_readAheadAdopted = true; // its answer goes straight to onPage
            m_request = m_readAhead;
            m_readAhead = nullptr;
            m_readAheadToken.clear();
            setLoading(true);
            return;
        }
    }
    dropReadAhead();
    requestPage(token);
}

void EntityListModel::startReadAhead(const QString &token)
{
    dropReadAhead();
    ApiRequest *request = Api::listEntities(m_connection, m_kind, m_query, token, this, m_scope);
    const quint64 generation = m_generation;
    m_readAhead = request;
    m_readAheadToken = token;
    connect(request, &ApiRequest::finished, this,
            [this, generation, request](const QJsonDocument &doc) {
                if (generation != m_generation)
                    return;
                if (m_request == request) {
                    m_readAheadAdopted = false;
                    onPage(generation, doc);
                    return;
                }
                m_readAhead = nullptr;
                m_readAheadPage = doc;
                m_readAheadReady = true;
            });
    connect(request, &ApiRequest::failed, this, [this, generation, request](const ApiError &error) {
        if (generation != m_generation)
            return;
        if (m_request == request) {
            m_readAheadAdopted = false;
            onFailed(generation, error);
            return;
        }
        // Nobody asked for this page yet: forget it, and let a real request report.
        m_readAhead = nullptr;
        m_readAheadToken.clear();
    });
    watchBody(request);
    request->startNow(); // on the wire while this page's rows are still being built
}

void EntityListModel::dropReadAhead()
{
    if (m_readAhead) {
        m_readAhead->cancel();
        m_readAhead->deleteLater();
    }
    m_readAhead = nullptr;
    m_readAheadToken.clear();
    m_readAheadPage = QJsonDocument();
    m_readAheadReady = false;
    m_readAheadAdopted = false;
}

void EntityListModel::reload()
{
    restart();
}

void EntityListModel::refresh()
{
    if (!m_connection)
        return;
    if (storedRows() == 0 || !m_started) {
        restart();
        return;
    }
    ++m_generation;
    cancelRequest();
    dropReadAhead();
    m_lastError = ApiError();
    m_refreshSeen = 0;
    m_refreshTarget = storedRows();
    m_refreshIds.clear();
    m_refreshPrevRow = -1;
    m_refreshPending = false;
    m_pages = 0;
    requestPage(QString());
}

void EntityListModel::restart()
{
    ++m_generation; // answers to the old query are recognised by their generation and dropped
    cancelRequest();
    dropReadAhead();
    m_fetchCalls = 0;
    removeAllRows();
    m_nextToken.clear();
    m_pages = 0;
    m_lastError = ApiError();
    m_started = false;
    m_refreshSeen = -1;
    m_refreshPending = false;
    m_liveTimer.stop();
    setLoading(false);
    setAtEnd(false);
    Q_EMIT queryChanged();
    if (m_connection)
        fetchMore(QModelIndex());
}

void EntityListModel::cancelRequest()
{
    QObject::disconnect(m_detectionWait);
    if (m_request) {
        m_request->cancel();
        m_request->deleteLater();
    }
    m_request = nullptr;
}

void EntityListModel::removeAllRows()
{
    const int n = storedRows();
    if (n == 0)
        return;
    beginRemoveRows(QModelIndex(), 0, n - 1);
    clearRows();
    m_rowById.clear();
    endRemoveRows();
}

void EntityListModel::whenApiKnown(const QString &token)
{
    // The path and the query depend on the dialect: wait for the detection that is under way
    // rather than ask in a dialect the deployment may not speak.
    const quint64 generation = m_generation;
    m_detectionWait =
        connect(m_connection, &Connection::apiDetectionFinished, this, [this, generation, token] {
            QObject::disconnect(m_detectionWait);
            if (generation == m_generation)
                requestPage(token);
        });
    setLoading(true);
}

void EntityListModel::requestPage(const QString &token)
{
    cancelRequest();
    if (m_connection->isDetectingApi()) {
        whenApiKnown(token);
        return;
    }
    ApiRequest *request = Api::listEntities(m_connection, m_kind, m_query, token, this, m_scope);
    const quint64 generation = m_generation;
    connect(request, &ApiRequest::finished, this,
            [this, generation](const QJsonDocument &doc) { onPage(generation, doc); });
    connect(request, &ApiRequest::failed, this,
            [this, generation](const ApiError &error) { onFailed(generation, error); });
    m_request = request;
    watchBody(request);
    setLoading(true);
    request->start();
}

void EntityListModel::watchBody(ApiRequest *request)
{
    const quint64 generation = m_generation;
    connect(request, &ApiRequest::bodyReceived, this,
            [this, generation, request](const QByteArray &body) {
                // Only the page being delivered, and only while a view is paging: guess its
                // next link from the raw body and ask for that page before parsing this one.
                // A wrong guess costs one request: fetchMore uses a read-ahead page only when
                // its token is the one the parsed page names.
                if (generation != m_generation || m_request != request || m_refreshSeen >= 0 ||
                    m_fetchCalls < 2)
                    return;
                const QString guess = guessNextToken(body);
                if (!guess.isEmpty())
                    startReadAhead(guess);
            });
}

QString EntityListModel::guessNextToken(const QByteArray &body)
{
    // v0.28: `"links":{"next":"…"}`; later: `{"rel":"next",…,"href":"…"}` in a links array.
    static const QByteArray key("\"next\":\"");
    static const QByteArray rel("\"rel\":\"next\"");
    static const QByteArray href("\"href\":\"");
    qsizetype at = body.lastIndexOf(key);
    qsizetype keySize = key.size();
    if (at < 0) {
        const qsizetype relAt = body.lastIndexOf(rel);
        if (relAt < 0)
            return QString();
        const qsizetype close = body.indexOf('}', relAt);
        qsizetype open = body.lastIndexOf('{', relAt);
        at = body.indexOf(href, open < 0 ? relAt : open);
        if (at < 0 || (close >= 0 && at > close))
            return QString();
        keySize = href.size();
    }
    const qsizetype begin = at + keySize - 1; // the opening quote
    qsizetype end = begin + 1;
    while (end < body.size() && body.at(end) != '"')
        end += body.at(end) == '\\' ? 2 : 1;
    if (end >= body.size())
        return QString();
    // Let the JSON parser undo any escapes in the one string.
    const QJsonDocument link =
        QJsonDocument::fromJson('[' + body.mid(begin, end - begin + 1) + ']');
    return ListQuery::pageToken(link.array().at(0).toString());
}

void EntityListModel::onPage(quint64 generation, const QJsonDocument &doc)
{
    if (generation != m_generation)
        return;
    m_request = nullptr;
    const QJsonObject page = doc.object();
    const std::shared_ptr<const Dialect> pageDialect =
        m_connection ? m_connection->adoptDialect(m_kind, page)
                     : std::shared_ptr<const Dialect>(Dialect::forVersion(QStringLiteral("0.28")));
    ApiError envelopeError;
    const QUrl listUrl =
        m_connection ? m_connection->apiUrl(pageDialect->collectionPath(m_kind, m_scope)) : QUrl();
    const QJsonArray items = pageDialect->pageItems(m_kind, page, listUrl, &envelopeError);
    if (envelopeError.isError()) {
        onFailed(generation, envelopeError);
        return;
    }
    ++m_pages;
    const QString token = ListQuery::pageToken(pageDialect->nextLink(page));
    m_pageDialect = pageDialect;
    // Ask for the following page before building this one's rows, so the two overlap (unless
    // the guess from the raw body already did).
    if (m_refreshSeen < 0 && m_fetchCalls >= 2 && !token.isEmpty() && !items.isEmpty() &&
        token != m_readAheadToken)
        startReadAhead(token);

    if (m_refreshSeen >= 0) {
        mergeRefreshedItems(items);
        m_refreshSeen += int(items.size());
        if (m_refreshSeen < m_refreshTarget && !token.isEmpty() && !items.isEmpty()) {
            requestPage(token);
            return;
        }
        const bool reachedEnd = token.isEmpty() || items.isEmpty();
        removeUnseenRows(reachedEnd);
        m_refreshSeen = -1;
        m_nextToken = token;
        setAtEnd(reachedEnd);
        setLoading(false);
        Q_EMIT refreshed();
        return;
    }

    // Known ids update in place (an item that moved between pages); new ids append.
    QList<QJsonObject> fresh;
    QSet<QString> freshIds;
    const int lastColumn = qMax(0, columnCount() - 1);
    for (const QJsonValue &value : items) {
        if (!value.isObject())
            continue; // garbage items are skipped, not fatal
        const QJsonObject item = value.toObject();
        const QString id = itemId(item);
        const int row = id.isEmpty() ? -1 : m_rowById.value(id, -1);
        if (row >= 0) {
            if (updateRow(row, item))
                Q_EMIT dataChanged(index(row, 0), index(row, lastColumn));
        } else if (id.isEmpty() || !freshIds.contains(id)) {
            freshIds.insert(id);
            fresh.append(item);
        }
    }
    if (!fresh.isEmpty()) {
        const int first = storedRows();
        beginInsertRows(QModelIndex(), first, first + int(fresh.size()) - 1);
        for (const QJsonObject &item : std::as_const(fresh)) {
            const QString id = itemId(item);
            if (!id.isEmpty())
                m_rowById.insert(id, storedRows());
            appendRow(item);
        }
        endInsertRows();
    }
    m_pageDialect.reset();

    m_nextToken = token;
    setAtEnd(token.isEmpty() || items.isEmpty());
    setLoading(false);
    Q_EMIT pageLoaded(int(fresh.size()));
}

void EntityListModel::mergeRefreshedItems(const QJsonArray &items)
{
    const int lastColumn = qMax(0, columnCount() - 1);
    for (const QJsonValue &value : items) {
        if (!value.isObject())
            continue;
        const QJsonObject item = value.toObject();
        const QString id = itemId(item);
        if (id.isEmpty() || m_refreshIds.contains(id))
            continue; // an item without an id cannot be matched to a row: it was kept once
        m_refreshIds.insert(id);
        const int row = m_rowById.value(id, -1);
        if (row >= 0) {
            if (updateRow(row, item))
                Q_EMIT dataChanged(index(row, 0), index(row, lastColumn));
            m_refreshPrevRow = row;
            continue;
        }
        // New since the last read: it goes where the server's order puts it, after the item
        // the server listed before it, so a view's other rows (and its selection) stay put.
        const int at = qMin(m_refreshPrevRow + 1, storedRows());
        beginInsertRows(QModelIndex(), at, at);
        insertRowAt(at, item);
        rebuildIndex();
        endInsertRows();
        m_refreshPrevRow = at;
    }
}

void EntityListModel::removeUnseenRows(bool reachedEnd)
{
    // A row the server no longer lists (a revoked record, an entity out of the filter) goes,
    // but only where the refresh looked: up to the last row it saw, or all when it read to the
    // end of the list.
    int limit = -1;
    if (reachedEnd) {
        limit = storedRows() - 1;
    } else {
        for (const QString &id : std::as_const(m_refreshIds))
            limit = qMax(limit, m_rowById.value(id, -1));
    }
    int row = limit;
    while (row >= 0) {
        const auto unseen = [this](int r) {
            const QString id = rowId(r);
            return !id.isEmpty() && !m_refreshIds.contains(id);
        };
        if (!unseen(row)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && unseen(first - 1))
            --first;
        beginRemoveRows(QModelIndex(), first, row);
        removeStoredRows(first, row - first + 1);
        rebuildIndex();
        endRemoveRows();
        row = first - 1;
    }
    m_refreshIds.clear();
}

void EntityListModel::onNameResolved()
{
    const int rows = storedRows();
    if (rows == 0)
        return;
    for (int column : nameColumns())
        Q_EMIT dataChanged(index(0, column), index(rows - 1, column), {Qt::DisplayRole});
}

void EntityListModel::rebuildIndex()
{
    m_rowById.clear();
    const int n = storedRows();
    for (int row = 0; row < n; ++row) {
        const QString id = rowId(row);
        if (!id.isEmpty())
            m_rowById.insert(id, row);
    }
}

void EntityListModel::onFailed(quint64 generation, const ApiError &error)
{
    if (generation != m_generation)
        return;
    m_request = nullptr;
    m_refreshSeen = -1;
    m_lastError = error;
    setLoading(false);
    Q_EMIT errorOccurred(error);
}

void EntityListModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
    if (!loading && m_refreshPending) {
        m_refreshPending = false;
        m_liveTimer.start();
    }
}

void EntityListModel::setAtEnd(bool atEnd)
{
    if (atEnd == m_atEnd)
        return;
    m_atEnd = atEnd;
    Q_EMIT atEndChanged(atEnd);
}

QByteArray EntityListModel::extras(const QJsonObject &item,
                                   std::initializer_list<QLatin1String> known)
{
    // Written straight from the parsed item: building a QJsonObject of the rest and calling
    // QJsonDocument::toJson cost more than everything else in a row's parse.
    // One growing buffer, then an exact-size copy per row: rows are kept by the 100,000, so
    // capacity slack would count in every one of them.
    static thread_local QByteArray out;
    out.resize(0);
    for (auto it = item.constBegin(), end = item.constEnd(); it != end; ++it) {
        const QString key = it.key();
        if (std::find(known.begin(), known.end(), key) != known.end())
            continue;
        out += out.isEmpty() ? '{' : ',';
        appendJson(out, key);
        out += ':';
        appendJson(out, it.value());
    }
    if (out.isEmpty())
        return QByteArray();
    out += '}';
    return QByteArray(out.constData(), out.size());
}

void EntityListModel::mergeExtras(QJsonObject &into, const QByteArray &extras)
{
    if (extras.isEmpty())
        return;
    const QJsonObject rest = QJsonDocument::fromJson(extras).object();
    for (auto it = rest.begin(); it != rest.end(); ++it)
        into.insert(it.key(), it.value());
}

} // namespace ivcap
