#pragma once

#include <QtGlobal>

// Fault switches for client tests (all off by default): the sandbox misbehaves the way real
// deployments and networks do, on demand and a countable number of times.
struct Faults
{
    int unavailable = 0;   // answer this many data-URL requests with 503
    qint64 dropAfter = -1; // close a download's connection after this many body bytes
    int dropTimes = 1;     // ... for this many downloads
    int delayMs = 0;       // answer every request this much later

    // True when this request is to be answered with 503 (counts it).
    bool takeUnavailable()
    {
        if (unavailable <= 0)
            return false;
        --unavailable;
        return true;
    }
    // Body bytes after which this download is to be cut off, or -1 (counts it).
    qint64 takeDrop()
    {
        if (dropAfter < 0 || dropTimes <= 0)
            return -1;
        --dropTimes;
        return dropAfter;
    }
};
