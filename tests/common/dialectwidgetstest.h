#pragma once

#include <QApplication>

#include "dialecttest.h"

// IVCAP_DIALECT_TEST_MAIN for widget tests: the same fixture class run once per dialect, under
// a QApplication.
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
