#pragma once
// The verification report as an officer reads it on a terminal: the verdict in Indonesian, the
// fields to compare with the paper (labels in Indonesian), the signer, the registry status and
// every check with its English reason code.

#include <ostream>
#include <string>

#include "engine/verify/verifier.h"

namespace absah::cli {

void print_report_text(std::ostream& out, const std::string& file,
                       const verify::VerificationReport& report);

}  // namespace absah::cli
