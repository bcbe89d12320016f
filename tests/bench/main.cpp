#include "benchcommand.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace {
QList<const BenchCommand *> &registry()
{
    static QList<const BenchCommand *> commands;
    return commands;
}
} // namespace

BenchCommand::BenchCommand(const char *name, const char *usage, Run run)
    : name(name), usage(usage), run(std::move(run))
{
    registry().append(this);
}

const QList<const BenchCommand *> &BenchCommand::all()
{
    return registry();
}

qint64 peakRssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ivcap-bench"));
    QStringList args = app.arguments().mid(1);
    QTextStream err(stderr);
    if (!args.isEmpty()) {
        const QString name = args.takeFirst();
        for (const BenchCommand *command : BenchCommand::all()) {
            if (name == QLatin1String(command->name))
                return command->run(args);
        }
        err << "ivcap-bench: unknown command " << name << "\n";
    }
    err << "usage:\n";
    for (const BenchCommand *command : BenchCommand::all())
        err << "  ivcap-bench " << command->usage << "\n";
    return 2;
}
