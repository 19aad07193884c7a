#include "cli/app.h"

int main(int argc, char** argv) { return gb::cli::Main(argc, argv); }
