// The median of a few values (rates over a window): the middle one, or the
// mean of the two middle ones.
#pragma once

#include <vector>

namespace gb {

double Median(std::vector<double> values);  // values must not be empty

}  // namespace gb
