#pragma once

#include <QObject>

namespace ivcap {

// States shared by the upload and download jobs and the queue model.
namespace TransferState {
Q_NAMESPACE
enum State { Queued, Creating, Uploading, Paused, Verifying, Done, Failed, Cancelled };
Q_ENUM_NS(State)

inline bool isFinal(State s)
{
    return s == Done || s == Failed || s == Cancelled;
}
} // namespace TransferState

} // namespace ivcap
