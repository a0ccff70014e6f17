// The unit tests run the test TSA in process; tests/CMakeLists.txt globs only this folder, so
// the server's source is compiled here.
#include "tests/tools/tsa/tsa_server.cpp"
