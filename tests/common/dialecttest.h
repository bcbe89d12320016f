#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTest>

// The IVCAP API dialects an integration test runs against: every sandbox-backed core test is
// one fixture class constructed with the dialect ("0.28", "0.48"), run once per dialect, so
// the cases are written once and say where the dialects differ.
inline const QStringList &sandboxDialects()
{
    static const QStringList dialects{QStringLiteral("0.28"), QStringLiteral("0.48")};
    return dialects;
}

// Runs TestClass once per dialect under an application object of class AppClass.
#define IVCAP_DIALECT_TEST_MAIN_WITH(TestClass, AppClass)                                          \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        AppClass app(argc, argv);                                                                  \
        int status = 0;                                                                            \
        for (const QString &api : sandboxDialects()) {                                             \
            TestClass test(api);                                                                   \
            status |= QTest::qExec(&test, argc, argv);                                             \
        }                                                                                          \
        return status;                                                                             \
    }

#define IVCAP_DIALECT_TEST_MAIN(TestClass) IVCAP_DIALECT_TEST_MAIN_WITH(TestClass, QCoreApplication)
