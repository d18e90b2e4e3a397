// CLibFuzzer only declares libFuzzer's driver (include/CLibFuzzer.h); this file gives SwiftPM a C target to build.
