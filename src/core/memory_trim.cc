#include "core/memory_trim.h"

#include <malloc.h>

namespace gb {

void ReturnFreeMemory() { malloc_trim(0); }

}  // namespace gb
