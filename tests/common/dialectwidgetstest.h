#pragma once

#include "dialecttest.h"

#include <QApplication>
#include <QString>
#include <QTest>

// The widgets flavour of IVCAP_DIALECT_TEST_MAIN (dialecttest.h): a UI integration test is one
// fixture class constructed with the dialect ("0.28", "0.48"), run once per dialect under a
// QApplication.
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
