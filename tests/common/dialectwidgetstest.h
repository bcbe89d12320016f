#pragma once

#include "dialecttest.h"

#include <QApplication>
#include <QString>
#include <QTest>

// The widgets flavour of IVCAP_DIALECT_TEST_MAIN (dialecttest.h): a UI integration test is one
// fixture class constructed with the dialect ("0.28", "0.48"), run once per dialect under a
// QApplication.
#define IVCAP_DIALECT_WIDGETS_TEST_MAIN(TestClass)                                                 \
    IVCAP_DIALECT_TEST_MAIN_WITH(TestClass, QApplication)
