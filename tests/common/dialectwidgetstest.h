#pragma once

#include "dialecttest.h"

#include <QApplication>

// IVCAP_DIALECT_TEST_MAIN for widget tests: the same fixture class, constructed with each
// dialect ("0.28", "0.48") and run once per dialect, under a QApplication.
#define IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestClass)                                                 \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        QApplication app(argc, argv);                                                              \
        int status = 0;                                                                            \
        for (const QString &api : sandboxDialects()) {                                             \
            TestClass test(api);                                                                   \
            status |= QTest::qExec(&test, argc, argv);                                             \
        }                                                                                          \
        return status;                                                                             \
    }
