#pragma once

#include <QStringList>

#include <functional>

// A subcommand of ivcap-bench. Each one registers itself from its own file with a static
// BenchCommand, so commands can be added without touching main().
struct BenchCommand
{
    using Run = std::function<int(const QStringList &args)>;
    BenchCommand(const char *name, const char *usage, Run run);

    const char *name;
    const char *usage;
    Run run;

    static const QList<const BenchCommand *> &all();
};

// Peak resident set size of this process in bytes (VmHWM).
qint64 peakRssBytes();
