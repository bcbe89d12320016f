#include "jsonpath.h"

#include <QRegularExpression>

namespace ivcap::jsonpath {

QString escapeToken(QString token)
{
    return token.replace(QLatin1Char('~'), QLatin1String("~0"))
        .replace(QLatin1Char('/'), QLatin1String("~1"));
}

QStringList tokens(const QString &path)
{
    QString p = path;
    if (p.startsWith(QLatin1Char('#')))
        p.remove(0, 1);
    QStringList list;
    if (p.startsWith(QLatin1Char('/'))) {
        list = p.mid(1).split(QLatin1Char('/'));
        for (QString &t : list)
            t = t.replace(QLatin1String("~1"), QLatin1String("/"))
                    .replace(QLatin1String("~0"), QLatin1String("~"));
        return list;
    }
    // Dotted form, for paths typed by people or tools that do not speak JSON pointer.
    if (p.startsWith(QLatin1Char('$')))
        p.remove(0, 1);
    static const QRegularExpression re(
        QStringLiteral(R"re(\[(?:'([^']*)'|"([^"]*)"|([^\]]*))\]|([^.\[]+))re"));
    auto it = re.globalMatch(p);
    while (it.hasNext()) {
        const auto m = it.next();
        for (int g = 1; g <= 4; ++g) {
            if (m.capturedStart(g) >= 0) {
                list.append(m.captured(g));
                break;
            }
        }
    }
    return list;
}

} // namespace ivcap::jsonpath
