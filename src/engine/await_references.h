// A unit of a stream that references others (streams/stream.h `references`)
// starts once the units of those streams this run loads are no longer
// running, so its links find their rows. Units are claimed in plan order
// (the referenced streams first), so it waits only for units already claimed:
// one waiting for a unit no worker is free to claim would never end.
#pragma once

#include "core/error.h"
#include "engine/retrying_session.h"
#include "engine/stream_worker.h"
#include "streams/stream.h"

namespace gb {

Status AwaitReferences(StreamShared& shared, RetryingSession& session, const StreamModule& stream);

}  // namespace gb
