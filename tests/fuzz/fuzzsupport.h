#pragma once

// Shared set-up of the libFuzzer targets: a QCoreApplication (plugins, translations) and a
// message handler that turns the warnings marking a bug into a crash libFuzzer records.

#include <QCoreApplication>
#include <QString>

#include <cstdio>
#include <cstdlib>

namespace fuzz {

inline void abortOnWarnings(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    // A SQL error means client text changed the shape of a query; a model tester failure or a
    // Q_ASSERT is a broken invariant. Anything else stays a message.
    if (type == QtFatalMsg || message.startsWith(QLatin1String("sql error")) ||
        message.startsWith(QLatin1String("FAIL"))) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        std::abort();
    }
}

inline void init(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    qInstallMessageHandler(abortOnWarnings);
}

// Aborts with a message when an invariant does not hold.
inline void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace fuzz

// Every target starts the same way.
#define IVCAP_FUZZ_INITIALIZE()                                                                    \
    extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)                                   \
    {                                                                                              \
        fuzz::init(argc, argv);                                                                    \
        return 0;                                                                                  \
    }
