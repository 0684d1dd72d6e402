// LeakSanitizer suppressions for these suites: CBC 2.10 (Debian) leaks row cuts it clones inside its cut
// generators (OsiRowCut::clone, called from CbcMain1); nothing of quhua's. Sanitizer builds read this
// function at start-up; other builds never call it.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return "leak:OsiRowCut::clone\n"
         "leak:libOsi.so\n"
         "leak:libCgl.so\n"
         "leak:libCbc.so\n";
}
