#ifndef JIANBAO_CCMARKGFM_SHIM_H
#define JIANBAO_CCMARKGFM_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
